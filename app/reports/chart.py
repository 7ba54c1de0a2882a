"""The trend chart of one indicator, painted with QPainter (QtGui only).

Painted rather than drawn with Qt Charts: Qt Charts is not in PySide6-Essentials; it would
add about 3.3 MB to the executable (libQt6Charts 2.29 MB + binding 1.01 MB, measured from the
6.12.0 wheel) for one line chart. The same painting serves the window (a QWidget calls
:func:`paint`) and reports (:func:`png`).

Nothing is ever drawn over anything else: every label is measured before it is placed, long
ones are shortened with an ellipsis (the chart's description, its tooltip and alt text, has
them whole), and a label that would touch one already placed is left out, the latest
period's first, so the most recent figures are the ones that show. The value axis has round
steps in the indicator's unit (£250,000, 25%); an actual written in words ("data not
available") is marked on the time axis with its words, and a measure kept only in words is
listed period by period instead of plotted.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.kpi_units import format_number
from app.read.kpis import Series

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontMetricsF, QPainter

ACTUAL, TARGET, AVERAGE, AXIS, WORDS = "#1F5FAD", "#2E7D32", "#7A7A7A", "#333333", "#6B6B6B"
LABEL_WIDTH = 150  # the widest a period's or a value's label may be before it is shortened
GAP = 6  # the least space between two labels


def _year(start: int) -> str:
    return f"{start}/{str(start + 1)[2:]}"


def describe(series: Series) -> str:
    """The chart in words, for screen readers and for the report beside the image."""
    actuals = sorted(
        [(end, label, format_number(value, series.unit)) for label, end, value in series.points]
        + [(end, label, words) for label, end, words in series.words]
    )
    if not actuals:
        return f"{series.title}: no actuals recorded yet."
    text = (
        f"{series.title}: actuals "
        + ", ".join(f"{label} {value}" for _end, label, value in actuals)
        + "."
    )
    if series.targets:
        text += (
            " Targets "
            + ", ".join(
                f"{_year(start.year)} {format_number(value, series.unit)}"
                for start, _end, value in series.targets
            )
            + "."
        )
    if series.national_average:
        year, value = series.national_average
        text += f" National average ({_year(year)}) {format_number(value, series.unit)}."
    return text


def nice_ticks(low: float, high: float, most: int = 5, *, whole: bool = False) -> list[float]:
    """Round values from at or below ``low`` to at or above ``high``, at most ``most`` + 1,
    stepping by 1, 2, 2.5 or 5 times a power of ten (by whole numbers for a count)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high - low < 1e-12:
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    raw = (high - low) / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    if whole:
        step = max(math.ceil(step), 1)
    first = math.floor(low / step + 1e-9) * step
    count = math.ceil((high - first) / step - 1e-9)
    return [round(first + i * step, 10) for i in range(count + 1)]


def short_label(label: str) -> str:
    """A period's label as the time axis writes it: Q1 2009/10."""
    return label.replace("Quarter ", "Q")


def _place(wanted: list[QRectF], taken: list[QRectF], bounds: QRectF) -> QRectF | None:
    """The first of ``wanted`` inside ``bounds`` that keeps ``GAP`` from all ``taken``."""
    for rect in wanted:
        if not bounds.contains(rect):
            continue
        grown = rect.adjusted(-GAP / 2, -1, GAP / 2, 1)
        if not any(grown.intersects(other) for other in taken):
            taken.append(rect)
            return rect
    return None


def _fit(metrics: QFontMetricsF, text: str, width: float) -> str:
    from PySide6.QtCore import Qt

    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


Drawn = list[tuple["QRectF", str]]


