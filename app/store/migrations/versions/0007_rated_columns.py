"""Two-level status: a summary column can be a *state* whose symbols are ratings.

A council that reports "N in progress (N green, N amber, N red)" judges each action with a
state (Complete, In progress, Not started) and, for the states that need one, a rating.
Such a state is a summary column marked ``rated``; its symbols are the ratings. Existing
columns are not rated, so every file reads as before.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("summary_column") as batch_op:
        batch_op.add_column(
            sa.Column("rated", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("summary_column") as batch_op:
        batch_op.drop_column("rated")
