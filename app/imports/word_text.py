"""A table cell's words as the page shows them: paragraphs, line breaks, bullets and
symbol-font characters.

Word's own ``text`` properties lose what a report depends on: a ``w:sym`` judgement glyph
is dropped, a Wingdings "l" stays an "l", a bullet that Word numbers is not text at all, and
a text box's words appear twice (its drawing and its fallback). So the cell is walked here,
run by run, with lxml, which is also several times faster than python-docx's proxies for the
few hundred cells of a report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from app.imports.symbol_fonts import PRIVATE_USE, font_key, is_symbol_font, symbol_char

NOT_MAPPED = "\ufffd"  # what a symbol shows as when its font's character is not known
BULLET = "• "  # the programme's own mark for a bulleted line (app/reports/layouts/shared.py)

W_P = qn("w:p")
W_R = qn("w:r")
W_T = qn("w:t")
W_TAB = qn("w:tab")
W_BR = qn("w:br")
W_CR = qn("w:cr")
W_SYM = qn("w:sym")
W_HYPHEN = qn("w:noBreakHyphen")
W_RPR = qn("w:rPr")
W_PPR = qn("w:pPr")
W_FONTS = qn("w:rFonts")
W_B = qn("w:b")
W_VANISH = qn("w:vanish")
W_NUMPR = qn("w:numPr")
W_NUMID = qn("w:numId")
W_ILVL = qn("w:ilvl")
W_PSTYLE = qn("w:pStyle")
W_VAL = qn("w:val")
W_FONT = qn("w:font")
W_CHAR = qn("w:char")
W_ASCII = qn("w:ascii")
W_HANSI = qn("w:hAnsi")
W_CS = qn("w:cs")
# Not the cell's own words: deleted or moved-away text, text boxes and drawings (whose words
# Word keeps twice), nested tables (read, if at all, as tables of their own), field codes.
SKIPPED = {
    qn(tag)
    for tag in (
        "w:del",
        "w:moveFrom",
        "w:tbl",
        "w:drawing",
        "w:pict",
        "w:object",
        "w:txbxContent",
        "w:instrText",
        "w:rPr",
        "w:pPr",
        "w:tcPr",
    )
} | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
FALSE = {"0", "false", "off", "none"}
BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class CellText:
    """A cell's paragraphs, each with its line breaks as "\\n" and bullets as "• "."""

    paragraphs: list[str]
    first_bold: bool = False  # the first paragraph is all bold: a title above a description
    unmapped: list[tuple[str, int]] = field(default_factory=list)  # (font, code) not known

    @property
    def text(self) -> str:
        """Paragraphs separated by a blank line, as the programme keeps narrative; a bullet
        stays on the line after the paragraph it belongs to."""
        parts: list[str] = []
        for paragraph in self.paragraphs:
            if parts:
                parts.append("\n" if paragraph.startswith(BULLET) else "\n\n")
            parts.append(paragraph)
        return BLANK_LINES.sub("\n\n", "".join(parts)).strip()


EMPTY = CellText([])


def on(element: Any) -> bool:
    """A Word on/off property: present, and not switched off by its value."""
    return element is not None and (element.get(W_VAL) or "true").lower() not in FALSE


def safe_int(value: str | None, default: int, *, low: int = 0, high: int = 10_000) -> int:
    """An integer attribute of a file that may be damaged: out of range or not a number is
    the default, never an exception."""
    try:
        number = int(value or "")
    except ValueError:
        return default
    return number if low <= number <= high else default


