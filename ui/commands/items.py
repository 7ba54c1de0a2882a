"""Undoable edits of the tree's items: their fields, pledges, and the structure itself.

Structure changes reach the tree model with the narrowest signal (rows inserted, removed or
moved), so expansion and selection survive every edit and its undo.
"""

from __future__ import annotations

from typing import Any

from app.core.conflicts import Seen
from app.core.labels import shorten
from app.read.queries import ItemRow
from app.services import items
from app.services.context import Change
from ui.commands.reads import Reads
from ui.commands.runner import Runner
from ui.tree.model import ItemTreeModel

FIELD_NAMES = ("title", "number", "description", "responsibility")
# An undo step names what it did, then the item: "Edit title of 2.3 Implement …".
FIELD_STEPS = {
    "title": "Edit title of",
    "number": "Edit number of",
    "description": "Edit description of",
    "responsibility": "Set responsibility of",
}
NAME_LIMIT = 50


def item_name(row: ItemRow | None) -> str:
    """An item as an undo step names it: its number and first line, shortened, so the
    history reads as the tree does."""
    if row is None:
        return "item"
    title = shorten(row.title.split("\n", 1)[0], NAME_LIMIT)
    return f"{row.number} {title}" if row.number else title


def shown(row: ItemRow) -> str:
    """An item as a conflict names it (``app.services.seen.item_named``): "2.3", or the
    first words of its title."""
    return row.number or f"“{shorten(row.title.split(chr(10), 1)[0], 40)}”"


class ItemCommands:
    def __init__(self, run: Runner, reads: Reads, model: ItemTreeModel) -> None:
        self.run = run
        self.reads = reads
        self.model = model
        self.db = run.db

    def refresh(self, *item_ids: int) -> None:
        """Re-read these rows into the tree and tell the views they changed."""
        if self.run.scope.programme_id is None:
            return
        self.model.refresh(self.reads.item_rows(list(item_ids)))
        for item_id in item_ids:
            self.run.itemChanged.emit(item_id)

    def name(self, item_id: int) -> str:
        """The item as the undo history names it (as it is before the step)."""
        return item_name(self.model.row_for(item_id))

    def edit_field(self, item_id: int, field: str, value: Any, seen: Seen | None = None) -> bool:
        """Title, number, description or responsibility of an item, checked against what the
        window showed: ``seen`` (the detail pane's), else the tree's row and its version."""
        assert field in FIELD_NAMES, field
        row = self.model.row_for(item_id)
        if seen is None and row is not None and field != "description":
            shown = row.responsible if field == "responsibility" else getattr(row, field)
            seen = Seen(shown, row.version)

        def setter(v: Any, expected: Seen | None) -> Change:
            if field == "responsibility":
                return items.set_responsibility(self.db, item_id, v, seen=expected)
            return items.set_item_text(self.db, item_id, field, v, seen=expected)

        text = f"{FIELD_STEPS[field]} {self.name(item_id)}"
        if seen is None:
            return self.run.set_value(
                text, lambda v: setter(v, None), value, lambda _c, _u: self.refresh(item_id)
            )
        return self.run.set_checked(text, setter, value, seen, lambda _c, _u: self.refresh(item_id))

    def set_pledges(self, item_id: int, numbers: list[int]) -> bool:
        return self.run.set_value(
            f"Edit pledges of {self.name(item_id)}",
            lambda v: items.set_pledges(self.db, item_id, v),
            numbers,
            lambda _c, _u: self.run.itemChanged.emit(item_id),
        )

    def _insert_rows(self, root_id: int, position: int) -> None:
        self.model.insert_subtree(self.reads.subtree_rows(root_id), position)
        self.run.structureChanged.emit()

    def _remove_rows(self, root_id: int) -> None:
        self.model.remove_subtree(root_id)
        self.run.structureChanged.emit()

    def add_item(self, parent_id: int | None, position: int, title: str) -> int | None:
        programme = self.run.scope.programme_id
        if programme is None:
            return None
        first = self.run.guard(
            lambda: items.add_item(self.db, programme, parent_id, title, position=position)
        )
        if first is None:
            return None
        new_id = first.ids[0]

        def apply(change: Change, undoing: bool) -> None:
            if undoing:
                self._remove_rows(new_id)
            else:
                self._insert_rows(new_id, change.extra.get("position", position))

        words = title.strip().splitlines()
        step = f"Add “{shorten(words[0], NAME_LIMIT)}”" if words else "Add item"
        if parent_id is not None:
            step += f" under {item_name(self.model.row_for(parent_id))}"
        self.run.push(
            step,
            first,
            redo=lambda last: items.restore_item(self.db, last.old),
            undo=lambda _last: items.delete_item(self.db, new_id),
            apply=apply,
        )
        return new_id

    def delete_item(self, item_id: int) -> bool:
        """Deleting an item someone else has just changed, moved or deleted is asked about
        (or said) first: the tree's row is what the delete is made on."""
        row = self.model.row_for(item_id)
        position = self.model.index_for(item_id).row()
        seen = None
        if row is not None:
            seen = Seen((row.title, row.number, row.responsible, row.parent_id), name=shown(row))
        first = self.run.checked(lambda: items.delete_item(self.db, item_id, seen=seen))
        if first is None:
            return False

        def apply(_change: Change, undoing: bool) -> None:
            if undoing:
                self._insert_rows(item_id, position)
            else:
                self._remove_rows(item_id)

        deleted = None if seen is None else Seen(seen.value, name=seen.name)
        return self.run.push_checked(
            f"Delete {item_name(row)}",
            first,
            redo=lambda _last: lambda: items.delete_item(self.db, item_id, seen=deleted),
            undo=lambda last: lambda: items.restore_item(self.db, last.old),
            apply=apply,
        )

    def move_item(self, item_id: int, parent_id: int | None, row: int) -> bool:
        """Moving an item someone else has just moved under another parent, or deleted, is
        asked about (or said) first."""
        shown_row = self.model.row_for(item_id)
        seen = None
        if shown_row is not None:
            seen = Seen(shown_row.parent_id, name=shown(shown_row))
        first = self.run.checked(
            lambda: items.move_item(self.db, item_id, parent_id, row, seen=seen)
        )
        if first is None:
            return False
        if first.old == first.new:
            return True
        old_parent, old_row = first.old
        new_parent, new_row = first.new

        def apply(_change: Change, undoing: bool) -> None:
            parent, target = (old_parent, old_row) if undoing else (new_parent, new_row)
            self.model.move(item_id, parent, target)
            self.run.structureChanged.emit()

        def step(parent: int | None, target: int, expected: int | None) -> Change:
            return items.move_item(
                self.db, item_id, parent, target, seen=Seen(expected, name=self._shown(item_id))
            )

        return self.run.push_checked(
            f"Move {self.name(item_id)}",
            first,
            redo=lambda _: lambda: step(new_parent, new_row, old_parent),
            undo=lambda _: lambda: step(old_parent, old_row, new_parent),
            apply=apply,
        )

    def _shown(self, item_id: int) -> str | None:
        row = self.model.row_for(item_id)
        return shown(row) if row is not None else None
