"""Issue 20's figures: the same 10,000-action programme on a file and on a PostgreSQL server.

1. open in the shown window (bench/window_timing.py, as bench_editing.py times a file): to
   the tree painted (a big tree's top level), and to the whole tree read and the panes filled;
   median of 5 runs.
2. judgement keypress → committed: a real key press on the tree, timed until the service has
   committed, then read back through another connection; median and p95 of 100 presses.

The server is the one in ``PT_TEST_POSTGRES_URL`` (scripts/bench starts a throw-away local
cluster, with fsync on so that a commit is as durable as a file's); without it the server's
half is skipped and says why.

Run:  scripts/bench   (or  PT_TEST_POSTGRES_URL=… .venv/bin/python bench/bench_server.py)
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from window_timing import open_in_shown_window  # noqa: E402

ACTIONS = int(os.environ.get("BENCH_ACTIONS", "10000"))
RUNS = 5
PRESSES = 100


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(
    app: QApplication,
    where: str,
    folder: Path,
    programme_id: int,
    period_id: int,
    read_back: Callable[[int], str | None],
) -> tuple[list[float], list[float], list[float]]:
    key_name = where if "://" in where else str(Path(where).resolve())
    open_times, whole_times = [], []
    for run in range(RUNS):
        settings = QSettings(str(folder / f"s{uuid.uuid4().hex}.ini"), QSettings.Format.IniFormat)
        settings.setValue(
            "files/" + key_name.replace("/", "|") + f"/period/{programme_id}", period_id
        )
        window, took, whole = open_in_shown_window(app, where, settings)
        open_times.append(took)
        whole_times.append(whole)
        if run < RUNS - 1:
            window.close()
            window.deleteLater()
            app.processEvents()
    leaf = next(i for i in window.model.item_ids() if not window.model.children_of(i))
    window.tree.select_item(window.proxy.mapFromSource(window.model.index_for(leaf)))
    window.tree.setFocus()
    press_times = []
    for n in range(PRESSES):
        key, glyph = (Qt.Key.Key_B, "▲") if n % 2 == 0 else (Qt.Key.Key_O, "●")
        t0 = time.perf_counter()
        QTest.keyClick(window.tree, key)
        press_times.append(time.perf_counter() - t0)
        assert read_back(leaf) == glyph, n
    window.close()
    window.deleteLater()
    app.processEvents()
    return open_times, whole_times, press_times


def report(
    name: str, open_times: list[float], whole_times: list[float], press_times: list[float]
) -> None:
    print(
        f"{name:7} open to tree shown: median {statistics.median(open_times) * 1000:6.1f} ms"
        f"   whole tree and panes: median {statistics.median(whole_times) * 1000:6.1f} ms"
        f"   keypress → committed: median {statistics.median(press_times) * 1000:5.1f} ms"
        f", p95 {percentile(press_times, 0.95) * 1000:5.1f} ms"
    )


def main() -> None:
    app = QApplication(sys.argv[:1])
    from app.demo.synthetic import synthetic_spec
    from app.interchange.programme_json import import_programme
    from app.store.database import Database

    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.ptdb"
    with Database.create(path) as db:
        programme_id = import_programme(db, synthetic_spec(ACTIONS)).ids[0]
    raw = sqlite3.connect(path)
    period_id = raw.execute(
        "SELECT id FROM period WHERE label = 'Quarter 2 2009/10' AND programme_id = ?",
        (programme_id,),
    ).fetchone()[0]
    raw.close()
    print(f"{ACTIONS:,} actions, period {period_id}")

    def from_file(item_id: int) -> str | None:
        connection = sqlite3.connect(path)
        try:
            row = connection.execute(
                "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
                "WHERE j.item_id = ? AND j.period_id = ?",
                (item_id, period_id),
            ).fetchone()
        finally:
            connection.close()
        return row[0] if row else None

    report("file", *measure(app, str(path), folder, programme_id, period_id, from_file))

    admin_url = os.environ.get("PT_TEST_POSTGRES_URL")
    if not admin_url:
        print("server  skipped: PT_TEST_POSTGRES_URL is not set (scripts/bench starts a server)")
        return
    import psycopg
    from sqlalchemy import make_url

    from app.store.transfer import copy_programme

    name = f"pt_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        with Database.open(path, read_only=True) as source:
            copy_programme(source, url).close()
        check = psycopg.connect(url, autocommit=True)

        def from_server(item_id: int) -> str | None:
            row = check.execute(
                "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
                "WHERE j.item_id = %s AND j.period_id = %s",
                (item_id, period_id),
            ).fetchone()
            return row[0] if row else None

        report("server", *measure(app, url, folder, programme_id, period_id, from_server))
        check.close()
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # as bench_editing.py: PySide6 may crash tearing Qt down after such a run
