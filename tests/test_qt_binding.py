"""The Qt binding must keep Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` on every call of a method that
returns nothing (``setText``, ``processEvents``, ``QTimer.singleShot`` …). ``None`` is not
immortal before Python 3.12, so a long meeting's worth of edits would end in "Fatal Python
error: none_dealloc" and the window would vanish. This test failed on 6.12.0 (-1 per call)
and is why PySide6 is pinned to 6.11.3.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_calls_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    app = QApplication.instance()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("on track")
        label.setToolTip("")
        app.processEvents()
    gc.collect()
    lost = before - sys.getrefcount(None)
    assert lost < 100, f"{lost} references to None lost in 1,000 rounds of void calls"
