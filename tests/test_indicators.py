"""The indicators view: Table 3's values and statuses, edited through the real view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLineEdit

from ui.panes.indicators import ACTUAL, NOTE, STATUS, TARGET_1, TARGET_2, IndicatorsPane
from ui.shell.main_window import MainWindow

from helpers import file_query


@pytest.fixture
def window(qtbot, demo, tmp_path):
    win = MainWindow(demo, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    win.show_indicators()
    win._tester = QAbstractItemModelTester(
        win.indicators.model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    return win


def cell(pane: IndicatorsPane, code: str, column: int):
    row = pane.select_indicator(code)
    return pane.model.index(row, column)


def test_table_3_values_and_statuses(window):
    pane = window.indicators
    assert window.tabs.currentIndex() == 1 and window.tabs.isTabVisible(1)
    assert cell(pane, "NI 14", ACTUAL).data() == "25.6%"
    assert cell(pane, "NI 14", TARGET_1).data() == "19%"
    # The document marks NI 14 on track; worked out from actual and target it is off target.
    assert cell(pane, "NI 14", STATUS).data() == "●  On track  (set by hand)"
    tip = cell(pane, "NI 14", STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Set by hand: As the quarter 1 report gives it: Table 3 marks NI 14 ●")
    assert tip.endswith("\nWorked out: off target, beyond tolerance")
    assert cell(pane, "NI 52i", ACTUAL).data() == "35.56%"
    assert cell(pane, "NI 52i", NOTE).data() == (
        "in calculating this indicator, estimates have been applied for 18 of the 105 primaries"
    )
    assert cell(pane, "NI 52i", TARGET_1).data() == "40%"
    assert cell(pane, "NI 52i", STATUS).data() == ("◆  Off target, improvement plan  (set by hand)")
    for place_survey in ("NI 1", "NI 4", "NI 7", "NI 3", "NI 5"):
        assert cell(pane, place_survey, STATUS).data() == "○  Data not available"
    groups = [r.name for r in pane.model.rows if r.kind == "group"]
    assert groups == [
        "Priority Service Objectives",
        "LAA Indicators",
        "Other key National Indicators",
        "Key Local Indicators",
    ]
    assert pane.view.columnSpan(0, 0) == 14
    pane.select_indicator("NI 52i")
    assert pane.chart.series.title == "NI 52i Take up of school lunches (primary)"


def edit_cell(qtbot, pane, index, text):
    pane.view.setCurrentIndex(index)
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)


def return_to_worked_out(qtbot, pane, code):
    """Choose “As worked out from the actual and target” in the status cell's picker."""
    pane.view.setCurrentIndex(cell(pane, code, STATUS))
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(0)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "set by hand" not in cell(pane, code, STATUS).data())


def test_edit_actual_recomputes_status_and_undo(window, qtbot, demo_path):
    pane = window.indicators
    return_to_worked_out(qtbot, pane, "NI 14")
    assert cell(pane, "NI 14", STATUS).data() == "▲  Off target"
    edit_cell(qtbot, pane, cell(pane, "NI 14", ACTUAL), "19.5%")
    assert file_query(
        demo_path,
        "SELECT r.actual_text, r.actual_number FROM kpi_result r JOIN "
        "indicator i ON i.id = r.indicator_id WHERE i.code = 'NI 14'",
    ) == [("19.5%", 19.5)]
    assert cell(pane, "NI 14", STATUS).data() == "◆  Off target, improvement plan"  # within 5%
    edit_cell(qtbot, pane, cell(pane, "NI 14", ACTUAL), "18%")
    assert cell(pane, "NI 14", STATUS).data() == "●  On track"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert cell(pane, "NI 14", ACTUAL).data() == "25.6%"
    assert file_query(
        demo_path,
        "SELECT r.actual_text FROM kpi_result r JOIN indicator i ON "
        "i.id = r.indicator_id WHERE i.code = 'NI 14'",
    ) == [("25.6%",)]


