"""Reading councils' Word reports: documents built here with python-docx in the shapes the
seeds show (real merges, symbol fonts, split tables), our own export read back, and every
kind of bad file, each with its exact message.

The content is seed 002's (Wigan's quarterly report, objectives 1, 3 and 4) and seed 001's
(Salford's workplan), copied as the documents print it.
"""

from __future__ import annotations

import io
import random
import re
import struct
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree
from openpyxl import Workbook

from app.core.validation import TEXT_LIMIT
from app.imports.source import Source, SourceError, SourceRow
from app.imports.symbol_fonts import symbol_char
from app.imports.word import read_word
from app.imports.word_values import split_number, status_of

ROOT = Path(__file__).parents[1]
Q1 = "Quarter 1 2009/10"
ACHIEVEMENTS = (
    "Achievements to Date: Has the milestone been reached? Provide Evidence: "
    "What has been the impact of the task to date?"
)

# --- writing Word tables ---------------------------------------------------------------------


def put(cell, *paragraphs: str, bold: bool = False) -> None:
    """Paragraphs into a cell; one starting "• " becomes a Word bullet (List Bullet style,
    the bullet drawn by Word's numbering, not typed)."""
    for index, text in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if text.startswith("• "):
            paragraph.style = "List Bullet"
            text = text[2:]
        paragraph.add_run(text).bold = bold or None


def sym(cell, font: str, code: int) -> None:
    """A symbol as Word's Insert Symbol writes it: a ``w:sym`` with the font and a
    private-use code."""
    element = OxmlElement("w:sym")
    element.set(qn("w:font"), font)
    element.set(qn("w:char"), f"{code:04X}")
    cell.paragraphs[0].add_run()._r.append(element)


def in_font(cell, text: str, font: str) -> None:
    """Text typed with a symbol font chosen: "l" in Wingdings shows as ●."""
    cell.paragraphs[0].add_run(text).font.name = font


def header_rows(table, count: int) -> None:
    for row in table.rows[:count]:
        marker = OxmlElement("w:tblHeader")
        row._tr.get_or_add_trPr().append(marker)


def landscape(document) -> None:
    """A4 across, as councils print their tables of actions."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(1.5)


def widths(table, centimetres: list[float]) -> None:
    """Column widths in the table's grid, which is what Word and LibreOffice lay out by."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.iter(qn("w:gridCol")), centimetres, strict=False):
        column.set(qn("w:w"), str(int(width / 2.54 * 1440)))


def merge_runs(table, column: int, first: int, values: list) -> None:
    """Merge each run of equal non-empty values down ``column`` (rows from ``first``)."""
    start = 0
    while start < len(values):
        end = start
        while end + 1 < len(values) and values[end + 1] and values[end + 1] == values[start]:
            end += 1
        if values[start] and end > start:
            table.cell(first + start, column).merge(table.cell(first + end, column))
        start = end + 1


# --- seed 002: Wigan's quarterly report, objectives as rows across the table -------------------


@dataclass
class Act:
    workstream: str
    action: str | None
    responsible: str | None
    milestones: list[str]
    achievements: list[str]
    mark: str | None  # the judgement's glyph
    written: str = "glyph"  # how the mark is put in: glyph, sym, font or tick
    continued: str | None = None  # the rest of the achievements, in a row of its own


@dataclass
class Objective:
    number: str
    title: str
    acts: list[Act]
    heading: str = "row"  # "row": across the table; "paragraph": above it


