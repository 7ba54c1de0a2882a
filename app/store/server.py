"""A programme held on a PostgreSQL server: the engine, the checks before opening, and errors.

A file's engine (``app.store.engine``) and a server's differ only where the engines do:

* writes are serialised as SQLite serialises them: each write transaction starts by taking one
  transaction-scoped advisory lock (``pg_advisory_xact_lock``), the server's counterpart of
  ``BEGIN IMMEDIATE``. The services' reads-then-writes (the next position among siblings, the
  change log's next batch number) then see every earlier commit, as they do on a file; telling
  two people's edits of one row apart is the versions' work (issue 20, part 3), not this lock's;
* a read is one ``REPEATABLE READ, READ ONLY`` transaction, so it sees one snapshot, as a
  read of a file does;
* ids come from each table's sequence; a copy that writes ids of its own moves the sequences
  past them (``advance_sequences``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, exc, inspect, make_url, text

from app.core.errors import (
    LoginRefusedError,
    PermissionRefusedError,
    ServerError,
    TrackerError,
    ValidationError,
)
from app.store import migrate
from app.store.engine import BUSY_TIMEOUT_SECONDS
from app.store.locations import describe_server

# The one advisory lock every write takes: "PTrk" read as a big-endian integer, as the files'
# application id.
WRITE_LOCK_KEY = 0x5054726B
CONNECT_TIMEOUT_SECONDS = 10
# How long a write waits for another's to finish: as long as a file's waits for SQLite's lock.
LOCK_TIMEOUT_SECONDS = BUSY_TIMEOUT_SECONDS


def driver_url(url: str) -> str:
    """The URL SQLAlchemy opens: PostgreSQL through psycopg 3, whatever scheme was typed."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def public_url(url: str) -> str:
    """The URL as shown and remembered: never its password."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    # URL.set() leaves a part given as None as it was: build the URL again without it.
    return URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    ).render_as_string()


def make_server_engine(url: str) -> Engine:
    engine = create_engine(
        driver_url(url),
        pool_size=2,
        max_overflow=4,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "application_name": "Programme Tracker",
            "options": f"-c lock_timeout={int(LOCK_TIMEOUT_SECONDS * 1000)}",
        },
    )

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        kind = connection.get_execution_options().get("begin", "DEFERRED")
        if kind == "IMMEDIATE":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
        else:
            connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    return engine


def translate(url: str, error: exc.DBAPIError, *, reading: bool = False) -> TrackerError:
    """The server's errors in words a user can act on, naming where the data is."""
    name = describe_server(url)
    text_ = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else str(error)
    outcome = "It could not be read" if reading else "Your change was not saved"
    if isinstance(error, exc.IntegrityError):
        return ValidationError(
            f"That change conflicts with what is already in the programme ({text_}). "
            "Nothing was saved."
        )
    state = getattr(error.orig, "sqlstate", None) or ""
    if state.startswith("08") or (isinstance(error, exc.OperationalError) and not state):
        return ServerError(public_url(url), f"{name} cannot be reached: {text_}. {outcome}.")
    if state == "55P03":  # lock_timeout: someone else's change held the write lock
        return ServerError(
            public_url(url),
            f"{name} is busy: someone else has been saving a change for more than "
            f"{LOCK_TIMEOUT_SECONDS:g} seconds. {outcome}; please try again.",
        )
    if state == "25006":
        return ServerError(public_url(url), f"{name} was opened read-only. {outcome}.")
    if state == "42501" and not reading:  # no privilege, or a row-level security policy
        # ``operation()`` words it again, naming the person and the item (server_roles).
        return PermissionRefusedError(
            public_url(url), f"The server does not let this login make that change ({text_})."
        )
    if state in ("42501", "28000", "28P01"):  # no privilege; no such or a wrong login
        return ServerError(public_url(url), f"{name} refused: {text_}. {outcome}.")
    if reading:
        return ServerError(
            public_url(url), f"{name} could not be read: the server reports “{text_}”."
        )
    return ServerError(
        public_url(url), f"{name} could not be written: the server reports “{text_}”. {outcome}."
    )


def connect_problem(url: str, error: exc.DBAPIError) -> ServerError:
    if getattr(error.orig, "sqlstate", None) == "42501":  # a login no one has added
        login = make_url(url.replace("postgres://", "postgresql://", 1)).username or "this login"
        return ServerError(
            public_url(url),
            f"{describe_server(url)} cannot be opened: the server does not let “{login}” read "
            "it. Ask the programme’s manager to add the login (“python -m app users”).",
        )
    detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    # libpq gives a failed connection no SQLSTATE; whether a password was asked for or sent
    # is told by the connection itself, in any language the server speaks.
    failed = getattr(error.orig, "pgconn", None)
    if failed is not None and (failed.needs_password or failed.used_password):
        return LoginRefusedError(
            public_url(url), f"{describe_server(url)} cannot be opened: {detail}."
        )
    return ServerError(public_url(url), f"{describe_server(url)} cannot be opened: {detail}.")


def inspect_server(url: str, connection: Connection) -> str | None:
    """The database's schema revision, or a typed error when it holds no programme data of
    ours, or data of a newer version. An empty database is not an error here: it is created."""
    name = describe_server(url)
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return None
    if "alembic_version" not in tables or "app_meta" not in tables:
        raise ServerError(
            public_url(url),
            f"{name} holds tables made by another program, not a Programme Tracker programme. "
            "It has not been changed.",
        )
    revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    if revision not in migrate.known_revisions():
        raise ServerError(
            public_url(url),
            f"{name} was written by a newer version of Programme Tracker (format {revision}); "
            f"this version reads formats up to {migrate.head_revision()}. It has not been "
            "changed: please open it with the newer version.",
        )
    return str(revision)


