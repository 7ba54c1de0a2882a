"""The editing window, driven through its real widgets; the file is checked by reopening it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.store.database import Database
from ui.shell.main_window import MainWindow
from ui.tree.model import JUDGEMENT, ItemIdRole

from helpers import file_query, find_row, shown_window

Q1 = "Quarter 1 2009/10"


def judgement_in_file(path, item_id, period_label=Q1):
    rows = file_query(
        path,
        "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
        "JOIN period p ON p.id = j.period_id WHERE j.item_id = ? AND "
        "p.label = ?",
        item_id,
        period_label,
    )
    return rows[0][0] if rows else None


@pytest.fixture
def window(qtbot, demo, tmp_path):
    return shown_window(qtbot, demo, tmp_path, ("model", "proxy", "milestones"))


def press_return(qtbot, editor):
    """Return in a cell editor commits through a queued call: let the event loop run it."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)


def select(win, qtbot, item_id):
    win.tree.select_item(win.proxy.mapFromSource(win.model.index_for(item_id)))
    win.tree.setFocus()
    qtbot.wait(1)


def test_opens_on_the_seed_002_programme_and_its_period(window):
    assert window.programme_box.currentText().startswith("Chief Executive Services")
    assert window.period_box.currentText() == Q1
    assert window.summary_label.text() == (
        f"{Q1}:  * Completed 0   ● On track 37   ▲ Behind schedule 9   ? Unknown 0   "
        "Not yet judged 2"
    )
    assert window.windowTitle() == "demo.ptdb – Programme Tracker"


def test_shortcut_key_sets_judgement_and_undo_redo(window, qtbot, demo_path):
    row = find_row(window, "Audit, and gap analysis")
    select(window, qtbot, row.id)
    assert judgement_in_file(demo_path, row.id) == "●"
    qtbot.keyClick(window.tree, Qt.Key.Key_B)
    assert window.model.row_for(row.id).glyph == "▲"
    assert judgement_in_file(demo_path, row.id) == "▲"
    assert "▲ Behind schedule 10" in window.summary_label.text()
    index = window.proxy.mapFromSource(window.model.index_for(row.id, JUDGEMENT))
    assert index.data() == "▲  Behind schedule"
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert judgement_in_file(demo_path, row.id) == "●"
    assert window.model.row_for(row.id).glyph == "●"
    qtbot.keyClick(window.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert judgement_in_file(demo_path, row.id) == "▲"
    assert window.undo_stack.undoText() == (
        f"Set judgement of {window.commands.items.name(row.id)} to Behind schedule"
    )


def test_glyph_typed_and_delete_clears_to_not_yet_judged(window, qtbot, demo_path):
    row = find_row(window, "Audit, and gap analysis")
    select(window, qtbot, row.id)
    qtbot.keyClicks(window.tree, "*")
    assert judgement_in_file(demo_path, row.id) == "*"
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert judgement_in_file(demo_path, row.id) is None
    index = window.proxy.mapFromSource(window.model.index_for(row.id, JUDGEMENT))
    assert index.data() == "Not yet judged"
    assert "Not yet judged 3" in window.summary_label.text()
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert judgement_in_file(demo_path, row.id) == "*"


def test_judgement_on_several_selected_rows_is_one_undo_step(window, qtbot, demo_path):
    first = find_row(window, "Develop unified Learning")
    second = find_row(window, "Implement LG Competencies")
    select(window, qtbot, first.id)
    window.tree.selectionModel().select(
        window.proxy.mapFromSource(window.model.index_for(second.id)),
        window.tree.selectionModel().SelectionFlag.Select
        | window.tree.selectionModel().SelectionFlag.Rows,
    )
    qtbot.keyClick(window.tree, Qt.Key.Key_C)
    assert judgement_in_file(demo_path, first.id) == "*"
    assert judgement_in_file(demo_path, second.id) == "*"
    assert window.undo_stack.undoText() == "Set judgement of 2 items to Completed"
    window.undo_stack.undo()
    assert judgement_in_file(demo_path, first.id) == "●"
    assert judgement_in_file(demo_path, second.id) == "●"


def test_f2_edits_title_enter_commits_escape_cancels(window, qtbot, demo_path):
    row = find_row(window, "Improve the Council website")
    select(window, qtbot, row.id)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Improve the Council's website")
    press_return(qtbot, editor)
    assert file_query(demo_path, "SELECT title FROM item WHERE id = ?", row.id) == [
        ("Improve the Council's website",)
    ]
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, " (draft)")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert file_query(demo_path, "SELECT title FROM item WHERE id = ?", row.id) == [
        ("Improve the Council's website",)
    ]
    window.undo_stack.undo()
    assert file_query(demo_path, "SELECT title FROM item WHERE id = ?", row.id) == [
        ("Improve the Council website",)
    ]


