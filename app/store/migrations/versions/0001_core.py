"""Core tracker: programmes, periods, the item tree, milestones, updates, judgements, symbol schemes, change log.

Revision ID: 0001
Revises: None
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_meta")),
    )
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("operation", sa.String(length=100), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=100), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_log_batch"), ["batch"], unique=False)
        batch_op.create_index("ix_change_log_entity", ["entity", "entity_id"], unique=False)
    op.create_table(
        "responsible",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responsible")),
        sa.UniqueConstraint("name", name=op.f("uq_responsible_name")),
    )
    op.create_table(
        "symbol_scheme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_symbol_scheme")),
        sa.UniqueConstraint("name", name=op.f("uq_symbol_scheme_name")),
    )
    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("progress_scheme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["progress_scheme_id"],
            ["symbol_scheme.id"],
            name=op.f("fk_programme_progress_scheme_id_symbol_scheme"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
        sa.UniqueConstraint("name", name=op.f("uq_programme_name")),
    )
    op.create_table(
        "symbol",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("glyph", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("meaning", sa.String(length=500), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("shortcut", sa.String(length=1), nullable=False),
        sa.CheckConstraint(
            "category IN ('completed', 'on_track', 'behind', 'unknown')",
            name=op.f("ck_symbol_category_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["scheme_id"],
            ["symbol_scheme.id"],
            name=op.f("fk_symbol_scheme_id_symbol_scheme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_symbol")),
        sa.UniqueConstraint("scheme_id", "glyph", name=op.f("uq_symbol_scheme_id_glyph")),
        sa.UniqueConstraint("scheme_id", "shortcut", name=op.f("uq_symbol_scheme_id_shortcut")),
    )
    op.create_table(
        "item_kind",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("plural", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_item_kind_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_kind")),
        sa.UniqueConstraint("programme_id", "name", name=op.f("uq_item_kind_programme_id")),
    )
    op.create_table(
        "level",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_level_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_level")),
        sa.UniqueConstraint("programme_id", "depth", name=op.f("uq_level_programme_id")),
    )
    op.create_table(
        "period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("financial_year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.String(length=40), nullable=True),
        sa.Column("published_by", sa.String(length=200), nullable=True),
        sa.CheckConstraint('start <= "end"', name=op.f("ck_period_dates_ordered")),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_period_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period")),
        sa.UniqueConstraint("programme_id", "label", name=op.f("uq_period_programme_id")),
    )
    op.create_table(
        "item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=200), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("kind_id", sa.Integer(), nullable=True),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["kind_id"],
            ["item_kind.id"],
            name=op.f("fk_item_kind_id_item_kind"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["item.id"], name=op.f("fk_item_parent_id_item"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_item_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_id"],
            ["responsible.id"],
            name=op.f("fk_item_responsible_id_responsible"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item")),
    )
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_item_responsible_id"), ["responsible_id"], unique=False
        )
        batch_op.create_index(
            "ix_item_tree", ["programme_id", "parent_id", "position"], unique=False
        )
    op.create_table(
        "judgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("symbol_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("fk_judgement_item_id_item"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name=op.f("fk_judgement_period_id_period"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["symbol_id"], ["symbol.id"], name=op.f("fk_judgement_symbol_id_symbol")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_judgement")),
        sa.UniqueConstraint("item_id", "period_id", name=op.f("uq_judgement_item_id")),
    )
    with op.batch_alter_table("judgement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_judgement_period_id"), ["period_id"], unique=False)
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("due_text", sa.String(length=200), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("due_precision", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "due_precision IN ('day', 'month', 'season', 'quarter', 'year', 'financial_year', 'none')",
            name=op.f("ck_milestone_due_precision_valid"),
        ),
        sa.CheckConstraint("status IN ('open', 'reached')", name=op.f("ck_milestone_status_valid")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("fk_milestone_item_id_item"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_milestone_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone")),
    )
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index(
            "ix_milestone_owner", ["programme_id", "item_id", "position"], unique=False
        )
    op.create_table(
        "progress_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading", sa.String(length=500), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["item.id"],
            name=op.f("fk_progress_update_item_id_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name=op.f("fk_progress_update_period_id_period"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_update")),
    )
    with op.batch_alter_table("progress_update", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_progress_update_period_id"), ["period_id"], unique=False
        )
        batch_op.create_index(
            "ix_update_item_period", ["item_id", "period_id", "position"], unique=False
        )


def downgrade() -> None:
    op.drop_table("progress_update")
    op.drop_table("milestone")
    op.drop_table("judgement")
    op.drop_table("item")
    op.drop_table("period")
    op.drop_table("level")
    op.drop_table("item_kind")
    op.drop_table("symbol")
    op.drop_table("programme")
    op.drop_table("symbol_scheme")
    op.drop_table("responsible")
    op.drop_table("change_log")
    op.drop_table("app_meta")
