"""The measures of an import written: a new indicator, and the period's target, actual,
status and comment of one, each checked as the indicators view checks it. Kept apart from
the items' writing (app/imports/apply.py), which calls it."""

from __future__ import annotations

from sqlalchemy import func, select

from app.core.errors import ValidationError
from app.core.kpi_units import measure_name, read_value
from app.core.kpi_values import KpiValue
from app.core.labels import shorten
from app.core.validation import (
    NAME_LIMIT,
    SHORT_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    clean_text,
    required_text,
)
from app.imports.proposal import FieldChange, Proposal
from app.services.context import Op, ensure_open
from app.services.items import responsible_id
from app.store.models import Indicator, KpiResult, KpiTarget, Period, Programme, Symbol


def create_indicator(op: Op, proposal: Proposal, change: FieldChange) -> int:
    session = op.session
    title = required_text(change.theirs, "The measure", limit=TITLE_LIMIT)
    position = session.scalar(
        select(func.count(Indicator.id)).where(Indicator.programme_id == proposal.programme_id)
    )
    indicator = Indicator(
        programme_id=proposal.programme_id,
        position=position or 0,
        code=clean_text(change.number, "The code", limit=SHORT_LIMIT),
        title=title,
    )
    op.add(indicator, "indicator", "title", title)
    return indicator.id


def write_measure(op: Op, proposal: Proposal, indicator_id: int, change: FieldChange) -> None:
    """A target (for the period's financial year), an actual, a status or a comment."""
    session = op.session
    if change.field == "responsible":
        indicator = session.get(Indicator, indicator_id)
        assert indicator is not None
        old = indicator.responsible_id
        indicator.responsible_id = responsible_id(
            session, clean_text(change.theirs, "Responsibility", limit=NAME_LIMIT)
        )
        op.log("indicator", indicator_id, "responsible", old, change.theirs)
        return
    period = session.get(Period, proposal.period_id)
    assert period is not None
    ensure_open(period)
    indicator = session.get(Indicator, indicator_id)
    assert indicator is not None

    def value_of(text: str | None) -> KpiValue | None:
        """As the indicators view reads one: refused when its unit does not fit the
        measure's (the file's figure kept as written when it is merely unusual)."""
        if not text:
            return None
        measure = measure_name(indicator.code, indicator.title)
        try:
            return read_value(text, indicator.unit, measure, confirmed=True)
        except ValidationError as error:
            raise ValidationError(f"{change.where}: {error}") from None

    if change.field == "target":
        row = session.scalar(
            select(KpiTarget).where(
                KpiTarget.indicator_id == indicator_id,
                KpiTarget.financial_year == period.financial_year,
            )
        )
        value = value_of(change.theirs)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                KpiTarget(
                    indicator_id=indicator_id,
                    financial_year=period.financial_year,
                    value_text=value.text,
                    value_number=value.number,
                )
            )
        else:
            row.value_text, row.value_number = value.text, value.number
        op.log(
            "kpi_target", indicator_id, str(period.financial_year), change.current, change.theirs
        )
        return
    result = session.scalar(
        select(KpiResult).where(
            KpiResult.indicator_id == indicator_id, KpiResult.period_id == proposal.period_id
        )
    )
    if result is None:
        result = KpiResult(indicator_id=indicator_id, period_id=proposal.period_id)
        session.add(result)
    if change.field == "actual":
        value = value_of(change.theirs)
        result.actual_text = value.text if value else None
        result.actual_number = value.number if value else None
    elif change.field == "comment":
        result.comment = clean_text(change.theirs, "The comment", limit=TEXT_LIMIT)
    elif change.field == "status":
        symbol_id = None
        if change.theirs:
            symbol_id = session.scalar(
                select(Symbol.id)
                .join(Programme, Programme.kpi_scheme_id == Symbol.scheme_id)
                .where(Programme.id == proposal.programme_id, Symbol.glyph == change.theirs)
            )
            if symbol_id is None:
                raise ValidationError(
                    f"“{change.theirs}” is not a symbol of this programme’s KPI key."
                )
        result.status_symbol_id = symbol_id
        result.status_reason = shorten(f"as {proposal.source} gives it", 500) if symbol_id else None
    op.log(
        "kpi_result",
        indicator_id,
        f"{change.field} period {proposal.period_id}",
        change.current,
        change.theirs,
    )
