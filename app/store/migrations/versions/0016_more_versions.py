"""The rest of the rows a person edits carry a version too: the settings (schemes, summary
columns, symbols, the programme, levels, kinds), people, pledges, dependencies, the
documents' rows and the structure's sections and indicator groups, so that every edit made in
the window can tell that someone else changed its row since it was read (issue 20).

Not versioned, because nobody edits them in place: pack and pack_item (written once when a
pack is made, stamped when merged), change_log (appended only), server_person (a login's
link, set by the server set-up), import_mapping (replaced whole by an import),
period_snapshot (written once when a period is published) and app_meta.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# Kept here as written, not imported from the models: a migration must build the same schema
# whatever the models later become.
TABLES = (
    "symbol_scheme",
    "summary_column",
    "symbol",
    "programme",
    "level",
    "item_kind",
    "responsible",
    "pledge",
    "dependency",
    "outcome",
    "recommendation",
    "contact",
    "report_tracking",
    "background_paper",
    "section",
    "kpi_group",
)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
