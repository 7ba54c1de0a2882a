"""Asked before a symbol in use is removed: which symbol its judgements move to.

No judgement is ever left without a symbol: the user sees how many there are and picks
where they go, or cancels.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.read.queries import SymbolRow


class MoveJudgementsDialog(QDialog):
    def __init__(
        self, symbol: SymbolRow, uses: int, others: list[SymbolRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("moveJudgementsDialog")
        self.setWindowTitle("Remove symbol")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        times = "once" if uses == 1 else f"{uses:,} times"
        self.question = QLabel(
            f"“{symbol.glyph}  {symbol.label}” is used {times}. Before it is removed, its "
            "judgements move to:"
        )
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.target = QComboBox()
        self.target.setAccessibleName("Move its judgements to")
        for other in others:
            self.target.addItem(f"{other.glyph}  {other.name}", other.id)
        self.question.setBuddy(self.target)
        layout.addWidget(self.target)
        layout.addWidget(QLabel("You can undo this with Edit ▸ Undo."))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Move and remove")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> int:
        return int(self.target.currentData())