def test_empty_title_is_refused_with_a_visible_message(window, qtbot, demo_path):
    row = find_row(window, "Improve the Council website")
    select(window, qtbot, row.id)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    press_return(qtbot, editor)
    assert window.message.isVisible()
    assert window.message.text() == "The title cannot be empty."
    assert file_query(demo_path, "SELECT title FROM item WHERE id = ?", row.id) == [
        ("Improve the Council website",)
    ]
    assert window.undo_stack.count() == 0


def test_add_item_undo_redo_keeps_its_id(window, qtbot, demo_path):
    row = find_row(window, "Improve the Council website")
    select(window, qtbot, row.id)
    qtbot.keyClick(window.tree, Qt.Key.Key_Insert)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Publish the accessibility statement")
    press_return(qtbot, editor)
    new = find_row(window, "Publish the accessibility statement")
    assert new.parent_id == row.parent_id
    siblings = window.model.children_of(row.parent_id)
    assert siblings.index(new.id) == siblings.index(row.id) + 1
    assert file_query(demo_path, "SELECT parent_id, position FROM item WHERE id = ?", new.id) == [
        (row.parent_id, siblings.index(new.id))
    ]
    window.undo_stack.undo()  # the title edit
    window.undo_stack.undo()  # the add
    assert file_query(demo_path, "SELECT count(*) FROM item WHERE id = ?", new.id) == [(0,)]
    assert window.model.row_for(new.id) is None
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert file_query(demo_path, "SELECT title FROM item WHERE id = ?", new.id) == [
        ("Publish the accessibility statement",)
    ]
    assert window.model.row_for(new.id) is not None


def accept_next_question(qtbot, answer=QMessageBox.StandardButton.Yes):
    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        accept_next_question.text = box.text()
        box.button(answer).click()

    QTimer.singleShot(50, click)


def test_delete_with_children_asks_then_undo_restores_everything(window, qtbot, demo_path):
    workstream = find_row(window, "Implement Organisational Development Strategy")
    children = window.model.children_of(workstream.id)
    assert len(children) == 5
    select(window, qtbot, workstream.id)
    accept_next_question(qtbot)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert accept_next_question.text.startswith(
        "Delete “Implement Organisational Development Strategy” with 5 sub-items"
    )
    assert file_query(
        demo_path, "SELECT count(*) FROM item WHERE id IN (?, ?)", workstream.id, children[0]
    ) == [(0,)]
    assert "On track 33" in window.summary_label.text()
    window.undo_stack.undo()
    assert window.model.children_of(workstream.id) == children
    assert judgement_in_file(demo_path, children[3]) == "▲"
    assert "On track 37" in window.summary_label.text()


def test_delete_can_be_declined(window, qtbot, demo_path):
    workstream = find_row(window, "Implement Organisational Development Strategy")
    select(window, qtbot, workstream.id)
    accept_next_question(qtbot, QMessageBox.StandardButton.No)
    window.menus.delete_action.trigger()
    assert file_query(demo_path, "SELECT count(*) FROM item WHERE id = ?", workstream.id) == [(1,)]


