"""The layouts that print their items in headings and bullets come back too (issue 16, round
trip): Walsall's programme update, the home-working project plan, and a one-level
programme's workplan, in Word, Excel and CSV, into an empty file and into the programme they
came from. And every layout's workbook holds the items its Word report holds (issue 18)."""

from __future__ import annotations

import csv
import re
import sqlite3
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from app.cli import run
from app.imports.source import SourceError
from app.imports.word import read_word
from app.services.items import set_responsibility
from app.store.database import Database

from helpers import file_query

WALSALL = ("Working Smarter", "November 2011")
HOMEWORKING = ("Home-working", "Q1 2005/06")
SUFFIXES = [".docx", ".xlsx", ".csv"]


def export(path: Path, programme: str, period: str, layout: str, target: Path) -> None:
    place = ["--programme", programme, "--period", period]
    assert run(["export", str(path), *place, "--layout", layout, "-o", str(target)]) == 0


def rows(path: Path, *left_out: str) -> list[dict[str, str]]:
    """The CSV's rows without the programme's name and the item's id, which a new file gives
    anew, and without the columns named."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            {k: v for k, v in row.items() if k not in ("Programme", "Item id", *left_out)}
            for row in csv.DictReader(f)
        ]


PLAN_LINES_SQL = (
    "SELECT 'milestone', m.due_text, m.text FROM milestone m JOIN programme p "
    "ON p.id = m.programme_id WHERE m.item_id IS NULL AND p.name LIKE ? "
    "UNION ALL SELECT 'outcome', o.target, o.text FROM outcome o JOIN programme p "
    "ON p.id = o.programme_id WHERE p.name LIKE ?"
)


def plan_lines(path: Path, programme: str = "Round trip") -> list[tuple]:
    """A programme's key milestones (due words, text) and key outcomes (target, text)."""
    return file_query(path, PLAN_LINES_SQL + " ORDER BY 1, 3", f"{programme}%", f"{programme}%")


PLAN_LINES = 5 + 8  # the home-working plan's key milestones and key outcomes


