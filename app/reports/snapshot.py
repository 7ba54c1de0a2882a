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
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.read.kpis import Series, series
from app.reports.data import ProgrammeData, load
from app.store.models import Indicator, KpiResult, PeriodSnapshot

VERSION = 1


@dataclass
class Kept:
    """What a published period's report is made from: its data and its trend charts."""

    programme: ProgrammeData
    charts: list[Series]


def dumps(data: ProgrammeData, charts: list[Series] | None = None) -> str:
    document = {"version": VERSION, "programme": _encode(data), "charts": _encode(charts or [])}
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


def loads(text: str) -> Kept:
    document = json.loads(text)
    programme = _decode(ProgrammeData, document["programme"])
    charts = _decode(list[Series], document.get("charts", []))
    return Kept(programme, charts)


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


def chart_series(session: Session, programme_id: int) -> list[Series]:
    """The trend chart of every indicator with a numeric actual, in the indicators' order."""
    ids = session.scalars(
        select(Indicator.id)
        .where(
            Indicator.programme_id == programme_id,
            Indicator.id.in_(
                select(KpiResult.indicator_id).where(KpiResult.actual_number.is_not(None))
            ),
        )
        .order_by(Indicator.position)
    )
    return [series(session, indicator_id) for indicator_id in ids]


def kept(session: Session, period_id: int) -> Kept | None:
    """What was kept when the period was published; None for a period that is not."""
    text = session.scalar(select(PeriodSnapshot.data).where(PeriodSnapshot.period_id == period_id))
    return loads(text) if text is not None else None


def programme_data(session: Session, programme_id: int, period_id: int) -> ProgrammeData:
    """What a period's report is built from: a published period's snapshot, else the file
    as it is now."""
    frozen = kept(session, period_id)
    return frozen.programme if frozen else load(session, programme_id, period_id)


def take(session: Session, programme_id: int, period_id: int) -> str:
    """The snapshot of a period about to be published (its stamp already set and flushed)."""
    session.flush()
    return dumps(load(session, programme_id, period_id), chart_series(session, programme_id))
