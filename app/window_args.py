"""``python -m app [FILE]``: the window's command line, checked before Qt starts.

Apart from ``app.cli`` (argparse, json and every command's module), so that the way to the
window imports only this, the standard library and the file's first check (issue 19: the
window's first paint is waited for by all of it). A refusal is one line on stderr, as every
command's is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.core.errors import TrackerError, ValidationError
from app.store.filecheck import describe

PROG = "programme-tracker"
# The sub-commands (app.cli); anything else on the command line is for the window.
COMMANDS = ("demo", "list", "summary", "export", "import", "copy")
WINDOW_OPTIONS = ("--demo", "--smoke")


def say(message: str) -> None:
    """A refusal or note on the terminal, when there is one (not in the Windows build)."""
    if sys.stderr is not None:
        print(f"{PROG}: {message}", file=sys.stderr)


def location(text: str) -> Path | str:
    """A command's programme: a ``postgresql://`` URL as given, or a file's path."""
    from app.store.locations import is_server_url

    return text if is_server_url(text) else Path(text)


def check_file(path: Path | str) -> None:
    """The checks ``Database.open`` makes before it writes anything (there, not a folder, a
    complete SQLite file of ours, not from a newer version), raising the same errors, so
    that ``python -m app FILE`` can refuse a bad file on the terminal before Qt starts. A
    server is asked whether it can be reached and holds a programme of ours."""
    if isinstance(path, str):
        from app.store.server import check_reachable  # SQLAlchemy: only for a server

        check_reachable(path)
    else:
        from app.store.opencheck import check_openable

        check_openable(path)


def check_window_args(argv: list[str]) -> None:
    """``[FILE]``, ``--demo`` and ``--smoke``: refuse anything else, and a bad file."""
    for arg in argv:
        if arg.startswith("-") and arg not in WINDOW_OPTIONS:
            raise ValidationError(f"There is no option “{arg}”; see “{PROG} --help”.")
    files = [arg for arg in argv if not arg.startswith("-")]
    if len(files) > 1:
        raise ValidationError(f"Give one file to open, not {len(files)}.")
    if files and "--demo" in argv:
        raise ValidationError("--demo opens the demo file; give either --demo or a file, not both.")
    if files:
        check_file(location(files[0]))
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):  # Qt would abort the process with several lines about platform plugins
        raise ValidationError(
            "There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
            "is set); the commands list, summary and export work without one "
            f"(see “{PROG} --help”)."
        )


def check_window_args_or_say_why(argv: list[str]) -> int | None:
    """None if the window may start; else the exit status, the reason printed on stderr."""
    try:
        check_window_args(argv)
    except TrackerError as error:
        say(str(error))
        return 2
    except OSError as error:
        where = describe(Path(error.filename)) if error.filename else "The file"
        say(f"{where} cannot be used: {error.strerror}.")
        return 2
    return None
