"""The menu bar: every command the window offers, with its keys, and when each is enabled.

The tree's editing commands are also added to the tree with a widget-with-children
context, so their keys do nothing while the indicators or the milestones have the focus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar, QTabWidget

from ui.shell.files import APP_NAME, FileActions
from ui.shell.filter_bar import FilterBar
from ui.shell.identity import YourDetails
from ui.shell.launchers import DialogLaunchers
from ui.shell.meeting import MeetingMode
from ui.shell.new_quarter import NewQuarter
from ui.shell.programme_actions import ProgrammeActions
from ui.shell.publishing import Publishing
from ui.shell.structure import StructureEditor
from ui.tree.view import ItemTreeView

if TYPE_CHECKING:
    from ui.shell.layout import WorkArea


class Host(Protocol):
    """The window the menus belong to, and the objects their commands call."""

    files: FileActions
    dialogs: DialogLaunchers
    you: YourDetails
    programmes: ProgrammeActions
    structure: StructureEditor
    new_quarter: NewQuarter
    filters: FilterBar
    tree: ItemTreeView
    tabs: QTabWidget
    undo_stack: QUndoStack
    undo_dock: QDockWidget
    work: WorkArea
    meeting: MeetingMode
    publishing: Publishing

    def menuBar(self) -> QMenuBar: ...

    def close_file(self) -> None: ...

    def close(self) -> bool: ...

    def show_indicators(self) -> None: ...

    def focus_detail(self) -> None: ...


def _menu(bar: QMenuBar, title: str) -> QMenu:
    """The menu of that title the window's frame put up before its first paint
    (ui/shell/frame.py), to be filled; a new one if there is none."""
    for action in bar.actions():
        menu = action.menu()
        if action.text() == title and isinstance(menu, QMenu):
            return menu
    return bar.addMenu(title)


class Menus:
    def __init__(self, w: Host, owner: QObject) -> None:
        self.owner = owner  # the actions' parent: the window itself
        bar = w.menuBar()
        file_menu = _menu(bar, "&File")
        self._action(file_menu, "&New…", w.files.new_file, QKeySequence.StandardKey.New)
        self.new_programme_action = self._action(
            file_menu, "New Pro&gramme…", w.programmes.new_programme, "Ctrl+Shift+N", "newProgramme"
        )
        self._action(file_menu, "&Open…", w.files.open_dialog, QKeySequence.StandardKey.Open)
        self._action(file_menu, "Open &Server…", lambda: w.files.open_server(), None, "openServer")
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(lambda: w.files.fill_recent(self.recent_menu))
        self.save_copy_action = self._action(
            file_menu, "Save a &Copy As…", w.files.save_copy, "Ctrl+Shift+S"
        )
        self.copy_to_server_action = self._action(
            file_menu, "Copy to Ser&ver…", w.files.copy_to_server, None, "copyToServer"
        )
        self.export_action = self._action(
            file_menu, "&Export…", w.dialogs.show_export, "Ctrl+E", "export"
        )
        self.import_action = self._action(
            file_menu, "&Import…", w.dialogs.show_import, "Ctrl+I", "import"
        )
        file_menu.addSeparator()
        self.make_packs_action = self._action(
            file_menu, "Make Update &Packs…", w.dialogs.show_make_packs, "Ctrl+Shift+M", "makePacks"
        )
        self.merge_pack_action = self._action(
            file_menu, "&Merge Update Pack…", w.dialogs.merge_pack_dialog, "Ctrl+M", "mergePack"
        )
        self.packs_out_action = self._action(
            file_menu, "Update Packs O&ut…", w.dialogs.show_packs_out, "Ctrl+Shift+K", "packsOut"
        )
        self.pack_note_action = self._action(
            file_menu,
            "No&te for the Programme Manager…",
            w.dialogs.edit_pack_note,
            "Ctrl+Shift+L",
            "packNote",
        )
        self._action(file_menu, "Your &Details…", w.you.edit, None, "yourDetails")
        file_menu.addSeparator()
        self.close_action = self._action(
            file_menu, "&Close", w.close_file, QKeySequence.StandardKey.Close
        )
        file_menu.addSeparator()
        self._action(file_menu, "E&xit", w.close, QKeySequence.StandardKey.Quit)

        edit = _menu(bar, "&Edit")
        self.undo_action = w.undo_stack.createUndoAction(owner, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = w.undo_stack.createRedoAction(owner, "&Redo")
        redo_keys: list[QKeySequence] = []
        for keys in (
            QKeySequence("Ctrl+Y"),
            *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
            QKeySequence("Ctrl+Shift+Z"),
        ):
            if keys not in redo_keys:  # a repeated sequence would make the shortcut ambiguous
                redo_keys.append(keys)
        self.redo_action.setShortcuts(redo_keys)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self.add_action = self._action(
            edit, "&Add Item Below", w.structure.add_sibling, "Ins", "addItem"
        )
        self.add_child_action = self._action(
            edit, "Add &Sub-item", w.structure.add_child, "Ctrl+Ins", "addChild"
        )
        self.rename_action = self._action(edit, "Edit &Title", w.structure.edit_title, "F2")
        self.delete_action = self._action(
            edit, "&Delete Item…", w.structure.delete_item, "Ctrl+Del", "deleteItem"
        )
        edit.addSeparator()
        self.up_action = self._action(
            edit, "Move &Up", lambda: w.structure.move_by(-1), "Alt+Shift+Up"
        )
        self.down_action = self._action(
            edit, "Move Do&wn", lambda: w.structure.move_by(1), "Alt+Shift+Down"
        )
        self.indent_action = self._action(edit, "&Indent", w.structure.indent, "Alt+Shift+Right")
        self.outdent_action = self._action(edit, "Out&dent", w.structure.outdent, "Alt+Shift+Left")
        edit.addSeparator()
        self.judgement_menu = edit.addMenu("Set &Judgement")
        edit.addSeparator()
        self._action(edit, "&Find…", w.filters.focus, QKeySequence.StandardKey.Find)

        view = _menu(bar, "&View")
        undo_toggle = w.undo_dock.toggleViewAction()
        undo_toggle.setText("&Undo History")
        undo_toggle.setShortcut(QKeySequence("Ctrl+H"))
        view.addAction(undo_toggle)
        self.expand_all_action = self._action(
            view, "&Expand All", lambda: w.tree.expandAll(), "Ctrl+Shift+E"
        )
        self.collapse_all_action = self._action(
            view, "&Collapse All", lambda: w.tree.collapseAll(), "Ctrl+Shift+C"
        )
        self._action(view, "&Actions", lambda: w.tabs.setCurrentIndex(0), "Alt+1")
        self._action(view, "&Indicators", w.show_indicators, "Alt+2")
        self._action(view, "Focus &Tree", lambda: w.tree.setFocus(), "Ctrl+1")
        self._action(view, "Focus &Details", w.focus_detail, "Ctrl+2")
        view.addSeparator()
        self.meeting_action = self._action(view, "&Meeting", w.meeting.set_active, "F11", "meeting")
        self.meeting_action.setCheckable(True)
        w.meeting.toggled.connect(self.meeting_action.setChecked)
        self.next_unjudged_action = self._action(
            view, "&Next Unjudged Action", w.meeting.go_to_next_unjudged, "F3", "nextUnjudged"
        )

        # Filled when opened: its commands belong to the open programme's indicators view.
        self.indicators_menu = _menu(bar, "Indi&cators")
        self.indicators_menu.aboutToShow.connect(
            lambda: w.work.fill_indicator_menu(self.indicators_menu)
        )

        programme = _menu(bar, "&Programme")
        self.settings_action = self._action(
            programme, "&Settings…", w.dialogs.show_settings, "Ctrl+,", "programmeSettings"
        )
        self.recommendations_action = self._action(
            programme,
            "&Recommendations…",
            w.dialogs.show_recommendations,
            "Ctrl+Shift+R",
            "recommendations",
        )
        self.people_action = self._action(
            programme, "&People…", w.dialogs.show_people, "Ctrl+Shift+P", "people"
        )
        self.report_details_action = self._action(
            programme,
            "Report &Details…",
            w.dialogs.show_report_details,
            "Ctrl+Shift+D",
            "reportDetails",
        )
        self.start_period_action = self._action(
            programme, "&Start Next Period…", w.new_quarter.start, "Ctrl+Shift+T", "startPeriod"
        )
        w.new_quarter.action = self.start_period_action
        programme.addSeparator()
        programme.addActions([w.publishing.publish_action, w.publishing.reopen_action])
        programme.addSeparator()
        self.rename_programme_action = self._action(
            programme, "Rena&me…", w.programmes.rename, None, "renameProgramme"
        )
        self.duplicate_programme_action = self._action(
            programme, "Duplicate for &Next Year…", w.programmes.duplicate, None, "duplicate"
        )
        self.delete_programme_action = self._action(
            programme, "De&lete…", w.programmes.delete, None, "deleteProgramme"
        )

        help_menu = _menu(bar, "&Help")
        self._action(help_menu, f"&About {APP_NAME}", w.dialogs.show_about)
        self.editing = [
            self.add_action,
            self.add_child_action,
            self.rename_action,
            self.delete_action,
            self.up_action,
            self.down_action,
            self.indent_action,
            self.outdent_action,
        ]
        # These act on the tree: their keys must not fire while another view (indicators,
        # milestones) has focus and uses the same keys for itself.
        for action in self.editing:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.tree.addAction(action)

    def _action(
        self, menu: Any, text: str, slot: Any, shortcut: Any = None, name: str = ""
    ) -> QAction:
        action = QAction(text, self.owner)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        menu.addAction(action)
        return action

    def fill_judgements(self, symbols: list[Any], choose: Callable[[str | None], None]) -> None:
        """One entry per symbol of the programme's scheme, with its key; then "not judged"."""
        self.judgement_menu.clear()
        for symbol in symbols:
            action = self.judgement_menu.addAction(
                f"{symbol.glyph}  {symbol.label}\t{symbol.shortcut.upper()}"
            )
            action.triggered.connect(lambda _=False, g=symbol.glyph: choose(g))
        self.judgement_menu.addSeparator()
        clear = self.judgement_menu.addAction("Not yet judged\tDel")
        clear.triggered.connect(lambda: choose(None))

    def enable(
        self,
        *,
        has_file: bool,
        editable: bool,
        structure: bool,
        programme: bool,
        in_pack: bool,
        has_item: bool,
    ) -> None:
        """What may be done now: a read-only file or an update pack allows less."""
        for action in self.editing:
            action.setEnabled(structure and (has_item or action is self.add_action))
        self.add_action.setEnabled(structure and programme)
        self.settings_action.setEnabled(programme and not in_pack)
        self.recommendations_action.setEnabled(programme and not in_pack)
        self.people_action.setEnabled(has_file and not in_pack)
        self.report_details_action.setEnabled(programme and not in_pack)
        self.make_packs_action.setEnabled(programme and structure)
        self.merge_pack_action.setEnabled(programme and structure)
        self.packs_out_action.setEnabled(programme and not in_pack)
        self.pack_note_action.setEnabled(in_pack and editable)
        self.save_copy_action.setEnabled(has_file)
        self.copy_to_server_action.setEnabled(has_file)
        self.export_action.setEnabled(programme)
        self.import_action.setEnabled(programme and structure)
        self.close_action.setEnabled(has_file)
        self.judgement_menu.setEnabled(editable and has_item)
        self.new_programme_action.setEnabled(editable and not in_pack)
        for action in (
            self.rename_programme_action,
            self.duplicate_programme_action,
            self.delete_programme_action,
        ):
            action.setEnabled(programme and structure)
