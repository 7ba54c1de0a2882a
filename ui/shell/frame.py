"""The main window's first stage: what is on screen before anything heavy is imported.

Issue 19 asks for the packaged application's window within 1.3× the time a hello-world window
takes. A one-folder hello world paints in about 90 ms; importing the whole window (the tree,
its model and delegates, the menus' commands, the panes' launchers) and building it took
another 50–60. So the window is built in two stages, and the user sees the same window
throughout, not a splash screen:

1. :class:`WindowFrame`, shown at once: the title naming the file, the menu bar's menus, the
   programme and period choosers, "Opening “name”…" where the tree will be, and the status
   bar. It imports Qt's widget classes and two light modules of the shell, and not Qt's
   ``Qt`` namespace either (its enums cost 11 ms when first touched).
2. Once it has painted, ``finish_window`` (ui/shell/application.py) imports
   ``ui.shell.main_window`` and makes this same window a ``MainWindow``: the tree, panes,
   bars and the menus' commands are built into it (``MainWindow.finish``), then the file is
   read.

``MainWindow`` subclasses ``WindowFrame``, and ``MainWindow(...)`` builds both stages at once,
as tests and a new window do.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from ui.shell.choosers import Choosers
from ui.shell.empty_state import EmptyFilePanel

APP_NAME = "Programme Tracker"
# The menu bar, in order; ui/shell/menus.py fills these same menus with their commands.
MENU_TITLES = ("&File", "&Edit", "&View", "Indi&cators", "&Programme", "&Help")


class WindowFrame(QMainWindow):
    """The window as it first appears: everything but the tree and what acts on a file."""

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.opening: str | None = None  # the file being opened, while it is read
        self.setObjectName("mainWindow")
        for title in MENU_TITLES:
            self.menuBar().addMenu(title)
        central = QWidget()
        self.central_layout = QVBoxLayout(central)  # the finished window adds its bars here
        self.central_layout.setContentsMargins(4, 4, 4, 0)
        self.empty = EmptyFilePanel()
        self.central_layout.addWidget(self.empty, 1)
        self.setCentralWidget(central)
        self.choosers = Choosers()
        self.addToolBar(self.choosers)
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):  # where and how big it was left
            self.restoreGeometry(geometry)
        # What it shows is said by show_opening, or by the main window's first state: the
        # empty panel's first appearance is what gives its first button the focus.

    def show_opening(self, name: str | None) -> None:
        """The state between the window's first paint and its first file read: the file's
        name in the title and in place of the tree (None: back to no file)."""
        self.opening = name
        if name is None:
            self.statusBar().clearMessage()
            self.update_state()
            return
        self.setWindowTitle(f"{name} – {APP_NAME}")
        self.empty.show_opening(name)
        self.statusBar().showMessage(f"Opening {name}…")

    def update_state(self) -> None:
        """What the window shows for its file; the frame has none (MainWindow has its own)."""
        self.setWindowTitle(f"No file open – {APP_NAME}")
        self.empty.show_for(None, False)
