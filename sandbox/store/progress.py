"""What the dashboard shows, computed from attempts and drill answers.

Which attempts count: attempts are never deleted, but after a pack upgrade an attempt counts only
when its exercise's content is unchanged (same content hash), or, for an attempt that has no hash,
when it was made on the installed version. Attempts at a pack that is not installed all count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import Connection, distinct, func, select

from sandbox.store.model import (
    Attempt,
    InstalledPack,
    Mastery,
    RuleCount,
    ScorePoint,
    Streak,
)
from sandbox.store.schema import attempt_rules, attempts, drill_answers

# Names the per-check feedback may use for the points earned and the points possible.
_EARNED_KEYS = ("earned", "points", "score")
_POSSIBLE_KEYS = ("possible", "weight", "max")


def load_attempts(db: Connection, learner_id: int | None, pack_id: str | None = None,
                  exercise_id: str | None = None) -> list[Attempt]:
    """Attempts with their rule counts, oldest first (one query: attempts joined to their rules)."""
    query = (select(attempts, attempt_rules.c.rule_id, attempt_rules.c.occurrences)
             .outerjoin(attempt_rules, attempt_rules.c.attempt_id == attempts.c.id)
             .order_by(attempts.c.submitted_at, attempts.c.id, attempt_rules.c.rule_id))
    if learner_id is not None:
        query = query.where(attempts.c.learner_id == learner_id)
    if pack_id is not None:
        query = query.where(attempts.c.pack_id == pack_id)
    if exercise_id is not None:
        query = query.where(attempts.c.exercise_id == exercise_id)
    found: dict[int, Attempt] = {}
    for row in db.execute(query):
        attempt = found.get(row.id)
        if attempt is None:
            attempt = found[row.id] = Attempt(
                row.id, row.learner_id, row.pack_id, row.pack_version, row.exercise_id,
                row.exercise_hash, row.format, row.record, row.score, row.max_score, row.percent,
                row.checks, {}, row.submitted_at, row.hints_used)
        if row.rule_id is not None:
            attempt.rules[row.rule_id] = row.occurrences
    return list(found.values())


def counting(found: Iterable[Attempt], pack: InstalledPack | None) -> list[Attempt]:
    """The attempts that still count for the installed version of their pack."""
    if pack is None:
        return list(found)
    kept = []
    for attempt in found:
        current_hash = pack.exercises.get(attempt.exercise_id)
        if attempt.exercise_hash is not None:
            if current_hash is not None and attempt.exercise_hash == current_hash:
                kept.append(attempt)
        elif attempt.pack_version == pack.version:
            kept.append(attempt)
    return kept


def latest_per_exercise(found: Iterable[Attempt]) -> dict[str, Attempt]:
    latest: dict[str, Attempt] = {}
    for attempt in found:  # oldest first, so later ones replace earlier
        latest[attempt.exercise_id] = attempt
    return latest


def best_per_exercise(found: Iterable[Attempt]) -> dict[str, Attempt]:
    best: dict[str, Attempt] = {}
    for attempt in found:
        held = best.get(attempt.exercise_id)
        if held is None or attempt.percent > held.percent:
            best[attempt.exercise_id] = attempt
    return best


def latest_per_exercise_per_learner(found: Iterable[Attempt]) -> dict[tuple[int, str], Attempt]:
    latest: dict[tuple[int, str], Attempt] = {}
    for attempt in found:
        latest[(attempt.learner_id, attempt.exercise_id)] = attempt
    return latest


def score_history(found: Iterable[Attempt]) -> dict[str, list[ScorePoint]]:
    history: dict[str, list[ScorePoint]] = defaultdict(list)
    standing: dict[str, dict[str, float]] = defaultdict(dict)
    for attempt in found:
        pack_standing = standing[attempt.pack_id]
        pack_standing[attempt.exercise_id] = attempt.percent
        average = sum(pack_standing.values()) / len(pack_standing)
        history[attempt.pack_id].append(ScorePoint(attempt.submitted_at, attempt.pack_version,
                                                   attempt.exercise_id, attempt.percent, average))
    return dict(history)


def check_points(check: Mapping[str, Any]) -> tuple[str, float, float] | None:
    """(competency, earned, possible) from one check's feedback, or None if it has no competency
    or no points."""
    competency = check.get("competency")
    earned = _first_number(check, _EARNED_KEYS)
    possible = _first_number(check, _POSSIBLE_KEYS)
    if not isinstance(competency, str) or not competency or earned is None or not possible:
        return None
    return competency, float(earned), float(possible)


def _first_number(check: Mapping[str, Any], keys: tuple[str, ...]) -> float | None:
    return next((check[key] for key in keys if isinstance(check.get(key), (int, float))), None)


def mastery(latest: Iterable[Attempt]) -> list[Mastery]:
    earned: dict[str, float] = defaultdict(float)
    possible: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for attempt in latest:
        for check in attempt.checks:
            points = check_points(check) if isinstance(check, Mapping) else None
            if points is None:
                continue
            competency, got, out_of = points
            earned[competency] += got
            possible[competency] += out_of
            count[competency] += 1
    return [Mastery(name, earned[name], possible[name], count[name]) for name in sorted(possible)]


def broken_rules(db: Connection, learner_id: int, limit: int,
                 since: datetime | None) -> list[RuleCount]:
    in_attempts = func.count(distinct(attempt_rules.c.attempt_id))
    total = func.sum(attempt_rules.c.occurrences)
    last_seen = func.max(attempts.c.submitted_at)
    query = (select(attempt_rules.c.rule_id, in_attempts.label("attempts"),
                    total.label("occurrences"), last_seen.label("last_seen"))
             .join(attempts, attempts.c.id == attempt_rules.c.attempt_id)
             .where(attempts.c.learner_id == learner_id)
             .group_by(attempt_rules.c.rule_id)
             .order_by(in_attempts.desc(), total.desc(), attempt_rules.c.rule_id)
             .limit(limit))
    if since is not None:
        query = query.where(attempts.c.submitted_at >= since)
    # max() keeps the column's type, so last_seen comes back as an aware UTC time.
    return [RuleCount(row.rule_id, int(row.attempts), int(row.occurrences), row.last_seen)
            for row in db.execute(query)]


def activity_moments(db: Connection, learner_id: int) -> list[datetime]:
    moments = list(db.scalars(select(attempts.c.submitted_at)
                              .where(attempts.c.learner_id == learner_id)))
    moments += db.scalars(select(drill_answers.c.answered_at)
                          .where(drill_answers.c.learner_id == learner_id))
    return moments


def streak(moments: Iterable[datetime], today: date | None = None,
           tz: tzinfo | None = None) -> Streak:
    days = sorted({moment.astimezone(tz).date() for moment in moments})
    if today is None:
        today = datetime.now(tz).date()
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    # A clock set wrong may have stamped days after today; they cannot extend today's run.
    past = [day for day in days if day <= today]
    current = 0
    if past and past[-1] >= today - timedelta(days=1):
        current = 1
        for earlier, later in zip(reversed(past[:-1]), reversed(past)):
            if later - earlier != timedelta(days=1):
                break
            current += 1
    return Streak(current, longest, today in days, past[-1] if past else None)

