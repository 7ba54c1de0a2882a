"""The file survives crashes, replacement and disk faults; every refusal leaves it unchanged.

Each test here reproduces a defect of issue 12 (a crash read as damage, a colleague's open
file replaced, a full disk, a dropped table…) and checks the file's sha256 before and after.
"""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.core.errors import CorruptFileError, FileBusyError, FileError
from app.services.programmes import create_programme
from app.store.database import Database
from app.store.locking import lock_path

from file_faults import fill, held_elsewhere, leave_hot_journal, sha256, tiny_disk
from helpers import file_query

RECOVERED = (
    "“demo.ptdb” was not closed properly last time (the program stopped or the computer lost "
    "power while saving). The unfinished change has been undone; every change saved before it "
    "is intact."
)


def cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or Path(__file__).parents[1],
    )


# --- 1. a crash is recovered, never called damage ----------------------------------------


def test_crash_mid_commit_opens_for_editing_with_a_note(demo_path):
    before = file_query(demo_path, "SELECT count(*), max(id) FROM item")
    leave_hot_journal(demo_path)
    with Database.open(demo_path) as db:
        assert not db.read_only
        assert db.notes == (RECOVERED,)
        assert db.integrity_check() == "ok"
    assert not demo_path.with_name("demo.ptdb-journal").exists()
    assert file_query(demo_path, "SELECT count(*), max(id) FROM item") == before
    assert file_query(demo_path, "SELECT value FROM app_meta WHERE key = 'created_by'") == [
        ("Programme Tracker 0.1.0",)
    ]
    assert file_query(demo_path, "SELECT name FROM sqlite_schema WHERE name = 'unfinished'") == []


def test_crash_mid_commit_is_recovered_for_a_read_only_open_too(demo_path):
    """The command line opens read-only to export: a crash must not stop the report."""
    leave_hot_journal(demo_path)
    with Database.open(demo_path, read_only=True) as db:
        assert db.notes == (RECOVERED,)
        with db.reader() as session:
            from app.read.queries import programmes

            assert len(programmes(session)) == 5


def test_crash_in_a_read_only_file_says_what_to_do_and_changes_nothing(demo_path):
    leave_hot_journal(demo_path)
    journal = demo_path.with_name("demo.ptdb-journal")
    demo_path.chmod(0o444)
    before = (sha256(demo_path), sha256(journal))
    with pytest.raises(FileError) as caught:
        Database.open(demo_path)
    assert str(caught.value) == (
        "“demo.ptdb” was not closed properly (the program stopped or the computer lost power "
        "while saving), and the unfinished change must be undone before it can be read, but "
        "“demo.ptdb” is marked read-only. Nothing has been lost: copy “demo.ptdb” and "
        "“demo.ptdb-journal” together into a folder you can change, and open the copy there. "
        "Do not delete “demo.ptdb-journal”: it holds what is needed to undo the unfinished "
        "change."
    )
    assert (sha256(demo_path), sha256(journal)) == before


# --- 2. replacing a file that is open elsewhere ----------------------------------------------


def test_new_file_over_a_colleagues_open_file_is_refused(demo_path):
    before = sha256(demo_path)
    with held_elsewhere(demo_path), pytest.raises(FileError) as caught:
        Database.create(demo_path, overwrite=True)
    assert re.fullmatch(
        r"“demo\.ptdb” is open for editing by Rachel Robinson on .+ since .+, so it cannot be "
        r"replaced\. It has not been changed\.",
        str(caught.value),
    ), str(caught.value)
    assert sha256(demo_path) == before


def test_new_file_over_the_file_open_here_is_refused(demo):
    before = sha256(demo.path)
    with pytest.raises(FileError) as caught:
        Database.create(demo.path, overwrite=True)
    assert str(caught.value) == (
        "“demo.ptdb” is open in Programme Tracker, so it cannot be replaced; close it first. "
        "It has not been changed."
    )
    assert sha256(demo.path) == before
    read_only = Database.open(demo.path, read_only=True)
    demo.close()
    with pytest.raises(FileError, match="is open in Programme Tracker"):
        Database.create(read_only.path, overwrite=True)
    read_only.close()
    Database.create(read_only.path, overwrite=True).close()  # nobody has it now


def test_demo_force_over_an_open_file_is_refused_on_the_command_line(demo_path):
    before = sha256(demo_path)
    with held_elsewhere(demo_path):
        result = cli("demo", demo_path, "--force")
    assert result.returncode == 2
    assert result.stdout == ""
    assert re.fullmatch(
        r"programme-tracker: “demo\.ptdb” is open for editing by Rachel Robinson on .+, so it "
        r"cannot be replaced\. It has not been changed\.\n",
        result.stderr,
    ), result.stderr
    assert sha256(demo_path) == before


