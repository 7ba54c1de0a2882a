"""Read functions returning plain rows (never live ORM objects) for views and reports.

Each takes an open session and returns frozen dataclasses, so a Qt model can hold them after
the session has closed without any risk of lazy loading or stale state.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.core.enums import Category
from app.core.schemes import SymbolSpec
from app.core.travel import judgement_direction
from app.store.models import (
    Item,
    Judgement,
    KpiResult,
    Level,
    Milestone,
    Period,
    Pledge,
    Programme,
    ProgressUpdate,
    Recommendation,
    Responsible,
    SummaryColumn,
    Symbol,
    SymbolScheme,
    item_pledge,
)
from app.store.tree_sql import tree_tuples


@dataclass(frozen=True)
class ProgrammeRow:
    id: int
    name: str
    organisation: str | None


@dataclass(frozen=True)
class PeriodRow:
    id: int
    label: str
    start: dt.date
    end: dt.date
    published: bool
    published_by: str | None = None
    published_at: str | None = None  # ISO 8601, UTC


@dataclass(frozen=True)
class SymbolRow(SymbolSpec):
    """A symbol as the file holds it: described as a shipped scheme describes one, and its id."""

    id: int


class ItemRow(NamedTuple):
    """One node of the tree as the main view shows it, for one chosen period.

    A NamedTuple rather than a dataclass: the tree of a 10,000-action programme builds
    12,000 of these on open, and tuple construction is several times cheaper.
    """

    id: int
    parent_id: int | None
    position: int
    number: str | None
    title: str
    responsible: str | None
    kind: str | None
    glyph: str | None  # the chosen period's judgement; None = not yet judged
    previous_glyph: str | None  # the period before, for the "Last period" column
    next_due: str | None  # the next open milestone's words
    next_due_date: dt.date | None
    overdue: bool  # an open milestone's derived date is before the as-at date
    carried: bool = False  # the judgement is last period's, carried forward, not confirmed
    version: int = 1  # the item row's version as read: an edit says what it was made on


@dataclass(frozen=True)
class MilestoneRow:
    id: int
    position: int
    due_text: str | None
    due_date: dt.date | None
    text: str | None
    status: str


@dataclass(frozen=True)
class UpdateRow:
    id: int
    heading: str | None
    text: str


@dataclass(frozen=True)
class PledgeRow:
    id: int
    number: int
    title: str
    linked: bool


@dataclass(frozen=True)
class HistoryRow:
    period_id: int
    label: str
    glyph: str | None
    direction: str | None  # "improved", "same", "worse" or None when it cannot be told


@dataclass(frozen=True)
class ItemDetail:
    id: int
    programme_id: int
    parent_id: int | None
    number: str | None
    title: str
    description: str | None
    responsible: str | None
    level_name: str
    milestones: tuple[MilestoneRow, ...]
    updates: tuple[UpdateRow, ...]
    pledges: tuple[PledgeRow, ...]
    history: tuple[HistoryRow, ...]


@dataclass(frozen=True)
class RecommendationRow:
    id: int
    number: str
    text: str
    response: str | None
    applies_to: str | None


def in_order(session: Session, model: Any, programme_id: int, *where: Any) -> Any:
    """The programme's rows of ``model`` (any table with a ``position``) in their document
    order. Mapped objects, not plain rows: for a read to turn into rows inside its session."""
    return session.scalars(
        select(model).where(model.programme_id == programme_id, *where).order_by(model.position)
    )


def programmes(session: Session) -> list[ProgrammeRow]:
    return [
        ProgrammeRow(r.id, r.name, r.organisation)
        for r in session.execute(
            select(Programme.id, Programme.name, Programme.organisation).order_by(Programme.id)
        )
    ]


def periods(session: Session, programme_id: int) -> list[PeriodRow]:
    return [
        PeriodRow(
            r.id,
            r.label,
            r.start,
            r.end,
            r.published_at is not None,
            r.published_by,
            r.published_at,
        )
        for r in session.execute(
            select(
                Period.id,
                Period.label,
                Period.start,
                Period.end,
                Period.published_at,
                Period.published_by,
            )
            .where(Period.programme_id == programme_id)
            .order_by(Period.start, Period.id)
        )
    ]


def previous_period(session: Session, period_id: int) -> int | None:
    period = session.get(Period, period_id)
    if period is None:
        return None
    return session.scalar(
        select(Period.id)
        .where(Period.programme_id == period.programme_id, Period.start < period.start)
        .order_by(Period.start.desc())
        .limit(1)
    )


def current_period(session: Session, programme_id: int, today: dt.date) -> int | None:
    """The period to show first: the latest with any judgement or narrative in it; else the
    latest that has started; else the first."""
    with_data = select(Judgement.period_id).union(select(ProgressUpdate.period_id))
    found = session.scalar(
        select(Period.id)
        .where(Period.programme_id == programme_id, Period.id.in_(with_data))
        .order_by(Period.start.desc())
        .limit(1)
    )
    if found is not None:
        return found
    found = session.scalar(
        select(Period.id)
        .where(Period.programme_id == programme_id, Period.start <= today)
        .order_by(Period.start.desc())
        .limit(1)
    )
    if found is None:
        found = session.scalar(
            select(Period.id)
            .where(Period.programme_id == programme_id)
            .order_by(Period.start)
            .limit(1)
        )
    return found


def scheme_column(purpose: str) -> Any:
    """The programme's column naming its scheme for ``purpose`` ("progress" or "kpi")."""
    return Programme.progress_scheme_id if purpose == "progress" else Programme.kpi_scheme_id


