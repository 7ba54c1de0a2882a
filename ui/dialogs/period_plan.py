"""A new programme's reporting periods: the quarters, months or half-years of a financial
year from April, or one period the council names itself (the rest added later in
Programme ▸ Settings). What a pattern will make is shown beside the year as it changes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.dates import format_date, parse_date
from app.core.errors import ValidationError
from app.core.period_patterns import HALF_YEARS, MONTHS, QUARTERS, month_span, spans_of
from app.core.periods import EARLIEST_FINANCIAL_YEAR, LATEST_FINANCIAL_YEAR, financial_year_of
from app.core.programme_plan import SINGLE, PeriodPlan
from ui.dialogs.levels_editor import fit_height

CHOICES = (
    (QUARTERS, "Quarters of a financial year"),
    (MONTHS, "Months of a financial year"),
    (HALF_YEARS, "Half-years of a financial year"),
    (SINGLE, "One period you name"),
)


def _date(text: str, what: str) -> dt.date:
    if not text.strip():
        raise ValidationError(f"Please enter the date the period {what}, such as 1 November 2004.")
    return parse_date(text)


class PeriodPlanEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pattern = QComboBox()
        self.pattern.setObjectName("periodPattern")
        self.pattern.setAccessibleName("Reporting periods")
        for pattern, title in CHOICES:
            self.pattern.addItem(title, pattern)
        self.pages = QStackedWidget()

        self.year = QSpinBox()
        self.year.setObjectName("periodYear")
        self.year.setRange(EARLIEST_FINANCIAL_YEAR, LATEST_FINANCIAL_YEAR)
        self.year.setAccessibleName("Financial year from April")
        self.year.setPrefix("April ")
        self.year.setValue(financial_year_of(dt.date.today()))
        self.preview = QLabel()
        self.preview.setObjectName("periodPreview")
        self.preview.setWordWrap(True)
        year_page = QWidget()
        year_column = QVBoxLayout(year_page)
        year_column.setContentsMargins(0, 0, 0, 0)
        year_row = QHBoxLayout()
        self.year_label = QLabel("Financial &year from:")
        self.year_label.setBuddy(self.year)
        year_row.addWidget(self.year_label)
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        year_column.addLayout(year_row)
        year_column.addWidget(self.preview)
        self.pages.addWidget(year_page)

        self.label = QLineEdit()
        self.label.setObjectName("periodName")
        self.label.setAccessibleName("Period’s name")
        self.label.setPlaceholderText("November 2004")
        self.label.textEdited.connect(self._fill_month)
        self._filled = ("", "")  # the dates last filled in from the name
        self.start = QLineEdit()
        self.start.setObjectName("periodStart")
        self.start.setAccessibleName("Period starts")
        self.start.setPlaceholderText("1 November 2004")
        self.end = QLineEdit()
        self.end.setObjectName("periodEnd")
        self.end.setAccessibleName("Period ends")
        self.end.setPlaceholderText("30 November 2004")
        single_page = QWidget()
        single = QHBoxLayout(single_page)
        single.setContentsMargins(0, 0, 0, 0)
        for text, field in (("Na&me:", self.label), ("&From:", self.start), ("T&o:", self.end)):
            caption = QLabel(text)
            caption.setBuddy(field)
            single.addWidget(caption)
            single.addWidget(field, 1)
        self.pages.addWidget(single_page)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        pattern_label = QLabel("&Periods:")
        pattern_label.setBuddy(self.pattern)
        form.addRow(pattern_label, self.pattern)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.pages)
        self.pattern.currentIndexChanged.connect(self._pattern_chosen)
        self.year.valueChanged.connect(self._show_preview)
        self._show_preview()

    def chosen(self) -> str:
        return str(self.pattern.currentData())

    def choose(self, pattern: str) -> None:
        self.pattern.setCurrentIndex(self.pattern.findData(pattern))

    def plan(self) -> PeriodPlan:
        """The periods asked for; a date that cannot be read is refused with a sentence."""
        pattern = self.chosen()
        if pattern != SINGLE:
            return PeriodPlan(pattern, year=self.year.value())
        return PeriodPlan(
            SINGLE,
            label=self.label.text(),
            start=_date(self.start.text(), "starts"),
            end=_date(self.end.text(), "ends"),
        )

    def _pattern_chosen(self) -> None:
        self.pages.setCurrentIndex(1 if self.chosen() == SINGLE else 0)
        self._show_preview()
        window = self.window()
        if window is not self and window.isVisible():
            QTimer.singleShot(0, lambda: fit_height(window))

    def _show_preview(self) -> None:
        if self.chosen() == SINGLE:
            return
        spans = spans_of(self.chosen(), self.year.value())
        self.preview.setText(
            f"{len(spans)} periods, {spans[0].label} to {spans[-1].label} "
            f"({format_date(spans[0].start)} to {format_date(spans[-1].end)})"
        )

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
