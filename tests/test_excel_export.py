"""Excel as an analyst would build it (issue 18, part 3): figures and dates typed with their
number formats, the words as written kept in a comment where they say more, a figure to a
column in the summaries, frozen headers, filters, print setup and sheet names that say what
each sheet holds and never clash."""

from __future__ import annotations

import datetime as dt
import io
import re
import time

import pytest
from docx import Document
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from PySide6.QtCore import QSettings, Qt

from app.core.kpi_values import parse_value
from app.imports.workbook_report import sheet_grid
from app.interchange.programme_json import import_programme
from app.read.lookup import find_period, find_programme
from app.reports import Options, make_report, renderer
from app.reports.model import Report, Table
from ui.dialogs.export import ExportDialog
from ui.shell.main_window import MainWindow

PERIOD = "Quarter 1 2025/26"
NORTH = "Neighbourhood and Community Objectives A"  # 40 characters: two alike when cut to 31
SOUTH = "Neighbourhood and Community Objectives B"
HOUSING = "Improve the condition of council homes in the"  # two objectives' titles start so


def _kpi(code: str, title: str, unit: str, **values: object) -> dict[str, object]:
    return {"code": code, "title": title, "unit": unit, **values}


SPEC: dict[str, object] = {
    "format": "programme-tracker/programme@1",
    "name": "Neighbourhood Services Improvement Programme 2025-28",
    "organisation": "Anytown Borough Council",
    "quarters_for_years": [2025],
    "levels": ["Objective", "Workstream/Project", "Action"],
    "kinds": [
        {"name": "North objective", "plural": NORTH},
        {"name": "South objective", "plural": SOUTH},
    ],
    "items": [
        {
            "title": f"{HOUSING} {side}",
            "kind": kind,
            "children": [
                {
                    "title": f"Repairs {side}",
                    "children": [
                        {
                            "title": f"Survey every block {side}",
                            "responsibility": "Head of Housing",
                            "judgements": {PERIOD: glyph},
                        },
                        {"title": f"Replace windows {side}", "responsibility": "Head of Housing"},
                    ],
                }
            ],
        }
        for side, kind, glyph in (
            ("north of the borough", "North objective", "●"),
            ("south of the borough", "South objective", "▲"),
        )
    ],
    "kpi_groups": [
        {
            "name": "Neighbourhood indicators",
            "indicators": [
                _kpi(
                    "NS 1",
                    "Residents satisfied with their neighbourhood",
                    "%",
                    outturns={"2024": "68"},
                    national_average={"year": 2023, "value": "71.5%"},
                    targets={"2025": "80%", "2026": "82%"},
                    results={PERIOD: {"actual": {"value": "72.5%", "note": "provisional"}}},
                ),
                _kpi(
                    "NS 2",
                    "Cost of a repair",
                    "£",
                    targets={"2025": "£1,200"},
                    results={PERIOD: {"actual": "1350.50"}},
                ),
                _kpi(
                    "NS 3",
                    "Time to relet a home",
                    "days",
                    targets={"2025": "12 days"},
                    results={PERIOD: {"actual": "9.5"}},
                ),
                _kpi(
                    "NS 4",
                    "Homes improved",
                    "count",
                    targets={"2025": "1,450"},
                    results={PERIOD: {"actual": "-"}},
                ),
                _kpi(
                    "NS 5",
                    "Tenants' forum",
                    "text",
                    targets={"2025": "Achieved"},
                ),
            ],
        }
    ],
    "milestones": [
        {"due": "15 April 2025", "text": "Surveys start"},
        {"due": "Sep 25", "text": "Surveys complete"},
        {"due": "Spring 2026", "text": "Windows replaced"},
        {"due": "TBD as the project develops", "text": "Second phase"},
    ],
}
LAYOUTS = [
    ("quarterly", "Chief Executive Services", "Quarter 1 2009/10"),
    ("workplan", "Cabinet Workplan", "November 2004"),
    ("project-plan", "Home-working Pilot Project", "Quarter 1 2005/06"),
    ("recommendations", "Worcestershire Hub", "May 2012"),
    ("programme-update", "Working Smarter", "November 2011"),
]
# A figure written as words: what no table sheet may hold as text any more.
FIGURE = re.compile(r"^[-£]?\d[\d,]*(\.\d+)?\s*(%|days?)?$")


@pytest.fixture
def plan(db):
    import_programme(db, SPEC)
    with db.reader() as session:
        programme = find_programme(session, str(SPEC["name"]))
        period = find_period(session, programme, PERIOD)
    return db, programme, period


