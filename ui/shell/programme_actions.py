"""The commands that act on a whole programme: File ▸ New Programme, and the Programme
menu's Rename, Duplicate and Delete. Each asks in a dialog, then runs one undoable step;
the step itself switches the window to the programme it is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QDialog, QMessageBox, QStatusBar, QWidget

from ui.dialogs.modal import run_modal
from ui.tree.view import ItemTreeView

if TYPE_CHECKING:
    from app.read.programme_facts import ProgrammeContents
    from ui.commands import Commands


class Host(Protocol):
    commands: Commands | None
    programme_id: int | None
    modal: QDialog | None
    tree: ItemTreeView

    def commit_pending(self) -> None: ...

    def refuse_if_read_only(self) -> bool: ...

    def statusBar(self) -> QStatusBar: ...


def delete_question(parent: QWidget, contents: ProgrammeContents) -> QMessageBox:
    """ "Delete “name”?", naming everything that goes with it; Cancel is the default."""
    box = QMessageBox(parent)
    box.setObjectName("deleteProgrammeQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Delete programme")
    box.setText(f"Delete “{contents.name}” and everything in it?")
    box.setInformativeText(
        f"This deletes {contents.summary}.\n\nEdit ▸ Undo puts it all back while this file "
        "is open; after that it is gone."
    )
    box.addButton("&Delete Programme", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


class ProgrammeActions:
    def __init__(self, host: Host, parent: QWidget) -> None:
        self.host = host
        self.parent = parent

    def _commands(self) -> Commands | None:
        """The commands when the file may change (a read-only file is said so)."""
        if self.host.commands is None or self.host.refuse_if_read_only():
            return None
        return self.host.commands

    def new_programme(self) -> None:
        from ui.dialogs.new_programme import NewProgrammeDialog

        commands = self._commands()
        if commands is None:
            return
        dialog = NewProgrammeDialog(commands.reads, commands.programmes, self.parent)
        if run_modal(self.host, dialog) and dialog.created is not None:
            self.host.tree.setFocus()
            self.host.statusBar().showMessage(
                f"“{commands.reads.programme_name()}” is ready: press Ins to add its first item.",
                15000,
            )

    def rename(self) -> None:
        from ui.dialogs.programme_name import ProgrammeNameDialog

        commands, programme = self._commands(), self.host.programme_id
        if commands is None or programme is None:
            return
        name = commands.reads.programme_name()
        dialog = ProgrammeNameDialog(
            "Rename programme",
            f"A new name for “{name}”. Edit ▸ Undo puts the old one back.",
            name,
            "&Rename",
            lambda typed: commands.programmes.rename(programme, typed),
            self.parent,
        )
        run_modal(self.host, dialog)

    def duplicate(self) -> None:
        from ui.dialogs.programme_name import ProgrammeNameDialog

        commands, programme = self._commands(), self.host.programme_id
        if commands is None or programme is None:
            return
        name = commands.reads.programme_name()
        plan = commands.reads.duplicate_plan(programme)
        periods = (
            f"It gets {plan.periods}."
            if plan.periods
            else "Its periods are not a pattern of quarters, months or half-years, so the copy "
            "starts with none: add them in Programme ▸ Settings ▸ Periods."
        )
        made: list[int] = []
        dialog = ProgrammeNameDialog(
            "Duplicate programme",
            f"A copy of “{name}” for next year: its levels, kinds, symbols, items with their "
            "responsibility and milestones, pledges and indicators with their targets. No "
            f"judgements, achievements or KPI results are copied. {periods}",
            plan.name,
            "&Duplicate",
            lambda typed: made.append(commands.programmes.duplicate(programme, typed)),
            self.parent,
        )
        if run_modal(self.host, dialog) and made:
            self.host.tree.setFocus()

    def delete(self) -> None:
        commands, programme = self._commands(), self.host.programme_id
        if commands is None or programme is None:
            return
        contents = commands.reads.programme_contents(programme)
        box = delete_question(self.parent, contents)
        run_modal(self.host, box)
        if box.buttonRole(box.clickedButton()) != QMessageBox.ButtonRole.DestructiveRole:
            return
        if commands.programmes.delete(programme, contents.name):
            self.host.statusBar().showMessage(
                f"Deleted “{contents.name}”; Edit ▸ Undo puts it back.", 15000
            )
