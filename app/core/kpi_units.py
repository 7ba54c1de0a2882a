"""What an indicator is measured in, and whether a value fits it.

A council types values as it writes them ("25.6%", "£1,200", "12 days"). Once an indicator
says what it is measured in, a value in another unit is refused rather than kept: "£1,200"
in a percentage measure would have no status against a target of 19% and would stretch the
trend chart's axis to 1,200. A bare number fits every unit, because that is how most
figures are typed; two bare numbers are ambiguous enough to ask about (0.52 for a
percentage, which may be a proportion meaning 52%; 2.5 for a count). A measure kept in
words ("text") takes any words, and has no number to chart or to judge against a target.

An indicator with no unit set (files made before units could be chosen, and measures whose
values are all words) takes every value :func:`app.core.kpi_values.parse_value` reads.
"""

from __future__ import annotations

import math

from app.core.errors import ValidationError
from app.core.kpi_values import KpiValue, baseline_figure, parse_value, written

PERCENT, COUNT, DAYS, POUNDS, RATIO, TEXT = "%", "count", "days", "£", "ratio", "text"
# The units an indicator can be given, in the order the editor offers them, with their names.
UNITS: dict[str, str] = {
    PERCENT: "Percentage (%)",
    COUNT: "Count",
    DAYS: "Days",
    POUNDS: "Money (£)",
    RATIO: "Ratio",
    TEXT: "Text (words)",
}
# What a value written with a unit is (the units parse_value reads).
_IS = {
    "%": "a percentage",
    "£": "money",
    "days": "a number of days",
    "hours": "a number of hours",
    "weeks": "a number of weeks",
    "minutes": "a number of minutes",
}
# How a measure in each unit is described, and what to type instead. Hours, weeks and minutes
# are not offered, but a file imported before units were chosen may hold them.
_MEASURED = {
    PERCENT: ("as a percentage", "a number such as 25.6 or 25.6%"),
    COUNT: ("as a count", "a whole number such as 12"),
    DAYS: ("in days", "a number such as 12 or 12 days"),
    POUNDS: ("in pounds", "an amount such as 1200 or £1,200"),
    RATIO: ("as a ratio", "a number such as 0.52"),
    "hours": ("in hours", "a number such as 12 or 12 hours"),
    "weeks": ("in weeks", "a number such as 12 or 12 weeks"),
    "minutes": ("in minutes", "a number such as 12 or 12 minutes"),
}
_SHORT_TITLE = 60


class UnitQuestion(ValidationError):
    """A value that fits its measure's unit only if the person means it (0.52 for a
    percentage). Services refuse it unless told it was confirmed; the window asks first."""


def measure_name(code: str | None, title: str) -> str:
    """How a sentence names an indicator: its code, else its measure in quotation marks."""
    if code:
        return code
    short = title if len(title) <= _SHORT_TITLE else title[: _SHORT_TITLE - 1].rstrip() + "…"
    return f"“{short}”"


def written_as(unit: str) -> str:
    """What a value written in ``unit`` is: “a percentage”, “money”, “a number of days”."""
    return _IS.get(unit, f"in {unit}")


def same_code(code: str) -> str:
    """Codes are compared as a reader would: “ni 14” and “NI  14” are “NI 14”."""
    return " ".join(code.split()).casefold()


def unit_of(value: KpiValue) -> str | None:
    """The unit a value is written in, counting the aim in “Baseline Year (80%)”."""
    if value.number is not None:
        return value.unit
    figure = baseline_figure(value.text)
    return figure.unit if figure is not None else None


def misfit(value: KpiValue, unit: str | None, measure: str) -> str | None:
    """Why ``value`` cannot be a value of a measure in ``unit``, or None when it can."""
    written_in = unit_of(value)
    if unit is None or unit == TEXT or written_in is None or written_in == unit:
        return None
    measured, example = _MEASURED.get(unit, (f"in {unit}", "a number"))
    return (
        f"“{value.text}” is {written_as(written_in)}, but {measure} is measured "
        f"{measured}: type {example}."
    )


def question(value: KpiValue, unit: str | None, measure: str) -> str | None:
    """What to ask before keeping a bare number that may not mean what it says, or None."""
    number = value.number
    if number is None or value.unit is not None:
        return None
    if unit == PERCENT and 0 < abs(number) < 1:
        return (
            f"{measure} is measured as a percentage, so “{value.text}” means {number:g}%, "
            f"not {number * 100:g}%. Keep it?"
        )
    if unit == COUNT and not number.is_integer():
        return f"{measure} is a count, and “{value.text}” is not a whole number. Keep it?"
    return None


def read_value(text: str, unit: str | None, measure: str, *, confirmed: bool = False) -> KpiValue:
    """A value for a measure in ``unit``: read, then refused if its unit does not fit and, if
    ambiguous, refused unless ``confirmed``. A measure kept in words takes any words."""
    if unit == TEXT:
        return KpiValue(written(text), None, None)
    value = parse_value(text)
    if reason := misfit(value, unit, measure):
        raise ValidationError(reason)
    if not confirmed and (ask := question(value, unit, measure)):
        raise UnitQuestion(ask)
    return value


def reread(text: str, unit: str | None) -> KpiValue:
    """A value already kept, read again for its number when its measure's unit changes: a
    measure kept in words has none. Raises ValidationError for words no number can be read
    from (“Achieved” when a measure in words becomes a percentage)."""
    if unit == TEXT:
        return KpiValue(text, None, None)
    return parse_value(text)


def check_unit(unit: str | None, current: str | None = None) -> str | None:
    """One of :data:`UNITS`, or none; a unit the file already holds (hours) may stay."""
    unit = unit or None
    if unit is None or unit in UNITS or unit == current:
        return unit
    raise ValidationError(
        f"“{unit}” is not a unit an indicator can be measured in: choose "
        f"{', '.join(list(UNITS)[:-1])} or {TEXT}."
    )


def format_number(number: float, unit: str | None) -> str:
    """A number as the chart and its description write it: 25.6%, £1,200, 12 days, 0.52."""
    number = float(number)
    if math.isfinite(number) and abs(number) >= 1000:
        text = f"{number:,.0f}" if number.is_integer() or abs(number) >= 10_000 else f"{number:,g}"
    else:
        text = f"{number:g}"
    if unit == POUNDS:
        return f"-£{text[1:]}" if text.startswith("-") else f"£{text}"
    if unit == PERCENT:
        return f"{text}%"
    if unit in ("days", "hours", "weeks", "minutes"):
        return f"{text} {unit[:-1] if number == 1 else unit}"
    return text
