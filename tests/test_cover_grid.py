"""The rest of a committee report's first page (seed 002), after its label rows: the
categorisation boxes, the Tracking/Process dates, the background papers and the proper
officer. Kept with the period's report, edited by undoable services, carried by the
programme JSON, printed by every format and kept by a published period's snapshot."""

from __future__ import annotations

import io
import subprocess
from html.parser import HTMLParser

import pytest
from docx import Document
from openpyxl import load_workbook

from app.core.errors import PeriodPublishedError, ValidationError
from app.interchange.programme_json import import_programme
from app.read.documents import details, report_record
from app.read.lookup import find_period, find_programme
from app.reports import make_report, renderer
from app.reports.publication import publish_period
from app.services import cover_sheet, documents
from app.services.programmes import create_programme
from app.store.database import Database
from app.store.migrate import head_revision

from helpers import file_query

WIGAN = "Chief Executive Services Performance Plan 2009-12"
Q1 = "Quarter 1 2009/10"
PAPERS = [
    (
        "Vision 2026 - Community Strategy",
        "",
        "",
        "http://www.wigan.gov.uk/Services/CommunityLiving/Partnerships/",
    ),
    ("Corporate Strategy", "Overview & Scrutiny", "17 August 2009", ""),
]


def wigan_q1(db: Database) -> tuple[int, int]:
    with db.reader() as session:
        programme = find_programme(session, WIGAN)
        return programme, find_period(session, programme, Q1)


def record(db: Database, programme: int, period: int):
    with db.reader() as session:
        return report_record(session, programme, period)


def new_programme(db: Database) -> tuple[int, int]:
    """A programme with one quarter and no report yet."""
    programme = create_programme(db, "Customer Access Strategy", quarters_for_years=(2009,)).ids[0]
    [(period,)] = file_query(
        db.path, "SELECT id FROM period WHERE programme_id = ? AND label = ?", programme, Q1
    )
    return programme, period


# --- the demo carries the seed's values ------------------------------------------------------


def test_the_demo_report_has_the_seeds_grid(demo: Database, demo_path):
    assert file_query(demo_path, "SELECT version_num FROM alembic_version")[0][0] == head_revision()
    report = record(demo, *wigan_q1(demo))
    assert report is not None
    assert report.categories == ["monitoring", "information"]
    assert report.tracking == [("overview_scrutiny", "17 August 2009")]
    assert report.papers == PAPERS
    assert (report.proper_officer, report.proper_officer_role) == (
        "Sue Johnson",
        "Deputy Chief Executive",
    )
    assert file_query(
        demo_path, "SELECT written_date, meeting_date FROM background_paper ORDER BY position"
    ) == [(None, None), ("17 August 2009", "2009-08-17")]


# --- the services ----------------------------------------------------------------------------


def test_a_paper_added_to_a_period_without_a_report_makes_it_and_each_step_is_logged(db):
    programme, period = new_programme(db)
    added = documents.add_row(
        db,
        "background_paper",
        programme,
        {"title": "Corporate Strategy", "meeting": "Cabinet", "written_date": "17/08/2009"},
        period,
    )
    assert added.new["report"] is not None  # this step made the period's report
    paper = added.ids[0]
    assert file_query(
        db.path,
        "SELECT title, written_date, meeting_date FROM background_paper WHERE id = ?",
        paper,
    ) == [("Corporate Strategy", "17/08/2009", "2009-08-17")]

    # the date is kept as written; words that are not a date are kept with no date read
    documents.edit_row(db, "background_paper", paper, "written_date", "to follow")
    assert file_query(
        db.path, "SELECT written_date, meeting_date FROM background_paper WHERE id = ?", paper
    ) == [("to follow", None)]
    documents.edit_row(db, "background_paper", paper, "written_date", "17 August 2009")
    assert record(db, programme, period).papers == [
        ("Corporate Strategy", "Cabinet", "17 August 2009", "")
    ]

    second = documents.add_row(
        db, "background_paper", programme, {"title": "Vision 2026"}, period
    ).ids[0]
    documents.move_row(db, "background_paper", second, -1)
    assert [p[0] for p in record(db, programme, period).papers] == [
        "Vision 2026",
        "Corporate Strategy",
    ]
    removed = documents.remove_row(db, "background_paper", paper)
    assert [p[0] for p in record(db, programme, period).papers] == ["Vision 2026"]
    documents.restore_row(db, "background_paper", removed.old)
    assert file_query(db.path, "SELECT id, position FROM background_paper ORDER BY id") == [
        (paper, 1),
        (second, 0),
    ]
    logged = file_query(
        db.path,
        "SELECT operation, field FROM change_log WHERE entity = 'background_paper' ORDER BY id",
    )
    assert [op for op, _ in logged] == [
        "add background paper",
        "edit background paper",
        "edit background paper",
        "add background paper",
        "move background paper",
        "remove background paper",
        "restore background paper",
    ]
    with pytest.raises(ValidationError, match="title of the document"):
        documents.add_row(db, "background_paper", programme, {"title": "  "}, period)
    with pytest.raises(ValueError):
        documents.add_row(db, "background_paper", programme, {"title": "No period"})


