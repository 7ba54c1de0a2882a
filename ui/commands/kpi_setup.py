"""Setting up indicators and groups from the window: each add, edit or delete one undo step.

Adding is undone by deleting, and redone by putting back what that deletion took (the same
ids), so a step can go back and forth any number of times. The editors read what they show
through here too, in one short session each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple
from typing import Any

from app.core.conflicts import Seen
from app.read.kpi_setup import (
    GroupRow,
    GroupSpec,
    IndicatorSpec,
    SetupView,
    ValueCounts,
    group_rows,
    indicator_counts,
    setup_view,
)
from app.services import kpi_setup
from app.services.context import Change
from ui.commands.runner import Runner


class KpiSetupCommands:
    def __init__(self, run: Runner) -> None:
        self.run = run
        self.db = run.db

    def _changed(self, _change: Change, _undoing: bool) -> None:
        self.run.indicatorsChanged.emit()

    def _programme(self) -> int:
        programme = self.run.scope.programme_id
        assert programme is not None
        return programme

    # --- reads ---------------------------------------------------------------------------------

    def view(self, indicator_id: int | None = None) -> SetupView:
        return setup_view(self.db, self._programme(), indicator_id, self.run.scope.today)

    def groups(self) -> list[GroupRow]:
        return group_rows(self.db, self._programme())

    def counts(self, indicator_id: int) -> ValueCounts:
        return indicator_counts(self.db, indicator_id)

    # --- indicators ----------------------------------------------------------------------------

    def add_indicator(self, spec: IndicatorSpec, *, confirmed: bool = False) -> int | None:
        """The new indicator's id, or None when refused (the reason is signalled)."""
        programme = self._programme()
        done = self.run.guard(
            lambda: kpi_setup.add_indicator(self.db, programme, spec, confirmed=confirmed)
        )
        if done is None:
            return None
        self.run.push(
            "Add indicator",
            done,
            redo=lambda last: kpi_setup.restore_indicator(self.db, last.old),
            undo=lambda last: kpi_setup.delete_indicator(self.db, last.ids[0]),
            apply=self._changed,
        )
        return done.ids[0]

    def update_indicator(
        self,
        indicator_id: int,
        spec: IndicatorSpec,
        *,
        confirmed: bool = False,
        shown: IndicatorSpec | None = None,
    ) -> bool:
        """Everything the editor shows, saved as one step; False when refused or when
        another person's change since the editor opened (``shown``) is kept."""

        def to(target: IndicatorSpec, expected: IndicatorSpec | None) -> Change:
            return kpi_setup.update_indicator(
                self.db,
                indicator_id,
                target,
                confirmed=True,
                seen=None if expected is None else Seen(expected),
            )

        if shown is None:
            done = self.run.guard(
                lambda: kpi_setup.update_indicator(self.db, indicator_id, spec, confirmed=confirmed)
            )
            return self._push_edit("Edit indicator", done, lambda t: to(t, None))
        seen = Seen(shown)
        first = self.run.checked(
            lambda: kpi_setup.update_indicator(
                self.db, indicator_id, spec, confirmed=confirmed, seen=seen
            )
        )
        if first is None or first.old == first.new:
            if self.run.kept_theirs:
                self.run.indicatorsChanged.emit()
            return first is not None
        return self.run.push_checked(
            "Edit indicator",
            first,
            redo=lambda _last: lambda: to(first.new, first.old),
            undo=lambda _last: lambda: to(first.old, first.new),
            apply=self._changed,
        )

    def _push_edit(self, text: str, done: Change | None, to: Callable[[Any], Change]) -> bool:
        """An edit whose redo sets what it set and whose undo sets what it replaced."""
        if done is None or done.old == done.new:
            return done is not None
        return self.run.push(
            text,
            done,
            redo=lambda _last: to(done.new),
            undo=lambda _last: to(done.old),
            apply=self._changed,
        )

    def delete_indicator(self, indicator_id: int) -> bool:
        return self.run.perform(
            "Delete indicator",
            lambda: kpi_setup.delete_indicator(self.db, indicator_id),
            lambda _last: kpi_setup.delete_indicator(self.db, indicator_id),
            lambda last: kpi_setup.restore_indicator(self.db, last.old),
            self._changed,
        )

    # --- groups --------------------------------------------------------------------------------

    def add_group(self, spec: GroupSpec) -> int | None:
        programme = self._programme()
        done = self.run.guard(lambda: kpi_setup.add_group(self.db, programme, spec))
        if done is None:
            return None
        self.run.push(
            "Add group",
            done,
            redo=lambda last: kpi_setup.restore_group(self.db, last.old),
            undo=lambda last: kpi_setup.delete_group(self.db, last.ids[0]),
            apply=self._changed,
        )
        return done.ids[0]

    def edit_group(
        self, group_id: int, spec: GroupSpec, shown: tuple[Any, ...] | None = None
    ) -> bool:
        """Rename, recategorise or move a group: one step. ``shown`` is (name, category,
        parent) as the editor opened on them: another person's change since is asked about,
        and undo and redo expect what the step left."""

        def to(target: GroupSpec, expected: GroupSpec | None) -> Change:
            seen = None if expected is None else Seen(astuple(expected)[:3])
            return kpi_setup.edit_group(self.db, group_id, target, seen=seen)

        if shown is None:
            done = self.run.guard(lambda: kpi_setup.edit_group(self.db, group_id, spec))
            return self._push_edit("Edit group", done, lambda target: to(target, None))
        seen = Seen(shown)
        first = self.run.checked(lambda: kpi_setup.edit_group(self.db, group_id, spec, seen=seen))
        if first is None or first.old == first.new:
            return first is not None
        return self.run.push_checked(
            "Edit group",
            first,
            redo=lambda _last: lambda: to(first.new, first.old),
            undo=lambda _last: lambda: to(first.old, first.new),
            apply=self._changed,
        )

    def delete_group(self, group_id: int) -> bool:
        return self.run.perform(
            "Delete group",
            lambda: kpi_setup.delete_group(self.db, group_id),
            lambda _last: kpi_setup.delete_group(self.db, group_id),
            lambda last: kpi_setup.restore_group(self.db, last.old),
            self._changed,
        )