WIGAN = [
    Objective(
        "1.",
        "Lead and support a new approach to customer centric service delivery",
        [
            Act(
                "Implement Customer Access Strategy",
                "By completing identified actions in strategy",
                "Head of Customer Services",
                [
                    "March 2010: Achieve stage 1 – audit, governance, performance standards",
                    "March 2011: Achieve stage 2 – competency framework, collaboration, gap "
                    "analysis",
                    "March 2012: Achieve stage 3 – accreditation, customer focus embedded",
                ],
                [
                    "Strategy has been published and action plan in place – related to the "
                    "Customer Transformation Programme."
                ],
                "●",
                "sym",
            ),
            Act(
                "Audit, and gap analysis, of current approach to customer services across Council",
                None,
                "Head of Customer Services",
                ["Audit complete and project plan to achieve associated recommendations – Sep 09"],
                [
                    "Analysis will be linked to Diagnostic Toolkit data gathering due for "
                    "completion September 09."
                ],
                "●",
                "font",
            ),
            Act(
                "Establish common approach to collection, and use, of customer insight data.",
                "Identify current practice. Identify most appropriate tools for collection of "
                "data and toolkit for use. (Link to regional and national projects).",
                "Head of Customer Services",
                ["Decision made on tools to collect data – April 09"],
                [
                    "CACI Insite tool purchased and 2 training days held with core group. Wigan "
                    "has been one of 3 lead Authorities to take forward joint work on insight as "
                    "“proof of concept” – targeted take up work now taking"
                ],
                "▲",
                "sym",
                continued="place & results due in Autumn. Insight work to be accelerated via "
                "Customer Transformation programme.",
            ),
            Act(
                "Achieve corporate accreditation to Customer Service Excellence Standard.",
                "Internally audit all Council services against standard. Develop project plan "
                "to achieve accreditation and identify project leads for each service area.",
                "Head of Customer Services",
                ["Audit complete – Aug 09 Project plan – Oct 09 Accreditation 2010/11"],
                [
                    "Lead Officer has been identified as part of Customer Transformation team. "
                    "Audit will be completed in parallel with diagnostic toolkit timescales."
                ],
                "●",
            ),
        ],
    ),
    Objective(
        "3.",
        "Lead development and delivery of initiatives to achieve the Council's vision for "
        "organisational capacity and capability",
        [
            Act(
                "Implement Organisational Development Strategy",
                "Develop unified Learning & Development Service",
                "Head of Organisational Development",
                ["Fully implemented December 2009"],
                [
                    "Unified Learning & Development Service progressing well. Redesign of "
                    "staffing structure completed. Co - location to newly created Council "
                    "Learning Hub is next phase."
                ],
                "●",
            ),
            Act(
                "Implement Organisational Development Strategy",
                "Implement LG Competencies Framework",
                "Head of Organisational Development",
                ["April 2010 Final phase implementation"],
                [
                    "Project Initiation Document is in development to manage implementation "
                    "across the Council of the new LG Competencies Framework."
                ],
                "●",
                "sym",
            ),
            Act(
                "Implement Organisational Development Strategy",
                "Develop strategy for improving the quality of workforce data and implement",
                "Head of Organisational Development",
                ["June 2009 - December 2009", "June 2009 - March 2010"],
                [
                    "Action plan developed with People Services colleagues to improve workforce "
                    "data quality and reporting.",
                    "Draft strategy developed which is being updated to reflect proposed "
                    "Leadership Model for Wigan, which is to be presented to management team.",
                ],
                "●",
            ),
            Act(
                "Implement Organisational Development Strategy",
                "Develop and implement Leadership and Management Development Programme",
                None,
                [],
                [],
                "▲",
            ),
            Act(
                "Implement Organisational Development Strategy",
                "Develop Recognition Strategy",
                None,
                ["June 2010"],
                [
                    "Work ongoing with internal partners to develop key elements of the "
                    "Recognition Strategy."
                ],
                "●",
            ),
        ],
        heading="paragraph",
    ),
    Objective(
        "4.",
        "Lead and support partnership development for stronger communities",
        [
            Act(
                "Support the delivery of an effective LSP",
                "Evaluate impact of new governance frameworks",
                "Head of Service Business Transformation",
                ["Document post peer review – Feb 2010"],
                ["Peer review development work underway. Proposed date – Nov 17 th – 20 th"],
                "●",
                "tick",
            ),
            Act(
                "Support the delivery of an effective LSP",
                "Develop a more effective information policy and advisory function for the LSP "
                "and its management/delivery boards",
                "Head of Service Business Transformation",
                ["Option appraisal for LSP development – June 09 Implementation – Jan 2010"],
                [
                    "Development paper prepared and shared for internal consultation (May). "
                    "Agreed to review post LSP Peer review."
                ],
                "?",
            ),
            Act(
                "Support the delivery of an effective LSP",
                "Evaluate the impact of the new community network structure and make "
                "recommendations for longer term development",
                "Head of Service Business Transformation",
                ["Interim review – Jan 2010"],
                [
                    "Ongoing development work – including establishment of new electoral "
                    "college. Consultation to take place August/September, with implementation "
                    "in November 2009."
                ],
                None,
            ),
            Act(
                "Facilitate the development of effective locality governance",
                "Implement the recommendations of Democratic Services review",
                "Service Director Business Transformation",
                ["New terms of reference – July 09", "Township reps to LSP – Sept 09"],
                ["Terms of reference drafted during Quarter 2, consultation to follow."],
                "*",
            ),
        ],
    ),
]
MARK_COLUMNS = {"*": 5, "●": 6, "▲": 7, "?": 8}


def write_mark(cell, act: Act) -> None:
    if act.written == "sym":
        sym(
            cell,
            {"●": "Wingdings", "▲": "Wingdings 3"}[act.mark],
            {"●": 0xF06C, "▲": 0xF070}[act.mark],
        )
    elif act.written == "font":
        in_font(
            cell, {"●": "l", "▲": "p"}[act.mark], {"●": "Wingdings", "▲": "Wingdings 3"}[act.mark]
        )
    elif act.written == "tick":
        sym(cell, "Wingdings 2", 0xF050)  # ✓ in the column of the judgement it means
    else:
        put(cell, act.mark)


