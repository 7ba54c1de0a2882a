"""The columns of a scheme's Tables 1–2, in the settings dialog's Symbols tab.

Each column has a name (printed as "% On-track") and a role: what it counts as for the
reports (completed, on track, behind schedule for the exceptions-only report, or unknown).
A column whose "Ratings" box is ticked is a state of a two-level scheme ("In progress"):
its symbols are the ratings an action in that state carries, counted within it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.conflicts import Seen
from app.core.enums import CATEGORY_TITLES, Category
from app.read.queries import ColumnRow
from ui.commands.settings import SettingsCommands
from ui.dialogs.tables import ChoiceDelegate, plain_table

# A role is shown by its title and chosen from a list; the file keeps its value.
ROLES = {title: category.value for category, title in CATEGORY_TITLES.items()}
RATED, GLYPHS = 2, 3  # the table's columns after name and role


class ColumnsEditor(QWidget):
    def __init__(self, commands: SettingsCommands, purpose: Callable[[], str]) -> None:
        super().__init__()
        self.commands = commands
        self.purpose = purpose
        self.rows: list[ColumnRow] = []
        self._filling = False
        self.table = plain_table(
            ("Column", "Counts as", "Ratings", "Symbols"), "summaryColumnsTable"
        )
        self.table.setAccessibleName("Columns of Tables 1–2")
        self.table.setItemDelegateForColumn(1, ChoiceDelegate(lambda: list(ROLES), self.table))
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setMaximumHeight(140)
        self.table.setColumnWidth(0, 180)
        self.table.setColumnWidth(1, 150)
        self.table.setColumnWidth(RATED, 70)
        header = self.table.horizontalHeaderItem(RATED)
        assert header is not None
        header.setToolTip(
            "Ticked: the column is a state (such as In progress) whose symbols are ratings "
            "(green, amber, red), counted within it"
        )
        self.table.itemChanged.connect(self._edited)
        self.add_button = QPushButton("Add colum&n")
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton("Remove c&olumn")
        self.remove_button.clicked.connect(self._remove)
        self.left = QPushButton("Move le&ft")
        self.left.clicked.connect(lambda: self._move(-1))
        self.right = QPushButton("Move ri&ght")
        self.right.clicked.connect(lambda: self._move(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.left, self.right):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        label = QLabel("Columns of Tables 1–2 (each symbol counts in one):")
        label.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def fill(self, rows: list[ColumnRow]) -> None:
        self._filling = True
        try:
            self.rows = list(rows)
            self.table.setRowCount(len(rows))
            for number, row in enumerate(rows):
                cells = (
                    row.name,
                    CATEGORY_TITLES[Category(row.role)],
                    "Yes" if row.rated else "No",
                    "  ".join(row.glyphs),
                )
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, row.id)
                    if column == RATED:  # a box to tick, that also reads without it
                        item.setFlags(
                            (item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                            & ~Qt.ItemFlag.ItemIsEditable
                        )
                        item.setCheckState(
                            Qt.CheckState.Checked if row.rated else Qt.CheckState.Unchecked
                        )
                    if column == GLYPHS:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(number, column, item)
        finally:
            self._filling = False

    def _current(self) -> ColumnRow | None:
        number = self.table.currentRow()
        return self.rows[number] if 0 <= number < len(self.rows) else None

    def select(self, column_id: int) -> None:
        number = next((n for n, r in enumerate(self.rows) if r.id == column_id), None)
        if number is not None:
            self.table.setCurrentCell(number, 0)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() == GLYPHS:
            return
        column_id = item.data(Qt.ItemDataRole.UserRole)
        row = next((r for r in self.rows if r.id == column_id), None)  # as read
        if item.column() == RATED:
            rated = item.checkState() == Qt.CheckState.Checked
            seen = Seen(row.rated, name=row.name) if row is not None else None
            if (
                row is not None
                and row.rated != rated
                and self.commands.edit_column(column_id, "rated", rated, seen)
            ):
                self._written(row, "rated", rated)
            return
        field = "name" if item.column() == 0 else "role"
        value = item.text() if field == "name" else ROLES.get(item.text(), item.text())
        seen = Seen(getattr(row, field), name=row.name) if row is not None else None
        if self.commands.edit_column(column_id, field, value, seen) and row is not None:
            self._written(row, field, value)

    def _written(self, row: ColumnRow, field: str, value: Any) -> None:
        """What this dialog wrote is what it has read, until it reads again (soon after,
        from ``settingsChanged``): a further edit of the row is made on it."""
        self.rows[self.rows.index(row)] = dataclasses.replace(row, **{field: value})

    def _add(self) -> None:
        self.commands.add_column(self.purpose())

    def _remove(self) -> None:
        row = self._current()
        if row is not None:
            self.commands.remove_column(row.id)

    def _move(self, step: int) -> None:
        row = self._current()
        if row is not None:
            self.commands.move_column(row.id, step)
