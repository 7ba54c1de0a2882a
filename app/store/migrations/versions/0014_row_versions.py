"""Every editable row carries a version, bumped on each write of it, so that an edit made on
what a person last saw can tell whether someone else has changed the row since (issue 20).

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# Kept here as written, not imported from the models: a migration must build the same schema
# whatever the models later become. (0016 versions the rest.)
TABLES = (
    "item",
    "milestone",
    "judgement",
    "progress_update",
    "indicator",
    "kpi_target",
    "kpi_outturn",
    "kpi_national_average",
    "kpi_result",
    "period",
    "report",
    "report_field",
)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
