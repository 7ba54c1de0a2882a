"""Schema migrations: a file made at the first revision is backed up and upgraded on open."""

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, select

from app.store.database import Database, create_file
from app.store.migrate import head_revision
from app.store.models import Base, Item, Judgement, Programme, Symbol


def make_first_revision_file(path):
    """A file as version 0001 wrote it, with a programme, two items and a judgement."""
    create_file(path, "0001")
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys = ON")
    scheme = raw.execute(
        "SELECT id FROM symbol_scheme WHERE name = 'Judgement of progress'"
    ).fetchone()[0]
    raw.execute(
        "INSERT INTO programme (id, name, progress_scheme_id) VALUES (1, 'Old plan', ?)", (scheme,)
    )
    raw.execute(
        'INSERT INTO period (id, programme_id, label, start, "end", financial_year, '
        "quarter) VALUES (1, 1, 'Quarter 1 2009/10', '2009-04-01', '2009-06-30', 2009, 1)"
    )
    raw.execute(
        "INSERT INTO item (id, programme_id, parent_id, position, title) VALUES "
        "(1, 1, NULL, 0, 'Objective'), (2, 1, 1, 0, 'Action')"
    )
    symbol = raw.execute(
        "SELECT id FROM symbol WHERE scheme_id = ? AND glyph = '▲'", (scheme,)
    ).fetchone()[0]
    raw.execute("INSERT INTO judgement (item_id, period_id, symbol_id) VALUES (2, 1, ?)", (symbol,))
    raw.commit()
    columns = [row[1] for row in raw.execute("PRAGMA table_info(programme)")]
    raw.close()
    assert "kpi_scheme_id" not in columns
    return path


def test_first_revision_file_is_backed_up_and_upgraded(tmp_path):
    path = make_first_revision_file(tmp_path / "plan.ptdb")
    original = path.read_bytes()
    with Database.open(path) as db:
        assert db.backup_path is not None
        assert db.backup_path.name.startswith("plan.before-upgrade-0001-")
        assert db.backup_path.suffix == ".ptdb"
        # The backup is the old file, still at revision 0001, with its data.
        backup = sqlite3.connect(db.backup_path)
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert backup.execute("SELECT count(*) FROM item").fetchone()[0] == 2
        backup.close()
        with db.reader() as session:
            programme = session.scalar(select(Programme))
            assert programme.name == "Old plan"
            assert programme.kpi_scheme_id is None  # added by 0002
            assert programme.kpi_tolerance == 5.0  # added by 0003, with its default
            glyph = session.scalar(
                select(Symbol.glyph)
                .join(Judgement, Judgement.symbol_id == Symbol.id)
                .where(Judgement.item_id == 2)
            )
            assert glyph == "▲"
            assert session.scalar(select(Item.title).where(Item.id == 2)) == "Action"
        assert db.integrity_check() == "ok"
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
    assert len(original) > 0


def test_upgraded_file_opens_again_without_another_backup(tmp_path):
    path = make_first_revision_file(tmp_path / "plan.ptdb")
    Database.open(path).close()
    with Database.open(path) as again:
        assert again.backup_path is None
    assert len(list(tmp_path.glob("plan.before-upgrade-*"))) == 1


def test_migrations_build_exactly_the_models_schema(tmp_path):
    path = tmp_path / "fresh.ptdb"
    create_file(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_revision_chain_read_from_scripts_matches_alembic():
    from alembic.script import ScriptDirectory

    from app.store.migrate import _config, _revisions, head_revision, known_revisions

    alembic_view = ScriptDirectory.from_config(_config())
    assert head_revision() == alembic_view.get_current_head()
    assert known_revisions() == {r.revision for r in alembic_view.walk_revisions()}
    assert _revisions() == {r.revision: r.down_revision for r in alembic_view.walk_revisions()}
