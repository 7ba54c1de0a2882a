"""Two people at once in the window, on a server: another connection's edits appear within the
poll with the selection kept, and an edit or undo that meets one asks whose value to keep.

Each test opens the real MainWindow on a fresh server database (tests/servers.py) as "Test
User" and a second Database as the colleague at another desk, with a server login of their own
(the server's change log names the login).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select as sa_select

from app.core.conflicts import Seen
from app.services import items, programmes, progress
from app.store.database import Database
from app.store.models import ChangeLogEntry, Item, Judgement, Symbol
from ui.shell.live import KEEP_MINE, KEEP_THEIRS

import servers
from helpers import shown_window, when_modal


@pytest.fixture
def desks(qtbot, server_url, tmp_path):
    """(window, its Database, Priya's Database, the action's id)."""
    mine = Database.open(server_url, user="Test User")
    programme = programmes.create_programme(mine, "Test plan", quarters_for_years=(2009,)).ids[0]
    objective = items.add_item(mine, programme, None, "Objective one", number="2").ids[0]
    action = items.add_item(mine, programme, objective, "Action one", number="2.3").ids[0]
    window = shown_window(qtbot, mine, tmp_path, ("model", "proxy"))
    theirs = Database.open(servers.colleague_url(server_url), user="Priya Shah")
    yield window, mine, theirs, action
    window.close()
    theirs.close()
    mine.close()


def choose(window, item_id):
    window.tree.select_item(window.proxy.mapFromSource(window.model.index_for(item_id)))


def answer(button_text, seen):
    """Click ``button_text`` on the conflict question, keeping what it asked in ``seen``."""

    def click(box):
        seen.append(box.text())
        [button] = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    when_modal(click)


def asked(db, what):
    """The question as the window words it, from the change log's last entry (today)."""
    with db.reader() as session:
        entry = session.scalar(
            sa_select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc()).limit(1)
        )
    at = dt.datetime.fromisoformat(entry.at).astimezone()
    return f"{servers.COLLEAGUE} changed {what} at {at:%H:%M} — keep yours or keep theirs?"


def title_of(db, item_id):
    with db.reader() as session:
        return session.get(Item, item_id).title


def glyph_of(db, item_id, period_id):
    with db.reader() as session:
        return session.scalar(
            sa_select(Symbol.glyph)
            .join(Judgement, Judgement.symbol_id == Symbol.id)
            .where(Judgement.item_id == item_id, Judgement.period_id == period_id)
        )


def test_another_persons_edits_appear_within_the_poll_and_the_selection_stays(qtbot, desks):
    window, _mine, theirs, action = desks
    choose(window, action)
    assert window.live.timer.isActive()
    items.set_item_text(theirs, action, "title", "Priya's title")
    qtbot.waitUntil(lambda: window.model.row_for(action).title == "Priya's title", timeout=5000)
    assert window.tree.current_item_id() == action
    assert window.detail.title_edit.toPlainText() == "Priya's title"
    # an item added elsewhere: the tree is read again, unfolded and selected as it was
    with theirs.reader() as session:
        objective, programme = session.execute(
            sa_select(Item.parent_id, Item.programme_id).where(Item.id == action)
        ).one()
    added = items.add_item(theirs, programme, objective, "Priya's new action").ids[0]
    qtbot.waitUntil(lambda: window.model.row_for(added) is not None, timeout=5000)
    assert window.tree.current_item_id() == action
    assert window.tree.isExpanded(window.proxy.mapFromSource(window.model.index_for(objective)))
    # the window's own edits are not read back as someone else's
    assert window.live.last_id > 0
    window.commands.items.edit_field(action, "number", "2.4")
    changes = window.commands.reads.changes_since(window.live.last_id)
    assert not changes.any


def test_a_cell_being_edited_is_left_alone_and_its_commit_asks(qtbot, desks):
    window, mine, theirs, action = desks
    choose(window, action)
    view_index = window.proxy.mapFromSource(window.model.index_for(action, 0))
    window.tree.setCurrentIndex(view_index)
    window.tree.edit(view_index)
    editor = window.tree.focusWidget()
    qtbot.waitUntil(lambda: window.tree.state() == window.tree.State.EditingState)
    items.set_item_text(theirs, action, "title", "Priya's title")
    window.live.look()
    assert window.model.row_for(action).title == "Action one"  # left alone while edited
    editor.setText("My title")
    questions = []
    answer(KEEP_MINE, questions)
    window.tree.commit_open_editor()
    assert questions == [asked(mine, "the title of 2.3")]
    assert title_of(mine, action) == "My title"
    assert window.model.row_for(action).title == "My title"


