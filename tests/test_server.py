"""A programme on a PostgreSQL server: one schema on both engines, opening, copying both ways.

Every test here runs on the throw-away cluster that scripts/test starts (tests/servers.py) and
skips, saying why, without one.
"""

from __future__ import annotations

import datetime as dt
import json

import psycopg
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import create_engine, func, inspect, make_url, select, text

from app.cli import run
from app.core.errors import ServerError, TrackerError
from app.interchange.programme_json import import_programme
from app.read.queries import programmes, tree_rows
from app.services import items, progress
from app.store import migrate
from app.store.database import Database
from app.store.models import Base, ChangeLogEntry, Item, Period, Programme
from app.store.server import driver_url
from app.store.transfer import copy_programme
from app.window_args import check_window_args

from helpers import find_row, shown_window, when_modal

FORMATS = ("docx", "xlsx", "html", "csv")
Q1 = "Quarter 1 2009/10"


def schema_of(engine):
    """Tables, columns (generic type, length, nullable), keys, indexes and unique
    constraints, as each engine reports them."""
    inspector = inspect(engine)
    shape = {}
    for table in inspector.get_table_names():
        columns = {}
        for column in inspector.get_columns(table):
            kind = type(column["type"].as_generic()).__name__
            # PostgreSQL's FLOAT is double precision, as SQLite's REAL always is.
            columns[column["name"]] = (
                "Float" if kind == "Double" else kind,
                getattr(column["type"], "length", None),
                column["nullable"],
            )
        shape[table] = {
            "columns": columns,
            "primary key": inspector.get_pk_constraint(table)["constrained_columns"],
            "indexes": sorted(
                (tuple(index["column_names"]), bool(index["unique"]))
                for index in inspector.get_indexes(table)
                if "duplicates_constraint" not in index
            ),
            "unique": sorted(
                tuple(unique["column_names"]) for unique in inspector.get_unique_constraints(table)
            ),
            "foreign keys": sorted(
                (
                    tuple(key["constrained_columns"]),
                    key["referred_table"],
                    tuple(key["referred_columns"]),
                    (key.get("options") or {}).get("ondelete"),
                )
                for key in inspector.get_foreign_keys(table)
            ),
        }
    return shape


def every_row(db):
    """Every row of every table, by primary key: what a copy must keep."""
    with db.reader() as session:
        return {
            table.name: [
                tuple(row) for row in session.execute(select(table).order_by(*table.primary_key))
            ]
            for table in Base.metadata.sorted_tables
        }


