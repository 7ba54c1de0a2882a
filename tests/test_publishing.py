"""Publishing a period and reopening it, through the real window: the confirmation that says
what publishing freezes, the read-only editors, a published report reproduced byte for byte
whatever changes later, the reason a reopening asks for, and undo of both."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.cli import run
from app.core.dates import format_date
from app.core.errors import ValidationError
from app.reports import publication, snapshot
from app.reports.data import load
from app.services import items, progress, settings
from app.store.database import Database
from ui.dialogs.publish import PublishDialog, ReopenDialog
from ui.shell.main_window import MainWindow
from ui.tree.model import JUDGEMENT, TITLE

from helpers import file_query, shown_window

Q1 = "Quarter 1 2009/10"
PROGRAMME = "Chief Executive Services"
FORMATS = ("docx", "xlsx", "csv", "html")
NO_REASON = (
    f"Say why {Q1} is being reopened: the reason is kept with the period, so its published "
    "report is not changed unexplained."
)


@pytest.fixture
def window(qtbot, demo, tmp_path):
    return shown_window(qtbot, demo, tmp_path, ("model", "proxy", "milestones"))


def when_modal(action, *, delay: int = 50) -> None:
    """Run ``action(dialog)`` on the next modal dialog, once it is showing."""

    def go() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() not in ("publishDialog", "reopenDialog"):
            QTimer.singleShot(delay, go)
            return
        action(dialog)

    QTimer.singleShot(delay, go)


def q1_id(win: MainWindow) -> int:
    period = win.choosers.period_id()
    assert period is not None and win.choosers.period_label() == Q1
    return period


def publish_through_menu(win: MainWindow, qtbot) -> list[str]:
    """Programme ▸ Publish Period…, confirmed; returns what the confirmation said."""
    seen: list[str] = []

    def confirm(dialog: QDialog) -> None:
        # facts noted, not asserted here: a failure inside the timer would leave it open
        seen.append(dialog.text.text() if isinstance(dialog, PublishDialog) else "")
        focused.append(getattr(dialog, "publish_button", None) is QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
        if dialog.isVisible():
            dialog.accept()

    focused: list[bool] = []
    when_modal(confirm)
    win.findChild(type(win.publishing.publish_action), "publishPeriod").trigger()
    assert focused == [True]  # Publish is the default: Return publishes
    return seen


def first_action(win: MainWindow) -> int:
    return next(i for i in win.model.item_ids() if not win.model.children_of(i))


def test_publish_is_in_the_programme_menu_and_beside_the_period_chooser(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Programme")
    texts = [a.text() for a in menu.actions()]
    assert "Pu&blish Period…" in texts and "Re&open Period…" in texts
    assert window.publishing.publish_action.shortcut().toString() == "Ctrl+Shift+U"
    assert window.publishing.reopen_action.shortcut().toString() == "Ctrl+Shift+O"
    assert window.publishing.button.text() == "Publish…"
    assert window.publishing.button.parent() is window.choosers
    assert window.publishing.publish_action.isEnabled()
    assert not window.publishing.reopen_action.isEnabled()
    assert window.publishing.status.text() == ""


def test_publish_with_confirmation_then_editors_are_read_only_and_undo(window, qtbot, demo_path):
    period = q1_id(window)
    seen = publish_through_menu(window, qtbot)
    qtbot.waitUntil(lambda: window.choosers.period_published())
    assert seen and seen[0].startswith(
        f"Publishing freezes {Q1}: its judgements, achievements and indicator results can no "
        "longer be changed, and its report is kept exactly as it is now"
    )
    [(at, by)] = file_query(
        demo_path, "SELECT published_at, published_by FROM period WHERE id = ?", period
    )
    day = format_date(dt.datetime.fromisoformat(at).astimezone().date())
    assert by == "Test User"
    assert window.publishing.status.text() == f"Published by Test User on {day}"
    assert file_query(
        demo_path, "SELECT count(*) FROM period_snapshot WHERE period_id = ?", period
    ) == [(1,)]
    assert window.undo_stack.undoText() == f"Publish {Q1}"

    # every editor reads as read-only, not only refusing a key
    action = first_action(window)
    index = window.model.index_for(action, JUDGEMENT)
    assert not window.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert (
        not window.model.flags(window.model.index_for(action, TITLE)) & Qt.ItemFlag.ItemIsEditable
    )
    assert window.model.headerData(JUDGEMENT, Qt.Orientation.Horizontal) == "Judgement (published)"
    window.tree.select_item(window.proxy.mapFromSource(window.model.index_for(action)))
    detail = window.detail
    assert detail.title_edit.isReadOnly() and detail.achievements.isReadOnly()
    assert detail.description.isReadOnly()
    assert not detail.responsibility.isEnabled() and not detail.pledges.isEnabled()
    assert "readOnly" in detail.styleSheet()
    assert not detail.milestone_box.add_button.isEnabled()
    assert detail.milestones.read_only
    indicators = window.work.indicators
    assert indicators is not None and indicators.model.read_only
    assert window.publishing.button.text() == "Reopen…"
    assert window.publishing.reopen_action.isEnabled()
    assert not window.publishing.publish_action.isEnabled()

    # Edit ▸ Undo takes publishing back; the editors open again
    window.undo_stack.undo()
    assert not window.choosers.period_published()
    assert file_query(demo_path, "SELECT published_at FROM period WHERE id = ?", period) == [
        (None,)
    ]
    assert file_query(demo_path, "SELECT count(*) FROM period_snapshot") == [(0,)]
    assert window.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not detail.title_edit.isReadOnly() and detail.styleSheet() == ""
    assert not indicators.model.read_only
    # Redo publishes it again, as it was
    window.undo_stack.redo()
    assert window.choosers.period_published()
    assert file_query(demo_path, "SELECT published_at FROM period WHERE id = ?", period) == [(at,)]


def test_cancelling_the_confirmation_publishes_nothing(window, qtbot, demo_path):
    when_modal(lambda dialog: dialog.reject())
    window.publishing.publish_action.trigger()
    assert not window.choosers.period_published()
    assert file_query(demo_path, "SELECT count(*) FROM period WHERE published_at IS NOT NULL") == [
        (0,)
    ]
    assert window.undo_stack.count() == 0


def test_reopen_asks_for_a_reason_refuses_none_and_records_who_and_why(window, qtbot, demo_path):
    period = q1_id(window)
    publish_through_menu(window, qtbot)
    qtbot.waitUntil(lambda: window.choosers.period_published())
    errors: list[str] = []

    def fill(dialog: QDialog) -> None:
        if not isinstance(dialog, ReopenDialog):
            dialog.reject()
            return
        focused.append(dialog.focusWidget() is dialog.reason)  # hasFocus needs the dialog active
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # no reason: refused in the dialog
        errors.append(dialog.error.text())
        stayed.append(dialog.isVisible())
        qtbot.keyClicks(dialog.reason, "Housing's figures arrived late")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
        if dialog.isVisible():
            dialog.reject()

    focused: list[bool] = []
    stayed: list[bool] = []

    when_modal(fill)
    assert window.publishing.button.text() == "Reopen…"  # beside the period chooser
    qtbot.mouseClick(window.publishing.button, Qt.MouseButton.LeftButton)
    assert errors == [NO_REASON] and stayed == [True] and focused == [True]
    assert not window.choosers.period_published()
    rows = file_query(
        demo_path,
        "SELECT user, new_value FROM change_log WHERE entity = 'period' AND entity_id = ? "
        "AND field = 'reopened'",
        period,
    )
    assert rows == [("Test User", "Housing's figures arrived late")]
    today = format_date(dt.date.today())
    assert window.publishing.status.text() == (
        f"Reopened by Test User on {today}: Housing's figures arrived late"
    )
    assert window.undo_stack.undoText() == f"Reopen {Q1}"
    assert not window.detail.title_edit.isReadOnly()
    # Undo publishes it again exactly as it was: same stamp, same snapshot
    window.undo_stack.undo()
    assert window.choosers.period_published()
    assert window.publishing.status.text().startswith("Published by Test User on ")
    assert file_query(demo_path, "SELECT count(*) FROM period_snapshot") == [(1,)]


@pytest.mark.both_engines
def test_reopen_without_a_reason_is_refused_by_the_service(demo):
    with demo.reader() as session:
        from app.read.lookup import find_period, find_programme

        period = find_period(session, find_programme(session, PROGRAMME), Q1)
    publication.publish_period(demo, period)
    with pytest.raises(ValidationError) as caught:
        publication.reopen_period(demo, period, "   ")
    assert str(caught.value) == NO_REASON


def export_all(path, folder) -> dict[str, bytes]:
    folder.mkdir(exist_ok=True)
    written = {}
    for fmt in FORMATS:
        out = folder / f"report.{fmt}"
        code = run(
            [
                "export",
                str(path),
                "--programme",
                PROGRAMME,
                "--period",
                Q1,
                "--layout",
                "quarterly",
                "-o",
                str(out),
                "--force",
            ]
        )
        assert code == 0
        written[fmt] = out.read_bytes()
    return written


def test_a_published_period_exports_the_same_bytes_after_later_edits(
    window, qtbot, demo, demo_path, tmp_path, capsys
):
    period = q1_id(window)
    publish_through_menu(window, qtbot)
    qtbot.waitUntil(lambda: window.choosers.period_published())
    at_publication = export_all(demo_path, tmp_path / "then")

    # later: a title, who is responsible, a symbol's name and a milestone all change
    with demo.reader() as session:
        data = load(session, window.programme_id, period)
    action = next(
        leaf for root in data.roots for leaf in root.leaves() if leaf.glyph and leaf.milestones
    )
    items.set_item_text(demo, action.id, "title", "A wholly new title")
    items.set_responsibility(demo, action.id, "Somebody Else")
    symbol = next(s for s in data.symbols if s.glyph == action.glyph)
    settings.edit_symbol(demo, symbol.id, "name", "Renamed symbol")
    [(milestone,)] = file_query(
        demo_path,
        "SELECT id FROM milestone WHERE item_id = ? ORDER BY position LIMIT 1",
        action.id,
    )
    progress.edit_milestone(demo, milestone, due="March 2011", text="A moved milestone")
    capsys.readouterr()

    later = export_all(demo_path, tmp_path / "later")
    for fmt in FORMATS:
        assert later[fmt] == at_publication[fmt], fmt

    # the live file did change: reopened, the report says so
    publication.reopen_period(demo, period, "To check the edits show")
    reopened = export_all(demo_path, tmp_path / "reopened")
    assert reopened["csv"] != at_publication["csv"]
    assert "A wholly new title" in reopened["csv"].decode("utf-8-sig")


@pytest.mark.both_engines
def test_the_snapshot_reads_back_as_the_data_it_was_taken_from(demo: Database):
    with demo.reader() as session:
        from app.read.lookup import find_period, find_programme

        programme = find_programme(session, PROGRAMME)
        period = find_period(session, programme, Q1)
        data = load(session, programme, period)
        charts = snapshot.chart_series(session, programme)
    assert charts
    kept = snapshot.loads(snapshot.dumps(data, charts))
    assert kept.programme == data and kept.charts == charts


def test_a_published_periods_trend_charts_are_kept_too(demo: Database):
    """The charts after the KPI table are drawn from what was kept: a later quarter's actual
    does not redraw the published quarter's charts."""
    from app.read.lookup import find_period, find_programme
    from app.reports import Options, make_report, renderer
    from app.services import kpis

    with demo.reader() as session:
        programme = find_programme(session, PROGRAMME)
        q1 = find_period(session, programme, Q1)
        q2 = find_period(session, programme, "Quarter 2 2009/10")
    [(indicator,)] = file_query(demo.path, "SELECT id FROM indicator WHERE code = 'NI 14'")

    def html() -> bytes:
        report = make_report(demo, programme, q1, "quarterly", Options(charts=True))
        return renderer("html")(report)

    publication.publish_period(demo, q1)
    before = html()
    assert b"Indicator trends" in before
    kpis.set_result(demo, indicator, q2, "actual", "18%")
    assert html() == before
    publication.reopen_period(demo, q1, "To see the new actual")
    assert html() != before


def test_a_period_published_before_snapshots_reopens_and_is_put_back_without_one(demo):
    """An older file's published period has a stamp but no snapshot: reopening it and undoing
    that puts the stamp back, and its report is made from the file as before."""
    import sqlite3

    from app.read.lookup import find_period, find_programme

    with demo.reader() as session:
        period = find_period(session, find_programme(session, PROGRAMME), Q1)
    publication.publish_period(demo, period)
    raw = sqlite3.connect(demo.path)
    with raw:
        raw.execute("DELETE FROM period_snapshot")
    raw.close()
    change = publication.reopen_period(demo, period, "Published by the old version")
    assert change.old["data"] == ""
    publication.publish_period(demo, period, change.old)
    assert file_query(demo.path, "SELECT count(*) FROM period_snapshot") == [(0,)]
    assert file_query(demo.path, "SELECT published_by FROM period WHERE id = ?", period) == [
        ("Test User",)
    ]
