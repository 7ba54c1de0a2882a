"""The command line: every refusal is one line on stderr naming the problem, with a non-zero exit
and nothing written; `list`; period labels as councils write them; help with examples; and
`python -m app FILE` checking the file before any window opens."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from app.cli import run
from app.core.dates import format_date
from app.core.errors import TrackerError
from app.read.lookup import find_period, find_programme

from helpers import file_query

ROOT = Path(__file__).parents[1]
WIGAN = "Chief Executive Services Performance Plan 2009-12"
SALFORD = "Cabinet Workplan 2004-05: Corporate Services Directorate"
Q1 = "Quarter 1 2009/10"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(capsys, *args) -> tuple[int, str, str]:
    """Run the command line in-process; return (exit code, stdout, stderr)."""
    code = run([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def python_m_app(*args, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m app …`` as a person types it (offscreen, so a window would not show, but
    a modal dialog would hang until the timeout)."""
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


def export(capsys, demo_path, *args) -> tuple[int, str, str]:
    return cli(capsys, "export", demo_path, *args)


# --- export: layouts that do not fit, options that do not apply, empty reports ------------------


NOT_FITTING = [
    (
        "Chief Executive",
        Q1,
        "recommendations",
        f"“{WIGAN}” has no recommendations, so the recommendations layout would be empty. "
        "The layouts that fit it are: quarterly, project-plan.",
    ),
    (
        "Chief Executive",
        Q1,
        "workplan",
        f"The workplan layout shows at most two levels, but “{WIGAN}” has three (Objective, "
        "Workstream/Project, Action), so its Action level would be left out. "
        "The layouts that fit it are: quarterly, project-plan.",
    ),
    (
        "Cabinet Workplan",
        "November 2004",
        "programme-update",
        f"The programme-update layout shows only one level, but “{SALFORD}” has two (Theme, "
        "Activity), so its Activity level would be left out. "
        "The layouts that fit it are: quarterly, workplan.",
    ),
    (
        "Cabinet Workplan",
        "November 2004",
        "project-plan",
        "The project-plan layout needs three levels (work packages, stages and actions), but "
        f"“{SALFORD}” has only two (Theme, Activity), so it would list no actions. "
        "The layouts that fit it are: quarterly, workplan.",
    ),
    (
        "Working Smarter",
        "November 2011",
        "quarterly",
        "The quarterly layout needs at least two levels (objectives and their actions), but "
        "“Working Smarter Programme” has only one (Strand), so its detail tables would be "
        "empty. The layouts that fit it are: programme-update, workplan.",
    ),
    (
        "Hub Scrutiny",
        "May 2012",
        "quarterly",
        "“Worcestershire Hub Scrutiny – Monitoring of Recommendations” has no objectives or "
        "actions yet, so the quarterly layout would be empty. "
        "The layouts that fit it are: recommendations.",
    ),
]


@pytest.mark.parametrize(("programme", "period", "layout", "message"), NOT_FITTING)
def test_a_layout_that_does_not_fit_is_refused(
    capsys, demo_path, tmp_path, programme, period, layout, message
):
    before = sha256(demo_path)
    out = tmp_path / "report.docx"
    code, stdout, err = export(
        capsys,
        demo_path,
        "--programme",
        programme,
        "--period",
        period,
        "--layout",
        layout,
        "--format",
        "docx",
        "-o",
        out,
    )
    assert (code, stdout, err) == (2, "", f"programme-tracker: {message}\n")
    assert not out.exists()
    assert sha256(demo_path) == before


def test_every_fitting_layout_writes_a_report(capsys, demo_path, tmp_path):
    for programme, period, layout in [
        ("Chief Executive", Q1, "quarterly"),
        ("Chief Executive", Q1, "project-plan"),
        ("Cabinet Workplan", "November 2004", "workplan"),
        ("Cabinet Workplan", "November 2004", "quarterly"),
        ("Home-working", "Q1 2005/06", "project-plan"),
        ("Working Smarter", "November 2011", "programme-update"),
        ("Working Smarter", "November 2011", "workplan"),
        ("Hub Scrutiny", "May 2012", "recommendations"),
    ]:
        out = tmp_path / f"{layout}-{programme.split()[0]}.csv"
        code, stdout, err = export(
            capsys,
            demo_path,
            "--programme",
            programme,
            "--period",
            period,
            "--layout",
            layout,
            "--format",
            "csv",
            "-o",
            out,
        )
        assert (code, err) == (0, ""), (programme, layout)
        assert stdout == f"Wrote {out} ({out.stat().st_size:,} bytes)\n"
        assert len(out.read_text(encoding="utf-8-sig").splitlines()) > 1, (programme, layout)