def test_the_migrations_make_one_schema_on_both_engines(db, server_url):
    file_engine = create_engine(f"sqlite:///{db.path}")
    server_engine = create_engine(driver_url(server_url))
    try:
        on_file, on_server = schema_of(file_engine), schema_of(server_engine)
    finally:
        file_engine.dispose()
        server_engine.dispose()
    assert sorted(on_server) == sorted(on_file)
    assert {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"} == set(on_file)
    for table, shape in on_file.items():
        assert on_server[table] == shape, table
    assert on_file["item"]["indexes"]  # the comparison compares something


def test_an_old_server_database_is_upgraded_on_opening(empty_server_url):
    """Made at revision 0004 (schemes shared by the whole database) with a programme, then
    opened: upgraded to the head in one transaction, its rows moved as a file's are."""
    from app.store.newfile import seed

    engine = create_engine(driver_url(empty_server_url))
    with engine.begin() as connection:
        migrate.upgrade(connection, "0004")
        seed(connection, shared_schemes=True)
        scheme = connection.scalar(
            text("SELECT id FROM symbol_scheme WHERE name = 'Judgement of progress'")
        )
        connection.execute(
            text("INSERT INTO programme (name, progress_scheme_id) VALUES ('Old plan', :s)"),
            {"s": scheme},
        )
    engine.dispose()
    with pytest.raises(ServerError, match="must be upgraded before it can be opened"):
        Database.open(empty_server_url, read_only=True)
    with Database.open(empty_server_url) as db, db.reader() as session:
        assert session.scalar(text("SELECT version_num FROM alembic_version")) == (
            migrate.head_revision()
        )
        programme = session.scalar(select(Programme))
        assert programme.name == "Old plan" and programme.kpi_tolerance == 5.0
        # 0005 kept the programme's scheme and removed the shipped ones nobody used.
        assert session.scalar(text("SELECT count(*) FROM symbol_scheme")) == 1
        assert session.scalar(
            text("SELECT count(*) FROM symbol WHERE scheme_id = :id"),
            {"id": programme.progress_scheme_id},
        )


def test_copy_file_to_server_to_file_keeps_every_row_and_the_exports(
    demo_path, empty_server_url, tmp_path, capsys
):
    back = tmp_path / "back.ptdb"
    assert run(["copy", str(demo_path), empty_server_url]) == 0
    assert capsys.readouterr().out == (
        f"Copied 5 programmes and 5 change-log entries to {empty_server_url}\n"
    )
    assert run(["copy", empty_server_url, str(back)]) == 0
    with (
        Database.open(demo_path, read_only=True) as original,
        Database.open(empty_server_url, read_only=True) as on_server,
        Database.open(back, read_only=True) as copied,
    ):
        rows = every_row(original)
        assert sum(map(len, rows.values())) > 800
        assert every_row(on_server) == rows
        assert every_row(copied) == rows
    for fmt in FORMATS:
        written = {}
        for name, where in (("file", demo_path), ("server", empty_server_url), ("back", back)):
            output = tmp_path / f"{name}.{fmt}"
            assert (
                run(
                    [
                        "export",
                        str(where),
                        "--programme",
                        "Chief Executive",
                        "--period",
                        Q1,
                        "--layout",
                        "quarterly",
                        "-o",
                        str(output),
                    ]
                )
                == 0
            )
            written[name] = output.read_bytes()
        assert written["server"] == written["file"], fmt
        assert written["back"] == written["file"], fmt


def test_summary_and_list_read_a_server_as_a_file(demo_path, empty_server_url, capsys):
    with Database.open(demo_path, read_only=True) as original:
        copy_programme(original, empty_server_url).close()
    capsys.readouterr()
    for programme, period in (
        ("Chief Executive", Q1),
        ("Cabinet", "November 2004"),
        ("home", "Quarter 1 2005/06"),
    ):
        said = []
        for where in (str(demo_path), empty_server_url):
            code = run(["summary", where, "--programme", programme, "--period", period, "--json"])
            said.append((code, capsys.readouterr()))
        assert said[0][0] == 0 and said[0][1].err == "", said[0][1].err
        assert said[1] == said[0]
        assert json.loads(said[0][1].out)["columns"]
    assert run(["list", str(demo_path)]) == 0
    on_file = capsys.readouterr().out
    assert run(["list", empty_server_url]) == 0
    on_server = capsys.readouterr().out
    assert on_server.startswith(f"{empty_server_url}: 5 programmes\n")
    assert on_server.split("\n", 1)[1] == on_file.split("\n", 1)[1]


def test_the_tree_reads_the_same_on_both_engines(demo_path, empty_server_url):
    with Database.open(demo_path, read_only=True) as original:
        copy_programme(original, empty_server_url).close()
    with (
        Database.open(demo_path, read_only=True) as on_file,
        Database.open(empty_server_url, read_only=True) as on_server,
    ):
        with on_file.reader() as session:
            listed = programmes(session)
        assert len(listed) == 5
        for programme in listed:
            read = []
            for db in (on_file, on_server):
                with db.reader() as session:
                    periods = session.scalars(
                        select(Period.id).where(Period.programme_id == programme.id)
                    ).all()
                    read.append(
                        [tree_rows(session, programme.id, p, dt.date(2009, 8, 17)) for p in periods]
                    )
            assert read[1] == read[0]
            assert any(row.next_due_date for rows in read[0] for row in rows) or (
                programme.id != listed[0].id
            )


def test_an_import_takes_its_ids_from_the_server(server_url):
    """An import plans its rows' ids before writing them: on a server they come from the
    tables' sequences, so the next row the engine numbers does not collide with them."""
    with Database.open(server_url) as server:
        first = import_programme(server, tiny_spec("First plan")).ids[0]
        second = import_programme(server, tiny_spec("Second plan")).ids[0]
        added = items.add_item(server, second, None, "Added after two imports").ids[0]
        with server.reader() as session:
            ids = session.scalars(select(Item.id).order_by(Item.id)).all()
        assert len(ids) == len(set(ids)) == 5 and added == max(ids)
        assert first != second


def tiny_spec(name):
    return {
        "format": "programme-tracker/programme@1",
        "name": name,
        "quarters_for_years": [2009],
        "items": [{"title": "Objective", "children": [{"title": "Action"}]}],
    }


def test_a_copy_continues_numbering_after_the_copied_ids(demo_path, empty_server_url):
    with Database.open(demo_path, read_only=True) as original:
        copied = copy_programme(original, empty_server_url)
    with copied:
        with copied.reader() as session:
            programme_id = session.scalar(select(Programme.id).order_by(Programme.id))
            highest = session.scalar(select(func.max(Item.id)))
            batches = session.scalar(select(func.max(ChangeLogEntry.batch)))
        added = items.add_item(copied, programme_id, None, "New after the copy").ids[0]
        assert added > highest
        with copied.reader() as session:
            assert session.scalar(select(func.max(ChangeLogEntry.batch))) == batches + 1


def test_a_server_target_must_be_empty_and_is_left_as_it_was(demo_path, server_url, capsys):
    before = _tables(server_url)
    assert run(["copy", str(demo_path), server_url]) == 2
    assert "already holds tables, so a programme cannot be made in it" in capsys.readouterr().err
    assert _tables(server_url) == before
    with Database.open(server_url) as db, db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Programme)) == 0


