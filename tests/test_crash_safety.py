"""A writer killed with SIGKILL at random points loses no edit it reported as committed."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.database import Database

EDITS = 200

WRITER = textwrap.dedent(f"""
    import sys
    from app.database import Database
    from app.services.progress import add_update
    path, item, period, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    db = Database.open(path)
    assert not db.read_only, db.read_only_reason
    for number in range(start, {EDITS}):
        add_update(db, item, period, f"edit {{number}}")
        print(number, flush=True)
""")


def edits_in(path: Path) -> tuple[list[int], list[int]]:
    raw = sqlite3.connect(path)
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
    raw.close()
    return updates, logged


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_200_edits_loses_nothing_committed(db):
    from app.services import items, programmes

    seed = int(os.environ.get("CRASH_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    programme = programmes.create_programme(db, "Crash", quarters_for_years=(2009,)).ids[0]
    item = items.add_item(db, programme, None, "Action").ids[0]
    with db.reader() as session:
        from app.lookup import find_period

        period = find_period(session, programme, "Quarter 1")
    path = db.path
    db.close()

    reported: set[int] = set()
    kills = 0
    root = Path(__file__).parents[1]
    while True:
        present, _ = edits_in(path)
        start = (max(present) + 1) if present else 0
        if start >= EDITS:
            break
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(item), str(period), str(start)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        stop_after = rng.randint(1, 40)
        for _ in range(stop_after):
            line = writer.stdout.readline()
            if not line:
                break
            reported.add(int(line))
        time.sleep(rng.random() * 0.004)  # land somewhere inside the next transaction
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        for line in writer.stdout.read().split():  # printed before the kill landed
            reported.add(int(line))
        writer.stdout.close()
        kills += 1

        raw = sqlite3.connect(path)
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"seed {seed}"
        raw.close()
        present, logged = edits_in(path)
        assert reported <= set(present), f"seed {seed}: lost {sorted(reported - set(present))}"
        assert present == logged, f"seed {seed}: an update without its change-log row"
        assert present == list(range(len(present))), f"seed {seed}: gap or duplicate"

    assert kills >= 5
    present, _ = edits_in(path)
    assert present == list(range(EDITS))
    with Database.open(path) as again:  # the dead writers' lock files are taken over
        assert not again.read_only
        assert again.integrity_check() == "ok"
