"""Update packs in the window: make packs for service leads, and review a returned one.

The review lists every value the lead changed beside the value the programme file holds now.
A conflict (changed here too since the pack was made) starts undecided and must be decided
row by row: "Accept all" never overwrites one.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import (
    QDate,
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.dates import format_date
from app.core.errors import TrackerError
from app.packs.make import MadePack
from app.packs.review import PackChange, PackReview
from ui.commands.packs import PackCommands
from ui.commands.reads import Reads
from ui.dialogs.fit import fit_to_screen
from ui.dialogs.review import ACCEPT, REJECT, UNDECIDED, ChangeRole, ReviewDialog
from ui.dialogs.review import ChangesModel as PackChangesModel
from ui.dialogs.review import ChangesView as ChangesView

__all__ = ["ACCEPT", "REJECT", "UNDECIDED", "ChangeRole", "ChangesView", "PackChangesModel"]


def _made_on(iso: str) -> str:
    return format_date(dt.datetime.fromisoformat(iso).date())


# --- making packs -----------------------------------------------------------------------------


class MakePacksDialog(QDialog):
    """Who gets a pack, by when it comes back, and where the files go."""

    def __init__(
        self, reads: Reads, packs: PackCommands, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.packs = packs
        self.made: list[MadePack] = []
        period = reads.scope.period_label
        self.setWindowTitle("Make update packs")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Each person gets a pack of their own items for <b>{period}</b>: they change "
            "judgements, achievements and milestones in it (last period’s beside them), add "
            "milestones, leave you a note, and send it back for you to merge."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.everyone = QCheckBox("&Everyone responsible for something")
        self.everyone.setChecked(True)
        layout.addWidget(self.everyone)
        self.people = QListWidget()
        self.people.setAccessibleName("People")
        for person in reads.pack_people():
            entry = QListWidgetItem(
                f"{person.name}  ({person.items} item{'s' if person.items != 1 else ''})"
            )
            entry.setData(Qt.ItemDataRole.UserRole, person.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.people.addItem(entry)
        layout.addWidget(self.people, 1)
        form = QFormLayout()
        self.due = QDateEdit()
        self.due.setDisplayFormat("d MMMM yyyy")
        self.due.setCalendarPopup(True)
        end = reads.scope.period_end
        due = end + dt.timedelta(days=14) if end else None
        self.due.setDate(QDate(due.year, due.month, due.day) if due else QDate.currentDate())
        self.due.setAccessibleName("Return by")
        # Optional: a pack with no return date is never shown as overdue in the packs out.
        self.has_due = QCheckBox("&Return by:")
        self.has_due.setChecked(True)
        self.has_due.toggled.connect(self.due.setEnabled)
        form.addRow(self.has_due, self.due)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(folder))
        self.folder.setAccessibleName("Folder")
        browse = QPushButton("&Browse…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder)  # a row of two widgets gets no buddy by itself
        form.addRow(folder_label, folder_row)
        layout.addLayout(form)
        self.workbook = QCheckBox(
            "As Excel &workbooks, for people who do not have Programme Tracker"
        )
        self.workbook.setObjectName("packsAsWorkbooks")
        layout.addWidget(self.workbook)
        self.error = QLabel()
        self.error.setObjectName("packError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B3261E;")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.make_button = buttons.addButton("&Make packs", QDialogButtonBox.ButtonRole.AcceptRole)
        self.make_button.setDefault(True)
        buttons.accepted.connect(self.make)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.everyone.toggled.connect(self._everyone_toggled)
        self._everyone_toggled(True)
        fit_to_screen(self, QSize(520, 480))

    def _everyone_toggled(self, on: bool) -> None:
        self.people.setEnabled(not on)
        if on:
            for row in range(self.people.count()):
                self.people.item(row).setCheckState(Qt.CheckState.Checked)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the packs", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def chosen_people(self) -> list[int] | None:
        if self.everyone.isChecked():
            return None
        return [
            self.people.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.people.count())
            if self.people.item(row).checkState() == Qt.CheckState.Checked
        ]

    def make(self) -> None:
        people = self.chosen_people()
        if people == []:
            self._show_error("Choose at least one person.")
            return
        try:
            self.made = self.packs.make_packs(
                Path(self.folder.text().strip()),
                people,
                cast(dt.date, self.due.date().toPython()) if self.has_due.isChecked() else None,
                workbook=self.workbook.isChecked(),
            )
        except TrackerError as error:
            self._show_error(str(error))
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)


# --- reviewing a returned pack ----------------------------------------------------------------


class MergeReviewDialog(ReviewDialog):
    """A returned update pack's changes, merged as one step."""

    def __init__(
        self,
        reads: Reads,
        packs: PackCommands,
        review: PackReview,
        parent: QWidget | None = None,
    ) -> None:
        self.packs = packs
        self.review = review
        due = f"; due back {format_date(review.due)}" if review.due else ""
        heading = (
            f"<b>{review.person}</b>’s update pack for <b>{review.programme_name}</b>, "
            f"{review.period_label}: made by {review.made_by} on {_made_on(review.made_at)}"
            f"{due}. {review.items} item{'s' if review.items != 1 else ''}, "
            f"{len(review.changes)} change{'s' if len(review.changes) != 1 else ''}"
            + (
                f", <span style='color:#B3261E'><b>{review.conflicts} "
                f"conflict{'s' if review.conflicts != 1 else ''}</b></span>"
                if review.conflicts
                else ""
            )
            + "."
        )
        if review.note:
            note = html.escape(review.note).replace("\n", "<br>")
            heading += f"<br><br><b>{review.person}’s note:</b> <i>{note}</i>"
        super().__init__(
            reads,
            review.changes,
            title=f"Merge {review.person}’s update pack",
            heading=heading,
            theirs=f"{review.person}’s value",
            column="Lead’s value",
            apply_text="&Merge",
            empty_text="The lead changed nothing: merging marks the pack as merged.",
            parent=parent,
        )

    def apply(self, accepted: list[Any]) -> bool:
        return self.packs.merge_pack(self.review, cast("list[PackChange]", accepted))


def show_refusal(parent: QWidget, error: TrackerError) -> None:
    QMessageBox.warning(parent, "Update pack", str(error))
