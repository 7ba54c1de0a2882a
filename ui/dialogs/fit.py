"""Dialogs that fit a council laptop: 1366×768 at 150% scaling leaves 911×512 (logical)
pixels, less the taskbar, and a dialog bigger than that has its buttons off the screen.

A dialog asks for the size it would like and gets no more than its screen has room for;
a long form scrolls inside the dialog, so its buttons stay in view.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

SMALL_SCREEN = QSize(911, 512)  # 1366×768 at 150%: every dialog must work at this size
FRAME = QSize(16, 40)  # the window's borders and title bar, which the screen also holds


def room_on_screen(widget: QWidget) -> QSize:
    """What a window opened from ``widget`` (or its parent) can have, frame left out."""
    parent = widget.parentWidget()
    screen = (parent or widget).screen() or QGuiApplication.primaryScreen()
    geometry = screen.availableGeometry()
    return QSize(geometry.width() - FRAME.width(), geometry.height() - FRAME.height())


def fit_to_screen(dialog: QWidget, wanted: QSize) -> None:
    """The size the dialog would like, as far as its screen has room."""
    dialog.resize(wanted.boundedTo(room_on_screen(dialog)))


def scrolling(body: QWidget) -> QScrollArea:
    """``body`` in a frameless area that scrolls when the dialog is shorter than it."""
    area = QScrollArea()
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area
