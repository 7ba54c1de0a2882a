"""Report Details' Checklist and Background papers tabs, driven by the keyboard through the
real dialog: each box, date, name and paper is saved at once, one step of Edit ▸ Undo, and
the first of them makes a period's report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from test_report_details import (
    WIGAN,
    cell_editor,
    edit_cell,
    open_dialog,
    open_window,
    period_id,
    programme_id,
    reports_of,
    save_line,
    wigan,  # noqa: F401  (the fixture)
)

from app.reports.publication import publish_period
from ui.dialogs.document_models import PaperModel
from ui.dialogs.report_details import GRID, PAPERS

from helpers import file_query

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def categories(demo_path, report_id):
    return file_query(demo_path, "SELECT categories FROM report WHERE id = ?", report_id)[0][0]


def tracking(demo_path):
    return file_query(demo_path, "SELECT body, written, date FROM report_tracking ORDER BY id")


def q1_report(demo_path):
    wigan_id = programme_id(demo_path, WIGAN)
    return reports_of(demo_path, wigan_id, period_id(demo_path, wigan_id, "Quarter 1 2009/10"))[0][
        0
    ]


def test_the_checklist_shows_the_seeds_grid_and_its_keys_reach_it(wigan, qtbot):  # noqa: F811
    _window, dialog = wigan
    qtbot.keyClick(dialog, Qt.Key.Key_H, ALT)
    assert dialog.tabs.currentIndex() == GRID
    grid = dialog.grid
    assert [k for k, box in grid.boxes.items() if box.isChecked()] == ["monitoring", "information"]
    assert grid.dates["overview_scrutiny"].text() == "17 August 2009"
    assert grid.dates["cabinet"].text() == ""
    assert grid.officer["proper_officer"].text() == "Sue Johnson"
    assert grid.officer["proper_officer_role"].text() == "Deputy Chief Executive"
    qtbot.keyClick(dialog, Qt.Key.Key_W, ALT)  # the Ward Members date, by its label's key
    assert QApplication.focusWidget() is grid.dates["ward_members"]
    qtbot.keyClick(dialog, Qt.Key.Key_B, ALT)
    assert dialog.tabs.currentIndex() == PAPERS
    papers = dialog.papers
    assert [papers.index(r, PaperModel.TITLE).data() for r in range(2)] == [
        "Vision 2026 - Community Strategy",
        "Corporate Strategy",
    ]
    assert papers.index(1, PaperModel.READ_AS).data() == "17 August 2009"
    assert not papers.flags(papers.index(1, PaperModel.READ_AS)) & Qt.ItemFlag.ItemIsEditable


def test_a_box_ticked_with_the_space_bar_is_saved_and_undone(wigan, qtbot, demo_path):  # noqa: F811
    window, dialog = wigan
    report = q1_report(demo_path)
    dialog.tabs.setCurrentIndex(GRID)
    box = dialog.grid.boxes["decision"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert categories(demo_path, report) == "monitoring,decision,information"
    assert window.undo_stack.undoText() == "Tick “Decision”"
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)  # the dialog's own Edit ▸ Undo
    assert categories(demo_path, report) == "monitoring,information"
    assert not box.isChecked()
    window.undo_stack.redo()
    assert box.isChecked()


def test_a_date_typed_for_a_body_is_kept_as_written_and_undone(wigan, qtbot, demo_path):  # noqa: F811
    window, dialog = wigan
    dialog.tabs.setCurrentIndex(GRID)
    edit = dialog.grid.dates["cabinet"]
    edit.setFocus()
    qtbot.keyClicks(edit, "9/9/2009")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert tracking(demo_path) == [
        ("overview_scrutiny", "17 August 2009", "2009-08-17"),
        ("cabinet", "9/9/2009", "2009-09-09"),
    ]
    assert window.undo_stack.undoText() == "Edit date for Cabinet"
    window.undo_stack.undo()
    assert tracking(demo_path) == [("overview_scrutiny", "17 August 2009", "2009-08-17")]
    assert edit.text() == ""
    # cleared: the body has no date
    scrutiny = dialog.grid.dates["overview_scrutiny"]
    scrutiny.setFocus()
    scrutiny.selectAll()
    qtbot.keyClick(scrutiny, Qt.Key.Key_Delete)
    qtbot.keyClick(scrutiny, Qt.Key.Key_Return)
    assert tracking(demo_path) == []
    window.undo_stack.undo()
    assert scrutiny.text() == "17 August 2009"


def test_the_proper_officer_is_typed_and_undone(wigan, qtbot, demo_path):  # noqa: F811
    window, dialog = wigan
    report = q1_report(demo_path)
    dialog.tabs.setCurrentIndex(GRID)
    qtbot.keyClick(dialog, Qt.Key.Key_E, ALT)
    name = dialog.grid.officer["proper_officer"]
    assert QApplication.focusWidget() is name
    name.selectAll()
    qtbot.keyClicks(name, "Joyce Redfern")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    query = "SELECT proper_officer, proper_officer_role FROM report WHERE id = ?"
    assert file_query(demo_path, query, report) == [("Joyce Redfern", "Deputy Chief Executive")]
    assert window.undo_stack.undoText() == "Edit proper officer"
    window.undo_stack.undo()
    assert file_query(demo_path, query, report) == [("Sue Johnson", "Deputy Chief Executive")]
    assert name.text() == "Sue Johnson"


def test_a_paper_is_added_with_ins_typed_in_and_removed_with_del(wigan, qtbot, demo_path):  # noqa: F811
    window, dialog = wigan
    dialog.tabs.setCurrentIndex(PAPERS)
    editor = dialog.editors[PAPERS]
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert)
    title = cell_editor(editor.view, QPlainTextEdit)  # a title may be long: several lines
    title.selectAll()
    qtbot.keyClicks(title, "Customer Access Strategy")
    qtbot.keyClick(title, Qt.Key.Key_Return, CTRL)
    QApplication.processEvents()
    edit_cell(qtbot, editor.view, 2, PaperModel.MEETING, "Cabinet")
    edit_cell(qtbot, editor.view, 2, PaperModel.DATE, "21 May 2009")
    query = (
        "SELECT title, meeting, written_date, meeting_date, position FROM background_paper "
        "ORDER BY position"
    )
    assert file_query(demo_path, query)[2] == (
        "Customer Access Strategy",
        "Cabinet",
        "21 May 2009",
        "2009-05-21",
        2,
    )
    assert dialog.papers.index(2, PaperModel.READ_AS).data() == "21 May 2009"
    # moved up with Alt+Shift+Up, then removed with Del; undo puts it back in its place
    editor.view.setCurrentIndex(dialog.papers.index(2, 0))
    qtbot.keyClick(
        editor.view,
        Qt.Key.Key_Up,
        Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [row[0] for row in file_query(demo_path, query)][1] == "Customer Access Strategy"
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert len(file_query(demo_path, query)) == 2
    window.undo_stack.undo()
    assert [row[0] for row in file_query(demo_path, query)] == [
        "Vision 2026 - Community Strategy",
        "Customer Access Strategy",
        "Corporate Strategy",
    ]
    for _ in range(4):  # the move, the date, the meeting, the title's edit
        window.undo_stack.undo()
    window.undo_stack.undo()  # the add
    assert len(file_query(demo_path, query)) == 2


def test_a_box_ticked_for_a_period_with_no_report_makes_one_and_undo_takes_it(
    wigan,  # noqa: F811
    qtbot,
    demo_path,
):
    window, dialog = wigan
    wigan_id = programme_id(demo_path, WIGAN)
    q2 = period_id(demo_path, wigan_id, "Quarter 2 2009/10")
    dialog.period_box.setCurrentIndex(dialog.period_box.findData(q2))
    dialog.tabs.setCurrentIndex(GRID)
    box = dialog.grid.boxes["monitoring"]
    assert not box.isChecked()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    [made] = reports_of(demo_path, wigan_id, q2)
    assert categories(demo_path, made[0]) == "monitoring"
    window.undo_stack.undo()
    assert reports_of(demo_path, wigan_id, q2) == []
    assert not box.isChecked()
    window.undo_stack.redo()
    assert reports_of(demo_path, wigan_id, q2) == [made]
    # a paper for a period without a report makes it too
    window.undo_stack.undo()
    dialog.tabs.setCurrentIndex(PAPERS)
    dialog.editors[PAPERS].view.setFocus()
    qtbot.keyClick(dialog.editors[PAPERS].view, Qt.Key.Key_Insert)
    qtbot.keyClick(cell_editor(dialog.editors[PAPERS].view, QPlainTextEdit), Qt.Key.Key_Escape)
    assert len(reports_of(demo_path, wigan_id, q2)) == 1
    window.undo_stack.undo()
    assert reports_of(demo_path, wigan_id, q2) == []


def test_a_published_periods_checklist_and_papers_are_read_only(qtbot, demo_path, tmp_path):
    window = open_window(qtbot, demo_path, tmp_path)
    wigan_id = programme_id(demo_path, WIGAN)
    publish_period(window.db, period_id(demo_path, wigan_id, "Quarter 1 2009/10"))
    dialog = open_dialog(qtbot, window)
    assert not any(box.isEnabled() for box in dialog.grid.boxes.values())
    assert all(edit.isReadOnly() for edit in dialog.grid.dates.values())
    assert all(edit.isReadOnly() for edit in dialog.grid.officer.values())
    papers = dialog.editors[PAPERS]
    assert not papers.add_button.isEnabled()
    assert not dialog.papers.flags(dialog.papers.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    before = file_query(demo_path, "SELECT COUNT(*) FROM background_paper")
    papers.view.setFocus()
    qtbot.keyClick(papers.view, Qt.Key.Key_Insert)
    assert file_query(demo_path, "SELECT COUNT(*) FROM background_paper") == before
    window.close()


def test_a_line_editor_is_used_for_the_meeting(wigan, qtbot):  # noqa: F811
    """The meeting and date are one line each; Return saves them."""
    _window, dialog = wigan
    dialog.tabs.setCurrentIndex(PAPERS)
    view = dialog.editors[PAPERS].view
    view.setCurrentIndex(dialog.papers.index(0, PaperModel.MEETING))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = cell_editor(view, QLineEdit)
    qtbot.keyClicks(editor, "Council")
    save_line(qtbot, editor)
    assert dialog.papers.index(0, PaperModel.MEETING).data() == "Council"


def test_every_tab_shows_at_911_by_512(wigan):  # noqa: F811
    """Nine tabs: at 1366×768 and 150% none is hidden behind the tab bar's scroll arrows."""
    _window, dialog = wigan
    dialog.resize(911, 512)
    assert dialog.size().width() <= 911
    bar = dialog.tabs.tabBar()
    last = bar.tabRect(bar.count() - 1)
    assert last.right() <= dialog.tabs.width(), (last, dialog.tabs.width())
