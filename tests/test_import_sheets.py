"""Excel and CSV trackers brought in: read, matched, proposed, applied; again, nothing.

The trackers are written here with openpyxl as councils lay them out: a title and notes
above the header, an objective merged down over its actions, dates as dates and as text,
a formula, a hidden row, and separate Status and RAG columns for a two-level status.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt

from app.cli import run
from app.imports.apply import apply_import
from app.imports.proposal import propose, read_status
from app.imports.sheets import find_header, guess_mapping, read_grid, to_source
from app.imports.source import SourceError
from app.imports.writing import split_milestone
from app.read.lookup import find_period, find_programme
from app.read.queries import symbols
from app.services import programmes
from app.store.database import Database

from helpers import file_query

HEADER = [
    "Objective",
    "Action",
    "Lead officer",
    "Due date",
    "Milestone",
    "Status",
    "RAG",
    "Progress update",
]
ROWS = [
    (
        "1. Better homes",
        "Repair 500 council homes",
        "Head of Housing",
        dt.datetime(2025, 9, 30),
        "Contracts let",
        "In progress",
        "Green",
        "200 homes repaired.",
    ),
    (
        None,
        "Cut damp complaints",
        "Head of Housing",
        "Sep 25",
        "Survey done",
        "In progress",
        "Amber",
        "Survey half done.\n\nContractor appointed.",
    ),
    (None, "Retrofit insulation", "Energy Officer", "31/03/2026", None, "Not started", None, None),
    (
        "2. Fewer empty homes",
        "Bring 50 empty homes back into use",
        "Empty Homes Officer",
        None,
        None,
        "Complete",
        None,
        "52 homes back in use.",
    ),
    (
        None,
        "Compulsory purchase review",
        "Legal Services",
        None,
        None,
        "In progress",
        "Red",
        "Delayed by a court hearing.",
    ),
]


def tracker(path: Path, rows: list[tuple] = ROWS) -> Path:
    """A tracker as a council keeps one: title rows above the header, the objective merged
    down over its actions, a formula, a hidden row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    sheet.append(["Housing Improvement Plan – action tracker"])
    sheet.append(["Updated 30 June 2025"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    sheet.merge_cells("A5:A7")
    sheet.row_dimensions[9].hidden = True  # finished work, hidden from view: still read
    sheet["J4"] = "Check"
    sheet["J5"] = "=1+1"
    book.save(path)
    return path


def import_cli(*args: str) -> int:
    return run(["import", *args])


def actions_in(path: Path) -> list[tuple]:
    return file_query(
        path,
        "SELECT p.number, p.title, i.title, r.name, "
        "(SELECT group_concat(coalesce(m.due_text || ': ', '') || coalesce(m.text, ''), '|') "
        " FROM milestone m WHERE m.item_id = i.id), "
        "(SELECT u.text FROM progress_update u WHERE u.item_id = i.id), "
        "(SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
        " WHERE j.item_id = i.id) "
        "FROM item i JOIN item p ON p.id = i.parent_id "
        "LEFT JOIN responsible r ON r.id = i.responsible_id ORDER BY p.position, i.position",
    )


def test_the_grid_header_and_mapping_are_read_as_the_tracker_shows_them(tmp_path):
    grid = read_grid(tracker(tmp_path / "t.xlsx"))
    assert grid.sheet == "Tracker" and grid.sheets == ["Tracker"]
    header = find_header(grid)
    assert header == 3  # below the title, the date and a blank row
    assert guess_mapping(grid.rows[header]) == [
        "level",
        "title",
        "responsible",
        "due",
        "milestone",
        "status",
        "rating",
        "achievements",
        "ignore",
        "ignore",
    ]
    assert grid.rows[4][3] == "30 September 2025"  # a date cell, in words
    assert grid.rows[6][0] == "1. Better homes"  # merged down over its actions
    assert grid.rows[4][9] == ""  # a formula never calculated by Excel has no cached value
    assert grid.hidden == {8}
    source = to_source(grid, header, guess_mapping(grid.rows[header]))
    assert source.levels == ["Objective", "Action"]
    assert [(r.path, r.numbers) for r in source.rows][:2] == [
        (("Better homes", "Repair 500 council homes"), ("1", None)),
        (("Better homes", "Cut damp complaints"), ("1", None)),
    ]
    assert source.notes == ["1 hidden row read as well."]


def test_a_tracker_becomes_a_new_two_level_programme_with_every_value(tmp_path, capsys):
    """Acceptance (issue 16): an Excel tracker with title rows above the header and separate
    Status and RAG columns, through the command line: every item, judgement and narrative."""
    path, source = tmp_path / "plan.ptdb", tracker(tmp_path / "tracker.xlsx")
    code = import_cli(
        str(path), str(source), "--new-programme", "Housing Plan", "--period", "Q1 2025/26"
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith(
        "Scheme: Status with RAG (every status found is one of its symbols (5 kinds))\n"
        "Import of tracker.xlsx into “Housing Plan” for Quarter 1 2025/26\n"
        "  created        5 rows\n"
        "  updated        0 rows\n"
        "  unchanged      0 rows\n"
        "  ambiguous      0 rows\n"
    )
    assert actions_in(path) == [
        (
            "1",
            "Better homes",
            "Repair 500 council homes",
            "Head of Housing",
            "30 September 2025: Contracts let",
            "200 homes repaired.",
            "G",
        ),
        (
            "1",
            "Better homes",
            "Cut damp complaints",
            "Head of Housing",
            "Sep 25: Survey done",
            "Survey half done.\n\nContractor appointed.",
            "A",
        ),
        ("1", "Better homes", "Retrofit insulation", "Energy Officer", "31/03/2026: ", None, "–"),
        (
            "2",
            "Fewer empty homes",
            "Bring 50 empty homes back into use",
            "Empty Homes Officer",
            None,
            "52 homes back in use.",
            "✓",
        ),
        (
            "2",
            "Fewer empty homes",
            "Compulsory purchase review",
            "Legal Services",
            None,
            "Delayed by a court hearing.",
            "R",
        ),
    ]
    assert file_query(path, "SELECT due_date FROM milestone WHERE due_text = '31/03/2026'") == [
        ("2026-03-31",)
    ]
    assert file_query(
        path, "SELECT DISTINCT operation FROM change_log WHERE entity = 'judgement'"
    ) == [("imported from tracker.xlsx",)]


def test_importing_the_same_tracker_again_changes_nothing_not_a_byte(tmp_path, capsys):
    path, source = tmp_path / "plan.ptdb", tracker(tmp_path / "tracker.xlsx")
    import_cli(str(path), str(source), "--new-programme", "Housing Plan", "--period", "Q1 2025/26")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    capsys.readouterr()
    code = import_cli(str(path), str(source), "--programme", "housing", "--period", "q1 2025/26")
    assert code == 0
    assert "  created        0 rows\n  updated        0 rows\n  unchanged      5 rows\n" in (
        capsys.readouterr().out
    )
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_changed_tracker_proposes_only_its_changed_rows(tmp_path):
    path, source = tmp_path / "plan.ptdb", tracker(tmp_path / "tracker.xlsx")
    import_cli(str(path), str(source), "--new-programme", "Housing Plan", "--period", "Q1 2025/26")
    changed = list(ROWS)
    changed[1] = (*changed[1][:6], "Red", "Survey stalled.")  # rating and narrative
    changed[4] = (None, "Compulsory purchase reveiw", *changed[4][2:])  # a typo in the title
    changed.append(
        (None, "Licensing scheme", "Head of Housing", None, None, "Not started", None, None)
    )
    again = tracker(tmp_path / "tracker-q1-v2.xlsx", changed)
    db = Database.open(path)
    try:
        with db.reader() as session:
            programme = find_programme(session, "Housing")
            period = find_period(session, programme, "Q1 2025/26")
            grid = read_grid(again)
            header = find_header(grid)
            proposal = propose(
                session,
                programme,
                period,
                to_source(grid, header, guess_mapping(grid.rows[header])),
            )
        assert [
            (c.where, c.label, c.field, c.current, c.theirs, c.fuzzy) for c in proposal.changes
        ] == [
            (
                "sheet Tracker, row 6",
                "Cut damp complaints",
                "achievements",
                "Survey half done.\n\nContractor appointed.",
                "Survey stalled.",
                False,
            ),
            ("sheet Tracker, row 6", "Cut damp complaints", "judgement", "A", "R", False),
            ("sheet Tracker, row 10", "Licensing scheme", "item", None, "Licensing scheme", False),
            (
                "sheet Tracker, row 10",
                "Licensing scheme",
                "responsible",
                None,
                "Head of Housing",
                False,
            ),
            ("sheet Tracker, row 10", "Licensing scheme", "judgement", None, "–", False),
        ]
        assert proposal.unchanged == [
            "sheet Tracker, row 5",
            "sheet Tracker, row 7",
            "sheet Tracker, row 8",
            "sheet Tracker, row 9",  # the typo: matched by a close title, nothing else new
        ]
        apply_import(db, proposal, proposal.changes)
    finally:
        db.close()
    assert [row[2:] for row in actions_in(path)][1][3:] == ("Survey stalled.", "R")
    assert [row[2] for row in actions_in(path)] == [
        "Repair 500 council homes",
        "Cut damp complaints",
        "Retrofit insulation",
        "Bring 50 empty homes back into use",
        "Compulsory purchase review",
        "Licensing scheme",  # under the objective above it, as the tracker leaves it blank
    ]


def test_a_status_that_is_no_symbol_stops_the_import_naming_its_rows(tmp_path, capsys):
    path, source = tmp_path / "plan.ptdb", tracker(tmp_path / "tracker.xlsx")
    import_cli(str(path), str(source), "--new-programme", "Housing Plan", "--period", "Q1 2025/26")
    rows = list(ROWS)
    rows[0] = (*rows[0][:6], "Purple", "Odd.")
    odd = tracker(tmp_path / "odd.xlsx", rows)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    capsys.readouterr()
    code = import_cli(str(path), str(odd), "--programme", "Housing", "--period", "Q1 2025/26")
    out = capsys.readouterr().out
    assert code == 1
    assert (
        "  status “In progress / Purple” is not a symbol of the programme's scheme "
        '(sheet Tracker, row 5): say which in the mapping\'s "answers"\n'
        "Nothing was imported: resolve the rows above first.\n"
    ) in out
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"answers": {"In progress / Purple": "R"}}), encoding="utf-8")
    code = import_cli(
        str(path),
        str(odd),
        "--programme",
        "Housing",
        "--period",
        "Q1 2025/26",
        "--mapping",
        str(mapping),
    )
    assert code == 0
    assert actions_in(path)[0][5:] == ("Odd.", "R")