@pytest.mark.parametrize(
    ("layout", "programme", "period", "option", "message"),
    [
        (
            "workplan",
            "Cabinet Workplan",
            "November 2004",
            ["--exceptions-only"],
            "--exceptions-only does not apply to the workplan layout (only to quarterly); "
            "leave it out.",
        ),
        (
            "project-plan",
            "Home-working",
            "Quarter 1 2005/06",
            ["--no-cover"],
            "--no-cover does not apply to the project-plan layout (only to quarterly); "
            "leave it out.",
        ),
        (
            "recommendations",
            "Hub Scrutiny",
            "May 2012",
            ["--objective", "1"],
            "--objective does not apply to the recommendations layout (only to quarterly, "
            "programme-update, workplan and project-plan); leave it out.",
        ),
    ],
)
def test_an_option_the_layout_does_not_use_is_refused(
    capsys, demo_path, tmp_path, layout, programme, period, option, message
):
    before = sha256(demo_path)
    out = tmp_path / "report.docx"
    code, stdout, err = export(
        capsys,
        demo_path,
        "--programme",
        programme,
        "--period",
        period,
        "--layout",
        layout,
        "--format",
        "docx",
        "-o",
        out,
        *option,
    )
    assert (code, stdout, err) == (2, "", f"programme-tracker: {message}\n")
    assert not out.exists()
    assert sha256(demo_path) == before


WIGAN_RESPONSIBLE = [
    "Business Intelligence manager.",
    "Corporate Procurement Manager",
    "Head of Customer Service",
    "Head of Customer Services",
    "Head of Organisational Development",
    "Head of Service Business Transformation",
    "Head of Service – Business Transformation",
    "Media and Communications Manager",
    "PFI Project Director",
    "Service Director Business Transformation",
    "Service Director Customer Transformation",
    "Team Manager Learning & Development Service",
]


def test_responsible_naming_nobody_lists_those_responsible(capsys, demo_path, tmp_path):
    before = sha256(demo_path)
    out = tmp_path / "mine.docx"
    common = ["--period", Q1, "--layout", "quarterly", "--format", "docx", "-o", out]
    code, stdout, err = export(
        capsys, demo_path, "--programme", "Chief Executive", *common, "--responsible", "Nobody"
    )
    assert (code, stdout) == (2, "")
    assert err == (
        f"programme-tracker: No one responsible for anything in “{WIGAN}” matches “Nobody”. "
        "Those responsible are:\n" + "".join(f"  {name}\n" for name in WIGAN_RESPONSIBLE)
    )
    code, stdout, err = export(
        capsys, demo_path, "--programme", "Chief Executive", *common, "--responsible", "customer"
    )
    assert (code, stdout) == (2, "")
    assert err == (
        f"programme-tracker: “customer” matches 3 of those responsible in “{WIGAN}”; "
        "say which:\n"
        "  Head of Customer Service\n"
        "  Head of Customer Services\n"
        "  Service Director Customer Transformation\n"
    )
    code, stdout, err = export(
        capsys,
        demo_path,
        "--programme",
        "Cabinet",
        "--period",
        "November 2004",
        "--layout",
        "workplan",
        "--format",
        "docx",
        "-o",
        out,
        "--responsible",
        "Anyone",
    )
    assert (code, stdout) == (2, "")
    assert err == (
        f"programme-tracker: Nobody is named as responsible for anything in “{SALFORD}”; "
        "leave out --responsible.\n"
    )
    assert not out.exists()
    assert sha256(demo_path) == before


