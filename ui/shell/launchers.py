"""Menu commands that open a dialog: export, settings, recommendations, update packs.

Each builds its dialog with only the reads and commands it needs and runs it the one way
(``run_modal``); the dialogs are imported when first opened, to keep start-up quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QStatusBar, QWidget

from app.core.errors import TrackerError
from app.store.filecheck import PACK_SUFFIX
from ui.dialogs.modal import run_modal

if TYPE_CHECKING:
    from app.store.database import Database
    from ui.commands import Commands

APP_NAME = "Programme Tracker"
PACK_FILTER = f"Update packs (*{PACK_SUFFIX} *.xlsx);;All files (*)"


class Host(Protocol):
    db: Database | None
    commands: Commands | None
    programme_id: int | None
    modal: QDialog | None
    settings: QSettings

    def commit_pending(self) -> None: ...

    def file_key(self, what: str) -> str: ...

    def show_programme_period(self, programme_id: int, period_id: int) -> bool: ...

    def say(self, text: str) -> None: ...

    def update_summary(self) -> None: ...

    def statusBar(self) -> QStatusBar: ...


class DialogLaunchers:
    def __init__(self, host: Host, parent: QWidget) -> None:
        self.host = host
        self.parent = parent

    def _commands(self) -> Commands | None:
        """The commands when a programme is showing (the dialogs all act on one)."""
        return self.host.commands if self.host.programme_id is not None else None

    def show_about(self) -> None:
        from app.store.filecheck import APP_VERSION

        db = self.host.db
        where = "no file open" if db is None else str(db.path) if db.path else db.where
        QMessageBox.about(
            self.parent, f"About {APP_NAME}", f"<b>{APP_NAME}</b> {APP_VERSION}<br>File: {where}"
        )

    def show_export(self) -> None:
        from ui.dialogs.export import ExportDialog

        if commands := self._commands():
            run_modal(self.host, ExportDialog(commands.reads, self.parent))

    def show_settings(self) -> None:
        from ui.dialogs.settings import SettingsDialog

        if commands := self._commands():
            run_modal(self.host, SettingsDialog(commands.reads, commands.settings, self.parent))

    def show_recommendations(self) -> None:
        from ui.dialogs.recommendations import RecommendationsDialog

        if commands := self._commands():
            dialog = RecommendationsDialog(commands.reads, commands.settings, self.parent)
            run_modal(self.host, dialog)

    def show_people(self) -> None:
        from ui.commands.people import PeopleCommands
        from ui.dialogs.people import PeopleDialog

        if commands := self.host.commands:
            dialog = PeopleDialog(commands.reads, PeopleCommands(commands.run), self.parent)
            run_modal(self.host, dialog)

    def show_report_details(self) -> None:
        from ui.dialogs.report_details import ReportDetailsDialog

        if commands := self._commands():
            dialog = ReportDetailsDialog(commands.reads, commands.documents, self.parent)
            run_modal(self.host, dialog)

    def show_make_packs(self) -> None:
        from ui.dialogs.packs import MakePacksDialog

        commands, db = self._commands(), self.host.db
        if commands is None or db is None:
            return
        folder = self.pack_folder()
        dialog = MakePacksDialog(commands.reads, commands.packs, folder, self.parent)
        if run_modal(self.host, dialog) and dialog.made:
            self.host.settings.setValue(
                self.host.file_key("packs_folder"), str(dialog.made[0].path.parent)
            )
            names = "\n".join(f"• {m.path.name} ({m.items} items)" for m in dialog.made)
            count = len(dialog.made)
            QMessageBox.information(
                self.parent,
                "Update packs made",
                f"{count} update pack{'s' if count != 1 else ''} in "
                f"{dialog.made[0].path.parent}:\n\n{names}\n\nSend each person their file; "
                "when it comes back, use File ▸ Merge Update Pack.",
            )

    def pack_folder(self) -> Path:
        """Where packs were last written from this file (returned ones are usually saved
        over them there): remembered on this computer, else from the file's pack records."""
        commands, db = self.host.commands, self.host.db
        remembered = self.host.settings.value(self.host.file_key("packs_folder"))
        if remembered and Path(str(remembered)).is_dir():
            return Path(str(remembered))
        recorded = commands.packs.last_folder() if commands is not None else None
        if recorded is not None:
            return recorded
        return db.path.parent if db is not None and db.path is not None else Path.home()

    def merge_pack_dialog(self, folder: Path | None = None) -> None:
        """Choose a returned pack, starting where the packs were written."""
        if self._commands() is None:
            return
        dialog = QFileDialog(
            self.parent, "Merge update pack", str(folder or self.pack_folder()), PACK_FILTER
        )
        dialog.setObjectName("mergePackFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        if run_modal(self.host, dialog) and dialog.selectedFiles():
            self.merge_pack_file(Path(dialog.selectedFiles()[0]))

    def show_packs_out(self) -> None:
        """The packs made from this file; Merge… there merges the chosen one."""
        import datetime as dt

        from app.packs.tracking import PackState
        from ui.dialogs.pack_tracking import PacksDialog

        commands = self._commands()
        if commands is None:
            return
        dialog = PacksDialog(commands.packs.packs_made(), dt.date.today(), self.parent)
        if not run_modal(self.host, dialog) or dialog.to_merge is None:
            return
        chosen = dialog.to_merge
        if chosen.path is not None and chosen.state is not PackState.MISSING:
            self.merge_pack_file(chosen.path)
        else:  # returned by e-mail and saved elsewhere: ask where, starting in its folder
            folder = chosen.path.parent if chosen.path and chosen.path.parent.is_dir() else None
            self.merge_pack_dialog(folder)

    def edit_pack_note(self) -> None:
        """In an update pack: the holder's note for the programme manager."""
        from ui.dialogs.pack_note import PackNoteDialog

        commands = self.host.commands
        pack = commands.reads.pack_scope() if commands is not None else None
        if commands is None or pack is None:
            return
        dialog = PackNoteDialog(pack, commands.reads.pack_note(), self.parent)
        if run_modal(self.host, dialog) and commands.packs.set_note(dialog.note()):
            self.host.say(
                f"Your note is saved in the pack: {pack.made_by} reads it when merging it."
                if dialog.note()
                else "The pack has no note now."
            )

    def merge_pack_file(self, path: Path) -> bool:
        """Check the pack, show its changes for review, and merge what is accepted."""
        from ui.dialogs.packs import MergeReviewDialog

        commands = self._commands()
        if commands is None:
            return False
        self.host.commit_pending()
        where = commands.packs.destination(path)
        scope = commands.run.scope
        # A pack for another programme or period than shown: show that one, then review.
        shown = (scope.programme_id, scope.period_id)
        if where is not None and where != shown and self.host.show_programme_period(*where):
            self.host.say(
                f"Now showing {commands.reads.programme_name()}, {scope.period_label}: "
                "the pack is for them."
            )
        try:
            review = commands.packs.review_pack(path)
        except TrackerError as error:
            QMessageBox.warning(self.parent, "Update pack refused", str(error))
            return False
        dialog = MergeReviewDialog(commands.reads, commands.packs, review, self.parent)
        merged = run_modal(self.host, dialog)
        if merged:
            self.host.update_summary()
            self.host.statusBar().showMessage(
                f"Merged {review.person}’s update pack; Edit ▸ Undo takes it back.", 10000
            )
        return merged

    def show_import(self) -> bool:
        """File ▸ Import: the wizard, then the review; True when something was imported."""
        from ui.dialogs.import_wizard import ImportReviewDialog, ImportWizard

        commands = self._commands()
        if commands is None or commands.run.scope.programme_id is None:
            return False
        self.host.commit_pending()
        wizard = ImportWizard(commands.reads, commands.imports, self.parent)
        if not run_modal(self.host, wizard) or wizard.proposal is None:
            return False
        proposal = wizard.proposal
        remember = wizard.remember if wizard.period_page.remember.isChecked() else None
        review = ImportReviewDialog(
            commands.reads, commands.imports, proposal, self.parent, remember=remember
        )
        imported = run_modal(self.host, review)
        if imported:
            self.host.update_summary()
            self.host.statusBar().showMessage(
                f"Imported {proposal.source}; Edit ▸ Undo takes it back.", 10000
            )
        return imported