def test_save_a_copy_over_a_colleagues_open_file_is_refused(demo, tmp_path):
    other = tmp_path / "theirs.ptdb"
    Database.create(other).close()
    before = sha256(other)
    with held_elsewhere(other), pytest.raises(FileError) as caught:
        demo.save_copy(other)
    assert "“theirs.ptdb” is open for editing by Rachel Robinson" in str(caught.value)
    assert str(caught.value).endswith("so it cannot be replaced. It has not been changed.")
    assert sha256(other) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_save_a_copy_is_whole_and_opens(demo, tmp_path):
    target = demo.save_copy(tmp_path / "copy.ptdb")
    with Database.open(target) as copy:
        assert copy.integrity_check() == "ok"
    assert not lock_path(target).exists()


def test_demo_command_errors_are_one_line(tmp_path):
    missing = cli("demo", tmp_path / "no-such-folder" / "x.ptdb")
    assert (missing.returncode, missing.stderr) == (
        2,
        f"programme-tracker: The folder {tmp_path / 'no-such-folder'} does not exist, so "
        "“x.ptdb” cannot be created.\n",
    )
    folder = tmp_path / "a folder.ptdb"
    folder.mkdir()
    forced = cli("demo", folder, "--force")
    assert (forced.returncode, forced.stderr) == (
        2,
        "programme-tracker: “a folder.ptdb” is a folder, not a Programme Tracker file; it "
        "cannot be replaced.\n",
    )
    blocker = tmp_path / "plain-file"
    blocker.write_text("not a folder")
    under_a_file = cli("demo", blocker / "x.ptdb")
    assert under_a_file.returncode == 2
    assert under_a_file.stderr.startswith("programme-tracker: The folder ")
    assert "Traceback" not in missing.stderr + forced.stderr + under_a_file.stderr


# --- 10. lock files and disk faults ------------------------------------------------------------


def test_lock_with_a_malformed_date_still_opens_read_only(demo_path):
    lock_path(demo_path).write_text(
        json.dumps({"user": "Ann", "host": "CIVIC-LT7", "pid": 1, "since": "last Tuesday"})
    )
    with Database.open(demo_path) as db:
        assert db.read_only_reason == (
            "“demo.ptdb” is being edited by Ann on CIVIC-LT7 since “last Tuesday”"
        )


def test_full_disk_leaves_no_empty_lock_and_opens_read_only(demo_master):
    with tiny_disk(2048) as disk:
        path = disk / "demo.ptdb"
        path.write_bytes(demo_master.read_bytes())
        fill(disk)
        before = sha256(path)
        with Database.open(path) as db:
            assert db.read_only_reason == (
                "“demo.ptdb” cannot be locked for editing (the disk is full)"
            )
        assert not lock_path(path).exists()
        assert sorted(p.name for p in disk.iterdir()) == ["demo.ptdb", "filler"]
        assert sha256(path) == before


def test_new_file_on_a_full_disk_says_so_and_leaves_nothing(tmp_path):
    with tiny_disk(256) as disk:
        fill(disk, leave=40_000)  # room for the lock, not for the file
        with pytest.raises(FileError) as caught:
            Database.create(disk / "new.ptdb")
        assert str(caught.value) == (
            "“new.ptdb” could not be created: the disk is full. Nothing was written."
        )
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]


# --- 11. smaller ones ----------------------------------------------------------------------------


def test_dropped_table_is_refused_on_open(demo_path):
    raw = sqlite3.connect(demo_path)
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute("DROP TABLE milestone")
    raw.commit()
    raw.close()
    before = sha256(demo_path)
    with pytest.raises(CorruptFileError) as caught:
        Database.open(demo_path)
    assert str(caught.value) == (
        "“demo.ptdb” is damaged: its table “milestone” is missing (was it changed with another "
        "program?). It has not been changed."
    )
    assert sha256(demo_path) == before
    assert not lock_path(demo_path).exists()


def test_dropped_column_is_refused_on_open(demo_path):
    raw = sqlite3.connect(demo_path)
    raw.execute("ALTER TABLE change_log DROP COLUMN field")
    raw.commit()
    raw.close()
    with pytest.raises(CorruptFileError) as caught:
        Database.open(demo_path)
    assert str(caught.value) == (
        "“demo.ptdb” is damaged: the column “field” of its table “change_log” is missing (was "
        "it changed with another program?). It has not been changed."
    )


def test_file_left_in_wal_mode_is_switched_back_and_said_so(demo_path):
    raw = sqlite3.connect(demo_path)
    assert raw.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    raw.close()
    with Database.open(demo_path) as db:
        assert db.notes == (
            "“demo.ptdb” had been switched to write-ahead logging by another program. It has "
            "been switched back to Programme Tracker’s rollback journal, which works on network "
            "drives; nothing in it has changed.",
        )
        create_programme(db, "After WAL")
    assert file_query(demo_path, "PRAGMA journal_mode") == [("delete",)]
    with Database.open(demo_path) as again:
        assert again.notes == ()


