"""Reading the programme's tree into the window, a big one the quickest way to the screen.

A tree is read whole, in one statement, and the window shows it. A big one (from
``TOP_FIRST_FROM`` items, whose second level is too long to open unfolded) opens folded, so
only its top level would be seen: that is read first (``app.read.window.tree_top``) and
painted, and the rest is read from the event loop once it is on screen, each top-level
item's children inserted under it (``ItemTreeModel.add_rest``). Unfolding an item before
then reads the rest at once (the model's ``fetchMore``). Likewise, from
``PANES_AFTER_PAINT_FROM`` rows, the panes beside the tree (the first item's details, the
Indicators tab, the period's publishing and new-quarter states) are filled after its paint.
At 10,000 actions the top level is on screen in about half the time the whole tree takes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QStatusBar

from ui.shell.first_paint import FirstPaint
from ui.shell.memory import settle_after_paint
from ui.tree.model import ItemIdRole

if TYPE_CHECKING:
    from ui.commands import Commands
    from ui.panes.detail import DetailPane
    from ui.shell.choosers import Choosers
    from ui.shell.filter_bar import FilterBar
    from ui.shell.layout import WorkArea
    from ui.shell.meeting import MeetingMode
    from ui.shell.menus import Menus
    from ui.shell.new_quarter import NewQuarter
    from ui.shell.publishing import Publishing
    from ui.tree.filter import ItemFilterModel
    from ui.tree.model import ItemTreeModel
    from ui.tree.view import ItemTreeView

# A programme's second level longer than this opens folded: a 10,000-action programme opens
# with its objectives folded, a readable page or so of rows opens one level down.
EXPAND_LIMIT = 1_000
# From this many items a tree that opens folded shows its top level before the rest is read.
TOP_FIRST_FROM = 5_000
# From this many rows the tree is painted before the panes beside it are filled: at 10,000
# actions they were a fifth of the time to a tree on screen.
PANES_AFTER_PAINT_FROM = 2_000


class Host(Protocol):
    commands: Commands | None
    detail: DetailPane | None
    model: ItemTreeModel
    proxy: ItemFilterModel
    tree: ItemTreeView
    filters: FilterBar
    choosers: Choosers
    work: WorkArea
    menus: Menus
    meeting: MeetingMode
    publishing: Publishing
    new_quarter: NewQuarter

    def statusBar(self) -> QStatusBar: ...
    def update_summary(self) -> None: ...
    def update_state(self) -> None: ...
    def set_judgement(self, glyph: str | None) -> None: ...


class TreeLoading:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.panes_waiting = False  # a big tree is being painted before its panes fill
        self.rest_waiting = False  # a big tree's top level is shown; the rest is to come
        host.model.read_rest = self.read_rest

    def load(self, *, reset: bool) -> None:
        """Read the tree for the chosen programme and period: ``reset`` for a new programme
        (folded or unfolded as its size says, the first item chosen), else new values for the
        same items (another period)."""
        host = self.host
        assert host.commands is not None
        reads = host.commands.reads
        scope = host.commands.run.scope
        scope.period_id = host.choosers.period_id()
        scope.period_label = label = host.choosers.period_label()
        scope.period_end = host.choosers.period_end()
        current = host.tree.current_item_id()
        top = reads.tree_top(from_items=TOP_FIRST_FROM, folded_over=EXPAND_LIMIT) if reset else None
        self.rest_waiting = top is not None
        if top is not None:
            rows, symbols = top.rows, top.symbols
            self.panes_waiting = True
            host.model.load(rows, symbols, unread=top.unread)
        else:
            rows, symbols = reads.tree()
            self.panes_waiting = reset and len(rows) >= PANES_AFTER_PAINT_FROM
            if reset:
                host.model.load(rows, symbols)
        if reset:
            second_level = sum(len(host.model.children_of(r)) for r in host.model.children_of(None))
            if top is None and second_level <= EXPAND_LIMIT:
                host.tree.expandToDepth(0)
            self._fill_filters(symbols, rows)
            self.show_symbols(symbols)
            first = host.proxy.index(0, 0)
            if first.isValid():
                host.tree.select_item(first)
        else:
            host.model.replace_rows(rows)
            if current is not None and host.detail is not None:
                host.detail.show_item(current)
        if top is not None:
            FirstPaint(host.tree.viewport(), self.read_rest)
        elif self.panes_waiting:
            FirstPaint(host.tree.viewport(), self.fill_panes)
        else:
            self.fill_panes(now=True)
        published = host.choosers.period_published()
        host.statusBar().showMessage(
            f"{label} is published: reopen it to change its judgements." if published else "",
            0 if published else 1,
        )
        host.update_summary()
        host.meeting.tree_loaded()
        host.update_state()
        if top is None:
            settle_after_paint(host.tree, len(rows))  # they live until the next read

    def read_rest(self) -> None:
        """The rest of a big tree whose top level is on screen, then its panes."""
        host = self.host
        if not self.rest_waiting or host.commands is None:
            return
        self.rest_waiting = False
        rows, symbols = host.commands.reads.tree()
        host.model.add_rest(rows)
        self._fill_filters(symbols, rows)
        self.fill_panes()
        host.update_summary()
        host.meeting.tree_loaded()
        settle_after_paint(host.tree, len(rows))

    def _fill_filters(self, symbols: list[Any], rows: list[Any]) -> None:
        self.host.filters.fill(symbols, sorted({r.responsible for r in rows if r.responsible}))

    def fill_panes(self, *, now: bool = False) -> None:
        """The panes beside the tree: the current item's details (after a big tree's paint),
        the Indicators tab, and whether the period can be published or a quarter started."""
        host = self.host
        if not (now or self.panes_waiting) or host.commands is None:
            return
        if self.panes_waiting and host.detail is not None:
            current = host.tree.currentIndex()
            host.detail.show_item(current.data(ItemIdRole) if current.isValid() else None)
        self.panes_waiting = False
        host.work.show_indicators_for(host.commands.reads, host.commands.kpis)
        host.publishing.refresh()
        host.new_quarter.refresh()

    def show_symbols(self, symbols: list[Any]) -> None:
        """The judgement menu and the tree's keys, for the programme's symbols."""
        host = self.host
        host.menus.fill_judgements(symbols, host.set_judgement)
        host.tree.shortcut_texts = {s.shortcut.lower() for s in symbols} | {
            s.glyph for s in symbols
        }
