"""The indicators view: Table 3 as an editable table, with a trend chart of the selected row.

Values are typed as councils write them ("25.6%", "Baseline Year"); the status shown is the
manager's if set (with the reason), else the one worked out from actual, target, polarity
and the programme's tolerance. Every edit is saved at once and is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.conflicts import Seen
from app.read.kpis import KpiRow, KpiTable
from app.read.queries import SymbolRow
from ui.commands.kpis import KpiCommands
from ui.commands.reads import Reads
from ui.panes.kpi_words import status_summary, unit_question
from ui.panes.trend_chart import TrendChart
from ui.table_model import Index, RowTableModel

(
    CODE,
    MEASURE,
    RESPONSIBILITY,
    PRIOR,
    NATIONAL,
    TARGET_1,
    TARGET_2,
    TARGET_3,
    ACTUAL,
    NOTE,
    STATUS,
    SINCE_PERIOD,
    SINCE_YEAR,
    COMMENT,
) = range(14)
ARROWS = {"improved": "↑ improved", "same": "→ same", "worse": "↓ worse"}
COMPUTED = "computed"
RowRole = Qt.ItemDataRole.UserRole + 1
_GROUP_FONT = QFont()
_GROUP_FONT.setBold(True)


def _fy(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


class IndicatorModel(RowTableModel):
    def __init__(self, reads: Reads, kpis: KpiCommands) -> None:
        super().__init__()
        self.reads = reads
        self.kpis = kpis
        self.table: KpiTable | None = None
        self.read_only = reads.read_only
        # Asks whether to keep an ambiguous value (0.52 for a percentage); the pane answers.
        self.ask: Callable[[str], bool] = lambda _question: False

    def reload(self) -> None:
        table = self.reads.kpi_table()
        rows = table.rows if table else []
        same_year = self.table is not None and table is not None and table.year == self.table.year

        def switch() -> None:
            self.table = table

        if same_year:
            switch()
        self.replace_rows(
            rows, in_place=same_year, key=lambda r: (r.kind, r.id), before_reset=switch
        )
        if not same_year:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COMMENT)

    def symbol(self, glyph: str | None) -> SymbolRow | None:
        if not glyph or self.table is None:
            return None
        return next((s for s in self.table.symbols if s.glyph == glyph), None)

    # --- Qt model ---------------------------------------------------------------------------

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COMMENT + 1

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        year = self.table.year if self.table else 0
        period = self.table.period_label if self.table else "Period"
        names = {
            CODE: "Code",
            MEASURE: "Measure",
            RESPONSIBILITY: "Responsibility",
            PRIOR: f"Actual\n{_fy(year - 1)}",
            NATIONAL: "National\naverage",
            TARGET_1: f"Target\n{_fy(year)}",
            TARGET_2: f"Target\n{_fy(year + 1)}",
            TARGET_3: f"Target\n{_fy(year + 2)}",
            ACTUAL: f"Actual\n{period}",
            NOTE: "Note on\nactual",
            STATUS: "Performance\nagainst target",
            SINCE_PERIOD: "Since last\nperiod",
            SINCE_YEAR: "Since a\nyear ago",
            COMMENT: "Comment on performance",
        }
        return names.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == RowRole:
            return row
        if row.kind == "group":
            if role == Qt.ItemDataRole.DisplayRole and column == CODE:
                return row.name
            if role == Qt.ItemDataRole.FontRole:
                return _GROUP_FONT
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#EFEFEF"))
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            symbol = self.symbol(row.glyph)
            return QBrush(QColor(symbol.colour)) if symbol else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATUS:
                worked = f"Worked out: {row.computed.value}"
                if row.override_glyph:
                    return f"Set by hand: {row.reason}\n{worked}"
                return worked
            if column == NATIONAL and row.national_year:
                return f"National average for {_fy(row.national_year)}"
        return None

    def _text(self, row: KpiRow, column: int, editing: bool) -> str:
        if column == CODE:
            return row.code or ""
        if column == MEASURE:
            return row.name
        if column == RESPONSIBILITY:
            return row.responsible or ""
        if column == PRIOR:
            return row.prior_actual or ""
        if column == NATIONAL:
            if not row.national_average:
                return ""
            if (
                editing
                or not row.national_year
                or not self.table
                or row.national_year == self.table.year - 1
            ):
                return row.national_average
            return f"{row.national_average} ({_fy(row.national_year)})"
        if column in (TARGET_1, TARGET_2, TARGET_3):
            return row.targets[column - TARGET_1] or ""
        if column == ACTUAL:
            return row.actual or ""
        if column == NOTE:
            return row.note or ""
        if column == STATUS:
            symbol = self.symbol(row.glyph)
            if editing:
                return row.override_glyph or COMPUTED
            if symbol is None:
                return ""
            return f"{symbol.glyph}  {symbol.name}" + (
                "  (set by hand)" if row.override_glyph else ""
            )
        if column == SINCE_PERIOD:
            return ARROWS.get(row.since_last_period or "", "")
        if column == SINCE_YEAR:
            return ARROWS.get(row.since_last_year or "", "")
        if column == COMMENT:
            return row.comment or ""
        return ""

    def extra_flags(self, row: Any, column: int) -> Qt.ItemFlag:
        computed = column in (SINCE_PERIOD, SINCE_YEAR)
        if row.kind == "indicator" and not self.read_only and not computed:
            return Qt.ItemFlag.ItemIsEditable
        return Qt.ItemFlag.NoItemFlags

    def set_cell(self, row: Any, column: int, value: Any, role: int) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.table is None:
            return False
        text = str(value) if value is not None else ""
        c = self.kpis
        if column == CODE:
            return c.set_field(row.id, "code", text, Seen(row.code))
        if column == MEASURE:
            return c.set_field(row.id, "title", text, Seen(row.name))
        if column == RESPONSIBILITY:
            return c.set_field(row.id, "responsibility", text, Seen(row.responsible))
        if column in (PRIOR, NATIONAL, TARGET_1, TARGET_2, TARGET_3, ACTUAL):
            return self._set_value(row, column, text)
        if column == NOTE:
            return c.set_result(row.id, "note", text, shown=Seen(row.note))
        if column == COMMENT:
            return c.set_result(row.id, "comment", text, shown=Seen(row.comment))
        if column == STATUS:
            glyph, reason = value if isinstance(value, tuple) else (value, None)
            shown = Seen((row.override_glyph, row.reason if row.override_glyph else None))
            if glyph in (None, "", COMPUTED):
                return c.set_status(row.id, None, None, shown)
            return c.set_status(row.id, glyph, reason, shown)
        return False

    def _set_value(self, row: KpiRow, column: int, text: str, confirmed: bool = False) -> bool:
        """A target, actual or national average. One that needs the person's word (0.52 for
        a percentage) is asked about once the editor has closed, as the status's reason is,
        and saved only if they say so."""
        assert self.table is not None
        if not confirmed and (ask := unit_question(text, row)):
            QTimer.singleShot(0, lambda: self.ask(ask) and self._set_value(row, column, text, True))
            return False
        c, year = self.kpis, self.table.year
        if column == PRIOR:
            return c.set_yearly(
                row.id, "outturn", year - 1, text, confirmed, Seen(row.prior_actual)
            )
        if column == NATIONAL:
            year = row.national_year or year - 1
            shown = Seen(row.national_average)
            return c.set_yearly(row.id, "national_average", year, text, confirmed, shown)
        if column == ACTUAL:
            return c.set_result(row.id, "actual", text, confirmed, Seen(row.actual))
        target = column - TARGET_1
        shown = Seen(row.targets[target] if target < len(row.targets) else None)
        return c.set_yearly(row.id, "target", year + target, text, confirmed, shown)


class StatusDelegate(QStyledItemDelegate):
    """Status: the worked-out one, or a symbol of the KPI key chosen by hand with a reason."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Performance against target")
        model = index.model()
        while hasattr(model, "sourceModel"):
            model = model.sourceModel()
        model = cast(IndicatorModel, model)  # under any proxies
        combo.addItem("As worked out from the actual and target", COMPUTED)
        for symbol in model.table.symbols if model.table else []:
            combo.addItem(f"{symbol.glyph}  {symbol.name}", symbol.glyph)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        glyph = editor.currentData()
        if glyph == COMPUTED:
            model.setData(index, COMPUTED)
            return
        row = index.data(RowRole)
        target = QPersistentModelIndex(index)
        window = editor.window()
        # Ask once the editor has closed: a modal dialog run inside the editor's commit, and
        # the model reset that saving the status causes, would pull the index out from under
        # the closing editor (a crash when the view is next touched, seen on a busy machine).
        QTimer.singleShot(0, lambda: self._ask_reason(window, model, target, glyph, row.reason))

    @staticmethod
    def _ask_reason(
        window: QWidget, model: Any, target: QPersistentModelIndex, glyph: str, reason: str | None
    ) -> None:
        if not target.isValid():
            return
        text, ok = QInputDialog.getText(
            window,
            "Why is the status set by hand?",
            "Reason (shown with the status, e.g. “an improvement plan is in place”):",
            text=reason or "",
        )
        if ok and target.isValid():
            model.setData(model.index(target.row(), target.column()), (glyph, text))


