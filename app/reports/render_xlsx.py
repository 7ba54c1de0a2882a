"""Excel with openpyxl: a sheet per table, frozen header rows, filters, widths, symbol colours.

Reproducible like the Word file: fixed document times and zip entry times."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.dates import format_date
from app.reports.model import Cell, Fields, Key, Progress, Report, no_progress

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
THIN = Side(style="thin", color="888888")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, vertical="top", horizontal="center")


def _sheet_name(wanted: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", wanted).strip().strip("'")[:31] or "Sheet"
    candidate, number = name, 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate = name[: 31 - len(suffix)] + suffix
        number += 1
    used.add(candidate.lower())
    return candidate


def _text(cell: Cell) -> str:
    if cell.mark is not None and cell.text in ("", cell.mark.glyph, cell.mark.name):
        return f"{cell.mark.glyph} {cell.mark.name}"
    return cell.text


def _write_row(sheet: object, row_number: int, cells: list[Cell], *, header: bool) -> None:
    column = 1
    for cell in cells:
        target = sheet.cell(row=row_number, column=column, value=_text(cell) or None)  # type: ignore[attr-defined]
        target.alignment = CENTRE if cell.align == "centre" else WRAP
        target.border = BORDER
        bold = cell.bold or header
        colour = cell.mark.colour.lstrip("#").upper() if cell.mark else None
        if bold or colour:
            target.font = Font(bold=bold, color=colour)
        if header:
            target.fill = HEADER_FILL
        if cell.shade:
            target.fill = PatternFill("solid", fgColor=cell.shade.lstrip("#").upper())
        if cell.colspan > 1:
            sheet.merge_cells(
                start_row=row_number,
                start_column=column,  # type: ignore[attr-defined]
                end_row=row_number,
                end_column=column + cell.colspan - 1,
            )
        column += cell.colspan


def render(report: Report, progress: Progress = no_progress) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = "About"
    used = {"about"}
    lines = [
        (report.title, True),
        (report.subtitle, False),
        (f"{report.organisation} · {format_date(report.date)}".strip(" ·"), False),
        ("", False),
    ]
    for block in report.blocks:
        if isinstance(block, Key):
            lines.append((block.title, True))
            lines.extend(
                (
                    f"{m.glyph} {m.name}"
                    + (f" – {m.meaning}" if m.meaning and m.meaning != m.name else ""),
                    False,
                )
                for m in block.marks
            )
            lines.append(("", False))
        elif isinstance(block, Fields):
            lines.extend((f"{label}: {value}", False) for label, value in block.rows)
            lines.append(("", False))
    for number, (text, bold) in enumerate(lines, start=1):
        cell = about.cell(row=number, column=1, value=text or None)
        cell.font = Font(bold=bold, size=14 if number == 1 else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 110

    tables = report.tables()
    for done, table in enumerate(tables):
        progress(done, len(tables))
        sheet = workbook.create_sheet(_sheet_name(table.sheet or table.caption or "Table", used))
        row_number = 1
        if table.caption:
            sheet.cell(row=1, column=1, value=table.caption).font = Font(bold=True, size=12)
            row_number = 2
        first_header = row_number
        for header in table.header:
            _write_row(sheet, row_number, header, header=True)
            row_number += 1
        last_header = row_number - 1
        for row in table.rows:
            _write_row(sheet, row_number, row, header=False)
            row_number += 1
        columns = len(table.widths)
        total = sum(table.widths)
        for index, width in enumerate(table.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(
                6, round(150 * width / total, 1)
            )
        sheet.freeze_panes = sheet.cell(row=last_header + 1, column=1)
        if table.rows and table.header:
            sheet.auto_filter.ref = f"A{last_header}:{get_column_letter(columns)}{row_number - 1}"
        sheet.print_title_rows = f"{first_header}:{max(last_header, first_header)}"
        if table.landscape:
            sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True

    stamp = dt.datetime.combine(report.date, dt.time(9, 0))
    workbook.properties.title = report.title
    workbook.properties.subject = report.subtitle
    workbook.properties.creator = report.organisation or "Programme Tracker"
    workbook.properties.language = report.language
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.lastModifiedBy = "Programme Tracker"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed(buffer.getvalue(), stamp)


def _fixed(data: bytes, stamp: dt.datetime) -> bytes:
    """Fixed zip entry times; openpyxl also writes "modified" as the time of saving."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:modified|created)\b[^>]*>)[^<]*",
                    rb"\g<1>" + iso.encode(),
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, content)
    return out.getvalue()
