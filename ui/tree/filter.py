"""The filter bar's proxy: text, responsibility, judgement and overdue milestones.

Recursive filtering keeps the ancestors of every matching item visible, so a match deep in
the tree is shown in context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from ui.tree.model import ObjectRole

ANY = object()
UNJUDGED_FILTER = ""


class ItemFilterModel(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(False)
        self._matches: set[int] | None = None  # ids matching the text, found by the database
        self._responsible: str | None = None
        self._glyph: Any = ANY  # a glyph, UNJUDGED_FILTER, or ANY
        self._overdue = False

    def set_filter(
        self,
        *,
        matches: set[int] | None = None,
        responsible: str | None = None,
        glyph: Any = ANY,
        overdue: bool = False,
    ) -> None:
        """``matches``: ids whose text matched, or None when no text is being looked for."""
        self.beginFilterChange()
        self._matches = matches
        self._responsible = responsible or None
        self._glyph = glyph
        self._overdue = overdue
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtering(self) -> bool:
        return bool(
            self._matches is not None
            or self._responsible
            or self._glyph is not ANY
            or self._overdue
        )

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self.is_filtering():
            return True
        source = self.sourceModel()
        row = source.index(source_row, 0, source_parent).data(ObjectRole)
        if row is None:
            return False
        if self._matches is not None and row.id not in self._matches:
            return False
        if self._responsible and row.responsible != self._responsible:
            return False
        if self._glyph is not ANY:
            if source.hasChildren(source.index(source_row, 0, source_parent)):
                return False  # judgements are of actions; their parents show as context
            if (row.glyph or UNJUDGED_FILTER) != self._glyph:
                return False
        return not (self._overdue and not row.overdue)