def test_responsible_accepts_a_unique_part_of_the_name(capsys, demo_path, tmp_path):
    out = tmp_path / "mine.csv"
    code, _stdout, err = export(
        capsys,
        demo_path,
        "--programme",
        "Chief Executive",
        "--period",
        Q1,
        "--layout",
        "quarterly",
        "--format",
        "csv",
        "-o",
        out,
        "--responsible",
        "media and comm",
    )
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row["Responsibility"] for row in rows] == ["Media and Communications Manager"] * 5
    # an exact name wins over longer names containing it
    code, _stdout, err = export(
        capsys,
        demo_path,
        "--programme",
        "Chief Executive",
        "--period",
        Q1,
        "--layout",
        "quarterly",
        "--format",
        "csv",
        "-o",
        tmp_path / "service.csv",
        "--responsible",
        "head of customer service",
    )
    assert (code, err) == (0, "")
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "service.csv").read_text(encoding="utf-8-sig")))
    )
    assert [row["Responsibility"] for row in rows] == ["Head of Customer Service"]


@pytest.mark.parametrize(
    ("period", "options", "which"),
    [
        ("Quarter 4 2011/12", ["--no-unjudged"], "--no-unjudged"),
        ("Quarter 4 2011/12", ["--exceptions-only"], "--exceptions-only"),
        (
            Q1,
            ["--objective", "3.", "--responsible", "Media and Communications Manager"],
            "--objective “3.” and --responsible “Media and Communications Manager”",
        ),
    ],
)
def test_an_empty_report_is_refused(capsys, demo_path, tmp_path, period, options, which):
    before = sha256(demo_path)
    out = tmp_path / "report.pdf"
    code, stdout, err = export(
        capsys,
        demo_path,
        "--programme",
        "Chief Executive",
        "--period",
        period,
        "--layout",
        "quarterly",
        "--format",
        "pdf",
        "-o",
        out,
        *options,
    )
    assert (code, stdout) == (2, "")
    assert err == (
        f"programme-tracker: Nothing to report: no actions of “{WIGAN}” for {period} match "
        f"{which}, so no file was written.\n"
    )
    assert not out.exists()
    assert sha256(demo_path) == before


# --- export: format and file name -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name", "message"),
    [
        (
            "pdf",
            "x.docx",
            "--format pdf writes a .pdf file, but “x.docx” ends in .docx; name the output x.pdf, "
            "or give --format docx.",
        ),
        (
            "csv",
            "x.txt",
            "--format csv writes a .csv file, but “x.txt” ends in .txt; name the output x.csv.",
        ),
        (
            "docx",
            "report",
            "“report” has no suffix; name the output report.docx, to match --format docx.",
        ),
        (
            None,
            "report",
            "“report” does not say which format to write: end its name in .docx, .pdf, .xlsx, "
            ".html or .csv, or give --format.",
        ),
        (
            None,
            "report.txt",
            "“report.txt” does not say which format to write: end its name in .docx, .pdf, "
            ".xlsx, .html or .csv, or give --format.",
        ),
    ],
)
def test_format_and_suffix_must_agree(capsys, demo_path, tmp_path, fmt, name, message):
    out = tmp_path / name
    formats = ["--format", fmt] if fmt else []
    code, stdout, err = export(
        capsys,
        demo_path,
        "--programme",
        "Chief Executive",
        "--period",
        Q1,
        "--layout",
        "quarterly",
        *formats,
        "-o",
        out,
    )
    assert (code, stdout, err) == (2, "", f"programme-tracker: {message}\n")
    assert not out.exists()


def test_format_is_taken_from_the_suffix(capsys, demo_path, tmp_path):
    out = tmp_path / "Q1 REPORT.DOCX"
    code, stdout, err = export(
        capsys,
        demo_path,
        "--programme",
        "Chief Executive",
        "--period",
        Q1,
        "--layout",
        "quarterly",
        "-o",
        out,
    )
    assert (code, err) == (0, "")
    assert stdout == f"Wrote {out} ({out.stat().st_size:,} bytes)\n"
    assert any(
        table.rows[0].cells[0].text == "Number of Actions" for table in Document(str(out)).tables
    )
    html = tmp_path / "q1.htm"
    code, _stdout, err = export(
        capsys,
        demo_path,
        "--programme",
        "Chief Executive",
        "--period",
        Q1,
        "--layout",
        "quarterly",
        "--format",
        "html",
        "-o",
        html,
    )
    assert (code, err) == (0, "")
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_existing_output_is_replaced_only_with_force(capsys, demo_path, tmp_path):
    out = tmp_path / "q1.csv"
    out.write_text("the council's own notes\n", encoding="utf-8")
    before = sha256(out)
    args = [
        "--programme",
        "Chief Executive",
        "--period",
        Q1,
        "--layout",
        "quarterly",
        "--format",
        "csv",
        "-o",
        out,
    ]
    code, stdout, err = export(capsys, demo_path, *args)
    assert (code, stdout) == (2, "")
    assert err == (
        "programme-tracker: “q1.csv” already exists; choose another name or add --force to "
        "replace it.\n"
    )
    assert sha256(out) == before
    code, stdout, err = export(capsys, demo_path, *args, "--force")
    assert (code, err) == (0, "")
    assert stdout == f"Wrote {out} ({out.stat().st_size:,} bytes)\n"
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert header[:2] == ["Programme", "Period"]


