"""CSV: one flat row per action (or per row of the layout's main table), UTF-8 with a BOM so
Excel opens it with the right characters; CRLF line ends as RFC 4180 says.

A spreadsheet opening the file runs any cell that starts as a formula does, so text stored
in the programme ("=HYPERLINK(…)", "-2+3+cmd|' /C calc'!A0") is neutralised as OWASP's CSV
injection guidance says: a field that starts with =, +, -, @, a tab or a carriage return (or
their full-width forms) gets a leading apostrophe, which spreadsheets take as "this is
text"; a field holding a comma, quote or line break is quoted, its quotes doubled (RFC 4180),
so no text can start a cell of its own. A plain number ("-5", "12%", "-£1,200.50") is left
alone, so numbers stay numbers. Text is never cut: CSV has no limit of its own (a
spreadsheet opening the file may show only 32,767 characters of a cell)."""

from __future__ import annotations

import csv
import io
import re

from app.reports.model import Progress, Report, no_progress
from app.reports.safe_text import clean_report

# What a spreadsheet may take as the start of a formula (ASCII and full-width forms).
_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_NUMBER = re.compile(r"-?[£$€]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")


def render(report: Report, progress: Progress = no_progress) -> bytes:
    progress(0, 1)
    report = clean_report(report)
    buffer = io.StringIO()
    rows = report.flat_rows
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([safe(column) for column in columns])
    for row in rows:
        writer.writerow([safe(row.get(column, "")) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def safe(value: str) -> str:
    """``value``, with a leading apostrophe when a spreadsheet could take it as a formula.
    Leading spaces and line breaks are looked past (a spreadsheet may trim them)."""
    starts = value.lstrip(" \n")[:1] in _TRIGGERS or value[:1] in ("\t", "\r")
    if starts and value != "-" and _NUMBER.fullmatch(value) is None:
        return "'" + value
    return value
