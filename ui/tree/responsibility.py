"""Choosing who is responsible: from the People list, with completion, asking before adding.

A typed name that is not in the list would quietly create a new person, and a slip
("Head of Customer Service" for "Head of Customer Services") would split that person's
update packs. So the editors complete from the list (any part of the name, any case), a
name that differs from someone's only in capitals or spaces is taken as that person, and a
new name is added only after the user says yes. Both the tree's Responsibility column and
the detail pane use what is here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.core.people import find_name

Index = QModelIndex | QPersistentModelIndex
NEW_PERSON_TITLE = "New person"


def people_completer(names: list[str], parent: QWidget) -> QCompleter:
    """Completion from the People list: any part of a name, any case, in a pop-up."""
    completer = QCompleter(QStringListModel(names, parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completer


def confirm_new_person(parent: QWidget | None, name: str) -> bool:
    """Ask once before a typed name becomes a new person."""
    answer = QMessageBox.question(
        parent,
        NEW_PERSON_TITLE,
        f"Add “{name}” as a new person?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def chosen_name(typed: str, names: list[str], ask: Callable[[str], bool]) -> str | None:
    """The name to save for ``typed``: the stored spelling of someone in ``names``, "" for
    nobody, or ``typed`` itself once ``ask`` agrees it is a new person; None to change
    nothing."""
    typed = " ".join(typed.split())
    if not typed:
        return ""
    known = find_name(typed, names)
    if known is not None:
        return known
    return typed if ask(typed) else None


class ResponsibilityDelegate(QStyledItemDelegate):
    """The tree's Responsibility column: a line editor completing from the People list."""

    def __init__(self, names: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = names  # read when an editor opens: the list may have changed
        self._parent = parent

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAccessibleName("Responsibility")
        editor.setCompleter(people_completer(self._names(), editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        typed = " ".join(editor.text().split())
        if typed == (index.data(Qt.ItemDataRole.EditRole) or ""):
            return
        names = self._names()
        if not typed or find_name(typed, names) is not None:
            model.setData(index, chosen_name(typed, names, lambda _n: False))
            return
        # A new name: ask once the editor has closed, so the question's own focus change
        # cannot commit the editor a second time (and ask twice).
        where = QPersistentModelIndex(index)

        def ask() -> None:
            if where.isValid() and confirm_new_person(self._parent, typed):
                model.setData(where, typed)

        QTimer.singleShot(0, ask)