def test_output_that_is_a_folder_or_a_programme_is_refused_even_with_force(
    capsys, demo_path, tmp_path
):
    """--force replaces a report, never a folder or a programme; and a programme is never
    answered with "add --force" (app.reports.check_target decides, before anything else)."""
    folder = tmp_path / "reports.docx"
    folder.mkdir()
    args = ["--programme", "Chief Executive", "--period", Q1, "--layout", "quarterly"]
    code, stdout, err = export(
        capsys, demo_path, *args, "--format", "docx", "-o", folder, "--force"
    )
    assert (code, stdout) == (2, "")
    assert err == "programme-tracker: “reports.docx” is a folder; give a file name to export to.\n"
    assert list(folder.iterdir()) == []
    before = sha256(demo_path)
    for force in ([], ["--force"]):
        code, stdout, err = export(
            capsys, demo_path, *args, "--format", "docx", "-o", demo_path, *force
        )
        assert (code, stdout) == (2, "")
        assert err == (
            "programme-tracker: “demo.ptdb” is a Programme Tracker file (programme or update "
            "pack), so an export may not be written over it; choose another name.\n"
        )
    odd = tmp_path / "programme.csv"  # a programme file with a report's name
    odd.write_bytes(demo_path.read_bytes())
    for force in ([], ["--force"]):
        code, stdout, err = cli(capsys, "export", odd, *args, "-o", odd, *force)
        assert (code, stdout) == (2, "")
        assert err == (
            "programme-tracker: “programme.csv” is a database (perhaps a programme saved under "
            "another name), so an export may not be written over it; choose another name.\n"
        )
    assert sha256(odd) == sha256(demo_path) == before


# --- bad files, lookups and arguments on every command -----------------------------------------


def bad_files(tmp_path: Path) -> list[tuple[Path, str]]:
    missing = tmp_path / "missing.ptdb"
    folder = tmp_path / "folder.ptdb"
    folder.mkdir()
    renamed = tmp_path / "minutes.ptdb"
    Document().save(str(renamed))
    text = tmp_path / "notes.txt"
    text.write_text("Actions agreed at Cabinet, 17 August 2009\n", encoding="utf-8")
    empty = tmp_path / "empty.ptdb"
    empty.write_bytes(b"")
    foreign = tmp_path / "other.sqlite"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    return [
        (missing, "“missing.ptdb” does not exist."),
        (folder, "“folder.ptdb” is a folder, not a Programme Tracker file."),
        (
            renamed,
            "“minutes.ptdb” is not a Programme Tracker file: it looks like a Word, Excel or "
            "other zipped document.",
        ),
        (text, "“notes.txt” is not a Programme Tracker file: it is not an SQLite database."),
        (empty, "“empty.ptdb” is empty (0 bytes), so it is not a Programme Tracker file."),
        (
            foreign,
            "“other.sqlite” is an SQLite database made by another program, not a Programme "
            "Tracker file.",
        ),
    ]


def test_every_command_refuses_a_bad_file_in_one_line(capsys, tmp_path):
    cases = bad_files(tmp_path)
    for path, message in cases:
        before = sha256(path) if path.is_file() else None
        for args in (
            ["list", path],
            ["summary", path, "--programme", "Chief", "--period", Q1],
            [
                "export",
                path,
                "--programme",
                "Chief",
                "--period",
                Q1,
                "--layout",
                "quarterly",
                "--format",
                "docx",
                "-o",
                tmp_path / "out.docx",
            ],
        ):
            assert cli(capsys, *args) == (2, "", f"programme-tracker: {message}\n"), args
        if before is not None:
            assert sha256(path) == before
    assert not (tmp_path / "out.docx").exists()


