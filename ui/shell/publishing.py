"""Publishing the chosen period and reopening it, from the Programme menu and beside the
period chooser, and what the window shows of it.

A published period's line beside the chooser says who published it and when ("Published by
Jane Smith on 17 August 2009"); a reopened one says who reopened it and why. While a
published period is shown, every editor in the window reads as read-only — the tree, the
detail pane, the milestones, the indicators — rather than refusing only when a key is
pressed, so nobody types an update the file will not take.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget

from app.core.dates import format_date
from ui.dialogs.modal import run_modal
from ui.dialogs.publish import PublishDialog, ReopenDialog
from ui.shell.choosers import Choosers
from ui.shell.layout import WorkArea
from ui.tree.model import ItemTreeModel

if TYPE_CHECKING:
    from app.read.queries import PeriodRow
    from app.store.database import Database
    from app.store.pack_scope import PackScope
    from ui.commands import Commands
    from ui.panes.detail import DetailPane


class Host(Protocol):
    db: Database | None
    commands: Commands | None
    pack: PackScope | None
    modal: QDialog | None
    detail: DetailPane | None
    model: ItemTreeModel
    work: WorkArea
    choosers: Choosers

    def commit_pending(self) -> None: ...


def reopened_text(by: str, at: str, reason: str) -> str:
    """``Reopened by Jane Smith on 2 September 2009: Housing's figures arrived late``."""
    try:
        when = f" on {format_date(dt.datetime.fromisoformat(at).astimezone().date())}"
    except ValueError:
        when = ""
    return f"Reopened by {by}{when}: {reason}"


class Publishing(QObject):
    def __init__(self, host: Host, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.parent_widget = parent
        self.publish_action = QAction("Pu&blish Period…", parent)
        self.publish_action.setObjectName("publishPeriod")
        self.publish_action.setShortcut("Ctrl+Shift+U")
        self.publish_action.setStatusTip("Freeze this period and keep its report as it is now")
        self.publish_action.triggered.connect(self.publish)
        self.reopen_action = QAction("Re&open Period…", parent)
        self.reopen_action.setObjectName("reopenPeriod")
        self.reopen_action.setShortcut("Ctrl+Shift+O")
        self.reopen_action.setStatusTip("Let this published period be changed again, saying why")
        self.reopen_action.triggered.connect(self.reopen)
        # Beside the period chooser: one button, Publish… or Reopen…, and the period's status.
        self.button = QPushButton()
        self.button.setObjectName("publishButton")
        self.button.clicked.connect(self._button_clicked)
        self.status = QLabel()
        self.status.setObjectName("publishedStatus")
        self.status.setAccessibleName("Period status")
        self.status.setContentsMargins(8, 0, 4, 0)
        self.button_action = host.choosers.addWidget(self.button)
        host.choosers.addWidget(self.status)
        self.refresh()

    def _period(self) -> PeriodRow | None:
        commands, period_id = self.host.commands, self.host.choosers.period_id()
        if commands is None or period_id is None:
            return None
        periods, _ = commands.reads.periods()
        return next((p for p in periods if p.id == period_id), None)

    def refresh(self) -> None:
        """Show the chosen period's state and make the editors match it."""
        period = self._period()
        published = period is not None and period.published
        db = self.host.db
        # A period is published by its manager: not from an update pack or a lead's login.
        editable = db is not None and not db.read_only and self.host.model.pack_owned is None
        self.publish_action.setEnabled(editable and period is not None and not published)
        self.reopen_action.setEnabled(editable and published)
        self.button.setText("Reopen…" if published else "Publish…")
        self.button.setToolTip(
            "Let this period be changed again, saying why (Ctrl+Shift+O)"
            if published
            else "Freeze this period and keep its report as it is now (Ctrl+Shift+U)"
        )
        # The tool bar keeps its widget as enabled as the widget's action: set both.
        self.button_action.setVisible(period is not None)
        self.button_action.setEnabled(editable and period is not None)
        self.button.setEnabled(editable and period is not None)
        self.status.setText(self._status(period))
        self.host.model.set_period_published(published)
        if self.host.detail is not None:
            self.host.detail.set_period_published(published)
        if self.host.work.indicators is not None:
            self.host.work.indicators.set_period_published(published)

    def _button_clicked(self) -> None:
        if self.host.model.period_published:
            self.reopen()
        else:
            self.publish()

    def _status(self, period: PeriodRow | None) -> str:
        if period is None or self.host.commands is None:
            return ""
        if period.published:
            from ui.dialogs.periods_tab import published_text

            return published_text(period)
        reopening = self.host.commands.reads.last_reopening(period.id)
        if reopening is None:
            return ""
        return reopened_text(reopening.by, reopening.at, reopening.reason)

    def publish(self) -> None:
        period, commands = self._period(), self.host.commands
        if period is None or commands is None or period.published:
            return
        if run_modal(self.host, PublishDialog(period.label, self.parent_widget)):
            commands.settings.periods.publish(period.id)

    def reopen(self) -> None:
        period, commands = self._period(), self.host.commands
        if period is None or commands is None or not period.published:
            return
        from ui.dialogs.periods_tab import published_text

        dialog = ReopenDialog(
            period.label,
            published_text(period),
            lambda reason: commands.settings.periods.reopen(period.id, reason),
            self.parent_widget,
        )
        run_modal(self.host, dialog)
