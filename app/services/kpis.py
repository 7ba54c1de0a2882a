"""Key performance indicators: targets, actuals, notes, status overrides, comments."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.errors import ValidationError
from app.core.kpi_values import parse_value
from app.core.periods import financial_year_label
from app.core.validation import SHORT_LIMIT, TEXT_LIMIT, TITLE_LIMIT, check_characters, clean_text
from app.services.context import Change, Op, ensure_open, get, operation
from app.services.items import responsible_id
from app.store.database import Database
from app.store.models import (
    Indicator,
    KpiNationalAverage,
    KpiOutturn,
    KpiResult,
    KpiTarget,
    Period,
    Programme,
    Symbol,
)

YearlyValue = KpiTarget | KpiOutturn | KpiNationalAverage
YEARLY: dict[str, tuple[type[YearlyValue], str]] = {
    "target": (KpiTarget, "target"),
    "outturn": (KpiOutturn, "actual"),
    "national_average": (KpiNationalAverage, "national average"),
}


def plan_years(session: Session, programme_id: int) -> tuple[int, int] | None:
    first, last = session.execute(
        select(func.min(Period.financial_year), func.max(Period.financial_year)).where(
            Period.programme_id == programme_id
        )
    ).one()
    return (first, last) if first is not None else None


def _indicator(op: Op, indicator_id: int) -> Indicator:
    indicator: Indicator = op.fetch(Indicator, indicator_id, "indicator")
    return indicator


def set_yearly(db: Database, indicator_id: int, kind: str, year: int, text: str | None) -> Change:
    """A target, an annual actual (outturn) or a national average for a financial year;
    ``None`` or "" removes it. Targets must fall within the programme's years."""
    model, label = YEARLY[kind]
    value = parse_value(text) if text and text.strip() else None
    with operation(db, f"edit {label}") as op:
        indicator = _indicator(op, indicator_id)
        if kind == "target":
            years = plan_years(op.session, indicator.programme_id)
            if years is None or not years[0] <= year <= years[1]:
                span = (
                    f"{financial_year_label(years[0])} to {financial_year_label(years[1])}"
                    if years
                    else "none"
                )
                raise ValidationError(
                    f"{financial_year_label(year)} is outside this "
                    f"programme’s years ({span}), so it cannot have a "
                    "target."
                )
        row = cast(
            "YearlyValue | None",
            op.session.scalar(
                select(model).where(
                    model.indicator_id == indicator_id, model.financial_year == year
                )
            ),
        )
        old = row.value_text if row else None
        new = value.text if value else None
        if old == new:
            op.unchanged = True
        elif value is None:
            op.session.delete(row)
        elif row is None:
            op.session.add(
                model(
                    indicator_id=indicator_id,
                    financial_year=year,
                    value_text=value.text,
                    value_number=value.number,
                    note=None,
                )
            )
        else:
            row.value_text, row.value_number = value.text, value.number
        if not op.unchanged:
            op.log(model.__tablename__, indicator_id, str(year), old, new)
    return Change(
        f"edit {label}",
        "indicator",
        (indicator_id,),
        frozenset({kind}),
        old,
        new,
        extra={"year": year},
    )


def _result(op: Op, indicator: Indicator, period_id: int) -> tuple[KpiResult | None, Period]:
    period = get(op.session, Period, period_id, "period")
    if period.programme_id != indicator.programme_id:
        raise ValidationError(f"{period.label} is a period of another programme.")
    ensure_open(period)
    row = op.session.scalar(
        select(KpiResult).where(
            KpiResult.indicator_id == indicator.id, KpiResult.period_id == period_id
        )
    )
    return row, period


def _result_row(op: Op, row: KpiResult | None, indicator_id: int, period_id: int) -> KpiResult:
    if row is None:
        row = KpiResult(indicator_id=indicator_id, period_id=period_id)
        op.session.add(row)
    return row


def set_result(db: Database, indicator_id: int, period_id: int, field: str, value: Any) -> Change:
    """One period's actual ("actual"), its note ("note"), or the comment ("comment")."""
    if field == "actual":
        parsed = parse_value(value) if value and str(value).strip() else None
        new = parsed.text if parsed else None
    elif field == "note":
        new = clean_text(value, "The note", limit=TEXT_LIMIT)
    elif field == "comment":
        new = clean_text(value, "The comment", limit=TEXT_LIMIT)
    else:
        raise ValueError(field)
    column = {"actual": "actual_text", "note": "actual_note", "comment": "comment"}[field]
    with operation(db, f"edit {field}") as op:
        indicator = _indicator(op, indicator_id)
        row, _period = _result(op, indicator, period_id)
        old = getattr(row, column) if row else None
        if old == new:
            op.unchanged = True
        else:
            row = _result_row(op, row, indicator_id, period_id)
            setattr(row, column, new)
            if field == "actual":
                row.actual_number = parsed.number if parsed else None
            op.log("kpi_result", indicator_id, f"{field} period {period_id}", old, new)
    return Change(
        f"edit {field}",
        "indicator",
        (indicator_id,),
        frozenset({field}),
        old,
        new,
        extra={"period_id": period_id},
    )


