"""A programme's plan copied into another: the tree for a new programme that starts from an
existing one, and the whole plan for next year's duplicate.

What is copied is the plan, never the record of a year: items with their numbers, titles,
descriptions, kinds, responsibility and milestones, but no judgement, achievement or KPI
result. Each programme keeps its own schemes, so the duplicate's are copies too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.period_patterns import programme_pattern, spans_of
from app.core.validation import NAME_LIMIT, required_text
from app.services.context import Change, Op, get, operation
from app.services.periods import add_spans
from app.services.programme_rows import copy_rows, rows_of
from app.services.programmes import check_programme_name_free
from app.services.schemes import insert_scheme, scheme_snapshot, without_ids
from app.store.database import Database
from app.store.models import (
    Contact,
    Dependency,
    Indicator,
    Item,
    ItemKind,
    KpiGroup,
    KpiNationalAverage,
    KpiOutturn,
    KpiTarget,
    Level,
    Milestone,
    Outcome,
    Period,
    Pledge,
    Programme,
    Section,
    item_pledge,
)


def _table(model: Any) -> Any:
    return model.__table__


def copy_structure(
    session: Session, source_id: int, target_id: int, *, key_milestones: bool = False
) -> dict[int, int]:
    """Copy the source's kinds of item, its tree, the items' milestones (and, with
    ``key_milestones``, the programme's own) and the dependencies between its items.
    Returns each source item's id → its copy's."""
    fixed = {"programme_id": target_id}
    kinds = copy_rows(
        session,
        _table(ItemKind),
        rows_of(session, _table(ItemKind), ItemKind.programme_id == source_id),
        {},
        fixed,
    )
    items = copy_rows(
        session,
        _table(Item),
        rows_of(session, _table(Item), Item.programme_id == source_id),
        {"kind_id": kinds},
        fixed,
    )
    milestones = Milestone.programme_id == source_id
    if not key_milestones:
        milestones = milestones & Milestone.item_id.is_not(None)
    copy_rows(
        session,
        _table(Milestone),
        rows_of(session, _table(Milestone), milestones),
        {"item_id": items},
        fixed,
    )
    dependencies = rows_of(session, _table(Dependency), Dependency.item_id.in_(list(items)))
    copy_rows(
        session,
        _table(Dependency),
        dependencies,
        {"item_id": items, "depends_on_id": items},
    )
    return items


def _copy_plan(session: Session, source_id: int, target_id: int, items: dict[int, int]) -> None:
    """The rest of a plan that is not a year's record: levels, pledges and which items
    serve them, outcomes, contacts, the plan's own narrative, and the indicators with their
    targets, outturns and national averages (kept by financial year, not by period)."""
    fixed = {"programme_id": target_id}

    def copy(model: Any, where: Any, remap: dict[str, dict[Any, Any]] | None = None) -> Any:
        table = _table(model)
        return copy_rows(session, table, rows_of(session, table, where), remap or {}, fixed)

    copy(Level, Level.programme_id == source_id)
    pledges = copy(Pledge, Pledge.programme_id == source_id)
    links = rows_of(session, item_pledge, item_pledge.c.pledge_id.in_(list(pledges)))
    copy_rows(session, item_pledge, links, {"item_id": items, "pledge_id": pledges})
    copy(Outcome, Outcome.programme_id == source_id)
    copy(Contact, Contact.programme_id == source_id)
    copy(Section, (Section.programme_id == source_id) & Section.report_id.is_(None))
    groups = copy(KpiGroup, KpiGroup.programme_id == source_id)
    indicators = copy(Indicator, Indicator.programme_id == source_id, {"group_id": groups})
    for model in (KpiTarget, KpiOutturn, KpiNationalAverage):
        table = _table(model)
        copy_rows(
            session,
            table,
            rows_of(session, table, table.c.indicator_id.in_(list(indicators))),
            {"indicator_id": indicators},
        )


def duplicate_programme(db: Database, source_id: int, name: str) -> Change:
    """A copy of the programme's plan for next year, called ``name``; its periods follow the
    source's pattern (quarters, months, half-years) for the financial year after the
    source's latest, and are left to the user when the source names its own."""
    name = required_text(name, "The programme’s name", limit=NAME_LIMIT)
    with operation(db, "duplicate programme") as op:
        session = op.session
        source = get(session, Programme, source_id, "programme")
        check_programme_name_free(session, name)
        schemes = {
            purpose: insert_scheme(session, without_ids(scheme_snapshot(session, scheme)))
            for purpose, scheme in (
                ("progress", source.progress_scheme_id),
                ("kpi", source.kpi_scheme_id),
            )
            if scheme is not None
        }
        programme = Programme(
            name=name,
            organisation=source.organisation,
            description=source.description,
            kpi_tolerance=source.kpi_tolerance,
            progress_scheme_id=schemes["progress"],
            kpi_scheme_id=schemes.get("kpi"),
        )
        session.add(programme)
        session.flush()
        op.programme_id = programme.id
        op.log("programme", programme.id, "copied from", None, source.name)
        op.log("programme", programme.id, "name", None, name)
        items = copy_structure(session, source_id, programme.id, key_milestones=True)
        _copy_plan(session, source_id, programme.id, items)
        periods = _next_year(op, source_id, programme.id)
    return Change(
        "duplicate programme",
        "programme",
        (programme.id,),
        frozenset({"name"}),
        new=name,
        extra={"items": len(items), "periods": periods},
    )


def _next_year(op: Op, source_id: int, target_id: int) -> int:
    dates = op.session.execute(
        select(Period.start, Period.end).where(Period.programme_id == source_id)
    ).all()
    found = programme_pattern((start, end) for start, end in dates)
    if found is None:
        return 0
    pattern, year = found
    return len(add_spans(op, target_id, spans_of(pattern, year + 1)))
