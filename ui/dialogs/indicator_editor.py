"""The indicator editor: a new indicator, or everything about one, saved as one undo step.

Code, measure, who is responsible (anyone in the file, or a new name), the unit it is
measured in, which way is better, its group, and per financial year its target and the
national average. Nothing is saved until Save; a value refused by the service is explained
in the dialog, which stays open with everything as typed.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError
from app.core.kpi_units import UNITS, measure_name, question
from app.core.kpi_values import parse_value
from app.core.periods import financial_year_label
from app.read.kpi_setup import GroupRow, IndicatorSpec, SetupView, YearValue
from ui.commands.kpi_setup import KpiSetupCommands
from ui.dialogs.fit import fit_to_screen
from ui.table_model import Index, RowTableModel

YEAR, TARGET, AVERAGE = range(3)
POLARITIES = (
    ("Higher is better", "higher"),
    ("Lower is better", "lower"),
    ("Neither (no better direction)", None),
)
NOT_SET = "Not set (any value)"
NO_GROUP = "No group (top of the table)"


class YearRow(NamedTuple):
    id: int  # the financial year (RowTableModel keys rows by id)
    target: YearValue | None
    average: YearValue | None
    in_plan: bool  # a target may be set: the year is one of the programme's


class YearValuesModel(RowTableModel):
    """Targets and national averages per financial year, as typed; saved with the dialog."""

    HEADERS = ("Financial year", "Target", "National average")

    def __init__(self, rows: list[YearRow], plan: tuple[int, int] | None) -> None:
        super().__init__()
        self.plan = plan
        self.replace_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == YEAR:
                return financial_year_label(row.id)
            value = row.target if column == TARGET else row.average
            return value.text if value else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == TARGET and not row.in_plan:
            if self.plan is None:
                return "The programme has no periods yet, so it has no years to set targets for."
            first, last = (financial_year_label(y) for y in self.plan)
            return f"Targets are for the programme’s own years, {first} to {last}."
        if role == Qt.ItemDataRole.ForegroundRole and column == TARGET and not row.in_plan:
            return Qt.GlobalColor.gray
        return None

    def extra_flags(self, row: Any, column: int) -> Qt.ItemFlag:
        if column == AVERAGE or (column == TARGET and row.in_plan):
            return Qt.ItemFlag.ItemIsEditable
        return Qt.ItemFlag.NoItemFlags

    def set_cell(self, row: Any, column: int, value: Any, role: int) -> bool:
        if role != Qt.ItemDataRole.EditRole or column == YEAR:
            return False
        text = " ".join(str(value or "").split())
        old = row.target if column == TARGET else row.average
        new = YearValue(text, old.note if old else None) if text else None
        number = self.rows.index(row)
        self.rows[number] = row._replace(**{"target" if column == TARGET else "average": new})
        self.dataChanged.emit(self.index(number, column), self.index(number, column))
        return True

    def values(self, column: int) -> dict[int, YearValue]:
        found = ((r.id, r.target if column == TARGET else r.average) for r in self.rows)
        return {year: value for year, value in found if value is not None}


def year_rows(view: SetupView, spec: IndicatorSpec | None) -> list[YearRow]:
    """The programme's years and the two before them (national averages are usually a
    year or two behind), and any other year the indicator already has a value for."""
    targets = dict(spec.targets) if spec else {}
    averages = dict(spec.national_averages) if spec else {}
    first, last = view.plan_years or (view.this_year, view.this_year)
    years = set(range(first - 2, last + 1)) | set(targets) | set(averages)
    plan = view.plan_years
    return [
        YearRow(
            year,
            targets.get(year),
            averages.get(year),
            plan is not None and plan[0] <= year <= plan[1],
        )
        for year in sorted(years)
    ]


def group_paths(groups: list[GroupRow]) -> dict[int, str]:
    """Each group named with the groups it is in: “Priority Service Objectives › LAA”."""
    paths: dict[int, str] = {}
    for group in groups:  # in table order: a parent before its children
        parent = paths.get(group.parent_id) if group.parent_id is not None else None
        paths[group.id] = f"{parent} › {group.name}" if parent else group.name
    return paths


class IndicatorEditor(QDialog):
    def __init__(
        self,
        setup: KpiSetupCommands,
        indicator_id: int | None = None,
        group_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """A new indicator (in ``group_id``) when ``indicator_id`` is None."""
        super().__init__(parent)
        self.setup = setup
        self.indicator_id = indicator_id
        self.view = setup.view(indicator_id)
        self.original = self.view.indicator.spec if self.view.indicator else None
        self.saved_id: int | None = None  # the new indicator's id once added
        spec = self.original
        self.setObjectName("indicatorEditor")
        self.setWindowTitle(
            f"Edit indicator – {measure_name(spec.code, spec.title)}" if spec else "Add indicator"
        )

        self.code = QLineEdit((spec.code or "") if spec else "")
        self.code.setObjectName("codeEdit")
        self.code.setPlaceholderText("e.g. NI 14 (optional)")
        self.title = QLineEdit(spec.title if spec else "")
        self.title.setObjectName("measureEdit")
        self.title.setPlaceholderText("What is measured, as the report names it")
        self.responsible = QComboBox()
        self.responsible.setObjectName("responsibleBox")
        self.responsible.setEditable(True)
        self.responsible.addItem("")
        self.responsible.addItems(self.view.people)
        self.responsible.setCurrentText((spec.responsible or "") if spec else "")
        typed = self.responsible.lineEdit()
        assert typed is not None  # an editable combo box has one
        typed.setPlaceholderText("Anyone in the file, or a new name")
        self.unit = QComboBox()
        self.unit.setObjectName("unitBox")
        self.unit.addItem(NOT_SET, None)
        for unit, name in UNITS.items():
            self.unit.addItem(name, unit)
        if spec and spec.unit and spec.unit not in UNITS:  # a unit from an older import: kept
            self.unit.addItem(spec.unit, spec.unit)
        self.unit.setCurrentIndex(max(0, self.unit.findData(spec.unit if spec else None)))
        self.polarity = QComboBox()
        self.polarity.setObjectName("polarityBox")
        for name, value in POLARITIES:
            self.polarity.addItem(name, value)
        self.polarity.setCurrentIndex(
            max(0, self.polarity.findData(spec.polarity if spec else "higher"))
        )
        self.group = QComboBox()
        self.group.setObjectName("groupBox")
        self.group.addItem(NO_GROUP, None)
        for group_key, path in group_paths(self.view.groups).items():
            self.group.addItem(path, group_key)
        chosen = spec.group_id if spec else group_id
        self.group.setCurrentIndex(max(0, self.group.findData(chosen)))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (
            ("&Code:", self.code),
            ("&Measure:", self.title),
            ("&Responsible:", self.responsible),
            ("&Unit:", self.unit),
            ("&Polarity:", self.polarity),
            ("&Group:", self.group),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)

        self.years = YearValuesModel(year_rows(self.view, spec), self.view.plan_years)
        self.years_view = QTableView()
        self.years_view.setObjectName("yearsTable")
        self.years_view.setAccessibleName("Targets and national averages by financial year")
        self.years_view.setModel(self.years)
        self.years_view.verticalHeader().setVisible(False)
        self.years_view.verticalHeader().setDefaultSectionSize(24)
        self.years_view.setTabKeyNavigation(False)
        self.years_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.years_view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.years_view.horizontalHeader()
        header.setSectionResizeMode(YEAR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AVERAGE, QHeaderView.ResizeMode.Stretch)
        first_editable = next((n for n, r in enumerate(self.years.rows) if r.in_plan), 0)
        self.years_view.setCurrentIndex(self.years.index(first_editable, TARGET))
        years_label = QLabel(
            "&Targets and national averages (as written: 25.6%, £1,200, 12 days, -):"
        )
        years_label.setWordWrap(True)
        years_label.setBuddy(self.years_view)

        self.error = QLabel()
        self.error.setObjectName("editorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8A1020;")
        self.error.setAccessibleName("What is wrong")
        self.error.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Add" if spec is None else "&Save")
        self.save_button.setObjectName("saveIndicator")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(years_label)
        layout.addWidget(self.years_view)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        shown = min(len(self.years.rows), 5)  # the table fits its years; more scroll
        fits = header.sizeHint().height() + 24 * shown + 2 * self.years_view.frameWidth()
        self.years_view.setMinimumHeight(fits)
        if shown == len(self.years.rows):
            self.years_view.setMaximumHeight(fits)
        fit_to_screen(self, QSize(640, self.sizeHint().height()))
        setup.run.errorRaised.connect(self._show_error)
        (self.code if spec else self.title).setFocus()

    # --- saving --------------------------------------------------------------------------------

    def spec(self) -> IndicatorSpec:
        """What the dialog now says, as the service takes it."""
        return IndicatorSpec(
            code=self.code.text(),
            title=self.title.text(),
            responsible=self.responsible.currentText(),
            unit=self.unit.currentData(),
            polarity=self.polarity.currentData(),
            group_id=self.group.currentData(),
            targets=self.years.values(TARGET),
            national_averages=self.years.values(AVERAGE),
        )

    def questions(self, spec: IndicatorSpec) -> list[str]:
        """What to ask before saving: each new or changed value that may not mean what it says
        (every value, when the unit changes)."""
        before = self.original
        unit_changed = before is None or before.unit != spec.unit
        measure = measure_name((spec.code or "").strip() or None, spec.title.strip())
        asked: list[str] = []
        for values, old in (
            (spec.targets, before.targets if before else {}),
            (spec.national_averages, before.national_averages if before else {}),
        ):
            for year, value in sorted(values.items()):
                if not unit_changed and old.get(year) == value:
                    continue
                try:
                    parsed = parse_value(value.text)
                except ValidationError:
                    continue  # refused when saved, with the reason
                if ask := question(parsed, spec.unit, measure):
                    asked.append(f"{financial_year_label(year)}: {ask}")
        return asked

    def accept(self) -> None:
        self._commit_cell()
        self.error.hide()
        spec = self.spec()
        asked = self.questions(spec)
        if asked:
            answer = QMessageBox.question(
                self,
                "Keep these values?",
                "\n\n".join(asked),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        # Every question has been asked (or had been, when the value was first kept).
        if self.indicator_id is None:
            self.saved_id = self.setup.add_indicator(spec, confirmed=True)
            saved = self.saved_id is not None
        else:
            saved = self.setup.update_indicator(
                self.indicator_id, spec, confirmed=True, shown=self.original
            )
        if saved:
            super().accept()

    def _commit_cell(self) -> None:
        view = self.years_view
        if view.state() == QAbstractItemView.State.EditingState:
            # The dialog's focus widget: the application's is None while it is not active.
            editor = self.focusWidget()
            if editor is not None and view.isAncestorOf(editor):
                view.commitData(editor)
                view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def done(self, result: int) -> None:
        self.setup.run.errorRaised.disconnect(self._show_error)
        super().done(result)
