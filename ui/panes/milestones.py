"""An item's milestones: a table edited in place, with add, remove and a date picker.

A milestone's due date is kept as the words typed ("Sep 09", "Spring 2010") beside the
date derived from them; the picker only writes words in the house style.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.dates import format_date
from app.read.queries import MilestoneRow
from ui.commands.progress import ProgressCommands
from ui.table_model import Index, RowTableModel

PLACEHOLDER = "New milestone"


def undated(row: MilestoneRow) -> bool:
    """Due words from which no date can be worked out ("end of Q3"): kept as written, but
    they cannot make the milestone overdue."""
    return bool(row.due_text) and row.due_date is None


def due_note(rows: list[MilestoneRow]) -> str:
    """The note under the table naming due words that will not count as overdue."""
    words = [f"“{row.due_text}”" for row in rows if undated(row)]
    if not words:
        return ""
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    verb = "is" if len(words) == 1 else "are"
    return (
        f"{listed} {verb} kept as written, but no date can be worked out from "
        f"{'it' if len(words) == 1 else 'them'}: such a milestone will not count as overdue. "
        "Type a month, quarter or date (Sep 09, Q3 2009/10, 30 September 2009) for it to."
    )


class MilestoneModel(RowTableModel):
    DUE, TEXT, REACHED = range(3)
    HEADERS = ("Due", "Milestone", "Reached")

    def __init__(self, progress: ProgressCommands) -> None:
        super().__init__()
        self.progress = progress
        self.item_id: int | None = None
        self.read_only = False
        # An update pack: the milestones it was sent with change "Reached" only; those its
        # holder added are theirs to word and date.
        self.status_only = False
        self.sent: frozenset[int] = frozenset()
        self.all_status_only = False  # a service lead on a server: every milestone's status only

    def load(self, item_id: int | None, rows: list[MilestoneRow]) -> None:
        """Same milestones: update in place (an open editor survives); else reset."""

        def switch() -> None:
            self.item_id = item_id

        self.replace_rows(rows, in_place=item_id == self.item_id, before_reset=switch)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.DUE:
                return row.due_text or ""
            if column == self.TEXT:
                return row.text or ""
        if role == Qt.ItemDataRole.CheckStateRole and column == self.REACHED:
            return Qt.CheckState.Checked if row.status == "reached" else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DUE:
            return (
                f"Due by {format_date(row.due_date)}"
                if row.due_date
                else "No date can be worked out from these words"
            )
        if role == Qt.ItemDataRole.FontRole and column == self.DUE and undated(row):
            font = QFont()
            font.setItalic(True)  # kept as written, with the note below the table
            return font
        return None

    def extra_flags(self, row: Any, column: int) -> Qt.ItemFlag:
        if self.read_only:
            return Qt.ItemFlag.NoItemFlags
        if column == self.REACHED:
            return Qt.ItemFlag.ItemIsUserCheckable
        fixed = self.status_only and (self.all_status_only or row.id in self.sent)
        return Qt.ItemFlag.NoItemFlags if fixed else Qt.ItemFlag.ItemIsEditable

    def set_cell(self, row: Any, column: int, value: Any, role: int) -> bool:
        if self.item_id is None:
            return False
        if column == self.REACHED and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self.progress.edit_milestone(
                self.item_id,
                row.id,
                {"status": row.status},
                status="reached" if checked else "open",
            )
        if role != Qt.ItemDataRole.EditRole:
            return False
        if column == self.DUE:
            shown = {"due": row.due_text}
            return self.progress.edit_milestone(self.item_id, row.id, shown, due=str(value))
        if column == self.TEXT:
            shown = {"text": row.text}
            return self.progress.edit_milestone(self.item_id, row.id, shown, text=str(value))
        return False


class DateDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pick a due date")
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return format_date(cast(dt.date, self.calendar.selectedDate().toPython()))


class MilestonesBox(QWidget):
    def __init__(self, progress: ProgressCommands, refresh: Callable[[], None]) -> None:
        super().__init__()
        self.progress = progress
        self.refresh = refresh  # re-read the item now (a new row is edited straight away)
        self.model = MilestoneModel(progress)
        self.view = QTableView()
        self.view.setObjectName("milestones")
        self.view.setAccessibleName("Milestones")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(MilestoneModel.DUE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(MilestoneModel.DUE, 140)
        header.setSectionResizeMode(MilestoneModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MilestoneModel.REACHED, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setMinimumHeight(110)
        self.view.setMaximumHeight(180)
        self.add_button = QPushButton("Add &milestone")
        self.add_button.clicked.connect(self.add_milestone)
        self.pick_date_button = QPushButton("Pick &date…")
        self.pick_date_button.clicked.connect(self.pick_date)
        self.remove_button = QPushButton("Remo&ve milestone")
        self.remove_button.clicked.connect(self.remove_milestone)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.pick_date_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.due_note = QLabel()
        self.due_note.setObjectName("dueNote")
        self.due_note.setWordWrap(True)
        self.due_note.setStyleSheet("color: #8A4B00;")
        self.due_note.setVisible(False)
        layout.addWidget(self.view)
        layout.addWidget(self.due_note)
        layout.addLayout(buttons)

    def load(self, item_id: int | None, rows: list[MilestoneRow]) -> None:
        self.model.load(item_id, rows)
        self.view.resizeRowsToContents()
        note = due_note(rows)
        self.due_note.setText(note)
        self.due_note.setVisible(bool(note))

    def set_enabled(self, has_item: bool, *, editable: bool) -> None:
        """The table for any item (its status may change in a pack); the buttons only when
        milestones may be added and removed."""
        self.view.setEnabled(has_item)
        for button in (self.add_button, self.pick_date_button, self.remove_button):
            button.setEnabled(editable)

    def commit_editor(self) -> None:
        """Save a cell being typed in (before switching item or closing)."""
        if self.view.state() == QAbstractItemView.State.EditingState:
            editor = self.view.focusWidget()
            if editor is not None and editor is not self.view:
                self.view.commitData(editor)
                self.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _current(self) -> tuple[int, int] | None:
        """(item, milestone) of the current row."""
        row = self.model.row_at(self.view.currentIndex())
        if self.model.item_id is None or row is None:
            return None
        return self.model.item_id, row.id

    def add_milestone(self) -> None:
        item_id = self.model.item_id
        if item_id is None:
            return
        new_id = self.progress.add_milestone(item_id, None, PLACEHOLDER)
        if new_id is None:
            return
        self.refresh()  # now, not after this event: the new row is edited straight away
        row = next((i for i, m in enumerate(self.model.rows) if m.id == new_id), None)
        if row is not None:
            index = self.model.index(row, MilestoneModel.TEXT)
            self.view.setCurrentIndex(index)
            self.view.edit(index)
            editor = self.view.indexWidget(index)
            if isinstance(editor, QLineEdit):
                editor.selectAll()  # typing replaces the placeholder, not adds to it

    def remove_milestone(self) -> None:
        current = self._current()
        if current is not None:
            self.progress.delete_milestone(*current)

    def pick_date(self) -> None:
        current = self._current()
        if current is None:
            return
        dialog = DateDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.progress.edit_milestone(*current, due=dialog.chosen())
