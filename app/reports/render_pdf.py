"""PDF through Qt's own text layout and PDF writer (QTextDocument, QPdfWriter).

The report's blocks are laid out in runs: portrait blocks on A4 portrait pages, wide tables
(with the heading and key that introduce them, app.reports.pagination) on A4 landscape
pages, a run ending at a page break. Each block is laid out as a QTextDocument of its own
and the blocks are cut into pages by app.reports.pdf_pages: a table between its rows with
its header rows again at the top of the next page, a heading or key kept with what follows.
Each page has the report's title and period and "Page X of Y" in its footer.

This module uses QtGui (no widgets): a QGuiApplication is started if none is running, on
the offscreen platform when there is no display, so ``python -m app export`` works headless.

Text is cleaned first, and a very long table cell is continued after its table
(app.reports.safe_text): Qt draws a table cell whole for every page it spans, so a cell of a
million characters (hundreds of pages) took minutes and made a PDF of hundreds of megabytes.

Qt writes the time of writing into the PDF; it is replaced by the report's date (and the
cross-reference table rebuilt), so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from typing import TYPE_CHECKING

from app.reports.model import Progress, Report, no_progress
from app.reports.pagination import footer_text, runs
from app.reports.pdf_pages import make_pages, make_piece, paint
from app.reports.render_html import block_html
from app.reports.safe_text import clean_report, continue_long_cells, metadata

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QTextDocument

# Word's page and type (render_docx): the same margins and sizes, so the two formats page
# alike (issue 18: within a page of each other).
MARGIN_MM = 18.0
FOOTER_PX = 28
DOCUMENT_ID = "{6c1d2f3e-7a8b-4c5d-9e0f-a1b2c3d4e5f6}"
QT_CSS = """
body { font-family: Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif; font-size: 10.5pt; }
h1 { font-size: 16pt; color: #1F3A5F; } h2 { font-size: 13pt; color: #1F3A5F; }
h3 { font-size: 11.5pt; color: #1F3A5F; }
th, td { font-size: 9pt; vertical-align: top; }
th { background-color: #D9E2F3; font-weight: bold; }
p.small { font-size: 8.5pt; }
"""


def ensure_gui_application() -> object:
    """Qt's painting and PDF writer need a GUI application object, even on the command line
    with no display (then the offscreen platform); the window's own is used when there is one."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if (
            sys.platform.startswith("linux")
            and not os.environ.get("DISPLAY")
            and not os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else "programme-tracker"])
    return app


def _prepared(report: Report) -> Report:
    return continue_long_cells(clean_report(report))


def print_document(report: Report) -> QTextDocument:
    """The whole report as one QTextDocument, for Qt's print preview and printing (which lay
    it out on the printer's own pages)."""
    ensure_gui_application()
    from PySide6.QtGui import QFont, QTextDocument

    report = _prepared(report)
    document = QTextDocument()
    document.setDefaultFont(QFont("Arial", 9))
    document.setDefaultStyleSheet(QT_CSS)
    document.setHtml(
        "<html><body>"
        + "".join(block_html(b, for_qt=True) for b in report.blocks)
        + "</body></html>"
    )
    return document


def _body_font() -> QFont:
    """Arial at 9 pt without ligatures: Qt writes "fi" as one glyph mapped to U+FB01, so a
    search or a screen reader found "beneﬁts" and not "benefits"."""
    from PySide6.QtGui import QFont

    font = QFont("Arial", 9)
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def render(report: Report, progress: Progress = no_progress) -> bytes:
    ensure_gui_application()
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt, QUuid
    from PySide6.QtGui import (
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
    )

    report = _prepared(report)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(metadata(report.title))
    writer.setCreator("Programme Tracker")
    writer.setDocumentId(QUuid(DOCUMENT_ID))
    writer.setResolution(96)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)

    def layout(landscape: bool) -> QPageLayout:
        orientation = (
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
        return QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), orientation, margins, QPageLayout.Unit.Millimeter
        )

    # Lay everything out first: the footer needs the total number of pages.
    font = _body_font()
    runs_laid_out = []
    for landscape, blocks in runs(report):
        area = layout(landscape).paintRectPixels(writer.resolution())
        width, height = area.width(), area.height() - FOOTER_PX
        pieces = [make_piece(b, block_html(b, for_qt=True), width, font, QT_CSS) for b in blocks]
        runs_laid_out.append((landscape, width, height, make_pages(pieces, height)))
    total = sum(len(pages) for *_, pages in runs_laid_out)

    writer.setPageLayout(layout(runs_laid_out[0][0] if runs_laid_out else False))
    painter = QPainter(writer)
    footer_font = QFont("Arial", 7)
    footer = footer_text(report)
    number = 0
    for landscape, width, height, pages in runs_laid_out:
        for page in pages:
            progress(number, total)
            if number > 0:
                writer.setPageLayout(layout(landscape))
                writer.newPage()
            number += 1
            paint(painter, page, width)
            painter.setFont(footer_font)
            painter.drawText(
                QRectF(0, height, width, FOOTER_PX),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                f"{footer}\nPage {number} of {total}",
            )
    painter.end()
    buffer.close()
    return _reproducible(bytes(buffer.data().data()), report.date)


def _reproducible(data: bytes, day: dt.date) -> bytes:
    stamp = dt.datetime.combine(day, dt.time(9, 0))
    # XMP dates sit inside a stream of fixed length: replace them with same-length text.
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%S").encode()
    data = re.sub(
        rb'(="|>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)(?=["<])',
        lambda m: m.group(1) + iso + (b"+00:00" if len(m.group(2)) == 6 else b"Z"),
        data,
    )
    # The Info dictionary's dates are plain strings: replace, then rebuild the xref offsets.
    data = re.sub(
        rb"/(CreationDate|ModDate) \(D:[^)]*\)",
        lambda m: b"/" + m.group(1) + b" (D:" + stamp.strftime("%Y%m%d%H%M%S").encode() + b"Z)",
        data,
    )
    return _rebuild_xref(data)


def _rebuild_xref(data: bytes) -> bytes:
    start = data.rfind(b"\nxref\n")
    if start < 0:
        return data
    header = re.match(rb"xref\n0 (\d+)\n", data[start + 1 :])
    if header is None:
        return data
    count = int(header.group(1))
    offsets = {
        int(m.group(1)): m.start() + (1 if data[m.start()] in b"\r\n" else 0)
        for m in re.finditer(rb"(?:^|[\r\n])(\d+) 0 obj", data[:start])
    }
    entries = [b"0000000000 65535 f \n"]
    for number in range(1, count):
        entries.append(
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    trailer_at = data.find(b"trailer", start)
    startxref_at = data.find(b"startxref", trailer_at)
    table = b"xref\n0 %d\n" % count + b"".join(entries)
    trailer = data[trailer_at:startxref_at]
    return data[: start + 1] + table + trailer + b"startxref\n%d\n%%%%EOF\n" % (start + 1)
