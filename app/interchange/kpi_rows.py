"""A programme's indicators read from its description: the groups (nested), each indicator,
its yearly targets, actuals and national average, and its results period by period.

Values are read by the rules the KPI services use (``parse_value``, then the indicator's
unit): an indicator may say what it is measured in (``"unit": "%"``, one of
``app.core.kpi_units.UNITS``), and a value in another unit is refused as the window refuses
it; one that does not say is given the unit its values share (%, £), and values in two
units are refused. Codes are unique within the programme, as in the window. A description
is what the council wrote, so an ambiguous figure (0.52 for a percentage) is kept.
"""

from __future__ import annotations

from typing import Any

from app.core.enums import KpiGroupCategory, Polarity
from app.core.errors import ValidationError
from app.core.kpi_units import check_unit, measure_name, read_value, same_code, written_as
from app.core.kpi_values import KpiValue, parse_value
from app.core.periods import check_financial_year
from app.core.validation import NAME_LIMIT, SHORT_LIMIT, TEXT_LIMIT, TITLE_LIMIT, clean_text
from app.interchange.programme_rows import ProgrammeRows
from app.interchange.spec_fields import located, read_choice, read_required, read_text
from app.store.models import (
    Indicator,
    KpiGroup,
    KpiNationalAverage,
    KpiOutturn,
    KpiResult,
    KpiTarget,
)

# The yearly values that count towards an indicator's unit: (key, table, word in a refusal).
_YEARLY = (("targets", KpiTarget, "target"), ("outturns", KpiOutturn, "actual"))


def _written(value: Any) -> tuple[str, Any]:
    """A value as written (“75%”, or ``{"value": "75%", "note": …}``) and its note."""
    if isinstance(value, dict):
        return str(value.get("value")), value.get("note")
    return str(value), None


def _value_row(value: Any, here: str, unit: str | None, measure: str) -> dict[str, Any]:
    """A value as its three columns, read for a measure in ``unit``."""
    text, note = _written(value)
    with located(here):
        parsed = read_value(text, unit, measure, confirmed=True)
        note = clean_text(note, "The note", limit=TEXT_LIMIT)
    return {"value_text": parsed.text, "value_number": parsed.number, "note": note}


def _unit(kpi: dict[str, Any], here: str) -> str | None:
    """The unit the indicator gives, else the one all its values are written in."""
    if "unit" in kpi:
        with located(here):
            return check_unit(kpi["unit"])
    written: list[Any] = [v for key, _m, _w in _YEARLY for v in kpi.get(key, {}).values()]
    written += [r["actual"] for r in kpi.get("results", {}).values() if r.get("actual")]
    found: dict[str, str] = {}
    for value in written:
        text = _written(value)[0]
        try:
            parsed: KpiValue = parse_value(text)
        except ValidationError:
            continue  # refused, with where it is, when the value itself is read
        if parsed.unit is not None:
            found.setdefault(parsed.unit, parsed.text)
    if len(found) > 1:
        examples = ", ".join(f"“{text}” is {written_as(u)}" for u, text in found.items())
        raise ValidationError(
            f"{here}: its values are in different units ({examples}): say which it is measured "
            "in with “unit”, and write its values in that unit."
        )
    return next(iter(found), None)


def read_kpis(rows: ProgrammeRows, where: str) -> None:
    """Every indicator group of the description, in order, nested ones after their parent."""
    plan, ids = rows.plan, rows.ids
    indicator_position = 0
    groups = 0  # counted in the order they are written, nested ones included
    codes: dict[str, str] = {}  # each code as compared, and the measure it belongs to

    def group(spec: dict[str, Any], parent_id: int | None, position: int) -> None:
        nonlocal indicator_position, groups
        groups += 1
        name = read_required(
            spec.get("name"), "A group’s name", NAME_LIMIT, f"{where}, indicator group {groups}"
        )
        group_id = rows.add(
            KpiGroup,
            parent_id=parent_id,
            position=position,
            name=name,
            category=read_choice(
                spec.get("category"),
                KpiGroupCategory,
                "“{value}” is not a group category (use laa, national or local).",
                f"{where}, indicator group “{name[:40]}”",
            ),
        )
        for kpi in spec.get("indicators", []):
            here = f"{where}, indicator “{kpi.get('code') or kpi.get('title', '')[:40]}”"
            code = read_text(kpi, "code", "The code", SHORT_LIMIT, here)
            title = read_text(kpi, "title", "The measure", TITLE_LIMIT, here, required=True)
            assert title is not None
            measure = measure_name(code, title)
            if code is not None:
                if (other := codes.get(same_code(code))) is not None:
                    raise ValidationError(
                        f"{here}: “{code}” is already the code of {other} in this "
                        "programme: give this indicator a different code."
                    )
                codes[same_code(code)] = measure_name(None, title)
            unit = _unit(kpi, here)
            indicator_id = rows.add(
                Indicator,
                group_id=group_id,
                position=indicator_position,
                code=code,
                title=title,
                responsible_id=rows.person(kpi.get("responsibility"), here),
                polarity=read_choice(
                    kpi.get("polarity"),
                    Polarity,
                    "Polarity is “higher” (higher is better) or “lower”.",
                    here,
                ),
                unit=unit,
            )
            indicator_position += 1
            for key, model, word in _YEARLY:
                for year, value in kpi.get(key, {}).items():
                    check_financial_year(int(year))
                    row = _value_row(value, f"{here}, {word} {year}", unit, measure)
                    plan.add(
                        model,
                        id=ids(model),
                        indicator_id=indicator_id,
                        financial_year=int(year),
                        **row,
                    )
            if average := kpi.get("national_average"):
                check_financial_year(int(average["year"]))
                plan.add(
                    KpiNationalAverage,
                    id=ids(KpiNationalAverage),
                    indicator_id=indicator_id,
                    financial_year=int(average["year"]),
                    **_value_row(average["value"], f"{here}, national average", unit, measure),
                )
            for label, result in kpi.get("results", {}).items():
                actual = result.get("actual")
                row = _value_row(actual, f"{here}, actual {label}", unit, measure) if actual else {}
                status = result.get("status")
                if status is not None and status not in rows.kpi_glyphs:
                    choices = (
                        f"use {', '.join(rows.kpi_glyphs)}" if rows.kpi_glyphs else "it has none"
                    )
                    raise ValidationError(
                        f"{here}, {label}: “{status}” is not a symbol of this programme’s KPI "
                        f"key ({choices})."
                    )
                reason = read_text(
                    result, "status_reason", "The reason", TEXT_LIMIT, f"{here}, {label}"
                )
                # As when the manager sets it in the window: a status by hand says why, and a
                # reason belongs to a status set by hand.
                if status is not None and reason is None:
                    raise ValidationError(
                        f"{here}, {label}: A status set by hand needs its reason (“status_reason”)."
                    )
                if status is None and reason is not None:
                    raise ValidationError(
                        f"{here}, {label}: A reason is given but no status (“status”)."
                    )
                plan.add(
                    KpiResult,
                    id=ids(KpiResult),
                    indicator_id=indicator_id,
                    period_id=rows.period(label, here),
                    actual_text=row.get("value_text"),
                    actual_number=row.get("value_number"),
                    actual_note=row.get("note"),
                    status_symbol_id=rows.kpi_glyphs.get(status) if status else None,
                    status_reason=reason,
                    comment=read_text(result, "comment", "The comment", TEXT_LIMIT, here),
                )
        for index, child in enumerate(spec.get("children", [])):
            group(child, group_id, index)

    for index, top in enumerate(rows.spec.get("kpi_groups", [])):
        group(top, None, index)
