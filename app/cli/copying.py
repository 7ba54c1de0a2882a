"""``copy SOURCE TARGET``: a programme from a file to a server, or from a server to a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.core.errors import FileError

COPY_EPILOG = """\
SOURCE and TARGET are each a programme file (.ptdb) or a postgresql:// URL. Every row is
copied with its id, the change log included, so the copy's exports are the original's byte
for byte. A server TARGET must be an empty database (ask the server's administrator for one);
a file TARGET is replaced only with --force. The SOURCE is only read.

examples:
  programme-tracker copy wigan.ptdb postgresql://manager@db.example.gov.uk/wigan
  programme-tracker copy postgresql://manager@db.example.gov.uk/wigan wigan-copy.ptdb
"""


def add_copy_command(sub: Any) -> None:
    from app.cli import location
    from app.cli.help_text import LOCATION_HELP

    copy = sub.add_parser(
        "copy",
        help="copy a programme between a file and a server, every row and the change log",
        epilog=COPY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    copy.add_argument("path", type=location, metavar="SOURCE", help=LOCATION_HELP)
    copy.add_argument("target", type=location, metavar="TARGET", help=LOCATION_HELP)
    copy.add_argument("--force", action="store_true", help="replace a TARGET file if it exists")


def copy_command(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from app.store.database import Database
    from app.store.models import ChangeLogEntry, Programme
    from app.store.transfer import copy_programme

    source, target = args.path, args.target
    if (
        isinstance(source, Path)
        and isinstance(target, Path)
        and target.exists()
        and target.resolve() == source.resolve()
    ):
        raise FileError(target, "A programme cannot be copied over itself.")
    if isinstance(target, Path) and target.exists() and not args.force:
        raise FileError(target, f"“{target.name}” already exists; give --force to replace it.")

    with (
        Database.open(source, read_only=True) as original,
        copy_programme(original, target, overwrite=args.force) as copy,
    ):
        with copy.reader() as session:
            programmes = session.scalar(select(func.count()).select_from(Programme)) or 0
            logged = session.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0
        where = copy.path.name if copy.path is not None else copy.where
    print(
        f"Copied {programmes} programme{'s' if programmes != 1 else ''} and "
        f"{logged:,} change-log entr{'ies' if logged != 1 else 'y'} to {where}"
    )
    return 0
