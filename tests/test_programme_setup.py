"""Programmes made, copied for next year, deleted and put back; periods added by pattern,
renamed, given new dates and removed. The services, on real files, with exact messages."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from app.core.errors import PeriodPublishedError, ValidationError
from app.core.period_patterns import (
    HALF_YEARS,
    MONTHS,
    QUARTERS,
    month_span,
    next_year_name,
    programme_pattern,
    spans_of,
)
from app.core.programme_plan import LEVEL_PRESETS, SINGLE, PeriodPlan, ProgrammeSpec, SchemeSource
from app.read import programme_facts
from app.reports import publication
from app.services import periods, programme_copy, programme_setup, programmes
from app.services.programme_rows import NOT_OWNED, OWNED_THROUGH
from app.store.models import Base

from helpers import file_query

WIGAN, SALFORD, HOME_WORKING = 1, 3, 4


def whole_file(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table but the change log, as another program reads them."""
    raw = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name != "change_log"
        ]
        return {t: sorted(raw.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        raw.close()


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


# --- patterns and names (pure) --------------------------------------------------------------


def test_each_pattern_makes_a_financial_year_of_periods():
    quarters = spans_of(QUARTERS, 2009)
    assert [(s.label, s.quarter) for s in quarters] == [
        (f"Quarter {q} 2009/10", q) for q in (1, 2, 3, 4)
    ]
    months = spans_of(MONTHS, 2009)
    assert [s.label for s in months][:2] == ["April 2009", "May 2009"]
    assert (months[-1].label, months[-1].start, months[-1].end) == (
        "March 2010",
        dt.date(2010, 3, 1),
        dt.date(2010, 3, 31),
    )
    assert months[10].end == dt.date(2010, 2, 28)
    halves = spans_of(HALF_YEARS, 2009)
    assert [(s.label, s.start, s.end) for s in halves] == [
        ("Half-year 1 2009/10", dt.date(2009, 4, 1), dt.date(2009, 9, 30)),
        ("Half-year 2 2009/10", dt.date(2009, 10, 1), dt.date(2010, 3, 31)),
    ]
    assert {s.financial_year for s in months + halves} == {2009}


def test_a_programmes_pattern_is_read_from_its_latest_years_dates():
    def dates(pattern, year):
        return [(s.start, s.end) for s in spans_of(pattern, year)]

    assert programme_pattern(dates(QUARTERS, 2009) + dates(QUARTERS, 2011)[:1]) == (QUARTERS, 2011)
    assert programme_pattern(dates(HALF_YEARS, 2020)) == (HALF_YEARS, 2020)
    assert programme_pattern([(dt.date(2004, 11, 1), dt.date(2004, 11, 30))]) == (MONTHS, 2004)
    assert programme_pattern([(dt.date(2004, 11, 3), dt.date(2004, 11, 30))]) is None
    assert programme_pattern(dates(QUARTERS, 2009)[:1] + dates(MONTHS, 2009)[5:6]) is None
    assert programme_pattern([]) is None


def test_next_years_name_moves_each_financial_year_on():
    assert next_year_name("Community Plan 2009/10") == "Community Plan 2010/11"
    assert next_year_name("Community Plan 2009-10") == "Community Plan 2010-11"
    assert next_year_name("Plan 2009/2010") == "Plan 2010/2011"
    assert next_year_name("Plan 1999/00") == "Plan 2000/01"
    assert next_year_name("Performance Plan 2009-12") is None  # three years: not one
    assert next_year_name("Working Smarter Programme") is None
    assert month_span("November 2004") == (dt.date(2004, 11, 1), dt.date(2004, 11, 30))
    assert month_span("Quarter 1 2009/10") is None


def test_a_copy_is_offered_a_name_no_programme_has():
    taken = {"Plan 2009/10", "Plan 2010/11", "Other"}
    assert programme_facts.copy_name("Plan 2009/10", taken) == "Plan 2010/11 (copy)"
    assert programme_facts.copy_name("Other", taken) == "Other (copy)"
    assert programme_facts.copy_name("Other", taken | {"other (COPY)"}) == "Other (copy 2)"


# --- a new programme -----------------------------------------------------------------------


@pytest.mark.parametrize("levels", [*LEVEL_PRESETS, ("Recommendation",), ("A", "B", "C", "D")])
def test_a_new_programme_has_the_levels_asked_for(db, levels):
    made = programme_setup.new_programme(db, ProgrammeSpec("Plan", levels=levels))
    assert file_query(
        db.path, "SELECT name FROM level WHERE programme_id = ? ORDER BY depth", made.ids[0]
    ) == [(name,) for name in levels]


@pytest.mark.parametrize(
    ("plan", "labels"),
    [
        (PeriodPlan(QUARTERS, 2026), [f"Quarter {q} 2026/27" for q in (1, 2, 3, 4)]),
        (PeriodPlan(MONTHS, 2026), ["April 2026", "May 2026", "June 2026"]),
        (PeriodPlan(HALF_YEARS, 2026), ["Half-year 1 2026/27", "Half-year 2 2026/27"]),
        (
            PeriodPlan(
                SINGLE, label="November 2004", start=dt.date(2004, 11, 1), end=dt.date(2004, 11, 30)
            ),
            ["November 2004"],
        ),
    ],
)
def test_a_new_programme_has_the_periods_asked_for(db, plan, labels):
    made = programme_setup.new_programme(db, ProgrammeSpec("Plan", periods=plan))
    found = file_query(
        db.path, "SELECT label FROM period WHERE programme_id = ? ORDER BY start", made.ids[0]
    )
    assert [label for (label,) in found][: len(labels)] == labels
    assert made.extra["periods"] == len(found)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (ProgrammeSpec("  "), "The programme’s name cannot be empty."),
        (
            ProgrammeSpec("chief executive services performance plan 2009-12"),
            "There is already a programme called "
            "“chief executive services performance plan 2009-12” in this file.",
        ),
        (
            ProgrammeSpec("Plan", levels=()),
            "A programme needs at least one level (for example “Action”).",
        ),
        (
            ProgrammeSpec("Plan", levels=("A", "B", "C", "D", "E")),
            "A programme can have at most 4 levels; this one has 5. Remove one.",
        ),
        (
            ProgrammeSpec("Plan", periods=PeriodPlan(QUARTERS, 20026)),
            "20026 is not a plausible financial year: years from 1990 to 2100 are accepted.",
        ),
        (
            ProgrammeSpec(
                "Plan",
                periods=PeriodPlan(
                    SINGLE, label="Autumn", start=dt.date(2004, 11, 30), end=dt.date(2004, 9, 1)
                ),
            ),
            "“Autumn” cannot end (1 September 2004) before it starts (30 November 2004).",
        ),
        (
            ProgrammeSpec(
                "Plan",
                periods=PeriodPlan(
                    SINGLE, label="Old", start=dt.date(1901, 11, 1), end=dt.date(1901, 11, 30)
                ),
            ),
            "1 November 1901 is not a plausible date for a reporting period: years from 1990 "
            "to 2100 are accepted.",
        ),
        (
            ProgrammeSpec("Plan", progress_scheme=SchemeSource("Performance against target")),
            "There is no scheme for judging progress called “Performance against target” "
            "(there are: “Judgement of progress”, “RAG”, “Red, amber, green”, "
            "“Status with RAG”, “Delivery confidence”).",
        ),
    ],
)
def test_a_new_programme_is_refused_with_a_sentence_and_nothing_written(demo, spec, message):
    before = whole_file(demo.path)
    assert refused(programme_setup.new_programme, demo, spec) == message
    assert whole_file(demo.path) == before


