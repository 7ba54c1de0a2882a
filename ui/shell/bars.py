"""The bars above the tree: what kind of file this is, notes from opening it, and errors.

* the banner: read-only (and why), or an update pack (whose, and what may change), with
  *Take Over Editing…* beside it when the lock names another computer;
* the notice bar: what opening the file found and did (a crash recovered, an upgrade);
* the message bar: why the last edit was refused, until the next edit succeeds.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.core.dates import format_date
from ui.shell.file_notices import NoticeBar, can_take_over, take_over_button
from ui.tree.model import ItemTreeModel

if TYPE_CHECKING:
    from app.read.queries import SymbolRow
    from app.store.database import Database
    from app.store.pack_scope import PackScope

READ_ONLY_STYLE = "background: #FFF4CE; color: #3B2E00; padding: 6px; border: 1px solid #E0C060;"
PACK_STYLE = "background: #E5F1FB; color: #0B2A4A; padding: 6px; border: 1px solid #7FB2E5;"
ERROR_STYLE = "background: #FDE7E9; color: #5C0011; padding: 6px; border: 1px solid #E8A0A8;"


def pack_banner(pack: PackScope) -> str:
    """What an update pack's holder may change, and when and to whom it goes back."""
    due = f" by <b>{format_date(pack.due)}</b>" if pack.due else ""
    count = len(pack.owned)
    to = f"{pack.made_by} ({pack.made_by_email})" if pack.made_by_email else pack.made_by
    to = html.escape(to)
    return (
        f"<b>Update pack for {pack.person}</b> — {pack.programme_name}, "
        f"<b>{pack.period_label}</b>. Return it to {to}{due}. "
        f"You can change the judgement, achievements and milestones of your "
        f"{count} item{'s' if count != 1 else ''} (last period’s are shown beside them) and "
        "add milestones; items in grey are shown for context. Every change is saved as you "
        "make it."
    )


def summary_text(model: ItemTreeModel, period: str) -> str:
    """The status bar's count of actions per symbol for the period (leaves of the tree);
    nothing while a big tree's top level is shown alone (its counts would be wrong)."""
    if not period or model.has_unread():
        return ""
    counts, unjudged = model.leaf_counts()
    return f"{period}:  " + count_words(model.symbols(), counts, unjudged, model.carried_count())


def count_words(
    symbols: list[SymbolRow], counts: dict[str, int], unjudged: int, carried: int = 0
) -> str:
    """Actions counted per symbol, a rated state's ratings nested; the status bar's words and
    meeting mode's alike, so the two never disagree."""
    parts = []
    states: dict[str, list[SymbolRow]] = {}  # a two-level scheme's rated states, in order
    for s in symbols:
        if not s.rated:
            parts.append(f"{s.glyph} {s.name} {counts.get(s.glyph, 0)}")
        elif s.column_name not in states:
            states[s.column_name] = [s]
            parts.append(s.column_name)  # filled in below, when all its ratings are known
        else:
            states[s.column_name].append(s)
    for state, ratings in states.items():
        total = sum(counts.get(s.glyph, 0) for s in ratings)
        nested = ", ".join(f"{s.glyph} {s.name} {counts.get(s.glyph, 0)}" for s in ratings)
        parts[parts.index(state)] = f"{state} {total} ({nested})"
    if carried:
        parts.append(f"Carried, not confirmed {carried}")
    parts.append(f"Not yet judged {unjudged}")
    return "   ".join(parts)


def _bar(name: str, style: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.setVisible(False)
    return label


class FileBars(QVBoxLayout):
    def __init__(self) -> None:
        super().__init__()
        self.banner = _bar("readOnlyBanner", READ_ONLY_STYLE)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        self.take_over_button = take_over_button()
        banner_row.addWidget(self.take_over_button, 0, Qt.AlignmentFlag.AlignTop)
        self.note_button = QPushButton()  # in an update pack: its note for the manager
        self.note_button.setObjectName("packNoteButton")
        self.note_button.setVisible(False)
        banner_row.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignTop)
        self.addLayout(banner_row)
        self.notice = NoticeBar()
        self.addWidget(self.notice)
        self.message = _bar("messageBar", ERROR_STYLE)
        self.message.setAccessibleName("Message")
        self.addWidget(self.message)

    def show_file(self, db: Database, pack: PackScope | None) -> None:
        if db.read_only:
            self.banner.setStyleSheet(READ_ONLY_STYLE)
            self.banner.setText(
                f"Read-only: {db.read_only_reason}. You can read and export it, but not change it."
            )
        elif pack is not None:
            self.banner.setStyleSheet(PACK_STYLE)
            self.banner.setText(pack_banner(pack))
        self.banner.setVisible(db.read_only or pack is not None)
        self.note_button.setVisible(pack is not None and not db.read_only)
        self.take_over_button.setVisible(can_take_over(db))
        self.notice.show_notes(db.notes)

    def show_note(self, pack: PackScope | None, note: str | None) -> None:
        """The note button says whether the holder has left a note, and for whom."""
        if pack is not None:
            verb = "Edit your note" if note else "Leave a note"
            self.note_button.setText(f"{verb} for {pack.made_by}…")
            self.note_button.setToolTip(note or "Ctrl+Shift+L")

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    def hide_all(self) -> None:
        for widget in (
            self.banner,
            self.take_over_button,
            self.note_button,
            self.notice,
            self.message,
        ):
            widget.setVisible(False)
