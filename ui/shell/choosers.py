"""The toolbar's programme and period choosers.

They are refilled without signals (a refill is not a choice), and a period's label and end
are kept with it: the end decides the as-at date for "overdue" once the period is over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

if TYPE_CHECKING:
    import datetime as dt

    from app.read.queries import PeriodRow, ProgrammeRow


PUBLISHED = " (published)"


class Choosers(QToolBar):
    def __init__(self) -> None:
        super().__init__("Programme")
        self.setObjectName("programmeToolbar")
        programme_label = QLabel(" &Programme: ")
        self.programme_box = QComboBox()
        self.programme_box.setObjectName("programmeBox")
        self.programme_box.setAccessibleName("Programme")
        self.programme_box.setMinimumContentsLength(30)
        self.programme_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        programme_label.setBuddy(self.programme_box)
        period_label = QLabel("  P&eriod: ")
        self.period_box = QComboBox()
        self.period_box.setObjectName("periodBox")
        self.period_box.setAccessibleName("Reporting period")
        self.period_box.setMinimumContentsLength(28)  # "Quarter 1 2009/10 (published)"
        period_label.setBuddy(self.period_box)
        for widget in (programme_label, self.programme_box, period_label, self.period_box):
            self.addWidget(widget)
        self._period_ends: dict[int, dt.date] = {}

    def fill_programmes(self, programmes: list[ProgrammeRow], wanted: int | None) -> None:
        """Refill; choose ``wanted`` if there, else the first (the caller then shows it)."""
        box = self.programme_box
        box.blockSignals(True)
        box.clear()
        for programme in programmes:
            box.addItem(programme.name, programme.id)
        index = box.findData(wanted) if wanted is not None else -1
        box.setCurrentIndex(max(0, index) if programmes else -1)
        box.blockSignals(False)

    def fill_periods(self, periods: list[PeriodRow], wanted: int | None) -> None:
        """Refill; choose ``wanted`` if there, else the latest."""
        box = self.period_box
        box.blockSignals(True)
        box.clear()
        self._period_ends = {period.id: period.end for period in periods}
        for period in periods:
            box.addItem(period.label + (PUBLISHED if period.published else ""), period.id)
        index = box.findData(wanted)
        box.setCurrentIndex(index if index >= 0 else len(periods) - 1)
        box.blockSignals(False)

    def clear(self) -> None:
        self.fill_programmes([], None)
        self.fill_periods([], None)

    def period_id(self) -> int | None:
        value = self.period_box.currentData()
        return int(value) if value is not None else None

    def period_label(self) -> str:
        return self.period_box.currentText().removesuffix(PUBLISHED)

    def period_end(self) -> dt.date | None:
        period = self.period_id()
        return self._period_ends.get(period) if period is not None else None

    def period_published(self) -> bool:
        return self.period_box.currentText().endswith(PUBLISHED)
