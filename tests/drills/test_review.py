"""Spaced review: Leitner boxes over the answer history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sandbox.drills import due_questions, review


@dataclass
class Answer:  # what the store returns
    item_key: str
    topic: str
    correct: bool
    answered_at: datetime


DAY = date(2026, 3, 2)


def at(days: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, 2, hour, tzinfo=timezone.utc) + timedelta(days=days)


def test_a_missed_question_is_due_the_same_day_and_a_right_one_the_next():
    history = [("tag:020", False, at(0)), ("tag:245", True, at(0))]
    assert review.due(history, DAY) == ["tag:020"]
    assert review.next_due(history, "tag:245") == DAY + timedelta(days=1)
    assert review.due(history, DAY + timedelta(days=1)) == ["tag:020", "tag:245"]


def test_right_answers_climb_the_boxes_and_a_miss_sends_back_to_box_one():
    history = [("q", True, at(day)) for day in (0, 1, 4, 11)]
    state = review.states(history)["q"]
    assert state.box == 5 and state.due == at(11).date() + timedelta(days=16)
    assert review.due(history, at(26).date()) == []
    history.append(("q", False, at(12)))
    state = review.states(history)["q"]
    assert state.box == 1 and state.misses == 1 and state.due == at(12).date()


def test_intervals_grow_after_each_right_answer():
    history = []
    gaps = []
    day = 0
    for _ in range(5):
        history.append(("q", True, at(day)))
        due = review.next_due(history, "q")
        gaps.append((due - at(day).date()).days)
        day += gaps[-1]
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]
    assert gaps == [review.INTERVALS[box] for box in (2, 3, 4, 5, 5)]


def test_missed_items_come_back_sooner_than_known_ones():
    history = [("known", True, at(0)), ("known", True, at(1)), ("missed", True, at(0)),
               ("missed", False, at(1))]
    assert review.next_due(history, "missed") < review.next_due(history, "known")
    assert review.missed(history) == ["missed"]


def test_history_order_and_forms_do_not_matter():
    objects = [Answer("q", "tag", False, at(2)), Answer("q", "tag", True, at(0))]
    tuples = [("q", True, at(0).isoformat()), ("q", False, at(2).date())]
    assert review.states(objects)["q"].box == review.states(tuples)["q"].box == 1
    naive = [("q", True, datetime(2026, 3, 2, 9)), ("q", False, at(0, 8))]
    assert review.states(naive)["q"].last_correct is True  # 09:00 comes after 08:00


def test_most_overdue_and_least_known_come_first():
    history = [("old", False, at(-5)), ("new", False, at(0)), ("box2", True, at(-1))]
    # "box2" and "new" are both due today; "new" was missed, so it is the less known.
    assert review.due(history, DAY) == ["old", "new", "box2"]
    assert review.next_review(history, DAY) is None
    assert review.next_review([("a", True, at(0))], DAY) == DAY + timedelta(days=1)


def test_due_questions_skips_keys_it_does_not_know_and_filters_topics():
    history = [("tag:020", False, at(0)), ("pack:q1", False, at(0)), ("cutter:Camus", False, at(0))]
    keys = [q.key for q in due_questions(history, DAY)]
    assert keys == ["cutter:Camus", "tag:020"] or keys == ["tag:020", "cutter:Camus"]
    assert [q.key for q in due_questions(history, DAY, topics=["tag"])] == ["tag:020"]
    assert len(due_questions(history, DAY, limit=1)) == 1