class IndicatorsPane(QWidget):
    def __init__(self, reads: Reads, kpis: KpiCommands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reads = reads
        self.kpis = kpis
        self.setObjectName("indicatorsPane")
        self.model = IndicatorModel(reads, kpis)
        self.model.ask = self._ask
        self.view = QTableView()
        self.view.setObjectName("indicatorsTable")
        self.view.setAccessibleName("Key performance indicators")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(STATUS, StatusDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        widths = {
            CODE: 58,
            MEASURE: 250,
            RESPONSIBILITY: 135,
            PRIOR: 72,
            NATIONAL: 86,
            TARGET_1: 74,
            TARGET_2: 74,
            TARGET_3: 74,
            ACTUAL: 112,
            NOTE: 100,
            STATUS: 200,
            SINCE_PERIOD: 86,
            SINCE_YEAR: 86,
            COMMENT: 300,
        }
        self.view.verticalHeader().setDefaultSectionSize(24)
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.chart = TrendChart()
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setAccessibleName("Tolerance")
        self.tolerance.setRange(0, 100)
        self.tolerance.setDecimals(1)
        self.tolerance.setSuffix(" % of target")
        self.tolerance.editingFinished.connect(
            lambda: self.kpis.set_tolerance(self.tolerance.value())
        )
        top = QHBoxLayout()
        label = QLabel("Off target by no more than")
        label.setBuddy(self.tolerance)
        top.addWidget(label)
        top.addWidget(self.tolerance)
        top.addWidget(QLabel("counts as within tolerance."))
        top.addStretch(1)
        self.status_summary = QLabel()
        self.status_summary.setObjectName("kpiStatusSummary")
        self.status_summary.setAccessibleName("Measures by status")
        # Wrapped, so that a long count of statuses never makes the window wider than a
        # laptop's screen at 150% (911 px across).
        self.status_summary.setWordWrap(True)
        top.addWidget(self.status_summary, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.chart)
        splitter.setSizes([420, 220])
        # The commands that add, edit and delete indicators and groups put their buttons here
        # (ui.shell.indicator_actions): they open dialogs, which a pane does not.
        self.tools = QHBoxLayout()
        self.tools.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.tools)
        layout.addWidget(splitter, 1)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        reads.run.indicatorsChanged.connect(self.reload)
        self.reload()

    def set_period_published(self, published: bool) -> None:
        """A published period's results, statuses and comments are read, not edited: the
        cells stop being editable and the table is drawn greyed until the period is
        reopened."""
        self.model.read_only = self.reads.read_only or published
        self.view.setStyleSheet("QTableView { color: palette(dark); }" if published else "")
        self.view.setToolTip(
            "This period is published: reopen it (Programme ▸ Reopen Period…) to change its "
            "results."
            if published
            else ""
        )

    def reload(self) -> None:
        self.model.reload()
        self.status_summary.setText(status_summary(self.model.table))
        for number, row in enumerate(self.model.rows):
            span = self.view.columnSpan(number, 0)
            if row.kind == "group" and span == 1:
                self.view.setSpan(number, 0, 1, COMMENT + 1)
            elif row.kind != "group" and span != 1:
                self.view.setSpan(number, 0, 1, 1)
        if self.model.table is not None:
            self.tolerance.blockSignals(True)
            self.tolerance.setValue(self.model.table.tolerance)
            self.tolerance.blockSignals(False)
        self._row_changed(self.view.currentIndex(), None)

    def _row_changed(self, current: Any, _previous: Any) -> None:
        row = current.data(RowRole) if current is not None and current.isValid() else None
        if row is None or row.kind != "indicator":
            self.chart.set_series(None)
            return
        self.chart.set_series(self.reads.kpi_series(row.id))

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Keep this value?",
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def current_row(self) -> KpiRow | None:
        row = self.model.row_at(self.view.currentIndex())
        return cast(KpiRow, row) if row is not None else None

    def select_row(self, kind: str, row_id: int) -> bool:
        """Make a group's or an indicator's row the current one; False if it is not shown."""
        for number, row in enumerate(self.model.rows):
            if (row.kind, row.id) == (kind, row_id):
                self.view.setCurrentIndex(
                    self.model.index(number, CODE if kind == "group" else MEASURE)
                )
                self.view.scrollTo(self.view.currentIndex())
                return True
        return False

    def commit_open_editor(self) -> None:
        """Save the cell being typed in, if any (before a dialog opens over the table)."""
        if self.view.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.view.focusWidget()  # the view's own, active window or not
        if editor is not None and self.view.isAncestorOf(editor):
            self.view.commitData(editor)
            self.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def select_indicator(self, code_or_title: str) -> int:
        for number, row in enumerate(self.model.rows):
            if row.kind == "indicator" and code_or_title in (row.code, row.name):
                self.view.setCurrentIndex(self.model.index(number, MEASURE))
                return number
        raise KeyError(code_or_title)
