"""Importers fed tables Hypothesis makes up: Word tables (headers in any order, objective
rows merged across the table, several paragraphs in a cell, glyphs, blank and very long
cells) and CSV trackers. Whatever comes, the reader gives a Source or a SourceError, the
proposal is made or refused with a typed error, and an import is written whole or not at
all: a refused one leaves the file byte for byte as it was.

``derandomize`` makes every run try the same examples, so CI fails the same way each time;
Hypothesis still shrinks a failure to its smallest table.
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
from pathlib import Path

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import TrackerError
from app.imports.apply import apply_import
from app.imports.proposal import propose
from app.imports.sheets import find_header, guess_mapping, read_grid, to_source
from app.imports.source import Source
from app.imports.word import read_word
from app.read.lookup import find_period
from app.services import programmes
from app.store.database import Database

HEADERS = [
    "Objective",
    "Workstream",
    "Action",
    "Responsibility",
    "Lead officer",
    "Milestones",
    "Achievements",
    "Progress update",
    "Judgement of Progress",
    "Status",
    "RAG",
    "Due date",
]
ALPHABET = [*"abc XYZ 123 ●▲*?;,\"'\t–é£%/", "\u200b", "Sep 09", "31/03/2025", "Green"]

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

cell_text = st.one_of(
    st.lists(st.sampled_from(ALPHABET), max_size=12).map("".join),
    st.sampled_from(["", "*", "●", "▲", "?", "Completed", "On track", "Behind"]),
    st.integers(min_value=1, max_value=3000).map(lambda n: "x" * n),
)
headers = (
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=7, unique=True)
    .map(lambda h: h if {"Objective", "Action"} & set(h) else ["Action", *h][:7])
    .flatmap(st.permutations)  # most tables name a title column, anywhere in the header
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, list[list[str]]]]]:
    """A header and its rows; a row is ("merged", [[text]]) across the table, or
    ("cells", paragraphs per cell)."""
    head = draw(headers)
    rows = draw(
        st.lists(
            st.one_of(
                st.tuples(st.just("merged"), st.lists(st.lists(cell_text, min_size=1, max_size=1))),
                st.tuples(
                    st.just("cells"),
                    st.lists(
                        st.lists(cell_text, min_size=1, max_size=3),
                        min_size=len(head),
                        max_size=len(head),
                    ),
                ),
            ),
            max_size=12,
        )
    )
    return head, rows


def word_file(path: Path, head: list[str], rows: list[tuple[str, list[list[str]]]]) -> Path:
    document = Document()
    document.add_paragraph("Quarterly report")
    table = document.add_table(rows=1 + len(rows), cols=len(head))
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    for number, (kind, cells) in enumerate(rows, start=1):
        row = table.rows[number]
        if kind == "merged" and len(head) > 1:
            merged = row.cells[0].merge(row.cells[-1])
            merged.text = cells[0][0] if cells else ""
            continue
        for cell, paragraphs in zip(row.cells, cells or [[""]] * len(head), strict=False):
            cell.text = paragraphs[0]
            for more in paragraphs[1:]:
                cell.add_paragraph(more)
    document.save(str(path))
    return path


def csv_file(path: Path, head: list[str], rows: list[list[str]], titles: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        for title in titles:
            writer.writerow([title])
        writer.writerow(head)
        writer.writerows(rows)
    return path


class Plan:
    """One programme file the examples import into, one after another."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "plan.ptdb"
        self.db = Database.create(self.path)
        self.programme = programmes.create_programme(
            self.db, "Plan", progress_scheme="Status with RAG", quarters_for_years=(2025,)
        ).ids[0]
        with self.db.reader() as session:
            self.period = find_period(session, self.programme, "Q1 2025/26")
        self.outcomes = {"unread": 0, "refused": 0, "applied": 0}

    def take(self, read: Source | TrackerError) -> None:
        """Propose and apply ``read`` (a Source, or the reader's error): whole or not at all."""
        if not isinstance(read, Source):
            self.outcomes["unread"] += 1
            return
        try:
            with self.db.reader() as session:
                proposal = propose(session, self.programme, self.period, read, {})
        except TrackerError:
            self.outcomes["refused"] += 1
            return
        before = hashlib.sha256(self.path.read_bytes()).hexdigest()
        try:
            apply_import(self.db, proposal, proposal.changes)
        except TrackerError:
            self.outcomes["refused"] += 1
            assert hashlib.sha256(self.path.read_bytes()).hexdigest() == before
        else:
            self.outcomes["applied"] += 1


def attempt(path: Path) -> Source | TrackerError:
    """The file read as the wizard reads it, or the one kind of error a reader may raise."""
    try:
        if path.suffix == ".docx":
            return read_word(path)
        grid = read_grid(path)
        header = find_header(grid)
        return to_source(grid, header, guess_mapping(grid.rows[header]))
    except TrackerError as error:
        return error


def test_generated_word_tables_read_or_refused_and_imported_whole_or_not_at_all(tmp_path):
    plan = Plan(tmp_path)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))

    @SETTINGS
    @given(tables())
    def example(table: tuple[list[str], list[tuple[str, list[list[str]]]]]) -> None:
        path = word_file(folder / "report.docx", *table)
        plan.take(attempt(path))

    try:
        example()
    finally:
        plan.db.close()
    assert plan.outcomes["applied"] > 0 and plan.outcomes["unread"] > 0, plan.outcomes


def test_generated_trackers_read_or_refused_and_imported_whole_or_not_at_all(tmp_path):
    plan = Plan(tmp_path)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))

    @SETTINGS
    @given(
        headers,
        st.lists(st.lists(cell_text, max_size=9), max_size=15),
        st.lists(cell_text, max_size=3),
    )
    def example(head: list[str], rows: list[list[str]], titles: list[str]) -> None:
        path = csv_file(folder / "tracker.csv", head, rows, titles)
        plan.take(attempt(path))

    try:
        example()
    finally:
        plan.db.close()
    assert plan.outcomes["applied"] > 0, plan.outcomes
