"""Exactly one editor, however many open at once; a stale lock is taken over by one only.

Twenty processes that import only the lock code race for one file's lock, fifty rounds: with no
lock, with a lock left by a crashed process on this machine, and with an empty lock left long
ago. Each round must have exactly one holder.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.store.locking import lock_path

ROOT = Path(__file__).parents[1]
RACERS = 20
ROUNDS = 50

RACER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from app.store.locking import FileLock
    folder, rounds = Path(sys.argv[1]), int(sys.argv[2])
    for number in range(rounds):
        go = folder / f"go-{number}"
        while not go.exists():
            time.sleep(0.0005)
        lock = FileLock(folder / "shared.ptdb", f"racer {os.getpid()}")
        holder = lock.acquire()
        print(number, "held" if holder is None else "refused", flush=True)
        done = folder / f"done-{number}"
        while not done.exists():
            time.sleep(0.0005)
        lock.release()
        print(number, "released", flush=True)
""")


def plant_stale(lock: Path, kind: str) -> None:
    if kind == "crashed":
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        )
        lock.write_text(
            json.dumps(
                {
                    "user": "Crashed",
                    "host": socket.gethostname(),
                    "pid": int(dead.stdout),
                    "since": "2009-08-17T10:15:00",
                }
            )
        )
    elif kind == "empty":
        lock.write_bytes(b"")
        old = time.time() - 60
        os.utime(lock, (old, old))


@pytest.mark.slow
def test_twenty_processes_fifty_rounds_exactly_one_holder(tmp_path):
    import app.store.locking

    if "sqlalchemy" in app.store.locking.__dict__:
        pytest.fail("the lock module must not import the database layer")
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(tmp_path), str(ROUNDS)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(RACERS)
    ]
    lock = lock_path(tmp_path / "shared.ptdb")
    try:
        for number in range(ROUNDS):
            plant_stale(lock, ("none", "crashed", "empty")[number % 3])
            (tmp_path / f"go-{number}").touch()
            results = [racer.stdout.readline().split() for racer in racers]
            held = [result for result in results if result == [str(number), "held"]]
            assert len(held) == 1, f"round {number}: {len(held)} holders"
            (tmp_path / f"done-{number}").touch()
            for racer in racers:
                assert racer.stdout.readline().split() == [str(number), "released"]
            assert not lock.exists(), f"round {number}: the holder's lock was not removed"
    finally:
        for racer in racers:
            racer.kill()
            racer.wait()
            racer.stdout.close()
    leftovers = sorted(
        p.name for p in tmp_path.iterdir() if not p.name.startswith(("go-", "done-"))
    )
    assert leftovers == [], leftovers


OPENER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from app.store.database import Database
    path, start = Path(sys.argv[1]), float(sys.argv[2])
    while time.time() < start:
        pass
    db = Database.open(path, user=sys.argv[3])
    print("editing" if not db.read_only else "read-only", flush=True)
    sys.stdin.readline()
    db.close()
""")


def test_two_whole_opens_at_once_give_one_editor(demo_path):
    start = time.time() + 1.5  # both processes have imported everything by then
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(demo_path), str(start), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in ("Ann", "Bob")
    ]
    try:
        states = sorted(opener.stdout.readline().strip() for opener in openers)
    finally:
        for opener in openers:
            opener.communicate("\n", timeout=30)
    assert states == ["editing", "read-only"]
    assert not lock_path(demo_path).exists()
