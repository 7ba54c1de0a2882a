"""Who may do what on a server, enforced by PostgreSQL itself (issue 20, part 4).

A server login is a *manager* (everything) or a *service lead* (reads everything; changes only
the judgement, achievements narrative and milestone status of the items their person is
responsible for). The window's own checks are a courtesy; the server is the authority, so a
lead refused by the window is refused just the same through ``psql`` or any other client:

* two group roles per database, ``pt_<database>_manager`` and ``pt_<database>_lead`` (roles
  are cluster-wide, so each database names its own); a login is granted one of them;
* table and column GRANTs: managers every table; leads SELECT on every table, INSERT and
  DELETE on ``judgement`` and ``progress_update``, UPDATE only on the columns a lead may change
  (a judgement's symbol, a narrative's words, a milestone's status, never which item a row
  belongs to), INSERT on ``change_log``;
* row-level security on those tables, keyed on ``server_person`` (login → responsible person)
  against ``session_user``: a lead's new or changed row must belong to one of their items, and
  a lead's change-log row must carry their own login, so the audit is the server's word.

The database's owner (who made it, or copied the programme to it) installs all this, and only
the owner may run ``python -m app users``; the owner and superusers are managers too, and
PostgreSQL exempts them from row-level security.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Connection, text

MANAGER = "manager"
LEAD = "lead"
ROLES = (MANAGER, LEAD)

# What a lead may write, table by table: the columns a lead may UPDATE (none: whole rows only
# through INSERT and DELETE), each with the row's version, which every change moves on.
LEAD_UPDATES = {
    "judgement": ("symbol_id", "carried", "version"),
    "progress_update": ("heading", "text", "position", "version"),
    "milestone": ("status", "version"),
}
LEAD_INSERTS_DELETES = ("judgement", "progress_update")
OWNED_TABLES = ("judgement", "progress_update", "milestone")


@dataclass(frozen=True)
class Identity:
    """The login a server session runs as and what it may do: ``role`` is "manager" (the
    owner and superusers included), "lead", or None (a login no one has added)."""

    login: str
    role: str | None
    person: str | None = None
    responsible_id: int | None = None

    @property
    def who(self) -> str:
        """The person's name when the login is mapped to one, else the login in quotes."""
        return self.person or f"the login “{self.login}”"


@dataclass(frozen=True)
class ServerUser:
    """A row of ``users URL list``: a login, its role, and for a lead the person."""

    login: str
    role: str
    person: str | None
    can_log_in: bool


def group_roles(database: str) -> tuple[str, str]:
    """The manager and lead group roles of ``database``: lower case letters, digits and
    underscores only, and short enough for PostgreSQL's 63-byte names (a long name keeps a
    hash of itself, so two long names never share roles)."""
    base = re.sub(r"[^a-z0-9_]", "_", database.lower())
    if len(base) > 40 or base != database.lower():
        digest = hashlib.sha256(database.encode()).hexdigest()[:8]
        base = f"{base[:30]}_{digest}"
    return f"pt_{base}_manager", f"pt_{base}_lead"


def quote(name: str) -> str:
    """A role or table name as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def read_identity(connection: Connection) -> Identity:
    """Who this connection's login is in this database: one round trip."""
    manager, lead = group_roles(str(connection.scalar(text("SELECT current_database()"))))
    row = connection.execute(
        text(
            "SELECT session_user,"
            " (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"
            "  OR pg_has_role(session_user, (SELECT datdba FROM pg_database"
            "   WHERE datname = current_database()), 'MEMBER'),"
            " EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = :manager"
            "  AND pg_has_role(session_user, r.oid, 'MEMBER')),"
            " EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = :lead"
            "  AND pg_has_role(session_user, r.oid, 'MEMBER')),"
            " p.responsible_id, r.name"
            " FROM (SELECT 1) AS one"
            " LEFT JOIN server_person p ON p.login = session_user"
            " LEFT JOIN responsible r ON r.id = p.responsible_id"
        ),
        {"manager": manager, "lead": lead},
    ).one()
    login, owner, is_manager, is_lead, responsible_id, person = row
    responsible_id = cast(int | None, responsible_id)
    role = MANAGER if owner or is_manager else LEAD if is_lead else None
    return Identity(
        str(login),
        role,
        str(person) if person is not None else None,
        responsible_id,
    )


def _role_exists(connection: Connection, name: str) -> bool:
    return bool(connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}))


def _owns(table: str) -> str:
    """The policy's test that a row of ``table`` belongs to an item of the session's person."""
    return (
        "EXISTS (SELECT 1 FROM item JOIN server_person p"
        " ON p.responsible_id = item.responsible_id"
        f" WHERE item.id = {table}.item_id AND p.login = session_user AND p.role = 'lead')"
    )


