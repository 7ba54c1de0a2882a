"""Start the Qt application: open the file named on the command line, or the demo file."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.database import Database
from app.errors import TrackerError

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def default_demo_path() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "demo.ptdb"


def open_or_create_demo(path: Path | None) -> Database:
    if path is not None:
        return Database.open(path)
    demo = default_demo_path()
    if not demo.exists():
        from app.demo import write_demo

        write_demo(demo).close()
    return Database.open(demo)


def run_gui(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("Programme Tracker")
    app.setOrganizationName("Programme Tracker")
    app.setWindowIcon(QIcon(str(RESOURCES / "icon.svg")))
    from ui.main_window import MainWindow

    path = Path(argv[0]) if argv else None
    try:
        db = open_or_create_demo(path)
    except TrackerError as error:
        QMessageBox.critical(None, "Programme Tracker", str(error))
        return 2
    window = MainWindow(db)
    if not window.settings.contains("window/geometry"):
        window.resize(1366, 768)
    window.show()
    code = app.exec()
    # Delete the window while Qt is still whole: PySide6 can crash if the interpreter's
    # shutdown is left to tear down a live window.
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code
