"""The filter bar's proxy: text, responsibility, judgement and overdue milestones.

A match deep in the tree is shown with its ancestors, for context. Qt's recursive filtering
would do that by asking about every row of the tree on every key typed: 61,000 Python calls
for a 50,000-action programme, most of a second. Instead the rows to show (the matches and
their ancestors) are worked out once per filter as a set of ids, from the plain rows the
model holds, and the proxy asks only about the rows under those it shows. The set is worked
out again, when next asked, after the model's rows change, so an edit that makes a row stop
matching takes it away as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from ui.tree.model import ItemTreeModel

if TYPE_CHECKING:
    from app.read.queries import ItemRow

ANY = object()
UNJUDGED_FILTER = ""

_CHANGES = (
    "dataChanged",
    "rowsInserted",
    "rowsRemoved",
    "rowsMoved",
    "layoutChanged",
    "modelReset",
)


class ItemFilterModel(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(False)  # ancestors come from _shown (see above)
        self._matches: set[int] | None = None  # ids matching the text, found by the database
        self._responsible: str | None = None
        self._glyph: Any = ANY  # a glyph, UNJUDGED_FILTER, or ANY
        self._overdue = False
        self._shown: set[int] | None = None  # the ids to show; None: to be worked out
        self._active = False  # is_filtering(), kept for filterAcceptsRow
        self._found = 0  # how many items match (without the ancestors shown for context)
        self._items: ItemTreeModel | None = None

    def setSourceModel(self, source: QAbstractItemModel) -> None:
        """Connected before the proxy itself, so the set of rows to show is marked stale
        before the proxy asks about the changed rows."""
        if isinstance(source, ItemTreeModel):
            self._items = source
            for name in _CHANGES:
                getattr(source, name).connect(self._stale)
        super().setSourceModel(source)

    def _stale(self, *_args: object) -> None:
        self._shown = None

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
        self._shown = None
        self._active = self.is_filtering()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtering(self) -> bool:
        return bool(
            self._matches is not None
            or self._responsible
            or self._glyph is not ANY
            or self._overdue
        )

    def shown_count(self) -> int:
        """How many rows the filter shows (unfolded or not); every row when not filtering."""
        if self._items is None:
            return 0
        if not self.is_filtering():
            return len(self._items.item_ids())
        return len(self._shown_ids(self._items))

    def found_count(self) -> int:
        """How many items the filter finds (their ancestors, shown for context, not counted)."""
        if self._items is None or not self.is_filtering():
            return 0
        self._shown_ids(self._items)
        return self._found

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        # Asked for every row under every parent the tree shows: kept to a few lookups.
        items = self._items
        if items is None or not self._active:
            return True
        shown = self._shown if self._shown is not None else self._shown_ids(items)
        parent_id = source_parent.internalId() if source_parent.isValid() else None
        return items.child_id(parent_id, source_row) in shown

    def _shown_ids(self, items: ItemTreeModel) -> set[int]:
        if self._shown is None:
            if self._matches is not None and not self._responsible and not self._overdue:
                matching = items.known(self._matches)  # the text alone: set arithmetic
                if self._glyph is not ANY:
                    matching = {i for i in matching if self._accepts(items, items.row(i))}
            else:
                matching = {row.id for row in items.rows() if self._accepts(items, row)}
            self._found = len(matching)
            shown, frontier = set(matching), matching
            while frontier:  # a level of ancestors at a time
                frontier = items.parent_ids(frontier) - shown
                shown |= frontier
            self._shown = shown
        return self._shown

    def _accepts(self, items: ItemTreeModel, row: ItemRow) -> bool:
        if self._matches is not None and row.id not in self._matches:
            return False
        if self._responsible and row.responsible != self._responsible:
            return False
        if self._glyph is not ANY:
            if items.has_children(row.id):
                return False  # judgements are of actions; their parents show as context
            if (row.glyph or UNJUDGED_FILTER) != self._glyph:
                return False
        return not (self._overdue and not row.overdue)