def paint(painter: QPainter, width: int, height: int, series: Series) -> Drawn:
    """Paint the chart; return every text drawn with the rectangle it covers, so that a
    test can check that no two of them overlap and none leaves the picture."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

    p = painter
    drawn: Drawn = []

    def write(rect: QRectF, flags: int, text: str) -> None:
        drawn.append((p.boundingRect(rect, flags, text), text))
        p.drawText(rect, flags, text)

    p.setRenderHint(p.RenderHint.Antialiasing)
    p.fillRect(0, 0, width, height, QColor("white"))
    font = QFont("Arial", 8)
    metrics = QFontMetricsF(font, p.device())  # measured as the picture will draw them
    line = metrics.height()
    title = QFont("Arial", 9)
    title.setBold(True)
    p.setFont(title)
    p.setPen(QColor(AXIS))
    title_metrics = QFontMetricsF(title, p.device())
    title_box = QRectF(8, 2, max(width - 16, 1), title_metrics.height() + 2)
    write(
        title_box,
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
        _fit(title_metrics, series.title, title_box.width()),
    )
    p.setFont(font)
    top = title_box.bottom() + 4
    if not series.points and not series.words:
        area = QRectF(0, top, width, max(height - top, 1))
        write(area, int(Qt.AlignmentFlag.AlignCenter), "No actuals recorded yet")
        return drawn
    if not series.points:
        area = QRectF(12, top, max(width - 24, 1), height - top - 4)
        _paint_words(p, write, metrics, area, series)
        return drawn

    unit = series.unit
    values = [v for _l, _e, v in series.points] + [v for _s, _e, v in series.targets]
    if series.national_average:
        values.append(series.national_average[1])
    bottom = 2 * line + 12  # the periods' labels, then the legend
    headroom = line + 8  # for the label above the highest point
    plot_height = max(height - top - headroom - bottom, 10)
    steps = max(1, min(5, int(plot_height // (line * 1.5))))  # tick labels a line apart
    ticks = nice_ticks(min([*values, 0.0]), max([*values, 0.0]), steps, whole=unit == "count")
    low, high = ticks[0], ticks[-1]
    tick_texts = [format_number(t, unit) for t in ticks]
    left = min(max(max(metrics.horizontalAdvance(t) for t in tick_texts) + 10, 36), width / 3)
    plot = QRectF(left, top + headroom, max(width - left - 14, 10), plot_height)

    dates = [e for _l, e, _v in series.points] + [e for _l, e, _w in series.words]
    first, last = min(dates), max(dates)
    for start, end, _v in series.targets:
        first, last = min(first, start), max(last, end)
    days = (last - first).days
    # Inset so that the first and last periods' labels are not cut off at the edges.
    inset = min(LABEL_WIDTH / 2, plot.width() / 4)
    inner = plot.adjusted(inset, 0, -inset, 0)

    def x(day: dt.date) -> float:
        if days == 0:
            return inner.center().x()
        return inner.left() + inner.width() * (day - first).days / days

    def y(value: float) -> float:
        return plot.bottom() - plot.height() * (value - low) / (high - low)

    for tick, text in zip(ticks, tick_texts, strict=True):
        p.setPen(QPen(QColor("#DDDDDD"), 1))
        p.drawLine(QPointF(plot.left(), y(tick)), QPointF(plot.right(), y(tick)))
        p.setPen(QColor(AXIS))
        write(
            QRectF(0, y(tick) - line / 2, left - 6, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
    p.setPen(QPen(QColor(AXIS), 1))
    p.drawLine(plot.bottomLeft(), plot.bottomRight())
    p.drawLine(plot.bottomLeft(), plot.topLeft())
    if series.national_average:
        p.setPen(QPen(QColor(AVERAGE), 1.5, Qt.PenStyle.DotLine))
        level = y(series.national_average[1])
        p.drawLine(QPointF(plot.left(), level), QPointF(plot.right(), level))
    p.setPen(QPen(QColor(TARGET), 2, Qt.PenStyle.DashLine))
    for start, end, value in series.targets:
        a = max(plot.left(), x(start)) if start > first else plot.left()
        b = min(plot.right(), x(end)) if end < last else plot.right()
        p.drawLine(QPointF(a, y(value)), QPointF(b, y(value)))
    p.setPen(QPen(QColor(ACTUAL), 2))
    points = [QPointF(x(end), y(value)) for _l, end, value in series.points]
    for a_point, b_point in itertools.pairwise(points):
        p.drawLine(a_point, b_point)
    p.setBrush(QColor(ACTUAL))
    for point in points:
        p.drawEllipse(point, 3.5, 3.5)
    p.setBrush(QColor("white"))
    p.setPen(QPen(QColor(WORDS), 1.5))
    for _label, end, _words in series.words:
        p.drawEllipse(QPointF(x(end), plot.bottom()), 3.5, 3.5)
    p.setBrush(Qt.BrushStyle.NoBrush)

    # Labels, the latest period's first: the values by their points, the periods below.
    taken: list[QRectF] = [title_box]
    marks = sorted(
        [
            (end, label, format_number(v, unit), QPointF(x(end), y(v)), False)
            for label, end, v in series.points
        ]
        + [(end, label, w, QPointF(x(end), plot.bottom()), True) for label, end, w in series.words],
        key=lambda mark: mark[0],
        reverse=True,
    )
    value_bounds = QRectF(0, title_box.bottom(), width, plot.bottom() - title_box.bottom())
    for _end, _label, text, point, in_words in marks:
        shown = _fit(metrics, text, LABEL_WIDTH)
        w = metrics.horizontalAdvance(shown) + 2
        cx = min(max(point.x(), w / 2), width - w / 2)
        above = QRectF(cx - w / 2, point.y() - 6 - line, w, line)
        below = QRectF(cx - w / 2, point.y() + 6, w, line)
        beside = QRectF(point.x() + 7, point.y() - line / 2, w, line)
        rect = _place([above, below, beside] if not in_words else [above], taken, value_bounds)
        if rect is not None:
            p.fillRect(rect, QColor(255, 255, 255, 235))  # lines pass behind a label, not through
            p.setPen(QColor(WORDS if in_words else ACTUAL))
            write(rect, int(Qt.AlignmentFlag.AlignCenter), shown)
    axis_bounds = QRectF(0, plot.bottom() + 2, width, line + 4)
    for _end, label, _text, point, in_words in marks:
        shown = _fit(metrics, short_label(label), LABEL_WIDTH)
        w = metrics.horizontalAdvance(shown) + 2
        cx = min(max(point.x(), w / 2), width - w / 2)
        rect = _place([QRectF(cx - w / 2, plot.bottom() + 4, w, line)], taken, axis_bounds)
        if rect is not None:
            p.setPen(QColor(WORDS if in_words else ACTUAL))
            write(rect, int(Qt.AlignmentFlag.AlignCenter), shown)

    entries = [("Actual", QPen(QColor(ACTUAL), 2))]
    if series.targets:
        entries.append(("Target", QPen(QColor(TARGET), 2, Qt.PenStyle.DashLine)))
    if series.national_average:
        entries.append(("National average", QPen(QColor(AVERAGE), 1.5, Qt.PenStyle.DotLine)))
    if series.words:
        entries.append(("Actual in words", QPen(QColor(WORDS), 1.5)))
    legend_y = height - line / 2 - 4
    position = plot.left()
    for name, pen in entries:
        if position + 26 + metrics.horizontalAdvance(name) > width:
            break  # a narrow chart keeps the first entries whole rather than cut any
        p.setPen(pen)
        if name == "Actual in words":
            p.drawEllipse(QPointF(position + 11, legend_y), 3.5, 3.5)
        else:
            p.drawLine(QPointF(position, legend_y), QPointF(position + 22, legend_y))
        p.setPen(QColor(AXIS))
        write(
            QRectF(position + 26, legend_y - line / 2, width, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            name,
        )
        position += 26 + metrics.horizontalAdvance(name) + 18
    return drawn


def _paint_words(
    p: QPainter,
    write: Callable[[QRectF, int, str], None],
    metrics: QFontMetricsF,
    area: QRectF,
    series: Series,
) -> None:
    """A measure whose actuals are all words: the latest periods' words, one to a line."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor

    line = metrics.height() + 2
    rows = max(int(area.height() // line) - 1, 1)
    words = series.words
    shown = words[-rows:]
    p.setPen(QColor(AXIS))
    write(
        QRectF(area.left(), area.top(), area.width(), line),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        "Actuals in words"
        + (f" (the latest {len(shown)} of {len(words)})" if len(shown) < len(words) else "")
        + ":",
    )
    label_width = min(
        max(metrics.horizontalAdvance(short_label(label)) for label, _e, _w in shown) + 16,
        area.width() / 3,
    )
    for row, (label, _end, text) in enumerate(shown, start=1):
        top = area.top() + row * line
        p.setPen(QColor(AXIS))
        write(
            QRectF(area.left(), top, label_width, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            _fit(metrics, short_label(label), label_width - 16),
        )
        p.setPen(QColor(ACTUAL))
        write(
            QRectF(area.left() + label_width, top, area.width() - label_width, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            _fit(metrics, text, area.width() - label_width),
        )


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
