"""Reporting periods made by pattern: the quarters, months or half-years of a financial year.

A programme reports by one of these, or by periods it names itself ("November 2004"). Which
pattern its periods follow is read back from their dates, not stored, so that a copy for
next year can make the same kind of periods whether they were generated or typed by hand.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.dates import MONTHS as MONTH_NUMBERS
from app.core.dates import format_date
from app.core.errors import ValidationError
from app.core.periods import (
    EARLIEST_FINANCIAL_YEAR,
    LATEST_FINANCIAL_YEAR,
    check_financial_year,
    financial_year_label,
    financial_year_of,
    quarters_of,
)

QUARTERS, MONTHS, HALF_YEARS = "quarters", "months", "half-years"
PATTERNS = (QUARTERS, MONTHS, HALF_YEARS)


@dataclass(frozen=True)
class Span:
    """One period to be made: its label and dates, and its quarter when it is one."""

    label: str
    start: dt.date
    end: dt.date
    quarter: int | None = None

    @property
    def financial_year(self) -> int:
        return financial_year_of(self.start)


def month_label(day: dt.date) -> str:
    """``November 2004``, as Salford and Walsall name their monthly periods."""
    return f"{calendar.month_name[day.month]} {day.year}"


def half_year_label(start_year: int, half: int) -> str:
    """``Half-year 1 2009/10``, named as the quarters are (``Quarter 1 2009/10``)."""
    return f"Half-year {half} {financial_year_label(start_year)}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def spans_of(pattern: str, start_year: int) -> list[Span]:
    """The periods of financial year ``start_year`` (2009 is April 2009 to March 2010)."""
    check_financial_year(start_year)
    if pattern == QUARTERS:
        return [Span(label, start, end, q) for label, start, end, q in quarters_of(start_year)]
    if pattern == MONTHS:
        firsts = [dt.date(start_year + (month < 4), month, 1) for month in (*range(4, 13), 1, 2, 3)]
        return [Span(month_label(d), d, _month_end(d.year, d.month)) for d in firsts]
    if pattern == HALF_YEARS:
        return [
            Span(
                half_year_label(start_year, 1),
                dt.date(start_year, 4, 1),
                dt.date(start_year, 9, 30),
            ),
            Span(
                half_year_label(start_year, 2),
                dt.date(start_year, 10, 1),
                dt.date(start_year + 1, 3, 31),
            ),
        ]
    raise ValueError(f"not a pattern of periods: {pattern}")


def month_span(label: str) -> tuple[dt.date, dt.date] | None:
    """The first and last days of the month a label names ("November 2004", "Nov 2004")."""
    match = re.fullmatch(r"\s*([A-Za-z]+)\.?\s+(\d{4})\s*", label)
    month = MONTH_NUMBERS.get(match[1].lower()) if match else None
    if match is None or month is None:
        return None
    year = int(match[2])
    if not EARLIEST_FINANCIAL_YEAR <= year <= LATEST_FINANCIAL_YEAR:
        return None
    return dt.date(year, month, 1), _month_end(year, month)


def pattern_of(start: dt.date, end: dt.date) -> str | None:
    """The pattern whose periods have exactly these dates, if any."""
    year = financial_year_of(start)
    for pattern in PATTERNS:
        if any((s.start, s.end) == (start, end) for s in spans_of(pattern, year)):
            return pattern
    return None


def programme_pattern(dates: Iterable[tuple[dt.date, dt.date]]) -> tuple[str, int] | None:
    """The pattern the latest financial year's periods all follow, and that year; None
    when they follow none (named periods of their own) or there are no periods."""
    by_year: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for start, end in dates:
        by_year.setdefault(financial_year_of(start), []).append((start, end))
    if not by_year:
        return None
    year = max(by_year)
    if not EARLIEST_FINANCIAL_YEAR <= year <= LATEST_FINANCIAL_YEAR:
        return None
    patterns = {pattern_of(start, end) for start, end in by_year[year]}
    if len(patterns) != 1 or None in patterns:
        return None
    pattern = patterns.pop()
    assert pattern is not None
    return pattern, year


def check_period_dates(label: str, start: dt.date, end: dt.date) -> None:
    """Refuse an end before the start, or a date no report of a council's would hold."""
    for day in (start, end):
        if not EARLIEST_FINANCIAL_YEAR <= day.year <= LATEST_FINANCIAL_YEAR:
            raise ValidationError(
                f"{format_date(day)} is not a plausible date for a reporting period: years "
                f"from {EARLIEST_FINANCIAL_YEAR} to {LATEST_FINANCIAL_YEAR} are accepted."
            )
    if end < start:
        raise ValidationError(
            f"“{label}” cannot end ({format_date(end)}) before it starts ({format_date(start)})."
        )


_FINANCIAL_YEAR = re.compile(r"(?<!\d)(\d{4})([/-])(\d{4}|\d{2})(?!\d)")


def next_year_name(name: str) -> str | None:
    """``name`` with each financial year in it moved on one ("Plan 2009/10" gives "Plan
    2010/11", "2009-10" gives "2010-11"), or None when it names none. "2009-12", three
    years, is not a financial year and is left alone."""
    found = False

    def following(match: re.Match[str]) -> str:
        nonlocal found
        start, separator, end = int(match[1]), match[2], match[3]
        if end != (str(start + 1) if len(end) == 4 else f"{(start + 1) % 100:02d}"):
            return match[0]
        found = True
        after = str(start + 2) if len(end) == 4 else f"{(start + 2) % 100:02d}"
        return f"{start + 1}{separator}{after}"

    renamed = _FINANCIAL_YEAR.sub(following, name)
    return renamed if found else None
