"""Menu commands that open a dialog: export, settings, recommendations, update packs.

Each builds its dialog with only the reads and commands it needs and runs it the one way
(``run_modal``); the dialogs are imported when first opened, to keep start-up quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QStatusBar, QWidget

from app.core.errors import TrackerError
from app.store.database import Database
from app.store.pack_scope import PACK_SUFFIX
from ui.commands import Commands
from ui.dialogs.modal import run_modal

APP_NAME = "Programme Tracker"
PACK_FILTER = f"Update packs (*{PACK_SUFFIX} *.xlsx);;All files (*)"


class Host(Protocol):
    db: Database | None
    commands: Commands | None
    programme_id: int | None
    modal: QDialog | None

    def commit_pending(self) -> None: ...

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
        from app.store.newfile import APP_VERSION

        db = self.host.db
        where = str(db.path) if db else "no file open"
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
        dialog = MakePacksDialog(commands.reads, commands.packs, db.path.parent, self.parent)
        if run_modal(self.host, dialog) and dialog.made:
            names = "\n".join(f"• {m.path.name} ({m.items} items)" for m in dialog.made)
            count = len(dialog.made)
            QMessageBox.information(
                self.parent,
                "Update packs made",
                f"{count} update pack{'s' if count != 1 else ''} in "
                f"{dialog.made[0].path.parent}:\n\n{names}\n\nSend each person their file; "
                "when it comes back, use File ▸ Merge Update Pack.",
            )

    def merge_pack_dialog(self) -> None:
        if self._commands() is None:
            return
        path, _ = QFileDialog.getOpenFileName(self.parent, "Merge update pack", "", PACK_FILTER)
        if path:
            self.merge_pack_file(Path(path))

    def merge_pack_file(self, path: Path) -> bool:
        """Check the pack, show its changes for review, and merge what is accepted."""
        from ui.dialogs.packs import MergeReviewDialog

        commands = self._commands()
        if commands is None:
            return False
        self.host.commit_pending()
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