def test_undoing_the_paper_that_made_the_report_takes_the_report_away(db):
    programme, period = new_programme(db)
    added = documents.add_row(db, "background_paper", programme, {"title": "A paper"}, period)
    documents.remove_row(db, "background_paper", added.ids[0], drop_report=True)
    assert file_query(db.path, "SELECT COUNT(*) FROM report")[0][0] == 0
    documents.restore_row(db, "background_paper", added.new)
    assert record(db, programme, period).papers == [("A paper", "", "", "")]


def test_boxes_officer_and_tracking_are_set_and_put_back(db):
    programme, period = new_programme(db)
    ticked = cover_sheet.set_cover(db, programme, period, "categories", ["Monitoring", "decision"])
    assert ticked.extra["made"] is not None
    assert record(db, programme, period).categories == ["monitoring", "decision"]
    again = cover_sheet.set_cover(db, programme, period, "categories", ["information"])
    assert (again.old, again.new) == ("monitoring,decision", "information")
    cover_sheet.set_cover(db, programme, period, "categories", again.old)  # undo
    assert record(db, programme, period).categories == ["monitoring", "decision"]
    with pytest.raises(ValidationError, match="not a box"):
        cover_sheet.set_cover(db, programme, period, "categories", ["Approval"])

    cover_sheet.set_cover(db, programme, period, "proper_officer", "Sue Johnson")
    cover_sheet.set_cover(db, programme, period, "proper_officer_role", "Deputy Chief Executive")

    dated = cover_sheet.set_tracking(db, programme, period, "Overview & Scrutiny", "17/08/2009")
    assert (dated.old, dated.new, dated.extra["made"]) == (None, "17/08/2009", None)
    cover_sheet.set_tracking(db, programme, period, "cabinet", "to follow")
    assert file_query(db.path, "SELECT body, written, date FROM report_tracking ORDER BY id") == [
        ("overview_scrutiny", "17/08/2009", "2009-08-17"),
        ("cabinet", "to follow", None),
    ]
    cover_sheet.set_tracking(db, programme, period, "cabinet", "")  # cleared: the row goes
    report = record(db, programme, period)
    assert report.tracking == [("overview_scrutiny", "17/08/2009")]
    assert (report.proper_officer, report.proper_officer_role) == (
        "Sue Johnson",
        "Deputy Chief Executive",
    )
    with pytest.raises(ValidationError, match="not a body"):
        cover_sheet.set_tracking(db, programme, period, "Parish council", "1 May 2009")
    assert file_query(
        db.path,
        "SELECT field, old_value, new_value FROM change_log WHERE operation = 'edit tracking'",
    ) == [
        ("tracking: Overview & Scrutiny", None, "17/08/2009"),
        ("tracking: Cabinet", None, "to follow"),
        ("tracking: Cabinet", "to follow", None),
    ]