def test_a_file_target_is_replaced_only_when_asked(demo_path, server_url, tmp_path, capsys):
    target = tmp_path / "there.ptdb"
    target.write_bytes(b"keep me")
    assert run(["copy", server_url, str(target)]) == 2
    assert "already exists; give --force" in capsys.readouterr().err
    assert target.read_bytes() == b"keep me"
    assert run(["copy", server_url, str(target), "--force"]) == 0
    with Database.open(target, read_only=True) as db:
        assert db.integrity_check() == "ok"


def test_what_is_not_a_programme_is_refused_by_name(empty_server_url, capsys):
    assert run(["list", empty_server_url]) == 2
    name = empty_server_url.rsplit("/", 1)[1]
    assert capsys.readouterr().err == (
        f"programme-tracker: “{name}” on 127.0.0.1 holds no programme yet. Copy one to it "
        "with “python -m app copy FILE.ptdb URL”.\n"
    )
    with psycopg.connect(empty_server_url, autocommit=True) as raw:
        raw.execute("CREATE TABLE invoices (id integer)")
    assert run(["list", empty_server_url]) == 2
    assert "holds tables made by another program" in capsys.readouterr().err
    unreachable = empty_server_url.replace(name, "no_such_database")
    with pytest.raises(TrackerError, match=r"cannot be opened: .*no_such_database"):
        Database.open(unreachable)


def test_read_only_server_refuses_writes(server_url):
    with Database.open(server_url, read_only=True) as server:
        assert server.read_only
        with pytest.raises(ServerError, match="was opened read-only, as asked"):
            items.add_item(server, 1, None, "Nothing")


def test_window_opens_a_server_programme_and_saves_each_key(
    qtbot, demo_path, empty_server_url, tmp_path
):
    with Database.open(demo_path, read_only=True) as original:
        copy_programme(original, empty_server_url).close()
    name = empty_server_url.rsplit("/", 1)[1]
    db = Database.open(empty_server_url)
    try:
        window = shown_window(qtbot, db, tmp_path, ("model", "proxy"))
        assert window.windowTitle() == f"“{name}” on 127.0.0.1 – Programme Tracker"
        row = find_row(window, "Audit, and gap analysis")
        window.tree.select_item(window.proxy.mapFromSource(window.model.index_for(row.id)))
        window.tree.setFocus()
        qtbot.wait(1)
        qtbot.keyClick(window.tree, Qt.Key.Key_B)
        assert judgement_on_server(empty_server_url, row.id) == "▲"
        assert window.model.row_for(row.id).glyph == "▲"
        qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.model.row_for(row.id).glyph == "●"
        assert judgement_on_server(empty_server_url, row.id) == "●"
        window.close()
    finally:
        db.close()


def judgement_on_server(url, item_id):
    """What another connection reads: the edit is committed, not just shown."""
    with psycopg.connect(url) as raw:
        found = raw.execute(
            "SELECT s.glyph FROM judgement j JOIN symbol s ON s.id = j.symbol_id "
            "JOIN period p ON p.id = j.period_id WHERE j.item_id = %s AND p.label = %s",
            (item_id, Q1),
        ).fetchone()
    return found[0] if found else None


