"""File ▸ Update Packs Out…: the packs made from this file, and which are back.

A quarter's packs go to a dozen leads and come back over a fortnight; the manager needs to see
at a glance who has sent theirs back, who is late, and which are merged, and to merge one
from there. A pack counts as returned when its file has changed since it was sent (its
holder filled it in); one saved somewhere else is merged with Merge…, which then asks where.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.dates import format_date
from app.packs.tracking import PackRow, PackState
from ui.dialogs.fit import fit_to_screen
from ui.table_model import Index, RowTableModel

PERSON, PROGRAMME, PERIOD, MADE, DUE, STATUS = range(6)
LATE = QColor("#B3261E")
BACK = QColor("#1E6B34")


def status_text(row: PackRow, today: dt.date) -> str:
    """What has become of a pack, in words: never colour alone."""
    if row.state is PackState.MERGED:
        assert row.merged_at is not None
        return f"Merged {format_date(row.merged_at.date())} by {row.merged_by}"
    if row.state is PackState.RETURNED:
        return "Returned: filled in, not yet merged"
    late = f", overdue since {format_date(row.due)}" if row.overdue(today) and row.due else ""
    if row.state is PackState.MISSING:
        return f"Out{late} (its file is no longer in its folder)"
    return f"Out{late}"


class PacksModel(RowTableModel):
    HEADERS = ("Person", "Programme", "Period", "Made", "Due back", "Status")

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: PackRow | None = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.person,
                row.programme,
                row.period,
                format_date(row.made_at.date()),
                format_date(row.due) if row.due else "",
                status_text(row, self.today),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            where = str(row.path) if row.path else "made before packs were tracked"
            where = f"Made by {row.made_by}: {where}"
            note = f"\n\n{row.person}’s note: {row.note}" if row.note else ""
            return where + note
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            if row.overdue(self.today):
                return QBrush(LATE)
            if row.state is PackState.RETURNED:
                return QBrush(BACK)
        if role == Qt.ItemDataRole.FontRole and row.state is PackState.RETURNED:
            font = QFont()
            font.setBold(True)
            return font
        return None


class PacksDialog(QDialog):
    """The packs out; Merge… and Show Folder act on the chosen one."""

    def __init__(self, rows: list[PackRow], today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Update packs out")
        self.to_merge: PackRow | None = None  # set when Merge… closes the dialog
        self.opener: Callable[[QUrl], bool] = QDesktopServices.openUrl  # a test records
        layout = QVBoxLayout(self)
        back = sum(1 for r in rows if r.state is PackState.RETURNED)
        out = sum(1 for r in rows if r.state in (PackState.OUT, PackState.MISSING))
        late = sum(1 for r in rows if r.overdue(today))
        summary = QLabel(
            "No update packs have been made from this file yet: File ▸ Make Update Packs…"
            if not rows
            else f"{len(rows)} pack{'s' if len(rows) != 1 else ''} made from this file: "
            f"{out} out ({late} overdue), {back} returned and waiting to be merged, "
            f"{len(rows) - out - back} merged. A pack is returned when its file has changed "
            "since it was sent; one saved elsewhere is merged with Merge…, which asks where."
        )
        summary.setObjectName("packsSummary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.model = PacksModel(today, self)
        self.model.replace_rows(rows)
        self.view = QTableView()
        self.view.setObjectName("packsView")
        self.view.setAccessibleName("Update packs")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROGRAMME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(80)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.merge_button = QPushButton("&Merge…")
        self.folder_button = QPushButton("Show &Folder")
        for button in (self.merge_button, self.folder_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.clicked.connect(self._merge)
        self.folder_button.clicked.connect(self._show_folder)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.view.doubleClicked.connect(lambda *_: self._merge())
        if rows:
            first = next((n for n, r in enumerate(rows) if r.state is PackState.RETURNED), 0)
            self.view.setCurrentIndex(self.model.index(first, 0))
        self._enable()
        self.view.setFocus()
        fit_to_screen(self, QSize(1100, 420))

    def current(self) -> PackRow | None:
        row: PackRow | None = self.model.row_at(self.view.currentIndex())
        return row

    def _enable(self) -> None:
        row = self.current()
        self.merge_button.setEnabled(row is not None and row.state is not PackState.MERGED)
        self.folder_button.setEnabled(row is not None and row.path is not None)

    def _merge(self) -> None:
        row = self.current()
        if row is not None and row.state is not PackState.MERGED:
            self.to_merge = row
            self.accept()

    def _show_folder(self) -> None:
        row = self.current()
        if row is not None and row.path is not None:
            self.opener(QUrl.fromLocalFile(str(row.path.parent)))
