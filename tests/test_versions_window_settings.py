"""Two people at once in the window, on a server, beyond an item's fields: a symbol edited in
the Settings dialog and an item moved in the tree, each meeting the colleague's change made
since the window read it, ask (or say) before anything is written.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select as sa_select
from test_versions_window import answer, choose, desks  # noqa: F401

from app.read.queries import symbols
from app.services import items, settings
from app.store.models import ChangeLogEntry, Item, Symbol
from ui.dialogs.settings import SettingsDialog
from ui.shell.live import KEEP_MINE, KEEP_THEIRS

import servers


def asked(db, did_what: str) -> str:
    with db.reader() as session:
        entry = session.scalar(
            sa_select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc()).limit(1)
        )
    at = dt.datetime.fromisoformat(entry.at).astimezone()
    return f"{servers.COLLEAGUE} {did_what} at {at:%H:%M} — keep yours or keep theirs?"


def test_a_symbol_edited_in_settings_meets_the_colleagues_and_mine_is_kept(qtbot, desks):  # noqa: F811
    window, mine, theirs, _action = desks
    dialog = SettingsDialog(window.commands.reads, window.commands.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    symbol = dialog._symbol_rows[0]
    settings.edit_symbol(theirs, symbol.id, "meaning", "Priya's meaning")
    questions: list[str] = []
    answer(KEEP_MINE, questions)
    dialog.symbols.item(0, 2).setText("My meaning")  # the meaning column
    assert questions == [asked(mine, f"changed the meaning of “{symbol.name}”")]
    with mine.reader() as session:
        assert session.get(Symbol, symbol.id).meaning == "My meaning"
    # undo expects what the step left: it puts back Priya's, unasked
    window.undo_stack.undo()
    with mine.reader() as session:
        assert session.get(Symbol, symbol.id).meaning == "Priya's meaning"
    dialog.close()


def test_a_symbol_edited_in_settings_keeps_the_colleagues_when_asked(qtbot, desks):  # noqa: F811
    window, mine, theirs, _action = desks
    dialog = SettingsDialog(window.commands.reads, window.commands.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    symbol = dialog._symbol_rows[0]
    settings.edit_symbol(theirs, symbol.id, "meaning", "Priya's meaning")
    steps = window.undo_stack.count()
    answer(KEEP_THEIRS, [])
    dialog.symbols.item(0, 2).setText("My meaning")
    qtbot.waitUntil(lambda: dialog.symbols.item(0, 2).text() == "Priya's meaning")
    assert window.undo_stack.count() == steps
    with mine.reader() as session:
        assert symbols(session, window.commands.run.scope.programme_id)[0].meaning == (
            "Priya's meaning"
        )
    dialog.close()


def test_moving_an_item_the_colleague_has_moved_asks_and_theirs_is_kept(qtbot, desks):  # noqa: F811
    window, mine, theirs, action = desks
    choose(window, action)
    with theirs.reader() as session:
        programme = session.get(Item, action).programme_id
    elsewhere = items.add_item(theirs, programme, None, "Objective two", number="3").ids[0]
    items.move_item(theirs, action, elsewhere, 0)
    steps = window.undo_stack.count()
    questions: list[str] = []
    answer(KEEP_THEIRS, questions)
    window.structure.outdent()  # as I saw it: 2.3 under objective 2
    assert questions == [asked(mine, "moved 2.3")]
    assert window.undo_stack.count() == steps
    with mine.reader() as session:
        assert session.get(Item, action).parent_id == elsewhere
    # the tree read again at once, with theirs, and 2.3 still the one chosen
    assert window.model.row_for(action).parent_id == elsewhere
    assert window.tree.current_item_id() == action


def test_deleting_an_item_the_colleague_has_deleted_says_so(qtbot, desks):  # noqa: F811
    window, mine, theirs, action = desks
    choose(window, action)
    items.delete_item(theirs, action)
    errors: list[str] = []
    window.commands.run.errorRaised.connect(errors.append)
    assert not window.commands.items.delete_item(action)
    with mine.reader() as session:
        entry = session.scalar(
            sa_select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc()).limit(1)
        )
    at = dt.datetime.fromisoformat(entry.at).astimezone()
    assert errors == [f"{servers.COLLEAGUE} deleted 2.3 at {at:%H:%M}."]  # today: no date
    qtbot.waitUntil(lambda: window.model.row_for(action) is None, timeout=5000)


def test_renaming_someone_the_colleague_has_renamed_asks_and_theirs_is_shown(qtbot, desks):  # noqa: F811
    from PySide6.QtCore import Qt

    from app.read.people import people as people_rows
    from app.services import people
    from ui.commands.people import PeopleCommands
    from ui.dialogs.people import PeopleDialog

    window, mine, theirs, action = desks
    items.set_responsibility(mine, action, "Rachel Robinson")
    dialog = PeopleDialog(window.commands.reads, PeopleCommands(window.commands.run), window)
    qtbot.addWidget(dialog)
    dialog.show()
    [rachel] = [p for p in dialog.model.people(range(dialog.model.rowCount()))]
    people.edit_person(theirs, rachel.id, "name", "Rachel Robinson-Smith")
    questions: list[str] = []
    answer(KEEP_THEIRS, questions)
    name_cell = dialog.model.index(0, 0)
    assert not dialog.model.setData(name_cell, "R. Robinson", Qt.ItemDataRole.EditRole)
    assert questions == [asked(mine, "changed the name of “Rachel Robinson”")]
    qtbot.waitUntil(lambda: name_cell.data() == "Rachel Robinson-Smith")
    with mine.reader() as session:
        assert [p.name for p in people_rows(session)] == ["Rachel Robinson-Smith"]
    dialog.close()
