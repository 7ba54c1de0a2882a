"""Two people at once on a programme's settings and its people: a symbol's field, a level's
name, a summary column, a pledge, a recommendation, a person's name and a merge of someone
just renamed each meet another person's change, said in words with nothing written; a
different field of the same row goes through (the services on a file and on a server)."""

from __future__ import annotations

import pytest
import test_versions
from sqlalchemy import select
from test_versions import by_other, refused

from app.core.conflicts import Seen
from app.read.people import people as people_rows
from app.read.queries import summary_columns, symbols
from app.services import items, people, programmes, settings
from app.services import symbols as symbol_edits
from app.store.models import Level, Pledge, Responsible, Symbol

pytestmark = pytest.mark.both_engines
plan = test_versions.plan  # the same programme, objective 2 and action 2.3


def first_symbol(db, programme):
    with db.reader() as session:
        return symbols(session, programme)[0]


def test_a_symbols_field_changed_by_someone_else_is_a_conflict(plan):
    db, programme = plan["db"], plan["programme"]
    symbol = first_symbol(db, programme)
    by_other(db, lambda other: settings.edit_symbol(other, symbol.id, "colour", "#123456"))
    seen = Seen(symbol.colour, name=symbol.name)
    conflict = refused(
        db,
        lambda: settings.edit_symbol(db, symbol.id, "colour", "#654321", seen=seen),
        f"the colour of “{symbol.name}”",
    )
    assert conflict.theirs == "#123456"
    with db.reader() as session:
        assert session.get(Symbol, symbol.id).colour == "#123456"
    # its meaning is another field: no conflict
    settings.edit_symbol(db, symbol.id, "meaning", "Mine", seen=Seen(symbol.meaning))
    with db.reader() as session:
        assert session.get(Symbol, symbol.id).meaning == "Mine"


def test_a_symbols_name_glyph_shortcut_and_column_are_checked_too(plan):
    db, programme = plan["db"], plan["programme"]
    symbol = first_symbol(db, programme)
    with db.reader() as session:
        columns = [c.name for c in summary_columns(session, programme)]
    theirs_column, my_column = [c for c in columns if c != symbol.column_name][:2]
    changes = {"name": "Priya's", "glyph": "✓", "shortcut": "z", "column": theirs_column}
    mine = {"name": "Mine", "glyph": "✗", "shortcut": "q", "column": my_column}
    for field, value in changes.items():
        shown = first_symbol(db, programme)
        by_other(db, lambda o, f=field, v=value: settings.edit_symbol(o, symbol.id, f, v))
        before = shown.column_name if field == "column" else getattr(shown, field)
        words = settings.SYMBOL_WORDS[field]
        refused(
            db,
            lambda f=field, b=before, s=shown: settings.edit_symbol(
                db, symbol.id, f, mine[f], seen=Seen(b, name=s.name)
            ),
            f"the {words} of “{shown.name}”",
        )


def test_a_levels_name_and_a_pledge_changed_by_someone_else_are_conflicts(plan):
    db, programme = plan["db"], plan["programme"]
    programmes.set_level_name(db, programme, 0, "Objective")
    programmes.set_level_name(db, programme, 1, "Action")
    pledge = settings.add_pledge(db, programme, 3, "Cleaner streets").ids[0]

    def theirs(other):
        programmes.set_level_name(other, programme, 0, "Priority")
        settings.edit_pledge(other, pledge, "Cleaner, safer streets")

    by_other(db, theirs)
    refused(
        db,
        lambda: programmes.set_level_name(db, programme, 0, "Aim", seen=Seen("Objective")),
        "the name of level 1",
    )
    with db.reader() as session:
        assert session.scalar(select(Level.name).where(Level.depth == 0)) == "Priority"
    # the second level was not touched: no conflict
    programmes.set_level_name(db, programme, 1, "Task", seen=Seen("Action"))
    refused(
        db,
        lambda: settings.edit_pledge(db, pledge, "Mine", seen=Seen("Cleaner streets")),
        "the words of pledge 3",
    )
    with db.reader() as session:
        assert session.get(Pledge, pledge).title == "Cleaner, safer streets"


def test_a_summary_columns_name_changed_by_someone_else_is_a_conflict(plan):
    db, programme = plan["db"], plan["programme"]
    with db.reader() as session:
        column = summary_columns(session, programme)[0]
    by_other(db, lambda o: symbol_edits.edit_column(o, column.id, "name", "Priya's column"))
    refused(
        db,
        lambda: symbol_edits.edit_column(
            db, column.id, "name", "Mine", seen=Seen(column.name, name=column.name)
        ),
        f"the name of the column “{column.name}”",
    )
    # its role is another field
    symbol_edits.edit_column(db, column.id, "role", column.role, seen=Seen(column.role))


def people_named(db) -> dict[str, int]:
    with db.reader() as session:
        return {p.name: p.id for p in people_rows(session)}


def test_a_persons_name_changed_by_someone_else_is_a_conflict(plan):
    db, action = plan["db"], plan["action"]
    items.set_responsibility(db, action, "Rachel Robinson")
    rachel = people_named(db)["Rachel Robinson"]
    by_other(db, lambda o: people.edit_person(o, rachel, "name", "Rachel Robinson-Smith"))
    seen = Seen("Rachel Robinson", name="Rachel Robinson")
    refused(
        db,
        lambda: people.edit_person(db, rachel, "name", "R. Robinson", seen=seen),
        "the name of “Rachel Robinson”",
    )
    # her role is another field
    people.edit_person(db, rachel, "role", "Head of Service", seen=Seen(None))
    with db.reader() as session:
        person = session.get(Responsible, rachel)
        assert (person.name, person.role) == ("Rachel Robinson-Smith", "Head of Service")


def test_merging_someone_another_person_has_just_renamed_is_a_conflict(plan):
    db, action, objective = plan["db"], plan["action"], plan["objective"]
    items.set_responsibility(db, action, "Rachel Robinson")
    items.set_responsibility(db, objective, "R. Robinson")
    ids = people_named(db)
    rachel, robinson = ids["Rachel Robinson"], ids["R. Robinson"]
    names = {rachel: "Rachel Robinson", robinson: "R. Robinson"}
    by_other(db, lambda o: people.edit_person(o, robinson, "name", "Ron Robinson"))
    conflict = refused(
        db,
        lambda: people.merge_people(db, rachel, [robinson], seen=Seen(dict(names))),
        "the name of “R. Robinson”",
    )
    assert people_named(db) == {"Rachel Robinson": rachel, "Ron Robinson": robinson}
    # Keep Mine: the merge made on the names as they are now
    conflict.seen.rebase(conflict.theirs)
    people.merge_people(db, rachel, [robinson], seen=conflict.seen)
    assert people_named(db) == {"Rachel Robinson": rachel}


def test_merging_people_whose_roles_someone_changed_is_no_conflict(plan):
    db, action, objective = plan["db"], plan["action"], plan["objective"]
    items.set_responsibility(db, action, "Rachel Robinson")
    items.set_responsibility(db, objective, "R. Robinson")
    ids = people_named(db)
    rachel, robinson = ids["Rachel Robinson"], ids["R. Robinson"]
    by_other(db, lambda o: people.edit_person(o, robinson, "role", "Head of Service"))
    names = {rachel: "Rachel Robinson", robinson: "R. Robinson"}
    people.merge_people(db, rachel, [robinson], seen=Seen(names))
    assert people_named(db) == {"Rachel Robinson": rachel}
