"""Publishing a period and reopening it, each asked for in a dialog that says what it means.

Publishing is confirmed with what it freezes, so nobody publishes a quarter by accident in
a meeting; reopening asks why, because the published report was sent to a committee and the
file should say who changed that and for what reason.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import TrackerError


def freezes(label: str) -> str:
    """What publishing ``label`` does, in the words the confirmation uses."""
    return (
        f"Publishing freezes {label}: its judgements, achievements and indicator results can "
        "no longer be changed, and its report is kept exactly as it is now — titles, who is "
        "responsible, milestones, judgements, symbols and indicator values — so exporting "
        f"{label} later gives the same report, whatever is changed afterwards.\n\n"
        "You can reopen it later, giving a reason; Edit ▸ Undo takes publishing back."
    )


def _buttons(action: str) -> tuple[QDialogButtonBox, QWidget]:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(action)
    return buttons, ok


class PublishDialog(QDialog):
    """``Publish Q1 2009/10?`` with what that freezes; Publish is the default button."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Publish {label}")
        self.setObjectName("publishDialog")
        self.setMinimumWidth(520)
        heading = QLabel(f"<b>Publish {label}?</b>")
        self.text = QLabel(freezes(label))
        self.text.setObjectName("publishFreezes")
        self.text.setWordWrap(True)
        buttons, self.publish_button = _buttons("&Publish")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.publish_button.setFocus()


class ReopenDialog(QDialog):
    """Asks why the period is reopened; ``apply`` reopens it with the reason, and a refusal
    (no reason given) is said here, with the dialog left open."""

    def __init__(
        self,
        label: str,
        status: str,
        apply: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.apply = apply
        self.setWindowTitle(f"Reopen {label}")
        self.setObjectName("reopenDialog")
        self.setMinimumWidth(520)
        intro = QLabel(
            f"{status}. Reopening lets its judgements, achievements and indicator results be "
            "changed again, and its report is then made from the file as it is. Your name and "
            "the reason are kept in the file's change log and shown with the period."
        )
        intro.setWordWrap(True)
        caption = QLabel("&Why is it being reopened?")
        self.reason = QLineEdit()
        self.reason.setObjectName("reopenReason")
        self.reason.setAccessibleName("Reason for reopening")
        self.reason.setPlaceholderText("e.g. Housing's figures for Q1 arrived late")
        caption.setBuddy(self.reason)
        self.error = QLabel()
        self.error.setObjectName("reopenError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8A1020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons, self.reopen_button = _buttons("&Reopen")
        buttons.accepted.connect(self.done_typing)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(caption)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def done_typing(self) -> None:
        try:
            self.apply(self.reason.text())
        except TrackerError as error:
            self.error.setText(str(error))
            self.adjustSize()  # the sentence may need a second line: show all of it
            self.reason.setFocus()
            return
        self.accept()
