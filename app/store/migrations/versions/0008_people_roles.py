"""People: a role beside each name ("Jane Smith", Head of Customer Services).

The People list (Programme ▸ People…) shows and edits who is responsible for what; a role
lets a council keep both the person and the post they hold. Existing people have none, so
every file reads as before.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("responsible") as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("responsible") as batch_op:
        batch_op.drop_column("role")
