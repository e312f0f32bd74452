"""A timed drill session, run with a fake clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from sandbox import drills
from sandbox.drills.session import DrillSession, format_duration


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 2, 10, tzinfo=timezone.utc)

    def __call__(self):
        return self.now


def test_answers_are_checked_scored_and_timestamped():
    clock = Clock()
    batch = [drills.find("tag:020"), drills.find("tag:245"), drills.find("punct:245$c")]
    session = DrillSession(batch, clock=clock)
    assert session.current.key == "tag:020"
    clock.now += timedelta(seconds=30)
    first = session.answer("=020")
    assert first.correct and first.answered_at == clock.now
    assert not session.answer("246").correct
    assert session.answer("/").correct
    assert session.finished and session.current is None
    assert session.right == 2 and [q.key for q in session.missed] == ["tag:245"]
    assert session.score_text() == "2 of 3 right (67%)."
    with pytest.raises(RuntimeError):
        session.answer("x")


def test_a_timed_session_ends_when_time_is_up():
    clock = Clock()
    session = DrillSession(drills.questions(["tag"], 5, seed=1), time_limit=timedelta(minutes=2),
                           clock=clock)
    assert session.remaining() == timedelta(minutes=2)
    session.answer("nonsense")
    clock.now += timedelta(minutes=3)
    assert session.time_up and session.finished and session.current is None
    assert session.remaining() == timedelta(0)
    assert "time ran out with 4 unanswered" in session.score_text()


def test_untimed_sessions_and_durations():
    session = DrillSession([], clock=Clock())
    assert session.remaining() is None and session.finished
    assert session.score_text() == "No questions answered."
    assert format_duration(timedelta(seconds=75)) == "1:15"
    assert format_duration(timedelta(hours=1, seconds=5)) == "1:00:05"
    assert format_duration(timedelta(seconds=-3)) == "0:00"


def test_time_up_before_any_answer_says_so():
    clock = Clock()
    session = DrillSession(drills.questions(["tag"], 3, seed=2), time_limit=timedelta(seconds=30),
                           clock=clock)
    clock.now += timedelta(minutes=1)
    assert session.score_text() == "Time ran out with 3 unanswered."
