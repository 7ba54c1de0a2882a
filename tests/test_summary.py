"""Tables 1–2 computed from the data, and the command that prints them."""

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.enums import Category
from app.core.tally import percent
from app.read.lookup import find_period, find_programme
from app.read.summary import summarise
from app.services import items, programmes, progress

ROOT = Path(__file__).parents[1]
# The counts on a file and on a server (the tests taking ``db`` or ``demo``).
pytestmark = pytest.mark.both_engines


def test_wigan_quarter_1_figures(demo):
    with demo.reader() as session:
        p = find_programme(session, "chief executive services")
        summary = summarise(session, p, find_period(session, p, "Quarter 1 2009/10"))
    priority, organisational = summary.groups
    assert priority.name == "Priority Service Objectives"
    assert (priority.actions, priority.unjudged) == (36, 0)
    assert priority.counts == {"On-track": 29, "Behind Schedule": 7}
    assert [priority.percent(c) for c in ("Completed", "On-track", "Behind Schedule")] == [
        0,
        81,
        19,
    ]
    assert organisational.name == "Organisational Effectiveness Objectives"
    assert (organisational.actions, organisational.unjudged) == (12, 2)
    assert organisational.counts == {"On-track": 8, "Behind Schedule": 2}
    assert [organisational.percent(c) for c in ("On-track", "Behind Schedule")] == [80, 20]
    assert [(c.name, c.role, c.glyphs) for c in summary.columns] == [
        ("Completed", Category.COMPLETED, ("*",)),
        ("On-track", Category.ON_TRACK, ("●",)),
        ("Behind Schedule", Category.BEHIND, ("▲",)),
        ("Unknown", Category.UNKNOWN, ("?",)),
    ]


def test_summary_follows_judgements(db):
    p = programmes.create_programme(db, "Plan", quarters_for_years=(2009,)).ids[0]
    objective = items.add_item(db, p, None, "Objective").ids[0]
    actions = [items.add_item(db, p, objective, f"Action {n}").ids[0] for n in range(8)]
    with db.reader() as session:
        q1 = find_period(session, p, "Quarter 1")
    for action, glyph in zip(actions, "*●●●●▲?", strict=False):
        progress.set_judgement(db, action, q1, glyph)
    with db.reader() as session:
        (group,) = summarise(session, p, q1).groups
    assert (group.name, group.actions, group.unjudged, group.judged) == ("All actions", 8, 1, 7)
    assert group.counts == {"Completed": 1, "On-track": 4, "Behind Schedule": 1, "Unknown": 1}
    assert [group.percent(c) for c in group.counts] == [14, 57, 14, 14]


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(30, 37, 81), (7, 37, 19), (10, 12, 83), (2, 12, 17), (1, 8, 13), (0, 0, 0), (1, 200, 1)],
)
def test_percentages_round_half_up_like_the_document(part, whole, expected):
    assert percent(part, whole) == expected


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_summary_command_prints_tables_1_and_2(demo_path):
    result = run_cli(
        "summary",
        demo_path,
        "--programme",
        "Chief Executive Services",
        "--period",
        "Quarter 1 2009/10",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Chief Executive Services Performance Plan 2009-12\n"
        "Quarter 1 2009/10\n"
        "\n"
        "Priority Service Objectives\n"
        "  Number of actions  % Completed (*)  % On-track (●)  % Behind Schedule (▲)  "
        "% Unknown (?)\n"
        "  36                 0% (0)           81% (29)        19% (7)                0% (0)\n"
        "  Not yet judged: 0\n"
        "\n"
        "Organisational Effectiveness Objectives\n"
        "  Number of actions  % Completed (*)  % On-track (●)  % Behind Schedule (▲)  "
        "% Unknown (?)\n"
        "  12                 0% (0)           80% (8)         20% (2)                0% (0)\n"
        "  Not yet judged: 2 (percentages are of the 10 judged)\n"
    )


def test_ambiguous_programme_lists_candidates(demo_path):
    result = run_cli("summary", demo_path, "--programme", "work", "--period", "Q1")
    assert result.returncode == 2
    assert result.stderr == (
        "programme-tracker: “work” matches 3 programmes; say which:\n"
        "  Cabinet Workplan 2004-05: Corporate Services Directorate\n"
        "  Home-working Pilot Project\n"
        "  Working Smarter Programme\n"
    )


def test_unknown_period_lists_the_periods(demo_path):
    result = run_cli(
        "summary", demo_path, "--programme", "Walsall Working Smarter", "--period", "Q1"
    )
    assert result.returncode == 2
    assert result.stderr.startswith(
        "programme-tracker: No programme matches “Walsall Working Smarter”. The programmes are:\n"
    )
    result = run_cli("summary", demo_path, "--programme", "Working Smarter", "--period", "Q1")
    assert result.stderr == (
        "programme-tracker: No period matches “Q1”. The periods are:\n  November 2011\n"
    )


def test_demo_command_refuses_to_overwrite(tmp_path):
    path = tmp_path / "demo.ptdb"
    assert run_cli("demo", path).returncode == 0
    again = run_cli("demo", path)
    assert again.returncode == 2
    assert again.stderr == (
        "programme-tracker: “demo.ptdb” already exists; choose another name "
        "or add --force to replace it.\n"
    )


def test_demo_command_with_synthetic_actions(tmp_path):
    path = tmp_path / "big.ptdb"
    result = run_cli("demo", path, "--actions", 120)
    assert result.returncode == 0, result.stderr
    summary = run_cli("summary", path, "--programme", "Synthetic", "--period", "Quarter 2 2009/10")
    assert summary.returncode == 0, summary.stderr
    counts = [line for line in summary.stdout.splitlines() if line.strip()[:1].isdigit()]
    assert sum(int(line.split()[0]) for line in counts) == 120
