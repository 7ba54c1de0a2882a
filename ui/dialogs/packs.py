"""Update packs in the window: make packs for service leads, and review a returned one.

The review lists every value the lead changed beside the value the programme file holds now.
A conflict (changed here too since the pack was made) starts undecided and must be decided
row by row: "Accept all" never overwrites one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.dates import format_date
from app.core.errors import TrackerError
from app.packs.make import MadePack
from app.packs.review import PackChange, PackReview
from ui.commands.packs import PackCommands
from ui.commands.reads import Reads
from ui.table_model import Index, RowTableModel

ChangeRole = Qt.ItemDataRole.UserRole + 1
ACCEPT, REJECT, UNDECIDED = "accept", "reject", "undecided"


def _made_on(iso: str) -> str:
    return format_date(dt.datetime.fromisoformat(iso).date())


# --- making packs -----------------------------------------------------------------------------


class MakePacksDialog(QDialog):
    """Who gets a pack, by when it comes back, and where the files go."""

    def __init__(
        self, reads: Reads, packs: PackCommands, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.packs = packs
        self.made: list[MadePack] = []
        period = reads.scope.period_label
        self.setWindowTitle("Make update packs")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Each person gets a pack of their own items for <b>{period}</b>: they change "
            "judgements, achievements and milestone status in it, and send it back for you to "
            "merge."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.everyone = QCheckBox("&Everyone responsible for something")
        self.everyone.setChecked(True)
        layout.addWidget(self.everyone)
        self.people = QListWidget()
        self.people.setAccessibleName("People")
        for person in reads.pack_people():
            entry = QListWidgetItem(
                f"{person.name}  ({person.items} item{'s' if person.items != 1 else ''})"
            )
            entry.setData(Qt.ItemDataRole.UserRole, person.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.people.addItem(entry)
        layout.addWidget(self.people, 1)
        form = QFormLayout()
        self.due = QDateEdit()
        self.due.setDisplayFormat("d MMMM yyyy")
        self.due.setCalendarPopup(True)
        end = reads.scope.period_end
        due = end + dt.timedelta(days=14) if end else None
        self.due.setDate(QDate(due.year, due.month, due.day) if due else QDate.currentDate())
        self.due.setAccessibleName("Return by")
        form.addRow("&Return by:", self.due)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(folder))
        self.folder.setAccessibleName("Folder")
        browse = QPushButton("&Browse…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form.addRow("&Folder:", folder_row)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("packError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B3261E;")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.make_button = buttons.addButton("&Make packs", QDialogButtonBox.ButtonRole.AcceptRole)
        self.make_button.setDefault(True)
        buttons.accepted.connect(self.make)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.everyone.toggled.connect(self._everyone_toggled)
        self._everyone_toggled(True)
        self.resize(520, 480)

    def _everyone_toggled(self, on: bool) -> None:
        self.people.setEnabled(not on)
        if on:
            for row in range(self.people.count()):
                self.people.item(row).setCheckState(Qt.CheckState.Checked)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the packs", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def chosen_people(self) -> list[int] | None:
        if self.everyone.isChecked():
            return None
        return [
            self.people.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.people.count())
            if self.people.item(row).checkState() == Qt.CheckState.Checked
        ]

    def make(self) -> None:
        people = self.chosen_people()
        if people == []:
            self._show_error("Choose at least one person.")
            return
        try:
            self.made = self.packs.make_packs(
                Path(self.folder.text().strip()), people, cast(dt.date, self.due.date().toPython())
            )
        except TrackerError as error:
            self._show_error(str(error))
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)


# --- reviewing a returned pack ----------------------------------------------------------------


class PackChangesModel(RowTableModel):
    """One row per changed value; the Decision column is a tri-state check box."""

    ITEM, WHAT, THEIRS, CURRENT, DECISION = range(5)
    HEADERS = ("Item", "What", "Lead’s value", "Now in this file", "Decision")
    decisionsChanged = Signal()

    def __init__(self, review: PackReview, describe: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.review = review
        self.rows = list(review.changes)
        self.describe = describe  # (field, value) -> text shown
        self.decisions = [UNDECIDED if c.conflict else ACCEPT for c in self.rows]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        change, column = self.rows[index.row()], index.column()
        decision = self.decisions[index.row()]
        if role == ChangeRole:
            return change
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.ITEM:
                return change.item
            if column == self.WHAT:
                return change.what + ("  ⚠ conflict" if change.conflict else "")
            if column == self.THEIRS:
                return self._short(self.describe(change.field, change.theirs))
            if column == self.CURRENT:
                return self._short(self.describe(change.field, change.current))
            return {ACCEPT: "Accept", REJECT: "Reject", UNDECIDED: "Decide"}[decision]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.THEIRS:
                return self.describe(change.field, change.theirs)
            if column == self.CURRENT:
                return self.describe(change.field, change.current)
            if change.conflict:
                return (
                    "Conflict: this was also changed in the programme file since the pack was "
                    f"made (it was {self.describe(change.field, change.base)})."
                )
        if role == Qt.ItemDataRole.CheckStateRole and column == self.DECISION:
            return {
                ACCEPT: Qt.CheckState.Checked,
                REJECT: Qt.CheckState.Unchecked,
                UNDECIDED: Qt.CheckState.PartiallyChecked,
            }[decision]
        if role == Qt.ItemDataRole.BackgroundRole and change.conflict:
            return QBrush(QColor("#FDE7E9") if decision == UNDECIDED else QColor("#FFF4CE"))
        return None

    @staticmethod
    def _short(text: str) -> str:
        first = text.splitlines()[0] if text else ""
        return first if len(first) <= 120 and "\n" not in text else first[:117].rstrip() + "…"

    def extra_flags(self, row: Any, column: int) -> Qt.ItemFlag:
        if column == self.DECISION:
            return Qt.ItemFlag.ItemIsUserCheckable
        return Qt.ItemFlag.NoItemFlags

    def set_cell(self, row: Any, column: int, value: Any, role: int) -> bool:
        if column != self.DECISION or role != Qt.ItemDataRole.CheckStateRole:
            return False
        # A click moves an undecided conflict to Accept; after that it toggles.
        checked = Qt.CheckState(value) != Qt.CheckState.Unchecked
        number = next(n for n, change in enumerate(self.rows) if change is row)
        self.set_decision(number, ACCEPT if checked else REJECT)
        return True

    def set_decision(self, row: int, decision: str) -> None:
        if self.decisions[row] != decision:
            self.decisions[row] = decision
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
            self.decisionsChanged.emit()

    def set_all(self, decision: str) -> None:
        """Accept or reject everything, except that conflicts are never accepted wholesale."""
        for row, change in enumerate(self.rows):
            if decision == ACCEPT and change.conflict:
                continue
            self.set_decision(row, decision)

    def undecided(self) -> int:
        return self.decisions.count(UNDECIDED)

    def accepted(self) -> list[PackChange]:
        return [c for c, d in zip(self.rows, self.decisions, strict=True) if d == ACCEPT]


class ChangesView(QTableView):
    """Space accepts/rejects the current row; A and R set it outright."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.model()
        index = self.currentIndex()
        if isinstance(model, PackChangesModel) and index.isValid():
            key = event.key()
            if key == Qt.Key.Key_A:
                model.set_decision(index.row(), ACCEPT)
                return
            if key == Qt.Key.Key_R:
                model.set_decision(index.row(), REJECT)
                return
            if key == Qt.Key.Key_Space:
                current = model.decisions[index.row()]
                model.set_decision(index.row(), REJECT if current == ACCEPT else ACCEPT)
                return
        super().keyPressEvent(event)


