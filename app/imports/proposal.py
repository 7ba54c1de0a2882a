"""What an import would change in a programme, worked out before anything is written.

A source's rows are matched to the programme's items: by id when the file is one of our own
exports, else by the path of titles from the top (case and spacing aside), then, among the
children of the matched parent, by a close title (shown as such). Each row then proposes a
new item, changed fields, or nothing; a row that fits two items is *ambiguous* and the user
must say which. An import never deletes, so importing the same file twice proposes nothing.

A status as printed ("Green", "On track", "●") is read as a symbol of the programme's
scheme: its glyph, its name, its state and rating for a two-level scheme, or a common word
for a role the scheme has one symbol for. A status it cannot place is *unknown*: the user
says which symbol it means, and the answer is kept with the programme's mapping.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from app.core.enums import Category
from app.imports.plan_lines import new_plan_lines
from app.imports.source import Source, SourceRow
from app.read.imports import ItemState, measure_states, normal, programme_state
from app.read.queries import SymbolRow, symbols
from app.store.database import Database

CLOSE = 0.88  # difflib's ratio for a title to count as the same with a typo or two

# Common words for a role, used when the scheme has exactly one symbol in that role.
ROLE_WORDS: dict[Category, tuple[str, ...]] = {
    Category.COMPLETED: ("complete", "completed", "done", "finished", "closed", "blue", "b"),
    Category.ON_TRACK: ("on track", "on-track", "ontrack", "green", "g", "on target"),
    Category.BEHIND: ("behind", "behind schedule", "off track", "poor", "red", "r", "late"),
    Category.UNKNOWN: ("unknown", "not known", "n/a", "tbc", "not started"),
}


@dataclass(frozen=True)
class FieldChange:
    """One value the import would set on an item (existing or new)."""

    where: str  # the source row
    key: tuple[str, ...]  # the item's normalised title path: how new items are referred to
    item_id: int | None  # None for an item the import creates
    label: str  # "1.2 Improve media relations", for the review
    # "item" (a new item), "responsible", "milestone", "achievements", "judgement",
    # "dependency" (theirs: the title of the item depended on)
    field: str
    current: str | None
    theirs: str | None
    fuzzy: bool = False  # matched by a close title, not the same one
    number: str | None = None  # a new item's number as printed
    parts: tuple[str, ...] = ()  # a narrative's entries, each written as one of its own

    # As the review window (the one a returned update pack is merged through) reads a change.
    conflict = False

    @property
    def item(self) -> str:
        return self.label

    @property
    def what(self) -> str:
        what = WHAT[self.field]
        return f"{what} (close title)" if self.fuzzy else what

    @property
    def base(self) -> str | None:
        return self.current


WHAT = {
    "indicator": "New indicator",
    "target": "Target",
    "actual": "Actual",
    "status": "Status",
    "comment": "Comment",
    "item": "New item",
    "description": "Description",
    "responsible": "Responsibility",
    "milestone": "New milestone",
    "achievements": "Achievements",
    "judgement": "Judgement",
    "dependency": "Depends on",
    "key milestone": "New key milestone",
    "outcome": "New key outcome",
}


# The fields that make a new row of the programme: an item, an indicator, a plan's line.
NEW_ROWS = ("item", "indicator", "key milestone", "outcome")


@dataclass
class Proposal:
    source: str  # the file's name
    programme_id: int
    period_id: int
    changes: list[FieldChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # rows that change nothing
    # Rows that fit more than one item: (row, [(item id, label)]); the user says which.
    ambiguous: list[tuple[str, list[tuple[int, str]]]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # rows the user chose to leave out
    unknown: dict[str, list[str]] = field(default_factory=dict)  # status text → rows
    notes: list[str] = field(default_factory=list)
    # Each source path matched to an existing item (its id): where new items below it go.
    matched: dict[tuple[str, ...], int] = field(default_factory=dict)

    @property
    def new_items(self) -> list[FieldChange]:
        return [c for c in self.changes if c.field in NEW_ROWS]

    def counts(self) -> dict[str, int]:
        """Rows per outcome, as the command line's table prints them."""
        created = {c.where for c in self.new_items}
        updated = {c.where for c in self.changes} - created
        return {
            "created": len(created),
            "updated": len(updated),
            "unchanged": len(self.unchanged),
            "ambiguous": len(self.ambiguous),
        }


