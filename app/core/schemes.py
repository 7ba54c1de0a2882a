"""The symbol schemes a programme's own are copied from (templates).

Each symbol carries its meaning in words as well as a glyph and a colour, so that nothing a
committee reads depends on colour alone. Glyphs within a scheme differ for the same reason.

Each symbol is counted in one of its scheme's *summary columns* (Tables 1–2: "% On-track"),
which the programme names and orders itself; a column plays one of the four roles of
:class:`Category` (done, on track, an exception, not known), which the reports rely on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.core.enums import SEED_002_CATEGORY_TITLES, Category
from app.core.errors import ValidationError
from app.core.validation import check_colour, required_text


@dataclass(frozen=True)
class SymbolSpec:
    glyph: str
    name: str
    meaning: str
    colour: str
    category: Category
    shortcut: str
    # The summary column it is counted in; "" for the usual title of its category.
    column: str = field(default="", kw_only=True)
    # Whether that column is a state whose symbols are ratings (a two-level scheme).
    rated: bool = field(default=False, kw_only=True)

    @property
    def column_name(self) -> str:
        return self.column or COLUMN_TITLES[self.category]

    @property
    def label(self) -> str:
        """What the symbol is called wherever it is read without its column: a rating is
        named with its state ("In progress: Amber"), so the words say both levels."""
        return f"{self.column_name}: {self.name}" if self.rated else self.name


# A column's name by default: the headings of seed 002's Tables 1–2, as the document spells
# them, which every quarterly report printed before columns could be named.
COLUMN_TITLES = SEED_002_CATEGORY_TITLES


SYMBOL_FIELDS = ("glyph", "name", "meaning", "colour", "category", "shortcut")
# What the user edits of a symbol, in the order the settings dialog shows it: its summary
# column in place of the category (the column's role).
EDITABLE_SYMBOL_FIELDS = ("glyph", "name", "meaning", "colour", "column", "shortcut")


def check_symbol_value(field: str, value: Any) -> str:
    """A symbol's field as typed, checked as the settings dialog and a programme JSON file
    alike must have it."""
    if field == "glyph":
        glyph = required_text(value, "The symbol", limit=8)
        if any(ch.isspace() for ch in glyph):
            raise ValidationError("The symbol cannot contain spaces.")
        return glyph
    if field == "name":
        return required_text(value, "The name", limit=100)
    if field == "meaning":
        return required_text(value, "The meaning", limit=500)
    if field == "colour":
        return check_colour(str(value or ""))
    if field == "shortcut":
        key = required_text(value, "The shortcut", limit=1).lower()
        if not key.isprintable() or key.isspace():
            raise ValidationError("The shortcut must be one letter, digit or sign.")
        return key
    raise ValueError(field)


def symbol_values(symbol: SymbolSpec) -> tuple[str, ...]:
    """A symbol's fields as stored and shown, in ``SYMBOL_FIELDS`` order."""
    return tuple(
        value.value if isinstance(value, Category) else str(value)
        for value in (getattr(symbol, name) for name in SYMBOL_FIELDS)
    )


@dataclass(frozen=True)
class SchemeSpec:
    name: str
    purpose: str  # "progress" or "kpi"
    description: str
    symbols: tuple[SymbolSpec, ...]
    # The role of each column whose symbols' roles differ (a rated state's): by default a
    # column plays the role of its first symbol.
    column_roles: tuple[tuple[str, Category], ...] = field(default=(), kw_only=True)

    @property
    def columns(self) -> list[tuple[str, Category, bool]]:
        """(name, role, rated) of each summary column, in the order its first symbol comes."""
        roles = dict(self.column_roles)
        found: dict[str, tuple[str, Category, bool]] = {}
        for symbol in self.symbols:
            name = symbol.column_name
            found.setdefault(name, (name, roles.get(name, symbol.category), symbol.rated))
        return list(found.values())


BLUE, GREEN, AMBER, RED, GREY = "#1F5FAD", "#2E7D32", "#C77700", "#C62828", "#616161"
AMBER_GREEN, AMBER_RED = "#7A8F1C", "#D2521B"

JUDGEMENT_OF_PROGRESS = SchemeSpec(
    name="Judgement of progress",
    purpose="progress",
    description="Wigan Council's key to the judgement of progress (Performance Plan 2009-12).",
    symbols=(
        SymbolSpec(
            "*",
            "Completed",
            "Completed (workstream/project, or action complete)",
            BLUE,
            Category.COMPLETED,
            "c",
        ),
        SymbolSpec(
            "●", "On track", "On Track (work on track and achieving)", GREEN, Category.ON_TRACK, "o"
        ),
        SymbolSpec(
            "▲",
            "Behind schedule",
            "Poor (behind schedule or not achieving)",
            RED,
            Category.BEHIND,
            "b",
        ),
        SymbolSpec("?", "Unknown", "Unknown", GREY, Category.UNKNOWN, "u"),
    ),
)

PERFORMANCE_AGAINST_TARGET = SchemeSpec(
    name="Performance against target",
    purpose="kpi",
    description="Wigan Council's four-level key to performance against targets.",
    symbols=(
        SymbolSpec("●", "On track", "On track and/or delivered", GREEN, Category.ON_TRACK, "g"),
        SymbolSpec(
            "◆",
            "Off target, improvement plan",
            "Off target, but an improvement plan is in place",
            AMBER,
            Category.BEHIND,
            "a",
        ),
        SymbolSpec(
            "▲",
            "Off target",
            "Off target, with no improvement planned, or an improvement "
            "plan is in place, but the target is unlikely to be achieved",
            RED,
            Category.BEHIND,
            "r",
        ),
        SymbolSpec("○", "Data not available", "Data not available", GREY, Category.UNKNOWN, "n"),
    ),
)