class MergeReviewDialog(QDialog):
    def __init__(
        self,
        reads: Reads,
        packs: PackCommands,
        review: PackReview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.packs = packs
        self.review = review
        symbols = {s.glyph: s for s in reads.symbols()}

        def describe(field: str, value: str | None) -> str:
            if field == "judgement":
                symbol = symbols.get(value or "")
                return f"{symbol.glyph}  {symbol.label}" if symbol else "Not yet judged"
            if field == "milestone_status":
                return {"reached": "Reached", "open": "Not reached"}.get(value or "", "—")
            return value or "(no text)"

        self.setWindowTitle(f"Merge {review.person}’s update pack")
        layout = QVBoxLayout(self)
        due = f"; due back {format_date(review.due)}" if review.due else ""
        heading = QLabel(
            f"<b>{review.person}</b>’s update pack for <b>{review.programme_name}</b>, "
            f"{review.period_label}: made by {review.made_by} on {_made_on(review.made_at)}"
            f"{due}. {review.items} item{'s' if review.items != 1 else ''}, "
            f"{len(review.changes)} change{'s' if len(review.changes) != 1 else ''}"
            + (
                f", <span style='color:#B3261E'><b>{review.conflicts} "
                f"conflict{'s' if review.conflicts != 1 else ''}</b></span>"
                if review.conflicts
                else ""
            )
            + "."
        )
        heading.setWordWrap(True)
        heading.setObjectName("mergeHeading")
        layout.addWidget(heading)
        self.model = PackChangesModel(review, describe, self)
        self.view = ChangesView()
        self.view.setObjectName("packChanges")
        self.view.setAccessibleName("Changes in the pack")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(PackChangesModel.ITEM, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(PackChangesModel.ITEM, 280)
        header.resizeSection(PackChangesModel.WHAT, 170)
        header.resizeSection(PackChangesModel.THEIRS, 260)
        header.resizeSection(PackChangesModel.CURRENT, 260)
        header.setStretchLastSection(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        compare = QWidget()
        side_by_side = QHBoxLayout(compare)
        side_by_side.setContentsMargins(0, 0, 0, 0)
        self.theirs_text = QPlainTextEdit()
        self.theirs_text.setReadOnly(True)
        self.theirs_text.setAccessibleName("Lead’s value in full")
        self.current_text = QPlainTextEdit()
        self.current_text.setReadOnly(True)
        self.current_text.setAccessibleName("Value now in this file in full")
        for label, box in (
            (f"{review.person}’s value", self.theirs_text),
            ("Now in this file", self.current_text),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(label))
            column.addWidget(box)
            side_by_side.addLayout(column)
        outer = QWidget()
        outer_layout = QVBoxLayout(outer)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        self.base_label = QLabel()
        self.base_label.setObjectName("baseValue")
        self.base_label.setWordWrap(True)
        outer_layout.addWidget(self.base_label)
        outer_layout.addWidget(compare, 1)
        splitter.addWidget(outer)
        splitter.setSizes([300, 150])
        layout.addWidget(splitter, 1)
        self.status = QLabel()
        self.status.setObjectName("mergeStatus")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.accept_all = buttons.addButton("Accept &all", QDialogButtonBox.ButtonRole.ActionRole)
        self.reject_all = buttons.addButton("&Reject all", QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.accept_all, self.reject_all):
            button.setAutoDefault(False)
        self.accept_all.clicked.connect(lambda: self.model.set_all(ACCEPT))
        self.reject_all.clicked.connect(lambda: self.model.set_all(REJECT))
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.model.decisionsChanged.connect(self._update)
        self.view.selectionModel().currentRowChanged.connect(self._show_row)
        first = self.model.index(0, 0)
        if first.isValid():
            self.view.setCurrentIndex(first)
        self._update()
        self.resize(1180, 620)

    def _show_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        change: PackChange | None = current.data(ChangeRole) if current.isValid() else None
        if change is None:
            self.theirs_text.clear()
            self.current_text.clear()
            self.base_label.clear()
            return
        base = self.model.describe(change.field, change.base)
        self.base_label.setText(
            f"{change.item} — {change.what.lower()}. When the pack was made: {base}"
            + (
                "; it has been changed here since, so decide which to keep."
                if change.conflict
                else "."
            )
        )
        self.theirs_text.setPlainText(self.model.describe(change.field, change.theirs))
        self.current_text.setPlainText(self.model.describe(change.field, change.current))

    def _update(self) -> None:
        undecided = self.model.undecided()
        accepted = len(self.model.accepted())
        if not self.model.rows:
            text = "The lead changed nothing: merging marks the pack as merged."
        elif undecided:
            text = (
                f"{undecided} conflict{'s' if undecided != 1 else ''} still to decide: accept "
                "(A) or reject (R) each one; a conflict is never accepted with the rest."
            )
        else:
            text = f"{accepted} of {len(self.model.rows)} changes will be merged."
        self.status.setText(text)
        self.merge_button.setEnabled(undecided == 0)

    def merge(self) -> None:
        if self.model.undecided():
            return
        if self.packs.merge_pack(self.review, self.model.accepted()):
            self.accept()


def show_refusal(parent: QWidget, error: TrackerError) -> None:
    QMessageBox.warning(parent, "Update pack", str(error))
