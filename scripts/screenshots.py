"""Take the README's screenshots of the real window on the demo file, under Xvfb at 1366×768.

Run with:  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
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
    from app.database import Database
    from app.demo import write_demo
    from ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    path = folder / "demo.ptdb"
    write_demo(path).close()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Database.open(path), settings=settings)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)

    def shoot(name: str) -> None:
        QTest.qWait(200)
        app.processEvents()
        window.grab().save(str(OUT / name))
        print(OUT / name)

    model = window.model
    target = next(
        i
        for i in model.item_ids()
        if model.row_for(i).title.startswith("Establish common approach")
    )
    leaf = model.children_of(target)[0]
    window.tree.select_item(window.proxy.mapFromSource(model.index_for(leaf)))
    shoot("main-window.png")
    window.filter_judgement.setCurrentIndex(window.filter_judgement.findData("▲"))
    shoot("main-window-filtered.png")
    window.clear_filter()
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.controller, window)
    dialog.tabs.setCurrentIndex(2)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    QTest.qWait(200)
    dialog.grab().save(str(OUT / "settings-symbols.png"))
    print(OUT / "settings-symbols.png")
    dialog.close()
    window.show_indicators()
    window.indicators.select_indicator("NI 52i")
    shoot("indicators.png")
    window.tabs.setCurrentIndex(0)
    window.programme_box.setCurrentIndex(
        window.programme_box.findText("Cabinet Workplan 2004-05: Corporate Services Directorate")
    )
    window.tree.expandAll()
    think = next(i for i in model.item_ids() if model.row_for(i).title == "THINK CUSTOMER")
    window.tree.select_item(window.proxy.mapFromSource(model.index_for(think)))
    shoot("main-window-salford.png")
    window.close()


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # PySide6 may crash tearing down Qt at interpreter exit after a script run
