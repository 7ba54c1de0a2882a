"""``python -m app``: the window, or a headless sub-command (see app/cli/).

``python -m app FILE`` checks FILE before Qt starts, so a missing, foreign or damaged file is
refused with one line on the terminal and no window. Without a console (the Windows
executable) there is nowhere to print, so the window's own error dialog says it instead.
"""

from __future__ import annotations

import sys

from app.start_trace import mark

mark("our code runs")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from app.window_args import COMMANDS, check_window_args_or_say_why

    if (argv and argv[0] in COMMANDS) or {"-h", "--help"} & set(argv):
        from app.cli import run  # argparse and every command: not on the way to the window

        return run(argv if argv and argv[0] in COMMANDS else ["--help"])
    mark("command line imported")
    if sys.stderr is not None:
        refused = check_window_args_or_say_why(argv)
        if refused is not None:
            return refused
    mark("file checked")
    from ui.shell.application import run_gui

    mark("window modules imported")
    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
