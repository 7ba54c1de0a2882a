"""KPI status against target: the programme's tolerance (default 5% of the target).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programme") as batch_op:
        batch_op.add_column(
            sa.Column("kpi_tolerance", sa.Float(), nullable=False, server_default="5.0")
        )


def downgrade() -> None:
    with op.batch_alter_table("programme") as batch_op:
        batch_op.drop_column("kpi_tolerance")
