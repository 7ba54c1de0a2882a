"""The trend chart of one indicator, painted with QPainter (QtGui only).

Painted rather than drawn with Qt Charts: Qt Charts is not in PySide6-Essentials; it would
add about 3.3 MB to the executable (libQt6Charts 2.29 MB + binding 1.01 MB, measured from the
6.12.0 wheel) for one line chart. The same painting serves the window (a QWidget calls
:func:`paint`) and reports (:func:`png`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from app.read.kpis import Series

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

ACTUAL, TARGET, AVERAGE, AXIS = "#1F5FAD", "#2E7D32", "#7A7A7A", "#333333"


def describe(series: Series) -> str:
    """The chart in words, for screen readers and for the report beside the image."""
    if not series.points:
        return f"{series.title}: no actuals recorded yet."
    parts = [f"{label} {value:g}{series.unit or ''}" for label, _end, value in series.points]
    text = f"{series.title}: actuals " + ", ".join(parts) + "."
    if series.targets:
        text += (
            " Targets "
            + ", ".join(
                f"{start.year}/{str(start.year + 1)[2:]} {value:g}{series.unit or ''}"
                for start, _end, value in series.targets
            )
            + "."
        )
    if series.national_average:
        year, value = series.national_average
        text += f" National average ({year}/{str(year + 1)[2:]}) {value:g}{series.unit or ''}."
    return text


def paint(painter: QPainter, width: int, height: int, series: Series) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPen

    p = painter
    p.setRenderHint(p.RenderHint.Antialiasing)
    p.fillRect(0, 0, width, height, QColor("white"))
    font = QFont("Arial", 8)
    p.setFont(font)
    left, right, top, bottom = 48, 14, 26, 40
    plot = QRectF(left, top, max(width - left - right, 10), max(height - top - bottom, 10))
    title = QFont("Arial", 9)
    title.setBold(True)
    p.setFont(title)
    p.setPen(QColor(AXIS))
    p.drawText(QRectF(0, 2, width, 20), int(Qt.AlignmentFlag.AlignHCenter), series.title[:90])
    p.setFont(font)
    values = [v for _l, _e, v in series.points] + [v for _s, _e, v in series.targets]
    if series.national_average:
        values.append(series.national_average[1])
    if not series.points:
        p.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), "No actuals recorded yet")
        return
    low, high = min([*values, 0.0]), max(values)
    if high == low:
        high = low + 1
    span = high - low
    high += span * 0.1
    dates = [e for _l, e, _v in series.points] + [d for s, e, _v in series.targets for d in (s, e)]
    first, last = min(dates), max(dates)
    days = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return plot.left() + plot.width() * (day - first).days / days

    def y(value: float) -> float:
        return plot.bottom() - plot.height() * (value - low) / (high - low)

    p.setPen(QPen(QColor("#DDDDDD"), 1))
    for step in range(5):
        value = low + (high - low) * step / 4
        p.drawLine(QPointF(plot.left(), y(value)), QPointF(plot.right(), y(value)))
        p.setPen(QColor(AXIS))
        p.drawText(
            QRectF(0, y(value) - 7, left - 4, 14),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            f"{value:.3g}{series.unit or ''}",
        )
        p.setPen(QPen(QColor("#DDDDDD"), 1))
    p.setPen(QPen(QColor(AXIS), 1))
    p.drawLine(plot.bottomLeft(), plot.bottomRight())
    p.drawLine(plot.bottomLeft(), plot.topLeft())
    if series.national_average:
        pen = QPen(QColor(AVERAGE), 1.5, Qt.PenStyle.DotLine)
        p.setPen(pen)
        level = y(series.national_average[1])
        p.drawLine(QPointF(plot.left(), level), QPointF(plot.right(), level))
    p.setPen(QPen(QColor(TARGET), 2, Qt.PenStyle.DashLine))
    for start, end, value in series.targets:
        p.drawLine(QPointF(x(max(start, first)), y(value)), QPointF(x(min(end, last)), y(value)))
    p.setPen(QPen(QColor(ACTUAL), 2))
    points = [QPointF(x(end), y(value)) for _l, end, value in series.points]
    for a, b in itertools.pairwise(points):
        p.drawLine(a, b)
    p.setBrush(QColor(ACTUAL))
    for point, (label, _end, value) in zip(points, series.points, strict=True):
        p.drawEllipse(point, 3.5, 3.5)
        p.drawText(
            QRectF(point.x() - 40, point.y() - 18, 80, 14),
            int(Qt.AlignmentFlag.AlignHCenter),
            f"{value:g}{series.unit or ''}",
        )
        p.drawText(
            QRectF(point.x() - 50, plot.bottom() + 4, 100, 14),
            int(Qt.AlignmentFlag.AlignHCenter),
            label.replace("Quarter ", "Q"),
        )
    legend_y = height - 16
    entries = [
        ("Actual", QPen(QColor(ACTUAL), 2)),
        ("Target", QPen(QColor(TARGET), 2, Qt.PenStyle.DashLine)),
    ]
    if series.national_average:
        entries.append(("National average", QPen(QColor(AVERAGE), 1.5, Qt.PenStyle.DotLine)))
    position = plot.left()
    for name, pen in entries:
        p.setPen(pen)
        p.drawLine(QPointF(position, legend_y + 6), QPointF(position + 22, legend_y + 6))
        p.setPen(QColor(AXIS))
        p.drawText(QPointF(position + 26, legend_y + 10), name)
        position += 40 + 7 * len(name)


def png(series: Series, width: int = 900, height: int = 360) -> bytes:
    """The chart as PNG bytes (for a Word report)."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage, QPainter

    from app.reports.render_pdf import ensure_gui_application

    ensure_gui_application()
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint(painter, width, height, series)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.11's stub says the format is bytes; the binding takes only str
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(buffer.data().data())
