"""Two people at once: every editable row's version, and an edit that meets someone else's.

The service tests run on a file and on a server (``both_engines``). On a file another person's
commit is played by the same Database writing as someone else (a file cannot be open for
editing twice); on a server, by a second Database, a connection of its own.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core.conflicts import Seen, question, sentence, when
from app.core.errors import ConflictError
from app.read.kpi_setup import IndicatorSpec
from app.read.people import people as people_rows
from app.services import items, kpi_setup, kpis, people, programmes, progress
from app.store.database import Database
from app.store.models import ChangeLogEntry, Item, Judgement, Milestone, Period

import servers

pytestmark = pytest.mark.both_engines


@pytest.fixture
def plan(db):
    programme = programmes.create_programme(db, "Test plan", quarters_for_years=(2009,)).ids[0]
    objective = items.add_item(db, programme, None, "Objective one", number="2").ids[0]
    action = items.add_item(db, programme, objective, "Action one", number="2.3").ids[0]
    with db.reader() as session:
        q1 = session.scalar(select(Period.id).where(Period.label == "Quarter 1 2009/10"))
    return {"db": db, "programme": programme, "objective": objective, "action": action, "q1": q1}


def as_other(db: Database, name: str = "Priya Shah"):
    """Another person's connection: a second Database on a server, with a login of its own
    (the server's log names the login), the same one renamed on a file (restored by the
    caller's ``finally``)."""
    if db.is_server:
        return Database.open(servers.colleague_url(db._url), user=name)
    db.user = name
    return db


def priya(db: Database) -> str:
    """The other person as the change log names them: their login on a server."""
    return servers.COLLEAGUE if db.is_server else "Priya Shah"


def done_with(db: Database, other: Database) -> None:
    if other is not db:
        other.close()
    db.user = "Test User"


def version_of(db, model, ident):
    with db.reader() as session:
        return session.scalar(select(model.version).where(model.id == ident))


def last_change(db):
    with db.reader() as session:
        return session.scalar(select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc()).limit(1))


def local(at: str) -> dt.datetime:
    return dt.datetime.fromisoformat(at).astimezone()


def said(db, what: str) -> str:
    """The conflict's sentence as the service words it, from the log's last entry."""
    at = local(last_change(db).at)
    return f"{priya(db)} changed {what} at {at:%H:%M} on {at.day} {at:%B} {at.year}."


def refused(db, attempt, what: str) -> ConflictError:
    """``attempt`` raises the conflict, worded exactly, and writes nothing."""
    logged = last_change(db).id
    with pytest.raises(ConflictError) as raised:
        attempt()
    assert str(raised.value) == said(db, what)
    assert last_change(db).id == logged
    return raised.value


def by_other(db, edit) -> None:
    """``edit`` made by the other person (their own connection on a server)."""
    other = as_other(db)
    try:
        edit(other)
    finally:
        done_with(db, other)


def test_every_write_of_a_row_bumps_its_version(plan):
    db, action = plan["db"], plan["action"]
    assert version_of(db, Item, action) == 1
    items.set_item_text(db, action, "title", "Action one, reworded")
    items.set_item_text(db, action, "description", "Why")
    assert version_of(db, Item, action) == 3
    progress.set_judgement(db, action, plan["q1"], "●")
    progress.set_judgement(db, action, plan["q1"], "▲")
    with db.reader() as session:
        assert session.scalar(select(Judgement.version)) == 2
    # a Core update() (a person merged into another) bumps it as the ORM does
    items.set_responsibility(db, action, "Rachel Robinson")
    items.set_responsibility(db, plan["objective"], "R. Robinson")
    before = version_of(db, Item, action)
    with db.reader() as session:
        ids = {p.name: p.id for p in people_rows(session)}
    people.merge_people(db, ids["R. Robinson"], [ids["Rachel Robinson"]])
    assert version_of(db, Item, action) == before + 1


def test_the_same_field_changed_by_someone_else_is_a_conflict_and_nothing_is_written(plan):
    db, action = plan["db"], plan["action"]
    seen = Seen("Action one", version_of(db, Item, action))
    other = as_other(db)
    try:
        items.set_item_text(other, action, "title", "Priya's title")
        theirs = last_change(other)
    finally:
        done_with(db, other)
    logged = last_change(db).id
    with pytest.raises(ConflictError) as raised:
        items.set_item_text(db, action, "title", "My title", seen=seen)
    at = local(theirs.at)
    assert str(raised.value) == (
        f"{priya(db)} changed the title of 2.3 at {at:%H:%M} on {at.day} {at:%B} {at.year}."
    )
    assert (raised.value.user, raised.value.theirs, raised.value.item_id) == (
        priya(db),
        "Priya's title",
        action,
    )
    assert raised.value.at == dt.datetime.fromisoformat(theirs.at)
    with db.reader() as session:
        assert session.get(Item, action).title == "Priya's title"
    assert last_change(db).id == logged  # nothing written, not even to the log
    # Keep Mine: the same edit, now made on theirs
    raised.value.seen.rebase(raised.value.theirs)
    change = items.set_item_text(db, action, "title", "My title", seen=seen)
    assert (change.old, change.new) == ("Priya's title", "My title")


