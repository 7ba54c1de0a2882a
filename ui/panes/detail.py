"""The detail pane: everything about the selected item, edited in place and saved at once.

Text is saved when an editor loses focus, after a short pause in typing, and whenever the
window asks (switching item, period or programme, closing): :meth:`DetailPane.commit_pending`.
A refused value leaves the typed text in place, so nothing is lost while the user fixes it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.conflicts import Seen
from app.read.queries import ItemDetail
from ui.commands.carry import previous_progress
from ui.commands.items import ItemCommands
from ui.commands.progress import ProgressCommands
from ui.commands.reads import Reads
from ui.panes.last_period import LastPeriodBox, judgement_html
from ui.panes.milestones import MilestonesBox
from ui.tree.responsibility import chosen_name, confirm_new_person, people_completer

SAVE_AFTER_PAUSE_MS = 1500
ARROWS = {"improved": "↑ improved", "same": "→ same", "worse": "↓ worse"}

# A published period's fields: read-only, and drawn so (the window's own background).
FROZEN_STYLE = (
    'QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] '
    "{ background: palette(window); color: palette(dark); } "
    "QTableView { color: palette(dark); }"
)


class CommitTextEdit(QPlainTextEdit):
    """A plain text editor that reports when the user has finished (focus out, or a pause)."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_PAUSE_MS)
        self._timer.timeout.connect(self.finished)
        self.textChanged.connect(self._typed)
        self._loading = False

    def _typed(self) -> None:
        if not self._loading:
            self._timer.start()

    def set_text(self, text: str) -> None:
        if self.toPlainText() == text:
            return
        self._loading = True
        self.setPlainText(text)
        self._loading = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._timer.stop()
        self.finished.emit()

    def stop_timer(self) -> None:
        self._timer.stop()


def set_line(edit: QLineEdit, text: str) -> None:
    """Show a saved value, unless the user is typing in that field."""
    if edit.text() != text and not edit.hasFocus():
        edit.setText(text)