def _report(db, programme_name: str, period_label: str, layout: str) -> Report:
    with db.reader() as session:
        programme = find_programme(session, programme_name)
        period = find_period(session, programme, period_label)
    return make_report(db, programme, period, layout, Options())


def _book(report: Report):
    return load_workbook(io.BytesIO(renderer("xlsx")(report)))


def _indicator_rows(sheet: Worksheet) -> dict[str, tuple]:
    """The Indicators sheet's rows by measure (its second column, after the group's)."""
    return {str(row[1].value): row for row in sheet.iter_rows(min_row=3)}


@pytest.mark.both_engines
def test_indicator_values_are_numbers_in_their_measures_units(plan):
    db, programme, period = plan
    book = load_workbook(
        io.BytesIO(renderer("xlsx")(make_report(db, programme, period, "quarterly")))
    )
    rows = _indicator_rows(book["Indicators"])

    def typed(row: tuple, column: int) -> tuple:
        cell = row[column]
        return cell.value, cell.data_type, cell.number_format, cell.comment and cell.comment.text

    # Group, Measure, Responsibility, Actual 2024-25, National Average, Targets ×3, Q1 Actual…
    assert [c.value for c in book["Indicators"][2]][:5] == [
        "Group",
        "Measure",
        "Responsibility",
        "Actual 2024-25",
        "National Average 2023-24",
    ]
    satisfied = rows["NS 1 Residents satisfied with their neighbourhood"]
    assert typed(satisfied, 3) == (0.68, "n", "0%", None)  # a bare 68 in a percentage measure
    assert typed(satisfied, 4) == (0.715, "n", "0.0%", None)
    assert typed(satisfied, 5) == (0.8, "n", "0%", None)
    assert typed(satisfied, 6) == (0.82, "n", "0%", None)
    assert typed(satisfied, 8) == (0.725, "n", "0.0%", "As written: 72.5% (provisional)")
    repair = rows["NS 2 Cost of a repair"]
    assert typed(repair, 5) == (1200, "n", '"£"#,##0', None)
    assert typed(repair, 8) == (1350.5, "n", '"£"#,##0.00', None)
    relet = rows["NS 3 Time to relet a home"]
    assert typed(relet, 5) == (12, "n", '#,##0 "days"', None)
    assert typed(relet, 8) == (9.5, "n", '#,##0.0 "days"', None)
    homes = rows["NS 4 Homes improved"]
    assert typed(homes, 5) == (1450, "n", "#,##0", None)
    assert typed(homes, 8) == ("-", "s", "General", None)  # words stay words
    assert typed(rows["NS 5 Tenants' forum"], 5) == ("Achieved", "s", "General", None)


@pytest.mark.both_engines
def test_key_milestones_are_dates_to_the_day_or_month_with_their_words_kept(plan):
    db, programme, period = plan
    book = _book(make_report(db, programme, period, "project-plan"))
    sheet = book["Key milestones"]
    cells = {row[1].value: row[0] for row in sheet.iter_rows(min_row=2)}

    def shown(cell) -> tuple:
        return cell.value, cell.data_type, cell.number_format, cell.comment and cell.comment.text

    assert shown(cells["Surveys start"]) == (dt.datetime(2025, 4, 15), "d", "d mmmm yyyy", None)
    assert shown(cells["Surveys complete"]) == (
        dt.datetime(2025, 9, 30),
        "d",
        "mmmm yyyy",
        "As written: Sep 25",
    )
    assert shown(cells["Windows replaced"]) == (
        dt.datetime(2026, 5, 31),  # the last day of spring
        "d",
        "d mmmm yyyy",
        "As written: Spring 2026",
    )
    assert shown(cells["Second phase"]) == ("TBD as the project develops", "s", "General", None)


