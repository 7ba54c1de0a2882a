"""The parts of the main window that are only built once and remembered between runs.

The work area (tree beside the detail pane, in a tab beside the indicators), the undo
history dock, and the window's size, place and splitter, kept in QSettings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ui.commands.kpis import KpiCommands
    from ui.commands.reads import Reads
    from ui.panes.indicators import IndicatorsPane
    from ui.shell.indicator_actions import IndicatorActions


class WorkArea(QTabWidget):
    """The Actions tab: the tree on the left, the selected item's detail pane on the right.
    The Indicators tab is added beside it when a programme has indicators."""

    def __init__(self, tree: QWidget) -> None:
        super().__init__()
        self.setObjectName("mainTabs")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(tree)
        self.detail_host = QWidget()
        self.detail_layout = QVBoxLayout(self.detail_host)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(self.detail_host)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([820, 540])
        self.addTab(self.splitter, "&Actions")
        self.indicators: IndicatorsPane | None = None
        self.indicator_actions: IndicatorActions | None = None

    def show_indicators_for(self, reads: Reads, kpis: KpiCommands) -> None:
        """The Indicators tab, shown when the programme has indicators or groups."""
        if self.indicators is None:
            # The pane and its chart are imported once a file is shown, not at start-up.
            from ui.panes.indicators import IndicatorsPane
            from ui.shell.indicator_actions import IndicatorActions

            self.indicators = IndicatorsPane(reads, kpis)
            self.addTab(self.indicators, "&Indicators")
            editable = not reads.read_only and reads.pack_scope() is None
            self.indicator_actions = IndicatorActions(self.indicators, self, editable)
            reads.run.indicatorsChanged.connect(self._indicators_changed)
        else:
            self.indicators.reload()
        self._indicators_changed()

    def _indicators_changed(self) -> None:
        """The first indicator or group added shows the tab; the last deleted hides it."""
        if self.indicators is not None:
            self.setTabVisible(1, bool(self.indicators.model.rows))

    def fill_indicator_menu(self, menu: QMenu) -> None:
        """The Indicators menu: the commands of the open programme's indicators."""
        if self.indicator_actions is not None:
            self.indicator_actions.fill(menu)
        else:
            menu.clear()
            menu.addAction("Open a programme to set up its indicators").setEnabled(False)

    def drop_indicators(self) -> None:
        if self.indicators is not None:
            self.indicators.reads.run.indicatorsChanged.disconnect(self._indicators_changed)
            self.removeTab(1)
            self.indicators.deleteLater()
            self.indicators = None
            self.indicator_actions = None

    def focus_indicators(self) -> None:
        if self.indicators is not None and self.isTabVisible(1):
            self.setCurrentIndex(1)
            self.indicators.view.setFocus()


def undo_dock(window: QMainWindow, stack: QUndoStack) -> QDockWidget:
    """The undo history, docked on the right and hidden until asked for (Ctrl+H)."""
    dock = QDockWidget("Undo history", window)
    dock.setObjectName("undoDock")
    view = QUndoView(stack)
    view.setEmptyLabel("<opened>")
    dock.setWidget(view)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    return dock


def restore_place(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    for key, restore in (
        ("window/geometry", window.restoreGeometry),
        ("window/state", window.restoreState),
        ("window/splitter", splitter.restoreState),
    ):
        value = settings.value(key)
        if isinstance(value, QByteArray):
            restore(value)


def save_place(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/splitter", splitter.saveState())
