"""Where a start spends its time before the first paint (issue 19): starts a command several
times with ``PT_TRACE_START`` set (app/start_trace.py) and prints the median of each mark,
in milliseconds from process start, beside the moment its "window shown" line arrived.

    .venv/bin/python bench/trace_start.py [--runs N] COMMAND [ARG…]

for example ``… bench/trace_start.py dist/ProgrammeTracker/ProgrammeTracker --smoke
demo.ptdb`` for a build, or ``… bench/trace_start.py .venv/bin/python -m app --smoke
demo.ptdb`` for a checkout. A command with no marks (the hello world) gives its "window shown"
alone. The window is offscreen (QT_QPA_PLATFORM=offscreen), as in bench_package.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from collections import defaultdict


def start_once(command: list[str]) -> dict[str, float]:
    """One start's marks, milliseconds from process start, in the order they came."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PT_TRACE_START"] = repr(started := time.time())
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    marks: dict[str, float] = {}
    for line in process.stdout:
        if line.startswith("window shown") and "(stdout) window shown" not in marks:
            marks["(stdout) window shown"] = (time.time() - started) * 1000
    _, errors = process.communicate(timeout=120)
    for line in errors.splitlines():
        if line.startswith("start-trace: "):
            since, what = line[len("start-trace: ") :].strip().split(" ", 1)
            marks.setdefault(what, float(since))
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} ended with status {process.returncode}")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    start_once(args.command)  # warm the file cache
    seen: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.runs):
        for what, since in start_once(args.command).items():
            seen[what].append(since)
    one, five, _ = os.getloadavg()
    print(f"median of {args.runs}, load {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} CPUs")
    for what, times in sorted(seen.items(), key=lambda kv: statistics.median(kv[1])):
        print(f"{statistics.median(times):8.1f} ms  {what}")


if __name__ == "__main__":
    main()