def test_a_file_name_the_system_refuses_is_one_line(capsys, tmp_path):
    long = tmp_path / ("a" * 300 + ".ptdb")
    code, stdout, err = cli(capsys, "summary", long, "--programme", "x", "--period", "y")
    assert (code, stdout) == (2, "")
    assert err == f"programme-tracker: “{long.name}” cannot be used: File name too long.\n"


def test_output_that_cannot_be_written_is_one_line(demo_path):
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "app", "list", str(demo_path)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr == (
        "programme-tracker: The output could not be written: No space left on device.\n"
    )


def test_a_programme_with_no_periods_or_no_actions(capsys, db, tmp_path):
    from app.services.programmes import create_programme

    create_programme(db, "Empty plan")
    path = db.path
    before = sha256(path)
    code, stdout, err = cli(capsys, "summary", path, "--programme", "empty", "--period", "Q1")
    assert (code, stdout) == (2, "")
    assert (
        err
        == "programme-tracker: “Empty plan” has no periods yet, so there is nothing to report on.\n"
    )
    code, stdout, err = cli(
        capsys,
        "export",
        path,
        "--programme",
        "empty",
        "--period",
        "Q1",
        "--layout",
        "quarterly",
        "--format",
        "docx",
        "-o",
        tmp_path / "x.docx",
    )
    assert (code, stdout) == (2, "")
    assert (
        err
        == "programme-tracker: “Empty plan” has no periods yet, so there is nothing to report on.\n"
    )
    assert sha256(path) == before


def test_summary_of_a_programme_without_actions_is_refused(capsys, demo_path):
    code, stdout, err = cli(
        capsys, "summary", demo_path, "--programme", "Hub Scrutiny", "--period", "May 2012"
    )
    assert (code, stdout) == (2, "")
    assert err == (
        "programme-tracker: “Worcestershire Hub Scrutiny – Monitoring of Recommendations” has "
        "no actions, so there is nothing to summarise.\n"
    )


def test_unknown_objective_lists_the_objectives(capsys, demo_path, tmp_path):
    code, stdout, err = export(
        capsys,
        demo_path,
        "--programme",
        "Cabinet",
        "--period",
        "November 2004",
        "--layout",
        "workplan",
        "--format",
        "docx",
        "-o",
        tmp_path / "x.docx",
        "--objective",
        "Nonsense",
    )
    assert (code, stdout) == (2, "")
    assert err.startswith(
        "programme-tracker: No objective matches “Nonsense”. The objectives are:\n  "
    )
    assert err.count("\n") == 5  # the four themes


def test_argument_errors_are_one_line(capsys, demo_path):
    assert cli(capsys, "export", demo_path) == (
        2,
        "",
        "programme-tracker: the following arguments are required: --programme, --period, "
        "--layout, -o/--output (see “programme-tracker export --help”).\n",
    )
    code, stdout, err = cli(
        capsys,
        "export",
        demo_path,
        "--programme",
        "x",
        "--period",
        "y",
        "--layout",
        "minutes",
        "-o",
        "x.docx",
    )
    assert (code, stdout) == (2, "")
    assert err == (
        "programme-tracker: argument --layout: invalid choice: 'minutes' (choose from "
        "'quarterly', 'programme-update', 'workplan', 'project-plan', 'recommendations') "
        "(see “programme-tracker export --help”).\n"
    )
    assert cli(capsys, "lsit") == (
        2,
        "",
        "programme-tracker: argument COMMAND: invalid choice: 'lsit' (choose from 'demo', "
        "'list', 'summary', 'export', 'import', 'copy', 'users') "
        "(see “programme-tracker --help”).\n",
    )


def test_help_has_examples(capsys):
    from app.__main__ import main

    code, stdout, err = cli(capsys, "--help")
    assert (code, err) == (0, "")
    assert main(["somefile.ptdb", "--help"]) == 0  # help, not a window on "somefile.ptdb"
    assert capsys.readouterr() == (stdout, "")
    assert "programme-tracker FILE" in stdout
    assert "programme-tracker --demo" in stdout
    assert "examples:\n" in stdout
    for command in ("demo", "summary", "export", "list"):
        code, stdout, err = cli(capsys, command, "--help")
        assert (code, err) == (0, ""), command
        assert "examples:\n" in stdout, command
        assert f"programme-tracker {command} " in stdout.split("examples:\n")[1], command


