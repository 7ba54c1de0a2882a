"""Returned packs are checked value by value, as the window checks what is typed (issue 12,
defects 8 and 10), and packs are made wherever the programme file is (its folder's name may
hold spaces, '#', '?', '%' or accents; SQLite may have URI filenames off, as on Windows).

Each hostile pack is made the normal way, then edited with sqlite3 as a lead with an SQLite
tool could; the review must refuse it as a bad pack, naming the item and the field, and leave
the programme file byte for byte as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.errors import ValidationError
from app.packs.make import make_packs
from app.packs.merge import merge_pack
from app.packs.review import PackRefused, review_pack
from app.read.lookup import people_with_items
from app.services import progress
from app.store.database import Database
from app.store.filecheck import sqlite_uri

from helpers import file_query as query

PROCUREMENT = "Corporate Procurement Manager"
CES, Q1 = 1, 1  # the demo's first programme (seed 002) and its period
ACTION = 59  # one of the procurement lead's actions; its milestone is due "October 09"
LABEL = "“Lead the project team to develop strategy and process to implement”"
ROOT = Path(__file__).resolve().parent.parent


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit(path: Path, sql: str, *args: Any, ignore_checks: bool = False) -> None:
    """Change the pack as a lead with an SQLite tool would (no application checks)."""
    raw = sqlite3.connect(path)
    try:
        if ignore_checks:
            raw.execute("PRAGMA ignore_check_constraints = ON")
        raw.execute(sql, args)
        raw.commit()
    finally:
        raw.close()


@pytest.fixture
def pack(demo: Database, tmp_path: Path) -> Path:
    with demo.reader() as session:
        people = {p.name: p.id for p in people_with_items(session, CES)}
    folder = tmp_path / "packs"
    folder.mkdir()
    made = make_packs(demo, CES, Q1, folder, people=[people[PROCUREMENT]], due=dt.date(2009, 7, 17))
    return made[0].path


def refused(db: Database, path: Path) -> str:
    before = digest(db.path)
    with pytest.raises(PackRefused) as caught:
        review_pack(db, path, CES, Q1)
    assert digest(db.path) == before
    return str(caught.value)


def bad_pack(path: Path, problem: str) -> str:
    return (
        f"“{path.name}” cannot be merged: it is not a valid update pack. {problem} "
        "Nothing has been changed."
    )


ACHIEVEMENTS = "UPDATE progress_update SET text = ? WHERE item_id = ? AND period_id = 1"


# --- achievements: the window's limits and text rule ------------------------------------------


def test_five_million_characters_of_achievements_with_control_characters_are_refused(demo, pack):
    huge = "Done\x07" * 1_000_000
    edit(pack, ACHIEVEMENTS, huge, ACTION)
    # The window refuses the same text.
    with Database.open(pack) as holder, pytest.raises(ValidationError) as window:
        progress.set_achievements(holder, ACTION, Q1, huge)
    message = "Achievements is too long: 5,000,000 characters, and the most allowed is 50,000."
    assert str(window.value) == message
    assert refused(demo, pack) == bad_pack(pack, f"{LABEL}: {message}")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "Strategy agreed\x1b[31m",
            "Achievements contains a control character that cannot be stored.",
        ),
        (
            "Strategy agreed \ufffe",
            "Achievements contains a character that cannot be stored (U+FFFE).",
        ),
        (
            "Strategy agreed \U0010ffff",
            "Achievements contains a character that cannot be stored (U+10FFFF).",
        ),
    ],
    ids=["control character", "non-character", "plane 16 non-character"],
)
def test_achievements_the_window_would_refuse_are_refused(demo, pack, text, problem):
    edit(pack, ACHIEVEMENTS, text, ACTION)
    assert refused(demo, pack) == bad_pack(pack, f"{LABEL}: {problem}")


def test_invalid_utf8_is_refused_as_a_bad_pack_not_as_a_file_that_cannot_be_written(demo, pack):
    """Before: blamed on the programme file ("“demo.ptdb” could not be written/read: SQLite
    reports “Could not decode to UTF-8…”")."""
    edit(
        pack,
        "UPDATE progress_update SET text = CAST(x'416c6c20646f6e65fffe' AS TEXT) "
        "WHERE item_id = ? AND period_id = 1",
        ACTION,
    )
    assert refused(demo, pack) == bad_pack(
        pack, f"{LABEL}: Achievements is not valid text (it holds bytes that are not UTF-8)."
    )


def test_achievements_stored_as_bytes_are_refused(demo, pack):
    edit(pack, ACHIEVEMENTS, b"All done", ACTION)
    assert refused(demo, pack) == bad_pack(pack, f"{LABEL}: Achievements must be text.")


def test_invalid_utf8_anywhere_in_the_pack_is_refused_naming_the_row(demo, pack):
    edit(pack, "UPDATE pack SET person = CAST(x'426f62ff' AS TEXT)")
    assert refused(demo, pack) == bad_pack(
        pack,
        "Row 1 of its “pack” table: Person is not valid text (it holds bytes that are not UTF-8).",
    )


def test_invalid_utf8_in_an_items_title_is_refused_naming_the_item(demo, pack):
    edit(pack, "UPDATE item SET title = CAST(x'4c656164ff' AS TEXT) WHERE id = ?", ACTION)
    assert refused(demo, pack) == bad_pack(
        pack, "“Lead\ufffd”: Title is not valid text (it holds bytes that are not UTF-8)."
    )


def test_achievements_are_merged_as_the_window_would_store_them(demo, pack):
    edit(pack, ACHIEVEMENTS, "  Strategy agreed.\r\n\r\nNext: roll out.  ", ACTION)
    review = review_pack(demo, pack, CES, Q1)
    [change] = review.changes
    assert change.theirs == "Strategy agreed.\n\nNext: roll out."
    merge_pack(demo, review, [change])
    assert query(
        demo.path,
        "SELECT text FROM progress_update WHERE item_id = ? AND period_id = 1",
        ACTION,
    ) == [("Strategy agreed.\n\nNext: roll out.",)]


# --- judgements and milestone status: refused at review, not at merge ------------------------

NOT_A_SYMBOL = (
    "The judgement is not a symbol of this programme’s scheme (Judgement of progress): use *, "
    "●, ▲ or ?."
)


def test_a_judgement_whose_symbol_does_not_exist_is_refused(demo, pack):
    """Before: the judgement silently read as "not yet judged", a change to merge."""
    edit(pack, "UPDATE judgement SET symbol_id = 999 WHERE item_id = ?", ACTION)
    assert refused(demo, pack) == bad_pack(pack, f"{LABEL}: {NOT_A_SYMBOL}")


def test_a_judgement_with_a_symbol_of_another_scheme_is_refused(demo, pack):
    """Before: accepted by the review, refused only by the merge."""
    diamond = query(pack, "SELECT id FROM symbol WHERE glyph = '◆'")[0][0]  # the KPI key's
    edit(pack, "UPDATE judgement SET symbol_id = ? WHERE item_id = ?", diamond, ACTION)
    assert refused(demo, pack) == bad_pack(pack, f"{LABEL}: {NOT_A_SYMBOL}")


def test_a_judgement_with_the_kpi_keys_look_alike_symbol_is_refused(demo, pack):
    """The KPI key has a "●" too: same glyph, another scheme's symbol."""
    kpi_dot = query(
        pack,
        "SELECT s.id FROM symbol s JOIN symbol_scheme k ON k.id = s.scheme_id "
        "WHERE s.glyph = '●' AND k.purpose = 'kpi'",
    )[0][0]
    edit(pack, "UPDATE judgement SET symbol_id = ? WHERE item_id = ?", kpi_dot, ACTION)
    assert refused(demo, pack) == bad_pack(pack, f"{LABEL}: {NOT_A_SYMBOL}")


def test_a_milestone_status_not_allowed_is_refused(demo, pack):
    """Before: accepted by the review, refused only by the merge."""
    edit(
        pack,
        "UPDATE milestone SET status = 'done' WHERE item_id = ?",
        ACTION,
        ignore_checks=True,
    )
    assert refused(demo, pack) == bad_pack(
        pack,
        f"{LABEL}, milestone “October 09”: “done” is not a milestone status (use open or reached).",
    )


def test_merge_takes_only_the_values_the_review_showed(demo, pack):
    with Database.open(pack) as holder:
        progress.set_achievements(holder, ACTION, Q1, "Strategy agreed.")
    review = review_pack(demo, pack, CES, Q1)
    [change] = review.changes
    altered = dataclasses.replace(change, theirs="Strategy agreed \ufffe")
    before = digest(demo.path)
    with pytest.raises(ValidationError) as caught:
        merge_pack(demo, review, [altered])
    assert str(caught.value) == "A change to merge is not one of this pack’s changes."
    assert digest(demo.path) == before


def test_the_window_shows_a_bad_pack_as_a_bad_pack(qtbot, demo_path, tmp_path):
    from ui.shell.main_window import MainWindow

    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Database.open(demo_path), settings=settings)
    qtbot.addWidget(window)
    window.show()
    made = make_packs(window.db, CES, Q1, tmp_path)
    path = next(m.path for m in made if m.person == PROCUREMENT)
    edit(
        path,
        "UPDATE progress_update SET text = CAST(x'ff' AS TEXT) WHERE item_id = ? AND period_id = 1",
        ACTION,
    )
    shown: dict[str, str] = {}

    def read_box() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, read_box)
            return
        assert isinstance(box, QMessageBox)
        shown["text"] = box.text()
        box.accept()

    QTimer.singleShot(50, read_box)
    before = digest(demo_path)
    assert not window.dialogs.merge_pack_file(path)
    assert shown["text"] == bad_pack(
        path, f"{LABEL}: Achievements is not valid text (it holds bytes that are not UTF-8)."
    )
    assert digest(demo_path) == before
    window.close()


