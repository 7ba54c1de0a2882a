"""File ▸ Open Server… and Copy to Server…: a database on the council's PostgreSQL server.

The host, port, database and user are remembered on this computer (QSettings) for next time.
The password never is there: it is kept only in the system keyring, and only when the box
"Remember the password in this computer's keyring" is ticked (``app/store/credentials.py``;
the window stores it once the server has accepted it). A password kept by PostgreSQL's own
``pgpass`` file, or the ``PGPASSWORD`` variable, is used when the field is left empty.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError
from app.store.credentials import keyring_problem, recall
from app.store.server import public_url, server_url

FIELDS = ("host", "port", "database", "user")


class OpenServerDialog(QDialog):
    def __init__(
        self,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        copying: bool = False,
        problem: str = "",
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.copying = copying
        self.url: str | None = None
        self.typed = ""  # the password typed, which the window keeps once the server takes it
        self.keep = False  # whether to keep the password in the keyring (the box, on Open)
        self._kept_for: str | None = None  # the details whose kept password was looked for
        self.setWindowTitle(
            "Copy the programmes to a server" if copying else "Open a programme on a server"
        )
        self.setObjectName("openServerDialog")
        intro = QLabel(
            (
                "Everything in this file (every programme, and the change log) is copied into "
                "an empty database on your council's PostgreSQL server, for your team to open. "
                if copying
                else "A programme kept on your council's PostgreSQL server opens here as a file "
                "does. "
            )
            + "Ask the server's administrator for these details."
        )
        intro.setWordWrap(True)
        remembered = {name: str(settings.value(f"server/{name}", "") or "") for name in FIELDS}
        self.host = self._field(remembered["host"] or "localhost", "Server", "db.council.gov.uk")
        self.port = self._field(remembered["port"] or "5432", "Port", "5432")
        self.database = self._field(remembered["database"], "Database", "programmes")
        self.user = self._field(remembered["user"] or getpass.getuser(), "User name", "")
        self.password = self._field("", "Password", "from pgpass when left empty")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("&Server:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User name:", self.user)
        form.addRow("Pass&word:", self.password)
        self.remember = QCheckBox("&Remember the password in this computer's keyring")
        self.remember.setObjectName("openServerRemember")
        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("openServerKeyringNote")
        self.keyring_note.setWordWrap(True)
        unavailable = keyring_problem()
        if unavailable is not None:
            self.remember.setEnabled(False)
            self.keyring_note.setText(unavailable)
        if not copying:  # a copy's password is used once, for the copy
            form.addRow("", self.remember)
        self.where = QLabel()
        self.where.setObjectName("openServerWhere")
        self.where.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("openServerError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8A1020;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        if copying:  # the Open button's place and keys, with its own words and no folder
            copy = buttons.button(QDialogButtonBox.StandardButton.Open)
            copy.setText("&Copy")
            copy.setIcon(QIcon())
        buttons.accepted.connect(self._open)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if unavailable is not None and not copying:
            layout.addWidget(self.keyring_note)
        layout.addWidget(self.where)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        for field in (self.host, self.port, self.database, self.user):
            field.textChanged.connect(self._show_where)
            field.editingFinished.connect(self._show_kept)
        self._show_where()
        self.error.setText(problem)
        self._show_kept()
        (self.database if self.host.text() and not self.database.text() else self.host).setFocus()

    def _field(self, text: str, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit(text)
        field.setAccessibleName(name)
        field.setPlaceholderText(placeholder)
        return field

    def _parts(self, password: str = "") -> str:
        return server_url(
            self.host.text(), self.port.text(), self.database.text(), self.user.text(), password
        )

    def _show_kept(self) -> None:
        """A password kept for these details is used when the field is left empty: say so,
        and tick the box; asked again only when the details change, so the user's own tick
        or untick stands."""
        try:
            parts = self._parts()
        except ValidationError:
            parts = ""
        if parts == self._kept_for:
            return
        self._kept_for = parts
        kept = bool(parts) and not self.copying and recall(parts) is not None
        self.remember.setChecked(kept)
        self.password.setPlaceholderText(
            "kept in this computer's keyring" if kept else "from pgpass when left empty"
        )

    def _show_where(self) -> None:
        try:
            verb = "Copies to" if self.copying else "Opens"
            self.where.setText(f"{verb} {public_url(self._parts())}")
        except ValidationError:
            self.where.setText("")

    def _open(self) -> None:
        try:
            self.typed = self.password.text()
            self.keep = self.remember.isChecked()  # as seen when Open was pressed
            self.url = self._parts(self.typed)
        except ValidationError as error:
            self.error.setText(str(error))
            return
        for name, field in zip(
            FIELDS, (self.host, self.port, self.database, self.user), strict=True
        ):
            self.settings.setValue(f"server/{name}", field.text().strip())
        self.accept()