RAG = SchemeSpec(
    name="RAG",
    purpose="progress",
    description="Red, amber, green, with blue for complete (BRAG).",
    symbols=(
        SymbolSpec("B", "Complete", "Blue: complete", BLUE, Category.COMPLETED, "c"),
        SymbolSpec("G", "On track", "Green: on track", GREEN, Category.ON_TRACK, "g"),
        SymbolSpec(
            "A",
            "At risk",
            "Amber: some slippage or risk, being managed",
            AMBER,
            Category.BEHIND,
            "a",
        ),
        SymbolSpec(
            "R",
            "Off track",
            "Red: significantly behind or at serious risk",
            RED,
            Category.BEHIND,
            "r",
        ),
    ),
)

DELIVERY_CONFIDENCE = SchemeSpec(
    name="Delivery confidence",
    purpose="progress",
    description="The five-level delivery confidence assessment used for major projects, "
    "with a summary column for each level.",
    symbols=(
        SymbolSpec(
            "G",
            "Green",
            "Successful delivery appears highly likely and there are no major outstanding issues",
            GREEN,
            Category.ON_TRACK,
            "1",
            column="Green",
        ),
        SymbolSpec(
            "A/G",
            "Amber/Green",
            "Successful delivery appears probable; constant attention "
            "will be needed to stop minor issues becoming major ones",
            AMBER_GREEN,
            Category.ON_TRACK,
            "2",
            column="Amber/Green",
        ),
        SymbolSpec(
            "A",
            "Amber",
            "Successful delivery appears feasible but significant issues "
            "already exist, needing management attention",
            AMBER,
            Category.BEHIND,
            "3",
            column="Amber",
        ),
        SymbolSpec(
            "A/R",
            "Amber/Red",
            "Successful delivery is in doubt, with major risks or "
            "issues apparent in a number of key areas",
            AMBER_RED,
            Category.BEHIND,
            "4",
            column="Amber/Red",
        ),
        SymbolSpec(
            "R",
            "Red",
            "Successful delivery appears to be unachievable without urgent action",
            RED,
            Category.BEHIND,
            "5",
            column="Red",
        ),
    ),
)

RAG_FOR_MEASURES = SchemeSpec(
    name="RAG for measures",
    purpose="kpi",
    description="Red, amber, green for indicators against their targets.",
    symbols=(
        SymbolSpec(
            "G", "On target", "Green: on or better than target", GREEN, Category.ON_TRACK, "g"
        ),
        SymbolSpec(
            "A",
            "Within tolerance",
            "Amber: off target, but within the tolerance set",
            AMBER,
            Category.BEHIND,
            "a",
        ),
        SymbolSpec(
            "R",
            "Off target",
            "Red: off target, beyond the tolerance set",
            RED,
            Category.BEHIND,
            "r",
        ),
        SymbolSpec("○", "No data", "No data for the period", GREY, Category.UNKNOWN, "n"),
    ),
)

PLAIN_RAG = SchemeSpec(
    name="Red, amber, green",
    purpose="progress",
    description="Red, amber, green only: for councils that judge every action by its risk, "
    "complete or not.",
    symbols=(
        SymbolSpec(
            "G",
            "Green",
            "On track, with no concerns",
            GREEN,
            Category.ON_TRACK,
            "g",
            column="Green",
        ),
        SymbolSpec(
            "A",
            "Amber",
            "Some slippage or risk, being managed",
            AMBER,
            Category.BEHIND,
            "a",
            column="Amber",
        ),
        SymbolSpec(
            "R",
            "Red",
            "Significantly behind, or at serious risk",
            RED,
            Category.BEHIND,
            "r",
            column="Red",
        ),
    ),
)

IN_PROGRESS = "In progress"

STATUS_AND_RAG = SchemeSpec(
    name="Status with RAG",
    purpose="progress",
    description="A two-level status: each action is complete, in progress or not started, "
    "and an action in progress is also rated green, amber or red.",
    symbols=(
        SymbolSpec(
            "✓",
            "Complete",
            "The action is finished",
            BLUE,
            Category.COMPLETED,
            "c",
            column="Complete",
        ),
        SymbolSpec(
            "G",
            "Green",
            "On track, with no concerns",
            GREEN,
            Category.ON_TRACK,
            "g",
            column=IN_PROGRESS,
            rated=True,
        ),
        SymbolSpec(
            "A",
            "Amber",
            "Some slippage or risk, being managed",
            AMBER,
            Category.BEHIND,
            "a",
            column=IN_PROGRESS,
            rated=True,
        ),
        SymbolSpec(
            "R",
            "Red",
            "Significantly behind, or at serious risk",
            RED,
            Category.BEHIND,
            "r",
            column=IN_PROGRESS,
            rated=True,
        ),
        SymbolSpec(
            "–",
            "Not started",
            "Work on the action has not begun",
            GREY,
            Category.UNKNOWN,
            "n",
            column="Not started",
        ),
    ),
    column_roles=((IN_PROGRESS, Category.ON_TRACK),),
)

SHIPPED_SCHEMES: tuple[SchemeSpec, ...] = (
    JUDGEMENT_OF_PROGRESS,
    PERFORMANCE_AGAINST_TARGET,
    RAG,
    PLAIN_RAG,
    STATUS_AND_RAG,
    RAG_FOR_MEASURES,
    DELIVERY_CONFIDENCE,
)
DEFAULT_PROGRESS_SCHEME = JUDGEMENT_OF_PROGRESS.name
DEFAULT_KPI_SCHEME = PERFORMANCE_AGAINST_TARGET.name
