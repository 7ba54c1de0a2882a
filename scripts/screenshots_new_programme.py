"""Take the screenshots of a new council's first steps: the window on a file with no
programme, and the New Programme dialog filled in. Under Xvfb at 1366×768:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots_new_programme.py
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
    qt_app = QApplication(sys.argv[:1])
    from app.store.database import Database
    from ui.dialogs.new_programme import NewProgrammeDialog
    from ui.shell.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Database.create(folder / "Anytown.ptdb"), settings=settings)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)
    QTest.qWait(200)
    window.grab().save(str(OUT / "empty-file.png"))
    print(OUT / "empty-file.png")

    assert window.commands is not None
    dialog = NewProgrammeDialog(window.commands.reads, window.commands.programmes, window)
    dialog.name.setText("Community Safety Plan 2026/27")
    dialog.organisation.setText("Anytown Borough Council")
    dialog.levels.preset.setCurrentIndex(1)  # Theme › Activity
    dialog.periods.year.setValue(2026)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)

    def shoot() -> None:
        dialog.grab().save(str(OUT / "new-programme.png"))
        print(OUT / "new-programme.png")
        dialog.reject()

    QTimer.singleShot(300, shoot)
    dialog.exec()
    window.close()
    qt_app.processEvents()


if __name__ == "__main__":
    main()