def round_trip(
    demo_path: Path, tmp_path: Path, capsys, suffix: str, programme: str, period: str, layout: str
) -> tuple[Path, Path, Path, str]:
    """Export ``layout`` in ``suffix`` and as CSV, import the first into an empty file as a
    new programme, and export that programme's CSV: (the new file, the first CSV, the
    second CSV, what the import printed)."""
    report, flat = tmp_path / f"report{suffix}", tmp_path / "flat.csv"
    export(demo_path, programme, period, layout, report)
    export(demo_path, programme, period, layout, flat)
    capsys.readouterr()
    path = tmp_path / "round.ptdb"
    code = run(
        ["import", str(path), str(report), "--new-programme", "Round trip", "--period", period]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    again = tmp_path / "again.csv"
    export(path, "Round trip", period, layout, again)
    return path, flat, again, out


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_walsalls_programme_update_into_an_empty_file_gives_back_its_strands(
    demo_path, tmp_path, capsys, suffix
):
    """A programme update prints its strands and their updates, nothing more (no
    responsibility, milestones or judgements): those come back, each update an entry of its
    own, as the report prints them."""
    path, flat, again, out = round_trip(
        demo_path, tmp_path, capsys, suffix, *WALSALL, "programme-update"
    )
    assert "  created        3 rows\n" in out
    assert rows(again) == rows(flat) and len(rows(flat)) == 17
    assert file_query(path, "SELECT name FROM level") == [("Strand",)]
    entries = file_query(
        path,
        "SELECT count(*) FROM progress_update JOIN item ON item.id = progress_update.item_id "
        "WHERE item.title = 'Working Smarter Reviews'",
    )
    assert entries == [(4,)]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_project_plan_into_an_empty_file_gives_back_its_packages(
    demo_path, tmp_path, capsys, suffix
):
    """A project plan prints its work packages (number, title, lead officer, milestones,
    description and dependencies), their stages and their actions' titles; no judgements or
    narratives. They come back, and so do the plan's own key outcomes and key milestones
    from the Word and Excel files (the CSV, one row per item, has none)."""
    with Database.open(demo_path) as db:
        package = file_query(demo_path, "SELECT id FROM item WHERE title = 'IT Strategy'")[0][0]
        set_responsibility(db, package, "Ann Lead, ICT Manager")
    path, flat, again, out = round_trip(
        demo_path, tmp_path, capsys, suffix, *HOMEWORKING, "project-plan"
    )
    lines = 0 if suffix == ".csv" else PLAN_LINES
    assert f"  created {79 + lines:>8} rows\n" in out
    assert rows(again) == rows(flat) and len(rows(flat)) == 79
    if suffix != ".csv":
        home = plan_lines(demo_path, "Home-working Pilot Project")
        if suffix == ".docx":  # Word prints a target its outcome's words already hold once
            home = [(k, None if t and t in text else t, text) for k, t, text in home]
        assert plan_lines(path) == home
    assert [r["Depends on"] for r in rows(again) if r["Depends on"]] == [
        "People Policies & Terms and Conditions; Home-working Scheme; IT Strategy"
    ]
    assert [r["Lead officer"] for r in rows(again) if r["Lead officer"]] == [
        "Ann Lead, ICT Manager"
    ]
    assert [r["Milestones"] for r in rows(again) if r["Milestones"]] == [
        "tba: Indicative stage dates"
    ] * 4
    assert file_query(path, "SELECT name FROM level ORDER BY depth") == [
        ("Work package",),
        ("Stage",),
        ("Action",),
    ]
    if suffix == ".docx":  # the Word report prints a package's description below its stages
        assert file_query(
            path, "SELECT description FROM item WHERE title = 'Home-working Implementation'"
        )[0][0].startswith("Note: Within this work package")
        assert "The plan: key milestone — → 31 October 2005: All home-workers operational" in out


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_one_level_workplan_comes_back_as_one_level(demo_path, tmp_path, capsys, suffix):
    """Walsall's strands as a workplan: each strand is its own row, not a theme holding an
    activity of its own name."""
    path, flat, again, out = round_trip(demo_path, tmp_path, capsys, suffix, *WALSALL, "workplan")
    assert "  created        3 rows\n" in out
    assert rows(again) == rows(flat)
    assert {r["Activity"] for r in rows(flat)} == {""}
    assert file_query(path, "SELECT name FROM level") == [("Strand",)]
    assert file_query(path, "SELECT count(*) FROM item WHERE parent_id IS NOT NULL") == [(0,)]


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize(
    ("programme", "period", "layout", "count"),
    [
        (*WALSALL, "programme-update", 3),
        (*WALSALL, "workplan", 3),
        (*HOMEWORKING, "project-plan", 79),
    ],
)
def test_each_comes_back_home_as_no_change(
    demo_path, tmp_path, capsys, suffix, programme, period, layout, count
):
    report = tmp_path / f"report{suffix}"
    export(demo_path, programme, period, layout, report)
    capsys.readouterr()
    args = ["--programme", programme, "--period", period, "--dry-run"]
    assert run(["import", str(demo_path), str(report), *args]) == 0
    out = capsys.readouterr().out
    if layout == "project-plan" and suffix != ".csv":
        count += PLAN_LINES  # its key milestones and outcomes, there already
    assert f"  created        0 rows\n  updated        0 rows\n  unchanged {count:>6} rows\n" in out


def test_a_recommendations_report_is_refused_naming_its_layout(demo_path, tmp_path, capsys):
    """Recommendations are not items of a programme: the report cannot be imported, and the
    error says why rather than that a table has no header."""
    report = tmp_path / "recommendations.docx"
    export(demo_path, "Worcestershire", "May 2012", "recommendations", report)
    said = "“recommendations.docx” is Programme Tracker's “recommendations” report"
    with pytest.raises(SourceError, match=re.escape(said) + ", and its recommendations are not"):
        read_word(report)


def _word_text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _workbook_text(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    try:
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    finally:
        book.close()


@pytest.mark.parametrize(
    ("programme", "period", "layout"),
    [
        ("Chief Executive", "Q1 2009/10", "quarterly"),
        (*WALSALL, "programme-update"),
        ("Cabinet Workplan", "November 2004", "workplan"),
        (*WALSALL, "workplan"),
        (*HOMEWORKING, "project-plan"),
        ("Worcestershire", "May 2012", "recommendations"),
    ],
)
def test_each_layouts_workbook_holds_the_items_of_its_word_report(
    demo_path, tmp_path, programme, period, layout
):
    """Every item's title (a recommendation's text, for that layout) that the Word report
    prints is in the workbook, and no other."""
    word, book = tmp_path / "report.docx", tmp_path / "report.xlsx"
    export(demo_path, programme, period, layout, word)
    export(demo_path, programme, period, layout, book)
    like = f"%{programme}%"
    if layout == "recommendations":
        sql = "SELECT r.text FROM recommendation r JOIN programme p ON p.id = r.programme_id"
    else:
        sql = "SELECT i.title FROM item i JOIN programme p ON p.id = i.programme_id"
    titles = {t for (t,) in file_query(demo_path, sql + " WHERE p.name LIKE ?", like)}
    word_text, book_text = _word_text(word), _workbook_text(book)
    in_word = {t for t in titles if t in word_text}
    in_book = {t for t in titles if t in book_text}
    assert in_word and in_book == in_word


def test_a_dependency_the_plan_has_and_the_file_lost_comes_back_and_undoes(demo_path, tmp_path):
    """The plan's words for a package's dependencies are read (Word, "Depends on: a; b") and
    written by the rule the window's dependencies follow; undo takes it away again."""
    from app.imports.apply import apply_import, undo_import
    from app.imports.proposal import propose_in
    from app.read.lookup import find_period, find_programme

    report = tmp_path / "plan.docx"
    export(demo_path, *HOMEWORKING, "project-plan", report)
    raw = sqlite3.connect(demo_path)
    with raw:
        raw.execute(
            "DELETE FROM dependency WHERE depends_on_id = "
            "(SELECT id FROM item WHERE title = 'IT Strategy')"
        )
    raw.close()
    count = "SELECT count(*) FROM dependency"
    assert file_query(demo_path, count) == [(2,)]
    with Database.open(demo_path) as db:
        with db.reader() as session:
            programme = find_programme(session, HOMEWORKING[0])
            period = find_period(session, programme, HOMEWORKING[1])
        proposal = propose_in(db, programme, period, read_word(report))
        assert [(c.label, c.field, c.theirs) for c in proposal.changes] == [
            ("4 Home-working Implementation", "dependency", "IT Strategy")
        ]
        done = apply_import(db, proposal, proposal.changes)
        assert file_query(demo_path, count) == [(3,)]
        assert propose_in(db, programme, period, read_word(report)).changes == []
        undo_import(db, done)
        assert file_query(demo_path, count) == [(2,)]


@pytest.mark.parametrize(
    ("programme", "period", "layout", "suffix", "rows"),
    [
        ("Working Smarter", "November 2011", "programme-update", ".docx", 3),
        ("Home-working", "Quarter 1 2005/06", "project-plan", ".xlsx", 79 + PLAN_LINES),
    ],
)
def test_through_the_wizard_our_report_proposes_nothing_at_home(
    qtbot, demo, demo_path, tmp_path, programme, period, layout, suffix, rows
):
    """The window's import reads them as the command line does: no question about columns
    (a report says what it holds), and nothing to change."""
    from PySide6.QtCore import QSettings, Qt

    from ui.dialogs.import_wizard import ImportWizard
    from ui.shell.main_window import MainWindow

    report = tmp_path / f"report{suffix}"
    export(demo_path, programme, period, layout, report)
    window = MainWindow(
        demo, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show()
    box = window.programme_box
    box.setCurrentIndex(box.findText(programme, Qt.MatchFlag.MatchStartsWith))
    wizard = ImportWizard(window.commands.reads, window.commands.imports, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(report))
    wizard.next()
    assert wizard.currentPage() is wizard.period_page
    page = wizard.period_page
    page.period.setCurrentIndex(page.period.findText(period))
    qtbot.waitUntil(
        lambda: (
            page.summary.text()
            == f"0 rows are new, 0 change existing items, {rows} change nothing."
        )
    )
    assert wizard.proposal is not None and wizard.proposal.changes == []
    window.close()


def test_a_key_milestone_and_outcome_the_file_lost_come_back_and_undo(demo_path, tmp_path):
    """At home, a project plan's Word file proposes only the plan lines the programme lost;
    applied, they are back at the end of their lists; undone, gone again."""
    from app.imports.apply import apply_import, undo_import
    from app.imports.proposal import propose_in
    from app.read.lookup import find_period, find_programme

    report = tmp_path / "plan.docx"
    export(demo_path, *HOMEWORKING, "project-plan", report)
    raw = sqlite3.connect(demo_path)
    raw.execute("DELETE FROM milestone WHERE item_id IS NULL AND text = 'Project plan'")
    raw.execute("DELETE FROM outcome WHERE text LIKE 'Reduce staff accommodation%'")
    raw.commit()
    raw.close()
    with Database.open(demo_path) as db:
        with db.reader() as session:
            programme = find_programme(session, "Home-working")
            period = find_period(session, programme, "Quarter 1 2005/06")
        proposal = propose_in(db, programme, period, read_word(report))
        assert [(c.what, c.theirs) for c in proposal.changes] == [
            (
                "New key outcome",
                "Reduce staff accommodation requirements, and associated costs, within the "
                "Civic Centre.",
            ),
            ("New key milestone", "15 May 2005: Project plan"),
        ]
        done = apply_import(db, proposal, proposal.changes)
        lines = plan_lines(demo_path, "Home-working")
        assert ("milestone", "15 May 2005", "Project plan") in lines
        undo_import(db, done)
        assert len(plan_lines(demo_path, "Home-working")) == PLAN_LINES - 2