def test_a_new_programme_can_start_with_another_programmes_tree(demo):
    spec = ProgrammeSpec(
        "Home working, phase 2",
        levels=("Work package", "Stage", "Action"),
        structure_from=HOME_WORKING,
        progress_scheme=SchemeSource(programme_id=WIGAN),
        kpi_scheme=None,
    )
    new = programme_setup.new_programme(demo, spec).ids[0]
    item = "SELECT number, title, description, kind_id IS NOT NULL, responsible_id FROM item "
    assert sorted(file_query(demo.path, item + "WHERE programme_id = ?", new), key=repr) == sorted(
        file_query(demo.path, item + "WHERE programme_id = ?", HOME_WORKING), key=repr
    )
    milestones = "SELECT due_text, text, status FROM milestone WHERE item_id IN "
    milestones += "(SELECT id FROM item WHERE programme_id = ?)"
    assert sorted(file_query(demo.path, milestones, new), key=repr) == sorted(
        file_query(demo.path, milestones, HOME_WORKING), key=repr
    )
    assert file_query(
        demo.path,
        "SELECT count(*) FROM dependency WHERE item_id IN "
        "(SELECT id FROM item WHERE programme_id = ?)",
        new,
    ) == [(3,)]
    assert file_query(
        demo.path,
        "SELECT count(*) FROM judgement WHERE item_id IN "
        "(SELECT id FROM item WHERE programme_id = ?)",
        new,
    ) == [(0,)]
    # The tree's parents are the copies, not the originals.
    assert file_query(
        demo.path,
        "SELECT count(*) FROM item c JOIN item p ON p.id = c.parent_id "
        "WHERE c.programme_id = ? AND p.programme_id <> c.programme_id",
        new,
    ) == [(0,)]
    # Its schemes are its own copies: Wigan's key for judgements, no key for indicators.
    assert file_query(
        demo.path,
        "SELECT s.name, p.kpi_scheme_id FROM programme p JOIN symbol_scheme s "
        "ON s.id = p.progress_scheme_id WHERE p.id = ?",
        new,
    ) == [("Judgement of progress", None)]
    schemes = file_query(demo.path, "SELECT progress_scheme_id FROM programme")
    assert len(set(schemes)) == len(schemes)


