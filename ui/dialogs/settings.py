"""Programme settings: level names, reporting periods, the judgement symbols, pledges.

Every change is saved at once and is one step on the window's undo stack, like any edit.
The dialog re-reads what it shows whenever the runner says settings changed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.conflicts import Seen
from app.core.schemes import EDITABLE_SYMBOL_FIELDS
from app.read.queries import ColumnRow, SymbolRow
from ui.commands.reads import Reads
from ui.commands.settings import SettingsCommands
from ui.dialogs.fit import fit_to_screen
from ui.dialogs.periods_tab import PeriodsTab
from ui.dialogs.summary_columns import ColumnsEditor
from ui.dialogs.symbol_move import MoveJudgementsDialog
from ui.dialogs.tables import ChoiceDelegate, plain_table

# The symbol table's headings, for EDITABLE_SYMBOL_FIELDS: "Counts as" is the summary column.
SYMBOL_HEADERS = ("Symbol", "Name", "Meaning", "Colour", "Counts as", "Key")


class SettingsDialog(QDialog):
    def __init__(
        self, reads: Reads, settings: SettingsCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.reads = reads
        self.commands = settings
        self.setWindowTitle("Programme settings")
        self.setObjectName("settingsDialog")
        fit_to_screen(self, QSize(900, 660))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._levels_tab(), "&Levels")
        self.period_tab = PeriodsTab(settings)
        # The names the tests and the rest of the dialog have always used for the tab's parts.
        self.periods, self.year = self.period_tab.view, self.period_tab.year
        self.publish, self.reopen = self.period_tab.publish, self.period_tab.reopen
        self.tabs.addTab(self.period_tab, "&Periods")
        self.tabs.addTab(self._symbols_tab(), "&Symbols")
        self.tabs.addTab(self._pledges_tab(), "Pl&edges")
        self.error = QLabel()
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8A1020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        reads.run.errorRaised.connect(self._show_error)
        # Re-read after the current event: a change is often made from inside a signal of a
        # widget that the refill would replace.
        reads.run.settingsChanged.connect(lambda: QTimer.singleShot(0, self.reload))
        self._filling = False
        self._symbol_rows: list[SymbolRow] = []
        # What the dialog last read: an edit is made on it (app.core.conflicts.Seen)
        self._level_names: list[str] = []
        self._pledge_rows: list[Any] = []
        self._column_rows: list[ColumnRow] = []
        self.move_dialog: MoveJudgementsDialog | None = None  # while it asks (tests find it)
        # Return in a field saves the field; it must not also press a button.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.reload()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)

    # --- tabs ----------------------------------------------------------------------------

    def _levels_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(
            "What this programme calls each level of its tree, from the "
            "top (e.g. Objective, Workstream/Project, Action)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.level_form = QFormLayout()
        layout.addLayout(self.level_form)
        add = QPushButton("&Add a level")
        add.clicked.connect(self._add_level)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.level_edits: list[QLineEdit] = []
        return page

    def _symbols_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        choose = QHBoxLayout()
        # Which of the programme's two keys the tab shows: its judgements of progress, or the
        # statuses of its indicators against their targets.
        self.purpose = QComboBox()
        self.purpose.setAccessibleName("Symbols for")
        self.purpose.addItem("Judgements of progress", "progress")
        self.purpose.addItem("Indicator statuses", "kpi")
        self.purpose.currentIndexChanged.connect(lambda _i: self.reload())
        purpose_label = QLabel("S&ymbols for:")
        purpose_label.setBuddy(self.purpose)
        choose.addWidget(purpose_label)
        choose.addWidget(self.purpose)
        self.scheme = QComboBox()
        self.scheme.setAccessibleName("Scheme to start from")
        # Long scheme names ("… (copied from Chief Executive Services …)") would otherwise
        # make the dialog wider than a laptop's screen: the list itself shows them whole.
        self.scheme.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scheme.setMinimumContentsLength(24)
        use = QPushButton("&Use this scheme")
        use.clicked.connect(
            lambda: self.commands.choose_scheme(self.scheme.currentData(), self._purpose())
        )
        label = QLabel("Sc&heme:")
        label.setBuddy(self.scheme)
        choose.addWidget(label)
        choose.addWidget(self.scheme, 1)
        choose.addWidget(use)
        layout.addLayout(choose)
        self.shared = QLabel()
        self.shared.setWordWrap(True)
        layout.addWidget(self.shared)
        self.symbols = plain_table(SYMBOL_HEADERS, "symbolsTable")
        self.symbols.itemChanged.connect(self._symbol_edited)
        self.symbols.setItemDelegateForColumn(
            4, ChoiceDelegate(lambda: [c.name for c in self._column_rows], self.symbols)
        )
        header = self.symbols.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.symbols)
        buttons = QHBoxLayout()
        self.add_symbol_button = QPushButton("A&dd symbol")
        self.add_symbol_button.clicked.connect(self._add_symbol)
        self.remove_symbol_button = QPushButton("Re&move symbol…")
        self.remove_symbol_button.clicked.connect(self._remove_symbol)
        self.symbol_up = QPushButton("Mo&ve up")
        self.symbol_up.clicked.connect(lambda: self._move_symbol(-1))
        self.symbol_down = QPushButton("Move do&wn")
        self.symbol_down.clicked.connect(lambda: self._move_symbol(1))
        for button in (
            self.add_symbol_button,
            self.remove_symbol_button,
            self.symbol_up,
            self.symbol_down,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.columns = ColumnsEditor(self.commands, self._purpose)
        layout.addWidget(self.columns)
        note = QLabel(
            "“Counts as” is the column of Tables 1–2 a symbol is counted in. Colours are "
            "#RRGGBB. Tick “Ratings” for a state (such as In progress) whose symbols are "
            "ratings: each action then has both, counted within the state."
        )
        note.setWordWrap(True)  # one line of it would make the dialog wider than a laptop
        layout.addWidget(note)
        return page

    def _pledges_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.pledges = plain_table(("No.", "Pledge"), "pledgesTable")
        self.pledges.itemChanged.connect(self._pledge_edited)
        layout.addWidget(self.pledges)
        row = QHBoxLayout()
        self.pledge_number = QSpinBox()
        self.pledge_number.setRange(1, 999)
        self.pledge_number.setAccessibleName("New pledge number")
        self.pledge_title = QLineEdit()
        self.pledge_title.setPlaceholderText("Title of the new pledge")
        self.pledge_title.setAccessibleName("New pledge title")
        add = QPushButton("A&dd pledge")
        add.clicked.connect(self._add_pledge)
        remove = QPushButton("Re&move pledge")
        remove.clicked.connect(self._remove_pledge)
        for widget in (self.pledge_number, self.pledge_title, add, remove):
            row.addWidget(widget)
        layout.addLayout(row)
        return page

    # --- filling -------------------------------------------------------------------------

    def reload(self) -> None:
        if self.reads.scope.programme_id is None:
            return
        data: dict[str, Any] = self.reads.settings_snapshot()
        self._filling = True
        try:
            self._fill_levels(data["levels"])
            self.period_tab.fill(data["periods"])
            self._fill_symbols(data)
            self._fill_pledges(data["pledges"])
        finally:
            self._filling = False

    def _fill_levels(self, levels: list[str]) -> None:
        self._level_names = list(levels)  # as read: what a rename is made on
        if len(levels) == len(self.level_edits):
            for edit, name in zip(self.level_edits, levels, strict=True):
                if edit.text() != name:
                    edit.setText(name)
            return
        while self.level_form.rowCount():
            self.level_form.removeRow(0)
        self.level_edits = []
        for depth, name in enumerate(levels):
            edit = QLineEdit(name)
            edit.setAccessibleName(f"Level {depth + 1} name")
            edit.editingFinished.connect(lambda d=depth, e=edit: self._rename_level(d, e))
            self.level_form.addRow(f"Level {depth + 1}:", edit)
            self.level_edits.append(edit)

    def _purpose(self) -> str:
        return str(self.purpose.currentData())

    def _fill_symbols(self, data: dict[str, Any]) -> None:
        kpi = self._purpose() == "kpi"
        choices = data["kpi_schemes" if kpi else "schemes"]
        made_from = data["kpi_scheme" if kpi else "scheme"]
        self.scheme.clear()
        for choice in choices:
            self.scheme.addItem(choice.label, choice)
        current = next((n for n, c in enumerate(choices) if c.template == made_from), 0)
        self.scheme.setCurrentIndex(current)
        self.shared.setText(
            f"This programme’s symbols are its own (made from “{made_from}”): changing "
            "them changes no other programme. To start again from a template or from another "
            "programme’s symbols, choose it and press Use."
            if made_from
            else "This programme has no key for the statuses of its indicators yet: choose a "
            "template or another programme’s and press Use."
        )
        symbols = data["kpi_symbols" if kpi else "symbols"]
        self._column_rows = list(data["kpi_columns" if kpi else "columns"])
        self.columns.fill(self._column_rows)
        self._symbol_rows = list(symbols)
        self.symbols.setRowCount(len(symbols))
        for row, symbol in enumerate(symbols):
            values = (
                symbol.glyph,
                symbol.name,
                symbol.meaning,
                symbol.colour,
                symbol.column_name,
                symbol.shortcut,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, symbol.id)
                if column == 0:
                    item.setForeground(QColor(symbol.colour))
                if column == 3:
                    item.setBackground(QColor(symbol.colour))
                    item.setForeground(QColor("#FFFFFF"))
                self.symbols.setItem(row, column, item)
        self.symbols.resizeColumnToContents(0)

    def _fill_pledges(self, pledges: list[Any]) -> None:
        self._pledge_rows = list(pledges)
        self.pledges.setRowCount(len(pledges))
        for row, pledge in enumerate(pledges):
            number = QTableWidgetItem(str(pledge.number))
            number.setFlags(number.flags() & ~Qt.ItemFlag.ItemIsEditable)
            number.setData(Qt.ItemDataRole.UserRole, pledge.id)
            title = QTableWidgetItem(pledge.title)
            title.setData(Qt.ItemDataRole.UserRole, pledge.id)
            self.pledges.setItem(row, 0, number)
            self.pledges.setItem(row, 1, title)
        used = {p.number for p in pledges}
        self.pledge_number.setValue(next(n for n in range(1, 1000) if n not in used))

    # --- actions -------------------------------------------------------------------------

    def _rename_level(self, depth: int, edit: QLineEdit) -> None:
        if self._filling:
            return
        names = self._level_names
        shown = names[depth] if depth < len(names) else None
        if edit.text() == shown:
            return
        if self.commands.set_level_name(depth, edit.text(), Seen(shown)):
            if depth < len(names):
                names[depth] = edit.text()  # what it wrote is what a further edit is made on
        else:
            self.reload()  # put back what the file holds

    def _add_level(self) -> None:
        depth = len(self.level_edits)
        self.commands.set_level_name(depth, f"Level {depth + 1}")

    def _symbol_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        field = EDITABLE_SYMBOL_FIELDS[item.column()]
        shown = self._symbol_rows[item.row()]  # as read: what the edit is made on
        seen = Seen(getattr(shown, "column_name" if field == "column" else field), name=shown.name)
        symbol_id = item.data(Qt.ItemDataRole.UserRole)
        if not self.commands.edit_symbol(symbol_id, field, item.text(), seen):
            self.reload()  # put back what the file holds
        else:  # what it wrote is what a further edit is made on, until it reads again
            written: dict[str, Any] = {field: item.text()}
            self._symbol_rows[item.row()] = dataclasses.replace(shown, **written)

    def _current_symbol(self) -> SymbolRow | None:
        row = self.symbols.currentRow()
        return self._symbol_rows[row] if 0 <= row < len(self._symbol_rows) else None

    def _select_symbol(self, symbol_id: int) -> None:
        row = next((n for n, s in enumerate(self._symbol_rows) if s.id == symbol_id), None)
        if row is not None:
            self.symbols.setCurrentCell(row, 0)

    def _add_symbol(self) -> None:
        new_id = self.commands.add_symbol(self._purpose())
        if new_id is not None:
            self.reload()
            self._select_symbol(new_id)
            name = self.symbols.item(self.symbols.currentRow(), 1)
            if name is not None:
                self.symbols.editItem(name)

    def _remove_symbol(self) -> None:
        symbol = self._current_symbol()
        if symbol is None:
            return
        move_to = None
        uses = self.reads.symbol_uses(symbol.id)
        if uses:
            others = [s for s in self._symbol_rows if s.id != symbol.id]
            ask = MoveJudgementsDialog(symbol, uses, others, self)
            self.move_dialog = ask
            accepted = ask.exec()
            self.move_dialog = None
            if not accepted:
                return
            move_to = ask.chosen()
        self.commands.remove_symbol(symbol.id, move_to)

    def _move_symbol(self, step: int) -> None:
        symbol = self._current_symbol()
        if symbol is not None and self.commands.move_symbol(symbol.id, step):
            self.reload()
            self._select_symbol(symbol.id)

    def _pledge_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 1:
            return
        shown = self._pledge_rows[item.row()].title  # as read: what the edit is made on
        if not self.commands.edit_pledge(
            item.data(Qt.ItemDataRole.UserRole), item.text(), Seen(shown)
        ):
            self.reload()
        else:  # what it wrote is what a further edit is made on, until it reads again
            self._pledge_rows[item.row()] = dataclasses.replace(
                self._pledge_rows[item.row()], title=item.text()
            )

    def _add_pledge(self) -> None:
        if self.commands.add_pledge(self.pledge_number.value(), self.pledge_title.text()):
            self.pledge_title.clear()

    def _remove_pledge(self) -> None:
        item = self.pledges.item(self.pledges.currentRow(), 0)
        if item is not None:
            self.commands.delete_pledge(item.data(Qt.ItemDataRole.UserRole))
