"""Edits of the tree's shape from the keyboard and menus: add, rename, delete, move, indent.

The commands do the work and keep the model in step; this decides *where* (below the
current item, under it, one place up…), asks before deleting anything with content, and
puts the selection where the user expects it afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.tree.filter import ItemFilterModel
from ui.tree.model import ItemTreeModel
from ui.tree.view import ItemTreeView

if TYPE_CHECKING:
    from app.read.queries import ItemRow
    from ui.commands import Commands


class Host(Protocol):
    """What the editor needs of the window around it."""

    commands: Commands | None

    def commit_pending(self) -> None: ...

    def clear_filter(self) -> None: ...

    def show_error(self, text: str) -> None: ...

    def refuse_if_read_only(self) -> bool: ...


class StructureEditor:
    def __init__(
        self,
        host: Host,
        parent: QWidget,
        tree: ItemTreeView,
        model: ItemTreeModel,
        proxy: ItemFilterModel,
    ) -> None:
        self.host = host
        self.parent = parent
        self.tree = tree
        self.model = model
        self.proxy = proxy

    def _commands(self) -> Commands | None:
        """The commands, or None when there is no file or it cannot be changed."""
        if self.host.commands is None or self.host.refuse_if_read_only():
            return None
        return self.host.commands

    def _current(self) -> tuple[Commands, ItemRow, list[int], int] | None:
        """The commands, the current item's row, its siblings and its place among them: when
        there is a current item and the file may change."""
        item_id = self.tree.current_item_id()
        row = self.model.row_for(item_id) if item_id is not None else None
        commands = self._commands() if row is not None else None
        if row is None or commands is None:
            return None
        siblings = self.model.children_of(row.parent_id)
        return commands, row, siblings, siblings.index(row.id)

    def _select(self, item_id: int) -> None:
        self.tree.select_item(self.proxy.mapFromSource(self.model.index_for(item_id)))

    def _level_name(self, commands: Commands, parent_id: int | None) -> str:
        depth, current = 0, parent_id
        while current is not None:
            depth += 1
            row = self.model.row_for(current)
            current = row.parent_id if row else None
        names = commands.reads.level_names()
        return names[min(depth, len(names) - 1)] if names else "item"

    def _add(self, parent_id: int | None, position: int) -> None:
        commands = self._commands()
        if commands is None:
            return
        self.host.commit_pending()
        self.host.clear_filter()
        title = f"New {self._level_name(commands, parent_id).lower()}"
        new_id = commands.items.add_item(parent_id, position, title)
        if new_id is None:
            return
        index = self.proxy.mapFromSource(self.model.index_for(new_id))
        self.tree.select_item(index)
        self.tree.edit(index)

    def add_sibling(self) -> None:
        current = self.tree.current_item_id()
        row = self.model.row_for(current) if current is not None else None
        if current is None or row is None:
            self._add(None, len(self.model.children_of(None)))
            return
        self._add(row.parent_id, self.model.index_for(current).row() + 1)

    def add_child(self) -> None:
        current = self.tree.current_item_id()
        if current is None:
            self.add_sibling()
            return
        self.tree.expand(self.proxy.mapFromSource(self.model.index_for(current)))
        self._add(current, len(self.model.children_of(current)))

    def edit_title(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid() and not self.host.refuse_if_read_only():
            self.tree.edit(index.siblingAtColumn(0))

    def _confirm_delete(self, commands: Commands, item_id: int) -> bool:
        """Ask first when the item has sub-items or anything written in it."""
        row = self.model.row_for(item_id)
        detail = commands.reads.item_detail(item_id)
        children = len(self.model.children_of(item_id))
        has_text = detail is not None and bool(
            detail.description
            or detail.milestones
            or detail.updates
            or (detail.history and any(h.glyph for h in detail.history))
        )
        if not (children or has_text):
            return True
        what = []
        if children:
            what.append(
                f"{children} sub-item{'s' if children != 1 else ''} and everything under them"
            )
        if has_text:
            what.append("its milestones, narrative and judgements")
        title = (row.title.splitlines()[0] if row else "this item")[:80]
        answer = QMessageBox.question(
            self.parent,
            "Delete item",
            f"Delete “{title}” with {' and '.join(what)}?\n\nYou can undo this with Edit ▸ Undo.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_item(self) -> None:
        commands = self._commands()
        item_id = self.tree.current_item_id()
        if commands is None or item_id is None:
            return
        self.host.commit_pending()
        if not self._confirm_delete(commands, item_id):
            return
        row = self.model.row_for(item_id)
        parent_id = row.parent_id if row else None
        siblings = self.model.children_of(parent_id)
        position = siblings.index(item_id) if item_id in siblings else 0
        if commands.items.delete_item(item_id):
            remaining = self.model.children_of(parent_id)
            target = remaining[min(position, len(remaining) - 1)] if remaining else parent_id
            if target is not None:
                self._select(target)

    def move_by(self, step: int) -> None:
        current = self._current()
        if current is None:
            return
        commands, row, siblings, position = current
        if 0 <= position + step < len(siblings):
            commands.items.move_item(row.id, row.parent_id, position + step)
            self._select(row.id)

    def indent(self) -> None:
        current = self._current()
        if current is None:
            return
        commands, row, siblings, position = current
        if position == 0:
            self.host.show_error("There is no item above this one to move it under.")
            return
        new_parent = siblings[position - 1]
        end = len(self.model.children_of(new_parent))
        if commands.items.move_item(row.id, new_parent, end):
            self.tree.expand(self.proxy.mapFromSource(self.model.index_for(new_parent)))
            self._select(row.id)

    def outdent(self) -> None:
        current = self._current()
        if current is None:
            return
        commands, row, _siblings, _position = current
        if row.parent_id is None:
            self.host.show_error("This item is already at the top level.")
            return
        parent = self.model.row_for(row.parent_id)
        assert parent is not None
        position = self.model.children_of(parent.parent_id).index(parent.id) + 1
        if commands.items.move_item(row.id, parent.parent_id, position):
            self._select(row.id)
