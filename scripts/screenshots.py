"""Take the README's screenshots of the real window on the demo file, under Xvfb at 1366×768.

Run with:  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    app = QApplication(sys.argv[:1])
    from app.demo import write_demo
    from app.store.database import Database
    from ui.shell.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    path = folder / "demo.ptdb"
    write_demo(path).close()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Database.open(path), settings=settings)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)

    def shoot(name: str) -> None:
        QTest.qWait(200)
        app.processEvents()
        window.grab().save(str(OUT / name))
        print(OUT / name)

    model = window.model
    target = next(
        i
        for i in model.item_ids()
        if model.row_for(i).title.startswith("Establish common approach")
    )
    leaf = model.children_of(target)[0]
    window.tree.select_item(window.proxy.mapFromSource(model.index_for(leaf)))
    shoot("main-window.png")
    window.filters.judgement.setCurrentIndex(window.filters.judgement.findData("▲"))
    shoot("main-window-filtered.png")
    window.clear_filter()
    from ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(window.commands.reads, window.commands.settings, window)
    dialog.tabs.setCurrentIndex(2)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    QTest.qWait(200)
    dialog.grab().save(str(OUT / "settings-symbols.png"))
    print(OUT / "settings-symbols.png")
    dialog.close()
    report_details_shot(window)
    report_checklist_shot(window)
    window.show_indicators()
    window.indicators.select_indicator("NI 52i")
    shoot("indicators.png")
    indicator_editor_shot(window)
    window.tabs.setCurrentIndex(0)
    window.programme_box.setCurrentIndex(
        window.programme_box.findText("Cabinet Workplan 2004-05: Corporate Services Directorate")
    )
    window.tree.expandAll()
    think = next(i for i in model.item_ids() if model.row_for(i).title == "THINK CUSTOMER")
    window.tree.select_item(window.proxy.mapFromSource(model.index_for(think)))
    shoot("main-window-salford.png")
    two_level_shots(app, window, shoot)
    people_shot(window)
    window.close()
    pack_shots(app, folder)
    import_shot(folder)


def import_shot(folder: Path) -> None:
    """File ▸ Import on a new council's programme: a tracker with titles above its header,
    the columns page with each column's field guessed."""
    import datetime as dt

    from openpyxl import Workbook

    from app.services import programmes
    from app.store.database import Database
    from ui.dialogs.import_wizard import ImportReviewDialog, ImportWizard
    from ui.shell.main_window import MainWindow

    book = Workbook()
    sheet: Any = book.active
    sheet.title = "Tracker"
    sheet.append(["Housing Improvement Plan – action tracker"])
    sheet.append(["Updated 30 June 2025"])
    sheet.append([])
    sheet.append(
        [
            "Objective",
            "Action",
            "Lead officer",
            "Due date",
            "Milestone",
            "Status",
            "RAG",
            "Progress update",
        ]
    )
    for row in (
        (
            "1. Better homes",
            "Repair 500 council homes",
            "Head of Housing",
            dt.datetime(2025, 9, 30),
            "Contracts let",
            "In progress",
            "Green",
            "200 repaired.",
        ),
        (
            None,
            "Cut damp complaints",
            "Head of Housing",
            "Sep 25",
            "Survey done",
            "In progress",
            "Amber",
            "Survey half done.",
        ),
        (
            "2. Fewer empty homes",
            "Bring 50 empty homes back into use",
            "Empty Homes Officer",
            None,
            None,
            "Complete",
            None,
            "52 homes back in use.",
        ),
    ):
        sheet.append(list(row))
    tracker = folder / "tracker.xlsx"
    book.save(tracker)
    db = Database.create(folder / "housing.ptdb")
    programmes.create_programme(
        db, "Housing Plan", progress_scheme="Status with RAG", quarters_for_years=(2025,)
    )
    settings = QSettings(str(folder / "import.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings=settings)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    wizard = ImportWizard(window.commands.reads, window.commands.imports, window)
    wizard.show()
    QTest.qWaitForWindowExposed(wizard)
    wizard.file_page.path.setText(str(tracker))
    wizard.next()
    QTest.qWait(200)
    wizard.grab().save(str(OUT / "import-columns.png"))
    print(OUT / "import-columns.png")
    wizard.next()
    QTest.qWait(200)
    wizard.grab().save(str(OUT / "import-preview.png"))
    print(OUT / "import-preview.png")
    assert wizard.proposal is not None
    review = ImportReviewDialog(
        window.commands.reads, window.commands.imports, wizard.proposal, window
    )
    review.show()
    QTest.qWaitForWindowExposed(review)
    review.view.selectRow(3)
    QTest.qWait(200)
    review.grab().save(str(OUT / "import-review.png"))
    print(OUT / "import-review.png")
    review.close()
    wizard.close()
    window.close()


def report_details_shot(window: Any) -> None:
    """Programme ▸ Report Details on Wigan's plan: the cover sheet of its quarter 1 report."""
    from ui.dialogs.report_details import ReportDetailsDialog

    dialog = ReportDetailsDialog(window.commands.reads, window.commands.documents, window)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    dialog.cover.fields.view.selectRow(4)
    QTest.qWait(200)
    dialog.grab().save(str(OUT / "report-details.png"))
    print(OUT / "report-details.png")
    dialog.close()


def report_checklist_shot(window: Any) -> None:
    """Report Details' Checklist tab at 911×512 (1366×768 at 150%): the rest of the first
    page of Wigan's quarter 1 report."""
    from ui.dialogs.report_details import GRID, ReportDetailsDialog

    dialog = ReportDetailsDialog(window.commands.reads, window.commands.documents, window)
    dialog.resize(911, 512)
    dialog.tabs.setCurrentIndex(GRID)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    QTest.qWait(200)
    dialog.grab().save(str(OUT / "report-checklist.png"))
    print(OUT / "report-checklist.png")
    dialog.close()


def indicator_editor_shot(window: Any) -> None:
    """The indicator editor open on NI 14 over the indicators view. Xvfb has no window
    manager to draw the dialog's frame, so its title bar is painted as one would be."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QPainter

    from ui.dialogs.indicator_editor import IndicatorEditor

    window.indicators.select_indicator("NI 14")
    dialog = IndicatorEditor(window.commands.kpis.setup, window.indicators.current_row().id)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    QTest.qWait(200)
    shot = window.grab()
    inside = dialog.grab()
    bar = 28
    left = (shot.width() - inside.width()) // 2
    top = max((shot.height() - inside.height() - bar) // 2, 0)
    painter = QPainter(shot)
    frame = QRect(left - 1, top - 1, inside.width() + 2, inside.height() + bar + 2)
    painter.fillRect(frame.adjusted(4, 4, 4, 4), QColor(0, 0, 0, 60))  # a soft shadow
    painter.fillRect(frame, QColor("#5A5A5A"))
    painter.fillRect(QRect(left, top, inside.width(), bar), QColor("#3C3F44"))
    title = QFont(dialog.font())
    title.setBold(True)
    painter.setFont(title)
    painter.setPen(QColor("white"))
    painter.drawText(
        QRect(left + 12, top, inside.width() - 24, bar),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        dialog.windowTitle(),
    )
    painter.drawPixmap(left, top + bar, inside)
    painter.end()
    shot.save(str(OUT / "indicator-editor.png"))
    print(OUT / "indicator-editor.png")
    dialog.reject()


def two_level_shots(app: QApplication, window: Any, shoot: Any) -> None:
    """Salford's workplan (no judgements yet) set up on "Status with RAG" in the settings
    dialog, then judged with both levels: the dialog and the tree with its status bar."""
    from PySide6.QtWidgets import QPushButton

    from ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(window.commands.reads, window.commands.settings, window)
    dialog.tabs.setCurrentIndex(2)
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("Status with RAG (template)"))
    use = next(b for b in dialog.findChildren(QPushButton) if "scheme" in b.text())
    use.click()
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    QTest.qWait(200)
    dialog.grab().save(str(OUT / "settings-two-level.png"))
    print(OUT / "settings-two-level.png")
    dialog.close()
    model = window.model
    leaves = [i for i in model.item_ids() if not model.children_of(i)]
    for item_id, glyph in zip(leaves, "✓GGARA–✓G", strict=False):
        window.commands.progress.set_judgement([item_id], glyph)
    shoot("two-level-status.png")


def people_shot(window: Any) -> None:
    """The People list with the demo's two spellings of one person chosen, ready to merge."""
    from ui.commands.people import PeopleCommands
    from ui.dialogs.people import PeopleDialog

    dialog = PeopleDialog(window.commands.reads, PeopleCommands(window.commands.run), window)
    rows = {row.name: row.id for row in dialog.model.rows}
    dialog.select_person(rows["Head of Customer Service"])
    dialog.select_person(rows["Head of Customer Services"], add=True)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    QTest.qWait(200)
    dialog.grab().save(str(OUT / "people-list.png"))
    print(OUT / "people-list.png")
    dialog.close()


def pack_shots(app: QApplication, folder: Path) -> None:
    """Quarter 2's packs: update mode (a lead's pack, last period beside this one), the merge
    review with a conflict, a new milestone and the lead's note, and the packs out."""
    import datetime as dt

    from app.packs.make import make_packs
    from app.packs.merge import merge_pack
    from app.packs.review import review_pack
    from app.read.lookup import people_with_items
    from app.services import progress
    from app.services.pack_note import set_pack_note
    from app.store.database import Database
    from ui.dialogs.pack_tracking import PacksDialog
    from ui.dialogs.packs import MergeReviewDialog
    from ui.shell.main_window import MainWindow

    path = folder / "demo.ptdb"
    packs = folder / "packs"
    packs.mkdir()
    q2 = 2  # the demo's Quarter 2 2009/10, after the judged Quarter 1
    with Database.open(path) as db, db.reader() as session:
        people = {p.name: p.id for p in people_with_items(session, 1)}
    chosen = [
        "Head of Organisational Development",
        "Corporate Procurement Manager",
        "Head of Customer Services",
        "Head of Policy",
    ]
    with Database.open(path, user="Sam Patel") as db:
        made = {
            m.person: m.path
            for m in make_packs(
                db,
                1,
                q2,
                packs,
                people=[people[n] for n in chosen if n in people],
                due=dt.date(2009, 10, 14),
            )
        }
    od = made["Head of Organisational Development"]
    with Database.open(od, user="Head of OD") as pack:
        progress.set_judgement(pack, 82, q2, "●")
        progress.set_judgement(pack, 81, q2, "*")
        progress.set_achievements(
            pack,
            82,
            q2,
            "ICT skills review finished; the new training catalogue is live and "
            "62 staff have booked places.",
        )
        progress.add_milestone(pack, 1, 82, due="Jan 10", text="First courses evaluated")
        set_pack_note(
            pack,
            "The catalogue went live a month late (the supplier changed); the new milestone "
            "is when the first courses will have been evaluated.",
        )
    procurement = made["Corporate Procurement Manager"]
    with Database.open(procurement, user="Procurement") as pack:
        progress.set_judgement(pack, 53, q2, "●")
    with Database.open(path, user="Sam Patel") as db:
        review = review_pack(db, procurement, 1, q2)
        merge_pack(db, review, list(review.changes))
    settings = QSettings(str(folder / "lead.ini"), QSettings.Format.IniFormat)
    lead = MainWindow(Database.open(od), settings=settings)
    lead.setGeometry(0, 0, 1366, 768)
    lead.show()
    QTest.qWaitForWindowExposed(lead)
    lead.tree.expandAll()
    lead.tree.select_item(lead.proxy.mapFromSource(lead.model.index_for(82)))
    QTest.qWait(200)
    lead.grab().save(str(OUT / "update-mode.png"))
    print(OUT / "update-mode.png")
    lead.close()

    manager = MainWindow(Database.open(path), settings=settings)
    manager.setGeometry(0, 0, 1366, 768)
    manager.show()
    QTest.qWaitForWindowExposed(manager)
    manager.show_programme_period(1, q2)
    progress.set_judgement(manager.db, 82, q2, "?")  # the manager changed it meanwhile
    review = manager.commands.packs.review_pack(od)
    dialog = MergeReviewDialog(manager.commands.reads, manager.commands.packs, review, manager)
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    conflict = next(r for r, c in enumerate(review.changes) if c.conflict)
    dialog.view.setCurrentIndex(dialog.model.index(conflict, 0))
    QTest.qWait(200)
    dialog.grab().save(str(OUT / "merge-review.png"))
    print(OUT / "merge-review.png")
    dialog.close()
    out = PacksDialog(manager.commands.packs.packs_made(), dt.date(2009, 10, 20), manager)
    out.show()
    QTest.qWaitForWindowExposed(out)
    QTest.qWait(200)
    out.grab().save(str(OUT / "packs-out.png"))
    print(OUT / "packs-out.png")
    out.close()
    manager.close()


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # PySide6 may crash tearing down Qt at interpreter exit after a script run