class DetailPane(QScrollArea):
    def __init__(
        self,
        reads: Reads,
        items: ItemCommands,
        progress: ProgressCommands,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reads = reads
        self.items = items
        self.progress = progress
        self.detail: ItemDetail | None = None
        self.names: list[str] = []  # the People list, for the responsibility's completion
        self._asking = False  # while asking whether a typed name is a new person
        self.read_only = False
        self.period_published = False
        # In an update pack: the holder's own items, whose narrative and milestone status
        # (only) may change; None in a programme file.
        self.pack_owned: frozenset[int] | None = None
        self.pack_adds = True  # whose own items may have milestones added (not a lead's)
        self._refresh_queued = False
        self.setWidgetResizable(True)
        self.setObjectName("detailPane")
        # Not a stop of its own: Tab goes to its fields, which it scrolls into view.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        self.setWidget(body)
        outer = QVBoxLayout(body)
        self.heading = QLabel("Select an item to see its details.")
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        outer.addWidget(self.heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: fits 1366
        outer.addLayout(form)

        self.number = QLineEdit()
        self.number.setAccessibleName("Number")
        self.number.editingFinished.connect(lambda: self._save_field("number", self.number.text()))
        form.addRow("&Number", self.number)

        self.title_edit = CommitTextEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setFixedHeight(64)
        self.title_edit.finished.connect(
            lambda: self._save_field("title", self.title_edit.toPlainText())
        )
        form.addRow("&Title", self.title_edit)

        self.responsibility = QComboBox()
        self.responsibility.setEditable(True)
        self.responsibility.setAccessibleName("Responsibility")
        self.responsibility.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        responsibility_edit = self.responsibility.lineEdit()
        assert responsibility_edit is not None  # an editable combo box has one
        responsibility_edit.editingFinished.connect(self._save_responsibility)
        self.responsibility.activated.connect(lambda _i: self._save_responsibility())
        form.addRow("&Responsibility", self.responsibility)

        self.description = CommitTextEdit()
        self.description.setAccessibleName("Description")
        self.description.setFixedHeight(56)
        self.description.finished.connect(
            lambda: self._save_field("description", self.description.toPlainText())
        )
        form.addRow("&Description", self.description)

        self.achievements_label = QLabel("&Achievements")
        self.achievements = CommitTextEdit()
        self.achievements.setAccessibleName("Achievements to date")
        self.achievements.setMinimumHeight(90)
        self.achievements.setMaximumHeight(160)
        self.achievements.finished.connect(self._save_achievements)
        self.achievements_label.setBuddy(self.achievements)
        # this period's words and judgement with last period's beside them, read-only
        self.this_judgement = QLabel()
        self.this_judgement.setObjectName("thisPeriodJudgement")
        self.last_period = LastPeriodBox()
        self.last_period.narrative.setMinimumHeight(90)
        self.last_period.narrative.setMaximumHeight(160)
        self.periods = periods = QGridLayout()
        periods.setContentsMargins(0, 0, 0, 0)
        periods.setVerticalSpacing(2)
        for row, widget in enumerate(
            (self.achievements_label, self.this_judgement, self.achievements)
        ):
            periods.addWidget(widget, row, 0)
        for row, last in enumerate(self.last_period.widgets):
            periods.addWidget(last, row, 1)
        periods.setColumnStretch(0, 1)
        periods.setColumnStretch(1, 1)
        form.addRow(periods)
        self.more_updates = QLabel()
        self.more_updates.setWordWrap(True)
        self.more_updates.setVisible(False)
        form.addRow("", self.more_updates)

        self.milestone_box = MilestonesBox(progress, self._refresh)
        self.milestones = self.milestone_box.model
        self.milestone_view = self.milestone_box.view
        self.add_milestone_button = self.milestone_box.add_button
        self.remove_milestone_button = self.milestone_box.remove_button
        milestones_label = QLabel("Milestones")
        milestones_label.setBuddy(self.milestone_view)
        form.addRow(milestones_label, self.milestone_box)

        self.pledges = QListWidget()
        self.pledges.setAccessibleName("Pledges")
        self.pledges.setMaximumHeight(110)
        self.pledges.itemChanged.connect(self._pledge_toggled)
        self.pledges_label = QLabel("&Pledges")
        self.pledges_label.setBuddy(self.pledges)
        form.addRow(self.pledges_label, self.pledges)

        self.history = QTableWidget(0, 3)
        self.history.setObjectName("history")
        self.history.setAccessibleName("Judgement history")
        self.history.setHorizontalHeaderLabels(["Period", "Judgement", "Direction of travel"])
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setTabKeyNavigation(False)  # Tab leaves the table: arrows move in it
        self.history.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setMinimumHeight(120)
        history_label = QLabel("&History")
        history_label.setBuddy(self.history)
        form.addRow(history_label, self.history)
        outer.addStretch(1)
        self._editors: list[QWidget] = [
            self.number,
            self.title_edit,
            self.responsibility,
            self.description,
            self.achievements,
            self.pledges,
        ]
        reads.run.itemChanged.connect(self._item_changed)
        self.show_item(None)

    # --- showing ---------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.milestones.read_only = read_only
        self._apply_enabled()

    def set_period_published(self, published: bool) -> None:
        """The chosen period is published: every field reads as read-only, greyed, until it
        is reopened (its report keeps what it had when published in any case)."""
        self.period_published = published
        self._apply_enabled()

    def set_pack_mode(
        self,
        owned: frozenset[int] | None,
        sent_milestones: frozenset[int] = frozenset(),
        *,
        adds: bool = True,
    ) -> None:
        """In an update pack its holder adds milestones to their own items, and words and
        dates only those; the ones it was sent with change status only. A service lead on a
        server (``adds=False``) changes their own items' milestones' status only."""
        self.pack_owned = owned
        self.pack_adds = adds
        self.milestones.status_only = owned is not None
        self.milestones.sent = sent_milestones
        self.milestones.all_status_only = not adds
        self._apply_enabled()

    def _apply_enabled(self) -> None:
        has_item = self.detail is not None
        in_pack = self.pack_owned is not None
        own = self.pack_owned is None or (
            self.detail is not None and self.detail.id in self.pack_owned
        )
        fixed = self.read_only or in_pack or self.period_published
        for widget in self._editors:
            widget.setEnabled(has_item)
        frozen = self.read_only or self.period_published
        adds = has_item and not frozen and own and self.pack_adds
        self.milestone_box.set_enabled(has_item, editable=adds)
        for widget in (self.number, self.title_edit, self.description):
            widget.setReadOnly(fixed)
        self.achievements.setReadOnly(frozen or not own)
        self.milestones.read_only = frozen or not own
        self.setStyleSheet(FROZEN_STYLE if self.period_published else "")
        self.responsibility.setEnabled(has_item and not fixed)
        self.pledges.setEnabled(has_item and not fixed)

    def show_item(self, item_id: int | None) -> None:
        """Show an item (after committing whatever was being typed for the previous one)."""
        self.commit_pending()
        detail = None
        names: list[str] = []
        if item_id is not None:
            detail = self.reads.item_detail(item_id)
            names = self.reads.responsible_names()
        self.detail = detail
        self._fill(detail, names)

    def _item_changed(self, item_id: int) -> None:
        """Refresh once the current event (a keypress) is done: the edit is already saved,
        and several changes in one step then cost one refresh."""
        if self.detail is not None and self.detail.id == item_id and not self._refresh_queued:
            self._refresh_queued = True
            QTimer.singleShot(0, self._refresh)

    def _refresh(self) -> None:
        self._refresh_queued = False
        if self.detail is None:
            return
        detail = self.reads.item_detail(self.detail.id)
        self.detail = detail
        self._fill(detail, None if detail else [])

    def others_changed(self) -> None:
        """Another person changed the item shown (ui/shell/live.py): read it again, but a
        field being typed in keeps the words typed and what it was read as, so that saving
        it meets the conflict check rather than overwriting theirs unasked."""
        old = self.detail
        if old is None:
            return
        fresh = self.reads.item_detail(old.id)
        if fresh is None:
            self.detail = None
            self._fill(None, [])
            return
        shown = old.updates[0].text if old.updates else ""
        fields = {
            "title": (self.title_edit, old.title),
            "description": (self.description, old.description or ""),
            "updates": (self.achievements, shown),
        }
        typing = {
            name: edit.toPlainText()
            for name, (edit, saved) in fields.items()
            if edit.hasFocus() and edit.toPlainText() != saved
        }
        self.detail = replace(fresh, **{name: getattr(old, name) for name in typing})
        self._fill(self.detail, None)
        for name, text in typing.items():
            fields[name][0].set_text(text)

    def _fill(self, detail: ItemDetail | None, names: list[str] | None) -> None:
        if detail is None:
            self.heading.setText("Select an item to see its details.")
            for edit in (self.title_edit, self.description, self.achievements):
                edit.set_text("")
            self.number.setText("")
            self.responsibility.setEditText("")
            self.milestones.load(None, [])
            self.pledges.clear()
            self.history.setRowCount(0)
            self._apply_enabled()
            return
        period = self.reads.scope.period_label
        self.heading.setText(f"{detail.level_name}: {detail.title.splitlines()[0]}")
        set_line(self.number, detail.number or "")
        self.title_edit.set_text(detail.title)
        self.description.set_text(detail.description or "")
        if names is not None:
            self.responsibility.blockSignals(True)
            self.responsibility.clear()
            self.responsibility.addItems(names)
            self.names = names
            self.responsibility.setCompleter(people_completer(names, self.responsibility))
            self.responsibility.blockSignals(False)
        responsibility_edit = self.responsibility.lineEdit()
        assert responsibility_edit is not None  # an editable combo box has one
        if not responsibility_edit.hasFocus():
            self.responsibility.setEditText(detail.responsible or "")
        self.achievements_label.setText(f"&Achievements, {period}" if period else "&Achievements")
        self.this_judgement.setText(self._this_judgement(detail.id))
        self.this_judgement.setVisible(bool(period))
        last = previous_progress(self.reads, detail.id) if period else None
        self.last_period.show_progress(last, self.items.model.symbol(last.glyph if last else None))
        self.periods.setColumnStretch(1, 1 if last else 0)  # the first period: full width
        first = detail.updates[0] if detail.updates else None
        self.achievements.set_text(first.text if first else "")
        extra = detail.updates[1:]
        self.more_updates.setVisible(bool(extra))
        self.more_updates.setText(
            "\n\n".join((f"{u.heading}: " if u.heading else "") + u.text for u in extra)
        )
        self.milestone_box.load(detail.id, list(detail.milestones))
        self.pledges.blockSignals(True)
        self.pledges.clear()
        for pledge in detail.pledges:
            entry = QListWidgetItem(f"{pledge.number}: {pledge.title}")
            entry.setData(Qt.ItemDataRole.UserRole, pledge.number)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if not self.read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            entry.setFlags(flags)
            entry.setCheckState(Qt.CheckState.Checked if pledge.linked else Qt.CheckState.Unchecked)
            self.pledges.addItem(entry)
        self.pledges.blockSignals(False)
        self.pledges.setVisible(bool(detail.pledges))
        self.pledges_label.setVisible(bool(detail.pledges))
        symbols = {s.glyph: s for s in self.items.model.symbols()}
        self.history.setRowCount(len(detail.history))
        for row, past in enumerate(detail.history):
            symbol = symbols.get(past.glyph) if past.glyph else None
            cells = (
                past.label,
                f"{symbol.glyph}  {symbol.label}" if symbol else "Not yet judged",
                ARROWS.get(past.direction or "", ""),
            )
            for column, text in enumerate(cells):
                self.history.setItem(row, column, QTableWidgetItem(text))
        self._apply_enabled()

    def _this_judgement(self, item_id: int) -> str:
        row = self.items.model.row_for(item_id)
        symbol = self.items.model.symbol(row.glyph if row else None)
        return judgement_html(symbol, carried=bool(row and row.carried))

    # --- saving ----------------------------------------------------------------------------

    def commit_pending(self) -> None:
        """Save whatever is typed but not yet saved (before switching or closing)."""
        if self.detail is None or self.read_only:
            return
        detail = self.detail
        for edit in (self.title_edit, self.description, self.achievements):
            edit.stop_timer()
        if self.number.text() != (detail.number or ""):
            self._save_field("number", self.number.text())
        if self.title_edit.toPlainText() != detail.title:
            self._save_field("title", self.title_edit.toPlainText())
        if self.description.toPlainText() != (detail.description or ""):
            self._save_field("description", self.description.toPlainText())
        first = detail.updates[0].text if detail.updates else ""
        if self.achievements.toPlainText() != first:
            self._save_achievements()
        if self.responsibility.currentText() != (detail.responsible or ""):
            self._save_responsibility()
        self.milestone_box.commit_editor()

    def _save_field(self, field: str, value: str) -> None:
        if self.detail is None or self.read_only:
            return
        stored = {
            "title": self.detail.title,
            "number": self.detail.number,
            "description": self.detail.description,
        }[field]
        if value == (stored or ""):
            return
        # what the pane read is what the file must still hold (another person's edit since
        # is asked about)
        self.items.edit_field(self.detail.id, field, value, Seen(stored))

    def _save_responsibility(self) -> None:
        """Someone from the People list, or a new person once the user agrees; saying no
        puts back who was responsible."""
        if self.detail is None or self.read_only or self._asking:
            return
        detail, current = self.detail, self.detail.responsible or ""
        if self.responsibility.currentText().strip() == current:
            return
        self._asking = True  # the question takes the focus, which finishes editing again
        try:
            value = chosen_name(
                self.responsibility.currentText(),
                self.names,
                lambda name: confirm_new_person(self, name),
            )
        finally:
            self._asking = False
        self.responsibility.setEditText(current if value is None else value)
        # The same item, though the pane may have read it again while the question was open
        # (a refresh replaces the row, not the item): the answer is saved, not asked again.
        same = self.detail is not None and self.detail.id == detail.id
        if value is not None and value != current and same:
            saved = self.items.edit_field(detail.id, "responsibility", value or None)
            if saved and value and value not in self.names:
                self.names.append(value)  # a new person: known from now on, not asked again

    def _save_achievements(self) -> None:
        if self.detail is None or self.read_only:
            return
        first = self.detail.updates[0].text if self.detail.updates else None
        text = self.achievements.toPlainText()
        if text != (first or ""):
            self.progress.set_achievements(self.detail.id, text, first)

    def _pledge_toggled(self, _entry: QListWidgetItem) -> None:
        if self.detail is None:
            return
        numbers = [
            self.pledges.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.pledges.count())
            if self.pledges.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.items.set_pledges(self.detail.id, numbers)
