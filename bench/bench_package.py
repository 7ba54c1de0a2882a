"""Issue 6's figures: the built executable against a hello-world PySide6 window built with
the same spec (PT_HELLO=1), in one run: file size, and start-up to first window (process
start until the window has been shown and the program has exited, `--smoke`), median of 7.

Run:  .venv/bin/python bench/bench_package.py   (builds both; about three minutes)
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
RUNS = 7


def build(hello: bool, onedir: bool) -> Path:
    env = dict(os.environ, PT_HELLO="1" if hello else "", PT_ONEDIR="1" if onedir else "")
    dist = Path(tempfile.mkdtemp()) / "dist"
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "pyinstaller"),
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(dist),
            "--workpath",
            str(dist.parent / "build"),
            str(ROOT / "build.spec"),
        ],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    name = "HelloQt" if hello else "ProgrammeTracker"
    return dist / name / name if onedir else dist / name


def size(path: Path) -> int:
    if path.parent.name == path.name:  # a one-folder build: the whole folder
        return sum(f.stat().st_size for f in path.parent.rglob("*") if f.is_file())
    return path.stat().st_size


def start_up(executable: Path, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [str(executable), "--smoke", *args], check=True, env=env, capture_output=True, timeout=120
    )  # warm the file cache
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(
            [str(executable), "--smoke", *args],
            check=True,
            env=env,
            capture_output=True,
            timeout=120,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    demo = Path(tempfile.mkdtemp()) / "demo.ptdb"
    subprocess.run(
        [sys.executable, "-m", "app", "demo", str(demo)], check=True, cwd=ROOT, capture_output=True
    )
    for onedir in (False, True):
        kind = "one folder" if onedir else "one file"
        app = build(hello=False, onedir=onedir)
        hello = build(hello=True, onedir=onedir)
        app_size, hello_size = size(app), size(hello)
        app_time, hello_time = start_up(app, str(demo)), start_up(hello)
        print(
            f"{kind}: size  {app_size / 1e6:6.1f} MB vs hello world {hello_size / 1e6:6.1f} MB"
            f"  ratio {app_size / hello_size:.2f}×"
        )
        print(
            f"{kind}: start {app_time:6.2f} s  vs hello world {hello_time:6.2f} s   ratio "
            f"{app_time / hello_time:.2f}×   (aim ≤ 1.3× for both)"
        )
        shutil.rmtree(app.parent if not onedir else app.parent.parent, ignore_errors=True)
        shutil.rmtree(hello.parent if not onedir else hello.parent.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