def read_status(
    status: str | None, rating: str | None, scheme: list[SymbolRow], answers: dict[str, str]
) -> tuple[str | None, str | None]:
    """(glyph, None) for a status placed in the scheme; (None, text) for one it cannot place;
    (None, None) when the row has no status at all."""
    texts = [t.strip() for t in (rating, status) if t and t.strip()]
    if not texts:
        return None, None
    whole = " / ".join(t for t in (status, rating) if t and t.strip())
    if whole in answers:
        return answers[whole], None
    for text in texts:
        if text in answers:
            return answers[text], None
    # Two levels: the state is a column of the scheme, the rating one of its symbols.
    if status and rating:
        state = [s for s in scheme if normal(s.column_name) == normal(status)]
        found = [s for s in state if _names(s, rating)]
        if len(found) == 1:
            return found[0].glyph, None
    for text in texts:
        found = [s for s in scheme if _names(s, text)]
        if len(found) == 1:
            return found[0].glyph, None
        # A state that is a column of one symbol ("Not started"), named by the column.
        state = [s for s in scheme if normal(s.column_name) == normal(text)]
        if len(state) == 1:
            return state[0].glyph, None
    for text in texts:
        for role, words in ROLE_WORDS.items():
            if normal(text) in words:
                of_role = [s for s in scheme if s.category == role]
                if len(of_role) == 1:
                    return of_role[0].glyph, None
    return None, whole


def _names(symbol: SymbolRow, text: str) -> bool:
    """Whether ``text`` names the symbol: its glyph, its name, or both as our own reports
    print them ("● On track")."""
    names = (normal(symbol.name), normal(symbol.label))
    glyph, _, rest = text.strip().partition(" ")
    return (
        text.strip() == symbol.glyph
        or normal(text) in names
        or (glyph == symbol.glyph and normal(rest) in names)
    )


def _one_row_per_item(rows: list[SourceRow]) -> list[SourceRow]:
    """A source that gives one item several rows (a programme update's dated entries, one a
    row) gives it all their narratives, in order, as the reports print several updates."""
    merged: dict[tuple[str, ...], SourceRow] = {}
    for row in rows:
        key = tuple(normal(t) for t in row.path)
        first = merged.get(key)
        if first is None:
            merged[key] = row
            continue
        texts = [t for t in (first.achievements, row.achievements) if t]
        entries = (first.entries or tuple(texts[:1])) + tuple(texts[1:])
        merged[key] = replace(
            first,
            achievements="\n\n".join(texts) or None,
            entries=entries if len(entries) > 1 else (),
            milestones=first.milestones
            + tuple(m for m in row.milestones if m not in first.milestones),
            status=first.status or row.status,
            rating=first.rating or row.rating,
            responsible=first.responsible or row.responsible,
            depends_on=first.depends_on
            + tuple(d for d in row.depends_on if d not in first.depends_on),
        )
    return list(merged.values())


def _same_item(item: ItemState, key: tuple[str, ...]) -> bool:
    """Whether the item an id names is the row's: an id is trusted when the title or the
    place in the tree still agrees (one renamed or moved here since the export), never when
    both differ, as an id from another file's export would."""
    return item.key[-1] == key[-1] or item.key[:-1] == key[:-1]


def propose_in(
    db: Database,
    programme_id: int,
    period_id: int,
    source: Source,
    answers: dict[str, str] | None = None,
    choices: dict[str, int] | None = None,
) -> Proposal:
    """:func:`propose` in a session of its own, for the window."""
    with db.reader() as session:
        return propose(session, programme_id, period_id, source, answers, choices)


