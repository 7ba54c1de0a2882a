"""The trend chart under the indicators table: the selected indicator's actuals against its
targets and national average, painted by ``app.reports.chart`` as the reports paint it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.read.kpis import Series


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.series: Series | None = None
        self.setMinimumHeight(200)

    def set_series(self, series: Series | None) -> None:
        self.series = series
        self.setAccessibleName("Trend chart")
        described = ""
        if series is not None:
            # The chart (and the report code it shares) is imported when an indicator is
            # chosen, not when a file opens.
            from app.reports import chart

            described = chart.describe(series)
        self.setAccessibleDescription(described)
        self.setToolTip(described)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.series is None:
            painter.drawText(
                self.rect(),
                int(Qt.AlignmentFlag.AlignCenter),
                "Select an indicator to see its trend",
            )
        else:
            from app.reports import chart

            chart.paint(painter, self.width(), self.height(), self.series)
        painter.end()
