"""``pack check``: everything that must hold before a pack goes to learners.

The manifest and every exercise read cleanly; every hash matches; every key record lints clean
(no errors) under its exercise's profile; every key scores 100% on its own exercise; a starting
record does not already score 100%.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sandbox.packs.errors import PackError
from sandbox.packs.limits import DEFAULT_LIMITS, Limits
from sandbox.packs.pack import Pack, load_pack

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    severity: str  # ERROR fails the check; WARNING is reported
    message: str
    exercise: str | None = None

    def __str__(self) -> str:
        where = f"{self.exercise}: " if self.exercise else ""
        return f"{self.severity}: {where}{self.message}"


@dataclass
class ExerciseStatus:
    id: str
    kind: str = ""
    title: str = ""
    key_percents: list[float] = field(default_factory=list)
    start_percent: float | None = None
    loaded: bool = False


@dataclass
class CheckReport:
    label: str
    pack_id: str = ""
    title: str = ""
    version: str = ""
    exercises: list[ExerciseStatus] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    def add(self, severity: str, message: str, exercise: str | None = None) -> None:
        self.problems.append(Problem(severity, message, exercise))

    def text(self) -> str:
        lines = []
        if self.pack_id:
            lines.append(f"{self.label}: pack '{self.pack_id}' {self.version}, "
                         f"\"{self.title}\", {len(self.exercises)} exercise(s)")
        width = max((len(s.id) for s in self.exercises), default=0)
        for status in self.exercises:
            own = [p for p in self.problems if p.exercise == status.id]
            mark = "FAIL" if any(p.severity == ERROR for p in own) else "ok  "
            keys = ", ".join(f"{percent:g}%" for percent in status.key_percents)
            detail = f"key {keys}" if keys else ("not loaded" if not status.loaded else "")
            if status.start_percent is not None:
                detail += f"; start {status.start_percent:g}%"
            lines.append(f"  {mark} {status.id:<{width}}  {status.kind:<12}  {detail}")
            lines += [f"         {p.severity}: {p.message}" for p in own]
        general = [p for p in self.problems if p.exercise is None]
        lines += [f"  {p}" for p in general]
        errors = sum(p.severity == ERROR for p in self.problems)
        warnings = sum(p.severity == WARNING for p in self.problems)
        verdict = "passes" if self.ok else "FAILS"
        lines.append(f"{self.label} {verdict} the check: {errors} error(s), {warnings} "
                     "warning(s)")
        return "\n".join(lines)


def _check_exercise(pack: Pack, status: ExerciseStatus, report: CheckReport) -> None:
    from sandbox.exercises.scoring import score, score_key

    try:
        exercise = pack.exercise(status.id)
    except PackError as error:
        report.add(ERROR, str(error), status.id)
        return
    status.loaded = True
    status.kind, status.title = exercise.kind, exercise.title
    for warning in exercise.warnings:
        report.add(WARNING, warning, status.id)
    if not exercise.hints:
        report.add(WARNING, "has no hints (nudge, rule, answer)", status.id)
    if exercise.kind != "drill":
        for index, key in enumerate(exercise.keys):
            where = _key_place(exercise, index)
            for finding in exercise.validate(key):
                if finding.severity == "error":
                    report.add(ERROR, f"{where}: the key does not lint clean: {finding.rule} at "
                               f"{finding.location}: {finding.message}", status.id)
    indexes = range(len(exercise.keys)) if exercise.kind != "drill" else range(1)
    for index in indexes:
        result = score_key(exercise, index)
        status.key_percents.append(result.percent)
        if result.percent < 100.0:
            failing = "; ".join(f"{c.label}: {c.detail or 'not full marks'}"
                                for c in result.failed) or "penalties: " + "; ".join(
                f"{p.rule} at {p.location}" for p in result.penalties)
            report.add(ERROR, f"{_key_place(exercise, index)} scores {result.percent:g}% on its "
                       f"own exercise, not 100% ({failing})", status.id)
    if exercise.start_record is not None and exercise.kind not in ("crosswalk",):
        start = score(exercise, exercise.start_record)
        status.start_percent = start.percent
        if start.percent >= 100.0:
            report.add(ERROR if exercise.kind == "fix" else WARNING,
                       "the starting record already scores 100%: there is nothing to do",
                       status.id)


def _key_place(exercise, index: int) -> str:
    if exercise.kind == "drill":
        return "the answers"
    files = exercise.key_files
    if len(exercise.keys) == len(files):
        return files[index]
    return f"key {index + 1}" + (f" ({', '.join(files)})" if files else "")


def check_pack(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> CheckReport:
    """Check a pack folder or .catpack file; never raises for a bad pack (the report says)."""
    report = CheckReport(Path(path).name or str(path))
    try:
        pack = load_pack(path, limits)
    except PackError as error:
        report.add(ERROR, str(error))
        return report
    with pack:
        report.pack_id, report.title, report.version = pack.id, pack.title, pack.version
        if not pack.exercise_ids:
            report.add(ERROR, "the pack lists no exercises ([[exercise]] in pack.toml)")
        for exercise_id in pack.exercise_ids:
            status = ExerciseStatus(exercise_id)
            report.exercises.append(status)
            _check_exercise(pack, status, report)
    return report
