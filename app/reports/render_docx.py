"""Word (.docx) with python-docx: A4, council styling, accessible, byte-for-byte reproducible.

* Header rows are marked ``w:tblHeader``: Word repeats them on every page and screen
  readers announce them as headers. Real heading styles, document title and language (en-GB)
  are set; every symbol is followed by its name in small text, so no meaning is carried by
  colour or shape alone, and each report has a key.
* Wide tables go in landscape sections, with the heading and key that introduce them
  (app.reports.pagination); every section's footer shows the report's title and period and
  "Page X of Y". A row cannot split across pages (so a mark stays with its action) unless a
  cell holds more than a page; captions and keys are kept with what follows them.
* Rows are built directly as XML (app.reports.docx_rows): python-docx's ``Table.cell()``/
  ``row.cells`` rebuild the whole grid on every call, which makes a 1,000-row table take
  minutes; a table's body rows are written into the package when it is rewritten below.
* Text is cleaned first (app.reports.safe_text): characters XML cannot hold become U+FFFD,
  and a table cell of more than 10,000 characters is continued after its table (a cell of
  hundreds of pages took LibreOffice minutes to lay out). Long text is written in pieces of
  at most 100,000 characters (one ``w:t`` each, in the same run), so no text node passes
  libxml2's 10 MB limit and the file opens in every reader; a paragraph of more than 10,000
  characters is written as several (LibreOffice lays out one huge paragraph very slowly).
  Document properties hold at most 255 characters; the full title is in the document.
* python-docx stamps every zip entry with the current time, and the core properties with
  now: both are fixed (to the report's date), so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from app.reports.docx_rows import (
    SYMBOL_FONT,
    Later,
    stream_rows,
    text_lines,
    text_pieces,
    write_row,
)
from app.reports.model import (
    Bullets,
    Cell,
    Fields,
    Heading,
    Image,
    Key,
    Mark,
    PageBreak,
    Paragraph,
    Progress,
    Report,
    Table,
    no_progress,
)
from app.reports.pagination import footer_text, orientations
from app.reports.safe_text import clean_report, continue_long_cells, metadata
from app.reports.widths import fitted_widths

BODY_FONT = "Arial"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
A4 = (Mm(210), Mm(297))
MARGIN = Mm(18)
PARAGRAPH_LIMIT = 10_000  # characters of one paragraph of body text


def render(report: Report, progress: Progress = no_progress) -> bytes:
    report = continue_long_cells(clean_report(report))
    document = Document()
    _styles(document, report.language)
    _metadata(document, report)
    section = document.sections[0]
    _page(section, landscape=report.landscape)
    _footer(section, footer_text(report))
    landscape = report.landscape
    total = len(report.blocks)
    # The orientation of each block, a wide table's heading and key with it (pagination.py).
    chosen = orientations(report)
    later: list[Later] = []  # tables' body rows, written straight into the package at the end
    for done, (block, wants_landscape) in enumerate(zip(report.blocks, chosen, strict=True)):
        progress(done, total)
        if wants_landscape != landscape:
            section = document.add_section(WD_SECTION.NEW_PAGE)
            _page(section, landscape=wants_landscape)
            landscape = wants_landscape
        _block(document, block, section, later)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), later)


# --- document set-up -------------------------------------------------------------------------


def _styles(document: Any, language: str) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5)):
        style = styles[name]
        style.font.name = BODY_FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        # python-docx's template gives headings the theme's font (Cambria), which Word
        # prefers to a named one: without this the headings were not in Arial.
        fonts = style.element.rPr.find(qn("w:rFonts"))
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:cs"), BODY_FONT)
    caption = styles["Caption"]
    caption.font.name = BODY_FONT
    caption.font.size = Pt(10)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = RGBColor(0, 0, 0)
    # The language of every run, for spelling and for screen readers.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), BODY_FONT)


def _metadata(document: Any, report: Report) -> None:
    stamp = dt.datetime.combine(report.date, dt.time(9, 0))
    props = document.core_properties
    props.title = metadata(report.title)
    props.subject = metadata(report.subtitle)
    props.author = metadata(report.organisation or "Programme Tracker")
    props.last_modified_by = "Programme Tracker"
    props.language = report.language
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.keywords = "performance report"
    props.category = report.layout  # how an import knows our own report's headings
    props.comments = ""


def _page(section: Any, *, landscape: bool) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def _field(paragraph: Any, instruction: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._r.append(element)


def _footer(section: Any, text: str) -> None:
    """Every section links to the first one's footer: the title and period, then the page."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    words = paragraph.add_run(text)
    words.font.size = Pt(8)
    words.add_break()
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _fixed_zip(data: bytes, later: list[Later]) -> bytes:
    """Rewrite the package with fixed entry times, in the same order, writing the tables'
    body rows into the document where their markers are."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            if info.filename != "word/document.xml" or not later:
                target.writestr(fixed, source.read(info.filename))
                continue
            text = source.read(info.filename).decode("utf-8")
            with target.open(fixed, "w") as stream:
                for table in later:
                    before, text = text.split(table.marker, 1)
                    stream.write(before.encode("utf-8"))
                    stream_rows(stream, table)
                stream.write(text.encode("utf-8"))
    return out.getvalue()


# --- blocks ----------------------------------------------------------------------------------


def _text_into(paragraph: Any, text: str, *, bold: bool = False, size: float | None = None) -> None:
    """Add text keeping line breaks (a milestone per line) and tabs, long text in pieces."""
    lines = text_lines(text)
    for index, line in enumerate(lines):
        run = paragraph.add_run()
        text_pieces(run._r, line)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if index < len(lines) - 1:
            run.add_break()


def _paragraph_parts(text: str) -> list[str]:
    """Very long text as several paragraphs of at most :data:`PARAGRAPH_LIMIT` characters,
    each ending at a space where there is one; joined, they are the text again. LibreOffice
    took 79 s to lay out one paragraph of 1,000,000 characters and 2.4 s for 100 of 10,000."""
    parts = []
    while len(text) > PARAGRAPH_LIMIT:
        cut = text.rfind(" ", PARAGRAPH_LIMIT - 200, PARAGRAPH_LIMIT) + 1 or PARAGRAPH_LIMIT
        parts.append(text[:cut])
        text = text[cut:]
    parts.append(text)
    return parts


def _mark_into(
    paragraph: Any, mark: Mark, *, size: float = 12, name_size: float = 7, beside: bool = False
) -> None:
    glyph = paragraph.add_run(mark.glyph)
    glyph.bold = True
    glyph.font.size = Pt(size)
    glyph.font.name = SYMBOL_FONT
    glyph.font.color.rgb = RGBColor.from_string(mark.colour.lstrip("#").upper())
    if beside:
        name = paragraph.add_run(f"  {mark.name}")
    else:
        glyph.add_break()
        name = paragraph.add_run(mark.name)
    name.font.size = Pt(name_size)


def _block(document: Any, block: Any, section: Any, later: list[Later]) -> None:
    if isinstance(block, Heading):
        _text_into(document.add_heading("", level=min(max(block.level, 1), 3)), block.text)
    elif isinstance(block, Paragraph):
        for part in _paragraph_parts(block.text):
            paragraph = document.add_paragraph()
            _text_into(paragraph, part, bold=block.bold, size=9 if block.small else None)
    elif isinstance(block, Bullets):
        for item in block.items:
            _text_into(document.add_paragraph(style="List Bullet"), item)
    elif isinstance(block, Key):
        caption = document.add_paragraph(style="Caption")
        caption.paragraph_format.keep_with_next = True  # a key is never left on its own
        _text_into(caption, block.title)
        for mark in block.marks:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(2)
            paragraph.paragraph_format.keep_with_next = True
            _mark_into(paragraph, mark, size=11, name_size=10, beside=True)
            if mark.meaning and mark.meaning != mark.name:
                _text_into(paragraph, f" – {mark.meaning}")
    elif isinstance(block, Fields):
        _table(
            document,
            Table(
                caption=None,
                header=[],
                widths=[1, 2],
                rows=[[Cell(label, bold=True), Cell(value)] for label, value in block.rows],
            ),
            section,
            later,
        )
    elif isinstance(block, Table):
        _table(document, block, section, later)
    elif isinstance(block, PageBreak):
        document.add_page_break()
    elif isinstance(block, Image):
        document.add_picture(io.BytesIO(block.png), width=Mm(block.width_mm))
        picture = document.paragraphs[-1]._p
        for properties in picture.iter(qn("wp:docPr")):
            properties.set("descr", block.alt)  # alt text: the chart in words
            properties.set("name", block.alt[:60])
        _text_into(document.add_paragraph(), block.alt, size=8.5)


def _set(element: Any, tag: str, **attributes: str) -> Any:
    child = OxmlElement(tag)
    for key, value in attributes.items():
        child.set(qn(f"w:{key}"), value)
    element.append(child)
    return child


def _table(document: Any, table: Table, section: Any, later: list[Later]) -> None:
    if table.caption:
        caption = document.add_paragraph(style="Caption")
        caption.paragraph_format.keep_with_next = True
        _text_into(caption, table.caption)
    columns = len(table.widths)
    docx_table = document.add_table(rows=0, cols=columns)
    docx_table.style = document.styles["Table Grid"]
    docx_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    usable = section.page_width - section.left_margin - section.right_margin
    # Widths from content (app/reports/widths.py): no word broken inside a column.
    twips = [int(w * 20) for w in fitted_widths(table, usable / 12700)]  # EMU → pt → twips
    grid = docx_table._tbl.tblGrid
    for col, width in zip(grid.iter(qn("w:gridCol")), twips, strict=False):
        col.set(qn("w:w"), str(width))
    tbl_pr = docx_table._tbl.tblPr
    _set(tbl_pr, "w:tblLayout", type="fixed")
    if table.caption:
        _set(tbl_pr, "w:tblCaption", val=table.caption[:255])
    for row in table.header:
        write_row(docx_table._tbl, row, twips, header=True)
    if table.rows:
        marker = f"pt-rows {len(later)}"
        docx_table._tbl.append(etree.Comment(marker))
        later.append(Later(f"<!--{marker}-->", table.rows, twips))
    document.add_paragraph()
