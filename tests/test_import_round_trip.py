"""Our own Word report comes back as the programme (issue 16, round trip): into an empty
file through the command line, and into the programme it came from through the window's
wizard, where it proposes no change."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.cli import run
from ui.dialogs.import_wizard import ImportWizard
from ui.shell.main_window import MainWindow

CHIEF = ["--programme", "Chief Executive", "--period", "Q1 2009/10"]


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        # All but the programme's name and the item's id, which a new file gives anew.
        return [row[1:-1] for row in csv.reader(f)]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_our_report_imported_into_an_empty_file_exports_the_same_rows(
    demo_path, tmp_path, capsys, suffix
):
    """Word and Excel alike (the CSV's round trip is in test_import_sheets.py)."""
    report, flat = tmp_path / f"q1{suffix}", tmp_path / "q1.csv"
    for target in (report, flat):
        assert (
            run(["export", str(demo_path), *CHIEF, "--layout", "quarterly", "-o", str(target)]) == 0
        )
    path = tmp_path / "round.ptdb"
    code = run(
        [
            "import",
            str(path),
            str(report),
            "--new-programme",
            "Round trip",
            "--period",
            "Q1 2009/10",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "  created       48 rows\n" in out
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
    assert rows(again) == rows(flat)  # items, responsibility, milestones, narratives, judgements


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_our_report_through_the_wizard_proposes_nothing_at_home(
    qtbot, demo, demo_path, tmp_path, suffix
):
    report = tmp_path / f"q1{suffix}"
    assert run(["export", str(demo_path), *CHIEF, "--layout", "quarterly", "-o", str(report)]) == 0
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    window = MainWindow(
        demo, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show()
    wizard = ImportWizard(window.commands.reads, window.commands.imports, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(report))
    wizard.next()
    assert wizard.currentPage() is wizard.period_page  # a report's tables say what they hold
    assert wizard.period_page.period.currentText() == "Quarter 1 2009/10"
    assert wizard.period_page.summary.text() == (
        "0 rows are new, 0 change existing items, 48 change nothing."
    )
    assert wizard.proposal is not None and wizard.proposal.changes == []
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before
    window.close()


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".csv"])
def test_salfords_workplan_comes_back_home_as_no_change(demo_path, tmp_path, capsys, suffix):
    """The workplan layout (themes, activities with their descriptions), in each format."""
    salford = ["--programme", "Cabinet Workplan", "--period", "November 2004"]
    report = tmp_path / f"workplan{suffix}"
    assert run(["export", str(demo_path), *salford, "--layout", "workplan", "-o", str(report)]) == 0
    capsys.readouterr()
    assert run(["import", str(demo_path), str(report), *salford, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "  created        0 rows\n  updated        0 rows\n  unchanged     14 rows\n" in out


def test_salfords_workplan_into_an_empty_file_keeps_each_description(demo_path, tmp_path):
    report = tmp_path / "workplan.docx"
    salford = ["--programme", "Cabinet Workplan", "--period", "November 2004"]
    assert run(["export", str(demo_path), *salford, "--layout", "workplan", "-o", str(report)]) == 0
    path = tmp_path / "salford.ptdb"
    assert (
        run(
            [
                "import",
                str(path),
                str(report),
                "--new-programme",
                "Workplan",
                "--period",
                "November 2004",
            ]
        )
        == 0
    )
    from helpers import file_query

    assert file_query(path, "SELECT description FROM item WHERE title = 'THINK CUSTOMER'")[0][
        0
    ].startswith("Further development of the Think Customer strategy")


def test_walsalls_programme_update_csv_comes_back_home_as_no_change(demo_path, tmp_path, capsys):
    """A programme update's CSV gives a strand one row per dated entry: they are one item's
    narrative, as the report prints them, so the file proposes no change at home."""
    walsall = ["--programme", "Working Smarter", "--period", "November 2011"]
    report = tmp_path / "update.csv"
    assert (
        run(["export", str(demo_path), *walsall, "--layout", "programme-update", "-o", str(report)])
        == 0
    )
    capsys.readouterr()
    assert run(["import", str(demo_path), str(report), *walsall, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "  created        0 rows\n  updated        0 rows\n  unchanged      3 rows\n" in out
