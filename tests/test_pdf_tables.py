"""The PDF's tables are laid out and painted cell by cell (app.reports.pdf_table) and ruled
as Word's Table Grid (app.reports.pdf_pages): the lines sit where the cells meet and not
inside a cell spanning columns, a row taller than a page is cut between its lines with none
written twice, and one overlong word no longer squeezes every other column to a letter."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtGui import QImage

from app.reports import renderer
from app.reports.model import Cell, Mark, Report, Table
from app.reports.pdf_pages import Grid, grid_lines
from app.reports.widths import LONGEST_WORD_SHARE, fitted_widths

XHTML = "{http://www.w3.org/1999/xhtml}"


def test_grid_lines_leave_a_spanning_cell_whole():
    # A heading row spanning three columns, then two rows of three cells.
    grid = Grid(
        rows=[0.0, 20.0, 40.0, 100.0], edges=[0.0, 50.0, 100.0, 150.0], starts=[(0,), None, None]
    )
    lines = set(grid_lines(grid, 0.0, 100.0))
    assert {(0.0, y, 150.0, y) for y in (0.0, 20.0, 40.0, 100.0)} <= lines
    # The outer edges run the whole table; the inner ones start under the heading row.
    assert (0.0, 0.0, 0.0, 100.0) in lines and (150.0, 0.0, 150.0, 100.0) in lines
    assert (50.0, 20.0, 50.0, 100.0) in lines and (100.0, 20.0, 100.0, 100.0) in lines
    assert len(lines) == 8


def test_a_part_cut_inside_a_row_is_closed_at_both_ends():
    grid = Grid(rows=[0.0, 20.0, 400.0], edges=[0.0, 50.0, 150.0], starts=[None, None])
    lines = set(grid_lines(grid, 200.0, 300.0))
    assert lines == {
        (0.0, 200.0, 150.0, 200.0),
        (0.0, 300.0, 150.0, 300.0),
        (0.0, 200.0, 0.0, 300.0),
        (50.0, 200.0, 50.0, 300.0),
        (150.0, 200.0, 150.0, 300.0),
    }
    assert grid_lines(grid, 400.0, 500.0) == []  # below the table: nothing


def test_one_overlong_word_takes_at_most_its_share_of_the_page():
    table = Table(
        None,
        [[Cell("Workstream/Project"), Cell("Achievements"), Cell("Responsibility")]],
        [[Cell("Review"), Cell("ж" * 10_000), Cell("Head of Service")]],
        [1, 3, 1],
    )
    widths = fitted_widths(table, 700.0)
    assert abs(sum(widths) - 700.0) < 1e-6
    assert widths[1] <= max(700.0 * 3 / 5, 700.0 * LONGEST_WORD_SHARE) + 1e-6
    assert widths[0] > 80 and widths[2] > 80  # "Workstream/Project" and "Responsibility" whole


def _report(table: Table) -> Report:
    return Report("Ruled tables", "Quarter 1", dt.date(2009, 8, 17), blocks=[table])


def _words(pdf: Path) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, xMin, yMin, xMax, yMax) of every word, in points."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    return [
        (number, w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
        for number, page in enumerate(root.iter(f"{XHTML}page"), start=1)
        for w in page.iter(f"{XHTML}word")
    ]


def _dark_columns(image: QImage, top: int, bottom: int) -> list[int]:
    """The x of every pixel column dark all the way from ``top`` to ``bottom``: a vertical
    line (text never is)."""
    return [
        x
        for x in range(image.width())
        if all(image.pixelColor(x, y).lightness() < 160 for y in range(top, bottom))
    ]


def _runs(xs: list[int]) -> int:
    return sum(1 for i, x in enumerate(xs) if i == 0 or x != xs[i - 1] + 1)


def test_lines_are_drawn_where_cells_meet_and_not_inside_a_spanning_cell(tmp_path: Path):
    on_track = Mark("●", "On track", "#2E7D32")
    table = Table(
        None,
        [
            [Cell("Heading spanning every column", colspan=4)],
            [Cell("Alpha"), Cell("Bravo"), Cell("Charlie"), Cell("Delta")],
        ],
        [[Cell("Echo"), Cell("Foxtrot"), Cell("Golf"), Cell("", mark=on_track, align="centre")]],
        [1, 1, 1, 1],
    )
    pdf = tmp_path / "ruled.pdf"
    pdf.write_bytes(renderer("pdf")(_report(table)))
    subprocess.run(
        ["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    assert not image.isNull()
    words = {w[1]: w for w in _words(pdf)}

    def band(word: str) -> tuple[int, int]:  # a few points of the word's own line
        _, _, _, y_min, _, y_max = words[word]
        return round(y_min) + 1, round(y_max) - 1

    # The body row and the header row of four cells: five lines (both edges and three
    # between); the heading spanning them: its two edges only.
    assert _runs(_dark_columns(image, *band("Foxtrot"))) == 5
    assert _runs(_dark_columns(image, *band("Bravo"))) == 5
    assert _runs(_dark_columns(image, *band("Heading"))) == 2
    # Each line between cells falls between their words.
    lines = _dark_columns(image, *band("Foxtrot"))
    for left, right in (("Echo", "Foxtrot"), ("Foxtrot", "Golf")):
        assert any(words[left][4] < x < words[right][2] for x in lines), (left, right)


def test_a_row_taller_than_a_page_is_cut_between_its_lines(tmp_path: Path):
    # 9,000 characters: under the cell's limit, so all in the row, about three pages long.
    numbered = " ".join(f"w{n:04d}" for n in range(1_500))
    table = Table(
        None,
        [[Cell("Action"), Cell("Achievements")]],
        [[Cell("Tall"), Cell(numbered)], [Cell("After"), Cell("the tall row")]],
        [1, 1],
    )
    pdf = tmp_path / "tall.pdf"
    pdf.write_bytes(renderer("pdf")(_report(table)))
    words = [w for w in _words(pdf) if re.fullmatch(r"w\d{4}", w[1])]
    # Every word once, in order, across the pages: no line drawn again at the next page's
    # head, none lost at a page's foot.
    assert [w[1] for w in words] == [f"w{n:04d}" for n in range(1_500)]
    pages = {w[0] for w in words}
    assert len(pages) >= 3
    for page in pages:  # the header row is painted again at the top of each page
        on_page = [w for w in _words(pdf) if w[0] == page]
        assert [w[1] for w in on_page[:2]] == ["Action", "Achievements"], page