class Numbering:
    """Which list paragraphs are bulleted: their bullet is Word's numbering, not text."""

    def __init__(self, numbering: Any) -> None:
        formats: dict[str, dict[str, str]] = {}
        self.bulleted: set[tuple[str, str]] = set()
        if numbering is None:
            return
        for abstract in numbering.iterchildren(qn("w:abstractNum")):
            levels = formats.setdefault(abstract.get(qn("w:abstractNumId")) or "", {})
            for level in abstract.iterchildren(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                if fmt is not None:
                    levels[level.get(qn("w:ilvl")) or "0"] = fmt.get(W_VAL) or ""
        for num in numbering.iterchildren(qn("w:num")):
            abstract_id = num.find(qn("w:abstractNumId"))
            if abstract_id is None:
                continue
            for ilvl, fmt in formats.get(abstract_id.get(W_VAL) or "", {}).items():
                if fmt == "bullet":
                    self.bulleted.add((num.get(qn("w:numId")) or "", ilvl))

    def is_bullet(self, ppr: Any) -> bool:
        if ppr is None:
            return False
        style = ppr.find(W_PSTYLE)
        if style is not None and (style.get(W_VAL) or "").startswith("ListBullet"):
            return True
        numpr = ppr.find(W_NUMPR)
        if numpr is None:
            return False
        num_id, ilvl = numpr.find(W_NUMID), numpr.find(W_ILVL)
        key = (
            num_id.get(W_VAL) if num_id is not None else "",
            ilvl.get(W_VAL) if ilvl is not None else "0",
        )
        return (key[0] or "", key[1] or "0") in self.bulleted


class _Paragraph:
    """The words of one paragraph being read, and whether every run with words was bold."""

    def __init__(self, cell: CellText) -> None:
        self.cell = cell
        self.pieces: list[str] = []
        self.bold = True
        self.any_text = False

    def run(self, run: Any) -> None:
        rpr = run.find(W_RPR)
        font = None
        bold = False
        if rpr is not None:
            if on(rpr.find(W_VANISH)):
                return  # hidden text is not on the page
            fonts = rpr.find(W_FONTS)
            if fonts is not None:
                font = fonts.get(W_ASCII) or fonts.get(W_HANSI) or fonts.get(W_CS)
            bold = on(rpr.find(W_B))
        symbol_font = is_symbol_font(font)
        for child in run:
            tag = child.tag
            if tag == W_T:
                text = child.text or ""
                if text:
                    self.words(self.symbols(text, font) if symbol_font else self.pua(text), bold)
            elif tag == W_TAB:
                self.pieces.append("\t")
            elif tag in (W_BR, W_CR):
                self.pieces.append("\n")
            elif tag == W_SYM:
                code = safe_int_hex(child.get(W_CHAR))
                sym_font = child.get(W_FONT) or font
                self.words(self.symbol(sym_font, code), bold)
            elif tag == W_HYPHEN:
                self.words("-", bold)

    def words(self, text: str, bold: bool) -> None:
        self.pieces.append(text)
        if text.strip():
            self.any_text = True
            self.bold = self.bold and bold

    def symbol(self, font: str | None, code: int) -> str:
        mapped = symbol_char(font, code)
        if mapped is None:
            self.cell.unmapped.append((font or "", code))  # "": the run names no font
            return NOT_MAPPED
        return mapped

    def symbols(self, text: str, font: str | None) -> str:
        return "".join(self.symbol(font, ord(c)) if not c.isspace() else c for c in text)

    def pua(self, text: str) -> str:
        """A symbol font's private-use code in a run that does not name its font (the font
        set by a style): which picture it is depends on the font, so it is reported rather
        than guessed (Wingdings and Wingdings 3 draw different shapes for the same code)."""
        if not any(ord(c) in PRIVATE_USE for c in text):
            return text
        return "".join(self.symbol(None, ord(c)) if ord(c) in PRIVATE_USE else c for c in text)


def safe_int_hex(value: str | None) -> int:
    try:
        return int(value or "", 16)
    except ValueError:
        return -1


def _walk(element: Any, paragraph: _Paragraph) -> None:
    for child in element:
        tag = child.tag
        if tag == W_R:
            paragraph.run(child)
        elif tag not in SKIPPED and isinstance(tag, str):
            _walk(child, paragraph)  # hyperlinks, insertions, smart tags, content controls


def _paragraphs(container: Any) -> Iterable[Any]:
    """The paragraphs directly in a cell, including those inside content controls."""
    for child in container:
        tag = child.tag
        if tag == W_P:
            yield child
        elif tag not in SKIPPED and isinstance(tag, str):
            yield from _paragraphs(child)


def cell_text(tc: Any, numbering: Numbering) -> CellText:
    cell = CellText([])
    bold_flags: list[bool] = []
    for p in _paragraphs(tc):
        reading = _Paragraph(cell)
        _walk(p, reading)
        text = "".join(reading.pieces).strip()
        if not text:
            continue  # an empty paragraph is spacing, not content
        if numbering.is_bullet(p.find(W_PPR)) and not text.startswith(("•", "·", "-", "–")):
            text = BULLET + text
        cell.paragraphs.append(text)
        bold_flags.append(reading.any_text and reading.bold)
    cell.first_bold = bool(bold_flags) and bold_flags[0]
    return cell


def font_name(font: str) -> str:
    """A font as the user knows it, for notes ("Wingdings 3")."""
    key = font_key(font)
    match = re.fullmatch(r"wingdings(\d)", key)
    return f"Wingdings {match.group(1)}" if match else font
