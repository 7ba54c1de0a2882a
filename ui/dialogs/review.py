"""The review window: incoming values beside the values the file holds, each accepted or
rejected (A, R, Space), then applied as one undoable step.

A returned update pack (ui/dialogs/packs.py) and an import (ui/dialogs/import_wizard.py) are
reviewed in the same window, so a manager learns one way of taking in other people's work.
A conflict (changed here too since the pack was made) starts undecided and must be decided
row by row: "Accept all" never overwrites one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.commands.reads import Reads
from ui.dialogs.fit import fit_to_screen
from ui.table_model import Index, RowTableModel

ChangeRole = Qt.ItemDataRole.UserRole + 1
ACCEPT, REJECT, UNDECIDED = "accept", "reject", "undecided"


class ReviewChange(Protocol):
    """What the window shows of a change: a pack's (app/packs/review.py) or an import's
    (app/imports/proposal.py)."""

    @property
    def item(self) -> str: ...
    @property
    def what(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def theirs(self) -> str | None: ...
    @property
    def current(self) -> str | None: ...
    @property
    def base(self) -> str | None: ...
    @property
    def conflict(self) -> bool: ...


class ChangesModel(RowTableModel):
    """One row per changed value; the Decision column is a tri-state check box."""

    ITEM, WHAT, THEIRS, CURRENT, DECISION = range(5)
    HEADERS = ("Item", "What", "Lead’s value", "Now in this file", "Decision")

    def set_headers(self, theirs: str) -> None:
        """The title of the incoming values' column: the lead's, or the imported file's."""
        self.HEADERS = ("Item", "What", theirs, "Now in this file", "Decision")

    decisionsChanged = Signal()

    def __init__(self, changes: Sequence[ReviewChange], describe: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = list(changes)
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

    def accepted(self) -> list[Any]:
        return [c for c, d in zip(self.rows, self.decisions, strict=True) if d == ACCEPT]


class ChangesView(QTableView):
    """Space accepts/rejects the current row; A and R set it outright."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)  # Tab leaves the table: arrows move in it

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.model()
        index = self.currentIndex()
        if isinstance(model, ChangesModel) and index.isValid():
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


class ReviewDialog(QDialog):
    """Incoming values beside the file's, each accepted or rejected, applied as one step:
    a returned update pack's, or an import's."""

    def __init__(
        self,
        reads: Reads,
        changes: Sequence[ReviewChange],
        *,
        title: str,
        heading: str,
        theirs: str,
        column: str,
        apply_text: str,
        empty_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        symbols = {s.glyph: s for s in reads.symbols()}

        def describe(field: str, value: str | None) -> str:
            if field == "judgement":
                symbol = symbols.get(value or "")
                return f"{symbol.glyph}  {symbol.label}" if symbol else "Not yet judged"
            if field == "milestone_status":
                return {"reached": "Reached", "open": "Not reached"}.get(value or "", "—")
            if field == "milestone_added":  # a milestone the lead added: not here yet
                return value or "Not in this file"
            return value or "(no text)"

        self.empty_text = empty_text
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        heading_label = QLabel(heading)
        heading_label.setWordWrap(True)
        heading_label.setObjectName("mergeHeading")
        layout.addWidget(heading_label)
        self.model = ChangesModel(changes, describe, self)
        self.model.set_headers(column)
        self.view = ChangesView()
        self.view.setObjectName("packChanges")
        self.view.setAccessibleName("Changes in the pack")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(ChangesModel.ITEM, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ChangesModel.ITEM, 280)
        header.resizeSection(ChangesModel.WHAT, 170)
        header.resizeSection(ChangesModel.THEIRS, 260)
        header.resizeSection(ChangesModel.CURRENT, 260)
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
            (theirs, self.theirs_text),
            ("Now in this file", self.current_text),
        ):
            pane = QVBoxLayout()
            pane.addWidget(QLabel(label))
            pane.addWidget(box)
            side_by_side.addLayout(pane)
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
        self.merge_button = buttons.addButton(apply_text, QDialogButtonBox.ButtonRole.AcceptRole)
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
        fit_to_screen(self, QSize(1180, 620))

    def _show_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        change: ReviewChange | None = current.data(ChangeRole) if current.isValid() else None
        if change is None:
            self.theirs_text.clear()
            self.current_text.clear()
            self.base_label.clear()
            return
        base = self.model.describe(change.field, change.base)
        self.base_label.setText(
            f"{change.item} — {change.what.lower()}. "
            + (
                f"When the pack was made: {base}; it has been changed here since, so decide "
                "which to keep."
                if change.conflict
                else f"Now: {base}."
            )
        )
        self.theirs_text.setPlainText(self.model.describe(change.field, change.theirs))
        self.current_text.setPlainText(self.model.describe(change.field, change.current))

    def _update(self) -> None:
        undecided = self.model.undecided()
        accepted = len(self.model.accepted())
        if not self.model.rows:
            text = self.empty_text
        elif undecided:
            text = (
                f"{undecided} conflict{'s' if undecided != 1 else ''} still to decide: accept "
                "(A) or reject (R) each one; a conflict is never accepted with the rest."
            )
        else:
            text = f"{accepted} of {len(self.model.rows)} changes will be {self.verb}."
        self.status.setText(text)
        self.merge_button.setEnabled(undecided == 0)

    verb = "merged"

    def merge(self) -> None:
        if self.model.undecided():
            return
        if self.apply(self.model.accepted()):
            self.accept()

    def apply(self, accepted: list[Any]) -> bool:
        """Write the accepted changes; True when done (the dialog then closes)."""
        raise NotImplementedError
