"""catsandbox pack new|build|check|list and catsandbox grade, as a user runs them."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from sandbox.exercises.submission import Attempt, Submission, write_submission
from tests.packs.factory import KEY, STUB, make_pack


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sandbox", *args], capture_output=True,
                          text=True, cwd=cwd)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    folder = make_pack(base / "test-pack")
    result = run("pack", "build", str(folder), "-o", str(base / "test-pack.catpack"))
    assert result.returncode == 0, result.stderr
    return base / "test-pack.catpack"


def test_new_check_build_list(tmp_path):
    result = run("pack", "new", "class-pack", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "class-pack" / "pack.toml").is_file()
    check = run("pack", "check", "class-pack", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert "describe-example" in check.stdout and "key 100%" in check.stdout
    assert "passes the check" in check.stdout
    build = run("pack", "build", "class-pack", "-o", "class.catpack", cwd=tmp_path)
    assert build.returncode == 0 and "1 exercise(s)" in build.stdout
    assert run("pack", "check", "class.catpack", cwd=tmp_path).returncode == 0
    listing = run("pack", "list", cwd=tmp_path)
    assert listing.returncode == 0
    assert "(class.catpack)" in listing.stdout and "(class-pack)" in listing.stdout
    one = run("pack", "list", "class.catpack", cwd=tmp_path)
    assert "describe-example" in one.stdout and "describe" in one.stdout


def test_build_refuses_a_broken_pack(tmp_path):
    folder = make_pack(tmp_path / "p")
    (folder / "exercises" / "describe-book" / "brief.md").unlink()
    result = run("pack", "build", str(folder), "-o", str(tmp_path / "p.catpack"))
    assert result.returncode == 1 and "brief.md" in result.stderr
    assert not (tmp_path / "p.catpack").exists()


def test_check_fails_when_a_key_does_not_score_100(tmp_path):
    folder = make_pack(tmp_path / "p")
    exercise = folder / "exercises" / "describe-book" / "exercise.toml"
    exercise.write_text(exercise.read_text() + '\n[[check]]\nselect = "250$a"\ncompare = "exact"'
                        '\nexpected = "Second edition."\n', encoding="utf-8")
    result = run("pack", "check", str(folder))
    assert result.returncode == 1
    assert "FAIL describe-book" in result.stdout
    assert "key.mrk scores" in result.stdout and "250$a (exact)" in result.stdout


def test_check_fails_when_a_key_does_not_lint_clean(tmp_path):
    folder = make_pack(tmp_path / "p")
    key = folder / "exercises" / "classify-book" / "key.mrk"
    key.write_text(key.read_text().replace("9780374275631", "9780374275632"), encoding="utf-8")
    result = run("pack", "check", str(folder))
    assert result.returncode == 1
    assert "the key does not lint clean: NUM-001 at 020$a" in result.stdout


def test_check_reports_a_hostile_pack(tmp_path):
    bad = tmp_path / "bad.catpack"
    bad.write_bytes(b"not a zip")
    result = run("pack", "check", str(bad))
    assert result.returncode == 1 and "is not a .catpack file" in result.stdout


def test_usage_errors(tmp_path):
    assert run("pack", "check", str(tmp_path / "nothing")).returncode == 2
    assert run("pack", "new", str(tmp_path)).returncode == 0  # an empty folder is fine
    assert run("pack", "new", str(tmp_path)).returncode == 2  # now it is not empty
    assert run("pack").returncode == 2


def test_grade_writes_a_gradebook(built, tmp_path):
    submissions = tmp_path / "in"
    submissions.mkdir()
    write_submission(submissions / "ana.catsub", Submission("Ana Ruiz", "test-pack", "1.0.0",
                     attempts=[Attempt("describe-book", "mrk", record=STUB),
                               Attempt("describe-book", "mrk", record=KEY)]))
    write_submission(tmp_path / "ben.catsub", Submission("Ben Okafor", "test-pack", "1.0.0",
                     attempts=[Attempt("classify-book", "mrk", record=KEY)]))
    carla = tmp_path / "Carla"
    carla.mkdir()
    (carla / "fixed-fields-book.mrk").write_text(KEY, encoding="utf-8")
    result = run("grade", str(built), str(submissions), str(tmp_path / "ben.catsub"), str(carla),
                 "--csv", str(tmp_path / "grades.csv"))
    assert result.returncode == 0, result.stderr
    assert "Ana Ruiz:" in result.stdout and "gradebook:" in result.stdout
    with open(tmp_path / "grades.csv", encoding="utf-8", newline="") as handle:
        rows = {row["learner"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"Ana Ruiz", "Ben Okafor", "Carla"}
    assert rows["Ana Ruiz"]["describe-book"] == "100.0" and rows["Ana Ruiz"]["attempts"] == "2"
    assert rows["Ben Okafor"]["classify-book"] == "100.0"
    assert rows["Carla"]["fixed-fields-book"] == "100.0"
    assert float(rows["Carla"]["total %"]) == pytest.approx(100 / 8, abs=0.05)


def test_grade_reports_what_it_could_not_grade(built, tmp_path):
    (tmp_path / "broken.catsub").write_text("not a zip")
    write_submission(tmp_path / "ok.catsub", Submission("Ana", "test-pack", attempts=[
        Attempt("describe-book", "mrk", record=KEY)]))
    result = run("grade", str(built), str(tmp_path / "broken.catsub"), str(tmp_path / "ok.catsub"),
                 "--details")
    assert result.returncode == 1
    assert "not graded: broken.catsub" in result.stderr
    assert "Ana: 12.5%" in result.stdout and "describe-book: " in result.stdout


def test_grade_refuses_a_bad_pack(tmp_path):
    (tmp_path / "x.catpack").write_text("no")
    result = run("grade", str(tmp_path / "x.catpack"), str(tmp_path))
    assert result.returncode == 2 and "is not a .catpack file" in result.stderr
