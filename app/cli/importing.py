"""``import``: bring a Word report, an Excel or CSV tracker, or a programme JSON file into a
programme file, showing what would change first.

Without ``--dry-run`` the proposal is applied only when every row is placed (no ambiguous
row, no status without a symbol); otherwise the command names the rows and exits 1, having
written nothing. A proposal with no change writes nothing at all, so importing the same
source twice leaves the file byte-identical.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.errors import TrackerError
from app.imports.proposal import Proposal, read_status
from app.imports.source import Source, SourceError

PROG = "programme-tracker"

IMPORT_EPILOG = f"""\
Reads the source, matches its rows to the programme's items (by id for our own exports,
else by the titles from the top, then by a close title) and prints what would change:
items created, fields updated, rows unchanged, rows ambiguous. Nothing is ever deleted.
Without --dry-run the changes are written, as one step, only when no row is ambiguous and
every status is a symbol of the programme's scheme; otherwise the rows are named, the exit
status is 1 and nothing is written. Importing the same source again changes nothing.

examples:
  {PROG} import plan.ptdb tracker.xlsx --programme "Housing" --period "Q2 2025/26" --dry-run
  {PROG} import new.ptdb q1.docx --new-programme "Housing Plan" --period "Q1 2025/26"
  {PROG} import plan.ptdb tracker.csv --programme housing --period q2 2025/26 \\
      --mapping mapping.json
"""


def add_import_command(command: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    """The ``import`` sub-command's arguments (``command`` makes a sub-command on a file)."""
    importing = command("import", "bring in a Word report, an Excel or CSV tracker", IMPORT_EPILOG)
    importing.add_argument(
        "source", type=Path, metavar="SOURCE", help="a .docx, .xlsx, .csv or programme .json file"
    )
    target = importing.add_mutually_exclusive_group(required=True)
    target.add_argument("--programme", help="update this programme (any unique part of its name)")
    target.add_argument(
        "--new-programme", metavar="NAME", help="create this programme (and FILE, if need be)"
    )
    importing.add_argument(
        "--period", help='the period the source reports, e.g. "Q1 2025/26" or "November 2004"'
    )
    importing.add_argument(
        "--scheme", metavar="TEMPLATE", help="a new programme's scheme (default: inferred)"
    )
    importing.add_argument(
        "--mapping",
        type=Path,
        metavar="MAPPING.json",
        help='{"sheet": …, "header_row": N, "columns": [field per column], "answers": {…}}',
    )
    importing.add_argument("--sheet", help="the workbook's sheet to read (default: the first)")
    importing.add_argument(
        "--dry-run", action="store_true", help="print what would change, and write nothing"
    )


QUARTER = re.compile(r"^\s*(?:q|quarter\s*)([1-4])\s+(\d{4})\s*[/-]\s*(\d{2,4})\s*$", re.I)


@dataclass
class Read:
    """A source as read, and (for a sheet) how it was read, to keep with the programme."""

    source: Source
    remember: tuple[list[str], dict[str, Any]] | None = None
    kept: bool = False  # read as the mapping kept with the programme says


