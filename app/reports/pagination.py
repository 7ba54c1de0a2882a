"""Which blocks share a page orientation, and what goes in the footer: one rule for Word and
PDF, so the two formats page alike.

A wide table is printed on landscape pages. The words that introduce it (its section's
heading, the paragraphs after it and the key of its symbols) go with it onto the landscape
page: left on the portrait page before, a key sat alone on a page of its own (issue 18).
"""

from __future__ import annotations

from app.core.dates import format_date
from app.core.labels import shorten
from app.reports.model import Block, Heading, Key, PageBreak, Paragraph, Report, Table

LEAD_IN = 6  # blocks at most that follow a table onto its landscape pages
FOOTER_LIMIT = 120  # characters of the title in the footer


def wants_landscape(report: Report, block: Block) -> bool:
    return report.landscape or (isinstance(block, Table) and block.landscape)


def orientations(report: Report) -> list[bool]:
    """Each block's orientation (True: landscape), lead-ins moved to their table's."""
    chosen = [wants_landscape(report, block) for block in report.blocks]
    for index, block in enumerate(report.blocks):
        if not (isinstance(block, Table) and chosen[index]) or report.landscape:
            continue
        start = index
        while start > 0 and index - start < LEAD_IN:
            before = report.blocks[start - 1]
            if not isinstance(before, Heading | Paragraph | Key) or chosen[start - 1]:
                break
            start -= 1
            if isinstance(before, Heading):
                break
        lead = report.blocks[start:index]
        if lead and (isinstance(lead[0], Heading) or isinstance(lead[-1], Key)):
            for moved in range(start, index):
                chosen[moved] = True
    return chosen


def runs(report: Report) -> list[tuple[bool, list[Block]]]:
    """The report's blocks in runs of one orientation; a page break starts a new run."""
    result: list[tuple[bool, list[Block]]] = []
    for block, landscape in zip(report.blocks, orientations(report), strict=True):
        if isinstance(block, PageBreak):
            result.append((report.landscape, []))
            continue
        if not result or result[-1][0] != landscape:
            result.append((landscape, []))
        result[-1][1].append(block)
    return [(landscape, blocks) for landscape, blocks in result if blocks]


def footer_text(report: Report) -> str:
    """What the footer says beside the page number: the report's title and period, so a
    page that comes loose from the report still says where it belongs."""
    title = shorten(report.title, FOOTER_LIMIT)  # on every page: a long title, once, is enough
    period = shorten(report.subtitle or format_date(report.date), 60)
    if not period or period in report.title:  # "Monitoring Report – May 2012" says it
        return title
    return f"{title} – {period}"
