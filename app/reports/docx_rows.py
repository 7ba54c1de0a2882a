"""A Word table's rows as XML, written with plain lxml (render_docx writes the rest of the
document with python-docx).

python-docx's element helpers cost about 40 µs an element, which for a 1,000-action report
was most of the time; and a 50,000-action report's rows held as one tree took 1.6 GB. So a
table's body rows are not added to the document at all: render_docx leaves a marker in the
table (:class:`Later`) and, when it rewrites the saved package, :func:`stream_rows` builds
each row, writes it and drops it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from app.reports.model import Cell

SYMBOL_FONT = "Segoe UI Symbol"  # on every Windows since 7; LibreOffice substitutes elsewhere
PIECE = 100_000  # characters of text in one w:t element
# A row with more characters in a cell than a page holds cannot be kept on one page; told to,
# LibreOffice lays it out for minutes. So only rows shorter than this are kept whole.
KEEP_WHOLE = 3_000


@dataclass
class Later:
    """A table's body rows, written after python-docx has saved the rest of the document:
    as an lxml tree, 50,000 actions' rows took 1.6 GB; written a row at a time into the
    package they take what one row takes."""

    marker: str  # the comment in the table that the rows replace
    rows: list[list[Cell]]
    twips: list[int]


# Tag names worked out once.
W = {
    name: qn(f"w:{name}")
    for name in (
        "tbl",
        "tr",
        "trPr",
        "tblHeader",
        "cantSplit",
        "tc",
        "tcPr",
        "tcW",
        "gridSpan",
        "shd",
        "p",
        "pPr",
        "spacing",
        "jc",
        "r",
        "rPr",
        "b",
        "sz",
        "szCs",
        "color",
        "rFonts",
        "t",
        "br",
        "tab",
        "w",
        "type",
        "val",
        "fill",
        "after",
        "ascii",
        "hAnsi",
        "cs",
        "eastAsia",
    )
}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _sub(parent: Any, name: str, **attributes: str) -> Any:
    element = etree.SubElement(parent, W[name])
    for key, value in attributes.items():
        element.set(W[key], value)
    return element


def _run(
    paragraph: Any,
    text: str,
    *,
    bold: bool = False,
    half_points: int | None = None,
    colour: str | None = None,
    font: str | None = None,
) -> Any:
    run = _sub(paragraph, "r")
    if bold or half_points or colour or font:
        rpr = _sub(run, "rPr")
        if font:
            _sub(rpr, "rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font)
        if bold:
            _sub(rpr, "b")
        if colour:
            _sub(rpr, "color", val=colour)
        if half_points:
            _sub(rpr, "sz", val=str(half_points))
            _sub(rpr, "szCs", val=str(half_points))
    for index, line in enumerate(text_lines(text)):
        if index:
            _sub(run, "br")
        text_pieces(run, line)
    return run


def write_row(table: Any, cells: list[Cell], twips: list[int], *, header: bool) -> None:
    tr = etree.SubElement(table, W["tr"])
    tr_pr = _sub(tr, "trPr")
    if header or max((len(cell.text) for cell in cells), default=0) <= KEEP_WHOLE:
        _sub(tr_pr, "cantSplit")  # a row is never parted from its mark
    if header:
        _sub(tr_pr, "tblHeader")
    column = 0
    for cell in cells:
        tc = _sub(tr, "tc")
        tc_pr = _sub(tc, "tcPr")
        span = min(cell.colspan, len(twips) - column)
        _sub(tc_pr, "tcW", w=str(sum(twips[column : column + span])), type="dxa")
        if span > 1:
            _sub(tc_pr, "gridSpan", val=str(span))
        shade = cell.shade or ("#D9E2F3" if header else None)
        if shade:
            shd = _sub(tc_pr, "shd", val="clear", fill=shade.lstrip("#").upper())
            shd.set(W["color"], "auto")
        column += span
        paragraph = _sub(tc, "p")
        ppr = _sub(paragraph, "pPr")
        _sub(ppr, "spacing", after="0")
        if cell.align == "centre":
            _sub(ppr, "jc", val="center")
        mark = cell.mark
        if mark is not None and cell.text in ("", mark.glyph, mark.name):
            glyph = _run(
                paragraph,
                mark.glyph,
                bold=True,
                half_points=24,
                colour=mark.colour.lstrip("#").upper(),
                font=SYMBOL_FONT,
            )
            _sub(glyph, "br")
            _run(paragraph, mark.name, half_points=14)
        elif cell.text:
            _run(paragraph, cell.text, bold=cell.bold or header, half_points=18)
    while column < len(twips):  # a short row is padded, so the grid stays rectangular
        tc = _sub(tr, "tc")
        _sub(_sub(tc, "tcPr"), "tcW", w=str(twips[column]), type="dxa")
        _sub(tc, "p")
        column += 1


def text_lines(text: str) -> list[str]:
    """A carriage return is a line break in Word, as in python-docx's own ``run.text``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def text_pieces(run: Any, line: str) -> None:
    """One line of text into a run: a ``w:tab`` for each tab, the rest in ``w:t`` elements of
    at most :data:`PIECE` characters."""
    for number, part in enumerate(line.split("\t")):
        if number:
            etree.SubElement(run, W["tab"])
        for start in range(0, len(part), PIECE):
            t = etree.SubElement(run, W["t"])
            t.text = part[start : start + PIECE]
            if t.text[:1].isspace() or t.text[-1:].isspace():
                t.set(XML_SPACE, "preserve")


W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_NAMESPACE = f' xmlns:w="{W_URI}"'


def stream_rows(stream: Any, table: Later) -> None:
    """The rows as XML, each built, written and dropped; the namespace the document declares
    once is not declared again on every row."""
    holder = etree.Element(W["tbl"], nsmap={"w": W_URI})
    for cells in table.rows:
        write_row(holder, cells, table.twips, header=False)
        written = holder[0]
        xml = etree.tostring(written, encoding="utf-8")
        stream.write(xml.replace(W_NAMESPACE.encode(), b"", 1))
        holder.remove(written)
