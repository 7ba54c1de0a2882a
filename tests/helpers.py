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


def when_modal(action: Any, *, delay: int = 50) -> None:
    """Run ``action(dialog)`` on the next modal dialog, once it is showing: a test cannot
    act after ``exec()`` starts, so it acts from the event loop the dialog runs."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(delay, run)
            return
        action(dialog)

    QTimer.singleShot(delay, run)


def activate(qtbot: Any, window: Any) -> None:
    """Make the window active again after a dialog, as the window manager would: keys go to
    the active window only, and under the offscreen platform none comes back by itself."""
    from PySide6.QtWidgets import QApplication

    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
