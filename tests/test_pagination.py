"""Issue 18, pagination in Word and PDF alike: each layout's Word export as LibreOffice lays it
out and its PDF export, read back with poppler page by page. No action row is split from its
mark (its first and last distinctive words are on one page), no page holds only a key or only
a table's header, every page's footer names the report and its period, and the two formats'
page counts are within one of each other."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from test_exports import LAYOUT_CASES, document_words
from test_exports import words as words_of

from app.read.lookup import find_period, find_programme
from app.reports import make_report, renderer
from app.reports.pagination import footer_text

WORD = re.compile(r"[A-Za-z]{5,}")


@pytest.fixture(scope="module")
def rendered(demo_master, tmp_path_factory):
    """{layout: (footer text, Word file, Word's pages, our PDF's pages)}."""
    from app.store.database import Database

    folder = tmp_path_factory.mktemp("pages")
    footers = {}
    with Database.open(demo_master, read_only=True) as db:
        for layout, programme_name, period_label in LAYOUT_CASES:
            with db.reader() as session:
                programme = find_programme(session, programme_name)
                period = find_period(session, programme, period_label)
            report = make_report(db, programme, period, layout)
            footers[layout] = footer_text(report)
            (folder / f"{layout}.docx").write_bytes(renderer("docx")(report))
            (folder / f"{layout}-ours.pdf").write_bytes(renderer("pdf")(report))
    done = subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *sorted(str(p) for p in folder.glob("*.docx")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return {
        layout: (
            footers[layout],
            folder / f"{layout}.docx",
            pages(folder / f"{layout}.pdf"),
            pages(folder / f"{layout}-ours.pdf"),
        )
        for layout, *_ in LAYOUT_CASES
    }


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]  # the text ends with a form feed


def detail_rows(docx: Path) -> list[list[str]]:
    """The rows of the Word file's tables that carry a judgement (a symbol's name in a
    cell of their own), as their cells' words."""
    document = Document(str(docx))
    rows = []
    for table in document.tables:
        for row in table.rows[1:]:
            texts = [cell.text for cell in row.cells]
            if any("\n" in t and len(t.split("\n")[0]) == 1 for t in texts):  # "●\nOn track"
                rows.append(texts)
    return rows


@pytest.mark.slow
@pytest.mark.parametrize("layout", [case[0] for case in LAYOUT_CASES])
def test_word_and_pdf_page_alike(rendered, layout):
    footer, docx, word_pages, pdf_pages = rendered[layout]
    assert abs(len(word_pages) - len(pdf_pages)) <= 1, (len(word_pages), len(pdf_pages))
    # The PDF breaks no word inside a column either ("Complete|d" before widths from content).
    assert sorted(words_of(" ".join(pdf_pages)) - document_words(docx)) == []
    everything = " ".join(word_pages)
    once = {w for w, n in Counter(WORD.findall(everything)).items() if n == 1}
    header_words = set()
    document = Document(str(docx))
    for table in document.tables:
        for cell in table.rows[0].cells:
            header_words |= set(WORD.findall(cell.text))
    for name, laid_out in (("Word", word_pages), ("PDF", pdf_pages)):
        where = {}
        for number, page in enumerate(laid_out, start=1):
            assert f"Page {number} of {len(laid_out)}" in page, (name, number)
            assert " ".join(footer.split()) in " ".join(page.split()), (name, number)
            body = " ".join(page.split()).replace(" ".join(footer.split()), "")
            words = set(WORD.findall(body)) - {"Page"}
            assert words - header_words, f"{name} page {number} holds only a table's header"
            assert not body.strip().startswith("Key:") or len(words) > 12, (
                f"{name} page {number} holds only a key"
            )
            for word in WORD.findall(page):
                where.setdefault(word, number)
        for row in detail_rows(docx):
            distinctive = [w for cell in row for w in WORD.findall(cell) if w in once]
            if len(distinctive) < 2:
                continue
            first, last = distinctive[0], distinctive[-1]
            assert where.get(first) == where.get(last), (
                f"{name}: the row of “{first}” runs from page {where.get(first)} "
                f"to page {where.get(last)} (“{last}”)"
            )
