"""The write path: validation with exact messages, published periods, the change log."""

import re

import pytest
from sqlalchemy import make_url, select

from app.core.errors import PeriodPublishedError, ValidationError
from app.reports import publication
from app.services import items, programmes, progress
from app.store.models import ChangeLogEntry, Item, Judgement, Milestone, Period

import servers

pytestmark = pytest.mark.both_engines


@pytest.fixture
def plan(db):
    programme = programmes.create_programme(db, "Test plan", quarters_for_years=(2009,)).ids[0]
    objective = items.add_item(db, programme, None, "Objective one", number="1.").ids[0]
    action = items.add_item(
        db, programme, objective, "Action one", responsibility="Head of Customer Services"
    ).ids[0]
    with db.reader() as session:
        periods = {p.label: p.id for p in session.scalars(select(Period))}
    return {
        "db": db,
        "programme": programme,
        "objective": objective,
        "action": action,
        "q1": periods["Quarter 1 2009/10"],
        "q2": periods["Quarter 2 2009/10"],
    }


def log(db, **where):
    with db.reader() as session:
        query = select(ChangeLogEntry).order_by(ChangeLogEntry.id)
        for key, value in where.items():
            query = query.where(getattr(ChangeLogEntry, key) == value)
        return list(session.scalars(query))


def test_generated_quarters(plan):
    with plan["db"].reader() as session:
        rows = session.execute(
            select(Period.label, Period.start, Period.end).order_by(Period.start)
        ).all()
    assert [r.label for r in rows] == [f"Quarter {q} 2009/10" for q in (1, 2, 3, 4)]
    assert str(rows[0].start) == "2009-04-01" and str(rows[0].end) == "2009-06-30"
    assert str(rows[3].start) == "2010-01-01" and str(rows[3].end) == "2010-03-31"


def test_judgement_is_logged_with_old_and_new_value_user_and_time(plan):
    db = plan["db"]
    progress.set_judgement(db, plan["action"], plan["q1"], "●")
    change = progress.set_judgement(db, plan["action"], plan["q1"], "▲")
    assert (change.old, change.new) == ("●", "▲")
    entries = log(db, entity="judgement")
    assert [(e.old_value, e.new_value) for e in entries] == [(None, "●"), ("●", "▲")]
    # On a server the log names the server's login (the audit is the server's word).
    user = "Test User" if db.path is not None else make_url(servers.URL).username
    assert all(e.user == user and e.operation == "set judgement" for e in entries)
    assert entries[0].at.endswith("+00:00") and entries[0].batch < entries[1].batch
    progress.set_judgement(db, plan["action"], plan["q1"], None)
    with db.reader() as session:
        assert session.scalar(select(Judgement)) is None  # not yet judged, unlike "?"
    assert log(db, entity="judgement")[-1].new_value is None


def test_judgement_history_is_kept_per_period(plan):
    db = plan["db"]
    progress.set_judgement(db, plan["action"], plan["q1"], "▲")
    progress.set_judgement(db, plan["action"], plan["q2"], "●")
    with db.reader() as session:
        assert session.scalar(select(Judgement.id).where(Judgement.period_id == plan["q1"]))
        assert len(session.scalars(select(Judgement)).all()) == 2


def test_symbol_outside_the_scheme_is_refused(plan):
    with pytest.raises(ValidationError) as caught:
        progress.set_judgement(plan["db"], plan["action"], plan["q1"], "G")
    assert str(caught.value) == (
        "“G” is not a symbol of this programme’s scheme (Judgement of progress): use *, ●, ▲ or ?."
    )
    assert log(plan["db"], entity="judgement") == []


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "The title cannot be empty."),
        ("   \n ", "The title cannot be empty."),
        (
            "x" * 100_000,
            "The title is too long: 100,000 characters, and the most allowed is 2,000.",
        ),
        ("bell\x07", "The title contains a control character that cannot be stored."),
    ],
)
def test_bad_titles_are_refused_and_nothing_changes(plan, title, message):
    db = plan["db"]
    with pytest.raises(ValidationError) as caught:
        items.set_item_text(db, plan["action"], "title", title)
    assert str(caught.value) == message
    with db.reader() as session:
        assert session.get(Item, plan["action"]).title == "Action one"


def test_narrative_limit(plan):
    with pytest.raises(ValidationError) as caught:
        progress.set_achievements(plan["db"], plan["action"], plan["q1"], "a" * 100_000)
    assert str(caught.value) == (
        "Achievements is too long: 100,000 characters, and the most allowed is 50,000."
    )


def test_no_cycles_in_the_tree(plan):
    db = plan["db"]
    with pytest.raises(ValidationError) as caught:
        items.move_item(db, plan["objective"], plan["action"], 0)
    assert str(caught.value) == (
        "“Objective one” cannot be moved under itself or one of its own sub-items."
    )
    with pytest.raises(ValidationError):
        items.move_item(db, plan["objective"], plan["objective"], 0)


