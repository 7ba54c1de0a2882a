"""``users URL list|add|remove``: who may use a programme on a server, and as what.

Run by the database's owner (the login that made the database or copied the programme to it):
only the owner may make logins members of the database's groups. The password of a new login
is read from standard input (``--password-stdin``, for scripts) or asked for without echo,
never taken from the command line, where other users of the computer could see it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from app.core.errors import ValidationError

USERS_EPILOG = """\
A manager may change everything; a service lead reads everything and changes only the
judgement, achievements and milestone status of the items their responsible person has.
The server itself refuses anything else, whichever program a lead uses. A login the server
does not have yet is made, with a password asked for (or read from standard input with
--password-stdin); "remove" takes this programme's roles from a login but leaves the login.

examples:
  programme-tracker users postgresql://owner@db.example.gov.uk/wigan list
  programme-tracker users postgresql://owner@db.example.gov.uk/wigan add priya --manager
  programme-tracker users postgresql://owner@db.example.gov.uk/wigan add sam --lead "Sam Lee"
  programme-tracker users postgresql://owner@db.example.gov.uk/wigan remove sam
"""


def add_users_command(sub: Any) -> None:
    from app.cli import location

    users = sub.add_parser(
        "users",
        help="list, add or remove the managers and service leads of a programme on a server",
        epilog=USERS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    users.add_argument("path", type=location, metavar="URL", help="the server's postgresql:// URL")
    action = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    action.add_parser("list", help="every login that may use the programme, with its role")
    add = action.add_parser("add", help="add a login (made when missing) as manager or lead")
    add.add_argument("login", help="the login name on the server")
    role = add.add_mutually_exclusive_group(required=True)
    role.add_argument("--manager", action="store_true", help="may change everything")
    role.add_argument(
        "--lead", metavar="NAME", help="a service lead for this responsible person's items"
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read a new login's password from the first line of standard input",
    )
    remove = action.add_parser("remove", help="take this programme's roles from a login")
    remove.add_argument("login", help="the login name on the server")


def users_command(args: argparse.Namespace) -> int:
    from app.services import server_users
    from app.store.database import Database
    from app.store.locations import is_server_url
    from app.store.server_roles import LEAD, MANAGER, login_exists

    if not is_server_url(args.path):
        raise ValidationError(
            f"“{args.path}” is a file: users and what they may do belong to a programme on a "
            "server; give its postgresql:// URL."
        )
    with Database.open(args.path, read_only=args.action == "list") as db:
        if args.action == "list":
            rows = server_users.users(db)
            if not rows:
                print("No one has been added yet: only the database's owner may use it.")
            for user in rows:
                what = f"service lead for {user.person}" if user.role == LEAD else "manager"
                note = "" if user.can_log_in else " (cannot log in)"
                print(f"{user.login}\t{what}{note}")
            return 0
        if args.action == "remove":
            server_users.remove_user(db, args.login)
            print(f"{args.login} may no longer use {db.name}")
            return 0
        password = None
        with db.reader() as session:
            missing = not login_exists(session.connection(), args.login.strip())
        if missing:
            password = _password(args.login, from_stdin=args.password_stdin)
        role = MANAGER if args.manager else LEAD
        server_users.add_user(db, args.login, role, args.lead, password)
        what = f"the service lead for {args.lead.strip()}" if role == LEAD else "a manager"
        print(f"{args.login} may use {db.name} as {what}")
    return 0


def _password(login: str, *, from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for the new login {login}: ")
    if not password:
        raise ValidationError(
            f"The server has no login “{login}” yet: give a password to make it with."
        )
    return password
