"""Grading many submissions at once: every attempt scored again, the best per exercise kept,
one gradebook row per learner (``catsandbox grade``)."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sandbox.exercises.model import COMPETENCIES
from sandbox.exercises.results import ScoreResult
from sandbox.exercises.scoring import score, score_key, score_text
from sandbox.exercises.submission import Attempt, Submission
from sandbox.fileio import atomic_write
from sandbox.packs.errors import PackError

#: Plain answer files a grader accepts besides .catsub, by suffix.
RECORD_SUFFIXES = {".mrk": "mrk", ".txt": "mrk", ".xml": "auto", ".json": "answers"}


@dataclass
class LearnerGrades:
    learner: str
    best: dict[str, ScoreResult] = field(default_factory=dict)
    attempts: int = 0
    sources: list[str] = field(default_factory=list)

    def offer(self, exercise_id: str, result: ScoreResult) -> None:
        """Keep ``result`` if it beats the learner's best so far (the earlier wins a tie)."""
        self.attempts += 1
        current = self.best.get(exercise_id)
        if current is None or result.percent > current.percent:
            self.best[exercise_id] = result


@dataclass
class Gradebook:
    """Scores for one pack. Add submissions, then read rows or write the CSV."""

    pack: object  # sandbox.packs.Pack
    learners: dict[str, LearnerGrades] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # attempts that could not be graded, and why
    warnings: list[str] = field(default_factory=list)  # graded, but worth knowing
    _possible: dict[str, dict[str, float]] = field(default_factory=dict)

    def add(self, submission: Submission) -> None:
        pack = self.pack
        where = Path(submission.source).name or submission.learner
        if submission.pack_id != pack.id:
            self.notes.append(f"{where}: skipped: it answers pack '{submission.pack_id}', not "
                              f"'{pack.id}'")
            return
        if submission.pack_version and submission.pack_version != pack.version:
            self.warnings.append(f"{where}: made with version {submission.pack_version} of the "
                                 f"pack; graded against {pack.version}")
        learner = submission.learner or Path(submission.source).stem or "(no name)"
        grades = self.learners.setdefault(learner, LearnerGrades(learner))
        grades.sources.append(where)
        for number, attempt in enumerate(submission.attempts, start=1):
            result = self.score_attempt(attempt, f"{where}: attempt {number}")
            if result is not None:
                grades.offer(attempt.exercise, result)

    def score_attempt(self, attempt: Attempt, where: str) -> ScoreResult | None:
        if attempt.exercise not in self.pack.exercise_ids:
            self.notes.append(f"{where}: skipped: the pack has no exercise '{attempt.exercise}'")
            return None
        try:
            exercise = self.pack.exercise(attempt.exercise)
        except PackError as error:
            self.notes.append(f"{where}: not graded: {error}")
            return None
        if exercise.kind == "drill":
            if attempt.format != "answers":
                self.notes.append(f"{where}: '{attempt.exercise}' is a drill; its attempt must "
                                  "hold answers, not a record")
            return score(exercise, attempt.answers or {})
        if attempt.format == "answers":
            self.notes.append(f"{where}: '{attempt.exercise}' asks for a record, not answers")
            return score(exercise, None)
        return score_text(exercise, attempt.record or "", attempt.format)

    def possible(self, exercise_id: str) -> dict[str, float]:
        """Points per competency an exercise offers (from its first key)."""
        if exercise_id not in self._possible:
            try:
                result = score_key(self.pack.exercise(exercise_id))
                self._possible[exercise_id] = {s.competency: s.possible for s in result.subtotals}
            except PackError:
                self._possible[exercise_id] = {}
        return self._possible[exercise_id]

    def competencies(self) -> list[str]:
        used = {name for exercise_id in self.pack.exercise_ids
                for name in self.possible(exercise_id)}
        return [name for name in COMPETENCIES if name in used]

    def header(self) -> list[str]:
        return (["learner", *self.pack.exercise_ids,
                 *(f"{name} %" for name in self.competencies()), "total %", "attempts"])

    def rows(self) -> list[list[str]]:
        """One row per learner, sorted by name: best % per exercise (blank if not tried),
        % per competency over the whole pack, total % (untried exercises count 0)."""
        ids = self.pack.exercise_ids
        competencies = self.competencies()
        rows = []
        for learner in sorted(self.learners, key=str.casefold):
            grades = self.learners[learner]
            row = [learner]
            for exercise_id in ids:
                result = grades.best.get(exercise_id)
                row.append("" if result is None else f"{result.percent:.1f}")
            for name in competencies:
                earned = possible = 0.0
                for exercise_id in ids:
                    result = grades.best.get(exercise_id)
                    if result is None:
                        possible += self.possible(exercise_id).get(name, 0.0)
                        continue
                    for subtotal in result.subtotals:
                        if subtotal.competency == name:
                            earned += subtotal.earned
                            possible += subtotal.possible
                row.append(f"{100.0 * earned / possible:.1f}" if possible else "")
            total = sum(grades.best[i].percent for i in ids if i in grades.best)
            row.append(f"{total / len(ids):.1f}" if ids else "")
            row.append(str(grades.attempts))
            rows.append(row)
        return rows

    def csv_text(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.header())
        writer.writerows(self.rows())
        return buffer.getvalue()

    def write_csv(self, path: str | os.PathLike[str]) -> None:
        with atomic_write(path) as stream:
            stream.write(self.csv_text().encode("utf-8"))


def submission_from_files(learner: str, paths: Iterable[Path], pack) -> tuple[Submission, list[str]]:
    """A learner's plain answer files (``describe-walden.mrk``, ``drill-tags.json``: named after
    the exercise) as one submission; and notes on files that were left out."""
    submission = Submission(learner=learner, pack_id=pack.id, pack_version=pack.version,
                            source=learner)
    notes = []
    for path in sorted(paths):
        suffix = path.suffix.lower()
        if path.stem not in pack.exercise_ids or suffix not in RECORD_SUFFIXES:
            notes.append(f"{learner}/{path.name}: skipped: not named after an exercise of the "
                         "pack (e.g. describe-walden.mrk)")
            continue
        try:
            if path.stat().st_size > 1024 * 1024:
                notes.append(f"{learner}/{path.name}: skipped: larger than 1 MB")
                continue
            data = path.read_bytes()
        except OSError as error:
            notes.append(f"{learner}/{path.name}: cannot be read: {error.strerror}")
            continue
        fmt = RECORD_SUFFIXES[suffix]
        if fmt == "answers":
            try:
                answers = json.loads(data.decode("utf-8-sig"))
                if not isinstance(answers, dict):
                    raise ValueError("not an object")
            except (ValueError, UnicodeDecodeError):
                notes.append(f"{learner}/{path.name}: skipped: a drill's answers are a JSON "
                             "object of question key → answer")
                continue
            submission.attempts.append(Attempt(path.stem, "answers",
                                               answers={str(k): str(v) for k, v in answers.items()}))
        else:
            submission.attempts.append(Attempt(path.stem, fmt,
                                               record=data.decode("utf-8", "replace")))
    return submission, notes
