"""Summary columns: each scheme's Tables 1–2 columns, named and ordered by the programme.

Every existing scheme gets the columns its symbols' categories gave before, named as the
quarterly report printed them ("Completed", "On-track", "Behind Schedule", "Unknown"), in
the order of their first symbol; each symbol is counted in the column of its category.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TITLES = {
    "completed": "Completed",
    "on_track": "On-track",
    "behind": "Behind Schedule",
    "unknown": "Unknown",
}


def upgrade() -> None:
    op.create_table(
        "summary_column",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.CheckConstraint(
            "role IN ('completed', 'on_track', 'behind', 'unknown')",
            name="ck_summary_column_role_valid",
        ),
        sa.ForeignKeyConstraint(
            ["scheme_id"],
            ["symbol_scheme.id"],
            name="fk_summary_column_scheme_id_symbol_scheme",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_summary_column"),
        sa.UniqueConstraint("scheme_id", "name", name="uq_summary_column_scheme_id_name"),
    )
    with op.batch_alter_table("symbol") as batch_op:
        batch_op.add_column(sa.Column("column_id", sa.Integer(), nullable=True))
    conn = op.get_bind()
    symbols = conn.execute(
        sa.text("SELECT id, scheme_id, category FROM symbol ORDER BY scheme_id, position, id")
    ).all()
    columns: dict[tuple[int, str], int] = {}
    for symbol_id, scheme_id, category in symbols:
        key = (scheme_id, category)
        if key not in columns:
            position = sum(1 for s, _c in columns if s == scheme_id)
            columns[key] = conn.execute(
                sa.text(
                    "INSERT INTO summary_column (scheme_id, position, name, role) "
                    "VALUES (:scheme, :position, :name, :role) RETURNING id"
                ),
                {
                    "scheme": scheme_id,
                    "position": position,
                    "name": TITLES.get(category, category),
                    "role": category,
                },
            ).scalar_one()  # RETURNING: the cursor's lastrowid is SQLite's alone
        conn.execute(
            sa.text("UPDATE symbol SET column_id = :column WHERE id = :id"),
            {"column": columns[key], "id": symbol_id},
        )
    with op.batch_alter_table("symbol") as batch_op:
        batch_op.alter_column("column_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            "fk_symbol_column_id_summary_column", "summary_column", ["column_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("symbol") as batch_op:
        batch_op.drop_constraint("fk_symbol_column_id_summary_column", type_="foreignkey")
        batch_op.drop_column("column_id")
    op.drop_table("summary_column")