def _tables(url):
    with psycopg.connect(url) as raw:
        return sorted(
            row[0]
            for row in raw.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema()"
            )
        )


def test_judging_on_a_server_logs_as_on_a_file(server_url):
    with Database.open(server_url) as server:
        import_programme(server, tiny_spec("Judged plan"))
        with server.reader() as session:
            action = session.scalar(select(Item.id).where(Item.parent_id.is_not(None)))
            period = session.scalar(select(Period.id).order_by(Period.start))
        progress.set_judgement(server, action, period, "●")
        progress.set_judgement(server, action, period, "▲")
        with server.reader() as session:
            logged = session.execute(
                select(ChangeLogEntry.batch, ChangeLogEntry.new_value)
                .where(ChangeLogEntry.entity == "judgement")
                .order_by(ChangeLogEntry.id)
            ).all()
        assert [value for _batch, value in logged] == ["●", "▲"]
        assert logged[0].batch < logged[1].batch


def test_save_a_copy_of_a_server_programme_as_a_file(demo_path, empty_server_url, tmp_path):
    with Database.open(demo_path, read_only=True) as original:
        copy_programme(original, empty_server_url).close()
        rows = every_row(original)
    target = tmp_path / "saved.ptdb"
    with Database.open(empty_server_url) as server:
        assert server.save_copy(target) == target
    with Database.open(target, read_only=True) as saved:
        assert every_row(saved) == rows
        assert saved.integrity_check() == "ok"


def test_the_window_command_checks_a_server_before_qt_starts(demo_path, empty_server_url, capsys):
    from app.__main__ import main

    name = empty_server_url.rsplit("/", 1)[1]
    assert main([empty_server_url]) == 2
    assert capsys.readouterr().err == (
        f"programme-tracker: “{name}” on 127.0.0.1 holds no programme yet. Copy one to it "
        "with “python -m app copy FILE.ptdb URL”.\n"
    )
    with Database.open(demo_path, read_only=True) as original:
        copy_programme(original, empty_server_url).close()
    check_window_args([empty_server_url])  # passes: reachable, and a programme of ours


