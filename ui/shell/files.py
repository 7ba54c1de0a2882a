"""The File menu's own work: open, new, save a copy, take over editing, recent files.

A file is opened (and checked, and locked) *before* the one on screen is closed, so a file
that cannot be opened leaves the window as it was, with a message saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QStatusBar, QWidget

from app.core.errors import TrackerError
from app.store.filecheck import FILE_SUFFIX, PACK_SUFFIX
from app.store.locations import describe_server, is_server_url
from ui.dialogs.modal import run_modal
from ui.shell.file_notices import confirm_take_over
from ui.shell.identity import user_name

if TYPE_CHECKING:
    from app.store.database import Database

APP_NAME = "Programme Tracker"
MAX_RECENT = 8
FILE_FILTER = f"Programme Tracker files (*{FILE_SUFFIX});;All files (*)"
OPEN_FILTER = (
    f"Programme files and update packs (*{FILE_SUFFIX} *{PACK_SUFFIX});;"
    f"Update packs (*{PACK_SUFFIX});;All files (*)"
)


def window_title(db: Database | None, in_pack: bool) -> str:
    """The file's name (or the server database and its host), and whether it is read-only or
    an update pack."""
    name = "No file open" if db is None else db.path.name if db.path is not None else db.name
    suffix = " (read-only)" if db is not None and db.read_only else ""
    if in_pack and not suffix:
        suffix = " (update pack)"
    return f"{name}{suffix} – {APP_NAME}"


class Host(Protocol):
    """What the file actions need of the window."""

    db: Database | None
    settings: QSettings
    modal: QDialog | None

    def attach(self, db: Database) -> None: ...

    def close_file(self) -> None: ...

    def commit_pending(self) -> None: ...

    def statusBar(self) -> QStatusBar: ...


class FileActions:
    def __init__(self, host: Host, parent: QWidget) -> None:
        self.host = host
        self.parent = parent

    def _open(self, opener: Callable[[], Database]) -> Database | None:
        """The opened file, or None after a message naming what is wrong."""
        try:
            return opener()
        except TrackerError as error:
            QMessageBox.warning(self.parent, APP_NAME, str(error))
            return None

    def open_path(self, path: Path | str) -> bool:
        db_now = self.host.db
        if (
            db_now is not None
            and db_now.path is not None
            and not is_server_url(path)
            and Path(path).resolve() == db_now.path.resolve()
        ):
            # Opening it again would find our own lock, open it read-only and then close the
            # copy that holds the lock: the window would lose editing of its own file.
            self.host.statusBar().showMessage(f"{db_now.path.name} is already open.", 8000)
            return True
        if is_server_url(path):
            return self.open_server_url(str(path))
        from app.store.database import Database  # SQLAlchemy: after the window is up

        db = self._open(lambda: Database.open(path, user=user_name(self.host.settings)))
        if db is None:
            return False
        self.host.close_file()
        self.host.attach(db)
        return True

    def open_server_url(self, url: str, typed: str = "", remember: bool | None = None) -> bool:
        """A server programme, with the password the keyring keeps for it when none was
        typed; a password the server refuses is forgotten and asked for (File ▸ Open
        Server…), and a typed one kept, when asked, only once the server has taken it;
        ``remember`` None: not asked (Open Recent, start-up), so the keyring is left as it is."""
        from app.core.errors import LoginRefusedError
        from app.store import credentials
        from app.store.database import Database  # SQLAlchemy: after the window is up

        url, from_keyring = credentials.with_kept_password(url)
        try:
            db = Database.open(url, user=user_name(self.host.settings))
        except LoginRefusedError as error:
            problem = str(error)
            if from_keyring:
                credentials.forget(url)
                problem = (
                    f"{problem} The password kept in this computer's keyring has been "
                    "forgotten: type it again."
                )
            return self.open_server(problem)
        except TrackerError as error:
            QMessageBox.warning(self.parent, APP_NAME, str(error))
            return False
        if remember and typed:
            kept = credentials.remember(url, typed)
            if kept is not None:
                QMessageBox.information(self.parent, APP_NAME, kept)
        elif remember is False:
            credentials.forget(url)  # the box left unticked: nothing kept for these details
        self.host.close_file()
        self.host.attach(db)
        return True

    def take_over(self) -> None:
        """Edit a file whose lock names another computer, after the user has been warned."""
        db_now = self.host.db
        if db_now is None or db_now.lock_holder is None:
            return
        holder, path = db_now.lock_holder, db_now.path
        if path is None or not confirm_take_over(self.parent, db_now, holder):
            return
        from app.store.database import Database

        self.host.close_file()
        db = self._open(
            lambda: Database.open(path, take_over=holder, user=user_name(self.host.settings))
        )
        if db is None:
            return
        self.host.attach(db)
        if not db.read_only:
            self.host.statusBar().showMessage(f"You are now editing {path.name}.", 10000)

    def open_server(self, problem: str = "") -> bool:
        """File ▸ Open Server…: a programme on the council's PostgreSQL server; ``problem``
        says why it is asked again (its password was refused)."""
        from ui.dialogs.open_server import OpenServerDialog

        dialog = OpenServerDialog(self.host.settings, self.parent, problem=problem)
        if not run_modal(self.host, dialog) or dialog.url is None:
            return False
        return self.open_server_url(dialog.url, dialog.typed, dialog.keep)

    def copy_to_server(self) -> None:
        """File ▸ Copy to Server…: this file's programmes into an empty server database."""
        from app.store.transfer import copy_programme
        from ui.dialogs.open_server import OpenServerDialog

        db = self.host.db
        if db is None:
            return
        dialog = OpenServerDialog(self.host.settings, self.parent, copying=True)
        if not run_modal(self.host, dialog) or dialog.url is None:
            return
        try:
            copy_programme(db, dialog.url).close()
        except TrackerError as error:
            QMessageBox.warning(self.parent, APP_NAME, str(error))
            return
        self.host.statusBar().showMessage(
            f"Copied to {describe_server(dialog.url)}: File ▸ Open Server… opens it there.", 15000
        )

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Open programme file", "", OPEN_FILTER)
        if path:
            self.open_path(path)

    def new_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "New programme file", "", FILE_FILTER)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != FILE_SUFFIX:
            target = target.with_suffix(FILE_SUFFIX)
        from app.store.database import Database

        user = user_name(self.host.settings)
        db = self._open(lambda: Database.create(target, overwrite=target.exists(), user=user))
        if db is None:
            return
        self.host.close_file()
        self.host.attach(db)

    def save_copy(self) -> None:
        db = self.host.db
        if db is None:
            return
        self.host.commit_pending()
        path, _ = QFileDialog.getSaveFileName(self.parent, "Save a copy as", "", FILE_FILTER)
        if not path:
            return
        try:
            target = db.save_copy(path)
        except TrackerError as error:
            QMessageBox.warning(self.parent, APP_NAME, str(error))
            return
        self.host.statusBar().showMessage(f"Saved a copy as {target.name}", 8000)

    def remember(self, path: Path | str) -> None:
        """A file by its full path, a server programme by its URL (never its password)."""
        entry = str(path.resolve()) if isinstance(path, Path) else path
        recent = [p for p in self.recent_files() if p != entry]
        recent.insert(0, entry)
        self.host.settings.setValue("recentFiles", recent[:MAX_RECENT])

    def recent_files(self) -> list[str]:
        value = self.host.settings.value("recentFiles") or []
        return [value] if isinstance(value, str) else list(value)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        for number, path in enumerate(self.recent_files(), start=1):
            action = menu.addAction(f"&{number} {path}")
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not self.recent_files():
            menu.addAction("(none)").setEnabled(False)
