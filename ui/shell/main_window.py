"""The main window: a programme's tree and the selected item's details, edited live.

There is no Save: every edit is written when it is made. The window owns one open file (a
:class:`~app.store.database.Database`) at a time; it lays out the views, wires the menus to
them and hands each view the reads and commands it needs (``ui.commands``). The work behind
the menus lives beside it: ``files`` (open, new, copy), ``structure`` (add, move, delete),
``launchers`` (the dialogs), ``filter_bar`` and ``choosers``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QUndoStack,
)
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget

from ui.shell.bars import FileBars, summary_text
from ui.shell.file_notices import WaitIndicator
from ui.shell.files import FileActions, window_title
from ui.shell.filter_bar import FilterBar
from ui.shell.focus_order import order_tab_chain
from ui.shell.frame import WindowFrame
from ui.shell.identity import YourDetails
from ui.shell.judging import edit_refusal, parent_refusal, split_judgeable
from ui.shell.launchers import DialogLaunchers
from ui.shell.layout import WorkArea, restore_place, save_place, undo_dock
from ui.shell.live import LiveView
from ui.shell.meeting import MeetingMode
from ui.shell.menus import Menus
from ui.shell.new_quarter import NewQuarter
from ui.shell.programme_actions import ProgrammeActions
from ui.shell.publishing import Publishing
from ui.shell.structure import StructureEditor
from ui.shell.tree_loading import TreeLoading
from ui.shell.tree_menu import TreeMenu
from ui.tree.delegates import JudgementDelegate, symbol_for_key
from ui.tree.filter import ItemFilterModel
from ui.tree.model import JUDGEMENT, PREVIOUS, RESPONSIBILITY, ItemIdRole, ItemTreeModel
from ui.tree.responsibility import ResponsibilityDelegate
from ui.tree.view import ItemTreeView

if TYPE_CHECKING:
    from app.store.database import Database
    from app.store.pack_scope import PackScope
    from ui.commands import Commands
    from ui.panes.detail import DetailPane
    from ui.panes.indicators import IndicatorsPane


class MainWindow(WindowFrame):
    def __init__(self, db: Database | None = None, settings: QSettings | None = None) -> None:
        super().__init__(settings or QSettings())
        self.finish(db)

    def finish(self, db: Database | None = None) -> None:
        """The second stage (ui/shell/frame.py): everything but the frame, built into it."""
        self.db: Database | None = None
        self.commands: Commands | None = None
        self.programme_id: int | None = None
        self.modal: QDialog | None = None  # the dialog running, if any (ui.dialogs.modal)
        self.pack: PackScope | None = None  # set while an update pack is open
        self.detail: DetailPane | None = None
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.model = ItemTreeModel(self)
        self.proxy = ItemFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.tree = ItemTreeView()
        self.files = FileActions(self, self)
        self.dialogs = DialogLaunchers(self, self)
        self.you = YourDetails(self, self, self.settings)  # who the file's records name
        # Conflicts asked about; on a server, other people's changes shown.
        self.live = LiveView(self, self)
        self.programmes = ProgrammeActions(self, self)
        self.structure = StructureEditor(self, self, self.tree, self.model, self.proxy)
        self.new_quarter: NewQuarter = NewQuarter(self, self)  # before the layout: its offer
        self._build_ui()
        self.menus = Menus(self, self)
        self.tree_menu = TreeMenu(self.menus, self.tree)
        restore_place(self, self.splitter, self.settings)
        self.loading = TreeLoading(self)  # the tree read into the model, a big one top first
        if db is not None:
            self.attach(db)
        else:
            self.update_state()

    # --- building ----------------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = self.central_layout  # the frame's, holding the empty panel: it goes last
        layout.removeWidget(self.empty)
        self.bars = FileBars()
        self.bars.take_over_button.clicked.connect(self.files.take_over)
        self.bars.note_button.clicked.connect(self.dialogs.edit_pack_note)
        layout.addLayout(self.bars)
        self.banner, self.notice, self.message = (
            self.bars.banner,
            self.bars.notice,
            self.bars.message,
        )
        self.take_over_button = self.bars.take_over_button
        self.filters = FilterBar(self.proxy, self.tree, self._search)
        layout.addLayout(self.filters)
        layout.addWidget(self.new_quarter.offer)

        self.tree.setModel(self.proxy)
        delegate = JudgementDelegate(self.model.symbols, self.tree)
        self.tree.setItemDelegateForColumn(JUDGEMENT, delegate)
        self.tree.setItemDelegateForColumn(PREVIOUS, delegate)
        people = ResponsibilityDelegate(
            lambda: self.commands.reads.responsible_names() if self.commands else [], self.tree
        )
        self.tree.setItemDelegateForColumn(RESPONSIBILITY, people)
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.tree.judgementKeyed.connect(self._judgement_key)
        self.tree.judgementCleared.connect(lambda: self.set_judgement(None))
        self.tree.editRefused.connect(self._edit_refused)
        self.work = WorkArea(self.tree)
        self.tabs: QTabWidget = self.work
        self.splitter, self.detail_layout = self.work.splitter, self.work.detail_layout
        layout.addWidget(self.tabs, 1)
        self.meeting = MeetingMode(
            self.tree, self.proxy, self.model, self.splitter, self._period_label, self.say
        )
        layout.insertWidget(layout.indexOf(self.tabs), self.meeting.panel)
        self.empty.stand_in_for([self.tabs], [self.filters])
        self.empty.new_programme_button.clicked.connect(self.programmes.new_programme)
        self.empty.new_file_button.clicked.connect(self.files.new_file)
        self.empty.open_button.clicked.connect(self.files.open_dialog)
        layout.addWidget(self.empty, 1)

        self.programme_box = self.choosers.programme_box
        self.period_box = self.choosers.period_box
        self.programme_box.currentIndexChanged.connect(self._programme_chosen)
        self.period_box.currentIndexChanged.connect(self._period_chosen)
        self.publishing = Publishing(self, self)  # beside the period chooser, and its state

        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.statusBar().addPermanentWidget(self.summary_label)
        self.model.countsChanged.connect(self.update_summary)

        self.undo_dock = undo_dock(self, self.undo_stack)

    # --- the open file -----------------------------------------------------------------------

    def attach(self, db: Database) -> None:
        """Show an open file (the window takes ownership and closes it later)."""
        from ui.commands import Commands  # SQLAlchemy and the services: after the window shows
        from ui.panes.detail import DetailPane

        self.db = db
        self.statusBar().clearMessage()  # "Opening …", or the last file's passing note
        self.you.apply(db)
        self.undo_stack.clear()
        commands = self.commands = Commands.for_file(db, self.model, self.undo_stack)
        commands.run.errorRaised.connect(self.show_error)
        commands.run.structureChanged.connect(self.update_summary)
        commands.run.treeReplaced.connect(lambda: self.loading.load(reset=True))
        commands.run.settingsChanged.connect(self._settings_changed)
        commands.programmes.programmeShown.connect(self.show_programme)
        self._drop_panes()
        self.detail = DetailPane(commands.reads, commands.items, commands.progress)
        self.detail_layout.addWidget(self.detail)
        order_tab_chain(self)
        self.live.attach()
        self.model.read_only = db.read_only
        self.detail.set_read_only(db.read_only)
        self.pack = commands.reads.pack_scope()
        # An update pack's holder, or a service lead on a server, changes only their items.
        lead = None if self.pack else commands.reads.lead_items()
        self.model.pack_owned = self.pack.owned if self.pack else lead
        self.detail.set_pack_mode(
            self.model.pack_owned,
            self.pack.sent_milestones if self.pack else frozenset(),
            adds=lead is None,
        )
        self.bars.show_file(db, self.pack)
        self.bars.show_note(self.pack, commands.reads.pack_note() if self.pack else None)
        commands.run.packNoteChanged.connect(
            lambda: self.bars.show_note(self.pack, commands.reads.pack_note())
        )
        db.on_wait = WaitIndicator(self.statusBar(), db)
        if db.backup_path is not None:
            self.statusBar().showMessage(
                f"Upgraded; the file as it was is kept as {db.backup_path.name}", 15000
            )
        self.files.remember(db.path if db.path is not None else db.where)
        last = self.settings.value(self._key("programme"))
        self.choosers.fill_programmes(commands.reads.programmes(), int(last) if last else None)
        self._programme_chosen()
        self.update_state()

    def _drop_panes(self) -> None:
        """Remove the detail pane and the Indicators tab (they belong to one file)."""
        self.work.drop_indicators()
        if self.detail is not None:
            self.detail.detail = None
            self.detail_layout.removeWidget(self.detail)
            self.detail.deleteLater()
            self.detail = None

    def _key(self, what: str) -> str:
        path = self.db.where if self.db else ""
        return f"files/{path.replace('/', '|')}/{what}"

    def commit_pending(self) -> None:
        """Save everything typed but not yet saved: open cell editors and detail fields."""
        self.tree.commit_open_editor()
        if self.detail is not None:
            self.detail.commit_pending()

    def close_file(self) -> None:
        if self.db is None:
            return
        self.commit_pending()
        self.live.detach()
        save_place(self, self.splitter, self.settings)
        self.undo_stack.clear()
        self.model.load([], [])
        self._drop_panes()
        self.db.close()
        self.db = None
        self.commands = None
        self.programme_id = None
        self.choosers.clear()
        self.bars.hide_all()
        self.pack = None
        self.model.pack_owned = None
        self.update_state()
        self.publishing.refresh()
        self.new_quarter.refresh()

    # --- programme and period --------------------------------------------------------------

    def _programme_chosen(self) -> None:
        if self.commands is None:
            return
        self.commit_pending()
        self.undo_stack.clear()  # undo is per programme view; the change log keeps the rest
        self._show_programme()

    def show_programme(self, programme_id: int | None) -> None:
        """Show the programme a programme step made, renamed or put back (None: the first).
        The undo history stays: the step is in it, and undoing it shows the one before."""
        if self.commands is None:
            return
        self.choosers.fill_programmes(self.commands.reads.programmes(), programme_id)
        if self.programme_box.currentData() != self.programme_id:
            self._show_programme()
        self.update_state()

    def _show_programme(self) -> None:
        assert self.commands is not None
        programme_id = self.programme_box.currentData()
        self.programme_id = self.commands.run.scope.programme_id = programme_id
        periods, current = self.commands.reads.periods()
        if programme_id is not None:
            self.settings.setValue(self._key("programme"), programme_id)
        last = self.settings.value(self._key(f"period/{programme_id}"))
        self.choosers.fill_periods(periods, int(last) if last else current)
        self.loading.load(reset=True)
        if not self.tabs.isHidden():  # (an empty file's panel keeps its own focus)
            self.tree.setFocus()  # the keys judge: on open and on every programme or period

    def _period_chosen(self) -> None:
        if self.commands is None:
            return
        self.commit_pending()
        self.settings.setValue(self._key(f"period/{self.programme_id}"), self.choosers.period_id())
        self.loading.load(reset=False)
        if not self.tabs.isHidden():
            self.tree.setFocus()

    def _settings_changed(self) -> None:
        """Levels, periods, symbols or pledges changed: re-read what the window shows."""
        if self.commands is None:
            return
        periods, _ = self.commands.reads.periods()
        self.choosers.fill_periods(periods, self.choosers.period_id())
        symbols = self.commands.reads.symbols()
        self.model.set_symbols(symbols)
        self.loading.load(reset=False)  # a glyph may have changed: re-read the judgements
        self.loading.show_symbols(symbols)
        if self.detail is not None and self.detail.detail is not None:
            self.detail.show_item(self.detail.detail.id)
        self.update_summary()

    # --- editing -----------------------------------------------------------------------------

    def _search(self, words: str) -> set[int] | None:
        return self.commands.reads.search(words) if self.commands else None

    def clear_filter(self) -> None:
        self.filters.clear()

    def _current_changed(self, current: Any, _previous: Any) -> None:
        if self.detail is not None and not self.loading.panes_waiting:
            self.detail.show_item(current.data(ItemIdRole) if current.isValid() else None)
        self.update_state()

    def _judgement_key(self, text: str) -> None:
        if symbol := symbol_for_key(self.model.symbols(), text):
            self.set_judgement(symbol.glyph)

    def set_judgement(self, glyph: str | None) -> None:
        if self.commands is None or self.refuse_if_read_only():
            return
        ids, parents = split_judgeable(self.model, self.tree.selected_item_ids())
        if glyph is None:  # clearing a parent's old judgement is allowed
            ids, parents = ids + parents, []
        if ids and self.commands.progress.set_judgement(ids, glyph):
            self.message.setVisible(False)
        if parents:
            self.show_error(parent_refusal(self.model, parents[0]))

    def _edit_refused(self, item_id: int, column: int) -> None:
        db = self.db
        read_only = (db.read_only_reason or "it is read-only") if db and db.read_only else None
        if text := edit_refusal(self.model, item_id, column, self.pack, read_only):
            self.say(text)

    def show_programme_period(self, programme_id: int, period_id: int) -> bool:
        """Show a programme and period the window was not showing (a pack for them is being
        merged); False when this file has no such programme or period."""
        index = self.programme_box.findData(programme_id)
        if self.commands is None or index < 0:
            return False
        if programme_id != self.programme_id:
            self.programme_box.setCurrentIndex(index)  # shows it, as choosing it would
        index = self.period_box.findData(period_id)
        if index >= 0 and index != self.period_box.currentIndex():
            self.period_box.setCurrentIndex(index)
        return self.programme_id == programme_id and self.choosers.period_id() == period_id

    def file_key(self, what: str) -> str:
        """A QSettings key for something remembered about the open file."""
        return self._key(what)

    def refuse_if_read_only(self) -> bool:
        if self.db is not None and self.db.read_only:
            self.show_error(f"Changes cannot be saved: {self.db.read_only_reason}.")
            return True
        return False

    # --- feedback ----------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.bars.show_error(text)
        self.statusBar().showMessage(text, 10000)

    def say(self, text: str) -> None:
        """A passing note in the status bar (not an error)."""
        self.statusBar().showMessage(text, 10000)

    def _period_label(self) -> str:
        return self.commands.run.scope.period_label if self.commands else ""

    def update_summary(self) -> None:
        period = self.commands.run.scope.period_label if self.commands else ""
        self.summary_label.setText(summary_text(self.model, period))

    def update_state(self) -> None:
        db, in_pack = self.db, self.pack is not None
        editable = db is not None and not db.read_only
        self.menus.enable(
            has_file=db is not None,
            editable=editable,
            structure=editable and self.model.pack_owned is None,
            programme=db is not None and self.programme_id is not None,
            in_pack=in_pack,
            has_item=self.tree.currentIndex().isValid(),
        )
        self.setWindowTitle(window_title(db, in_pack))
        self.empty.show_for(db, self.programme_id is not None)

    @property
    def indicators(self) -> IndicatorsPane | None:
        return self.work.indicators

    def show_indicators(self) -> None:
        self.work.focus_indicators()

    def focus_detail(self) -> None:
        if self.detail is not None:
            self.detail.title_edit.setFocus()

    # --- window events -----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_file()
        save_place(self, self.splitter, self.settings)
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls: list[QUrl] = [url for url in event.mimeData().urls() if url.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.files.open_path(urls[0].toLocalFile())