def test_a_first_tracking_date_makes_the_report_and_deleting_it_keeps_everything(db):
    programme, period = new_programme(db)
    made = cover_sheet.set_tracking(db, programme, period, "council", "1 October 2009").extra[
        "made"
    ]
    assert made is not None and made["tracking"][0]["written"] == "1 October 2009"
    documents.add_row(db, "background_paper", programme, {"title": "A paper"}, period)
    cover_sheet.set_cover(db, programme, period, "categories", ["monitoring"])
    report_id = file_query(db.path, "SELECT id FROM report")[0][0]
    deleted = cover_sheet.delete_report(db, report_id)
    assert file_query(db.path, "SELECT COUNT(*) FROM report_tracking")[0][0] == 0
    assert file_query(db.path, "SELECT COUNT(*) FROM background_paper")[0][0] == 0
    cover_sheet.restore_report(db, deleted.old)
    report = record(db, programme, period)
    assert report.tracking == [("council", "1 October 2009")]
    assert report.papers == [("A paper", "", "", "")]
    assert report.categories == ["monitoring"]


@pytest.mark.both_engines
def test_a_published_periods_grid_is_refused(demo: Database):
    programme, period = wigan_q1(demo)
    publish_period(demo, period)
    with pytest.raises(PeriodPublishedError):
        cover_sheet.set_tracking(demo, programme, period, "cabinet", "1 September 2009")
    with pytest.raises(PeriodPublishedError):
        cover_sheet.set_cover(demo, programme, period, "categories", ["decision"])
    with pytest.raises(PeriodPublishedError):
        documents.add_row(demo, "background_paper", programme, {"title": "Late"}, period)
    with demo.reader() as session:
        paper = details(session, programme, period).papers[0]
    with pytest.raises(PeriodPublishedError):
        documents.edit_row(demo, "background_paper", paper.id, "title", "Changed")


# --- the programme JSON ----------------------------------------------------------------------


def spec(report: dict) -> dict:
    return {
        "name": "Grid programme",
        "quarters_for_years": [2009],
        "items": [],
        "reports": [{"title": "Quarter 1 report", "period": "Quarter 1 2009/10", **report}],
    }


def test_the_programme_json_carries_the_grid(db):
    programme = import_programme(
        db,
        spec(
            {
                "categorisation": ["Discussion leading to a decision", "decision"],
                "tracking": {"Cabinet": "9 September 2009", "Overview and Scrutiny": "to follow"},
                "background_papers": [
                    {"title": "Budget 2009/10", "meeting": "Council", "date": "4 March 2009"},
                    {"title": "Asset plan", "available_from": "Democratic Services"},
                ],
                "proper_officer": {"name": "Sue Johnson", "role": "Deputy Chief Executive"},
            }
        ),
    ).ids[0]
    [(period,)] = file_query(db.path, "SELECT id FROM period WHERE label = 'Quarter 1 2009/10'")
    report = record(db, programme, period)
    assert report.categories == ["decision_discussion", "decision"]
    assert report.tracking == [("overview_scrutiny", "to follow"), ("cabinet", "9 September 2009")]
    assert report.papers == [
        ("Budget 2009/10", "Council", "4 March 2009", ""),
        ("Asset plan", "", "", "Democratic Services"),
    ]
    assert report.proper_officer == "Sue Johnson"
    assert file_query(db.path, "SELECT meeting_date FROM background_paper ORDER BY id") == [
        ("2009-03-04",),
        (None,),
    ]


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        ({"categorisation": ["Approval"]}, "not a box"),
        ({"tracking": {"Parish council": "1 May 2009"}}, "not a body"),
        ({"tracking": {"Cabinet": "1 May", "cabinet": "2 May"}}, "dated twice"),
        ({"background_papers": [{"meeting": "Cabinet"}]}, "background paper 1"),
        ({"proper_officer": "Sue Johnson"}, "proper officer"),
    ],
)
def test_a_bad_grid_in_the_json_is_refused_whole(db, grid, message):
    with pytest.raises(ValidationError, match=message):
        import_programme(db, spec(grid))
    assert file_query(db.path, "SELECT COUNT(*) FROM programme")[0][0] == 0


