"""The PDF's page numbers are stamped into Qt's bytes after the last page is painted
(app.reports.pdf_bytes): the file stays well formed (every cross-reference offset points at
its object), and "Page X of Y" sits centred under the footer's first line, on portrait and
landscape pages alike."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from app.read.lookup import find_period, find_programme
from app.reports import make_report, renderer
from app.reports.model import Report


@pytest.fixture(scope="module")
def quarterly(demo_master) -> Report:
    from app.store.database import Database

    with Database.open(demo_master, read_only=True) as db:
        with db.reader() as session:
            programme = find_programme(session, "Chief Executive Services")
            period = find_period(session, programme, "Quarter 1 2009/10")
        return make_report(db, programme, period, "quarterly")


def test_every_offset_points_at_its_object(quarterly):
    data = renderer("pdf")(quarterly)
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    assert data[start:].startswith(b"xref\n0 ")
    count = int(re.match(rb"xref\n0 (\d+)\n", data[start:]).group(1))
    table = data[start:].split(b"\n", 2)[2]
    for number in range(1, count):
        entry = table[20 * number : 20 * number + 20]
        if entry[17:18] == b"n":
            offset = int(entry[:10])
            assert data[offset:].startswith(b"%d 0 obj\n" % number), number
    assert re.search(rb"/Size %d\b" % count, data[start:])
    assert renderer("pdf")(quarterly) == data  # the same report, the same bytes


def test_page_numbers_centred_under_the_footer(quarterly, tmp_path: Path):
    pdf = tmp_path / "quarterly.pdf"
    pdf.write_bytes(renderer("pdf")(quarterly))
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", html))
    pages = root.findall(".//{http://www.w3.org/1999/xhtml}page")
    assert len(pages) > 3
    orientations = set()
    for number, page in enumerate(pages, start=1):
        width, height = float(page.get("width")), float(page.get("height"))
        orientations.add(width > height)
        words = [
            (w.text, float(w.get("xMin")), float(w.get("xMax")), float(w.get("yMin"))) for w in page
        ]
        stamp = [w for w in words if w[3] > height - 80]  # the footer's two lines
        page_line = [w for w in stamp if w[3] == max(s[3] for s in stamp)]
        assert [w[0] for w in page_line] == ["Page", str(number), "of", str(len(pages))]
        title_line = [w for w in stamp if w not in page_line]
        assert title_line, number
        centre = (page_line[0][1] + page_line[-1][2]) / 2
        title_centre = (min(w[1] for w in title_line) + max(w[2] for w in title_line)) / 2
        assert abs(centre - width / 2) < 2, (number, centre, width)
        assert abs(centre - title_centre) < 2, (number, centre, title_centre)
        gap = page_line[0][3] - max(w[3] for w in title_line)
        assert 6 < gap < 12, (number, gap)  # the next line, not on it nor far below
    assert orientations == {True, False}


def test_dates_are_the_reports(quarterly, tmp_path: Path):
    """Qt's time of writing is replaced by the report's date, so the same data gives the
    same bytes on any day."""
    pdf = tmp_path / "quarterly.pdf"
    pdf.write_bytes(renderer("pdf")(quarterly))
    info = subprocess.run(
        ["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    day = quarterly.date.isoformat()
    assert f"CreationDate:    {day}T09:00:00Z" in info, info
    assert f"ModDate:         {day}T09:00:00Z" in info, info
    assert "Syntax" not in info
