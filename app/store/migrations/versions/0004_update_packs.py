"""Update packs: the record of packs made (programme file) and a pack's identity (pack file).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pack",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("programme_name", sa.String(300), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("period_label", sa.String(100), nullable=False),
        sa.Column("responsible_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(300), nullable=False),
        sa.Column("made_at", sa.String(40), nullable=False),
        sa.Column("made_by", sa.String(200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("merged_at", sa.String(40), nullable=True),
        sa.Column("merged_by", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_pack"),
    )
    op.create_table(
        "pack_item",
        sa.Column("pack_id", sa.String(36), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("owned", sa.Boolean(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("base", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pack_id"], ["pack.id"], name="fk_pack_item_pack_id_pack", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pack_id", "item_id", name="pk_pack_item"),
    )


def downgrade() -> None:
    op.drop_table("pack_item")
    op.drop_table("pack")
