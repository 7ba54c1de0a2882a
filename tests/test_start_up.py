"""Issue 19: the first window first. It is on screen, with the file's name and an "Opening …"
state, before SQLAlchemy, the services, the reports, python-docx, openpyxl and the KPI chart
are imported; the file is read and the tree filled once it has been painted."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from helpers import activate, when_modal

ROOT = Path(__file__).parents[1]
# What the window must not wait for: imported only after its first paint, or only when used.
NOT_BEFORE_THE_WINDOW = (
    "sqlalchemy",
    "alembic",
    "app.store.database",
    "app.store.models",
    "app.read",
    "app.services",
    "ui.commands",
    "ui.panes",
    # The window's second stage (ui/shell/frame.py): the frame is painted first.
    "ui.shell.main_window",
    "ui.shell.menus",
    "ui.shell.identity",
    "ui.tree",
    "ui.dialogs",
    # The sub-commands' parser and modules (python -m app checks its file without them).
    "app.cli",
)
ONLY_WHEN_USED = ("docx", "openpyxl", "lxml", "app.reports")


def start_with_importtime(tmp_path: Path, *args: str, trace: bool = False) -> list[str]:
    """``python -X importtime -m app --smoke …``, its imports (stderr) and what it prints
    (stdout) in the order they happened: one pipe for both, each line flushed as written.
    ``trace``: with the start's timestamps too (app/start_trace.py)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env.pop("PT_TRACE_START", None)
    if trace:
        env["PT_TRACE_START"] = str(time.time())
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "app", "--smoke", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    return result.stdout.splitlines()


def imported(lines: list[str]) -> list[str]:
    return [line.rsplit("|", 1)[1].strip() for line in lines if line.startswith("import time:")][
        1:
    ]  # (the first line is the table's heading)


