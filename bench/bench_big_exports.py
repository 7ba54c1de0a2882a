"""Issue 18's figures for big programmes: Word and PDF export of a generated programme of
50,000 actions (quarterly layout), each in a process of its own so its peak resident memory
is its own. Aims: memory ≤ 500 MB, PDF ≤ 20 s.

Run:  scripts/bench   (or BENCH_BIG_ACTIONS=10000 for a quicker look)
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ACTIONS = int(os.environ.get("BENCH_BIG_ACTIONS", "50000"))


def make(path: Path) -> None:
    from app.demo.synthetic import synthetic_spec
    from app.interchange.programme_json import import_programme
    from app.store.database import Database

    with Database.create(path) as db:
        import_programme(db, synthetic_spec(ACTIONS))


def export(path: Path, fmt: str) -> None:
    """In the child: build the report, render it, print the figures."""
    from app.read.lookup import find_period
    from app.reports import make_report, renderer
    from app.store.database import Database
    from app.store.models import Programme

    with Database.open(path, read_only=True) as db:
        with db.reader() as session:
            programme = session.query(Programme.id).scalar()
            period = find_period(session, programme, "Quarter 1 2009/10")
        started = time.perf_counter()
        report = make_report(db, programme, period, "quarterly")
        model = time.perf_counter() - started
    started = time.perf_counter()
    data = renderer(fmt)(report)
    took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{fmt:>4}: report model {model:5.1f} s, render {took:5.1f} s, "
        f"{len(data) / 1e6:5.1f} MB written, peak resident memory {peak:,.0f} MB"
    )


def main() -> None:
    if len(sys.argv) == 3:
        export(Path(sys.argv[1]), sys.argv[2])
        return
    path = Path(tempfile.mkdtemp()) / "big.ptdb"
    make(path)
    print(f"{ACTIONS:,} actions, load {os.getloadavg()[0]:.1f}; aims: memory ≤ 500 MB, PDF ≤ 20 s")
    for fmt in ("docx", "pdf"):
        subprocess.run([sys.executable, __file__, str(path), fmt], check=True)


if __name__ == "__main__":
    main()
