"""Our own Word reports that say their items in headings and bullets, not in a table: the
programme update (a numbered heading per strand, its updates as bullets) and the project
plan (a heading per work package, a smaller one per stage, its actions as bullets).

Such a report is told by the layout our export names in the document's category
(app/reports/render_docx.py), so a council's own document is never read by these rules; its
structure is then read as the layout writes it (app/reports/layouts/programme_update.py,
project_plan.py). What the document prints is what comes back: a programme update prints no
responsibility, milestones or judgements; a project plan prints a package's lead officer,
milestones, description and dependencies, but nothing of its stages and actions beyond
their titles. Its key outcomes and key milestones are the programme's own lines, not an
item's values: they come back as the source's plan lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.imports.source import Source, SourceError, SourcePlanLine, SourceRow, split_titles

PROGRAMME_UPDATE = "programme-update"
PROJECT_PLAN = "project-plan"
# Our other layouts hold no items in headings: a table of actions, or none at all.
NOT_ITEMS = {"recommendations": "its recommendations are not items of a programme"}

NUMBERED = re.compile(r"^(\d+)\.\s+(?P<title>\S.*)$", re.S)
NO_UPDATE = re.compile(r"^No update for .+\.$")
DATE = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$")  # the footer's date, "29 November 2011"
LEAD = "Lead officer: "
DEPENDS = "Depends on: "
MILESTONE = "Milestone: "  # as app/reports/layouts/project_plan.py prints a package's


@dataclass
class Part:
    """A heading and what follows it up to the next heading of its level or above."""

    heading: str
    where: str  # "heading 4": for messages and the review
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (style, text)


def layout_of(document: Any) -> str:
    """The layout our export wrote the document with; "" for any other document."""
    props = document.core_properties
    if props.last_modified_by != "Programme Tracker":
        return ""
    return str(props.category or "")


def _paragraphs(document: Any) -> list[tuple[str, str]]:
    """(style, text) of each body paragraph with text, in order (tables are not read)."""
    found = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if text:
            found.append((paragraph.style.name if paragraph.style is not None else "", text))
    return found


def _parts(paragraphs: list[tuple[str, str]], level: str) -> list[Part]:
    """The document cut at each heading of ``level`` ("Heading 2"); what is above the
    first, and any higher heading, is left out."""
    parts: list[Part] = []
    headings = 0
    for style, text in paragraphs:
        if style.startswith("Heading"):
            headings += 1
        if style == level:
            parts.append(Part(text, f"heading {headings}"))
        elif style in ("Title", "Heading 1"):
            continue
        elif parts:
            parts[-1].blocks.append((style, text))
    return parts


def read_programme_update(name: str, document: Any, source: Source) -> Source:
    """Each strand of a programme update, a row per update (so the proposal keeps them as
    the strand's entries, as a CSV's rows are kept). A strand is a numbered heading followed
    by bullets only, or by "No update for …"; the report's sections, numbered before the
    strands, are followed by paragraphs. The number is the document's section number, not
    the strand's, so it is not read."""
    paragraphs = _paragraphs(document)
    if paragraphs and DATE.match(paragraphs[-1][1]):
        paragraphs = paragraphs[:-1]  # the date that ends the report
    parts = _parts(paragraphs, "Heading 2")
    strands: list[Part] = []
    for part in reversed(parts):  # the strands are the last of the numbered headings
        styles = {style for style, _text in part.blocks}
        no_update = len(part.blocks) == 1 and NO_UPDATE.match(part.blocks[0][1]) is not None
        if not NUMBERED.match(part.heading) or not (no_update or styles <= {"List Bullet"}):
            break
        strands.insert(0, part)
    if not strands:
        raise SourceError(
            f"{name} is a programme update of Programme Tracker with no strands: no numbered "
            "heading is followed by updates as bullets."
        )
    sections = len(parts) - len(strands)
    if sections:
        source.notes.append(
            f"The first {sections} numbered heading{'s are' if sections != 1 else ' is'} the "
            "report's sections, not strands: not read."
        )
    source.levels = ["Strand"]
    for part in strands:
        found = NUMBERED.match(part.heading)
        assert found is not None
        title = found["title"].strip()
        bullets = [text for style, text in part.blocks if style == "List Bullet"]
        if not bullets:
            source.rows.append(SourceRow(where=part.where, path=(title,)))
        for number, text in enumerate(bullets, start=1):
            source.rows.append(
                SourceRow(where=f"{part.where}, bullet {number}", path=(title,), achievements=text)
            )
    return source


