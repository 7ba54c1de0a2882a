"""The main window: a programme's tree and the selected item's details, edited live.

There is no Save: every edit is written when it is made. The window owns one open file (a
:class:`~app.store.database.Database`) at a time; it lays out the views, wires the menus to
them and hands each view the reads and commands it needs (``ui.commands``). The work behind
the menus lives beside it: ``files`` (open, new, copy), ``structure`` (add, move, delete),
``launchers`` (the dialogs), ``filter_bar`` and ``choosers``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from app.core.dates import format_date
from app.store.database import Database
from app.store.pack_scope import PackScope
from ui.commands import Commands
from ui.panes.detail import DetailPane
from ui.shell.choosers import Choosers
from ui.shell.file_notices import NoticeBar, WaitIndicator, can_take_over, take_over_button
from ui.shell.files import APP_NAME, FileActions
from ui.shell.filter_bar import FilterBar
from ui.shell.launchers import DialogLaunchers
from ui.shell.menus import Menus
from ui.shell.structure import StructureEditor
from ui.tree.delegates import JudgementDelegate, symbol_for_key
from ui.tree.filter import ItemFilterModel
from ui.tree.model import JUDGEMENT, PREVIOUS, ItemIdRole, ItemTreeModel
from ui.tree.view import ItemTreeView

EXPAND_LIMIT = 1_000
READ_ONLY_STYLE = "background: #FFF4CE; color: #3B2E00; padding: 6px; border: 1px solid #E0C060;"
PACK_STYLE = "background: #E5F1FB; color: #0B2A4A; padding: 6px; border: 1px solid #7FB2E5;"
ERROR_STYLE = "background: #FDE7E9; color: #5C0011; padding: 6px; border: 1px solid #E8A0A8;"


def pack_banner(pack: PackScope) -> str:
    """What an update pack's holder may change, and when and to whom it goes back."""
    due = f" by <b>{format_date(pack.due)}</b>" if pack.due else ""
    count = len(pack.owned)
    return (
        f"<b>Update pack for {pack.person}</b> — {pack.programme_name}, "
        f"<b>{pack.period_label}</b>. Return it to {pack.made_by}{due}. "
        f"You can change the judgement, achievements and milestone status of your "
        f"{count} item{'s' if count != 1 else ''}; items in grey are shown for context. "
        "Every change is saved as you make it."
    )