def wigan_table(document, objective: Objective) -> None:
    if objective.heading == "paragraph":
        document.add_paragraph(f"{objective.number} {objective.title}")
    data_rows = []
    for act in objective.acts:
        data_rows.append(act)
        if act.continued:
            data_rows.append(None)  # the rest of the row above, after a page break
    top = 1 if objective.heading == "row" else 0
    table = document.add_table(rows=top + 2 + len(data_rows), cols=9)
    table.style = "Table Grid"
    if top:
        put(
            table.cell(0, 0).merge(table.cell(0, 8)),
            f"{objective.number} {objective.title}",
            bold=True,
        )
    for column, words in enumerate(
        ["Workstream/Project", "Action", "Responsibility", "Milestones", ACHIEVEMENTS]
    ):
        put(table.cell(top, column).merge(table.cell(top + 1, column)), words, bold=True)
    put(table.cell(top, 5).merge(table.cell(top, 8)), "Judgement of Progress", bold=True)
    put(table.cell(top + 1, 5), "*")
    sym(table.cell(top + 1, 6), "Wingdings", 0xF06C)
    sym(table.cell(top + 1, 7), "Wingdings 3", 0xF070)
    put(table.cell(top + 1, 8), "?")
    header_rows(table, top + 2)
    first = top + 2
    merge_runs(table, 0, first, [a.workstream if a else None for a in data_rows])
    merge_runs(table, 2, first, [a.responsible if a else None for a in data_rows])
    shown: set[str] = set()
    for offset, act in enumerate(data_rows):
        row = first + offset
        if act is None:
            put(table.cell(row, 4), data_rows[offset - 1].continued)
            continue
        if act.workstream not in shown:
            put(table.cell(row, 0), act.workstream)
            shown.add(act.workstream)
        if act.action:
            put(table.cell(row, 1), act.action)
        if act.responsible and table.cell(row, 2).text == "":
            put(table.cell(row, 2), act.responsible)
        put(table.cell(row, 3), *act.milestones)
        put(table.cell(row, 4), *act.achievements)
        if act.mark:
            write_mark(table.cell(row, MARK_COLUMNS[act.mark]), act)
    widths(table, [4, 4.5, 3, 4, 7.4, 1.2, 1.2, 1.2, 1.2])
    document.add_paragraph()


def summary_and_kpi_tables(document) -> None:
    """Seed 002's Table 1 and a row of its Table 3, before the tables of actions."""
    document.add_paragraph(
        "Table 1: Summary of progress against workstreams/actions within the Priority "
        "Service Objectives"
    )
    summary = document.add_table(rows=3, cols=4)
    for column, words in enumerate(
        ["Number of Actions", "% Completed", "% On-track", "% Behind Schedule"]
    ):
        put(summary.cell(0, column), words)
    put(summary.cell(1, 1), "*")
    sym(summary.cell(1, 2), "Wingdings", 0xF06C)
    sym(summary.cell(1, 3), "Wingdings 3", 0xF070)
    for column, words in enumerate(["37", "0%", "81% (30)", "19% (7)"]):
        put(summary.cell(2, column), words)
    document.add_paragraph("Table 3: Performance against key performance indicators at quarter 1")
    kpis = document.add_table(rows=3, cols=10)
    for column, words in enumerate(
        ["Measure", "Responsibility", "Actual", "National Average", "Targets"]
    ):
        put(kpis.cell(0, column), words)
    kpis.cell(0, 4).merge(kpis.cell(0, 6))
    put(kpis.cell(0, 7), "Quarter 1 Actual")
    put(kpis.cell(0, 8), "Performance Against Target")
    put(kpis.cell(0, 9), "Comment on Performance")
    for column, words in enumerate(["", "", "2008-09", "2008-09", "2009-10", "2010-11", "2011-12"]):
        put(kpis.cell(1, column), words)
    for column, words in enumerate(
        [
            "NI 14 Avoidable Contact",
            "Head of Customer Services",
            "24.3%",
            "24.7%",
            "19%",
            "-",
            "-",
            "25.6%",
        ]
    ):
        put(kpis.cell(2, column), words)
    sym(kpis.cell(2, 8), "Wingdings", 0xF06C)
    put(
        kpis.cell(2, 9),
        "Data to be monitored by department as part of the new performance management framework.",
    )
    document.add_paragraph()


def wigan_document(path: Path) -> Path:
    document = Document()
    landscape(document)
    document.add_heading("Chief Executive Services Performance Plan 2009-12", 1)
    summary_and_kpi_tables(document)
    document.add_paragraph(
        "Table 4: Progress against individual workstreams/actions within the priority service "
        "objectives"
    )
    for objective in WIGAN:
        wigan_table(document, objective)
    document.save(path)
    return path


def expected_wigan() -> list[tuple]:
    rows = []
    for objective in WIGAN:
        for act in objective.acts:
            path = (objective.title, act.workstream) + ((act.action,) if act.action else ())
            achievements = "\n\n".join(act.achievements) or None
            if act.continued:
                achievements = f"{achievements} {act.continued}"
            rows.append(
                (
                    path,
                    (objective.number, None) + ((None,) if act.action else ()),
                    act.responsible,
                    tuple(act.milestones),
                    achievements,
                    act.mark,
                )
            )
    return rows


def seen(row: SourceRow) -> tuple:
    return (row.path, row.numbers, row.responsible, row.milestones, row.achievements, row.status)


def test_wigan_objectives_across_the_table_merged_workstreams_and_symbol_columns(tmp_path):
    source = read_word(wigan_document(tmp_path / "wigan-q1.docx"))
    assert source.name == "wigan-q1.docx"
    assert source.levels == ["Objective", "Workstream/Project", "Action"]
    assert [seen(row) for row in source.rows] == expected_wigan()
    assert [row.where for row in source.rows][:5] == [
        "table 3, row 4",
        "table 3, row 5",
        "table 3, row 6",
        "table 3, row 8",
        "table 4, row 3",
    ]
    assert source.notes == [
        "Table 1 is a summary of actions: skipped.",
        "Table 2 is a table of indicators: skipped (indicators are not read from Word documents).",
        "Table 3, row 7 has no title of its own: read as the rest of table 3, row 6.",
        "The level above “Workstream/Project” is not named in the tables: called “Objective”.",
        "The summary tables count 37 actions; 13 were read from the tables of actions: check "
        "that none was missed.",
    ]


# --- seed 001: Salford's workplan, themes and activities, one Status column --------------------


