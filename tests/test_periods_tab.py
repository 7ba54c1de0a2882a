"""Programme ▸ Settings ▸ Periods through the real dialog: a named period, a year of months
or half-years, a period renamed or given new dates in its row, an unused one removed and a
used one refused by name; each one step of Edit ▸ Undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from app.core.dates import format_date
from ui.dialogs.periods_tab import END, LABEL, START, STATUS
from ui.dialogs.settings import SettingsDialog
from ui.shell.main_window import MainWindow

from helpers import file_query


def when_modal(action, *, delay: int = 50) -> None:
    """Run ``action(dialog)`` on the next modal dialog (publishing's confirmation, a
    reopening's reason), once it is showing."""

    def go() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() not in ("publishDialog", "reopenDialog"):
            QTimer.singleShot(delay, go)
            return
        action(dialog)

    QTimer.singleShot(delay, go)


LABELS = "SELECT label FROM period WHERE programme_id = 1 ORDER BY start, id"


@pytest.fixture
def window(qtbot, demo, tmp_path):
    win = MainWindow(demo, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def dialog(qtbot, window):
    dlg = SettingsDialog(window.commands.reads, window.commands.settings, window)
    qtbot.addWidget(dlg)
    dlg.tabs.setCurrentWidget(dlg.period_tab)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    dlg._tester = QAbstractItemModelTester(  # kept alive with the dialog
        dlg.period_tab.model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    return dlg


def labels(path) -> list[str]:
    return [label for (label,) in file_query(path, LABELS)]


def shown(dialog) -> list[str]:
    model = dialog.period_tab.model
    return [model.index(row, LABEL).data() for row in range(model.rowCount())]


def row_of(dialog, label: str) -> int:
    return shown(dialog).index(label)


def edit_cell(qtbot, dialog, row: int, column: int, text: str) -> None:
    """F2 on the cell, the text typed over what is there, Return."""
    view = dialog.period_tab.view
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index)
    assert editor is not None, "F2 opens the cell's editor"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)  # committed: a queued call
    qtbot.wait(10)  # and the dialog re-read what the file now holds


def test_a_period_the_programme_names_is_added_with_return_and_undone(
    window, dialog, qtbot, demo_path
):
    tab = dialog.period_tab
    qtbot.keyClicks(tab.label, "November 2012")
    assert (tab.start.text(), tab.end.text()) == ("1 November 2012", "30 November 2012")
    qtbot.keyClick(tab.end, Qt.Key.Key_Return)
    assert file_query(
        demo_path, "SELECT start, \"end\", quarter FROM period WHERE label = 'November 2012'"
    ) == [("2012-11-01", "2012-11-30", None)]
    qtbot.wait(10)
    assert shown(dialog)[-1] == "November 2012"
    assert window.period_box.findText("November 2012") >= 0
    assert tab.label.text() == "" and tab.start.text() == ""
    window.undo_stack.undo()
    assert "November 2012" not in labels(demo_path)
    window.undo_stack.redo()
    assert "November 2012" in labels(demo_path)


def test_a_period_ending_before_it_starts_is_refused_in_the_dialog(dialog, qtbot, demo_path):
    tab = dialog.period_tab
    tab.label.setText("Winter")
    tab.start.setText("1 February 2013")
    tab.end.setText("1 December 2012")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == (
        "“Winter” cannot end (1 December 2012) before it starts (1 February 2013)."
    )
    assert "Winter" not in labels(demo_path)
    assert tab.label.text() == "Winter"  # kept, to be put right


@pytest.mark.parametrize(
    ("pattern", "added"),
    [
        ("months", ["April 2012", "May 2012", "March 2013"]),
        ("half-years", ["Half-year 1 2012/13", "Half-year 2 2012/13"]),
        ("quarters", ["Quarter 1 2012/13", "Quarter 4 2012/13"]),
    ],
)
def test_a_whole_year_of_a_pattern_and_undo(window, dialog, qtbot, demo_path, pattern, added):
    tab = dialog.period_tab
    assert tab.year.value() == 2012  # the year after the programme's last
    assert tab.year_name.text() == "(2012/13)"
    qtbot.mouseClick(tab.year_buttons[pattern], Qt.MouseButton.LeftButton)
    now = labels(demo_path)
    assert set(added) <= set(now)
    assert len(now) == 12 + {"months": 12, "half-years": 2, "quarters": 4}[pattern]
    qtbot.wait(10)
    assert len(shown(dialog)) == len(now)
    assert window.undo_stack.undoText() == f"Add {pattern} of 2012/13"
    window.undo_stack.undo()
    assert len(labels(demo_path)) == 12


def test_rename_in_its_row_and_a_taken_name_refused(window, dialog, qtbot, demo_path):
    edit_cell(qtbot, dialog, 0, LABEL, "Q1 2009/10")
    assert labels(demo_path)[0] == "Q1 2009/10"
    assert shown(dialog)[0] == "Q1 2009/10"
    assert window.period_box.findText("Q1 2009/10") >= 0
    edit_cell(qtbot, dialog, 0, LABEL, "QUARTER 2 2009/10")
    assert dialog.error.text() == "This programme already has a period called “QUARTER 2 2009/10”."
    assert labels(demo_path)[0] == "Q1 2009/10"
    assert shown(dialog)[0] == "Q1 2009/10"
    window.undo_stack.undo()
    assert labels(demo_path)[0] == "Quarter 1 2009/10"


def test_new_dates_move_the_period_to_its_place_and_undo_moves_it_back(
    window, dialog, qtbot, demo_path
):
    row = row_of(dialog, "Quarter 2 2011/12")
    edit_cell(qtbot, dialog, row, START, "1 March 2009")
    assert file_query(
        demo_path, "SELECT start, \"end\", quarter FROM period WHERE label = 'Quarter 2 2011/12'"
    ) == [("2009-03-01", "2011-09-30", None)]
    assert labels(demo_path)[0] == "Quarter 2 2011/12"
    qtbot.wait(10)
    assert shown(dialog)[0] == "Quarter 2 2011/12"
    moved = file_query(demo_path, "SELECT id FROM period WHERE label = 'Quarter 2 2011/12'")
    assert dialog.period_tab.selected() == moved[0][0]  # still selected, wherever it is now
    assert window.period_box.itemText(0) == "Quarter 2 2011/12"
    edit_cell(qtbot, dialog, 0, END, "31 March 2009")
    assert file_query(demo_path, 'SELECT "end" FROM period WHERE id = ?', moved[0][0]) == [
        ("2009-03-31",)
    ]
    edit_cell(qtbot, dialog, 0, END, "1 February 2009")
    assert dialog.error.text() == (
        "“Quarter 2 2011/12” cannot end (1 February 2009) before it starts (1 March 2009)."
    )
    edit_cell(qtbot, dialog, 0, END, "the end of March")
    assert dialog.error.text() == (
        "“the end of March” is not a date I can read. Write it as 17 August 2009."
    )
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert file_query(
        demo_path, 'SELECT start, "end", quarter FROM period WHERE id = ?', moved[0][0]
    ) == [("2011-07-01", "2011-09-30", 2)]
    qtbot.wait(10)
    assert shown(dialog)[0] == "Quarter 1 2009/10"


def test_remove_refuses_a_used_period_by_name_and_takes_an_unused_one(
    window, dialog, qtbot, demo_path
):
    tab = dialog.period_tab
    tab.view.selectRow(row_of(dialog, "Quarter 1 2009/10"))
    qtbot.mouseClick(tab.remove, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == (
        "Quarter 1 2009/10 cannot be removed: 46 judgements, 46 achievements, 13 KPI results "
        "and 1 report use it."
    )
    assert len(labels(demo_path)) == 12
    tab.view.selectRow(row_of(dialog, "Quarter 1 2010/11"))
    qtbot.mouseClick(tab.remove, Qt.MouseButton.LeftButton)
    assert "Quarter 1 2010/11" not in labels(demo_path)
    qtbot.wait(10)
    assert "Quarter 1 2010/11" not in shown(dialog)
    window.undo_stack.undo()
    assert file_query(demo_path, "SELECT label FROM period WHERE id = 5") == [
        ("Quarter 1 2010/11",)
    ]


def test_a_published_period_says_who_published_it_and_is_frozen(window, dialog, qtbot):
    tab = dialog.period_tab
    tab.view.selectRow(0)
    assert tab.publish.isEnabled() and not tab.reopen.isEnabled()
    when_modal(lambda confirm: confirm.accept())
    qtbot.mouseClick(tab.publish, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    model = tab.model
    assert model.index(0, STATUS).data() == (
        f"Published by Test User on {format_date(dt.date.today())}"
    )
    assert model.index(1, STATUS).data() == "Open"
    assert not model.flags(model.index(0, LABEL)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(1, START)) & Qt.ItemFlag.ItemIsEditable
    assert tab.reopen.isEnabled() and not tab.publish.isEnabled() and not tab.remove.isEnabled()
    window.undo_stack.undo()
    qtbot.wait(10)
    assert model.index(0, STATUS).data() == "Open"