def check_server_schema(url: str, connection: Connection) -> None:
    """Every table and column of the models is there (``app/store/schemacheck.py`` for files),
    read in one query of the information schema."""
    from app.store.models import Base

    name = describe_server(url)
    present: dict[str, set[str]] = {}
    for table_name, column_name in connection.execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema()"
        )
    ):
        present.setdefault(str(table_name), set()).add(str(column_name))
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            raise ServerError(
                public_url(url),
                f"{name} is damaged: its table “{table.name}” is missing (was it changed with "
                "another program?). It has not been changed.",
            )
        for column in table.columns:
            if column.name not in present[table.name]:
                raise ServerError(
                    public_url(url),
                    f"{name} is damaged: the column “{column.name}” of its table "
                    f"“{table.name}” is missing (was it changed with another program?). "
                    "It has not been changed.",
                )


def advance_sequences(connection: Connection, tables: Iterable[Any]) -> None:
    """Move each table's id sequence past the ids written into it explicitly (a copy keeps
    every row's id), so the next row the engine numbers does not collide with them."""
    for table in tables:
        if "id" not in table.c or not table.c.id.autoincrement:
            continue
        sequence = connection.scalar(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
        )
        if sequence is None:
            continue
        connection.execute(
            text(
                f'SELECT setval(:sequence, COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1,'
                " false)"
            ),
            {"sequence": sequence},
        )


def next_ids(connection: Connection, table_name: str, count: int) -> list[int]:
    """``count`` new ids for ``table_name`` from its sequence, in one round trip."""
    rows = connection.execute(
        text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
        {"table": table_name, "n": count},
    )
    return [int(row[0]) for row in rows]


def refuse_non_empty(url: str, connection: Connection) -> None:
    if inspect(connection).get_table_names():
        raise ServerError(
            public_url(url),
            f"{describe_server(url)} already holds tables, so a programme cannot be made in it. "
            "Nothing was written: give an empty database.",
        )


def open_engine(url: str, *, read_only: bool) -> Engine:
    """An engine on a server database that holds a programme at the head revision: checked
    (ours, not newer, every table and column there) and upgraded first when older, in one
    transaction under the write lock, unless opened read-only."""
    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            revision = inspect_server(url, connection)
        name = describe_server(url)
        if revision is None:
            raise ServerError(
                public_url(url),
                f"{name} holds no programme yet. Copy one to it with "
                "“python -m app copy FILE.ptdb URL”.",
            )
        if revision != migrate.head_revision():
            if read_only:
                raise ServerError(
                    public_url(url),
                    f"{name} was made by an older version of Programme Tracker and must be "
                    "upgraded before it can be opened, but it was opened read-only, as asked. "
                    "It has not been changed.",
                )
            with engine.connect() as connection:
                connection = connection.execution_options(begin="IMMEDIATE")
                with connection.begin():
                    if inspect_server(url, connection) != migrate.head_revision():
                        migrate.upgrade(connection)
        with engine.connect() as connection:
            check_server_schema(url, connection)
    except exc.DBAPIError as error:
        engine.dispose()
        raise connect_problem(url, error) from error
    except BaseException:
        engine.dispose()
        raise
    return engine


def initialise(url: str, fill: Callable[[Connection], None] | None = None) -> None:
    """Make the schema of a new programme in an empty database (the server's File ▸ New):
    all or nothing, in one transaction; a database that holds any table is refused. ``fill``
    writes the rows of a copied programme in that same transaction."""
    from app.store.newfile import seed

    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(begin="IMMEDIATE")
            with connection.begin():
                refuse_non_empty(url, connection)
                migrate.upgrade(connection)
                seed(connection, shared_schemes=False)
                if fill is not None:
                    fill(connection)
    except exc.DBAPIError as error:
        raise connect_problem(url, error) from error
    finally:
        engine.dispose()


def check_reachable(url: str) -> None:
    """Can the server be reached, and does the database hold a programme of ours that this
    version reads? ``python -m app URL`` asks before the window starts, as it checks a file."""
    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            revision = inspect_server(url, connection)
    except exc.DBAPIError as error:
        raise connect_problem(url, error) from error
    finally:
        engine.dispose()
    if revision is None:
        raise ServerError(
            public_url(url),
            f"{describe_server(url)} holds no programme yet. Copy one to it with "
            "“python -m app copy FILE.ptdb URL”.",
        )


def server_url(host: str, port: int | str, database: str, user: str, password: str = "") -> str:
    """The URL of a server database from the parts File ▸ Open Server… asks for, each
    checked, with the password (when given) in it for the connection only: ``public_url``
    and ``describe_server`` never show it."""
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host:
        raise ValidationError("Give the server’s name (for example db.council.gov.uk).")
    if not database:
        raise ValidationError("Give the name of the database that holds the programme.")
    try:
        number = int(str(port).strip() or "5432")
    except ValueError:
        number = 0
    if not 1 <= number <= 65535:
        raise ValidationError(f"“{port}” is not a port: give a number from 1 to 65,535 (5432).")
    return URL.create(
        "postgresql",
        username=user or None,
        password=password or None,
        host=host,
        port=number,
        database=database,
    ).render_as_string(hide_password=False)


def holds_nothing(url: str) -> bool:
    """Whether the server database has no table at all: a new programme may be made in it."""
    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            return inspect_server(url, connection) is None
    except exc.DBAPIError as error:
        raise connect_problem(url, error) from error
    finally:
        engine.dispose()
