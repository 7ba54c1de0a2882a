"""``python -m app``: the window, or a headless sub-command (see app/cli.py)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from app.cli import COMMANDS, run

    if argv and (argv[0] in COMMANDS or argv[0] in {"-h", "--help"}):
        return run(argv)
    from ui.application import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