def test_move_indent_outdent_each_undoable(window, qtbot, demo_path):
    first = find_row(window, "Develop unified Learning")
    parent = first.parent_id
    second = window.model.children_of(parent)[1]
    select(window, qtbot, first.id)

    def place(item_id):
        return file_query(demo_path, "SELECT parent_id, position FROM item WHERE id = ?", item_id)[
            0
        ]

    qtbot.keyClick(
        window.tree,
        Qt.Key.Key_Down,
        Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert place(first.id) == (parent, 1) and place(second) == (parent, 0)
    qtbot.keyClick(
        window.tree,
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert place(first.id) == (second, 0)
    qtbot.keyClick(
        window.tree,
        Qt.Key.Key_Left,
        Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert place(first.id) == (parent, 1)
    for _ in range(3):
        window.undo_stack.undo()
    assert place(first.id) == (parent, 0) and place(second) == (parent, 1)
    assert window.model.children_of(parent)[:2] == [first.id, second]


def test_drag_and_drop_reorder_goes_through_the_service(window, qtbot, demo_path):
    first = find_row(window, "Develop unified Learning")
    parent = first.parent_id
    siblings = window.model.children_of(parent)
    mime = window.model.mimeData([window.model.index_for(first.id)])
    parent_index = window.model.index_for(parent)
    window.model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, parent_index)
    assert window.model.children_of(parent) == [
        siblings[1],
        siblings[2],
        first.id,
        siblings[3],
        siblings[4],
    ]
    assert file_query(demo_path, "SELECT position FROM item WHERE id = ?", first.id) == [(2,)]
    assert window.undo_stack.undoText().startswith("Move ")
    window.undo_stack.undo()
    assert window.model.children_of(parent) == siblings


def test_filter_keeps_ancestors_of_matches(window, qtbot):
    qtbot.keyClicks(window.filters.text, "govmetric")
    visible = []

    def walk(parent):
        for row in range(window.proxy.rowCount(parent)):
            index = window.proxy.index(row, 0, parent)
            visible.append(index.data(ItemIdRole))
            walk(index)

    walk(window.proxy.index(-1, -1))
    titles = [window.model.row_for(i).title for i in visible]
    # Table 5's match, with its workstream and objective above it for context …
    assert (
        "Develop a “customer first” culture across the Council and equip staff to respond "
        "to customer demand and expectation" in titles
    )
    assert "Use customer feedback data more effectively to drive improvements" in titles
    assert any(t.startswith("Establish govmetric satisfaction tool") for t in titles)
    # … and Table 4's, where "Govmetric" is in the milestones and the narrative.
    assert "Common approach to collection, and use, of customer feedback established." in titles
    assert len(titles) == 6
    for item_id in visible:
        if (
            not window.model.children_of(item_id)
            or window.proxy.rowCount(window.proxy.mapFromSource(window.model.index_for(item_id)))
            == 0
        ):
            assert item_id in window.commands.reads.search("govmetric")
    window.clear_filter()
    behind = window.filters.judgement.findData("▲")
    window.filters.judgement.setCurrentIndex(behind)
    visible.clear()
    walk(window.proxy.index(-1, -1))
    leaves = [i for i in visible if not window.model.children_of(i)]
    assert len(leaves) == 9
    assert all(window.model.row_for(i).glyph == "▲" for i in leaves)


def test_filter_follows_edits_and_unfolds_only_a_few(window, qtbot, monkeypatch):
    """The rows to show are worked out once per filter (ui/tree/filter.py): an edit that
    makes a shown action stop matching still takes it away, and a filter that matches more
    rows than UNFOLD_LIMIT leaves them folded under their objectives."""
    from ui.shell import filter_bar

    behind = window.filters.judgement.findData("▲")
    window.filters.judgement.setCurrentIndex(behind)
    leaves = [
        i
        for i in window.model.item_ids()
        if not window.model.children_of(i) and window.model.row_for(i).glyph == "▲"
    ]
    shown = window.proxy.mapFromSource(window.model.index_for(leaves[0]))
    assert shown.isValid()
    select(window, qtbot, leaves[0])
    qtbot.keyClick(window.tree, Qt.Key.Key_O)
    assert window.model.row_for(leaves[0]).glyph == "●"
    assert not window.proxy.mapFromSource(window.model.index_for(leaves[0])).isValid()
    assert window.proxy.mapFromSource(window.model.index_for(leaves[1])).isValid()
    window.clear_filter()

    assert window.filters.found.isHidden()
    monkeypatch.setattr(filter_bar, "UNFOLD_LIMIT", 6)
    qtbot.keyClicks(window.filters.text, "customer")
    first = window.proxy.index(0, 0)
    assert window.proxy.shown_count() > 6
    assert not window.tree.isExpanded(first)
    found = len(window.commands.reads.search("customer"))
    assert window.filters.found.text() == f"{found} found: unfold to see them"
    assert window.filters.found.isVisible()
    window.filters.text.clear()
    qtbot.keyClicks(window.filters.text, "govmetric")
    assert window.proxy.shown_count() == 6
    assert window.tree.isExpanded(window.proxy.index(0, 0))
    assert window.filters.found.text() == "2 found"  # Tables 4 and 5 (with 4 ancestors)
    qtbot.keyClicks(window.filters.text, "zzyzx")
    assert window.filters.found.text() == "None found"
    window.clear_filter()
    assert window.filters.found.isHidden()


def test_switching_period_shows_and_edits_that_period(window, qtbot, demo_path):
    row = find_row(window, "Audit, and gap analysis")
    window.period_box.setCurrentIndex(window.period_box.findText("Quarter 2 2009/10"))
    assert window.model.row_for(row.id).glyph is None
    assert window.model.row_for(row.id).previous_glyph == "●"
    index = window.proxy.mapFromSource(window.model.index_for(row.id, JUDGEMENT + 1))
    assert index.data() == "●  On track"
    select(window, qtbot, row.id)
    qtbot.keyClick(window.tree, Qt.Key.Key_O)
    assert judgement_in_file(demo_path, row.id, "Quarter 2 2009/10") == "●"
    assert judgement_in_file(demo_path, row.id, Q1) == "●"
    assert window.summary_label.text().startswith("Quarter 2 2009/10:")
    qtbot.wait(10)  # the detail pane refreshes after the keypress
    history = window.detail.history
    assert history.item(1, 0).text() == "Quarter 2 2009/10"
    assert history.item(1, 2).text() == "→ same"


def test_achievements_typed_are_saved_when_the_programme_is_closed(window, qtbot, demo_path):
    row = find_row(window, "Audit, and gap analysis")
    select(window, qtbot, row.id)
    editor = window.detail.achievements
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Audit now complete.")
    window.close_file()  # no focus-out, no pause: only the close path can save it
    text = file_query(demo_path, "SELECT text FROM progress_update WHERE item_id = ?", row.id)
    assert text == [
        (
            "Analysis will be linked to Diagnostic Toolkit data gathering due for "
            "completion September 09. Audit now complete.",
        )
    ]


def test_cell_editor_open_when_closing_loses_nothing(window, qtbot, demo_path):
    row = find_row(window, "Improve the Council website")
    select(window, qtbot, row.id)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " and intranet")
    window.close()
    assert file_query(demo_path, "SELECT title FROM item WHERE id = ?", row.id) == [
        ("Improve the Council website and intranet",)
    ]


def test_huge_text_is_refused_and_the_file_keeps_its_value(window, qtbot, demo_path):
    row = find_row(window, "Audit, and gap analysis")
    select(window, qtbot, row.id)
    window.detail.title_edit.setPlainText("x" * 100_000)
    window.detail.commit_pending()
    assert window.message.text() == (
        "The title is too long: 100,000 characters, and the most allowed is 2,000."
    )
    assert window.message.isVisible()
    assert file_query(demo_path, "SELECT title FROM item WHERE id = ?", row.id) == [(row.title,)]


def test_impossible_milestone_date_is_refused(window, qtbot, demo_path):
    row = find_row(window, "Audit, and gap analysis")
    select(window, qtbot, row.id)
    model = window.detail.milestones
    assert model.setData(model.index(0, 0), "31 September 2009") is False
    assert window.message.text() == "“31 September 2009” is not a real date."
    assert file_query(demo_path, "SELECT due_text FROM milestone WHERE item_id = ?", row.id) == [
        ("Sep 09",)
    ]
    assert model.setData(model.index(0, 0), "October 2009") is True
    assert file_query(
        demo_path, "SELECT due_text, due_date FROM milestone WHERE item_id = ?", row.id
    ) == [("October 2009", "2009-10-31")]
    window.undo_stack.undo()
    assert file_query(demo_path, "SELECT due_text FROM milestone WHERE item_id = ?", row.id) == [
        ("Sep 09",)
    ]


def test_milestones_add_and_remove_are_undoable(window, qtbot, demo_path):
    row = find_row(window, "Audit, and gap analysis")
    select(window, qtbot, row.id)
    qtbot.mouseClick(window.detail.add_milestone_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert editor.selectedText() == "New milestone"  # the placeholder: typing replaces it
    qtbot.keyClicks(editor, "Gap analysis reported")
    press_return(qtbot, editor)
    rows = file_query(
        demo_path,
        "SELECT due_text, text, due_date FROM milestone WHERE item_id = ? ORDER BY position",
        row.id,
    )
    assert rows[-1] == (None, "Gap analysis reported", None)
    window.detail.milestone_view.setCurrentIndex(window.detail.milestones.index(1, 0))
    qtbot.mouseClick(window.detail.remove_milestone_button, Qt.MouseButton.LeftButton)
    assert len(file_query(demo_path, "SELECT id FROM milestone WHERE item_id = ?", row.id)) == 1
    window.undo_stack.undo()
    assert len(file_query(demo_path, "SELECT id FROM milestone WHERE item_id = ?", row.id)) == 2


def test_read_only_file_shows_banner_and_refuses_edits(qtbot, demo_path, tmp_path):
    with Database.open(demo_path) as holder:
        second = Database.open(demo_path)
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        win = MainWindow(second, settings=settings)
        qtbot.addWidget(win)
        win.show()
        assert win.banner.isVisible()
        assert win.banner.text().startswith("Read-only: “demo.ptdb” is being edited by Test User")
        assert win.windowTitle() == "demo.ptdb (read-only) – Programme Tracker"
        row = find_row(win, "Audit, and gap analysis")
        select(win, qtbot, row.id)
        qtbot.keyClick(win.tree, Qt.Key.Key_B)
        assert judgement_in_file(demo_path, row.id) == "●"
        assert win.message.text().startswith(
            "Changes cannot be saved: “demo.ptdb” is being edited by Test User"
        )
        win.close()
        assert not holder.read_only


def test_recent_files_and_last_period_are_remembered(qtbot, demo_path, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Database.open(demo_path), settings=settings)
    qtbot.addWidget(win)
    win.period_box.setCurrentIndex(win.period_box.findText("Quarter 3 2009/10"))
    win.close()
    again = MainWindow(Database.open(demo_path), settings=settings)
    qtbot.addWidget(again)
    assert again.period_box.currentText() == "Quarter 3 2009/10"
    assert again.files.recent_files()[0] == str(demo_path.resolve())
    again.close()


def test_file_dropped_on_the_window_opens_it(window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    other = tmp_path / "other.ptdb"
    window.db.save_copy(other)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.db.path == other
    assert window.windowTitle() == "other.ptdb – Programme Tracker"


def test_file_menu_export_opens_the_dialog(window, qtbot):
    from PySide6.QtCore import QTimer

    seen = {}

    def look():
        dialog = window.modal
        seen["title"] = dialog.windowTitle()
        seen["layout"] = dialog.layout_box.currentText()
        dialog.reject()

    QTimer.singleShot(100, look)
    qtbot.keyClick(window.tree, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert seen == {"title": "Export report", "layout": "Quarterly performance report"}


def test_keyboard_only_tab_order_reaches_tree_and_details(window, qtbot):
    window.tree.setFocus()
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().accessibleName())
    assert "Title" in seen and "Achievements to date" in seen
    assert seen.index("Title") < seen.index("Achievements to date")


def test_about_names_version_and_file(window, qtbot):
    def look():
        box = QApplication.activeModalWidget()
        look.text = box.text()
        box.accept()

    QTimer.singleShot(100, look)
    window.dialogs.show_about()
    assert "Programme Tracker</b> 0.1.0" in look.text
    assert str(window.db.path) in look.text


def test_first_run_welcome_offers_new_open_demo(qtbot, tmp_path, monkeypatch):
    from ui.shell import application
    from ui.shell.welcome import Welcome

    monkeypatch.setattr(application, "data_folder", lambda: tmp_path)
    settings = QSettings(str(tmp_path / "first.ini"), QSettings.Format.IniFormat)

    def press_demo():
        box = QApplication.activeModalWidget()
        assert isinstance(box, Welcome)
        assert [b.text() for b in box.buttons()] == [
            "&New file…",
            "&Open a file…",
            "Open the &demo",
            "&Quit",
        ]
        box.demo_button.click()

    QTimer.singleShot(100, press_demo)
    db = application.choose_first_file(settings)
    assert db.path == tmp_path / "demo.ptdb"
    db.close()


def test_unexpected_errors_are_logged_and_shown(qtbot, tmp_path, monkeypatch):
    import sys

    from ui.shell import application

    monkeypatch.setattr(application, "data_folder", lambda: tmp_path)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    application.install_error_handler()
    shown = {}

    def close_box():
        box = QApplication.activeModalWidget()
        shown["text"] = box.text()
        box.accept()

    QTimer.singleShot(100, close_box)
    try:
        raise RuntimeError("the network drive went away")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    log = (tmp_path / "programme-tracker.log").read_text()
    assert "RuntimeError: the network drive went away" in log
    assert shown["text"] == (
        "Something went wrong: the network drive went away.\n\nThe details "
        f"are in {tmp_path / 'programme-tracker.log'}."
    )


def test_find_needs_every_word_wherever_it_is(window):
    """Every word in one statement (app.read.search): one word may be in the title and
    another only in this period's narrative; a word found nowhere finds nothing."""
    action = find_row(window, "Identify current methods for collection")  # Govmetric: narrative
    assert window.commands.reads.search("collection govmetric") == {action.id}
    assert action.id in window.commands.reads.search("govmetric")
    assert window.commands.reads.search("GovMetric COLLECTION") == {action.id}  # any case
    assert window.commands.reads.search("collection zzyzx") == set()
    assert window.commands.reads.search("100%_") == set()  # LIKE's wildcards are literal


def test_a_big_tree_is_left_out_of_the_collectors_passes(window, qtbot, monkeypatch):
    """Once a big tree has been read and painted, what the window holds is frozen out of the
    garbage collector's full passes (ui/shell/memory.py; 100 ms a pass at 50,000 actions),
    after one collection of what was unfrozen again, so nothing is kept from collection."""
    import gc

    from ui.shell import memory

    settled: list[int] = []
    settle = memory._settle

    def counted() -> None:
        settle()
        settled.append(gc.get_freeze_count())

    monkeypatch.setattr(memory, "_settle", counted)
    monkeypatch.setattr(memory, "SETTLE_FROM", 10)  # the demo's programme as if it were big
    gc.unfreeze()
    window.period_box.setCurrentIndex(window.period_box.findText("Quarter 2 2009/10"))
    qtbot.waitUntil(lambda: bool(settled))
    assert settled[-1] > 0
    assert window.model.row_for(window.model.item_ids()[0]) is not None
    monkeypatch.setattr(memory, "SETTLE_FROM", 1_000_000)
    qtbot.wait(memory.SETTLE_AFTER_MS + 50)
    done = len(settled)
    window.period_box.setCurrentIndex(window.period_box.findText(Q1))
    qtbot.wait(memory.SETTLE_AFTER_MS + 50)
    assert len(settled) == done  # a small tree: nothing to settle
    gc.unfreeze()
