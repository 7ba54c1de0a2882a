"""Work that waits until a widget is on screen: what the user is waiting for is painted first.

A zero-time timer is a posted event in Qt 6 and can run before the paint it was meant to
follow, so the callback is posted from the paint itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.start_trace import mark


class FirstPaint(QObject):
    """Calls back once a widget has been painted (and so is on screen), from the event loop
    after that paint; a timer stands in should a platform never paint it."""

    def __init__(
        self, widget: QWidget, callback: Callable[[], None], *, trace: str | None = None
    ) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        self._trace = trace  # the start-up trace's name for this paint (app/start_trace.py)
        widget.installEventFilter(self)
        QTimer.singleShot(1000, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if self._trace is not None:
                mark(self._trace)
            watched.removeEventFilter(self)  # (Qt allows this from the filter itself)
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()
