"""UK financial years (April to March) and their quarters."""

from __future__ import annotations

import datetime as dt

from app.core.errors import ValidationError

EARLIEST_FINANCIAL_YEAR = 1990
LATEST_FINANCIAL_YEAR = 2100
_QUARTER_START_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}
_QUARTER_END = {1: (6, 30), 2: (9, 30), 3: (12, 31), 4: (3, 31)}


def financial_year_of(day: dt.date) -> int:
    """The start year of the financial year containing ``day`` (2009 for 2009/10)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start_year: int, separator: str = "/") -> str:
    """``2009/10``; seed 002's KPI table heads its year columns ``2009-10``."""
    return f"{start_year}{separator}{(start_year + 1) % 100:02d}"


def quarter_label(start_year: int, quarter: int) -> str:
    """``Quarter 1 2009/10``, as seed 002 names its periods."""
    return f"Quarter {quarter} {financial_year_label(start_year)}"


def quarter_dates(start_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """Quarter 1 is 1 April–30 June; quarter 4 is 1 January–31 March of the next year."""
    if quarter not in _QUARTER_END:
        raise ValueError(f"quarter must be 1 to 4, not {quarter}")
    year = start_year if quarter < 4 else start_year + 1
    month, day = _QUARTER_END[quarter]
    return dt.date(year, _QUARTER_START_MONTH[quarter], 1), dt.date(year, month, day)


def quarters_of(start_year: int) -> list[tuple[str, dt.date, dt.date, int]]:
    """The four quarters of a financial year as (label, start, end, quarter)."""
    return [(quarter_label(start_year, q), *quarter_dates(start_year, q), q) for q in (1, 2, 3, 4)]


def check_financial_year(year: int) -> None:
    """Refuse a year outside ``EARLIEST_FINANCIAL_YEAR`` to ``LATEST_FINANCIAL_YEAR``: it is
    a slip of the keyboard (209, 20009), and would add periods or targets no report shows."""
    if not EARLIEST_FINANCIAL_YEAR <= year <= LATEST_FINANCIAL_YEAR:
        raise ValidationError(
            f"{year} is not a plausible financial year: years from "
            f"{EARLIEST_FINANCIAL_YEAR} to {LATEST_FINANCIAL_YEAR} are accepted."
        )
