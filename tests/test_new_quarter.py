"""Starting a new quarter through the real window: carry forward all or one, undo, confirm by
key; last period beside this one in the detail pane."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.core.errors import ValidationError
from app.services.carry_forward import carry_forward
from app.store.migrate import head_revision
from ui.dialogs.new_quarter import CarryModel, NewQuarterDialog
from ui.tree.model import JUDGEMENT

from helpers import file_query, find_row, shown_window, when_modal

Q1, Q2 = "Quarter 1 2009/10", "Quarter 2 2009/10"


@pytest.fixture
def window(qtbot, demo, tmp_path):
    return shown_window(qtbot, demo, tmp_path, ("model", "proxy"))


def choose_period(win, label):
    win.period_box.setCurrentIndex(win.period_box.findText(label))


def select(win, qtbot, item_id):
    win.tree.select_item(win.proxy.mapFromSource(win.model.index_for(item_id)))
    win.tree.setFocus()
    qtbot.wait(20)
    qtbot.wait(1)


def back_in_window(win, qtbot):
    """After a modal dialog: the window active again, so its shortcuts (Ctrl+Z) reach it."""
    win.activateWindow()
    qtbot.waitActive(win)
    win.tree.setFocus()
    qtbot.wait(20)


def q2_judgements(path):
    return file_query(
        path,
        "SELECT j.item_id, s.glyph, j.carried FROM judgement j JOIN symbol s ON s.id = "
        "j.symbol_id JOIN period p ON p.id = j.period_id WHERE p.label = ? ORDER BY j.item_id",
        Q2,
    )


def q2_narratives(path):
    return file_query(
        path,
        "SELECT u.item_id, u.text FROM progress_update u JOIN period p ON p.id = u.period_id "
        "WHERE p.label = ? ORDER BY u.item_id",
        Q2,
    )


def test_moving_to_an_empty_quarter_offers_to_start_it(window):
    assert window.new_quarter.offer.isHidden()  # Quarter 1 is judged
    action = window.menus.start_period_action
    assert action.isEnabled() and action.text() == f"&Start {Q2}…"
    assert action.shortcut().toString() == "Ctrl+Shift+T"
    choose_period(window, Q2)
    assert window.new_quarter.offer.isVisible()
    assert window.new_quarter.offer_label.text() == (
        f"{Q2} has no judgements yet. Carry forward {Q1}’s judgements and narratives as a "
        "starting point?"
    )
    choose_period(window, "Quarter 3 2009/10")  # Quarter 2 is empty too: nothing to start from
    assert window.new_quarter.offer.isHidden()
    assert not action.isEnabled()


def test_carry_forward_all_marks_them_carried_and_one_undo_removes_them(window, qtbot, demo_path):
    seen = {}

    def carry_all(dialog: NewQuarterDialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["rows"] = dialog.model.rowCount()
        seen["tester"] = QAbstractItemModelTester(
            dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal
        )
        qtbot.mouseClick(dialog.carry_button, Qt.MouseButton.LeftButton)

    when_modal(carry_all)
    qtbot.keyClick(
        window.tree,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert seen["title"] == f"Start {Q2}"
    assert window.period_box.currentText() == Q2  # the window moved to the new quarter
    carried = q2_judgements(demo_path)
    assert len(carried) == 46 and all(flag == 1 for _, _, flag in carried)
    assert seen["rows"] >= 46
    assert window.summary_label.text().endswith("Carried, not confirmed 46   Not yet judged 2")
    assert "● On track 0" in window.summary_label.text()
    row = find_row(window, "Audit, and gap analysis")
    index = window.proxy.mapFromSource(window.model.index_for(row.id, JUDGEMENT))
    assert index.data().endswith("(carried)")
    assert window.new_quarter.offer.isHidden()
    assert len(q2_narratives(demo_path)) > 0
    assert window.undo_stack.undoText().startswith("Carry forward ")
    back_in_window(window, qtbot)

    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert q2_judgements(demo_path) == [] and q2_narratives(demo_path) == []
    assert "Carried" not in window.summary_label.text()
    qtbot.keyClick(window.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(q2_judgements(demo_path)) == 46


def test_carry_forward_one_action_then_confirm_it_by_key(window, qtbot, demo_path):
    row = find_row(window, "Audit, and gap analysis")
    choose_period(window, Q2)

    def carry_one(dialog: NewQuarterDialog) -> None:
        qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
        model = dialog.model
        n = next(i for i, r in enumerate(model.rows) if r.item_id == row.id)
        model.setData(
            model.index(n, CarryModel.CARRY), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )
        dialog.narratives.setChecked(False)
        qtbot.mouseClick(dialog.carry_button, Qt.MouseButton.LeftButton)

    when_modal(carry_one)
    qtbot.mouseClick(window.new_quarter.offer_button, Qt.MouseButton.LeftButton)
    assert q2_judgements(demo_path) == [(row.id, "●", 1)]
    assert q2_narratives(demo_path) == []
    assert window.undo_stack.undoText() == f"Carry forward 1 item to {Q2}"
    back_in_window(window, qtbot)

    select(window, qtbot, row.id)
    assert window.detail.this_judgement.text().endswith("On track (carried)</i>")
    qtbot.keyClick(window.tree, Qt.Key.Key_O)  # its own key confirms it
    assert q2_judgements(demo_path) == [(row.id, "●", 0)]
    assert window.undo_stack.undoText().startswith("Confirm judgement of Audit, and gap analysis")
    assert "Carried" not in window.summary_label.text()
    assert "● On track 1" in window.summary_label.text()
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert q2_judgements(demo_path) == [(row.id, "●", 1)]  # carried again
    assert "Carried, not confirmed 1" in window.summary_label.text()
    qtbot.keyClick(window.tree, Qt.Key.Key_B)  # another key replaces it, confirmed
    assert q2_judgements(demo_path) == [(row.id, "▲", 0)]


def test_start_empty_carries_nothing(window, qtbot, demo_path):
    when_modal(lambda dialog: qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton))
    window.menus.start_period_action.trigger()
    assert q2_judgements(demo_path) == []
    assert window.new_quarter.offer.isVisible()


def test_detail_pane_shows_last_period_beside_this_one(window, qtbot):
    row = find_row(window, "Audit, and gap analysis")
    choose_period(window, Q2)
    select(window, qtbot, row.id)
    detail = window.detail
    assert detail.last_period.heading.text() == f"&Last period, {Q1}"
    assert "On track" in detail.last_period.judgement.text()
    assert detail.last_period.narrative.isReadOnly()
    assert detail.last_period.narrative.toPlainText() != ""
    assert detail.this_judgement.text() == "<i>not judged</i>"
    # beside this period's words, and both on screen without scrolling at 1366×768
    assert detail.last_period.narrative.isVisible() and detail.achievements.isVisible()
    top = detail.achievements.mapTo(window, detail.achievements.rect().topLeft()).y()
    last = detail.last_period.narrative
    assert last.mapTo(window, last.rect().topLeft()).y() == top
    bottom = last.mapTo(window, last.rect().bottomLeft()).y()
    assert bottom < window.statusBar().mapTo(window, window.statusBar().rect().topLeft()).y()
    assert detail.verticalScrollBar().value() == 0
    choose_period(window, Q1)  # the first period has nothing before it
    assert detail.last_period.narrative.isHidden()


def test_carry_forward_refusals(demo, demo_path):
    q1, q2 = (
        file_query(demo_path, "SELECT min(id) FROM period WHERE label = ?", label)[0][0]
        for label in (Q1, Q2)
    )
    with pytest.raises(ValidationError) as refused:
        carry_forward(demo, q2, [], [])
    assert str(refused.value) == "Choose at least one action to carry forward."
    with pytest.raises(ValidationError) as refused:
        carry_forward(demo, q1, [1], [])
    assert str(refused.value) == (
        f"{Q1} is the programme’s first period: there is no period before it to carry forward from."
    )
    with pytest.raises(ValidationError) as refused:
        carry_forward(demo, q2, [999_999], [])
    assert str(refused.value) == (
        f"Nothing to carry forward: the actions chosen already have a judgement and a "
        f"narrative for {Q2}."
    )


def test_migration_head_has_carried(demo_path):
    assert file_query(demo_path, "SELECT version_num FROM alembic_version")[0][0] == head_revision()
    assert file_query(demo_path, "SELECT count(*) FROM judgement WHERE carried = 1") == [(0,)]
