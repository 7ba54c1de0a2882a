"""The main window: a programme's tree and the selected item's details, edited live.

There is no Save: every edit is written when it is made. The window owns one open file (a
:class:`~app.store.database.Database`) at a time and talks to it only through the controller's
service calls and read functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import TrackerError
from app.read import queries
from app.store.database import FILE_SUFFIX, Database
from app.store.pack_scope import PACK_SUFFIX, PackScope
from ui.controller import Controller
from ui.panes.detail import DetailPane
from ui.shell.file_notices import (
    NoticeBar,
    WaitIndicator,
    can_take_over,
    confirm_take_over,
    take_over_button,
)
from ui.tree.delegates import JudgementDelegate, symbol_for_key
from ui.tree.filter import ANY, UNJUDGED_FILTER, ItemFilterModel
from ui.tree.model import JUDGEMENT, PREVIOUS, ItemTreeModel
from ui.tree.view import ItemTreeView

APP_NAME = "Programme Tracker"
MAX_RECENT = 8
EXPAND_LIMIT = 1_000
FILE_FILTER = f"Programme Tracker files (*{FILE_SUFFIX});;All files (*)"
OPEN_FILTER = (
    f"Programme files and update packs (*{FILE_SUFFIX} *{PACK_SUFFIX});;"
    f"Update packs (*{PACK_SUFFIX});;All files (*)"
)
PACK_FILTER = f"Update packs (*{PACK_SUFFIX});;All files (*)"
READ_ONLY_STYLE = "background: #FFF4CE; color: #3B2E00; padding: 6px; border: 1px solid #E0C060;"
PACK_STYLE = "background: #E5F1FB; color: #0B2A4A; padding: 6px; border: 1px solid #7FB2E5;"


class MainWindow(QMainWindow):
    def __init__(self, db: Database | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.db: Database | None = None
        self.controller: Controller | None = None
        self.programme_id: int | None = None
        self._period_ends: dict[int, Any] = {}
        self.settings_dialog: Any = None
        self.export_dialog: Any = None
        self.recommendations_dialog: Any = None
        self.packs_dialog: Any = None
        self.merge_dialog: Any = None
        self.pack: PackScope | None = None  # set while an update pack is open
        self.setAcceptDrops(True)
        self.setObjectName("mainWindow")
        self.undo_stack = QUndoStack(self)
        self.model = ItemTreeModel(self)
        self.proxy = ItemFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self._build_ui()
        self._build_actions()
        self._restore_layout()
        if db is not None:
            self.attach(db)
        else:
            self._update_state()

    # --- building ----------------------------------------------------------------------------

    def _build_ui(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(READ_ONLY_STYLE)
        self.banner.setVisible(False)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        self.take_over_button = take_over_button()
        self.take_over_button.clicked.connect(self.take_over)
        banner_row.addWidget(self.take_over_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(banner_row)
        self.notice = NoticeBar()
        layout.addWidget(self.notice)
        self.message = QLabel()
        self.message.setObjectName("messageBar")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(
            "background: #FDE7E9; color: #5C0011; padding: 6px; border: 1px solid #E8A0A8;"
        )
        self.message.setVisible(False)
        self.message.setAccessibleName("Message")
        layout.addWidget(self.message)

        filters = QHBoxLayout()
        self.filter_text = QLineEdit()
        self.filter_text.setObjectName("filterText")
        self.filter_text.setPlaceholderText("Find in titles and narratives (Ctrl+F)")
        self.filter_text.setAccessibleName("Find text")
        self.filter_text.setClearButtonEnabled(True)
        self.filter_responsible = QComboBox()
        self.filter_responsible.setAccessibleName("Filter by responsibility")
        self.filter_judgement = QComboBox()
        self.filter_judgement.setAccessibleName("Filter by judgement")
        self.filter_overdue = QCheckBox("&Overdue milestones")
        clear = QPushButton("C&lear filter")
        clear.clicked.connect(self.clear_filter)
        find_label = QLabel("&Find:")
        find_label.setBuddy(self.filter_text)
        filters.addWidget(find_label)
        filters.addWidget(self.filter_text, 3)
        filters.addWidget(self.filter_responsible, 2)
        filters.addWidget(self.filter_judgement, 1)
        filters.addWidget(self.filter_overdue)
        filters.addWidget(clear)
        layout.addLayout(filters)
        self.filter_text.textChanged.connect(self.apply_filter)
        self.filter_responsible.currentIndexChanged.connect(self.apply_filter)
        self.filter_judgement.currentIndexChanged.connect(self.apply_filter)
        self.filter_overdue.toggled.connect(self.apply_filter)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.tree = ItemTreeView()
        self.tree.setModel(self.proxy)
        delegate = JudgementDelegate(self.model.symbols, self.tree)
        self.tree.setItemDelegateForColumn(JUDGEMENT, delegate)
        self.tree.setItemDelegateForColumn(PREVIOUS, delegate)
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.tree.judgementKeyed.connect(self._judgement_key)
        self.tree.judgementCleared.connect(lambda: self.set_judgement(None))
        self.splitter.addWidget(self.tree)
        self.detail_host = QWidget()
        self.detail_layout = QVBoxLayout(self.detail_host)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail: DetailPane | None = None
        self.splitter.addWidget(self.detail_host)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([820, 540])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.addTab(self.splitter, "&Actions")
        self.indicators: Any = None
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.toolbar = QToolBar("Programme")
        self.toolbar.setObjectName("programmeToolbar")
        self.addToolBar(self.toolbar)
        programme_label = QLabel(" &Programme: ")
        self.programme_box = QComboBox()
        self.programme_box.setObjectName("programmeBox")
        self.programme_box.setAccessibleName("Programme")
        self.programme_box.setMinimumContentsLength(30)
        self.programme_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        programme_label.setBuddy(self.programme_box)
        period_label = QLabel("  P&eriod: ")
        self.period_box = QComboBox()
        self.period_box.setObjectName("periodBox")
        self.period_box.setAccessibleName("Reporting period")
        self.period_box.setMinimumContentsLength(18)
        period_label.setBuddy(self.period_box)
        self.toolbar.addWidget(programme_label)
        self.toolbar.addWidget(self.programme_box)
        self.toolbar.addWidget(period_label)
        self.toolbar.addWidget(self.period_box)
        self.programme_box.currentIndexChanged.connect(self._programme_chosen)
        self.period_box.currentIndexChanged.connect(self._period_chosen)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.statusBar().addPermanentWidget(self.summary_label)
        self.model.countsChanged.connect(self._update_summary)

        self.undo_dock = QDockWidget("Undo history", self)
        self.undo_dock.setObjectName("undoDock")
        self.undo_view = QUndoView(self.undo_stack)
        self.undo_view.setEmptyLabel("<opened>")
        self.undo_dock.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.undo_dock)
        self.undo_dock.hide()

    def _action(
        self, menu: Any, text: str, slot: Any, shortcut: Any = None, name: str = ""
    ) -> QAction:
        action = QAction(text, self)
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

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&New…", self.new_file, QKeySequence.StandardKey.New)
        self._action(file_menu, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save_copy_action = self._action(
            file_menu, "Save a &Copy As…", self.save_copy, "Ctrl+Shift+S"
        )
        self.export_action = self._action(
            file_menu, "&Export…", self.show_export, "Ctrl+E", "export"
        )
        file_menu.addSeparator()
        self.make_packs_action = self._action(
            file_menu, "Make Update &Packs…", self.show_make_packs, None, "makePacks"
        )
        self.merge_pack_action = self._action(
            file_menu, "&Merge Update Pack…", self.merge_pack_dialog, "Ctrl+M", "mergePack"
        )
        file_menu.addSeparator()
        self.close_action = self._action(
            file_menu, "&Close", self.close_file, QKeySequence.StandardKey.Close
        )
        file_menu.addSeparator()
        self._action(file_menu, "E&xit", self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
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
        self.add_action = self._action(edit, "&Add Item Below", self.add_sibling, "Ins", "addItem")
        self.add_child_action = self._action(
            edit, "Add &Sub-item", self.add_child, "Ctrl+Ins", "addChild"
        )
        self.rename_action = self._action(edit, "Edit &Title", self.edit_title, "F2")
        self.delete_action = self._action(
            edit, "&Delete Item…", self.delete_item, "Ctrl+Del", "deleteItem"
        )
        edit.addSeparator()
        self.up_action = self._action(edit, "Move &Up", lambda: self.move_by(-1), "Alt+Shift+Up")
        self.down_action = self._action(
            edit, "Move Do&wn", lambda: self.move_by(1), "Alt+Shift+Down"
        )
        self.indent_action = self._action(edit, "&Indent", self.indent, "Alt+Shift+Right")
        self.outdent_action = self._action(edit, "Out&dent", self.outdent, "Alt+Shift+Left")
        edit.addSeparator()
        self.judgement_menu = edit.addMenu("Set &Judgement")
        edit.addSeparator()
        self._action(edit, "&Find…", self.focus_filter, QKeySequence.StandardKey.Find)

        view = bar.addMenu("&View")
        undo_toggle = self.undo_dock.toggleViewAction()
        undo_toggle.setText("&Undo History")
        undo_toggle.setShortcut(QKeySequence("Ctrl+H"))
        view.addAction(undo_toggle)
        self._action(view, "&Expand All", lambda: self.tree.expandAll(), "Ctrl+Shift+E")
        self._action(view, "&Collapse All", lambda: self.tree.collapseAll(), "Ctrl+Shift+C")
        self._action(view, "&Actions", lambda: self.tabs.setCurrentIndex(0), "Alt+1")
        self._action(view, "&Indicators", self.show_indicators, "Alt+2")
        self._action(view, "Focus &Tree", lambda: self.tree.setFocus(), "Ctrl+1")
        self._action(view, "Focus &Details", self._focus_detail, "Ctrl+2")

        programme = bar.addMenu("&Programme")
        self.settings_action = self._action(
            programme, "&Settings…", self.show_settings, "Ctrl+,", "programmeSettings"
        )
        self.recommendations_action = self._action(
            programme,
            "&Recommendations…",
            self.show_recommendations,
            "Ctrl+Shift+R",
            "recommendations",
        )

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, f"&About {APP_NAME}", self.about)
        self._editing_actions = [
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
        for action in self._editing_actions:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(action)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    # --- files -------------------------------------------------------------------------------

    def attach(self, db: Database) -> None:
        """Show an open file (the window takes ownership and closes it later)."""
        self.db = db
        self.undo_stack.clear()
        self.controller = Controller(db, self.model, self.undo_stack)
        self.controller.errorRaised.connect(self.show_error)
        self.controller.structureChanged.connect(self._update_summary)
        self.controller.settingsChanged.connect(self._settings_changed)
        if self.detail is not None:
            self.detail_layout.removeWidget(self.detail)
            self.detail.deleteLater()
        self.detail = DetailPane(self.controller)
        self.detail_layout.addWidget(self.detail)
        if self.indicators is not None:
            self.tabs.removeTab(1)
            self.indicators.deleteLater()
            self.indicators = None
        self.model.read_only = db.read_only
        self.detail.set_read_only(db.read_only)
        self.pack = self.controller.pack_scope()
        owned = self.pack.owned if self.pack else None
        self.model.pack_owned = owned
        self.detail.set_pack_mode(owned)
        if db.read_only:
            self.banner.setStyleSheet(READ_ONLY_STYLE)
            self.banner.setText(
                f"Read-only: {db.read_only_reason}. You can read and export it, but not change it."
            )
        elif self.pack is not None:
            self.banner.setStyleSheet(PACK_STYLE)
            self.banner.setText(self._pack_banner(self.pack))
        self.banner.setVisible(db.read_only or self.pack is not None)
        self.take_over_button.setVisible(can_take_over(db))
        self.notice.show_notes(db.notes)
        db.on_wait = WaitIndicator(self.statusBar(), db)
        if db.backup_path is not None:
            self.statusBar().showMessage(
                f"Upgraded; the file as it was is kept as {db.backup_path.name}", 15000
            )
        self._remember_recent(db.path)
        programmes = self.controller.programmes()
        self.programme_box.blockSignals(True)
        self.programme_box.clear()
        for programme in programmes:
            self.programme_box.addItem(programme.name, programme.id)
        self.programme_box.blockSignals(False)
        last = self.settings.value(self._key("programme"))
        index = self.programme_box.findData(int(last)) if last else -1
        self.programme_box.setCurrentIndex(max(0, index) if programmes else -1)
        self._programme_chosen()
        self._update_state()

    @staticmethod
    def _pack_banner(pack: PackScope) -> str:
        from app.core.dates import format_date

        due = f" by <b>{format_date(pack.due)}</b>" if pack.due else ""
        count = len(pack.owned)
        return (
            f"<b>Update pack for {pack.person}</b> — {pack.programme_name}, "
            f"<b>{pack.period_label}</b>. Return it to {pack.made_by}{due}. "
            f"You can change the judgement, achievements and milestone status of your "
            f"{count} item{'s' if count != 1 else ''}; items in grey are shown for context. "
            "Every change is saved as you make it."
        )

    def _ensure_indicators(self) -> None:
        """The Indicators tab, shown when the programme has indicators."""
        from ui.panes.indicators import IndicatorsPane

        if self.controller is None:
            return
        if self.indicators is None:
            self.indicators = IndicatorsPane(self.controller)
            self.tabs.addTab(self.indicators, "&Indicators")
        else:
            self.indicators.reload()
        has_rows = bool(self.indicators.model.rows)
        self.tabs.setTabVisible(1, has_rows)

    def _key(self, what: str) -> str:
        path = str(self.db.path.resolve()) if self.db else ""
        return f"files/{path.replace('/', '|')}/{what}"

    def open_path(self, path: Path | str) -> bool:
        if self.db is not None and Path(path).resolve() == self.db.path.resolve():
            # Opening it again would find our own lock, open it read-only and then close the
            # copy that holds the lock: the window would lose editing of its own file.
            self.statusBar().showMessage(f"{self.db.path.name} is already open.", 8000)
            return True
        try:
            db = Database.open(path)
        except TrackerError as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return False
        self.close_file()
        self.attach(db)
        return True

    def take_over(self) -> None:
        """Edit a file whose lock names another computer, after the user has been warned."""
        if self.db is None or self.db.lock_holder is None:
            return
        holder, path = self.db.lock_holder, self.db.path
        if not confirm_take_over(self, self.db, holder):
            return
        self.close_file()
        try:
            db = Database.open(path, take_over=holder)
        except TrackerError as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return
        self.attach(db)
        if not db.read_only:
            self.statusBar().showMessage(f"You are now editing {path.name}.", 10000)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open programme file", "", OPEN_FILTER)
        if path:
            self.open_path(path)

    def new_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New programme file", "", FILE_FILTER)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != FILE_SUFFIX:
            target = target.with_suffix(FILE_SUFFIX)
        try:
            db = Database.create(target, overwrite=target.exists())
        except TrackerError as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return
        self.close_file()
        self.attach(db)

    def save_copy(self) -> None:
        if self.db is None:
            return
        self.commit_pending()
        path, _ = QFileDialog.getSaveFileName(self, "Save a copy as", "", FILE_FILTER)
        if not path:
            return
        try:
            target = self.db.save_copy(path)
        except TrackerError as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return
        self.statusBar().showMessage(f"Saved a copy as {target.name}", 8000)

    def commit_pending(self) -> None:
        """Save everything typed but not yet saved: open cell editors and detail fields."""
        self.tree.commit_open_editor()
        if self.detail is not None:
            self.detail.commit_pending()

    def close_file(self) -> None:
        if self.db is None:
            return
        self.commit_pending()
        self._save_place()
        self.undo_stack.clear()
        self.model.load([], [])
        if self.indicators is not None:
            self.tabs.removeTab(1)
            self.indicators.deleteLater()
            self.indicators = None
        if self.detail is not None:
            self.detail.detail = None
            self.detail_layout.removeWidget(self.detail)
            self.detail.deleteLater()
            self.detail = None
        self.db.close()
        self.db = None
        self.controller = None
        self.programme_id = None
        self.programme_box.blockSignals(True)
        self.programme_box.clear()
        self.programme_box.blockSignals(False)
        self.period_box.blockSignals(True)
        self.period_box.clear()
        self.period_box.blockSignals(False)
        self.banner.setVisible(False)
        self.take_over_button.setVisible(False)
        self.notice.setVisible(False)
        self.message.setVisible(False)
        self.pack = None
        self.model.pack_owned = None
        self._update_state()

    def _remember_recent(self, path: Path) -> None:
        recent = [p for p in self.recent_files() if Path(p) != path.resolve()]
        recent.insert(0, str(path.resolve()))
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles") or []
        return [value] if isinstance(value, str) else list(value)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for number, path in enumerate(self.recent_files(), start=1):
            action = self.recent_menu.addAction(f"&{number} {path}")
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not self.recent_files():
            self.recent_menu.addAction("(none)").setEnabled(False)

    # --- programme and period --------------------------------------------------------------

    def _programme_chosen(self) -> None:
        if self.controller is None or self.db is None:
            return
        self.commit_pending()
        self.undo_stack.clear()  # undo is per programme view; the change log keeps the rest
        programme_id = self.programme_box.currentData()
        self.programme_id = programme_id
        self.controller.programme_id = programme_id
        periods, current = self.controller.periods()
        if programme_id is not None:
            self.settings.setValue(self._key("programme"), programme_id)
        last = self.settings.value(self._key(f"period/{programme_id}"))
        self._fill_periods(periods, int(last) if last else current)
        self._load_tree(reset=True)

    def _fill_periods(self, periods: list[queries.PeriodRow], wanted: int | None) -> None:
        """Refill the period chooser without signals; ``wanted`` if there, else the latest."""
        self.period_box.blockSignals(True)
        self.period_box.clear()
        self._period_ends = {period.id: period.end for period in periods}
        for period in periods:
            suffix = " (published)" if period.published else ""
            self.period_box.addItem(period.label + suffix, period.id)
        index = self.period_box.findData(wanted)
        self.period_box.setCurrentIndex(index if index >= 0 else len(periods) - 1)
        self.period_box.blockSignals(False)

    def _period_chosen(self) -> None:
        if self.controller is None:
            return
        self.commit_pending()
        self.settings.setValue(
            self._key(f"period/{self.programme_id}"), self.period_box.currentData()
        )
        self._load_tree(reset=False)

    def _load_tree(self, *, reset: bool) -> None:
        assert self.controller is not None and self.db is not None
        period_id = self.period_box.currentData()
        label = self.period_box.currentText().removesuffix(" (published)")
        self.controller.set_period(period_id, label, self._period_ends.get(period_id))
        current = self.tree.current_item_id()
        rows, symbols = self.controller.tree()
        names = sorted({row.responsible for row in rows if row.responsible})
        if reset:
            self.model.load(rows, symbols)
            # Show the second level when that is a readable page or so of rows; a
            # 10,000-action programme opens with its objectives folded instead.
            second_level = sum(
                len(self.model.children_of(root)) for root in self.model.children_of(None)
            )
            if second_level <= EXPAND_LIMIT:
                self.tree.expandToDepth(0)
            self._fill_filters(symbols, names)
            self._fill_judgement_menu(symbols)
            self.tree.shortcut_texts = {s.shortcut.lower() for s in symbols} | {
                s.glyph for s in symbols
            }
            first = self.proxy.index(0, 0)
            if first.isValid():
                self.tree.select_item(first)
        else:
            self.model.replace_rows(rows)
            if current is not None:
                self.detail.show_item(current) if self.detail else None
        self._ensure_indicators()
        published = " (published)" in self.period_box.currentText()
        self.statusBar().showMessage(
            f"{label} is published: reopen it to change its judgements." if published else "",
            0 if published else 1,
        )
        self._update_summary()
        self._update_state()

    def _fill_filters(self, symbols: list[queries.SymbolRow], names: list[str]) -> None:
        self.filter_responsible.blockSignals(True)
        self.filter_responsible.clear()
        self.filter_responsible.addItem("Anyone responsible", None)
        for name in names:
            self.filter_responsible.addItem(name, name)
        self.filter_responsible.blockSignals(False)
        self.filter_judgement.blockSignals(True)
        self.filter_judgement.clear()
        self.filter_judgement.addItem("Any judgement", "any")
        for symbol in symbols:
            self.filter_judgement.addItem(f"{symbol.glyph}  {symbol.name}", symbol.glyph)
        self.filter_judgement.addItem("Not yet judged", UNJUDGED_FILTER)
        self.filter_judgement.blockSignals(False)

    def _fill_judgement_menu(self, symbols: list[queries.SymbolRow]) -> None:
        self.judgement_menu.clear()
        for symbol in symbols:
            action = self.judgement_menu.addAction(
                f"{symbol.glyph}  {symbol.name}\t{symbol.shortcut.upper()}"
            )
            action.triggered.connect(lambda _=False, g=symbol.glyph: self.set_judgement(g))
        self.judgement_menu.addSeparator()
        clear = self.judgement_menu.addAction("Not yet judged\tDel")
        clear.triggered.connect(lambda: self.set_judgement(None))

    # --- filter ----------------------------------------------------------------------------

    def apply_filter(self) -> None:
        glyph = self.filter_judgement.currentData()
        words = self.filter_text.text().strip()
        matches = self.controller.search(words) if words and self.controller else None
        self.proxy.set_filter(
            matches=matches,
            responsible=self.filter_responsible.currentData(),
            glyph=ANY if glyph in (None, "any") else glyph,
            overdue=self.filter_overdue.isChecked(),
        )
        if self.proxy.is_filtering():
            self.tree.expandAll()

    def clear_filter(self) -> None:
        for widget in (
            self.filter_text,
            self.filter_responsible,
            self.filter_judgement,
            self.filter_overdue,
        ):
            widget.blockSignals(True)
        self.filter_text.clear()
        self.filter_responsible.setCurrentIndex(0)
        self.filter_judgement.setCurrentIndex(0)
        self.filter_overdue.setChecked(False)
        for widget in (
            self.filter_text,
            self.filter_responsible,
            self.filter_judgement,
            self.filter_overdue,
        ):
            widget.blockSignals(False)
        self.apply_filter()

    def focus_filter(self) -> None:
        self.filter_text.setFocus()
        self.filter_text.selectAll()

    # --- editing -----------------------------------------------------------------------------

    def _current_changed(self, current: Any, _previous: Any) -> None:
        if self.detail is not None:
            self.detail.show_item(
                current.data(Qt.ItemDataRole.UserRole + 1) if current.isValid() else None
            )
        self._update_state()

    def _judgement_key(self, text: str) -> None:
        symbol = symbol_for_key(self.model.symbols(), text)
        if symbol is not None:
            self.set_judgement(symbol.glyph)

    def set_judgement(self, glyph: str | None) -> None:
        if self.controller is None or self._refuse_if_read_only():
            return
        ids = self.tree.selected_item_ids()
        if ids and self.controller.set_judgement(ids, glyph):
            self.message.setVisible(False)

    def _refuse_if_read_only(self) -> bool:
        if self.db is not None and self.db.read_only:
            self.show_error(f"Changes cannot be saved: {self.db.read_only_reason}.")
            return True
        return False

    def _level_name(self, parent_id: int | None) -> str:
        depth, current = 0, parent_id
        while current is not None:
            depth += 1
            row = self.model.row_for(current)
            current = row.parent_id if row else None
        names = self.controller.level_names() if self.controller else []
        return names[min(depth, len(names) - 1)] if names else "item"

    def _add(self, parent_id: int | None, position: int) -> None:
        if self.controller is None or self._refuse_if_read_only():
            return
        self.commit_pending()
        self.clear_filter()
        title = f"New {self._level_name(parent_id).lower()}"
        new_id = self.controller.add_item(parent_id, position, title)
        if new_id is None:
            return
        index = self.proxy.mapFromSource(self.model.index_for(new_id))
        self.tree.select_item(index)
        self.tree.edit(index)

    def add_sibling(self) -> None:
        current = self.tree.current_item_id()
        row = self.model.row_for(current) if current is not None else None
        if row is None:
            self._add(None, len(self.model.children_of(None)))
            return
        position = self.model.index_for(current).row() + 1
        self._add(row.parent_id, position)

    def add_child(self) -> None:
        current = self.tree.current_item_id()
        if current is None:
            self.add_sibling()
            return
        self.tree.expand(self.proxy.mapFromSource(self.model.index_for(current)))
        self._add(current, len(self.model.children_of(current)))

    def edit_title(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid() and not self._refuse_if_read_only():
            self.tree.edit(index.siblingAtColumn(0))

    def delete_item(self) -> None:
        if self.controller is None or self._refuse_if_read_only():
            return
        item_id = self.tree.current_item_id()
        if item_id is None:
            return
        self.commit_pending()
        row = self.model.row_for(item_id)
        detail = self.controller.item_detail(item_id)
        children = len(self.model.children_of(item_id))
        has_text = detail is not None and bool(
            detail.description
            or detail.milestones
            or detail.updates
            or (detail.history and any(h.glyph for h in detail.history))
        )
        if children or has_text:
            what = []
            if children:
                what.append(
                    f"{children} sub-item{'s' if children != 1 else ''} and everything under them"
                )
            if has_text:
                what.append("its milestones, narrative and judgements")
            title = (row.title.splitlines()[0] if row else "this item")[:80]
            answer = QMessageBox.question(
                self,
                "Delete item",
                f"Delete “{title}” with {' and '.join(what)}?\n\n"
                "You can undo this with Edit ▸ Undo.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        siblings = self.model.children_of(row.parent_id if row else None)
        position = siblings.index(item_id) if item_id in siblings else 0
        if self.controller.delete_item(item_id):
            remaining = self.model.children_of(row.parent_id if row else None)
            target = (
                remaining[min(position, len(remaining) - 1)]
                if remaining
                else (row.parent_id if row else None)
            )
            if target is not None:
                self.tree.select_item(self.proxy.mapFromSource(self.model.index_for(target)))

    def move_by(self, step: int) -> None:
        item_id = self.tree.current_item_id()
        if self.controller is None or item_id is None or self._refuse_if_read_only():
            return
        row = self.model.row_for(item_id)
        assert row is not None
        siblings = self.model.children_of(row.parent_id)
        target = siblings.index(item_id) + step
        if 0 <= target < len(siblings):
            self.controller.move_item(item_id, row.parent_id, target)
            self.tree.select_item(self.proxy.mapFromSource(self.model.index_for(item_id)))

    def indent(self) -> None:
        item_id = self.tree.current_item_id()
        if self.controller is None or item_id is None or self._refuse_if_read_only():
            return
        row = self.model.row_for(item_id)
        assert row is not None
        siblings = self.model.children_of(row.parent_id)
        position = siblings.index(item_id)
        if position == 0:
            self.show_error("There is no item above this one to move it under.")
            return
        new_parent = siblings[position - 1]
        if self.controller.move_item(item_id, new_parent, len(self.model.children_of(new_parent))):
            self.tree.expand(self.proxy.mapFromSource(self.model.index_for(new_parent)))
            self.tree.select_item(self.proxy.mapFromSource(self.model.index_for(item_id)))

    def outdent(self) -> None:
        item_id = self.tree.current_item_id()
        if self.controller is None or item_id is None or self._refuse_if_read_only():
            return
        row = self.model.row_for(item_id)
        assert row is not None
        if row.parent_id is None:
            self.show_error("This item is already at the top level.")
            return
        parent = self.model.row_for(row.parent_id)
        assert parent is not None
        position = self.model.children_of(parent.parent_id).index(parent.id) + 1
        if self.controller.move_item(item_id, parent.parent_id, position):
            self.tree.select_item(self.proxy.mapFromSource(self.model.index_for(item_id)))

    # --- feedback ----------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
        self.statusBar().showMessage(text, 10000)

    def _update_summary(self) -> None:
        counts, unjudged = self.model.leaf_counts()
        parts = [f"{s.glyph} {s.name} {counts.get(s.glyph, 0)}" for s in self.model.symbols()]
        parts.append(f"Not yet judged {unjudged}")
        period = self.controller.period_label() if self.controller else ""
        self.summary_label.setText(f"{period}:  " + "   ".join(parts) if period else "")

    def _update_state(self) -> None:
        has_file = self.db is not None
        editable = self.db is not None and not self.db.read_only
        in_pack = self.pack is not None
        structure = editable and not in_pack
        has_item = self.tree.currentIndex().isValid()
        for action in self._editing_actions:
            action.setEnabled(structure and (has_item or action is self.add_action))
        self.add_action.setEnabled(structure and self.programme_id is not None)
        programme = has_file and self.programme_id is not None
        self.settings_action.setEnabled(programme and not in_pack)
        self.recommendations_action.setEnabled(programme and not in_pack)
        self.make_packs_action.setEnabled(programme and structure)
        self.merge_pack_action.setEnabled(programme and structure)
        self.save_copy_action.setEnabled(has_file)
        self.export_action.setEnabled(has_file and self.programme_id is not None)
        self.close_action.setEnabled(has_file)
        self.judgement_menu.setEnabled(editable and has_item)
        name = self.db.path.name if self.db else "No file open"
        suffix = " (read-only)" if self.db is not None and self.db.read_only else ""
        if in_pack and not suffix:
            suffix = " (update pack)"
        self.setWindowTitle(f"{name}{suffix} – {APP_NAME}")

    def show_indicators(self) -> None:
        if self.indicators is not None and self.tabs.isTabVisible(1):
            self.tabs.setCurrentIndex(1)
            self.indicators.view.setFocus()

    def show_export(self) -> None:
        if self.controller is None or self.programme_id is None:
            return
        from ui.dialogs.export import ExportDialog

        self.commit_pending()
        dialog = ExportDialog(self.controller, self)
        self.export_dialog = dialog
        dialog.exec()
        self.export_dialog = None

    def show_make_packs(self) -> None:
        if self.controller is None or self.programme_id is None or self.db is None:
            return
        from ui.dialogs.packs import MakePacksDialog

        self.commit_pending()
        dialog = MakePacksDialog(self.controller, self.db.path.parent, self)
        self.packs_dialog = dialog
        if dialog.exec() and dialog.made:
            names = "\n".join(f"• {m.path.name} ({m.items} items)" for m in dialog.made)
            folder = dialog.made[0].path.parent
            QMessageBox.information(
                self,
                "Update packs made",
                f"{len(dialog.made)} update pack{'s' if len(dialog.made) != 1 else ''} in "
                f"{folder}:\n\n{names}\n\nSend each person their file; when it comes back, "
                "use File ▸ Merge Update Pack.",
            )
        self.packs_dialog = None

    def merge_pack_dialog(self) -> None:
        if self.controller is None or self.programme_id is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Merge update pack", "", PACK_FILTER)
        if path:
            self.merge_pack_file(Path(path))

    def merge_pack_file(self, path: Path) -> bool:
        """Check the pack, show its changes for review, and merge what is accepted."""
        if self.controller is None or self.programme_id is None:
            return False
        from ui.dialogs.packs import MergeReviewDialog

        self.commit_pending()
        try:
            review = self.controller.review_pack(path)
        except TrackerError as error:
            QMessageBox.warning(self, "Update pack refused", str(error))
            return False
        dialog = MergeReviewDialog(self.controller, review, self)
        self.merge_dialog = dialog
        merged = bool(dialog.exec())
        self.merge_dialog = None
        if merged:
            self._update_summary()
            self.statusBar().showMessage(
                f"Merged {review.person}’s update pack; Edit ▸ Undo takes it back.", 10000
            )
        return merged

    def show_settings(self) -> None:
        if self.controller is None or self.programme_id is None:
            return
        from ui.dialogs.settings import SettingsDialog

        self.commit_pending()
        dialog = SettingsDialog(self.controller, self)
        self.settings_dialog = dialog
        dialog.exec()
        self.settings_dialog = None

    def show_recommendations(self) -> None:
        if self.controller is None or self.programme_id is None:
            return
        from ui.dialogs.recommendations import RecommendationsDialog

        dialog = RecommendationsDialog(self.controller, self)
        self.recommendations_dialog = dialog
        dialog.exec()
        self.recommendations_dialog = None

    def _settings_changed(self) -> None:
        """Levels, periods, symbols or pledges changed: re-read what the window shows."""
        if self.controller is None:
            return
        periods, _ = self.controller.periods()
        self._fill_periods(periods, self.period_box.currentData())
        symbols = self.controller.symbols()
        self.model.set_symbols(symbols)
        self._load_tree(reset=False)  # a glyph may have changed: re-read the judgements
        self._fill_judgement_menu(symbols)
        self.tree.shortcut_texts = {s.shortcut.lower() for s in symbols} | {
            s.glyph for s in symbols
        }
        if self.detail is not None and self.detail.detail is not None:
            self.detail.show_item(self.detail.detail.id)
        self._update_summary()

    def _focus_detail(self) -> None:
        if self.detail is not None:
            self.detail.title_edit.setFocus()

    def about(self) -> None:
        from app.store.newfile import APP_VERSION

        where = str(self.db.path) if self.db else "no file open"
        QMessageBox.about(
            self, f"About {APP_NAME}", f"<b>{APP_NAME}</b> {APP_VERSION}<br>File: {where}"
        )

    # --- window events -----------------------------------------------------------------------

    def _save_place(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_file()
        self._save_place()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls: list[QUrl] = [url for url in event.mimeData().urls() if url.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.open_path(urls[0].toLocalFile())