# --- delete and put back --------------------------------------------------------------------


def test_every_table_has_a_rule_for_which_rows_a_programme_owns():
    for table in Base.metadata.sorted_tables:
        assert (
            table.name in NOT_OWNED
            or table.name in OWNED_THROUGH
            or "programme_id" in table.c
            or table.name in ("programme", "symbol_scheme")
        ), table.name


def test_delete_takes_everything_and_restore_puts_it_back_with_the_same_ids(demo):
    before = whole_file(demo.path)
    contents = programme_facts.contents(demo, WIGAN)
    assert contents.summary == (
        "90 items, 46 judgements, 46 achievements, 89 milestones, 25 indicators with "
        "13 results and 12 periods"
    )
    deleted = programme_setup.delete_programme(demo, WIGAN)
    for table in ("programme", "item", "period", "indicator", "report", "level"):
        where = "id" if table == "programme" else "programme_id"
        assert file_query(demo.path, f"SELECT count(*) FROM {table} WHERE {where} = 1") == [(0,)]
    assert file_query(demo.path, "SELECT count(*) FROM judgement") == [(0,)]
    assert file_query(demo.path, "SELECT count(*) FROM symbol_scheme WHERE id IN (1, 2)") == [(0,)]
    programme_setup.restore_programme(demo, deleted.old)
    assert whole_file(demo.path) == before
    # and again, as redo does after undo
    again = programme_setup.delete_programme(demo, WIGAN)
    programme_setup.restore_programme(demo, again.old)
    assert whole_file(demo.path) == before
    assert (
        file_query(
            demo.path,
            "SELECT operation, field, old_value, new_value FROM change_log "
            "WHERE entity = 'programme' AND field = 'deleted' ORDER BY id",
        )
        == [
            (
                "delete programme",
                "deleted",
                "Chief Executive Services Performance Plan 2009-12",
                None,
            ),
            (
                "restore programme",
                "deleted",
                None,
                "Chief Executive Services Performance Plan 2009-12",
            ),
        ]
        * 2
    )


def test_a_tree_whose_child_is_older_than_its_parent_comes_back_whole(demo):
    """An item moved under a newer one has the smaller id: it must go back after it."""
    from app.services import items

    newer = items.add_item(demo, HOME_WORKING, None, "Newer parent").ids[0]
    items.move_item(demo, 200, newer, 0)  # an older item under a newer one
    before = whole_file(demo.path)
    deleted = programme_setup.delete_programme(demo, HOME_WORKING)
    programme_setup.restore_programme(demo, deleted.old)
    assert whole_file(demo.path) == before


@pytest.mark.both_engines
def test_a_programme_is_not_put_back_over_one_that_took_its_name(demo):
    deleted = programme_setup.delete_programme(demo, SALFORD)
    programme_setup.new_programme(
        demo, ProgrammeSpec("CABINET WORKPLAN 2004-05: Corporate Services Directorate")
    )
    assert refused(programme_setup.restore_programme, demo, deleted.old) == (
        "“Cabinet Workplan 2004-05: Corporate Services Directorate” cannot be put back: "
        "another programme is now called "
        "“CABINET WORKPLAN 2004-05: Corporate Services Directorate”."
    )


# --- duplicate for next year ----------------------------------------------------------------


