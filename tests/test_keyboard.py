"""The window by keyboard alone: Tab goes round every control and out of every table, each
command shows its key and no two share one, and the tree has a context menu (right-click,
the Menu key, Shift+F10) with the commands used on a row."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ui.shell.main_window import MainWindow

from helpers import file_query, shown_window

Q1 = "Quarter 1 2009/10"


@pytest.fixture
def window(qtbot, demo, tmp_path):
    return shown_window(qtbot, demo, tmp_path)


def focus_target(widget: QWidget) -> QWidget:
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def tab_stops(win: MainWindow) -> set[QWidget]:
    """Every control of the window that Tab should stop at, as Qt would give it focus."""
    return {
        focus_target(widget)
        for widget in win.findChildren(QWidget)
        if widget.isVisible()
        and widget.isEnabled()
        and widget.window() is win
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    }


def walk(qtbot, start: QWidget, key_modifier=Qt.KeyboardModifier.NoModifier) -> list[QWidget]:
    """Tab (or Shift+Tab) from ``start`` until the focus comes back to it."""
    start.setFocus()
    seen: list[QWidget] = []
    for _ in range(80):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, key_modifier)
        widget = QApplication.focusWidget()
        if widget is start:
            return seen
        seen.append(widget)
    raise AssertionError(
        "Tab never came back to the tree; it went "
        + ", ".join(f"{type(w).__name__} {w.accessibleName()}" for w in seen[-10:])
    )


def select_row(win: MainWindow, qtbot, title_start: str) -> int:
    for item_id in win.model.item_ids():
        if win.model.row_for(item_id).title.startswith(title_start):
            win.tree.select_item(win.proxy.mapFromSource(win.model.index_for(item_id)))
            win.tree.setFocus()
            qtbot.wait(1)
            return item_id
    raise AssertionError(title_start)


# --- Tab ---------------------------------------------------------------------------------------


def test_tab_goes_round_every_control_of_the_window_in_reading_order(window, qtbot):
    detail = window.detail
    seen = walk(qtbot, window.tree)
    assert len(seen) == len(set(seen)), "Tab stopped twice at one control"
    assert set(seen) | {window.tree} == tab_stops(window)
    filters = window.filters
    in_order = [
        detail.number,
        detail.title_edit,
        detail.responsibility,
        detail.description,
        detail.achievements,
        detail.milestone_view,
        detail.add_milestone_button,
        detail.remove_milestone_button,
        detail.history,  # and out of it again: it used to keep Tab for its cells
        window.programme_box,
        window.period_box,
        filters.text,
        filters.responsible,
        filters.judgement,
        filters.overdue,
        filters.clear_button,
        window.tabs.tabBar(),
    ]
    positions = [seen.index(widget) for widget in in_order]
    assert positions == sorted(positions)
    assert seen[-1] is window.tabs.tabBar()  # …and the tree after it, where we began

    backwards = walk(qtbot, window.tree, Qt.KeyboardModifier.ShiftModifier)
    assert backwards == list(reversed(seen))


def test_tab_leaves_the_history_and_milestone_tables(window, qtbot):
    select_row(window, qtbot, "Develop unified Learning")
    detail = window.detail
    assert detail.history.rowCount() > 1
    for table in (detail.history, detail.milestone_view):
        table.setFocus()
        table.setCurrentIndex(table.model().index(0, 0))
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not table


def test_the_filter_bar_by_keyboard_alone(window, qtbot):
    qtbot.keyClick(window.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    filters = window.filters
    assert QApplication.focusWidget() is filters.text
    qtbot.keyClick(filters.text, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is filters.responsible
    qtbot.keyClick(filters.responsible, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is filters.judgement
    not_judged = filters.judgement.findText("Not yet judged")
    for _ in range(not_judged):
        qtbot.keyClick(filters.judgement, Qt.Key.Key_Down)
    assert filters.judgement.currentText() == "Not yet judged"
    assert window.proxy.is_filtering()
    qtbot.keyClick(filters.judgement, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is filters.overdue
    qtbot.keyClick(filters.overdue, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is filters.clear_button
    qtbot.keyClick(filters.clear_button, Qt.Key.Key_Space)
    assert filters.judgement.currentIndex() == 0 and not window.proxy.is_filtering()


# --- keys in the menus -----------------------------------------------------------------------


def menu_bar_actions(win: MainWindow) -> dict[str, QAction]:
    """Every command of the menu bar by its menu and text, the mnemonics taken out."""
    found: dict[str, QAction] = {}

    def visit(menu: QMenu, path: str) -> None:
        menu.aboutToShow.emit()  # the Indicators menu fills itself when it opens
        for action in menu.actions():
            if action.isSeparator():
                continue
            name = f"{path} ▸ {action.text().replace('&', '').split(chr(9))[0]}"
            if action.menu() is not None:
                visit(action.menu(), name)
            else:
                found[name] = action

    for top in win.menuBar().actions():
        visit(top.menu(), top.text().replace("&", ""))
    return found


def test_common_commands_show_their_keys_in_the_menus(window):
    actions = menu_bar_actions(window)
    keys = {
        name: action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for name, action in actions.items()
    }
    expected = {
        "File ▸ New…": "Ctrl+N",
        "File ▸ Open…": "Ctrl+O",
        "File ▸ Export…": "Ctrl+E",
        "File ▸ Import…": "Ctrl+I",
        "File ▸ Make Update Packs…": "Ctrl+Shift+M",
        "File ▸ Merge Update Pack…": "Ctrl+M",
        "Edit ▸ Undo": "Ctrl+Z",
        "Edit ▸ Redo": "Ctrl+Y",
        "Edit ▸ Add Item Below": "Ins",
        "Edit ▸ Add Sub-item": "Ctrl+Ins",
        "Edit ▸ Edit Title": "F2",
        "Edit ▸ Delete Item…": "Ctrl+Del",
        "Edit ▸ Move Up": "Alt+Shift+Up",
        "Edit ▸ Move Down": "Alt+Shift+Down",
        "Edit ▸ Indent": "Alt+Shift+Right",
        "Edit ▸ Outdent": "Alt+Shift+Left",
        "Edit ▸ Find…": "Ctrl+F",
        "View ▸ Undo History": "Ctrl+H",
        "View ▸ Expand All": "Ctrl+Shift+E",
        "View ▸ Collapse All": "Ctrl+Shift+C",
        "Programme ▸ Settings…": "Ctrl+,",
        "Programme ▸ People…": "Ctrl+Shift+P",
        "Programme ▸ Report Details…": "Ctrl+Shift+D",
        "Programme ▸ Recommendations…": "Ctrl+Shift+R",
        "Indicators ▸ Add Indicator…": "Ctrl+Shift+I",
        "Indicators ▸ Add Group…": "Ctrl+Shift+G",
    }
    assert {name: keys.get(name) for name in expected} == expected
    # A judgement is set by its own letter: each entry of the submenu says which.
    judgements = [name for name in actions if name.startswith("Edit ▸ Set Judgement ▸ ")]
    assert len(judgements) >= 4
    for action in window.menus.judgement_menu.actions():
        if not action.isSeparator():
            text, _, key = action.text().partition("\t")
            assert key.strip(), text


def test_no_two_commands_share_a_key(window):
    """A key pressed where two actions answer it does nothing at all (Qt calls it
    ambiguous), so each key is one command's; a key may be used again only by commands
    that belong to different views (the tree's Ctrl+Del and the indicators' Ctrl+Del)."""
    window.menus.judgement_menu.aboutToShow.emit()
    for menu in window.menuBar().findChildren(QMenu):
        menu.aboutToShow.emit()
    owners: dict[str, list[tuple[QAction, object]]] = defaultdict(list)
    actions = set(window.findChildren(QAction))
    for widget in window.findChildren(QWidget):
        actions.update(widget.actions())
    for action in actions:
        for keys in action.shortcuts():
            if keys.isEmpty():
                continue
            if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut:
                where: object = "window"
            else:
                where = tuple(sorted(id(w) for w in action.associatedObjects()))
            owners[keys.toString(QKeySequence.SequenceFormat.PortableText)].append((action, where))
    assert len(owners) > 25  # the menu bar's, the tree's, the indicators'
    clashes = {}
    for keys, users in owners.items():
        places = [where for _, where in users]
        if ("window" in places and len(users) > 1) or len(set(places)) < len(places):
            clashes[keys] = [action.text() for action, _ in users]
    assert clashes == {}


# --- the tree's context menu -----------------------------------------------------------------


def texts(menu: QMenu) -> list[str]:
    return [
        action.text().replace("&", "").split("\t")[0]
        for action in menu.actions()
        if not action.isSeparator()
    ]


def test_context_menu_by_right_click_offers_the_row_commands(window, qtbot, demo_path):
    item_id = select_row(window, qtbot, "Develop unified Learning")
    tree = window.tree
    rect = tree.visualRect(tree.currentIndex())
    viewport = tree.viewport()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, rect.center(), viewport.mapToGlobal(rect.center())
    )
    QApplication.sendEvent(viewport, event)
    menu = window.tree_menu.menu
    qtbot.waitUntil(menu.isVisible)
    assert texts(menu) == [
        "Add Item Below",
        "Add Sub-item",
        "Edit Title",
        "Delete Item…",
        "Move",
        "Set Judgement",
        "Expand Branch",
        "Collapse Branch",
        "Expand All",
        "Collapse All",
    ]
    assert texts(window.tree_menu.move_menu) == ["Move Up", "Move Down", "Indent", "Outdent"]
    # The keys are shown, as in the menu bar.
    add = menu.actions()[0]
    assert add.isShortcutVisibleInContextMenu() and add.shortcut().toString() == "Ins"
    # A judgement chosen from the submenu is set on the row, and saved.
    judgement_menu = window.menus.judgement_menu
    first = judgement_menu.actions()[0]
    glyph = first.text().split()[0]
    menu.close()
    first.trigger()
    rows = file_query(
        demo_path,
        "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
        "JOIN period p ON p.id = j.period_id WHERE j.item_id = ? AND p.label = ?",
        item_id,
        Q1,
    )
    assert rows == [(glyph,)]


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
    ],
)
def test_context_menu_by_keyboard_adds_a_sub_item(window, qtbot, demo_path, key, modifier):
    item_id = select_row(window, qtbot, "Develop unified Learning")
    before = len(window.model.children_of(item_id))
    tree = window.tree
    qtbot.keyClick(tree, key, modifier)
    menu = window.tree_menu.menu
    qtbot.waitUntil(menu.isVisible)
    # It opens below the current row, not where the mouse happens to be.
    row = tree.visualRect(tree.currentIndex())
    assert menu.pos() == tree.viewport().mapToGlobal(row.bottomLeft() + QPoint(12, 0))
    add_child = next(a for a in menu.actions() if a.text() == "Add &Sub-item")
    menu.close()
    add_child.trigger()
    assert len(window.model.children_of(item_id)) == before + 1
    count = file_query(demo_path, "SELECT count(*) FROM item WHERE parent_id = ?", item_id)
    assert count == [(before + 1,)]
    window.undo_stack.undo()
    assert len(window.model.children_of(item_id)) == before


def test_context_menu_expands_and_collapses_the_branch(window, qtbot):
    item_id = select_row(window, qtbot, "Develop unified Learning")
    tree = window.tree
    index = tree.currentIndex()
    parent = index.parent()
    tree.setCurrentIndex(parent)
    window.tree_menu.show_at(QPoint(10, 10))
    assert window.tree_menu.collapse_action.isEnabled()
    window.tree_menu.collapse_action.trigger()
    assert not tree.isExpanded(parent)
    window.tree_menu.expand_action.trigger()
    assert tree.isExpanded(parent)
    assert window.model.row_for(item_id) is not None
    window.tree_menu.menu.close()


def test_the_window_opens_with_the_tree_focused(window):
    """Not a detail field: a field with the focus keeps its text while rows change."""
    assert QApplication.focusWidget() is window.tree
