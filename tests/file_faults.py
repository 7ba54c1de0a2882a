"""Ways to hurt a programme file, shared by the tests and bench/bench_crash.py: a hot journal
from a killed writer, a holder process in another "window", a tiny full disk, and the
SIGKILL loop over a writer editing through the services."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).parents[1]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


HOT_WRITER = textwrap.dedent("""
    import sqlite3, sys, time
    raw = sqlite3.connect(sys.argv[1], isolation_level=None)
    raw.execute("PRAGMA cache_size = 1")  # spill pages into the file before the commit
    raw.execute("BEGIN IMMEDIATE")
    raw.execute("CREATE TABLE unfinished (x)")
    for _ in range(200):
        raw.execute("INSERT INTO unfinished VALUES (?)", ("x" * 4000,))
    raw.execute("UPDATE app_meta SET value = 'half-written' WHERE key = 'created_by'")
    print("ready", flush=True)
    time.sleep(60)
""")


def leave_hot_journal(path: Path) -> None:
    """Kill a writer in the middle of a large commit: the file is left half-changed with a
    hot journal beside it, exactly as after a crash or power cut."""
    writer = subprocess.Popen(
        [sys.executable, "-c", HOT_WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    writer.kill()
    writer.wait()
    writer.stdout.close()
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.read_bytes()[:8] == bytes.fromhex("d9d505f920a163d7")


HOLDER = textwrap.dedent("""
    import sys
    from app.store.database import Database
    db = Database.open(sys.argv[1], user=sys.argv[2])
    print("open" if not db.read_only else "read-only", flush=True)
    sys.stdin.readline()
    db.close()
""")


@contextlib.contextmanager
def held_elsewhere(path: Path, user: str = "Rachel Robinson") -> Iterator[None]:
    """The file open for editing in another process (a colleague's window)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), user],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        yield
    finally:
        holder.communicate("\n", timeout=30)


@contextlib.contextmanager
def tiny_disk(size_kib: int = 256) -> Iterator[Path]:
    """A real filesystem that fills up: a small tmpfs (needs root; skipped otherwise)."""
    import pytest

    folder = Path(tempfile.mkdtemp(prefix="tiny-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(folder)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip("a small full disk needs a tmpfs mount (run as root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the disk holding ``folder`` until at most ``leave`` bytes are free."""
    with (folder / "filler").open("wb") as handle:
        chunk = b"\0" * 4096
        with contextlib.suppress(OSError):
            while True:
                free = shutil.disk_usage(folder).free
                if free <= leave:
                    break
                handle.write(chunk[: max(1, min(4096, free - leave))])
                handle.flush()


# --- the SIGKILL loop ----------------------------------------------------------------------

EDITOR = textwrap.dedent("""
    import sys
    from app.store.database import Database
    from app.services.progress import add_update
    path, item, period, start, stop = sys.argv[1], *map(int, sys.argv[2:6])
    db = Database.open(path)
    assert not db.read_only, db.read_only_reason
    for number in range(start, stop):
        add_update(db, item, period, f"edit {number}")
        print(number, flush=True)
""")


@dataclass
class CrashCounts:
    kills: int = 0
    hot_journals: int = 0  # kills that left a journal for the next open to roll back
    recovered_notes: int = 0
    reported: set[int] = field(default_factory=set)
    present: list[int] = field(default_factory=list)


def _edits_in(path: Path) -> tuple[list[int], list[int]]:
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        updates = sorted(
            int(text.split()[1])
            for (text,) in raw.execute("SELECT text FROM progress_update WHERE text LIKE 'edit %'")
        )
        logged = sorted(
            int(text.split()[1])
            for (text,) in raw.execute(
                "SELECT new_value FROM change_log WHERE operation = 'add update'"
            )
        )
    finally:
        raw.close()
    return updates, logged


def prepare(folder: Path) -> tuple[Path, int, int]:
    """A file with one action and one period to write progress updates into."""
    from app.read.lookup import find_period
    from app.services import items, programmes
    from app.store.database import Database

    path = folder / "crash.ptdb"
    with Database.create(path) as db:
        programme = programmes.create_programme(db, "Crash", quarters_for_years=(2009,)).ids[0]
        item = items.add_item(db, programme, None, "Action").ids[0]
        with db.reader() as session:
            period = find_period(session, programme, "Quarter 1")
    return path, item, period


def _wait_for_commit(path: Path, limit: float = 0.2) -> None:
    """Return as soon as the journal's header is live: the moment, inside a commit, when a
    crash leaves a hot journal behind (a fraction of a millisecond in each edit)."""
    from app.store.recovery import has_hot_journal

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and not has_hot_journal(path):
        pass


def kill_loop(path: Path, item: int, period: int, kills: int, seed: int) -> CrashCounts:
    """Start an editor, SIGKILL it at a random moment, then open the file as the application
    does: read-write, no message but the recovered-journal note, integrity ok, every edit it
    reported present with its change-log row. Repeat ``kills`` times."""
    from app.store.database import Database
    from app.store.recovery import has_hot_journal

    rng = random.Random(seed)
    counts = CrashCounts()
    number = 0
    while counts.kills < kills:
        writer = subprocess.Popen(
            [
                sys.executable,
                "-c",
                EDITOR,
                str(path),
                str(item),
                str(period),
                str(number),
                str(number + 1000),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert writer.stdout is not None
        for _ in range(rng.randint(1, 12)):
            line = writer.stdout.readline()
            if not line:
                break
            counts.reported.add(int(line))
        if rng.random() < 0.5:
            time.sleep(rng.random() * 0.006)  # land anywhere in the next edits
        else:
            _wait_for_commit(path)  # land while a commit is being written
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        for line in writer.stdout.read().split():  # printed before the kill landed
            counts.reported.add(int(line))
        writer.stdout.close()
        counts.kills += 1
        if has_hot_journal(path):
            counts.hot_journals += 1

        with Database.open(path) as db:
            context = f"seed {seed}, kill {counts.kills}"
            assert not db.read_only, f"{context}: {db.read_only_reason}"
            assert all("was not closed properly" in note for note in db.notes), context
            counts.recovered_notes += len(db.notes)
            assert db.integrity_check() == "ok", context
        present, logged = _edits_in(path)
        assert counts.reported <= set(present), (
            f"{context}: lost {sorted(counts.reported - set(present))}"
        )
        assert present == logged, f"{context}: an update without its change-log row"
        assert present == list(range(len(present))), f"{context}: gap or duplicate"
        counts.present = present
        number = len(present)
    return counts


def run_kills(kills: int, seed: int | None = None) -> tuple[CrashCounts, int]:
    seed = int(os.environ.get("CRASH_SEED", time.time_ns() % 100_000)) if seed is None else seed
    with tempfile.TemporaryDirectory() as folder:
        path, item, period = prepare(Path(folder))
        return kill_loop(path, item, period, kills, seed), seed