def propose(
    session: Session,
    programme_id: int,
    period_id: int,
    source: Source,
    answers: dict[str, str] | None = None,
    choices: dict[str, int] | None = None,
) -> Proposal:
    """What importing ``source`` into the programme for the period would change.
    ``answers``: what status words mean (a glyph each); ``choices``: for a row that fits
    more than one item, the item it is (its id), or 0 to leave the row out."""
    answers = answers or {}
    choices = choices or {}
    state = programme_state(session, programme_id, period_id)
    scheme = symbols(session, programme_id)
    proposal = Proposal(source.name, programme_id, period_id, notes=list(source.notes))
    by_path: dict[tuple[str, ...], list[ItemState]] = {}
    children: dict[tuple[str, ...], list[ItemState]] = {}
    for existing in state.items.values():
        by_path.setdefault(existing.key, []).append(existing)
        children.setdefault(existing.key[:-1], []).append(existing)
    created: set[tuple[str, ...]] = set()
    # A source path's normalised key → the item it was matched to (fuzzy ones included), so
    # the rows below a fuzzily matched workstream find their own items under it.
    matched: dict[tuple[str, ...], ItemState | None] = {}

    Found = tuple[ItemState | None, bool, list[tuple[int, str]]]
    ambiguous_at: dict[str, tuple[str, ...]] = {}  # row → the path that fits several items

    def find(path: tuple[str, ...], row: SourceRow) -> Found:
        """The item at ``path`` (None: new), whether by a close title, and the items it
        could be when it fits more than one (then the row is ambiguous)."""
        key = tuple(normal(t) for t in path)
        if key in matched:
            return matched[key], False, []
        if len(key) > 1:
            parent, fuzzy_parent, parents = find(path[:-1], row)
            if parents:  # the row below an ambiguous item is ambiguous with it
                return None, False, parents
            parent_key = parent.key if parent is not None else None
        else:
            parent, fuzzy_parent, parent_key = None, False, ()
        if parent_key is None:  # the parent is new: so is this
            matched[key] = None
            return None, False, []
        exact = list(by_path.get(parent_key + key[-1:], []))
        depth = len(key) - 1
        if len(exact) > 1 and row.number(depth):  # by number, then by who is responsible
            exact = [i for i in exact if i.number == row.number(depth)] or exact
        if len(exact) > 1 and row.responsible and depth == len(row.path) - 1:
            same = [i for i in exact if normal(i.responsible or "") == normal(row.responsible)]
            exact = same or exact
        if len(exact) == 1:
            matched[key] = exact[0]
            return exact[0], fuzzy_parent, []
        if len(exact) > 1:
            ambiguous_at[row.where] = key
            return None, False, [(i.id, i.label) for i in exact]
        close = [
            i
            for i in children.get(parent_key, [])
            if difflib.SequenceMatcher(None, i.key[-1], key[-1]).ratio() >= CLOSE
        ]
        if len(close) == 1:
            matched[key] = close[0]
            return close[0], True, []
        if len(close) > 1:
            ambiguous_at[row.where] = key
            return None, False, [(i.id, i.label) for i in close]
        matched[key] = None
        return None, False, []

    for row in _one_row_per_item(source.rows):
        key = tuple(normal(t) for t in row.path)
        glyph, unknown = read_status(row.status, row.rating, scheme, answers)
        if unknown is not None:
            proposal.unknown.setdefault(unknown, []).append(row.where)
        item: ItemState | None = None
        fuzzy = False
        by_id = state.items.get(row.item_id) if row.item_id is not None else None
        if by_id is not None and _same_item(by_id, key):
            item = matched[key] = by_id
        else:
            item, fuzzy, candidates = find(row.path, row)
            chosen = choices.get(row.where)
            if candidates and chosen == 0:
                proposal.left_out.append(row.where)
                continue
            if candidates and chosen in {i for i, _label in candidates}:
                # The user said which item the ambiguous title is: find the row again.
                matched[ambiguous_at[row.where]] = state.items[chosen]
                item, fuzzy, candidates = find(row.path, row)
            if candidates:
                proposal.ambiguous.append((row.where, candidates))
                continue
        before = len(proposal.changes)
        if item is None:
            # New: each missing level above it too, once.
            for depth in range(1, len(key) + 1):
                part = key[:depth]
                if part in created or (depth < len(key) and matched.get(part) is not None):
                    continue
                created.add(part)
                title = row.path[depth - 1]
                proposal.changes.append(
                    FieldChange(
                        row.where,
                        part,
                        None,
                        title,
                        "item",
                        None,
                        title,
                        number=row.number(depth - 1),
                    )
                )
            _fields(proposal, row, key, None, row.path[-1], glyph, False)
        else:
            _fields(proposal, row, key, item, item.label, glyph, fuzzy)
        if len(proposal.changes) == before:
            proposal.unchanged.append(row.where)
    proposal.matched = {key: item.id for key, item in matched.items() if item is not None}
    if source.measures:
        _measures(session, proposal, source, answers)
    if source.plan_lines:  # a project plan's key milestones and outcomes
        new, known_at = new_plan_lines(session, programme_id, source)
        proposal.unchanged.extend(known_at)
        for line in new:
            proposal.changes.append(
                FieldChange(
                    line.where,
                    line.key,
                    None,
                    line.label,
                    line.field,
                    None,
                    line.shown,
                    parts=line.parts,
                )
            )
    return proposal


