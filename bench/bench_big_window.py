"""Issue 19's figures for a big programme in the window: a generated programme of 50,000
actions opened, filtered as the user types, scrolled and judged, and the window's resident
memory with it and with the demo (each in a process of its own, so one's memory is not the
other's).

Aims: open ≤ 1.5 s, find-as-you-type ≤ 100 ms a key, keypress → on disk ≤ 15 ms, resident
memory with 50,000 actions ≤ 300 MB.

Run:  scripts/bench   (or BENCH_BIG_ACTIONS=10000 for a quicker look)
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from window_timing import open_in_shown_window  # noqa: E402

ACTIONS = int(os.environ.get("BENCH_BIG_ACTIONS", "50000"))
RUNS = 7
PRESSES = 100


def resident_mb() -> float:
    """This process's resident memory now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def make(path: Path) -> None:
    from app.demo.synthetic import synthetic_spec
    from app.interchange.programme_json import import_programme
    from app.store.database import Database

    with Database.create(path) as db:
        import_programme(db, synthetic_spec(ACTIONS))


def shown(app, window) -> None:
    app.processEvents()
    window.tree.viewport().repaint()


def open_window(app, path: Path, settings_file: Path):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    return open_in_shown_window(app, path, settings)


def measure(path: Path) -> None:
    """In the child: open, type, scroll, judge; print the figures."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    opens: list[float] = []
    wholes: list[float] = []
    window = None
    for run in range(RUNS):
        if window is not None:
            window.close()
            window.deleteLater()
            app.processEvents()
        window, took, whole = open_window(app, path, folder / f"settings{run}.ini")
        opens.append(took)
        wholes.append(whole)
    assert window is not None
    memory = resident_mb()
    items = len(window.model.item_ids())

    # Find as you type: each key until the filtered tree is painted, from a moment after the
    # tree appeared (the time a person takes to reach the find box, when the window settles:
    # ui/shell/memory.py).
    QTest.qWait(400)
    typed = []
    window.filters.focus()
    for char in f"Action {ACTIONS - 1}":
        started = time.perf_counter()
        QTest.keyClicks(window.filters.text, char)
        shown(app, window)
        typed.append(time.perf_counter() - started)
    print("each key (ms):", [round(t * 1000) for t in typed])
    found = window.proxy.rowCount()
    deleting = []
    for _ in range(3):
        started = time.perf_counter()
        QTest.keyClick(window.filters.text, Qt.Key.Key_Backspace)
        shown(app, window)
        deleting.append(time.perf_counter() - started)
    window.filters.clear()
    shown(app, window)

    # Scroll: Page Down through the tree with everything unfolded.
    window.tree.expandAll()
    shown(app, window)
    window.tree.setFocus()
    pages = []
    for _ in range(30):
        started = time.perf_counter()
        QTest.keyClick(window.tree, Qt.Key.Key_PageDown)
        shown(app, window)
        pages.append(time.perf_counter() - started)

    # Judge: alternate two symbols on one action so that every press writes.
    leaf = next(i for i in reversed(window.model.item_ids()) if not window.model.children_of(i))
    window.tree.select_item(window.proxy.mapFromSource(window.model.index_for(leaf)))
    window.tree.setFocus()
    check = sqlite3.connect(path)
    presses = []
    for n in range(PRESSES):
        key, glyph = (Qt.Key.Key_B, "▲") if n % 2 == 0 else (Qt.Key.Key_O, "●")
        started = time.perf_counter()
        QTest.keyClick(window.tree, key)
        presses.append(time.perf_counter() - started)
        on_disk = check.execute(
            "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
            "JOIN item i ON i.id = j.item_id WHERE j.item_id = ? "
            "ORDER BY j.period_id DESC LIMIT 1",
            (leaf,),
        ).fetchone()
        assert on_disk == (glyph,), (n, on_disk)
    check.close()

    def ms(values: list[float]) -> str:
        return (
            f"median {statistics.median(values) * 1000:6.1f} ms, worst {max(values) * 1000:6.1f} ms"
        )

    print(f"items in the tree:            {items:,}")
    print(f"open to tree shown:           {ms(opens)}   (aim ≤ 1,500 ms)")
    print(f"open to whole tree and panes: {ms(wholes)}")
    print(f"find as you type, a key:      {ms(typed)}   (aim ≤ 100 ms; {found} shown)")
    print(f"  deleting a character:       {ms(deleting)}")
    print(f"Page Down, all unfolded:      {ms(pages)}")
    print(f"judgement keypress → on disk: {ms(presses)}   (aim ≤ 15 ms)")
    print(f"resident memory, window open: {memory:6.0f} MB   (aim ≤ 300 MB)")


def demo_memory() -> None:
    """In the child: the window on the embedded demo, and its resident memory."""
    from PySide6.QtWidgets import QApplication

    from app.demo import write_demo

    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    write_demo(folder / "demo.ptdb").close()
    open_window(app, folder / "demo.ptdb", folder / "settings.ini")
    print(f"resident memory, the demo:    {resident_mb():6.0f} MB")


def main() -> None:
    if len(sys.argv) == 2 and sys.argv[1] == "demo":
        demo_memory()
    elif len(sys.argv) == 2:
        measure(Path(sys.argv[1]))
    else:
        path = Path(tempfile.mkdtemp()) / "big.ptdb"
        started = time.perf_counter()
        make(path)
        print(
            f"{ACTIONS:,} actions generated in {time.perf_counter() - started:.0f} s, "
            f"load {os.getloadavg()[0]:.1f}"
        )
        subprocess.run([sys.executable, __file__, str(path)], check=True)
        subprocess.run([sys.executable, __file__, "demo"], check=True)
    sys.stdout.flush()
    os._exit(0)  # PySide6 can crash tearing Qt objects down at exit; the figures are out


if __name__ == "__main__":
    main()
