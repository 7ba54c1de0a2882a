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