# --- every format prints it ------------------------------------------------------------------


@pytest.fixture(scope="module")
def q1_exports(demo_master):
    database = Database.open(demo_master, read_only=True)
    try:
        programme, period = wigan_q1(database)
        report = make_report(database, programme, period, "quarterly")
        yield {fmt: renderer(fmt)(report) for fmt in ("docx", "pdf", "html", "xlsx")}
    finally:
        database.close()


def test_the_word_file_has_the_grid_as_small_tables_after_the_label_rows(q1_exports):
    document = Document(io.BytesIO(q1_exports["docx"]))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    labels = next(i for i, t in enumerate(tables) if t[0][0] == "Report to")
    categories, tracking, papers, officer = tables[labels + 1 : labels + 5]
    assert categories[1:] == [
        ["Discussion leading to a decision", "", "Discussion", ""],
        ["Monitoring", "X", "Decision", ""],
        ["Sharing for corporate understanding", "", "Information", "X"],
    ]
    assert tracking == [
        [
            "Consultation",
            "Ward Members",
            "Partners",
            "Panel",
            "Overview & Scrutiny",
            "Cabinet",
            "Council",
        ],
        ["", "", "", "", "17 August 2009", "", ""],
    ]
    assert papers == [
        [
            "Title of document",
            "Which meeting did it go to?",
            "Date of meeting",
            "Copy available from?",
        ],
        *(list(paper) for paper in PAPERS),
    ]
    assert officer == [["Proper Officer", "Sue Johnson\nDeputy Chief Executive"], ["Date", ""]]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Tracking/Process" in captions
    assert (
        "List of Background Papers in accordance with Section 100D of the Local Government "
        "Act 1972" in captions
    )


