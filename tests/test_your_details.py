"""Who I am (issue 15, part 6): the manager's name and e-mail address, given once and kept in
the settings, are what the change log, a published stamp and the update packs name."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from app.store.database import Database
from ui.dialogs.your_details import YourDetailsDialog
from ui.shell.identity import ASKED_KEY, EMAIL_KEY, NAME_KEY
from ui.shell.main_window import MainWindow

from helpers import file_query as query
from helpers import when_modal

NAME, EMAIL = "Rachel Robinson", "rachel.robinson@wigan.gov.uk"
PROCUREMENT = 7  # the demo's "Corporate Procurement Manager", with 5 items in Wigan's plan
Q1 = 1


def settings_at(tmp_path, name: str = "s") -> QSettings:
    return QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, demo, tmp_path):
    win = MainWindow(demo, settings=settings_at(tmp_path))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitActive(win)
    return win


def fill_in(qtbot, name: str, email: str):
    def fill(dialog: YourDetailsDialog) -> None:
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, name)
        dialog.email.clear()
        qtbot.keyClicks(dialog.email, email)
        qtbot.keyClick(dialog.email, Qt.Key.Key_Return)  # Save is the default button

    return fill


def judge_first_action(window: MainWindow, qtbot) -> int:
    item_id = next(i for i in window.model.item_ids() if not window.model.children_of(i))
    window.tree.select_item(window.proxy.mapFromSource(window.model.index_for(item_id)))
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_B)
    return item_id


def test_without_a_name_the_login_name_is_used_and_nothing_is_asked(window, qtbot, demo_path):
    qtbot.wait(100)
    assert QApplication.activeModalWidget() is None  # a window a test makes never asks
    item_id = judge_first_action(window, qtbot)
    assert query(
        demo_path,
        "SELECT user FROM change_log WHERE entity = 'judgement' AND entity_id = ?",
        item_id,
    )[-1] == ("Test User",)


def test_your_details_name_the_change_log_the_published_stamp_and_the_packs(
    window, qtbot, demo_path, tmp_path
):
    action = window.findChild(QAction, "yourDetails")
    assert action.text() == "Your &Details…"
    when_modal(fill_in(qtbot, NAME, EMAIL))
    action.trigger()
    assert (window.settings.value(NAME_KEY), window.settings.value(EMAIL_KEY)) == (NAME, EMAIL)
    assert window.statusBar().currentMessage() == f"Your changes are recorded as made by {NAME}."

    # The change log.
    item_id = judge_first_action(window, qtbot)
    assert query(
        demo_path,
        "SELECT user FROM change_log WHERE operation = 'set judgement' AND entity_id = ?",
        item_id,
    )[-1] == (NAME,)

    # An update pack: who made it, and where it goes back.
    folder = tmp_path / "packs"
    folder.mkdir()
    made = window.commands.packs.make_packs(folder, [PROCUREMENT], dt.date(2009, 7, 17))
    assert query(demo_path, "SELECT made_by FROM pack") == [(NAME,)]
    assert query(made[0].path, "SELECT value FROM app_meta WHERE key = 'pack_return_email'") == [
        (EMAIL,)
    ]
    lead = MainWindow(Database.open(made[0].path), settings=settings_at(tmp_path, "lead"))
    qtbot.addWidget(lead)
    assert f"Return it to {NAME} ({EMAIL}) by <b>17 July 2009</b>." in lead.banner.text()
    lead.close()

    # The published stamp.
    assert window.commands.settings.publish_period(Q1, True)
    assert query(demo_path, "SELECT published_by FROM period WHERE id = ?", Q1) == [(NAME,)]


def test_the_details_are_read_from_the_settings_for_every_file(qtbot, demo, tmp_path):
    settings = settings_at(tmp_path)
    settings.setValue(NAME_KEY, NAME)
    settings.setValue(EMAIL_KEY, EMAIL)
    win = MainWindow(demo, settings=settings)
    qtbot.addWidget(win)
    assert (demo.user, demo.user_email) == (NAME, EMAIL)


def test_the_first_launch_asks_once_and_refuses_what_cannot_be_a_name(window, qtbot):
    seen: dict[str, object] = {}

    def first(dialog: YourDetailsDialog) -> None:
        seen["title"] = dialog.windowTitle()
        dialog.name.clear()
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        seen["empty"] = dialog.error.text()
        qtbot.keyClicks(dialog.name, NAME)
        qtbot.keyClicks(dialog.email, "Rachel at Wigan")
        qtbot.keyClick(dialog.email, Qt.Key.Key_Return)
        seen["email"] = dialog.error.text()
        seen["still open"] = dialog.isVisible()
        dialog.email.clear()
        qtbot.keyClicks(dialog.email, EMAIL)
        qtbot.keyClick(dialog.email, Qt.Key.Key_Return)

    when_modal(first)
    window.you.ask_once()
    assert seen == {
        "title": "Your details",
        "empty": "Your name cannot be empty.",
        "email": "“Rachel at Wigan” is not an e-mail address: write it as name@council.gov.uk.",
        "still open": True,
    }
    assert window.db.user == NAME and window.db.user_email == EMAIL
    window.you.ask_once()  # known now: nothing is asked
    assert QApplication.activeModalWidget() is None


def test_a_first_launch_cancelled_is_not_asked_again(window, qtbot):
    when_modal(lambda dialog: dialog.reject())
    window.you.ask_once()
    assert window.settings.value(ASKED_KEY) is not None
    assert window.db.user == "Test User"
    window.you.ask_once()
    assert QApplication.activeModalWidget() is None


def test_a_file_opened_from_the_window_is_locked_in_your_name(qtbot, demo, demo_path, tmp_path):
    import json
    import shutil

    settings = settings_at(tmp_path)
    settings.setValue(NAME_KEY, NAME)
    win = MainWindow(demo, settings=settings)
    qtbot.addWidget(win)
    other = tmp_path / "other.ptdb"
    shutil.copyfile(demo_path, other)
    assert win.files.open_path(other)
    lock = json.loads((tmp_path / "other.ptdb.lock").read_text(encoding="utf-8"))
    assert lock["user"] == NAME
    win.close_file()
