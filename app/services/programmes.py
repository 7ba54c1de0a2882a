"""Programmes, their level names, and their reporting periods."""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.conflicts import Seen
from app.core.errors import ValidationError
from app.core.period_patterns import QUARTERS, check_period_dates, spans_of
from app.core.periods import financial_year_of
from app.core.programme_plan import MAX_LEVELS, check_level_count
from app.core.schemes import DEFAULT_KPI_SCHEME, DEFAULT_PROGRESS_SCHEME
from app.core.validation import (
    NAME_LIMIT,
    SHORT_LIMIT,
    TEXT_LIMIT,
    clean_text,
    required_text,
)
from app.services.context import Change, get, operation
from app.services.periods import add_spans, add_year, check_label_free, refuse_if_used
from app.services.schemes import scheme_from_template
from app.services.seen import check_seen
from app.store.database import Database
from app.store.models import Level, Period, Programme


def check_programme_name_free(session: Session, name: str, except_id: int | None = None) -> None:
    """Refuse ``name`` if another programme in the file has it, in any case: the command line
    and the window find a programme by its name. ``except_id`` is the programme being renamed."""
    query = select(Programme.id).where(func.lower(Programme.name) == name.lower())
    if except_id is not None:
        query = query.where(Programme.id != except_id)
    if session.scalar(query) is not None:
        raise ValidationError(f"There is already a programme called “{name}” in this file.")


def create_programme(
    db: Database,
    name: str,
    *,
    organisation: str | None = None,
    description: str | None = None,
    levels: tuple[str, ...] = ("Objective", "Workstream/Project", "Action"),
    progress_scheme: str = DEFAULT_PROGRESS_SCHEME,
    kpi_scheme: str | None = DEFAULT_KPI_SCHEME,
    quarters_for_years: tuple[int, ...] = (),
) -> Change:
    name = required_text(name, "The programme’s name", limit=NAME_LIMIT)
    organisation = clean_text(organisation, "The organisation", limit=NAME_LIMIT)
    description = clean_text(description, "The description", limit=TEXT_LIMIT)
    level_names = [required_text(level, "A level name", limit=SHORT_LIMIT) for level in levels]
    check_level_count(level_names)
    with operation(db, "create programme") as op:
        session = op.session
        check_programme_name_free(session, name)
        programme = Programme(
            name=name,
            organisation=organisation,
            description=description,
            progress_scheme_id=scheme_from_template(session, progress_scheme, "progress"),
            kpi_scheme_id=scheme_from_template(session, kpi_scheme, "kpi") if kpi_scheme else None,
        )
        session.add(programme)
        session.flush()
        op.programme_id = programme.id
        session.add_all(
            Level(programme_id=programme.id, depth=depth, name=level)
            for depth, level in enumerate(level_names)
        )
        op.log("programme", programme.id, "name", None, name)
        for year in quarters_for_years:
            add_spans(op, programme.id, spans_of(QUARTERS, year))
    return Change("create programme", "programme", (programme.id,), frozenset({"name"}), new=name)


def rename_programme(db: Database, programme_id: int, name: str) -> Change:
    name = required_text(name, "The programme’s name", limit=NAME_LIMIT)
    with operation(db, "rename programme", programme_id) as op:
        programme = get(op.session, Programme, programme_id, "programme")
        check_programme_name_free(op.session, name, except_id=programme_id)
        old = op.change(programme, "name", name, "programme")
    return Change("rename programme", "programme", (programme_id,), frozenset({"name"}), old, name)


def set_level_name(
    db: Database, programme_id: int, depth: int, name: str, *, seen: Seen | None = None
) -> Change:
    """``seen`` is the name as the settings dialog showed it (None: a new level)."""
    name = required_text(name, "The level name", limit=SHORT_LIMIT)
    if depth >= MAX_LEVELS:
        raise ValidationError(f"A programme can have at most {MAX_LEVELS} levels.")
    with operation(db, "rename level", programme_id) as op:
        get(op.session, Programme, programme_id, "programme")
        level = op.session.scalar(
            select(Level).where(Level.programme_id == programme_id, Level.depth == depth)
        )
        old = level.name if level else None
        check_seen(
            op,
            seen,
            old,
            version=level.version if level else None,
            log=("level", level.id if level else None, (f"depth {depth}",)),
            what=f"the name of level {depth + 1}",
        )
        if level is None:
            op.session.add(Level(programme_id=programme_id, depth=depth, name=name))
        else:
            level.name = name
        op.log("level", level.id if level else None, f"depth {depth}", old, name)
    return Change("rename level", "level", (programme_id,), frozenset({"name"}), old, name)


# --- periods -------------------------------------------------------------------------------


def add_financial_year(db: Database, programme_id: int, year: int) -> Change:
    """Generate the four quarters of financial year ``year`` (2009 gives 2009/10)."""
    return add_year(db, programme_id, year, QUARTERS)


def add_period(db: Database, programme_id: int, label: str, start: dt.date, end: dt.date) -> Change:
    """A custom reporting period ("November 2004")."""
    label = required_text(label, "The period’s name", limit=SHORT_LIMIT)
    check_period_dates(label, start, end)
    with operation(db, "add period", programme_id) as op:
        get(op.session, Programme, programme_id, "programme")
        check_label_free(op.session, programme_id, label)
        period = Period(
            programme_id=programme_id,
            label=label,
            start=start,
            end=end,
            financial_year=financial_year_of(start),
            quarter=None,
        )
        op.add(period, "period", "label", label)
    return Change("add period", "period", (period.id,), frozenset({"label"}), new=label)


def delete_period(db: Database, period_id: int) -> Change:
    """Remove an unused, unpublished period (undoing "add financial year", or a mistake);
    refused with a sentence saying what uses it."""
    with operation(db, "delete period") as op:
        period = op.fetch(Period, period_id, "period")
        refuse_if_used(op.session, period)
        snapshot = {c.key: getattr(period, c.key) for c in Period.__table__.columns}
        op.session.delete(period)
        op.log("period", period_id, "deleted", period.label, None)
    return Change("delete period", "period", (period_id,), frozenset({"deleted"}), snapshot)


def restore_period(db: Database, snapshot: dict[str, object]) -> Change:
    from sqlalchemy import insert

    # the column values of one period row, as delete_period took them
    period_id = cast(int, snapshot["id"])
    with operation(db, "restore period", cast(int, snapshot["programme_id"])) as op:
        op.session.execute(insert(Period), [snapshot])
        op.log("period", period_id, "deleted", None, snapshot["label"])
    return Change("restore period", "period", (period_id,), frozenset({"deleted"}))
