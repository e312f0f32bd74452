"""Drills for interview practice: questions generated from the reference data.

    >>> from sandbox import drills
    >>> batch = drills.questions(["tag", "punctuation"], count=10, seed=7)
    >>> drills.check(batch[0], batch[0].answer)
    True

Topics (see :data:`TOPICS`): ``tag`` (which tag for an element), ``indicator`` (what a value means,
which value means something, nonfiling counts), ``subfield`` (which code), ``fixed-field`` (Leader
and 008 positions and codes), ``punctuation`` (ISBD marks before subfields), ``cutter`` (the LC
Cutter for a name) and ``shelf-order`` (which of two LC call numbers files first).

Every question has a stable key; :func:`find` gives the question for a key, so answer history and
pack submissions can be stored by key alone. :mod:`sandbox.drills.review` schedules missed
questions for review; :mod:`sandbox.drills.session` runs a timed session.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import cache
from typing import Any

from sandbox.drills import review
from sandbox.drills.classification import (
    cutter_questions,
    shelf_order_questions,
    why_first,
)
from sandbox.drills.fixed_fields import fixed_field_questions
from sandbox.drills.marc_fields import (
    indicator_questions,
    subfield_questions,
    tag_questions,
)
from sandbox.drills.punctuation import punctuation_questions
from sandbox.drills.question import Question, check, normalize

__all__ = ["TOPICS", "TOPIC_LABELS", "Question", "all_questions", "check", "due_questions", "find",
           "normalize", "questions", "topic_of", "why_first"]

_GENERATORS: dict[str, Callable[[], list[Question]]] = {
    "tag": tag_questions,
    "indicator": indicator_questions,
    "subfield": subfield_questions,
    "fixed-field": fixed_field_questions,
    "punctuation": punctuation_questions,
    "cutter": cutter_questions,
    "shelf-order": shelf_order_questions,
}
TOPICS: tuple[str, ...] = tuple(_GENERATORS)
TOPIC_LABELS = {
    "tag": "Tags", "indicator": "Indicators", "subfield": "Subfields",
    "fixed-field": "Leader and 008", "punctuation": "ISBD punctuation", "cutter": "LC Cutters",
    "shelf-order": "Call number order",
}
#: Key prefixes by topic, so a key tells its topic without building every question.
_PREFIXES = {"tag": "tag", "ind": "indicator", "ind-value": "indicator", "nonfiling": "indicator",
             "sf": "subfield", "ff-pos": "fixed-field", "ff-code": "fixed-field",
             "ff-meaning": "fixed-field", "punct": "punctuation", "cutter": "cutter",
             "shelf": "shelf-order"}


def _checked(topics: Iterable[str] | None) -> list[str]:
    if topics is None:
        return list(TOPICS)
    chosen = list(dict.fromkeys(topics))
    unknown = [topic for topic in chosen if topic not in _GENERATORS]
    if unknown:
        raise ValueError(f"unknown drill topic {unknown[0]!r}; the topics are {', '.join(TOPICS)}")
    if not chosen:
        raise ValueError(f"choose at least one drill topic: {', '.join(TOPICS)}")
    return chosen


@cache
def _pool(topic: str) -> tuple[Question, ...]:
    return tuple(_GENERATORS[topic]())


def all_questions(topic: str) -> list[Question]:
    """Every question of a topic, in a fixed order (``tag`` has one for every defined field)."""
    return list(_pool(_checked([topic])[0]))


def questions(topics: list[str] | None, count: int, seed: int) -> list[Question]:
    """``count`` questions from ``topics`` (None: all), the same for the same arguments.

    The topics share the count as evenly as their questions allow; no question comes twice. Fewer
    than ``count`` come back only when the topics have fewer questions than that.
    """
    if count < 0:
        raise ValueError("the number of questions cannot be negative")
    chosen = _checked(topics)
    rng = random.Random(seed)
    remaining = {topic: list(_pool(topic)) for topic in chosen}
    picked: list[Question] = []
    order = chosen[:]
    rng.shuffle(order)
    while len(picked) < count and any(remaining.values()):
        for topic in order:
            if len(picked) == count:
                break
            pool = remaining[topic]
            if pool:
                picked.append(pool.pop(rng.randrange(len(pool))))
    rng.shuffle(picked)
    return picked


def topic_of(key: str) -> str | None:
    """The topic a question key belongs to ("tag:020" -> "tag"), or None for a key not made here."""
    return _PREFIXES.get(key.partition(":")[0])


@cache
def _by_key(topic: str) -> dict[str, Question]:
    return {question.key: question for question in _pool(topic)}


def find(key: str) -> Question | None:
    """The question with this key, or None (a key from a pack's own questions, or retired)."""
    topic = topic_of(key)
    return _by_key(topic).get(key) if topic else None


def due_questions(history: Iterable[Any], today: date | datetime | str,
                  topics: Iterable[str] | None = None, limit: int | None = None) -> list[Question]:
    """The questions due for review (see :mod:`sandbox.drills.review`), most urgent first.

    Keys this module does not know (a pack's own questions) are left out; ``topics`` keeps only
    those topics.
    """
    wanted = None if topics is None else set(_checked(topics))
    out = []
    for key in review.due(history, today):
        question = find(key)
        if question is None or (wanted is not None and question.topic not in wanted):
            continue
        out.append(question)
        if limit is not None and len(out) >= limit:
            break
    return out
