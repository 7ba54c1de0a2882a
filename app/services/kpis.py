"""Key performance indicators: targets, actuals, notes, status overrides, comments."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.conflicts import Seen
from app.core.errors import ValidationError
from app.core.kpi_units import measure_name, read_value, same_code
from app.core.kpi_values import KpiValue
from app.core.labels import shorten
from app.core.periods import financial_year_label
from app.core.validation import SHORT_LIMIT, TEXT_LIMIT, TITLE_LIMIT, check_characters, clean_text
from app.services.context import Change, Op, ensure_open, get, operation
from app.services.items import responsible_id
from app.services.seen import check_seen
from app.store.database import Database
from app.store.models import (
    Indicator,
    KpiNationalAverage,
    KpiOutturn,
    KpiResult,
    KpiTarget,
    Period,
    Programme,
    Responsible,
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


def check_target_year(session: Session, programme_id: int, year: int) -> None:
    """A target is for one of the programme's own financial years."""
    years = plan_years(session, programme_id)
    if years is None or not years[0] <= year <= years[1]:
        span = (
            f"{financial_year_label(years[0])} to {financial_year_label(years[1])}"
            if years
            else "none"
        )
        raise ValidationError(
            f"{financial_year_label(year)} is outside this programme’s years ({span}), so it "
            "cannot have a target."
        )


def _indicator(op: Op, indicator_id: int) -> Indicator:
    indicator: Indicator = op.fetch(Indicator, indicator_id, "indicator")
    return indicator


def _named(indicator: Indicator) -> str:
    """An indicator as a conflict names it: its code ("NI 14"), else its title's first words."""
    return indicator.code or f"“{shorten(indicator.title, 40)}”"


def indicator_value(
    indicator: Indicator, text: str | None, *, confirmed: bool = False
) -> KpiValue | None:
    """A value typed for ``indicator``, read and checked against its unit; None for none."""
    if text is None or not str(text).strip():
        return None
    return read_value(
        str(text),
        indicator.unit,
        measure_name(indicator.code, indicator.title),
        confirmed=confirmed,
    )


def set_yearly(
    db: Database,
    indicator_id: int,
    kind: str,
    year: int,
    text: str | None,
    *,
    confirmed: bool = False,
    seen: Seen | None = None,
) -> Change:
    """A target, an annual actual (outturn) or a national average for a financial year;
    ``None`` or "" removes it. Targets must fall within the programme's years. A value in a
    unit the indicator is not measured in is refused; an ambiguous one (0.52 for a
    percentage) unless ``confirmed``."""
    model, label = YEARLY[kind]
    with operation(db, f"edit {label}") as op:
        indicator = _indicator(op, indicator_id)
        value = indicator_value(indicator, text, confirmed=confirmed)
        if kind == "target":
            check_target_year(op.session, indicator.programme_id, year)
        row = cast(
            "YearlyValue | None",
            op.session.scalar(
                select(model).where(
                    model.indicator_id == indicator_id, model.financial_year == year
                )
            ),
        )
        old = row.value_text if row else None
        check_seen(
            op,
            seen,
            old,
            version=row.version if row else None,
            log=(model.__tablename__, indicator_id, (str(year),)),
            what=f"the {label} for {year} of {_named(indicator)}",
            indicator_id=indicator_id,
        )
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


def set_result(
    db: Database,
    indicator_id: int,
    period_id: int,
    field: str,
    value: Any,
    *,
    confirmed: bool = False,
    seen: Seen | None = None,
) -> Change:
    """One period's actual ("actual"), its note ("note"), or the comment ("comment"). An
    actual is checked against the indicator's unit as :func:`set_yearly` checks a target."""
    parsed: KpiValue | None = None
    if field == "note":
        new = clean_text(value, "The note", limit=TEXT_LIMIT)
    elif field == "comment":
        new = clean_text(value, "The comment", limit=TEXT_LIMIT)
    elif field != "actual":
        raise ValueError(field)
    column = {"actual": "actual_text", "note": "actual_note", "comment": "comment"}[field]
    with operation(db, f"edit {field}") as op:
        indicator = _indicator(op, indicator_id)
        if field == "actual":
            parsed = indicator_value(indicator, value, confirmed=confirmed)
            new = parsed.text if parsed else None
        row, _period = _result(op, indicator, period_id)
        old = getattr(row, column) if row else None
        check_seen(
            op,
            seen,
            old,
            version=row.version if row else None,
            log=("kpi_result", indicator_id, (f"{field} period {period_id}",)),
            what=f"the {field} of {_named(indicator)}",
            indicator_id=indicator_id,
        )
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
    db: Database,
    indicator_id: int,
    period_id: int,
    glyph: str | None,
    reason: str | None,
    *,
    seen: Seen | None = None,
) -> Change:
    """The manager's status, with the reason; ``None`` returns to the computed status.
    ``seen`` is (glyph, reason) as the Indicators tab showed them (None, None: computed)."""
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
        check_seen(
            op,
            seen,
            old,
            version=row.version if row else None,
            log=("kpi_result", indicator_id, (f"status period {period_id}",)),
            what=f"the status of {_named(indicator)}",
            indicator_id=indicator_id,
        )
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


def check_code(
    session: Session, programme_id: int, code: str | None, indicator_id: int | None
) -> None:
    """Refuse a code another indicator of the programme already has: reports, the JSON
    summary and the window all name an indicator by its code."""
    if code is None:
        return
    for other_id, other_code, title in session.execute(
        select(Indicator.id, Indicator.code, Indicator.title).where(
            Indicator.programme_id == programme_id, Indicator.code.is_not(None)
        )
    ):
        if other_id != indicator_id and same_code(other_code or "") == same_code(code):
            raise ValidationError(
                f"“{other_code}” is already the code of {measure_name(None, title)} in this "
                "programme: give this indicator a different code."
            )


INDICATOR_FIELDS = {
    "code": ("The code", SHORT_LIMIT, False),
    "title": ("The measure", TITLE_LIMIT, True),
}


def set_indicator_field(
    db: Database, indicator_id: int, field: str, value: Any, *, seen: Seen | None = None
) -> Change:
    """Code, measure, responsibility or polarity ("higher" / "lower" / None). ``seen`` is
    the field as the window showed it (for responsibility, the person's name)."""
    old: object
    new: object
    with operation(db, f"edit {field}") as op:
        indicator = _indicator(op, indicator_id)
        if seen is not None:
            current: object = getattr(indicator, field, None)
            if field == "responsibility":
                current = op.session.scalar(
                    select(Responsible.name).where(Responsible.id == indicator.responsible_id)
                )
            check_seen(
                op,
                seen,
                current,
                version=indicator.version,
                log=("indicator", indicator_id, (field,)),
                what=f"the {field} of {_named(indicator)}",
                indicator_id=indicator_id,
            )
        if field in INDICATOR_FIELDS:
            label, limit, required = INDICATOR_FIELDS[field]
            new = clean_text(value, label, limit=limit, required=required)
            if field == "code":
                check_code(op.session, indicator.programme_id, new, indicator_id)
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
