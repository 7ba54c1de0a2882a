"""What a row of a Word table of actions says, in the programme's terms: a title and the
number printed before it, a judgement as printed, milestones one per line.

Pure rules on text, kept apart from the table walking so that each can be tested alone and
read as a list of the conventions the reports follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.imports.word_text import CellText

NAMED_NUMBER = re.compile(
    r"((?:[A-Z][\w’'-]*\s+){0,3}?(?:Objective|Theme|Workstream|Project|Activity|Action|Task|"
    r"Strand|Outcome|Priority)\s+[A-Z]?\d{1,3}(?:\.\d{1,3})*)[.:)]?\s+(?=\S)"
)
NUMBER = re.compile(
    r"(\d{1,3}(?:\.\d{1,3})*\.?|\d{1,3}\)|\(\d{1,3}\)|\(?[a-z]\)|[A-Z]{1,3}\d{1,3}\.\d{1,3}\.?)"
    r"\s+(?=\S)"
)
BULLETS = ("•", "·", "-", "–", "▪", "◦", "o ")
MARK_LIMIT = 2  # a judgement "as printed" is its glyph when it starts with one this short


def sentence(where: str) -> str:
    """ "table 4, row 7" at the start of a note."""
    return where[:1].upper() + where[1:]


def split_number(text: str) -> tuple[str | None, str]:
    """ "1.2 Improve…" → ("1.2", "Improve…"); "Organisational Effectiveness Objective 1
    Develop…" → (that number, "Develop…"). A bare integer counts only when short and followed
    by a capital, so "2 training days…" keeps its figure."""
    found = NAMED_NUMBER.match(text) or NUMBER.match(text)
    if not found:
        return None, text
    number = found.group(1)
    title = text[found.end() :].lstrip("–—-: ")
    if number.isdigit() and (len(number) > 2 or not title[:1].isupper()):
        return None, text
    return (number, title) if title else (None, text)


def status_of(text: str) -> str | None:
    """A judgement as printed: "●" for "●", "● On track" or "●\\nOn track"; words as they
    are ("Green", "On target")."""
    said = " ".join(text.split())
    if not said:
        return None
    first = said.split(" ")[0]
    if len(first) <= MARK_LIMIT and not first[0].isalnum():
        return first
    return said


def milestone_lines(text: str) -> list[str]:
    """One milestone per line; a bulleted line belongs to the milestone above it ("Roll out
    of products complete including:" and its list)."""
    lines: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if lines and line.lstrip().startswith(BULLETS):
            lines[-1] += "\n" + line
        else:
            lines.append(line.strip())
    return lines


@dataclass
class Title:
    number: str | None
    title: str
    description: str | None = None


def title_of(cell: CellText) -> Title:
    """A level's title, and the words below it when the cell has a short bold or capitalised
    first paragraph above more (Salford's "THINK CUSTOMER" over its description)."""
    paragraphs = cell.paragraphs
    if len(paragraphs) == 1 and "\n\n" in paragraphs[0]:
        # One paragraph broken by blank lines, as our own reports write a title over its
        # description: the same as two paragraphs.
        paragraphs = [p for p in paragraphs[0].split("\n\n") if p.strip()]
    first = paragraphs[0] if paragraphs else ""
    heading = cell.first_bold or (first.isupper() and any(c.isalpha() for c in first))
    if len(paragraphs) > 1 and len(first) <= 150 and heading:
        number, title = split_number(first)
        return Title(number, title, CellText(paragraphs[1:]).text)
    number, title = split_number(cell.text)
    return Title(number, title)


@dataclass
class Values:
    """A row's cells other than its titles, as its source row holds them."""

    number: str | None = None
    responsible: str | None = None
    milestones: tuple[str, ...] = ()
    achievements: str | None = None
    status: str | None = None
    rating: str | None = None
    depends_on: tuple[str, ...] = ()

    def any(self) -> bool:
        return bool(self.responsible or self.milestones or self.achievements or self.status)


def continued(text: str | None, more: str | None) -> str | None:
    """Text carried on from the row above: a sentence cut off at the page break goes on in
    the same paragraph; after a full stop, a new paragraph."""
    if not text or not more:
        return text or more
    cut = text.rstrip()[-1:] not in '.!?:;)"”’'
    return f"{text} {more}" if cut else f"{text}\n\n{more}"
