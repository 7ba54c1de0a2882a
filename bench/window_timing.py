"""Opening a file as the application does since issue 19, timed for the benchmarks: the window
shown first, then the file opened in it, until its tree is painted."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any


def open_in_shown_window(app: Any, path: Path, settings: Any) -> tuple[Any, float]:
    """The window and the seconds from opening ``path`` in it to its tree painted. Posted
    events (layout, paint) are sent but timers are not run before the clock stops: the
    collector's settling after the paint (ui/shell/memory.py) comes once the tree is on
    screen."""
    from app.store.database import Database
    from ui.shell.main_window import MainWindow

    window = MainWindow(settings=settings)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    started = time.perf_counter()
    window.attach(Database.open(path))
    app.sendPostedEvents()
    window.tree.viewport().repaint()
    took = time.perf_counter() - started
    app.processEvents()
    return window, took
