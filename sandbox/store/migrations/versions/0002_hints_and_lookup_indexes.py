"""Hints used per attempt; indexes for the dashboard's and the classroom's lookups.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # How many hint tiers the learner revealed before submitting (older attempts: none recorded).
    op.add_column("attempts",
                  sa.Column("hints_used", sa.Integer, nullable=False, server_default="0"))
    op.create_index("ix_attempts_learner_pack", "attempts",
                    ["learner_id", "pack_id", "exercise_id", "submitted_at"])
    op.create_index("ix_attempts_pack", "attempts", ["pack_id", "submitted_at"])
    op.create_index("ix_attempt_rules_rule", "attempt_rules", ["rule_id"])
    op.create_index("ix_drill_answers_learner", "drill_answers",
                    ["learner_id", "item_key", "answered_at"])


def downgrade() -> None:
    op.drop_index("ix_drill_answers_learner", "drill_answers")
    op.drop_index("ix_attempt_rules_rule", "attempt_rules")
    op.drop_index("ix_attempts_pack", "attempts")
    op.drop_index("ix_attempts_learner_pack", "attempts")
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("hints_used")
