"""The first start's welcome: nothing to open yet, so offer a new file, a file, or the demo.

Apart from ui/shell/application.py so that the start's first stage does not make Qt build
``QMessageBox`` (issue 19: everything before the first paint is waited for)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

APP_NAME = "Programme Tracker"


class Welcome(QMessageBox):
    """The first start: nothing to open yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        self.setIcon(QMessageBox.Icon.Information)
        self.setText(f"<b>Welcome to {APP_NAME}</b>")
        self.setInformativeText(
            "Keep your programme’s actions, judgements of progress and indicators in one file, "
            "saved as you work, and export committee reports.\n\nStart with a new file, open "
            "one you have been given, or look round the demo (five council programmes)."
        )
        self.new_button = self.addButton("&New file…", QMessageBox.ButtonRole.AcceptRole)
        self.open_button = self.addButton("&Open a file…", QMessageBox.ButtonRole.AcceptRole)
        self.demo_button = self.addButton("Open the &demo", QMessageBox.ButtonRole.AcceptRole)
        self.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.demo_button)
