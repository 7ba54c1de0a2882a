"""The programme tree view: judgement keys on the selected rows, F2 to edit, drag to move."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTreeView,
    QWidget,
)

from ui.tree.model import (
    HEADERS,
    JUDGEMENT,
    MILESTONE,
    PREVIOUS,
    RESPONSIBILITY,
    TITLE,
    ItemIdRole,
)

# Each column's width in a wide window; the title stretches over the rest.
PREFERRED_WIDTHS = {RESPONSIBILITY: 150, JUDGEMENT: 150, PREVIOUS: 110, MILESTONE: 105}
MIN_COLUMN = 60
TITLE_SHARE = 0.35  # of the tree's width, kept for the title when the tree is narrow
TITLE_MIN = 200


class ItemTreeView(QTreeView):
    judgementKeyed = Signal(str)
    judgementCleared = Signal()
    # F2 or a double-click on a cell that cannot be edited here (an update pack's title, a
    # read-only file): the window says why, instead of nothing happening.
    editRefused = Signal(int, int)  # item id, column

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemTree")
        self.setAccessibleName("Programme items")
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAllColumnsShowFocus(True)
        self.setExpandsOnDoubleClick(False)
        self.setWordWrap(False)
        # The context menu (ui.shell.tree_menu) answers the signal, for the keys as well.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.shortcut_texts: set[str] = set()
        self._open_editor: QWidget | None = None
        # Column widths (_fit_columns): each column's in a wide window, the share now shown.
        self._preferred: dict[int, int] = {}
        self._factor = 1.0
        self._fitting = False

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        header = self.header()
        # The title takes what the other columns leave, so that at 1366 pixels (the tree's
        # 800 or so) title, responsibility and both judgements show with no sideways scroll.
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(MIN_COLUMN)
        self._preferred = {
            column: width for column, width in PREFERRED_WIDTHS.items() if column < len(HEADERS)
        }
        for column in self._preferred:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._column_resized)
        self._fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Narrow the other columns in proportion when the tree is narrow (a laptop at 150%
        leaves it about 520 pixels), so the title keeps at least TITLE_SHARE of the width
        instead of shrinking to "1. …"."""
        preferred = self._preferred
        if not preferred:
            return
        available = self.viewport().width()
        room = available - max(TITLE_MIN, int(available * TITLE_SHARE))
        self._factor = max(0.0, min(1.0, room / sum(preferred.values())))
        self._fitting = True
        try:
            for column, width in preferred.items():
                self.header().resizeSection(column, max(MIN_COLUMN, int(width * self._factor)))
        finally:
            self._fitting = False

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        """A column the user drags keeps its width (scaled back to a wide window's)."""
        if self._fitting or column not in self._preferred or not self._factor:
            return
        self._preferred[column] = max(MIN_COLUMN, int(new / self._factor))

    def selected_item_ids(self) -> list[int]:
        rows = self.selectionModel().selectedRows(0) if self.selectionModel() else []
        ids = [index.data(ItemIdRole) for index in rows]
        if not ids and self.currentIndex().isValid():
            ids = [self.currentIndex().data(ItemIdRole)]
        return [i for i in ids if i is not None]

    def current_item_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(ItemIdRole) if index.isValid() else None

    def select_item(self, proxy_index: Any) -> None:
        if not proxy_index.isValid():
            return
        parent = proxy_index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.setCurrentIndex(proxy_index)
        self.selectionModel().select(
            proxy_index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(proxy_index)

    # --- keys ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState and is_menu_key(event):
            self.customContextMenuRequested.emit(self.menu_position())
            event.accept()
            return
        if self.state() != QAbstractItemView.State.EditingState:
            modifiers = (
                event.modifiers()
                & ~Qt.KeyboardModifier.ShiftModifier
                & ~Qt.KeyboardModifier.KeypadModifier
            )
            text = event.text()
            if event.key() == Qt.Key.Key_F2:
                self._refuse_edit(self.currentIndex())
            if modifiers == Qt.KeyboardModifier.NoModifier:
                if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                    self.judgementCleared.emit()
                    event.accept()
                    return
                if text and (text in self.shortcut_texts or text.lower() in self.shortcut_texts):
                    self.judgementKeyed.emit(text)
                    event.accept()
                    return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._refuse_edit(self.indexAt(event.position().toPoint()))
        super().mouseDoubleClickEvent(event)

    def _refuse_edit(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """Tell the window when ``index`` is a cell that cannot be edited (it says why)."""
        if index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.editRefused.emit(index.data(ItemIdRole), index.column())

    def menu_position(self) -> QPoint:
        """Where a context menu asked for by key opens: below the current row's title, or
        at the top of the tree when no row is current."""
        rect = self.visualRect(self.currentIndex())
        return rect.bottomLeft() + QPoint(12, 0) if rect.isValid() else QPoint(12, 12)

    # --- editors: so closing a programme can commit what is being typed ------------------------

    def commit_open_editor(self) -> None:
        """Commit the cell being edited, if any (called before closing or switching)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex()) or self.focusWidget()
        if editor is not None and editor is not self:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def is_menu_key(event: QKeyEvent) -> bool:
    """The Menu key, or Shift+F10 (its stand-in on keyboards without one)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Menu and modifiers == Qt.KeyboardModifier.NoModifier:
        return True
    return event.key() == Qt.Key.Key_F10 and modifiers == Qt.KeyboardModifier.ShiftModifier