def test_no_cycles_in_dependencies(plan):
    db = plan["db"]
    other = items.add_item(db, plan["programme"], None, "Objective two").ids[0]
    items.add_dependency(db, other, plan["objective"])
    with pytest.raises(ValidationError) as caught:
        items.add_dependency(db, plan["objective"], other)
    assert str(caught.value) == (
        "“Objective two” already depends on “Objective one”, so this would make a circle."
    )


def test_move_reorders_and_logs(plan):
    db = plan["db"]
    second = items.add_item(db, plan["programme"], plan["objective"], "Action two").ids[0]
    items.move_item(db, second, plan["objective"], 0)
    with db.reader() as session:
        titles = session.scalars(
            select(Item.title).where(Item.parent_id == plan["objective"]).order_by(Item.position)
        ).all()
    assert titles == ["Action two", "Action one"]
    assert log(db, operation="move item")[0].new_value == f"{plan['objective']}:0"


def test_delete_and_restore_round_trip(plan):
    db = plan["db"]
    progress.set_judgement(db, plan["action"], plan["q1"], "●")
    progress.add_milestone(db, plan["programme"], plan["action"], due="Sep 09", text="Audit")
    change = items.delete_item(db, plan["objective"])
    with db.reader() as session:
        assert session.scalar(select(Item)) is None
        assert session.scalar(select(Judgement)) is None
    items.restore_item(db, change.old)
    with db.reader() as session:
        assert session.get(Item, plan["action"]).title == "Action one"
        assert session.scalar(select(Judgement.item_id)) == plan["action"]
        assert session.scalar(select(Milestone.due_text)) == "Sep 09"


def test_published_period_refuses_writes_until_reopened(plan):
    db = plan["db"]
    progress.set_judgement(db, plan["action"], plan["q1"], "●")
    publication.publish_period(db, plan["q1"])
    message = (
        "Quarter 1 2009/10 is published, so its report can be reproduced exactly; reopen "
        "it before changing anything in it."
    )
    with pytest.raises(PeriodPublishedError) as caught:
        progress.set_judgement(db, plan["action"], plan["q1"], "▲")
    assert str(caught.value) == message
    with pytest.raises(PeriodPublishedError):
        progress.set_achievements(db, plan["action"], plan["q1"], "Done")
    published = re.escape("it is part of the published report for Quarter 1")
    with pytest.raises(ValidationError, match=published):
        items.delete_item(db, plan["action"])
    progress.set_judgement(db, plan["action"], plan["q2"], "▲")  # other periods stay open
    publication.reopen_period(db, plan["q1"], "A late update.")
    progress.set_judgement(db, plan["action"], plan["q1"], "▲")
    entries = log(db, entity="period")
    assert [(e.field, e.operation) for e in entries[-3:]] == [
        ("published", "publish period"),
        ("published", "reopen period"),
        ("reopened", "reopen period"),
    ]
    assert entries[-3].new_value is not None and entries[-2].new_value is None
    assert entries[-1].new_value == "A late update."


def test_milestone_keeps_words_and_derives_date(plan):
    db = plan["db"]
    change = progress.add_milestone(
        db, plan["programme"], plan["action"], due="Autumn 09", text="Leigh, Stage 1"
    )
    with db.reader() as session:
        milestone = session.get(Milestone, change.ids[0])
    assert (milestone.due_text, str(milestone.due_date), milestone.due_precision) == (
        "Autumn 09",
        "2009-11-30",
        "season",
    )
    with pytest.raises(ValidationError, match=re.escape("“31 June 2009” is not a real date.")):
        progress.edit_milestone(db, change.ids[0], due="31 June 2009")
    with pytest.raises(ValidationError, match=re.escape("a due date, a description, or both")):
        progress.add_milestone(db, plan["programme"], plan["action"])


def test_programme_names_are_unique_ignoring_case(plan):
    with pytest.raises(ValidationError) as caught:
        programmes.create_programme(plan["db"], "TEST PLAN")
    assert str(caught.value) == "There is already a programme called “TEST PLAN” in this file."


def test_absurd_financial_year(plan):
    with pytest.raises(ValidationError) as caught:
        programmes.add_financial_year(plan["db"], plan["programme"], 20009)
    assert str(caught.value) == (
        "20009 is not a plausible financial year: years from 1990 to 2100 are accepted."
    )


def test_unchanged_value_writes_no_log(plan):
    db = plan["db"]
    before = len(log(db))
    items.set_item_text(db, plan["action"], "title", "Action one")
    assert len(log(db)) == before


def test_relationships_refuse_lazy_loading(plan):
    from sqlalchemy.exc import InvalidRequestError

    with plan["db"].reader() as session:
        item = session.get(Item, plan["objective"])
        with pytest.raises(InvalidRequestError, match=re.escape("lazy='raise'")):
            _ = item.children
