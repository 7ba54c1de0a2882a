"""The filter bar above the tree: find text, responsibility, judgement, overdue milestones.

Words are searched in SQL (titles, numbers, descriptions, responsibility and this period's
narrative), so the bar asks ``search`` for the matching ids and the proxy does the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton

from ui.tree.filter import ANY, UNJUDGED_FILTER, ItemFilterModel
from ui.tree.view import ItemTreeView

if TYPE_CHECKING:
    from app.read.queries import SymbolRow

# Matches are unfolded to show them in context when there are at most this many rows to
# show; "a" in a 50,000-action programme matches nearly everything, and unfolding it all
# took a second a key. More are shown folded under their objectives.
UNFOLD_LIMIT = 2_000


class FilterBar(QHBoxLayout):
    def __init__(
        self,
        proxy: ItemFilterModel,
        tree: ItemTreeView,
        search: Callable[[str], set[int] | None],
    ) -> None:
        super().__init__()
        self.proxy = proxy
        self.tree = tree
        self.search = search
        self.text = QLineEdit()
        self.text.setObjectName("filterText")
        self.text.setPlaceholderText("Find in titles and narratives (Ctrl+F)")
        self.text.setAccessibleName("Find text")
        self.text.setClearButtonEnabled(True)
        self.responsible = QComboBox()
        self.responsible.setAccessibleName("Filter by responsibility")
        self.judgement = QComboBox()
        self.judgement.setAccessibleName("Filter by judgement")
        self.overdue = QCheckBox("&Overdue milestones")
        self.found = QLabel()  # how many the filter finds, while it filters
        self.found.setObjectName("filterFound")
        self.found.hide()
        self.clear_button = clear = QPushButton("C&lear filter")
        clear.clicked.connect(self.clear)
        find_label = QLabel("&Find:")
        find_label.setBuddy(self.text)
        self.addWidget(find_label)
        self.addWidget(self.text, 3)
        self.addWidget(self.responsible, 2)
        self.addWidget(self.judgement, 1)
        self.addWidget(self.overdue)
        self.addWidget(self.found)
        self.addWidget(clear)
        self.text.textChanged.connect(self.apply)
        self.responsible.currentIndexChanged.connect(self.apply)
        self.judgement.currentIndexChanged.connect(self.apply)
        self.overdue.toggled.connect(self.apply)

    def fill(self, symbols: list[SymbolRow], names: list[str]) -> None:
        """The choices for a newly shown programme (without filtering as they change)."""
        self.responsible.blockSignals(True)
        self.responsible.clear()
        self.responsible.addItem("Anyone responsible", None)
        for name in names:
            self.responsible.addItem(name, name)
        self.responsible.blockSignals(False)
        self.judgement.blockSignals(True)
        self.judgement.clear()
        self.judgement.addItem("Any judgement", "any")
        for symbol in symbols:
            self.judgement.addItem(f"{symbol.glyph}  {symbol.label}", symbol.glyph)
        self.judgement.addItem("Not yet judged", UNJUDGED_FILTER)
        self.judgement.blockSignals(False)

    def apply(self) -> None:
        glyph = self.judgement.currentData()
        words = self.text.text().strip()
        if self.proxy.is_filtering():
            # The rows the last filter unfolded are persistent indexes that the proxy moves one
            # by one as rows come and go: with thousands unfolded, one key took over a minute.
            self.tree.collapseAll()
        self.proxy.set_filter(
            matches=self.search(words) if words else None,
            responsible=self.responsible.currentData(),
            glyph=ANY if glyph in (None, "any") else glyph,
            overdue=self.overdue.isChecked(),
        )
        if not self.proxy.is_filtering():
            self.found.hide()
            return
        found = self.proxy.found_count()
        if self.proxy.shown_count() <= UNFOLD_LIMIT:
            self.tree.expandAll()
            self.found.setText("None found" if found == 0 else f"{found:,} found")
        else:  # without a word, a folded tree looks as if the filter had done nothing
            self.found.setText(f"{found:,} found: unfold to see them")
        self.found.show()

    def clear(self) -> None:
        widgets = (self.text, self.responsible, self.judgement, self.overdue)
        for widget in widgets:
            widget.blockSignals(True)
        self.text.clear()
        self.responsible.setCurrentIndex(0)
        self.judgement.setCurrentIndex(0)
        self.overdue.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.apply()

    def focus(self) -> None:
        self.text.setFocus()
        self.text.selectAll()
