"""The Cover sheet tab of Report Details: a period's report title, meeting and dates, and the
rows of its cover sheet ("Report to", "Key decision"…), with the labels councils use offered.

Each field is saved when the cursor leaves it or Return is pressed. Dates are typed as
councils write them (17 August 2009, 17/08/2009) and shown as "17 August 2009"; one that
is refused stays as typed, beside the message, to be put right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.conflicts import Seen
from app.core.cover_labels import USUAL_COVER_LABELS
from app.core.dates import format_date
from app.read.documents import CoverRow, DetailsView
from ui.commands.documents import DocumentCommands
from ui.dialogs.document_lists import ListEditor
from ui.dialogs.document_models import FieldModel

# The form's fields: the services' name, the label (with its access key) and a hint.
FORM = (
    ("title", "T&itle:", "The report’s title, as its first heading"),
    ("meeting", "&Meeting:", "The committee or panel it goes to"),
    ("report_date", "Report &date:", "Such as 17 August 2009 or 17/08/2009"),
    ("meeting_date", "Meetin&g date:", "Such as 17 August 2009 or 17/08/2009"),
)


def shown(cover: CoverRow | None, field: str) -> str:
    """A field as the form shows it: a date in the house style, nothing for no value."""
    value = getattr(cover, field) if cover is not None else None
    if isinstance(value, dt.date):
        return format_date(value)
    return value or ""


class CoverSheetTab(QWidget):
    def __init__(self, commands: DocumentCommands, period: Callable[[], int | None]) -> None:
        super().__init__()
        self.commands = commands
        self.period = period
        self.cover: CoverRow | None = None
        self.edits: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        for number, (field, label, hint) in enumerate(FORM):
            edit = QLineEdit()
            edit.setObjectName(f"cover_{field}")
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            edit.setPlaceholderText(hint)
            edit.editingFinished.connect(lambda f=field: self._save(f))
            caption = QLabel(label)
            caption.setBuddy(edit)
            self.edits[field] = edit
            row, column = (number, 0) if number < 2 else (2, 2 * (number - 2))
            grid.addWidget(caption, row, column)
            grid.addWidget(edit, row, column + 1, 1, 3 if number < 2 else 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.state = QLabel()
        self.state.setObjectName("coverState")
        self.state.setWordWrap(True)
        self.model = FieldModel(commands)
        self.fields = ListEditor(
            self.model,
            "&Fields of the cover sheet, in the order printed:",
            "field",
            lambda: {"label": "New field", "value": ""},
            lambda values: commands.add("report_field", values, self.period()),
        )
        self.fields.view.setColumnWidth(FieldModel.LABEL, 300)
        self.usual_button = QPushButton("Add usual &label")
        self.usual_button.setAutoDefault(False)
        self.usual_menu = QMenu(self.usual_button)
        for label in USUAL_COVER_LABELS:
            action = self.usual_menu.addAction(label)
            action.triggered.connect(lambda _=False, text=label: self.add_usual(text))
        self.usual_button.setMenu(self.usual_menu)
        self.fields.buttons.insertWidget(1, self.usual_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.state)
        layout.addWidget(self.fields, 1)

    def fill(self, view: DetailsView, label: str, frozen: bool) -> None:
        """Show the period's report (``label`` names the period; ``frozen``: published, or
        the file is read-only)."""
        self.cover = view.cover
        for field, edit in self.edits.items():
            text = shown(view.cover, field)
            if edit.text() != text:
                edit.setText(text)
            edit.setReadOnly(frozen)
        self.edits["title"].setPlaceholderText(
            "The report’s title, as its first heading"
            if view.cover is not None
            else "Named after the programme and period until you name it"
        )
        self.model.replace_rows(view.fields)
        self.fields.set_read_only(frozen)
        self.usual_button.setEnabled(not frozen)
        if view.cover is None:
            self.state.setText(
                f"{label} has no report yet: it is made when you first enter something for "
                "it here, and printed before the quarterly report’s tables."
            )
        else:
            self.state.setText(
                f"The cover sheet of the report for {label}: the quarterly report prints the "
                "title and these fields before its tables."
            )

    def _save(self, field: str) -> None:
        edit = self.edits[field]
        period = self.period()
        if period is None or edit.isReadOnly() or edit.text().strip() == shown(self.cover, field):
            return
        seen = Seen(getattr(self.cover, field)) if self.cover is not None else None  # as read
        if self.commands.set_cover(period, field, edit.text(), seen=seen):
            # The file's value, in the house style, even when it was already there.
            edit.setText(shown(self.cover, field))

    def add_usual(self, label: str) -> int | None:
        """Add a row with one of the usual labels, and start typing its value."""
        return self.fields.add({"label": label, "value": ""}, FieldModel.VALUE)
