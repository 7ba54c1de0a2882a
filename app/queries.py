"""Read functions returning plain rows (never live ORM objects) for views and reports."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Period, Programme


@dataclass(frozen=True)
class ProgrammeRow:
    id: int
    name: str
    organisation: str | None


@dataclass(frozen=True)
class PeriodRow:
    id: int
    label: str
    published: bool


def programmes(session: Session) -> list[ProgrammeRow]:
    return [
        ProgrammeRow(r.id, r.name, r.organisation)
        for r in session.execute(
            select(Programme.id, Programme.name, Programme.organisation).order_by(Programme.id)
        )
    ]


def periods(session: Session, programme_id: int) -> list[PeriodRow]:
    return [
        PeriodRow(r.id, r.label, r.published_at is not None)
        for r in session.execute(
            select(Period.id, Period.label, Period.published_at)
            .where(Period.programme_id == programme_id)
            .order_by(Period.start, Period.id)
        )
    ]
