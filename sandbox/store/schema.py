"""The store's tables as SQLAlchemy Core, matching the head of the migrations.

The migration scripts in ``migrations/versions`` create these tables; this module describes them for
queries. A test checks the two agree (every column here exists in a migrated database).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Times are stored in UTC and always come back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the store keeps only timezone-aware times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

learners = Table(
    "learners", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

installed_packs = Table(
    "installed_packs", metadata,
    Column("pack_id", String(100), primary_key=True),
    Column("version", String(50), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("title", String(300), nullable=False),
    Column("path", Text, nullable=False),
    Column("installed_at", UTCDateTime, nullable=False),
)

pack_exercises = Table(
    "pack_exercises", metadata,
    Column("pack_id", String(100), primary_key=True),
    Column("version", String(50), primary_key=True),
    Column("exercise_id", String(100), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    ForeignKeyConstraint(["pack_id", "version"],
                         ["installed_packs.pack_id", "installed_packs.version"],
                         ondelete="CASCADE"),
)

drafts = Table(
    "drafts", metadata,
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True),
    Column("context_key", String(1000), primary_key=True),
    Column("text", Text, nullable=False),
    Column("format", String(20), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

attempts = Table(
    "attempts", metadata,
    Column("id", Integer, primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
    Column("pack_id", String(100), nullable=False),
    Column("pack_version", String(50), nullable=False),
    Column("exercise_id", String(100), nullable=False),
    Column("exercise_hash", String(64)),
    Column("format", String(20), nullable=False),
    Column("record", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("percent", Float, nullable=False),
    Column("checks", JSON, nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("hints_used", Integer, nullable=False, server_default="0"),  # revision 0002
)

attempt_rules = Table(
    "attempt_rules", metadata,
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
    Column("rule_id", String(40), primary_key=True),
    Column("occurrences", Integer, nullable=False),
)

drill_answers = Table(
    "drill_answers", metadata,
    Column("id", Integer, primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
    Column("item_key", String(200), nullable=False),
    Column("topic", String(50), nullable=False),
    Column("correct", Boolean, nullable=False),
    Column("answered_at", UTCDateTime, nullable=False),
)
