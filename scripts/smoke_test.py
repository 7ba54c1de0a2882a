"""Smoke test of a built executable, run by scripts/build (and the Windows workflow).

It runs the executable itself, headless, and checks what it wrote with this checkout's code:
  (a) `demo FILE` creates the demo file (Alembic's migrations run from inside the bundle);
  (b) `export … --format docx` writes the quarterly report, whose Table 1 is checked;
  (c) an old-format file (revision 0001) is opened: upgraded with a backup, from the bundle;
  (d) `--smoke FILE` opens the main window offscreen and exits cleanly;
  (e) update packs are made from a programme file in a folder named like
      "Council #1 100% Ünïcode" (SQLite's ATTACH of a `file:` URI, which Python's SQLite on
      Windows honours only on a connection opened with uri=True), the executable opens one in
      update mode, and a lead's judgement in it is reviewed and merged back.
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
        [str(executable), *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=180,
        env=env,
    )
    if result.returncode != 0:
        raise SystemExit(f"FAILED: {' '.join(args)}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def main() -> None:
    sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    executable = Path(sys.argv[1]).resolve()
    folder = Path(tempfile.mkdtemp())
    demo = folder / "demo.ptdb"
    print(run(executable, "demo", str(demo)).strip())
    from app.store.database import Database

    with Database.open(demo, read_only=True) as db, db.reader() as session:
        from app.read.queries import programmes

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

    from app.store.database import create_file

    old = folder / "old.ptdb"
    create_file(old, "0001")
    shown = run(executable, "--smoke", str(old)).strip()
    backups = list(folder.glob("old.before-upgrade-0001-*.ptdb"))
    assert backups, "no backup made when upgrading"
    with Database.open(old, read_only=True) as db, db.reader() as session:
        from app.store.migrate import current_revision, head_revision

        assert current_revision(session.connection()) == head_revision()
    print(f"(c) old file upgraded from the bundle's migrations; backup {backups[0].name}")

    shown = run(executable, "--smoke", str(demo)).strip().replace("\n", "; ")
    assert shown.startswith("window shown: demo.ptdb"), shown
    print(f"(d) {shown}; exited cleanly")

    make_fill_and_merge_a_pack(executable, demo, folder)
    print("smoke test passed")


def make_fill_and_merge_a_pack(executable: Path, demo: Path, folder: Path) -> None:
    import shutil

    from sqlalchemy import select

    from app.packs.make import make_packs
    from app.packs.merge import merge_pack
    from app.packs.review import review_pack
    from app.read.lookup import find_period, find_programme, people_with_items
    from app.services import progress
    from app.store.database import Database
    from app.store.models import Judgement, Symbol
    from app.store.pack_scope import pack_scope

    # Windows forbids "?" in a file name; elsewhere it is one more character to escape.
    awkward = folder / ("Council #1 100% Ünïcode" + ("" if os.name == "nt" else " ?"))
    awkward.mkdir()
    programme_file = awkward / "Plan #2 100%.ptdb"
    shutil.copyfile(demo, programme_file)
    with Database.open(programme_file) as db:
        with db.reader() as session:
            programme = find_programme(session, "Chief Executive Services")
            period = find_period(session, programme, "Quarter 1 2009/10")
            lead = next(
                p
                for p in people_with_items(session, programme)
                if p.name == "Corporate Procurement Manager"
            )
        [made] = make_packs(db, programme, period, awkward, people=[lead.id])
        assert made.path.parent == awkward and made.items == 5, made
        shown = run(executable, "--smoke", str(made.path)).strip().replace("\n", "; ")
        assert shown.startswith("window shown: ") and "(update pack)" in shown, shown
        with Database.open(made.path) as pack:
            scope = pack_scope(pack)
            assert scope is not None, "the pack does not open as a pack"
            action = min(scope.owned)
            progress.set_judgement(pack, action, period, "▲")
        review = review_pack(db, made.path, programme, period)
        assert [(c.item_id, c.theirs) for c in review.changes] == [(action, "▲")], review
        merge_pack(db, review, list(review.changes))
        with db.reader() as session:
            glyph = session.scalar(
                select(Symbol.glyph)
                .join(Judgement, Judgement.symbol_id == Symbol.id)
                .where(Judgement.item_id == action, Judgement.period_id == period)
            )
    assert glyph == "▲", glyph
    print(
        f"(e) a pack made in “{awkward.name}”, opened by the executable in update mode "
        f"({shown.removeprefix('window shown: ')}); the lead's judgement merged back"
    )


if __name__ == "__main__":
    main()
