"""The Cabinet checklist tab of Report Details: the rest of a committee report's first page
after its label rows (seed 002): how the report is categorised, the date each body saw or
will see it (Tracking/Process), and the proper officer who signs its list of background
papers (the papers themselves are the next tab's list).

A box is saved as it is ticked, a date or name when the cursor leaves it or Return is
pressed, each one step of Edit ▸ Undo; the first of them for a period makes its report, as
the cover sheet's fields do. Dates are kept as written ("17 August 2009", "to follow").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.conflicts import Seen
from app.core.cover_grid import CATEGORIES, CATEGORY_COLUMNS, TRACKING_BODIES
from app.read.documents import CoverRow, DetailsView
from ui.commands.documents import DocumentCommands

# Each box's and body's label as shown here, with its access key (none where every letter
# of it is taken by the dialog's tabs and its other fields).
BOX_TEXTS = {
    "decision_discussion": "&Discussion leading to a decision",
    "monitoring": "&Monitoring",
    "sharing": "Sharin&g for corporate understanding",
    "discussion": "Disc&ussion",
    "decision": "Decis&ion",
    "information": "In&formation",
}
BODY_TEXTS = {
    "consultation": "Consultation",
    "ward_members": "&Ward Members",
    "partners": "Partners",
    "panel": "P&anel",
    "overview_scrutiny": "O&verview && Scrutiny",
    "cabinet": "Cabinet",
    "council": "Council",
}
OFFICER = (
    ("proper_officer", "Proper offic&er:", "Who signs the list, such as Sue Johnson"),
    ("proper_officer_role", "Ro&le:", "Such as Deputy Chief Executive"),
)


class CoverGridTab(QWidget):
    def __init__(self, commands: DocumentCommands, period: Callable[[], int | None]) -> None:
        super().__init__()
        self.commands = commands
        self.period = period
        self.cover: CoverRow | None = None
        self.frozen = False

        boxes = QGroupBox("For Cabinet reports only: categorisation of the report")
        box_grid = QGridLayout(boxes)
        self.boxes: dict[str, QCheckBox] = {}
        for column, entries in enumerate(CATEGORY_COLUMNS):
            for row, (key, _label) in enumerate(entries):
                box = QCheckBox(BOX_TEXTS[key])
                box.setObjectName(f"category_{key}")
                box.clicked.connect(lambda checked=False, k=key: self._save_boxes(k, checked))
                self.boxes[key] = box
                box_grid.addWidget(box, row, column)

        tracking = QGroupBox(
            "Tracking/Process: the date each body saw the report, or will (such as 17 August 2009)"
        )
        track_grid = QGridLayout(tracking)
        self.dates: dict[str, QLineEdit] = {}
        for number, (body, text) in enumerate(BODY_TEXTS.items()):
            edit = QLineEdit()
            edit.setObjectName(f"tracking_{body}")
            edit.setAccessibleName(f"Date for {TRACKING_BODIES[body]}")
            edit.editingFinished.connect(lambda b=body: self._save_date(b))
            caption = QLabel(text)
            caption.setBuddy(edit)
            self.dates[body] = edit
            row, column = 2 * (number // 4), number % 4
            track_grid.addWidget(caption, row, column)
            track_grid.addWidget(edit, row + 1, column)

        officer = QGroupBox("The proper officer, who signs the list of background papers")
        officer_row = QHBoxLayout(officer)
        self.officer: dict[str, QLineEdit] = {}
        for field, text, hint in OFFICER:
            edit = QLineEdit()
            edit.setObjectName(f"cover_{field}")
            edit.setAccessibleName(text.replace("&", "").rstrip(":"))
            edit.setPlaceholderText(hint)
            edit.editingFinished.connect(lambda f=field: self._save_officer(f))
            caption = QLabel(text)
            caption.setBuddy(edit)
            self.officer[field] = edit
            officer_row.addWidget(caption)
            officer_row.addWidget(edit, 1)

        self.state = QLabel()
        self.state.setObjectName("gridState")
        self.state.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(boxes)
        layout.addWidget(tracking)
        layout.addWidget(officer)
        layout.addStretch(1)

    def fill(self, view: DetailsView, label: str, frozen: bool) -> None:
        """Show the period's report (``label`` names the period; ``frozen``: published, or
        the file is read-only)."""
        cover = self.cover = view.cover
        self.frozen = frozen
        ticked = set(cover.categories) if cover is not None else set()
        for key, box in self.boxes.items():
            box.setChecked(key in ticked)
            box.setEnabled(not frozen)
        for body, edit in self.dates.items():
            text = cover.tracking.get(body, "") if cover is not None else ""
            if edit.text() != text:
                edit.setText(text)
            edit.setReadOnly(frozen)
        for field, edit in self.officer.items():
            text = (getattr(cover, field) if cover is not None else None) or ""
            if edit.text() != text:
                edit.setText(text)
            edit.setReadOnly(frozen)
        self.state.setText(
            f"The quarterly report prints these for {label} after the cover sheet’s fields, "
            "each part only when something in it is filled in."
        )

    def _save_boxes(self, key: str, checked: bool) -> None:
        period = self.period()
        if period is None or self.frozen:
            return
        ticked = [k for k in CATEGORIES if self.boxes[k].isChecked()]
        step = f"{'Tick' if checked else 'Untick'} “{CATEGORIES[key]}”"
        self.commands.set_cover(period, "categories", ticked, step)

    def _save_date(self, body: str) -> None:
        edit = self.dates[body]
        period = self.period()
        was = self.cover.tracking.get(body, "") if self.cover is not None else ""
        if period is None or edit.isReadOnly() or edit.text().strip() == was:
            return
        seen = Seen(was or None) if self.cover is not None else None  # as read
        self.commands.set_tracking(period, body, edit.text(), seen)

    def _save_officer(self, field: str) -> None:
        edit = self.officer[field]
        period = self.period()
        was = (getattr(self.cover, field) if self.cover is not None else None) or ""
        if period is None or edit.isReadOnly() or edit.text().strip() == was:
            return
        what = "proper officer" if field == "proper_officer" else "proper officer’s role"
        seen = Seen(getattr(self.cover, field)) if self.cover is not None else None  # as read
        self.commands.set_cover(period, field, edit.text(), f"Edit {what}", seen)
