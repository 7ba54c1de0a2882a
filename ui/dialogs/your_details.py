"""Who the manager is: the name and e-mail address the file's records give for their work.

The change log, a published period's stamp and the update packs ("return it to …") name the
person at the keyboard. A login name ("jsmith2") means little to a service lead or an
auditor, so the window asks once for a real name and keeps it on this computer (QSettings),
not in the programme file, which many people may edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError
from app.core.people import clean_email
from app.core.validation import SHORT_LIMIT, required_text


@dataclass(frozen=True)
class You:
    name: str
    email: str | None = None


class YourDetailsDialog(QDialog):
    def __init__(
        self, you: You | None, parent: QWidget | None = None, *, first_time: bool = False
    ) -> None:
        super().__init__(parent)
        self.you: You | None = you
        self.setWindowTitle("Your details")
        self.setObjectName("yourDetailsDialog")
        intro = QLabel(
            ("Before you start, please say who you are. " if first_time else "")
            + "The change log, published reports and the update packs you make name you "
            "with these details (service leads see your e-mail address in their packs). "
            "They are kept on this computer, not in the file."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(you.name if you else "")
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Rachel Robinson")
        self.email = QLineEdit((you.email or "") if you else "")
        self.email.setAccessibleName("Your e-mail address")
        self.email.setPlaceholderText("name@council.gov.uk")
        form = QFormLayout()
        form.addRow("Your &name:", self.name)
        form.addRow("&E-mail address:", self.email)
        self.name.setMinimumWidth(320)
        self.error = QLabel()
        self.error.setObjectName("yourDetailsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8A1020;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.name.setFocus()

    def _save(self) -> None:
        try:
            name = required_text(self.name.text(), "Your name", limit=SHORT_LIMIT)
            email = clean_email(self.email.text())
        except ValidationError as error:
            self.error.setText(str(error))
            return
        self.you = You(name, email)
        self.accept()
