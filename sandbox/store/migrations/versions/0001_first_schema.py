"""The first schema: learners, installed packs, drafts, attempts, drill answers.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Written out in full (not imported from schema.py) so this revision never changes.
    when = sa.DateTime(timezone=True)
    op.create_table(
        "learners",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", when, nullable=False),
    )
    op.create_table(
        "installed_packs",
        sa.Column("pack_id", sa.String(100), primary_key=True),
        sa.Column("version", sa.String(50), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("installed_at", when, nullable=False),
    )
    op.create_table(
        "pack_exercises",
        sa.Column("pack_id", sa.String(100), primary_key=True),
        sa.Column("version", sa.String(50), primary_key=True),
        sa.Column("exercise_id", sa.String(100), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["pack_id", "version"],
                                ["installed_packs.pack_id", "installed_packs.version"],
                                ondelete="CASCADE"),
    )
    op.create_table(
        "drafts",
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("context_key", sa.String(1000), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("updated_at", when, nullable=False),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("pack_id", sa.String(100), nullable=False),
        sa.Column("pack_version", sa.String(50), nullable=False),
        sa.Column("exercise_id", sa.String(100), nullable=False),
        sa.Column("exercise_hash", sa.String(64)),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("max_score", sa.Float, nullable=False),
        sa.Column("percent", sa.Float, nullable=False),
        sa.Column("checks", sa.JSON, nullable=False),
        sa.Column("submitted_at", when, nullable=False),
    )
    op.create_table(
        "attempt_rules",
        sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("rule_id", sa.String(40), primary_key=True),
        sa.Column("occurrences", sa.Integer, nullable=False),
    )
    op.create_table(
        "drill_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("item_key", sa.String(200), nullable=False),
        sa.Column("topic", sa.String(50), nullable=False),
        sa.Column("correct", sa.Boolean, nullable=False),
        sa.Column("answered_at", when, nullable=False),
    )


def downgrade() -> None:
    for table in ("drill_answers", "attempt_rules", "attempts", "drafts", "pack_exercises",
                  "installed_packs", "learners"):
        op.drop_table(table)
