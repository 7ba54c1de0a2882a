"""Who each server login is: a manager, or a service lead for one responsible person
(issue 20, part 4). The table exists on files too, empty, so both engines keep one schema.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_person",
        sa.Column("login", sa.String(63), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("role IN ('manager', 'lead')", name="ck_server_person_role_valid"),
        sa.ForeignKeyConstraint(
            ["responsible_id"],
            ["responsible.id"],
            name="fk_server_person_responsible_id_responsible",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("login", name="pk_server_person"),
    )
    op.create_index("ix_server_person_responsible_id", "server_person", ["responsible_id"])


def downgrade() -> None:
    op.drop_index("ix_server_person_responsible_id", "server_person")
    op.drop_table("server_person")