def test_edit_target_and_bad_values_are_refused(window, qtbot, demo_path):
    pane = window.indicators
    edit_cell(qtbot, pane, cell(pane, "NI 14", TARGET_2), "18.5%")
    assert file_query(
        demo_path,
        "SELECT t.value_text, t.value_number FROM kpi_target t JOIN "
        "indicator i ON i.id = t.indicator_id WHERE i.code = 'NI 14' "
        "AND t.financial_year = 2010",
    ) == [("18.5%", 18.5)]
    edit_cell(qtbot, pane, cell(pane, "NI 14", TARGET_1), "12%%")
    assert window.message.text().startswith("“12%%” is not a value I can read")
    edit_cell(qtbot, pane, cell(pane, "NI 14", ACTUAL), "abc")
    assert window.message.text().startswith("“abc” is not a value I can read")
    assert file_query(
        demo_path,
        "SELECT t.value_text FROM kpi_target t JOIN indicator i ON "
        "i.id = t.indicator_id WHERE i.code = 'NI 14' AND "
        "t.financial_year = 2009",
    ) == [("19%",)]


def test_target_outside_the_plan_is_refused(window):
    from app.services.kpis import set_yearly

    row = next(r for r in window.indicators.model.rows if r.code == "NI 14")
    from app.core.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        set_yearly(window.db, row.id, "target", 2015, "10%")
    assert str(caught.value) == (
        "2015/16 is outside this programme’s years (2009/10 to "
        "2011/12), so it cannot have a target."
    )


def test_override_status_with_a_reason_through_the_picker(window, qtbot, demo_path):
    pane = window.indicators
    index = cell(pane, "NI 14", STATUS)
    pane.view.setCurrentIndex(index)
    pane.view.setFocus()

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog), dialog
        dialog.setTextValue("Channel shift plan agreed in July")
        dialog.accept()

    qtbot.keyClick(pane.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("◆"))
    QTimer.singleShot(100, answer)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cell(pane, "NI 14", STATUS).data().startswith("◆"))
    assert file_query(
        demo_path,
        "SELECT s.glyph, r.status_reason FROM kpi_result r JOIN "
        "indicator i ON i.id = r.indicator_id JOIN symbol s ON s.id = "
        "r.status_symbol_id WHERE i.code = 'NI 14'",
    ) == [("◆", "Channel shift plan agreed in July")]
    window.undo_stack.undo()
    assert cell(pane, "NI 14", STATUS).data() == "●  On track  (set by hand)"  # the document's


def test_tolerance_setting_changes_status(window, qtbot, demo_path):
    pane = window.indicators
    return_to_worked_out(qtbot, pane, "NI 14")
    assert cell(pane, "NI 14", STATUS).data() == "▲  Off target"
    pane.tolerance.setValue(40)
    pane.tolerance.editingFinished.emit()
    assert file_query(demo_path, "SELECT kpi_tolerance FROM programme WHERE id = 1") == [(40.0,)]
    assert cell(pane, "NI 14", STATUS).data() == "◆  Off target, improvement plan"


def test_trend_chart_of_the_selected_indicator(window, qtbot):
    pane = window.indicators
    edit_cell(qtbot, pane, cell(pane, "NI 14", ACTUAL), "25.6%")
    window.period_box.setCurrentIndex(window.period_box.findText("Quarter 2 2009/10"))
    edit_cell(qtbot, pane, cell(pane, "NI 14", ACTUAL), "22.1%")
    assert cell(pane, "NI 14", 11).data() == "↑ improved"  # since last period, lower is better
    cell(pane, "NI 14", ACTUAL)
    series = pane.chart.series
    assert [(label, value) for label, _end, value in series.points] == [
        ("Quarter 1 2009/10", 25.6),
        ("Quarter 2 2009/10", 22.1),
    ]
    assert pane.chart.accessibleDescription().startswith(
        "NI 14 Avoidable Contact: actuals Quarter 1 2009/10 25.6%, Quarter 2 2009/10 22.1%."
    )
    image = pane.chart.grab().toImage()
    assert image.width() > 100 and not image.isNull()


def test_the_measures_are_counted_by_status_and_follow_an_override(window, qtbot):
    pane = window.indicators
    before = pane.status_summary.text()
    assert before == (  # NI 14 is ● as the document prints it (set by hand)
        "25 measures: ● On track 1 (4%) · ◆ Off target, improvement plan 2 (8%) · "
        "▲ Off target 0 · ○ Data not available 22 (88%)"
    )
    row = pane.select_indicator("NI 14")
    assert pane.model.setData(pane.model.index(row, STATUS), ("▲", "As worked out"))
    assert pane.status_summary.text() == (
        "25 measures: ● On track 0 · ◆ Off target, improvement plan 2 (8%) · "
        "▲ Off target 1 (4%) · ○ Data not available 22 (88%)"
    )
    window.undo_stack.undo()
    assert pane.status_summary.text() == before
