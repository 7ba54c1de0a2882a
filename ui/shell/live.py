"""Two people at once, seen from the window: whose value to keep when an edit meets another
person's, and other people's changes shown in the open window as they land.

The question is the runner's ``resolve`` (ui/commands/runner.py): it is asked inside the edit,
undo or redo that met the other change, which is tried again only if "Keep Mine" is chosen.
The changes are looked for every two seconds on a server (never on a file, which one person
edits at a time) through ``Reads.changes_since``: the rows they touched are re-read and
repainted in place (``ItemTreeModel.refresh``), or, when items came, went or moved, the tree is
read again with its expansion and selection kept. A row whose cell is being edited, and a
detail field being typed in, are not touched, so their save meets the conflict check instead.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QWidget

from app.core.conflicts import question
from app.core.errors import ConflictError, TrackerError
from ui.shell.layout import WorkArea
from ui.tree.filter import ItemFilterModel
from ui.tree.model import ItemTreeModel
from ui.tree.view import ItemTreeView

if TYPE_CHECKING:
    from app.read.changes import Changes
    from app.store.database import Database
    from ui.commands import Commands
    from ui.panes.detail import DetailPane
    from ui.shell.filter_bar import FilterBar


class Window(Protocol):
    db: Database | None
    commands: Commands | None
    detail: DetailPane | None
    model: ItemTreeModel
    proxy: ItemFilterModel
    filters: FilterBar
    tree: ItemTreeView
    work: WorkArea

    def update_summary(self) -> None: ...


POLL_MS = 2000
KEEP_MINE = "Keep Mine"
KEEP_THEIRS = "Keep Theirs"


def ask_whose(parent: QWidget, conflict: ConflictError) -> bool:
    """ "Priya Shah changed the title of 2.3 at 10:42 — keep yours or keep theirs?"; True
    keeps mine. Esc, or closing the question, keeps theirs: nothing of theirs is lost unasked."""
    box = QMessageBox(parent)
    box.setObjectName("conflictQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Changed by Someone Else")
    box.setText(question(conflict, dt.date.today()))
    box.setInformativeText(
        "Keep Mine saves your change over theirs. Keep Theirs leaves their change and shows it."
    )
    mine = box.addButton(KEEP_MINE, QMessageBox.ButtonRole.AcceptRole)
    theirs = box.addButton(KEEP_THEIRS, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(theirs)
    box.setEscapeButton(theirs)
    box.exec()
    return box.clickedButton() is mine


class LiveView(QObject):
    """The window's side of several people on one server programme."""

    def __init__(self, window: Window, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent
        self.last_id = 0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.look)
        self._waiting: set[int] = set()  # rows left alone while being edited
        self._reread_waiting = False
        self._settings_waiting = False  # periods, symbols or levels changed: read them again

    def attach(self) -> None:
        """A file or server was opened: ask on conflicts; on a server, start looking."""
        window = self.window
        assert window.commands is not None and window.db is not None
        run = window.commands.run
        run.resolve = lambda conflict: ask_whose(self.parent_widget, conflict)
        run.theirsKept.connect(self._theirs_kept)
        self._waiting, self._reread_waiting, self._settings_waiting = set(), False, False
        if window.db.is_server:
            self.last_id = window.commands.reads.last_change_id()
            self.timer.start()
        else:
            self.timer.stop()

    def detach(self) -> None:
        self.timer.stop()

    def _theirs_kept(self, conflict: ConflictError) -> None:
        """Show their value: the row, the detail pane and the Indicators tab read again."""
        commands = self.window.commands
        if commands is None:
            return
        if conflict.did in ("moved", "deleted"):
            self.reread_tree()  # the tree's shape is theirs: unfolded and selected as it was
        elif conflict.item_id is not None:
            commands.items.refresh(conflict.item_id)
        if conflict.indicator_id is not None:
            commands.run.indicatorsChanged.emit()

    def look(self) -> None:
        """One look at the change log; nothing while a dialog is open (it may be the
        conflict question itself, or a form whose rows would move under it)."""
        window = self.window
        if window.commands is None or QApplication.activeModalWidget() is not None:
            return
        try:
            changes = window.commands.reads.changes_since(self.last_id)
        except TrackerError:
            return  # the server is busy or gone for a moment: look again next time
        self.last_id = changes.last_id
        self.show(changes)

    def show(self, changes: Changes) -> None:
        window = self.window
        commands = window.commands
        assert commands is not None
        editing = window.tree.state() == QAbstractItemView.State.EditingState
        edited = window.tree.current_item_id() if editing else None
        self._settings_waiting |= changes.settings
        if changes.structure or changes.settings or self._reread_waiting:
            if editing:
                self._reread_waiting = True  # the shape changes once the editor closes
            else:
                self._reread_waiting = False
                self._waiting.clear()
                if self._settings_waiting:  # a new period, symbol or level: the choosers too
                    self._settings_waiting = False
                    commands.run.settingsChanged.emit()
                self.reread_tree()
        items = window.model.known(set(changes.items) | self._waiting)
        self._waiting = items & {edited} if edited is not None else set()
        items -= self._waiting
        if items:
            window.model.refresh(commands.reads.item_rows(sorted(items)))
            window.update_summary()
        detail = window.detail
        if detail is not None and detail.detail is not None and detail.detail.id in items:
            detail.others_changed()
        pane = window.work.indicators
        if changes.indicators and pane is not None:
            if pane.view.state() == QAbstractItemView.State.EditingState:
                return  # an actual being typed: its save meets the check; shown next look
            pane.reload()

    def reread_tree(self) -> None:
        """Items came, went or moved: the tree read again, unfolded and selected as it was."""
        window = self.window
        assert window.commands is not None
        tree, model, proxy = window.tree, window.model, window.proxy
        expanded = [
            item_id
            for item_id in model.item_ids()
            if model.children_of(item_id)
            and tree.isExpanded(proxy.mapFromSource(model.index_for(item_id)))
        ]
        current = tree.current_item_id()
        rows, symbols = window.commands.reads.tree()
        model.load(rows, symbols)
        if proxy.is_filtering():  # the words looked for may now be in other items
            window.filters.apply()
        for item_id in expanded:
            index = proxy.mapFromSource(model.index_for(item_id))
            if index.isValid():
                tree.expand(index)
        if current is not None:
            tree.select_item(proxy.mapFromSource(model.index_for(current)))
        window.update_summary()