def read_source(
    path: Path,
    mapping: dict[str, Any] | None,
    sheet: str | None,
    kept: Callable[[list[str]], dict[str, Any] | None] = lambda _headers: None,
) -> Read:
    """The rows of ``path``, read by the reader its suffix names. A sheet is read as
    ``mapping`` says, else as the mapping ``kept`` finds for its header row, else as its
    header's words suggest."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from app.imports.word import read_word

        return Read(read_word(path))
    if suffix in (".xlsx", ".xlsm"):
        from app.imports.workbook_report import is_report_workbook, read_report_workbook

        if is_report_workbook(path):  # one of our own Excel reports: read as its tables
            return Read(read_report_workbook(path))
    if suffix in (".xlsx", ".xlsm", ".csv"):
        from app.imports.sheets import find_header, guess_mapping, read_grid, to_source

        grid = read_grid(path, (mapping or {}).get("sheet") or sheet)
        header = (mapping or {}).get("header_row")
        header = int(header) - 1 if header else find_header(grid)
        used_kept = False
        if mapping is None:
            mapping = kept(grid.rows[header])
            used_kept = mapping is not None
        columns = list((mapping or {}).get("columns") or guess_mapping(grid.rows[header]))
        source = to_source(grid, header, columns)
        remember = (
            grid.rows[header],
            {
                "sheet": grid.sheet,
                "header_row": header + 1,
                "columns": columns,
                "answers": dict((mapping or {}).get("answers", {})),
            },
        )
        return Read(source, remember, used_kept)
    raise SourceError(
        f"{path.name} is not a file that can be imported (use a Word .docx, an Excel .xlsx, "
        "a .csv or a programme .json file)."
    )


def infer_scheme(source: Source) -> tuple[str, str]:
    """The progress template whose symbols place every status the source holds, and why."""
    from app.core.schemes import DEFAULT_PROGRESS_SCHEME, SHIPPED_SCHEMES
    from app.read.queries import SymbolRow

    statuses = {(r.status, r.rating) for r in source.rows if r.status or r.rating}
    if not statuses:
        return DEFAULT_PROGRESS_SCHEME, "no statuses in the source: the default scheme"
    for spec in SHIPPED_SCHEMES:
        if spec.purpose != "progress":
            continue
        rows = [
            SymbolRow(
                s.glyph,
                s.name,
                s.meaning,
                s.colour,
                s.category,
                s.shortcut,
                column=s.column,
                rated=s.rated,
                id=0,
            )
            for s in spec.symbols
        ]
        if all(read_status(status, rating, rows, {})[1] is None for status, rating in statuses):
            return spec.name, f"every status found is one of its symbols ({len(statuses)} kinds)"
    return DEFAULT_PROGRESS_SCHEME, "no template places every status: the default scheme"


def proposal_text(proposal: Proposal, programme: str, period: str) -> str:
    counts = proposal.counts()
    lines = [f"Import of {proposal.source} into “{programme}” for {period}"]
    for name in ("created", "updated", "unchanged", "ambiguous"):
        lines.append(f"  {name:<10}{counts[name]:>6} row{'s' if counts[name] != 1 else ''}")
    for note in proposal.notes:
        lines.append(f"  note: {note}")
    if proposal.changes:
        lines.append("")
    for change in proposal.changes:
        if change.field == "item":
            lines.append(f"  {change.where}: new item “{change.label}”")
            continue
        fuzzy = " (matched by a close title)" if change.fuzzy else ""
        current = change.current if change.current is not None else "—"
        theirs = (change.theirs or "").replace("\n", " ")
        if len(theirs) > 60:
            theirs = theirs[:59] + "…"
        current = current.replace("\n", " ")
        if len(current) > 40:
            current = current[:39] + "…"
        lines.append(
            f"  {change.where}: {change.label}{fuzzy}: {change.field} {current} → {theirs}"
        )
    for where, candidates in proposal.ambiguous:
        lines.append(
            f"  {where}: ambiguous, could be "
            + " or ".join(f"“{label}” (item {item_id})" for item_id, label in candidates)
        )
    for text, rows in proposal.unknown.items():
        lines.append(
            f"  status “{text}” is not a symbol of the programme's scheme ({', '.join(rows[:3])}"
            + (f" and {len(rows) - 3} more" if len(rows) > 3 else "")
            + '): say which in the mapping\'s "answers"'
        )
    return "\n".join(lines) + "\n"


def import_command(args: argparse.Namespace) -> int:
    from app.read.imports import saved_mapping_in
    from app.read.lookup import find_period, find_programme
    from app.store.database import Database

    mapping: dict[str, Any] | None = None
    if args.mapping is not None:
        try:
            mapping = json.loads(Path(args.mapping).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise TrackerError(f"The mapping {args.mapping} cannot be read: {error}.") from error
        if not isinstance(mapping, dict):
            raise TrackerError(f"The mapping {args.mapping} is not a JSON object.")
    source_path = Path(args.source)
    if source_path.suffix.lower() == ".json":
        return _import_json(args, source_path)
    path = args.path
    if args.new_programme:
        read = read_source(source_path, mapping, args.sheet)
        source = _actions_or_measures(read)
        if args.period is None:
            raise TrackerError("--new-programme needs --period, the period the source reports.")
        scheme, why = (args.scheme, "as asked") if args.scheme else infer_scheme(source)
        print(f"Scheme: {scheme} ({why})")
        if args.dry_run:
            print(
                f"Would create the programme “{args.new_programme}” with {len(source.rows)} rows."
            )
            return 0
        db = Database.create(path) if _is_new(path) else Database.open(path)
        try:
            programme_id, period_id = _new_programme(
                db, args.new_programme, source, scheme, args.period
            )
            return _propose_and_apply(db, programme_id, period_id, read, args)
        finally:
            db.close()
    db = Database.open(path, read_only=args.dry_run)
    try:
        with db.reader() as session:
            programme_id = find_programme(session, args.programme)
            if args.period is None:
                raise TrackerError("--period names the period the source reports.")
            period_id = find_period(session, programme_id, args.period)
        read = read_source(
            source_path,
            mapping,
            args.sheet,
            lambda headers: saved_mapping_in(db, programme_id, headers),
        )
        _actions_or_measures(read)
        if read.kept:
            print("Columns read as kept with the programme from the last import.")
        return _propose_and_apply(db, programme_id, period_id, read, args)
    finally:
        db.close()


def _actions_or_measures(read: Read) -> Source:
    if not read.source.rows and not read.source.measures:
        raise SourceError(f"{read.source.name} holds no actions or measures to import.")
    return read.source


def _propose_and_apply(db: Any, programme_id: int, period_id: int, read: Read, args: Any) -> int:
    """Print the proposal; apply it, keeping how the sheet was read, when nothing is left
    to resolve."""
    source = read.source
    answers = dict(read.remember[1]["answers"]) if read.remember else {}
    from app.imports.apply import apply_import
    from app.imports.proposal import propose
    from app.store.models import Period, Programme

    with db.reader() as session:
        proposal = propose(session, programme_id, period_id, source, answers)
        programme = session.get(Programme, programme_id).name
        period = session.get(Period, period_id).label
    print(proposal_text(proposal, programme, period), end="")
    if proposal.ambiguous or proposal.unknown:
        print("Nothing was imported: resolve the rows above first.")
        return 1
    if args.dry_run or not proposal.changes:
        return 0
    apply_import(db, proposal, proposal.changes, read.remember)
    print(f"Imported {len(proposal.changes)} changes.")
    return 0


def _new_programme(db: Any, name: str, source: Source, scheme: str, period: str) -> tuple[int, int]:
    """The programme ``source`` describes, with the period ``period`` names (a quarter brings
    its financial year's four)."""
    import datetime as dt

    from app.core.dates import derive_due
    from app.read.lookup import find_period
    from app.services import programmes

    depth = max((len(r.path) for r in source.rows), default=1)
    # Every path starts at the top: a one-level source under a two-level header (a workplan
    # of strands, its Activities column empty) names its one level by the first.
    levels = list(source.levels[:depth]) if len(source.levels) >= depth else []
    if len(levels) < depth:
        defaults = ["Objective", "Workstream", "Action", "Task"]
        levels = defaults[-depth:] if depth <= 4 else [f"Level {n + 1}" for n in range(depth)]
    quarter = QUARTER.match(period)
    programme_id = programmes.create_programme(
        db,
        name,
        levels=tuple(levels),
        progress_scheme=scheme,
        quarters_for_years=(int(quarter.group(2)),) if quarter else (),
    ).ids[0]
    if not quarter:
        due = derive_due(period)
        if due.date is None:
            raise TrackerError(
                f"“{period}” is not a period that can be made: name a quarter such as "
                "“Q1 2025/26” or a month such as “November 2004”."
            )
        end = due.date
        start = (
            end.replace(day=1) if due.precision.value == "month" else end - dt.timedelta(days=90)
        )
        programmes.add_period(db, programme_id, period.strip(), start, end)
    with db.reader() as session:
        return programme_id, find_period(session, programme_id, period)


def _import_json(args: argparse.Namespace, source_path: Path) -> int:
    from app.interchange.programme_json import import_programme
    from app.store.database import Database

    path = args.path
    try:
        spec = json.loads(source_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise SourceError(f"{source_path.name} is not a programme JSON file ({error}).") from error
    if not isinstance(spec, dict):
        raise SourceError(f"{source_path.name} is not a programme JSON file (not an object).")
    if args.dry_run:
        print(f"Would import the programme JSON {source_path.name}.")
        return 0
    db = Database.create(path) if _is_new(path) else Database.open(path)
    try:
        done = import_programme(db, spec)
    finally:
        db.close()
    print(f"Imported {len(done.ids)} programme{'s' if len(done.ids) != 1 else ''}.")
    return 0


def _is_new(path: Path | str) -> bool:
    """A file not there yet is made, and so is the schema of an empty server database."""
    if isinstance(path, Path):
        return not path.exists()
    from app.store.server import holds_nothing

    return holds_nothing(path)