def test_keep_theirs_writes_nothing_and_shows_their_value(qtbot, desks):
    window, mine, theirs, action = desks
    window.live.timer.stop()  # the window has not seen Priya's change yet
    choose(window, action)
    items.set_item_text(theirs, action, "title", "Priya's title")
    questions = []
    answer(KEEP_THEIRS, questions)
    assert window.commands.items.edit_field(action, "title", "My title") is False
    assert questions == [asked(mine, "the title of 2.3")]
    assert title_of(mine, action) == "Priya's title"
    assert window.model.row_for(action).title == "Priya's title"
    assert window.undo_stack.count() == 0


def test_keep_mine_writes_over_theirs_and_its_undo_puts_theirs_back(qtbot, desks):
    window, mine, theirs, action = desks
    window.live.timer.stop()
    items.set_item_text(theirs, action, "title", "Priya's title")
    answer(KEEP_MINE, [])
    assert window.commands.items.edit_field(action, "title", "My title") is True
    assert title_of(mine, action) == "My title"
    window.undo_stack.undo()
    assert title_of(mine, action) == "Priya's title"


@pytest.mark.parametrize("keep", [KEEP_THEIRS, KEEP_MINE])
def test_an_undo_over_another_persons_newer_judgement_asks(qtbot, desks, keep):
    window, mine, theirs, action = desks
    window.live.timer.stop()
    choose(window, action)
    assert window.commands.progress.set_judgement([action], "●")
    period = window.commands.run.scope.period_id
    progress.set_judgement(theirs, action, period, "▲")
    questions = []
    answer(keep, questions)
    window.undo_stack.undo()
    assert questions == [asked(mine, "the judgement of 2.3")]
    if keep == KEEP_THEIRS:
        # not applied, and dropped: it no longer describes the row, and a redo would
        # overwrite Priya's judgement unasked
        assert glyph_of(mine, action, period) == "▲"
        assert window.model.row_for(action).glyph == "▲"
        assert (window.undo_stack.count(), window.undo_stack.index()) == (0, 0)
        assert not window.undo_stack.canRedo()
    else:
        assert glyph_of(mine, action, period) is None
        assert window.model.row_for(action).glyph is None
        assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 0)
        window.undo_stack.redo()  # expects what the undo left: no question
        assert glyph_of(mine, action, period) == "●"


def test_on_a_file_nothing_is_polled_and_edits_are_checked_as_before(qtbot, db, tmp_path):
    programme = programmes.create_programme(db, "Test plan", quarters_for_years=(2009,)).ids[0]
    action = items.add_item(db, programme, None, "Action one", number="1").ids[0]
    window = shown_window(qtbot, db, tmp_path)
    assert not window.live.timer.isActive()
    assert window.commands.items.edit_field(action, "title", "Renamed")
    window.undo_stack.undo()
    window.undo_stack.redo()
    assert title_of(db, action) == "Renamed"
    # what the window saw is what the file holds, so no question is ever asked here
    change = items.set_item_text(db, action, "title", "Again", seen=Seen("Renamed"))
    assert change.old == "Renamed"
    window.close()


def test_a_year_of_periods_added_elsewhere_appears_in_the_period_chooser(qtbot, desks):
    from app.services import periods

    window, _mine, theirs, action = desks
    choose(window, action)
    box = window.choosers.period_box
    before = [box.itemText(i) for i in range(box.count())]
    periods.add_year(theirs, window.programme_id, 2010, "quarters")
    qtbot.waitUntil(lambda: box.count() > len(before), timeout=5000)
    assert "Quarter 1 2010/11" in [box.itemText(i) for i in range(box.count())]
    assert window.tree.current_item_id() == action


def test_an_item_added_elsewhere_that_matches_the_find_box_is_shown(qtbot, desks):
    window, _mine, theirs, action = desks
    qtbot.keyClicks(window.filters.text, "hedgerow")
    qtbot.waitUntil(lambda: window.filters.found.text() == "None found", timeout=3000)
    with theirs.reader() as session:
        objective, programme = session.execute(
            sa_select(Item.parent_id, Item.programme_id).where(Item.id == action)
        ).one()
    added = items.add_item(theirs, programme, objective, "Survey the hedgerows").ids[0]
    qtbot.waitUntil(lambda: window.filters.found.text() == "1 found", timeout=5000)
    shown = window.proxy.mapFromSource(window.model.index_for(added))
    assert shown.isValid(), "the new item matches the words looked for, so it is shown"
