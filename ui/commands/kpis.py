"""Undoable edits of key performance indicators: yearly values, results, status, tolerance;
and (``setup``) the indicators and groups themselves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.core.conflicts import Seen
from app.services import kpis
from app.services.context import Change
from ui.commands.kpi_setup import KpiSetupCommands
from ui.commands.runner import Runner

YEARLY_LABELS = {
    "target": "Edit target",
    "outturn": "Edit actual",
    "national_average": "Edit national average",
}


class KpiCommands:
    def __init__(self, run: Runner) -> None:
        self.run = run
        self.db = run.db
        self.setup = KpiSetupCommands(run)  # indicators and groups added, edited, deleted

    def _set(self, text: str, setter: Callable[[Any], Change], value: Any) -> bool:
        return self.run.set_value(
            text, setter, value, lambda _c, _u: self.run.indicatorsChanged.emit()
        )

    def _set_value(
        self,
        text: str,
        setter: Callable[[Any, bool, Seen | None], Change],
        value: Any,
        confirmed: bool,
        shown: Seen | None,
    ) -> bool:
        """A value checked against the indicator's unit: the first call as confirmed (or not)
        by the person, undo and redo as confirmed, since both were kept once already. With
        ``shown`` (what the table showed) each is checked against another person's too."""
        seen = shown
        first = self.run.checked(lambda: setter(value, confirmed, seen))
        if first is None or first.old == first.new:
            return first is not None
        checked = shown is not None
        return self.run.push_checked(
            text,
            first,
            redo=lambda _last: (
                lambda: setter(first.new, True, Seen(first.old) if checked else None)
            ),
            undo=lambda _last: (
                lambda: setter(first.old, True, Seen(first.new) if checked else None)
            ),
            apply=lambda _c, _u: self.run.indicatorsChanged.emit(),
        )

    def set_yearly(
        self,
        indicator_id: int,
        kind: str,
        year: int,
        text: str | None,
        confirmed: bool = False,
        shown: Seen | None = None,
    ) -> bool:
        return self._set_value(
            YEARLY_LABELS[kind],
            lambda v, sure, seen: kpis.set_yearly(
                self.db, indicator_id, kind, year, v, confirmed=sure, seen=seen
            ),
            text,
            confirmed,
            shown,
        )

    def set_result(
        self,
        indicator_id: int,
        field: str,
        value: Any,
        confirmed: bool = False,
        shown: Seen | None = None,
    ) -> bool:
        period = self.run.scope.period_id
        if period is None:
            return False
        return self._set_value(
            f"Edit {field}",
            lambda v, sure, seen: kpis.set_result(
                self.db, indicator_id, period, field, v, confirmed=sure, seen=seen
            ),
            value,
            confirmed,
            shown,
        )

    def set_status(
        self,
        indicator_id: int,
        glyph: str | None,
        reason: str | None,
        shown: Seen | None = None,
    ) -> bool:
        """A manager's status with its reason; no glyph goes back to the computed status.
        ``shown`` is (glyph, reason) as the table showed them: another person's status set
        since is asked about, and undo and redo expect what the step left."""
        period = self.run.scope.period_id
        if period is None:
            return False

        def setter(value: tuple[str | None, str | None], seen: Seen | None) -> Change:
            return kpis.set_status_override(self.db, indicator_id, period, *value, seen=seen)

        text = "Set status" if glyph else "Use computed status"
        apply: Callable[[Change, bool], None] = lambda _c, _u: self.run.indicatorsChanged.emit()  # noqa: E731
        if shown is None:
            return self.run.set_value(text, lambda v: setter(v, None), (glyph, reason), apply)
        return self.run.set_checked(text, setter, (glyph, reason), shown, apply)

    def set_field(
        self, indicator_id: int, field: str, value: Any, shown: Seen | None = None
    ) -> bool:
        """An indicator's code, measure, responsibility or polarity, checked against
        ``shown`` (what the table showed) when given."""

        def setter(v: Any, seen: Seen | None) -> Change:
            return kpis.set_indicator_field(self.db, indicator_id, field, v, seen=seen)

        if shown is None:
            return self._set(f"Edit {field}", lambda v: setter(v, None), value)
        return self.run.set_checked(
            f"Edit {field}", setter, value, shown, lambda _c, _u: self.run.indicatorsChanged.emit()
        )

    def set_tolerance(self, percent: float) -> bool:
        programme = self.run.scope.programme_id
        if programme is None:
            return False
        return self._set(
            "Edit tolerance", lambda v: kpis.set_tolerance(self.db, programme, v), percent
        )
