"""Excel with openpyxl: a sheet per table, frozen header rows, filters, widths, symbol colours.

A figure or date the layout typed (:class:`~app.reports.model.Typed`: a KPI value, a summary's
percentage, a milestone's date) is a number with its number format, so an analyst can sort,
add up and chart it; its words as written, where they say more, are the cell's comment. A
table with a workbook layout of its own (``Table.workbook``) is drawn as that. Sheet names
and print setup: app/reports/xlsx_sheets.py.

Every other piece of text is stored as a text cell, never a formula or an error value,
whatever it starts with ("=HYPERLINK(…)", "#N/A"): openpyxl would otherwise store it as one.
A cell holds at most 32,767 characters in Excel; longer text is cut there with a visible note
of its full length (openpyxl would cut it silently).

Reproducible like the Word file: fixed document times and zip entry times."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.core.dates import format_date
from app.reports.model import Cell, Fields, Key, Progress, Report, Table, Typed, no_progress
from app.reports.safe_text import clean_report, fit, metadata
from app.reports.xlsx_sheets import fit_rows, print_setup, sheet_names

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CELL_LIMIT = 32_767  # characters in one Excel cell
AS_WRITTEN = "As written: "  # a typed cell's comment; app/imports/workbook_report.py reads it
THIN = Side(style="thin", color="888888")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, vertical="top", horizontal="center")


def _text(cell: Cell) -> str:
    if cell.mark is not None and cell.text in ("", cell.mark.glyph, cell.mark.name):
        return f"{cell.mark.glyph} {cell.mark.name}"
    return cell.text


# (sheet, cell, characters in full) of every cell cut to CELL_LIMIT, listed on the About sheet
Cuts = list[tuple[str, str, int]]


def _put(sheet: Worksheet, row: int, column: int, text: str, cuts: Cuts) -> XlCell | MergedCell:
    """Write ``text`` into a cell as text (an empty text leaves the cell empty)."""
    cell = sheet.cell(row=row, column=column)
    if text:
        fitted = fit(text, CELL_LIMIT)
        cell.value = fitted
        cell.data_type = "s"  # openpyxl makes "=…" a formula and "#N/A" an error value
        if fitted is not text:
            cuts.append((sheet.title, cell.coordinate, len(text)))
    return cell


def _put_typed(sheet: Worksheet, row: int, column: int, typed: Typed) -> XlCell | MergedCell:
    """A figure or date as a number with its format; the words as written, where they say
    more than the figure shows, in the cell's comment."""
    cell = sheet.cell(row=row, column=column)
    cell.value = typed.value
    cell.number_format = typed.number_format
    if typed.note:
        words = fit(typed.note, CELL_LIMIT - len(AS_WRITTEN))
        comment = Comment(AS_WRITTEN + words, "Programme Tracker")
        comment.width, comment.height = 240, 60 + 15 * (len(typed.note) // 40)
        cell.comment = comment
    return cell


def _write_row(
    sheet: Worksheet, row_number: int, cells: list[Cell], cuts: Cuts, *, header: bool
) -> None:
    column = 1
    for cell in cells:
        if cell.typed is not None and not header:
            target = _put_typed(sheet, row_number, column, cell.typed)
        else:
            target = _put(sheet, row_number, column, _text(cell), cuts)
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
                start_column=column,
                end_row=row_number,
                end_column=column + cell.colspan - 1,
            )
        column += cell.colspan


def _cover_table(sheet: Worksheet, row: int, table: Table, cuts: Cuts) -> int:
    """A small table of the cover sheet written on its sheet from ``row``; its last row."""
    if table.caption:
        _put(sheet, row, 1, table.caption, cuts).font = Font(bold=True, size=11)
        row += 1
    for header in table.header:
        _write_row(sheet, row, header, cuts, header=True)
        row += 1
    for cells in table.rows:
        _write_row(sheet, row, cells, cuts, header=False)
        row += 1
    return row - 1


def _list_cuts(about: Worksheet, row: int, cuts: Cuts) -> None:
    """Say on the About sheet which cells were cut, so that no cut goes unnoticed (a long cell
    shows only its first lines, and its "… [cut: …]" ending may be out of sight)."""
    lines = [
        ("Text cut to fit Excel", True),
        (
            f"Excel holds at most {CELL_LIMIT:,} characters in a cell, so these cells were cut "
            "there and end “… [cut: …]”. The full text is in the programme file, and in the "
            "Word, PDF, HTML and CSV exports of this report.",
            False,
        ),
        *(
            (f"Sheet “{sheet}”, cell {cell}: {total:,} characters in full", False)
            for sheet, cell, total in cuts
        ),
    ]
    for number, (text, bold) in enumerate(lines, start=row):
        cell = _put(about, number, 1, text, [])
        cell.font = Font(bold=bold, size=11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def render(report: Report, progress: Progress = no_progress) -> bytes:
    report = clean_report(report)
    workbook = Workbook()
    about = workbook.active
    assert isinstance(about, Worksheet)  # a new workbook's one sheet
    about.title = "About"
    used = {"about"}
    lines: list[tuple[str, bool] | Table] = [
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
        elif isinstance(block, Table) and block.cover:
            lines.extend((block, ("", False)))
    cuts: Cuts = []
    number = 0
    for line in lines:
        number += 1
        if isinstance(line, Table):
            number = _cover_table(about, number, line, cuts)
            continue
        text, bold = line
        cell = _put(about, number, 1, text, cuts)
        cell.font = Font(bold=bold, size=14 if number == 1 else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 110
    if any(isinstance(line, Table) for line in lines):
        for letter in "BCDEFG":  # the cover sheet's small tables' other columns
            about.column_dimensions[letter].width = 24
    fit_rows(about, 1, about.max_row)
    print_setup(about, "", None, landscape=False)

    tables = [table.workbook or table for table in report.tables() if not table.cover]
    tables += report.workbook_tables
    names = sheet_names([table.sheet or table.caption or "Table" for table in tables], used)
    for done, (table, name) in enumerate(zip(tables, names, strict=True)):
        progress(done, len(tables))
        sheet = workbook.create_sheet(name)
        row_number = 1
        if table.caption:
            _put(sheet, 1, 1, table.caption, cuts).font = Font(bold=True, size=12)
            row_number = 2
        first_header = row_number
        for header in table.header:
            _write_row(sheet, row_number, header, cuts, header=True)
            row_number += 1
        last_header = row_number - 1
        for row in table.rows:
            _write_row(sheet, row_number, row, cuts, header=False)
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
        fit_rows(sheet, 1, row_number - 1)
        print_setup(sheet, report.title, (first_header, max(last_header, first_header)))
    if cuts:
        _list_cuts(about, number + 1, cuts)

    stamp = dt.datetime.combine(report.date, dt.time(9, 0))
    workbook.properties.title = metadata(report.title)
    workbook.properties.subject = metadata(report.subtitle)
    workbook.properties.creator = metadata(report.organisation or "Programme Tracker")
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