def test_file_open_server_opens_a_server_programme_from_the_window(
    qtbot, db, demo_path, empty_server_url, tmp_path
):
    """File ▸ Open Server…: the parts typed, a wrong port refused in the dialog, then the
    window on the server's programme; the password is not remembered, the rest is."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication

    from app.store.server import public_url

    with Database.open(demo_path, read_only=True) as original:
        copy_programme(original, empty_server_url).close()
    parts = make_url(empty_server_url)
    window = shown_window(qtbot, db, tmp_path)
    seen = []

    def fill(dialog):
        for field, value in (
            (dialog.host, parts.host),
            (dialog.port, "not a port"),
            (dialog.database, parts.database),
            (dialog.user, parts.username),
            (dialog.password, "secret"),
        ):
            field.selectAll()
            qtbot.keyClicks(field, value)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        seen.append(dialog.error.text())
        dialog.port.selectAll()
        qtbot.keyClicks(dialog.port, str(parts.port))
        seen.append(dialog.where.text())
        qtbot.keyClick(dialog.port, Qt.Key.Key_Return)

    when_modal(fill)
    window.findChild(QAction, "openServer").trigger()
    assert seen == [
        "“not a port” is not a port: give a number from 1 to 65,535 (5432).",
        f"Opens {public_url(empty_server_url)}",
    ]
    qtbot.waitUntil(lambda: window.db is not None and window.db.is_server)
    assert window.windowTitle() == (f"“{parts.database}” on {parts.host} – Programme Tracker")
    assert window.programme_box.count() == 5
    assert window.files.recent_files()[0] == public_url(empty_server_url)  # Open Recent
    settings = window.settings
    assert settings.value("server/database") == parts.database
    assert "secret" not in repr({key: settings.value(key) for key in settings.allKeys()})
    assert QApplication.activeModalWidget() is None
    window.close()


def test_the_demo_is_written_to_a_file_not_a_server(empty_server_url, capsys):
    assert run(["demo", empty_server_url]) == 2
    assert capsys.readouterr().err == (
        "programme-tracker: demo writes a file. To put the demo on a server, write it to a "
        "file and copy it: “programme-tracker demo demo.ptdb” then “programme-tracker copy "
        "demo.ptdb URL”.\n"
    )
    assert _tables(empty_server_url) == []


def test_a_tracker_is_imported_into_an_empty_server_database(empty_server_url, tmp_path, capsys):
    """``import --new-programme`` makes the programme's schema in an empty database, as it
    makes a new file, and the programme is then read back from the server."""
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(
        "Objective,Action,Responsibility,Status\n"
        "Better housing,Build 100 homes,Head of Housing,Green\n"
        "Better housing,Repair roofs,Head of Housing,Red\n",
        encoding="utf-8",
    )
    new = ["--new-programme", "Housing Plan", "--period", "Q1 2025/26"]
    assert run(["import", empty_server_url, str(tracker), *new]) == 0
    assert capsys.readouterr().out.endswith("Imported 7 changes.\n")
    assert (
        run(["summary", empty_server_url, "--programme", "housing", "--period", "Q1 2025/26"]) == 0
    )
    assert "Housing Plan\nQuarter 1 2025/26\n" in capsys.readouterr().out
    with Database.open(empty_server_url, read_only=True) as db, db.reader() as session:
        assert session.scalars(select(Item.title).order_by(Item.id)).all() == [
            "Better housing",
            "Build 100 homes",
            "Repair roofs",
        ]


def test_writes_queue_on_the_write_lock_and_a_long_wait_says_so(server_url, monkeypatch):
    """Two writers take turns, as on a file: while another connection holds the write lock an
    edit waits, then is refused with a sentence (reads go on meanwhile); once it is free the
    edit is saved."""
    from app.store import server

    monkeypatch.setattr(server, "LOCK_TIMEOUT_SECONDS", 0.3)
    with Database.open(server_url) as db:
        programme = import_programme(db, tiny_spec("Queued plan")).ids[0]
        name = server_url.rsplit("/", 1)[1]
        holder = psycopg.connect(server_url)
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (server.WRITE_LOCK_KEY,))
        with pytest.raises(ServerError) as refused:
            items.add_item(db, programme, None, "Waited too long")
        assert str(refused.value) == (
            f"“{name}” on 127.0.0.1 is busy: someone else has been saving a change for more "
            "than 0.3 seconds. Your change was not saved; please try again."
        )
        with db.reader() as session:
            assert session.scalar(select(func.count()).select_from(Item)) == 2
        holder.rollback()
        holder.close()
        items.add_item(db, programme, None, "Saved once the lock was free")
        with db.reader() as session:
            assert session.scalar(select(func.count()).select_from(Item)) == 3


def test_a_password_is_never_shown_or_remembered():
    """What the title bar, the settings and the messages are made from (no server needed)."""
    from app.store.locations import describe_server
    from app.store.server import public_url, server_url

    typed = server_url("db.council.gov.uk", "5433", "programmes", "manager", "s3cret:/@")
    assert "s3cret" in typed  # for the connection itself
    assert public_url(typed) == "postgresql://manager@db.council.gov.uk:5433/programmes"
    assert public_url("postgres://a:b@h/d?sslmode=require") == "postgresql://a@h/d?sslmode=require"
    assert describe_server(typed) == "“programmes” on db.council.gov.uk"


def test_file_copy_to_server_copies_the_open_file_into_an_empty_database(
    qtbot, demo, empty_server_url, tmp_path
):
    from PySide6.QtGui import QAction

    parts = make_url(empty_server_url)
    window = shown_window(qtbot, demo, tmp_path)
    seen = []

    def fill(dialog):
        seen.append(dialog.windowTitle())
        for field, value in (
            (dialog.host, parts.host),
            (dialog.port, str(parts.port)),
            (dialog.database, parts.database),
            (dialog.user, parts.username),
        ):
            field.selectAll()
            qtbot.keyClicks(field, value)
        seen.append(dialog.where.text())
        qtbot.keyClick(dialog.user, Qt.Key.Key_Return)

    when_modal(fill)
    window.findChild(QAction, "copyToServer").trigger()
    assert seen == [
        "Copy the programmes to a server",
        f"Copies to {empty_server_url}",
    ]
    assert window.statusBar().currentMessage() == (
        f"Copied to “{parts.database}” on {parts.host}: File ▸ Open Server… opens it there."
    )
    assert window.db is demo  # the window stays on the file
    with Database.open(empty_server_url, read_only=True) as copied:
        assert every_row(copied) == every_row(demo)
    window.close()
