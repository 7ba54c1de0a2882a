"""Update packs from the window: made and reviewed directly, merged as one undoable step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.packs.make import MadePack, make_packs
from app.packs.merge import merge_pack, unmerge_pack
from app.packs.review import PackChange, PackReview, review_pack
from app.packs.tracking import PackRow, last_pack_folder, pack_destination, packs_made
from app.packs.workbook import WORKBOOK_SUFFIX, review_workbook
from app.services.context import Change
from app.services.pack_note import set_pack_note
from ui.commands.items import ItemCommands
from ui.commands.runner import Runner


class PackCommands:
    def __init__(self, run: Runner, items: ItemCommands) -> None:
        self.run = run
        self.items = items
        self.db = run.db

    def _where(self) -> tuple[int, int]:
        scope = self.run.scope
        assert scope.programme_id is not None and scope.period_id is not None
        return scope.programme_id, scope.period_id

    def make_packs(
        self,
        folder: Path,
        people: list[int] | None,
        due: dt.date | None,
        *,
        workbook: bool = False,
    ) -> list[MadePack]:
        """Raises TrackerError: the dialog shows it where the user is looking."""
        programme, period = self._where()
        return make_packs(
            self.db, programme, period, folder, people=people, due=due, workbook=workbook
        )

    def packs_made(self) -> list[PackRow]:
        """Every pack this file made, with whether each is back (File ▸ Update Packs Out)."""
        return packs_made(self.db)

    def last_folder(self) -> Path | None:
        return last_pack_folder(self.db)

    def destination(self, path: Path) -> tuple[int, int] | None:
        """The (programme, period) this file's record says the pack is for, if it has one."""
        return pack_destination(self.db, path)

    def set_note(self, text: str | None) -> bool:
        """The holder's note for the programme manager (in a pack), as one undoable step."""
        return self.run.set_value(
            "Edit the note for the programme manager",
            lambda value: set_pack_note(self.db, value),
            text,
            lambda _change, _undoing: self.run.packNoteChanged.emit(),
        )

    def review_pack(self, path: Path) -> PackReview:
        """Raises PackRefused (or another TrackerError) naming what is wrong. A workbook
        (.xlsx) is a pack made for a lead without the application."""
        programme, period = self._where()
        if path.suffix.lower() == WORKBOOK_SUFFIX:
            return review_workbook(self.db, path, programme, period)
        return review_pack(self.db, path, programme, period)

    def merge_pack(self, review: PackReview, accepted: list[PackChange]) -> bool:
        """All accepted changes as one undoable step."""
        first = self.run.guard(lambda: merge_pack(self.db, review, accepted))

        def apply(change: Change, _undoing: bool) -> None:
            self.items.refresh(*change.ids)

        return self.run.push(
            f"Merge {review.person}’s update pack ({len(accepted)} changes)",
            first,
            redo=lambda _last: merge_pack(self.db, review, accepted),
            undo=lambda last: unmerge_pack(self.db, last),
            apply=apply,
        )
