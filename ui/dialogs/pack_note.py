"""An update pack's note for the programme manager: what the judgements do not say (a
milestone that has moved, why an action is behind, who else to ask), read in the merge
review beside the changes it explains."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.store.pack_scope import PackScope
from ui.dialogs.fit import fit_to_screen


class PackNoteDialog(QDialog):
    def __init__(self, pack: PackScope, note: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Note for {pack.made_by}")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Anything {pack.made_by} should know when merging your pack for "
            f"{pack.period_label}: it is shown beside your changes. Leave it empty for no note."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(note or "")
        self.text.setObjectName("packNoteText")
        self.text.setAccessibleName("Note for the programme manager")
        self.text.setTabChangesFocus(True)
        intro.setBuddy(self.text)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text.setFocus()
        fit_to_screen(self, QSize(520, 300))

    def note(self) -> str | None:
        return self.text.toPlainText().strip() or None
