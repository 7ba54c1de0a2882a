"""The tree's context menu: the commands used on a row, where the row is.

Right-click, the Menu key and Shift+F10 open it (the view turns the keys into the same
request as a click, at the current row). It holds the menu bar's own actions, so each
shows and keeps its key and is enabled exactly when the menu bar's is.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ui.tree.view import ItemTreeView


class MenuBarActions(Protocol):
    """The actions of ``ui.shell.menus.Menus`` that the context menu repeats."""

    add_action: QAction
    add_child_action: QAction
    rename_action: QAction
    delete_action: QAction
    up_action: QAction
    down_action: QAction
    indent_action: QAction
    outdent_action: QAction
    judgement_menu: QMenu
    expand_all_action: QAction
    collapse_all_action: QAction


class TreeMenu(QObject):
    def __init__(self, menus: MenuBarActions, tree: ItemTreeView) -> None:
        super().__init__(tree)
        self.tree = tree
        self.menu = QMenu(tree)
        self.menu.setObjectName("treeMenu")
        menu = self.menu
        for action in (
            menus.add_action,
            menus.add_child_action,
            menus.rename_action,
            menus.delete_action,
        ):
            menu.addAction(action)
        move = menu.addMenu("&Move")
        for action in (
            menus.up_action,
            menus.down_action,
            menus.indent_action,
            menus.outdent_action,
        ):
            move.addAction(action)
        self.move_menu = move
        menu.addMenu(menus.judgement_menu)
        menu.addSeparator()
        self.expand_action = menu.addAction("E&xpand Branch", self.expand_current)
        self.collapse_action = menu.addAction("C&ollapse Branch", self.collapse_current)
        menu.addAction(menus.expand_all_action)
        menu.addAction(menus.collapse_all_action)
        for action in menu.actions() + move.actions():
            action.setShortcutVisibleInContextMenu(True)  # the keys are what it teaches
        tree.customContextMenuRequested.connect(self.show_at)

    def show_at(self, position: QPoint) -> None:
        """Open at ``position`` in the tree's viewport (not waiting: the window goes on)."""
        index = self.tree.currentIndex()
        has_children = index.isValid() and self.tree.model().hasChildren(index)
        self.expand_action.setEnabled(has_children)
        self.collapse_action.setEnabled(has_children and self.tree.isExpanded(index))
        self.move_menu.setEnabled(any(a.isEnabled() for a in self.move_menu.actions()))
        self.menu.popup(self.tree.viewport().mapToGlobal(position))

    def expand_current(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.tree.expandRecursively(index)

    def collapse_current(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.tree.collapse(index)
