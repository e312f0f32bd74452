"""Spaced review of drill questions: a Leitner box scheduler over the answer history.

Every question a learner has answered sits in one of five boxes. A right answer moves it up one
box, a wrong answer sends it back to box 1. The box says how long until the question comes back:

    box 1: the same day     box 2: 1 day     box 3: 3 days     box 4: 7 days     box 5: 16 days

So a missed question is due again at once (it comes back in "review missed" the same day), and a
question answered right again and again comes back less and less often. A question's first answer
puts it in box 2 if right and box 1 if wrong.

Everything here is a pure function of the history. A history entry is anything with ``item_key``,
``correct`` and ``answered_at`` (the store's drill answers), or a plain ``(item_key, correct,
answered_at)`` tuple; ``answered_at`` is a ``datetime``, a ``date`` or an ISO 8601 string. Only
the calendar day counts, so the time of day never changes what is due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

#: Days until a question in each box is due again.
INTERVALS = {1: 0, 2: 1, 3: 3, 4: 7, 5: 16}
TOP_BOX = max(INTERVALS)


@dataclass(frozen=True)
class ItemState:
    """Where one question stands after its answers so far."""

    item_key: str
    box: int
    last_answered: date
    due: date
    answers: int
    misses: int
    last_correct: bool


def _day(value: date | datetime | str) -> date:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        return value.date()
    return value


def _entry(entry: Any) -> tuple[str, bool, date, Any]:
    if isinstance(entry, tuple):
        key, correct, answered_at = entry
    else:
        key, correct, answered_at = entry.item_key, entry.correct, entry.answered_at
    return str(key), bool(correct), _day(answered_at), answered_at


def _sortable(value: Any) -> tuple:
    """Order answers by time; a datetime with a time zone and one without still compare."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        return (value.date(), value.replace(tzinfo=None).time())
    return (value, datetime.min.time())


def states(history: Iterable[Any]) -> dict[str, ItemState]:
    """Each answered question's box and due date, from its answers in time order."""
    entries = sorted((_entry(entry) for entry in history), key=lambda e: _sortable(e[3]))
    found: dict[str, ItemState] = {}
    for key, correct, day, _ in entries:
        before = found.get(key)
        if before is None:
            box = 2 if correct else 1
        else:
            box = min(before.box + 1, TOP_BOX) if correct else 1
        found[key] = ItemState(
            item_key=key, box=box, last_answered=day, due=day + timedelta(days=INTERVALS[box]),
            answers=(before.answers if before else 0) + 1,
            misses=(before.misses if before else 0) + (0 if correct else 1), last_correct=correct)
    return found


def due(history: Iterable[Any], today: date | datetime | str) -> list[str]:
    """The keys of the questions due for review on ``today``: the longest overdue first, and among
    equally overdue ones the lowest box (the least known) first."""
    day = _day(today)
    ready = [state for state in states(history).values() if state.due <= day]
    ready.sort(key=lambda state: (state.due, state.box, -state.misses, state.item_key))
    return [state.item_key for state in ready]


def next_due(history: Iterable[Any], item_key: str) -> date | None:
    """The day ``item_key`` is next due, or None if it has never been answered."""
    state = states(history).get(item_key)
    return state.due if state else None


def next_review(history: Iterable[Any], today: date | datetime | str) -> date | None:
    """The first day after ``today`` on which some question falls due, or None if none will."""
    day = _day(today)
    later = [state.due for state in states(history).values() if state.due > day]
    return min(later) if later else None


def missed(history: Iterable[Any]) -> list[str]:
    """Keys of the questions whose latest answer was wrong, most missed first."""
    wrong = [state for state in states(history).values() if not state.last_correct]
    wrong.sort(key=lambda state: (-state.misses, state.item_key))
    return [state.item_key for state in wrong]
