"""Table models of the Report Details dialog: one per list of app.services.documents, each
with its columns named, over the plain rows of app.read.documents.

An edited cell is saved at once through ``DocumentCommands`` (one undoable step); the
dialog re-reads the rows afterwards, and a reload with the same rows updates in place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.core.conflicts import Seen
from app.core.dates import format_date
from ui.commands.documents import DocumentCommands
from ui.table_model import Index, RowTableModel


class DocumentListModel(RowTableModel):
    """The rows of one list. ``FIELDS`` are the services' names for the columns; a column
    beyond them is shown but not edited."""

    LIST = ""
    FIELDS: tuple[str, ...] = ()
    MULTILINE: frozenset[int] = frozenset()  # edited in several lines, not one

    def __init__(self, commands: DocumentCommands) -> None:
        super().__init__()
        self.commands = commands
        self.read_only = False

    def value(self, row: Any, column: int) -> Any:
        return getattr(row, self.FIELDS[column]) or ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.value(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return None

    def extra_flags(self, row: Any, column: int) -> Qt.ItemFlag:
        if self.read_only or column >= len(self.FIELDS):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEditable

    def set_cell(self, row: Any, column: int, value: Any, role: int) -> bool:
        if role != Qt.ItemDataRole.EditRole or column >= len(self.FIELDS):
            return False
        field = self.FIELDS[column]
        # as read: what the edit is made on (another person's change since is asked about)
        seen = Seen(getattr(row, field)) if hasattr(row, field) else None
        return self.commands.edit(self.LIST, row.id, field, value, seen)


class FieldModel(DocumentListModel):
    """The rows of a period's cover sheet: "Report to", "Key decision"…"""

    LABEL, VALUE = range(2)
    HEADERS = ("Label", "Value")
    LIST = "report_field"
    FIELDS = ("label", "value")
    MULTILINE = frozenset({VALUE})


class PaperModel(DocumentListModel):
    """A report's background papers; the date of the meeting is typed as written, and the
    date it is read as shown beside it (nothing when the words are not a date)."""

    TITLE, MEETING, DATE, AVAILABLE, READ_AS = range(5)
    HEADERS = (
        "Title of document",
        "Which meeting did it go to?",
        "Date of meeting",
        "Copy available from?",
        "Date read as",
    )
    LIST = "background_paper"
    FIELDS = ("title", "meeting", "written_date", "available_from")
    MULTILINE = frozenset({TITLE, AVAILABLE})

    def value(self, row: Any, column: int) -> Any:
        if column == self.READ_AS:
            return format_date(row.meeting_date) if row.meeting_date else ""
        return super().value(row, column)


class SectionModel(DocumentListModel):
    """Narrative sections: of a period's report, or of the plan itself."""

    HEADING, TEXT = range(2)
    HEADERS = ("Heading", "Text")
    LIST = "section"
    FIELDS = ("heading", "text")
    MULTILINE = frozenset({TEXT})


class ContactModel(DocumentListModel):
    NAME, ROLE, PHONE, EMAIL = range(4)
    HEADERS = ("Name", "Role", "Telephone", "Email")
    LIST = "contact"
    FIELDS = ("name", "role", "phone", "email")


class OutcomeModel(DocumentListModel):
    TEXT, TARGET = range(2)
    HEADERS = ("Outcome", "Target")
    LIST = "outcome"
    FIELDS = ("text", "target")
    MULTILINE = frozenset({TEXT})


class KindModel(DocumentListModel):
    """Kinds of objective, which group Tables 1–2; how many objectives are of each is shown
    (not edited) because a kind in use is asked about before it is removed."""

    NAME, PLURAL, USES = range(3)
    HEADERS = ("Kind of objective", "Plural (titles its table)", "Objectives")
    LIST = "item_kind"
    FIELDS = ("name", "plural")

    def value(self, row: Any, column: int) -> Any:
        return row.uses if column == self.USES else super().value(row, column)


class RecommendationDetailModel(DocumentListModel):
    """Scrutiny recommendations with all their fields, the period one is reported in
    included (chosen from the programme's periods; shown by its label)."""

    NUMBER, TEXT, RESPONSE, APPLIES_TO, PERIOD = range(5)
    HEADERS = ("No.", "Recommendation", "Response", "Applies only to", "Period")
    LIST = "recommendation"
    FIELDS = ("number", "text", "response", "applies_to", "period_id")
    MULTILINE = frozenset({TEXT, RESPONSE})

    def value(self, row: Any, column: int) -> Any:
        if column == self.PERIOD:
            return row.period_label or ""
        return super().value(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is not None and index.column() == self.PERIOD and role == Qt.ItemDataRole.UserRole:
            return row.period_id
        return super().data(index, role)