class Cells(HTMLParser):
    """Every table cell of a page as (tag, scope, text), and the captions."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str, str]] = []
        self.captions: list[str] = []
        self._open: tuple[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("th", "td", "caption"):
            self._open = (tag, dict(attrs).get("scope") or "")
            self._text = []

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            text = "".join(self._text).strip()
            if tag == "caption":
                self.captions.append(text)
            else:
                self.cells.append((tag, self._open[1], text))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._text.append(data)


def test_the_html_has_the_grid_with_real_headers(q1_exports):
    page = Cells()
    page.feed(q1_exports["html"].decode("utf-8"))
    assert "Tracking/Process" in page.captions
    headers = [text for tag, _scope, text in page.cells if tag == "th"]
    for header in (
        "Title of document",
        "Which meeting did it go to?",
        "Date of meeting",
        "Copy available from?",
        "Overview &amp; Scrutiny".replace("&amp;", "&"),
        "Council",
    ):
        assert header in headers
    data = [text for tag, _scope, text in page.cells if tag == "td"]
    assert "Vision 2026 - Community Strategy" in data and "17 August 2009" in data
    assert ("th", "row", "Proper Officer") in page.cells
    assert data.count("X") == 2


def test_the_pdf_prints_the_grid_on_its_first_pages(q1_exports, tmp_path):
    path = tmp_path / "q1.pdf"
    path.write_bytes(q1_exports["pdf"])
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-f", "1", "-l", "2", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    for words in (
        "For Cabinet reports only: categorisation of the report",
        "Tracking/Process",
        "Overview & Scrutiny",
        "17 August 2009",
        "Vision 2026 - Community",
        "Corporate Strategy",
        "Proper Officer",
        "Sue Johnson",
    ):
        assert words in text, words


def test_the_workbook_has_the_grid_on_its_cover_sheet(q1_exports):
    workbook = load_workbook(io.BytesIO(q1_exports["xlsx"]))
    about = workbook["About"]
    rows = [
        [c.value for c in row if c.value is not None]
        for row in about.iter_rows()
        if any(c.value is not None for c in row)
    ]
    start = rows.index(["Tracking/Process"])
    assert rows[start + 1][4] == "Overview & Scrutiny"
    assert rows[start + 2] == ["17 August 2009"]
    papers = rows.index(
        [
            "List of Background Papers in accordance with Section 100D of the Local "
            "Government Act 1972"
        ]
    )
    assert rows[papers + 2] == [PAPERS[0][0], PAPERS[0][3]]
    assert rows[papers + 3] == [PAPERS[1][0], PAPERS[1][1], PAPERS[1][2]]
    assert ["Monitoring", "X", "Decision"] in rows
    assert ["Proper Officer: Sue Johnson\nDeputy Chief Executive"] in rows
    # the cover sheet's tables are not sheets of their own
    assert not any("Background" in name or "Tracking" in name for name in workbook.sheetnames)


@pytest.mark.slow
def test_libreoffice_prints_the_background_papers_on_the_first_two_pages(q1_exports, tmp_path):
    docx = tmp_path / "q1.docx"
    docx.write_bytes(q1_exports["docx"])
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    first_pages = " ".join(
        subprocess.run(
            ["pdftotext", "-f", "1", "-l", "2", str(tmp_path / "q1.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    for title in ("Vision 2026 - Community Strategy", "Corporate Strategy", "Sue Johnson"):
        assert title in first_pages, title


def test_a_report_with_no_grid_prints_none_of_it(db):
    programme, period = new_programme(db)
    cover_sheet.set_cover(db, programme, period, "title", "A plain report")
    html = renderer("html")(make_report(db, programme, period, "quarterly")).decode()
    assert "A plain report" in html
    for words in ("Tracking/Process", "Background Papers", "Proper Officer", "Categorisation"):
        assert words not in html


# --- a published report keeps it -------------------------------------------------------------


@pytest.mark.both_engines
def test_a_published_report_keeps_its_grid_whatever_changes_later(demo: Database):
    programme, period = wigan_q1(demo)
    paper = documents.add_row(
        demo, "background_paper", programme, {"title": "Customer Access Strategy"}, period
    ).ids[0]
    publish_period(demo, period)
    formats = ("docx", "pdf", "html", "xlsx")
    then = {f: renderer(f)(make_report(demo, programme, period, "quarterly")) for f in formats}
    assert b"Customer Access Strategy" in then["html"]

    from app.reports.publication import reopen_period

    reopen_period(demo, period, "A paper was misnamed")
    documents.edit_row(demo, "background_paper", paper, "title", "A renamed paper")
    cover_sheet.set_tracking(demo, programme, period, "cabinet", "9 September 2009")
    cover_sheet.set_cover(demo, programme, period, "proper_officer", "Someone Else")
    live = renderer("html")(make_report(demo, programme, period, "quarterly"))
    assert b"A renamed paper" in live and b"Someone Else" in live
    # published again: the snapshot is the new one; the old bytes came from the old one
    publish_period(demo, period)
    again = {f: renderer(f)(make_report(demo, programme, period, "quarterly")) for f in formats}
    assert b"A renamed paper" in again["html"] and b"9 September 2009" in again["html"]
    assert again["html"] != then["html"]


@pytest.mark.both_engines
def test_a_snapshot_holds_the_grid_and_later_edits_leave_it(demo: Database):
    programme, period = wigan_q1(demo)
    publish_period(demo, period)
    before = {
        f: renderer(f)(make_report(demo, programme, period, "quarterly")) for f in ("docx", "html")
    }
    # the live rows change behind the snapshot (as another program could change them)
    with demo.transaction() as session:
        from sqlalchemy import update

        from app.store.models import BackgroundPaper, Report

        session.execute(update(BackgroundPaper).values(title="Changed behind its back"))
        session.execute(update(Report).values(proper_officer="Changed too"))
    after = {
        f: renderer(f)(make_report(demo, programme, period, "quarterly")) for f in ("docx", "html")
    }
    assert after == before
    assert b"Vision 2026 - Community Strategy" in after["html"]
