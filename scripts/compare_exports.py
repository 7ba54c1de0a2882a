"""Compare two folders made by ``export_every_layout.py``: every file must match.

Word, Excel, HTML and CSV files must be byte-identical. Qt's PDF writer orders its font
subsets differently from run to run of the *same* code, so a PDF whose bytes differ must
have the same text (``pdftotext -layout``) and the same pages rendered (``pdftoppm``).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path


def pdf_same(left: Path, right: Path) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        seen = []
        for side, path in (("l", left), ("r", right)):
            text = subprocess.run(
                ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
            ).stdout
            subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), f"{tmp}/{side}"], check=True)
            pages = [page.read_bytes() for page in sorted(Path(tmp).glob(f"{side}-*.png"))]
            seen.append((text, pages))
        return seen[0] == seen[1]


def main(left: Path, right: Path) -> int:
    names = sorted({path.name for path in left.iterdir()} | {path.name for path in right.iterdir()})
    bad = []
    for name in names:
        a, b = left / name, right / name
        if not (a.exists() and b.exists()):
            bad.append(f"{name}: only in one folder")
        elif a.read_bytes() != b.read_bytes() and not (name.endswith(".pdf") and pdf_same(a, b)):
            bad.append(f"{name}: differs")
    identical = sum(
        1
        for name in names
        if (left / name).exists()
        and (right / name).exists()
        and (left / name).read_bytes() == (right / name).read_bytes()
    )
    print(
        f"{len(names)} files: {identical} byte-identical, {len(names) - identical - len(bad)} PDFs "
        f"identical in text and rendered pages, {len(bad)} different"
    )
    for line in bad:
        print("  " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