@dataclass
class Activity:
    theme: str
    title: str
    description: list[str]
    pledge: str
    lead: str | None
    target: list[str]
    achievements: list[str]
    status: str | None  # as it should be read
    written: list = field(default_factory=list)  # how the status is put in, if not as text


THINK = "Making services better reflect the needs of the people of Salford"
MEMBERS = "Increasing member and public participation"
SALFORD_1 = [
    Activity(
        THINK,
        "THINK CUSTOMER",
        [
            "Further development of the Think Customer strategy through using the Contact "
            "Centre as a single point of access to:",
            "• Report faults on highways/traffic and transportation",
            "• Report hate crime incidents centrally",
            "• Coordinate applications for free school meals",
        ],
        "All 7",
        "Councillor Lancaster",
        ["March 2005"],
        [
            "The Think Customer programme board has recently met to examine the achievements of "
            "the 7 pilot themes over the 100 day pilot period and to discuss the way ahead for "
            "the initiative as a whole.",
            "The meeting also looked at the Interim Report produced by Manchester Business "
            "School (MBS).",
            "The follow up meeting of 13th September examined the action plans and the final "
            "100 day report.",
        ],
        "Green",
    ),
    Activity(
        THINK,
        "LIFT",
        [
            "We will continue to work with Salford PCT and other partners to work towards the "
            "delivery of a cross-cutting collaborative service model."
        ],
        "1",
        "Martin Vickers",
        ["Sep 2004", "March 2005"],
        [
            "We have piloted joint working arrangements through the successful promotion of "
            "the flu vaccine campaign, via the Contact Centre and awareness / inoculation "
            "sessions at the Civic Centre.",
            "The joint health promotion campaign this year between the City Council and the "
            "PCT focuses on",
            "• Flu Vaccinations",
            "• Warmth Strategy",
            "• Smoking Cessation",
        ],
        "●",
        ["font", "l", "Wingdings"],
    ),
    Activity(
        THINK,
        "E-GOVERNMENT",
        [
            "We will:",
            "• Implement all the “required” outcomes from ODPM priority services (published "
            "May 2004) by March 2005",
            "• Achieve 100% transactional enablement by March, 2005",
        ],
        "All 7",
        None,
        ["March 2005", "April 2006"],
        [
            "The Council’s e-government BVPI157 enablement figure is now at 85.09.",
            "The progress is steady and to plan, with all directorates making significant "
            "contributions towards the targets.",
        ],
        "Amber",
    ),
]
SALFORD_2 = [
    Activity(
        THINK,
        "DOCUMENT MANAGEMENT",
        [
            "We will work towards a complete rollout of the Iclipse Document Management system "
            "corporately across the council"
        ],
        "All 7",
        None,
        [],
        [
            "A business case report was approved in July following detailed research within "
            "service directorates regarding potential costs and benefits."
        ],
        "▲",
    ),
    Activity(
        THINK,
        "PROCUREMENT",
        ["We will further develop and implement the council's Procurement Strategy"],
        "6, 7",
        "Corporate Procurement Manager",
        ["December 2004", "January 2005"],
        [
            "Updated procurement strategy in draft form with integral action plan, vision "
            "statement and other documentation was submitted to Directors’ Team in September.",
            "The Procurement Board and Procurement Officers’ Group is in the process of being "
            "established.",
        ],
        "● On track",
        ["text", "● On track"],
    ),
    Activity(
        MEMBERS,
        "BUDGET CONSULTATION",
        ["We will consult on the budget with the public and members."],
        "5",
        None,
        ["16 November 2004"],
        ["Budget consultation events will run from 16th November until 9th December 2004."],
        "●",
        ["sym", "Wingdings", 0xF06C],
    ),
    Activity(
        MEMBERS,
        "CONSULTATION PLAN",
        ["We will deliver the 2004/05 consultation plan."],
        "7",
        None,
        [],
        ["Progress is being made against the 2004/05 consultation plan."],
        None,
    ),
]
SALFORD_HEADER = [
    "Workplan Theme",
    "Service Plan Activities / Targets 2004-05",
    "Pledge",
    "Lead officer",
    "Target date",
    "Achievements",
    "Status",
]


def salford_table(document, activities: list[Activity], theme_before: str | None) -> None:
    table = document.add_table(rows=1 + len(activities), cols=7)
    table.style = "Table Grid"
    for column, words in enumerate(SALFORD_HEADER):
        put(table.cell(0, column), words, bold=True)
    header_rows(table, 1)
    theme = theme_before
    for row, activity in enumerate(activities, start=1):
        if activity.theme != theme:
            put(table.cell(row, 0), activity.theme)
            theme = activity.theme
        put(table.cell(row, 1), activity.title, bold=True)
        for paragraph in activity.description:
            put_more(table.cell(row, 1), paragraph)
        put(table.cell(row, 2), activity.pledge)
        if activity.lead:
            put(table.cell(row, 3), activity.lead)
        put(table.cell(row, 4), *activity.target)
        put(table.cell(row, 5), *activity.achievements)
        how = activity.written
        status = table.cell(row, 6)
        if how and how[0] == "font":
            in_font(status, how[1], how[2])
        elif how and how[0] == "sym":
            sym(status, how[1], how[2])
        elif how and how[0] == "text":
            put(status, how[1])
        elif activity.status:
            put(status, activity.status)
    widths(table, [4, 7, 1.5, 3, 2.2, 8, 1.7])