def test_duplicate_for_next_year_keeps_the_plan_and_none_of_the_record(demo):
    plan = programme_facts.duplicate_plan(demo, WIGAN)
    assert plan == programme_facts.DuplicatePlan(
        "Chief Executive Services Performance Plan 2009-12 (copy)", "the quarters of 2012/13"
    )
    made = programme_copy.duplicate_programme(demo, WIGAN, "Performance Plan 2012/13")
    new = made.ids[0]
    assert made.extra == {"items": 90, "periods": 4}

    def rows(sql: str, programme: int) -> list[tuple]:
        return sorted(file_query(demo.path, sql, programme), key=repr)

    tree = (
        "SELECT i.number, i.title, i.description, k.name, r.name, p.title FROM item i "
        "LEFT JOIN item_kind k ON k.id = i.kind_id LEFT JOIN responsible r "
        "ON r.id = i.responsible_id LEFT JOIN item p ON p.id = i.parent_id "
        "WHERE i.programme_id = ?"
    )
    assert rows(tree, new) == rows(tree, WIGAN)
    milestones = "SELECT due_text, text, status FROM milestone WHERE programme_id = ?"
    assert rows(milestones, new) == rows(milestones, WIGAN)
    levels = "SELECT depth, name FROM level WHERE programme_id = ?"
    assert rows(levels, new) == rows(levels, WIGAN)
    targets = (
        "SELECT i.code, t.financial_year, t.value_text FROM kpi_target t "
        "JOIN indicator i ON i.id = t.indicator_id WHERE i.programme_id = ?"
    )
    assert rows(targets, new) == rows(targets, WIGAN)
    for record in ("judgement", "progress_update"):
        assert file_query(
            demo.path,
            f"SELECT count(*) FROM {record} WHERE item_id IN "
            "(SELECT id FROM item WHERE programme_id = ?)",
            new,
        ) == [(0,)]
    assert file_query(
        demo.path,
        "SELECT count(*) FROM kpi_result WHERE indicator_id IN "
        "(SELECT id FROM indicator WHERE programme_id = ?)",
        new,
    ) == [(0,)]
    assert file_query(
        demo.path, "SELECT label FROM period WHERE programme_id = ? ORDER BY start", new
    ) == [(f"Quarter {q} 2012/13",) for q in (1, 2, 3, 4)]
    # Its schemes are copies: the same symbols, its own rows.
    old_schemes, new_schemes = (
        file_query(
            demo.path, "SELECT progress_scheme_id, kpi_scheme_id FROM programme WHERE id = ?", p
        )[0]
        for p in (WIGAN, new)
    )
    assert set(old_schemes).isdisjoint(new_schemes)
    symbols = (
        "SELECT glyph, name, colour, shortcut FROM symbol WHERE scheme_id = ? ORDER BY position"
    )
    for old, copy in zip(old_schemes, new_schemes, strict=True):
        assert file_query(demo.path, symbols, copy) == file_query(demo.path, symbols, old)


def test_duplicate_of_a_monthly_programme_makes_next_years_months(demo):
    plan = programme_facts.duplicate_plan(demo, SALFORD)
    assert plan.periods == "the months of 2005/06"
    new = programme_copy.duplicate_programme(demo, SALFORD, plan.name).ids[0]
    labels = file_query(demo.path, "SELECT label FROM period WHERE programme_id = ?", new)
    assert len(labels) == 12 and ("April 2005",) in labels and ("March 2006",) in labels
    assert file_query(
        demo.path,
        "SELECT count(*) FROM item_pledge WHERE item_id IN "
        "(SELECT id FROM item WHERE programme_id = ?)",
        new,
    ) == file_query(
        demo.path,
        "SELECT count(*) FROM item_pledge WHERE item_id IN "
        "(SELECT id FROM item WHERE programme_id = ?)",
        SALFORD,
    )


@pytest.mark.both_engines
def test_a_programme_of_its_own_periods_is_copied_with_none(demo):
    periods.rename_period(demo, 13, "Late November 2011")  # Walsall's one period
    periods.set_period_dates(demo, 13, dt.date(2011, 11, 15), dt.date(2011, 11, 30))
    assert programme_facts.duplicate_plan(demo, 2) == programme_facts.DuplicatePlan(
        "Working Smarter Programme (copy)", None
    )
    made = programme_copy.duplicate_programme(demo, 2, "Working Smarter Programme (copy)")
    assert made.extra["periods"] == 0


@pytest.mark.both_engines
def test_duplicate_refuses_a_taken_name(demo):
    assert refused(
        programme_copy.duplicate_programme, demo, WIGAN, "Working Smarter programme"
    ) == ("There is already a programme called “Working Smarter programme” in this file.")


