"""Grading many submissions: each attempt scored again, the best per exercise kept."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from sandbox.exercises import score_text
from sandbox.exercises.gradebook import Gradebook, submission_from_files
from sandbox.exercises.submission import Attempt, Submission
from tests.packs.factory import DAMAGED, KEY, STUB


def _rows(book: Gradebook) -> dict[str, dict[str, str]]:
    reader = csv.DictReader(io.StringIO(book.csv_text()))
    return {row["learner"]: row for row in reader}


def test_best_attempt_per_exercise_and_one_row_per_learner(pack):
    book = Gradebook(pack)
    book.add(Submission("Ana", "test-pack", "1.0.0", attempts=[
        Attempt("describe-book", "mrk", record=STUB),
        Attempt("describe-book", "mrk", record=KEY),
        Attempt("fix-book", "mrk", record=DAMAGED),
        Attempt("drill-tags", "answers", answers={"isbn": "020", "title": "245", "q3": "text"}),
    ]))
    book.add(Submission("Ben", "test-pack", "1.0.0", attempts=[
        Attempt("describe-book", "mrk", record=STUB)]))
    rows = _rows(book)
    assert list(rows) == ["Ana", "Ben"]
    ana, ben = rows["Ana"], rows["Ben"]
    assert ana["describe-book"] == "100.0" and ana["drill-tags"] == "100.0"
    fix = score_text(pack.exercise("fix-book"), DAMAGED).percent
    assert ana["fix-book"] == f"{fix:.1f}" and fix < 100
    assert ana["classify-book"] == "" and ana["attempts"] == "4"
    assert float(ben["describe-book"]) < 100
    ids = pack.exercise_ids
    assert float(ana["total %"]) == pytest.approx((100 + fix + 100) / len(ids), abs=0.05)
    header = book.header()
    assert header[:1 + len(ids)] == ["learner", *ids]
    assert header[-2:] == ["total %", "attempts"]
    assert "subject analysis %" in header and "metadata schemas %" in header


def test_competency_columns_count_untried_exercises_as_zero(pack):
    book = Gradebook(pack)
    book.add(Submission("Ana", "test-pack", attempts=[
        Attempt("classify-book", "mrk", record=KEY)]))
    row = _rows(book)["Ana"]
    # classification points come from classify-book (4 + 3 = 7 in full) and from the describe,
    # fix and every-compare exercises, which Ana did not try.
    assert 0 < float(row["classification %"]) < 100
    assert row["metadata schemas %"] == "0.0"


def test_submissions_for_another_pack_are_skipped_with_a_note(pack):
    book = Gradebook(pack)
    book.add(Submission("Ana", "other-pack", source="ana.catsub", attempts=[
        Attempt("describe-book", "mrk", record=KEY)]))
    book.add(Submission("Ben", "test-pack", source="ben.catsub", attempts=[
        Attempt("no-such-exercise", "mrk", record=KEY)]))
    assert not book.learners.get("Ana")
    assert book.notes == ["ana.catsub: skipped: it answers pack 'other-pack', not 'test-pack'",
                          "ben.catsub: attempt 1: skipped: the pack has no exercise "
                          "'no-such-exercise'"]


def test_another_version_is_graded_with_a_warning(pack):
    book = Gradebook(pack)
    book.add(Submission("Ana", "test-pack", "0.9", source="ana.catsub", attempts=[
        Attempt("describe-book", "mrk", record=KEY)]))
    assert _rows(book)["Ana"]["describe-book"] == "100.0"
    assert "made with version 0.9" in book.warnings[0]


def test_plain_answer_files_named_after_exercises(pack, tmp_path):
    (tmp_path / "describe-book.mrk").write_text(KEY, encoding="utf-8")
    (tmp_path / "drill-tags.json").write_text(json.dumps({"isbn": "020"}), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an answer", encoding="utf-8")
    submission, notes = submission_from_files("ana", sorted(tmp_path.iterdir()), pack)
    assert [a.exercise for a in submission.attempts] == ["describe-book", "drill-tags"]
    assert notes and "notes.txt" in notes[0]
    book = Gradebook(pack)
    book.add(submission)
    row = _rows(book)["ana"]
    assert row["describe-book"] == "100.0" and row["drill-tags"] == f"{100 / 3:.1f}"


def test_stored_scores_are_never_trusted(pack, tmp_path):
    from sandbox.exercises.submission import read_submission

    document = Submission("Ana", "test-pack", attempts=[
        Attempt("describe-book", "mrk", record=STUB)]).as_json()
    document["attempts"][0]["score"] = {"percent": 100}
    path = tmp_path / "ana.catsub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("submission.json", json.dumps(document))
    book = Gradebook(pack)
    book.add(read_submission(path))
    assert float(_rows(book)["Ana"]["describe-book"]) < 100


def test_write_csv(pack, tmp_path):
    book = Gradebook(pack)
    book.add(Submission("Ana", "test-pack", attempts=[Attempt("describe-book", "mrk",
                                                               record=KEY)]))
    book.write_csv(tmp_path / "grades.csv")
    assert (tmp_path / "grades.csv").read_text(encoding="utf-8") == book.csv_text()
