"""Every dialog fits a council laptop: 1366×768 at 150% scaling leaves 911×512 logical
pixels, and each dialog, opened from the window as a user opens it, can be made that small
with its buttons in view; it never opens bigger than its screen. The tree shows title,
responsibility and both judgements at 1366 pixels without scrolling sideways."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QWizard

from ui.dialogs.fit import SMALL_SCREEN, room_on_screen
from ui.tree.model import JUDGEMENT, PREVIOUS, RESPONSIBILITY, TITLE

from helpers import shown_window

PROCUREMENT = 7  # the demo's "Corporate Procurement Manager", with 5 items in Wigan's plan


@pytest.fixture
def window(qtbot, demo, tmp_path):
    return shown_window(qtbot, demo, tmp_path)


def dialog_buttons(dialog) -> list[QAbstractButton]:
    """The buttons that finish the dialog: its button box's, or a wizard's."""
    if isinstance(dialog, QWizard):
        return [
            dialog.button(which)
            for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton)
        ]
    boxes = dialog.findChildren(QDialogButtonBox)
    return [b for box in boxes if box.isVisible() for b in box.buttons() if b.isVisible()]


def open_dialog(window, tmp_path, which: str) -> None:
    menus = window.menus
    if which == "merge review":
        folder = tmp_path / "packs"
        folder.mkdir()
        made = window.commands.packs.make_packs(folder, [PROCUREMENT], dt.date(2009, 7, 17))
        window.dialogs.merge_pack_file(made[0].path)
    elif which == "indicator editor":
        window.work.indicator_actions.add_indicator.trigger()
    else:
        action = {
            "export": menus.export_action,
            "recommendations": menus.recommendations_action,
            "settings": menus.settings_action,
            "new programme": menus.new_programme_action,
            "report details": menus.report_details_action,
            "people": menus.people_action,
            "import wizard": menus.import_action,
            "make packs": menus.make_packs_action,
            "packs out": menus.packs_out_action,
        }[which]
        action.trigger()


@pytest.mark.parametrize(
    "which",
    [
        "export",
        "recommendations",
        "settings",
        "merge review",
        "new programme",
        "report details",
        "people",
        "indicator editor",
        "import wizard",
        "make packs",
        "packs out",
    ],
)
def test_each_dialog_fits_911_by_512_with_its_buttons_in_view(window, qtbot, tmp_path, which):
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = window.modal
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, look)
            return
        try:
            seen["title"] = dialog.windowTitle()
            seen["opened"] = dialog.size()
            seen["room"] = room_on_screen(dialog)
            seen["minimum"] = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
            dialog.resize(SMALL_SCREEN)
            QApplication.processEvents()
            seen["resized"] = dialog.size()
            buttons = dialog_buttons(dialog)
            seen["buttons"] = [b.text() for b in buttons]
            seen["outside"] = [
                b.text()
                for b in buttons
                if not dialog.rect().contains(b.geometry().translated(b.parentWidget().pos()))
                or b.visibleRegion().isEmpty()
            ]
        finally:
            dialog.reject()

    QTimer.singleShot(20, look)
    open_dialog(window, tmp_path, which)
    assert seen.get("title"), f"the {which} dialog did not open"
    minimum = seen["minimum"]
    assert minimum.width() <= SMALL_SCREEN.width() and minimum.height() <= SMALL_SCREEN.height()
    opened, room = seen["opened"], seen["room"]
    assert opened.width() <= room.width() and opened.height() <= room.height()
    assert seen["resized"] == SMALL_SCREEN
    assert seen["buttons"] and seen["outside"] == []


def test_a_dialog_never_opens_bigger_than_its_screen(window):
    from ui.dialogs.export import ExportDialog

    dialog = ExportDialog(window.commands.reads, window)
    room = room_on_screen(dialog)
    assert dialog.size() == QSize(1100, 700).boundedTo(room)
    dialog.deleteLater()


def test_tree_shows_title_responsibility_and_both_judgements_at_1366(window, qtbot):
    tree = window.tree
    qtbot.wait(10)
    header = tree.header()
    shown = tree.viewport().width()
    for column in (TITLE, RESPONSIBILITY, JUDGEMENT, PREVIOUS):
        left = header.sectionViewportPosition(column)
        assert left >= 0 and left + header.sectionSize(column) <= shown, column
    assert tree.horizontalScrollBar().maximum() == 0


def test_the_window_fits_911_pixels_and_keeps_titles_readable(window, qtbot):
    """At 150% a 1366-pixel screen is 911 across: the window (on either tab) can be made that
    narrow, and the tree's other columns give way so a title keeps a readable width."""
    assert window.minimumSizeHint().width() <= SMALL_SCREEN.width()
    window.show_indicators()
    assert window.minimumSizeHint().width() <= SMALL_SCREEN.width()
    window.tabs.setCurrentIndex(0)
    window.resize(SMALL_SCREEN)
    qtbot.waitUntil(lambda: window.width() == SMALL_SCREEN.width())
    tree, header = window.tree, window.tree.header()
    qtbot.waitUntil(lambda: header.sectionSize(TITLE) >= 200)
    assert header.sectionSize(JUDGEMENT) < 150  # narrowed in proportion
    qtbot.waitUntil(lambda: tree.horizontalScrollBar().maximum() == 0)
    window.resize(1366, 768)  # wide again: the columns have their widths back
    qtbot.waitUntil(lambda: header.sectionSize(JUDGEMENT) == 150)


def test_a_column_the_user_drags_keeps_its_width(window, qtbot):
    """Through a narrow window and back: the width dragged, not the default, comes back."""
    header = window.tree.header()
    header.resizeSection(RESPONSIBILITY, 120)
    window.resize(SMALL_SCREEN)
    qtbot.waitUntil(lambda: header.sectionSize(RESPONSIBILITY) < 100)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: abs(header.sectionSize(RESPONSIBILITY) - 120) <= 1)
