"""The new quarter: Programme ▸ Start Quarter N…, and the offer shown on moving to a period
nobody has judged yet after one that was judged.

The offer is a bar above the tree rather than a question that pops up: choosing periods to
look back at must never be interrupted, and the bar waits until the manager is ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.dialogs.modal import run_modal
from ui.shell.choosers import PUBLISHED, Choosers
from ui.tree.model import ItemTreeModel

OFFER_STYLE = (
    "QWidget#newQuarterOffer { background: #E8F0FE; border: 1px solid #A8C7FA; "
    "border-radius: 3px; }"
)

if TYPE_CHECKING:
    from app.store.pack_scope import PackScope
    from ui.commands import Commands
    from ui.commands.carry import CarryCommands


class Host(Protocol):
    commands: Commands | None
    programme_id: int | None
    modal: QDialog | None
    model: ItemTreeModel
    choosers: Choosers
    pack: PackScope | None  # the update pack's scope, when the file is one

    def commit_pending(self) -> None: ...

    def show_error(self, text: str) -> None: ...


class NewQuarter:
    def __init__(self, host: Host, parent: QWidget) -> None:
        self.host = host
        self.parent = parent
        self.action: QAction | None = None  # Programme ▸ Start …, given by the menus
        self.target: int | None = None  # the period "Start …" would open
        self.offer = QWidget()
        self.offer.setObjectName("newQuarterOffer")
        self.offer.setStyleSheet(OFFER_STYLE)
        self.offer_label = QLabel()
        self.offer_label.setWordWrap(True)
        self.offer_button = QPushButton()
        self.offer_button.setObjectName("startPeriodButton")
        self.offer_button.clicked.connect(self.start)
        row = QHBoxLayout(self.offer)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.offer_label, 1)
        row.addWidget(self.offer_button)
        self.offer.setVisible(False)

    def _carry(self) -> CarryCommands | None:
        commands = self.host.commands
        if commands is None or self.host.programme_id is None:
            return None
        from ui.commands.carry import CarryCommands

        return CarryCommands(commands.run, commands.items)

    def refresh(self) -> None:
        """After the window shows another period (or file): what "Start …" would open, and
        whether to offer it."""
        carry = self._carry()
        editable = carry is not None and not carry.db.read_only and self.host.pack is None
        self.target = carry.period_to_start() if carry is not None and editable else None
        label = self._label(self.target)
        if self.action is not None:
            self.action.setEnabled(self.target is not None)
            self.action.setText(f"&Start {label}…" if label else "&Start Next Period…")
        shown = carry.run.scope.period_id if carry is not None else None
        offer = carry is not None and self.target == shown and carry.is_new(shown)
        if offer:
            assert carry is not None
            previous = carry.view(self.target) if self.target is not None else None
            before = previous.previous_label if previous else "the period before"
            self.offer_label.setText(
                f"{label} has no judgements yet. Carry forward {before}’s judgements and "
                "narratives as a starting point?"
            )
            self.offer_button.setText(f"S&tart {label}…")
        self.offer.setVisible(offer)

    def _label(self, period_id: int | None) -> str:
        box = self.host.choosers.period_box
        index = box.findData(period_id) if period_id is not None else -1
        return box.itemText(index).removesuffix(PUBLISHED) if index >= 0 else ""

    def start(self) -> bool:
        """Move to the period to start (if not shown) and ask what to carry; True when
        something was carried."""
        carry = self._carry()
        if carry is None or self.target is None:
            return False
        target = self.target
        box = self.host.choosers.period_box
        if box.currentData() != target:
            box.setCurrentIndex(box.findData(target))  # the window shows it, as if chosen
        view = carry.view(target)
        if view is None or not view.rows:
            self.host.show_error(
                "Nothing to carry forward: no action had a judgement or a narrative in the "
                "period before."
            )
            return False
        from ui.dialogs.new_quarter import NewQuarterDialog

        dialog = NewQuarterDialog(view, self.host.model.symbols(), self.parent)
        if not run_modal(self.host, dialog):
            return False
        judged, narrated = dialog.chosen()
        if not judged and not narrated:
            return False
        done = carry.carry(view, judged, narrated)
        self.refresh()
        return done
