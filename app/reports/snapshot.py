"""A published period's report data as JSON: written at publication, read back for its report.

The snapshot is the :class:`~app.reports.data.ProgrammeData` the layouts build from, so a
published period's report is made by the same code from the same values it had when it was
published: a title renamed, a person reassigned, a symbol renamed or a milestone moved later
changes nothing in it. The JSON follows the dataclasses' own type hints, so a field added
later with a default still reads an old snapshot, and a field dropped later is ignored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import types
import typing
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports.data import ProgrammeData, load
from app.store.models import PeriodSnapshot

VERSION = 1


def dumps(data: ProgrammeData) -> str:
    return json.dumps(
        {"version": VERSION, "programme": _encode(data)}, ensure_ascii=False, sort_keys=True
    )


def loads(text: str) -> ProgrammeData:
    document = json.loads(text)
    result = _decode(ProgrammeData, document["programme"])
    assert isinstance(result, ProgrammeData)
    return result


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        # pairs, not an object: JSON keys are strings and these are often years
        return [[_encode(k), _encode(v)] for k, v in value.items()]
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        return _decode(next(a for a in args if a is not type(None)), value)
    if origin is list:
        return [_decode(args[0], v) for v in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if origin is dict:
        return {_decode(args[0], k): _decode(args[1], v) for k, v in value}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        known = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{k: _decode(hints[k], v) for k, v in value.items() if k in known})
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    return value


def programme_data(session: Session, programme_id: int, period_id: int) -> ProgrammeData:
    """What a period's report is built from: a published period's snapshot, else the file
    as it is now."""
    text = session.scalar(select(PeriodSnapshot.data).where(PeriodSnapshot.period_id == period_id))
    if text is not None:
        return loads(text)
    return load(session, programme_id, period_id)


def take(session: Session, programme_id: int, period_id: int) -> str:
    """The snapshot of a period about to be published (its stamp already set and flushed)."""
    session.flush()
    return dumps(load(session, programme_id, period_id))
