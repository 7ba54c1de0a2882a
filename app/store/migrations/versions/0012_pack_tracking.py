"""Pack tracking: where each update pack was written, what it held when sent, and the note
its holder left for the programme manager (kept when it is merged).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pack") as batch:
        batch.add_column(sa.Column("path", sa.String(length=1000), nullable=True))
        batch.add_column(sa.Column("sent_digest", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pack") as batch:
        batch.drop_column("note")
        batch.drop_column("sent_digest")
        batch.drop_column("path")
