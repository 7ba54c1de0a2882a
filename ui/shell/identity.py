"""Who I am: the manager's name and e-mail address, kept in QSettings and given to each file.

``app`` knows nothing of Qt, so the window hands the name to the open ``Database``
(``user`` and ``user_email``), which the operations, the published stamp and the update
packs read; with no name given they keep the login name, as the command line does.

The window asks once, on the first launch with no name (``ask_once``, called by the
application at start-up, never by a window a test makes), and the details can be changed at
any time under File ▸ Your Details….
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QStatusBar, QWidget

from ui.dialogs.modal import run_modal
from ui.dialogs.your_details import You, YourDetailsDialog

if TYPE_CHECKING:
    from app.store.database import Database

NAME_KEY = "you/name"
EMAIL_KEY = "you/email"
ASKED_KEY = "you/asked"  # asked once already: a Cancel is an answer too


class Host(Protocol):
    db: Database | None
    modal: QDialog | None

    def commit_pending(self) -> None: ...

    def statusBar(self) -> QStatusBar: ...


def load_you(settings: QSettings) -> You | None:
    name = settings.value(NAME_KEY)
    if not isinstance(name, str) or not name.strip():
        return None
    email = settings.value(EMAIL_KEY)
    return You(name, email if isinstance(email, str) and email else None)


def user_name(settings: QSettings) -> str | None:
    """The name to open files with, so that their lock (who is editing) names the manager
    too; None for the login name."""
    you = load_you(settings)
    return you.name if you else None


def save_you(settings: QSettings, you: You) -> None:
    settings.setValue(NAME_KEY, you.name)
    settings.setValue(EMAIL_KEY, you.email or "")


class YourDetails:
    def __init__(self, host: Host, parent: QWidget, settings: QSettings) -> None:
        self.host = host
        self.parent = parent
        self.settings = settings

    def apply(self, db: Database) -> None:
        """Name the manager in what ``db`` records (the login name stays when none is set)."""
        you = load_you(self.settings)
        if you is not None:
            db.user = you.name
            db.user_email = you.email

    def edit(self, *, first_time: bool = False) -> bool:
        """File ▸ Your Details…: True when saved."""
        dialog = YourDetailsDialog(load_you(self.settings), self.parent, first_time=first_time)
        if not run_modal(self.host, dialog) or dialog.you is None:
            return False
        save_you(self.settings, dialog.you)
        if self.host.db is not None:
            self.apply(self.host.db)
        self.host.statusBar().showMessage(
            f"Your changes are recorded as made by {dialog.you.name}.", 8000
        )
        return True

    def ask_once(self) -> None:
        """The first launch: ask for the details unless they are known or were asked for."""
        if load_you(self.settings) is not None or self.settings.value(ASKED_KEY):
            return
        self.settings.setValue(ASKED_KEY, True)
        self.edit(first_time=True)
