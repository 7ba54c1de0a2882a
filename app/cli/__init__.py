"""Command line: ``python -m app [FILE]`` starts the window; sub-commands work headless.

Every refusal is one line on stderr, ``programme-tracker: <what is wrong>`` (a list of
candidates may follow, one to a line), with exit status 2 and nothing written.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app.cli.help_text import (
    DEMO_EPILOG,
    EXPORT_EPILOG,
    LIST_EPILOG,
    LOCATION_HELP,
    PROG,
    SUMMARY_EPILOG,
    TOP_EPILOG,
)
from app.core.errors import FileError, TrackerError, ValidationError
from app.store.filecheck import describe
from app.window_args import location

if TYPE_CHECKING:
    from app.store.database import Database

# The file suffixes each format writes; the first is the one to suggest.
SUFFIXES = {
    "docx": (".docx",),
    "pdf": (".pdf",),
    "xlsx": (".xlsx",),
    "html": (".html", ".htm"),
    "csv": (".csv",),
}


class _Parser(argparse.ArgumentParser):
    """argparse, but its errors are one line, like every other refusal."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: {message} (see “{self.prog} --help”).\n")


def _programme_and_period(command: argparse.ArgumentParser) -> None:
    """The two names that choose what a summary or a report is about."""
    command.add_argument(
        "--programme", required=True, help="the programme's name or any unique part of it"
    )
    command.add_argument("--period", required=True, help='e.g. "Quarter 1 2009/10" or "Q1 2009/10"')


def _parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog=PROG,
        description="Keep a programme's actions, judgements and KPIs; export committee reports.",
        epilog=TOP_EPILOG,
        formatter_class=raw,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, help_text: str, epilog: str, file_help: str = LOCATION_HELP
    ) -> argparse.ArgumentParser:
        """A sub-command; every one works on a programme (a file or a server URL), named
        first."""
        added = sub.add_parser(name, help=help_text, epilog=epilog, formatter_class=raw)
        added.add_argument("path", type=location, metavar="FILE", help=file_help)
        return added

    demo = sub.add_parser(
        "demo",
        help="write a file holding the five demo programmes",
        epilog=DEMO_EPILOG,
        formatter_class=raw,
    )
    demo.add_argument("path", type=location, metavar="FILE", help="the file to write (.ptdb)")
    demo.add_argument(
        "--actions",
        type=int,
        metavar="N",
        help="also add a synthetic programme of N actions (for benchmarks)",
    )
    demo.add_argument("--force", action="store_true", help="replace the file if it exists")
    command(
        "list",
        "list the programmes, their periods, who is responsible and the layouts that fit",
        LIST_EPILOG,
    )
    summary = command("summary", "print the summary of progress for a period", SUMMARY_EPILOG)
    _programme_and_period(summary)
    summary.add_argument(
        "--by",
        choices=("kind", "item", "responsible"),
        default="kind",
        help="one table per kind of objective (the default, as seed 002), per top-level item, "
        "or per person responsible",
    )
    summary.add_argument(
        "--json",
        action="store_true",
        help="print the tables as JSON (columns, counts, percentages, KPI statuses)",
    )
    from app.reports import FORMATS, LAYOUTS

    export = command("export", "write a committee report", EXPORT_EPILOG)
    _programme_and_period(export)
    export.add_argument(
        "--layout",
        required=True,
        choices=LAYOUTS,
        metavar="LAYOUT",
        help=f"one of: {', '.join(LAYOUTS)}",
    )
    export.add_argument(
        "--format",
        choices=FORMATS,
        dest="fmt",
        metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)} (default: from the output's suffix)",
    )
    export.add_argument("-o", "--output", required=True, type=Path, help="the file to write")
    export.add_argument("--force", action="store_true", help="replace the output if it exists")
    export.add_argument(
        "--objective",
        action="append",
        metavar="NAME",
        help="only this top-level item (number or part of its title); may be repeated",
    )
    export.add_argument(
        "--responsible",
        metavar="NAME",
        help="only what this person or role is responsible for (any unique part of the name)",
    )
    export.add_argument(
        "--exceptions-only",
        action="store_true",
        help="only actions behind schedule and indicators off target (quarterly)",
    )
    export.add_argument(
        "--no-unjudged", action="store_true", help="leave out actions not yet judged (quarterly)"
    )
    export.add_argument(
        "--no-cover", action="store_true", help="leave out the cover sheet (quarterly)"
    )
    from app.cli.importing import add_import_command

    add_import_command(command)
    from app.cli.copying import add_copy_command
    from app.cli.users import add_users_command

    add_copy_command(sub)
    add_users_command(sub)
    return parser


