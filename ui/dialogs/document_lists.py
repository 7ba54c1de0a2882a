"""One list of the Report Details dialog as the user works it: a table edited in place, with
buttons and keys to add, remove and move rows.

Long text (a section's narrative, a cover-sheet value) is edited in several lines: Return
starts a new line, Ctrl+Return or Tab saves, Esc cancels. Ins adds a row, Del removes the
selected one and Alt+Shift+Up/Down move it, as in the tree. Removing a row is one step of
Edit ▸ Undo like any other, so it is not asked about (a kind of objective in use is: its
objectives lose their kind).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.document_models import DocumentListModel

Index = QModelIndex | QPersistentModelIndex
EDITOR_HEIGHT = 120  # a long text's editor: several lines, whatever the row's height


class LinesDelegate(QStyledItemDelegate):
    """Edits a cell in a QPlainTextEdit, so paragraphs (blank lines) survive editing."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.setAccessibleName(
            str(index.model().headerData(index.column(), Qt.Orientation.Horizontal))
        )
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        if editor.toPlainText() != str(index.data(Qt.ItemDataRole.EditRole) or ""):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText())

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = QRect(option.rect)
        rect.setHeight(max(rect.height(), EDITOR_HEIGHT))
        room = editor.parentWidget()  # the view's viewport: near its foot, open upwards
        if room is not None and rect.bottom() >= room.height():
            rect.moveBottom(room.height() - 1)
            rect.setTop(max(rect.top(), 0))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Ctrl+Return saves and closes; a plain Return is a new line (Qt passes it on)."""
        if (
            isinstance(editor, QPlainTextEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)


class PeriodDelegate(QStyledItemDelegate):
    """A recommendation's period, chosen from the programme's (or none)."""

    NONE = "(none)"

    def __init__(self, periods: Callable[[], list[tuple[int, str]]], parent: QWidget) -> None:
        super().__init__(parent)
        self.periods = periods

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QComboBox(parent)
        box.setAccessibleName("Period")
        box.addItem(self.NONE, None)
        for period_id, label in self.periods():
            box.addItem(label, period_id)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.UserRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())


class ListEditor(QWidget):
    """A list's table and its buttons. ``new_values`` gives a new row's values (a name the
    user then types over); ``before_remove`` may ask, and say no."""

    def __init__(
        self,
        model: DocumentListModel,
        label: str,
        noun: str,
        new_values: Callable[[], Mapping[str, Any]],
        add: Callable[[Mapping[str, Any]], int | None],
        *,
        note: str = "",
        before_remove: Callable[[Any], bool] | None = None,
    ) -> None:
        super().__init__()
        self.model = model
        self.new_values = new_values
        self._add_row = add
        self.before_remove = before_remove
        self.view = QTableView()
        self.view.setObjectName(f"{model.LIST}Table")
        self.view.setModel(model)
        self.view.setWordWrap(True)
        self.view.setStyleSheet("QTableView::item { padding: 2px 3px; }")
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTabKeyNavigation(False)
        self.view.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lines = LinesDelegate(self.view)
        for column in model.MULTILINE:
            self.view.setItemDelegateForColumn(column, lines)
        caption = QLabel(label)
        caption.setBuddy(self.view)
        self.add_button = QPushButton(f"&Add {noun}")
        self.add_button.clicked.connect(lambda: self.add())
        self.remove_button = QPushButton(f"R&emove {noun}")
        self.remove_button.clicked.connect(self.remove)
        self.up_button = QPushButton("Move &up")
        self.up_button.clicked.connect(lambda: self.move_by(-1))
        self.down_button = QPushButton("Move do&wn")
        self.down_button.clicked.connect(lambda: self.move_by(1))
        self.buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        for keys, slot in (
            ("Ins", lambda: self.add()),
            ("Del", self.remove),
            ("Alt+Shift+Up", lambda: self.move_by(-1)),
            ("Alt+Shift+Down", lambda: self.move_by(1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if note:
            explain = QLabel(note)
            explain.setWordWrap(True)
            layout.addWidget(explain)
        layout.addWidget(caption)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.buttons)

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not read_only)

    def current(self) -> Any:
        return self.model.row_at(self.view.currentIndex())

    def select(self, row_id: int, column: int = 0) -> None:
        number = next((n for n, r in enumerate(self.model.rows) if r.id == row_id), None)
        if number is not None:
            index = self.model.index(number, column)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def add(self, values: Mapping[str, Any] | None = None, edit_column: int = 0) -> int | None:
        """Add a row, select it and start editing ``edit_column`` (the dialog has re-read
        the list by then: the step's signal is synchronous)."""
        if self.model.read_only:
            return None
        row_id = self._add_row(values if values is not None else self.new_values())
        if row_id is not None:
            self.select(row_id, edit_column)
            self.view.setFocus()
            self.view.edit(self.view.currentIndex())
        return row_id

    def remove(self) -> None:
        row = self.current()
        if row is None or self.model.read_only:
            return
        if self.before_remove is not None and not self.before_remove(row):
            return
        number = self.view.currentIndex().row()
        if self.model.commands.remove(self.model.LIST, row.id) and self.model.rows:
            self.view.setCurrentIndex(self.model.index(min(number, len(self.model.rows) - 1), 0))

    def move_by(self, step: int) -> None:
        row = self.current()
        if row is not None and not self.model.read_only:
            column = self.view.currentIndex().column()
            if self.model.commands.move(self.model.LIST, row.id, step):
                self.select(row.id, column)
