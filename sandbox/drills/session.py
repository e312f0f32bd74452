"""A drill session: questions asked one at a time, against the clock, with a score at the end.

The session keeps no history of its own beyond this run: whoever runs it (the drill view, the
``catsandbox drill`` command) hands each :class:`Outcome` to the store. The clock is passed in so
that a session can be tested without waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sandbox.drills.question import Question, check


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Outcome:
    question: Question
    given: str
    correct: bool
    answered_at: datetime


@dataclass
class DrillSession:
    """Ask ``questions`` in order. With ``time_limit``, the session ends when the time is up."""

    questions: list[Question]
    time_limit: timedelta | None = None
    clock: Callable[[], datetime] = now_utc
    outcomes: list[Outcome] = field(default_factory=list)
    started_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.started_at is None:
            self.started_at = self.clock()

    @property
    def position(self) -> int:
        """How many questions have been answered."""
        return len(self.outcomes)

    @property
    def total(self) -> int:
        return len(self.questions)

    def elapsed(self) -> timedelta:
        return self.clock() - self.started_at

    def remaining(self) -> timedelta | None:
        """Time left, never below zero; None for an untimed session."""
        if self.time_limit is None:
            return None
        return max(self.time_limit - self.elapsed(), timedelta(0))

    @property
    def time_up(self) -> bool:
        return self.time_limit is not None and self.remaining() == timedelta(0)

    @property
    def finished(self) -> bool:
        return self.position >= self.total or self.time_up

    @property
    def current(self) -> Question | None:
        return None if self.finished else self.questions[self.position]

    def answer(self, given: str) -> Outcome:
        """Check ``given`` against the current question and move on."""
        question = self.current
        if question is None:
            raise RuntimeError("the session is over: there is no question to answer")
        outcome = Outcome(question, given, check(question, given), self.clock())
        self.outcomes.append(outcome)
        return outcome

    @property
    def right(self) -> int:
        return sum(outcome.correct for outcome in self.outcomes)

    @property
    def missed(self) -> list[Question]:
        return [outcome.question for outcome in self.outcomes if not outcome.correct]

    def score_text(self) -> str:
        asked = self.position
        if not asked:
            return (f"Time ran out with {self.total} unanswered." if self.time_up
                    else "No questions answered.")
        percent = round(100 * self.right / asked)
        text = f"{self.right} of {asked} right ({percent}%)"
        if asked < self.total:
            text += f"; time ran out with {self.total - asked} unanswered"
        return text + "."


def format_duration(span: timedelta) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a countdown or an elapsed time."""
    seconds = max(int(span.total_seconds()), 0)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
