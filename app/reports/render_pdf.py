"""PDF through Qt's own text layout and PDF writer (QTextLayout, QTextDocument, QPdfWriter).

The report's blocks are laid out in runs: portrait blocks on A4 portrait pages, wide tables
(with the heading and key that introduce them, app.reports.pagination) on A4 landscape
pages, a run ending at a page break. A table is laid out cell by cell at the columns Word
gets (app.reports.pdf_table), any other block as a QTextDocument of its own, and the blocks
are cut into pages by app.reports.pdf_pages: a table between its rows with its header rows
again at the top of the next page, a heading or key kept with what follows. Each page has
the report's title and period and "Page X of Y" in its footer.

This module uses QtGui (no widgets): a QGuiApplication is started if none is running, on
the offscreen platform when there is no display, so ``python -m app export`` works headless.

Text is cleaned first, and a very long table cell is continued after its table
(app.reports.safe_text): Qt draws a table cell whole for every page it spans, so a cell of a
million characters (hundreds of pages) took minutes and made a PDF of hundreds of megabytes.

Pages are painted as soon as they are full, so only a page's worth of laid-out blocks is
held; the page numbers and the reproducible dates are written into the bytes afterwards
(app.reports.pdf_bytes).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from app.reports.model import Block, Progress, Report, Table, no_progress
from app.reports.pagination import footer_text, runs
from app.reports.pdf_bytes import Stamp, reproducible, stamp_page_numbers
from app.reports.pdf_pages import Piece, make_piece, paginate, paint, table_piece
from app.reports.pdf_table import Fonts
from app.reports.render_html import block_html
from app.reports.safe_text import clean_report, continue_long_cells, metadata

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtGui import QFont, QPageLayout, QPainter, QTextDocument

# Word's page and type (render_docx): the same margins and sizes, so the two formats page
# alike (issue 18: within a page of each other).
MARGIN_MM = 18.0
FOOTER_PX = 28
FOOTER_PT = 7
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
    search or a screen reader found "beneﬁts" and not "benefits". Nor is Latin text shaped
    (no kerning, as Word sets type unless told to kern): a tenth of the PDF's time."""
    from PySide6.QtGui import QFont

    font = QFont("Arial", 9)
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


def render(report: Report, progress: Progress = no_progress) -> bytes:
    ensure_gui_application()
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt, QUuid
    from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter

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

    # Each page is painted as soon as it is full and what it used is freed; the footer's
    # "Page X of Y" is stamped afterwards, when Y is known (app.reports.pdf_bytes).
    font = _body_font()
    fonts = Fonts(font)
    footer_font = QFont("Arial", FOOTER_PT)
    footer = footer_text(report)
    laid_out = list(runs(report))
    blocks_total = sum(len(blocks) for _, blocks in laid_out)
    blocks_done = 0

    def pieces(blocks: list[Block], width: float) -> Iterator[Piece]:
        nonlocal blocks_done
        for block in blocks:
            progress(blocks_done, blocks_total)
            if isinstance(block, Table):
                yield table_piece(block, width, fonts)
            else:
                html = block_html(block, for_qt=True, ruled=False)
                yield make_piece(block, html, width, font, QT_CSS)
            blocks_done += 1

    painter: QPainter | None = None
    stamps: list[Stamp] = []
    for landscape, blocks in laid_out:
        page_layout = layout(landscape)
        area = page_layout.paintRectPixels(writer.resolution())
        width, height = area.width(), area.height() - FOOTER_PX
        for page in paginate(pieces(blocks, width), height):
            writer.setPageLayout(page_layout)
            if painter is None:
                painter = QPainter(writer)
                metrics = QFontMetricsF(footer_font, writer)
            else:
                writer.newPage()
            paint(painter, page, width)
            painter.setFont(footer_font)
            line = metrics.lineSpacing()
            painter.drawText(
                QRectF(0, height, width, FOOTER_PX - line),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                footer,
            )
            stamps.append(_stamp(page_layout, width, height + FOOTER_PX - metrics.descent()))
    if painter is None:  # nothing to print: one empty page, as Qt's own would be
        writer.setPageLayout(layout(False))
        painter = QPainter(writer)
    painter.end()
    buffer.close()
    progress(blocks_total, blocks_total)
    return stamp_page_numbers(reproducible(bytes(buffer.data().data()), report.date), stamps)


def _stamp(page_layout: QPageLayout, width_px: float, baseline_px: float) -> Stamp:
    """Where the page number's line goes, from where Qt paints (pixels at 96 dpi from the
    printable area's top left) to PDF's points from the page's bottom left (Qt's page
    transform: its margins whole points)."""
    printable = page_layout.paintRectPoints()
    page_height = page_layout.fullRectPoints().height()
    return Stamp(
        centre_x=printable.x() + width_px * 0.75 / 2,
        baseline_y=page_height - printable.y() - baseline_px * 0.75,
        size_pt=FOOTER_PT,
    )