def put_more(cell, text: str) -> None:
    paragraph = cell.add_paragraph()
    if text.startswith("• "):
        paragraph.style = "List Bullet"
        text = text[2:]
    paragraph.add_run(text)


def salford_document(path: Path) -> Path:
    document = Document()
    landscape(document)
    document.add_paragraph(
        "CABINET WORKPLAN 2004-05: CORPORATE SERVICES DIRECTORATE: NOVEMBER 2004"
    )
    salford_table(document, SALFORD_1, None)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    salford_table(document, SALFORD_2, THINK)  # the table goes on, its header repeated
    document.save(path)
    return path


def test_salford_themes_and_activities_with_a_status_column_split_over_two_tables(tmp_path):
    source = read_word(salford_document(tmp_path / "salford-workplan.docx"))
    assert source.levels == ["Theme", "Activity"]
    expected = []
    for activity in SALFORD_1 + SALFORD_2:
        description = "\n\n".join(activity.description).replace("\n\n• ", "\n• ")
        expected.append(
            (
                (activity.theme, activity.title),
                (None, None),
                activity.lead,
                tuple(activity.target),
                "\n\n".join(activity.achievements).replace("\n\n• ", "\n• "),
                "●" if activity.status == "● On track" else activity.status,
                description,
            )
        )
    assert [(*seen(row), row.description) for row in source.rows] == expected
    assert [row.where for row in source.rows] == [
        "table 1, row 2",
        "table 1, row 3",
        "table 1, row 4",
        "table 2, row 2",
        "table 2, row 3",
        "table 2, row 4",
        "table 2, row 5",
    ]
    assert source.notes == ["The column “Pledge” (table 1) is not read."]


# --- other shapes ----------------------------------------------------------------------------


def small_table(path: Path, header: list[str], rows: list[list[str]], sub: list[str] | None = None):
    document = Document()
    table = document.add_table(rows=1 + bool(sub) + len(rows), cols=len(header))
    for column, words in enumerate(header):
        put(table.cell(0, column), words)
    if sub:
        for column, words in enumerate(sub):
            if words:
                put(table.cell(1, column), words)
    for index, values in enumerate(rows, start=1 + bool(sub)):
        for column, words in enumerate(values):
            if words:
                put(table.cell(index, column), words)
    return document, table


def test_a_judgement_column_per_quarter_reads_the_latest(tmp_path):
    document, table = small_table(
        tmp_path / "q.docx",
        ["Action", "Lead", "Judgement of Progress", "", "", ""],
        [
            ["1.1 Publish the strategy", "Head of Customer Services", "●", "▲", "", ""],
            ["1.2 Train the staff", "OD lead", "●", "", "", ""],
            ["1.3 Launch Govmetric", "Head of Customer Services", "", "", "", ""],
        ],
        sub=["", "", "Q1", "Q2", "Q3", "Q4"],
    )
    table.cell(0, 2).merge(table.cell(0, 5))
    document.save(tmp_path / "q.docx")
    source = read_word(tmp_path / "q.docx")
    assert [(r.path, r.numbers, r.status) for r in source.rows] == [
        (("Publish the strategy",), ("1.1",), "▲"),
        (("Train the staff",), ("1.2",), "●"),
        (("Launch Govmetric",), ("1.3",), None),
    ]
    assert source.levels == ["Action"]


def test_a_symbol_that_cannot_be_mapped_is_named_in_the_notes(tmp_path):
    document, table = small_table(
        tmp_path / "s.docx", ["Action", "Status"], [["Publish the strategy", ""], ["Train", ""]]
    )
    sym(table.cell(1, 1), "Wingdings", 0xF0A3)  # a bold white circle: no Unicode character
    sym(table.cell(2, 1), "Webdings", 0xF061)
    document.save(tmp_path / "s.docx")
    source = read_word(tmp_path / "s.docx")
    assert [r.status for r in source.rows] == ["\ufffd", "\ufffd"]
    assert source.notes == [
        "A Wingdings character (code F0A3) in table 1, row 2 could not be read as a symbol; "
        "it reads as “\ufffd”.",
        "A Webdings character (code F061) in table 1, row 3 could not be read as a symbol; "
        "it reads as “\ufffd”.",
    ]


