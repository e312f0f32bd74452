"""Practising with installed packs: the starter pack installed on first run, the packs a learner
has, the record an exercise starts from, and a submission turned into a stored attempt.

The app and the tests use this; the store keeps the installed versions and the attempts, the
packs live as verified ``.catpack`` files in a folder the caller chooses.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pymarc import Record

from sandbox.exercises.model import Exercise
from sandbox.exercises.results import ScoreResult
from sandbox.fileio import user_data_folder
from sandbox.formats.text import record_to_text
from sandbox.packs import Pack, PackError, load_pack
from sandbox.packs.build import build
from sandbox.packs.install import install
from sandbox.records.dublin_core import DublinCoreRecord
from sandbox.samples import samples_directory

STARTER_FOLDER = "starter-pack"


def starter_source() -> Path:
    return samples_directory() / STARTER_FOLDER


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install_pack_file(store, catpack: Path, folder: Path) -> Pack:
    """Verify and install ``catpack`` into ``folder`` and record it in the store."""
    target = install(catpack, folder)
    pack = load_pack(target)
    store.install_pack(pack.id, pack.version, sha256=_sha256(target), title=pack.title,
                       path=str(target),
                       exercises={e: pack.exercise_digest(e) for e in pack.exercise_ids})
    return pack


def ensure_starter_pack(store, folder: Path) -> bool:
    """Install the bundled starter pack if this version of it is not installed; True if it was."""
    with load_pack(starter_source()) as source:
        pack_id, version = source.id, source.version
    installed = store.installed_pack(pack_id)
    if installed is not None and installed.version == version and Path(installed.path).is_file():
        return False
    with tempfile.TemporaryDirectory() as scratch:
        built = build(starter_source(), Path(scratch) / f"{pack_id}-{version}.catpack")
        install_pack_file(store, built, folder).close()
    return True


@dataclass
class PackShelf:
    """The installed packs, opened (each verified once), in the order the store lists them."""

    packs: list[Pack] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # packs that could not be opened, in words

    @classmethod
    def from_store(cls, store) -> PackShelf:
        shelf = cls()
        for installed in store.installed_packs():
            try:
                shelf.packs.append(load_pack(installed.path))
            except (PackError, OSError) as error:
                shelf.problems.append(f"{installed.title} ({installed.version}) could not be "
                                      f"opened: {error}")
        return shelf

    def pack(self, pack_id: str) -> Pack | None:
        return next((p for p in self.packs if p.id == pack_id), None)


def working_record(exercise: Exercise) -> Record | DublinCoreRecord | None:
    """What the learner edits: the exercise's start record, an empty Dublin Core description for
    a crosswalk (the MARC record to crosswalk is shown beside it), a template for a record to
    describe from nothing; None for a drill (it is answered question by question)."""
    if exercise.kind == "drill":
        return None
    if exercise.answer_format == "dcxml":
        return DublinCoreRecord()
    if exercise.start_record is not None:
        import copy

        return copy.deepcopy(exercise.start_record)
    from sandbox.templates import new_record

    return new_record("printed-book")


def attempt_fields(exercise: Exercise, answer, result: ScoreResult) -> dict:
    """The store's ``record_attempt`` keywords for a scored submission."""
    if isinstance(answer, (Record, DublinCoreRecord)):
        text, fmt = record_to_text(answer)
    else:
        import json

        text, fmt = json.dumps(dict(answer or {}), ensure_ascii=False, sort_keys=True), "answers"
    return dict(record=text, fmt=fmt, score=result.total, max_score=result.possible,
                checks=result.as_dict()["checks"], rule_ids=[p.rule for p in result.penalties])


def packs_folder() -> Path:
    """Where installed packs live: ``packs`` in the user data directory."""
    return user_data_folder() / "packs"


def exercises_training(shelf: PackShelf, rule_id: str) -> list[tuple[str, str, str]]:
    """``(pack id, exercise id, title)`` of the exercises that train a rule: those whose starting
    record breaks it (the learner must put it right) or whose rubric checks it by name."""
    found = []
    for pack in shelf.packs:
        for exercise_id in pack.exercise_ids:
            exercise = pack.exercise(exercise_id)
            by_rubric = any(check.compare == "rule" and check.rule == rule_id for check in exercise.checks)
            trains = exercise.cache.get(("trains", rule_id))
            if trains is None:
                start = exercise.start_record
                trains = start is not None and any(f.rule == rule_id for f in exercise.validate(start))
                exercise.cache[("trains", rule_id)] = trains
            if by_rubric or trains:
                found.append((pack.id, exercise_id, exercise.title))
    return found


def submission_for(store, learner, pack_id: str):
    """A learner's ``.catsub`` content for one pack: every attempt kept in the store, oldest
    first (the grader re-scores them all and keeps the best)."""
    import json
    from datetime import datetime, timezone

    from sandbox.exercises.submission import Attempt, Submission

    installed = store.installed_pack(pack_id)
    attempts = []
    for stored in sorted(store.attempts(learner.id, pack_id), key=lambda a: a.submitted_at):
        answers = json.loads(stored.record) if stored.format == "answers" else None
        attempts.append(Attempt(stored.exercise_id, stored.format,
                                None if answers is not None else stored.record, answers,
                                stored.submitted_at.isoformat()))
    return Submission(learner.name, pack_id, installed.version if installed else "",
                      datetime.now(timezone.utc).isoformat(timespec="seconds"), attempts)
