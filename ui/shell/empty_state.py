"""What the window shows in place of the tree when there is nothing to show yet: a file with
no programme in it (a new file), or no file at all. It says what to do next and offers it,
with the focus on the first thing to do, so a new council is never left at a blank window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.store.database import Database


class EmptyFilePanel(QWidget):
    """Part of the window's first stage (ui/shell/frame.py), so it does not touch Qt's ``Qt``
    namespace until a file's state is described, after the first paint."""

    def __init__(
        self, covers: list[QWidget] | None = None, bars: list[QLayout] | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("emptyFilePanel")
        self.stand_in_for(covers or [], bars or [])
        self.heading = QLabel()
        self.heading.setObjectName("emptyHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.text = QLabel()
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.new_programme_button = QPushButton("&New Programme…")
        self.new_programme_button.setObjectName("emptyNewProgramme")
        self.new_programme_button.setDefault(True)
        self.new_file_button = QPushButton("&New File…")
        self.new_file_button.setObjectName("emptyNewFile")
        self.open_button = QPushButton("&Open…")
        self.open_button.setObjectName("emptyOpen")
        buttons = QHBoxLayout()
        for button in (self.new_programme_button, self.new_file_button, self.open_button):
            button.setMinimumHeight(32)
            buttons.addWidget(button)
        buttons.addStretch(1)
        card = QFrame()
        card.setObjectName("emptyCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(640)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(self.heading)
        inner.addWidget(self.text)
        inner.addSpacing(4)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self._showing = False
        self.hide()

    def stand_in_for(self, covers: list[QWidget], bars: list[QLayout]) -> None:
        """The widgets the panel stands in for (the tabs), and rows of widgets with nothing to
        act on meanwhile (the filter): hidden while the panel shows."""
        self._covers = covers
        self._bars = bars

    def show_for(self, db: Database | None, has_programme: bool) -> None:
        """Stand in for the tree when there is no programme to show; step aside when there is.
        The focus goes to the first thing to do when the panel appears."""
        empty = db is None or not has_programme
        if empty:
            self._describe(db)
        for widget in self._covers:
            widget.setVisible(not empty)
        for bar in self._bars:
            for n in range(bar.count()):
                item = bar.itemAt(n)
                part = item.widget() if item is not None else None
                if part is not None:
                    part.setVisible(not empty)
        self.setVisible(empty)
        if empty and not self._showing:
            first = self.new_programme_button if db is not None else self.new_file_button
            if first.isEnabled():
                first.setFocus()
        self._showing = empty

    def show_opening(self, name: str) -> None:
        """While the window's first file is read: its name, and no buttons to press."""
        self.show_for(None, False)
        for button in (self.new_programme_button, self.new_file_button, self.open_button):
            button.setVisible(False)
        self.heading.setText(f"Opening “{name}”…")
        self.text.setText("Its programmes appear here as soon as the file has been read.")

    def _describe(self, db: Database | None) -> None:
        self.open_button.setVisible(True)
        self.new_programme_button.setVisible(db is not None)
        self.new_file_button.setVisible(db is None)
        if db is None:
            self.heading.setText("No file is open")
            self.text.setText(
                "A programme file holds your programmes: their objectives, workstreams and "
                "actions, who is responsible, and each period’s judgements of progress. "
                "Make a new file, or open one you have been given."
            )
            return
        self.heading.setText("This file has no programmes yet")
        from PySide6.QtCore import Qt  # (its enums cost 11 ms: not before the first paint)

        self.text.setTextFormat(Qt.TextFormat.RichText)  # (the text with no file is plain)
        if db.read_only:
            self.new_programme_button.setEnabled(False)
            self.text.setText(
                f"{db.name} is open read-only ({db.read_only_reason}), so no programme "
                "can be added to it here. Open another file."
            )
            return
        self.new_programme_button.setEnabled(True)
        self.text.setText(
            "Start with a new programme: give it a name, say what its levels are called "
            "(for example <i>Objective › Workstream/Project › Action</i>), and choose its "
            "reporting periods and symbols. Then add its items in the tree, with "
            "<b>Ins</b> for an item and <b>Ctrl+Ins</b> for a sub-item."
            "<br><br>Everything is saved as you go; Edit ▸ Undo takes back any step."
        )