def hold_exclusive(path, seconds):
    """Another program holding the file's exclusive lock (a backup tool, a sync client)."""
    raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    raw.execute("BEGIN EXCLUSIVE")

    def release():
        time.sleep(seconds)
        raw.execute("COMMIT")
        raw.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_read_blocked_by_another_program_says_it_could_not_be_read(demo, monkeypatch):
    import app.store.engine
    import app.store.sqlite_errors

    monkeypatch.setattr(app.store.engine, "BUSY_TIMEOUT_SECONDS", 0.3)  # how long it waits
    monkeypatch.setattr(app.store.sqlite_errors, "BUSY_TIMEOUT_SECONDS", 0.3)  # what it says
    thread = hold_exclusive(demo.path, 1.5)
    try:
        demo.on_wait = lambda waiting: None
        with pytest.raises(FileBusyError) as caught, demo.reader() as session:
            session.execute(text("SELECT count(*) FROM item")).all()
        assert str(caught.value) == (
            "“demo.ptdb” is busy: another program has been changing it for more than 0.3 "
            "seconds. It could not be read; please try again."
        )
    finally:
        thread.join()


def test_waiting_for_another_program_is_told_then_the_edit_goes_through(demo):
    seen = []
    demo.on_wait = seen.append
    thread = hold_exclusive(demo.path, 0.8)
    started = time.monotonic()
    create_programme(demo, "Waited for")
    thread.join()
    assert seen == [True, False]
    assert time.monotonic() - started >= 0.5
    assert file_query(demo.path, "SELECT count(*) FROM programme WHERE name = 'Waited for'") == [
        (1,)
    ]


def test_lock_from_this_machine_names_the_host(demo_path):
    with held_elsewhere(demo_path, user="Ann"), Database.open(demo_path) as db:
        assert db.lock_holder is not None
        assert db.lock_holder.host == socket.gethostname()


def test_a_user_name_that_cannot_be_stored_is_logged_as_unknown(tmp_path):
    """A login name with an undecodable byte made every edit fail with a raw error."""
    import os

    path = tmp_path / "user.ptdb"
    script = (
        "import sys\n"
        "from app.store.database import Database\n"
        "from app.services.programmes import create_programme\n"
        "with Database.create(sys.argv[1]) as db:\n"
        "    create_programme(db, 'Named')\n"
    )
    env = {**os.environ, "PROGRAMME_TRACKER_USER": "Pat\udcff"}
    env_bytes = {os.fsencode(k): os.fsencode(v) for k, v in env.items()}
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        env=env_bytes,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stderr
    assert file_query(path, "SELECT DISTINCT user FROM change_log") == [("unknown",)]


def test_command_line_reports_a_recovered_crash_and_carries_on(demo_path):
    leave_hot_journal(demo_path)
    result = cli("summary", demo_path, "--programme", "Chief Executive", "--period", "Q1 2009/10")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"programme-tracker: note: {RECOVERED}\n"
    assert result.stdout.startswith(
        "Chief Executive Services Performance Plan 2009-12\nQuarter 1 2009/10\n"
    )


def test_window_command_accepts_a_file_with_a_hot_journal(demo_path):
    """``python -m app FILE`` checks the file before Qt starts; a crash is not a bad file."""
    from app.store.opencheck import check_openable

    leave_hot_journal(demo_path)
    check_openable(demo_path)
    assert demo_path.with_name("demo.ptdb-journal").exists()  # left for the open to recover


def test_old_file_on_the_command_line_says_how_to_upgrade_it(tmp_path):
    from app.store.database import create_file

    path = tmp_path / "old.ptdb"
    create_file(path, "0001")
    before = sha256(path)
    result = cli("list", path)
    assert result.returncode == 2
    assert result.stderr == (
        "programme-tracker: “old.ptdb” was made by an older version of Programme Tracker and "
        "must be upgraded before it can be opened, but “old.ptdb” was opened read-only, as "
        "asked. It has not been changed. Open it once in the window to upgrade it (a copy of "
        "it as it is now is kept beside it).\n"
    )
    assert sha256(path) == before


def test_csv_of_every_layout_follows_responsible(demo_path, tmp_path):
    """The CSV holds the rows the document shows: project-plan listed every action."""
    import csv

    out = tmp_path / "plan.csv"
    result = cli(
        "export",
        demo_path,
        "--programme",
        "Chief Executive",
        "--period",
        "Q1 2009/10",
        "--layout",
        "project-plan",
        "--responsible",
        "Media and Communications Manager",
        "-o",
        out,
    )
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # The person's five actions, under the one objective's own row (its lead officer and
    # milestones), which the CSV holds for an import to give back.
    assert len([row for row in rows if row["Action"]]) == 5
    assert [row["Objective"] for row in rows if not row["Stage"]] == [
        "Enhance and protect the reputation of Wigan"
    ]