# --- period labels as councils write them ------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Quarter 1 2009/10",
        "Q1 2009/10",
        "Quarter 1 2009-10",
        "2009/10 Q1",
        "Q1 2009-10",
        "quarter 1 2009/2010",
        "QUARTER 1 2009-2010",
        "q1 2009–10",
        "2009-10 quarter 1",
        "Q1 09/10",
        " q1  2009/10 ",
    ],
)
def test_period_labels_as_councils_write_them(demo, typed):
    with demo.reader() as session:
        programme = find_programme(session, "Chief Executive")
        assert find_period(session, programme, typed) == find_period(session, programme, Q1)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "Q1",
            "“Q1” matches 3 periods; say which:\n"
            "  Quarter 1 2009/10\n  Quarter 1 2010/11\n  Quarter 1 2011/12",
        ),
        (
            "2010-11",
            "“2010-11” matches 4 periods; say which:\n"
            "  Quarter 1 2010/11\n  Quarter 2 2010/11\n  Quarter 3 2010/11\n  Quarter 4 2010/11",
        ),
        ("Q1 2012/13", None),
        ("Q5 2009/10", None),
        ("Q1 2009/11", None),
    ],
)
def test_ambiguous_or_unknown_periods_list_the_candidates(demo, typed, message):
    with demo.reader() as session:
        programme = find_programme(session, "Chief Executive")
        with pytest.raises(TrackerError) as caught:
            find_period(session, programme, typed)
    if message is None:
        years = ["2009/10", "2010/11", "2011/12"]
        message = f"No period matches “{typed}”. The periods are:\n" + "\n".join(
            f"  Quarter {q} {y}" for y in years for q in (1, 2, 3, 4)
        )
    assert str(caught.value) == message


def test_summary_takes_a_period_as_councils_write_it(capsys, demo_path):
    code, stdout, err = cli(
        capsys, "summary", demo_path, "--programme", "Chief Executive", "--period", "q1 2009-10"
    )
    assert (code, err) == (0, "")
    assert stdout.startswith(f"{WIGAN}\nQuarter 1 2009/10\n")


# --- list ---------------------------------------------------------------------------------------


WIGAN_PERIODS = [
    ("Quarter 1 2009/10", "1 April 2009 to 30 June 2009"),
    ("Quarter 2 2009/10", "1 July 2009 to 30 September 2009"),
    ("Quarter 3 2009/10", "1 October 2009 to 31 December 2009"),
    ("Quarter 4 2009/10", "1 January 2010 to 31 March 2010"),
    ("Quarter 1 2010/11", "1 April 2010 to 30 June 2010"),
    ("Quarter 2 2010/11", "1 July 2010 to 30 September 2010"),
    ("Quarter 3 2010/11", "1 October 2010 to 31 December 2010"),
    ("Quarter 4 2010/11", "1 January 2011 to 31 March 2011"),
    ("Quarter 1 2011/12", "1 April 2011 to 30 June 2011"),
    ("Quarter 2 2011/12", "1 July 2011 to 30 September 2011"),
    ("Quarter 3 2011/12", "1 October 2011 to 31 December 2011"),
    ("Quarter 4 2011/12", "1 January 2012 to 31 March 2012"),
]


