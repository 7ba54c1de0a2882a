"""Issue 18, accessible documents: every layout's HTML passes axe-core (run in jsdom by Node,
tests/a11y, installed by scripts/setup --render), and the colours its stylesheet puts text in
meet WCAG's 4.5:1, which axe cannot measure without a browser drawing the page.

The Word side (heading styles, header rows marked, en-GB, title property) is asserted in
test_exports.py. PDF: Qt's QPdfWriter has no API for structure tags and writes none (no
/StructTreeRoot or /MarkInfo in its output), so a PDF export is untagged: where Qt does not
allow more, its text is real text in reading order and its title is set (asserted below).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_exports import LAYOUT_CASES

from app.read.lookup import find_period, find_programme
from app.reports import make_report, renderer
from app.reports.render_html import CSS

A11Y = Path(__file__).parent / "a11y"


def axe(files: list[Path]) -> dict[str, dict]:
    assert shutil.which("node"), "scripts/setup --render installs Node for axe-core"
    assert (A11Y / "node_modules" / "axe-core").is_dir(), "scripts/setup --render runs npm ci"
    done = subprocess.run(
        ["node", str(A11Y / "axe_check.js"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_every_layouts_html_passes_axe(demo, tmp_path):
    files = []
    for layout, programme_name, period_label in LAYOUT_CASES:
        with demo.reader() as session:
            programme = find_programme(session, programme_name)
            period = find_period(session, programme, period_label)
        path = tmp_path / f"{layout}.html"
        path.write_bytes(renderer("html")(make_report(demo, programme, period, layout)))
        files.append(path)
        page = path.read_text(encoding="utf-8")
        assert '<html lang="en-GB">' in page and page.count("<main>") == 1
        assert "<h1>" in page, layout  # one heading names the document
    results = axe(files)
    for path in files:
        assert results[str(path)]["violations"] == [], path.name


def test_axe_finds_what_is_wrong(tmp_path):
    """The check can fail: a page with a blank table header and text outside landmarks."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en-GB"><head><title>x</title></head><body>'
        "<p>Loose text</p><table><thead><tr><th></th></tr></thead>"
        "<tbody><tr><td>1</td></tr></tbody></table></body></html>",
        encoding="utf-8",
    )
    found = {v["id"] for v in axe([page])[str(page)]["violations"]}
    assert {"empty-table-header", "region"} <= found


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of "#RRGGBB" or "#RGB"."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(text: str, background: str) -> float:
    high, low = sorted((luminance(text), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_stylesheets_text_colours_meet_wcag_contrast():
    text_colours = set(re.findall(r"(?<!-)color: (#[0-9A-Fa-f]{3,6})", CSS))
    backgrounds = {"#FFFFFF", *re.findall(r"background: (#[0-9A-Fa-f]{6})", CSS)}
    assert text_colours == {"#111", "#1F3A5F", "#444"}  # the test sees every colour
    for text in text_colours:
        for background in backgrounds:
            assert contrast(text, background) >= 4.5, (text, background)


def test_the_pdf_has_its_title_and_real_text(demo, tmp_path):
    with demo.reader() as session:
        programme = find_programme(session, "Chief Executive Services")
        period = find_period(session, programme, "Quarter 1 2009/10")
    path = tmp_path / "q1.pdf"
    path.write_bytes(renderer("pdf")(make_report(demo, programme, period, "quarterly")))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Title:           Chief Executive Services Performance Plan 2009-12" in info
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Judgement of Progress" in text
    assert "\ufb01" not in text and "\ufb02" not in text  # "fi", not one ligature glyph
    assert "benefits" in text
