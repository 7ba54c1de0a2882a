"""A new council's first steps through the real window: the empty file says what to do, the
New Programme dialog makes a programme ready to type in, and the Programme menu renames,
duplicates and deletes one; every step undoable, every refusal said in its dialog."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.periods import financial_year_label, financial_year_of
from app.store.database import Database
from ui.dialogs.new_programme import NewProgrammeDialog
from ui.dialogs.programme_name import ProgrammeNameDialog
from ui.shell.main_window import MainWindow

from helpers import file_query, when_modal

WIGAN = "Chief Executive Services Performance Plan 2009-12"


def open_window(qtbot, db, tmp_path, name="settings"):
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    win = MainWindow(db, settings=settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    return win


@pytest.fixture
def empty(qtbot, tmp_path):
    return open_window(qtbot, Database.create(tmp_path / "Anytown.ptdb"), tmp_path)


@pytest.fixture
def window(qtbot, demo, tmp_path):
    return open_window(qtbot, demo, tmp_path)


def whole_file(path) -> dict[str, list[tuple]]:
    raw = sqlite3.connect(path)
    try:
        names = [n for (n,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            n: sorted(raw.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
            for n in names
            if n != "change_log"
        }
    finally:
        raw.close()


def new_dialog(qtbot, win) -> NewProgrammeDialog:
    dialog = NewProgrammeDialog(win.commands.reads, win.commands.programmes, win)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def create(qtbot, dialog: NewProgrammeDialog) -> None:
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)


# --- the empty file -------------------------------------------------------------------------


def test_an_empty_file_says_what_to_do_and_a_new_programme_is_ready_to_type_in(
    empty, qtbot, tmp_path
):
    path = tmp_path / "Anytown.ptdb"
    panel = empty.empty
    assert panel.isVisible() and not empty.tabs.isVisible()
    assert not empty.filters.text.isVisible()
    assert panel.heading.text() == "This file has no programmes yet"
    assert "<b>Ins</b> for an item" in panel.text.text()
    assert QApplication.focusWidget() is panel.new_programme_button
    assert panel.open_button.isVisible() and panel.open_button.text() == "&Open…"
    assert empty.menus.new_programme_action.shortcut() == QKeySequence("Ctrl+Shift+N")
    assert not empty.menus.delete_programme_action.isEnabled()
    seen = {}

    def fill(dialog: NewProgrammeDialog) -> None:
        qtbot.waitUntil(dialog.isActiveWindow)
        seen["focus"] = QApplication.focusWidget().objectName()
        qtbot.keyClicks(dialog.name, "Community Safety Plan")
        qtbot.keyClicks(dialog.organisation, "Anytown Borough Council")
        dialog.periods.year.setValue(2026)
        create(qtbot, dialog)

    when_modal(fill)
    qtbot.keyClick(panel.new_programme_button, Qt.Key.Key_Space)  # the focused button, pressed
    assert seen["focus"] == "programmeName"
    assert file_query(path, "SELECT id, name, organisation FROM programme") == [
        (1, "Community Safety Plan", "Anytown Borough Council")
    ]
    assert empty.programme_box.currentText() == "Community Safety Plan"
    assert [empty.period_box.itemText(n) for n in range(empty.period_box.count())] == [
        f"Quarter {q} 2026/27" for q in (1, 2, 3, 4)
    ]
    assert not panel.isVisible() and empty.tabs.isVisible()
    assert empty.focusWidget() is empty.tree
    assert empty.statusBar().currentMessage() == (
        "“Community Safety Plan” is ready: press Ins to add its first item."
    )

    # Ins adds the first item of the empty programme, its title open to type.
    empty.activateWindow()  # as the desktop does when a modal dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is empty)
    assert QApplication.focusWidget() is empty.tree
    qtbot.keyClick(empty.tree, Qt.Key.Key_Insert)
    editor = QApplication.focusWidget()
    assert editor.text() == "New objective"
    editor.selectAll()
    qtbot.keyClicks(editor, "Reduce anti-social behaviour")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert file_query(path, "SELECT programme_id, parent_id, title FROM item") == [
        (1, None, "Reduce anti-social behaviour")
    ]

    # Undo takes back the title, the item, then the programme itself: the empty file again.
    periods = file_query(path, "SELECT id, label FROM period ORDER BY id")
    assert empty.undo_stack.count() == 3
    for _ in range(3):
        empty.undo_stack.undo()
    assert file_query(path, "SELECT count(*) FROM programme") == [(0,)]
    assert file_query(path, "SELECT count(*) FROM symbol_scheme") == [(0,)]
    assert panel.isVisible() and empty.programme_box.count() == 0
    empty.undo_stack.redo()
    assert file_query(path, "SELECT id, name FROM programme") == [(1, "Community Safety Plan")]
    assert file_query(path, "SELECT id, label FROM period ORDER BY id") == periods
    assert empty.programme_box.currentText() == "Community Safety Plan"
    assert not panel.isVisible()
    empty.undo_stack.redo()
    empty.undo_stack.redo()
    assert file_query(path, "SELECT title FROM item") == [("Reduce anti-social behaviour",)]
    assert empty.model.row_for(1).title == "Reduce anti-social behaviour"


def test_no_file_open_offers_a_new_file_or_one_to_open(empty):
    empty.close_file()
    panel = empty.empty
    assert panel.isVisible() and panel.heading.text() == "No file is open"
    assert panel.new_file_button.isVisible() and not panel.new_programme_button.isVisible()
    assert not empty.menus.new_programme_action.isEnabled()


# --- the New Programme dialog --------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "levels"),
    [
        (0, ("Objective", "Workstream/Project", "Action")),
        (1, ("Theme", "Activity")),
        (2, ("Work package", "Stage", "Action")),
    ],
)
def test_each_preset_gives_its_levels(empty, qtbot, tmp_path, preset, levels):
    dialog = new_dialog(qtbot, empty)
    dialog.name.setText("Plan")
    dialog.levels.preset.setCurrentIndex(preset)
    assert [edit.text() for edit in dialog.levels.edits] == list(levels)
    create(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert file_query(tmp_path / "Anytown.ptdb", "SELECT name FROM level ORDER BY depth") == [
        (name,) for name in levels
    ]


def test_levels_of_ones_own(empty, qtbot, tmp_path):
    dialog = new_dialog(qtbot, empty)
    dialog.name.setText("Scrutiny")
    editor = dialog.levels
    third = editor.edits[2]
    third.selectAll()
    qtbot.keyClicks(third, "Recommendation")
    assert editor.preset.currentText() == "Names of your own"
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert dialog.focusWidget() is editor.edits[3]
    qtbot.keyClicks(editor.edits[3], "Response")
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)  # Response goes again
    editor.edits[0].clear()  # an empty line is no level
    create(qtbot, dialog)
    assert file_query(tmp_path / "Anytown.ptdb", "SELECT depth, name FROM level") == [
        (0, "Workstream/Project"),
        (1, "Recommendation"),
    ]


@pytest.mark.parametrize(
    ("pattern", "labels"),
    [
        ("quarters", [f"Quarter {q} 2026/27" for q in (1, 2, 3, 4)]),
        ("months", ["April 2026", "May 2026", "June 2026", "July 2026", "August 2026"]),
        ("half-years", ["Half-year 1 2026/27", "Half-year 2 2026/27"]),
    ],
)
def test_each_pattern_of_periods(empty, qtbot, tmp_path, pattern, labels):
    dialog = new_dialog(qtbot, empty)
    dialog.name.setText("Plan")
    dialog.periods.choose(pattern)
    dialog.periods.year.setValue(2026)
    assert dialog.periods.preview.text().endswith("(1 April 2026 to 31 March 2027)")
    create(qtbot, dialog)
    found = file_query(tmp_path / "Anytown.ptdb", "SELECT label FROM period ORDER BY start")
    assert [label for (label,) in found][: len(labels)] == labels
    assert len(found) == {"quarters": 4, "months": 12, "half-years": 2}[pattern]


def test_one_named_period_takes_its_dates_from_its_name(empty, qtbot, tmp_path):
    dialog = new_dialog(qtbot, empty)
    dialog.name.setText("Cabinet Workplan 2004-05")
    dialog.periods.choose("single")
    assert dialog.periods.pages.currentIndex() == 1
    qtbot.keyClicks(dialog.periods.label, "November 2004")
    assert dialog.periods.start.text() == "1 November 2004"
    assert dialog.periods.end.text() == "30 November 2004"
    create(qtbot, dialog)
    assert file_query(tmp_path / "Anytown.ptdb", 'SELECT label, start, "end" FROM period') == [
        ("November 2004", "2004-11-01", "2004-11-30")
    ]


def refusal(qtbot, dialog: NewProgrammeDialog, path) -> str:
    before = whole_file(path)
    create(qtbot, dialog)
    assert dialog.isVisible(), "a refused programme leaves the dialog open"
    assert whole_file(path) == before
    return dialog.error.text()


def test_every_refusal_is_said_in_the_dialog_which_stays_open(window, qtbot, demo_path):
    dialog = new_dialog(qtbot, window)
    assert refusal(qtbot, dialog, demo_path) == "The programme’s name cannot be empty."
    dialog.name.setText("working smarter programme")
    assert refusal(qtbot, dialog, demo_path) == (
        "There is already a programme called “working smarter programme” in this file."
    )
    dialog.name.setText("Safer Streets 2026/27")
    for edit in dialog.levels.edits:
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert dialog.levels.preset.currentText() == "Names of your own"
    assert refusal(qtbot, dialog, demo_path) == (
        "A programme needs at least one level (for example “Action”)."
    )
    dialog.levels.preset.setCurrentIndex(0)
    for name in ("Task", "Step"):
        qtbot.mouseClick(dialog.levels.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.levels.edits[-1], name)
    assert refusal(qtbot, dialog, demo_path) == (
        "A programme can have at most 4 levels; this one has 5. Remove one."
    )
    qtbot.mouseClick(dialog.levels.remove_button, Qt.MouseButton.LeftButton)
    periods = dialog.periods
    periods.choose("single")
    periods.label.setText("Autumn 2026")
    assert refusal(qtbot, dialog, demo_path) == (
        "Please enter the date the period starts, such as 1 November 2004."
    )
    periods.start.setText("30 November 2026")
    periods.end.setText("1 September 2026")
    assert refusal(qtbot, dialog, demo_path) == (
        "“Autumn 2026” cannot end (1 September 2026) before it starts (30 November 2026)."
    )
    periods.start.setText("1 September 20026")
    assert refusal(qtbot, dialog, demo_path) == (
        "“1 September 20026” is not a plausible date: years from 1900 to 2100 are accepted."
    )
    periods.start.setText("1 September 1926")
    assert refusal(qtbot, dialog, demo_path) == (
        "1 September 1926 is not a plausible date for a reporting period: years from 1990 to "
        "2100 are accepted."
    )
    periods.start.setText("Michaelmas")
    assert refusal(qtbot, dialog, demo_path) == (
        "“Michaelmas” is not a date I can read. Write it as 17 August 2009."
    )
    periods.start.setText("1 September 2026")
    create(qtbot, dialog)
    assert not dialog.isVisible()
    assert file_query(
        demo_path,
        "SELECT l.name FROM level l JOIN programme p ON p.id = l.programme_id "
        "WHERE p.name = 'Safer Streets 2026/27' ORDER BY depth",
    ) == [("Objective",), ("Workstream/Project",), ("Action",), ("Task",)]


def test_the_tree_of_another_programme_and_its_levels(window, qtbot, demo_path):
    dialog = new_dialog(qtbot, window)
    dialog.name.setText("Home working, phase 2")
    dialog.structure.setCurrentIndex(dialog.structure.findText("Home-working Pilot Project"))
    assert dialog.levels.levels() == ("Work package", "Stage", "Action")
    assert dialog.levels.preset.currentText() == "Work package › Stage › Action"
    dialog.kpi_scheme.setCurrentIndex(dialog.kpi_scheme.count() - 1)  # no indicators
    create(qtbot, dialog)
    new = dialog.created
    assert file_query(demo_path, "SELECT count(*) FROM item WHERE programme_id = ?", new) == [(91,)]
    assert file_query(demo_path, "SELECT kpi_scheme_id FROM programme WHERE id = ?", new) == [
        (None,)
    ]
    assert window.programme_box.currentText() == "Home working, phase 2"
    assert window.model.rowCount() == len(
        file_query(
            demo_path, "SELECT id FROM item WHERE programme_id = ? AND parent_id IS NULL", new
        )
    )


# --- the Programme menu -----------------------------------------------------------------------


def name_dialog(action):
    """Answer the next name dialog with ``action(dialog)``; what it showed, kept."""
    seen = {}

    def run(dialog: ProgrammeNameDialog) -> None:
        assert isinstance(dialog, ProgrammeNameDialog), dialog
        seen.update(title=dialog.windowTitle(), intro=dialog.intro.text(), name=dialog.name.text())
        action(dialog)

    when_modal(run)
    return seen


def test_rename_refuses_a_taken_name_in_its_dialog_and_is_undoable(window, qtbot, demo_path):
    def answer(dialog: ProgrammeNameDialog) -> None:
        dialog.name.setText("Working Smarter Programme")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        dialog.name.setText("Performance Plan 2009-12")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    seen = name_dialog(answer)
    window.menus.rename_programme_action.trigger()
    assert seen["name"] == WIGAN and seen["open"]
    assert seen["error"] == (
        "There is already a programme called “Working Smarter Programme” in this file."
    )
    assert file_query(demo_path, "SELECT name FROM programme WHERE id = 1") == [
        ("Performance Plan 2009-12",)
    ]
    assert window.programme_box.currentText() == "Performance Plan 2009-12"
    window.undo_stack.undo()
    assert file_query(demo_path, "SELECT name FROM programme WHERE id = 1") == [(WIGAN,)]
    assert window.programme_box.currentText() == WIGAN


def test_duplicate_for_next_year_through_the_menu(window, qtbot, demo_path):
    window.programme_box.setCurrentIndex(
        window.programme_box.findText("Home-working Pilot Project")
    )
    seen = name_dialog(lambda d: qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton))
    window.menus.duplicate_programme_action.trigger()
    assert seen["title"] == "Duplicate programme"
    assert seen["name"] == "Home-working Pilot Project (copy)"
    assert seen["intro"].endswith(
        "No judgements, achievements or KPI results are copied. It gets the quarters of 2006/07."
    )
    new = file_query(
        demo_path, "SELECT id FROM programme WHERE name = 'Home-working Pilot Project (copy)'"
    )[0][0]
    assert window.programme_box.currentText() == "Home-working Pilot Project (copy)"
    assert window.period_box.itemText(0) == "Quarter 1 2006/07"
    assert window.focusWidget() is window.tree
    responsible = (
        "SELECT r.name, count(*) FROM item i JOIN responsible r ON r.id = i.responsible_id "
        "WHERE i.programme_id = ? GROUP BY r.name"
    )
    assert file_query(demo_path, responsible, new) == file_query(demo_path, responsible, 4)
    window.undo_stack.undo()
    assert file_query(demo_path, "SELECT count(*) FROM programme WHERE id = ?", new) == [(0,)]
    assert window.programme_box.currentText() == "Home-working Pilot Project"
    window.undo_stack.redo()
    assert window.programme_box.currentText() == "Home-working Pilot Project (copy)"
    assert file_query(demo_path, "SELECT count(*) FROM item WHERE programme_id = ?", new) == [(91,)]


def delete_answer(answer: str):
    seen = {}

    def run(box: QMessageBox) -> None:
        seen.update(text=box.text(), details=box.informativeText())
        button = next(b for b in box.buttons() if answer in b.text())
        button.click()

    when_modal(run)
    return seen


def test_delete_asks_naming_what_is_lost_and_undo_redo_put_back_the_same_rows(
    window, qtbot, demo_path
):
    before = whole_file(demo_path)
    seen = delete_answer("Cancel")
    window.menus.delete_programme_action.trigger()
    assert whole_file(demo_path) == before
    seen = delete_answer("Delete")
    window.menus.delete_programme_action.trigger()
    assert seen["text"] == f"Delete “{WIGAN}” and everything in it?"
    assert seen["details"].startswith(
        "This deletes 90 items, 46 judgements, 46 achievements, 89 milestones, 25 indicators "
        "with 13 results and 12 periods.\n\nEdit ▸ Undo puts it all back"
    )
    assert file_query(demo_path, "SELECT count(*) FROM programme WHERE id = 1") == [(0,)]
    assert window.programme_box.findText(WIGAN) == -1
    assert window.programme_box.currentText() == "Working Smarter Programme"
    window.undo_stack.undo()
    assert whole_file(demo_path) == before
    assert window.programme_box.currentText() == WIGAN
    assert window.period_box.currentText() == "Quarter 1 2009/10"
    assert "On track 37" in window.summary_label.text()
    window.undo_stack.redo()
    assert file_query(demo_path, "SELECT count(*) FROM judgement") == [(0,)]
    window.undo_stack.undo()
    assert whole_file(demo_path) == before


def test_deleting_the_last_programme_shows_the_empty_file(empty, qtbot, tmp_path):
    dialog = new_dialog(qtbot, empty)
    dialog.name.setText("Only one")
    create(qtbot, dialog)
    assert not empty.empty.isVisible()
    delete_answer("Delete")
    empty.menus.delete_programme_action.trigger()
    assert empty.empty.isVisible()
    assert file_query(tmp_path / "Anytown.ptdb", "SELECT count(*) FROM programme") == [(0,)]
    empty.undo_stack.undo()
    assert not empty.empty.isVisible() and empty.programme_box.currentText() == "Only one"


def test_the_default_year_is_this_financial_year(empty, qtbot):
    dialog = new_dialog(qtbot, empty)
    year = financial_year_of(dt.date.today())
    assert dialog.periods.year.value() == year
    assert f"Quarter 1 {financial_year_label(year)}" in dialog.periods.preview.text()


def test_ctrl_shift_n_asks_for_a_new_programme_and_cancel_makes_none(window, qtbot, demo_path):
    seen = {}

    def cancel(dialog) -> None:
        seen["dialog"] = type(dialog).__name__
        dialog.reject()

    before = whole_file(demo_path)
    when_modal(cancel)
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: "dialog" in seen)
    assert seen["dialog"] == "NewProgrammeDialog"
    assert whole_file(demo_path) == before
    assert window.undo_stack.count() == 0