@pytest.mark.both_engines
def test_summary_has_a_percentage_and_a_number_to_a_column(demo):
    book = _book(_report(demo, "Chief Executive Services", "Quarter 1 2009/10", "quarterly"))
    sheet = book["Summary – Priority Service…"]
    assert [c.value for c in sheet[2]] == [
        "Number of Actions",
        "% Completed",
        "% On-track",
        "% Behind Schedule",
        "Number completed",
        "Number on-track",
        "Number behind Schedule",
    ]
    figures = list(sheet[4])
    assert [c.value for c in figures] == [36, 0, 0.81, 0.19, 0, 29, 7]
    assert {c.data_type for c in figures} == {"n"}
    assert [c.number_format for c in figures] == ["0", "0%", "0%", "0%", "0", "0", "0"]
    # The document keeps its "81% (29)": one cell a committee reads at a glance.
    report = _report(demo, "Chief Executive Services", "Quarter 1 2009/10", "quarterly")
    word = Document(io.BytesIO(renderer("docx")(report)))
    summary = next(t for t in word.tables if t.rows[0].cells[0].text == "Number of Actions")
    assert [c.text for c in summary.rows[2].cells] == ["36", "0%", "81% (29)", "19% (7)"]


@pytest.mark.parametrize(("layout", "programme", "period"), LAYOUTS)
def test_every_figure_in_every_layout_is_a_typed_number(demo, layout, programme, period):
    book = _book(_report(demo, programme, period, layout))
    numbers = 0
    for sheet in book.worksheets[1:]:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type in ("n", "d") and cell.value is not None:
                    numbers += 1
                    assert cell.number_format != "General", (sheet.title, cell.coordinate)
                elif isinstance(cell.value, str) and FIGURE.match(cell.value.strip()):
                    # a pledge's or a work package's number names it: not a figure
                    heads = {sheet.cell(row=r, column=cell.column).value for r in (1, 2)}
                    assert heads & {"Pledge", "No."}, (sheet.title, cell.coordinate, cell.value)
    assert numbers > 0 or layout in ("workplan", "programme-update")  # no figure to type


def _header_rows(table: Table) -> tuple[int, int]:
    first = 2 if table.caption else 1
    return first, first + len(table.header) - 1


@pytest.mark.parametrize(("layout", "programme", "period"), LAYOUTS)
def test_every_table_sheet_is_frozen_filtered_and_prints_landscape_one_page_wide(
    demo, layout, programme, period
):
    report = _report(demo, programme, period, layout)
    book = _book(report)
    tables = [t.workbook or t for t in report.tables() if not t.cover] + report.workbook_tables
    assert len(book.worksheets) == 1 + len(tables)
    for sheet, table in zip(book.worksheets[1:], tables, strict=True):
        first, last = _header_rows(table)
        assert sheet.freeze_panes == f"A{last + 1}", sheet.title
        assert sheet.auto_filter.ref == (
            f"A{last}:{chr(64 + len(table.widths))}{last + len(table.rows)}"
        )
        assert sheet.print_title_rows == f"${first}:${last}"
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.right.text == "Page &P of &N"
        widths = [sheet.column_dimensions[chr(65 + i)].width for i in range(len(table.widths))]
        assert all(width >= 6 for width in widths)
        # Each row as tall as its wrapped text: no row's words drawn over the next's.
        for number, row in enumerate(table.rows, start=last + 1):
            longest = max(len(cell.text) for cell in row)
            if longest > 200:
                assert sheet.row_dimensions[number].height >= 30, (sheet.title, number)
    about = book["About"]
    assert about.page_setup.fitToWidth == 1 and about.page_setup.orientation != "landscape"


@pytest.mark.both_engines
def test_long_names_are_cut_at_a_word_and_told_apart(plan):
    db, programme, period = plan
    assert len(NORTH) == len(SOUTH) == 40
    names = _book(make_report(db, programme, period, "quarterly")).sheetnames
    # Cut to 31 characters, both kinds' summaries would be "Summary – Neighbourhood and
    # Commu", and both objectives' tables "Improve the condition of counci".
    assert names == [
        "About",
        "Summary – NC Objectives A",
        "Summary – NC Objectives B",
        "Indicators",
        "Improve… north of the borough",
        "Improve… south of the borough",
    ]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (["Summary", "summary", "SUMMARY"], ["Summary", "summary (2)", "SUMMARY (3)"]),
        (["History", "About"], ["History (2)", "About (2)"]),  # Excel keeps "History"
        (["'Quoted'", "a/b: c?*[d]\\e"], ["Quoted", "a b c d e"]),
        (["x" * 40, "x" * 40], ["x" * 30 + "…", "x" * 26 + "… (2)"]),
        (
            ["Priority Service Objectives for a better borough", "Priority Service Objectives"],
            ["Priority Service Objectives…", "Priority Service Objectives"],
        ),
    ],
)
def test_sheet_names_are_valid_unique_and_at_most_31_characters(wanted, expected):
    from app.reports.xlsx_sheets import sheet_names

    names = sheet_names(wanted, {"about"})
    assert names == expected
    assert all(len(name) <= 31 for name in names)


