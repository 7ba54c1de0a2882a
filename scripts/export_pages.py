"""Export each layout of the demo to Word (converted with LibreOffice) and to PDF (our own),
and save their first pages as PNGs in docs/screenshots/, the PDF's named "-pdf-": the two
should page alike (needs libreoffice and pdftoppm: scripts/setup --render)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LAYOUTS = {
    "quarterly": ("Chief Executive Services", "Quarter 1 2009/10", (1, 3, 11)),
    "programme-update": ("Working Smarter", "November 2011", (1,)),
    "workplan": ("Cabinet Workplan", "November 2004", (1,)),
    "project-plan": ("Home-working", "Quarter 1 2005/06", (1, 2)),
    "recommendations": ("Hub Scrutiny", "May 2012", (1,)),
}


def main() -> None:
    from app.demo import write_demo
    from app.read.lookup import find_period, find_programme
    from app.reports import make_report, renderer
    from app.store.database import Database

    out = ROOT / "docs" / "screenshots"
    work = Path(tempfile.mkdtemp())
    demo = work / "demo.ptdb"
    write_demo(demo).close()
    with Database.open(demo, read_only=True) as db:
        for layout, (programme, period, pages) in LAYOUTS.items():
            with db.reader() as session:
                programme_id = find_programme(session, programme)
                period_id = find_period(session, programme_id, period)
            report = make_report(db, programme_id, period_id, layout)
            docx = work / f"{layout}.docx"
            docx.write_bytes(renderer("docx")(report))
            (work / f"{layout}-ours.pdf").write_bytes(renderer("pdf")(report))
            subprocess.run(
                [
                    "libreoffice",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(docx),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            for (source, name), page in (
                (pair, page)
                for pair in ((layout, f"{layout}-page"), (f"{layout}-ours", f"{layout}-pdf-page"))
                for page in pages
            ):
                stem = out / f"export-{name}{page}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        "60",
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        "-singlefile",
                        str(work / f"{source}.pdf"),
                        str(stem),
                    ],
                    check=True,
                )
                print(f"{stem}.png")


if __name__ == "__main__":
    main()