def test_another_field_of_the_same_row_is_not_a_conflict(plan):
    db, action = plan["db"], plan["action"]
    seen = Seen("Action one", version_of(db, Item, action))
    other = as_other(db)
    try:
        items.set_item_text(other, action, "number", "2.4")
    finally:
        done_with(db, other)
    items.set_item_text(db, action, "title", "My title", seen=seen)
    with db.reader() as session:
        item = session.get(Item, action)
        assert (item.number, item.title, item.version) == ("2.4", "My title", 3)


def test_the_same_value_seen_at_an_older_version_is_not_a_conflict(plan):
    db, action = plan["db"], plan["action"]
    items.set_item_text(db, action, "description", "Someone's words")
    items.set_item_text(db, action, "title", "Mine", seen=Seen("Action one", 1))
    assert version_of(db, Item, action) == 3


def test_a_judgement_narrative_milestone_and_actual_each_meet_someone_elses(plan):
    db, action, q1 = plan["db"], plan["action"], plan["q1"]
    progress.set_achievements(db, action, q1, "Started")
    milestone = progress.add_milestone(db, plan["programme"], action, due="Sep 09").ids[0]
    spec = IndicatorSpec(code="NI 14", title="Avoidable contact")
    indicator = kpi_setup.add_indicator(db, plan["programme"], spec).ids[0]
    other = as_other(db)
    try:
        progress.set_judgement(other, action, q1, "▲")
        progress.set_achievements(other, action, q1, "Priya's words")
        progress.edit_milestone(other, milestone, status="reached", fields=frozenset({"status"}))
        kpis.set_result(other, indicator, q1, "actual", "12")
    finally:
        done_with(db, other)
    attempts = {
        "the judgement of 2.3": lambda: progress.set_judgement(
            db, action, q1, "●", seen=Seen(None)
        ),
        "the achievements of 2.3": lambda: progress.set_achievements(
            db, action, q1, "Mine", seen=Seen("Started")
        ),
        "the status of a milestone of 2.3": lambda: progress.edit_milestone(
            db,
            milestone,
            status="open",
            fields=frozenset({"status"}),
            seen=Seen({"status": "open"}),
        ),
        "the actual of NI 14": lambda: kpis.set_result(
            db, indicator, q1, "actual", "10", seen=Seen(None)
        ),
    }
    for what, attempt in attempts.items():
        with pytest.raises(ConflictError) as raised:
            attempt()
        assert raised.value.user == priya(db)
        assert str(raised.value).startswith(f"{priya(db)} changed {what} at "), what
    # the milestone's date is another field: no conflict with its status as seen
    progress.edit_milestone(
        db, milestone, due="Oct 09", fields=frozenset({"due"}), seen=Seen({"due": "Sep 09"})
    )
    with db.reader() as session:
        assert session.get(Milestone, milestone).status == "reached"


def test_an_undo_step_over_several_items_is_put_back_whole_or_not_at_all(plan):
    db, action, q1 = plan["db"], plan["action"], plan["q1"]
    objective = plan["objective"]
    progress.set_judgement(db, objective, q1, "●")
    progress.set_judgement(db, action, q1, "●")
    other = as_other(db)
    try:
        progress.set_judgement(other, action, q1, "▲")
    finally:
        done_with(db, other)
    undo = [(objective, q1, None, False, Seen("●")), (action, q1, None, False, Seen("●"))]
    with pytest.raises(ConflictError, match=rf"^{priya(db)} changed the judgement of 2\.3 at "):
        progress.set_judgements(db, undo)
    with db.reader() as session:
        assert session.scalar(select(Judgement.id).where(Judgement.item_id == objective))


def test_the_wording_of_a_conflict():
    at = dt.datetime(2026, 11, 26, 10, 42, tzinfo=dt.UTC)
    shown = at.astimezone()
    assert when(at, shown.date()) == f"at {shown:%H:%M}"
    assert when(at, shown.date() + dt.timedelta(days=1)) == (
        f"at {shown:%H:%M} on {shown.day} November 2026"
    )
    assert sentence("Priya Shah", "the title of 2.3", None) == (
        "Priya Shah changed the title of 2.3 since you read it."
    )
    error = ConflictError("", user="Priya Shah", at=at, what="the title of 2.3", theirs="x", seen=0)
    assert question(error, shown.date()) == (
        f"Priya Shah changed the title of 2.3 at {shown:%H:%M} — keep yours or keep theirs?"
    )


def test_an_item_without_a_number_is_named_by_the_title_you_saw(plan):
    db, programme = plan["db"], plan["programme"]
    unnumbered = items.add_item(db, programme, plan["objective"], "Review the leases").ids[0]
    seen = Seen("Review the leases", version_of(db, Item, unnumbered))
    other = as_other(db)
    try:
        items.set_item_text(other, unnumbered, "title", "Priya's title")
    finally:
        done_with(db, other)
    with pytest.raises(ConflictError) as raised:
        items.set_item_text(db, unnumbered, "title", "My title", seen=seen)
    assert raised.value.what == "the title of “Review the leases”"
