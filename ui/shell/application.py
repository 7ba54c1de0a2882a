"""Start the Qt application: the file named on the command line, the last file used, the demo,
or, the very first time, a welcome that offers to create a file or open the demo.

The window comes first, in two stages. Its frame (ui/shell/frame.py) is shown, with the
file's name in its title, the menus and choosers, and "Opening …" where the tree will be,
after importing only Qt and three light modules of the shell. Once it has painted
(``FirstPaint``), ``finish_window`` makes it the whole main window (the tree, panes and the
menus' commands), then SQLAlchemy, the services and the file itself are read
(``open_first_file``) and the tree fills in. The reports, python-docx, openpyxl and the KPI
chart are imported only when first used. docs/ARCHITECTURE.md ("Start-up") has what each
import costs; ``PT_TRACE_START`` (app/start_trace.py) times each step.

Errors that reach the top level are written to a log in the user's data folder and shown in
a dialog naming that log, never swallowed.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from app.core.errors import TrackerError
from app.start_trace import mark
from app.store.filecheck import APP_VERSION
from app.store.locations import describe_server, is_server_url
from ui.shell.first_paint import FirstPaint

if TYPE_CHECKING:
    from app.store.database import Database
    from ui.shell.frame import WindowFrame
    from ui.shell.main_window import MainWindow

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
APP_NAME = "Programme Tracker"


def data_folder() -> Path:
    from PySide6.QtCore import QStandardPaths

    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_demo_path() -> Path:
    return data_folder() / "demo.ptdb"


def log_path() -> Path:
    return data_folder() / "programme-tracker.log"


def open_demo(user: str | None = None) -> Database:
    from app.store.database import Database

    demo = default_demo_path()
    if not demo.exists():
        from app.demo import write_demo

        write_demo(demo).close()
    return Database.open(demo, user=user)


def _write_log(text: str) -> Path:
    import datetime as dt

    path = log_path()
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {stamp} Programme Tracker {APP_VERSION}\n{text}\n")
    return path


def install_error_handler() -> None:
    """Unexpected errors: logged, then shown; the application keeps running if it can."""

    def handle(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        text = "".join(traceback.format_exception(kind, error, trace))
        try:
            where = _write_log(text)
        except OSError:
            where = None
        sys.stderr.write(text)
        if QApplication.instance() is not None:
            from PySide6.QtWidgets import QMessageBox

            message = (
                str(error)
                if isinstance(error, TrackerError)
                else (f"Something went wrong: {error}.")
            )
            if where is not None:
                message += f"\n\nThe details are in {where}."
            QMessageBox.critical(None, APP_NAME, message)

    sys.excepthook = handle


def last_file(settings: QSettings) -> str | None:
    """The most recent file used that is still there, or the server programme last used."""
    recent = settings.value("recentFiles") or []
    recent = [recent] if isinstance(recent, str) else list(recent)
    return next((str(path) for path in recent if is_server_url(path) or Path(path).exists()), None)


def open_location(location: str, user: str | None) -> Database:
    """A file, or a server programme with the password this computer's keyring keeps for it
    (forgotten when the server refuses it: File ▸ Open Server… then asks)."""
    from app.store.database import Database

    if not is_server_url(location):
        return Database.open(location, user=user)
    from app.core.errors import LoginRefusedError
    from app.store import credentials

    url, kept = credentials.with_kept_password(location)
    try:
        return Database.open(url, user=user)
    except LoginRefusedError:
        if kept:
            credentials.forget(url)
        raise


def choose_first_file(
    settings: QSettings,
    parent: QWidget | None = None,
    before_welcome: Callable[[], None] | None = None,
) -> Database | None:
    """The last file used if it is still there (or the server programme last used); else ask
    (New, Open, Demo, Quit)."""
    from PySide6.QtWidgets import QMessageBox

    from app.store.database import Database
    from ui.shell.identity import user_name
    from ui.shell.welcome import Welcome

    user = user_name(settings)
    last = last_file(settings)
    if last is not None:
        try:
            return open_location(last, user)
        except TrackerError as error:
            QMessageBox.warning(parent, APP_NAME, str(error))
    if before_welcome is not None:
        before_welcome()
    from PySide6.QtWidgets import QFileDialog

    from ui.shell.files import FILE_FILTER, OPEN_FILTER

    welcome = Welcome(parent)
    welcome.exec()
    clicked = welcome.clickedButton()
    try:
        if clicked is welcome.demo_button:
            return open_demo(user)
        if clicked is welcome.open_button:
            path, _ = QFileDialog.getOpenFileName(parent, "Open programme file", "", OPEN_FILTER)
            return Database.open(path, user=user) if path else None
        if clicked is welcome.new_button:
            path, _ = QFileDialog.getSaveFileName(parent, "New programme file", "", FILE_FILTER)
            if not path:
                return None
            target = Path(path) if path.endswith(".ptdb") else Path(path + ".ptdb")
            return Database.create(target, overwrite=target.exists(), user=user)
    except TrackerError as error:
        QMessageBox.critical(parent, APP_NAME, str(error))
    return None


def finish_window(frame: WindowFrame) -> MainWindow:
    """The second stage: the frame becomes the main window, built around what it shows.

    The frame's class is changed to ``MainWindow`` (Python allows ``__class__`` to be set to
    a subclass that adds no slots; PySide6 looks a virtual's Python override up on the
    object's class when it is called, so ``closeEvent`` and the drop events are the main
    window's from then on: tests/test_start_up.py checks both), and ``MainWindow.finish``
    builds the rest. Nothing is painted in between, so the user sees no change but the
    menus' commands; the file being opened is still named."""
    from ui.shell.main_window import MainWindow  # (this module's slow import: not before)

    opening = frame.opening
    frame.__class__ = MainWindow
    window: MainWindow = frame  # type: ignore[assignment]  # (it is one now)
    window.finish()
    if opening is not None:
        window.show_opening(opening)
    return window


