"""Issues 6 and 19: the built executable against a hello-world PySide6 window built with the
same spec (PT_HELLO=1), in one run: file size; start-up to first window shown (process start
until `--smoke` prints "window shown", which both print once their window has been painted);
and, for the application, until the file has been read and the tree filled ("file read")
and the program has exited. Median of 7 (RUNS) after one run to warm the file cache; the
starts of the two alternate, so a change in the machine's load falls on both.

Run:  scripts/bench, or .venv/bin/python bench/bench_package.py once PyInstaller is installed
(`scripts/setup --build`); it builds four executables, about three minutes.
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
RUNS = int(os.environ.get("PT_BENCH_RUNS", "7"))


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


def build_root(executable: Path, onedir: bool) -> Path:
    """The temporary folder holding a build's dist and work folders."""
    return executable.parents[2] if onedir else executable.parents[1]


def size(path: Path) -> int:
    if path.parent.name == path.name:  # a one-folder build: the whole folder
        return sum(f.stat().st_size for f in path.parent.rglob("*") if f.is_file())
    return path.stat().st_size


def start_once(executable: Path, *args: str) -> tuple[float, float]:
    """Seconds from process start to "window shown", and to the process's exit."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(executable), "--smoke", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    shown = None
    for line in process.stdout:
        if shown is None and line.startswith("window shown"):
            shown = time.perf_counter() - started
    code = process.wait(timeout=120)
    ended = time.perf_counter() - started
    if code != 0 or shown is None:
        raise SystemExit(f"{executable} --smoke {' '.join(args)} failed (status {code})")
    return shown, ended


def start_up(app: Path, hello: Path, demo: Path) -> dict[str, list[float]]:
    """Each executable's start-up times, the two started in turn."""
    start_once(app, str(demo))  # warm the file cache
    start_once(hello)
    times: dict[str, list[float]] = {"app shown": [], "app ended": [], "hello shown": []}
    for _ in range(RUNS):
        shown, ended = start_once(app, str(demo))
        times["app shown"].append(shown)
        times["app ended"].append(ended)
        times["hello shown"].append(start_once(hello)[0])
    return times


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} CPUs"


def main() -> None:
    if not (ROOT / ".venv" / "bin" / "pyinstaller").exists():
        raise SystemExit(
            "PyInstaller is not installed: run scripts/bench package, which sets it up "
            "(or scripts/setup --build), then this again."
        )
    demo = Path(tempfile.mkdtemp()) / "demo.ptdb"
    subprocess.run(
        [sys.executable, "-m", "app", "demo", str(demo)], check=True, cwd=ROOT, capture_output=True
    )
    for onedir in (False, True):
        kind = "one folder" if onedir else "one file"
        app = build(hello=False, onedir=onedir)
        hello = build(hello=True, onedir=onedir)
        app_size, hello_size = size(app), size(hello)
        before = load()
        times = start_up(app, hello, demo)
        shown, hello_shown = (statistics.median(times[k]) for k in ("app shown", "hello shown"))
        ended = statistics.median(times["app ended"])
        print(
            f"{kind}: size  {app_size / 1e6:6.1f} MB vs hello world {hello_size / 1e6:6.1f} MB"
            f"  ratio {app_size / hello_size:.2f}×"
        )
        print(
            f"{kind}: first window shown {shown:6.3f} s vs hello world {hello_shown:6.3f} s"
            f"   ratio {shown / hello_shown:.2f}×   (aim ≤ 1.3×; median of {RUNS})"
        )
        print(f"{kind}: file read, tree filled and exited {ended:6.3f} s")
        print(f"{kind}: {before} before, {load()} after")
        for executable in (app, hello):  # the build's folder, with PyInstaller's work files
            shutil.rmtree(build_root(executable, onedir), ignore_errors=True)
    shutil.rmtree(demo.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
