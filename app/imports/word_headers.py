"""What a Word table is, read from its header: a table of actions (and which column holds
what), a summary of actions, a table of indicators, or something else.

Councils name their columns in their own words ("Workstream/Project", "Service Plan
Activities / Targets 2004-05", "Lead officer", "Achievements to Date: Has the milestone been
reached?…", "Judgement of Progress"), so a column is known by the words it contains, tried in
an order that settles the overlaps: "Judgement of Progress" is a judgement before it is
progress, and "Achievements to Date: Has the milestone been reached?" is achievements before
it is milestones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from app.imports.word_grid import Grid, Row

HEADER_SEARCH = 8  # rows from the top in which a header is looked for


class Role(Enum):
    LEVEL = "level"
    NUMBER = "number"
    RESPONSIBLE = "responsible"
    MILESTONES = "milestones"
    ACHIEVEMENTS = "achievements"
    STATUS = "status"
    DEPENDS = "depends"


LEVEL_WORDS = re.compile(
    r"\b(work ?packages?|work ?streams?|objectives?|themes?|projects?|activit(?:y|ies)|"
    r"actions?|tasks?|strands?|stages?)\b"
)
LEVEL_NAMES = {
    "workpackage": "Work package",
    "workstream": "Workstream",
    "objective": "Objective",
    "theme": "Theme",
    "project": "Project",
    "activit": "Activity",
    "action": "Action",
    "task": "Task",
    "strand": "Strand",
    "stage": "Stage",
}
ROLE_WORDS = [
    (Role.DEPENDS, re.compile(r"^(depends on|dependencies|dependent on)$")),
    (Role.STATUS, re.compile(r"\b(judgements?|status|rag|ratings?|red ?/ ?amber ?/ ?green)\b")),
    (
        Role.ACHIEVEMENTS,
        re.compile(r"\b(achievements?|progress|comments?|commentary|updates?|narrative)\b"),
    ),
    (Role.RESPONSIBLE, re.compile(r"\b(responsib\w*|lead|leads|owners?|officers?)\b")),
    (Role.NUMBER, re.compile(r"^(ref\.?|ref\.? no\.?|reference|no\.?|number|#)$")),
    (Role.LEVEL, LEVEL_WORDS),
    (
        Role.MILESTONES,
        re.compile(r"\b(milestones?|target dates?|deadlines?|due|timescales?|by when|dates?)\b"),
    ),
]
ROLE_LABELS = {
    Role.LEVEL: "title",
    Role.NUMBER: "Number",
    Role.RESPONSIBLE: "Responsibility",
    Role.MILESTONES: "Milestones",
    Role.ACHIEVEMENTS: "Achievements",
    Role.STATUS: "Judgement",
    Role.DEPENDS: "Depends on",
}
DUE_WORDS = re.compile(r"\b(target dates?|deadlines?|due|timescales?|by when|dates?)\b")
PERIOD_WORDS = re.compile(
    r"^(q|qtr|quarter)\s*\d|^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{4}",
    re.IGNORECASE,
)
INDICATOR_WORDS = re.compile(r"\b(measures?|indicators?|kpis?|pis?)\b")
VALUE_WORDS = re.compile(r"\b(targets?|actuals?|outturns?|baselines?)\b")


def words(text: str) -> str:
    return " ".join(text.lower().split())


def role_of(text: str) -> Role | None:
    said = words(text)
    if not said:
        return None
    return next((role for role, pattern in ROLE_WORDS if pattern.search(said)), None)


def level_name(text: str) -> str:
    """ "Workstream/Project" for "Workstream/Project"; "Activity" for "Service Plan Activities
    / Targets 2004-05": the level's own word, so that it can be matched to a programme's."""
    names: list[str] = []
    for found in LEVEL_WORDS.finditer(words(text)):
        key = found.group(1).replace(" ", "").rstrip("s")
        name = next(v for k, v in LEVEL_NAMES.items() if key.startswith(k))
        if name not in names:
            names.append(name)
    return "/".join(names) or text.strip()


@dataclass
class Column:
    role: Role
    columns: list[int]  # grid columns: one, or a judgement's symbol or period columns
    title: str  # the header's words, for messages
    level: str | None = None  # a level column's name
    labels: list[str] = field(default_factory=list)  # the sub-headers under a judgement
    symbols: bool = False  # labels are symbols: a mark in a column means its symbol
    periods: bool = False  # labels are periods: the latest filled one is the judgement
    due: bool = False  # a milestones column holding only dates

    @property
    def label(self) -> str:
        """The column as a message names it: its level, or its role in the programme's
        words ("Achievements", not the whole of "Achievements to Date: Has the…")."""
        return self.level or ROLE_LABELS[self.role]


