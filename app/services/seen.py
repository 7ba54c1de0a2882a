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
    did: str = "changed",
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
    user, at = last_writer(op, log)
    raise ConflictError(
        sentence(user, what, at, did=did),
        user=user,
        at=at,
        what=what,
        theirs=current,
        seen=seen,
        item_id=item_id,
        indicator_id=indicator_id,
        did=did,
    )


def last_writer(op: Op, log: tuple[str, int | None, tuple[str, ...]]) -> tuple[str, Any]:
    """Who last wrote the value the log files as (entity, entity_id, fields), and when."""
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
    return (last.user, dt.datetime.fromisoformat(last.at)) if last else ("Someone", None)


def check_field(
    op: Op, seen: Seen | None, row: Any, field: str, entity: str, what: str, log_field: str = ""
) -> None:
    """:func:`check_seen` for one column of a versioned row, filed in the log under
    ``entity``, the row's id and ``log_field`` (the column's name unless given)."""
    check_seen(
        op,
        seen,
        getattr(row, field),
        version=row.version,
        log=(entity, row.id, (log_field or field,)),
        what=what,
    )


def check_there(op: Op, seen: Seen | None, model: Any, ident: int, entity: str, what: str) -> None:
    """An edit made on a row the window showed, which someone else has deleted since: say
    who and when (``ConflictError.gone``: there is nothing to keep of one's own)."""
    if seen is None or op.session.get(model, ident) is not None:
        return
    user, at = last_writer(op, (entity, ident, ("deleted", "merged into")))
    raise ConflictError(
        sentence(user, what, at, did="deleted"),
        user=user,
        at=at,
        what=what,
        theirs=None,
        seen=seen,
        item_id=ident if entity == "item" else None,
        did="deleted",
        gone=True,
    )


# Each part of an indicator's set-up: its words in a conflict, and where the change log
# files it (entity, and field, or None for a year's value, filed under the year).
SPEC_LOG = {
    "code": ("code", "indicator", "code"),
    "title": ("measure", "indicator", "title"),
    "responsible": ("responsibility", "indicator", "responsibility"),
    "unit": ("unit", "indicator", "unit"),
    "polarity": ("polarity", "indicator", "polarity"),
    "group_id": ("group", "indicator", "group_id"),
    "targets": ("targets", "kpi_target", None),
    "national_averages": ("national averages", "kpi_national_average", None),
}


def check_form(op: Op, seen: Seen | None, current: Any, ident: int, named: str) -> None:
    """:func:`check_seen` for a dialog that saves a whole form at once (an indicator's
    set-up, ``current`` its spec now): the form as shown is the expectation; the first part
    that differs is named ("the targets of NI 14"), with the log's last writer of it."""
    if seen is None or seen.value == current:
        return
    part = next((p for p in SPEC_LOG if getattr(seen.value, p) != getattr(current, p)), "code")
    words, entity, field = SPEC_LOG[part]
    what = f"the {words} of {named}"
    if field is None:
        years = set(getattr(seen.value, part)) | set(getattr(current, part))
        fields = tuple(str(year) for year in years)
    else:
        fields = (field,)
    check_seen(
        op, seen, current, version=None, log=(entity, ident, fields), what=what, indicator_id=ident
    )


def check_group(op: Op, seen: Seen | None, group: Any) -> None:
    """An indicator group's editor saves its name, category and parent at once: as shown,
    they are the expectation (``seen``: a tuple of the three)."""
    check_seen(
        op,
        seen,
        (group.name, group.category, group.parent_id),
        version=group.version,
        log=("kpi_group", group.id, ("name", "category", "parent_id")),
        what=f"the group “{seen.value[0] if seen is not None else group.name}”",
    )