# --- where packs are made ----------------------------------------------------------------------

# Windows forbids "?" in file names; everything else here is allowed everywhere.
QUERY = "" if sys.platform == "win32" else "? "
AWKWARD = f"Council #1 {QUERY}100% Ünïcode"


def test_packs_are_made_and_merged_from_a_folder_with_an_awkward_name(demo_path, tmp_path):
    folder = tmp_path / AWKWARD
    folder.mkdir()
    programme = folder / f"Plan #2 {QUERY}%41 é.ptdb"
    shutil.copyfile(demo_path, programme)
    with Database.open(programme) as db:
        made = make_packs(db, CES, Q1, folder)
        path = next(m.path for m in made if m.person == PROCUREMENT)
        assert path.parent == folder
        with Database.open(path) as holder:
            progress.set_judgement(holder, ACTION, Q1, "▲")
        review = review_pack(db, path, CES, Q1)
        assert [(c.item_id, c.theirs) for c in review.changes] == [(ACTION, "▲")]
        merge_pack(db, review, list(review.changes))
    raw = sqlite3.connect(programme.as_uri() + "?mode=ro", uri=True)
    assert raw.execute(
        "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
        "WHERE j.item_id = ? AND j.period_id = 1",
        (ACTION,),
    ).fetchall() == [("▲",)]
    raw.close()


