"""Issue 16's figures for trackers: a council's Excel tracker of 1,000 and of 5,000 actions
read, proposed into an empty programme, applied, and proposed again (the next quarter's copy,
which changes nothing). The reference is openpyxl loading the same workbook, which every
tracker import must pay: the ratio says how much our own work adds to it.

Run:  scripts/bench
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def tracker(path: Path, actions: int) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Housing tracker"])
    sheet.append([])
    sheet.append(
        [
            "Objective",
            "Workstream",
            "Action",
            "Lead",
            "Due date",
            "Status",
            "RAG",
            "Progress update",
        ]
    )
    for number in range(actions):
        sheet.append(
            [
                f"Objective {number // 500 + 1}",
                f"Workstream {number // 25 + 1}",
                f"Action {number + 1}",
                f"Officer {number % 40}",
                "Sep 25",
                "In progress",
                ("Green", "Amber", "Red")[number % 3],
                f"Progress on action {number + 1}, as the lead reported it this quarter.",
            ]
        )
    book.save(path)


T = TypeVar("T")


def timed(what: str, action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    took = time.perf_counter() - start
    print(f"  {what:<48} {took:7.2f} s")
    return took, result


def run(folder: Path, actions: int) -> None:
    """One size: every step timed, the proposal asserted to come back empty the second time."""
    from openpyxl import load_workbook

    from app.imports.apply import apply_import, undo_import
    from app.imports.proposal import Proposal, propose
    from app.imports.sheets import find_header, guess_mapping, read_grid, to_source
    from app.read.lookup import find_period
    from app.services import programmes
    from app.store.database import Database

    source = folder / f"tracker-{actions}.xlsx"
    tracker(source, actions)
    print(f"{actions:,} actions ({source.stat().st_size / 1e6:.1f} MB workbook)")
    reference, _ = timed(
        "reference: openpyxl loads the workbook", lambda: load_workbook(source, data_only=True)
    )
    read_time, grid = timed("read the grid (merges, dates, text)", lambda: read_grid(source))
    header = find_header(grid)
    rows = to_source(grid, header, guess_mapping(grid.rows[header]))
    db = Database.create(folder / f"plan-{actions}.ptdb")
    programme = programmes.create_programme(
        db, "Housing", progress_scheme="Status with RAG", quarters_for_years=(2025,)
    ).ids[0]
    with db.reader() as session:
        period = find_period(session, programme, "Q1 2025/26")

    def proposed() -> Proposal:
        with db.reader() as session:
            return propose(session, programme, period, rows)

    propose_time, proposal = timed("propose into an empty programme", proposed)
    apply_time, change = timed(
        f"apply ({len(proposal.changes):,} changes, one transaction)",
        lambda: apply_import(db, proposal, proposal.changes),
    )
    _, again = timed("propose the same file again (no change)", proposed)
    assert not again.changes
    timed("undo the import (one step)", lambda: undo_import(db, change))
    print(
        f"  read and propose / openpyxl's load alone: {(read_time + propose_time) / reference:.2f}×"
    )
    print(
        f"  preview (read + propose) {read_time + propose_time:.2f} s, aim ≤ 2 s; "
        f"apply {apply_time:.2f} s, aim ≤ 5 s (issue 16, for 5,000 rows)"
    )
    db.close()


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    for actions in (1_000, 5_000):
        run(folder, actions)


if __name__ == "__main__":
    main()