def test_a_ref_column_dated_milestones_a_rag_column_and_a_title_across_two_levels(tmp_path):
    document, table = small_table(
        tmp_path / "t.docx",
        [
            "Ref",
            "Workstream",
            "Action",
            "Lead",
            "Milestone",
            "Target date",
            "Update",
            "Status",
            "RAG",
        ],
        [
            [
                "A1.1",
                "Improve the Council website",
                "",
                "Head of Customer Services",
                "",
                "",
                "Workplan to be revised in line with the new Media & Comms structure.",
                "Amber",
                "A",
            ],
            [
                "A1.2",
                "Introduce OneCom suite of products",
                "Launch the staff magazine",
                "Media and Communications Manager",
                "",
                "August 09",
                "",
                "",
                "G",
            ],
        ],
    )
    table.cell(1, 1).merge(table.cell(1, 2))  # a workstream with no actions, across both
    put(table.cell(1, 4), "SOCTIM review", "Award of status")
    put(table.cell(1, 5), "Dec 09", "Mar 10")
    put(
        table.cell(2, 4),
        "Roll out of products complete including:",
        "• staff magazine",
        "• core brief",
    )
    table.cell(2, 7).paragraphs[0].add_run("\uf06c")  # a symbol font's code, its font unnamed
    document.save(tmp_path / "t.docx")
    source = read_word(tmp_path / "t.docx")
    assert source.levels == ["Workstream", "Action"]
    assert [
        (r.path, r.numbers, r.responsible, r.milestones, r.achievements, r.status, r.rating)
        for r in source.rows
    ] == [
        (
            ("Improve the Council website",),
            ("A1.1",),
            "Head of Customer Services",
            ("Dec 09: SOCTIM review", "Mar 10: Award of status"),
            "Workplan to be revised in line with the new Media & Comms structure.",
            "Amber",
            "A",
        ),
        (
            ("Introduce OneCom suite of products", "Launch the staff magazine"),
            (None, "A1.2"),
            "Media and Communications Manager",
            (
                "August 09: Roll out of products complete including:\n"
                "• staff magazine\n• core brief",
            ),
            None,
            "\ufffd",
            "G",
        ),
    ]
    assert source.notes == [
        "A symbol-font character (code F06C) in table 1, row 3 could not be read as a symbol; "
        "it reads as “\ufffd”."
    ]


def test_a_header_repeated_inside_the_table_a_heading_row_and_two_marks_in_a_row(tmp_path):
    """Seed 002's "Improve management of media relations" row is marked twice (two actions
    in one row): the first mark is read and the note says so."""
    header = ["Workstream/Project", "Responsibility", "*", "●", "▲", "?"]
    document, table = small_table(
        tmp_path / "r.docx",
        header,
        [
            ["2. Enhance and protect the reputation of Wigan", "", "", "", "", ""],
            [
                "Improve management of media relations",
                "Media and Communications Manager",
                "●",
                "●",
                "",
                "",
            ],
            header,
            ["Develop Wigan Council brand", "Media and Communications Manager", "", "●", "", ""],
        ],
    )
    table.cell(1, 0).merge(table.cell(1, 5))
    document.save(tmp_path / "r.docx")
    source = read_word(tmp_path / "r.docx")
    assert [(r.where, r.path, r.numbers, r.status) for r in source.rows] == [
        (
            "table 1, row 3",
            (
                "Enhance and protect the reputation of Wigan",
                "Improve management of media relations",
            ),
            ("2.", None),
            "*",
        ),
        (
            "table 1, row 5",
            ("Enhance and protect the reputation of Wigan", "Develop Wigan Council brand"),
            ("2.", None),
            "●",
        ),
    ]
    assert source.notes == [
        "Table 1, row 3 is marked under *, ●: read as *.",
        "The level above “Workstream/Project” is not named in the tables: called “Objective”.",
    ]


@pytest.mark.parametrize(
    ("font", "code", "shown"),
    [
        ("Wingdings", 0xF06C, "●"),
        ("Wingdings", 0x6C, "●"),
        ("Wingdings", 0xF073, "⬧"),  # the font's "s" is a lozenge; its triangles are below
        ("Wingdings 3", 0xF070, "▲"),
        ("Wingdings 3", 0xF071, "▼"),
        ("Wingdings", 0xF0FC, "✓"),
        ("Wingdings 2", 0xF050, "✓"),
        ("Wingdings", 0xF04A, "☺"),
        ("Symbol", 0xF0B7, "•"),
        ("Symbol", 0xF061, None),  # α: no judgement uses Greek
        ("Webdings", 0xF061, None),
    ],
)
def test_symbol_font_characters(font, code, shown):
    assert symbol_char(font, code) == shown


@pytest.mark.parametrize(
    ("printed", "number", "title"),
    [
        ("1.2 Improve the website", "1.2", "Improve the website"),
        ("1. Lead and support", "1.", "Lead and support"),
        (
            "Organisational Effectiveness Objective 1 Develop a culture",
            "Organisational Effectiveness Objective 1",
            "Develop a culture",
        ),
        ("Theme 2: Street scene", "Theme 2", "Street scene"),
        ("2 training days held", None, "2 training days held"),
        ("100 Day pilot", None, "100 Day pilot"),
        ("3 Lead the review", "3", "Lead the review"),
        ("THINK CUSTOMER", None, "THINK CUSTOMER"),
    ],
)
def test_numbers_printed_before_titles(printed, number, title):
    assert split_number(printed) == (number, title)


@pytest.mark.parametrize(
    ("printed", "status"),
    [
        ("●", "●"),
        ("●\nOn track", "●"),
        ("▲ Behind schedule", "▲"),
        ("Green", "Green"),
        ("On  target", "On target"),
        ("", None),
    ],
)
def test_a_status_as_printed(printed, status):
    assert status_of(printed) == status


# --- our own export, read back ---------------------------------------------------------------


