"""Issue 4's figures: Word and PDF export of a generated 1,000-action programme (quarterly
layout), and, in the same run, LibreOffice converting the equivalent Excel export to PDF.

Run:  scripts/bench   (needs libreoffice: scripts/setup --render)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ACTIONS = int(os.environ.get("BENCH_EXPORT_ACTIONS", "1000"))
RUNS = 3


def timed(action, runs=RUNS):
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication(sys.argv[:1])
    from app.demo.synthetic import synthetic_spec
    from app.interchange.programme_json import import_programme
    from app.read.lookup import find_period
    from app.reports import make_report, renderer
    from app.store.database import Database

    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.ptdb"
    with Database.create(path) as db:
        programme = import_programme(db, synthetic_spec(ACTIONS)).ids[0]
        with db.reader() as session:
            period = find_period(session, programme, "Quarter 1 2009/10")
        model_time, report = timed(lambda: make_report(db, programme, period, "quarterly"))
    word_time, word = timed(lambda: renderer("docx")(report))
    pdf_time, pdf = timed(lambda: renderer("pdf")(report))
    xlsx_time, xlsx = timed(lambda: renderer("xlsx")(report))
    (folder / "report.docx").write_bytes(word)
    (folder / "report.pdf").write_bytes(pdf)
    (folder / "report.xlsx").write_bytes(xlsx)
    print(f"actions: {ACTIONS:,}; report model built in {model_time * 1000:.0f} ms")
    print(f"Word export:  median {word_time:6.2f} s  ({len(word) / 1e6:.1f} MB)")
    print(f"PDF export:   median {pdf_time:6.2f} s  ({len(pdf) / 1e6:.1f} MB)")
    print(f"Excel export: median {xlsx_time:6.2f} s  ({len(xlsx) / 1e6:.1f} MB)")

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        print("LibreOffice not installed: no reference figure (scripts/setup --render)")
        return
    profile = folder / "lo-profile"
    convert = [
        office,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder / "lo"),
        str(folder / "report.xlsx"),
    ]
    subprocess.run(convert, capture_output=True, check=True, timeout=600)  # warm the profile
    lo_time, _ = timed(
        lambda: subprocess.run(convert, capture_output=True, check=True, timeout=600)
    )
    print(f"LibreOffice xlsx → PDF (reference): median {lo_time:6.2f} s")
    print(
        f"ratios: Word {word_time / lo_time:.2f}×, PDF {pdf_time / lo_time:.2f}× LibreOffice "
        "(aim: each export ≤ 2 s; PDF ≤ 0.5×)"
    )


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # PySide6 may crash tearing down Qt at interpreter exit after a script run
