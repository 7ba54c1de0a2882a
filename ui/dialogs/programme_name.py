"""A programme's name asked for: to rename it, or to name its copy for next year.

The dialog calls ``apply`` with the name; a name the file refuses (empty, or another
programme's) is said in the dialog, which stays open with the name as typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import TrackerError


class ProgrammeNameDialog(QDialog):
    def __init__(
        self,
        title: str,
        intro: str,
        name: str,
        action: str,
        apply: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.apply = apply
        self.setWindowTitle(title)
        self.setObjectName("programmeNameDialog")
        self.setMinimumWidth(560)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.name = QLineEdit(name)
        self.name.setObjectName("programmeName")
        self.name.setAccessibleName("Programme’s name")
        self.name.selectAll()
        form = QFormLayout()
        caption = QLabel("&Name:")
        caption.setBuddy(self.name)
        form.addRow(caption, self.name)
        self.error = QLabel()
        self.error.setObjectName("programmeNameError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8A1020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(action)
        buttons.accepted.connect(self.done_typing)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()

    def done_typing(self) -> None:
        try:
            self.apply(self.name.text())
        except TrackerError as error:
            self.error.setText(str(error))
            self.name.setFocus()
            return
        self.accept()
