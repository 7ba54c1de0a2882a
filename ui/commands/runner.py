"""The one small runner every area's commands receive: it runs a service, pushes the undo step.

The service runs *before* the command is pushed, so a refused edit (a typed error with its
message) never enters the undo history; once pushed, ``redo``/``undo`` call the same service
functions both ways (Anki's model), and each step's ``apply`` tells the views what changed.
The runner also holds what every command needs to know: the open file, and the programme
and period the window shows (``Scope``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.core.conflicts import Seen, sentence
from app.core.errors import ConflictError, TrackerError
from app.services.context import Change
from app.store.database import Database

T = TypeVar("T")
Apply = Callable[[Change, bool], None]
Step = Callable[[Change], Change]
# A step checked against what the window saw: given the last Change, the call to make, with
# its expectation (Seen) made once, so that keeping one's own value can move it on and retry.
CheckedStep = Callable[[Change], Callable[[], Change]]


@dataclass
class Scope:
    """What the window shows: the programme, the period and the as-at date for "overdue"."""

    programme_id: int | None = None
    period_id: int | None = None
    period_label: str = ""
    period_end: dt.date | None = None
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def as_at(self) -> dt.date:
        """Milestones are overdue as at today, or the end of a period already over."""
        if self.period_end is not None and self.period_end < self.today:
            return self.period_end
        return self.today


class ServiceCommand(QUndoCommand):
    """One undoable step. ``first`` is the Change the service already made when pushed."""

    def __init__(
        self, text: str, runner: Runner, first: Change, redo: Step, undo: Step, apply: Apply
    ) -> None:
        super().__init__(text)
        self._runner = runner
        self._last = first
        self._redo = redo
        self._undo = undo
        self._apply = apply
        self._pending_first = True

    def redo(self) -> None:
        if self._pending_first:  # already done by the runner before pushing
            self._pending_first = False
            return
        self._last = self._runner.guard(lambda: self._redo(self._last)) or self._last
        self._apply(self._last, False)

    def undo(self) -> None:
        self._last = self._runner.guard(lambda: self._undo(self._last)) or self._last
        self._apply(self._last, True)


class CheckedCommand(ServiceCommand):
    """A step whose undo and redo say what they expect to find (the value the step left, or
    the one it replaced). When another person has changed it since and theirs is kept, the
    step is not applied and is dropped from the history (``setObsolete``: QUndoStack deletes
    it, so the step below becomes the next Undo, or the one above the next Redo); it no
    longer describes the row, and redoing it later would overwrite their value unasked."""

    def __init__(
        self,
        text: str,
        runner: Runner,
        first: Change,
        redo: CheckedStep,
        undo: CheckedStep,
        apply: Apply,
    ) -> None:
        super().__init__(text, runner, first, lambda c: c, lambda c: c, apply)
        self._checked_redo = redo
        self._checked_undo = undo

    def redo(self) -> None:
        if self._pending_first:
            self._pending_first = False
            return
        self._step(self._checked_redo, False)

    def undo(self) -> None:
        self._step(self._checked_undo, True)

    def _step(self, step: CheckedStep, undoing: bool) -> None:
        done = self._runner.checked(step(self._last))
        if done is not None:
            self._last = done
            self._apply(done, undoing)
        elif self._runner.kept_theirs:
            self.setObsolete(True)
        else:
            self._apply(self._last, undoing)


class Runner(QObject):
    """Runs services for the commands and says, by signal, what they changed."""

    itemChanged = Signal(int)
    errorRaised = Signal(str)
    structureChanged = Signal()
    treeReplaced = Signal()  # many items came or went at once (an import): read the tree again
    settingsChanged = Signal()  # levels, periods, symbols, pledges, recommendations
    indicatorsChanged = Signal()  # a KPI value, status or comment
    packNoteChanged = Signal()  # an update pack's note for the programme manager
    theirsKept = Signal(object)  # a ConflictError whose other person's value was kept: re-read

    def __init__(self, db: Database, stack: QUndoStack) -> None:
        super().__init__()
        self.db = db
        self.stack = stack
        self.scope = Scope()
        # Asks whose value to keep when an edit meets another person's: True keeps mine.
        # Set by the window (ui/shell/conflicts.py); without it theirs is kept and said.
        self.resolve: Callable[[ConflictError], bool] | None = None
        self.kept_theirs = False  # the last checked call ended by keeping theirs

    def guard(self, action: Callable[[], Change]) -> Change | None:
        """The action's Change, or None after saying why it was refused."""
        try:
            return action()
        except TrackerError as error:
            self.errorRaised.emit(str(error))
            return None

    def checked(self, call: Callable[[], T]) -> T | None:
        """``call``'s Change; on a conflict, asks: keeping mine moves the expectation on to
        their value and tries again (a third person's change in between is asked about too);
        keeping theirs writes nothing, sets ``kept_theirs`` and says which row to re-read."""
        self.kept_theirs = False
        while True:
            try:
                return call()
            except ConflictError as conflict:
                if conflict.gone:  # deleted by someone else: nothing of mine to keep
                    today = dt.date.today()
                    said = sentence(conflict.user, conflict.what, conflict.at, today, conflict.did)
                    self.errorRaised.emit(said)
                elif self.resolve is not None and self.resolve(conflict):
                    seen: Seen = conflict.seen
                    seen.rebase(conflict.theirs)
                    continue
                if self.resolve is None and not conflict.gone:
                    self.errorRaised.emit(str(conflict))
                self.kept_theirs = True
                self.theirsKept.emit(conflict)
                return None
            except TrackerError as error:
                self.errorRaised.emit(str(error))
                return None

    def set_checked(
        self,
        text: str,
        setter: Callable[[Any, Seen], Change],
        value: Any,
        seen: Seen,
        apply: Apply,
    ) -> bool:
        """:meth:`set_value` for a value another person may have changed since the window
        read it (``seen``); its undo expects the value it wrote, its redo the one it replaced.
        False when refused or when their value was kept."""
        first = self.checked(lambda: setter(value, seen))
        if first is None or first.old == first.new:
            return first is not None
        return self.push_checked(
            text,
            first,
            redo=lambda _last: lambda: setter(first.new, Seen(first.old)),
            undo=lambda _last: lambda: setter(first.old, Seen(first.new)),
            apply=apply,
        )

    def push_checked(
        self, text: str, first: Change, redo: CheckedStep, undo: CheckedStep, apply: Apply
    ) -> bool:
        """:meth:`push` for a step whose undo and redo are checked (CheckedCommand)."""
        apply(first, False)
        self.stack.push(CheckedCommand(text, self, first, redo, undo, apply))
        return True

    def push(self, text: str, first: Change | None, redo: Step, undo: Step, apply: Apply) -> bool:
        """Show and record a step the service has already made (``first``)."""
        if first is None:
            return False
        apply(first, False)
        self.stack.push(ServiceCommand(text, self, first, redo, undo, apply))
        return True

    def set_value(
        self, text: str, setter: Callable[[Any], Change], value: Any, apply: Apply
    ) -> bool:
        """The commonest edit: one setter called with the new value, and with the old to undo.

        Nothing enters the history when the value did not change; False only when refused.
        """
        first = self.guard(lambda: setter(value))
        if first is None or first.old == first.new:
            return first is not None
        return self.push(
            text,
            first,
            redo=lambda _last: setter(first.new),
            undo=lambda _last: setter(first.old),
            apply=apply,
        )

    def perform(
        self, text: str, first_call: Callable[[], Change], redo: Step, undo: Step, apply: Apply
    ) -> bool:
        """An edit whose undo is a different service (add ↔ delete, publish ↔ reopen)."""
        first = self.guard(first_call)
        if first is None:
            return False
        if first.operation.startswith("edit") and first.old == first.new:
            return True
        return self.push(text, first, redo, undo, apply)
