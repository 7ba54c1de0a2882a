"""Start-up timestamps on stderr, for finding what a start spends before the window's first
paint, in a checkout or inside a built executable (issue 19), where ``-X importtime`` is
awkward to pass. Off unless ``PT_TRACE_START`` is set, to the wall-clock time (seconds since
the epoch, as ``time.time()`` gives it) at which the caller started the process; each mark
then writes ``start-trace: <ms since then> <what>``. ``bench/trace_start.py`` sets it and
takes the median of each mark over several starts.

Standard library only, and nothing at all when the switch is off: it is imported first.
"""

from __future__ import annotations

import os
import sys
import time

_ORIGIN = os.environ.get("PT_TRACE_START")


def mark(what: str) -> None:
    """Write the time since the process was started, when asked to (else do nothing)."""
    if _ORIGIN is None or sys.stderr is None:
        return
    try:
        since = (time.time() - float(_ORIGIN)) * 1000
    except ValueError:
        return
    sys.stderr.write(f"start-trace: {since:8.1f} {what}\n")
    sys.stderr.flush()