MEASURE = "#measure"  # the first part of a measure's key: measures and items never collide


def _measures(
    session: Session, proposal: Proposal, source: Source, answers: dict[str, str]
) -> None:
    """Each measure matched to an indicator by its code, else by its title; its target for
    the period's year, its actual, its status and its comment as changes."""
    existing = measure_states(session, proposal.programme_id, proposal.period_id)
    by_code = {normal(m.code): m for m in existing if m.code}
    by_title = {normal(m.title): m for m in existing}
    key_scheme = symbols(session, proposal.programme_id, "kpi")
    for measure in source.measures:
        found = (by_code.get(normal(measure.code)) if measure.code else None) or by_title.get(
            normal(measure.title)
        )
        key = (MEASURE, normal(measure.code or measure.title))
        label = f"{measure.code} {measure.title}" if measure.code else measure.title
        found_changes: list[tuple[str, str | None, str | None]] = []
        if found is None:
            found_changes.append(("indicator", None, measure.title))
        glyph = None
        if measure.status:
            glyph, unknown = read_status(measure.status, None, key_scheme, answers)
            if unknown is not None:
                proposal.unknown.setdefault(unknown, []).append(measure.where)
        for name, theirs, current in (
            ("responsible", measure.responsible, found.responsible if found else None),
            ("target", measure.target, found.target if found else None),
            ("actual", measure.actual, found.actual if found else None),
            ("status", glyph, found.status if found else None),
            ("comment", measure.comment, found.comment if found else None),
        ):
            if theirs and normal(theirs) != normal(current or ""):
                found_changes.append((name, current, theirs))
        for name, current, theirs in found_changes:
            proposal.changes.append(
                FieldChange(
                    measure.where,
                    key,
                    found.id if found else None,
                    found.label if found else label,
                    name,
                    current,
                    theirs,
                    number=measure.code if name == "indicator" else None,
                )
            )
        if not found_changes:
            proposal.unchanged.append(measure.where)


def _fields(
    proposal: Proposal,
    row: SourceRow,
    key: tuple[str, ...],
    item: ItemState | None,
    label: str,
    glyph: str | None,
    fuzzy: bool,
) -> None:
    """The row's values that differ from the item's (all of them, for a new item)."""
    item_id = item.id if item else None

    def change(name: str, current: str | None, theirs: str | None) -> None:
        parts = row.entries if name == "achievements" else ()
        proposal.changes.append(
            FieldChange(row.where, key, item_id, label, name, current, theirs, fuzzy, parts=parts)
        )

    if item is None and row.description:  # words below a title, for a new item only
        change("description", None, row.description)
    responsible = item.responsible if item else None
    achievements = item.achievements if item else None
    current_glyph = item.glyph if item else None
    if row.responsible and normal(row.responsible) != normal(responsible or ""):
        change("responsible", responsible, row.responsible)
    known = {normal(m) for m in item.milestones} if item else set()
    for milestone in row.milestones:
        if normal(milestone) not in known:
            change("milestone", None, milestone)
            known.add(normal(milestone))
    if row.achievements and normal(row.achievements) != normal(achievements or ""):
        change("achievements", achievements, row.achievements)
    if glyph is not None and glyph != current_glyph:
        change("judgement", current_glyph, glyph)
    known = set(item.depends_on) if item else set()
    for title in row.depends_on:
        if normal(title) not in known:
            change("dependency", None, title)
            known.add(normal(title))