# What a symbol counts as: its column's role, but a rating in a rated column has its own
# (a red one is an exception, a green one is not). The symbol's own is kept while it is not
# a rating, so undoing a move or an unticked "Ratings" box gives it back.
ROLE = case((SummaryColumn.rated, Symbol.category), else_=SummaryColumn.role).label("role")


def symbols(session: Session, programme_id: int, purpose: str = "progress") -> list[SymbolRow]:
    column = scheme_column(purpose)
    scheme = session.scalar(select(column).where(Programme.id == programme_id))
    return [
        SymbolRow(
            row.Symbol.glyph,
            row.Symbol.name,
            row.Symbol.meaning,
            row.Symbol.colour,
            Category(row.role),
            row.Symbol.shortcut,
            column=row.name,
            rated=row.rated,
            id=row.Symbol.id,
        )
        for row in session.execute(
            select(Symbol, SummaryColumn.name, SummaryColumn.rated, ROLE)
            .join(SummaryColumn, SummaryColumn.id == Symbol.column_id)
            .where(Symbol.scheme_id == scheme)
            .order_by(Symbol.position)
        ).all()
    ]


@dataclass(frozen=True)
class ColumnRow:
    """A column of the summary tables: its name, role, and the glyphs counted in it; a
    rated column is a state whose glyphs are ratings, counted within it as well."""

    id: int
    name: str
    role: Category
    glyphs: tuple[str, ...]
    rated: bool = False


def summary_columns(
    session: Session, programme_id: int, purpose: str = "progress"
) -> list[ColumnRow]:
    column = scheme_column(purpose)
    scheme = session.scalar(select(column).where(Programme.id == programme_id))
    glyphs: dict[int, list[str]] = {}
    for column_id, glyph in session.execute(
        select(Symbol.column_id, Symbol.glyph)
        .where(Symbol.scheme_id == scheme)
        .order_by(Symbol.position)
    ).all():
        glyphs.setdefault(column_id, []).append(glyph)
    return [
        ColumnRow(c.id, c.name, Category(c.role), tuple(glyphs.get(c.id, ())), c.rated)
        for c in session.scalars(
            select(SummaryColumn)
            .where(SummaryColumn.scheme_id == scheme)
            .order_by(SummaryColumn.position)
        )
    ]


def symbol_uses(session: Session, symbol_id: int) -> int:
    """How many judgements (and KPI statuses set by hand) use the symbol: what would have to
    move to another symbol before it could be removed."""
    judged = session.scalar(
        select(func.count(Judgement.id)).where(Judgement.symbol_id == symbol_id)
    )
    rated = session.scalar(
        select(func.count(KpiResult.id)).where(KpiResult.status_symbol_id == symbol_id)
    )
    return (judged or 0) + (rated or 0)


def scheme_name(session: Session, programme_id: int, purpose: str = "progress") -> str:
    """The template (or programme) the programme's scheme was made from; "" for none."""
    column = scheme_column(purpose)
    return (
        session.scalar(
            select(SymbolScheme.name)
            .join(Programme, column == SymbolScheme.id)
            .where(Programme.id == programme_id)
        )
        or ""
    )


def level_names(session: Session, programme_id: int) -> list[str]:
    return list(
        session.scalars(
            select(Level.name).where(Level.programme_id == programme_id).order_by(Level.depth)
        )
    )


