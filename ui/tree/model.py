"""The programme's item tree as a Qt model, holding plain rows (app.read.queries.ItemRow) by id.

The model never writes: edits made in a view go to ``editor`` (the window's controller),
which runs the service through an undo command and then tells the model what changed with
:meth:`refresh`, :meth:`insert_subtree`, :meth:`remove_subtree` or :meth:`move`, each of
which emits the narrowest signal Qt has for it, so views keep their expansion and selection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ui.tree.cells import display, tooltip
from ui.tree.columns import HEADERS as HEADERS  # the columns, where views have found them
from ui.tree.columns import JUDGEMENT as JUDGEMENT
from ui.tree.columns import MILESTONE as MILESTONE
from ui.tree.columns import PREVIOUS as PREVIOUS
from ui.tree.columns import RESPONSIBILITY as RESPONSIBILITY
from ui.tree.columns import TITLE as TITLE

if TYPE_CHECKING:
    from app.read.queries import ItemRow, SymbolRow

Index = QModelIndex | QPersistentModelIndex

ItemIdRole = Qt.ItemDataRole.UserRole + 1
ObjectRole = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-programme-tracker-item"

# (item id, field, value) -> True if the edit was saved
Editor = Callable[[int, str, Any], bool]
# (item id, new parent id or None, row) -> True if moved
Mover = Callable[[int, int | None, int], bool]

CARRIED_KEY = "\x00carried"  # the count of carried judgements, beside the glyphs' counts

# Combined once: flags() is called for every visible cell, and combining Python enums is slow.
_READ = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_MOVABLE = _READ | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
_EDITABLE = _MOVABLE | Qt.ItemFlag.ItemIsEditable
_PACK_EDITABLE = _READ | Qt.ItemFlag.ItemIsEditable


class ItemTreeModel(QAbstractItemModel):
    countsChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: dict[int, ItemRow] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._row_of: dict[int, int] = {}
        self._symbols: dict[str, SymbolRow] = {}
        self._counts: dict[str | None, int] | None = None  # None: count again when asked
        self.read_only = False
        self.period_published = False  # the chosen period is published: nothing is edited
        self.pack_owned: frozenset[int] | None = None  # set in an update pack
        self.today = dt.date.today()
        self.editor: Editor | None = None
        self.mover: Mover | None = None
        # A big tree's top level is shown before the rest is read (ui/shell/tree_loading):
        # these top-level items have children not read yet, and read_rest reads them.
        self._unread: set[int] = set()
        self.read_rest: Callable[[], None] | None = None

    # --- loading -------------------------------------------------------------------------

    def load(
        self, rows: list[ItemRow], symbols: list[SymbolRow], unread: Iterable[int] = ()
    ) -> None:
        """The whole tree, or (``unread`` given) a big tree's top level, whose items in
        ``unread`` have children to come (:meth:`add_rest`)."""
        self.beginResetModel()
        self._unread = set(unread)
        self._symbols = {s.glyph: s for s in symbols}
        self._rows = {row.id: row for row in rows}
        self._children = {None: []}
        for row in rows:  # rows arrive ordered by (parent, position)
            self._children.setdefault(row.parent_id, []).append(row.id)
        for siblings in self._children.values():
            self._renumber(siblings)
        self._counts = None
        self.endResetModel()
        self.countsChanged.emit()

    def add_rest(self, rows: list[ItemRow]) -> None:
        """The rest of a tree whose top level was loaded alone: every row of the programme
        (the top level's again, read at the same moment), each top-level item's children
        inserted under it with Qt's own signal, so the view keeps what it shows. Nothing
        when the whole tree has been loaded since (another person's change re-read it)."""
        if not self._unread:
            return
        children: dict[int | None, list[int]] = {}
        for row in rows:  # ordered by (parent, position)
            self._rows.setdefault(row.id, row)
            if row.parent_id is not None:
                children.setdefault(row.parent_id, []).append(row.id)
        unread, self._unread = self._unread, set()
        for parent, ids in children.items():  # below the top level: not yet reachable
            if parent not in unread:
                self._children[parent] = ids
                self._renumber(ids)
        for top in list(self._children.get(None, [])):
            ids = children.get(top, [])
            if top in unread and ids:
                self.beginInsertRows(self.index_for(top), 0, len(ids) - 1)
                self._children[top] = ids
                self._renumber(ids)
                self.endInsertRows()
        self._counts = None
        self.countsChanged.emit()

    def has_unread(self) -> bool:
        """Whether some of the tree is still to be read (its counts are not yet whole)."""
        return bool(self._unread)

    def set_symbols(self, symbols: list[SymbolRow]) -> None:
        """The scheme's symbols changed (a name, colour, glyph): repaint with them."""
        self.layoutAboutToBeChanged.emit()
        self._symbols = {s.glyph: s for s in symbols}
        self.layoutChanged.emit()
        self.countsChanged.emit()

    def replace_rows(self, rows: list[ItemRow]) -> None:
        """New values for the same items (another period chosen): one repaint, same layout."""
        self.layoutAboutToBeChanged.emit()
        for row in rows:
            if row.id in self._rows:
                self._rows[row.id] = row
        self._counts = None
        self.layoutChanged.emit()
        self.countsChanged.emit()

    def _renumber(self, siblings: list[int]) -> None:
        for position, item_id in enumerate(siblings):
            self._row_of[item_id] = position

    # --- lookups ---------------------------------------------------------------------------

    def row_for(self, item_id: int) -> ItemRow | None:
        return self._rows.get(item_id)

    def index_for(self, item_id: int | None, column: int = 0) -> QModelIndex:
        if item_id is None or item_id not in self._rows:
            return QModelIndex()
        return self.createIndex(self._row_of[item_id], column, item_id)

    def children_of(self, item_id: int | None) -> list[int]:
        return list(self._children.get(item_id, []))

    def item_ids(self) -> list[int]:
        return list(self._rows)

    def rows(self) -> list[ItemRow]:
        return list(self._rows.values())

    def row(self, item_id: int) -> ItemRow:
        return self._rows[item_id]

    def known(self, ids: set[int]) -> set[int]:
        """Those of ``ids`` the tree holds."""
        return ids & self._rows.keys()

    def parent_ids(self, ids: set[int]) -> set[int]:
        rows = self._rows
        return {parent for i in ids if (parent := rows[i].parent_id) is not None}

    def child_id(self, parent_id: int | None, row: int) -> int | None:
        """The id at ``row`` under ``parent_id``, without making an index (the filter asks
        this for every row it shows)."""
        siblings = self._children.get(parent_id, ())
        return siblings[row] if 0 <= row < len(siblings) else None

    def has_children(self, item_id: int) -> bool:
        """Read or still to be read (a big tree's top level, shown first)."""
        return bool(self._children.get(item_id)) or item_id in self._unread

    def symbol(self, glyph: str | None) -> SymbolRow | None:
        return self._symbols.get(glyph) if glyph else None

    def symbols(self) -> list[SymbolRow]:
        return list(self._symbols.values())

    def leaf_counts(self) -> tuple[dict[str, int], int]:
        """Glyph counts and the number unjudged, over actions (leaves) only.

        Counted once after a load or a change of structure, then kept up to date by
        set_glyph, so a judgement keypress costs O(1) here, not a pass over every row.
        """
        if self._counts is None:
            self._counts = {}
            for item_id, row in self._rows.items():
                if not self._children.get(item_id):
                    self._count(row.glyph, +1, carried=row.carried)
        counts = {
            glyph: n
            for glyph, n in self._counts.items()
            if glyph is not None and glyph != CARRIED_KEY
        }
        return counts, self._counts.get(None, 0)

    def carried_count(self) -> int:
        """Actions whose judgement is carried from last period and not yet confirmed: counted
        apart from the glyphs, which count only judgements someone has made."""
        self.leaf_counts()
        assert self._counts is not None
        return self._counts.get(CARRIED_KEY, 0)

    def _count(self, glyph: str | None, step: int, *, carried: bool = False) -> None:
        assert self._counts is not None
        key = CARRIED_KEY if carried and glyph is not None else glyph
        self._counts[key] = self._counts.get(key, 0) + step

    # --- the Qt model interface ------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(HEADERS) or row < 0:
            return QModelIndex()
        parent_id = parent.internalId() if parent.isValid() else None
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        siblings = self._children.get(parent_id, [])
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        row = self._rows.get(index.internalId())
        if row is None or row.parent_id is None:
            return QModelIndex()
        return self.createIndex(self._row_of[row.parent_id], 0, row.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(self._children.get(parent.internalId(), []))
        return len(self._children.get(None, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() and parent.column() == 0 and parent.internalId() in self._unread:
            return True
        return self.rowCount(parent) > 0

    def canFetchMore(self, parent: Index) -> bool:
        return parent.isValid() and parent.internalId() in self._unread

    def fetchMore(self, parent: Index) -> None:
        """Unfolding a top-level item before the rest was read reads it now."""
        if self.canFetchMore(parent) and self.read_rest is not None:
            self.read_rest()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            if section == JUDGEMENT and self.period_published:
                return f"{HEADERS[section]} (published)"
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows.get(index.internalId())
        if row is None:
            return None
        column = index.column()
        if role == ItemIdRole:
            return row.id
        if role == ObjectRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row, column, self.symbol, self.has_children(row.id))
        if role == Qt.ItemDataRole.EditRole:
            return {
                TITLE: row.title,
                RESPONSIBILITY: row.responsible or "",
                JUDGEMENT: row.glyph or "",
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row, column, self.symbol)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (JUDGEMENT, PREVIOUS):
                symbol = self.symbol(row.glyph if column == JUDGEMENT else row.previous_glyph)
                if symbol is None:
                    return QBrush(QColor("#6B6B6B"))
                return QBrush(QColor(symbol.colour))
            if column == MILESTONE and row.overdue:
                return QBrush(QColor("#B3261E"))
            if self.pack_owned is not None and row.id not in self.pack_owned:
                return QBrush(QColor("#6B6B6B"))  # context in an update pack
        if role == Qt.ItemDataRole.FontRole and column == TITLE and self.has_children(row.id):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return display(row, column, self.symbol, self.has_children(row.id))
        return None

    def set_period_published(self, published: bool) -> None:
        """A published period's cells are read, not edited; its judgement column says why."""
        if published != self.period_published:
            self.period_published = published
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, JUDGEMENT, JUDGEMENT)

    @property
    def fixed_structure(self) -> bool:
        return self.read_only or self.pack_owned is not None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            drop = Qt.ItemFlag.ItemIsDropEnabled
            return Qt.ItemFlag.NoItemFlags if self.fixed_structure else drop
        if self.read_only or self.period_published:
            return _READ
        if self.pack_owned is not None:  # an update pack: own items' judgements only
            own = index.internalId() in self.pack_owned
            return _PACK_EDITABLE if own and index.column() == JUDGEMENT else _READ
        return _EDITABLE if index.column() in (TITLE, RESPONSIBILITY, JUDGEMENT) else _MOVABLE

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.editor is None:
            return False
        field = {TITLE: "title", RESPONSIBILITY: "responsibility", JUDGEMENT: "judgement"}.get(
            index.column()
        )
        if field is None:
            return False
        if field == "judgement":
            value = value or None
        return self.editor(index.internalId(), field, value)

    # --- drag and drop ---------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids = sorted({index.internalId() for index in indexes if index.isValid()})
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(",".join(map(str, ids[:1])).encode()))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return not self.fixed_structure and data.hasFormat(MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if self.fixed_structure or self.mover is None or not data.hasFormat(MIME_TYPE):
            return False
        raw = bytes(data.data(MIME_TYPE).data()).decode()
        if not raw:
            return False
        item_id = int(raw.split(",")[0])
        parent_id = parent.internalId() if parent.isValid() else None
        siblings = self._children.get(parent_id, [])
        target = len(siblings) if row < 0 else row
        if item_id in siblings and self._row_of[item_id] < target:
            target -= 1  # the item leaves its old place first
        self.mover(item_id, parent_id, target)
        return False  # we moved it ourselves; the view must not delete the source row

    # --- applying changes the services made ------------------------------------------------

    def refresh(self, rows: list[ItemRow]) -> None:
        """New values for existing items: dataChanged on just those rows."""
        for row in rows:
            old = self._rows.get(row.id)
            if old is None:
                continue
            self._rows[row.id] = row
            self._counts = None
            left = self.index_for(row.id, 0)
            right = self.index_for(row.id, len(HEADERS) - 1)
            self.dataChanged.emit(left, right)
        self.countsChanged.emit()

    def set_glyph(self, item_id: int, glyph: str | None, *, carried: bool = False) -> None:
        """The fast path for a judgement keypress: no query, one row repainted."""
        row = self._rows.get(item_id)
        if row is None:
            return
        if not self._children.get(item_id) and self._counts is not None:
            self._count(row.glyph, -1, carried=row.carried)
            self._count(glyph, +1, carried=carried)
        self._rows[item_id] = row._replace(glyph=glyph, carried=carried and glyph is not None)
        self.dataChanged.emit(
            self.index_for(item_id, JUDGEMENT), self.index_for(item_id, JUDGEMENT)
        )
        self.countsChanged.emit()

    def insert_subtree(self, rows: list[ItemRow], position: int) -> None:
        """Insert a new (or restored) item and its descendants; ``rows[0]`` is the root."""
        root = rows[0]
        siblings = self._children.setdefault(root.parent_id, [])
        position = max(0, min(position, len(siblings)))
        parent_index = self.index_for(root.parent_id)
        parent_was_leaf = root.parent_id is not None and not siblings
        self.beginInsertRows(parent_index, position, position)
        siblings.insert(position, root.id)
        for row in rows:
            self._rows[row.id] = row
            if row.id != root.id:
                self._children.setdefault(row.parent_id, []).append(row.id)
        for parent_id in {row.parent_id for row in rows[1:]}:
            self._children[parent_id].sort(key=lambda i: (self._rows[i].position, i))
            self._renumber(self._children[parent_id])
        self._renumber(siblings)
        self._counts = None
        self.endInsertRows()
        if parent_was_leaf:
            self.dataChanged.emit(parent_index, self.index_for(root.parent_id, len(HEADERS) - 1))
        self.countsChanged.emit()

    def remove_subtree(self, item_id: int) -> None:
        row = self._rows.get(item_id)
        if row is None:
            return
        siblings = self._children[row.parent_id]
        position = self._row_of[item_id]
        self.beginRemoveRows(self.index_for(row.parent_id), position, position)
        siblings.remove(item_id)
        stack = [item_id]
        while stack:
            current = stack.pop()
            stack.extend(self._children.pop(current, []))
            self._rows.pop(current, None)
            self._row_of.pop(current, None)
        self._renumber(siblings)
        self._counts = None
        self.endRemoveRows()
        self.countsChanged.emit()

    def move(self, item_id: int, new_parent_id: int | None, new_row: int) -> None:
        """Move an item (reorder, indent, outdent, drop) with beginMoveRows."""
        row = self._rows[item_id]
        old_parent_id = row.parent_id
        old_row = self._row_of[item_id]
        old_siblings = self._children[old_parent_id]
        new_siblings = self._children.setdefault(new_parent_id, [])
        if old_parent_id == new_parent_id:
            new_row = max(0, min(new_row, len(old_siblings) - 1))
            if new_row == old_row:
                return
            destination = new_row + 1 if new_row > old_row else new_row
        else:
            new_row = max(0, min(new_row, len(new_siblings)))
            destination = new_row
        ok = self.beginMoveRows(
            self.index_for(old_parent_id),
            old_row,
            old_row,
            self.index_for(new_parent_id),
            destination,
        )
        if not ok:  # pragma: no cover - the services already refused impossible moves
            return
        old_siblings.remove(item_id)
        new_siblings.insert(new_row, item_id)
        self._rows[item_id] = row._replace(parent_id=new_parent_id)
        self._renumber(old_siblings)
        self._renumber(new_siblings)
        self._counts = None
        self.endMoveRows()
        self.countsChanged.emit()
