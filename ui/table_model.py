"""The one base for the window's table models: plain rows under a row of headers.

Rows are plain tuples read from ``app.read`` (never ORM objects). A reload with the same
rows in the same order updates in place and signals only the rows that changed: Qt
rewrites any open editor a ``dataChanged`` covers, which would lose what is being typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


def row_id(row: Any) -> Any:
    return row.id


class RowTableModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def replace_rows(
        self,
        rows: Sequence[Any],
        *,
        in_place: bool = True,
        key: Callable[[Any], Any] = row_id,
        before_reset: Callable[[], None] | None = None,
    ) -> None:
        """Show ``rows``: in place when they are the same rows in the same order (and the
        caller allows it), else with a reset, running ``before_reset`` inside it."""
        rows = list(rows)
        if in_place and [key(r) for r in rows] == [key(r) for r in self.rows]:
            changed = [n for n, (a, b) in enumerate(zip(self.rows, rows, strict=True)) if a != b]
            self.rows = rows
            last = self.columnCount() - 1
            for n in changed:
                self.dataChanged.emit(self.index(n, 0), self.index(n, last))
            return
        self.beginResetModel()
        if before_reset is not None:
            before_reset()
        self.rows = rows
        self.endResetModel()

    def row_at(self, index: Index) -> Any:
        """The row under ``index``, or None for an invalid or stale index."""
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        return self.rows[index.row()]

    def extra_flags(self, row: Any, column: int) -> Qt.ItemFlag:
        """What a cell allows beyond being enabled and selectable (editable, checkable)."""
        return Qt.ItemFlag.NoItemFlags

    def set_cell(self, row: Any, column: int, value: Any, role: int) -> bool:
        """Save a cell's new value through the commands; True when it was saved."""
        return False

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.row_at(index)
        if row is None:
            return Qt.ItemFlag.NoItemFlags
        enabled = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return enabled | self.extra_flags(row, index.column())

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index)
        return row is not None and self.set_cell(row, index.column(), value, role)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None
