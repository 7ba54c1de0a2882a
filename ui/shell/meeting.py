"""Meeting mode (View ▸ Meeting, F11): the window as a programme board judges with it.

On a projector the tree is what the room reads, so the mode gives it the room: every action
shown (expanded), whole titles wrapped onto as many lines as they need, the tree wider than
the detail pane, and a large summary above it that says when it counts only what a filter
shows. The keyboard stays on the tree. Leaving the mode puts back the layout it found
(expanded rows, column widths, splitter), so a meeting leaves no trace on the desk.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QObject, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter

from ui.shell.bars import count_words
from ui.shell.judging import next_unjudged, shown_counts, shown_indexes
from ui.tree.filter import ItemFilterModel
from ui.tree.model import TITLE, ItemIdRole, ItemTreeModel
from ui.tree.view import ItemTreeView
from ui.tree.wrapping import WrappingDelegate

PANEL_STYLE = "background: #F3F6FA; color: #14202E; padding: 8px; border: 1px solid #B9C6D6;"
PANEL_SCALE = 1.5  # the summary's font against the window's, readable across a room
TREE_SHARE = 0.68  # of the splitter's width, for the tree while meeting


def summary_panel() -> QLabel:
    panel = QLabel()
    panel.setObjectName("meetingSummary")
    panel.setAccessibleName("Meeting summary")
    panel.setWordWrap(True)
    panel.setStyleSheet(PANEL_STYLE)
    panel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = panel.font()
    font.setPointSizeF(font.pointSizeF() * PANEL_SCALE)
    panel.setFont(font)
    panel.setVisible(False)
    return panel


class MeetingMode(QObject):
    toggled = Signal(bool)

    def __init__(
        self,
        tree: ItemTreeView,
        proxy: ItemFilterModel,
        model: ItemTreeModel,
        splitter: QSplitter,
        period: Callable[[], str],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(tree)
        self.tree, self.proxy, self.model, self.splitter = tree, proxy, model, splitter
        self.period, self.say = period, say
        self.panel = summary_panel()
        self.wrapping = WrappingDelegate(tree)
        self.active = False
        self._expanded: set[int] = set()
        self._header = QByteArray()
        self._splitter = QByteArray()
        model.countsChanged.connect(self.refresh)
        for signal in (
            proxy.layoutChanged,
            proxy.modelReset,
            proxy.rowsInserted,
            proxy.rowsRemoved,
        ):
            signal.connect(self.refresh)
        tree.header().sectionResized.connect(self._column_resized)

    # --- in and out ------------------------------------------------------------------------

    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        if on:
            self._enter()
        else:
            self._leave()
        self.active = on
        self.refresh()
        self.tree.setFocus()
        self.toggled.emit(on)

    def _enter(self) -> None:
        self._expanded = {
            index.data(ItemIdRole)
            for index in shown_indexes(self.proxy)
            if self.tree.isExpanded(index)
        }
        header = self.tree.header()
        self._header = header.saveState()
        self._splitter = self.splitter.saveState()
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegateForColumn(TITLE, self.wrapping)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        total = sum(self.splitter.sizes())
        self.splitter.setSizes([int(total * TREE_SHARE), total - int(total * TREE_SHARE)])
        self.tree.expandAll()

    def _leave(self) -> None:
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegateForColumn(TITLE, None)  # type: ignore[arg-type]
        self.tree.header().restoreState(self._header)
        self.splitter.restoreState(self._splitter)
        self.tree.collapseAll()
        for index in shown_indexes(self.proxy):
            if index.data(ItemIdRole) in self._expanded:
                self.tree.expand(index)
        self.tree.scrollTo(self.tree.currentIndex())

    def tree_loaded(self) -> None:
        """A programme or period was shown: actions stay expanded, the keys on the tree."""
        if self.active:
            self.tree.expandAll()
        self.refresh()

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        """A wrapped title's height depends on its column's width: lay the rows out again."""
        if self.active and column == TITLE:
            self.tree.doItemsLayout()

    # --- what it shows ---------------------------------------------------------------------

    def summary(self) -> str:
        """The period, then the actions counted: all of them, or "12 of 48 actions shown"."""
        period = self.period()
        if not period or not self.model.rowCount():
            return ""
        counts, unjudged = self.model.leaf_counts()
        total = sum(counts.values()) + unjudged
        if self.proxy.is_filtering():
            counts, unjudged, shown = shown_counts(self.proxy, self.model)
            heading = f"{shown} of {total} actions shown"
        else:
            heading = f"All {total} actions"
        symbols = self.model.symbols()
        return f"{period}\n{heading}: {count_words(symbols, counts, unjudged)}"

    def refresh(self) -> None:
        """Shown while meeting and a programme is open (no empty box over the start page)."""
        text = self.summary() if self.active else ""
        self.panel.setText(text)
        self.panel.setVisible(bool(text))

    # --- moving through the meeting --------------------------------------------------------

    def go_to_next_unjudged(self) -> None:
        """F3: the next action shown that has no judgement yet, wrapping round to the top."""
        index = next_unjudged(self.proxy, self.model, self.tree.current_item_id())
        if not index.isValid():
            period = self.period()
            self.say(f"Every action shown is judged for {period}." if period else "")
            return
        self.tree.select_item(index)
        self.tree.setFocus()
