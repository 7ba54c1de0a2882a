"""What the window reads, each in one short session of its own, as plain rows.

The window never holds a ``Session``: it calls these with the open ``Database`` and gets
dataclasses back (Anki's split between ``pylib`` and ``qt``). The queries themselves live in
``app.read.queries`` and ``app.read.kpis`` and take a session, so reports and services can run
several in one transaction; this module is the seam between them and the widgets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.read import changes, queries
from app.read.documents import DetailsView, details
from app.read.lookup import Person, people_with_items, subtree_ids
from app.read.people import PersonRow
from app.read.people import people as people_rows
from app.read.scheme_choices import SchemeChoice, scheme_choices
from app.read.search import search_items
from app.store.database import Database
from app.store.models import Item
from app.store.server_roles import LEAD
from app.store.tree_sql import tree_shape

if TYPE_CHECKING:  # loaded on first use: the indicators view is not needed at start-up
    from app.read.kpis import KpiTable, Series


@dataclass(frozen=True)
class SettingsView:
    """Everything the settings dialog shows, read at one moment."""

    levels: list[str]
    periods: list[queries.PeriodRow]
    symbols: list[queries.SymbolRow]
    scheme: str
    schemes: list[SchemeChoice]
    columns: list[queries.ColumnRow]
    kpi_symbols: list[queries.SymbolRow]
    kpi_columns: list[queries.ColumnRow]
    kpi_scheme: str  # "" when the programme has no key for indicator statuses
    kpi_schemes: list[SchemeChoice]
    pledges: list[queries.PledgeRow]


def programmes(db: Database) -> list[queries.ProgrammeRow]:
    with db.reader() as session:
        return queries.programmes(session)


def periods(
    db: Database, programme_id: int, today: dt.date
) -> tuple[list[queries.PeriodRow], int | None]:
    """The programme's periods, and the one to show by default (the latest started)."""
    with db.reader() as session:
        return (
            queries.periods(session, programme_id),
            queries.current_period(session, programme_id, today),
        )


def tree(
    db: Database, programme_id: int, period_id: int | None, as_at: dt.date
) -> tuple[list[queries.ItemRow], list[queries.SymbolRow]]:
    with db.reader() as session:
        return (
            queries.tree_rows(session, programme_id, period_id, as_at),
            queries.symbols(session, programme_id),
        )


@dataclass(frozen=True)
class TreeTop:
    """A big tree's top level, read first: its rows, the symbols, and how many children each
    top-level item has, which are read once the top level is on screen."""

    rows: list[queries.ItemRow]
    symbols: list[queries.SymbolRow]
    unread: dict[int, int]


def tree_top(
    db: Database,
    programme_id: int,
    period_id: int | None,
    as_at: dt.date,
    *,
    from_items: int,
    folded_over: int,
) -> TreeTop | None:
    """The top level alone when the programme holds at least ``from_items`` items and its
    second level more than ``folded_over`` (so the tree opens folded and shows only its top
    level); None otherwise, when the whole tree is read at once."""
    with db.reader() as session:
        total, children = tree_shape(session, programme_id)
        if total < from_items or sum(children.values()) <= folded_over:
            return None
        return TreeTop(
            queries.tree_rows(session, programme_id, period_id, as_at, top_only=True),
            queries.symbols(session, programme_id),
            children,
        )


def lead_items(db: Database) -> frozenset[int] | None:
    """On a server, for a service lead's login: the items their person is responsible for,
    the only ones whose judgement, achievements and milestone status the server lets them
    change; None for anyone else (a manager, a file)."""
    identity = db.identity
    if identity is None or identity.role != LEAD:
        return None
    with db.reader() as session:
        mine = select(Item.id).where(Item.responsible_id == identity.responsible_id)
        return frozenset(session.scalars(mine))


def item_rows(
    db: Database, programme_id: int, period_id: int | None, as_at: dt.date, ids: list[int]
) -> list[queries.ItemRow]:
    with db.reader() as session:
        return queries.item_rows(session, programme_id, period_id, as_at, ids)


def subtree_rows(
    db: Database, root_id: int, programme_id: int, period_id: int | None, as_at: dt.date
) -> list[queries.ItemRow]:
    """An item and everything under it, in tree order (to put back a deleted subtree)."""
    with db.reader() as session:
        ids = subtree_ids(session, root_id)
        rows = queries.item_rows(session, programme_id, period_id, as_at, ids)
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def item_detail(db: Database, item_id: int, period_id: int | None) -> queries.ItemDetail | None:
    with db.reader() as session:
        return queries.item_detail(session, item_id, period_id)


def last_change_id(db: Database) -> int:
    """Where the window starts looking for other people's changes."""
    with db.reader() as session:
        return changes.last_change_id(session)


def changes_since(db: Database, last_id: int) -> changes.Changes:
    """Other connections' changes after ``last_id`` (the window's own are already shown)."""
    with db.reader() as session:
        return changes.changes_since(session, last_id, db.own_batches)


def responsible_names(db: Database) -> list[str]:
    with db.reader() as session:
        return queries.responsible_names(session)


def people(db: Database) -> list[PersonRow]:
    with db.reader() as session:
        return people_rows(session)


def symbols(db: Database, programme_id: int) -> list[queries.SymbolRow]:
    with db.reader() as session:
        return queries.symbols(session, programme_id)


def symbol_uses(db: Database, symbol_id: int) -> int:
    with db.reader() as session:
        return queries.symbol_uses(session, symbol_id)


def search(db: Database, programme_id: int, period_id: int | None, words: str) -> set[int]:
    with db.reader() as session:
        return search_items(session, programme_id, period_id, words)


def level_names(db: Database, programme_id: int) -> list[str]:
    with db.reader() as session:
        return queries.level_names(session, programme_id)


def settings_view(db: Database, programme_id: int) -> SettingsView:
    with db.reader() as session:
        return SettingsView(
            levels=queries.level_names(session, programme_id),
            periods=queries.periods(session, programme_id),
            symbols=queries.symbols(session, programme_id),
            scheme=queries.scheme_name(session, programme_id),
            schemes=scheme_choices(session, programme_id),
            columns=queries.summary_columns(session, programme_id),
            kpi_symbols=queries.symbols(session, programme_id, "kpi"),
            kpi_columns=queries.summary_columns(session, programme_id, "kpi"),
            kpi_scheme=queries.scheme_name(session, programme_id, "kpi"),
            kpi_schemes=scheme_choices(session, programme_id, "kpi"),
            pledges=queries.pledges(session, programme_id),
        )


def recommendations(db: Database, programme_id: int) -> list[queries.RecommendationRow]:
    with db.reader() as session:
        return queries.recommendations(session, programme_id)


def report_details(db: Database, programme_id: int, period_id: int | None) -> DetailsView:
    """The period's report record and the programme's document lists, with their ids."""
    with db.reader() as session:
        return details(session, programme_id, period_id)


def kpi_table(db: Database, programme_id: int, period_id: int) -> KpiTable:
    from app.read import kpis as kpi_queries

    with db.reader() as session:
        return kpi_queries.kpi_table(session, programme_id, period_id)


def kpi_series(db: Database, indicator_id: int) -> Series:
    from app.read import kpis as kpi_queries

    with db.reader() as session:
        return kpi_queries.series(session, indicator_id)


def pack_people(db: Database, programme_id: int) -> list[Person]:
    with db.reader() as session:
        return people_with_items(session, programme_id)