@pytest.mark.both_engines
def test_statuses_are_read_as_glyphs_names_states_and_common_words(db):
    wigan = programmes.create_programme(db, "Wigan style").ids[0]
    two = programmes.create_programme(db, "Two", progress_scheme="Status with RAG").ids[0]
    with db.reader() as session:
        judgement, status = symbols(session, wigan), symbols(session, two)
    assert read_status("●", None, judgement, {}) == ("●", None)
    assert read_status("● On track", None, judgement, {}) == ("●", None)  # as we export it
    assert read_status("Behind schedule", None, judgement, {}) == ("▲", None)
    assert read_status("completed", None, judgement, {}) == ("*", None)
    assert read_status("Green", None, judgement, {}) == ("●", None)  # the one "on track"
    assert read_status(None, None, judgement, {}) == (None, None)
    assert read_status("In progress", "Amber", status, {}) == ("A", None)
    assert read_status("Not started", None, status, {}) == ("–", None)
    assert read_status("In progress", None, status, {}) == (None, "In progress")  # which?
    assert read_status("Sort of", None, status, {"Sort of": "A"}) == ("A", None)


def test_milestone_words_split_into_due_words_and_text():
    assert split_milestone("Sep 09: Draft the plan") == ("Sep 09", "Draft the plan")
    assert split_milestone("31/03/2026") == ("31/03/2026", None)
    assert split_milestone("Note: draft the plan") == (None, "Note: draft the plan")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            "locked.xlsx",
            "locked.xlsx is password-protected or an old Excel 97–2003 workbook: save it from "
            "Excel as an unprotected .xlsx workbook and import that.",
        ),
        (b"just some text", "notes.xlsx", "notes.xlsx is not an Excel workbook (.xlsx)."),
    ],
)
def test_files_that_are_not_workbooks_are_refused_by_name(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        read_grid(path)
    assert str(caught.value) == message


def test_a_truncated_workbook_and_a_missing_sheet_are_refused(tmp_path):
    whole = tracker(tmp_path / "whole.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(SourceError) as caught:
        read_grid(cut)
    assert str(caught.value).startswith("cut.xlsx is damaged or not an Excel workbook (")
    with pytest.raises(SourceError) as caught:
        read_grid(tmp_path / "whole.xlsx", "Actions")
    assert str(caught.value) == "whole.xlsx has no sheet called “Actions” (it has “Tracker”)."


def test_a_sheet_without_a_header_and_one_without_titles_are_refused(tmp_path):
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Just one note"])
    book.save(tmp_path / "notes.xlsx")
    with pytest.raises(SourceError) as caught:
        find_header(read_grid(tmp_path / "notes.xlsx"))
    assert (
        str(caught.value) == "notes.xlsx, sheet Notes has no header row: no row names its columns."
    )
    grid = read_grid(tracker(tmp_path / "t.xlsx"))
    with pytest.raises(SourceError) as caught:
        to_source(grid, 3, ["responsible"] * 10)
    assert str(caught.value) == (
        "t.xlsx, sheet Tracker: no column is the title of an action or a measure."
    )
    with pytest.raises(SourceError) as caught:
        to_source(grid, 3, ["colour"] * 10)
    assert str(caught.value).startswith(
        "t.xlsx, sheet Tracker: “colour” is not a field (use level,"
    )


def test_a_csv_tracker_in_windows_encoding_reads_as_the_workbook_does(tmp_path):
    lines = ["Theme;Activity;Lead;Status", "Homes;Repair homes;Head of Housing;On track"]
    path = tmp_path / "tracker.csv"
    path.write_bytes(
        "\r\n".join([*lines, "Homes;Café checks;Food Safety Officer;Behind"]).encode("cp1252")
    )
    grid = read_grid(path)
    source = to_source(grid, find_header(grid), guess_mapping(grid.rows[find_header(grid)]))
    assert [(r.path, r.responsible, r.status) for r in source.rows] == [
        (("Homes", "Repair homes"), "Head of Housing", "On track"),
        (("Homes", "Café checks"), "Food Safety Officer", "Behind"),
    ]


def test_the_workbook_written_by_a_lead_keeps_openpyxl_readable(tmp_path):
    """The tracker fixture itself: what the tests above read is what a lead would save."""
    book = load_workbook(tracker(tmp_path / "t.xlsx"))
    assert book["Tracker"]["A4"].value == "Objective"


def test_the_import_wizard_and_review_bring_a_tracker_in_as_one_undoable_step(
    qtbot, qtmodeltester, tmp_path
):
    """Acceptance (issue 16): through the real wizard: the file, the header found below the
    titles, a column's field corrected, the period, an unknown status answered; then the
    review window, Import, Edit ▸ Undo and Redo."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWizard

    from ui.dialogs.import_wizard import ImportReviewDialog, ImportWizard
    from ui.shell.main_window import MainWindow

    db = Database.create(tmp_path / "plan.ptdb")
    programme = programmes.create_programme(
        db, "Housing Plan", progress_scheme="Status with RAG", quarters_for_years=(2025,)
    ).ids[0]
    rows = list(ROWS)
    rows[4] = (*rows[4][:6], "Purple", rows[4][7])
    source = tracker(tmp_path / "tracker.xlsx", rows)
    window = MainWindow(db, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    commands = window.commands
    wizard = ImportWizard(commands.reads, commands.imports, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(source))
    wizard.next()
    assert wizard.currentPage() is wizard.columns_page
    page = wizard.columns_page
    assert page.header.value() == 4
    assert page.mapping()[:8] == [
        "level",
        "title",
        "responsible",
        "due",
        "milestone",
        "status",
        "rating",
        "achievements",
    ]
    page.boxes[3].setCurrentIndex(page.boxes[3].findData("ignore"))  # leave the dates out
    wizard.next()
    period_page = wizard.period_page
    assert wizard.currentPage() is period_page
    assert period_page.period.currentText() == "Quarter 4 2025/26"  # the window's period
    period_page.period.setCurrentIndex(period_page.period.findText("Quarter 1 2025/26"))
    assert not period_page.isComplete()  # "Purple" means nothing yet
    assert "Say which symbol each of 1 status means." in period_page.summary.text()
    preview = period_page.outcomes  # every row, with what it becomes
    qtmodeltester.check(preview)
    assert [(r.where, r.becomes) for r in preview.rows] == [
        (
            "sheet Tracker, row 5",
            "new: “Better homes” and “Repair 500 council homes”, with responsibility, "
            "a milestone, achievements and judgement",
        ),
        (
            "sheet Tracker, row 6",
            "new: “Cut damp complaints”, with responsibility, a milestone, achievements "
            "and judgement",
        ),
        ("sheet Tracker, row 7", "new: “Retrofit insulation”, with responsibility and judgement"),
        (
            "sheet Tracker, row 8",
            "new: “Fewer empty homes” and “Bring 50 empty homes back into use”, with "
            "responsibility, achievements and judgement",
        ),
        ("sheet Tracker, row 9", "its status “In progress / Purple” needs a symbol"),
    ]
    assert preview.index(4, 1).data() == "Fewer empty homes › Compulsory purchase review"
    box = period_page.answers["In progress / Purple"]
    box.setCurrentIndex(box.findData("R"))
    assert period_page.isComplete()
    assert period_page.summary.text() == (
        "5 rows are new, 0 change existing items, 0 change nothing."
    )
    assert preview.index(4, 2).data() == (
        "new: “Compulsory purchase review”, with responsibility, achievements and judgement"
    )
    wizard.button(QWizard.WizardButton.FinishButton).click()
    proposal = wizard.proposal
    assert proposal is not None and not proposal.unknown
    assert period_page.remember.isChecked()
    review = ImportReviewDialog(
        commands.reads, commands.imports, proposal, window, remember=wizard.remember
    )
    qtbot.addWidget(review)
    review.show()
    assert review.model.headerData(2, Qt.Orientation.Horizontal) == "In the file imported"
    assert review.status.text() == "23 of 23 changes will be imported."
    review.merge_button.click()
    assert actions_in(db.path)[4][2:] == (
        "Compulsory purchase review",
        "Legal Services",
        None,
        "Delayed by a court hearing.",
        "R",
    )
    assert actions_in(db.path)[0][4] == "Contracts let"  # no due words: that column ignored
    assert window.undo_stack.undoText() == "Import tracker.xlsx (23 changes)"
    kept = file_query(db.path, "SELECT mapping FROM import_mapping")
    assert json.loads(kept[0][0])["answers"] == {"In progress / Purple": "R"}
    assert json.loads(kept[0][0])["columns"][3] == "ignore"
    qtbot.waitUntil(lambda: len(window.model.item_ids()) == 7)
    window.undo_stack.undo()
    assert actions_in(db.path) == []
    assert file_query(db.path, "SELECT count(*) FROM import_mapping") == [(0,)]
    assert file_query(db.path, "SELECT count(*) FROM item") == [(0,)]
    qtbot.waitUntil(lambda: window.model.item_ids() == [])
    window.undo_stack.redo()
    assert len(actions_in(db.path)) == 5
    assert file_query(
        db.path, "SELECT DISTINCT operation FROM change_log WHERE entity = 'item' ORDER BY id"
    )[:2] == [("imported from tracker.xlsx",), ("undo import of tracker.xlsx",)]
    again = ImportWizard(commands.reads, commands.imports, window)  # next quarter
    qtbot.addWidget(again)
    again.show()
    again.file_page.path.setText(str(source))
    again.next()
    assert again.columns_page.note.text() == (
        "Read as last time: the columns are as you set them then."
    )
    assert again.columns_page.mapping()[3] == "ignore"
    again.next()
    assert not again.period_page.answers  # "Purple" is known: nothing to ask
    assert "changes achievements and judgement" in {  # for the window's Quarter 4
        r.becomes for r in again.period_page.outcomes.rows
    }
    again.period_page.period.setCurrentIndex(again.period_page.period.findText("Quarter 1 2025/26"))
    assert {r.becomes for r in again.period_page.outcomes.rows} == {"no change"}
    assert len(again.period_page.outcomes.rows) == 5
    window.close()
    del programme


MEASURES_CSV = """\
Code,Measure,Lead,Target,Actual,RAG,Comment
H1,Homes repaired,Head of Housing,500,512,G,Ahead of plan
H2,Empty homes back in use,Empty Homes Officer,50,46,A,Two sales fell through
H3,Days to re-let a home,Head of Housing,20,31,R,Contractor shortage
"""


def test_a_csv_of_measures_with_rag_ratings_comes_in_as_indicators(db, tmp_path, capsys):
    """Acceptance (issue 16): a CSV of measures with RAG ratings: each becomes an indicator
    with the year's target and the period's actual, status and comment; again, nothing."""
    programme = programmes.create_programme(
        db, "Housing Plan", kpi_scheme="RAG for measures", quarters_for_years=(2025,)
    ).ids[0]
    db.close()
    source = tmp_path / "measures.csv"
    source.write_text(MEASURES_CSV, encoding="utf-8")
    path = str(tmp_path / "test.ptdb")
    code = import_cli(path, str(source), "--programme", "Housing", "--period", "Q1 2025/26")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "  created        3 rows\n" in out
    assert file_query(
        path,
        "SELECT i.code, i.title, t.value_text, r.actual_text, s.glyph, r.status_reason, "
        "r.comment FROM indicator i JOIN kpi_target t ON t.indicator_id = i.id "
        "JOIN kpi_result r ON r.indicator_id = i.id JOIN symbol s ON s.id = r.status_symbol_id "
        "ORDER BY i.position",
    ) == [
        ("H1", "Homes repaired", "500", "512", "G", "as measures.csv gives it", "Ahead of plan"),
        (
            "H2",
            "Empty homes back in use",
            "50",
            "46",
            "A",
            "as measures.csv gives it",
            "Two sales fell through",
        ),
        (
            "H3",
            "Days to re-let a home",
            "20",
            "31",
            "R",
            "as measures.csv gives it",
            "Contractor shortage",
        ),
    ]
    before = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    code = import_cli(path, str(source), "--programme", "Housing", "--period", "Q1 2025/26")
    assert code == 0
    assert "  unchanged      3 rows\n" in capsys.readouterr().out
    assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == before
    del programme


def test_undoing_an_import_of_measures_takes_back_new_indicators_and_old_values(db, tmp_path):
    from app.imports.apply import undo_import

    programme = programmes.create_programme(
        db, "Housing Plan", kpi_scheme="RAG for measures", quarters_for_years=(2025,)
    ).ids[0]
    source = tmp_path / "measures.csv"
    source.write_text(MEASURES_CSV, encoding="utf-8")
    grid = read_grid(source)
    measures = to_source(grid, 0, guess_mapping(grid.rows[0]))
    with db.reader() as session:
        period = find_period(session, programme, "Q1 2025/26")
        first = propose(session, programme, period, measures)
    first_done = apply_import(db, first, first.changes)
    source.write_text(MEASURES_CSV.replace("512,G", "480,A"), encoding="utf-8")
    grid = read_grid(source)
    with db.reader() as session:
        second = propose(
            session, programme, period, to_source(grid, 0, guess_mapping(grid.rows[0]))
        )
    assert [(c.label, c.field, c.current, c.theirs) for c in second.changes] == [
        ("H1 Homes repaired", "actual", "512", "480"),
        ("H1 Homes repaired", "status", "G", "A"),
    ]
    done = apply_import(db, second, second.changes)
    undo_import(db, done)
    rows = (
        "SELECT r.actual_text, s.glyph FROM kpi_result r JOIN symbol s ON s.id = r.status_symbol_id"
    )
    assert file_query(db.path, rows)[0] == ("512", "G")
    undo_import(db, first_done)
    assert file_query(db.path, "SELECT count(*) FROM indicator") == [(0,)]


def test_our_own_csv_export_comes_back_as_the_programme_and_changes_nothing_at_home(
    demo_path, tmp_path, capsys
):
    """Acceptance (issue 16, round trip): Wigan's quarterly CSV, imported into an empty
    file, exports again to the same rows; imported into the programme it came from, it
    proposes no change."""
    import csv

    exported = tmp_path / "q1.csv"
    chief = ["--programme", "Chief Executive", "--period", "Q1 2009/10"]
    assert (
        run(["export", str(demo_path), *chief, "--layout", "quarterly", "-o", str(exported)]) == 0
    )
    path = tmp_path / "round.ptdb"
    assert (
        import_cli(
            str(path), str(exported), "--new-programme", "Round trip", "--period", "Q1 2009/10"
        )
        == 0
    )
    again = tmp_path / "again.csv"
    assert (
        run(
            [
                "export",
                str(path),
                "--programme",
                "Round trip",
                "--period",
                "Q1 2009/10",
                "--layout",
                "quarterly",
                "-o",
                str(again),
            ]
        )
        == 0
    )

    def rows(csv_path: Path) -> list[list[str]]:
        with csv_path.open(encoding="utf-8-sig", newline="") as f:
            # All but the programme's name and the item's id, which a new file gives anew.
            return [row[1:-1] for row in csv.reader(f)]

    assert rows(again) == rows(exported)
    assert len(rows(exported)) == 49  # the header and 48 actions
    capsys.readouterr()
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    assert import_cli(str(demo_path), str(exported), *chief) == 0
    out = capsys.readouterr().out
    assert "  created        0 rows\n  updated        0 rows\n  unchanged     48 rows\n" in out
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before


def test_how_a_tracker_was_read_is_kept_for_next_quarter(tmp_path, capsys):
    """The mapping used (a column left out, what "Purple" means) is kept with the programme:
    next quarter's copy of the tracker comes in without asking again; undo forgets it."""
    path, source = tmp_path / "plan.ptdb", tracker(tmp_path / "tracker.xlsx")
    import_cli(str(path), str(source), "--new-programme", "Housing Plan", "--period", "Q1 2025/26")
    rows = list(ROWS)
    rows[0] = (*rows[0][:6], "Purple", "Odd.")
    q2 = tracker(tmp_path / "tracker-q2.xlsx", rows)
    mapping = tmp_path / "mapping.json"
    columns = guess_mapping([*HEADER, "", "Check"])
    columns[3] = "ignore"
    mapping.write_text(
        json.dumps({"columns": columns, "answers": {"In progress / Purple": "R"}}),
        encoding="utf-8",
    )
    assert (
        import_cli(
            str(path),
            str(q2),
            "--programme",
            "Housing",
            "--period",
            "Q2 2025/26",
            "--mapping",
            str(mapping),
        )
        == 0
    )
    kept = file_query(path, "SELECT headers, mapping FROM import_mapping")
    assert len(kept) == 1 and json.loads(kept[0][1])["answers"] == {"In progress / Purple": "R"}
    capsys.readouterr()
    q3 = tracker(tmp_path / "tracker-q3.xlsx", rows)
    assert import_cli(str(path), str(q3), "--programme", "Housing", "--period", "Q3 2025/26") == 0
    out = capsys.readouterr().out
    assert out.startswith("Columns read as kept with the programme from the last import.\n")
    assert "status “" not in out  # Purple is known now
    assert file_query(
        path,
        "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
        "JOIN period p ON p.id = j.period_id JOIN item i ON i.id = j.item_id "
        "WHERE p.label = 'Quarter 3 2025/26' AND i.title = 'Repair 500 council homes'",
    ) == [("R",)]
    # The due dates were left out: no milestone of Q2's or Q3's came in with its due words.
    assert file_query(path, "SELECT count(*) FROM milestone WHERE text = 'Contracts let'") == [(2,)]


def test_a_row_that_fits_two_items_is_asked_about_and_never_guessed(qtbot, tmp_path, capsys):
    """Two actions called "Review the policy" under one objective: a tracker row with that
    title is not matched to either. The command line names the row and both items and
    writes nothing; the wizard asks which it is, or leaves it out."""
    from PySide6.QtCore import QSettings

    from app.services import items
    from ui.dialogs.import_wizard import ImportWizard
    from ui.shell.main_window import MainWindow

    path = tmp_path / "plan.ptdb"
    db = Database.create(path)
    programme = programmes.create_programme(
        db, "Plan", levels=("Objective", "Action"), quarters_for_years=(2025,)
    ).ids[0]
    homes = items.add_item(db, programme, None, "Homes").ids[0]
    first = items.add_item(db, programme, homes, "Review the policy").ids[0]
    second = items.add_item(db, programme, homes, "Review the policy").ids[0]
    source = tmp_path / "tracker.csv"
    source.write_text("Objective,Action,Status\nHomes,Review the policy,Behind\n", encoding="utf-8")
    db.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    code = import_cli(str(path), str(source), "--programme", "Plan", "--period", "Q1 2025/26")
    out = capsys.readouterr().out
    assert code == 1
    assert (
        f"  row 2: ambiguous, could be “Review the policy” (item {first}) or “Review the "
        f"policy” (item {second})\nNothing was imported: resolve the rows above first.\n"
    ) in out
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before

    window = MainWindow(
        Database.open(path), settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show()
    wizard = ImportWizard(window.commands.reads, window.commands.imports, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(source))
    wizard.next()
    wizard.next()
    page = wizard.period_page
    page.period.setCurrentIndex(page.period.findText("Quarter 1 2025/26"))
    assert not page.isComplete()
    box = page.choices["row 2"]
    assert [box.itemText(n) for n in range(box.count())] == [
        "Choose the item it is…",
        "Review the policy",
        "Review the policy",
        "Leave this row out",
    ]
    box.setCurrentIndex(box.findData(second))
    assert page.isComplete()
    proposal = wizard.proposal
    assert [(c.item_id, c.field, c.theirs) for c in proposal.changes] == [
        (second, "judgement", "▲")
    ]
    box.setCurrentIndex(box.findData(0))
    assert page.isComplete() and wizard.proposal.changes == []
    assert wizard.proposal.left_out == ["row 2"]
    window.close()


OWN_SCHEME = {
    "name": "Traffic lights",
    "columns": [
        {"name": "Done", "role": "completed"},
        {"name": "Going", "role": "on_track", "rated": True},
    ],
    "symbols": [
        {
            "glyph": "✓",
            "name": "Done",
            "meaning": "Finished",
            "colour": "#1F5FAD",
            "shortcut": "d",
            "column": "Done",
        },
        {
            "glyph": "G",
            "name": "Green",
            "meaning": "Fine",
            "colour": "#2E7D32",
            "shortcut": "g",
            "column": "Going",
        },
        {
            "glyph": "R",
            "name": "Red",
            "meaning": "Late",
            "colour": "#C62828",
            "shortcut": "r",
            "column": "Going",
            "category": "behind",
        },
    ],
}


def test_a_programme_json_file_carries_its_own_scheme(tmp_path, capsys):
    """SOURCE may be a programme JSON file whose scheme is its own, not a template's."""
    spec = {
        "name": "Lights",
        "quarters_for_years": [2025],
        "levels": ["Objective", "Action"],
        "progress_scheme": OWN_SCHEME,
        "kpi_scheme": None,
        "items": [
            {
                "title": "Homes",
                "children": [{"title": "Repair", "judgements": {"Quarter 1 2025/26": "R"}}],
            }
        ],
    }
    source = tmp_path / "lights.json"
    source.write_text(json.dumps(spec), encoding="utf-8")
    path = tmp_path / "lights.ptdb"
    assert import_cli(str(path), str(source), "--new-programme", "ignored") == 0
    assert file_query(
        path,
        "SELECT c.name, c.rated, s.glyph, s.category FROM symbol s "
        "JOIN summary_column c ON c.id = s.column_id ORDER BY s.position",
    ) == [("Done", 0, "✓", "completed"), ("Going", 1, "G", "on_track"), ("Going", 1, "R", "behind")]
    assert file_query(
        path, "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id"
    ) == [("R",)]
    bad = dict(
        OWN_SCHEME, symbols=[*OWN_SCHEME["symbols"], dict(OWN_SCHEME["symbols"][1], name="Again")]
    )
    source.write_text(
        json.dumps(dict(spec, name="Lights 2", progress_scheme=bad)), encoding="utf-8"
    )
    capsys.readouterr()
    assert import_cli(str(path), str(source), "--new-programme", "ignored") == 2
    assert capsys.readouterr().err == (
        "programme-tracker: Programme “Lights 2”, progress_scheme, symbol 4: the glyph “G” "
        "is used twice.\n"
    )


def test_an_action_renamed_since_the_export_is_found_by_its_id(demo_path, tmp_path, capsys):
    """Our CSV carries each item's id: an action renamed here since is still the row's."""
    from app.services import items

    exported = tmp_path / "q1.csv"
    chief = ["--programme", "Chief Executive", "--period", "Q1 2009/10"]
    assert (
        run(["export", str(demo_path), *chief, "--layout", "quarterly", "-o", str(exported)]) == 0
    )
    import csv

    with exported.open(encoding="utf-8-sig", newline="") as f:
        first = next(csv.DictReader(f))
    item_id = int(first["Item id"])
    with Database.open(demo_path) as db:
        items.set_item_text(db, item_id, "title", "Deliver the customer access strategy")
    capsys.readouterr()
    assert import_cli(str(demo_path), str(exported), *chief, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "  created        0 rows\n  updated        0 rows\n  unchanged     48 rows\n" in out


def test_a_sheet_of_more_than_100000_rows_is_refused_by_name(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("Action,Status\n" + "Repair,Green\n" * 100_000, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_grid(path)
    assert str(caught.value) == "huge.csv has more than 100,000 rows."


def test_the_wizard_takes_a_sheet_of_measures(qtbot, tmp_path):
    """A CSV of measures with RAG ratings, through the real wizard and review."""
    from PySide6.QtCore import QSettings

    from ui.dialogs.import_wizard import ImportReviewDialog, ImportWizard
    from ui.shell.main_window import MainWindow

    db = Database.create(tmp_path / "plan.ptdb")
    programmes.create_programme(
        db, "Housing Plan", kpi_scheme="RAG for measures", quarters_for_years=(2025,)
    )
    source = tmp_path / "measures.csv"
    source.write_text(MEASURES_CSV, encoding="utf-8")
    window = MainWindow(db, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    wizard = ImportWizard(window.commands.reads, window.commands.imports, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(source))
    wizard.next()
    assert wizard.columns_page.mapping() == [
        "code",
        "title",
        "responsible",
        "target",
        "actual",
        "rating",
        "comment",
    ]
    wizard.next()
    page = wizard.period_page
    page.period.setCurrentIndex(page.period.findText("Quarter 1 2025/26"))
    assert page.isComplete()
    review = ImportReviewDialog(
        window.commands.reads, window.commands.imports, wizard.proposal, window
    )
    qtbot.addWidget(review)
    review.show()
    assert review.status.text() == "18 of 18 changes will be imported."  # 6 a measure
    review.merge_button.click()
    assert file_query(
        db.path,
        "SELECT i.code, r.actual_text, s.glyph FROM indicator i JOIN kpi_result r "
        "ON r.indicator_id = i.id JOIN symbol s ON s.id = r.status_symbol_id ORDER BY i.code",
    ) == [("H1", "512", "G"), ("H2", "46", "A"), ("H3", "31", "R")]
    window.undo_stack.undo()
    assert file_query(db.path, "SELECT count(*) FROM indicator") == [(0,)]
    window.close()


def test_a_measures_value_in_another_unit_is_refused_naming_its_row(db, tmp_path, capsys):
    """As the indicators view refuses it: "£1,200" is money, not a percentage."""
    import sqlite3

    programmes.create_programme(
        db, "Housing Plan", kpi_scheme="RAG for measures", quarters_for_years=(2025,)
    )
    db.close()
    source = tmp_path / "measures.csv"
    source.write_text(MEASURES_CSV, encoding="utf-8")
    path = str(tmp_path / "test.ptdb")
    assert import_cli(path, str(source), "--programme", "Housing", "--period", "Q1 2025/26") == 0
    raw = sqlite3.connect(path)
    raw.execute("UPDATE indicator SET unit = '%' WHERE code = 'H1'")  # set up as a percentage
    raw.commit()
    raw.close()
    source.write_text(MEASURES_CSV.replace("512,G", '"£1,200",G'), encoding="utf-8")
    before = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    capsys.readouterr()
    assert import_cli(path, str(source), "--programme", "Housing", "--period", "Q2 2025/26") == 2
    assert capsys.readouterr().err == (
        "programme-tracker: row 2: “£1,200” is money, but H1 is measured as a "
        "percentage: type a number such as 25.6 or 25.6%.\n"
    )
    assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == before


def test_a_due_date_kept_as_an_excel_serial_reads_as_its_day(tmp_path):
    """45930 is 30 September 2025 to Excel: a cell that lost its date format still means it."""
    path = tmp_path / "serials.csv"
    path.write_text("Action,Due date,Milestone\nRepair,45930,Contracts let\nSurvey,Sep 25,Done\n")
    grid = read_grid(path)
    source = to_source(grid, 0, guess_mapping(grid.rows[0]))
    assert [r.milestones for r in source.rows] == [
        ("30 September 2025: Contracts let",),
        ("Sep 25: Done",),
    ]
