"""Document structures and KPIs: pledges, dependencies, outcomes, recommendations, contacts, reports, indicators; programme.kpi_scheme_id.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programme") as batch_op:
        batch_op.add_column(sa.Column("kpi_scheme_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_programme_kpi_scheme_id_symbol_scheme"),
            "symbol_scheme",
            ["kpi_scheme_id"],
            ["id"],
        )
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("email", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_contact_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    op.create_table(
        "kpi_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=True),
        sa.CheckConstraint(
            "category IS NULL OR category IN ('laa', 'national', 'local')",
            name=op.f("ck_kpi_group_category_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["kpi_group.id"],
            name=op.f("fk_kpi_group_parent_id_kpi_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_kpi_group_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_group")),
    )
    op.create_table(
        "outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_outcome_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome")),
    )
    op.create_table(
        "pledge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_pledge_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledge")),
        sa.UniqueConstraint("programme_id", "number", name=op.f("uq_pledge_programme_id")),
    )
    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.Column("polarity", sa.String(length=10), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.CheckConstraint(
            "polarity IS NULL OR polarity IN ('higher', 'lower')",
            name=op.f("ck_indicator_polarity_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["kpi_group.id"],
            name=op.f("fk_indicator_group_id_kpi_group"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_indicator_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_id"],
            ["responsible.id"],
            name=op.f("fk_indicator_responsible_id_responsible"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
    )
    op.create_table(
        "recommendation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("applies_to", sa.String(length=300), nullable=True),
        sa.Column("period_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name=op.f("fk_recommendation_period_id_period"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_recommendation_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation")),
    )
    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("meeting", sa.String(length=300), nullable=True),
        sa.Column("report_date", sa.Date(), nullable=True),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name=op.f("fk_report_period_id_period"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_report_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
    )
    op.create_table(
        "dependency",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("depends_on_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("item_id <> depends_on_id", name=op.f("ck_dependency_not_self")),
        sa.ForeignKeyConstraint(
            ["depends_on_id"],
            ["item.id"],
            name=op.f("fk_dependency_depends_on_id_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("fk_dependency_item_id_item"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("item_id", "depends_on_id", name=op.f("pk_dependency")),
    )
    op.create_table(
        "item_pledge",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("fk_item_pledge_item_id_item"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["pledge_id"],
            ["pledge.id"],
            name=op.f("fk_item_pledge_pledge_id_pledge"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "pledge_id", name=op.f("pk_item_pledge")),
    )
    op.create_table(
        "kpi_national_average",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("financial_year", sa.Integer(), nullable=False),
        sa.Column("value_text", sa.String(length=200), nullable=False),
        sa.Column("value_number", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_kpi_national_average_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_national_average")),
        sa.UniqueConstraint(
            "indicator_id", "financial_year", name=op.f("uq_kpi_national_average_indicator_id")
        ),
    )
    op.create_table(
        "kpi_outturn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("financial_year", sa.Integer(), nullable=False),
        sa.Column("value_text", sa.String(length=200), nullable=False),
        sa.Column("value_number", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_kpi_outturn_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_outturn")),
        sa.UniqueConstraint(
            "indicator_id", "financial_year", name=op.f("uq_kpi_outturn_indicator_id")
        ),
    )
    op.create_table(
        "kpi_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("actual_text", sa.String(length=200), nullable=True),
        sa.Column("actual_number", sa.Float(), nullable=True),
        sa.Column("actual_note", sa.Text(), nullable=True),
        sa.Column("status_symbol_id", sa.Integer(), nullable=True),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_kpi_result_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name=op.f("fk_kpi_result_period_id_period"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["status_symbol_id"], ["symbol.id"], name=op.f("fk_kpi_result_status_symbol_id_symbol")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_result")),
        sa.UniqueConstraint("indicator_id", "period_id", name=op.f("uq_kpi_result_indicator_id")),
    )
    op.create_table(
        "kpi_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("financial_year", sa.Integer(), nullable=False),
        sa.Column("value_text", sa.String(length=200), nullable=False),
        sa.Column("value_number", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_kpi_target_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_target")),
        sa.UniqueConstraint(
            "indicator_id", "financial_year", name=op.f("uq_kpi_target_indicator_id")
        ),
    )
    op.create_table(
        "report_field",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["report.id"],
            name=op.f("fk_report_field_report_id_report"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_field")),
    )
    op.create_table(
        "section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading", sa.String(length=500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_section_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["report.id"],
            name=op.f("fk_section_report_id_report"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section")),
    )


def downgrade() -> None:
    op.drop_table("section")
    op.drop_table("report_field")
    op.drop_table("kpi_target")
    op.drop_table("kpi_result")
    op.drop_table("kpi_outturn")
    op.drop_table("kpi_national_average")
    op.drop_table("item_pledge")
    op.drop_table("dependency")
    op.drop_table("report")
    op.drop_table("recommendation")
    op.drop_table("indicator")
    op.drop_table("pledge")
    op.drop_table("outcome")
    op.drop_table("kpi_group")
    op.drop_table("contact")
    with op.batch_alter_table("programme") as batch_op:
        batch_op.drop_constraint("fk_programme_kpi_scheme_id_symbol_scheme", type_="foreignkey")
        batch_op.drop_column("kpi_scheme_id")
