"""Start Quarter N…: which of last period's judgements and narratives to carry forward.

Every action that had something last period and has nothing yet is listed and ticked; the
manager unticks the ones to start afresh. What is carried is a starting point, not a
judgement: it is marked *carried* in the tree until its key is pressed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.read.carry import CarryRow, CarryView
from app.read.queries import SymbolRow
from ui.table_model import Index, RowTableModel

NARRATIVE_PREVIEW = 90  # characters of last period's narrative shown in its cell


class CarryModel(RowTableModel):
    CARRY, ACTION, JUDGEMENT, NARRATIVE = range(4)
    HEADERS = ("Carry", "Action", "Last judgement", "Last narrative")

    def __init__(self, view: CarryView, symbols: list[SymbolRow]) -> None:
        super().__init__()
        self.symbols = {s.glyph: s for s in symbols}
        self.replace_rows(view.rows, in_place=False, key=lambda r: r.item_id)
        self.chosen: set[int] = {row.item_id for row in view.rows}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: CarryRow | None = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CARRY:
            return Qt.CheckState.Checked if row.item_id in self.chosen else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.ACTION:
                return f"{row.number} {row.title}" if row.number else row.title
            if column == self.JUDGEMENT:
                symbol = self.symbols.get(row.glyph or "")
                return f"{symbol.glyph}  {symbol.label}" if symbol else ""
            if column == self.NARRATIVE:
                text = " ".join((row.narrative or "").split())
                cut = len(text) > NARRATIVE_PREVIEW
                return text[:NARRATIVE_PREVIEW].rstrip() + "…" if cut else text
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NARRATIVE:
            return row.narrative
        if role == Qt.ItemDataRole.ForegroundRole and column == self.JUDGEMENT:
            symbol = self.symbols.get(row.glyph or "")
            return QBrush(QColor(symbol.colour)) if symbol else None
        return None

    def extra_flags(self, row: Any, column: int) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsUserCheckable if column == self.CARRY else Qt.ItemFlag.NoItemFlags

    def set_cell(self, row: Any, column: int, value: Any, role: int) -> bool:
        if column != self.CARRY or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.chosen.add(row.item_id)
        else:
            self.chosen.discard(row.item_id)
        n = self.rows.index(row)
        self.dataChanged.emit(self.index(n, self.CARRY), self.index(n, self.CARRY))
        return True

    def choose_all(self, chosen: bool) -> None:
        self.chosen = {row.item_id for row in self.rows} if chosen else set()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))


class NewQuarterDialog(QDialog):
    def __init__(
        self, view: CarryView, symbols: list[SymbolRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.view_data = view
        self.setObjectName("newQuarter")
        self.setWindowTitle(f"Start {view.period_label}")
        intro = QLabel(
            f"<b>{view.period_label}</b> has no judgements yet. Carry forward what "
            f"{view.previous_label} said as a starting point for this period? A carried "
            "judgement is shown as <i>(carried)</i> until you confirm it with its key "
            "or choose another; a carried narrative is the text to edit."
        )
        intro.setWordWrap(True)
        self.judgements = QCheckBox(f"&Judgements of {view.previous_label}, marked carried")
        self.judgements.setChecked(True)
        self.narratives = QCheckBox(f"&Narratives of {view.previous_label}, as starting text")
        self.narratives.setChecked(True)
        self.model = CarryModel(view, symbols)
        self.table = QTableView()
        self.table.setObjectName("carryTable")
        self.table.setAccessibleName("Actions to carry forward")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CarryModel.CARRY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CarryModel.ACTION, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(CarryModel.ACTION, 330)
        header.setSectionResizeMode(CarryModel.JUDGEMENT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CarryModel.NARRATIVE, QHeaderView.ResizeMode.Stretch)
        table_label = QLabel(f"&Actions ({len(view.rows)}), ticked to carry forward:")
        table_label.setBuddy(self.table)
        self.all_button = QPushButton("Select A&ll")
        self.all_button.clicked.connect(lambda: self.model.choose_all(True))
        self.none_button = QPushButton("Select N&one")
        self.none_button.clicked.connect(lambda: self.model.choose_all(False))
        self.buttons = QDialogButtonBox()
        self.carry_button = self.buttons.addButton(
            "&Carry Forward", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.carry_button.setDefault(True)
        self.empty_button = self.buttons.addButton(
            "Start &Empty", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        choose = QHBoxLayout()
        choose.addWidget(self.all_button)
        choose.addWidget(self.none_button)
        choose.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.judgements)
        layout.addWidget(self.narratives)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(choose)
        layout.addWidget(self.buttons)
        self.resize(860, 520)

    def chosen(self) -> tuple[list[int], list[int]]:
        """(items whose judgement to carry, items whose narrative to carry), in tree order."""
        ids = [row.item_id for row in self.model.rows if row.item_id in self.model.chosen]
        rows = {row.item_id: row for row in self.model.rows}
        judged = [i for i in ids if rows[i].glyph] if self.judgements.isChecked() else []
        narrated = [i for i in ids if rows[i].narrative] if self.narratives.isChecked() else []
        return judged, narrated
