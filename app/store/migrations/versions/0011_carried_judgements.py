"""Carried judgements: last period's judgement kept as a starting point until confirmed.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("judgement") as batch:
        batch.add_column(
            sa.Column("carried", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("judgement") as batch:
        batch.drop_column("carried")
