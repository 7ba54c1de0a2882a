"""Issue 16's figure for Word reports: reading back the quarterly report of a generated
programme of 300 and of 1,000 actions (aim: 300 well under a second).

Run:  scripts/bench
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RUNS = 5


def main() -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication(sys.argv[:1])
    from app.demo.synthetic import synthetic_spec
    from app.imports.word import read_word
    from app.interchange.programme_json import import_programme
    from app.read.lookup import find_period
    from app.reports import make_report, renderer
    from app.store.database import Database

    folder = Path(tempfile.mkdtemp())
    for actions in (300, 1000):
        path = folder / f"bench-{actions}.ptdb"
        with Database.create(path) as db:
            programme = import_programme(db, synthetic_spec(actions)).ids[0]
            with db.reader() as session:
                period = find_period(session, programme, "Quarter 1 2009/10")
            report = make_report(db, programme, period, "quarterly")
        word = folder / f"report-{actions}.docx"
        word.write_bytes(renderer("docx")(report))
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            source = read_word(word)
            times.append(time.perf_counter() - started)
        print(
            f"{actions:,} actions ({word.stat().st_size / 1e6:.1f} MB): read_word median "
            f"{statistics.median(times) * 1000:.0f} ms, {len(source.rows):,} rows read"
        )


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # PySide6 may crash tearing down Qt at interpreter exit after a script run
