"""The conflict check every edit from the window passes through before it writes.

The window says what it last saw (``app.core.conflicts.Seen``); :func:`check_seen` runs inside
the edit's operation, after the row is read under the write lock, so what it compares with is
what is committed now. Who changed the value, and when, is the change log's last entry for it
(its ``user`` column), found through the log's (entity, entity_id) index.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from app.core.conflicts import Seen, sentence
from app.core.errors import ConflictError
from app.core.labels import shorten
from app.services.context import Op
from app.store.models import ChangeLogEntry, Item


def item_named(item: Item, *, number: str | None = None, title: str | None = None) -> str:
    """An item as a conflict names it: its number ("2.3"), else its title's first words; as
    the person asked knew it (``number`` or ``title`` as they saw it), not as it was just
    changed under them."""
    number = item.number if number is None else number
    if number:
        return number
    title = item.title if title is None else title
    return f"“{shorten(title.split(chr(10), 1)[0], 40)}”"


def check_seen(
    op: Op,
    seen: Seen | None,
    current: Any,
    *,
    version: int | None,
    log: tuple[str, int | None, tuple[str, ...]],
    what: str,
    item_id: int | None = None,
    indicator_id: int | None = None,
) -> None:
    """Raise ConflictError when the value changed since ``seen``; nothing when not checked.

    ``log`` is (entity, entity_id, fields) as the change log files the value. The same row
    version means nobody wrote the row since; a newer version with the value unchanged means
    someone changed another field of it, which is not a conflict."""
    if seen is None:
        return
    if seen.version is not None and version is not None and seen.version == version:
        return
    if current == seen.value:
        return
    entity, entity_id, fields = log
    last = op.session.execute(
        select(ChangeLogEntry.user, ChangeLogEntry.at)
        .where(
            ChangeLogEntry.entity == entity,
            ChangeLogEntry.entity_id == entity_id,
            ChangeLogEntry.field.in_(fields),
        )
        .order_by(ChangeLogEntry.id.desc())
        .limit(1)
    ).first()
    user, at = (last.user, dt.datetime.fromisoformat(last.at)) if last else ("Someone", None)
    raise ConflictError(
        sentence(user, what, at),
        user=user,
        at=at,
        what=what,
        theirs=current,
        seen=seen,
        item_id=item_id,
        indicator_id=indicator_id,
    )
