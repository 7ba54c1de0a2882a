"""Undoable making, renaming, copying and deleting of whole programmes.

Each step says which programme the window should show afterwards (``programmeShown``): the
one made, renamed or put back, or, when one goes, the one shown before it was made (or
another). The window keeps its undo history across these switches, since the step that
caused them is in it; the history stays a sequence of edits to what was on screen.

A refused step raises its ``TrackerError`` to the dialog that asked, which shows the
sentence and stays open; nothing enters the history.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.labels import shorten
from app.core.programme_plan import ProgrammeSpec
from app.services import programme_copy, programme_setup, programmes
from app.services.context import Change
from ui.commands.runner import Runner


class ProgrammeCommands(QObject):
    programmeShown = Signal(object)  # the programme's id, or None for whichever is first

    def __init__(self, run: Runner) -> None:
        super().__init__()
        self.run = run
        self.db = run.db

    def _push_new(self, text: str, first: Change) -> int:
        """Record a step that made a programme: undo deletes it, redo puts it back."""
        before, made = self.run.scope.programme_id, int(first.ids[0])

        def apply(_change: Change, undoing: bool) -> None:
            self.programmeShown.emit(before if undoing else made)

        self.run.push(
            text,
            first,
            redo=lambda last: programme_setup.restore_programme(self.db, last.old),
            undo=lambda _last: programme_setup.delete_programme(self.db, made),
            apply=apply,
        )
        return made

    def create(self, spec: ProgrammeSpec) -> int:
        """Make the programme the New Programme dialog describes; its id."""
        first = programme_setup.new_programme(self.db, spec)
        return self._push_new(f"New programme “{shorten(spec.name.strip(), 40)}”", first)

    def duplicate(self, programme_id: int, name: str) -> int:
        """A copy of the programme's plan for next year, called ``name``; its id."""
        first = programme_copy.duplicate_programme(self.db, programme_id, name)
        return self._push_new(f"Duplicate programme as “{shorten(name.strip(), 40)}”", first)

    def rename(self, programme_id: int, name: str) -> None:
        first = programmes.rename_programme(self.db, programme_id, name)
        if first.old == first.new:
            return
        self.run.push(
            "Rename programme",
            first,
            redo=lambda _last: programmes.rename_programme(self.db, programme_id, first.new),
            undo=lambda _last: programmes.rename_programme(self.db, programme_id, first.old),
            apply=lambda _change, _undoing: self.programmeShown.emit(programme_id),
        )

    def delete(self, programme_id: int, name: str) -> bool:
        """Delete the programme and everything in it; undo puts it all back, same ids."""
        first = self.run.guard(lambda: programme_setup.delete_programme(self.db, programme_id))

        def apply(_change: Change, undoing: bool) -> None:
            self.programmeShown.emit(programme_id if undoing else None)

        return self.run.push(
            f"Delete programme “{shorten(name, 40)}”",
            first,
            redo=lambda _last: programme_setup.delete_programme(self.db, programme_id),
            undo=lambda last: programme_setup.restore_programme(self.db, last.old),
            apply=apply,
        )
