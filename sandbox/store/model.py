"""What the store hands back: plain, frozen data (no database objects leak out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Learner:
    """One profile: several people may practise on one computer, or a class on one server."""

    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True)
class InstalledPack:
    """A version of an exercise pack the learner installed.

    ``exercises`` maps exercise id to the content hash of that exercise's files, in the pack's
    order; an attempt still counts after an upgrade when its exercise's hash is unchanged.
    """

    pack_id: str
    version: str
    sha256: str  # of the .catpack file
    title: str
    path: str
    installed_at: datetime
    exercises: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Draft:
    """The autosaved text of a record being edited; ``key`` names where it belongs."""

    learner_id: int
    key: str  # e.g. "file:/home/ana/records.mrk#record-3" or "exercise:starter/describe-walden"
    text: str
    format: str  # "mrk" or "dcxml"
    updated_at: datetime


@dataclass(frozen=True)
class Attempt:
    """One submission of an exercise, with its score and the feedback it received."""

    id: int
    learner_id: int
    pack_id: str
    pack_version: str
    exercise_id: str
    exercise_hash: str | None
    format: str  # "mrk", "dcxml" or "answers" (drills: ``record`` is the answers as JSON)
    record: str
    score: float
    max_score: float
    percent: float
    checks: list[dict[str, Any]]  # per-check feedback, as the scoring engine gave it
    rules: dict[str, int]  # rule id -> how many findings of that rule the record had
    submitted_at: datetime
    hints_used: int = 0

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(sorted(self.rules))


@dataclass(frozen=True)
class DrillAnswer:
    learner_id: int
    item_key: str
    topic: str
    correct: bool
    answered_at: datetime


@dataclass(frozen=True)
class ScorePoint:
    """One attempt in a pack's score history.

    ``pack_average`` is the mean, over the pack's exercises attempted so far, of each one's latest
    percent: the learner's standing in the pack just after this attempt.
    """

    submitted_at: datetime
    pack_version: str
    exercise_id: str
    percent: float
    pack_average: float


@dataclass(frozen=True)
class Mastery:
    """How much of what was checked under one competency the learner's latest attempts got right."""

    competency: str
    earned: float
    possible: float
    checks: int  # how many checks contributed

    @property
    def percent(self) -> float:
        return 100.0 * self.earned / self.possible if self.possible else 0.0


@dataclass(frozen=True)
class RuleCount:
    """A validation rule the learner's submitted records broke: in how many attempts, how often."""

    rule_id: str
    attempts: int
    occurrences: int
    last_seen: datetime


@dataclass(frozen=True)
class Streak:
    """Consecutive days with activity (an attempt or a drill answer), counted in local days.

    ``current`` still counts a run that ended yesterday: the learner has until tonight to keep it.
    """

    current: int
    longest: int
    active_today: bool
    last_active: date | None


@dataclass(frozen=True)
class ClassroomRow:
    """A learner's latest attempt at one exercise (classroom mode: the instructor's live view)."""

    learner: Learner
    attempt: Attempt
