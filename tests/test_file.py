"""Opening files: every bad-file case gets its message and the file is never written."""

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from app.core.errors import (
    CorruptFileError,
    FileError,
    NewerFileError,
    NotATrackerFileError,
    ReadOnlyError,
)
from app.services.programmes import create_programme
from app.store.database import Database, create_file
from app.store.locking import lock_path
from app.store.migrate import head_revision


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def assert_untouched(path: Path, before: tuple[str, int]) -> None:
    assert fingerprint(path) == before
    siblings = sorted(p.name for p in path.parent.iterdir() if p != path)
    assert siblings == [], f"files left beside it: {siblings}"


def test_new_file_settings(db):
    raw = sqlite3.connect(db.path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert raw.execute("PRAGMA application_id").fetchone()[0] == 0x5054726B
    with db.reader() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.ptdb"
    path.write_text("Minutes of the meeting\n" * 20)
    before = fingerprint(path)
    with pytest.raises(NotATrackerFileError) as caught:
        Database.open(path)
    assert str(caught.value) == (
        "“notes.ptdb” is not a Programme Tracker file: it is not an SQLite database."
    )
    assert_untouched(path, before)


def test_word_document_renamed_is_recognised(tmp_path):
    path = tmp_path / "report.ptdb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    before = fingerprint(path)
    with pytest.raises(NotATrackerFileError) as caught:
        Database.open(path)
    assert str(caught.value) == (
        "“report.ptdb” is not a Programme Tracker file: it looks like a "
        "Word, Excel or other zipped document."
    )
    assert_untouched(path, before)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.ptdb"
    path.touch()
    with pytest.raises(NotATrackerFileError) as caught:
        Database.open(path)
    assert str(caught.value) == (
        "“empty.ptdb” is empty (0 bytes), so it is not a Programme Tracker file."
    )


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "contacts.ptdb"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE people (name TEXT)")
    raw.commit()
    raw.close()
    before = fingerprint(path)
    with pytest.raises(NotATrackerFileError) as caught:
        Database.open(path)
    assert str(caught.value) == (
        "“contacts.ptdb” is an SQLite database made by another program, "
        "not a Programme Tracker file."
    )
    assert_untouched(path, before)


def test_truncated_file_is_refused(demo_path):
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 2])
    before = fingerprint(demo_path)
    with pytest.raises(CorruptFileError) as caught:
        Database.open(demo_path)
    assert str(caught.value) == (
        f"“demo.ptdb” is damaged: it is {len(data) // 2:,} bytes but should be {len(data):,} "
        "bytes, so part of it is missing (was a copy interrupted?). It has not been changed."
    )
    assert_untouched(demo_path, before)


def test_damaged_pages_are_refused(demo_path):
    data = bytearray(demo_path.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 2):  # scribble over many pages
        data[offset + 8 : offset + 200] = b"\xff" * 192
    demo_path.write_bytes(bytes(data))
    before = fingerprint(demo_path)
    with pytest.raises(CorruptFileError) as caught:
        Database.open(demo_path)
    assert str(caught.value).startswith("“demo.ptdb” is damaged: SQLite")
    assert str(caught.value).endswith("It has not been changed.")
    assert_untouched(demo_path, before)


def test_file_from_newer_version_is_refused(db):
    path = db.path
    db.close()
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '0099'")
    raw.commit()
    raw.close()
    before = fingerprint(path)
    with pytest.raises(NewerFileError) as caught:
        Database.open(path)
    assert str(caught.value) == (
        "“test.ptdb” was saved by a newer version of Programme Tracker (file format 0099); this "
        f"version (0.1.0) reads formats up to {head_revision()}. It has not been changed: please "
        "open it with "
        "the newer version."
    )
    assert_untouched(path, before)


def test_read_only_file_opens_for_viewing_and_is_never_written(demo_path):
    demo_path.chmod(0o444)
    before = fingerprint(demo_path)
    with Database.open(demo_path) as db:
        assert db.read_only_reason == (
            "“demo.ptdb” is read-only: its file permissions do not allow changes"
        )
        with db.reader() as session:
            from app.read.lookup import find_programme

            assert find_programme(session, "Chief Executive") > 0
        with pytest.raises(ReadOnlyError) as caught:
            create_programme(db, "Another")
        assert str(caught.value) == (
            "Changes cannot be saved: “demo.ptdb” is read-only: its file "
            "permissions do not allow changes."
        )
    assert_untouched(demo_path, before)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FileError, match=re.escape("“nowhere.ptdb” does not exist.")):
        Database.open(tmp_path / "nowhere.ptdb")
    with pytest.raises(FileError, match=re.escape("is a folder, not a Programme Tracker file.")):
        Database.open(tmp_path)


def test_create_refuses_to_overwrite(db):
    with pytest.raises(FileError, match=re.escape("“test.ptdb” already exists.")):
        Database.create(db.path)


HOLDER = textwrap.dedent("""
    import sys
    from app.store.database import Database
    db = Database.open(sys.argv[1], user="Rachel Robinson")
    print("open", flush=True)
    sys.stdin.readline()
    db.close()
""")


def test_second_instance_is_told_who_has_it_and_gets_it_read_only(demo_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(demo_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with Database.open(demo_path) as second:
            assert second.read_only
            assert second.lock_holder.user == "Rachel Robinson"
            assert second.read_only_reason.startswith(
                "“demo.ptdb” is being edited by Rachel Robinson on "
            )
            assert " since " in second.read_only_reason
            with pytest.raises(ReadOnlyError):
                create_programme(second, "Mine")
    finally:
        holder.communicate("\n", timeout=20)
    assert not lock_path(demo_path).exists()
    with Database.open(demo_path) as third:
        assert not third.read_only


def test_lock_left_by_a_crashed_process_is_taken_over(demo_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    import json
    import socket

    lock_path(demo_path).write_text(
        json.dumps(
            {
                "user": "Crashed",
                "host": socket.gethostname(),
                "pid": int(dead.stdout),
                "since": "2009-08-17T10:15:00+01:00",
            }
        )
    )
    with Database.open(demo_path) as db:
        assert not db.read_only
        assert json.loads(lock_path(demo_path).read_text())["pid"] == os.getpid()


def test_lock_from_another_machine_is_believed(demo_path):
    import json

    lock_path(demo_path).write_text(
        json.dumps(
            {
                "user": "Paul Milmore",
                "host": "CIVIC-LT042",
                "pid": 4242,
                "since": "2011-11-29T09:05:00+00:00",
            }
        )
    )
    with Database.open(demo_path) as db:
        assert db.read_only_reason == (
            "“demo.ptdb” is being edited by Paul Milmore on CIVIC-LT042 "
            "since 29 November 2011 at 09:05"
        )


def test_old_read_only_file_cannot_be_upgraded(tmp_path):
    path = tmp_path / "old.ptdb"
    create_file(path, "0001")
    path.chmod(0o444)
    before = fingerprint(path)
    with pytest.raises(FileError) as caught:
        Database.open(path)
    assert str(caught.value) == (
        "“old.ptdb” was made by an older version of Programme Tracker and must be upgraded before "
        "it can be opened, but “old.ptdb” is read-only: its file permissions do not allow "
        "changes. It has not been changed."
    )
    assert_untouched(path, before)


def test_save_copy_uses_backup_api(demo):
    target = demo.path.with_name("copy.ptdb")
    demo.save_copy(target)
    with Database.open(target) as copy, copy.reader() as session:
        from app.read.queries import programmes

        assert len(programmes(session)) == 5