class _Quiet(Exception):
    """Stop without a message (the reader of our output has gone: ``… | head``)."""


def _fail(message: str) -> None:
    if sys.stderr is not None:
        print(f"{PROG}: {message}", file=sys.stderr)


def _silence_stdout() -> None:
    """After a failed write, point stdout at the null device, so that Python's own flush at
    exit does not fail again and add its own message."""
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _open(path: Path | str) -> Database:
    """Open read-only for a command; say what was done to the file (a crash recovered)."""
    from app.store.database import Database

    db = Database.open(path, read_only=True)
    for note in db.notes:
        _fail(f"note: {note}")
    return db


def _out(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError as error:
        _silence_stdout()
        raise _Quiet from error
    except OSError as error:
        _silence_stdout()
        raise TrackerError(f"The output could not be written: {error.strerror}.") from error


def run(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # --help (0), or an argument error, already printed (2)
        return stop.code if isinstance(stop.code, int) else 2
    from app.cli.copying import copy_command
    from app.cli.importing import import_command
    from app.cli.users import users_command

    commands = {
        "demo": _demo,
        "summary": _summary,
        "export": _export,
        "list": _list,
        "import": import_command,
        "copy": copy_command,
        "users": users_command,
    }
    try:
        return commands[args.command](args)
    except TrackerError as error:
        _fail(str(error))
        return 2
    except _Quiet:
        return 1
    except BrokenPipeError:  # the reader of our output has gone (… | head)
        _silence_stdout()
        return 1
    except OSError as error:  # the system refused a name or a file we read
        where = describe(Path(error.filename)) if error.filename else "A file"
        _fail(f"{where} cannot be used: {error.strerror}.")
        return 2
    except KeyboardInterrupt:
        _fail("Interrupted.")
        return 130


def _demo(args: argparse.Namespace) -> int:
    from app.demo import write_demo

    if isinstance(args.path, str):
        raise ValidationError(
            "demo writes a file. To put the demo on a server, write it to a file and copy it: "
            f"“{PROG} demo demo.ptdb” then “{PROG} copy demo.ptdb URL”."
        )
    if args.actions is not None and not 1 <= args.actions <= 1_000_000:
        raise TrackerError("--actions must be between 1 and 1,000,000.")
    db = write_demo(args.path, actions=args.actions, overwrite=args.force)
    db.close()
    print(f"Wrote {args.path}")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from app.read.lookup import find_period, find_programme
    from app.read.summary import format_summary, summarise
    from app.read.summary_json import summary_data

    with _open(args.path) as db, db.reader() as session:
        programme_id = find_programme(session, args.programme)
        period_id = find_period(session, programme_id, args.period)
        summary = summarise(session, programme_id, period_id)
        data = summary_data(session, summary, programme_id, period_id) if args.json else None
    if not any(group.actions for group in summary.groups):
        raise ValidationError(
            f"“{summary.programme}” has no actions, so there is nothing to summarise."
        )
    _out(
        json.dumps(data, ensure_ascii=False, indent=2) if data else format_summary(summary, args.by)
    )
    return 0


# --- export -------------------------------------------------------------------------------


def output_format(output: Path, fmt: str | None) -> str:
    """The format to write: ``fmt`` if the output's suffix agrees, or the suffix's own."""
    suffix = output.suffix.lower()
    named = next((f for f, suffixes in SUFFIXES.items() if suffix in suffixes), None)
    if fmt is None:
        if named is None:
            raise ValidationError(
                f"{describe(output)} does not say which format to write: end its name in "
                ".docx, .pdf, .xlsx, .html or .csv, or give --format."
            )
        return named
    if suffix in SUFFIXES[fmt]:
        return fmt
    expected = SUFFIXES[fmt][0]
    if not output.suffix:
        raise ValidationError(
            f"{describe(output)} has no suffix; name the output {output.name}{expected}, "
            f"to match --format {fmt}."
        )
    instead = f", or give --format {named}" if named else ""
    raise ValidationError(
        f"--format {fmt} writes a {expected} file, but {describe(output)} ends in "
        f"{output.suffix}; name the output {output.stem}{expected}{instead}."
    )


def check_output(output: Path, fmt: str | None, force: bool) -> str:
    """Before any work, refuse an output that may never be replaced (a programme or pack, a
    lock or journal, a folder, a device: ``check_target``), whose name does not match the
    format, or that exists without --force; return the format to write."""
    from app.reports import check_target

    check_target(output)
    fmt = output_format(output, fmt)
    if output.exists() and not force:
        raise FileError(
            output,
            f"{describe(output)} already exists; choose another name or add --force to replace it.",
        )
    return fmt


def _export(args: argparse.Namespace) -> int:
    from app.read.lookup import find_period, find_programme, find_responsible, find_root
    from app.reports import Options, make_report, renderer, write_atomically
    from app.reports.fit import check_fits, check_not_empty, check_options
    from app.reports.snapshot import programme_data

    fmt = check_output(args.output, args.fmt, args.force)
    used = [
        option
        for option, value in (
            ("--objective", args.objective),
            ("--responsible", args.responsible is not None),
            ("--exceptions-only", args.exceptions_only),
            ("--no-unjudged", args.no_unjudged),
            ("--no-cover", args.no_cover),
        )
        if value
    ]
    with _open(args.path) as db:
        with db.reader() as session:
            programme_id = find_programme(session, args.programme)
            period_id = find_period(session, programme_id, args.period)
            check_fits(session, programme_id, args.layout)
            check_options(args.layout, used)
            roots = (
                [find_root(session, programme_id, name) for name in args.objective]
                if args.objective
                else None
            )
            responsible = (
                find_responsible(session, programme_id, args.responsible)
                if args.responsible is not None
                else None
            )
            # A layout that fits shows something unless options filter it all out; only
            # then is the programme read twice (here and by make_report).
            filtering = bool(set(used) - {"--no-cover"})
            data = programme_data(session, programme_id, period_id) if filtering else None
        options = Options(
            roots=roots,
            responsible=responsible,
            include_unjudged=not args.no_unjudged,
            exceptions_only=args.exceptions_only,
            cover=not args.no_cover,
        )
        given = [f"--objective “{name}”" for name in args.objective or []]
        if responsible is not None:
            given.append(f"--responsible “{responsible}”")
        given += [o for o in used if o in ("--exceptions-only", "--no-unjudged")]
        if data is not None:
            check_not_empty(args.layout, data, options, given)
        report = make_report(db, programme_id, period_id, args.layout, options)
    content = renderer(fmt)(report)
    write_atomically(args.output, content)
    _out(f"Wrote {args.output} ({len(content):,} bytes)\n")
    return 0


# --- list ---------------------------------------------------------------------------------


def _list(args: argparse.Namespace) -> int:
    from app.cli.listing import list_text

    with _open(args.path) as db, db.reader() as session:
        text = list_text(session, db.path.name if db.path is not None else db.where)
    _out(text)
    return 0