def run_gui(argv: list[str]) -> int:
    """``[FILE]`` opens a file; ``--demo`` the demo; ``--smoke`` shows the window and exits
    (the packaging smoke test and start-up benchmark use it). With ``--smoke`` the window's
    first paint prints "window shown: <title>", and the file read "file read: <title> (<n>
    top-level items)"."""
    smoke = "--smoke" in argv
    demo = "--demo" in argv
    args = [a for a in argv if a not in ("--smoke", "--demo")]
    app = cast(QApplication, QApplication.instance() or QApplication([sys.argv[0], *args]))
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(APP_VERSION)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(QIcon(str(RESOURCES / "icon.svg")))
    install_error_handler()
    mark("QApplication made")
    from ui.shell.frame import WindowFrame

    settings = QSettings()
    frame = WindowFrame(settings)  # the window's first stage: ui/shell/frame.py
    mark("window frame built")
    if not settings.contains("window/geometry"):
        frame.resize(1366, 768)
    target = args[0] if args else str(default_demo_path()) if demo else last_file(settings)
    if target is not None:
        frame.show_opening(describe_server(target) if is_server_url(target) else Path(target).name)
    else:
        frame.show_opening(None)  # no file (the welcome comes once the window is finished)
    frame.show()
    mark("window show() returned")

    def shown() -> None:
        mark("window painted")
        if smoke:
            print(f"window shown: {frame.windowTitle()}", flush=True)
        finished = finish_window(frame)  # the same window: the tree, panes, menus' commands
        mark("main window finished")
        try:
            code = open_first_file(finished, settings, args, demo=demo, smoke=smoke)
        except BaseException:  # logged and shown by the error handler; the window stays
            finished.show_opening(None)  # usable, saying no file is open
            raise
        if code is not None:
            app.exit(code)

    FirstPaint(frame, shown, trace="first paint event")
    code = app.exec()
    # Delete the window while Qt is still whole: PySide6 can crash if the interpreter's
    # shutdown is left to tear down a live window.
    frame.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code


def open_first_file(
    window: MainWindow, settings: QSettings, args: list[str], *, demo: bool, smoke: bool
) -> int | None:
    """Open the file the window was started for and show it; the first import of SQLAlchemy
    and the services happens here, with the window already on screen. Returns the status to
    end the program with, if it should end: 2 when the file cannot be opened (as before the
    window came first), 0 when the welcome is left without a file."""
    from PySide6.QtWidgets import QMessageBox  # (these: not before the first paint)

    from ui.shell.identity import user_name

    db: Database | None
    try:
        if args:
            db = open_location(args[0], user_name(settings))
        elif demo:
            db = open_demo(user_name(settings))
        else:
            db = choose_first_file(settings, window, lambda: window.show_opening(None))
    except TrackerError as error:
        if smoke:
            print(f"smoke: {error}", file=sys.stderr)
        else:
            if sys.stderr is not None:  # the terminal hears of it too, not only the dialog
                print(f"programme-tracker: {error}", file=sys.stderr)
            QMessageBox.critical(window, APP_NAME, str(error))
        window.show_opening(None)
        return 2
    if db is None:  # the welcome's Quit, or a file dialog cancelled
        return 0
    window.attach(db)
    mark("file read")
    if smoke:
        print(
            f"file read: {window.windowTitle()} ({window.model.rowCount()} top-level items)",
            flush=True,
        )
        window.close()
    else:
        QTimer.singleShot(0, window.you.ask_once)  # the first launch: who is this?
    return None
