"""The order Tab visits the main window in, top to bottom and left to right.

Qt's own order is the order widgets were made in, which put the toolbar between the tree
and its details and the filter bar after the details; a keyboard user expects to go
programme, period, the filters, the tabs, the tree, then the selected item's details, and
round again. The detail pane is rebuilt for each file, so the chain is set again then,
and the tree given the focus.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTabWidget, QWidget

from ui.shell.filter_bar import FilterBar


class Host(Protocol):
    programme_box: QComboBox
    period_box: QComboBox
    filters: FilterBar
    tabs: QTabWidget

    @property
    def tree(self) -> QWidget: ...

    @property
    def detail(self) -> QWidget | None: ...


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def inside_in_tab_order(container: QWidget) -> list[QWidget]:
    """The widgets inside ``container`` that Tab stops at, in their own chain's order."""
    found: list[QWidget] = []
    widget = container.nextInFocusChain()
    while widget is not None and widget is not container and len(found) < 500:
        if container.isAncestorOf(widget) and takes_tab(widget) and widget not in found:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def order_tab_chain(w: Host) -> None:
    """Toolbar, filter bar, tabs, tree, details: each one after the one before."""
    filters = w.filters
    publish = getattr(getattr(w, "publishing", None), "button", None)  # beside the period
    chain: list[QWidget] = [
        w.programme_box,
        w.period_box,
        *([publish] if isinstance(publish, QWidget) else []),
        filters.text,
        filters.responsible,
        filters.judgement,
        filters.overdue,
        filters.clear_button,
        w.tabs,  # its focus goes to its tab bar
        w.tree,
    ]
    if w.detail is not None:
        chain += inside_in_tab_order(w.detail)
    for first, second in pairwise([*chain, chain[0]]):  # and round again
        QWidget.setTabOrder(first, second)
    # A window gives the focus to the first control of its chain when it opens, which the
    # reordering would make a detail field: the tree is where work starts (unless an empty
    # file's panel hides it, and keeps the focus on what it offers).
    if not w.tabs.isHidden():
        w.tree.setFocus()
