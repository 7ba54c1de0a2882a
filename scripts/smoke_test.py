"""Smoke test of a built executable, run by scripts/build (and the Windows workflow).

It runs the executable itself, headless, and checks what it wrote with this checkout's code:
  (a) `demo FILE` creates the demo file (Alembic's migrations run from inside the bundle);
  (b) `export … --format docx` writes the quarterly report, whose Table 1 is checked;
  (c) an old-format file (revision 0001) is opened: upgraded with a backup, from the bundle;
  (d) `--smoke FILE` opens the main window offscreen and exits cleanly.
Usage: python scripts/smoke_test.py dist/ProgrammeTracker[.exe]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(executable: Path, *args: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [str(executable), *args], capture_output=True, text=True, timeout=180, env=env
    )
    if result.returncode != 0:
        raise SystemExit(f"FAILED: {' '.join(args)}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def main() -> None:
    executable = Path(sys.argv[1]).resolve()
    folder = Path(tempfile.mkdtemp())
    demo = folder / "demo.ptdb"
    print(run(executable, "demo", str(demo)).strip())
    from app.database import Database

    with Database.open(demo, read_only=True) as db, db.reader() as session:
        from app.queries import programmes

        assert len(programmes(session)) == 5, "the demo should hold five programmes"
    print("(a) demo file created by the executable: 5 programmes")

    report = folder / "q1.docx"
    run(
        executable,
        "export",
        str(demo),
        "--programme",
        "Chief Executive Services",
        "--period",
        "Quarter 1 2009/10",
        "--layout",
        "quarterly",
        "--format",
        "docx",
        "-o",
        str(report),
    )
    from docx import Document

    tables = Document(str(report)).tables
    first = next(t for t in tables if t.rows[0].cells[0].text == "Number of Actions")
    row = [cell.text for cell in first.rows[2].cells]
    assert row == ["36", "0%", "81% (29)", "19% (7)"], row
    print(f"(b) Word export by the executable: Table 1 reads {row}")

    from app.database import create_file

    old = folder / "old.ptdb"
    create_file(old, "0001")
    shown = run(executable, "--smoke", str(old)).strip()
    backups = list(folder.glob("old.before-upgrade-0001-*.ptdb"))
    assert backups, "no backup made when upgrading"
    with Database.open(old, read_only=True) as db, db.reader() as session:
        from app.migrate import current_revision, head_revision

        assert current_revision(session.connection()) == head_revision()
    print(f"(c) old file upgraded from the bundle's migrations; backup {backups[0].name}")

    shown = run(executable, "--smoke", str(demo)).strip()
    assert shown.startswith("window shown: demo.ptdb"), shown
    print(f"(d) {shown}; exited cleanly")
    print("smoke test passed")


if __name__ == "__main__":
    main()
