"""The one write path: an operation is one transaction plus its change-log rows.

Every service function opens an :func:`operation`, validates, writes, logs each changed value
with :meth:`Op.log`, and returns a :class:`Change` that says what changed, so views refresh
only what they must and undo commands know the old value (Anki's "OpChanges" idea).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.core.errors import (
    NotFoundError,
    PeriodPublishedError,
    PermissionRefusedError,
    ValidationError,
)
from app.store.database import Database
from app.store.models import ChangeLogEntry, Item, Period
from app.store.pack_scope import PACK_OPERATIONS, PackScope, pack_scope
from app.store.server_roles import LEAD, Identity


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

    def __init__(
        self,
        session: Session,
        user: str,
        name: str,
        programme_id: int | None,
        scope: PackScope | None = None,
    ) -> None:
        self.session = session
        self.scope = scope  # set when the file is an update pack: what may be changed
        self.user = user
        self.name = name
        self.programme_id = programme_id
        self.at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        self.lead: Identity | None = None  # set on a server when a service lead is writing
        self.item_id: int | None = None  # the item the operation is about, to name a refusal
        self._batch: int | None = None
        self._pending: list[dict[str, Any]] = []  # change-log rows, inserted at the end
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
        *,
        user: str | None = None,
    ) -> None:
        """``user`` names someone other than the person at the keyboard: the service lead whose
        update pack is being merged."""
        self._pending.append(
            {
                "batch": self.batch,
                "at": self.at,
                "user": user or self.user,
                "operation": self.name,
                "programme_id": self.programme_id,
                "entity": entity,
                "entity_id": entity_id,
                "field": field,
                "old_value": _stringify(old),
                "new_value": _stringify(new),
            }
        )
        self.logged += 1

    def write_log(self) -> None:
        """Insert the logged rows in one statement: an import of 10,000 actions logs 50,000
        values, and an ORM object and flush each was a third of its time."""
        if self._pending:
            self.session.execute(insert(ChangeLogEntry), self._pending)
            self._pending.clear()

    def fetch(self, model: type, ident: int, what: str) -> Any:
        """:func:`get` for the row the operation is about; its programme becomes the one the
        change-log rows are filed under, which the caller, holding only an id, did not know."""
        row = get(self.session, model, ident, what)
        self.programme_id = row.programme_id
        self.item_id = row.id if model is Item else getattr(row, "item_id", None)
        return row

    def add(self, row: Any, entity: str, field: str, value: Any) -> None:
        """Add a new row and log it as created. The log names the row by its id, which the
        database hands out only when the row is flushed."""
        self.session.add(row)
        self.session.flush()
        self.log(entity, row.id, field, None, value)

    def add_all(self, rows: Sequence[tuple[Any, str, str, Any]]) -> None:
        """:meth:`add` for many rows (row, entity, field, value) with one flush, which
        SQLite answers with one INSERT … RETURNING per table instead of one per row."""
        self.session.add_all([row for row, *_ in rows])
        self.session.flush()
        for row, entity, name, value in rows:
            self.log(entity, row.id, name, None, value)

    def change(
        self, row: Any, attribute: str, value: Any, entity: str, field: str | None = None
    ) -> Any:
        """Set one column of ``row`` and log it under ``field`` (the column's name unless
        given); a value already there is no change, so the operation may log nothing.
        Returns the old value, which the :class:`Change` carries for undo."""
        old = getattr(row, attribute)
        if old == value:
            self.unchanged = True
        else:
            setattr(row, attribute, value)
            self.log(entity, row.id, field or attribute, old, value)
        return old


@contextlib.contextmanager
def operation(db: Database, name: str, programme_id: int | None = None) -> Iterator[Op]:
    """Run the block as one transaction; it must log at least one change.

    In an update pack only the operations a service lead may make are allowed at all; which
    items they may touch is checked where the item is known (``Op.scope``).
    """
    scope = pack_scope(db)
    if scope is not None and name not in PACK_OPERATIONS:
        raise ValidationError(
            f"This is {scope.person}’s update pack: only judgements, achievements and "
            "milestone status can be changed in it."
        )
    op: Op | None = None
    try:
        with db.transaction() as session:
            op = Op(session, db.log_user, name, programme_id, scope)
            if db.identity is not None and db.identity.role == LEAD:
                op.lead = db.identity
            yield op
            op.write_log()
            if op.logged == 0 and not op.unchanged:
                raise AssertionError(f"operation {name!r} wrote nothing to the change log")
    except PermissionRefusedError as refused:
        # The server refused (a grant or a row-level security policy): say who and what.
        from app.store.refusals import describe_refusal  # only when refused

        item_id = op.item_id if op is not None else None
        raise PermissionRefusedError(db.url or "", describe_refusal(db, name, item_id)) from refused
    if op.logged:
        db.own_batches.add(op.batch)


def get(session: Session, model: type, ident: int | str, what: str) -> Any:
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
