"""A lock left by a laptop that crashed can be taken over, after a warning, and is logged."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.programmes import create_programme
from app.store.database import Database
from app.store.locking import LockInfo, lock_path
from ui.shell.main_window import MainWindow

from helpers import file_query

PAUL = {
    "user": "Paul Milmore",
    "host": "CIVIC-LT042",
    "pid": 4242,
    "since": "2011-11-29T09:05:00+00:00",
}


def plant(path, holder=PAUL):
    lock_path(path).write_text(json.dumps(holder))


def test_take_over_replaces_the_named_lock_and_logs_it(demo_path):
    plant(demo_path)
    with Database.open(demo_path) as first:
        assert first.read_only and first.lock_holder == LockInfo(**PAUL)
    with Database.open(demo_path, take_over=LockInfo(**PAUL)) as db:
        assert not db.read_only
        assert json.loads(lock_path(demo_path).read_text())["user"] == "Test User"
        create_programme(db, "Mine now")
    rows = file_query(
        demo_path,
        "SELECT user, operation, entity, field, old_value, new_value FROM change_log "
        "WHERE operation = 'take over file'",
    )
    assert len(rows) == 1
    user, _operation, entity, field, old, new = rows[0]
    assert (user, entity, field) == ("Test User", "file", "editor")
    assert old == "Paul Milmore on CIVIC-LT042 since 29 November 2011 at 09:05"
    assert new.startswith("Test User on ")
    assert not lock_path(demo_path).exists()


def test_take_over_never_removes_a_lock_someone_else_took_since(demo_path):
    plant(demo_path, {**PAUL, "user": "Sam Patel", "since": "2011-11-30T08:00:00+00:00"})
    with Database.open(demo_path, take_over=LockInfo(**PAUL)) as db:
        assert db.read_only
        assert db.read_only_reason.startswith("“demo.ptdb” is being edited by Sam Patel")
    assert json.loads(lock_path(demo_path).read_text())["user"] == "Sam Patel"
    assert file_query(
        demo_path, "SELECT count(*) FROM change_log WHERE operation = 'take over file'"
    ) == [(0,)]


def window_on(qtbot, db, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(db, settings=settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def answer_warning(qtbot, button_text, seen):
    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError([b.text() for b in box.buttons()])

    QTimer.singleShot(50, click)


def test_window_offers_take_over_with_a_warning_and_then_edits(qtbot, demo_path, tmp_path):
    plant(demo_path)
    win = window_on(qtbot, Database.open(demo_path), tmp_path)
    assert win.windowTitle() == "demo.ptdb (read-only) – Programme Tracker"
    assert win.take_over_button.isVisible()
    seen: list[str] = []
    answer_warning(qtbot, "Cancel", seen)
    qtbot.mouseClick(win.take_over_button, Qt.MouseButton.LeftButton)
    assert win.db.read_only  # declined: nothing changed
    assert seen[0].startswith(
        "“demo.ptdb” is marked as being edited by Paul Milmore on CIVIC-LT042 since "
        "29 November 2011 at 09:05.\n\nTake it over only if you are sure Paul Milmore is no "
        "longer working on it"
    )
    answer_warning(qtbot, "Take Over", seen)
    qtbot.mouseClick(win.take_over_button, Qt.MouseButton.LeftButton)
    assert not win.db.read_only
    assert win.windowTitle() == "demo.ptdb – Programme Tracker"
    assert not win.take_over_button.isVisible()
    assert not win.banner.isVisible()
    assert file_query(
        demo_path, "SELECT old_value FROM change_log WHERE operation = 'take over file'"
    ) == [("Paul Milmore on CIVIC-LT042 since 29 November 2011 at 09:05",)]
    win.close()


def test_no_take_over_for_a_file_open_in_another_window_here(qtbot, demo_path, tmp_path):
    with Database.open(demo_path) as holder:
        win = window_on(qtbot, Database.open(demo_path), tmp_path)
        assert win.db.read_only
        assert not win.take_over_button.isVisible()
        win.close()
        assert not holder.read_only


def test_recovered_crash_is_shown_until_dismissed(qtbot, demo_path, tmp_path):
    from file_faults import leave_hot_journal

    leave_hot_journal(demo_path)
    win = window_on(qtbot, Database.open(demo_path), tmp_path)
    assert win.notice.isVisible()
    assert win.notice.label.text().startswith("“demo.ptdb” was not closed properly last time")
    assert not win.db.read_only
    qtbot.mouseClick(win.notice.dismiss, Qt.MouseButton.LeftButton)
    assert not win.notice.isVisible()
    win.close()


def test_window_shows_it_is_waiting_for_another_program(qtbot, demo, tmp_path):
    from test_file_safety import hold_exclusive

    win = window_on(qtbot, demo, tmp_path)
    seen = []
    status = win.statusBar()
    status.messageChanged.connect(seen.append)
    thread = hold_exclusive(demo.path, 0.8)
    create_programme(demo, "Waited for")  # through the same Database the window watches
    thread.join()
    assert seen[0] == (
        "Waiting for “demo.ptdb”: another program is using it. This can take a few seconds…"
    )
    assert QApplication.overrideCursor() is None
    win.close()


def test_file_new_onto_the_open_file_is_refused_in_the_window(qtbot, demo, tmp_path):
    """File ▸ New, choosing the file that is open: the window says why and keeps it."""
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    from file_faults import sha256

    win = window_on(qtbot, demo, tmp_path)
    before = sha256(demo.path)
    seen: list[str] = []

    tries = []

    def answer_boxes():
        # Schedule the next look first: accepting a dialog may open the next one modally.
        tries.append(1)
        if len(seen) < 2 and len(tries) < 100:
            QTimer.singleShot(50, answer_boxes)
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isModal()]
        boxes = [w for w in shown if isinstance(w, QMessageBox)]  # the innermost first
        widget = boxes[0] if boxes else (shown[0] if shown else None)
        if isinstance(widget, QFileDialog):
            name = widget.findChild(QLineEdit, "fileNameEdit")
            name.setText(str(demo.path))
            widget.accept()
        elif isinstance(widget, QMessageBox):
            seen.append(widget.text())
            yes = widget.button(QMessageBox.StandardButton.Yes)
            (yes or widget.buttons()[0]).click()

    QTimer.singleShot(50, answer_boxes)
    win.files.new_file()
    assert seen[-1] == (
        "“demo.ptdb” is open in Programme Tracker, so it cannot be replaced; close it first. "
        "It has not been changed."
    )
    assert win.db is demo and not demo.read_only
    assert sha256(demo.path) == before
    win.close()


def test_opening_the_open_file_again_keeps_it_editable(qtbot, demo, tmp_path):
    """File ▸ Open Recent (or a drop) of the file already open: it stays open for editing."""
    win = window_on(qtbot, demo, tmp_path)
    assert win.files.open_path(demo.path)
    assert win.db is demo and not win.db.read_only
    assert win.windowTitle() == "demo.ptdb – Programme Tracker"
    assert win.statusBar().currentMessage() == "demo.ptdb is already open."
    create_programme(win.db, "Still editable")
    win.close()
