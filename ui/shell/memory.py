"""The garbage collector told what the window holds for long.

Python's collector looks for reference cycles by walking every object it tracks, and with a
50,000-action programme open that is a few hundred thousand rows, strings and Qt wrappers: each
full pass took about 100 ms, and one came every second or third key typed in the find box.
Once a tree has been read, what it holds lives until the next read, so it is frozen (left
out of the passes) after one collection, and unfrozen again first next time so that the
last file's or period's cyclic garbage is still collected.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

# Below this many rows in the tree a full pass is quick enough not to be felt.
SETTLE_FROM = 5_000
# After the tree has been painted: a zero-time timer is a posted event in Qt 6 and could run
# before the paint that the user is waiting for.
SETTLE_AFTER_MS = 250


def settle_after_paint(owner: QObject, rows: int) -> None:
    """Collect once and freeze what is alive, from the event loop once what was asked for has
    been painted (the pass itself takes as long as one natural full pass)."""
    if rows >= SETTLE_FROM:
        QTimer.singleShot(SETTLE_AFTER_MS, owner, _settle)


def _settle() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()
