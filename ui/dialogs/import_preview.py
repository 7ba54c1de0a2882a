"""The wizard's preview of every row: where it is in the file, its item, what it becomes.

The columns page shows the first rows of the sheet as they are; this shows all of them as
the import reads them, so a row the user expected to change and did not is seen before the
review, not after the import.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.imports.outcomes import RowOutcome
from ui.table_model import Index, RowTableModel


class RowOutcomesModel(RowTableModel):
    ROW, ITEM, BECOMES = range(3)
    HEADERS = ("Row", "Item", "Becomes")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: RowOutcome | None = self.row_at(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.where, row.item, row.becomes)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


def outcomes_view(model: RowOutcomesModel, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setObjectName("importPreview")
    view.setAccessibleName("What each row becomes")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere in the window
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(RowOutcomesModel.ROW, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(RowOutcomesModel.ITEM, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(RowOutcomesModel.BECOMES, QHeaderView.ResizeMode.Stretch)
    return view