def expected_list(q1_state: str = "not published") -> str:
    wigan_periods = "".join(
        f"    {label}  {dates:<34}  {q1_state if n == 0 else 'not published'}\n"
        for n, (label, dates) in enumerate(WIGAN_PERIODS)
    )
    counts = [1, 5, 1, 12, 5, 6, 3, 5, 1, 2, 1, 1]
    responsible = "".join(
        f"    {name:<43}  {n} item{'s' if n != 1 else ''}\n"
        for name, n in zip(WIGAN_RESPONSIBLE, counts, strict=True)
    )
    return (
        "demo.ptdb: 5 programmes\n"
        "\n"
        f"{SALFORD} (Salford City Council)\n"
        "  Items: 18 (Theme 4, Activity 14)\n"
        "  Periods:\n"
        "    November 2004  1 November 2004 to 30 November 2004  not published\n"
        "  Responsible: nobody named yet\n"
        "  Layouts that fit: quarterly, workplan\n"
        "\n"
        f"{WIGAN} (Wigan Council)\n"
        "  Items: 90 (Objective 9, Workstream/Project 34, Action 47)\n"
        "  Periods:\n"
        f"{wigan_periods}"
        "  Responsible:\n"
        f"{responsible}"
        "  Layouts that fit: quarterly, project-plan\n"
        "\n"
        "Home-working Pilot Project (Revenues and Benefits Service)\n"
        "  Items: 91 (Work package 4, Stage 12, Action 75)\n"
        "  Periods:\n"
        "    Quarter 1 2005/06  1 April 2005 to 30 June 2005        not published\n"
        "    Quarter 2 2005/06  1 July 2005 to 30 September 2005    not published\n"
        "    Quarter 3 2005/06  1 October 2005 to 31 December 2005  not published\n"
        "    Quarter 4 2005/06  1 January 2006 to 31 March 2006     not published\n"
        "  Responsible: nobody named yet\n"
        "  Layouts that fit: quarterly, project-plan\n"
        "\n"
        "Worcestershire Hub Scrutiny – Monitoring of Recommendations (Redditch Borough Council)\n"
        "  Items: none yet\n"
        "  Recommendations: 22\n"
        "  Periods:\n"
        "    May 2012  1 May 2012 to 31 May 2012  not published\n"
        "  Responsible: nobody named yet\n"
        "  Layouts that fit: recommendations\n"
        "\n"
        "Working Smarter Programme (Walsall Council)\n"
        "  Items: 3 (Strand 3)\n"
        "  Periods:\n"
        "    November 2011  1 November 2011 to 30 November 2011  not published\n"
        "  Responsible: nobody named yet\n"
        "  Layouts that fit: programme-update, workplan\n"
    )


