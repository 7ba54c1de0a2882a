"""Two people at once on the tree's shape: moving an item someone else has just moved or
deleted, and deleting one someone else has just changed, are said in words and nothing is
written (the services on a file and on a server)."""

from __future__ import annotations

import pytest
import test_versions
from sqlalchemy import select
from test_versions import as_other, done_with, last_change, local, priya

from app.core.conflicts import Seen
from app.core.errors import ConflictError
from app.services import items
from app.store.models import Item

pytestmark = pytest.mark.both_engines
plan = test_versions.plan  # the same programme, objective 2 and action 2.3


def said(db, did: str, what: str) -> str:
    at = local(last_change(db).at)
    return f"{priya(db)} {did} {what} at {at:%H:%M} on {at.day} {at:%B} {at.year}."


def test_moving_an_item_someone_else_has_moved_is_a_conflict(plan):
    db, action, objective = plan["db"], plan["action"], plan["objective"]
    other_objective = items.add_item(db, plan["programme"], None, "Objective two").ids[0]
    seen = Seen(objective, name="2.3")
    other = as_other(db)
    try:
        items.move_item(other, action, other_objective, 0)
    finally:
        done_with(db, other)
    logged = last_change(db).id
    with pytest.raises(ConflictError) as raised:
        items.move_item(db, action, None, 0, seen=seen)
    assert str(raised.value) == said(db, "moved", "2.3")
    assert (raised.value.did, raised.value.gone, raised.value.theirs) == (
        "moved",
        False,
        other_objective,
    )
    assert last_change(db).id == logged
    with db.reader() as session:
        assert session.get(Item, action).parent_id == other_objective
    # Keep Mine: the same move, now made on theirs
    raised.value.seen.rebase(raised.value.theirs)
    items.move_item(db, action, None, 0, seen=seen)
    with db.reader() as session:
        assert session.get(Item, action).parent_id is None


def test_moving_an_item_whose_words_someone_else_changed_is_no_conflict(plan):
    db, action, objective = plan["db"], plan["action"], plan["objective"]
    other = as_other(db)
    try:
        items.set_item_text(other, action, "title", "Priya's title")
    finally:
        done_with(db, other)
    items.move_item(db, action, None, 1, seen=Seen(objective, name="2.3"))
    with db.reader() as session:
        assert session.get(Item, action).parent_id is None


def test_moving_or_deleting_an_item_someone_else_has_deleted_says_so(plan):
    db, action, objective = plan["db"], plan["action"], plan["objective"]
    other = as_other(db)
    try:
        items.delete_item(other, action)
    finally:
        done_with(db, other)
    logged = last_change(db).id
    with pytest.raises(ConflictError) as raised:
        items.move_item(db, action, None, 0, seen=Seen(objective, name="2.3"))
    assert str(raised.value) == said(db, "deleted", "2.3")
    assert (raised.value.gone, raised.value.item_id) == (True, action)
    with pytest.raises(ConflictError) as raised:
        items.delete_item(db, action, seen=Seen(("Action one", "2.3", None, objective), name="2.3"))
    assert str(raised.value) == said(db, "deleted", "2.3")
    assert last_change(db).id == logged


def test_deleting_an_item_someone_else_has_just_changed_is_a_conflict(plan):
    db, action, objective = plan["db"], plan["action"], plan["objective"]
    seen = Seen(("Action one", "2.3", None, objective), name="2.3")
    other = as_other(db)
    try:
        items.set_responsibility(other, action, "Rachel Robinson")
    finally:
        done_with(db, other)
    logged = last_change(db).id
    with pytest.raises(ConflictError) as raised:
        items.delete_item(db, action, seen=seen)
    assert str(raised.value) == said(db, "changed", "2.3")
    assert last_change(db).id == logged
    with db.reader() as session:
        assert session.scalar(select(Item.id).where(Item.id == action)) == action


def test_deleting_an_item_whose_description_someone_else_changed_is_no_conflict(plan):
    db, action, objective = plan["db"], plan["action"], plan["objective"]
    seen = Seen(("Action one", "2.3", None, objective), name="2.3")
    other = as_other(db)
    try:
        items.set_item_text(other, action, "description", "Why")
    finally:
        done_with(db, other)
    items.delete_item(db, action, seen=seen)
    with db.reader() as session:
        assert session.get(Item, action) is None
