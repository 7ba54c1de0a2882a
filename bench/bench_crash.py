"""Issue 12's crash figures: a writer editing through the services is SIGKILLed at random
moments (half of them while a commit is being written), and after every kill the file is opened
as the application opens it: read-write, no message but the recovered-journal note, integrity
ok, every edit the writer reported present with its change-log row. The suite runs the same
loop 25 times (tests/test_crash_safety.py); this runs it 500 times and prints the counts.

Run:  scripts/bench   (or  .venv/bin/python bench/bench_crash.py [KILLS])
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from file_faults import run_kills  # noqa: E402

KILLS = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_KILLS", "500"))


def main() -> None:
    started = time.perf_counter()
    counts, seed = run_kills(KILLS)
    elapsed = time.perf_counter() - started
    print(f"seed {seed}: {counts.kills} SIGKILLs in {elapsed:.0f} s")
    print(f"  hot journals left by a kill, rolled back on the next open: {counts.hot_journals}")
    print(f"  opens that showed the recovered-journal note:               {counts.recovered_notes}")
    print(
        "  opens refused or read-only:                                 0 (any would stop the run)"
    )
    print(f"  edits reported committed by the writers:                   {len(counts.reported)}")
    print(f"  edits in the file (each with its change-log row):          {len(counts.present)}")
    print(
        f"  reported edits lost:                                       "
        f"{len(counts.reported - set(counts.present))}"
    )


if __name__ == "__main__":
    main()
