"""Undoable edits of a programme's settings: levels, periods, symbols, pledges, recommendations.

Each is one step like any other edit; ``settingsChanged`` tells the window and the open
dialogs to re-read what they show.
"""

from __future__ import annotations

from typing import Any

from app.core.conflicts import Seen
from app.core.period_patterns import QUARTERS
from app.read.scheme_choices import SchemeChoice
from app.services import programmes, schemes, settings, symbols
from app.services.context import Change
from app.services.schemes import Snapshot
from ui.commands.periods import PeriodCommands
from ui.commands.runner import Runner


class SettingsCommands:
    def __init__(self, run: Runner) -> None:
        self.run = run
        self.db = run.db
        self.periods = PeriodCommands(run)  # the Periods tab's own edits

    def _changed(self, _change: Change, _undoing: bool) -> None:
        self.run.settingsChanged.emit()

    def _programme(self) -> int:
        programme = self.run.scope.programme_id
        assert programme is not None
        return programme

    def _set(self, text: str, setter: Any, value: Any, seen: Seen | None = None) -> bool:
        """One field set, checked against ``seen`` (what the dialog showed) when given:
        ``setter`` takes the value and the expectation."""
        if seen is None:
            return self.run.set_value(text, lambda v: setter(v, None), value, self._changed)
        done = self.run.set_checked(text, setter, value, seen, self._changed)
        if self.run.kept_theirs:
            self.run.settingsChanged.emit()  # their value kept: the dialogs read it again
        return done

    def _perform(self, text: str, first: Any, redo: Any, undo: Any) -> bool:
        return self.run.perform(text, first, redo, undo, self._changed)

    def set_level_name(self, depth: int, name: str, seen: Seen | None = None) -> bool:
        programme = self._programme()
        return self._set(
            "Rename level",
            lambda v, s: programmes.set_level_name(self.db, programme, depth, v, seen=s),
            name,
            seen,
        )

    def add_financial_year(self, year: int) -> bool:
        return self.periods.add_year(year, QUARTERS)

    def delete_period(self, period_id: int) -> bool:
        return self._perform(
            "Delete period",
            lambda: programmes.delete_period(self.db, period_id),
            lambda _last: programmes.delete_period(self.db, period_id),
            lambda last: programmes.restore_period(self.db, last.old),
        )

    def publish_period(self, period_id: int, publish: bool, reason: str = "") -> bool:
        if publish:
            return self.periods.publish(period_id)
        return self.periods.reopen(period_id, reason)

    def edit_symbol(self, symbol_id: int, field: str, value: Any, seen: Seen | None = None) -> bool:
        return self._set(
            "Edit symbol",
            lambda v, s: settings.edit_symbol(self.db, symbol_id, field, v, seen=s),
            value,
            seen,
        )

    def choose_scheme(self, choice: SchemeChoice, purpose: str = "progress") -> bool:
        """Replace the programme's scheme by a template or another programme's (a copy)."""
        programme = self._programme()

        def replace(source: Snapshot) -> Change:
            return schemes.replace_scheme(self.db, programme, purpose, source)

        def first() -> Change:
            if choice.template is not None:
                return replace(schemes.template_snapshot(choice.template, purpose))
            assert choice.programme_id is not None
            return replace(schemes.programme_scheme_copy(self.db, choice.programme_id, purpose))

        done = self.run.guard(first)
        if done is None or done.old == done.new:
            return done is not None
        # Undo and redo alike put back the scheme the step before them removed.
        return self.run.push(
            "Choose scheme",
            done,
            redo=lambda last: replace(last.old),
            undo=lambda last: replace(last.old),
            apply=self._changed,
        )

    def add_symbol(self, purpose: str = "progress") -> int | None:
        """A new symbol at the end of the scheme; its id, to edit it at once."""
        programme = self._programme()
        done = self.run.guard(lambda: symbols.add_symbol(self.db, programme, purpose))
        if done is None:
            return None
        self.run.push(
            "Add symbol",
            done,
            redo=lambda last: symbols.restore_symbol(self.db, last.old),
            undo=lambda last: symbols.remove_symbol(self.db, last.ids[0]),
            apply=self._changed,
        )
        return int(done.ids[0])

    def remove_symbol(self, symbol_id: int, move_to: int | None = None) -> bool:
        """Remove a symbol, moving the judgements that use it to ``move_to``: one step."""
        return self._perform(
            "Remove symbol",
            lambda: symbols.remove_symbol(self.db, symbol_id, move_to),
            lambda _last: symbols.remove_symbol(self.db, symbol_id, move_to),
            lambda last: symbols.restore_symbol(self.db, last.old),
        )

    def move_symbol(self, symbol_id: int, step: int) -> bool:
        done = self.run.guard(lambda: symbols.move_symbol(self.db, symbol_id, step))
        if done is None or done.old == done.new:
            return done is not None
        return self.run.push(
            "Move symbol",
            done,
            redo=lambda _last: symbols.move_symbol(self.db, symbol_id, step),
            undo=lambda _last: symbols.move_symbol(self.db, symbol_id, -step),
            apply=self._changed,
        )

    def add_column(self, purpose: str = "progress") -> int | None:
        """A new summary column at the end; its id, to name it at once."""
        programme = self._programme()
        done = self.run.guard(lambda: symbols.add_column(self.db, programme, purpose))
        if done is None:
            return None
        self.run.push(
            "Add column",
            done,
            redo=lambda last: symbols.restore_column(self.db, last.old),
            undo=lambda last: symbols.remove_column(self.db, last.ids[0]),
            apply=self._changed,
        )
        return int(done.ids[0])

    def edit_column(
        self, column_id: int, field: str, value: str | bool, seen: Seen | None = None
    ) -> bool:
        titles = {"name": "Rename column", "rated": "Change whether a column has ratings"}
        return self._set(
            titles.get(field, "Change what a column counts as"),
            lambda v, s: symbols.edit_column(self.db, column_id, field, v, seen=s),
            value,
            seen,
        )

    def move_column(self, column_id: int, step: int) -> bool:
        done = self.run.guard(lambda: symbols.move_column(self.db, column_id, step))
        if done is None or done.old == done.new:
            return done is not None
        return self.run.push(
            "Move column",
            done,
            redo=lambda _last: symbols.move_column(self.db, column_id, step),
            undo=lambda _last: symbols.move_column(self.db, column_id, -step),
            apply=self._changed,
        )

    def remove_column(self, column_id: int) -> bool:
        return self._perform(
            "Remove column",
            lambda: symbols.remove_column(self.db, column_id),
            lambda _last: symbols.remove_column(self.db, column_id),
            lambda last: symbols.restore_column(self.db, last.old),
        )

    def add_pledge(self, number: int, title: str) -> bool:
        programme = self._programme()
        return self._perform(
            "Add pledge",
            lambda: settings.add_pledge(self.db, programme, number, title),
            lambda last: settings.restore_pledge(self.db, last.old),
            lambda last: settings.delete_pledge(self.db, (last.new or {}).get("id") or last.ids[0]),
        )

    def edit_pledge(self, pledge_id: int, title: str, seen: Seen | None = None) -> bool:
        return self._set(
            "Edit pledge",
            lambda v, s: settings.edit_pledge(self.db, pledge_id, v, seen=s),
            title,
            seen,
        )

    def delete_pledge(self, pledge_id: int) -> bool:
        return self._perform(
            "Delete pledge",
            lambda: settings.delete_pledge(self.db, pledge_id),
            lambda _last: settings.delete_pledge(self.db, pledge_id),
            lambda last: settings.restore_pledge(self.db, last.old),
        )

    def edit_recommendation(
        self, recommendation_id: int, field: str, value: str | None, seen: Seen | None = None
    ) -> bool:
        return self._set(
            "Edit recommendation",
            lambda v, s: settings.edit_recommendation(self.db, recommendation_id, field, v, seen=s),
            value,
            seen,
        )