# --- periods --------------------------------------------------------------------------------


@pytest.mark.both_engines
def test_a_year_of_months_or_half_years_is_added_once(db):
    programme = programmes.create_programme(db, "Plan").ids[0]
    added = periods.add_year(db, programme, 2026, MONTHS)
    assert len(added.ids) == 12
    assert refused(periods.add_year, db, programme, 2026, MONTHS) == (
        "The months of 2026/27 are already there."
    )
    assert len(periods.add_year(db, programme, 2026, HALF_YEARS).ids) == 2


@pytest.mark.both_engines
def test_rename_refuses_a_name_another_period_has_ignoring_case(demo):
    assert refused(periods.rename_period, demo, 1, "quarter 2 2009/10") == (
        "This programme already has a period called “quarter 2 2009/10”."
    )
    assert refused(periods.rename_period, demo, 1, " ") == "The period’s name cannot be empty."
    change = periods.rename_period(demo, 1, "Q1 2009/10")
    assert (change.old, change.new) == ("Quarter 1 2009/10", "Q1 2009/10")


def test_new_dates_move_a_period_and_undo_puts_back_its_quarter(demo):
    change = periods.set_period_dates(demo, 2, dt.date(2009, 3, 1), dt.date(2009, 3, 31))
    assert file_query(demo.path, "SELECT quarter, financial_year FROM period WHERE id = 2") == [
        (None, 2008)
    ]
    order = file_query(
        demo.path, "SELECT id FROM period WHERE programme_id = 1 ORDER BY start LIMIT 2"
    )
    assert order == [(2,), (1,)]
    periods.put_period_dates(demo, 2, change.old)
    assert file_query(
        demo.path, 'SELECT start, "end", quarter, financial_year FROM period WHERE id = 2'
    ) == [("2009-07-01", "2009-09-30", 2, 2009)]
    assert refused(
        periods.set_period_dates, demo, 2, dt.date(2009, 9, 30), dt.date(2009, 7, 1)
    ) == ("“Quarter 2 2009/10” cannot end (1 July 2009) before it starts (30 September 2009).")


@pytest.mark.both_engines
def test_a_published_period_keeps_its_name_and_dates(demo):
    publication.publish_period(demo, 1)
    with pytest.raises(PeriodPublishedError):
        periods.rename_period(demo, 1, "Q1")
    with pytest.raises(PeriodPublishedError):
        periods.set_period_dates(demo, 1, dt.date(2009, 4, 2), dt.date(2009, 6, 30))
    assert refused(programmes.delete_period, demo, 1) == (
        "Quarter 1 2009/10 is published and cannot be removed."
    )


def test_removing_a_used_period_is_refused_naming_what_uses_it(demo):
    assert refused(programmes.delete_period, demo, 1) == (
        "Quarter 1 2009/10 cannot be removed: 46 judgements, 46 achievements, 13 KPI results "
        "and 1 report use it."
    )
    assert refused(programmes.delete_period, demo, 13) == (
        "November 2011 cannot be removed: 17 achievements and 1 report use it."
    )
    unused = programmes.delete_period(demo, 5)
    assert file_query(demo.path, "SELECT count(*) FROM period WHERE id = 5") == [(0,)]
    programmes.restore_period(demo, unused.old)
    assert file_query(demo.path, "SELECT label FROM period WHERE id = 5") == [
        ("Quarter 1 2010/11",)
    ]


def test_one_use_is_said_in_the_singular(db):
    from app.services import items, progress

    programme = programmes.create_programme(db, "Plan", quarters_for_years=(2026,)).ids[0]
    action = items.add_item(db, programme, None, "Action").ids[0]
    q1 = file_query(db.path, "SELECT id FROM period WHERE label = 'Quarter 1 2026/27'")[0][0]
    progress.set_judgement(db, action, q1, "●")
    assert refused(programmes.delete_period, db, q1) == (
        "Quarter 1 2026/27 cannot be removed: 1 judgement uses it."
    )


@pytest.mark.both_engines
def test_settings_cannot_add_a_fifth_level(db):
    programme = programmes.create_programme(db, "Plan", levels=("A", "B", "C", "D")).ids[0]
    assert refused(programmes.set_level_name, db, programme, 4, "E") == (
        "A programme can have at most 4 levels."
    )
    assert programmes.set_level_name(db, programme, 3, "Task").new == "Task"
