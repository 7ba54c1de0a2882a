"""Starting a new period: carrying last period's judgements and narratives forward, undoably."""

from __future__ import annotations

from typing import Any

from app.read.carry import (
    CarryView,
    PreviousProgress,
    read_carry_view,
    read_is_new,
    read_period_to_start,
    read_previous_progress,
)
from app.services import carry_forward as service
from app.services.context import Change
from ui.commands.items import ItemCommands
from ui.commands.reads import Reads
from ui.commands.runner import Runner


def previous_progress(reads: Reads, item_id: int) -> PreviousProgress | None:
    """The item's judgement and narrative in the period before the one shown."""
    period = reads.scope.period_id
    return None if period is None else read_previous_progress(reads.db, item_id, period)


class CarryCommands:
    def __init__(self, run: Runner, items: ItemCommands) -> None:
        self.run = run
        self.items = items
        self.db = run.db

    # --- reads -------------------------------------------------------------------------

    def view(self, period_id: int) -> CarryView | None:
        return read_carry_view(self.db, period_id)

    def is_new(self, period_id: int | None) -> bool:
        return period_id is not None and read_is_new(self.db, period_id)

    def period_to_start(self) -> int | None:
        scope = self.run.scope
        if scope.programme_id is None:
            return None
        return read_period_to_start(self.db, scope.programme_id, scope.period_id)

    # --- the edit ----------------------------------------------------------------------

    def carry(self, view: CarryView, judgement_ids: list[int], narrative_ids: list[int]) -> bool:
        """One step of Edit ▸ Undo for everything carried."""
        period_id = view.period_id

        def apply(change: Change, _undoing: bool) -> None:
            if change.extra["period_id"] == self.run.scope.period_id:
                self.items.refresh(*change.ids)

        def redo(_last: Any) -> Change:
            return service.carry_forward(self.db, period_id, judgement_ids, narrative_ids)

        def undo(_last: Any) -> Change:
            return service.uncarry(self.db, period_id, judgement_ids, narrative_ids)

        first = self.run.guard(lambda: redo(None))
        if first is None:
            return False
        # redo and undo act on what was actually carried, not on what was asked
        judgement_ids = list(first.new["judgements"])
        narrative_ids = list(first.new["narratives"])
        count = len(first.ids)
        label = f"Carry forward {count} item{'s' if count != 1 else ''} to {view.period_label}"
        return self.run.push(label, first, redo, undo, apply)
