"""Programme ▸ Report Details: cover sheets, sections, contacts, outcomes, kinds of objective
and recommendations entered through the real dialog, each change saved at once and undone
and redone from the window's undo stack; what is entered reaches the exported reports."""

from __future__ import annotations

import io

import pytest
from docx import Document
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from app.core.errors import PeriodPublishedError, ValidationError
from app.read.documents import details
from app.read.lookup import find_period, find_programme
from app.reports import make_report, renderer
from app.reports.publication import publish_period
from app.services import cover_sheet, documents
from app.services.programmes import create_programme
from app.store.database import Database
from ui.dialogs.document_models import (
    FieldModel,
    KindModel,
    RecommendationDetailModel,
    SectionModel,
)
from ui.dialogs.report_details import (
    CONTACTS,
    KINDS,
    OUTCOMES,
    PLAN_SECTIONS,
    RECOMMENDATIONS,
    REPORT_SECTIONS,
    ReportDetailsDialog,
)
from ui.shell.main_window import MainWindow

from helpers import file_query

WIGAN = "Chief Executive Services Performance Plan 2009-12"
WALSALL = "Working Smarter Programme"
HOMEWORKING = "Home-working Pilot Project"
REDDITCH = "Worcestershire Hub Scrutiny – Monitoring of Recommendations"


