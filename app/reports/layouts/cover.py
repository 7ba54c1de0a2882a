"""The rest of a committee report's first page, after its label rows, as seed 002 prints it:
the categorisation boxes, the Tracking/Process grid, the list of background papers and the
proper officer's signature lines.

Each part is printed when the report has something in it, so a council that keeps none of
them gets the first page it always had; a part that is printed is printed whole (every box,
every body), as the council's template does, so a blank says "not ticked" or "not yet".
The tables are marked ``cover``: Excel puts them on the cover sheet's sheet rather than a
sheet each.
"""

from __future__ import annotations

from app.core.cover_grid import CATEGORY_COLUMNS, TRACKING_BODIES
from app.read.documents import ReportRecord
from app.reports.model import Block, Cell, Fields, Table

TICK = "X"  # as the seed marks a box
CATEGORIES_CAPTION = "For Cabinet reports only: categorisation of the report"
TRACKING_CAPTION = "Tracking/Process"
PAPERS_CAPTION = (
    "List of Background Papers in accordance with Section 100D of the Local Government Act 1972"
)
PAPERS_HEADER = (
    "Title of document",
    "Which meeting did it go to?",
    "Date of meeting",
    "Copy available from?",
)


def cover_grid(record: ReportRecord) -> list[Block]:
    blocks: list[Block] = []
    if record.categories:
        blocks.append(_categories(set(record.categories)))
    if record.tracking:
        dates = dict(record.tracking)
        blocks.append(
            Table(
                caption=TRACKING_CAPTION,
                header=[[Cell(label, align="centre") for label in TRACKING_BODIES.values()]],
                rows=[[Cell(dates.get(body, ""), align="centre") for body in TRACKING_BODIES]],
                # a dated column wider, so that "17 August 2009" fits on one line
                widths=[1.8 if dates.get(body) else 1 for body in TRACKING_BODIES],
                sheet="Cover sheet",
                cover=True,
            )
        )
    if record.papers:
        blocks.append(
            Table(
                caption=PAPERS_CAPTION,
                header=[[Cell(text) for text in PAPERS_HEADER]],
                rows=[[Cell(text) for text in paper] for paper in record.papers],
                widths=[3, 2.2, 1.6, 3],
                sheet="Cover sheet",
                cover=True,
            )
        )
    if record.proper_officer or record.proper_officer_role:
        signed = "\n".join(w for w in (record.proper_officer, record.proper_officer_role) if w)
        blocks.append(Fields([("Proper Officer", signed), ("Date", "")]))
    return blocks


def _categories(ticked: set[str]) -> Table:
    """Two columns of boxes side by side, each box's label with its tick (or a blank)."""
    left, right = CATEGORY_COLUMNS
    rows = [
        [
            Cell(left_label),
            Cell(TICK if left_key in ticked else "", bold=True, align="centre"),
            Cell(right_label),
            Cell(TICK if right_key in ticked else "", bold=True, align="centre"),
        ]
        for (left_key, left_label), (right_key, right_label) in zip(left, right, strict=True)
    ]
    return Table(
        caption=CATEGORIES_CAPTION,
        header=[
            [
                Cell("Purpose of the report"),
                Cell("Ticked", align="centre"),
                Cell("The meeting is asked for"),
                Cell("Ticked", align="centre"),
            ]
        ],
        rows=rows,
        widths=[4, 1, 3, 1],
        sheet="Cover sheet",
        cover=True,
    )
