"""What each row of an imported file becomes, in words, for the wizard's preview.

The review window lists the changes; a council checking a 300-row tracker also wants to see
the rows that change nothing or are left out, each beside what the import made of it, so
that a row it expected to change and did not stands out before anything is written.
"""

from __future__ import annotations

from typing import NamedTuple

from app.imports.proposal import FieldChange, Proposal
from app.imports.source import Source

FIELD_WORDS = {
    "responsible": "responsibility",
    "milestone": "a milestone",
    "achievements": "achievements",
    "judgement": "judgement",
    "description": "description",
    "target": "target",
    "actual": "actual",
    "status": "status",
    "comment": "comment",
    "key milestone": "a key milestone",
    "outcome": "a key outcome",
}


class RowOutcome(NamedTuple):
    where: str  # "sheet Tracker, row 12"
    item: str  # the row's item as the file names it
    becomes: str  # "new action, with responsibility and judgement", "no change", …

    @property
    def id(self) -> str:  # the table's key: a row is its place in the file
        return self.where


def _listed(words: list[str]) -> str:
    words = list(dict.fromkeys(words))
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def row_outcomes(source: Source, proposal: Proposal) -> list[RowOutcome]:
    """One line per row and measure of ``source``, in the file's order."""
    changes: dict[str, list[FieldChange]] = {}
    for change in proposal.changes:
        changes.setdefault(change.where, []).append(change)
    ambiguous = {where for where, _candidates in proposal.ambiguous}
    unknown = {where: text for text, rows in proposal.unknown.items() for where in rows}
    unchanged, left_out = set(proposal.unchanged), set(proposal.left_out)
    places = [(row.where, " › ".join(row.path)) for row in source.rows]
    places += [(measure.where, measure.title) for measure in source.measures]
    places += [(line.where, line.text) for line in source.plan_lines]
    outcomes = []
    for where, item in places:
        if where in left_out:
            becomes = "left out, as you chose"
        elif where in ambiguous:
            becomes = "fits more than one item: say which"
        elif where in unknown:
            becomes = f"its status “{unknown[where]}” needs a symbol"
        elif where in changes:
            becomes = _changes(changes[where])
        elif where in unchanged:
            becomes = "no change"
        else:
            becomes = "nothing to import"
        outcomes.append(RowOutcome(where, item, becomes))
    return outcomes


def _changes(changes: list[FieldChange]) -> str:
    lines = [c for c in changes if c.field in ("key milestone", "outcome")]
    if lines:  # a plan's own line: one a row
        return f"new {FIELD_WORDS[lines[0].field][2:]} of the plan"
    made = [c for c in changes if c.field in ("item", "indicator")]
    fields = _listed([FIELD_WORDS.get(c.field, c.field) for c in changes if c not in made])
    if made:
        what = _listed([f"“{c.label}”" for c in made])
        return f"new: {what}" + (f", with {fields}" if fields else "")
    close = any(c.fuzzy for c in changes)
    return f"changes {fields}" + (" (matched by a close title)" if close else "")
