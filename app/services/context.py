"""The one write path: an operation is one transaction plus its change-log rows.

Every service function opens an :func:`operation`, validates, writes, logs each changed value
with :meth:`Op.log`, and returns a :class:`Change` that says what changed, so views refresh
only what they must and undo commands know the old value (Anki's "OpChanges" idea).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database import Database
from app.errors import NotFoundError, PeriodPublishedError
from app.models import ChangeLogEntry, Period


@dataclass(frozen=True)
class Change:
    """What one operation did. ``old``/``new`` are plain values an undo can pass back."""

    operation: str
    entity: str
    ids: tuple[int, ...] = ()
    fields: frozenset[str] = frozenset()
    old: Any = None
    new: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def _stringify(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class Op:
    """Handed to the body of an operation: the session, and a change-log writer."""

    def __init__(self, session: Session, user: str, name: str, programme_id: int | None) -> None:
        self.session = session
        self.user = user
        self.name = name
        self.programme_id = programme_id
        self.at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        self._batch: int | None = None
        self.logged = 0
        self.unchanged = False  # set when the request turned out to change nothing

    @property
    def batch(self) -> int:
        if self._batch is None:
            last = self.session.scalar(select(func.max(ChangeLogEntry.batch)))
            self._batch = (last or 0) + 1
        return self._batch

    def log(
        self,
        entity: str,
        entity_id: int | None,
        field: str | None = None,
        old: Any = None,
        new: Any = None,
    ) -> None:
        self.session.add(
            ChangeLogEntry(
                batch=self.batch,
                at=self.at,
                user=self.user,
                operation=self.name,
                programme_id=self.programme_id,
                entity=entity,
                entity_id=entity_id,
                field=field,
                old_value=_stringify(old),
                new_value=_stringify(new),
            )
        )
        self.logged += 1


@contextlib.contextmanager
def operation(db: Database, name: str, programme_id: int | None = None) -> Iterator[Op]:
    """Run the block as one transaction; it must log at least one change."""
    with db.transaction() as session:
        op = Op(session, db.user, name, programme_id)
        yield op
        if op.logged == 0 and not op.unchanged:
            raise AssertionError(f"operation {name!r} wrote nothing to the change log")


def get(session: Session, model: type, ident: int, what: str) -> Any:
    """Fetch by id or raise a NotFoundError naming ``what`` ("item", "period"…)."""
    row = session.get(model, ident)
    if row is None:
        raise NotFoundError(f"That {what} no longer exists (it may have been deleted).")
    return row


def ensure_open(period: Period) -> None:
    if period.published_at is not None:
        raise PeriodPublishedError(
            f"{period.label} is published, so its report can be reproduced exactly; reopen it "
            "before changing anything in it."
        )
