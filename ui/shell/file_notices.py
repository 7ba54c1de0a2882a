"""What the window says about the file itself, beside its contents.

Three things a user must never have to guess: that the file was recovered after a crash (shown
until dismissed, not a status-bar message that vanishes), that it is waiting for another
program's lock (a busy cursor and a sentence, instead of a frozen window), and, when a lock
names another computer, a way to take the file over after a clear warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStatusBar,
    QToolButton,
    QWidget,
)

if TYPE_CHECKING:
    from app.store.database import Database
    from app.store.locking import LockInfo

NOTICE_STYLE = "background: #E8F5E9; color: #123B16; padding: 6px; border: 1px solid #8BC79A;"


class NoticeBar(QWidget):
    """A green bar saying what was done to the file on opening; stays until dismissed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("fileNotice")
        self.label.setWordWrap(True)
        self.label.setStyleSheet(NOTICE_STYLE)
        self.label.setAccessibleName("File notice")
        self.dismiss = QToolButton()
        self.dismiss.setText("✕")
        self.dismiss.setToolTip("Dismiss")
        self.dismiss.setAccessibleName("Dismiss notice")
        self.dismiss.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def show_notes(self, notes: tuple[str, ...]) -> None:
        self.label.setText("\n".join(notes))
        self.setVisible(bool(notes))


def take_over_button() -> QPushButton:
    button = QPushButton("&Take Over Editing…")
    button.setObjectName("takeOverButton")
    button.setToolTip("The computer named in the lock may have crashed: edit the file here")
    button.setVisible(False)
    return button


def can_take_over(db: Database) -> bool:
    """Only a lock naming another computer: one on this computer is checked (its process is
    alive, so the file really is open in another window here)."""
    holder = db.lock_holder
    return db.read_only and holder is not None and not holder.is_this_machine()


def confirm_take_over(parent: QWidget, db: Database, holder: LockInfo) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Take over editing")
    box.setText(
        f"{db.name} is marked as being edited by {holder.describe()}.\n\n"
        f"Take it over only if you are sure {holder.user} is no longer working on it — for "
        "example, their computer crashed or was switched off without closing Programme "
        "Tracker. If they are still editing, each of you will overwrite the other’s changes."
        "\n\nThe take-over is recorded in the file’s change log."
    )
    take = box.addButton("&Take Over", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is take


class WaitIndicator:
    """Handed to ``Database.on_wait``: a busy cursor and a sentence while SQLite waits."""

    def __init__(self, status: QStatusBar, db: Database) -> None:
        self.status = status
        self.name = db.name

    def __call__(self, waiting: bool) -> None:
        if waiting:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self.status.showMessage(
                f"Waiting for {self.name}: another program is using it. This can take a few "
                "seconds…"
            )
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        else:
            QApplication.restoreOverrideCursor()
            self.status.clearMessage()
