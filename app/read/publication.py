"""Who last reopened a published period, and why: read from the change log, where the
reopening wrote it, so the window can show it with the period."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.store.database import Database
from app.store.models import ChangeLogEntry


@dataclass(frozen=True)
class Reopening:
    by: str
    at: str  # ISO 8601, UTC
    reason: str


def last_reopening(db: Database, period_id: int) -> Reopening | None:
    with db.reader() as session:
        row = session.execute(
            select(ChangeLogEntry.user, ChangeLogEntry.at, ChangeLogEntry.new_value)
            .where(
                ChangeLogEntry.entity == "period",
                ChangeLogEntry.entity_id == period_id,
                ChangeLogEntry.field == "reopened",
            )
            .order_by(ChangeLogEntry.id.desc())
            .limit(1)
        ).first()
    return Reopening(row.user, row.at, row.new_value or "") if row is not None else None