def test_our_quarterly_export_reads_back_every_action(demo_path, tmp_path):
    from app.read.lookup import find_period, find_programme
    from app.reports.data import load
    from app.reports.layouts.shared import text_of_updates
    from app.store.database import Database

    output = tmp_path / "q1.docx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "export",
            str(demo_path),
            "--programme",
            "Performance Plan",
            "--period",
            Q1,
            "--layout",
            "quarterly",
            "--format",
            "docx",
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with Database.open(demo_path, read_only=True) as db, db.reader() as session:
        programme = find_programme(session, "Performance Plan")
        data = load(session, programme, find_period(session, programme, Q1))
    expected = []
    for root in data.roots:
        for workstream in root.children:
            for leaf in workstream.leaves():
                below = (leaf.title,) if leaf is not workstream else ()
                expected.append(
                    (
                        (root.title, workstream.title, *below),
                        (root.number, workstream.number, *(leaf.number for _ in below)),
                        leaf.responsible,
                        tuple(m.words() for m in leaf.milestones),
                        text_of_updates(leaf.updates) or None,
                        leaf.glyph,
                    )
                )
    source = read_word(output)
    assert len(expected) == 48
    assert [seen(row) for row in source.rows] == expected
    assert source.levels == ["Objective", "Workstream/Project", "Action"]
    assert source.notes[-1] == (
        "The summary tables count 48 actions; 48 were read from the tables of actions."
    )


def test_a_two_level_export_reads_each_rating_under_its_state(db, tmp_path):
    """A "Status with RAG" programme's report: each state's name over its own symbols'
    columns ("In progress" over G A R), the symbol heading the marked column read."""
    from sqlalchemy import select

    from app.reports import make_report, renderer
    from app.services import items, programmes, progress
    from app.store.models import Period

    programme = programmes.create_programme(db, "Plan", progress_scheme="Status with RAG").ids[0]
    programmes.add_financial_year(db, programme, 2026)
    with db.reader() as session:
        period = session.scalars(
            select(Period.id).where(Period.programme_id == programme).order_by(Period.start)
        ).first()
    objective = items.add_item(db, programme, None, "Improve the website").ids[0]
    for number, glyph in enumerate("✓GAR–"):
        action = items.add_item(db, programme, objective, f"Action {number}").ids[0]
        progress.set_judgement(db, action, period, glyph)
    report = make_report(db, programme, period, "quarterly")
    (tmp_path / "plan.docx").write_bytes(renderer("docx")(report))
    source = read_word(tmp_path / "plan.docx")
    assert [(row.path, row.status) for row in source.rows] == [
        (("Improve the website", f"Action {number}"), glyph) for number, glyph in enumerate("✓GAR–")
    ]