@pytest.mark.both_engines
def test_typed_cells_read_back_as_the_document_writes_them(plan):
    """Our importer reads a workbook's sheets as the Word reader reads tables: a typed figure
    or date comes back as the words the report wrote."""
    db, programme, period = plan
    checked = 0
    for layout, title in (("quarterly", "Indicators"), ("project-plan", "Key milestones")):
        report = make_report(db, programme, period, layout)
        table = next(t.workbook or t for t in report.tables() if t.sheet == title)
        grid = sheet_grid(_book(report)[title])
        first_row = _header_rows(table)[1]  # the grid's rows count from 0
        for number, row in enumerate(table.rows):
            cells = grid.rows[first_row + number].cells
            for cell, written in zip(cells, row, strict=False):
                if written.typed is None:
                    continue
                read = " ".join(cell.text.paragraphs)
                if isinstance(written.typed.value, dt.date):
                    assert read == written.text
                else:  # "68" in a percentage measure reads back as "68%": the same figure
                    assert read == written.text or _figure(read) == _figure(written.text)
                checked += 1
    assert checked == 10 + 3  # the indicators' figures, the key milestones' dates


def _figure(text: str) -> float | None:
    return parse_value(text).number


def test_typed_workbooks_are_byte_identical_a_second_apart(plan):
    db, programme, period = plan
    first = renderer("xlsx")(make_report(db, programme, period, "quarterly"))
    time.sleep(1.05)
    assert renderer("xlsx")(make_report(db, programme, period, "quarterly")) == first


def test_exported_from_the_window_the_workbook_has_typed_figures(qtbot, demo, tmp_path):
    window = MainWindow(
        demo, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    dialog = ExportDialog(window.commands.reads, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("xlsx"))
    qtbot.mouseClick(dialog.exceptions, Qt.MouseButton.LeftButton)  # off-target indicators only
    target = tmp_path / "exceptions.xlsx"
    assert dialog.export_to(target)
    book = load_workbook(target)
    rows = _indicator_rows(book["Indicators"])
    lunches = rows["NI 52i Take up of school lunches (primary)"]
    assert lunches[0].value == "Priority Service Objectives › Key Local Indicators"
    assert (lunches[8].value, lunches[8].number_format) == (0.3556, "0.00%")
    assert lunches[8].comment.text == (
        "As written: 35.56% (in calculating this indicator, estimates have been applied for 18 "
        "of the 105 primaries)"
    )


def test_a_trackers_formatted_figures_are_read_as_the_sheet_shows_them(tmp_path):
    """A council's own tracker typed as an analyst types it: 0.8 shown as 80% is 80%, not
    0.8, when its measures are imported; amounts, days and months likewise."""
    from openpyxl import Workbook

    from app.imports.sheets import read_grid

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Measures"
    sheet.append(["Measure", "Target", "Actual", "Cost", "Relet", "Due", "Count"])
    sheet.append(["Satisfaction", 0.8, 0.725, 1200, 9.5, dt.date(2025, 9, 30), 12])
    formats = ["0%", "0.0%", '"£"#,##0', '#,##0.0 "days"', "mmmm yyyy", "General"]
    for cell, number_format in zip(sheet[2][1:], formats, strict=True):
        cell.number_format = number_format
    sheet["F3"] = dt.date(2025, 4, 15)
    sheet["F3"].number_format = "d mmmm yyyy"
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    grid = read_grid(path)
    assert grid.rows[1] == [
        "Satisfaction",
        "80%",
        "72.5%",
        "£1,200",
        "9.5 days",
        "September 2025",
        "12",
    ]
    assert grid.rows[2][5] == "15 April 2025"


@pytest.mark.both_engines
def test_recommendations_are_numbered_in_a_column_of_their_own(demo):
    report = _report(demo, "Worcestershire Hub", "May 2012", "recommendations")
    sheet = _book(report)["Recommendations"]
    assert [c.value for c in sheet[1]] == [
        "Number",
        "Recommendation",
        "Response",
        "Applies only to",
    ]
    numbers = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in numbers] == list(range(1, 23))
    assert {(c.data_type, c.number_format) for c in numbers} == {("n", "0")}
    # The document's "1: If the Hub is to be…" beside its response, as the committee reads it
    word = next(t for t in report.tables() if t.sheet == "Recommendations")
    assert word.rows[0][0].text.startswith("1: If the Hub is to be")
