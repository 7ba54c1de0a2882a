"""The Periods tab of Programme ▸ Settings: the programme's reporting periods, in the order
they start, with who published each; one named period or a whole year of quarters, months
or half-years added; a period renamed or given new dates in its row (F2); and an unused
one removed. Every change is one step of Edit ▸ Undo.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.dates import format_date
from app.core.period_patterns import HALF_YEARS, MONTHS, QUARTERS, month_span
from app.core.periods import (
    EARLIEST_FINANCIAL_YEAR,
    LATEST_FINANCIAL_YEAR,
    financial_year_label,
    financial_year_of,
)
from app.read.queries import PeriodRow
from ui.commands.settings import SettingsCommands
from ui.table_model import RowTableModel

LABEL, START, END, STATUS = range(4)
Index = QModelIndex | QPersistentModelIndex


def published_text(period: PeriodRow) -> str:
    """``Published by Jane Smith on 17 August 2009`` (the day where the user is)."""
    if not period.published:
        return "Open"
    who = f" by {period.published_by}" if period.published_by else ""
    when = ""
    if period.published_at:
        try:
            day = dt.datetime.fromisoformat(period.published_at).astimezone().date()
            when = f" on {format_date(day)}"
        except ValueError:  # a file from elsewhere: say what can be said
            when = ""
    return f"Published{who}{when}"


class PeriodsModel(RowTableModel):
    """The periods, as the file orders them (by start); an open period's name and dates are
    edited in place, a published one's are frozen with its report."""

    HEADERS = ("Period", "From", "To", "Status")

    def __init__(self, commands: SettingsCommands, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.commands = commands

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        period: PeriodRow | None = self.row_at(index)
        if period is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            column = index.column()
            if column == LABEL:
                return period.label
            if column in (START, END):
                return format_date(period.start if column == START else period.end)
            return published_text(period)
        if role == Qt.ItemDataRole.ToolTipRole and period.published:
            return "Published: reopen it to change its name or dates."
        return None

    def extra_flags(self, row: Any, column: int) -> Qt.ItemFlag:
        if column != STATUS and not row.published:
            return Qt.ItemFlag.ItemIsEditable
        return Qt.ItemFlag.NoItemFlags

    def set_cell(self, row: Any, column: int, value: Any, role: int) -> bool:
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value)
        periods = self.commands.periods
        if column == LABEL:
            return periods.rename(row.id, text)
        if column == START:
            return periods.set_dates(row.id, text, format_date(row.end))
        if column == END:
            return periods.set_dates(row.id, format_date(row.start), text)
        return False


