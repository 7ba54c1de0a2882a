"""The new-quarter screenshots: the Start Quarter 2 prompt over the window, and the window
after carrying forward (carried judgements in the tree, last period beside this one).

Run with:  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot_new_quarter.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
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
    window.period_box.setCurrentIndex(window.period_box.findText("Quarter 2 2009/10"))

    def shoot_prompt() -> None:
        dialog = app.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(100, shoot_prompt)
            return
        QTest.qWait(300)
        screen = app.primaryScreen()
        screen.grabWindow(0).save(str(OUT / "new-quarter.png"))
        print(OUT / "new-quarter.png")
        dialog.carry_button.click()  # type: ignore[attr-defined]

    QTimer.singleShot(100, shoot_prompt)
    window.new_quarter.offer_button.click()
    model = window.model
    target = next(
        i for i in model.item_ids() if model.row_for(i).title.startswith("Audit, and gap")
    )
    window.tree.select_item(window.proxy.mapFromSource(model.index_for(target)))
    QTest.qWait(300)
    window.grab().save(str(OUT / "new-quarter-carried.png"))
    print(OUT / "new-quarter-carried.png")
    window.close()


if __name__ == "__main__":
    main()
