"""One text rule for every way text gets into a programme file (issue 12, defect 7).

Control characters, Unicode non-characters (U+FDD0–U+FDEF and every U+nFFFE/U+nFFFF) and lone
surrogates are refused by ``app.core.validation.clean_text`` with a message naming the field and the
character; every service, the JSON import and pack merges use it. Each refusal leaves the file
byte for byte as it was.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.core.errors import ValidationError
from app.core.validation import TEXT_LIMIT, clean_text
from app.interchange.programme_json import import_programme
from app.reports import make_report, renderer
from app.services import items, kpis, programmes, progress, schemes, settings
from app.store.models import (
    Indicator,
    Item,
    Milestone,
    Period,
    Pledge,
    Programme,
    Recommendation,
    Symbol,
)

from helpers import file_query as query

# (character, how the message names it)
UNSTORABLE = [
    ("\ufffe", "U+FFFE"),
    ("\uffff", "U+FFFF"),
    ("\ufdd0", "U+FDD0"),
    ("\ufdef", "U+FDEF"),
    ("\U0001fffe", "U+1FFFE"),
    ("\U0010ffff", "U+10FFFF"),
    ("\ud800", "U+D800"),  # a lone surrogate: half of a pair, with no other half
    ("\udfff", "U+DFFF"),
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def spec() -> dict[str, Any]:
    """A small programme in the import format, with something in every kind of row."""
    return {
        "format": "programme-tracker/programme@1",
        "name": "Test plan",
        "organisation": "Test Council",
        "quarters_for_years": [2009],
        "levels": ["Objective", "Action"],
        "kinds": [{"name": "Priority", "plural": "Priorities"}],
        "pledges": [{"number": 1, "title": "A cleaner borough"}],
        "items": [
            {
                "number": "1.",
                "title": "Objective one",
                "kind": "Priority",
                "children": [
                    {
                        "title": "Action one",
                        "responsibility": "Head of Customer Services",
                        "milestones": [{"due": "Sep 09", "text": "Audit complete"}],
                        "updates": {"Quarter 1 2009/10": [{"text": "Audit started."}]},
                        "judgements": {"Quarter 1 2009/10": "●"},
                    }
                ],
            }
        ],
        "kpi_groups": [
            {
                "name": "Indicators",
                "category": "local",
                "indicators": [
                    {
                        "code": "NI 1",
                        "title": "Avoidable contact",
                        "polarity": "lower",
                        "targets": {"2009": {"value": "25%", "note": "estimate"}},
                        "results": {
                            "Quarter 1 2009/10": {
                                "actual": "24%",
                                "comment": "Better than target.",
                                "status": "◆",
                                "status_reason": "An improvement plan is in place.",
                            }
                        },
                    }
                ],
            }
        ],
        "recommendations": [{"number": "1", "text": "Publish the plan.", "response": "Agreed."}],
        "outcomes": [{"text": "Fewer calls", "target": "10% fewer"}],
        "contacts": [{"name": "Pat Jones", "role": "Programme Manager"}],
        "sections": [{"heading": "Purpose", "text": "Why we do this."}],
    }


@pytest.fixture
def plan(db) -> dict[str, Any]:
    programme = import_programme(db, spec()).ids[0]
    with db.reader() as session:

        def one(model: Any, *where: Any) -> int:
            return session.scalar(select(model.id).where(*where))

        scheme = session.scalar(
            select(Programme.progress_scheme_id).where(Programme.id == programme)
        )
        ids = {
            "db": db,
            "programme": programme,
            "objective": one(Item, Item.title == "Objective one"),
            "action": one(Item, Item.title == "Action one"),
            "q1": one(Period, Period.label == "Quarter 1 2009/10"),
            "milestone": one(Milestone, Milestone.programme_id == programme),
            "pledge": one(Pledge, Pledge.programme_id == programme),
            "recommendation": one(Recommendation, Recommendation.programme_id == programme),
            "indicator": one(Indicator, Indicator.programme_id == programme),
            "symbol": one(Symbol, Symbol.glyph == "●", Symbol.scheme_id == scheme),
        }
    return ids


# --- the rule itself ------------------------------------------------------------------------


@pytest.mark.parametrize(("character", "code"), UNSTORABLE)
def test_a_title_with_a_character_that_cannot_be_stored_is_refused(plan, character, code):
    db = plan["db"]
    before = digest(db.path)
    with pytest.raises(ValidationError) as caught:
        items.set_item_text(db, plan["action"], "title", f"Action {character} one")
    assert str(caught.value) == f"The title contains a character that cannot be stored ({code})."
    assert digest(db.path) == before


def test_c1_control_characters_are_refused_like_the_others(plan):
    db = plan["db"]
    before = digest(db.path)
    with pytest.raises(ValidationError) as caught:
        items.set_item_text(db, plan["action"], "title", "Council\x92s plan")  # cp1252 garbage
    assert str(caught.value) == "The title contains a control character that cannot be stored."
    assert digest(db.path) == before


def test_ordinary_text_including_unusual_but_valid_characters_is_kept_exactly(plan):
    db = plan["db"]
    text = "Café – £1,200 ✓ 😀 \ufffd \ufdcf \ufdf0 \U0001fffd\ttab\nsecond line"
    items.set_item_text(db, plan["action"], "title", text)
    assert query(db.path, "SELECT title FROM item WHERE id = ?", plan["action"]) == [(text,)]


def test_a_surrogate_pair_written_as_two_halves_is_stored_as_its_character(plan):
    db = plan["db"]
    items.set_item_text(db, plan["action"], "title", "Smile \ud83d\ude00")
    assert query(db.path, "SELECT title FROM item WHERE id = ?", plan["action"]) == [("Smile 😀",)]


def test_the_length_is_checked_before_the_characters():
    with pytest.raises(ValidationError) as caught:
        clean_text("\x01" * 60_000, "Achievements", limit=TEXT_LIMIT)
    assert str(caught.value) == (
        "Achievements is too long: 60,000 characters, and the most allowed is 50,000."
    )


def test_a_refused_title_leaves_the_programme_exportable_to_word_and_excel(plan):
    db = plan["db"]
    with pytest.raises(ValidationError):
        items.set_item_text(db, plan["action"], "title", "Action \ufffe one")
    with pytest.raises(ValidationError):
        progress.set_achievements(db, plan["action"], plan["q1"], "Done \uffff.")
    for layout in ("quarterly", "workplan", "project-plan"):
        report = make_report(db, plan["programme"], plan["q1"], layout)
        for fmt in ("docx", "xlsx"):
            assert renderer(fmt)(report)[:2] == b"PK"


# --- every service that stores text -------------------------------------------------------

BAD = "Bad \ufffe text"
MESSAGE = "contains a character that cannot be stored (U+FFFE)."

SERVICE_CALLS = {
    "add item: title": (
        lambda p: items.add_item(p["db"], p["programme"], None, BAD),
        "The title",
    ),
    "add item: number": (
        lambda p: items.add_item(p["db"], p["programme"], None, "T", number=BAD),
        "The number",
    ),
    "add item: description": (
        lambda p: items.add_item(p["db"], p["programme"], None, "T", description=BAD),
        "The description",
    ),
    "add item: responsibility": (
        lambda p: items.add_item(p["db"], p["programme"], None, "T", responsibility=BAD),
        "Responsibility",
    ),
    "edit description": (
        lambda p: items.set_item_text(p["db"], p["action"], "description", BAD),
        "The description",
    ),
    "edit number": (
        lambda p: items.set_item_text(p["db"], p["action"], "number", BAD),
        "The number",
    ),
    "edit responsibility": (
        lambda p: items.set_responsibility(p["db"], p["action"], BAD),
        "Responsibility",
    ),
    "achievements": (
        lambda p: progress.set_achievements(p["db"], p["action"], p["q1"], BAD),
        "Achievements",
    ),
    "add update: text": (
        lambda p: progress.add_update(p["db"], p["action"], p["q1"], BAD),
        "The update",
    ),
    "add update: heading": (
        lambda p: progress.add_update(p["db"], p["action"], p["q1"], "T", heading=BAD),
        "The heading",
    ),
    "add milestone: due": (
        lambda p: progress.add_milestone(p["db"], p["programme"], p["action"], due=BAD),
        "The due date",
    ),
    "add milestone: text": (
        lambda p: progress.add_milestone(p["db"], p["programme"], p["action"], text=BAD),
        "The milestone",
    ),
    "edit milestone": (
        lambda p: progress.edit_milestone(
            p["db"], p["milestone"], text=BAD, fields=frozenset({"text"})
        ),
        "The milestone",
    ),
    "create programme: name": (
        lambda p: programmes.create_programme(p["db"], BAD),
        "The programme’s name",
    ),
    "create programme: organisation": (
        lambda p: programmes.create_programme(p["db"], "New", organisation=BAD),
        "The organisation",
    ),
    "create programme: level": (
        lambda p: programmes.create_programme(p["db"], "New", levels=("Objective", BAD)),
        "A level name",
    ),
    "rename programme": (
        lambda p: programmes.rename_programme(p["db"], p["programme"], BAD),
        "The programme’s name",
    ),
    "rename level": (
        lambda p: programmes.set_level_name(p["db"], p["programme"], 0, BAD),
        "The level name",
    ),
    "add period": (
        lambda p: programmes.add_period(
            p["db"], p["programme"], BAD, dt.date(2009, 4, 1), dt.date(2009, 4, 30)
        ),
        "The period’s name",
    ),
    "symbol name": (
        lambda p: settings.edit_symbol(p["db"], p["symbol"], "name", BAD),
        "The name",
    ),
    "symbol meaning": (
        lambda p: settings.edit_symbol(p["db"], p["symbol"], "meaning", BAD),
        "The meaning",
    ),
    "symbol glyph": (
        lambda p: settings.edit_symbol(p["db"], p["symbol"], "glyph", "\ufffe"),
        "The symbol",
    ),
    "symbol shortcut": (
        lambda p: settings.edit_symbol(p["db"], p["symbol"], "shortcut", "\ufffe"),
        "The shortcut",
    ),
    "add pledge": (
        lambda p: settings.add_pledge(p["db"], p["programme"], 2, BAD),
        "The pledge",
    ),
    "edit pledge": (
        lambda p: settings.edit_pledge(p["db"], p["pledge"], BAD),
        "The pledge",
    ),
    "recommendation text": (
        lambda p: settings.edit_recommendation(p["db"], p["recommendation"], "text", BAD),
        "The recommendation",
    ),
    "recommendation response": (
        lambda p: settings.edit_recommendation(p["db"], p["recommendation"], "response", BAD),
        "The response",
    ),
    "recommendation applies to": (
        lambda p: settings.edit_recommendation(p["db"], p["recommendation"], "applies_to", BAD),
        "Applies to",
    ),
    "recommendation number": (
        lambda p: settings.edit_recommendation(p["db"], p["recommendation"], "number", BAD),
        "The number",
    ),
    "KPI note": (
        lambda p: kpis.set_result(p["db"], p["indicator"], p["q1"], "note", BAD),
        "The note",
    ),
    "KPI comment": (
        lambda p: kpis.set_result(p["db"], p["indicator"], p["q1"], "comment", BAD),
        "The comment",
    ),
    "KPI override reason": (
        lambda p: kpis.set_status_override(p["db"], p["indicator"], p["q1"], "◆", BAD),
        "The reason",
    ),
    "KPI code": (
        lambda p: kpis.set_indicator_field(p["db"], p["indicator"], "code", BAD),
        "The code",
    ),
    "KPI measure": (
        lambda p: kpis.set_indicator_field(p["db"], p["indicator"], "title", BAD),
        "The measure",
    ),
    "KPI responsibility": (
        lambda p: kpis.set_indicator_field(p["db"], p["indicator"], "responsibility", BAD),
        "Responsibility",
    ),
    "KPI actual": (
        lambda p: kpis.set_result(p["db"], p["indicator"], p["q1"], "actual", "25\ufffe%"),
        "A value",
    ),
    "KPI target": (
        lambda p: kpis.set_yearly(p["db"], p["indicator"], "target", 2009, "Baseline\ufffe Year"),
        "A value",
    ),
}


@pytest.mark.parametrize("call", SERVICE_CALLS, ids=list(SERVICE_CALLS))
def test_every_service_that_stores_text_applies_the_rule(plan, call):
    action, label = SERVICE_CALLS[call]
    db = plan["db"]
    before = digest(db.path)
    with pytest.raises(ValidationError) as caught:
        action(plan)
    assert str(caught.value) == f"{label} {MESSAGE}"
    assert digest(db.path) == before


LOOKUPS = {
    "judgement": (
        lambda p: progress.set_judgement(p["db"], p["action"], p["q1"], "\ud800"),
        "The judgement",
    ),
    "kind of item": (
        lambda p: items.add_item(p["db"], p["programme"], None, "T", kind="\ud800"),
        "The kind of item",
    ),
    "progress scheme": (
        lambda p: schemes.template_snapshot("\ud800", "progress"),
        "The scheme",
    ),
    "new programme's scheme": (
        lambda p: programmes.create_programme(p["db"], "New", progress_scheme="\ud800"),
        "The scheme",
    ),
    "KPI status": (
        lambda p: kpis.set_status_override(p["db"], p["indicator"], p["q1"], "\ud800", "Why"),
        "The status",
    ),
}


@pytest.mark.parametrize("call", LOOKUPS, ids=list(LOOKUPS))
def test_a_lone_surrogate_in_a_name_looked_up_is_refused_with_a_message(plan, call):
    """Before: a raw UnicodeEncodeError from the SQLite driver."""
    action, label = LOOKUPS[call]
    db = plan["db"]
    before = digest(db.path)
    with pytest.raises(ValidationError) as caught:
        action(plan)
    assert str(caught.value) == f"{label} contains a character that cannot be stored (U+D800)."
    assert digest(db.path) == before


# --- the JSON import ----------------------------------------------------------------------


def refused_import(db, description: dict[str, Any]) -> str:
    before = digest(db.path)
    with pytest.raises(ValidationError) as caught:
        import_programme(db, description)
    assert digest(db.path) == before
    return str(caught.value)


@pytest.mark.parametrize(("character", "code"), UNSTORABLE)
def test_import_refuses_a_title_that_cannot_be_stored(db, character, code):
    description = spec()
    description["items"][0]["children"][0]["title"] = f"Action {character}"
    assert refused_import(db, description) == (
        f"Item 1 (“Objective one”) › item 1: The title contains a character that cannot be "
        f"stored ({code})."
    )


def test_import_of_json_with_an_escaped_lone_surrogate_is_refused_with_a_message(db):
    text = json.dumps(spec()).replace("Audit started.", "Audit \\ud800 started.")
    description = json.loads(text)
    assert refused_import(db, description) == (
        "Item 1 (“Objective one”) › item 1 (“Action one”): The update contains a character "
        "that cannot be stored (U+D800)."
    )


def _set(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    description = copy.deepcopy(spec())
    here: Any = description
    for key in path[:-1]:
        here = here[key]
    here[path[-1]] = value
    return description


INDICATOR = ("kpi_groups", 0, "indicators", 0)
IMPORT_SIBLINGS = {
    "kind plural": (
        ("kinds", 0, "plural"),
        BAD,
        f"Programme “Test plan”, kind “Priority”: The plural {MESSAGE}",
    ),
    "kind name": (
        ("kinds", 0, "name"),
        BAD,
        f"Programme “Test plan”, kind 1: A kind’s name {MESSAGE}",
    ),
    "level name": (
        ("levels", 1),
        BAD,
        f"Programme “Test plan”, level 2: A level name {MESSAGE}",
    ),
    "pledge title": (
        ("pledges", 0, "title"),
        BAD,
        f"Programme “Test plan”, pledge 1: A pledge’s title {MESSAGE}",
    ),
    "milestone status": (
        ("items", 0, "children", 0, "milestones", 0, "status"),
        "done",
        "Item 1 (“Objective one”) › item 1 (“Action one”), milestone 1: “done” is not a "
        "milestone status (use open or reached).",
    ),
    "KPI group name": (
        ("kpi_groups", 0, "name"),
        BAD,
        f"Programme “Test plan”, indicator group 1: A group’s name {MESSAGE}",
    ),
    "KPI group category": (
        ("kpi_groups", 0, "category"),
        "regional",
        "Programme “Test plan”, indicator group “Indicators”: “regional” is not a group "
        "category (use laa, national or local).",
    ),
    "polarity": (
        (*INDICATOR, "polarity"),
        "up",
        "Programme “Test plan”, indicator “NI 1”: Polarity is “higher” (higher is better) "
        "or “lower”.",
    ),
    "target note": (
        (*INDICATOR, "targets", "2009", "note"),
        BAD,
        f"Programme “Test plan”, indicator “NI 1”, target 2009: The note {MESSAGE}",
    ),
    "status reason": (
        (*INDICATOR, "results", "Quarter 1 2009/10", "status_reason"),
        BAD,
        f"Programme “Test plan”, indicator “NI 1”, Quarter 1 2009/10: The reason {MESSAGE}",
    ),
    "status not in the KPI key": (
        (*INDICATOR, "results", "Quarter 1 2009/10", "status"),
        "▼",
        "Programme “Test plan”, indicator “NI 1”, Quarter 1 2009/10: “▼” is not a symbol of "
        "this programme’s KPI key (use ●, ◆, ▲, ○).",
    ),
    "status without a reason": (
        (*INDICATOR, "results", "Quarter 1 2009/10", "status_reason"),
        None,
        "Programme “Test plan”, indicator “NI 1”, Quarter 1 2009/10: A status set by hand "
        "needs its reason (“status_reason”).",
    ),
    "reason without a status": (
        (*INDICATOR, "results", "Quarter 1 2009/10", "status"),
        None,
        "Programme “Test plan”, indicator “NI 1”, Quarter 1 2009/10: A reason is given but "
        "no status (“status”).",
    ),
    "recommendation number": (
        ("recommendations", 0, "number"),
        BAD,
        f"Programme “Test plan”, recommendation 1: The number {MESSAGE}",
    ),
    "progress scheme name": (
        ("progress_scheme",),
        "\ud800",
        "The scheme contains a character that cannot be stored (U+D800).",
    ),
}


@pytest.mark.parametrize("case", IMPORT_SIBLINGS, ids=list(IMPORT_SIBLINGS))
def test_import_checks_every_value_it_stores(db, case):
    path, value, message = IMPORT_SIBLINGS[case]
    assert refused_import(db, _set(path, value)) == message


def test_the_small_programme_imports_as_written(db):
    """The fixture's spec is valid: each refusal above is due to its one bad value."""
    import_programme(db, spec())
    assert query(db.path, "SELECT plural FROM item_kind") == [("Priorities",)]
    assert query(db.path, "SELECT status_reason FROM kpi_result") == [
        ("An improvement plan is in place.",)
    ]
