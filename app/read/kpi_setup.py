"""What the indicator and group editors show: an indicator as a whole (its spec), the groups
in table order, the programme's years and people. Plain rows; the services take the same
specs back, so an edit's undo is the spec it replaced."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.periods import financial_year_of
from app.store.database import Database
from app.store.models import (
    Indicator,
    KpiGroup,
    KpiNationalAverage,
    KpiOutturn,
    KpiResult,
    KpiTarget,
    Period,
    Responsible,
)


class YearValue(NamedTuple):
    """A yearly value as written, and the remark kept beside it (not edited in the window,
    but kept through every edit of the value)."""

    text: str
    note: str | None = None


@dataclass(frozen=True)
class IndicatorSpec:
    """Everything the editor sets on an indicator; targets and national averages by the
    financial year they are for (2009 for 2009/10)."""

    code: str | None
    title: str
    responsible: str | None = None
    unit: str | None = None
    polarity: str | None = None
    group_id: int | None = None
    targets: Mapping[int, YearValue] = field(default_factory=dict)
    national_averages: Mapping[int, YearValue] = field(default_factory=dict)


@dataclass(frozen=True)
class ValueCounts:
    """An indicator's values, as the question before deleting it names them."""

    targets: int = 0
    outturns: int = 0
    national_averages: int = 0
    results: int = 0

    @property
    def total(self) -> int:
        return self.targets + self.outturns + self.national_averages + self.results

    def words(self) -> str:
        """“3 targets, 1 annual actual and 2 quarterly results”."""
        parts = [
            f"{count} {one if count == 1 else many}"
            for count, one, many in (
                (self.targets, "target", "targets"),
                (self.outturns, "annual actual", "annual actuals"),
                (self.national_averages, "national average", "national averages"),
                (self.results, "period’s result", "periods’ results"),
            )
            if count
        ]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@dataclass(frozen=True)
class IndicatorDetail:
    id: int
    spec: IndicatorSpec
    counts: ValueCounts


class GroupRow(NamedTuple):
    """A group where the table shows it: after its parent, at its depth."""

    id: int
    name: str
    category: str | None
    parent_id: int | None
    position: int
    depth: int
    indicators: int  # directly in it
    subgroups: int  # directly under it


@dataclass(frozen=True)
class GroupSpec:
    """A group's name, category and parent; ``position`` among its siblings (None: last)."""

    name: str
    category: str | None = None
    parent_id: int | None = None
    position: int | None = None


@dataclass(frozen=True)
class SetupView:
    """What the indicator editor needs, read at one moment."""

    groups: list[GroupRow]
    people: list[str]
    plan_years: tuple[int, int] | None  # the programme's first and last financial years
    this_year: int  # the financial year of today, for a programme with no periods
    indicator: IndicatorDetail | None


def plan_years(session: Session, programme_id: int) -> tuple[int, int] | None:
    first, last = session.execute(
        select(func.min(Period.financial_year), func.max(Period.financial_year)).where(
            Period.programme_id == programme_id
        )
    ).one()
    return (first, last) if first is not None else None


def groups(session: Session, programme_id: int) -> list[GroupRow]:
    """The programme's groups in the table's order: each after its parent, by position."""
    found = session.execute(
        select(KpiGroup.id, KpiGroup.name, KpiGroup.category, KpiGroup.parent_id, KpiGroup.position)
        .where(KpiGroup.programme_id == programme_id)
        .order_by(KpiGroup.position, KpiGroup.id)
    ).all()
    held: dict[int | None, int] = {
        group_id: count
        for group_id, count in session.execute(
            select(Indicator.group_id, func.count(Indicator.id))
            .where(Indicator.programme_id == programme_id)
            .group_by(Indicator.group_id)
        )
    }
    children: dict[int | None, list[tuple[int, str, str | None, int | None, int]]] = defaultdict(
        list
    )
    for row in found:
        children[row.parent_id].append(tuple(row))  # type: ignore[arg-type]
    rows: list[GroupRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for group_id, name, category, parent_id, position in children.get(parent, []):
            rows.append(
                GroupRow(
                    group_id,
                    name,
                    category,
                    parent_id,
                    position,
                    depth,
                    held.get(group_id, 0),
                    len(children.get(group_id, [])),
                )
            )
            walk(group_id, depth + 1)

    walk(None, 0)
    return rows


def _yearly(
    session: Session, model: type[KpiTarget | KpiNationalAverage], indicator_id: int
) -> dict[int, YearValue]:
    return {
        year: YearValue(text, note)
        for year, text, note in session.execute(
            select(model.financial_year, model.value_text, model.note)
            .where(model.indicator_id == indicator_id)
            .order_by(model.financial_year)
        )
    }


def value_counts(session: Session, indicator_id: int) -> ValueCounts:
    def count(model: type[KpiTarget | KpiOutturn | KpiNationalAverage | KpiResult]) -> int:
        return (
            session.scalar(select(func.count(model.id)).where(model.indicator_id == indicator_id))
            or 0
        )

    return ValueCounts(
        count(KpiTarget), count(KpiOutturn), count(KpiNationalAverage), count(KpiResult)
    )


def indicator_detail(session: Session, indicator_id: int) -> IndicatorDetail | None:
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        return None
    responsible = (
        session.scalar(select(Responsible.name).where(Responsible.id == indicator.responsible_id))
        if indicator.responsible_id is not None
        else None
    )
    spec = IndicatorSpec(
        code=indicator.code,
        title=indicator.title,
        responsible=responsible,
        unit=indicator.unit,
        polarity=indicator.polarity,
        group_id=indicator.group_id,
        targets=_yearly(session, KpiTarget, indicator_id),
        national_averages=_yearly(session, KpiNationalAverage, indicator_id),
    )
    return IndicatorDetail(indicator_id, spec, value_counts(session, indicator_id))


# --- for the window: one short session each -----------------------------------------------


def setup_view(
    db: Database, programme_id: int, indicator_id: int | None, today: dt.date
) -> SetupView:
    with db.reader() as session:
        return SetupView(
            groups(session, programme_id),
            list(session.scalars(select(Responsible.name).order_by(Responsible.name))),
            plan_years(session, programme_id),
            financial_year_of(today),
            indicator_detail(session, indicator_id) if indicator_id is not None else None,
        )


def group_rows(db: Database, programme_id: int) -> list[GroupRow]:
    with db.reader() as session:
        return groups(session, programme_id)


def indicator_counts(db: Database, indicator_id: int) -> ValueCounts:
    with db.reader() as session:
        return value_counts(session, indicator_id)
