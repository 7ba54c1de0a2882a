"""Opening a file as the application does since issue 19, timed for the benchmarks: the window
shown first, then the file opened in it, until its tree is painted; and until the whole tree
is held (a big programme's top level is painted before the rest is read: ui/shell/tree_loading)
with the panes beside it filled."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any


def open_in_shown_window(app: Any, path: Path | str, settings: Any) -> tuple[Any, float, float]:
    """The window, the seconds from opening ``path`` (a file or a server's URL) in it to its
    tree painted, and to the whole tree read and the panes filled. Posted events (layout,
    paint) are sent but timers are not run before the first clock stops: what follows the
    paint comes after it."""
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
    while window.loading.rest_waiting or window.loading.panes_waiting:
        app.processEvents()
    whole = time.perf_counter() - started
    app.processEvents()
    return window, took, whole
