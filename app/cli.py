"""Command line: ``python -m app [FILE]`` starts the window; sub-commands work headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.errors import TrackerError

COMMANDS = ("demo", "summary", "export")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="programme-tracker",
        description="Keep a programme's actions, judgements and KPIs; export committee reports.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="write a file holding the five demo programmes")
    demo.add_argument("path", type=Path)
    demo.add_argument(
        "--actions",
        type=int,
        metavar="N",
        help="also add a synthetic programme of N actions (for benchmarks)",
    )
    demo.add_argument("--force", action="store_true", help="replace the file if it exists")
    summary = sub.add_parser("summary", help="print the summary of progress for a period")
    summary.add_argument("path", type=Path)
    summary.add_argument(
        "--programme", required=True, help="the programme's name or any unique part of it"
    )
    summary.add_argument("--period", required=True, help='e.g. "Quarter 1 2009/10"')
    from app.reports import FORMATS, LAYOUTS

    export = sub.add_parser("export", help="write a committee report")
    export.add_argument("path", type=Path)
    export.add_argument(
        "--programme", required=True, help="the programme's name or any unique part of it"
    )
    export.add_argument("--period", required=True, help='e.g. "Quarter 1 2009/10"')
    export.add_argument("--layout", required=True, choices=LAYOUTS)
    export.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
    export.add_argument("-o", "--output", required=True, type=Path, help="the file to write")
    export.add_argument(
        "--objective",
        action="append",
        metavar="NAME",
        help="only this top-level item (number or part of its title); may be repeated",
    )
    export.add_argument(
        "--responsible",
        metavar="NAME",
        help="only the actions this person or role is responsible for",
    )
    export.add_argument(
        "--exceptions-only",
        action="store_true",
        help="only actions behind schedule and indicators off target",
    )
    export.add_argument(
        "--no-unjudged", action="store_true", help="leave out actions not yet judged"
    )
    export.add_argument("--no-cover", action="store_true", help="leave out the cover sheet")
    return parser


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args)
        if args.command == "summary":
            return _summary(args)
        if args.command == "export":
            return _export(args)
    except TrackerError as error:
        print(f"programme-tracker: {error}", file=sys.stderr)
        return 2
    raise AssertionError(args.command)


def _demo(args: argparse.Namespace) -> int:
    from app.demo import write_demo

    if args.actions is not None and not 1 <= args.actions <= 1_000_000:
        raise TrackerError("--actions must be between 1 and 1,000,000.")
    db = write_demo(args.path, actions=args.actions, overwrite=args.force)
    db.close()
    print(f"Wrote {args.path}")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from app.database import Database
    from app.lookup import find_period, find_programme
    from app.summary import format_summary, summarise

    with Database.open(args.path, read_only=True) as db, db.reader() as session:
        programme_id = find_programme(session, args.programme)
        period_id = find_period(session, programme_id, args.period)
        sys.stdout.write(format_summary(summarise(session, programme_id, period_id)))
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.database import Database
    from app.lookup import find_period, find_programme, find_root
    from app.reports import Options, make_report, renderer, write_atomically

    with Database.open(args.path, read_only=True) as db:
        with db.reader() as session:
            programme_id = find_programme(session, args.programme)
            period_id = find_period(session, programme_id, args.period)
            roots = (
                [find_root(session, programme_id, name) for name in args.objective]
                if args.objective
                else None
            )
        options = Options(
            roots=roots,
            responsible=args.responsible,
            include_unjudged=not args.no_unjudged,
            exceptions_only=args.exceptions_only,
            cover=not args.no_cover,
        )
        report = make_report(db, programme_id, period_id, args.layout, options)
    content = renderer(args.fmt)(report)
    write_atomically(args.output, content)
    print(f"Wrote {args.output} ({len(content):,} bytes)")
    return 0