PACKAGE = re.compile(r"^(?P<level>\S.*?) (?P<number>\S+): (?P<title>\S.*)$", re.S)


def read_project_plan(name: str, document: Any, source: Source) -> Source:
    """Each work package (its lead officer, milestones and description), stage and action
    of a project plan. The packages are the last second-level headings, each "Work package
    1: title" in the programme's own name for the level; the plan's sections come first."""
    parts = _parts(_paragraphs(document), "Heading 2")
    packages: list[tuple[Part, re.Match[str]]] = []
    for part in reversed(parts):
        found = PACKAGE.match(part.heading)
        if found is None or (packages and found["level"] != packages[0][1]["level"]):
            break
        packages.insert(0, (part, found))
    if not packages:
        raise SourceError(
            f"{name} is a project plan of Programme Tracker with no work packages: no heading "
            "reads “Work package 1: …”."
        )
    level = packages[0][1]["level"]
    source.levels = [level, "Stage", "Action"]
    for part, found in packages:
        _package(source, part, found["number"], found["title"].strip())
    for part in parts:
        if part.heading == "Key outcomes":
            bullets = [text for style, text in part.blocks if style == "List Bullet"]
            for number, text in enumerate(bullets, start=1):
                source.plan_lines.append(outcome_line(f"{part.where}, bullet {number}", text))
    for number, table in enumerate(document.tables, start=1):
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        if rows and rows[0] == ["Date", "Milestone"]:
            for row_number, (due, text) in enumerate(rows[1:], start=2):
                if text:
                    where = f"table {number}, row {row_number}"
                    source.plan_lines.append(
                        SourcePlanLine(where, "key milestone", text, due or None)
                    )
    return source


TARGET = re.compile(r"^(?P<text>.*\S) \(target: (?P<target>[^()]+)\)$", re.S)


def outcome_line(where: str, words: str) -> SourcePlanLine:
    """A key outcome as the plan prints it: "Reduce sickness (target: 5 days)"."""
    found = TARGET.match(words)
    if found is None:
        return SourcePlanLine(where, "outcome", words)
    return SourcePlanLine(where, "outcome", found["text"], found["target"].strip())


def _package(source: Source, part: Part, number: str, title: str) -> None:
    """The package's rows into ``source``: its own, then its stages' and actions'."""
    responsible: str | None = None
    milestones: list[str] = []
    description: list[str] = []
    stages: list[tuple[str, list[str]]] = []
    depends: tuple[str, ...] = ()
    in_stage = False  # bullets are the current stage's actions until other text comes
    for style, text in part.blocks:
        if style == "Heading 3":
            stages.append((text, []))
            in_stage = True
        elif not stages and responsible is None and text.startswith(LEAD):
            responsible = text[len(LEAD) :].strip() or None
        elif not stages and text.startswith(DEPENDS):
            depends = split_titles(text[len(DEPENDS) :])
        elif style != "List Bullet" and text.startswith(MILESTONE):
            milestones.append(text[len(MILESTONE) :].strip())
            in_stage = False
        elif style == "List Bullet" and in_stage:
            stages[-1][1].append(text)
        elif style == "List Bullet" and description:
            description[-1] += f"\n• {text}"  # a paragraph's list, as the layout splits it
        else:
            description.append(f"• {text}" if style == "List Bullet" else text)
            in_stage = False
    source.rows.append(
        SourceRow(
            where=part.where,
            path=(title,),
            numbers=(number,),
            responsible=responsible,
            milestones=tuple(milestones),
            description="\n\n".join(description) or None,
            depends_on=depends,
        )
    )
    for stage, actions in stages:
        if not actions:
            source.rows.append(SourceRow(where=f"{part.where}, “{stage}”", path=(title, stage)))
        for index, action in enumerate(actions, start=1):
            source.rows.append(
                SourceRow(
                    where=f"{part.where}, “{stage}” bullet {index}",
                    path=(title, stage, action),
                    numbers=(number, None, None),
                )
            )


def read_our_headings(name: str, layout: str, document: Any, source: Source) -> Source | None:
    """The items of our own report written in ``layout``, when its items are in headings;
    ``None`` when the layout puts them in tables (the table reader reads those)."""
    if layout == PROGRAMME_UPDATE:
        return read_programme_update(name, document, source)
    if layout == PROJECT_PLAN:
        return read_project_plan(name, document, source)
    if layout in NOT_ITEMS:
        raise SourceError(
            f"{name} is Programme Tracker's “{layout}” report, and {NOT_ITEMS[layout]}: it "
            "cannot be imported. Import the programme's own file or its programme JSON instead."
        )
    return None
