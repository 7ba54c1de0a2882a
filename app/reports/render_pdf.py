"""PDF through Qt's own text layout and PDF writer (QTextDocument, QPdfWriter).

The report's blocks are laid out in runs: portrait blocks on A4 portrait pages, wide tables
on A4 landscape pages, a run ending at a page break. Each run is one QTextDocument whose
tables keep their header rows (HTML ``<thead>``) at the top of every page; the pages are
painted one by one with a "Page X of Y" footer.

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

from app.reports.model import Block, PageBreak, Progress, Report, Table, no_progress
from app.reports.render_html import block_html
from app.reports.safe_text import clean_report, continue_long_cells, metadata

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QTextDocument

MARGIN_MM = 15.0
FOOTER_PX = 28
DOCUMENT_ID = "{6c1d2f3e-7a8b-4c5d-9e0f-a1b2c3d4e5f6}"
QT_CSS = """
body { font-family: Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif; font-size: 9.5pt; }
h1 { font-size: 16pt; color: #1F3A5F; } h2 { font-size: 12.5pt; color: #1F3A5F; }
h3 { font-size: 11pt; color: #1F3A5F; }
th, td { font-size: 8pt; vertical-align: top; }
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


def _runs(report: Report) -> list[tuple[bool, list[Block]]]:
    runs: list[tuple[bool, list[Block]]] = []
    for block in report.blocks:
        if isinstance(block, PageBreak):
            runs.append((report.landscape, []))
            continue
        landscape = report.landscape or (isinstance(block, Table) and block.landscape)
        if not runs or runs[-1][0] != landscape:
            runs.append((landscape, []))
        runs[-1][1].append(block)
    return [(landscape, blocks) for landscape, blocks in runs if blocks]


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
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUuid
    from PySide6.QtGui import (
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
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
    documents = []
    for landscape, blocks in _runs(report):
        area = layout(landscape).paintRectPixels(writer.resolution())
        document = QTextDocument()
        document.setDefaultFont(_body_font())
        document.setDefaultStyleSheet(QT_CSS)
        document.setDocumentMargin(0)
        document.setHtml(
            "<html><body>" + "".join(block_html(b, for_qt=True) for b in blocks) + "</body></html>"
        )
        body = QSizeF(area.width(), area.height() - FOOTER_PX)
        document.setPageSize(body)
        documents.append((landscape, document, body))
    total = sum(document.pageCount() for _l, document, _b in documents)

    writer.setPageLayout(layout(documents[0][0] if documents else False))
    painter = QPainter(writer)
    footer_font = QFont("Arial", 8)
    number = 0
    for landscape, document, body in documents:
        for page in range(document.pageCount()):
            progress(number, total)
            if number > 0:
                writer.setPageLayout(layout(landscape))
                writer.newPage()
            number += 1
            painter.save()
            painter.translate(0, -page * body.height())
            document.drawContents(
                painter, QRectF(0, page * body.height(), body.width(), body.height())
            )
            painter.restore()
            painter.setFont(footer_font)
            painter.drawText(
                QRectF(0, body.height(), body.width(), FOOTER_PX),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                f"Page {number} of {total}",
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
