"""Shared fixtures: a fresh real SQLite file per test; the demo written once per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PROGRAMME_TRACKER_USER"] = "Test User"

from app.store.database import Database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
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
def demo(demo_path: Path) -> Iterator[Database]:
    database = Database.open(demo_path)
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
