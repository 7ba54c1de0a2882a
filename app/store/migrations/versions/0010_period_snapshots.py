"""Period snapshots: a published period's report data, kept so its report is reproduced
exactly whatever changes later.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "period_snapshot",
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.String(40), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name="fk_period_snapshot_period_id_period",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("period_id", name="pk_period_snapshot"),
    )


def downgrade() -> None:
    op.drop_table("period_snapshot")