@dataclass
class Header:
    first: int  # index in the grid's rows of the first header row
    last: int  # index of the last header row
    columns: list[Column]
    title_rows: list[int]  # rows above the header that span the table: a top-level title
    ignored: list[str]  # header words of columns not read (Pledge, …)

    def of(self, role: Role) -> list[Column]:
        return [c for c in self.columns if c.role is role]

    def levels(self) -> list[str]:
        return [c.level or c.title for c in self.of(Role.LEVEL)]

    def signature(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        return tuple((c.role.value, tuple(c.columns)) for c in self.columns)


def symbol_like(label: str) -> bool:
    """A judgement's symbol as a column's label: "●", "*", "✓", or one letter ("G" of a RAG
    key); not a word or a code ("ID", "Q1")."""
    return 0 < len(label) <= 2 and (len(label) == 1 or not label.isalnum())


def spans_table(row: Row, width: int) -> str | None:
    """The text of a row that is one cell across (most of) the table: a heading, not data."""
    filled = [cell for cell in row.cells if cell.own and cell.text.paragraphs]
    if len(filled) != 1 or width < 2:
        return None
    cell = filled[0]
    return cell.text.text if cell.span >= 2 and cell.span * 2 > width else None


def is_detail(roles: list[Role]) -> bool:
    return Role.LEVEL in roles and any(
        r in roles for r in (Role.RESPONSIBLE, Role.MILESTONES, Role.ACHIEVEMENTS, Role.STATUS)
    )


def _row_roles(row: Row) -> list[Role]:
    return [r for cell in row.cells if cell.own for r in [role_of(cell.text.text)] if r]


def kind_of(grid: Grid) -> tuple[str, int | None]:
    """("detail", header row index), ("summary", row), ("indicators", row) or ("other", None)."""
    for index, row in enumerate(grid.rows[:HEADER_SEARCH]):
        said = [words(text) for text in row.texts()]
        # Counts first: "Number of Actions | % In progress" names a level and progress too.
        if any(s.startswith("number of") for s in said) and any(s.startswith("%") for s in said):
            return "summary", index
        if any(INDICATOR_WORDS.search(s) for s in said) and any(
            VALUE_WORDS.search(s) for s in said
        ):
            return "indicators", index
        if is_detail(_row_roles(row)):
            return "detail", index
    return "other", None


def _sub_header(row: Row, groups: list[tuple[int, int]], titles: set[int]) -> bool:
    """A row of labels under the header: under its wide cells ("*  ●  ▲  ?", "Q1  Q2") or
    symbols under a state's name ("✓" under "Complete"); empty or merged from above
    everywhere else."""
    labelled = False
    for cell in row.cells:
        if not cell.own or not cell.text.paragraphs:
            continue
        if cell.column in titles:
            return False  # a title: the first row of actions, not labels
        inside = any(start <= cell.column < start + span for start, span in groups)
        first_line = cell.text.paragraphs[0].split("\n")[0].strip()
        if len(cell.text.text) > 40 or not (inside or symbol_like(first_line)):
            return False
        labelled = True
    return labelled


def read_header(grid: Grid, index: int) -> Header:
    row = grid.rows[index]
    title_rows = [i for i in range(index) if spans_table(grid.rows[i], grid.width) is not None]
    wide = [(cell.column, cell.span) for cell in row.cells if cell.own and cell.span > 1]
    titles = {cell.column for cell in row.cells if role_of(cell.text.text) is Role.LEVEL}
    last = index
    while (
        last + 1 < len(grid.rows)
        and last - index < 2
        and _sub_header(grid.rows[last + 1], wide, titles)
    ):
        last += 1
    columns: list[Column] = []
    ignored: list[str] = []
    for cell in row.cells:
        title = cell.text.text
        span = list(range(cell.column, cell.column + cell.span))
        labels = _labels(grid.rows[last], span) if last > index else []
        role = role_of(title)
        first_line = title.split("\n")[0].strip()
        if role is None and symbol_like(first_line) and len(span) == 1 and not labels:
            labels = [first_line]  # a symbol heading its own column: "●", or "*" "Completed"
        if role is not Role.LEVEL and labels and all(symbol_like(label) for label in labels):
            # A state's name over its own symbols' columns ("In progress" over G A R,
            # "Complete" over ✓): the symbols say it is a judgement, whatever the words.
            role = Role.STATUS
        if role is None:
            if title:
                ignored.append(title)
            continue
        column = Column(role, span if role is Role.STATUS else span[:1], title)
        if role is Role.LEVEL:
            column.level = level_name(title)
        elif role is Role.MILESTONES:
            column.due = bool(DUE_WORDS.search(words(title))) and "milestone" not in words(title)
        elif role is Role.STATUS and labels:
            column.labels = labels
            column.periods = any(labels) and all(
                PERIOD_WORDS.search(label) for label in labels if label
            )
            column.symbols = not column.periods and all(labels)
        columns.append(column)
    return Header(index, last, columns, title_rows, ignored)


def _labels(row: Row, span: list[int]) -> list[str]:
    """The first line of the sub-header over each column: "*" of "*" and "Completed"."""
    labels = []
    for c in span:
        below = row.at(c)
        paragraphs = below.text.paragraphs if below is not None and below.own else []
        labels.append(paragraphs[0].split("\n")[0].strip() if paragraphs else "")
    return labels