def open_window(qtbot, demo_path, tmp_path, programme=WIGAN):
    window = MainWindow(
        Database.open(demo_path),
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    window.show()
    window.programme_box.setCurrentIndex(window.programme_box.findText(programme))
    assert window.programme_box.currentText() == programme
    return window


def open_dialog(qtbot, window):
    """The dialog, every model of it watched by QAbstractItemModelTester as it is used."""
    dialog = ReportDetailsDialog(window.commands.reads, window.commands.documents, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # as exec() makes it: keys go to it, and its widgets take focus
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.testers = [
        QAbstractItemModelTester(editor.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        for editor in (dialog.cover.fields, *dialog.editors.values())
    ]
    return dialog


@pytest.fixture
def wigan(qtbot, demo_path, tmp_path):
    window = open_window(qtbot, demo_path, tmp_path)
    yield window, open_dialog(qtbot, window)
    window.close()


def programme_id(demo_path, name):
    return file_query(demo_path, "SELECT id FROM programme WHERE name = ?", name)[0][0]


def period_id(demo_path, programme, label):
    return file_query(
        demo_path, "SELECT id FROM period WHERE programme_id = ? AND label = ?", programme, label
    )[0][0]


def reports_of(demo_path, programme, period):
    return file_query(
        demo_path,
        "SELECT id, title, meeting, report_date, meeting_date FROM report "
        "WHERE programme_id = ? AND period_id = ?",
        programme,
        period,
    )


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def cell_editor(view, kind):
    """The editor the view has open (a QLineEdit, or a QPlainTextEdit for long text)."""
    editors = [e for e in view.viewport().findChildren(kind) if e.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def save_line(qtbot, editor):
    """Return in a one-line cell editor: Qt saves and closes it on the next turn of the
    event loop (after the editor has had the key), so let that turn come."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def edit_cell(qtbot, view, row, column, text):
    """Double-click-free editing as the keyboard does it: select the cell, F2, type, save."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    multiline = column in view.model().MULTILINE
    editor = cell_editor(view, QPlainTextEdit if multiline else QLineEdit)
    if multiline:
        editor.setPlainText(text)
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    else:
        editor.selectAll()
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
        qtbot.keyClicks(editor, text)
        save_line(qtbot, editor)


def answer_question(dialog, button_text):
    """Press ``button_text`` in the question the dialog is about to ask."""

    def press():
        box = dialog.question
        if box is None:
            QTimer.singleShot(20, press)
            return
        dialog.asked = box.text()
        next(b for b in box.buttons() if b.text().replace("&", "") == button_text).click()

    QTimer.singleShot(20, press)


# --- the menu ----------------------------------------------------------------------------------


def test_the_programme_menu_opens_report_details_with_its_key(qtbot, demo_path, tmp_path):
    window = open_window(qtbot, demo_path, tmp_path)
    action = window.menus.report_details_action
    assert action.text() == "Report &Details…"
    assert action.shortcut().toString() == "Ctrl+Shift+D"
    assert action.isEnabled()
    seen = {}

    def close_it():
        dialog = window.modal
        if dialog is None:
            QTimer.singleShot(20, close_it)
            return
        seen["title"] = dialog.windowTitle()
        seen["period"] = dialog.period_box.currentText()
        dialog.reject()

    QTimer.singleShot(20, close_it)
    action.trigger()
    assert seen == {"title": "Report details", "period": window.period_box.currentText()}
    window.close()


def test_no_two_access_keys_alike_on_any_tab(wigan):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    _window, dialog = wigan
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        texts = tabs + [
            widget.text()
            for kind in (QAbstractButton, QLabel)
            for widget in dialog.findChildren(kind)
            if widget.isVisible() and (kind is QAbstractButton or widget.buddy() is not None)
        ]
        keys = [
            text[text.index("&") + 1].lower() for text in texts if "&" in text and "&&" not in text
        ]
        assert len(keys) == len(set(keys)), (tabs[index], sorted(keys))
        assert len(keys) >= len(tabs) + 5  # the tab's buttons and its table's label have keys


# --- the cover sheet ---------------------------------------------------------------------------


def test_the_first_edit_of_a_period_makes_its_report_and_undo_takes_it_away(
    wigan, qtbot, demo_path
):
    window, dialog = wigan
    wigan_id = programme_id(demo_path, WIGAN)
    q2 = period_id(demo_path, wigan_id, "Quarter 2 2009/10")
    dialog.period_box.setCurrentIndex(dialog.period_box.findData(q2))
    assert dialog.cover.state.text().startswith("Quarter 2 2009/10 has no report yet")
    assert dialog.cover.edits["title"].text() == ""
    dialog.cover.edits["title"].setFocus()
    dialog.cover.edits["meeting"].setFocus()  # leaving an empty field makes nothing
    assert reports_of(demo_path, wigan_id, q2) == []
    type_into(qtbot, dialog.cover.edits["meeting"], "Cabinet")
    made = reports_of(demo_path, wigan_id, q2)
    assert [row[1:] for row in made] == [
        (f"{WIGAN} – Quarter 2 2009/10 report", "Cabinet", None, None)
    ]
    assert dialog.cover.edits["title"].text() == f"{WIGAN} – Quarter 2 2009/10 report"
    assert window.undo_stack.undoText() == "Edit cover sheet"
    assert dialog.isVisible()  # Return saved the field and pressed no button
    type_into(qtbot, dialog.cover.edits["report_date"], "12/11/2009")
    assert dialog.cover.edits["report_date"].text() == "12 November 2009"
    type_into(qtbot, dialog.cover.edits["meeting_date"], "19 November 2009")
    assert reports_of(demo_path, wigan_id, q2)[0][3:] == ("2009-11-12", "2009-11-19")

    window.undo_stack.undo()
    window.undo_stack.undo()
    assert reports_of(demo_path, wigan_id, q2)[0][2:] == ("Cabinet", None, None)
    assert dialog.cover.edits["report_date"].text() == ""
    window.undo_stack.undo()
    assert reports_of(demo_path, wigan_id, q2) == []
    assert dialog.cover.edits["meeting"].text() == ""
    assert dialog.cover.state.text().startswith("Quarter 2 2009/10 has no report yet")
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert reports_of(demo_path, wigan_id, q2) == [
        (made[0][0], made[0][1], "Cabinet", "2009-11-12", None)
    ]
    assert dialog.cover.edits["meeting"].text() == "Cabinet"


def test_absurd_dates_and_an_empty_title_are_refused_with_a_sentence(wigan, qtbot, demo_path):
    window, dialog = wigan
    wigan_id = programme_id(demo_path, WIGAN)
    q1 = period_id(demo_path, wigan_id, "Quarter 1 2009/10")
    before = reports_of(demo_path, wigan_id, q1)
    steps = window.undo_stack.count()
    date = dialog.cover.edits["meeting_date"]
    type_into(qtbot, date, "31/02/2010")
    assert dialog.error.text() == "The meeting date: “31/02/2010” is not a real date."
    assert date.text() == "31/02/2010"  # left as typed, to be put right
    type_into(qtbot, date, "17 August 3009")
    assert dialog.error.text() == (
        "The meeting date: “17 August 3009” is not a plausible date: years from 1900 to "
        "2100 are accepted."
    )
    type_into(qtbot, dialog.cover.edits["report_date"], "soon")
    assert dialog.error.text() == (
        "The report date: “soon” is not a date I can read. Write it as 17 August 2009."
    )
    type_into(qtbot, dialog.cover.edits["title"], "")
    assert dialog.error.text() == "The report’s title cannot be empty."
    assert reports_of(demo_path, wigan_id, q1) == before
    assert window.undo_stack.count() == steps
    type_into(qtbot, date, "17.8.2009")  # the date it already was: no step, shown as written
    assert date.text() == "17 August 2009"
    assert window.undo_stack.count() == steps
    type_into(qtbot, dialog.cover.edits["report_date"], "")
    assert reports_of(demo_path, wigan_id, q1)[0][3] is None
    assert dialog.error.text() == ""


def test_cover_fields_are_added_edited_moved_and_removed_with_undo(wigan, qtbot, demo_path):
    window, dialog = wigan
    view = dialog.cover.fields.view

    def fields():
        return file_query(
            demo_path,
            "SELECT f.label, f.value FROM report_field f JOIN report r ON r.id = f.report_id "
            "WHERE r.programme_id = 1 AND r.period_id = 1 ORDER BY f.position",
        )

    before = fields()
    assert len(before) == 21 and dialog.cover.model.rowCount() == 21
    labels = [a.text() for a in dialog.cover.usual_menu.actions()]
    assert labels[:3] == ["Report to", "Meeting", "Date"]
    assert {"Contact officer", "Wards affected", "Background papers", "Key decision"} <= set(labels)
    next(a for a in dialog.cover.usual_menu.actions() if a.text() == "Background papers").trigger()
    editor = cell_editor(view, QPlainTextEdit)  # the value, ready to type
    qtbot.keyClicks(editor, "Quarterly monitoring returns")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # a new line, not the end
    qtbot.keyClicks(editor, "Performance Plan 2009-12")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert fields()[-1] == (
        "Background papers",
        "Quarterly monitoring returns\nPerformance Plan 2009-12",
    )
    assert window.undo_stack.undoText() == "Edit cover-sheet field"

    edit_cell(qtbot, view, 21, FieldModel.LABEL, "")
    assert dialog.error.text() == "The label cannot be empty."
    assert fields()[-1][0] == "Background papers"
    assert dialog.cover.model.index(21, FieldModel.LABEL).data() == "Background papers"
    edit_cell(qtbot, view, 21, FieldModel.LABEL, "Background documents")
    assert fields()[-1][0] == "Background documents"

    view.setCurrentIndex(dialog.cover.model.index(21, 0))
    qtbot.mouseClick(dialog.cover.fields.up_button, Qt.MouseButton.LeftButton)
    assert fields()[-2][0] == "Background documents" and view.currentIndex().row() == 20
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [f[0] for f in fields()] == [f[0] for f in before]

    stack = window.undo_stack
    stack.undo()  # the removal
    assert fields()[-2][0] == "Background documents"
    stack.undo()  # the move
    stack.undo()  # the new label
    assert fields()[-1][0] == "Background papers"
    stack.undo()  # the value
    stack.undo()  # the row itself
    assert fields() == before
    assert dialog.cover.model.rowCount() == 21
    for _ in range(5):
        stack.redo()
    assert [f[0] for f in fields()] == [f[0] for f in before]
    stack.undo()
    assert fields()[-2] == (
        "Background documents",
        "Quarterly monitoring returns\nPerformance Plan 2009-12",
    )


def test_a_field_added_to_a_period_with_no_report_makes_one_and_undo_removes_it(
    wigan, qtbot, demo_path
):
    window, dialog = wigan
    wigan_id = programme_id(demo_path, WIGAN)
    q3 = period_id(demo_path, wigan_id, "Quarter 3 2009/10")
    dialog.period_box.setCurrentIndex(dialog.period_box.findData(q3))
    qtbot.mouseClick(dialog.cover.fields.add_button, Qt.MouseButton.LeftButton)
    editor = cell_editor(dialog.cover.fields.view, QLineEdit)
    assert editor.text() == "New field"
    qtbot.keyClicks(editor, "Report to")
    save_line(qtbot, editor)
    report = reports_of(demo_path, wigan_id, q3)
    assert len(report) == 1
    assert file_query(
        demo_path, "SELECT label FROM report_field WHERE report_id = ?", report[0][0]
    ) == [("Report to",)]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert reports_of(demo_path, wigan_id, q3) == []
    assert dialog.cover.model.rowCount() == 0
    window.undo_stack.redo()
    assert reports_of(demo_path, wigan_id, q3) == report
    assert dialog.cover.model.index(0, FieldModel.LABEL).data() == "New field"


def test_a_published_period_keeps_its_cover_sheet(wigan, qtbot, demo_path):
    window, dialog = wigan
    window.commands.settings.publish_period(1, True)
    dialog.reload()
    assert dialog.cover.edits["meeting"].isReadOnly()
    assert not dialog.cover.fields.add_button.isEnabled()
    assert not dialog.cover.model.flags(dialog.cover.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert "is published, so its report stays as it was" in dialog.period_note.text()
    assert dialog.editors[CONTACTS].add_button.isEnabled()  # the programme's own lists are not
    assert not window.commands.documents.set_cover(1, "meeting", "Cabinet")
    assert dialog.error.text().startswith("Quarter 1 2009/10 is published")


def test_a_file_opened_read_only_shows_everything_and_changes_nothing(qtbot, demo_path, tmp_path):
    window = MainWindow(
        Database.open(demo_path, read_only=True),
        settings=QSettings(str(tmp_path / "ro.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    window.show()
    dialog = open_dialog(qtbot, window)
    assert dialog.cover.model.rowCount() == 21
    assert dialog.cover.edits["title"].isReadOnly()
    assert not dialog.cover.usual_button.isEnabled()
    for editor in dialog.editors.values():
        assert not editor.add_button.isEnabled() and editor.model.read_only
    dialog.editors[KINDS].view.setFocus()
    dialog.editors[KINDS].view.setCurrentIndex(dialog.kinds.index(0, 0))
    qtbot.keyClick(dialog.editors[KINDS].view, Qt.Key.Key_Delete)
    assert len(dialog.kinds.rows) == 2 and window.undo_stack.count() == 0
    window.close()


# --- sections ----------------------------------------------------------------------------------


def test_report_and_plan_sections_with_the_text_limit(wigan, qtbot, demo_path):
    window, dialog = wigan
    dialog.tabs.setCurrentIndex(REPORT_SECTIONS)
    editor = dialog.editors[REPORT_SECTIONS]
    assert editor.model.rowCount() == 8
    assert editor.model.index(0, SectionModel.HEADING).data() == "Background"
    assert dialog.period_box.isEnabled()
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    name = cell_editor(editor.view, QLineEdit)
    qtbot.keyClicks(name, "Equality impact")
    save_line(qtbot, name)
    edit_cell(qtbot, editor.view, 8, SectionModel.TEXT, "x" * 100_000)
    assert dialog.error.text() == (
        "The text is too long: 100,000 characters, and the most allowed is 50,000."
    )
    assert file_query(
        demo_path, "SELECT length(text) FROM section WHERE heading = 'Equality impact'"
    ) == [(0,)]
    edit_cell(qtbot, editor.view, 8, SectionModel.TEXT, "x" * 50_000)
    assert file_query(
        demo_path,
        "SELECT length(text), report_id IS NOT NULL FROM section WHERE heading = 'Equality impact'",
    ) == [(50_000, 1)]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert file_query(demo_path, "SELECT count(*) FROM section WHERE heading LIKE 'Equal%'") == [
        (0,)
    ]

    window.programme_box.setCurrentIndex(window.programme_box.findText(WALSALL))
    plan = open_dialog(qtbot, window)
    plan.tabs.setCurrentIndex(PLAN_SECTIONS)
    assert not plan.period_box.isEnabled()
    sections = plan.editors[PLAN_SECTIONS]
    assert [r.heading for r in sections.model.rows] == ["Purpose", "Scope"]
    sections.view.setCurrentIndex(sections.model.index(1, 0))
    qtbot.mouseClick(sections.up_button, Qt.MouseButton.LeftButton)
    order = (
        "SELECT heading FROM section s JOIN programme p ON p.id = s.programme_id "
        f"WHERE p.name = '{WALSALL}' AND s.report_id IS NULL ORDER BY s.position"
    )
    assert file_query(demo_path, order) == [("Scope",), ("Purpose",)]
    qtbot.mouseClick(sections.remove_button, Qt.MouseButton.LeftButton)
    assert file_query(demo_path, order) == [("Purpose",)]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert file_query(demo_path, order) == [("Purpose",), ("Scope",)]


# --- the programme's lists ---------------------------------------------------------------------


def test_contacts_added_edited_and_removed(qtbot, demo_path, tmp_path):
    window = open_window(qtbot, demo_path, tmp_path, WALSALL)
    dialog = open_dialog(qtbot, window)
    dialog.tabs.setCurrentIndex(CONTACTS)
    contacts = dialog.editors[CONTACTS]
    query = "SELECT name, role, phone, email FROM contact WHERE programme_id = ? ORDER BY position"
    walsall = programme_id(demo_path, WALSALL)
    before = file_query(demo_path, query, walsall)
    assert len(before) == 2
    contacts.view.setFocus()
    qtbot.keyClick(contacts.view, Qt.Key.Key_Insert)
    name = cell_editor(contacts.view, QLineEdit)
    qtbot.keyClicks(name, "Jamie Talbot")
    save_line(qtbot, name)
    edit_cell(qtbot, contacts.view, 2, 1, "Head of Customer Services")
    edit_cell(qtbot, contacts.view, 2, 2, "01922 650000")
    edit_cell(qtbot, contacts.view, 2, 3, "talbotj walsall.gov.uk")
    assert dialog.error.text() == (
        "“talbotj walsall.gov.uk” is not an email address: write it as name@council.gov.uk."
    )
    edit_cell(qtbot, contacts.view, 2, 3, "talbotj@walsall.gov.uk")
    edit_cell(qtbot, contacts.view, 2, 0, "")
    assert dialog.error.text() == "The name cannot be empty."
    assert file_query(demo_path, query, walsall)[2] == (
        "Jamie Talbot",
        "Head of Customer Services",
        "01922 650000",
        "talbotj@walsall.gov.uk",
    )
    contacts.view.setCurrentIndex(contacts.model.index(0, 0))
    qtbot.mouseClick(contacts.remove_button, Qt.MouseButton.LeftButton)
    assert [r[0] for r in file_query(demo_path, query, walsall)] == [
        "Paul Milmore",
        "Jamie Talbot",
    ]
    assert window.undo_stack.undoText() == "Remove contact"
    contacts.view.setFocus()
    qtbot.keyClick(contacts.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert file_query(demo_path, query, walsall)[:2] == before
    for _ in range(5):
        window.undo_stack.undo()
    assert file_query(demo_path, query, walsall) == before
    assert contacts.model.rowCount() == 2
    for _ in range(6):
        window.undo_stack.redo()
    assert [r[0] for r in file_query(demo_path, query, walsall)] == [
        "Paul Milmore",
        "Jamie Talbot",
    ]
    window.close()


def test_outcomes_added_edited_and_removed(qtbot, demo_path, tmp_path):
    window = open_window(qtbot, demo_path, tmp_path, HOMEWORKING)
    dialog = open_dialog(qtbot, window)
    dialog.tabs.setCurrentIndex(OUTCOMES)
    outcomes = dialog.editors[OUTCOMES]
    home = programme_id(demo_path, HOMEWORKING)
    query = "SELECT text, target FROM outcome WHERE programme_id = ? ORDER BY position"
    before = file_query(demo_path, query, home)
    assert len(before) == 8 and outcomes.model.rowCount() == 8
    qtbot.mouseClick(outcomes.add_button, Qt.MouseButton.LeftButton)
    editor = cell_editor(outcomes.view, QPlainTextEdit)
    editor.setPlainText("Reduce travel to the Civic Centre")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # Tab saves and moves on, as in any table
    edit_cell(qtbot, outcomes.view, 8, 1, "10% fewer journeys")
    edit_cell(qtbot, outcomes.view, 8, 1, "y" * 501)
    assert dialog.error.text() == (
        "The target is too long: 501 characters, and the most allowed is 500."
    )
    assert file_query(demo_path, query, home)[8] == (
        "Reduce travel to the Civic Centre",
        "10% fewer journeys",
    )
    outcomes.view.setCurrentIndex(outcomes.model.index(8, 0))
    qtbot.mouseClick(outcomes.remove_button, Qt.MouseButton.LeftButton)
    assert file_query(demo_path, query, home) == before
    window.undo_stack.undo()
    assert len(file_query(demo_path, query, home)) == 9
    window.undo_stack.redo()
    assert file_query(demo_path, query, home) == before
    window.close()


def test_kinds_of_objective_and_removing_one_in_use(wigan, qtbot, demo_path):
    window, dialog = wigan
    dialog.tabs.setCurrentIndex(KINDS)
    kinds = dialog.editors[KINDS]
    assert [(r.name, r.uses) for r in kinds.model.rows] == [
        ("Priority Service Objective", 5),
        ("Organisational Effectiveness Objective", 4),
    ]
    kind_of = (
        "SELECT count(*) FROM item i JOIN item_kind k ON k.id = i.kind_id "
        "WHERE k.name = 'Priority Service Objective'"
    )
    edit_cell(qtbot, kinds.view, 1, KindModel.NAME, "priority service objective")
    assert dialog.error.text() == (
        "There is already a kind of objective called “priority service objective”."
    )
    edit_cell(qtbot, kinds.view, 1, KindModel.PLURAL, "Organisational Objectives")
    assert file_query(demo_path, "SELECT plural FROM item_kind WHERE id = 2") == [
        ("Organisational Objectives",)
    ]
    assert not kinds.model.flags(kinds.model.index(0, KindModel.USES)) & Qt.ItemFlag.ItemIsEditable

    kinds.view.setCurrentIndex(kinds.model.index(0, 0))
    answer_question(dialog, "Cancel")
    qtbot.mouseClick(kinds.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.asked == (
        "5 objectives are of the kind “Priority Service Objective”. If it is removed they "
        "will have no kind, and Tables 1–2 will no longer count them under “Priority Service "
        "Objectives”.\n\nEdit ▸ Undo puts the kind back on them."
    )
    assert file_query(demo_path, kind_of) == [(5,)]
    answer_question(dialog, "Remove")
    qtbot.mouseClick(kinds.remove_button, Qt.MouseButton.LeftButton)
    assert file_query(demo_path, "SELECT name FROM item_kind WHERE programme_id = 1") == [
        ("Organisational Effectiveness Objective",)
    ]
    assert file_query(
        demo_path,
        "SELECT count(*) FROM item WHERE programme_id = 1 AND parent_id IS NULL "
        "AND kind_id IS NULL",
    ) == [(5,)]
    window.undo_stack.undo()
    assert file_query(demo_path, kind_of) == [(5,)]
    assert kinds.model.rows[0].name == "Priority Service Objective"

    qtbot.mouseClick(kinds.add_button, Qt.MouseButton.LeftButton)
    assert kinds.model.rows[-1].name == "New kind of objective"
    assert kinds.model.rows[-1].plural == "New kinds of objective"
    qtbot.keyClick(cell_editor(kinds.view, QLineEdit), Qt.Key.Key_Escape)
    kinds.view.setCurrentIndex(kinds.model.index(2, 0))
    qtbot.mouseClick(kinds.up_button, Qt.MouseButton.LeftButton)
    assert file_query(
        demo_path, "SELECT name FROM item_kind WHERE programme_id = 1 ORDER BY position"
    ) == [
        ("Priority Service Objective",),
        ("New kind of objective",),
        ("Organisational Effectiveness Objective",),
    ]
    qtbot.mouseClick(kinds.remove_button, Qt.MouseButton.LeftButton)  # unused: not asked
    assert len(kinds.model.rows) == 2


def test_recommendations_added_edited_given_a_period_and_removed(qtbot, demo_path, tmp_path):
    window = open_window(qtbot, demo_path, tmp_path, REDDITCH)
    dialog = open_dialog(qtbot, window)
    dialog.tabs.setCurrentIndex(RECOMMENDATIONS)
    recs = dialog.editors[RECOMMENDATIONS]
    redditch = programme_id(demo_path, REDDITCH)
    query = (
        "SELECT r.number, r.text, r.response, r.applies_to, p.label FROM recommendation r "
        "LEFT JOIN period p ON p.id = r.period_id WHERE r.programme_id = ? ORDER BY r.position"
    )
    before = file_query(demo_path, query, redditch)
    assert len(before) == 22 and recs.model.rowCount() == 22
    assert recs.model.index(0, RecommendationDetailModel.PERIOD).data() == "May 2012"
    qtbot.mouseClick(recs.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(cell_editor(recs.view, QLineEdit), Qt.Key.Key_Escape)
    assert file_query(demo_path, query, redditch)[22] == (
        "23",
        "New recommendation",
        None,
        None,
        "May 2012",
    )
    edit_cell(qtbot, recs.view, 22, RecommendationDetailModel.TEXT, "Publish the Hub's hours.")
    edit_cell(qtbot, recs.view, 22, RecommendationDetailModel.RESPONSE, "Done in June 2012.")
    edit_cell(qtbot, recs.view, 22, RecommendationDetailModel.APPLIES_TO, "Redditch")
    edit_cell(qtbot, recs.view, 22, RecommendationDetailModel.NUMBER, "")
    assert dialog.error.text() == "The number cannot be empty."
    index = recs.model.index(22, RecommendationDetailModel.PERIOD)
    recs.view.setCurrentIndex(index)
    recs.view.setFocus()
    qtbot.keyClick(recs.view, Qt.Key.Key_F2)
    box = cell_editor(recs.view, QComboBox)
    assert [box.itemText(i) for i in range(box.count())] == ["(none)", "May 2012"]
    box.setCurrentIndex(0)
    save_line(qtbot, box)
    assert file_query(demo_path, query, redditch)[22] == (
        "23",
        "Publish the Hub's hours.",
        "Done in June 2012.",
        "Redditch",
        None,
    )
    assert window.undo_stack.undoText() == "Edit recommendation"
    recs.view.setCurrentIndex(recs.model.index(22, 0))
    qtbot.mouseClick(recs.remove_button, Qt.MouseButton.LeftButton)
    assert file_query(demo_path, query, redditch) == before
    window.undo_stack.undo()
    assert file_query(demo_path, query, redditch)[22][4] is None
    window.undo_stack.undo()
    assert file_query(demo_path, query, redditch)[22][4] == "May 2012"
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert file_query(demo_path, query, redditch) == before
    window.close()


# --- what is entered is what is exported -------------------------------------------------------


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def test_a_cover_field_and_a_recommendation_entered_here_are_in_the_word_reports(wigan, qtbot):
    window, dialog = wigan
    demo = window.db
    dialog.cover.add_usual("Background papers")
    editor = cell_editor(dialog.cover.fields.view, QPlainTextEdit)
    qtbot.keyClicks(editor, "Performance Plan 2009-12, quarterly returns")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog.tabs.setCurrentIndex(RECOMMENDATIONS)
    recs = dialog.editors[RECOMMENDATIONS]
    qtbot.mouseClick(recs.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(cell_editor(recs.view, QLineEdit), Qt.Key.Key_Escape)
    edit_cell(
        qtbot, recs.view, 0, RecommendationDetailModel.TEXT, "Report NI 14 monthly to Cabinet."
    )
    edit_cell(qtbot, recs.view, 0, RecommendationDetailModel.RESPONSE, "Agreed from quarter 2.")
    with demo.reader() as session:
        programme = find_programme(session, "Chief Executive Services")
        period = find_period(session, programme, "Quarter 1 2009/10")
    quarterly = docx_text(renderer("docx")(make_report(demo, programme, period, "quarterly")))
    assert "Background papers\nPerformance Plan 2009-12, quarterly returns" in quarterly
    recommendations = docx_text(
        renderer("docx")(make_report(demo, programme, period, "recommendations"))
    )
    assert "1: Report NI 14 monthly to Cabinet.\nAgreed from quarter 2." in recommendations


# --- the services underneath -------------------------------------------------------------------


def test_a_removed_row_comes_back_with_its_id_in_its_place_and_each_step_is_logged(db):
    programme = create_programme(db, "Customer Access Strategy").ids[0]
    ids = [
        documents.add_row(db, "contact", programme, {"name": name}).ids[0]
        for name in ("Ann Ashby", "Ben Bright", "Cath Cole")
    ]
    removed = documents.remove_row(db, "contact", ids[1])
    with db.reader() as session:
        assert [(c.id, c.name) for c in details(session, programme, None).contacts] == [
            (ids[0], "Ann Ashby"),
            (ids[2], "Cath Cole"),
        ]
    documents.restore_row(db, "contact", removed.old)
    with db.reader() as session:
        assert [c.id for c in details(session, programme, None).contacts] == ids
    assert file_query(
        db.path,
        "SELECT operation, field, old_value FROM change_log WHERE entity = 'contact' "
        "AND entity_id = ? ORDER BY id",
        ids[1],
    ) == [
        ("add contact", "name", None),
        ("remove contact", "deleted", "Ben Bright"),
        ("restore contact", "deleted", None),
    ]


def test_a_cover_sheet_of_a_published_period_or_another_programme_is_refused(demo, demo_path):
    publish_period(demo, 1)
    with pytest.raises(PeriodPublishedError) as refused:
        documents.add_row(demo, "report_field", 1, {"label": "Wards affected"}, 1)
    assert str(refused.value) == (
        "Quarter 1 2009/10 is published, so its report can be reproduced exactly; reopen it "
        "before changing anything in it."
    )
    other = file_query(demo_path, "SELECT id, label FROM period WHERE programme_id <> 1")[0]
    with pytest.raises(ValidationError) as refused:
        cover_sheet.set_cover(demo, 1, other[0], "meeting", "Cabinet")
    assert str(refused.value) == f"{other[1]} is not a period of this programme."