def tree_rows(
    session: Session,
    programme_id: int,
    period_id: int | None,
    today: dt.date,
    ids: list[int] | None = None,
    *,
    top_only: bool = False,
) -> list[ItemRow]:
    """Every item of the programme (or just ``ids``, or its top level), ordered by parent
    and position.

    ``today`` is the as-at date for "overdue".
    """
    previous_id = previous_period(session, period_id) if period_id else None
    date = dt.date.fromisoformat
    # 12,000 rows fetched and 12,000 tuples made set off the garbage collector's full passes
    # over everything the window holds (a third of the read's time when they came): none of
    # them can be in a cycle, so it waits until they are made.
    collecting = gc.isenabled()
    gc.disable()
    try:
        items = tree_tuples(
            session, programme_id, period_id, previous_id, today.isoformat(), ids, top_only=top_only
        )
        return [
            ItemRow._make(
                (*r[:10], date(r[10]) if r[10] else None, bool(r[11]), bool(r[12]), r[13])
            )
            for r in items
        ]
    finally:
        if collecting:
            gc.enable()


def item_rows(
    session: Session, programme_id: int, period_id: int | None, today: dt.date, ids: list[int]
) -> list[ItemRow]:
    """Just these items, as tree_rows gives them (to refresh rows after an edit)."""
    return tree_rows(session, programme_id, period_id, today, ids)


def item_detail(session: Session, item_id: int, period_id: int | None) -> ItemDetail | None:
    item = session.get(Item, item_id)
    if item is None:
        return None
    depth, parent = 0, item.parent_id
    while parent is not None:
        depth += 1
        parent = session.scalar(select(Item.parent_id).where(Item.id == parent))
    levels = level_names(session, item.programme_id)
    level = levels[min(depth, len(levels) - 1)] if levels else "Item"
    responsible = (
        session.scalar(select(Responsible.name).where(Responsible.id == item.responsible_id))
        if item.responsible_id
        else None
    )
    milestone_rows = tuple(
        MilestoneRow(m.id, m.position, m.due_text, m.due_date, m.text, m.status)
        for m in session.scalars(
            select(Milestone).where(Milestone.item_id == item_id).order_by(Milestone.position)
        )
    )
    updates = (
        tuple(
            UpdateRow(u.id, u.heading, u.text)
            for u in session.scalars(
                select(ProgressUpdate)
                .where(ProgressUpdate.item_id == item_id, ProgressUpdate.period_id == period_id)
                .order_by(ProgressUpdate.position)
            )
        )
        if period_id
        else ()
    )
    linked: set[int] = set(
        session.scalars(select(item_pledge.c.pledge_id).where(item_pledge.c.item_id == item_id))
    )
    pledges = tuple(
        PledgeRow(p.id, p.number, p.title, p.id in linked)
        for p in session.scalars(
            select(Pledge).where(Pledge.programme_id == item.programme_id).order_by(Pledge.number)
        )
    )
    judged = {
        r.period_id: (r.glyph, Category(r.role))
        for r in session.execute(
            select(Judgement.period_id, Symbol.glyph, ROLE)
            .join(Symbol, Symbol.id == Judgement.symbol_id)
            .join(SummaryColumn, SummaryColumn.id == Symbol.column_id)
            .where(Judgement.item_id == item_id)
        )
    }
    history = []
    last: Category | None = None
    for p in periods(session, item.programme_id):
        glyph, category = judged.get(p.id, (None, None))
        history.append(HistoryRow(p.id, p.label, glyph, judgement_direction(last, category)))
        if category is not None:
            last = category
    return ItemDetail(
        item.id,
        item.programme_id,
        item.parent_id,
        item.number,
        item.title,
        item.description,
        responsible,
        level,
        milestone_rows,
        updates,
        pledges,
        tuple(history),
    )


def recommendations(session: Session, programme_id: int) -> list[RecommendationRow]:
    return [
        RecommendationRow(r.id, r.number, r.text, r.response, r.applies_to)
        for r in session.scalars(
            select(Recommendation)
            .where(Recommendation.programme_id == programme_id)
            .order_by(Recommendation.position)
        )
    ]


def responsible_names(session: Session) -> list[str]:
    return list(session.scalars(select(Responsible.name).order_by(Responsible.name)))


def pledges(session: Session, programme_id: int) -> list[PledgeRow]:
    return [
        PledgeRow(p.id, p.number, p.title, False)
        for p in session.scalars(
            select(Pledge).where(Pledge.programme_id == programme_id).order_by(Pledge.number)
        )
    ]
