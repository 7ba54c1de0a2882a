"""Indicators and groups added, edited and deleted from the window.

The commands are actions with keys, shown three ways: buttons above the indicators table,
its context menu, and the Indicators menu. Adding works from anywhere in the window (a
programme with no indicators has no Indicators tab until its first is added); editing and
deleting act on the table's current row, so their keys (Alt+Return, Ctrl+Del) belong to the
table, and go to the group's command when the current row is a group.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QToolButton, QWidget

from app.core.kpi_units import measure_name
from ui.commands.kpi_setup import KpiSetupCommands
from ui.dialogs.indicator_editor import IndicatorEditor
from ui.dialogs.kpi_group_editor import GroupEditor
from ui.dialogs.modal import Host, run_modal
from ui.panes.indicators import IndicatorsPane

EDIT_KEY, DELETE_KEY = QKeySequence("Alt+Return"), QKeySequence("Ctrl+Del")


class Area(Protocol):
    """Where the indicators are shown: it can bring them into view."""

    def focus_indicators(self) -> None: ...


class IndicatorActions(QObject):
    def __init__(self, pane: IndicatorsPane, area: QWidget, editable: bool) -> None:
        super().__init__(pane)
        self.pane = pane
        self.area = area
        self.setup: KpiSetupCommands = pane.kpis.setup
        self.editable = editable
        self.add_indicator = self._action(
            "Add &Indicator…", self.add_new_indicator, "addIndicator", "Ctrl+Shift+I"
        )
        self.edit_indicator = self._action(
            "&Edit Indicator…", self.edit_current_indicator, "editIndicator"
        )
        self.delete_indicator = self._action(
            "&Delete Indicator…", self.delete_current_indicator, "deleteIndicator"
        )
        self.add_group = self._action("Add &Group…", self.add_new_group, "addGroup", "Ctrl+Shift+G")
        self.edit_group = self._action("Edit Grou&p…", self.edit_current_group, "editGroup")
        self.delete_group = self._action("Delete Gro&up…", self.delete_current_group, "deleteGroup")
        self.actions = [
            self.add_indicator,
            self.edit_indicator,
            self.delete_indicator,
            self.add_group,
            self.edit_group,
            self.delete_group,
        ]
        # Adding works from anywhere in the window; the rest act on the table's current row.
        for action in (self.add_indicator, self.add_group):
            area.addAction(action)
        for action in self.actions[1:3] + self.actions[4:]:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            pane.view.addAction(action)
        for action in self.actions:
            if action in (self.add_group,):
                separator = QWidget()
                separator.setFixedWidth(12)
                pane.tools.addWidget(separator)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setObjectName(f"{action.objectName()}Button")
            pane.tools.addWidget(button)
        pane.tools.addStretch(1)
        pane.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        pane.view.customContextMenuRequested.connect(self._context_menu)
        pane.view.doubleClicked.connect(self._double_clicked)
        pane.view.selectionModel().currentRowChanged.connect(lambda *_: self.update())
        pane.model.modelReset.connect(self.update)
        self.update()

    def _action(
        self, text: str, slot: Callable[[], object], name: str, keys: str | None = None
    ) -> QAction:
        action = QAction(text, self.pane)
        action.setIconText(text.replace("&", ""))  # the button's words, with their “…”
        action.setObjectName(name)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def update(self) -> None:
        """Enable what the current row allows, and give it the edit and delete keys."""
        row = self.pane.current_row()
        group = row is not None and row.kind == "group"
        indicator = row is not None and row.kind == "indicator"
        for action in (self.add_indicator, self.add_group):
            action.setEnabled(self.editable)
        for action in (self.edit_indicator, self.delete_indicator):
            action.setEnabled(self.editable and indicator)
        for action in (self.edit_group, self.delete_group):
            action.setEnabled(self.editable and group)
        # One key each, moved to whichever kind of row is current, so they never clash.
        self.edit_indicator.setShortcut(QKeySequence() if group else EDIT_KEY)
        self.delete_indicator.setShortcut(QKeySequence() if group else DELETE_KEY)
        self.edit_group.setShortcut(EDIT_KEY if group else QKeySequence())
        self.delete_group.setShortcut(DELETE_KEY if group else QKeySequence())

    def fill(self, menu: QMenu) -> None:
        menu.clear()
        for action in self.actions:
            if action is self.add_group:
                menu.addSeparator()
            menu.addAction(action)

    def _context_menu(self, at: QPoint) -> None:
        index = self.pane.view.indexAt(at)
        if index.isValid():
            self.pane.view.setCurrentIndex(index)
        menu = QMenu(self.pane.view)
        self.fill(menu)
        menu.exec(self.pane.view.viewport().mapToGlobal(at))

    def _double_clicked(self, _index: object) -> None:
        row = self.pane.current_row()
        if row is not None and row.kind == "group":
            self.edit_current_group()

    # --- running the dialogs -------------------------------------------------------------------

    def _run(self, dialog: QDialog) -> bool:
        """Run ``dialog`` the window's one way (it saves what is typed first)."""
        self.pane.commit_open_editor()
        window = self.pane.window()
        if hasattr(window, "commit_pending") and hasattr(window, "modal"):
            return run_modal(cast(Host, window), dialog)
        return bool(dialog.exec())

    def _show(self, kind: str, row_id: int | None) -> None:
        """Bring the indicators into view with the row just added or edited current."""
        if row_id is None:
            return
        cast(Area, self.area).focus_indicators()
        self.pane.select_row(kind, row_id)
        self.pane.view.setFocus()

    def _current_group_id(self) -> int | None:
        """The group a new indicator goes in: the current row if it is a group, else the
        current indicator's (the nearest group row above it: a group's indicators follow it)."""
        rows = self.pane.model.rows[: self.pane.view.currentIndex().row() + 1]
        return next((row.id for row in reversed(rows) if row.kind == "group"), None)

    def add_new_indicator(self) -> int | None:
        if not self.editable or self.pane.reads.scope.programme_id is None:
            return None
        dialog = IndicatorEditor(self.setup, None, self._current_group_id(), self.pane.window())
        if self._run(dialog):
            self._show("indicator", dialog.saved_id)
            return dialog.saved_id
        return None

    def edit_current_indicator(self) -> bool:
        row = self.pane.current_row()
        if not self.editable or row is None or row.kind != "indicator":
            return False
        saved = self._run(IndicatorEditor(self.setup, row.id, None, self.pane.window()))
        if saved:
            self._show("indicator", row.id)
        return saved

    def delete_current_indicator(self) -> bool:
        row = self.pane.current_row()
        if not self.editable or row is None or row.kind != "indicator":
            return False
        counts = self.setup.counts(row.id)
        name = measure_name(row.code, row.name)
        if counts.total and not self._confirm(
            "Delete indicator",
            f"Delete {name}? Its {counts.total} value{'s' if counts.total != 1 else ''} go "
            f"with it: {counts.words()}.\n\nEdit ▸ Undo brings the indicator back with them.",
            "confirmDeleteIndicator",
        ):
            return False
        number = self.pane.view.currentIndex().row()
        deleted = self.setup.delete_indicator(row.id)
        if deleted and self.pane.model.rows:
            self.pane.view.setCurrentIndex(
                self.pane.model.index(min(number, len(self.pane.model.rows) - 1), 1)
            )
        return deleted

    def add_new_group(self) -> int | None:
        if not self.editable or self.pane.reads.scope.programme_id is None:
            return None
        row = self.pane.current_row()
        parent = row.id if row is not None and row.kind == "group" else None
        dialog = GroupEditor(self.setup, None, parent, self.pane.window())
        if self._run(dialog):
            self._show("group", dialog.saved_id)
            return dialog.saved_id
        return None

    def edit_current_group(self) -> bool:
        row = self.pane.current_row()
        if not self.editable or row is None or row.kind != "group":
            return False
        saved = self._run(GroupEditor(self.setup, row.id, None, self.pane.window()))
        if saved:
            self._show("group", row.id)
        return saved

    def delete_current_group(self) -> bool:
        row = self.pane.current_row()
        if not self.editable or row is None or row.kind != "group":
            return False
        groups = self.setup.groups()
        group = next((g for g in groups if g.id == row.id), None)
        if group is None:
            return False
        if group.indicators or group.subgroups:
            parent = next((g.name for g in groups if g.id == group.parent_id), None)
            contents = " and ".join(
                f"{count} {word}{'s' if count != 1 else ''}"
                for count, word in ((group.indicators, "indicator"), (group.subgroups, "subgroup"))
                if count
            )
            where = f"into “{parent}”" if parent else "to the top of the table"
            if not self._confirm(
                "Delete group",
                f"Delete the group “{group.name}”? Its {contents} move {where}; nothing "
                "in it is deleted.",
                "confirmDeleteGroup",
            ):
                return False
        return self.setup.delete_group(row.id)

    def _confirm(self, title: str, text: str, name: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.pane.window())
        box.setObjectName(name)
        delete = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        self._run(box)
        return box.clickedButton() is delete
