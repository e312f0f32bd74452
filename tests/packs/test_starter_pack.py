"""The starter pack we ship: it passes `pack check`, covers every kind, every key scores 100% and
lints clean, and a wrong answer of every kind scores lower with the failing checks named."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sandbox.exercises import KINDS, score, score_key
from sandbox.exercises.practice import starter_source, working_record
from sandbox.packs import load_pack
from sandbox.packs.build import build
from sandbox.packs.check import check_pack
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def pack():
    with load_pack(starter_source()) as opened:
        yield opened


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(starter_source(), tmp_path_factory.mktemp("pack") / "starter-1.0.0.catpack")


def test_pack_check_passes_on_the_folder_and_the_built_pack(built):
    for path in (starter_source(), built):
        report = check_pack(path)
        assert report.ok, report.text()
        assert len(report.exercises) >= 30


def test_the_pack_check_command_exits_zero(built):
    done = subprocess.run([sys.executable, "-m", "sandbox", "pack", "check", str(built)],
                          capture_output=True, text=True, cwd=PROJECT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_kind_is_there_with_at_least_thirty_exercises(pack):
    kinds = [pack.exercise(e).kind for e in pack.exercise_ids]
    assert len(kinds) >= 30
    assert set(kinds) == set(KINDS)


def test_every_key_scores_full_marks_and_has_no_errors_under_its_profile(pack):
    for exercise_id in pack.exercise_ids:
        exercise = pack.exercise(exercise_id)
        if exercise.kind == "drill":
            right = {q.key: q.answer for q in exercise.questions}
            assert score(exercise, right).percent == 100.0, exercise_id
            continue
        for number in range(len(exercise.keys)):
            assert score_key(exercise, number).percent == 100.0, (exercise_id, number)
            errors = [f for f in exercise.validate(exercise.keys[number]) if f.severity == "error"]
            assert not errors, (exercise_id, [f"{f.location} {f.message}" for f in errors])


def wrong_answer(exercise):
    """What a learner who did nothing would hand in: the working record as it starts, or a drill
    answered with nonsense."""
    if exercise.kind == "drill":
        return {q.key: "no idea" for q in exercise.questions}
    return working_record(exercise)


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_answer_of_each_kind_scores_lower_with_its_failing_checks_named(pack, kind):
    exercises = [pack.exercise(e) for e in pack.exercise_ids if pack.exercise(e).kind == kind]
    assert exercises
    for exercise in exercises:
        result = score(exercise, wrong_answer(exercise))
        assert result.percent < 100.0, exercise.id
        assert result.failed, exercise.id
        assert all(check.label for check in result.failed)
