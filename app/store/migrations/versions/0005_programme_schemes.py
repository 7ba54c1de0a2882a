"""Symbol schemes belong to a programme: each programme gets its own copy of the schemes it
used, so editing one programme's key changes no other's; the shipped schemes become
templates in the code, and schemes no programme uses are removed.

Judgements and KPI status overrides are moved to the copy's symbol with the same position,
so every judgement keeps its glyph, name and colour.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SYMBOL_COLUMNS = "position, glyph, name, meaning, colour, category, shortcut"


def _copy_scheme(conn, scheme_id: int) -> tuple[int, dict[int, int]]:
    """A copy of the scheme and its symbols: (new scheme id, {old symbol id: new})."""
    new_id = conn.execute(
        sa.text(
            "INSERT INTO symbol_scheme (name, purpose, description) "
            "SELECT name, purpose, description FROM symbol_scheme WHERE id = :id RETURNING id"
        ),
        {"id": scheme_id},
    ).scalar_one()  # RETURNING: the cursor's lastrowid is SQLite's alone
    moved = {}
    for (old_symbol,) in conn.execute(
        sa.text("SELECT id FROM symbol WHERE scheme_id = :id ORDER BY position, id"),
        {"id": scheme_id},
    ).all():
        moved[old_symbol] = conn.execute(
            sa.text(
                f"INSERT INTO symbol (scheme_id, {SYMBOL_COLUMNS}) "
                f"SELECT :new, {SYMBOL_COLUMNS} FROM symbol WHERE id = :old RETURNING id"
            ),
            {"new": new_id, "old": old_symbol},
        ).scalar_one()  # RETURNING: the cursor's lastrowid is SQLite's alone
    return new_id, moved


def upgrade() -> None:
    with op.batch_alter_table("symbol_scheme") as batch_op:
        batch_op.drop_constraint("uq_symbol_scheme_name", type_="unique")
    conn = op.get_bind()
    claimed: set[int] = set()
    programmes = conn.execute(
        sa.text("SELECT id, progress_scheme_id, kpi_scheme_id FROM programme ORDER BY id")
    ).all()
    for programme_id, progress, kpi in programmes:
        for column, scheme_id in (("progress_scheme_id", progress), ("kpi_scheme_id", kpi)):
            if scheme_id is None:
                continue
            if scheme_id not in claimed:
                claimed.add(scheme_id)
                continue
            new_id, moved = _copy_scheme(conn, scheme_id)
            claimed.add(new_id)
            conn.execute(
                sa.text(f"UPDATE programme SET {column} = :new WHERE id = :programme"),
                {"new": new_id, "programme": programme_id},
            )
            for old_symbol, new_symbol in moved.items():
                conn.execute(
                    sa.text(
                        "UPDATE judgement SET symbol_id = :new WHERE symbol_id = :old AND "
                        "item_id IN (SELECT id FROM item WHERE programme_id = :programme)"
                    ),
                    {"new": new_symbol, "old": old_symbol, "programme": programme_id},
                )
                conn.execute(
                    sa.text(
                        "UPDATE kpi_result SET status_symbol_id = :new "
                        "WHERE status_symbol_id = :old AND indicator_id IN "
                        "(SELECT id FROM indicator WHERE programme_id = :programme)"
                    ),
                    {"new": new_symbol, "old": old_symbol, "programme": programme_id},
                )
    # A scheme no programme uses, and none of whose symbols is used, was a shipped one: the
    # templates in app/core/schemes.py replace it.
    conn.execute(
        sa.text(
            "DELETE FROM symbol_scheme WHERE id NOT IN (SELECT progress_scheme_id FROM programme) "
            "AND id NOT IN (SELECT kpi_scheme_id FROM programme WHERE kpi_scheme_id IS NOT NULL) "
            "AND id NOT IN (SELECT s.scheme_id FROM symbol s JOIN judgement j "
            "ON j.symbol_id = s.id) AND id NOT IN (SELECT s.scheme_id FROM symbol s "
            "JOIN kpi_result r ON r.status_symbol_id = s.id)"
        )
    )
    conn.execute(
        sa.text("DELETE FROM symbol WHERE scheme_id NOT IN (SELECT id FROM symbol_scheme)")
    )
    with op.batch_alter_table("programme") as batch_op:
        batch_op.create_unique_constraint("uq_programme_progress_scheme_id", ["progress_scheme_id"])
        batch_op.create_unique_constraint("uq_programme_kpi_scheme_id", ["kpi_scheme_id"])


def downgrade() -> None:
    with op.batch_alter_table("programme") as batch_op:
        batch_op.drop_constraint("uq_programme_kpi_scheme_id", type_="unique")
        batch_op.drop_constraint("uq_programme_progress_scheme_id", type_="unique")
    with op.batch_alter_table("symbol_scheme") as batch_op:
        batch_op.create_unique_constraint("uq_symbol_scheme_name", ["name"])
