"""Command line: ``python -m app [FILE]`` starts the window; sub-commands work headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.errors import TrackerError

COMMANDS = ("demo", "summary")


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
    return parser


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args)
        if args.command == "summary":
            return _summary(args)
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
