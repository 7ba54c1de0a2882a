"""The one way the window runs a modal dialog.

Whatever is typed but not yet saved is saved first (the dialog may export or merge it),
and the running dialog is kept in ``host.modal`` while it is open: a test, or the window
closing under it, can find it there.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QDialog


class Host(Protocol):
    modal: QDialog | None

    def commit_pending(self) -> None: ...


def run_modal(host: Host, dialog: QDialog) -> bool:
    """True when the dialog was accepted."""
    host.commit_pending()
    host.modal = dialog
    try:
        return bool(dialog.exec())
    finally:
        host.modal = None
