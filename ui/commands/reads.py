"""What the views read, for the programme and period the window shows.

Each call goes to ``app.read.window`` (one short session, plain rows back) with the scope
filled in, so a view never holds a session nor repeats which programme it is looking at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.read import programme_facts, queries
from app.read import window as reads
from app.read.changes import Changes
from app.read.lookup import Person
from app.read.people import PersonRow
from app.read.publication import Reopening, last_reopening
from app.services.pack_note import pack_note
from app.store.database import Database
from app.store.pack_scope import PackScope, pack_scope
from ui.commands.runner import Runner, Scope

if TYPE_CHECKING:
    from app.read.documents import DetailsView
    from app.read.kpis import KpiTable, Series


class Reads:
    def __init__(self, run: Runner) -> None:
        self.run = run

    @property
    def db(self) -> Database:
        return self.run.db

    @property
    def scope(self) -> Scope:
        return self.run.scope

    @property
    def read_only(self) -> bool:
        return self.run.db.read_only

    def programmes(self) -> list[queries.ProgrammeRow]:
        return reads.programmes(self.db)

    def setup_choices(self) -> programme_facts.SetupChoices:
        """What a new programme's schemes and tree may be made from."""
        return programme_facts.setup_choices(self.db)

    def programme_contents(self, programme_id: int) -> programme_facts.ProgrammeContents:
        return programme_facts.contents(self.db, programme_id)

    def duplicate_plan(self, programme_id: int) -> programme_facts.DuplicatePlan:
        return programme_facts.duplicate_plan(self.db, programme_id)

    def programme_name(self) -> str:
        return next((p.name for p in self.programmes() if p.id == self.scope.programme_id), "")

    def periods(self) -> tuple[list[queries.PeriodRow], int | None]:
        """The programme's periods, and the one to show by default (the latest started)."""
        if self.scope.programme_id is None:
            return [], None
        periods, current = reads.periods(self.db, self.scope.programme_id, self.scope.today)
        pack = self.pack_scope()
        if pack is not None:  # it carries last period to be read, but is for its own only
            return [p for p in periods if p.id == pack.period_id], pack.period_id
        return periods, current

    def tree(self) -> tuple[list[queries.ItemRow], list[queries.SymbolRow]]:
        scope = self.scope
        if scope.programme_id is None:
            return [], []
        return reads.tree(self.db, scope.programme_id, scope.period_id, scope.as_at)

    def tree_top(self, *, from_items: int, folded_over: int) -> reads.TreeTop | None:
        """A big tree's top level alone (app.read.window.tree_top), or None."""
        scope = self.scope
        if scope.programme_id is None:
            return None
        return reads.tree_top(
            self.db,
            scope.programme_id,
            scope.period_id,
            scope.as_at,
            from_items=from_items,
            folded_over=folded_over,
        )

    def item_rows(self, item_ids: list[int]) -> list[queries.ItemRow]:
        scope = self.scope
        if scope.programme_id is None:
            return []
        return reads.item_rows(self.db, scope.programme_id, scope.period_id, scope.as_at, item_ids)

    def subtree_rows(self, root_id: int) -> list[queries.ItemRow]:
        scope = self.scope
        assert scope.programme_id is not None
        return reads.subtree_rows(
            self.db, root_id, scope.programme_id, scope.period_id, scope.as_at
        )

    def last_change_id(self) -> int:
        return reads.last_change_id(self.db)

    def changes_since(self, last_id: int) -> Changes:
        return reads.changes_since(self.db, last_id)

    def item_detail(self, item_id: int) -> queries.ItemDetail | None:
        return reads.item_detail(self.db, item_id, self.scope.period_id)

    def responsible_names(self) -> list[str]:
        return reads.responsible_names(self.db)

    def people(self) -> list[PersonRow]:
        """Everyone in the file, with how many items and indicators each holds."""
        return reads.people(self.db)

    def symbols(self) -> list[queries.SymbolRow]:
        if self.scope.programme_id is None:
            return []
        return reads.symbols(self.db, self.scope.programme_id)

    def symbol_uses(self, symbol_id: int) -> int:
        return reads.symbol_uses(self.db, symbol_id)

    def search(self, words: str) -> set[int]:
        if self.scope.programme_id is None:
            return set()
        return reads.search(self.db, self.scope.programme_id, self.scope.period_id, words)

    def level_names(self) -> list[str]:
        if self.scope.programme_id is None:
            return []
        return reads.level_names(self.db, self.scope.programme_id)

    def settings_snapshot(self) -> dict[str, Any]:
        """Everything the settings dialog shows, read in one session."""
        assert self.scope.programme_id is not None
        return dict(vars(reads.settings_view(self.db, self.scope.programme_id)))

    def recommendations(self) -> list[queries.RecommendationRow]:
        if self.scope.programme_id is None:
            return []
        return reads.recommendations(self.db, self.scope.programme_id)

    def report_details(self, period_id: int | None) -> DetailsView:
        """What the Report Details dialog shows: the period's report and the programme's
        lists (app.read.documents)."""
        assert self.scope.programme_id is not None
        return reads.report_details(self.db, self.scope.programme_id, period_id)

    def kpi_table(self) -> KpiTable | None:
        if self.scope.programme_id is None or self.scope.period_id is None:
            return None
        return reads.kpi_table(self.db, self.scope.programme_id, self.scope.period_id)

    def kpi_series(self, indicator_id: int) -> Series:
        return reads.kpi_series(self.db, indicator_id)

    def lead_items(self) -> frozenset[int] | None:
        """A service lead's own items on a server (app.read.window.lead_items), or None."""
        return reads.lead_items(self.db)

    def pack_scope(self) -> PackScope | None:
        """The pack's identity and scope when the open file is an update pack."""
        return pack_scope(self.db)

    def pack_note(self) -> str | None:
        """In an update pack: the note its holder left for the programme manager."""
        return pack_note(self.db)

    def pack_people(self) -> list[Person]:
        if self.scope.programme_id is None:
            return []
        return reads.pack_people(self.db, self.scope.programme_id)

    def last_reopening(self, period_id: int) -> Reopening | None:
        """Who last reopened the period and why, if it ever was."""
        return last_reopening(self.db, period_id)
