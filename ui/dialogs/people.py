"""The People list (Programme ▸ People…): everyone who can be responsible, edited in place.

Names, roles and e-mail addresses are edited in the table; a person can be added, deleted
when they hold nothing, and two or more spellings of one person merged into the one kept.
Each change is saved at once and is one step of the window's undo history, which the
dialog's own Undo and Redo buttons (Ctrl+Z, Ctrl+Y) reach while it is open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.conflicts import Seen
from app.read.people import PersonRow
from app.services.people import NameTakenError, holdings
from ui.commands.people import PeopleCommands
from ui.commands.reads import Reads
from ui.dialogs.fit import fit_to_screen
from ui.table_model import Index, RowTableModel

NAME, ROLE, EMAIL, ITEMS, INDICATORS = range(5)
HEADERS = ("Name", "Role", "E-mail", "Items", "Indicators")
FIELDS = {NAME: "name", ROLE: "role", EMAIL: "email"}
ERROR_STYLE = "color: #8A1020;"


class ErrorLabel(QLabel):
    """Why the last change was refused; takes no room while there is nothing to say."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setVisible(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


def _no_default_buttons(dialog: QDialog) -> None:
    """Return in a cell or a field saves it; it must not also press a button."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)


class PeopleModel(RowTableModel):
    HEADERS = HEADERS
    nameTaken = Signal(object, object)  # (PersonRow renamed, NameTakenError)

    def __init__(self, reads: Reads, commands: PeopleCommands) -> None:
        super().__init__()
        self.reads = reads
        self.commands = commands
        self.read_only = reads.read_only
        self.reload()

    def reload(self) -> None:
        self.replace_rows(self.reads.people())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: PersonRow | None = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column in FIELDS:
                return getattr(row, FIELDS[column]) or ""
            return row.items if column == ITEMS else row.indicators
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ITEMS, INDICATORS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def extra_flags(self, row: Any, column: int) -> Qt.ItemFlag:
        if self.read_only or column not in FIELDS:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEditable

    def set_cell(self, row: Any, column: int, value: Any, role: int) -> bool:
        if role != Qt.ItemDataRole.EditRole or column not in FIELDS:
            return False
        text = str(value) if value is not None else None
        field = FIELDS[column]
        seen = Seen(getattr(row, field), name=row.name)  # as read: what the edit is made on
        saved = self.commands.edit_person(row.id, field, text, row.name, seen)
        if not saved and self.commands.taken is not None:
            self.nameTaken.emit(row, self.commands.taken)
        return saved

    def people(self, rows: list[int]) -> list[PersonRow]:
        return [self.rows[r] for r in sorted(set(rows)) if 0 <= r < len(self.rows)]


class PeopleTable(QTableView):
    """The list; Del deletes the selected person, as the Delete button does."""

    deletePressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.matches(QKeySequence.StandardKey.Delete)
            and self.state() != self.State.EditingState
        ):
            self.deletePressed.emit()
            return
        super().keyPressEvent(event)


class PersonDialog(QDialog):
    """Add a person: name (required), role, e-mail address."""

    def __init__(self, commands: PeopleCommands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commands = commands
        self.person_id: int | None = None
        self.setWindowTitle("Add person")
        self.setObjectName("addPersonDialog")
        self.name = QLineEdit()
        self.role = QLineEdit()
        self.role.setPlaceholderText("e.g. Head of Customer Services")
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@council.gov.uk")
        form = QFormLayout()
        for text, edit, accessible in (
            ("&Name:", self.name, "Name"),
            ("&Role:", self.role, "Role"),
            ("&E-mail:", self.email, "E-mail address"),
        ):
            edit.setAccessibleName(accessible)
            edit.setMinimumWidth(320)
            form.addRow(text, edit)
        self.error = ErrorLabel("addPersonError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton("&Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        buttons.accepted.connect(self._add)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        commands.run.errorRaised.connect(self.error.setText)
        self.finished.connect(lambda _r: commands.run.errorRaised.disconnect(self.error.setText))

    def _add(self) -> None:
        self.person_id = self.commands.add_person(
            self.name.text(), self.role.text() or None, self.email.text() or None
        )
        if self.person_id is not None:
            self.accept()


class MergeDialog(QDialog):
    """Which of the chosen people to keep; the others' items and indicators move to them."""

    def __init__(self, people: list[PersonRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge people")
        self.setObjectName("mergePeopleDialog")
        self.people = people
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Merge these {len(people)} people into one. Choose the one to keep: everything "
            "the others are responsible for moves to them, and the others leave the list. "
            "Edit ▸ Undo parts them again."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        keep = max(people, key=lambda p: (p.items + p.indicators, -people.index(p)))
        for number, person in enumerate(people):
            held = holdings(person.items, person.indicators)
            button = QRadioButton(f"&{number + 1}  {person.name}  ({held})")
            button.setAccessibleName(f"Keep {person.name}")
            self.group.addButton(button, person.id)
            button.setChecked(person is keep)
            layout.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def keep_id(self) -> int:
        return self.group.checkedId()

    def choose(self, person_id: int) -> None:
        button = self.group.button(person_id)
        if button is not None:
            button.setChecked(True)


class PeopleDialog(QDialog):
    def __init__(
        self, reads: Reads, commands: PeopleCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.reads = reads
        self.commands = commands
        self.setWindowTitle("People")
        self.setObjectName("peopleDialog")
        fit_to_screen(self, QSize(980, 600))
        self.model = PeopleModel(reads, commands)
        self.model.nameTaken.connect(self._name_taken)
        self.view = PeopleTable()
        self.view.setObjectName("peopleTable")
        self.view.setAccessibleName("People")
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ROLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(EMAIL, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ROLE, 220)
        header.resizeSection(EMAIL, 240)
        for column in (ITEMS, INDICATORS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(
                column, header.fontMetrics().horizontalAdvance(HEADERS[column]) + 32
            )
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        label = QLabel("&People in this file:")
        label.setBuddy(self.view)
        note = QLabel(
            "Everyone who can be responsible for an item or an indicator, in every programme "
            "of the file. Double-click or press F2 to edit a name, role or e-mail address. "
            "To join two spellings of one person, select both and choose Merge."
        )
        note.setWordWrap(True)

        self.add_button = QPushButton("&Add person…")
        self.add_button.clicked.connect(self.add_person)
        self.merge_button = QPushButton("&Merge…")
        self.merge_button.clicked.connect(self.merge_selected)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.clicked.connect(self.delete_current)
        stack = commands.run.stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.undo_button, self.redo_button = QToolButton(), QToolButton()
        for button, action in (
            (self.undo_button, self.undo_action),
            (self.redo_button, self.redo_action),
        ):
            button.setDefaultAction(action)
            self.addAction(action)
        self.view.deletePressed.connect(self.delete_current)
        row = QHBoxLayout()
        for widget in (self.add_button, self.merge_button, self.delete_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.undo_button)
        row.addWidget(self.redo_button)

        self.error = ErrorLabel("peopleError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        _no_default_buttons(self)

        commands.run.errorRaised.connect(self._show_error)
        self.finished.connect(lambda _r: commands.run.errorRaised.disconnect(self._show_error))
        # Any step done or undone (here or by Ctrl+Z) may change names or counts: re-read
        # once the step is over, as the step may come from inside an editor being closed.
        stack.indexChanged.connect(self._queue_reload)
        self.finished.connect(lambda _r: stack.indexChanged.disconnect(self._queue_reload))
        # Another person's change kept over one's own (no step done): show theirs.
        commands.run.theirsKept.connect(self._theirs_kept)
        self.finished.connect(lambda _r: commands.run.theirsKept.disconnect(self._theirs_kept))
        self._reload_queued = False
        self.adding: PersonDialog | None = None  # while open (tests find it here)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()
        self.view.setFocus()
        if self.model.rows:
            self.view.setCurrentIndex(self.model.index(0, NAME))

    # --- state -----------------------------------------------------------------------------

    def _show_error(self, text: str) -> None:
        if self.adding is None:  # else the Add person dialog shows it, where it was caused
            self.error.setText(text)

    def selected(self) -> list[PersonRow]:
        return self.model.people([i.row() for i in self.view.selectionModel().selectedRows()])

    def current(self) -> PersonRow | None:
        row: PersonRow | None = self.model.row_at(self.view.currentIndex())
        return row

    def _update_buttons(self) -> None:
        editable = not self.model.read_only
        self.add_button.setEnabled(editable)
        self.merge_button.setEnabled(editable and len(self.selected()) >= 2)
        self.delete_button.setEnabled(editable and bool(self.selected()))

    def _theirs_kept(self, _conflict: object) -> None:
        self._queue_reload()

    def _queue_reload(self) -> None:
        if not self._reload_queued:
            self._reload_queued = True
            QTimer.singleShot(0, self._reload)

    def _reload(self) -> None:
        self._reload_queued = False
        current = self.current()
        self.model.reload()
        if current is not None:
            self.select_person(current.id)
        self._update_buttons()

    def select_person(self, person_id: int, *, add: bool = False) -> None:
        """Make ``person_id`` current (and selected; with ``add``, beside the others)."""
        for number, row in enumerate(self.model.rows):
            if row.id == person_id:
                flags = self.view.selectionModel().SelectionFlag
                mode = flags.Select if add else flags.ClearAndSelect
                self.view.selectionModel().setCurrentIndex(
                    self.model.index(number, NAME), mode | flags.Rows
                )
                return

    # --- actions ---------------------------------------------------------------------------

    def add_person(self) -> None:
        self.error.clear()
        dialog = self.adding = PersonDialog(self.commands, self)
        try:
            added = dialog.exec()
        finally:
            self.adding = None
        if added and dialog.person_id is not None:
            self._reload()
            self.select_person(dialog.person_id)

    def delete_current(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            if len(chosen) > 1:
                self._show_error("Choose one person to delete.")
            return
        self.error.clear()
        self.commands.delete_person(chosen[0].id, chosen[0].name)

    def merge_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) < 2:
            self._show_error("Choose at least two people to merge, and which one to keep.")
            return
        self.error.clear()
        dialog = MergeDialog(chosen, self)
        if dialog.exec():
            keep = dialog.keep_id()
            names = {p.id: p.name for p in chosen}
            self.merge(keep, [p.id for p in chosen if p.id != keep], names)

    def merge(
        self, keep_id: int, merge_ids: list[int], names: dict[int, str] | None = None
    ) -> bool:
        """``names``: the people's names as the dialog showed them (a merge is made on them)."""
        merged = self.commands.merge(keep_id, merge_ids, names)
        if merged:
            self._reload()
            self.select_person(keep_id)
        return merged

    def _name_taken(self, row: PersonRow, error: NameTakenError) -> None:
        """A rename to a name in the list: offer to merge the two (asked once the editor
        has closed, so the question cannot commit it again)."""
        QTimer.singleShot(0, lambda: self._offer_merge(row, error))

    def _offer_merge(self, row: PersonRow, error: NameTakenError) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Name already in the list",
            f"{error}\n\nMerge “{row.name}” into “{error.other_name}”? Everything "
            f"“{row.name}” is responsible for moves to “{error.other_name}”.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        merge = box.addButton("&Merge", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(merge)
        box.exec()
        if box.clickedButton() is merge:
            self.merge(
                error.other_id, [row.id], {row.id: row.name, error.other_id: error.other_name}
            )
