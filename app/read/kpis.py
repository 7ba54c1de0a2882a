"""The indicators table for one period, with status and direction of travel worked out;
and an indicator's series for its trend chart. Plain rows, one session."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.kpi_status import Status, status, symbol_for
from app.core.travel import indicator_direction
from app.read.queries import SymbolRow, previous_period, symbols
from app.store.models import (
    Indicator,
    KpiGroup,
    KpiNationalAverage,
    KpiOutturn,
    KpiResult,
    KpiTarget,
    Period,
    Programme,
    Responsible,
    Symbol,
)


@dataclass(frozen=True)
class KpiRow:
    kind: str  # "group" or "indicator"
    id: int
    depth: int
    name: str  # the group's name, or the measure
    code: str | None = None
    responsible: str | None = None
    polarity: str | None = None
    unit: str | None = None  # what the measure is in (app.core.kpi_units), None if not said
    prior_actual: str | None = None
    national_average: str | None = None
    national_year: int | None = None
    targets: tuple[str | None, ...] = ()
    actual: str | None = None
    note: str | None = None
    computed: Status = Status.NO_DATA
    computed_glyph: str | None = None
    override_glyph: str | None = None
    reason: str | None = None
    comment: str | None = None
    since_last_period: str | None = None
    since_last_year: str | None = None

    @property
    def glyph(self) -> str | None:
        """The status shown: the manager's if set, else the computed one."""
        return self.override_glyph or self.computed_glyph

    def measure(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name


@dataclass(frozen=True)
class KpiTable:
    year: int  # the chosen period's financial year
    period_label: str
    tolerance: float
    symbols: list[SymbolRow]
    rows: list[KpiRow]


def _words(text: str | None, note: str | None) -> str | None:
    if text is None:
        return None
    return f"{text} ({note})" if note else text


def _comparable_periods(session: Session, period: Period) -> tuple[int | None, int | None]:
    """The period before, and the same period a year earlier."""
    before = previous_period(session, period.id)
    last_year = None
    if period.quarter is not None:
        last_year = session.scalar(
            select(Period.id).where(
                Period.programme_id == period.programme_id,
                Period.financial_year == period.financial_year - 1,
                Period.quarter == period.quarter,
            )
        )
    return before, last_year


def kpi_table(session: Session, programme_id: int, period_id: int) -> KpiTable:
    programme = session.get(Programme, programme_id)
    period = session.get(Period, period_id)
    assert programme is not None and period is not None
    year = period.financial_year
    kpi_symbols = symbols(session, programme_id, "kpi") if programme.kpi_scheme_id else []
    key = [(s.glyph, s.category) for s in kpi_symbols]
    glyph_of = dict(session.execute(select(Symbol.id, Symbol.glyph)).all())
    people = dict(session.execute(select(Responsible.id, Responsible.name)).all())
    indicators = session.scalars(
        select(Indicator).where(Indicator.programme_id == programme_id).order_by(Indicator.position)
    ).all()
    ids = [i.id for i in indicators]

    def yearly(model: type) -> dict[int, dict[int, tuple[str, float | None, str | None]]]:
        found: dict[int, dict[int, tuple[str, float | None, str | None]]] = defaultdict(dict)
        row: Any  # a KpiTarget, KpiNationalAverage or prior-year row: they share these columns
        for row in session.scalars(select(model).where(model.indicator_id.in_(ids))):  # type: ignore[attr-defined]
            found[row.indicator_id][row.financial_year] = (
                row.value_text,
                row.value_number,
                row.note,
            )
        return found

    targets, outturns, averages = yearly(KpiTarget), yearly(KpiOutturn), yearly(KpiNationalAverage)
    before_id, last_year_id = _comparable_periods(session, period)
    results: dict[int, dict[int, KpiResult]] = defaultdict(dict)
    for result in session.scalars(
        select(KpiResult).where(
            KpiResult.indicator_id.in_(ids),
            KpiResult.period_id.in_([p for p in (period_id, before_id, last_year_id) if p]),
        )
    ):
        results[result.period_id][result.indicator_id] = result

    by_group: dict[int | None, list[KpiRow]] = defaultdict(list)
    for ind in indicators:
        now = results[period_id].get(ind.id)
        before = results[before_id].get(ind.id) if before_id else None
        last_year = results[last_year_id].get(ind.id) if last_year_id else None
        target = targets[ind.id].get(year)
        judged = status(
            now.actual_number if now else None,
            target[1] if target else None,
            ind.polarity,
            programme.kpi_tolerance,
        )
        prior = outturns[ind.id].get(year - 1)
        average = max(averages[ind.id].items()) if averages[ind.id] else None
        by_group[ind.group_id].append(
            KpiRow(
                kind="indicator",
                id=ind.id,
                depth=0,
                name=ind.title,
                code=ind.code,
                responsible=(
                    people.get(ind.responsible_id) if ind.responsible_id is not None else None
                ),
                polarity=ind.polarity,
                unit=ind.unit,
                prior_actual=_words(prior[0], prior[2]) if prior else None,
                national_average=_words(average[1][0], average[1][2]) if average else None,
                national_year=average[0] if average else None,
                targets=tuple(
                    targets[ind.id][y][0] if y in targets[ind.id] else None
                    for y in (year, year + 1, year + 2)
                ),
                actual=now.actual_text if now else None,
                note=now.actual_note if now else None,
                computed=judged.status,
                computed_glyph=symbol_for(judged.status, key),
                override_glyph=glyph_of.get(now.status_symbol_id)
                if now and now.status_symbol_id
                else None,
                reason=now.status_reason if now else None,
                comment=now.comment if now else None,
                since_last_period=indicator_direction(
                    before.actual_number if before else None,
                    now.actual_number if now else None,
                    ind.polarity,
                ),
                since_last_year=indicator_direction(
                    last_year.actual_number if last_year else None,
                    now.actual_number if now else None,
                    ind.polarity,
                ),
            )
        )

    groups = session.scalars(
        select(KpiGroup).where(KpiGroup.programme_id == programme_id).order_by(KpiGroup.position)
    ).all()
    children: dict[int | None, list[KpiGroup]] = defaultdict(list)
    for group in groups:
        children[group.parent_id].append(group)
    rows: list[KpiRow] = list(by_group.get(None, []))

    def walk(group: KpiGroup, depth: int) -> None:
        rows.append(KpiRow(kind="group", id=group.id, depth=depth, name=group.name))
        rows.extend(by_group.get(group.id, []))
        for child in children.get(group.id, []):
            walk(child, depth + 1)

    for group in children.get(None, []):
        walk(group, 0)
    return KpiTable(year, period.label, programme.kpi_tolerance, kpi_symbols, rows)


@dataclass(frozen=True)
class Series:
    """What the trend chart draws for one indicator."""

    title: str
    unit: str | None
    points: list[tuple[str, dt.date, float]]  # (period label, period end, actual)
    targets: list[tuple[dt.date, dt.date, float]]  # (from, to, target) per financial year
    national_average: tuple[int, float] | None
    # actuals written in words ("data not available", or any words of a measure kept in
    # words): (period label, period end, words); shown, but not plotted
    words: list[tuple[str, dt.date, str]] = field(default_factory=list)


def series(session: Session, indicator_id: int) -> Series:
    indicator = session.get(Indicator, indicator_id)
    assert indicator is not None
    points: list[tuple[str, dt.date, float]] = []
    words: list[tuple[str, dt.date, str]] = []
    for label, end, text, number in session.execute(
        select(Period.label, Period.end, KpiResult.actual_text, KpiResult.actual_number)
        .join(KpiResult, KpiResult.period_id == Period.id)
        .where(KpiResult.indicator_id == indicator_id, KpiResult.actual_text.is_not(None))
        .order_by(Period.start)
    ):
        if number is not None:
            points.append((label, end, number))
        elif text is not None:
            words.append((label, end, text))
    targets = [
        (dt.date(year, 4, 1), dt.date(year + 1, 3, 31), number)
        for year, number in session.execute(
            select(KpiTarget.financial_year, KpiTarget.value_number)
            .where(KpiTarget.indicator_id == indicator_id, KpiTarget.value_number.is_not(None))
            .order_by(KpiTarget.financial_year)
        )
        if number is not None
    ]
    average = session.execute(
        select(KpiNationalAverage.financial_year, KpiNationalAverage.value_number)
        .where(
            KpiNationalAverage.indicator_id == indicator_id,
            KpiNationalAverage.value_number.is_not(None),
        )
        .order_by(KpiNationalAverage.financial_year.desc())
        .limit(1)
    ).first()
    title = f"{indicator.code} {indicator.title}" if indicator.code else indicator.title
    return Series(
        title,
        indicator.unit,
        points,
        targets,
        (average[0], average[1]) if average and average[1] is not None else None,
        words,
    )
