"""Export every layout that fits every demo programme, in every format, into one folder.

Why: the restructure of issue 13 promised exports byte-identical before and after. This
script uses only the command line, so the same copy runs against old and new code:

    python scripts/export_every_layout.py DEMO.ptdb OUTDIR

then ``cmp`` (or ``diff -r``) two output folders made from the same demo file.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

FORMATS = ("docx", "pdf", "xlsx", "html", "csv")


def programmes(listing: str) -> list[tuple[str, str, list[str]]]:
    """(name, first period, layouts that fit) for each programme in ``list``'s text."""
    found = []
    for block in listing.split("\n\n")[1:]:
        lines = block.splitlines()
        name = re.sub(r" \([^()]*\)$", "", lines[0])
        period = next(
            (
                lines[i + 1].strip().split("  ")[0]
                for i, line in enumerate(lines)
                if line.strip() == "Periods:"
            ),
            "",
        )
        fit = next(
            (line.split(":", 1)[1].split(",") for line in lines if "Layouts that fit:" in line), []
        )
        found.append((name, period, [layout.strip() for layout in fit if layout.strip()]))
    return found


def main(demo: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    run = [sys.executable, "-m", "app"]
    listing = subprocess.run(
        [*run, "list", str(demo)], check=True, capture_output=True, text=True
    ).stdout
    count = 0
    for index, (name, period, layouts) in enumerate(programmes(listing), start=1):
        for layout in layouts:
            for fmt in FORMATS:
                target = out / f"p{index}-{layout}.{fmt}"
                subprocess.run(
                    [
                        *run,
                        "export",
                        str(demo),
                        "--programme",
                        name,
                        "--period",
                        period,
                        "--layout",
                        layout,
                        "-o",
                        str(target),
                        "--force",
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                count += 1
    print(f"{count} exports in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
