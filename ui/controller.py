"""Edits from any view go through here: a service call wrapped in a QUndoCommand.

The service runs *before* the command is pushed, so a refused edit (a typed error with its
message) never enters the undo history; once pushed, ``redo``/``undo`` call the same
service functions both ways (Anki's model), and each step tells the tree model what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.core.errors import TrackerError
from app.core.labels import shorten
from app.packs.make import MadePack, make_packs
from app.packs.merge import merge_pack, unmerge_pack
from app.packs.review import PackChange, PackReview, review_pack
from app.read import queries
from app.read import window as reads
from app.read.lookup import Person
from app.services import items, programmes, progress, settings
from app.services.context import Change
from app.store.database import Database
from app.store.pack_scope import PackScope, pack_scope
from ui.tree.model import ItemTreeModel

if TYPE_CHECKING:
    from app.read.kpis import KpiTable, Series

Action = Callable[[], Change]


class ServiceCommand(QUndoCommand):
    """One undoable step. ``first`` is the Change the service already made when pushed."""

    def __init__(
        self,
        text: str,
        controller: Controller,
        first: Change,
        redo: Callable[[Change], Change],
        undo: Callable[[Change], Change],
        apply: Callable[[Change, bool], None],
    ) -> None:
        super().__init__(text)
        self._controller = controller
        self._last = first
        self._redo = redo
        self._undo = undo
        self._apply = apply
        self._pending_first = True

    def redo(self) -> None:
        if self._pending_first:  # already done by the controller before pushing
            self._pending_first = False
            return
        self._last = self._controller.guard(lambda: self._redo(self._last)) or self._last
        self._apply(self._last, False)

    def undo(self) -> None:
        self._last = self._controller.guard(lambda: self._undo(self._last)) or self._last
        self._apply(self._last, True)


class Controller(QObject):
    itemChanged = Signal(int)
    errorRaised = Signal(str)
    structureChanged = Signal()
    settingsChanged = Signal()  # levels, periods, symbols, pledges, recommendations
    indicatorsChanged = Signal()  # a KPI value, status or comment

    def __init__(self, db: Database, model: ItemTreeModel, stack: QUndoStack) -> None:
        super().__init__()
        self.db = db
        self.model = model
        self.stack = stack
        self.programme_id: int | None = None
        self.period_id: int | None = None
        self._period_label = ""
        self.period_end: dt.date | None = None
        self.today = dt.date.today()
        model.editor = self._edit_from_view
        model.mover = self.move_item

    # --- reads for the views (each one short session, plain rows back) --------------------

    def set_period(
        self, period_id: int | None, label: str = "", end: dt.date | None = None
    ) -> None:
        self.period_id = period_id
        self._period_label = label
        self.period_end = end

    def period_label(self) -> str:
        return self._period_label

    def item_detail(self, item_id: int) -> queries.ItemDetail | None:
        return reads.item_detail(self.db, item_id, self.period_id)

    def responsible_names(self) -> list[str]:
        return reads.responsible_names(self.db)

    def programmes(self) -> list[queries.ProgrammeRow]:
        return reads.programmes(self.db)

    def periods(self) -> tuple[list[queries.PeriodRow], int | None]:
        """The programme's periods, and the one to show by default (the latest started)."""
        if self.programme_id is None:
            return [], None
        return reads.periods(self.db, self.programme_id, self.today)

    def tree(self) -> tuple[list[queries.ItemRow], list[queries.SymbolRow]]:
        if self.programme_id is None:
            return [], []
        return reads.tree(self.db, self.programme_id, self.period_id, self.as_at)

    @property
    def as_at(self) -> dt.date:
        """Milestones are overdue as at today, or the end of a period already over."""
        if self.period_end is not None and self.period_end < self.today:
            return self.period_end
        return self.today

    def symbols(self) -> list[queries.SymbolRow]:
        if self.programme_id is None:
            return []
        return reads.symbols(self.db, self.programme_id)

    def search(self, words: str) -> set[int]:
        if self.programme_id is None:
            return set()
        return reads.search(self.db, self.programme_id, self.period_id, words)

    def level_names(self) -> list[str]:
        if self.programme_id is None:
            return []
        return reads.level_names(self.db, self.programme_id)

    # --- plumbing ------------------------------------------------------------------------

    def guard(self, action: Callable[[], Change]) -> Change | None:
        try:
            return action()
        except TrackerError as error:
            self.errorRaised.emit(str(error))
            return None

    def _push(
        self,
        text: str,
        first: Change | None,
        redo: Callable[[Change], Change],
        undo: Callable[[Change], Change],
        apply: Callable[[Change, bool], None],
    ) -> bool:
        if first is None:
            return False
        apply(first, False)
        self.stack.push(ServiceCommand(text, self, first, redo, undo, apply))
        return True

    def _refresh(self, *item_ids: int) -> None:
        if self.programme_id is None:
            return
        rows = reads.item_rows(
            self.db, self.programme_id, self.period_id, self.as_at, list(item_ids)
        )
        self.model.refresh(rows)
        for item_id in item_ids:
            self.itemChanged.emit(item_id)

    def _edit_from_view(self, item_id: int, field: str, value: Any) -> bool:
        if field == "judgement":
            return self.set_judgement([item_id], value)
        return self.edit_field(item_id, field, value)

    # --- judgements ------------------------------------------------------------------------

    def set_judgement(self, item_ids: list[int], glyph: str | None) -> bool:
        period = self.period_id
        if period is None or not item_ids:
            return False
        done: list[Change] = []
        for item_id in item_ids:
            change = self.guard(partial(progress.set_judgement, self.db, item_id, period, glyph))
            if change is None:
                break
            if change.old != change.new:
                done.append(change)
        if not done:
            return False
        symbol = self.model.symbol(glyph)
        label = f"Set judgement to {symbol.name}" if symbol else "Clear judgement"
        if len(done) > 1:
            label += f" on {len(done)} items"

        def apply(changes: Any, _undoing: bool) -> None:
            for change in changes:  # each Change says what the file holds now, in .new
                if change.extra["period_id"] == self.period_id:
                    self.model.set_glyph(change.ids[0], change.new)
                self.itemChanged.emit(change.ids[0])

        def redo(_: Any) -> Any:
            return [
                progress.set_judgement(self.db, c.ids[0], c.extra["period_id"], c.new) for c in done
            ]

        def undo(_: Any) -> Any:
            return [
                progress.set_judgement(self.db, c.ids[0], c.extra["period_id"], c.old)
                for c in reversed(done)
            ]

        return self._push(label, done, redo, undo, apply)  # type: ignore[arg-type]

    # --- item fields -------------------------------------------------------------------------

    def edit_field(self, item_id: int, field: str, value: Any) -> bool:
        """Title, number, description or responsibility of an item."""
        if field == "responsibility":

            def call(v: Any) -> Change:
                return items.set_responsibility(self.db, item_id, v)
        else:

            def call(v: Any) -> Change:
                return items.set_item_text(self.db, item_id, field, v)

        first = self.guard(lambda: call(value))
        if first is None or first.old == first.new:
            return first is not None
        names = {
            "title": "title",
            "number": "number",
            "description": "description",
            "responsibility": "responsibility",
        }
        return self._push(
            f"Edit {names[field]}",
            first,
            redo=lambda last: call(first.new),
            undo=lambda last: call(first.old),
            apply=lambda change, undoing: self._refresh(item_id),
        )

    def set_achievements(self, item_id: int, text: str | None) -> bool:
        period = self.period_id
        if period is None:
            return False
        first = self.guard(lambda: progress.set_achievements(self.db, item_id, period, text))
        if first is None or first.old == first.new:
            return first is not None
        return self._push(
            "Edit achievements",
            first,
            redo=lambda _: progress.set_achievements(self.db, item_id, period, first.new),
            undo=lambda _: progress.set_achievements(self.db, item_id, period, first.old),
            apply=lambda change, undoing: self._refresh(item_id),
        )

    def set_pledges(self, item_id: int, numbers: list[int]) -> bool:
        first = self.guard(lambda: items.set_pledges(self.db, item_id, numbers))
        if first is None or first.old == first.new:
            return first is not None
        return self._push(
            "Edit pledges",
            first,
            redo=lambda _: items.set_pledges(self.db, item_id, first.new),
            undo=lambda _: items.set_pledges(self.db, item_id, first.old),
            apply=lambda change, undoing: self.itemChanged.emit(item_id),
        )

    # --- milestones ------------------------------------------------------------------------

    def add_milestone(self, item_id: int, due: str | None, text: str | None) -> int | None:
        assert self.programme_id is not None
        programme = self.programme_id
        first = self.guard(
            lambda: progress.add_milestone(self.db, programme, item_id, due=due, text=text)
        )
        if first is None:
            return None

        def redo(last: Change) -> Change:
            return progress.restore_milestone(self.db, last.old)

        def undo(last: Change) -> Change:
            return progress.delete_milestone(self.db, last.ids[0])

        self._push(
            "Add milestone", first, redo, undo, lambda change, undoing: self._refresh(item_id)
        )
        return first.ids[0]

    def edit_milestone(self, item_id: int, milestone_id: int, **values: Any) -> bool:
        fields = frozenset(values)
        first = self.guard(
            lambda: progress.edit_milestone(self.db, milestone_id, fields=fields, **values)
        )
        if first is None or all(first.old[key] == first.new[key] for key in first.old):
            return first is not None
        old = {
            "due": first.old.get("due_text"),
            "text": first.old.get("text"),
            "status": first.old.get("status"),
        }
        old_values = {key: old[key] for key in values}
        return self._push(
            "Edit milestone",
            first,
            redo=lambda _: progress.edit_milestone(self.db, milestone_id, fields=fields, **values),
            undo=lambda _: progress.edit_milestone(
                self.db, milestone_id, fields=fields, **old_values
            ),
            apply=lambda change, undoing: self._refresh(item_id),
        )

    def delete_milestone(self, item_id: int, milestone_id: int) -> bool:
        first = self.guard(lambda: progress.delete_milestone(self.db, milestone_id))
        return self._push(
            "Delete milestone",
            first,
            redo=lambda last: progress.delete_milestone(self.db, milestone_id),
            undo=lambda last: progress.restore_milestone(self.db, last.old),
            apply=lambda change, undoing: self._refresh(item_id),
        )

    # --- structure -------------------------------------------------------------------------

    def _insert_rows(self, root_id: int, position: int) -> None:
        assert self.programme_id is not None
        rows = reads.subtree_rows(self.db, root_id, self.programme_id, self.period_id, self.as_at)
        self.model.insert_subtree(rows, position)
        self.structureChanged.emit()

    def add_item(self, parent_id: int | None, position: int, title: str) -> int | None:
        programme = self.programme_id
        if programme is None:
            return None
        first = self.guard(
            lambda: items.add_item(self.db, programme, parent_id, title, position=position)
        )
        if first is None:
            return None
        new_id = first.ids[0]

        def apply(change: Change, undoing: bool) -> None:
            if undoing:
                self.model.remove_subtree(new_id)
                self.structureChanged.emit()
            else:
                self._insert_rows(new_id, change.extra.get("position", position))

        def redo(last: Change) -> Change:
            return items.restore_item(self.db, last.old)

        def undo(last: Change) -> Change:
            return items.delete_item(self.db, new_id)

        self._push("Add item", first, redo, undo, apply)
        return new_id

    def delete_item(self, item_id: int) -> bool:
        row = self.model.row_for(item_id)
        position = self.model.index_for(item_id).row()
        first = self.guard(lambda: items.delete_item(self.db, item_id))

        def apply(change: Change, undoing: bool) -> None:
            if undoing:
                self._insert_rows(item_id, position)
            else:
                self.model.remove_subtree(item_id)
                self.structureChanged.emit()

        title = row.title.split("\n", 1)[0] if row else "item"
        short = shorten(title, 40)
        return self._push(
            f"Delete “{short}”",
            first,
            redo=lambda last: items.delete_item(self.db, item_id),
            undo=lambda last: items.restore_item(self.db, last.old),
            apply=apply,
        )

    def move_item(self, item_id: int, parent_id: int | None, row: int) -> bool:
        first = self.guard(lambda: items.move_item(self.db, item_id, parent_id, row))
        if first is None:
            return False
        old_parent, old_row = first.old
        new_parent, new_row = first.new
        if first.old == first.new:
            return True

        def apply(change: Change, undoing: bool) -> None:
            parent, target = (old_parent, old_row) if undoing else (new_parent, new_row)
            self.model.move(item_id, parent, target)
            self.structureChanged.emit()

        return self._push(
            "Move item",
            first,
            redo=lambda _: items.move_item(self.db, item_id, new_parent, new_row),
            undo=lambda _: items.move_item(self.db, item_id, old_parent, old_row),
            apply=apply,
        )

    # --- programme settings ------------------------------------------------------------------
    # Each is one undoable step like any other edit; ``settingsChanged`` tells the window and
    # the settings dialog to re-read what they show.

    def _perform(
        self,
        label: str,
        first_call: Callable[[], Change],
        redo: Callable[[Change], Change],
        undo: Callable[[Change], Change],
    ) -> bool:
        first = self.guard(first_call)
        if first is None:
            return False
        if first.operation.startswith("edit") and first.old == first.new:
            return True
        return self._push(
            label, first, redo, undo, lambda change, undoing: self.settingsChanged.emit()
        )

    def set_level_name(self, depth: int, name: str) -> bool:
        programme = self.programme_id
        assert programme is not None
        first = self.guard(lambda: programmes.set_level_name(self.db, programme, depth, name))
        if first is None or first.old == first.new:
            return first is not None
        return self._push(
            "Rename level",
            first,
            redo=lambda _: programmes.set_level_name(self.db, programme, depth, first.new),
            undo=lambda _: programmes.set_level_name(self.db, programme, depth, first.old),
            apply=lambda change, undoing: self.settingsChanged.emit(),
        )

    def add_financial_year(self, year: int) -> bool:
        programme = self.programme_id
        assert programme is not None

        def redo(last: Change) -> Change:
            for snapshot in last.old:
                programmes.restore_period(self.db, snapshot)
            return Change("add financial year", "period", tuple(s["id"] for s in last.old))

        def undo(last: Change) -> Change:
            snapshots = [programmes.delete_period(self.db, pid).old for pid in last.ids]
            return Change("delete periods", "period", last.ids, old=snapshots)

        return self._perform(
            f"Add quarters of {year}/{(year + 1) % 100:02d}",
            lambda: programmes.add_financial_year(self.db, programme, year),
            redo,
            undo,
        )

    def delete_period(self, period_id: int) -> bool:
        return self._perform(
            "Delete period",
            lambda: programmes.delete_period(self.db, period_id),
            redo=lambda last: programmes.delete_period(self.db, period_id),
            undo=lambda last: programmes.restore_period(self.db, last.old),
        )

    def publish_period(self, period_id: int, publish: bool) -> bool:
        forward = programmes.publish_period if publish else programmes.reopen_period
        back = programmes.reopen_period if publish else programmes.publish_period
        return self._perform(
            "Publish period" if publish else "Reopen period",
            lambda: forward(self.db, period_id),
            redo=lambda _: forward(self.db, period_id),
            undo=lambda _: back(self.db, period_id),
        )

    def edit_symbol(self, symbol_id: int, field: str, value: Any) -> bool:
        first = self.guard(lambda: settings.edit_symbol(self.db, symbol_id, field, value))
        if first is None or first.old == first.new:
            return first is not None
        return self._push(
            "Edit symbol",
            first,
            redo=lambda _: settings.edit_symbol(self.db, symbol_id, field, first.new),
            undo=lambda _: settings.edit_symbol(self.db, symbol_id, field, first.old),
            apply=lambda change, undoing: self.settingsChanged.emit(),
        )

    def set_progress_scheme(self, name: str) -> bool:
        programme = self.programme_id
        assert programme is not None
        first = self.guard(lambda: settings.set_progress_scheme(self.db, programme, name))
        if first is None or first.old == first.new:
            return first is not None
        return self._push(
            "Choose scheme",
            first,
            redo=lambda _: settings.set_progress_scheme(self.db, programme, first.new),
            undo=lambda _: settings.set_progress_scheme(self.db, programme, first.old),
            apply=lambda change, undoing: self.settingsChanged.emit(),
        )

    def add_pledge(self, number: int, title: str) -> bool:
        programme = self.programme_id
        assert programme is not None
        return self._perform(
            "Add pledge",
            lambda: settings.add_pledge(self.db, programme, number, title),
            redo=lambda last: settings.restore_pledge(self.db, last.old),
            undo=lambda last: settings.delete_pledge(
                self.db, (last.new or {}).get("id") or last.ids[0]
            ),
        )

    def edit_pledge(self, pledge_id: int, title: str) -> bool:
        first = self.guard(lambda: settings.edit_pledge(self.db, pledge_id, title))
        if first is None or first.old == first.new:
            return first is not None
        return self._push(
            "Edit pledge",
            first,
            redo=lambda _: settings.edit_pledge(self.db, pledge_id, first.new),
            undo=lambda _: settings.edit_pledge(self.db, pledge_id, first.old),
            apply=lambda change, undoing: self.settingsChanged.emit(),
        )

    def delete_pledge(self, pledge_id: int) -> bool:
        return self._perform(
            "Delete pledge",
            lambda: settings.delete_pledge(self.db, pledge_id),
            redo=lambda last: settings.delete_pledge(self.db, pledge_id),
            undo=lambda last: settings.restore_pledge(self.db, last.old),
        )

    def edit_recommendation(self, recommendation_id: int, field: str, value: str | None) -> bool:
        first = self.guard(
            lambda: settings.edit_recommendation(self.db, recommendation_id, field, value)
        )
        if first is None or first.old == first.new:
            return first is not None
        return self._push(
            "Edit recommendation",
            first,
            redo=lambda _: settings.edit_recommendation(
                self.db, recommendation_id, field, first.new
            ),
            undo=lambda _: settings.edit_recommendation(
                self.db, recommendation_id, field, first.old
            ),
            apply=lambda change, undoing: self.settingsChanged.emit(),
        )

    # --- reads for the settings dialog ---------------------------------------------------------

    def settings_snapshot(self) -> dict[str, Any]:
        """Everything the settings dialog shows, read in one session."""
        programme = self.programme_id
        assert programme is not None
        return dict(vars(reads.settings_view(self.db, programme)))

    def programme_name(self) -> str:
        return next((p.name for p in self.programmes() if p.id == self.programme_id), "")

    def recommendations(self) -> list[queries.RecommendationRow]:
        if self.programme_id is None:
            return []
        return reads.recommendations(self.db, self.programme_id)

    # --- key performance indicators ------------------------------------------------------------

    def kpi_table(self) -> KpiTable | None:
        if self.programme_id is None or self.period_id is None:
            return None
        return reads.kpi_table(self.db, self.programme_id, self.period_id)

    def kpi_series(self, indicator_id: int) -> Series:
        return reads.kpi_series(self.db, indicator_id)

    def _kpi_push(
        self,
        label: str,
        first: Change | None,
        again: Callable[[Any], Change],
    ) -> bool:
        if first is None or first.old == first.new:
            return first is not None
        return self._push(
            label,
            first,
            redo=lambda _: again(first.new),
            undo=lambda _: again(first.old),
            apply=lambda change, undoing: self.indicatorsChanged.emit(),
        )

    def set_kpi_yearly(self, indicator_id: int, kind: str, year: int, text: str | None) -> bool:
        from app.services import kpis

        first = self.guard(lambda: kpis.set_yearly(self.db, indicator_id, kind, year, text))
        label = {
            "target": "Edit target",
            "outturn": "Edit actual",
            "national_average": "Edit national average",
        }[kind]
        return self._kpi_push(
            label, first, lambda value: kpis.set_yearly(self.db, indicator_id, kind, year, value)
        )

    def set_kpi_result(self, indicator_id: int, field: str, value: Any) -> bool:
        from app.services import kpis

        period = self.period_id
        if period is None:
            return False
        first = self.guard(lambda: kpis.set_result(self.db, indicator_id, period, field, value))
        return self._kpi_push(
            f"Edit {field}",
            first,
            lambda v: kpis.set_result(self.db, indicator_id, period, field, v),
        )

    def set_kpi_status(self, indicator_id: int, glyph: str | None, reason: str | None) -> bool:
        from app.services import kpis

        period = self.period_id
        if period is None:
            return False
        first = self.guard(
            lambda: kpis.set_status_override(self.db, indicator_id, period, glyph, reason)
        )
        return self._kpi_push(
            "Set status" if glyph else "Use computed status",
            first,
            lambda v: kpis.set_status_override(self.db, indicator_id, period, *v),
        )

    def set_kpi_field(self, indicator_id: int, field: str, value: Any) -> bool:
        from app.services import kpis

        first = self.guard(lambda: kpis.set_indicator_field(self.db, indicator_id, field, value))
        return self._kpi_push(
            f"Edit {field}",
            first,
            lambda v: kpis.set_indicator_field(self.db, indicator_id, field, v),
        )

    def set_kpi_tolerance(self, percent: float) -> bool:
        from app.services import kpis

        programme = self.programme_id
        if programme is None:
            return False
        first = self.guard(lambda: kpis.set_tolerance(self.db, programme, percent))
        return self._kpi_push(
            "Edit tolerance", first, lambda v: kpis.set_tolerance(self.db, programme, v)
        )

    # --- update packs -------------------------------------------------------------------------

    def pack_scope(self) -> PackScope | None:
        """The pack's identity and scope when the open file is an update pack."""
        return pack_scope(self.db)

    def pack_people(self) -> list[Person]:
        if self.programme_id is None:
            return []
        return reads.pack_people(self.db, self.programme_id)

    def make_packs(
        self, folder: Path, people: list[int] | None, due: dt.date | None
    ) -> list[MadePack]:
        """Raises TrackerError: the dialog shows it where the user is looking."""
        assert self.programme_id is not None and self.period_id is not None
        return make_packs(
            self.db, self.programme_id, self.period_id, folder, people=people, due=due
        )

    def review_pack(self, path: Path) -> PackReview:
        """Raises PackRefused (or another TrackerError) naming what is wrong."""
        assert self.programme_id is not None and self.period_id is not None
        return review_pack(self.db, path, self.programme_id, self.period_id)

    def merge_pack(self, review: PackReview, accepted: list[PackChange]) -> bool:
        """All accepted changes as one undoable step."""
        first = self.guard(lambda: merge_pack(self.db, review, accepted))

        def apply(change: Change, _undoing: bool) -> None:
            self._refresh(*change.ids)

        return self._push(
            f"Merge {review.person}’s update pack ({len(accepted)} changes)",
            first,
            redo=lambda _last: merge_pack(self.db, review, accepted),
            undo=lambda last: unmerge_pack(self.db, last),
            apply=apply,
        )