def set_status_override(
    db: Database, indicator_id: int, period_id: int, glyph: str | None, reason: str | None
) -> Change:
    """The manager's status, with the reason; ``None`` returns to the computed status."""
    reason = clean_text(reason, "The reason", limit=TEXT_LIMIT)
    if glyph is not None and reason is None:
        raise ValidationError(
            "Say why the status is set by hand (for example, “an improvement plan is in place”)."
        )
    with operation(db, "override status") as op:
        indicator = _indicator(op, indicator_id)
        row, _period = _result(op, indicator, period_id)
        symbol_id = None
        if glyph is not None:
            check_characters(glyph, "The status")
            scheme = op.session.scalar(
                select(Programme.kpi_scheme_id).where(Programme.id == indicator.programme_id)
            )
            symbol_id = op.session.scalar(
                select(Symbol.id).where(Symbol.scheme_id == scheme, Symbol.glyph == glyph)
            )
            if symbol_id is None:
                raise ValidationError(f"“{glyph}” is not a symbol of this programme’s KPI key.")
        old_glyph = (
            op.session.scalar(select(Symbol.glyph).where(Symbol.id == row.status_symbol_id))
            if row and row.status_symbol_id
            else None
        )
        old = (old_glyph, row.status_reason if row else None)
        new = (glyph, reason if glyph else None)
        if old == new:
            op.unchanged = True
        else:
            row = _result_row(op, row, indicator_id, period_id)
            row.status_symbol_id = symbol_id
            row.status_reason = new[1]
            op.log(
                "kpi_result",
                indicator_id,
                f"status period {period_id}",
                f"{old[0]} ({old[1]})" if old[0] else None,
                f"{glyph} ({reason})" if glyph else None,
            )
    return Change(
        "override status",
        "indicator",
        (indicator_id,),
        frozenset({"status"}),
        old,
        new,
        extra={"period_id": period_id},
    )


INDICATOR_FIELDS = {
    "code": ("The code", SHORT_LIMIT, False),
    "title": ("The measure", TITLE_LIMIT, True),
}


def set_indicator_field(db: Database, indicator_id: int, field: str, value: Any) -> Change:
    """Code, measure, responsibility or polarity ("higher" / "lower" / None)."""
    old: object
    new: object
    with operation(db, f"edit {field}") as op:
        indicator = _indicator(op, indicator_id)
        if field in INDICATOR_FIELDS:
            label, limit, required = INDICATOR_FIELDS[field]
            new = clean_text(value, label, limit=limit, required=required)
            old = getattr(indicator, field)
            if old != new:
                setattr(indicator, field, new)
        elif field == "responsibility":
            old = indicator.responsible_id
            new = responsible_id(op.session, value)
            indicator.responsible_id = new
        elif field == "polarity":
            new = value or None
            if new not in (None, "higher", "lower"):
                raise ValidationError("Polarity is “higher” (higher is better) or “lower”.")
            old = indicator.polarity
            indicator.polarity = new
        else:
            raise ValueError(field)
        if old == new:
            op.unchanged = True
        else:
            op.log("indicator", indicator_id, field, old, new)
    if field == "responsibility":
        with db.reader() as session:
            from app.store.models import Responsible

            names: dict[object, str] = dict(
                session.execute(select(Responsible.id, Responsible.name)).all()
            )
        old, new = names.get(old), names.get(new)
    return Change(f"edit {field}", "indicator", (indicator_id,), frozenset({field}), old, new)


def set_tolerance(db: Database, programme_id: int, percent: float) -> Change:
    if not 0 <= percent <= 100:
        raise ValidationError("The tolerance is a percentage of the target from 0 to 100.")
    with operation(db, "edit tolerance", programme_id) as op:
        programme = get(op.session, Programme, programme_id, "programme")
        old = op.change(programme, "kpi_tolerance", percent, "programme", "kpi tolerance")
    return Change(
        "edit tolerance", "programme", (programme_id,), frozenset({"tolerance"}), old, percent
    )