CHILD = textwrap.dedent(
    """
    import ctypes, sys
    from pathlib import Path
    import _sqlite3
    maps = Path("/proc/self/maps").read_text().splitlines()
    libraries = sorted({l.split()[-1] for l in maps if "libsqlite3" in l.split()[-1]})
    if not libraries:
        print("SKIP: SQLite is linked into Python itself"); sys.exit(0)
    lib = ctypes.CDLL(libraries[0])
    SQLITE_CONFIG_URI = 17
    assert lib.sqlite3_shutdown() == 0
    assert lib.sqlite3_config(SQLITE_CONFIG_URI, ctypes.c_int(0)) == 0
    assert lib.sqlite3_initialize() == 0
    import sqlite3
    source, folder = Path(sys.argv[1]), Path(sys.argv[2])
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("ATTACH DATABASE ? AS src", (source.as_uri() + "?mode=ro",))
        print("SKIP: URI filenames could not be turned off"); sys.exit(0)
    except sqlite3.OperationalError:
        pass
    probe.close()
    sys.path.insert(0, sys.argv[3])
    from app.store.database import Database
    from app.packs.make import make_packs
    with Database.open(source) as db:
        made = make_packs(db, 1, 1, folder)
    print("made", len(made))
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_packs_are_made_when_sqlite_has_uri_filenames_off_as_on_windows(demo_path, tmp_path):
    """Python's SQLite on Windows is built without SQLITE_USE_URI, so a ``file:`` URI given to
    ATTACH is a plain (and missing) file name unless the connection was opened with uri=True.
    Here SQLite has URIs on, so the child process turns them off before any connection."""
    folder = tmp_path / AWKWARD
    folder.mkdir()
    programme = folder / "demo.ptdb"
    shutil.copyfile(demo_path, programme)
    env = dict(os.environ, PROGRAMME_TRACKER_USER="Test User")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(programme), str(folder), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    if result.stdout.startswith("SKIP"):
        pytest.skip(result.stdout.strip())
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().startswith("made ")
    assert len(list(folder.glob("*.ptpack"))) == int(result.stdout.split()[1])
    assert not list(tmp_path.glob("file*"))  # no stray file named after the URI


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        (
            PureWindowsPath(r"C:\Users\Pat\Council #1 100% Ünïcode\plan.ptdb"),
            "file:///C:/Users/Pat/Council%20%231%20100%25%20%C3%9Cn%C3%AFcode/plan.ptdb?mode=ro",
        ),
        (
            PureWindowsPath(r"\\civic-fs01\Programmes\Council #1\plan.ptdb"),
            "file:////civic-fs01/Programmes/Council%20%231/plan.ptdb?mode=ro",
        ),
        (
            PurePosixPath("/srv/Council #1 ? 100% Ünïcode/plan.ptdb"),
            "file:///srv/Council%20%231%20%3F%20100%25%20%C3%9Cn%C3%AFcode/plan.ptdb?mode=ro",
        ),
    ],
    ids=["Windows drive", "Windows share", "POSIX"],
)
def test_the_uri_given_to_sqlite_has_the_form_sqlite_reads_on_each_platform(path, uri):
    """SQLite refuses a URI authority ("file://civic-fs01/…": "invalid uri authority"); a share
    is written with an empty one, its two slashes in the path."""
    assert sqlite_uri(path, "ro") == uri
