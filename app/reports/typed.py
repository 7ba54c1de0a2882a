"""Figures and dates as a spreadsheet keeps them: what a report's words mean as a number or a
date, and the Excel number format that shows it as the report writes it.

A document prints "80%", "£1,200", "Sep 09"; an analyst's workbook needs 0.8 formatted as a
percentage, 1200 as pounds and a date it can sort and filter on, or the figures cannot be
added up, charted or compared with a formula. The layouts put a :class:`Typed` beside the
words of each cell that holds one figure; a cell of several figures or of words ("Baseline
Year (80%)", "-", three milestones) stays words. Where the words say more than the figure
shows (a note, a year, a season), they are kept as the ``note``, which a workbook shows as
the cell's comment.
"""

from __future__ import annotations

import calendar
import re

from app.core.dates import derive_due, format_date
from app.core.enums import DuePrecision
from app.core.errors import ValidationError
from app.core.kpi_units import POUNDS, TEXT
from app.core.kpi_values import KpiValue, parse_value
from app.reports.model import Typed

DATE_FORMAT = "d mmmm yyyy"  # 17 August 2009, as every report writes a date
MONTH_FORMAT = "mmmm yyyy"  # August 2009, for a date given only to the month
PERCENT_FORMAT = "0%"
COUNT_FORMAT = "0"
_TIME_UNITS = ("days", "hours", "weeks", "minutes")


def _decimals(text: str) -> int:
    """How many decimal places the figure is written with (25.60% has two)."""
    match = re.search(r"\d\.(\d+)", text)
    return len(match[1]) if match else 0


def _plain(text: str) -> str:
    """Words compared for saying the same figure: case, spaces, commas, £ and % aside."""
    return re.sub(r"[\s,£%]", "", text).casefold()


def _figure(text: str) -> KpiValue | None:
    """The number in a value as the reports write it: the whole, or what comes before a
    note in brackets ("35.56% (estimates for 18 schools)"), or None for words."""
    for words in (text, text.split(" (", 1)[0]):
        try:
            value = parse_value(words)
        except ValidationError:
            continue
        if value.number is not None:
            return value
    return None


def kpi_figure(text: str, unit: str | None) -> Typed | None:
    """A KPI value's figure in the unit it is written in, else its measure's (a bare 80 in a
    percentage measure is 80%); None for words and for a measure kept in words."""
    if unit == TEXT or not text:
        return None
    value = _figure(text)
    if value is None or value.number is None:
        return None
    number, places = value.number, _decimals(value.text)
    written_in = value.unit or unit
    fraction = "." + "0" * places if places else ""
    if written_in == "%":
        figure: float = round(number / 100, places + 2)
        number_format = f"0{fraction}%"
    elif written_in == POUNDS:
        figure, number_format = number, f'"£"#,##0{fraction}'
    elif written_in in _TIME_UNITS:
        figure, number_format = number, f'#,##0{fraction} "{written_in}"'
    else:
        figure, number_format = number, f"#,##0{fraction}"
    if float(figure).is_integer():
        figure = int(figure)
    # "80" in a percentage measure is the figure shown as 80%; "80% (provisional)" says more.
    return Typed(figure, number_format, text if _plain(text) != _plain(value.text) else None)


def share(percent: int) -> Typed:
    """A summary's percentage, as the report rounds it (81% is 0.81)."""
    return Typed(round(percent / 100, 2), PERCENT_FORMAT)


def count(number: int) -> Typed:
    return Typed(number, COUNT_FORMAT)


def due(words: str | None) -> Typed | None:
    """A milestone's due words as a date: to the day, or to the month (its last day, shown as
    the month); a season, quarter or year as the last day it covers, with the words kept."""
    if not words:
        return None
    found = derive_due(words)
    if found.date is None:
        return None
    if found.precision == DuePrecision.DAY:
        shown, number_format = format_date(found.date), DATE_FORMAT
    elif found.precision == DuePrecision.MONTH:
        shown = f"{calendar.month_name[found.date.month]} {found.date.year}"
        number_format = MONTH_FORMAT
    else:
        shown, number_format = "", DATE_FORMAT
    return Typed(found.date, number_format, None if _plain(words) == _plain(shown) else words)
