"""Undoable edits of what the reports print besides the tree: a period's cover sheet, and the
lists of app.services.documents (cover fields, sections, contacts, outcomes, kinds of
objective, recommendations).

``changed`` names the list that changed ("report" for the cover sheet's own title, meeting
and dates), so the Report Details dialog re-reads what it shows. A kind of objective also
changes how the window groups its summary, so those changes say ``settingsChanged`` too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.conflicts import Seen
from app.core.cover_grid import TRACKING_BODIES
from app.services import cover_sheet, documents
from app.services.context import Change
from ui.commands.runner import Apply, Runner


class DocumentCommands(QObject):
    changed = Signal(str)

    def __init__(self, run: Runner) -> None:
        super().__init__()
        self.run = run
        self.db = run.db

    def _programme(self) -> int:
        programme = self.run.scope.programme_id
        assert programme is not None
        return programme

    def _apply(self, name: str) -> Apply:
        def apply(_change: Change, _undoing: bool) -> None:
            self.changed.emit(name)
            if name == "item_kind":
                self.run.settingsChanged.emit()

        return apply

    @staticmethod
    def _what(name: str) -> str:
        return documents.LISTS[name].what

    def set_cover(
        self,
        period_id: int,
        field: str,
        value: Any,
        text: str = "Edit cover sheet",
        seen: Seen | None = None,
    ) -> bool:
        """Set the title, meeting, a date, the ticked boxes or the proper officer of the
        period's report; the first edit of a period makes its record, and undoing that edit
        removes the record again. ``seen``: the field as the dialog showed it."""
        programme = self._programme()

        def setter(v: Any, expected: Seen | None) -> Change:
            return cover_sheet.set_cover(self.db, programme, period_id, field, v, seen=expected)

        return self._on_report(text, setter, value, seen)

    def set_tracking(
        self, period_id: int, body: str, written: str | None, seen: Seen | None = None
    ) -> bool:
        """Set the date of one body of the report's Tracking/Process grid, as set_cover."""
        programme = self._programme()

        def setter(v: Any, expected: Seen | None) -> Change:
            return cover_sheet.set_tracking(self.db, programme, period_id, body, v, seen=expected)

        text = f"Edit date for {TRACKING_BODIES[body]}"
        return self._on_report(text, setter, written, seen)

    def _on_report(
        self,
        text: str,
        setter: Callable[[Any, Seen | None], Change],
        value: Any,
        seen: Seen | None,
    ) -> bool:
        first = self.run.checked(lambda: setter(value, seen))
        if first is None:
            if self.run.kept_theirs:
                self.changed.emit("report")  # their value kept: the dialog reads it again
            return False
        made = first.extra["made"]
        if made is None:
            if first.old == first.new:
                return True
            checked = seen is not None
            return self.run.push_checked(
                text,
                first,
                redo=lambda _last: lambda: setter(first.new, Seen(first.old) if checked else None),
                undo=lambda _last: lambda: setter(first.old, Seen(first.new) if checked else None),
                apply=self._apply("report"),
            )
        report_id = first.ids[0]
        return self.run.push(
            text,
            first,
            redo=lambda _last: cover_sheet.restore_report(self.db, made),
            undo=lambda _last: cover_sheet.delete_report(self.db, report_id),
            apply=self._apply("report"),
        )

    def add(self, name: str, values: Mapping[str, Any], period_id: int | None = None) -> int | None:
        """A new row at the end of the list; its id, to select and edit it at once."""
        programme = self._programme()
        done = self.run.guard(
            lambda: documents.add_row(self.db, name, programme, values, period_id)
        )
        if done is None:
            return None
        snapshot = done.new
        row_id = int(done.ids[0])
        self.run.push(
            f"Add {self._what(name)}",
            done,
            redo=lambda _last: documents.restore_row(self.db, name, snapshot),
            undo=lambda _last: documents.remove_row(
                self.db, name, row_id, drop_report=snapshot["report"] is not None
            ),
            apply=self._apply(name),
        )
        return row_id

    def edit(
        self, name: str, row_id: int, field: str, value: Any, seen: Seen | None = None
    ) -> bool:
        """One field of a document list's row, checked against ``seen`` (what the dialog
        showed) when given."""

        def setter(v: Any, expected: Seen | None) -> Change:
            return documents.edit_row(self.db, name, row_id, field, v, seen=expected)

        text = f"Edit {self._what(name)}"
        if seen is None:
            return self.run.set_value(text, lambda v: setter(v, None), value, self._apply(name))
        done = self.run.set_checked(text, setter, value, seen, self._apply(name))
        if self.run.kept_theirs:
            self.changed.emit(name)  # their value kept: the dialog reads it again
        return done

    def move(self, name: str, row_id: int, step: int) -> bool:
        done = self.run.guard(lambda: documents.move_row(self.db, name, row_id, step))
        if done is None or done.old == done.new:
            return done is not None
        return self.run.push(
            f"Move {self._what(name)}",
            done,
            redo=lambda _last: documents.move_row(self.db, name, row_id, step),
            undo=lambda _last: documents.move_row(self.db, name, row_id, -step),
            apply=self._apply(name),
        )

    def remove(self, name: str, row_id: int) -> bool:
        return self.run.perform(
            f"Remove {self._what(name)}",
            lambda: documents.remove_row(self.db, name, row_id),
            lambda _last: documents.remove_row(self.db, name, row_id),
            lambda last: documents.restore_row(self.db, name, last.old),
            self._apply(name),
        )
