"""CSV: one flat row per action (or per row of the layout's main table), UTF-8 with a BOM so
Excel opens it with the right characters; CRLF line ends as RFC 4180 says."""

from __future__ import annotations

import csv
import io

from app.reports.model import Progress, Report, no_progress


def render(report: Report, progress: Progress = no_progress) -> bytes:
    progress(0, 1)
    buffer = io.StringIO()
    rows = report.flat_rows
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    writer = csv.DictWriter(
        buffer, fieldnames=columns, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _safe(value) for key, value in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _safe(value: str) -> str:
    """Keep a cell from being run as a formula when the CSV is opened in a spreadsheet
    ("=HYPERLINK(…)" typed into a narrative): such a cell gets a leading apostrophe, which
    spreadsheets show as nothing. Ordinary text, "-" and negative numbers are untouched."""
    if value[:1] in ("=", "+", "@") or (
        value[:1] == "-" and len(value) > 1 and not (value[1].isdigit() or value[1] in " .")
    ):
        return "'" + value
    return value
