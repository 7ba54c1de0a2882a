"""Undoable edits of a programme's reporting periods: one named period, a year of a
pattern, a new name, new dates. Dates are typed as councils write them and read here, so a
date that cannot be read is refused like any other bad value, in the dialog's own words.
"""

from __future__ import annotations

import datetime as dt

from app.core.dates import parse_date
from app.core.periods import financial_year_label
from app.read import window
from app.services import periods, programmes
from app.services.context import Change
from ui.commands.runner import Runner

# The reason the change log gives when publishing is undone from the Edit menu.
UNDONE = "Publishing undone (Edit ▸ Undo)."


class PeriodCommands:
    def __init__(self, run: Runner) -> None:
        self.run = run
        self.db = run.db

    def _changed(self, _change: Change, _undoing: bool) -> None:
        self.run.settingsChanged.emit()

    def _programme(self) -> int:
        programme = self.run.scope.programme_id
        assert programme is not None
        return programme

    def add_period(self, label: str, start: str, end: str) -> bool:
        """A period the council names itself ("November 2004"), from and to the dates typed."""
        programme = self._programme()
        return self.run.perform(
            "Add period",
            lambda: programmes.add_period(
                self.db, programme, label, parse_date(start), parse_date(end)
            ),
            lambda last: programmes.restore_period(self.db, last.old),
            lambda last: programmes.delete_period(self.db, last.ids[0]),
            self._changed,
        )

    def add_year(self, year: int, pattern: str) -> bool:
        """The quarters, months or half-years of the financial year from April ``year``."""
        programme = self._programme()

        def redo(last: Change) -> Change:
            for snapshot in last.old:
                programmes.restore_period(self.db, snapshot)
            return Change("add financial year", "period", tuple(s["id"] for s in last.old))

        def undo(last: Change) -> Change:
            snapshots = [programmes.delete_period(self.db, pid).old for pid in last.ids]
            return Change("delete periods", "period", last.ids, old=snapshots)

        return self.run.perform(
            f"Add {pattern} of {financial_year_label(year)}",
            lambda: periods.add_year(self.db, programme, year, pattern),
            redo,
            undo,
            self._changed,
        )

    def rename(self, period_id: int, label: str) -> bool:
        return self.run.set_value(
            "Rename period",
            lambda v: periods.rename_period(self.db, period_id, v),
            label,
            self._changed,
        )

    def set_dates(self, period_id: int, start: str, end: str) -> bool:
        """New dates, typed; the period moves to its place among the others by its start."""
        first = self.run.guard(
            lambda: periods.set_period_dates(self.db, period_id, parse_date(start), parse_date(end))
        )
        if first is None or first.old == first.new:
            return first is not None
        return self.run.push(
            "Change period dates",
            first,
            redo=lambda _last: periods.put_period_dates(self.db, period_id, first.new),
            undo=lambda _last: periods.put_period_dates(self.db, period_id, first.old),
            apply=self._changed,
        )

    def _label(self, period_id: int) -> str:
        """The period's name, which the undo history's line gives."""
        periods, _ = window.periods(self.db, self._programme(), dt.date.today())
        return next((p.label for p in periods if p.id == period_id), "period")

    def publish(self, period_id: int) -> bool:
        """Freeze the period and keep what its report is built from; undone by reopening it,
        redone with the same stamp and snapshot."""
        from app.reports import publication  # the reports' code, when a period is published

        return self.run.perform(
            f"Publish {self._label(period_id)}",
            lambda: publication.publish_period(self.db, period_id),
            lambda last: publication.publish_period(self.db, period_id, last.old),
            lambda _last: publication.reopen_period(self.db, period_id, UNDONE),
            self._changed,
        )

    def reopen(self, period_id: int, reason: str) -> bool:
        """Unfreeze the period, saying why; undone by publishing it again exactly as it was
        (its stamp and snapshot, which the reopening handed back). A refusal (no reason) is
        raised, for the dialog asking for the reason to say in its own words."""
        from app.reports import publication

        label = self._label(period_id)
        first = publication.reopen_period(self.db, period_id, reason)
        return self.run.push(
            f"Reopen {label}",
            first,
            lambda _last: publication.reopen_period(self.db, period_id, reason),
            lambda last: publication.publish_period(self.db, period_id, last.old),
            self._changed,
        )