# --- bad files ---------------------------------------------------------------------------------


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding ``streams``, each
    at least 4,096 bytes so that none needs the mini stream: the container in which Office
    keeps a password-protected document, or a Word 97–2003 one."""
    sector, free, end, fat_sector, none = 512, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    data, places, following = b"", [], 2  # sector 0: the FAT; sector 1: the directory
    for content in streams.values():
        content = content.ljust(4096, b"\0")
        count = -(-len(content) // sector)
        places.append((following, len(content)))
        data += content.ljust(count * sector, b"\0")
        following += count
    fat = [fat_sector, end]
    for start, size in places:
        count = -(-size // sector)
        fat += [start + i + 1 for i in range(count - 1)] + [end]
    fat += [free] * (128 - len(fat))

    def entry(name, kind, *, right=none, child=none, start=end, size=0):
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return encoded.ljust(64, b"\0") + struct.pack(
            "<HBBIII16sIQQIQ",
            len(encoded),
            kind,
            1,
            none,
            right,
            child,
            b"\0" * 16,
            0,
            0,
            0,
            start,
            size,
        )

    names = list(streams)
    directory = entry("Root Entry", 5, child=1)
    for index, (name, (start, size)) in enumerate(zip(names, places, strict=True), start=1):
        sibling = index + 1 if index < len(names) else none
        directory += entry(name, 2, right=sibling, start=start, size=size)
    directory = directory.ljust(sector, b"\0")
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,
        1,
        0,
        4096,
        end,
        0,
        end,
        0,
    ) + struct.pack("<109I", 0, *[free] * 108)
    return header + struct.pack("<128I", *fat) + directory + data


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document, _ = small_table(Path("x"), ["Action", "Status"], [["Publish the strategy", "●"]])
    document.save(buffer)
    return buffer.getvalue()


def no_tables(path: Path) -> None:
    document = Document()
    document.add_paragraph("Quarter 1 monitoring: the tables follow in the next version.")
    document.save(path)


def no_header(path: Path) -> None:
    document, _ = small_table(path, ["Name", "Colour"], [["Rachel Robinson", "Blue"]])
    document.save(path)


def two_unknown_tables(path: Path) -> None:
    document, _ = small_table(path, ["Name", "Colour"], [["Rachel Robinson", "Blue"]])
    document.add_table(rows=1, cols=2).cell(0, 0).text = "Date"
    document.save(path)


def truncated(path: Path) -> None:
    data = docx_bytes()
    path.write_bytes(data[: len(data) // 2])


def workbook(path: Path) -> None:
    book = Workbook()
    book.active["A1"] = "Action"
    book.save(path)


def encrypted(path: Path) -> None:
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + b'<?xml version="1.0"?><encryption/>'
    package = struct.pack("<Q", 12_000) + random.Random(7).randbytes(12_000)
    path.write_bytes(compound_file({"EncryptionInfo": info, "EncryptedPackage": package}))


def word_97(path: Path) -> None:
    path.write_bytes(compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 100}))


def header_only(path: Path) -> None:
    document, _ = small_table(path, ["Action", "Responsibility", "Status"], [])
    document.save(path)


def huge_cell(path: Path) -> None:
    document, _table = small_table(
        path, ["Action", "Achievements"], [["Publish the strategy", "x" * 100_000]]
    )
    document.save(path)


BAD = [
    (
        no_tables,
        "report.docx",
        "“report.docx” has no tables. The actions of a report are read "
        "from its tables (objectives, workstreams and actions with their responsibility, "
        "milestones, achievements and judgement).",
    ),
    (
        no_header,
        "report.docx",
        "“report.docx”, table 1: no row in its first 8 is a header "
        "naming a level (Objective, Theme, Workstream, Activity or Action) beside a "
        "Responsibility, Milestones, Achievements or Judgement column, so it is not a table of "
        "actions. Its first row reads “Name | Colour”.",
    ),
    (
        two_unknown_tables,
        "report.docx",
        "“report.docx”: none of its 2 tables has a header "
        "naming a level (Objective, Theme, Workstream, Activity or Action) beside a "
        "Responsibility, Milestones, Achievements or Judgement column, so no actions could be "
        "read.",
    ),
    (
        header_only,
        "report.docx",
        "“report.docx”, table 1: the table of actions has a header but no rows.",
    ),
    (
        truncated,
        "report.docx",
        "“report.docx” is damaged or incomplete, so it cannot be read as a Word document.",
    ),
    (
        workbook,
        "tracker.docx",
        "“tracker.docx” is not a Word document: it is an Excel "
        "workbook. Read it as a spreadsheet instead.",
    ),
    (
        encrypted,
        "secret.docx",
        "“secret.docx” is protected by a password, so it cannot be "
        "read. Open it in Word, remove the password (File ▸ Info ▸ Protect Document ▸ Encrypt "
        "with Password) and save it, then read it again.",
    ),
    (
        word_97,
        "old.docx",
        "“old.docx” is an old-style Word document (Word 97–2003). Open it "
        "in Word and save it as a Word document (.docx), then read that.",
    ),
    (
        lambda p: p.write_bytes(b""),
        "empty.docx",
        "“empty.docx” is empty (0 bytes), so it is not a Word document.",
    ),
    (
        lambda p: p.write_bytes(b"%PDF-1.7\n"),
        "report.docx",
        "“report.docx” is not a Word document (.docx): it looks like a PDF document.",
    ),
    (lambda p: None, "missing.docx", "“missing.docx” does not exist."),
    (lambda p: p.mkdir(), "folder.docx", "“folder.docx” is a folder, not a Word document."),
    (
        huge_cell,
        "report.docx",
        "“report.docx”, table 1, row 2: the Achievements cell is "
        f"100,000 characters long, and the most any text can be is {TEXT_LIMIT:,}. Shorten it "
        "in Word and read the file again.",
    ),
]


@pytest.mark.parametrize(("make", "name", "message"), BAD, ids=[b[0].__name__ for b in BAD])
def test_a_bad_file_is_refused_with_its_message(tmp_path, make, name, message):
    path = tmp_path / name
    make(path)
    with pytest.raises(SourceError) as refused:
        read_word(path)
    assert str(refused.value) == message


# --- fuzzing -------------------------------------------------------------------------------


def mutations(seed: int, count: int):
    """Damaged copies of a real report: bytes of the zip changed, or its document.xml
    changed (bytes, a cut, a merge value, an element removed) and zipped again so that the
    damage gets past the zip's checksums to the XML and table reading."""
    buffer = io.BytesIO()
    wigan_document(buffer)
    original = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(original)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["word/document.xml"]
    rng = random.Random(seed)
    values = [b"0", b"-1", b"99999", b"restart", b"continue", b"x", b"", b"2", b"F0A3", b"\xff"]
    for _ in range(count):
        kind = rng.randrange(5)
        if kind == 0:
            damaged = bytearray(original)
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            yield bytes(damaged)
            continue
        text = xml
        if kind == 1:
            changed = bytearray(text)
            for _ in range(rng.randint(1, 10)):
                changed[rng.randrange(len(changed))] = rng.randrange(256)
            text = bytes(changed)
        elif kind == 2:
            start = rng.randrange(len(text))
            text = text[:start] + text[start + rng.randint(1, 400) :]
        elif kind == 3:
            text = re.sub(
                rb'(w:(?:val|char|font)=")[^"]*(")',
                lambda m: (
                    m.group(1) + rng.choice(values) + m.group(2)
                    if rng.random() < 0.05
                    else m.group(0)
                ),
                text,
            )
        else:
            tree = etree.fromstring(text)
            elements = list(tree.iter())
            for _ in range(rng.randint(1, 8)):
                victim = rng.choice(elements)
                parent = victim.getparent()
                if parent is not None:
                    parent.remove(victim)
                    elements = list(tree.iter())
            text = etree.tostring(tree)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for name, content in parts.items():
                package.writestr(name, text if name == "word/document.xml" else content)
        yield out.getvalue()


def test_two_hundred_damaged_reports_give_a_source_or_a_source_error(tmp_path):
    outcomes = {"source": 0, "refused": 0}
    for number, data in enumerate(mutations(seed=2009, count=200)):
        path = tmp_path / f"damaged-{number}.docx"
        path.write_bytes(data)
        try:
            source = read_word(path)
        except SourceError as error:
            assert str(error).startswith(f"“{path.name}”")
            outcomes["refused"] += 1
        else:
            assert isinstance(source, Source)
            assert all(row.path for row in source.rows)
            outcomes["source"] += 1
    assert outcomes["source"] > 20 and outcomes["refused"] > 20
