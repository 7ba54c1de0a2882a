"""The cover sheet's grid: categorisation, tracking dates, background papers, proper officer.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("report") as batch:
        batch.add_column(sa.Column("categories", sa.String(200), nullable=True))
        batch.add_column(sa.Column("proper_officer", sa.String(300), nullable=True))
        batch.add_column(sa.Column("proper_officer_role", sa.String(300), nullable=True))
    op.create_table(
        "report_tracking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.String(40), nullable=False),
        sa.Column("written", sa.String(100), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["report.id"],
            name="fk_report_tracking_report_id_report",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_report_tracking"),
        sa.UniqueConstraint("report_id", "body", name="uq_report_tracking_report_id_body"),
    )
    op.create_table(
        "background_paper",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("meeting", sa.String(300), nullable=True),
        sa.Column("written_date", sa.String(100), nullable=True),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column("available_from", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["report.id"],
            name="fk_background_paper_report_id_report",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_background_paper"),
    )


def downgrade() -> None:
    op.drop_table("background_paper")
    op.drop_table("report_tracking")
    with op.batch_alter_table("report") as batch:
        batch.drop_column("proper_officer_role")
        batch.drop_column("proper_officer")
        batch.drop_column("categories")