def test_list_shows_programmes_periods_people_and_layouts(demo_path):
    before = sha256(demo_path)
    result = python_m_app("list", demo_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == expected_list()
    assert sha256(demo_path) == before


def test_list_shows_who_published_a_period_and_when(capsys, demo, demo_path):
    from app.reports.publication import publish_period

    with demo.reader() as session:
        period = find_period(session, find_programme(session, "Chief Executive"), Q1)
    publish_period(demo, period)
    [(at, by)] = file_query(
        demo_path, "SELECT published_at, published_by FROM period WHERE id = ?", period
    )
    day = format_date(dt.datetime.fromisoformat(at).astimezone().date())
    code, stdout, err = cli(capsys, "list", demo_path)
    assert (code, err) == (0, "")
    assert by == "Test User"
    assert stdout == expected_list(f"published {day} by Test User")


def test_list_of_a_file_with_no_programmes(capsys, db):
    assert cli(capsys, "list", db.path) == (0, "test.ptdb: no programmes yet\n", "")


# --- python -m app FILE: checked before any window opens ---------------------------------------


def test_window_on_a_bad_file_prints_one_line_and_opens_no_window(tmp_path):
    for path, message in bad_files(tmp_path):
        before = sha256(path) if path.is_file() else None
        result = python_m_app(path, timeout=30)  # a modal error box would hang until then
        assert (result.returncode, result.stdout) == (2, ""), path
        assert result.stderr == f"programme-tracker: {message}\n"
        if before is not None:
            assert sha256(path) == before
    # and Qt itself is never started for it
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from app.__main__ import main; code = main([sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6'))); sys.exit(code)",
            str(tmp_path / "missing.ptdb"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
    )
    assert (probe.returncode, probe.stdout) == (2, "[]\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--open"], "There is no option “--open”; see “programme-tracker --help”."),
        (["a.ptdb", "b.ptdb"], "Give one file to open, not 2."),
        (
            ["--demo", "a.ptdb"],
            "--demo opens the demo file; give either --demo or a file, not both.",
        ),
    ],
)
def test_window_arguments_are_checked_first(args, message):
    result = python_m_app(*args, timeout=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"programme-tracker: {message}\n"


def test_window_still_opens_a_good_file(demo_path):
    before = sha256(demo_path)
    result = python_m_app("--smoke", demo_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("window shown: demo.ptdb")
    assert sha256(demo_path) == before  # nothing to upgrade, so nothing written


def test_window_arguments_that_start_the_window(demo_path):
    """No file (the last file, or the welcome), --demo, and a good file pass the check."""
    from app.window_args import check_window_args

    for args in ([], ["--demo"], ["--smoke"], [str(demo_path)], ["--smoke", str(demo_path)]):
        check_window_args(args)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays")
def test_window_without_a_display_says_so(demo_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "app", str(demo_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env=env,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "programme-tracker: There is no display to open the window on (neither DISPLAY nor "
        "WAYLAND_DISPLAY is set); the commands list, summary and export work without one "
        "(see “programme-tracker --help”).\n"
    )


def test_summary_as_json_has_the_same_counts_as_the_tables(capsys, demo_path):
    import json

    code, text, err = cli(
        capsys, "summary", demo_path, "--programme", "Chief Executive", "--period", Q1
    )
    code_json, printed, err_json = cli(
        capsys, "summary", demo_path, "--programme", "Chief Executive", "--period", Q1, "--json"
    )
    assert (code, err, code_json, err_json) == (0, "", 0, "")
    data = json.loads(printed)
    assert data["format"] == "programme-tracker summary 1"
    assert data["period"] == "Quarter 1 2009/10"
    assert [(c["name"], c["role"], c["glyphs"]) for c in data["columns"]] == [
        ("Completed", "completed", ["*"]),
        ("On-track", "on_track", ["●"]),
        ("Behind Schedule", "behind", ["▲"]),
        ("Unknown", "unknown", ["?"]),
    ]
    for group in data["groups"]:  # the printed tables say the same
        assert group["name"] in text
        cells = [str(group["actions"])] + [
            f"{group['percentages'][k]}% ({group['counts'][k]})" for k in group["counts"]
        ]
        line = next(n for n, row in enumerate(text.splitlines()) if row == group["name"])
        assert text.splitlines()[line + 2].split() == " ".join(cells).split()
    total = data["total"]
    assert total["actions"] == sum(g["actions"] for g in data["groups"])
    assert total["judged"] + total["not_yet_judged"] == total["actions"]
    assert sum(s["actions"] for s in data["symbols"]) == total["judged"]
    assert [s["glyph"] for s in data["symbols"]] == ["*", "●", "▲", "?"]
    for breakdown in ("by_top_level_item", "by_responsible"):  # every action once
        assert sum(g["actions"] for g in data[breakdown]) == total["actions"]
        assert sum(g["judged"] for g in data[breakdown]) == total["judged"]
    assert data["by_top_level_item"][0]["name"].startswith("1. Lead and support a new approach")
    assert data["by_responsible"][0]["name"] == "Business Intelligence manager."
    kpis = data["indicators"]
    assert kpis["measures"] == 25
    assert sum(s["measures"] for s in kpis["statuses"]) + kpis["without_status"] == 25
    assert {s["glyph"]: s["percentage"] for s in kpis["statuses"]}["○"] == round(
        100 * {s["glyph"]: s["measures"] for s in kpis["statuses"]}["○"] / 25
    )


def test_summary_by_top_level_item_and_by_person(capsys, demo_path):
    tables = {}
    for by in ("kind", "item", "responsible"):
        code, stdout, err = cli(
            capsys,
            "summary",
            demo_path,
            "--programme",
            "Chief Executive",
            "--period",
            Q1,
            "--by",
            by,
        )
        assert (code, err) == (0, "")
        lines = stdout.splitlines()
        names = [lines[n - 1] for n, line in enumerate(lines) if line.startswith("  Number of")]
        counts = [
            int(lines[n + 1].split()[0])
            for n, line in enumerate(lines)
            if line.startswith("  Number of")
        ]
        tables[by] = (names, sum(counts))
    assert tables["kind"][0] == [
        "Priority Service Objectives",
        "Organisational Effectiveness Objectives",
    ]
    assert tables["item"][0][0].startswith("1. Lead and support a new approach")
    assert "Corporate Procurement Manager" in tables["responsible"][0]
    assert tables["kind"][1] == tables["item"][1] == tables["responsible"][1]
