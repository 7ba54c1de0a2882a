"""Shared fixtures: a fresh real SQLite file per test; the demo written once per session.

A test module marked ``pytest.mark.both_engines`` runs each test that takes ``db`` or
``demo`` twice: on a file, and on a fresh database of the throw-away PostgreSQL server
(tests/servers.py; skipped, saying why, when no server was started)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PROGRAMME_TRACKER_USER"] = "Test User"

from app.store.database import Database

ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("both_engines") is None:
        return
    for name in ("db", "demo"):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, ENGINES, indirect=True)


@pytest.fixture(scope="session")
def server_template() -> Iterator[str]:
    """A server database holding a new programme's schema, copied for each test."""
    from app.store import server

    import servers

    name = servers.create_database()
    server.initialise(servers.url_of(name))
    yield name
    servers.drop_database(name)


@pytest.fixture(scope="session")
def server_demo_template(demo_master: Path) -> Iterator[str]:
    """A server database holding the demo programmes, copied from the demo file once."""
    from app.store.transfer import copy_programme

    import servers

    name = servers.create_database()
    with Database.open(demo_master, read_only=True) as source:
        copy_programme(source, servers.url_of(name)).close()
    yield name
    servers.drop_database(name)


@pytest.fixture
def server_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh server database holding a new, empty programme schema."""
    import servers

    servers.require_server()
    with servers.fresh_database(request.getfixturevalue("server_template")) as url:
        yield url


@pytest.fixture
def empty_server_url() -> Iterator[str]:
    """A fresh server database with nothing in it: a target to copy a programme to."""
    import servers

    servers.require_server()
    with servers.fresh_database() as url:
        yield url


@pytest.fixture
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if getattr(request, "param", "sqlite") == "postgresql":
        database = Database.open(request.getfixturevalue("server_url"))
    else:
        database = Database.create(tmp_path / "test.ptdb")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.ptdb"
    write_demo(path).close()
    return path


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.ptdb"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture
def demo(request: pytest.FixtureRequest) -> Iterator[Database]:
    if getattr(request, "param", "sqlite") == "postgresql":
        import servers

        servers.require_server()
        template = request.getfixturevalue("server_demo_template")
        with servers.fresh_database(template) as url:
            database = Database.open(url)
            yield database
            database.close()
        return
    database = Database.open(request.getfixturevalue("demo_path"))
    yield database
    database.close()


@pytest.fixture(scope="session", autouse=True)
def _qt_application(qapp):
    """One QApplication for the whole run, made first: the PDF renderer would otherwise
    start a QGuiApplication (it needs no widgets), and widget tests cannot run on that."""
    return qapp


@pytest.fixture(autouse=True)
def _new_generation() -> None:
    """A dialog waiter left by an earlier test (helpers.when_modal) stops acting."""
    import helpers

    helpers.GENERATION[0] += 1
