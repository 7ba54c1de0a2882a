"""Issue 12, "nothing lost, nothing silent", for exports: an export never writes over a
programme, a pack, their lock or journal, or a device; it reaches the disk before it is
renamed into place; hostile text stored in a file (formulas, markup, bidi overrides,
non-characters, huge text) comes out as text in every format, and nothing is cut silently."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from app.core.errors import FileError
from app.read.lookup import find_period, find_programme
from app.reports import Options, make_report, renderer, write_atomically
from app.reports.pagination import footer_text
from app.store.database import Database

ROOT = Path(__file__).parents[1]
Q1 = "Quarter 1 2009/10"
FORMATS = ("docx", "pdf", "xlsx", "html", "csv")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- where an export may be written ----------------------------------------------------------


@pytest.mark.parametrize("name", ["other.ptdb", "Backup.PTDB", "team.ptpack", "new.ptdb"])
def test_export_refuses_a_programme_or_pack_name(tmp_path, name):
    target = tmp_path / name
    if name != "new.ptdb":
        target.write_bytes(b"a programme that is not a database yet")
        before = sha256(target)
    with pytest.raises(FileError) as caught:
        write_atomically(target, b"the report")
    assert str(caught.value) == (
        f"“{name}” is a Programme Tracker file (programme or update pack), so an export "
        "may not be written over it; choose another name."
    )
    if name == "new.ptdb":
        assert not target.exists()
    else:
        assert sha256(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ([] if name == "new.ptdb" else [name])


@pytest.mark.parametrize(
    "name", ["demo.ptdb.lock", "demo.ptdb-journal", "demo.ptdb-wal", "demo.ptdb-shm", "x.LOCK"]
)
def test_export_refuses_a_lock_or_journal(demo, demo_path, name):
    target = demo_path.with_name(name)
    existed = target.exists()
    if not existed:
        target.write_bytes(b"journal bytes")
    before = sha256(target)
    with pytest.raises(FileError) as caught:
        write_atomically(target, b"the report")
    assert str(caught.value) == (
        f"“{name}” is a lock or journal file that keeps a programme safe, so an export "
        "may not be written over it; choose another name."
    )
    assert sha256(target) == before


def test_export_refuses_a_database_under_another_name(demo_path, tmp_path):
    """The open programme, the command's own input, or a copy renamed "minutes.docx": any
    file that is an SQLite database is refused whatever its name."""
    disguised = tmp_path / "minutes.docx"
    shutil.copyfile(demo_path, disguised)
    for target in (demo_path, disguised):
        before = sha256(target)
        with pytest.raises(FileError) as caught:
            write_atomically(target, b"the report")
        if target == demo_path:
            assert str(caught.value).startswith("“demo.ptdb” is a Programme Tracker file")
        else:
            assert str(caught.value) == (
                "“minutes.docx” is a database (perhaps a programme saved under another "
                "name), so an export may not be written over it; choose another name."
            )
        assert sha256(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.ptdb", "minutes.docx"]


def test_export_refuses_the_open_file_even_when_it_is_in_use(demo, demo_path):
    before = sha256(demo_path)
    with pytest.raises(FileError, match=re.escape("“demo.ptdb” is a Programme Tracker file")):
        write_atomically(demo_path, b"the report")
    assert sha256(demo_path) == before
    with demo.reader() as session:  # the open database still reads
        assert find_programme(session, "Chief Executive Services")


def run_cli(demo_path, output):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "export",
            str(demo_path),
            "--programme",
            "Chief Executive",
            "--period",
            Q1,
            "--layout",
            "quarterly",
            "--format",
            "docx",
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_cli_export_onto_its_own_input_is_refused(demo_path, tmp_path):
    before = sha256(demo_path)
    result = run_cli(demo_path, demo_path)
    assert result.returncode == 2
    assert result.stderr == (
        "programme-tracker: “demo.ptdb” is a Programme Tracker file (programme or update "
        "pack), so an export may not be written over it; choose another name.\n"
    )
    assert sha256(demo_path) == before
    renamed = tmp_path / "report.docx"
    shutil.copyfile(demo_path, renamed)
    result = run_cli(demo_path, renamed)
    assert result.returncode == 2
    assert "“report.docx” is a database (perhaps a programme" in result.stderr
    assert sha256(renamed) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.ptdb", "report.docx"]


def test_export_dialog_refuses_the_open_file_and_its_lock(qtbot, demo, demo_path, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.dialogs.export import ExportDialog
    from ui.shell.main_window import MainWindow

    window = MainWindow(
        demo, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    dialog = ExportDialog(window.commands.reads, window)
    qtbot.addWidget(dialog)
    lock = demo_path.with_name("demo.ptdb.lock")
    assert lock.exists()  # the window holds the programme open for editing
    for target, message in (
        (
            demo_path,
            "“demo.ptdb” is a Programme Tracker file (programme or update pack), so an "
            "export may not be written over it; choose another name.",
        ),
        (
            lock,
            "“demo.ptdb.lock” is a lock or journal file that keeps a programme safe, so an "
            "export may not be written over it; choose another name.",
        ),
    ):
        before = sha256(target)
        assert dialog.export_to(target) is False
        assert dialog.status.text() == message
        assert sha256(target) == before


def test_export_refuses_a_fifo_and_a_device(tmp_path):
    fifo = tmp_path / "report.csv"
    os.mkfifo(fifo)
    inode = fifo.stat().st_ino
    with pytest.raises(FileError) as caught:
        write_atomically(fifo, b"a,b\r\n")
    assert str(caught.value) == (
        "“report.csv” is not an ordinary file (it is a named pipe), so an export may not be "
        "written over it; choose another name."
    )
    assert stat.S_ISFIFO(fifo.stat().st_mode) and fifo.stat().st_ino == inode
    # A device node made here, not /dev/null itself: the old code replaced the node.
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("only root may make a device node")
    with pytest.raises(FileError) as caught:
        write_atomically(device, b"report")
    assert str(caught.value) == (
        "“null” is not an ordinary file (it is a device), so an export may not be written "
        "over it; choose another name."
    )
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "report.csv"]


def test_an_ordinary_report_is_still_replaced(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"last quarter's report")
    write_atomically(target, b"this quarter's report")
    assert target.read_bytes() == b"this quarter's report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_export_is_on_disk_before_it_is_renamed_into_place(tmp_path, monkeypatch):
    """The temporary file is fsynced before the rename, and the folder after it."""
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def replace(source, target, **kwargs):
        events.append(("replace", str(target)))
        return real_replace(source, target, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "report.docx"
    write_atomically(target, b"x" * 100_000)
    monkeypatch.undo()
    assert target.read_bytes() == b"x" * 100_000
    assert len(events) == 3, events
    kind, name = events[0]
    assert kind == "fsync" and Path(name).parent == tmp_path
    assert Path(name).name.startswith(".report.docx.") and name.endswith(".exporting")
    assert events[1] == ("replace", str(target))
    assert events[2] == ("fsync", str(tmp_path))


# --- hostile text stored in a file ------------------------------------------------------------

HYPERLINK = '=HYPERLINK("http://evil.example","click")'
DDE = "=cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!'A0'"
SCRIPT = "<script>alert(1)</script><b>x</b>"
RTL = "\u202eevil\u202c"
NONCHARACTERS = "a\ufffeb\uffffc"
LONG_TITLE = " ".join(f"word{n:05d}" for n in range(10_000)) + "."
assert len(LONG_TITLE) == 100_000
# Each payload as it must come back in Word, PDF, HTML and Excel (stored as text).
PAYLOADS = {
    HYPERLINK: HYPERLINK,
    "=1+2": "=1+2",
    "+1+1": "+1+1",
    MINUS: MINUS,
    "@SUM(1,1)": "@SUM(1,1)",
    "\t=1+1": "\t=1+1",
    "\r=1+1": "\r=1+1",
    DDE: DDE,
    "#N/A": "#N/A",
    SCRIPT: SCRIPT,
    RTL: RTL,
    NONCHARACTERS: "a\ufffdb\ufffdc",
    "ctrl\x01\x1b\x7fend": "ctrl\ufffd\ufffd\x7fend",
    "plane\U0001fffe\U0010ffff\ufdd0\ufdefend": "plane\ufffd\ufffd\ufffd\ufffdend",
}
NUMBERS = ["-5", "12%", "-1,234.5", "-", "0.75", "£1,200"]
FORMULA_LIKE = {HYPERLINK, "=1+2", "+1+1", MINUS, "@SUM(1,1)", "\t=1+1", "\r=1+1", DDE}


def _programme_and_period(path):
    with Database.open(path, read_only=True) as db, db.reader() as session:
        programme = find_programme(session, "Chief Executive Services")
        return programme, find_period(session, programme, Q1)


def _actions(raw, programme):
    return [
        row[0]
        for row in raw.execute(
            "SELECT id FROM item i WHERE programme_id = ? AND parent_id IS NOT NULL AND NOT "
            "EXISTS (SELECT 1 FROM item c WHERE c.parent_id = i.id) ORDER BY id",
            (programme,),
        )
    ]


def _narrative(raw, item, period, text):
    raw.execute("DELETE FROM progress_update WHERE item_id = ? AND period_id = ?", (item, period))
    raw.execute(
        "INSERT INTO progress_update (item_id, period_id, position, heading, text) "
        "VALUES (?, ?, 0, NULL, ?)",
        (item, period, text),
    )


@pytest.fixture
def hostile(demo_path):
    return make_hostile(demo_path)


def make_hostile(demo_path, *, long_title=True):
    """The demo file with hostile text written straight into it, as another tool might:
    validation would refuse most of it, so this is text from a file made elsewhere."""
    programme, period = _programme_and_period(demo_path)
    raw = sqlite3.connect(demo_path)
    actions = _actions(raw, programme)
    texts = [*PAYLOADS, LONG_TITLE if long_title else "An ordinary title.", *NUMBERS]
    for item, text in zip(actions, texts, strict=False):
        raw.execute("UPDATE item SET title = ? WHERE id = ?", (text, item))
    for item, text in zip(actions[len(texts) :], PAYLOADS, strict=False):
        _narrative(raw, item, period, text)  # each payload as an achievements narrative too
    raw.execute(
        "UPDATE kpi_result SET comment = ? WHERE id = (SELECT min(r.id) FROM kpi_result r "
        "JOIN indicator i ON i.id = r.indicator_id WHERE i.programme_id = ? AND r.period_id = ?)",
        (DDE, programme, period),
    )
    raw.execute("UPDATE programme SET organisation = ? WHERE id = ?", (HYPERLINK, programme))
    raw.commit()
    raw.close()
    with Database.open(demo_path, read_only=True) as db:
        report = make_report(db, programme, period, "quarterly", Options())
    return report


CONTINUED = re.compile(r"(.*) … \[continued after this table: see note (\d+)\]", re.DOTALL)


def in_word(document, text):
    """Whether ``text`` is a table cell of the document, whole or continued after its table
    (a paragraph of the continuation may be written as several)."""
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    if text in cells:
        return True
    joined = "".join(paragraph.text for paragraph in document.paragraphs)
    for cell in cells:
        continued = CONTINUED.fullmatch(cell)
        if continued and text.startswith(continued.group(1)):
            note = f"Note {continued.group(2)}, continued from the table above: …"
            if note + text[len(continued.group(1)) :] in joined:
                return True
    return False


def test_hostile_text_in_word_is_text(hostile):
    document = Document(io.BytesIO(renderer("docx")(hostile)))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    for stored, shown in PAYLOADS.items():
        # Word has no carriage return inside a paragraph: it is a line break, as in python-docx.
        assert cells.count(shown.replace("\r", "\n")) >= 2, repr(stored)  # title and narrative
    assert in_word(document, LONG_TITLE)
    long_cell = next(
        c.text for t in document.tables for r in t.rows for c in r.cells if "word00000" in c.text
    )
    assert long_cell.endswith(" … [continued after this table: see note 1]")
    assert len(long_cell) < 10_100
    for number in NUMBERS:
        assert number in cells
    assert document.core_properties.author.startswith('=HYPERLINK("http')


def _sheet_xml(data):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: package.read(name)
            for name in package.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        }


def test_hostile_text_in_excel_is_text_never_a_formula(hostile):
    data = renderer("xlsx")(hostile)
    for name, xml in _sheet_xml(data).items():
        assert b"<f>" not in xml and b"<f " not in xml, name
    book = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert [c.value for c in cells if c.data_type == "e"] == []
    values = {}
    for cell in cells:
        if isinstance(cell.value, str):
            values.setdefault(cell.value, []).append(cell.data_type)
    for stored, shown in PAYLOADS.items():
        assert values.get(shown, [])[:2] == ["s", "s"], repr(stored)
    for number in NUMBERS:
        assert values[number][0] == "s"
    about = book["About"]
    assert about["A3"].value.startswith('=HYPERLINK("http://evil.example","click") · ')
    assert about["A3"].data_type == "s"
    cut = next(v for v in values if v.startswith("word00000 word00001"))
    marker = "… [cut: 100,000 characters in full; see the programme file]"
    assert cut.endswith(marker) and len(cut) == 32_767
    assert LONG_TITLE.startswith(cut[: -len(marker)])
    about = [row[0] for row in book["About"].iter_rows(values_only=True)]
    assert about[-1].endswith(": 100,000 characters in full")


def test_every_formula_payload_is_a_text_cell_in_excel():
    """The formula payloads alone (nothing else a file cannot hold), wherever text goes."""
    import datetime as dt

    from app.reports.model import Cell, Fields, Report
    from app.reports.model import Table as ReportTable

    payloads = [*sorted(FORMULA_LIKE), "#N/A", "#DIV/0!"]
    report = Report(
        title="=1+2",
        subtitle="@SUM(1,1)",
        date=dt.date(2024, 1, 1),
        organisation=HYPERLINK,
        blocks=[
            Fields([(DDE, MINUS)]),
            ReportTable("=1+2", [[Cell("+1+1")]], [[Cell(p)] for p in payloads], [1], "=x"),
        ],
    )
    data = renderer("xlsx")(report)
    assert all(b"<f>" not in xml for xml in _sheet_xml(data).values())
    book = load_workbook(io.BytesIO(data))
    about = [(c.value, c.data_type) for c in book["About"]["A"] if c.value]
    assert about == [
        ("=1+2", "s"),
        ("@SUM(1,1)", "s"),
        (f"{HYPERLINK} · 1 January 2024", "s"),
        (f"{DDE}: {MINUS}", "s"),
    ]
    sheet = book["=x"]
    assert [(c.value, c.data_type) for c in sheet["A"]] == [
        (text, "s") for text in ["=1+2", "+1+1", *payloads]
    ]


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self.cell, self.inside = [], "", False

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.cell += "\n"
        if tag in ("td", "th"):
            self.inside, self.cell = True, ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cells.append(self.cell)
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.cell += data


def test_hostile_text_in_html_is_escaped_and_isolated(hostile):
    html = renderer("html")(hostile).decode("utf-8")
    assert "<script" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in html
    parser = _Cells()
    parser.feed(html)
    for stored, shown in PAYLOADS.items():
        assert parser.cells.count(shown) >= 2, repr(stored)
    assert LONG_TITLE in parser.cells
    # Text that shares a line with other text is isolated, so an override cannot reorder it.
    assert '<p class="meta"><bdi>=HYPERLINK(&quot;http://evil.example&quot;' in html


def _csv_rows(data):
    limit = csv.field_size_limit(10_000_000)  # the reader's own default is 131,072
    try:
        return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    finally:
        csv.field_size_limit(limit)


def test_hostile_text_in_csv_cannot_run_and_numbers_stay_numbers(hostile):
    rows = _csv_rows(renderer("csv")(hostile))
    titles = [row["Action"] or row["Workstream/Project"] for row in rows]
    narratives = [row["Achievements"] for row in rows]
    for stored, shown in PAYLOADS.items():
        expected = "'" + stored if stored in FORMULA_LIKE else shown
        assert expected in titles, repr(stored)
        assert expected in narratives, repr(stored)
    assert LONG_TITLE in titles
    for number in NUMBERS:
        assert number in titles
    assert {row["Programme"] for row in rows} == {
        "Chief Executive Services Performance Plan 2009-12"
    }


def pdf_words(data: bytes) -> str:
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return "".join(unicodedata.normalize("NFKC", text).split())


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_hostile_text_in_pdf_is_drawn_as_text(hostile):
    text = pdf_words(renderer("pdf")(hostile))
    for stored in (HYPERLINK, "=1+2", "+1+1", MINUS, "@SUM(1,1)", DDE, "#N/A", SCRIPT):
        assert text.count(squash(stored)) >= 2, stored
    assert "evil" in text
    assert "word00000" in text and "word09999." in text


def _png() -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def test_text_no_format_can_hold_is_replaced_in_every_renderer():
    """Lone surrogates and C0 controls cannot even be stored through Python's sqlite3, but a
    report holding them still renders in every format, each such character replaced by �;
    an unknown colour is drawn black."""
    import datetime as dt

    from app.reports.model import Cell, Fields, Heading, Image, Key, Mark, Paragraph, Report
    from app.reports.model import Table as ReportTable

    bad = "x\ud800y\udfffz\x00\x08\x0b\ufffe"
    shown = "x\ufffdy\ufffdz\ufffd\ufffd\ufffd\ufffd"
    mark = Mark(bad, bad, "red", bad)
    report = Report(
        title=bad,
        subtitle=bad,
        date=dt.date(2024, 1, 1),
        organisation=bad,
        blocks=[
            Heading(bad),
            Paragraph(bad),
            Key(bad, [mark]),
            Fields([(bad, bad)]),
            ReportTable(bad, [[Cell(bad)]], [[Cell(bad), Cell("", mark=mark)]], [1, 1], sheet=bad),
            Image(_png(), bad),
        ],
        flat_rows=[{bad: bad}],
    )
    for fmt in FORMATS:
        assert renderer(fmt)(report), fmt
    document = Document(io.BytesIO(renderer("docx")(report)))
    assert document.paragraphs[0].text == shown
    assert document.inline_shapes[0]._inline.docPr.get("descr") == shown
    assert document.tables[1].rows[1].cells[0].text == shown
    book = load_workbook(io.BytesIO(renderer("xlsx")(report)))
    assert book.worksheets[1]["A1"].value == shown
    assert book.worksheets[1]["B3"].font.color.rgb == "00000000"
    html = renderer("html")(report).decode("utf-8")
    assert f"<h1>{shown}</h1>" in html and "color:#000000" in html
    assert _csv_rows(renderer("csv")(report)) == [{shown: shown}]
    assert shown in pdf_words(renderer("pdf")(report))


def test_clean_replaces_what_no_format_holds_and_closes_bidi_overrides():
    from app.reports.safe_text import clean

    assert clean("plain text") == "plain text"
    assert clean("tab\tline\nreturn\r") == "tab\tline\nreturn\r"
    assert clean("\x00\x1f\ud800\udc00\ufdd0\ufdef\ufffe\uffff\U0010fffe") == "\ufffd" * 9
    assert clean("\ufdcf\ufdf0\U0001f600\x7f") == "\ufdcf\ufdf0\U0001f600\x7f"  # all fine
    assert clean(RTL) == RTL  # already closed: kept as it is
    assert clean("\u202eevil") == "\u202eevil\u202c"
    assert clean("\u2067a\u202bb") == "\u2067a\u202bb\u202c\u2069"
    assert clean("\u2067a\u202bb\u2069c") == "\u2067a\u202bb\u2069c"  # PDI closes both
    assert clean("a\u202cb\u2069") == "a\u202cb\u2069"  # stray closers are harmless


# --- huge text ---------------------------------------------------------------------------------

HUGE_NAME = " ".join(f"name{n:05d}" for n in range(10_000)) + "."
HUGE_NARRATIVE = " ".join(f"w{n:06d}" for n in range(125_000)) + "."
CUT_NAME = "… [cut: 100,000 characters in full; see the programme file]"
CUT_NARRATIVE = "… [cut: 1,000,000 characters in full; see the programme file]"


@pytest.fixture
def huge(demo_path):
    return make_huge(demo_path)


def make_huge(demo_path):
    """A 100,000-character programme name (the report's title) and a 1,000,000-character
    achievements narrative, written straight into the file."""
    assert len(HUGE_NAME) == 100_000 and len(HUGE_NARRATIVE) == 1_000_000
    programme, period = _programme_and_period(demo_path)
    raw = sqlite3.connect(demo_path)
    actions = _actions(raw, programme)
    _narrative(raw, actions[0], period, HUGE_NARRATIVE)
    raw.execute("UPDATE programme SET name = ? WHERE id = ?", (HUGE_NAME, programme))
    raw.commit()
    raw.close()
    with Database.open(demo_path, read_only=True) as db:
        return make_report(db, programme, period, "quarterly", Options())


def _timed(fmt, report):
    started = time.perf_counter()
    data = renderer(fmt)(report)
    print(f"{fmt}: {time.perf_counter() - started:.2f} s, {len(data):,} bytes")
    return data


def test_huge_text_in_word_is_whole(huge):
    document = Document(io.BytesIO(_timed("docx", huge)))
    assert in_word(document, HUGE_NARRATIVE)
    assert HUGE_NAME in [p.text for p in document.paragraphs]
    title = document.core_properties.title  # Word's document properties hold 255 characters
    assert len(title) == 255 and title.endswith("…") and HUGE_NAME.startswith(title[:-1])


def test_huge_text_in_excel_is_cut_visibly_at_the_cell_limit(huge):
    book = load_workbook(io.BytesIO(_timed("xlsx", huge)))
    values = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
    narrative = [v for v in values if isinstance(v, str) and v.startswith("w000000 w000001")]
    assert len(narrative) == 1
    assert narrative[0].endswith(CUT_NARRATIVE) and len(narrative[0]) == 32_767
    assert HUGE_NARRATIVE.startswith(narrative[0][: -len(CUT_NARRATIVE)])
    name = book["About"]["A1"].value
    assert name.endswith(CUT_NAME) and len(name) == 32_767
    assert max(len(v) for v in values if isinstance(v, str)) == 32_767
    # The About sheet lists every cut, where a reader sees it without opening the cell.
    about = [row[0] for row in book["About"].iter_rows(values_only=True)]
    at = about.index("Text cut to fit Excel")
    assert about[at + 1 :] == [
        "Excel holds at most 32,767 characters in a cell, so these cells were cut there and "
        "end “… [cut: …]”. The full text is in the programme file, and in the Word, PDF, HTML "
        "and CSV exports of this report.",
        "Sheet “About”, cell A1: 100,000 characters in full",
        "Sheet “1. Lead and support a new…”, cell E5: 1,000,000 characters in full",
    ]


def test_huge_text_in_pdf_finishes_and_is_all_there(huge):
    text = pdf_words(_timed("pdf", huge))
    assert "w000000" in text and "w124999." in text and "w061234" in text
    assert "name00000" in text and "name09999." in text
    assert squash("… [continued after this table: see note 1]") in text
    assert squash("Note 1, continued from the table above:") in text


def test_a_million_characters_without_a_space_in_pdf_are_all_there(demo_path):
    """Qt breaks one unbroken run of characters in quadratic time (16.7 s for a million):
    such a run is broken into lines of 2,000 characters, and none is lost."""
    programme, period = _programme_and_period(demo_path)
    raw = sqlite3.connect(demo_path)
    _narrative(raw, _actions(raw, programme)[0], period, "ж" * 1_000_000)
    raw.commit()
    raw.close()
    with Database.open(demo_path, read_only=True) as db:
        report = make_report(db, programme, period, "quarterly", Options())
    text = pdf_words(_timed("pdf", report))
    # The cell's 10,000 (a table's header rows repeat on each page the row crosses)
    cell, note = text.split(squash("… [continued after this table: see note 1]"))
    assert cell.count("ж") >= 10_000 and cell.endswith("ж")
    note = note.split(squash("Note 1, continued from the table above: …"))[1]
    # The footer of each page it crosses: the report's title and period, and its number.
    note = re.sub(r"Page\d+of\d+", "", note.replace(squash(footer_text(report)), ""))
    # …and the other 990,000, each once: a paragraph cut by a page is drawn line by line,
    # each line on the page it begins on (Qt's own drawing drew the line at the foot of each
    # page again at the head of the next, and text extraction ignores clipping).
    assert len(note) - len(note.lstrip("ж")) == 990_000
    assert text.count("ж") == 1_000_000


def test_huge_text_in_html_and_csv_is_whole(huge):
    html = _timed("html", huge).decode("utf-8")
    assert HUGE_NARRATIVE in html and f"<title>{HUGE_NAME}</title>" in html
    rows = _csv_rows(_timed("csv", huge))
    assert HUGE_NARRATIVE in [row["Achievements"] for row in rows]


def test_five_megabytes_of_text_in_word_can_be_opened_again(demo_path):
    """One text node over libxml2's 10 MB limit makes the file unreadable to python-docx and
    other libxml2 readers: long text is written in pieces."""
    text = ("●▲● " * 1_250_000)[:-1] + "."
    assert len(text) == 5_000_000 and len(text.encode()) > 10_000_000
    programme, period = _programme_and_period(demo_path)
    raw = sqlite3.connect(demo_path)
    _narrative(raw, _actions(raw, programme)[0], period, text)
    raw.commit()
    raw.close()
    with Database.open(demo_path, read_only=True) as db:
        report = make_report(db, programme, period, "quarterly", Options())
    document = Document(io.BytesIO(_timed("docx", report)))
    assert in_word(document, text)


def test_export_dialog_with_a_huge_title_suggests_a_name_that_can_be_written(
    qtbot, demo_path, tmp_path
):
    from PySide6.QtCore import QSettings

    from ui.dialogs.export import ExportDialog
    from ui.shell.main_window import MainWindow

    make_huge(demo_path)
    with Database.open(demo_path) as db:
        window = MainWindow(
            db, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(window)
        dialog = ExportDialog(window.commands.reads, window)
        qtbot.addWidget(dialog)
        dialog.period_box.setCurrentIndex(dialog.period_box.findText(Q1))
        name = dialog.suggested_name()
        assert name == " ".join(HUGE_NAME.split()[:8]) + ".docx"  # 80 characters at most
        target = tmp_path / name
        assert dialog.export_to(target), dialog.status.text()
        assert dialog.status.text() == f"Exported to {target}"
        window.close()
    assert in_word(Document(str(target)), HUGE_NARRATIVE)


# --- LibreOffice --------------------------------------------------------------------------------


def libreoffice_text(folder: Path, files: list[Path], target: str = "pdf") -> dict[str, str]:
    """Convert ``files`` to PDF with LibreOffice in one call (its own profile, so a run beside
    another LibreOffice does not wait on it); each PDF's text, all white space removed."""
    assert shutil.which("libreoffice"), "scripts/setup --render installs LibreOffice"
    out = folder / "converted"
    result = subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return {path.name: pdf_words((out / f"{path.stem}.pdf").read_bytes()) for path in files}


@pytest.mark.slow
def test_libreoffice_opens_every_hostile_and_huge_export_as_text(demo_master, tmp_path):
    files = []
    for name, make in (("hostile", make_hostile), ("huge", make_huge)):
        path = tmp_path / f"{name}.ptdb"
        shutil.copyfile(demo_master, path)
        report = make(path)
        for fmt in ("docx", "xlsx", "csv") if name == "hostile" else ("docx", "xlsx"):
            files.append(tmp_path / f"{name}-{fmt}.{fmt}")
            started = time.perf_counter()
            files[-1].write_bytes(renderer(fmt)(report))
            print(f"{files[-1].name}: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    texts = libreoffice_text(tmp_path, files)
    print(f"LibreOffice, {len(files)} files: {time.perf_counter() - started:.1f} s")
    formulas = [HYPERLINK, "=1+2", "+1+1", MINUS, "@SUM(1,1)", DDE]
    word, excel, comma = (
        texts["hostile-docx.docx"],
        texts["hostile-xlsx.xlsx"],
        texts["hostile-csv.csv"],
    )
    for stored in [*formulas, "#N/A"]:
        # Evaluated, "=1+2" would show as 3 and the HYPERLINK as "click".
        assert squash(stored) in word and squash(stored) in excel, stored
    for stored in formulas:
        assert squash("'" + stored) in comma, stored
    assert squash(SCRIPT) in word and "evil" in word and "word09999." in word
    assert "word00000" in excel and "TextcuttofitExcel" in excel
    word, excel = texts["huge-docx.docx"], texts["huge-xlsx.xlsx"]
    assert "w000000" in word and "w124999." in word and "name09999." in word
    assert (
        "w000000" in excel
        and squash("Sheet “1. Lead and support a new…”, cell E5: 1,000,000 characters") in excel
    )


@pytest.mark.slow
def test_libreoffice_opens_hostile_html_as_text(demo_master, tmp_path):
    """HTML too, through LibreOffice's HTML reader: every payload is text on the page. (Without
    the 100,000-character title: LibreOffice's HTML import takes minutes over one cell that
    long, which a browser shows at once; the Word and Excel checks above keep it.)"""
    path = tmp_path / "hostile.ptdb"
    shutil.copyfile(demo_master, path)
    page = tmp_path / "hostile-html.html"
    page.write_bytes(renderer("html")(make_hostile(path, long_title=False)))
    text = libreoffice_text(tmp_path, [page], "pdf:writer_web_pdf_Export")["hostile-html.html"]
    for stored in [HYPERLINK, "=1+2", "+1+1", MINUS, "@SUM(1,1)", DDE, "#N/A", SCRIPT]:
        assert squash(stored) in text, stored
    assert "evil" in text and "alert(1)" in text