class PeriodsTab(QWidget):
    def __init__(self, commands: SettingsCommands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commands = commands
        self.model = PeriodsModel(commands, self)
        self.view = QTableView()
        self.view.setObjectName("periodsTable")
        self.view.setAccessibleName("Reporting periods")
        self.view.setModel(self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTabKeyNavigation(False)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(LABEL, 190)
        self.view.setColumnWidth(START, 150)
        self.view.setColumnWidth(END, 150)

        self.label = self._field("Period’s name", "November 2004")
        self.start = self._field("Period starts", "1 November 2004")
        self.end = self._field("Period ends", "30 November 2004")
        self.add_button = QPushButton("&Add period")
        self.add_button.clicked.connect(self._add_period)
        for field in (self.label, self.start, self.end):
            field.returnPressed.connect(self._add_period)
        self.label.textEdited.connect(self._fill_month)
        self._filled = ("", "")  # the dates last filled in from the name
        one = QGridLayout()
        for column, (text, field) in enumerate(
            (("&Name:", self.label), ("&From:", self.start), ("T&o:", self.end))
        ):
            caption = QLabel(text)
            caption.setBuddy(field)
            one.addWidget(caption, 0, 2 * column)
            one.addWidget(field, 0, 2 * column + 1)
        one.addWidget(self.add_button, 0, 6)

        self.year = QSpinBox()
        self.year.setRange(EARLIEST_FINANCIAL_YEAR, LATEST_FINANCIAL_YEAR)
        self.year.setAccessibleName("Financial year starting")
        self.year.setValue(financial_year_of(dt.date.today()))
        self.year.valueChanged.connect(self._show_year)
        year_label = QLabel("Financial &year from April")
        year_label.setBuddy(self.year)
        self.year_name = QLabel()
        whole = QHBoxLayout()
        whole.addWidget(year_label)
        whole.addWidget(self.year)
        whole.addWidget(self.year_name)
        self.year_buttons: dict[str, QPushButton] = {}
        for pattern, text in (
            (QUARTERS, "Add its &quarters"),
            (MONTHS, "Add its &months"),
            (HALF_YEARS, "Add its &half-years"),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, p=pattern: self._add_year(p))
            whole.addWidget(button)
            self.year_buttons[pattern] = button
        whole.addStretch(1)

        self.publish = QPushButton("P&ublish")
        self.publish.clicked.connect(lambda: self._publish(True))
        self.reopen = QPushButton("&Reopen")
        self.reopen.clicked.connect(lambda: self._publish(False))
        self.remove = QPushButton("Remo&ve period")
        self.remove.setToolTip("Only a period nothing uses yet can be removed.")
        self.remove.clicked.connect(self._remove)
        actions = QHBoxLayout()
        for button in (self.publish, self.reopen, self.remove):
            actions.addWidget(button)
        actions.addStretch(1)

        hint = QLabel(
            "Periods are listed in the order they start. To rename one or change its dates, "
            "double-click it or select it and press F2; dates are written like 17 August 2009."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(hint)
        add_one = QLabel("<b>Add one period</b> the programme names itself:")
        layout.addWidget(add_one)
        layout.addLayout(one)
        layout.addWidget(QLabel("<b>Add a whole year</b> of periods:"))
        layout.addLayout(whole)
        self._show_year()

    def _field(self, name: str, example: str) -> QLineEdit:
        field = QLineEdit()
        field.setAccessibleName(name)
        field.setPlaceholderText(example)
        return field

    # --- filling ---------------------------------------------------------------------------

    def fill(self, periods: list[PeriodRow]) -> None:
        """Show the periods, keeping the selected one selected wherever it now is."""
        chosen = self.selected()
        self.model.replace_rows(periods)
        row = next((n for n, p in enumerate(periods) if p.id == chosen), None)
        if row is None and periods:
            row = min(max(self.view.currentIndex().row(), 0), len(periods) - 1)
        if row is not None:
            self.view.selectRow(row)
        if periods:
            last = periods[-1].start
            self.year.setValue(financial_year_of(last) + 1)
        self._update_buttons()

    def _show_year(self) -> None:
        self.year_name.setText(f"({financial_year_label(self.year.value())})")

    def selected(self) -> int | None:
        period: PeriodRow | None = self.model.row_at(self.view.currentIndex())
        return period.id if period else None

    def _update_buttons(self) -> None:
        period: PeriodRow | None = self.model.row_at(self.view.currentIndex())
        self.publish.setEnabled(period is not None and not period.published)
        self.reopen.setEnabled(period is not None and period.published)
        self.remove.setEnabled(period is not None and not period.published)

    # --- actions ---------------------------------------------------------------------------

    def _fill_month(self) -> None:
        """A name that is a month ("November 2004") gives the dates as it is typed, unless
        other dates have been typed."""
        span = month_span(self.label.text())
        dates = (self.start.text(), self.end.text())
        if dates != self._filled and any(text.strip() for text in dates):
            return
        self._filled = (format_date(span[0]), format_date(span[1])) if span else ("", "")
        self.start.setText(self._filled[0])
        self.end.setText(self._filled[1])

    def _add_period(self) -> None:
        periods = self.commands.periods
        if periods.add_period(self.label.text(), self.start.text(), self.end.text()):
            for field in (self.label, self.start, self.end):
                field.clear()
            self._filled = ("", "")
            self.label.setFocus()

    def _add_year(self, pattern: str) -> None:
        self.commands.periods.add_year(self.year.value(), pattern)

    def _publish(self, publish: bool) -> None:
        """Confirmed with what publishing freezes; a reopening asks why (ui.dialogs.publish)."""
        from ui.dialogs.publish import PublishDialog, ReopenDialog

        period: PeriodRow | None = self.model.row_at(self.view.currentIndex())
        if period is None:
            return
        if publish:
            if PublishDialog(period.label, self).exec():
                self.commands.periods.publish(period.id)
            return
        ReopenDialog(
            period.label,
            published_text(period),
            lambda reason: self.commands.periods.reopen(period.id, reason),
            self,
        ).exec()

    def _remove(self) -> None:
        period = self.selected()
        if period is not None:
            self.commands.delete_period(period)
