"""Undoable edits of progress in the chosen period: judgements, achievements, milestones."""

from __future__ import annotations

from functools import partial
from typing import Any

from app.core.conflicts import Seen
from app.services import progress
from app.services.context import Change
from ui.commands.items import ItemCommands
from ui.commands.runner import Runner


class ProgressCommands:
    def __init__(self, run: Runner, items: ItemCommands) -> None:
        self.run = run
        self.items = items
        self.db = run.db

    def _refresher(self, item_id: int) -> Any:
        return lambda _change, _undoing: self.items.refresh(item_id)

    def set_judgement(self, item_ids: list[int], glyph: str | None) -> bool:
        """One step for the whole selection; it stops at the first item refused."""
        period = self.run.scope.period_id
        if period is None or not item_ids:
            return False
        done: list[Change] = []
        for item_id in item_ids:
            row = self.items.model.row_for(item_id)
            seen = Seen(row.glyph) if row is not None else None
            change = self.run.checked(
                partial(progress.set_judgement, self.db, item_id, period, glyph, seen=seen)
            )
            if change is None:
                break
            if change.old != change.new or change.extra["was_carried"]:
                done.append(change)  # pressing a carried judgement's key confirms it
        if not done:
            return False
        symbol = self.items.model.symbol(glyph)
        what = self.items.name(done[0].ids[0]) if len(done) == 1 else f"{len(done)} items"
        label = (
            f"Set judgement of {what} to {symbol.label}" if symbol else f"Clear judgement of {what}"
        )
        if symbol and all(c.old == c.new for c in done):  # a carried judgement confirmed
            label = f"Confirm judgement of {what} as {symbol.label}"

        def apply(changes: Any, _undoing: bool) -> None:
            for change in changes:  # each Change says what the file holds now, in .new
                if change.extra["period_id"] == self.run.scope.period_id:
                    self.items.model.set_glyph(
                        change.ids[0], change.new, carried=change.extra["carried"]
                    )
                self.run.itemChanged.emit(change.ids[0])

        # Undo and redo each put the whole selection back in one operation, expecting what
        # the step left (or found): another person's newer judgement of any of them is asked
        # about, and when theirs is kept none of them changes.
        def redo(_: Any) -> Any:
            entries = [(c.ids[0], c.extra["period_id"], c.new, False, Seen(c.old)) for c in done]
            return partial(progress.set_judgements, self.db, entries)

        def undo(_: Any) -> Any:
            entries = [
                (c.ids[0], c.extra["period_id"], c.old, c.extra["was_carried"], Seen(c.new))
                for c in reversed(done)
            ]
            return partial(progress.set_judgements, self.db, entries)

        return self.run.push_checked(label, done, redo, undo, apply)  # type: ignore[arg-type]

    def set_achievements(self, item_id: int, text: str | None, shown: str | None) -> bool:
        """``shown`` is the text the detail pane read, which the file must still hold."""
        period = self.run.scope.period_id
        if period is None:
            return False
        return self.run.set_checked(
            f"Set achievements of {self.items.name(item_id)}",
            lambda v, seen: progress.set_achievements(self.db, item_id, period, v, seen=seen),
            text,
            Seen(shown),
            self._refresher(item_id),
        )

    def add_milestone(self, item_id: int, due: str | None, text: str | None) -> int | None:
        programme = self.run.scope.programme_id
        assert programme is not None
        first = self.run.guard(
            lambda: progress.add_milestone(self.db, programme, item_id, due=due, text=text)
        )
        if first is None:
            return None
        self.run.push(
            f"Add milestone to {self.items.name(item_id)}",
            first,
            redo=lambda last: progress.restore_milestone(self.db, last.old),
            undo=lambda last: progress.delete_milestone(self.db, last.ids[0]),
            apply=self._refresher(item_id),
        )
        return first.ids[0]

    def edit_milestone(
        self, item_id: int, milestone_id: int, shown: dict[str, Any] | None = None, **values: Any
    ) -> bool:
        """``shown`` is what the pane showed of the fields edited ({"status": "open"}); undo
        and redo expect what the step left, or found."""
        fields = frozenset(values)
        seen = Seen(shown) if shown is not None else None
        first = self.run.checked(
            lambda: progress.edit_milestone(
                self.db, milestone_id, fields=fields, seen=seen, **values
            )
        )
        if first is None or all(first.old[key] == first.new[key] for key in first.old):
            return first is not None
        old = {
            "due": first.old.get("due_text"),
            "text": first.old.get("text"),
            "status": first.old.get("status"),
        }
        old_values = {key: old[key] for key in values}
        new = first.new
        new_values = {
            key: {"due": new.get("due_text"), "text": new.get("text"), "status": new.get("status")}[
                key
            ]
            for key in values
        }
        return self.run.push_checked(
            f"Edit milestone of {self.items.name(item_id)}",
            first,
            redo=lambda _: partial(
                progress.edit_milestone,
                self.db,
                milestone_id,
                fields=fields,
                seen=Seen(dict(old_values)),
                **new_values,
            ),
            undo=lambda _: partial(
                progress.edit_milestone,
                self.db,
                milestone_id,
                fields=fields,
                seen=Seen(dict(new_values)),
                **old_values,
            ),
            apply=self._refresher(item_id),
        )

    def delete_milestone(self, item_id: int, milestone_id: int) -> bool:
        first = self.run.guard(lambda: progress.delete_milestone(self.db, milestone_id))
        return self.run.push(
            f"Delete milestone of {self.items.name(item_id)}",
            first,
            redo=lambda _last: progress.delete_milestone(self.db, milestone_id),
            undo=lambda last: progress.restore_milestone(self.db, last.old),
            apply=self._refresher(item_id),
        )