def install(connection: Connection) -> tuple[str, str]:
    """Make this database's group roles (when missing), their grants and its row-level
    security policies, replacing any earlier ones: run by the owner in a write transaction
    (PostgreSQL's roles and grants are transactional), and again after an upgrade adds tables.
    Returns the two group roles."""
    manager, lead = group_roles(str(connection.scalar(text("SELECT current_database()"))))
    m, q = quote(manager), quote(lead)
    for name in (manager, lead):
        if not _role_exists(connection, name):
            connection.exec_driver_sql(f"CREATE ROLE {quote(name)} NOLOGIN")
    schema = quote(str(connection.scalar(text("SELECT current_schema()"))))
    statements = [
        f"GRANT USAGE ON SCHEMA {schema} TO {m}, {q}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {m}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {m}",
        f"REVOKE INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} FROM {q}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {q}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {q}",
        f"GRANT INSERT ON change_log TO {q}",
    ]
    statements += [f"GRANT INSERT, DELETE ON {table} TO {q}" for table in LEAD_INSERTS_DELETES]
    statements += [
        f"GRANT UPDATE ({', '.join(columns)}) ON {table} TO {q}"
        for table, columns in LEAD_UPDATES.items()
    ]
    for table in (*OWNED_TABLES, "change_log"):
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for policy in ("pt_manager", "pt_read", "pt_insert", "pt_update", "pt_delete"):
            statements.append(f"DROP POLICY IF EXISTS {policy} ON {table}")
        statements.append(
            f"CREATE POLICY pt_manager ON {table} FOR ALL TO {m} USING (true) WITH CHECK (true)"
        )
        statements.append(f"CREATE POLICY pt_read ON {table} FOR SELECT TO {q} USING (true)")
    for table in OWNED_TABLES:
        owns = _owns(table)
        # UPDATE sees every row (so a refused change is an error, not a silent nothing) and
        # lets through only a row that is still the lead's: its item cannot be changed.
        statements.append(
            f"CREATE POLICY pt_update ON {table} FOR UPDATE TO {q} USING (true) WITH CHECK ({owns})"
        )
    for table in LEAD_INSERTS_DELETES:
        owns = _owns(table)
        statements.append(
            f"CREATE POLICY pt_insert ON {table} FOR INSERT TO {q} WITH CHECK ({owns})"
        )
        statements.append(f"CREATE POLICY pt_delete ON {table} FOR DELETE TO {q} USING ({owns})")
    statements.append(
        f"CREATE POLICY pt_insert ON change_log FOR INSERT TO {q}"
        ' WITH CHECK ("user" = session_user)'
    )
    for statement in statements:
        connection.exec_driver_sql(statement)
    return manager, lead


def installed(connection: Connection) -> bool:
    """Whether this database's group roles exist (``install`` has been run)."""
    manager, lead = group_roles(str(connection.scalar(text("SELECT current_database()"))))
    return _role_exists(connection, manager) and _role_exists(connection, lead)


def list_users(connection: Connection) -> list[ServerUser]:
    """Every login in either group role, with its role and person, by login."""
    manager, lead = group_roles(str(connection.scalar(text("SELECT current_database()"))))
    rows = connection.execute(
        text(
            "SELECT u.rolname, g.rolname, r.name, u.rolcanlogin"
            " FROM pg_auth_members a"
            " JOIN pg_roles g ON g.oid = a.roleid"
            " JOIN pg_roles u ON u.oid = a.member"
            " LEFT JOIN server_person p ON p.login = u.rolname"
            " LEFT JOIN responsible r ON r.id = p.responsible_id"
            " WHERE g.rolname IN (:manager, :lead)"
            " ORDER BY u.rolname"
        ),
        {"manager": manager, "lead": lead},
    )
    return [
        ServerUser(
            str(login),
            MANAGER if group == manager else LEAD,
            str(person) if person is not None else None,
            bool(can),
        )
        for login, group, person, can in rows
    ]


def login_exists(connection: Connection, login: str) -> bool:
    return _role_exists(connection, login)


def create_login(connection: Connection, login: str, password: str) -> None:
    """A new login role with this password (sent as a literal: DDL takes no parameters)."""
    literal = connection.scalar(text("SELECT quote_literal(:p)"), {"p": password})
    connection.exec_driver_sql(f"CREATE ROLE {quote(login)} LOGIN PASSWORD {literal}")


def grant_role(connection: Connection, login: str, role: str) -> None:
    """Make ``login`` a member of this database's group for ``role`` only."""
    manager, lead = group_roles(str(connection.scalar(text("SELECT current_database()"))))
    chosen, other = (manager, lead) if role == MANAGER else (lead, manager)
    connection.exec_driver_sql(f"REVOKE {quote(other)} FROM {quote(login)}")
    connection.exec_driver_sql(f"GRANT {quote(chosen)} TO {quote(login)}")


def revoke_roles(connection: Connection, login: str) -> None:
    """Take both of this database's groups from ``login`` (the login itself stays: it may
    belong to other databases)."""
    manager, lead = group_roles(str(connection.scalar(text("SELECT current_database()"))))
    connection.exec_driver_sql(f"REVOKE {quote(manager)}, {quote(lead)} FROM {quote(login)}")


def item_words(number: str | None, title: str) -> str:
    """An item as a refusal names it: its number ("2.3"), or its title's start in quotes."""
    if number:
        return number
    return f"“{title[:60]}{'…' if len(title) > 60 else ''}”"


def not_theirs(identity: Identity, number: str | None, title: str) -> str:
    """The refusal of a change to an item someone else is responsible for."""
    return (
        f"The server does not let {identity.who} change {item_words(number, title)}: "
        "only its responsible person or a manager may."
    )
