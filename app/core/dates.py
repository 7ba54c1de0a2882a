"""Dates as UK councils write them: "17 August 2009" out; "Sep 09", "Autumn 09", "2010/11" in.

A milestone's due date is kept in the words it was written in. Where the words name a date, or
a month, season, quarter or year, :func:`derive_due` gives the *last day* they cover, so
milestones sort and can be reported overdue; "TBD as project develops" derives nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from app.core.enums import DuePrecision
from app.core.errors import ValidationError

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Meteorological seasons, as UK reports use them; winter ends in February of the next year.
SEASON_END = {"spring": (0, 5), "summer": (0, 8), "autumn": (0, 11), "winter": (1, 2)}


def format_date(value: dt.date) -> str:
    """``17 August 2009``: the form every report and view uses."""
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def format_date_time(value: dt.datetime) -> str:
    return f"{format_date(value)} at {value:%H:%M}"


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _check_year(year: int, words: str) -> None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValidationError(
            f"“{words}” is not a plausible date: years from {EARLIEST_YEAR} to {LATEST_YEAR} "
            "are accepted."
        )


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _real_date(year: int, month: int, day: int, words: str) -> dt.date:
    _check_year(year, words)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(f"“{words}” is not a real date.") from None


def parse_date(text: str) -> dt.date:
    """Parse a full date typed by a user: "17 August 2009", "17/08/2009", "2009-08-17"."""
    words = text.strip()
    if not words:
        raise ValidationError("Please enter a date, such as 17 August 2009.")
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", words):
        year, month, day = (int(g) for g in match.groups())
        return _real_date(year, month, day, words)
    if match := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})", words):
        day, month = int(match[1]), int(match[2])
        return _real_date(_year(match[3]), month, day, words)
    pattern = rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>\d{{4}}|\d{{2}})"
    if match := re.fullmatch(pattern, words, re.IGNORECASE):
        month = MONTHS[match["month"].lower()]
        return _real_date(_year(match["year"]), month, int(match["day"]), words)
    if re.search(r"\d{5,}", words):
        raise ValidationError(
            f"“{words}” is not a plausible date: years from {EARLIEST_YEAR} to {LATEST_YEAR} "
            "are accepted."
        )
    raise ValidationError(f"“{words}” is not a date I can read. Write it as 17 August 2009.")


@dataclass(frozen=True)
class Due:
    date: dt.date | None
    precision: DuePrecision


NO_DUE = Due(None, DuePrecision.NONE)

_TOKENS = re.compile(
    r"(?P<fy>\b(?P<fy1>\d{4})\s*[/-]\s*(?P<fy2>\d{2})\b(?![/-]?\d))"
    r"|(?P<q>\b(?:Q|Quarter\s*)(?P<qn>[1-4])\s+(?P<qfy>\d{4})\s*/\s*\d{2}\b)"
    # 31/03/2026, day first as in the UK (trackers type dates so)
    r"|(?P<num>\b(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>\d{4}|\d{2})\b)"
    rf"|(?P<dmy>\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace('month', 'dm')}\s+"
    r"(?P<dy>\d{4}|\d{2})\b)"
    rf"|(?P<my>\b{_MONTH}\s+(?P<my_year>\d{{4}}|\d{{2}})\b(?:\s*[-–]\s*(?P<to_year>\d{{4}})\b)?)"
    r"|(?P<season>\b(?P<sname>spring|summer|autumn|winter)\s+(?P<syear>\d{4}|\d{2})\b)"
    r"|(?P<year>\b(?P<y>(?:19|20|21)\d{2})\b)",
    re.IGNORECASE,
)


def derive_due(words: str | None) -> Due:
    """The last day that the words cover, and how precise they are.

    Where several dates appear ("April –June 2009", "May 2009 – April 2010") the latest is the
    one the milestone is due by. Impossible or absurd explicit dates raise ValidationError.
    """
    if not words or not words.strip():
        return NO_DUE
    best: Due = NO_DUE
    for match in _TOKENS.finditer(words):
        due = _due_of(match, words)
        if due.date is not None and (best.date is None or due.date >= best.date):
            best = due
    return best


def _due_of(match: re.Match[str], words: str) -> Due:
    if match["fy"]:
        start = int(match["fy1"])
        if (start + 1) % 100 != int(match["fy2"]):
            return NO_DUE
        _check_year(start, words)
        return Due(dt.date(start + 1, 3, 31), DuePrecision.FINANCIAL_YEAR)
    if match["q"]:
        fy, quarter = int(match["qfy"]), int(match["qn"])
        _check_year(fy, words)
        from app.core.periods import quarter_dates

        return Due(quarter_dates(fy, quarter)[1], DuePrecision.QUARTER)
    if match["num"]:
        return Due(
            _real_date(_year(match["ny"]), int(match["nm"]), int(match["nd"]), match["num"]),
            DuePrecision.DAY,
        )
    if match["dmy"]:
        month = MONTHS[match["dm"].lower()]
        return Due(
            _real_date(_year(match["dy"]), month, int(match["d"]), match["dmy"]), DuePrecision.DAY
        )
    if match["my"]:
        month = MONTHS[match["month"].lower()]
        year = _year(match["to_year"] or match["my_year"])
        _check_year(year, words)
        return Due(_month_end(year, month), DuePrecision.MONTH)
    if match["season"]:
        offset, month = SEASON_END[match["sname"].lower()]
        year = _year(match["syear"]) + offset
        _check_year(year, words)
        return Due(_month_end(year, month), DuePrecision.SEASON)
    year = int(match["y"])
    _check_year(year, words)
    return Due(dt.date(year, 12, 31), DuePrecision.YEAR)
