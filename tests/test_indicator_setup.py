"""Indicators and groups set up from the window, through the real editor dialogs and keys:
added, edited field by field, deleted (asking first when values would go), each one step of
Edit ▸ Undo; and values in the wrong unit refused, or asked about, in the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

from ui.dialogs.indicator_editor import AVERAGE, TARGET, IndicatorEditor
from ui.dialogs.kpi_group_editor import GroupEditor
from ui.panes.indicators import ACTUAL, CODE, IndicatorsPane
from ui.shell.main_window import MainWindow

from helpers import activate, file_query, when_modal

CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)
NI14 = "SELECT {} FROM indicator WHERE code = 'NI 14'"


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


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


def type_year(qtbot, dialog: IndicatorEditor, year: int, column: int, text: str) -> None:
    """Type a target or national average into the year table, as a person does: F2, the
    words, Return."""
    row = next(n for n, r in enumerate(dialog.years.rows) if r.id == year)
    view = dialog.years_view
    view.setFocus()
    view.setCurrentIndex(dialog.years.index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    if text:
        qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)  # Qt commits queued


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def select(pane: IndicatorsPane, kind: str, name: str, qtbot=None) -> None:
    if qtbot is not None:
        activate(qtbot, pane.window())
    number = next(
        n for n, r in enumerate(pane.model.rows) if r.kind == kind and name in (r.code, r.name)
    )
    pane.view.setCurrentIndex(pane.model.index(number, CODE if kind == "group" else 1))
    pane.view.setFocus()


def edit_indicator(qtbot, window, code: str, action: Callable[[IndicatorEditor], None]) -> None:
    """Open the editor on ``code`` with Alt+Return in the table and run ``action`` in it."""
    pane = window.indicators
    select(pane, "indicator", code, qtbot)
    seen: list[QWidget] = []

    def act(dialog) -> None:
        seen.append(dialog)
        assert isinstance(dialog, IndicatorEditor)
        action(dialog)

    when_modal(act)
    qtbot.keyClick(pane.view, Qt.Key.Key_Return, ALT)
    assert seen, "the editor did not open"


def test_add_an_indicator_with_targets_and_a_national_average_then_undo_and_redo(
    window, qtbot, demo_path
):
    pane = window.indicators
    select(pane, "indicator", "NI 14")  # in “Other key National Indicators”: the new one too
    seen: dict[str, Any] = {}

    def fill(dialog: IndicatorEditor) -> None:
        seen["title"] = dialog.windowTitle()
        seen["group"] = dialog.group.currentText()
        seen["years"] = [r.id for r in dialog.years.rows]
        type_into(qtbot, dialog.code, "NI 195")
        type_into(qtbot, dialog.title, "Street cleanliness: litter")
        type_into(qtbot, dialog.responsible.lineEdit(), "Street Scene Manager")
        choose(dialog.unit, "Percentage (%)")
        choose(dialog.polarity, "Lower is better")
        type_year(qtbot, dialog, 2009, TARGET, "12%")
        type_year(qtbot, dialog, 2010, TARGET, "10")
        type_year(qtbot, dialog, 2008, AVERAGE, "11.5%")
        save(qtbot, dialog)

    when_modal(fill)
    qtbot.keyClick(pane.view, Qt.Key.Key_I, CTRL | SHIFT)
    assert seen["title"] == "Add indicator"
    assert seen["group"] == "Priority Service Objectives › Other key National Indicators"
    assert seen["years"] == [2007, 2008, 2009, 2010, 2011]
    query = (
        "SELECT i.id, i.code, i.title, r.name, i.unit, i.polarity, g.name FROM indicator i "
        "JOIN responsible r ON r.id = i.responsible_id JOIN kpi_group g ON g.id = i.group_id "
        "WHERE i.code = 'NI 195'"
    )
    [(new_id, *added)] = file_query(demo_path, query)
    assert added == [
        "NI 195",
        "Street cleanliness: litter",
        "Street Scene Manager",
        "%",
        "lower",
        "Other key National Indicators",
    ]
    values = (
        "SELECT 'target', financial_year, value_text, value_number FROM kpi_target "
        "WHERE indicator_id = ? UNION ALL SELECT 'average', financial_year, value_text, "
        "value_number FROM kpi_national_average WHERE indicator_id = ? ORDER BY 1 DESC, 2"
    )
    expected = [
        ("target", 2009, "12%", 12.0),
        ("target", 2010, "10", 10.0),
        ("average", 2008, "11.5%", 11.5),
    ]
    assert file_query(demo_path, values, new_id, new_id) == expected
    row = pane.current_row()
    assert (row.kind, row.id, row.targets[:2], row.national_average) == (
        "indicator",
        new_id,
        ("12%", "10"),
        "11.5%",
    )
    assert window.undo_stack.undoText() == "Add indicator"
    window.undo_stack.undo()
    assert file_query(demo_path, query) == []
    assert file_query(demo_path, values, new_id, new_id) == []
    assert all(r.code != "NI 195" for r in pane.model.rows)
    window.undo_stack.redo()
    assert file_query(demo_path, query) == [(new_id, *added)]  # the same id
    assert file_query(demo_path, values, new_id, new_id) == expected


EDITS: dict[str, tuple[Callable[[Any, IndicatorEditor], None], str, tuple, tuple]] = {
    "code": (
        lambda qtbot, d: type_into(qtbot, d.code, "NI 14a"),
        NI14.format("code") + " OR code = 'NI 14a'",
        ("NI 14",),
        ("NI 14a",),
    ),
    "measure": (
        lambda qtbot, d: type_into(qtbot, d.title, "Avoidable contact with the council"),
        NI14.format("title"),
        ("Avoidable Contact",),
        ("Avoidable contact with the council",),
    ),
    "responsible, someone in the file": (
        lambda qtbot, d: choose(d.responsible, "Corporate Procurement Manager"),
        "SELECT r.name FROM indicator i JOIN responsible r ON r.id = i.responsible_id "
        "WHERE i.code = 'NI 14'",
        ("Head of Customer Services",),
        ("Corporate Procurement Manager",),
    ),
    "responsible, a new name": (
        lambda qtbot, d: type_into(qtbot, d.responsible.lineEdit(), "Channel Shift Lead"),
        "SELECT r.name FROM indicator i JOIN responsible r ON r.id = i.responsible_id "
        "WHERE i.code = 'NI 14'",
        ("Head of Customer Services",),
        ("Channel Shift Lead",),
    ),
    "unit": (
        lambda qtbot, d: choose(d.unit, "Not set (any value)"),
        NI14.format("unit"),
        ("%",),
        (None,),
    ),
    "polarity": (
        lambda qtbot, d: choose(d.polarity, "Higher is better"),
        NI14.format("polarity"),
        ("lower",),
        ("higher",),
    ),
    "group": (
        lambda qtbot, d: choose(d.group, "Priority Service Objectives › LAA Indicators"),
        "SELECT g.name FROM indicator i JOIN kpi_group g ON g.id = i.group_id "
        "WHERE i.code = 'NI 14'",
        ("Other key National Indicators",),
        ("LAA Indicators",),
    ),
    "target": (
        lambda qtbot, d: type_year(qtbot, d, 2010, TARGET, "17.5%"),
        "SELECT value_text, value_number FROM kpi_target WHERE financial_year = 2010 AND "
        "indicator_id = (SELECT id FROM indicator WHERE code = 'NI 14')",
        ("-", None),
        ("17.5%", 17.5),
    ),
    "target removed": (
        lambda qtbot, d: type_year(qtbot, d, 2009, TARGET, ""),
        "SELECT count(*) FROM kpi_target WHERE financial_year = 2009 AND "
        "indicator_id = (SELECT id FROM indicator WHERE code = 'NI 14')",
        (1,),
        (0,),
    ),
    "national average": (
        lambda qtbot, d: type_year(qtbot, d, 2008, AVERAGE, "24.9%"),
        "SELECT financial_year, value_text FROM kpi_national_average WHERE "
        "indicator_id = (SELECT id FROM indicator WHERE code = 'NI 14')",
        (2008, "24.7%"),
        (2008, "24.9%"),
    ),
}


@pytest.mark.parametrize("field", list(EDITS))
def test_each_field_is_edited_in_one_step_and_undone(window, qtbot, demo_path, field):
    change, query, before, after = EDITS[field]

    def edit(dialog: IndicatorEditor) -> None:
        assert dialog.windowTitle() == "Edit indicator – NI 14"
        change(qtbot, dialog)
        save(qtbot, dialog)

    assert file_query(demo_path, query) == [before]
    steps = window.undo_stack.count()
    edit_indicator(qtbot, window, "NI 14", edit)
    assert file_query(demo_path, query) == [after]
    assert window.undo_stack.count() == steps + 1
    assert window.undo_stack.undoText() == "Edit indicator"
    window.undo_stack.undo()
    assert file_query(demo_path, query) == [before]
    window.undo_stack.redo()
    assert file_query(demo_path, query) == [after]


def test_cancel_saves_nothing(window, qtbot, demo_path):
    def cancel(dialog: IndicatorEditor) -> None:
        type_into(qtbot, dialog.title, "Something else")
        dialog.reject()

    steps = window.undo_stack.count()
    edit_indicator(qtbot, window, "NI 14", cancel)
    assert file_query(demo_path, NI14.format("title")) == [("Avoidable Contact",)]
    assert window.undo_stack.count() == steps


VALUE_TABLES = ("kpi_target", "kpi_outturn", "kpi_national_average", "kpi_result")


def ni14_rows(path) -> dict[str, list[tuple]]:
    found = {"indicator": file_query(path, NI14.format("*"))}
    for table in VALUE_TABLES:
        found[table] = file_query(
            path,
            f"SELECT * FROM {table} WHERE indicator_id = "
            "(SELECT id FROM indicator WHERE code = 'NI 14') ORDER BY id",
        )
    return found


def test_deleting_an_indicator_asks_naming_its_values_and_undo_restores_their_ids(
    window, qtbot, demo_path
):
    pane = window.indicators
    before = ni14_rows(demo_path)
    assert [len(before[t]) for t in VALUE_TABLES] == [3, 1, 1, 1]
    asked: list[str] = []

    def answer(delete: bool) -> Callable[[QMessageBox], None]:
        def act(box: QMessageBox) -> None:
            assert isinstance(box, QMessageBox) and box.objectName() == "confirmDeleteIndicator"
            asked.append(box.text())
            wanted = "&Delete" if delete else "Cancel"
            button = next(b for b in box.buttons() if b.text() == wanted)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

        return act

    select(pane, "indicator", "NI 14")
    when_modal(answer(False))
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete, CTRL)
    assert asked == [
        "Delete NI 14? Its 6 values go with it: 3 targets, 1 annual actual, 1 national average "
        "and 1 period’s result.\n\nEdit ▸ Undo brings the indicator back with them."
    ]
    assert ni14_rows(demo_path) == before  # cancelled: nothing gone

    select(pane, "indicator", "NI 14", qtbot)
    when_modal(answer(True))
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete, CTRL)
    assert len(asked) == 2
    assert all(not rows for rows in ni14_rows(demo_path).values())
    assert all(r.code != "NI 14" for r in pane.model.rows)
    assert window.undo_stack.undoText() == "Delete indicator"
    window.undo_stack.undo()
    assert ni14_rows(demo_path) == before  # every row, with its id
    assert any(r.code == "NI 14" and r.actual == "25.6%" for r in pane.model.rows)
    window.undo_stack.redo()
    assert all(not rows for rows in ni14_rows(demo_path).values())
    window.undo_stack.undo()
    assert ni14_rows(demo_path) == before


def test_an_indicator_without_values_is_deleted_without_asking(window, qtbot, demo_path):
    pane = window.indicators
    from app.read.kpi_setup import IndicatorSpec

    new_id = window.commands.kpis.setup.add_indicator(IndicatorSpec("NI 196", "Fly-tipping"))
    pane.select_row("indicator", new_id)
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete, CTRL)  # no dialog: it would block here
    assert file_query(demo_path, "SELECT * FROM indicator WHERE id = ?", new_id) == []


def test_a_repeated_code_is_refused_in_the_dialog(window, qtbot, demo_path):
    pane = window.indicators
    seen: dict[str, Any] = {}

    def fill(dialog: IndicatorEditor) -> None:
        type_into(qtbot, dialog.code, "ni 14")
        type_into(qtbot, dialog.title, "Avoidable contact (again)")
        save(qtbot, dialog)
        seen["open"] = dialog.isVisible()
        seen["error"] = dialog.error.text() if dialog.error.isVisible() else None
        dialog.reject()

    select(pane, "indicator", "NI 3")
    when_modal(fill)
    qtbot.keyClick(pane.view, Qt.Key.Key_I, CTRL | SHIFT)
    assert seen == {
        "open": True,
        "error": "“NI 14” is already the code of “Avoidable Contact” in this programme: give "
        "this indicator a different code.",
    }
    assert file_query(demo_path, "SELECT count(*) FROM indicator") == [(25,)]


def test_a_value_in_another_unit_is_refused_in_the_editor_and_in_the_table(
    window, qtbot, demo_path
):
    seen: dict[str, Any] = {}

    def fill(dialog: IndicatorEditor) -> None:
        type_year(qtbot, dialog, 2010, TARGET, "£1,200")
        save(qtbot, dialog)
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        dialog.reject()

    edit_indicator(qtbot, window, "NI 14", fill)
    assert seen == {
        "open": True,
        "error": "The target for 2010/11: “£1,200” is money, but NI 14 is measured as a "
        "percentage: type a number such as 25.6 or 25.6%.",
    }
    type_actual(qtbot, window.indicators, "NI 14", "£1,200")
    assert window.message.text() == (
        "“£1,200” is money, but NI 14 is measured as a percentage: type a number such as 25.6 "
        "or 25.6%."
    )
    assert file_query(
        demo_path,
        "SELECT actual_text FROM kpi_result WHERE indicator_id = (SELECT id FROM indicator "
        "WHERE code = 'NI 14')",
    ) == [("25.6%",)]


def type_actual(qtbot, pane: IndicatorsPane, code: str, text: str) -> None:
    activate(qtbot, pane.window())
    row = next(n for n, r in enumerate(pane.model.rows) if r.code == code)
    pane.view.setCurrentIndex(pane.model.index(row, ACTUAL))
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.view.state() != pane.view.State.EditingState)


def test_an_ambiguous_value_is_asked_about_in_the_table(window, qtbot, demo_path):
    pane = window.indicators
    actual = (
        "SELECT actual_text, actual_number FROM kpi_result WHERE indicator_id = "
        "(SELECT id FROM indicator WHERE code = 'NI 14')"
    )
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Callable[[QMessageBox], None]:
        def act(box: QMessageBox) -> None:
            asked.append(box.text())
            qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

        return act

    when_modal(answer(QMessageBox.StandardButton.No))
    type_actual(qtbot, pane, "NI 14", "0.52")
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert asked == ["NI 14 is measured as a percentage, so “0.52” means 0.52%, not 52%. Keep it?"]
    assert file_query(demo_path, actual) == [("25.6%", 25.6)]

    when_modal(answer(QMessageBox.StandardButton.Yes))
    type_actual(qtbot, pane, "NI 14", "0.52")
    qtbot.waitUntil(lambda: file_query(demo_path, actual) == [("0.52", 0.52)])
    assert len(asked) == 2
    window.undo_stack.undo()
    assert file_query(demo_path, actual) == [("25.6%", 25.6)]
    window.undo_stack.redo()
    assert file_query(demo_path, actual) == [("0.52", 0.52)]


def test_an_ambiguous_target_is_asked_about_in_the_editor(window, qtbot, demo_path):
    asked: list[str] = []

    def fill(dialog: IndicatorEditor) -> None:
        type_year(qtbot, dialog, 2010, TARGET, "0.5")

        def yes(box: QMessageBox) -> None:
            asked.append(box.text())
            qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

        when_modal(yes)
        save(qtbot, dialog)

    edit_indicator(qtbot, window, "NI 14", fill)
    assert asked == [
        "2010/11: NI 14 is measured as a percentage, so “0.5” means 0.5%, not 50%. Keep it?"
    ]
    assert file_query(
        demo_path,
        "SELECT value_text FROM kpi_target WHERE financial_year = 2010 AND indicator_id = "
        "(SELECT id FROM indicator WHERE code = 'NI 14')",
    ) == [("0.5",)]


def groups(path) -> list[tuple]:
    return file_query(
        path,
        "SELECT g.name, g.category, p.name, g.position, (SELECT count(*) FROM indicator i "
        "WHERE i.group_id = g.id) FROM kpi_group g LEFT JOIN kpi_group p ON p.id = g.parent_id "
        "ORDER BY g.id",
    )


def test_groups_are_added_renamed_and_deleted_each_in_one_step(window, qtbot, demo_path):
    pane = window.indicators
    before = groups(demo_path)

    def add(dialog: GroupEditor) -> None:
        assert isinstance(dialog, GroupEditor) and dialog.windowTitle() == "Add group"
        assert dialog.inside.currentText() == "Priority Service Objectives"  # the current row
        type_into(qtbot, dialog.name, "Street scene")
        choose(dialog.category, "Local indicators")
        save(qtbot, dialog)

    select(pane, "group", "Priority Service Objectives")
    when_modal(add)
    qtbot.keyClick(pane.view, Qt.Key.Key_G, CTRL | SHIFT)
    added = [*before, ("Street scene", "local", "Priority Service Objectives", 3, 0)]
    assert groups(demo_path) == added
    assert pane.current_row().name == "Street scene"

    def rename(dialog: GroupEditor) -> None:
        assert dialog.windowTitle() == "Edit group – Street scene"
        # a group cannot go inside itself
        assert dialog.inside.findText("Priority Service Objectives › Street scene") == -1
        type_into(qtbot, dialog.name, "Street scene indicators")
        choose(dialog.inside, "Nothing (a group at the top of the table)")
        save(qtbot, dialog)

    activate(qtbot, window)
    pane.view.setFocus()
    when_modal(rename)
    qtbot.keyClick(pane.view, Qt.Key.Key_Return, ALT)  # Alt+Return edits the group's row
    renamed = [*before, ("Street scene indicators", "local", None, 1, 0)]
    assert groups(demo_path) == renamed
    assert window.undo_stack.undoText() == "Edit group"

    asked: list[str] = []

    def confirm(box: QMessageBox) -> None:
        assert box.objectName() == "confirmDeleteGroup"
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text() == "&Delete")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    select(pane, "group", "LAA Indicators", qtbot)
    when_modal(confirm)
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete, CTRL)  # Ctrl+Del deletes the group's row
    assert asked == [
        "Delete the group “LAA Indicators”? Its 3 indicators move into “Priority Service "
        "Objectives”; nothing in it is deleted."
    ]
    after = groups(demo_path)
    assert [g[0] for g in after] == [
        "Priority Service Objectives",
        "Other key National Indicators",
        "Key Local Indicators",
        "Street scene indicators",
    ]
    assert after[0][4] == 3  # its three indicators are now in the group above
    assert window.undo_stack.undoText() == "Delete group"
    window.undo_stack.undo()
    assert groups(demo_path) == renamed
    window.undo_stack.undo()
    assert groups(demo_path) == added
    window.undo_stack.undo()
    assert groups(demo_path) == before
    for _ in range(3):
        window.undo_stack.redo()
    assert [g[0] for g in groups(demo_path)] == [g[0] for g in after]


def test_the_first_indicator_of_a_programme_shows_its_tab(window, qtbot, demo_path):
    window.programme_box.setCurrentIndex(
        window.programme_box.findText("Working Smarter", Qt.MatchFlag.MatchStartsWith)
    )
    assert not window.tabs.isTabVisible(1)  # Walsall's update has no indicators

    def fill(dialog: IndicatorEditor) -> None:
        assert dialog.group.count() == 1  # no groups yet
        type_into(qtbot, dialog.title, "Staff working flexibly")
        choose(dialog.unit, "Percentage (%)")
        save(qtbot, dialog)

    when_modal(fill)
    qtbot.keyClick(window.tree, Qt.Key.Key_I, CTRL | SHIFT)  # from the tree: the keys work
    assert window.tabs.isTabVisible(1) and window.tabs.currentIndex() == 1
    assert window.indicators.current_row().name == "Staff working flexibly"
    window.undo_stack.undo()
    assert not window.tabs.isTabVisible(1)


def test_the_year_table_passes_the_model_tester(window, qtbot):
    seen: list[str] = []

    def check(dialog: IndicatorEditor) -> None:
        tester = QAbstractItemModelTester(
            dialog.years, QAbstractItemModelTester.FailureReportingMode.Fatal
        )
        type_year(qtbot, dialog, 2011, TARGET, "18%")
        type_year(qtbot, dialog, 2007, AVERAGE, "23%")
        model = dialog.years
        assert model.index(0, TARGET).flags() & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag(0)
        assert "2009/10 to 2011/12" in model.index(0, TARGET).data(Qt.ItemDataRole.ToolTipRole)
        seen.append(model.index(4, TARGET).data())
        seen.append(model.index(0, AVERAGE).data())
        del tester
        dialog.reject()

    edit_indicator(qtbot, window, "NI 14", check)
    assert seen == ["18%", "23%"]


def test_the_indicators_menu_and_the_context_menu_offer_the_commands(window, qtbot):
    menu = window.menus.indicators_menu
    menu.aboutToShow.emit()
    names = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert names == [
        "Add &Indicator…",
        "&Edit Indicator…",
        "&Delete Indicator…",
        "Add &Group…",
        "Edit Grou&p…",
        "Delete Gro&up…",
    ]
    actions = {a.objectName(): a for a in menu.actions()}
    assert actions["addIndicator"].shortcut().toString() == "Ctrl+Shift+I"
    pane = window.indicators
    select(pane, "indicator", "NI 14")
    assert actions["editIndicator"].isEnabled() and not actions["editGroup"].isEnabled()
    assert actions["editIndicator"].shortcut().toString() == "Alt+Return"
    select(pane, "group", "LAA Indicators")
    assert actions["editGroup"].isEnabled() and not actions["editIndicator"].isEnabled()
    assert actions["editGroup"].shortcut().toString() == "Alt+Return"
    assert actions["deleteGroup"].shortcut().toString() == "Ctrl+Del"
    assert actions["deleteIndicator"].shortcut().isEmpty()
    buttons = [b.text() for b in pane.findChildren(QWidget) if b.objectName().endswith("Button")]
    assert "Add Indicator…" in buttons and "Delete Group…" in buttons


def test_a_value_still_being_typed_is_saved_with_the_dialog(window, qtbot, demo_path):
    def fill(dialog: IndicatorEditor) -> None:
        row = next(n for n, r in enumerate(dialog.years.rows) if r.id == 2011)
        view = dialog.years_view
        view.setFocus()
        view.setCurrentIndex(dialog.years.index(row, TARGET))
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = dialog.focusWidget()  # the application's, only once the dialog is active
        assert isinstance(editor, QLineEdit) and view.isAncestorOf(editor)
        editor.selectAll()
        qtbot.keyClicks(editor, "17%")  # no Return: Save takes it as typed
        dialog.accept()

    edit_indicator(qtbot, window, "NI 14", fill)
    assert file_query(
        demo_path,
        "SELECT value_text FROM kpi_target WHERE financial_year = 2011 AND indicator_id = "
        "(SELECT id FROM indicator WHERE code = 'NI 14')",
    ) == [("17%",)]
