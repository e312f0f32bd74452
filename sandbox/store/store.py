"""The learner's store: profiles, installed packs, drafts, attempts and drill answers.

Every method is one transaction and raises only ``StoreError`` subclasses for database trouble.
Get a ``Store`` from ``open_store``; the dashboard's queries live in ``progress`` and are reached
through the methods at the end of this class.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite

from sandbox.store import backup as backups_module
from sandbox.store import progress
from sandbox.store.errors import LearnerExists, StoreError, translate
from sandbox.store.model import (
    Attempt,
    ClassroomRow,
    Draft,
    DrillAnswer,
    InstalledPack,
    Learner,
    Mastery,
    RuleCount,
    ScorePoint,
    Streak,
)
from sandbox.store.schema import (
    attempt_rules,
    attempts,
    drafts,
    drill_answers,
    installed_packs,
    learners,
    pack_exercises,
)


def _now() -> datetime:
    return datetime.now(UTC)


def _moment(when: datetime | None) -> datetime:
    """``when`` (or now); a time without a zone is refused, as the store could only guess it."""
    if when is None:
        return _now()
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"{when} has no time zone; the store keeps only timezone-aware times")
    return when


class Store:
    """The learner's store over one database (a SQLite file or a server)."""

    def __init__(self, engine: Engine, location: str, path: Path | None = None):
        self._engine = engine
        self.location = location  # for messages: the file, or the URL without its password
        self.path = path  # the SQLite file, or None for a server

    # -- plumbing --------------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def is_shared(self) -> bool:
        """True on a database server (classroom mode), False for the learner's own file."""
        return self._engine.dialect.name != "sqlite"

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, write: bool = False) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                if write:
                    connection.execution_options(catsandbox_write=True)
                with connection.begin():
                    yield connection
        except (sa_exc.SQLAlchemyError, OSError) as error:
            failure = translate(error, self.location)
            failure.remedies = backups_module.offered(failure.remedies, self.path)
            raise failure from error

    def backup(self) -> Path:
        """Copy the store now (SQLite's backup API); return the backup's path."""
        if self.path is None:
            raise StoreError(f"{self.location} is a database server: its backups are kept by "
                             "whoever runs it.", location=self.location, remedies=())
        try:
            return backups_module.make_backup(self._engine, self.path, reason="manual")
        except (sa_exc.SQLAlchemyError, OSError) as error:
            raise translate(error, self.location) from error

    def backups(self) -> list[Path]:
        """This store's backups, newest first (none for a server)."""
        return backups_module.backups(self.path) if self.path else []

    # -- learners --------------------------------------------------------------------------

    def learners(self) -> list[Learner]:
        with self._transaction() as db:
            rows = db.execute(select(learners))
            found = [Learner(row.id, row.name, row.created_at) for row in rows]
        # Sorted here, not by the database: collations differ between SQLite and servers.
        return sorted(found, key=lambda learner: (learner.name.casefold(), learner.id))

    def add_learner(self, name: str) -> Learner:
        """Add a profile; ``LearnerExists`` when the name is taken, ``ValueError`` if blank."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("a learner needs a name")
        created = _now()
        try:
            with self._transaction(write=True) as db:
                taken = db.scalar(select(func.count()).where(learners.c.name == name))
                if taken:
                    raise LearnerExists(f"There is already a learner called {name!r}.",
                                        location=self.location)
                new_id = db.execute(insert(learners).values(name=name, created_at=created)
                                    ).inserted_primary_key[0]
        except StoreError as error:
            # Added by another copy of the app (classroom) between our check and our insert.
            if isinstance(error.__cause__, sa_exc.IntegrityError):
                raise LearnerExists(f"There is already a learner called {name!r}.",
                                    location=self.location) from error
            raise
        return Learner(new_id, name, created)

    def rename_learner(self, learner_id: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise ValueError("a learner needs a name")
        with self._transaction(write=True) as db:
            if db.scalar(select(func.count()).where(learners.c.name == name,
                                                    learners.c.id != learner_id)):
                raise LearnerExists(f"There is already a learner called {name!r}.",
                                    location=self.location)
            db.execute(update(learners).where(learners.c.id == learner_id).values(name=name))

    def remove_learner(self, learner_id: int) -> None:
        """Delete a profile with all its drafts, attempts and drill answers."""
        with self._transaction(write=True) as db:
            db.execute(delete(learners).where(learners.c.id == learner_id))

    # -- packs -----------------------------------------------------------------------------

    def install_pack(self, pack_id: str, version: str, *, sha256: str, title: str, path: str,
                     exercises: Mapping[str, str], installed_at: datetime | None = None
                     ) -> InstalledPack:
        """Record that a pack version is installed. ``exercises`` maps each exercise id, in the
        pack's order, to the content hash of its files (see ``exercise_hash``).

        The newest installation of a pack id is its current version. Attempts are never deleted:
        an attempt counts for the current version when its exercise's content is unchanged.
        """
        when = _moment(installed_at)
        with self._transaction(write=True) as db:
            key = (installed_packs.c.pack_id == pack_id) & (installed_packs.c.version == version)
            db.execute(delete(pack_exercises).where((pack_exercises.c.pack_id == pack_id)
                                                    & (pack_exercises.c.version == version)))
            db.execute(delete(installed_packs).where(key))
            db.execute(insert(installed_packs).values(pack_id=pack_id, version=version,
                                                      sha256=sha256, title=title, path=path,
                                                      installed_at=when))
            if exercises:
                db.execute(insert(pack_exercises), [
                    {"pack_id": pack_id, "version": version, "exercise_id": exercise_id,
                     "position": position, "content_hash": content_hash}
                    for position, (exercise_id, content_hash) in enumerate(exercises.items())])
        return InstalledPack(pack_id, version, sha256, title, path, when, dict(exercises))

    def installed_packs(self) -> list[InstalledPack]:
        """The current (most recently installed) version of every pack, by title."""
        with self._transaction() as db:
            return sorted(self._current_packs(db).values(), key=lambda p: (p.title, p.pack_id))

    def installed_pack(self, pack_id: str) -> InstalledPack | None:
        with self._transaction() as db:
            return self._current_packs(db, pack_id).get(pack_id)

    def _current_packs(self, db: Connection,
                       pack_id: str | None = None) -> dict[str, InstalledPack]:
        query = select(installed_packs).order_by(installed_packs.c.installed_at)
        if pack_id is not None:
            query = query.where(installed_packs.c.pack_id == pack_id)
        newest = {row.pack_id: row for row in db.execute(query)}  # later rows win
        if not newest:
            return {}
        exercise_rows = db.execute(
            select(pack_exercises).where(pack_exercises.c.pack_id.in_(list(newest)))
            .order_by(pack_exercises.c.position))
        hashes: dict[str, dict[str, str]] = {pid: {} for pid in newest}
        for row in exercise_rows:
            if newest[row.pack_id].version == row.version:
                hashes[row.pack_id][row.exercise_id] = row.content_hash
        return {pid: InstalledPack(row.pack_id, row.version, row.sha256, row.title, row.path,
                                   row.installed_at, hashes[pid])
                for pid, row in newest.items()}

    # -- drafts (autosave) -----------------------------------------------------------------

    def save_draft(self, learner_id: int, key: str, text: str, fmt: str) -> Draft:
        """Save (insert or replace) the draft for ``key`` in one transaction; durable on return."""
        when = _now()
        values = {"learner_id": learner_id, "context_key": key, "text": text, "format": fmt,
                  "updated_at": when}
        with self._transaction(write=True) as db:
            dialect = db.dialect.name
            if dialect in ("sqlite", "postgresql"):
                builder = sqlite.insert if dialect == "sqlite" else postgresql.insert
                statement = builder(drafts).values(**values)
                db.execute(statement.on_conflict_do_update(
                    index_elements=[drafts.c.learner_id, drafts.c.context_key],
                    set_={"text": text, "format": fmt, "updated_at": when}))
            else:
                changed = db.execute(update(drafts).where(
                    (drafts.c.learner_id == learner_id) & (drafts.c.context_key == key)
                ).values(text=text, format=fmt, updated_at=when)).rowcount
                if not changed:
                    db.execute(insert(drafts).values(**values))
        return Draft(learner_id, key, text, fmt, when)

    def draft(self, learner_id: int, key: str) -> Draft | None:
        with self._transaction() as db:
            row = db.execute(select(drafts).where((drafts.c.learner_id == learner_id)
                                                  & (drafts.c.context_key == key))).first()
        return _draft(row) if row else None

    def drafts(self, learner_id: int) -> list[Draft]:
        """Every draft of the learner, newest first (what the app offers back after a crash)."""
        with self._transaction() as db:
            rows = db.execute(select(drafts).where(drafts.c.learner_id == learner_id)
                              .order_by(drafts.c.updated_at.desc(), drafts.c.context_key))
            return [_draft(row) for row in rows]

    def discard_draft(self, learner_id: int, key: str) -> bool:
        """Forget a draft (saved or submitted); True when there was one."""
        with self._transaction(write=True) as db:
            return db.execute(delete(drafts).where((drafts.c.learner_id == learner_id)
                                                   & (drafts.c.context_key == key))).rowcount > 0

    # -- attempts --------------------------------------------------------------------------

    def record_attempt(self, learner_id: int, pack_id: str, pack_version: str, exercise_id: str, *,
                       record: str, fmt: str, score: float, max_score: float,
                       checks: Sequence[Mapping[str, Any]] = (), rule_ids: Iterable[str] = (),
                       hints_used: int = 0, exercise_hash: str | None = None,
                       submitted_at: datetime | None = None) -> Attempt:
        """Keep a scored submission.

        ``checks`` is the per-check feedback (JSON-able dicts); mastery reads each one's
        ``competency``, ``earned`` and ``possible``. ``rule_ids`` lists the rule id of every finding
        of the submitted record (repeats count). ``exercise_hash`` defaults to the installed
        pack version's hash of the exercise.
        """
        checks_list = json.loads(json.dumps([dict(check) for check in checks]))
        rules = Counter(rule_ids)
        score, max_score = float(score), float(max_score)
        percent = 100.0 * score / max_score if max_score > 0 else 0.0
        when = _moment(submitted_at)
        with self._transaction(write=True) as db:
            if exercise_hash is None:
                exercise_hash = db.scalar(select(pack_exercises.c.content_hash).where(
                    (pack_exercises.c.pack_id == pack_id)
                    & (pack_exercises.c.version == pack_version)
                    & (pack_exercises.c.exercise_id == exercise_id)))
            attempt_id = db.execute(insert(attempts).values(
                learner_id=learner_id, pack_id=pack_id, pack_version=pack_version,
                exercise_id=exercise_id, exercise_hash=exercise_hash, format=fmt, record=record,
                score=score, max_score=max_score, percent=percent, checks=checks_list,
                submitted_at=when, hints_used=hints_used)).inserted_primary_key[0]
            if rules:
                db.execute(insert(attempt_rules), [
                    {"attempt_id": attempt_id, "rule_id": rule_id, "occurrences": count}
                    for rule_id, count in sorted(rules.items())])
        return Attempt(attempt_id, learner_id, pack_id, pack_version, exercise_id, exercise_hash,
                       fmt, record, score, max_score, percent, checks_list,
                       dict(sorted(rules.items())), when, hints_used)

    def attempts(self, learner_id: int, pack_id: str | None = None,
                 exercise_id: str | None = None) -> list[Attempt]:
        """Every attempt of the learner (whatever pack version), oldest first."""
        with self._transaction() as db:
            return progress.load_attempts(db, learner_id, pack_id, exercise_id)

    def latest_attempts(self, learner_id: int, pack_id: str) -> dict[str, Attempt]:
        """Exercise id -> the learner's latest attempt that counts for the installed version."""
        with self._transaction() as db:
            return progress.latest_per_exercise(
                progress.counting(progress.load_attempts(db, learner_id, pack_id),
                                  self._current_packs(db, pack_id).get(pack_id)))

    def best_attempts(self, learner_id: int, pack_id: str) -> dict[str, Attempt]:
        """Exercise id -> the learner's best attempt that counts (ties: the earlier one)."""
        with self._transaction() as db:
            return progress.best_per_exercise(
                progress.counting(progress.load_attempts(db, learner_id, pack_id),
                                  self._current_packs(db, pack_id).get(pack_id)))

    def best_scores(self, learner_id: int, pack_id: str) -> dict[str, float]:
        """Exercise id -> best percent that counts for the installed version."""
        return {exercise: attempt.percent
                for exercise, attempt in self.best_attempts(learner_id, pack_id).items()}

    def latest_attempts_all_learners(self, pack_id: str) -> list[ClassroomRow]:
        """Classroom mode: each learner's latest counting attempt at each exercise of the pack,
        by learner name, then in the pack's exercise order."""
        with self._transaction() as db:
            pack = self._current_packs(db, pack_id).get(pack_id)
            people = {row.id: Learner(row.id, row.name, row.created_at)
                      for row in db.execute(select(learners))}
            latest = progress.latest_per_exercise_per_learner(
                progress.counting(progress.load_attempts(db, None, pack_id), pack))
        order = {exercise: position
                 for position, exercise in enumerate(pack.exercises if pack else ())}
        rows = [ClassroomRow(people[learner_id], attempt)
                for (learner_id, _), attempt in latest.items()]
        rows.sort(key=lambda row: (row.learner.name.casefold(), row.learner.id,
                                   order.get(row.attempt.exercise_id, len(order)),
                                   row.attempt.exercise_id))
        return rows

    # -- drills ----------------------------------------------------------------------------

    def record_drill_answer(self, learner_id: int, item_key: str, topic: str, correct: bool,
                            answered_at: datetime | None = None) -> DrillAnswer:
        when = _moment(answered_at)
        with self._transaction(write=True) as db:
            db.execute(insert(drill_answers).values(learner_id=learner_id, item_key=item_key,
                                                    topic=topic, correct=correct, answered_at=when))
        return DrillAnswer(learner_id, item_key, topic, correct, when)

    def drill_answers(self, learner_id: int, topic: str | None = None) -> list[DrillAnswer]:
        """The learner's drill answers, oldest first (what spaced review schedules from)."""
        query = select(drill_answers).where(drill_answers.c.learner_id == learner_id)
        if topic is not None:
            query = query.where(drill_answers.c.topic == topic)
        with self._transaction() as db:
            rows = db.execute(query.order_by(drill_answers.c.answered_at, drill_answers.c.id))
            return [DrillAnswer(row.learner_id, row.item_key, row.topic, bool(row.correct),
                                row.answered_at) for row in rows]

    # -- the dashboard ---------------------------------------------------------------------

    def score_history(self, learner_id: int) -> dict[str, list[ScorePoint]]:
        """Pack id -> every attempt in time order, with the pack average after it."""
        with self._transaction() as db:
            return progress.score_history(progress.load_attempts(db, learner_id))

    def mastery(self, learner_id: int) -> list[Mastery]:
        """Per competency, the share of check points the latest counting attempts earned."""
        with self._transaction() as db:
            packs = self._current_packs(db)
            attempts_now = progress.load_attempts(db, learner_id)
        by_pack: dict[str, list[Attempt]] = {}
        for attempt in attempts_now:
            by_pack.setdefault(attempt.pack_id, []).append(attempt)
        latest = [attempt for pack_id, pack_attempts in by_pack.items()
                  for attempt in progress.latest_per_exercise(
                      progress.counting(pack_attempts, packs.get(pack_id))).values()]
        return progress.mastery(latest)

    def broken_rules(self, learner_id: int, limit: int = 10,
                     since: datetime | None = None) -> list[RuleCount]:
        """The rules the learner's submitted records broke most often (in most attempts)."""
        with self._transaction() as db:
            return progress.broken_rules(db, learner_id, limit, since)

    def streak(self, learner_id: int, today: date | None = None,
               tz: tzinfo | None = None) -> Streak:
        """Consecutive local days with an attempt or a drill answer."""
        with self._transaction() as db:
            moments = progress.activity_moments(db, learner_id)
        return progress.streak(moments, today, tz)


def _draft(row) -> Draft:
    return Draft(row.learner_id, row.context_key, row.text, row.format, row.updated_at)


def exercise_hash(files: Mapping[str, str], exercise_path: str) -> str:
    """The content hash of one exercise from a pack manifest's ``[files]`` (path -> sha256):
    a SHA-256 over the sorted paths and hashes of the files under ``exercise_path``."""
    prefix = exercise_path.rstrip("/") + "/"
    digest = hashlib.sha256()
    for file_path in sorted(p for p in files if p.startswith(prefix)):
        digest.update(f"{file_path[len(prefix):]}\0{files[file_path]}\n".encode())
    return digest.hexdigest()
