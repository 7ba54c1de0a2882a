"""A programme's reporting periods: a year of quarters, months or half-years, one named
period, a new name or new dates, and what stops a period being removed.

A period's place in the list is its start date, so new dates may move it; its label is
unique in the programme ignoring case, since the command line finds a period by its label.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.errors import ValidationError
from app.core.period_patterns import Span, check_period_dates, spans_of
from app.core.periods import financial_year_label, financial_year_of
from app.core.validation import SHORT_LIMIT, required_text
from app.core.wording import counted, listed
from app.services.context import Change, Op, ensure_open, get, operation
from app.store.database import Database
from app.store.models import (
    Judgement,
    KpiResult,
    Pack,
    Period,
    Programme,
    ProgressUpdate,
    Recommendation,
    Report,
)


def check_label_free(
    session: Session, programme_id: int, label: str, except_id: int | None = None
) -> None:
    query = select(Period.id).where(
        Period.programme_id == programme_id, func.lower(Period.label) == label.lower()
    )
    if except_id is not None:
        query = query.where(Period.id != except_id)
    if session.scalar(query) is not None:
        raise ValidationError(f"This programme already has a period called “{label}”.")


def add_spans(op: Op, programme_id: int, spans: list[Span]) -> list[int]:
    """Add the periods not already there (by label); the ids of those added."""
    existing = {
        label.lower()
        for label in op.session.scalars(
            select(Period.label).where(Period.programme_id == programme_id)
        )
    }
    added = []
    for span in spans:
        if span.label.lower() in existing:
            continue
        period = Period(
            programme_id=programme_id,
            label=span.label,
            start=span.start,
            end=span.end,
            financial_year=span.financial_year,
            quarter=span.quarter,
        )
        op.add(period, "period", "label", span.label)
        added.append(period.id)
    return added


def add_year(db: Database, programme_id: int, year: int, pattern: str) -> Change:
    """The quarters, months or half-years of financial year ``year`` (2009 gives 2009/10)."""
    spans = spans_of(pattern, year)
    with operation(db, "add financial year", programme_id) as op:
        get(op.session, Programme, programme_id, "programme")
        added = add_spans(op, programme_id, spans)
        if not added:
            raise ValidationError(
                f"The {pattern} of {financial_year_label(year)} are already there."
            )
    return Change("add financial year", "period", tuple(added), frozenset({"label"}))


def rename_period(db: Database, period_id: int, label: str) -> Change:
    label = required_text(label, "The period’s name", limit=SHORT_LIMIT)
    with operation(db, "rename period") as op:
        period = op.fetch(Period, period_id, "period")
        ensure_open(period)
        check_label_free(op.session, period.programme_id, label, except_id=period_id)
        old = op.change(period, "label", label, "period")
    return Change("rename period", "period", (period_id,), frozenset({"label"}), old, label)


@dataclass(frozen=True)
class PeriodDates:
    """A period's dates, and the quarter it is while they are a quarter's: an undo puts back
    all three, since new dates outside the quarter make it a period of its own."""

    start: dt.date
    end: dt.date
    quarter: int | None


def _quarter_of(day: dt.date) -> int:
    return (day.month - 4) % 12 // 3 + 1


def set_period_dates(db: Database, period_id: int, start: dt.date, end: dt.date) -> Change:
    """New dates; a quarter stays that quarter while it starts within it."""
    with operation(db, "change period dates") as op:
        period = op.fetch(Period, period_id, "period")
        quarter = period.quarter if period.quarter == _quarter_of(start) else None
        return _put_dates(op, period, PeriodDates(start, end, quarter))


def put_period_dates(db: Database, period_id: int, dates: PeriodDates) -> Change:
    """Exactly these dates and quarter (undo and redo of :func:`set_period_dates`)."""
    with operation(db, "change period dates") as op:
        return _put_dates(op, op.fetch(Period, period_id, "period"), dates)


def _put_dates(op: Op, period: Period, dates: PeriodDates) -> Change:
    ensure_open(period)
    check_period_dates(period.label, dates.start, dates.end)
    old = PeriodDates(period.start, period.end, period.quarter)
    # All at once: one column at a time could pass through an end before its start.
    with op.session.no_autoflush:
        for field in ("start", "end", "quarter"):
            op.change(period, field, getattr(dates, field), "period")
        period.financial_year = financial_year_of(dates.start)
    return Change("change period dates", "period", (period.id,), frozenset({"dates"}), old, dates)


def period_uses(session: Session, period_id: int) -> list[str]:
    """What refers to the period, counted ("37 judgements", "1 report"): why it stays."""
    counts = (
        (Judgement.period_id, "judgement"),
        (ProgressUpdate.period_id, "achievement"),
        (KpiResult.period_id, "KPI result"),
        (Report.period_id, "report"),
        (Recommendation.period_id, "recommendation"),
        (Pack.period_id, "update pack"),
    )
    uses = []
    for column, what in counts:
        number = session.scalar(select(func.count()).where(column == period_id)) or 0
        if number:
            uses.append(counted(number, what))
    return uses


def refuse_if_used(session: Session, period: Period) -> None:
    if period.published_at is not None:
        raise ValidationError(f"{period.label} is published and cannot be removed.")
    uses = period_uses(session, period.id)
    if uses:
        verb = "uses" if len(uses) == 1 and uses[0].startswith("1 ") else "use"
        raise ValidationError(f"{period.label} cannot be removed: {listed(uses)} {verb} it.")
