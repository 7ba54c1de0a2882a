"""Meeting mode (F11), the next-unjudged key (F3), parents refused a judgement, the tree's
focus, and undo steps that name their item: all through the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.shell.judging import shown_indexes
from ui.tree.model import TITLE, ItemIdRole

from helpers import file_query, find_row, shown_window

Q1 = "Quarter 1 2009/10"
ALL_Q1 = "* Completed 0   ● On track 37   ▲ Behind schedule 9   ? Unknown 0   Not yet judged 2"


@pytest.fixture
def window(qtbot, demo, tmp_path):
    return shown_window(qtbot, demo, tmp_path, ("model", "proxy"))


def proxy_index(win, item_id, column=0):
    return win.proxy.mapFromSource(win.model.index_for(item_id, column))


def select(win, qtbot, item_id):
    win.tree.select_item(proxy_index(win, item_id))
    win.tree.setFocus()
    qtbot.wait(1)


def expanded_ids(win):
    return {
        index.data(ItemIdRole) for index in shown_indexes(win.proxy) if win.tree.isExpanded(index)
    }


def judgement_in_file(path, item_id):
    rows = file_query(
        path,
        "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
        "JOIN period p ON p.id = j.period_id WHERE j.item_id = ? AND p.label = ?",
        item_id,
        Q1,
    )
    return rows[0][0] if rows else None


# --- focus ---------------------------------------------------------------------------------


def test_the_tree_has_the_focus_on_open_and_after_a_period_change(window, qtbot):
    assert QApplication.focusWidget() is window.tree
    window.filters.text.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.filters.text)
    window.period_box.setFocus()
    qtbot.keyClick(window.period_box, Qt.Key.Key_Down)
    assert window.period_box.currentText() != Q1
    assert QApplication.focusWidget() is window.tree


# --- meeting mode --------------------------------------------------------------------------


def test_f11_expands_actions_wraps_titles_shows_a_large_summary_and_f11_restores(window, qtbot):
    long = find_row(window, "Identify current practice. Identify most appropriate tools")
    short = find_row(window, "Implement LG Competencies")
    window.tree.collapseAll()
    window.tree.expand(proxy_index(window, long.parent_id).parent())
    before_expanded = expanded_ids(window)
    before_splitter = window.splitter.sizes()
    short_height = window.tree.visualRect(proxy_index(window, short.id)).height()
    window.filters.text.setFocus()

    qtbot.keyClick(window, Qt.Key.Key_F11)

    assert window.menus.meeting_action.isChecked()
    assert QApplication.focusWidget() is window.tree
    parents = [i for i in window.model.item_ids() if window.model.children_of(i)]
    assert all(window.tree.isExpanded(proxy_index(window, i)) for i in parents)
    assert window.tree.wordWrap()
    qtbot.wait(10)
    long_rect = window.tree.visualRect(proxy_index(window, long.id, TITLE))
    assert long_rect.height() >= 3 * short_height  # wrapped onto several lines, not cut
    panel = window.meeting.panel
    assert panel.isVisible()
    assert panel.text() == f"{Q1}\nAll 48 actions: {ALL_Q1}"
    assert panel.font().pointSizeF() > window.summary_label.font().pointSizeF() * 1.4
    assert window.splitter.sizes()[0] > before_splitter[0]

    qtbot.keyClick(window.tree, Qt.Key.Key_F11)

    assert not window.menus.meeting_action.isChecked()
    assert not panel.isVisible()
    assert not window.tree.wordWrap()
    assert expanded_ids(window) == before_expanded
    assert window.splitter.sizes() == before_splitter
    assert window.tree.visualRect(proxy_index(window, long.id)).height() == short_height


def test_meeting_summary_says_when_it_counts_what_a_filter_shows(window, qtbot):
    window.menus.meeting_action.trigger()
    judgement = window.filters.judgement
    judgement.setCurrentIndex(judgement.findData("▲"))
    assert window.meeting.panel.text() == (
        f"{Q1}\n9 of 48 actions shown: * Completed 0   ● On track 0   ▲ Behind schedule 9   "
        "? Unknown 0   Not yet judged 0"
    )
    window.clear_filter()
    assert window.meeting.panel.text() == f"{Q1}\nAll 48 actions: {ALL_Q1}"
    window.close_file()
    assert not window.meeting.panel.isVisible()  # nothing to count over the start page


def test_meeting_mode_keeps_the_tree_focused_and_expanded_on_a_period_change(window, qtbot):
    window.menus.meeting_action.trigger()
    window.period_box.setFocus()
    qtbot.keyClick(window.period_box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.tree
    parents = [i for i in window.model.item_ids() if window.model.children_of(i)]
    assert all(window.tree.isExpanded(proxy_index(window, i)) for i in parents)
    assert window.meeting.panel.text().startswith(f"{window.period_box.currentText()}\nAll 48")


# --- next unjudged -------------------------------------------------------------------------


def test_f3_moves_to_each_unjudged_action_in_turn_then_says_all_are_judged(
    window, qtbot, demo_path
):
    unjudged = [
        index.data(ItemIdRole)
        for index in shown_indexes(window.proxy)
        if not window.model.children_of(index.data(ItemIdRole))
        and window.model.row_for(index.data(ItemIdRole)).glyph is None
    ]
    assert len(unjudged) == 2
    select(window, qtbot, window.proxy.index(0, 0).data(ItemIdRole))
    qtbot.keyClick(window.tree, Qt.Key.Key_F3)
    assert window.tree.current_item_id() == unjudged[0]
    assert window.tree.selected_item_ids() == [unjudged[0]]
    qtbot.keyClick(window.tree, Qt.Key.Key_F3)
    assert window.tree.current_item_id() == unjudged[1]
    qtbot.keyClick(window.tree, Qt.Key.Key_F3)  # round to the top again
    assert window.tree.current_item_id() == unjudged[0]
    qtbot.keyClick(window.tree, Qt.Key.Key_O)  # judged On track; F3 finds the other
    qtbot.keyClick(window.tree, Qt.Key.Key_F3)
    assert window.tree.current_item_id() == unjudged[1]
    qtbot.keyClick(window.tree, Qt.Key.Key_O)
    assert judgement_in_file(demo_path, unjudged[0]) == "●"
    qtbot.keyClick(window.tree, Qt.Key.Key_F3)
    assert window.tree.current_item_id() == unjudged[1]
    assert window.statusBar().currentMessage() == f"Every action shown is judged for {Q1}."


# --- a parent is not judged ----------------------------------------------------------------


def test_judging_a_parent_with_actions_says_why_in_the_message_bar(window, qtbot, demo_path):
    workstream = find_row(window, "Implement Organisational Development Strategy")
    select(window, qtbot, workstream.id)
    steps = window.undo_stack.count()
    qtbot.keyClick(window.tree, Qt.Key.Key_C)
    assert window.message.isVisible()
    assert window.message.text() == (
        "Implement Organisational Development Strategy cannot be judged: it has 5 actions, "
        "and only actions are judged and counted. Judge its actions instead."
    )
    assert judgement_in_file(demo_path, workstream.id) is None
    assert window.undo_stack.count() == steps
    action = window.model.children_of(workstream.id)[0]
    select(window, qtbot, action)
    qtbot.keyClick(window.tree, Qt.Key.Key_C)
    assert judgement_in_file(demo_path, action) == "*"
    assert not window.message.isVisible()


# --- undo that says what it undoes ---------------------------------------------------------


def test_undo_history_names_the_item_of_each_step(window, qtbot):
    audit = find_row(window, "Audit, and gap analysis")
    audit_name = "Audit, and gap analysis, of current approach to c…"
    assert window.commands.items.name(audit.id) == audit_name
    objective = find_row(window, "Lead and support a new approach")
    assert window.commands.items.name(objective.id).startswith(
        f"{objective.number} Lead and support a new approach"
    )

    select(window, qtbot, audit.id)
    qtbot.keyClick(window.tree, Qt.Key.Key_B)
    assert window.undo_stack.undoText() == f"Set judgement of {audit_name} to Behind schedule"
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert window.undo_stack.undoText() == f"Clear judgement of {audit_name}"

    achievements = window.detail.achievements
    achievements.setFocus()
    qtbot.keyClicks(achievements, " Done.")
    window.tree.setFocus()
    qtbot.waitUntil(lambda: window.undo_stack.undoText().startswith("Set achievements"))
    assert window.undo_stack.undoText() == f"Set achievements of {audit_name}"

    qtbot.mouseClick(window.detail.add_milestone_button, Qt.MouseButton.LeftButton)
    assert window.undo_stack.undoText() == f"Add milestone to {audit_name}"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

    edit = window.detail.responsibility.lineEdit()
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "PFI Project Director")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.undo_stack.undoText().startswith("Set responsibility"))
    assert window.undo_stack.undoText() == f"Set responsibility of {audit_name}"

    select(window, qtbot, audit.id)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Audit of customer access")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.undo_stack.undoText().startswith("Edit title"))
    assert window.undo_stack.undoText() == f"Edit title of {audit_name}"  # as it was
    window.undo_stack.undo()
    assert window.undo_stack.redoText() == f"Edit title of {audit_name}"


def test_undo_history_names_items_added_moved_and_deleted(window, qtbot):
    workstream = find_row(window, "Implement Organisational Development Strategy")
    first_action = window.model.children_of(workstream.id)[0]
    select(window, qtbot, first_action)
    qtbot.keyClick(window.tree, Qt.Key.Key_Insert)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.undo_stack.undoText() == (
        "Add “New action” under Implement Organisational Development Strategy"
    )
    select(window, qtbot, first_action)
    qtbot.keyClick(
        window.tree,
        Qt.Key.Key_Down,
        Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.undo_stack.undoText() == "Move Develop unified Learning & Development Service"


def test_a_parent_in_a_wider_selection_is_left_and_named_its_actions_judged(
    window, qtbot, demo_path
):
    workstream = find_row(window, "Implement Organisational Development Strategy")
    action = window.model.children_of(workstream.id)[0]
    select(window, qtbot, workstream.id)
    window.tree.selectionModel().select(
        proxy_index(window, action),
        window.tree.selectionModel().SelectionFlag.Select
        | window.tree.selectionModel().SelectionFlag.Rows,
    )
    qtbot.keyClick(window.tree, Qt.Key.Key_B)
    assert judgement_in_file(demo_path, action) == "▲"
    assert judgement_in_file(demo_path, workstream.id) is None
    assert window.message.isVisible()
    assert window.message.text().startswith(
        "Implement Organisational Development Strategy cannot be judged: it has 5 actions"
    )
