"""Scrutiny recommendations and the responses to them (seed 004), as an editable table."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.conflicts import Seen
from ui.commands.reads import Reads
from ui.commands.settings import SettingsCommands
from ui.dialogs.fit import fit_to_screen
from ui.table_model import Index, RowTableModel

NUMBER, TEXT, RESPONSE, APPLIES_TO = range(4)
HEADERS = ("No.", "Recommendation", "Response", "Applies only to")
FIELDS = ("number", "text", "response", "applies_to")


class RecommendationModel(RowTableModel):
    HEADERS = HEADERS

    def __init__(self, reads: Reads, settings: SettingsCommands) -> None:
        super().__init__()
        self.reads = reads
        self.settings = settings
        self.read_only = reads.read_only
        reads.run.settingsChanged.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.replace_rows(self.reads.recommendations())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            row = self.rows[index.row()]
            return getattr(row, FIELDS[index.column()]) or ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return None

    def extra_flags(self, row: Any, column: int) -> Qt.ItemFlag:
        return Qt.ItemFlag.NoItemFlags if self.read_only else Qt.ItemFlag.ItemIsEditable

    def set_cell(self, row: Any, column: int, value: Any, role: int) -> bool:
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value) if value is not None else None
        field = FIELDS[column]
        seen = Seen(getattr(row, field)) if hasattr(row, field) else None  # as read
        return self.settings.edit_recommendation(row.id, field, text, seen)


class RecommendationsDialog(QDialog):
    def __init__(
        self, reads: Reads, settings: SettingsCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recommendations and responses")
        self.setObjectName("recommendationsDialog")
        fit_to_screen(self, QSize(1200, 640))
        self.model = RecommendationModel(reads, settings)
        self.view = QTableView()
        self.view.setObjectName("recommendationsTable")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setTabKeyNavigation(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RESPONSE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(APPLIES_TO, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(APPLIES_TO, 200)
        self.view.resizeRowsToContents()
        self.model.dataChanged.connect(lambda *_: self.view.resizeRowsToContents())
        self.model.modelReset.connect(self.view.resizeRowsToContents)
        count = len(self.model.rows)
        note = QLabel(
            f"{count} recommendation{'s' if count != 1 else ''}. Double-click or press "
            "F2 to edit; changes are saved at once and can be undone."
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():  # Return commits a cell; it must not close the dialog
            button = cast(QPushButton, button)  # a QDialogButtonBox's buttons are push buttons
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
