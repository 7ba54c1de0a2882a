"""What a reader finds in a file, before anything is matched or written.

Readers differ (a Word report's merged cells, a tracker's columns); what they find is the
same: actions in a hierarchy, each with responsibility, milestones, narrative and a status
as printed. Keeping the readers to this one shape lets one matcher and one review serve them
all, and lets tests of a reader assert what it read without a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.errors import TrackerError

# "1.2 Improve media relations", "3. Housing", "1.2) Cut damp": a number a title starts with.
NUMBERED = re.compile(r"^(?P<number>\d+(?:\.\d+)*)[.)]?\s+(?P<title>\S.*)$", re.S)


def split_titles(text: str | None) -> tuple[str, ...]:
    """The titles of a "Depends on" cell or line, joined with "; " as our reports join them."""
    return tuple(t.strip() for t in (text or "").split("; ") if t.strip())


def split_number(text: str) -> tuple[str | None, str]:
    """(number, title) of a title as printed, so "1.2 Improve…" matches the item numbered
    1.2 and titled "Improve…"; (None, text) when it starts with no number."""
    found = NUMBERED.match(text.strip())
    if found is None:
        return None, text.strip()
    return found["number"], found["title"].strip()


class SourceError(TrackerError):
    """A file that cannot be read as a programme; the message names the file and, where it
    applies, the sheet or table and the row. Nothing has been written."""


@dataclass(frozen=True)
class SourceRow:
    """One item as the file presents it: an action, with the titles above it."""

    where: str  # "table 4, row 7" or "sheet Tracker, row 12": for messages and the review
    path: tuple[str, ...]  # titles from the top-level item down to this one (this one last)
    numbers: tuple[str | None, ...] = ()  # each level's number as printed ("1.2"), if any
    responsible: str | None = None
    milestones: tuple[str, ...] = ()  # each milestone's words, its due words first ("Sep 09 …")
    achievements: str | None = None  # paragraphs separated by a blank line
    status: str | None = None  # the judgement as printed: a glyph or words ("●", "Green")
    rating: str | None = None  # a second level's rating, where the file has its own column
    item_id: int | None = None  # the id column of one of our own exports
    description: str | None = None  # words below the title in its cell (Salford's activities)
    # The narrative's entries when the source gives an item several rows (a programme
    # update's bullets, one a row): ``achievements`` is them joined by blank lines.
    entries: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()  # titles of the items it depends on (a plan's packages)

    def number(self, depth: int) -> str | None:
        return self.numbers[depth] if depth < len(self.numbers) else None


@dataclass(frozen=True)
class SourceMeasure:
    """One indicator of a sheet of measures, with the period's values."""

    where: str
    title: str
    code: str | None = None
    responsible: str | None = None
    unit: str | None = None
    target: str | None = None
    actual: str | None = None
    status: str | None = None  # as printed: "G", "Green", "On target", a glyph
    comment: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class SourcePlanLine:
    """A line of the plan itself rather than of an item: a key milestone (its due words and
    text) or a key outcome (its text and target), as a project plan prints them."""

    where: str
    kind: str  # "key milestone" or "outcome"
    text: str
    extra: str | None = None  # a milestone's due words; an outcome's target


@dataclass
class Source:
    name: str  # the file's name, as the change log and the review show it
    levels: list[str] = field(default_factory=list)  # level names found in headers, top first
    rows: list[SourceRow] = field(default_factory=list)
    measures: list[SourceMeasure] = field(default_factory=list)
    plan_lines: list[SourcePlanLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was skipped or inferred, in words
