"""What the tests share beyond fixtures: reading a file as another program would, and
answering a modal dialog as a person would."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from app.store.filecheck import sqlite_uri


def file_query(path: Path | str, sql: str, *args: Any) -> list[tuple]:
    """Read the file with a fresh read-only connection, never through the application."""
    raw = sqlite3.connect(sqlite_uri(Path(path).resolve(), "ro"), uri=True)
    try:
        return raw.execute(sql, args).fetchall()
    finally:
        raw.close()


# Bumped before every test (tests/conftest.py): a when_modal still waiting from a test that
# ended (its dialog never came) must not act on the next test's dialog.
GENERATION = [0]
# The functions when_modal has waiting on a timer: held here, because a timer's hold on a
# Python function does not survive the cyclic garbage collector (a function that sets
# its own timer again refers to itself), and a collected one never acts.
WAITING: list[Any] = []


def when_modal(action: Any, *, delay: int = 50, limit: float = 30.0) -> None:
    """Run ``action(dialog)`` on the next modal dialog, once it is showing: a test cannot
    act after ``exec()`` starts, so it acts from the event loop the dialog runs. It gives up
    after ``limit`` seconds, or when its test has ended."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    generation = GENERATION[0]
    tries = int(limit * 1000 / delay)

    def run() -> None:
        nonlocal tries
        if GENERATION[0] != generation or tries <= 0:
            WAITING.remove(run)
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            tries -= 1
            QTimer.singleShot(delay, run)
            return
        WAITING.remove(run)
        try:
            action(dialog)
        except BaseException:
            # A failed assertion inside the dialog's event loop would leave it open and the
            # test waiting on exec() for ever: close it, so the test fails with the error.
            if hasattr(dialog, "reject"):
                dialog.reject()
            raise

    WAITING.append(run)  # Qt's timer alone does not keep the function alive through a GC
    QTimer.singleShot(delay, run)


def activate(qtbot: Any, window: Any) -> None:
    """Make the window active again after a dialog, as the window manager would: keys go to
    the active window only, and under the offscreen platform none comes back by itself."""
    from PySide6.QtWidgets import QApplication

    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def shown_window(qtbot: Any, db: Any, tmp_path: Path, tested: tuple[str, ...] = ()) -> Any:
    """The main window on ``db`` at 1366×768, shown and active, with settings of its own;
    each of its models named in ``tested`` ("model", "proxy", "milestones") checked by
    QAbstractItemModelTester for as long as the window lives."""
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QAbstractItemModelTester

    from ui.shell.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(db, settings=settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    models = {"model": win.model, "proxy": win.proxy}
    if "milestones" in tested:
        models["milestones"] = win.detail.milestones
    win._testers = [
        QAbstractItemModelTester(models[name], QAbstractItemModelTester.FailureReportingMode.Fatal)
        for name in tested
    ]
    return win


def find_row(win: Any, title_start: str) -> Any:
    """The tree's row of the first item whose title starts so."""
    for item_id in win.model.item_ids():
        row = win.model.row_for(item_id)
        if row.title.startswith(title_start):
            return row
    raise AssertionError(title_start)
