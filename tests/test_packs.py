"""Update packs: made, filled in update mode and merged back through the real windows; and
tampered packs refused whole, each with its message, leaving the programme file untouched."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.dates import format_date
from app.core.errors import NotFoundError, ValidationError
from app.packs.make import make_packs
from app.packs.merge import merge_pack
from app.packs.review import PackRefused, review_pack
from app.read.lookup import people_with_items
from app.reports import publication
from app.services import items, progress
from app.store.database import Database
from app.store.models import Item
from ui.dialogs.packs import MakePacksDialog, MergeReviewDialog, PackChangesModel
from ui.shell.main_window import MainWindow

from helpers import file_query as query
from helpers import when_modal

PROCUREMENT = "Corporate Procurement Manager"
DEVELOPMENT = "Head of Organisational Development"
CES, Q1 = 1, 1  # the demo's first programme (seed 002) and its period


def write(path: Path, *statements: str) -> None:
    """Edit a file as a lead with an SQLite tool would."""
    raw = sqlite3.connect(path)
    try:
        for statement in statements:
            raw.execute(statement)
        raw.commit()
    finally:
        raw.close()


def judgement(path: Path, item_id: int) -> str | None:
    rows = query(
        path,
        "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
        "WHERE j.item_id = ? AND j.period_id = ?",
        item_id,
        Q1,
    )
    return rows[0][0] if rows else None


def achievements(path: Path, item_id: int) -> str | None:
    rows = query(
        path,
        "SELECT text FROM progress_update WHERE item_id = ? AND period_id = ? "
        "ORDER BY position LIMIT 1",
        item_id,
        Q1,
    )
    return rows[0][0] if rows else None


def milestone_status(path: Path, item_id: int) -> str:
    return query(path, "SELECT status FROM milestone WHERE item_id = ?", item_id)[0][0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_window(qtbot, path: Path, tmp_path: Path, name: str) -> MainWindow:
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Database.open(path), settings=settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitActive(window)
    window._testers = [
        QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
        for m in (window.model, window.proxy, window.detail.milestones)
    ]
    return window


def select(window: MainWindow, qtbot, item_id: int) -> None:
    window.tree.select_item(window.proxy.mapFromSource(window.model.index_for(item_id)))
    window.tree.setFocus()
    qtbot.wait(1)


# --- the whole round trip, through the windows ----------------------------------------------


def test_round_trip_make_fill_conflict_merge_undo_redo(qtbot, demo_path, tmp_path):
    manager = open_window(qtbot, demo_path, tmp_path, "manager")
    assert manager.period_box.currentText() == "Quarter 1 2009/10"
    folder = tmp_path / "packs"
    folder.mkdir()

    # 1. The manager makes packs for two leads.
    seen: dict[str, object] = {}

    def fill_make_dialog(dialog: MakePacksDialog) -> None:
        assert isinstance(dialog, MakePacksDialog)
        dialog.everyone.setChecked(False)
        for row in range(dialog.people.count()):
            entry = dialog.people.item(row)
            wanted = entry.text().split("  (")[0] in (PROCUREMENT, DEVELOPMENT)
            entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        seen["due"] = dialog.due.text()
        dialog.folder.setText(str(folder))
        when_modal(lambda box: (seen.update(made=box.text()), box.accept()))
        dialog.make_button.click()

    when_modal(fill_make_dialog)
    manager.dialogs.show_make_packs()
    assert seen["due"] == "14 July 2009"  # a fortnight after the quarter ends
    assert str(seen["made"]).startswith(f"2 update packs in {folder}:")
    pack_a = folder / f"{PROCUREMENT} – Quarter 1 2009-10.ptpack"
    pack_b = folder / f"{DEVELOPMENT} – Quarter 1 2009-10.ptpack"
    assert pack_a.exists() and pack_b.exists()
    assert query(pack_a, "SELECT count(*) FROM item WHERE responsible_id IS NOT NULL") != []
    assert query(demo_path, "SELECT person, merged_at FROM pack ORDER BY person") == [
        (PROCUREMENT, None),
        (DEVELOPMENT, None),
    ]

    # 2. The procurement lead fills in their pack in update mode.
    lead = open_window(qtbot, pack_a, tmp_path, "lead-a")
    assert lead.banner.isVisible()
    banner = lead.banner.text()
    assert f"Update pack for {PROCUREMENT}" in banner and "Quarter 1 2009/10" in banner
    assert "by <b>14 July 2009</b>" in banner and "your 5 items" in banner
    assert lead.windowTitle().endswith("(update pack) – Programme Tracker")
    assert sorted(lead.model.item_ids())[:1] != []
    assert not lead.menus.add_action.isEnabled() and not lead.menus.settings_action.isEnabled()
    select(lead, qtbot, 53)
    qtbot.keyClick(lead.tree, "b")  # ▲ behind schedule
    assert judgement(pack_a, 53) == "▲"
    lead.detail.achievements.setFocus()
    lead.detail.achievements.selectAll()
    qtbot.keyClicks(lead.detail.achievements, "Framework agreed with three departments.")
    select(lead, qtbot, 55)  # moving on saves what was typed
    assert achievements(pack_a, 53) == "Framework agreed with three departments."
    reached = lead.detail.milestones.index(0, lead.detail.milestones.REACHED)
    assert lead.detail.milestones.setData(
        reached, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert milestone_status(pack_a, 55) == "reached"
    # What is not theirs to change cannot be changed.
    assert lead.detail.title_edit.isReadOnly()
    parent = lead.model.row_for(53).parent_id
    select(lead, qtbot, parent)
    qtbot.keyClick(lead.tree, "c")
    assert lead.message.isVisible() and "is not one of" in lead.message.text()
    assert not lead.model.flags(lead.model.index_for(53)) & Qt.ItemFlag.ItemIsDragEnabled
    lead.close()

    # 3. The development lead fills in theirs.
    lead_b = open_window(qtbot, pack_b, tmp_path, "lead-b")
    select(lead_b, qtbot, 82)
    qtbot.keyClick(lead_b.tree, "o")  # ● back on track
    select(lead_b, qtbot, 81)
    qtbot.keyClick(lead_b.tree, "c")  # * completed
    lead_b.close()

    # 4. Meanwhile the manager changes one of the same values: a conflict.
    select(manager, qtbot, 82)
    qtbot.keyClick(manager.tree, "u")  # ? unknown
    assert judgement(demo_path, 82) == "?"

    # 5. Merge the procurement pack: three changes, no conflict, all accepted.
    def merge_all(dialog: MergeReviewDialog) -> None:
        assert isinstance(dialog, MergeReviewDialog)
        seen["a_rows"] = [
            tuple(dialog.model.index(r, c).data() for c in range(5))
            for r in range(dialog.model.rowCount())
        ]
        seen["a_enabled"] = dialog.merge_button.isEnabled()
        dialog.merge_button.click()

    when_modal(merge_all)
    assert manager.dialogs.merge_pack_file(pack_a)
    assert seen["a_enabled"] is True
    rows = seen["a_rows"]
    assert [r[1] for r in rows] == [
        "Judgement",
        "Achievements",
        "Milestone “Incorporated in individual project plans and in a…”",
    ]
    assert rows[2][2:] == ("Reached", "Not reached", "Accept")
    assert rows[0][2:] == ("▲  Behind schedule", "●  On track", "Accept")
    assert judgement(demo_path, 53) == "▲"
    assert achievements(demo_path, 53) == "Framework agreed with three departments."
    assert milestone_status(demo_path, 55) == "reached"
    assert manager.model.row_for(53).glyph == "▲"  # the tree shows it at once

    # 6. Merge the development pack: the conflict must be decided before merging.
    def resolve(dialog: MergeReviewDialog) -> None:
        model = dialog.model
        tester = QAbstractItemModelTester(  # noqa: F841 - checks every signal while alive
            model, QAbstractItemModelTester.FailureReportingMode.Fatal
        )
        conflicts = [r for r in range(model.rowCount()) if model.rows[r].conflict]
        seen["conflicts"] = [(model.rows[r].item_id, model.rows[r].current) for r in conflicts]
        dialog.accept_all.click()
        seen["enabled_after_accept_all"] = dialog.merge_button.isEnabled()
        seen["status"] = dialog.status.text()
        dialog.view.setCurrentIndex(model.index(conflicts[0], PackChangesModel.DECISION))
        dialog.view.setFocus()
        qtbot.keyClick(dialog.view, Qt.Key.Key_A)  # take the lead's value
        seen["enabled_after_decision"] = dialog.merge_button.isEnabled()
        dialog.merge_button.click()

    when_modal(resolve)
    assert manager.dialogs.merge_pack_file(pack_b)
    assert seen["conflicts"] == [(82, "?")]
    assert seen["enabled_after_accept_all"] is False
    assert seen["status"].startswith("1 conflict still to decide")
    assert seen["enabled_after_decision"] is True
    assert judgement(demo_path, 82) == "●" and judgement(demo_path, 81) == "*"

    # 7. The change log names the lead for each merged value, and the manager for the merge.
    log = query(
        demo_path,
        "SELECT user, operation, entity, entity_id, old_value, new_value FROM change_log "
        "WHERE operation = 'merge pack' ORDER BY id",
    )
    assert (PROCUREMENT, "merge pack", "judgement", 53, "●", "▲") in log
    assert (DEVELOPMENT, "merge pack", "judgement", 82, "?", "●") in log
    assert (
        "Test User",
        "merge pack",
        "pack",
        None,
        None,
        f"{DEVELOPMENT}’s pack, Quarter 1 2009/10: 2 of 2 changes accepted",
    ) in log
    assert [r[1] for r in query(demo_path, "SELECT person, merged_by FROM pack")] == [
        "Test User",
        "Test User",
    ]

    # 8. Undo the last merge: one step takes back both its values and reopens the pack.
    assert manager.undo_stack.undoText() == f"Merge {DEVELOPMENT}’s update pack (2 changes)"
    manager.raise_()
    manager.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is manager)
    manager.tree.setFocus()
    qtbot.keyClick(manager.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert judgement(demo_path, 82) == "?" and judgement(demo_path, 81) == "●"
    assert manager.model.row_for(82).glyph == "?"
    assert query(demo_path, "SELECT merged_at FROM pack WHERE person = ?", DEVELOPMENT) == [(None,)]
    assert judgement(demo_path, 53) == "▲"  # the other pack's merge stays
    # … and redo it.
    qtbot.keyClick(manager.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert judgement(demo_path, 82) == "●" and judgement(demo_path, 81) == "*"
    assert query(demo_path, "SELECT merged_by FROM pack WHERE person = ?", DEVELOPMENT) == [
        ("Test User",)
    ]
    manager.close()


# --- scope inside a pack ----------------------------------------------------------------------


@pytest.fixture
def packs(demo: Database, tmp_path: Path) -> dict[str, Path]:
    with demo.reader() as session:
        people = {p.name: p.id for p in people_with_items(session, CES)}
    made = make_packs(
        demo,
        CES,
        Q1,
        tmp_path,
        people=[people[PROCUREMENT], people[DEVELOPMENT]],
        due=dt.date(2009, 7, 17),
    )
    return {m.person: m.path for m in made}


def test_a_pack_lets_its_holder_change_only_their_own_part(packs):
    with Database.open(packs[PROCUREMENT]) as pack:
        with pytest.raises(ValidationError) as caught:
            items.set_item_text(pack, 53, "title", "Renamed")
        assert str(caught.value) == (
            f"This is {PROCUREMENT}’s update pack: only judgements, achievements and milestone "
            "status can be changed in it."
        )
        with pytest.raises(ValidationError) as caught:
            progress.set_judgement(pack, 52, Q1, "▲")  # the objective above, shown for context
        assert "is not one of Corporate Procurement Manager’s items" in str(caught.value)
        with pytest.raises(ValidationError) as caught:
            milestone = query(pack.path, "SELECT id FROM milestone WHERE item_id = 53")[0][0]
            progress.edit_milestone(pack, milestone, due="May 2010", fields=frozenset({"due"}))
        assert str(caught.value) == (
            "In an update pack a milestone’s status can be changed, not its date or words."
        )
        assert progress.set_judgement(pack, 53, Q1, "*").new == "*"


def test_pack_holds_only_that_persons_items_and_their_ancestors(packs, demo_path):
    pack = packs[PROCUREMENT]
    owned = {r[0] for r in query(pack, "SELECT item_id FROM pack_item WHERE owned")}
    assert owned == {53, 55, 57, 59, 61}
    responsible = query(
        pack,
        "SELECT DISTINCT r.name FROM item i JOIN responsible r ON r.id = i.responsible_id "
        "WHERE i.id IN (SELECT item_id FROM pack_item WHERE owned)",
    )
    assert responsible == [(PROCUREMENT,)]
    assert query(pack, "SELECT count(*) FROM judgement WHERE item_id NOT IN (53,55,57,59,61)") == [
        (0,)
    ]
    assert query(pack, "SELECT label FROM period") == [("Quarter 1 2009/10",)]
    assert query(pack, "SELECT count(*) FROM indicator") == [(0,)]
    assert pack.stat().st_size < 400_000


# --- tampered packs: refused whole, with their message, nothing changed -----------------------


def refused(db: Database, path: Path, programme: int = CES, period: int = Q1) -> str:
    before = digest(db.path)
    with pytest.raises(PackRefused) as caught:
        review_pack(db, path, programme, period)
    assert digest(db.path) == before
    return str(caught.value)


def test_edited_identity_is_refused(demo, packs):
    path = packs[PROCUREMENT]
    write(path, f"UPDATE pack SET person = '{DEVELOPMENT}'")
    assert refused(demo, path) == (
        f"“{path.name}” cannot be merged: its identity has been altered: its person’s name "
        f"reads “{DEVELOPMENT}” but it was made with “{PROCUREMENT}”. Nothing has been changed."
    )


def test_extra_item_belonging_to_someone_else_is_refused(demo, packs, demo_path):
    path = packs[PROCUREMENT]
    shutil.copyfile(path, path.with_suffix(".copy"))
    # The lead copies a colleague's action into their pack and judges it.
    write(
        path,
        "ATTACH DATABASE '" + str(demo_path) + "' AS prog",
        "INSERT INTO item SELECT * FROM prog.item WHERE id = 30",
        "INSERT INTO judgement (item_id, period_id, symbol_id) SELECT 30, 1, id FROM symbol "
        "WHERE glyph = '*' LIMIT 1",
    )
    assert refused(demo, path) == (
        f"“{path.name}” cannot be merged: it holds an item that was not in it when it was made "
        "(“Develop unified Learning & Development Service”); a pack can change only "
        f"{PROCUREMENT}’s own items. Nothing has been changed."
    )


def test_judgement_on_a_context_item_is_refused(demo, packs):
    path = packs[PROCUREMENT]
    parent = query(path, "SELECT parent_id FROM item WHERE id = 53")[0][0]
    write(
        path,
        f"INSERT INTO judgement (item_id, period_id, symbol_id) SELECT {parent}, 1, id "
        "FROM symbol WHERE glyph = '▲' LIMIT 1",
    )
    message = refused(demo, path)
    assert message.startswith(f"“{path.name}” cannot be merged: it holds a judgement for “")
    assert message.endswith(
        f"”, which is not one of {PROCUREMENT}’s items; a pack can change only its holder’s "
        "own items. Nothing has been changed."
    )


def test_changed_fingerprint_is_refused(demo, packs):
    path = packs[PROCUREMENT]
    write(path, "UPDATE pack_item SET fingerprint = '" + "0" * 64 + "' WHERE item_id = 57")
    message = refused(demo, path)
    assert message.startswith(f"“{path.name}” cannot be merged: the fingerprint of “Deliver")
    assert message.endswith("” has been altered. Nothing has been changed.")


def test_changed_title_is_refused(demo, packs):
    path = packs[PROCUREMENT]
    write(path, "UPDATE item SET title = 'Something else' WHERE id = 53")
    message = refused(demo, path)
    assert message.startswith(f"“{path.name}” cannot be merged: the title of “Support")
    assert "which a pack cannot change" in message


def test_pack_merged_twice_is_refused(demo, packs):
    path = packs[PROCUREMENT]
    with Database.open(path) as pack:
        progress.set_judgement(pack, 53, Q1, "▲")
    review = review_pack(demo, path, CES, Q1)
    merge_pack(demo, review, list(review.changes))
    assert refused(demo, path) == (
        f"“{path.name}” cannot be merged: it was already merged on "
        f"{format_date(dt.date.today())} by Test User; merging it again would repeat its "
        "changes. Nothing has been changed."
    )


def test_pack_from_another_programme_file_is_refused(demo, demo_path, tmp_path):
    other_path = tmp_path / "other" / "other.ptdb"
    other_path.parent.mkdir()
    shutil.copyfile(demo_path, other_path)
    with Database.open(other_path) as other:
        made = make_packs(other, CES, Q1, other_path.parent)
    path = made[0].path
    assert refused(demo, path) == (
        f"“{path.name}” cannot be merged: it was not made from this file (it is "
        f"{made[0].person}’s pack for Chief Executive Services Performance Plan 2009-12, "
        "Quarter 1 2009/10, made by "
        "Test User). Nothing has been changed."
    )


def test_pack_for_another_programme_in_the_file_is_refused(demo, tmp_path):
    with demo.reader() as session:
        from app.read.queries import periods, programmes

        other = next(p for p in programmes(session) if p.id != CES)
        period = periods(session, other.id)[0]
        item = session.scalar(sa.select(Item.id).where(Item.programme_id == other.id).limit(1))
    items.set_responsibility(demo, item, "Head of Regeneration")
    made = make_packs(demo, other.id, period.id, tmp_path)
    assert refused(demo, made[0].path) == (
        f"“{made[0].path.name}” cannot be merged: it is for {other.name}, {period.label}. "
        "Show that programme and period, then merge it. Nothing has been changed."
    )


def test_pack_for_another_period_or_a_published_one_is_refused(demo, packs):

    path = packs[PROCUREMENT]
    with demo.reader() as session:
        from app.read.queries import periods

        later = next(p for p in periods(session, CES) if p.label == "Quarter 2 2010/11")
    assert refused(demo, path, period=later.id) == (
        f"“{path.name}” cannot be merged: it is for Chief Executive Services Performance Plan "
        "2009-12, Quarter 1 2009/10. Show that programme and period, then merge it. Nothing "
        "has been changed."
    )
    publication.publish_period(demo, Q1)
    assert refused(demo, path) == (
        f"“{path.name}” cannot be merged: Quarter 1 2009/10 is published, so its report can be "
        "reproduced exactly; reopen it first. Nothing has been changed."
    )


def test_truncated_pack_is_refused(demo, packs):
    path = packs[PROCUREMENT]
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    message = refused(demo, path)
    assert message.startswith(f"“{path.name}” is")
    assert message.endswith("Nothing has been changed.")


def test_programme_file_is_not_a_pack(demo, demo_path):
    assert refused(demo, demo_path) == (
        "“demo.ptdb” cannot be merged: it is a programme file, not an update pack. "
        "Nothing has been changed."
    )


def test_refusal_is_shown_in_the_window_and_nothing_changes(qtbot, demo_path, tmp_path):
    window = open_window(qtbot, demo_path, tmp_path, "refusal")
    with window.db.reader():
        pass
    made = make_packs(window.db, CES, Q1, tmp_path)
    path = made[0].path
    write(path, "UPDATE pack SET period_label = 'Quarter 2 2009/10'")
    shown: dict[str, str] = {}

    def read_box(box: QMessageBox) -> None:
        shown["text"] = box.text()
        box.accept()

    when_modal(read_box)
    before = query(demo_path, "SELECT count(*) FROM change_log")
    assert not window.dialogs.merge_pack_file(path)
    assert shown["text"].startswith(f"“{path.name}” cannot be merged: its identity has been")
    assert query(demo_path, "SELECT count(*) FROM change_log") == before
    window.close()


def test_item_deleted_here_since_is_a_conflict_and_accepting_it_changes_nothing(demo, packs):
    path = packs[PROCUREMENT]
    with Database.open(path) as pack:
        progress.set_judgement(pack, 53, Q1, "▲")
        progress.set_judgement(pack, 55, Q1, "*")
    items.delete_item(demo, 53)
    review = review_pack(demo, path, CES, Q1)
    gone = next(c for c in review.changes if c.item_id == 53)
    assert gone.conflict and gone.current is None
    before = digest(demo.path)
    with pytest.raises(NotFoundError) as caught:
        merge_pack(demo, review, list(review.changes))
    assert str(caught.value) == "That item no longer exists (it may have been deleted)."
    assert digest(demo.path) == before
    merge_pack(demo, review, [c for c in review.changes if c.item_id != 53])
    assert judgement(demo.path, 55) == "*"
