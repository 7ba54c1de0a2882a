"""One self-contained HTML file: styles inline, no scripts, every piece of user text escaped.

Text is first cleaned (app.reports.safe_text): characters HTML cannot hold become U+FFFD and
bidirectional overrides are closed. Each cell, heading and paragraph is its own block, so
right-to-left text cannot reorder anything beyond it; the one line that joins several pieces
of text (organisation · subtitle · date) isolates each in ``<bdi>``.

Also the source the PDF renderer lays out with Qt (``for_qt=True`` keeps to the HTML subset
QTextDocument understands)."""

from __future__ import annotations

import re
from html import escape

from app.core.dates import format_date
from app.reports.model import (
    Block,
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
from app.reports.safe_text import clean_report

CSS = """
body { font-family: Arial, "Liberation Sans", sans-serif; font-size: 10.5pt; color: #111;
       max-width: 1200px; margin: 2em auto; padding: 0 1em; line-height: 1.35; }
h1 { font-size: 18pt; color: #1F3A5F; } h2 { font-size: 13pt; color: #1F3A5F; }
h3 { font-size: 11.5pt; color: #1F3A5F; }
table { border-collapse: collapse; width: 100%; margin: 0.3em 0 1.2em; font-size: 9pt; }
th, td { border: 1px solid #777; padding: 3px 5px; vertical-align: top; text-align: left; }
thead th { background: #D9E2F3; }
caption { text-align: left; font-weight: bold; padding: 0.4em 0; }
.centre { text-align: center; } .small { font-size: 9pt; }
.glyph { font-size: 12pt; font-weight: bold; }
.name { display: block; font-size: 7.5pt; }
.key .name { display: inline; font-size: inherit; }
.meta { color: #444; }
"""


# Qt breaks a line inside one unbroken run of characters in time that grows with the square of
# its length (13 s for 1,000,000 characters; 0.2 s with a line break every 10,000).
_UNBROKEN = re.compile(r"\S{2000}(?=\S)")


def _text(text: str, for_qt: bool = False) -> str:
    """Escape, keeping line breaks. For Qt, a run of more than 2,000 characters without a
    space is broken into lines of 2,000 (it is wrapped within the page anyway)."""
    if for_qt and len(text) > 2000:
        text = _UNBROKEN.sub(lambda match: match.group() + "\n", text)
    return "<br>".join(escape(line, quote=True) for line in text.split("\n"))


def _mark(mark: Mark, *, beside: bool = False) -> str:
    name = escape(mark.name, quote=True)
    glyph = (
        f'<span class="glyph" style="color:{escape(mark.colour, quote=True)}" '
        f'aria-hidden="true">{escape(mark.glyph, quote=True)}</span>'
    )
    joiner = " " if beside else ""
    return f'{glyph}{joiner}<span class="name">{name}</span>'


def _cell(cell: Cell, tag: str, for_qt: bool) -> str:
    if tag == "th" and not for_qt and not cell.text and cell.mark is None:
        tag = "td"  # a blank under a heading spanning rows: a header with no words misleads
    attributes = []
    if cell.colspan > 1:
        attributes.append(f'colspan="{cell.colspan}"')
    if tag == "th":
        attributes.append('scope="col"' if cell.colspan == 1 else 'scope="colgroup"')
    classes = []
    if cell.align == "centre":
        classes.append("centre")
        if for_qt:
            attributes.append('align="center"')
    if classes:
        attributes.append(f'class="{" ".join(classes)}"')
    if cell.shade:
        attributes.append(
            f'style="background:{escape(cell.shade, quote=True)}"'
            if not for_qt
            else f'bgcolor="{escape(cell.shade, quote=True)}"'
        )
    if cell.mark is not None and cell.text in ("", cell.mark.glyph, cell.mark.name):
        body = _mark(cell.mark)
        if for_qt:
            body = (
                f'<span style="color:{escape(cell.mark.colour, quote=True)}; font-size:12pt; '
                f'font-weight:bold">'
                f'{escape(cell.mark.glyph)}</span><br><span style="font-size:6.5pt">'
                f"{escape(cell.mark.name)}</span>"
            )
    else:
        body = _text(cell.text, for_qt)
        if cell.bold and tag != "th":
            body = f"<b>{body}</b>"
    joined = (" " + " ".join(attributes)) if attributes else ""
    return f"<{tag}{joined}>{body}</{tag}>"


def _qt_table(ruled: bool) -> str:
    """Qt's table tag. ``ruled=False`` leaves the lines to the caller: the PDF draws its grid
    itself (app.reports.pdf_pages), as Qt's own borders were a fifth of the PDF's time."""
    return f'<table cellspacing="0" cellpadding="3" border="{int(ruled)}" width="100%">'


def table_html(table: Table, *, for_qt: bool = False, ruled: bool = True) -> str:
    parts = [_qt_table(ruled) if for_qt else "<table>"]
    if table.caption:
        parts.append(f"<caption>{escape(table.caption, quote=True)}</caption>")
    if table.header:
        parts.append("<thead>")
        for row in table.header:
            parts.append(
                "<tr>"
                + "".join(
                    _cell(cell, "th", for_qt)
                    if not for_qt
                    else _cell(
                        Cell(
                            cell.text,
                            True,
                            cell.mark,
                            cell.colspan,
                            cell.shade or "#D9E2F3",
                            cell.align,
                        ),
                        "th",
                        for_qt,
                    )
                    for cell in row
                )
                + "</tr>"
            )
        parts.append("</thead>")
    parts.append("<tbody>")
    for row in table.rows:
        parts.append("<tr>" + "".join(_cell(cell, "td", for_qt) for cell in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def block_html(block: Block, *, for_qt: bool = False, ruled: bool = True) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 3)
        return f"<h{level}>{escape(block.text, quote=True)}</h{level}>"
    if isinstance(block, Paragraph):
        body = _text(block.text, for_qt)
        if block.bold:
            body = f"<b>{body}</b>"
        return f'<p class="small">{body}</p>' if block.small else f"<p>{body}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_text(item, for_qt)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Key):
        items = "".join(
            f"<li>{_mark(mark, beside=True)}"
            + (
                f" – {escape(mark.meaning, quote=True)}"
                if mark.meaning and mark.meaning != mark.name
                else ""
            )
            + "</li>"
            for mark in block.marks
        )
        return f'<p><b>{escape(block.title, quote=True)}</b></p><ul class="key">{items}</ul>'
    if isinstance(block, Fields):
        rows = "".join(
            f'<tr><th scope="row">{_text(label, for_qt)}</th><td>{_text(value, for_qt)}</td></tr>'
            for label, value in block.rows
        )
        if for_qt:
            return f"{_qt_table(ruled)}{rows}</table>"
        return f'<table class="fields">{rows}</table>'
    if isinstance(block, Table):
        return table_html(block, for_qt=for_qt, ruled=ruled)
    if isinstance(block, Image):
        import base64

        data = base64.b64encode(block.png).decode("ascii")
        alt = escape(block.alt, quote=True)
        width = int(block.width_mm * 3.78)
        return (
            f'<p><img src="data:image/png;base64,{data}" alt="{alt}" width="{width}"></p>'
            f'<p class="small">{alt}</p>'
        )
    if isinstance(block, PageBreak):
        return '<hr style="page-break-after: always">' if not for_qt else ""
    raise TypeError(block)


def render(report: Report, progress: Progress = no_progress) -> bytes:
    progress(0, 1)
    report = clean_report(report)
    title = escape(report.title, quote=True)
    meta = " · ".join(
        f"<bdi>{escape(part, quote=True)}</bdi>"
        for part in (report.organisation, report.subtitle, format_date(report.date))
        if part
    )
    body = "\n".join(block_html(block) for block in report.blocks)
    page = (
        f'<!DOCTYPE html>\n<html lang="{escape(report.language, quote=True)}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header><p class="meta">{meta}</p></header>\n<main>\n{body}\n</main>\n'
        "</body>\n</html>\n"
    )
    return page.encode("utf-8")
