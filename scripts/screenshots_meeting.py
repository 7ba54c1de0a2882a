"""Take the README's screenshot of meeting mode on the demo file, under Xvfb at 1366×768.

Run with:  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots_meeting.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    app = QApplication(sys.argv[:1])
    from app.demo import write_demo
    from app.store.database import Database
    from ui.shell.main_window import MainWindow

    folder = Path(tempfile.mkdtemp())
    path = folder / "demo.ptdb"
    write_demo(path).close()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Database.open(path), settings=settings)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.menus.meeting_action.trigger()
    window.filters.judgement.setCurrentIndex(window.filters.judgement.findData("▲"))
    window.menus.next_unjudged_action.trigger()  # none shown: says so in the status bar
    first = window.proxy.index(0, 0)
    window.tree.select_item(window.proxy.index(0, 0, window.proxy.index(0, 0, first)))
    QTest.qWait(200)
    app.processEvents()
    window.grab().save(str(OUT / "meeting-mode.png"))
    print(OUT / "meeting-mode.png")
    window.close()


if __name__ == "__main__":
    main()
