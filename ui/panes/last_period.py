"""Last period beside this one: what an item's judgement and narrative were, read-only, so
the manager writes this quarter's words with last quarter's in view."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from app.read.carry import PreviousProgress
from app.read.queries import SymbolRow

NOT_JUDGED = "not judged"


def judgement_html(symbol: SymbolRow | None, *, carried: bool = False) -> str:
    """A judgement as the tree shows it: its glyph in its colour and its name, never colour
    alone; a carried one in italics, saying so."""
    if symbol is None:
        return f"<i>{NOT_JUDGED}</i>"
    text = (
        f"<span style='color:{symbol.colour}; font-weight:bold'>{symbol.glyph}</span>"
        f" {symbol.label}"
    )
    return f"<i>{text} (carried)</i>" if carried else text


class LastPeriodBox:
    """Three widgets for the detail pane's grid, beside this period's: the period's name,
    its judgement, its narrative."""

    def __init__(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("lastPeriodHeading")
        self.judgement = QLabel()
        self.judgement.setObjectName("lastPeriodJudgement")
        self.narrative = QPlainTextEdit()
        self.narrative.setObjectName("lastPeriodNarrative")
        self.narrative.setAccessibleName("Last period’s narrative")
        self.narrative.setReadOnly(True)
        self.narrative.setTabChangesFocus(True)
        self.narrative.setStyleSheet("QPlainTextEdit { background: palette(window); }")
        self.heading.setBuddy(self.narrative)
        self.widgets: tuple[QWidget, ...] = (self.heading, self.judgement, self.narrative)

    def show_progress(self, previous: PreviousProgress | None, symbol: SymbolRow | None) -> None:
        """``None``: the programme's first period, which has nothing before it."""
        for widget in self.widgets:
            widget.setVisible(previous is not None)
        if previous is None:
            self.narrative.setPlainText("")
            return
        self.heading.setText(f"&Last period, {previous.label}")
        self.judgement.setText(judgement_html(symbol))
        self.narrative.setPlainText(previous.narrative or "No narrative.")
