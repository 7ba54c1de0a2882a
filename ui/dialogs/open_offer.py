"""After an export: offer to open the file, or the folder it is in, with the desktop's own
programs (QDesktopServices), so the report is one click from being checked or sent.

Two buttons in the export dialog under "Exported to …", not a message box: the offer waits
there while the next export is set up, and never stands between the manager and the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

Opener = Callable[[QUrl], bool]


class OpenOffer(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.opener: Opener = QDesktopServices.openUrl  # a test puts a recorder here
        self.setObjectName("openOffer")
        self.open_file_button = QPushButton("&Open File")
        self.open_file_button.clicked.connect(lambda: self._open(folder=False))
        self.open_folder_button = QPushButton("Open &Folder")
        self.open_folder_button.clicked.connect(lambda: self._open(folder=True))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.open_file_button)
        row.addWidget(self.open_folder_button)
        row.addStretch(1)
        self.setVisible(False)

    def offer(self, path: Path | None) -> None:
        """Offer to open ``path`` (None: nothing written, nothing to offer)."""
        self.path = path
        self.setVisible(path is not None)
        if path is not None:
            self.open_file_button.setToolTip(str(path))
            self.open_folder_button.setToolTip(str(path.parent))

    def _open(self, *, folder: bool) -> None:
        if self.path is not None:
            target = self.path.parent if folder else self.path
            self.opener(QUrl.fromLocalFile(str(target)))
