"""Who may use a programme on a server: add a manager or a service lead, remove one, list them.

Each is one operation, like any other change: the login's group role, the grants and policies
(``app/store/server_roles.install``, run again each time so tables added by an upgrade are
covered) and the ``server_person`` row that maps the login to a responsible person are
written in the one transaction with their change-log rows. PostgreSQL's roles and grants are
transactional, so a refusal half-way leaves the server as it was.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from app.core.errors import ValidationError
from app.services.context import Change, operation
from app.store.database import Database
from app.store.models import Responsible, ServerPerson
from app.store.server_roles import (
    LEAD,
    MANAGER,
    ServerUser,
    create_login,
    grant_role,
    install,
    list_users,
    login_exists,
    revoke_roles,
)

LOGIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.@-]{0,62}")


def _check_server(db: Database) -> None:
    if not db.is_server:
        raise ValidationError(
            f"{db.name} is a file: users and what they may do belong to a programme on a "
            "server (a file is edited by whoever can open it)."
        )


def _check_login(login: str) -> str:
    login = login.strip()
    if not LOGIN.fullmatch(login):
        raise ValidationError(
            f"“{login}” cannot be a login: use up to 63 letters, digits, “_”, “.”, “@” or "
            "“-”, starting with a letter."
        )
    return login


def _describe(role: str, person: str | None) -> str:
    return f"service lead for {person}" if role == LEAD else "manager"


def users(db: Database) -> list[ServerUser]:
    """The logins that may use this programme, with their roles and people."""
    _check_server(db)
    with db.reader() as session:
        return list_users(session.connection())


def add_user(
    db: Database, login: str, role: str, person: str | None = None, password: str | None = None
) -> Change:
    """Let ``login`` use the programme as a manager, or as the service lead for the
    responsible person named ``person``; made as a login with ``password`` when the server
    has no such login yet. Adding someone already there changes their role."""
    _check_server(db)
    login = _check_login(login)
    if role not in (MANAGER, LEAD):
        raise ValidationError(f"“{role}” is not a role: use manager or lead.")
    if role == LEAD and not (person or "").strip():
        raise ValidationError("A service lead answers for a responsible person: name them.")
    if role == MANAGER and person:
        raise ValidationError("A manager may change everything, so answers for no one person.")
    with operation(db, "add user") as op:
        responsible_id = None
        if role == LEAD:
            assert person is not None
            found = op.session.scalar(select(Responsible).where(Responsible.name == person.strip()))
            if found is None:
                raise ValidationError(
                    f"No one called “{person.strip()}” is responsible for anything in this "
                    "programme: add them under People first, or check the spelling."
                )
            responsible_id, person = found.id, found.name
        connection = op.session.connection()
        install(connection)
        if not login_exists(connection, login):
            if not password:
                raise ValidationError(
                    f"The server has no login “{login}” yet: give a password to make it with."
                )
            create_login(connection, login, password)
        grant_role(connection, login, role)
        row = op.session.get(ServerPerson, login)
        old = None
        if row is None:
            row = ServerPerson(login=login, role=role, responsible_id=responsible_id)
            op.session.add(row)
        else:
            old_person = (
                op.session.get(Responsible, row.responsible_id) if row.responsible_id else None
            )
            old = _describe(row.role, old_person.name if old_person else None)
            row.role, row.responsible_id = role, responsible_id
        new = _describe(role, person)
        op.log("server user", None, f"user {login}", old, new)
        op.unchanged = old == new
    return Change("add user", "server user", (), frozenset({"role"}), old, new, {"login": login})


def remove_user(db: Database, login: str) -> Change:
    """Take away ``login``'s use of this programme: its group role and its person. The login
    itself stays on the server (it may use other databases); the change log keeps its name."""
    _check_server(db)
    login = _check_login(login)
    with operation(db, "remove user") as op:
        row = op.session.get(ServerPerson, login)
        if row is None:
            raise ValidationError(f"“{login}” is not a user of this programme.")
        person = op.session.get(Responsible, row.responsible_id) if row.responsible_id else None
        old = _describe(row.role, person.name if person else None)
        revoke_roles(op.session.connection(), login)
        op.session.delete(row)
        op.log("server user", None, f"user {login}", old, None)
    return Change(
        "remove user", "server user", (), frozenset({"role"}), old, None, {"login": login}
    )