class MainWindow(QMainWindow):
    def __init__(self, db: Database | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.db: Database | None = None
        self.commands: Commands | None = None
        self.programme_id: int | None = None
        self.modal: QDialog | None = None  # the dialog running, if any (ui.dialogs.modal)
        self.pack: PackScope | None = None  # set while an update pack is open
        self.detail: DetailPane | None = None
        self.indicators: Any = None
        self.setAcceptDrops(True)
        self.setObjectName("mainWindow")
        self.undo_stack = QUndoStack(self)
        self.model = ItemTreeModel(self)
        self.proxy = ItemFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.tree = ItemTreeView()
        self.files = FileActions(self, self)
        self.dialogs = DialogLaunchers(self, self)
        self.structure = StructureEditor(self, self, self.tree, self.model, self.proxy)
        self._build_ui()
        self.menus = Menus(self, self)
        self._restore_layout()
        if db is not None:
            self.attach(db)
        else:
            self._update_state()

    # --- building ----------------------------------------------------------------------------

    def _bar(self, name: str, style: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        label.setVisible(False)
        return label

    def _build_ui(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        self.banner = self._bar("readOnlyBanner", READ_ONLY_STYLE)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        self.take_over_button = take_over_button()
        self.take_over_button.clicked.connect(self.files.take_over)
        banner_row.addWidget(self.take_over_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(banner_row)
        self.notice = NoticeBar()
        layout.addWidget(self.notice)
        self.message = self._bar("messageBar", ERROR_STYLE)
        self.message.setAccessibleName("Message")
        layout.addWidget(self.message)
        self.filters = FilterBar(self.proxy, self.tree, self._search)
        layout.addLayout(self.filters)

        self.tree.setModel(self.proxy)
        delegate = JudgementDelegate(self.model.symbols, self.tree)
        self.tree.setItemDelegateForColumn(JUDGEMENT, delegate)
        self.tree.setItemDelegateForColumn(PREVIOUS, delegate)
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.tree.judgementKeyed.connect(self._judgement_key)
        self.tree.judgementCleared.connect(lambda: self.set_judgement(None))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree)
        self.detail_host = QWidget()
        self.detail_layout = QVBoxLayout(self.detail_host)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(self.detail_host)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([820, 540])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.addTab(self.splitter, "&Actions")
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.choosers = Choosers()
        self.addToolBar(self.choosers)
        self.programme_box = self.choosers.programme_box
        self.period_box = self.choosers.period_box
        self.programme_box.currentIndexChanged.connect(self._programme_chosen)
        self.period_box.currentIndexChanged.connect(self._period_chosen)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.statusBar().addPermanentWidget(self.summary_label)
        self.model.countsChanged.connect(self.update_summary)

        self.undo_dock = QDockWidget("Undo history", self)
        self.undo_dock.setObjectName("undoDock")
        self.undo_view = QUndoView(self.undo_stack)
        self.undo_view.setEmptyLabel("<opened>")
        self.undo_dock.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.undo_dock)
        self.undo_dock.hide()

    def _restore_layout(self) -> None:
        for key, restore in (
            ("window/geometry", self.restoreGeometry),
            ("window/state", self.restoreState),
            ("window/splitter", self.splitter.restoreState),
        ):
            value = self.settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)

    def _save_place(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())

    # --- the open file -----------------------------------------------------------------------

    def attach(self, db: Database) -> None:
        """Show an open file (the window takes ownership and closes it later)."""
        self.db = db
        self.undo_stack.clear()
        commands = self.commands = Commands.for_file(db, self.model, self.undo_stack)
        commands.run.errorRaised.connect(self.show_error)
        commands.run.structureChanged.connect(self.update_summary)
        commands.run.settingsChanged.connect(self._settings_changed)
        self._drop_panes()
        self.detail = DetailPane(commands.reads, commands.items, commands.progress)
        self.detail_layout.addWidget(self.detail)
        self.model.read_only = db.read_only
        self.detail.set_read_only(db.read_only)
        self.pack = commands.reads.pack_scope()
        self.model.pack_owned = self.pack.owned if self.pack else None
        self.detail.set_pack_mode(self.model.pack_owned)
        if db.read_only:
            self.banner.setStyleSheet(READ_ONLY_STYLE)
            self.banner.setText(
                f"Read-only: {db.read_only_reason}. You can read and export it, but not change it."
            )
        elif self.pack is not None:
            self.banner.setStyleSheet(PACK_STYLE)
            self.banner.setText(pack_banner(self.pack))
        self.banner.setVisible(db.read_only or self.pack is not None)
        self.take_over_button.setVisible(can_take_over(db))
        self.notice.show_notes(db.notes)
        db.on_wait = WaitIndicator(self.statusBar(), db)
        if db.backup_path is not None:
            self.statusBar().showMessage(
                f"Upgraded; the file as it was is kept as {db.backup_path.name}", 15000
            )
        self.files.remember(db.path)
        last = self.settings.value(self._key("programme"))
        self.choosers.fill_programmes(commands.reads.programmes(), int(last) if last else None)
        self._programme_chosen()
        self._update_state()

    def _drop_panes(self) -> None:
        """Remove the detail pane and the Indicators tab (they belong to one file)."""
        if self.indicators is not None:
            self.tabs.removeTab(1)
            self.indicators.deleteLater()
            self.indicators = None
        if self.detail is not None:
            self.detail.detail = None
            self.detail_layout.removeWidget(self.detail)
            self.detail.deleteLater()
            self.detail = None

    def _key(self, what: str) -> str:
        path = str(self.db.path.resolve()) if self.db else ""
        return f"files/{path.replace('/', '|')}/{what}"

    def open_path(self, path: Path | str) -> bool:
        return self.files.open_path(path)

    def recent_files(self) -> list[str]:
        return self.files.recent_files()

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
        self._drop_panes()
        self.db.close()
        self.db = None
        self.commands = None
        self.programme_id = None
        self.choosers.clear()
        for widget in (self.banner, self.take_over_button, self.notice, self.message):
            widget.setVisible(False)
        self.pack = None
        self.model.pack_owned = None
        self._update_state()

    # --- programme and period --------------------------------------------------------------

    def _programme_chosen(self) -> None:
        if self.commands is None:
            return
        self.commit_pending()
        self.undo_stack.clear()  # undo is per programme view; the change log keeps the rest
        programme_id = self.programme_box.currentData()
        self.programme_id = self.commands.run.scope.programme_id = programme_id
        periods, current = self.commands.reads.periods()
        if programme_id is not None:
            self.settings.setValue(self._key("programme"), programme_id)
        last = self.settings.value(self._key(f"period/{programme_id}"))
        self.choosers.fill_periods(periods, int(last) if last else current)
        self._load_tree(reset=True)

    def _period_chosen(self) -> None:
        if self.commands is None:
            return
        self.commit_pending()
        self.settings.setValue(self._key(f"period/{self.programme_id}"), self.choosers.period_id())
        self._load_tree(reset=False)

    def _load_tree(self, *, reset: bool) -> None:
        assert self.commands is not None
        scope = self.commands.run.scope
        scope.period_id = self.choosers.period_id()
        scope.period_label = label = self.choosers.period_label()
        scope.period_end = self.choosers.period_end()
        current = self.tree.current_item_id()
        rows, symbols = self.commands.reads.tree()
        if reset:
            self.model.load(rows, symbols)
            # Show the second level when that is a readable page or so of rows; a
            # 10,000-action programme opens with its objectives folded instead.
            second_level = sum(
                len(self.model.children_of(root)) for root in self.model.children_of(None)
            )
            if second_level <= EXPAND_LIMIT:
                self.tree.expandToDepth(0)
            self.filters.fill(symbols, sorted({r.responsible for r in rows if r.responsible}))
            self._show_symbols(symbols)
            first = self.proxy.index(0, 0)
            if first.isValid():
                self.tree.select_item(first)
        else:
            self.model.replace_rows(rows)
            if current is not None and self.detail is not None:
                self.detail.show_item(current)
        self._ensure_indicators()
        published = self.choosers.period_published()
        self.statusBar().showMessage(
            f"{label} is published: reopen it to change its judgements." if published else "",
            0 if published else 1,
        )
        self.update_summary()
        self._update_state()

    def _show_symbols(self, symbols: list[Any]) -> None:
        """The judgement menu and the tree's keys, for the programme's symbols."""
        self.menus.judgement_menu.clear()
        for symbol in symbols:
            action = self.menus.judgement_menu.addAction(
                f"{symbol.glyph}  {symbol.name}\t{symbol.shortcut.upper()}"
            )
            action.triggered.connect(lambda _=False, g=symbol.glyph: self.set_judgement(g))
        self.menus.judgement_menu.addSeparator()
        clear = self.menus.judgement_menu.addAction("Not yet judged\tDel")
        clear.triggered.connect(lambda: self.set_judgement(None))
        self.tree.shortcut_texts = {s.shortcut.lower() for s in symbols} | {
            s.glyph for s in symbols
        }

    def _ensure_indicators(self) -> None:
        """The Indicators tab, shown when the programme has indicators."""
        from ui.panes.indicators import IndicatorsPane

        if self.commands is None:
            return
        if self.indicators is None:
            self.indicators = IndicatorsPane(self.commands.reads, self.commands.kpis)
            self.tabs.addTab(self.indicators, "&Indicators")
        else:
            self.indicators.reload()
        self.tabs.setTabVisible(1, bool(self.indicators.model.rows))

    def _settings_changed(self) -> None:
        """Levels, periods, symbols or pledges changed: re-read what the window shows."""
        if self.commands is None:
            return
        periods, _ = self.commands.reads.periods()
        self.choosers.fill_periods(periods, self.choosers.period_id())
        symbols = self.commands.reads.symbols()
        self.model.set_symbols(symbols)
        self._load_tree(reset=False)  # a glyph may have changed: re-read the judgements
        self._show_symbols(symbols)
        if self.detail is not None and self.detail.detail is not None:
            self.detail.show_item(self.detail.detail.id)
        self.update_summary()

    # --- editing -----------------------------------------------------------------------------

    def _search(self, words: str) -> set[int] | None:
        return self.commands.reads.search(words) if self.commands else None

    def clear_filter(self) -> None:
        self.filters.clear()

    def _current_changed(self, current: Any, _previous: Any) -> None:
        if self.detail is not None:
            self.detail.show_item(current.data(ItemIdRole) if current.isValid() else None)
        self._update_state()

    def _judgement_key(self, text: str) -> None:
        symbol = symbol_for_key(self.model.symbols(), text)
        if symbol is not None:
            self.set_judgement(symbol.glyph)

    def set_judgement(self, glyph: str | None) -> None:
        if self.commands is None or self.refuse_if_read_only():
            return
        ids = self.tree.selected_item_ids()
        if ids and self.commands.progress.set_judgement(ids, glyph):
            self.message.setVisible(False)

    def refuse_if_read_only(self) -> bool:
        if self.db is not None and self.db.read_only:
            self.show_error(f"Changes cannot be saved: {self.db.read_only_reason}.")
            return True
        return False

    # --- feedback ----------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
        self.statusBar().showMessage(text, 10000)

    def update_summary(self) -> None:
        counts, unjudged = self.model.leaf_counts()
        parts = [f"{s.glyph} {s.name} {counts.get(s.glyph, 0)}" for s in self.model.symbols()]
        parts.append(f"Not yet judged {unjudged}")
        period = self.commands.run.scope.period_label if self.commands else ""
        self.summary_label.setText(f"{period}:  " + "   ".join(parts) if period else "")

    def _update_state(self) -> None:
        db, in_pack = self.db, self.pack is not None
        editable = db is not None and not db.read_only
        self.menus.enable(
            has_file=db is not None,
            editable=editable,
            structure=editable and not in_pack,
            programme=db is not None and self.programme_id is not None,
            in_pack=in_pack,
            has_item=self.tree.currentIndex().isValid(),
        )
        name = db.path.name if db else "No file open"
        suffix = " (read-only)" if db is not None and db.read_only else ""
        if in_pack and not suffix:
            suffix = " (update pack)"
        self.setWindowTitle(f"{name}{suffix} – {APP_NAME}")

    def show_indicators(self) -> None:
        if self.indicators is not None and self.tabs.isTabVisible(1):
            self.tabs.setCurrentIndex(1)
            self.indicators.view.setFocus()

    def merge_pack_file(self, path: Path) -> bool:
        return self.dialogs.merge_pack_file(path)

    def focus_detail(self) -> None:
        if self.detail is not None:
            self.detail.title_edit.setFocus()

    def about(self) -> None:
        from app.store.newfile import APP_VERSION

        where = str(self.db.path) if self.db else "no file open"
        QMessageBox.about(
            self, f"About {APP_NAME}", f"<b>{APP_NAME}</b> {APP_VERSION}<br>File: {where}"
        )

    # --- window events -----------------------------------------------------------------------

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