def among(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def test_the_window_is_shown_before_sqlalchemy_and_the_exports_are_imported(tmp_path, demo_path):
    lines = start_with_importtime(tmp_path, str(demo_path))
    shown = lines.index("window shown: demo.ptdb – Programme Tracker")
    [read] = [n for n, line in enumerate(lines) if line.startswith("file read: ")]
    assert shown < read
    before, after = imported(lines[:shown]), imported(lines[shown:read])
    assert "PySide6.QtWidgets" in before and "ui.shell.frame" in before
    assert among(before, NOT_BEFORE_THE_WINDOW) == []
    # …they come once the window is up: its second stage, then the file fills the tree.
    assert {"ui.shell.main_window", "sqlalchemy", "app.store.database", "ui.commands"} <= set(after)
    assert after.index("ui.shell.main_window") < after.index("sqlalchemy")
    assert not any(line.startswith("start-trace: ") for line in lines)  # not asked for
    items = re.fullmatch(
        r"file read: demo\.ptdb – Programme Tracker \((\d+) top-level items\)", lines[read]
    )
    assert items is not None and int(items[1]) > 0, lines[read]
    # Nothing of the exports, not even after the file is read: only when one is made.
    assert among(imported(lines), ONLY_WHEN_USED) == []


def test_the_last_file_used_is_named_before_it_is_read(tmp_path, demo_path):
    """No file on the command line: the window names the last file used, then reads it."""
    config = tmp_path / "cfg" / "Programme Tracker"
    config.mkdir(parents=True)
    (config / "Programme Tracker.conf").write_text(
        f"[General]\nrecentFiles={demo_path}\nyou\\asked=true\n", encoding="utf-8"
    )
    lines = start_with_importtime(tmp_path, trace=True)
    shown = lines.index("window shown: demo.ptdb – Programme Tracker")
    assert among(imported(lines[:shown]), NOT_BEFORE_THE_WINDOW + ONLY_WHEN_USED) == []
    assert any(line.startswith("file read: demo.ptdb – Programme Tracker (") for line in lines)
    # PT_TRACE_START: each stage's time since the process started, in the order they came.
    marks = [line.split(None, 2) for line in lines if line.startswith("start-trace: ")]
    assert [what for _, _, what in marks] == [
        "our code runs",
        "command line imported",
        "file checked",
        "window modules imported",
        "QApplication made",
        "window frame built",
        "window show() returned",
        "first paint event",
        "window painted",
        "main window finished",
        "file read",
    ]
    times = [float(since) for _, since, _ in marks]
    assert times == sorted(times) and 0 < times[0] < 60_000, marks


def new_window(tmp_path: Path, qtbot):
    from ui.shell.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("you/asked", True)  # no "who are you?" dialog after the file opens
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    return window, settings


def test_the_window_says_which_file_it_is_opening_then_shows_it(qtbot, tmp_path, demo_path):
    from ui.shell.application import open_first_file

    window, settings = new_window(tmp_path, qtbot)
    window.show_opening("demo.ptdb")
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "demo.ptdb – Programme Tracker"
    assert window.empty.isVisible() and window.tabs.isHidden()
    assert window.empty.heading.text() == "Opening “demo.ptdb”…"
    buttons = (window.empty.new_programme_button, window.empty.new_file_button)
    assert not any(b.isVisible() for b in (*buttons, window.empty.open_button))
    assert window.statusBar().currentMessage() == "Opening demo.ptdb…"
    assert window.menuBar().actions(), "the menus are there from the start"

    assert open_first_file(window, settings, [str(demo_path)], demo=False, smoke=False) is None
    assert window.db is not None and window.db.path == demo_path
    assert window.model.rowCount() > 0
    assert window.tabs.isVisible() and window.empty.isHidden()
    assert window.statusBar().currentMessage() != "Opening demo.ptdb…"
    activate(qtbot, window)
    assert QApplication.focusWidget() is window.tree  # the keys judge, as on every open
    window.close()


def test_a_file_that_will_not_open_is_said_and_the_window_says_no_file(qtbot, tmp_path, capsys):
    from ui.shell.application import open_first_file

    window, settings = new_window(tmp_path, qtbot)
    bad = tmp_path / "notes.ptdb"
    bad.write_text("not a programme", encoding="utf-8")
    window.show_opening(bad.name)
    window.show()
    said = {}

    def read_and_close(box):
        said["text"], said["title"] = box.text(), window.windowTitle()
        box.accept()

    when_modal(read_and_close)
    assert open_first_file(window, settings, [str(bad)], demo=False, smoke=False) == 2
    assert isinstance(said.get("text"), str) and "notes.ptdb" in said["text"]
    assert said["title"] == "notes.ptdb – Programme Tracker"  # while the message was shown
    assert window.windowTitle() == "No file open – Programme Tracker"
    assert window.empty.heading.text() == "No file is open"
    assert window.statusBar().currentMessage() == ""
    assert capsys.readouterr().err == f"programme-tracker: {said['text']}\n"


def test_a_last_file_gone_bad_is_said_then_the_welcome_offers_another(qtbot, tmp_path):
    from ui.shell.application import open_first_file
    from ui.shell.welcome import Welcome

    window, settings = new_window(tmp_path, qtbot)
    bad = tmp_path / "last.ptdb"
    bad.write_text("not a programme", encoding="utf-8")
    settings.setValue("recentFiles", [str(bad)])
    window.show_opening(bad.name)
    window.show()
    seen = []

    def welcome(box):
        seen.append((type(box), window.windowTitle(), window.empty.heading.text()))
        box.reject()  # Quit

    def warning(box):
        seen.append((type(box), box.text()))
        box.accept()
        when_modal(welcome)

    when_modal(warning)
    assert open_first_file(window, settings, [], demo=False, smoke=False) == 0
    assert seen[0][0] is QMessageBox and "last.ptdb" in seen[0][1]
    assert seen[1] == (Welcome, "No file open – Programme Tracker", "No file is open")
    assert window.db is None


def test_a_big_trees_panes_fill_after_it_is_painted(qtbot, tmp_path, demo_path, monkeypatch):
    """From PANES_AFTER_PAINT_FROM rows the tree is painted first; the first item's details,
    the Indicators tab and the period's states follow from the event loop after that paint
    (here the demo stands in for a big programme)."""
    from app.store.database import Database
    from ui.shell import tree_loading

    monkeypatch.setattr(tree_loading, "PANES_AFTER_PAINT_FROM", 1)
    window, _settings = new_window(tmp_path, qtbot)
    window.show()
    qtbot.waitExposed(window)
    window.attach(Database.open(demo_path))
    first = window.tree.current_item_id()
    assert first is not None and window.model.rowCount() > 0
    assert window.detail.detail is None, "the details wait for the tree's paint"
    assert window.work.indicators is None
    window.tree.viewport().repaint()
    qtbot.waitUntil(lambda: window.detail.detail is not None, timeout=3000)
    assert window.detail.detail.id == first
    assert window.work.indicators is not None
    # An item chosen afterwards shows at once, as on any tree.
    window.tree.select_item(window.proxy.index(1, 0))
    assert window.detail.detail.id == window.tree.current_item_id() != first
    window.close()


def _open_top_first(qtbot, tmp_path, demo_path, monkeypatch):
    """The demo opened as a big programme is: its top level read and painted first."""
    from app.store.database import Database
    from ui.shell import tree_loading

    monkeypatch.setattr(tree_loading, "TOP_FIRST_FROM", 1)
    monkeypatch.setattr(tree_loading, "EXPAND_LIMIT", 0)
    window, _settings = new_window(tmp_path, qtbot)
    window.show()
    qtbot.waitExposed(window)
    window.attach(Database.open(demo_path))
    return window


def test_a_big_tree_shows_its_top_level_first_and_the_rest_after_its_paint(
    qtbot, tmp_path, demo_path, monkeypatch
):
    window = _open_top_first(qtbot, tmp_path, demo_path, monkeypatch)
    model = window.model
    tops = model.children_of(None)
    assert tops and all(model.row(t).parent_id is None for t in model.item_ids())
    assert len(model.item_ids()) == len(tops), "only the top level is read"
    first = model.index_for(tops[0])
    assert model.hasChildren(first) and model.rowCount(first) == 0
    assert window.proxy.index(0, 0).data() == model.index_for(tops[0]).data()
    assert window.summary_label.text() == "", "no counts until the whole tree is read"
    assert window.tree.current_item_id() == tops[0]
    inserted = []
    model.rowsInserted.connect(lambda parent, a, b: inserted.append(parent.internalId()))
    window.tree.viewport().repaint()
    qtbot.waitUntil(lambda: len(model.item_ids()) > len(tops), timeout=3000)
    assert inserted == [t for t in tops if model.children_of(t)]  # under each, Qt told
    assert window.summary_label.text().startswith("Quarter 1 2009/10:")
    assert window.tree.current_item_id() == tops[0]
    assert not any(window.tree.isExpanded(window.proxy.index(r, 0)) for r in range(len(tops)))
    qtbot.waitUntil(lambda: window.detail.detail is not None, timeout=3000)
    check_models(window)
    window.close()


def check_models(window):
    from PySide6.QtTest import QAbstractItemModelTester

    for model in (window.model, window.proxy):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def test_the_model_tester_fetching_a_big_trees_rest_finds_it_whole(
    qtbot, tmp_path, demo_path, monkeypatch
):
    """Qt's own model tester fetches more under each item, as a view unfolding it does:
    the rest is read then, and every signal it sees agrees with the rows."""
    window = _open_top_first(qtbot, tmp_path, demo_path, monkeypatch)
    tops = window.model.children_of(None)
    assert len(window.model.item_ids()) == len(tops)
    check_models(window)
    assert len(window.model.item_ids()) > len(tops)
    assert not window.loading.rest_waiting
    window.close()


def test_unfolding_an_item_before_the_rest_is_read_reads_it_then(
    qtbot, tmp_path, demo_path, monkeypatch
):
    window = _open_top_first(qtbot, tmp_path, demo_path, monkeypatch)
    model = window.model
    top = model.children_of(None)[0]
    window.tree.expand(window.proxy.mapFromSource(model.index_for(top)))
    assert model.children_of(top), "read when unfolded"
    assert window.proxy.rowCount(window.proxy.mapFromSource(model.index_for(top))) > 0
    assert window.tree.isExpanded(window.proxy.mapFromSource(model.index_for(top)))
    assert window.summary_label.text().startswith("Quarter 1 2009/10:")
    check_models(window)
    window.close()


def test_the_frame_painted_first_becomes_the_main_window_unchanged(qtbot, tmp_path, demo_path):
    """The window's two stages (ui/shell/frame.py): the frame shows what the whole window
    shows while a file is opened, pixel for pixel; finishing it makes that same window the
    main window, with the menus' commands and its own handling of events."""
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent

    from ui.shell.application import finish_window, open_first_file
    from ui.shell.frame import WindowFrame
    from ui.shell.main_window import MainWindow

    whole, _ = new_window(tmp_path, qtbot)
    whole.show_opening("demo.ptdb")
    whole.show()
    qtbot.waitExposed(whole)
    settings = QSettings(str(tmp_path / "frame.ini"), QSettings.Format.IniFormat)
    settings.setValue("you/asked", True)
    frame = WindowFrame(settings)
    qtbot.addWidget(frame)
    frame.resize(1366, 768)
    frame.show_opening("demo.ptdb")
    frame.show()
    qtbot.waitExposed(frame)
    titles = ["&File", "&Edit", "&View", "Indi&cators", "&Programme", "&Help"]
    assert [action.text() for action in frame.menuBar().actions()] == titles
    assert frame.windowTitle() == "demo.ptdb – Programme Tracker"
    assert frame.statusBar().currentMessage() == "Opening demo.ptdb…"
    assert frame.grab().toImage() == whole.grab().toImage()
    whole.close()

    window = finish_window(frame)
    assert window is frame and type(window) is MainWindow
    bar = window.menuBar()
    assert [action.text() for action in bar.actions()] == titles  # filled, not added again
    file_menu = bar.actions()[0].menu()
    assert "&Open…" in [action.text() for action in file_menu.actions()]
    assert window.windowTitle() == "demo.ptdb – Programme Tracker"
    assert window.empty.heading.text() == "Opening “demo.ptdb”…"
    assert window.statusBar().currentMessage() == "Opening demo.ptdb…"
    assert window.grab().toImage() == frame.grab().toImage()  # (nothing seen to change)

    assert open_first_file(window, settings, [str(demo_path)], demo=False, smoke=False) is None
    assert window.model.rowCount() > 0 and window.tabs.isVisible()
    # Qt calls the main window's own event handlers now: a file dragged over is taken…
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(demo_path))])
    drag = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drag)
    assert drag.isAccepted()
    # …and closing the window closes its file.
    db = window.db
    assert db is not None
    window.close()
    assert window.db is None and db._closed
