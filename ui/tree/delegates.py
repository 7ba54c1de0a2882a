"""Painting and editing judgements: glyph in its colour *and* the symbol's name, never colour
alone; a picker to choose one, or "Not yet judged"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.tree.cells import CARRIED, UNJUDGED
from ui.tree.model import JUDGEMENT, PREVIOUS, ObjectRole

if TYPE_CHECKING:
    from app.read.queries import SymbolRow

Index = QModelIndex | QPersistentModelIndex


class JudgementDelegate(QStyledItemDelegate):
    """For the Judgement and Last period columns."""

    def __init__(self, symbols: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self._symbols = symbols  # callable returning the programme's SymbolRows

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ObjectRole)
        if row is None or index.column() not in (JUDGEMENT, PREVIOUS):
            super().paint(painter, option, index)
            return
        glyph = row.glyph if index.column() == JUDGEMENT else row.previous_glyph
        symbol = next((s for s in self._symbols() if s.glyph == glyph), None)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        rect = option.rect.adjusted(6, 0, -4, 0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_colour = (
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )
        if symbol is None:
            if index.column() == JUDGEMENT and not index.model().hasChildren(
                index.sibling(index.row(), 0)
            ):
                font = QFont(option.font)
                font.setItalic(True)
                painter.setFont(font)
                painter.setPen(text_colour if selected else QColor("#6B6B6B"))
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter), UNJUDGED)
        else:
            carried = index.column() == JUDGEMENT and bool(row.carried)
            glyph_font = QFont(option.font)
            glyph_font.setBold(not carried)
            glyph_font.setItalic(carried)
            glyph_font.setPointSizeF(option.font.pointSizeF() * 1.15)
            painter.setFont(glyph_font)
            painter.setPen(text_colour if selected else QColor(symbol.colour))
            glyph_width = max(painter.fontMetrics().horizontalAdvance(symbol.glyph), 16)
            painter.drawText(
                QRect(rect.left(), rect.top(), glyph_width + 4, rect.height()),
                int(Qt.AlignmentFlag.AlignVCenter),
                symbol.glyph,
            )
            label_font = QFont(option.font)
            label_font.setItalic(carried)  # provisional: last period's, not yet confirmed
            painter.setFont(label_font)
            painter.setPen(text_colour)
            painter.drawText(
                rect.adjusted(glyph_width + 10, 0, 0, 0),
                int(Qt.AlignmentFlag.AlignVCenter),
                f"{symbol.label} {CARRIED}" if carried else symbol.label,
            )
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Judgement")
        combo.addItem(UNJUDGED, "")
        for symbol in self._symbols():
            combo.addItem(f"{symbol.glyph}  {symbol.label}  ({symbol.shortcut})", symbol.glyph)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        glyph = index.data(Qt.ItemDataRole.EditRole) or ""
        editor.setCurrentIndex(max(0, editor.findData(glyph)))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def symbol_for_key(symbols: list[SymbolRow], text: str) -> SymbolRow | None:
    """The symbol a typed character means: its shortcut (any case) or its glyph."""
    if not text:
        return None
    for symbol in symbols:
        if text == symbol.glyph or text.lower() == symbol.shortcut.lower():
            return symbol
    return None
