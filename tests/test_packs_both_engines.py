"""Update packs from a programme on a server work exactly as from a file (issue 20, part 6):
each test runs on a file and on the throw-away PostgreSQL server (``both_engines``): make a
pack, fill it in as its holder does (the services on the pack file), take it back (review,
merge, undo), and a tampered one refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app.packs.make import make_packs
from app.packs.merge import merge_pack, unmerge_pack
from app.packs.review import PackRefused, review_pack
from app.read.lookup import people_with_items
from app.services import progress
from app.store.database import Database
from app.store.models import ChangeLogEntry, Judgement, Milestone, Pack, ProgressUpdate, Symbol

from helpers import file_query as query

pytestmark = pytest.mark.both_engines

PROCUREMENT = "Corporate Procurement Manager"
CES, Q1 = 1, 1  # the demo's first programme (seed 002) and its period
OWN = 53  # one of the Corporate Procurement Manager's actions


def state(db: Database, item_id: int) -> tuple[str | None, str | None, list[str]]:
    """An item's Q1 judgement, first narrative and milestone statuses, as ``db`` holds them."""
    with db.reader() as session:
        glyph = session.scalar(
            select(Symbol.glyph)
            .join(Judgement, Judgement.symbol_id == Symbol.id)
            .where(Judgement.item_id == item_id, Judgement.period_id == Q1)
        )
        text = session.scalar(
            select(ProgressUpdate.text)
            .where(ProgressUpdate.item_id == item_id, ProgressUpdate.period_id == Q1)
            .order_by(ProgressUpdate.position)
            .limit(1)
        )
        statuses = list(
            session.scalars(
                select(Milestone.status)
                .where(Milestone.item_id == item_id)
                .order_by(Milestone.position)
            )
        )
    return glyph, text, statuses


def make_pack(demo: Database, folder: Path) -> Path:
    with demo.reader() as session:
        people = {p.name: p.id for p in people_with_items(session, CES)}
    made = make_packs(demo, CES, Q1, folder, people=[people[PROCUREMENT]])
    assert [(m.person, m.items) for m in made] == [(PROCUREMENT, 5)]
    return made[0].path


def test_a_pack_is_made_filled_in_taken_back_and_undone(demo, tmp_path):
    before = state(demo, OWN)
    path = make_pack(demo, tmp_path)
    # The pack holds the holder's part only, with the programme's own ids.
    owned = {r[0] for r in query(path, "SELECT item_id FROM pack_item WHERE owned")}
    assert owned == {53, 55, 57, 59, 61}
    assert query(path, "SELECT label FROM period") == [("Quarter 1 2009/10",)]
    with demo.reader() as session:
        recorded = session.execute(select(Pack.person, Pack.path)).all()
    assert recorded == [(PROCUREMENT, str(path.resolve()))]

    with Database.open(path, user="Pat Buyer") as pack:
        progress.set_judgement(pack, OWN, Q1, "▲")
        progress.set_achievements(pack, OWN, Q1, "The framework is agreed.")
        first = query(path, "SELECT id FROM milestone WHERE item_id = ? ORDER BY position", OWN)
        progress.edit_milestone(pack, first[0][0], status="reached", fields=frozenset({"status"}))

    review = review_pack(demo, path, CES, Q1)
    assert sorted(c.field for c in review.changes) == [
        "achievements",
        "judgement",
        "milestone_status",
    ]
    merged = merge_pack(demo, review, list(review.changes))
    after = state(demo, OWN)
    assert after[:2] == ("▲", "The framework is agreed.")
    assert after[2][0] == "reached"
    with demo.reader() as session:
        logged = set(
            session.scalars(
                select(ChangeLogEntry.user).where(ChangeLogEntry.operation == "merge pack")
            )
        )
    assert PROCUREMENT in logged  # each merged value is logged as the lead's

    unmerge_pack(demo, merged)
    assert state(demo, OWN) == before


def test_a_tampered_pack_is_refused_and_nothing_changes(demo, tmp_path):
    path = make_pack(demo, tmp_path)
    before = state(demo, OWN)
    raw = sqlite3.connect(path)  # edited as a lead with an SQLite tool would
    with raw:
        raw.execute("UPDATE item SET title = 'Something else' WHERE id = ?", (OWN,))
    raw.close()
    with pytest.raises(PackRefused) as refused:
        review_pack(demo, path, CES, Q1)
    assert str(refused.value).startswith(f"“{path.name}” cannot be merged: the title of “Support")
    assert "which a pack cannot change" in str(refused.value)
    assert state(demo, OWN) == before
