"""A title cell that grows to as many lines as its words need (meeting mode).

QTreeView asks a row's height with no width (``indexRowSizeHint`` sets the option's width
to -1 "to speed up the function"), so word wrap alone never makes a row taller: the text is
wrapped into one line's height and cut. This delegate gives the size hint the width the
cell really has (its column less the tree's indentation at its depth).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self.tree.header().sectionSize(index.column())
        if index.column() == self.tree.header().logicalIndex(0):
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            decorated = 1 if self.tree.rootIsDecorated() else 0
            width -= (depth + decorated) * self.tree.indentation()
        sized = QStyleOptionViewItem(option)
        sized.rect.setWidth(max(width, 1))
        sized.rect.setHeight(max(option.rect.height(), 1))
        return super().sizeHint(sized, index)
