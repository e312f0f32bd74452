""".catsub files: written and read back; anything malformed or hostile refused with the file named."""

from __future__ import annotations

import json
import zipfile

import pytest

from sandbox.exercises.submission import (
    Attempt,
    Submission,
    SubmissionError,
    read_submission,
    write_submission,
)
from tests.packs.factory import KEY


def _submission() -> Submission:
    return Submission(learner="Ana Ruiz", pack_id="test-pack", pack_version="1.0.0",
                      created="2026-11-24T10:00:00+00:00", attempts=[
                          Attempt("describe-book", "mrk", record=KEY,
                                  submitted_at="2026-11-24T10:00:00+00:00"),
                          Attempt("drill-tags", "answers", answers={"isbn": "020"})])


def test_round_trip(tmp_path):
    path = write_submission(tmp_path / "ana.catsub", _submission())
    again = read_submission(path)
    assert again.learner == "Ana Ruiz" and again.pack_id == "test-pack"
    assert again.pack_version == "1.0.0" and again.created.startswith("2026-11-24")
    assert [a.exercise for a in again.attempts] == ["describe-book", "drill-tags"]
    assert again.attempts[0].record == KEY and again.attempts[1].answers == {"isbn": "020"}
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("submission.json"))
    assert document["format"] == "catsub/1"
    assert document["pack"] == {"id": "test-pack", "version": "1.0.0"}


def test_writing_is_deterministic(tmp_path):
    a = write_submission(tmp_path / "a.catsub", _submission()).read_bytes()
    assert write_submission(tmp_path / "b.catsub", _submission()).read_bytes() == a


def _catsub(tmp_path, document, name="x.catsub"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("submission.json", document if isinstance(document, str)
                         else json.dumps(document))
    return path


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(format="catsub/9"), "this version of Catalog Sandbox reads catsub/1"),
    (lambda d: d.pop("learner"), '"learner" must be text'),
    (lambda d: d.update(pack="starter"), '"pack" must be an object'),
    (lambda d: d.update(attempts={}), '"attempts" must be a list'),
    (lambda d: d["attempts"][0].update(format="pdf"), "attempt 1: format 'pdf'"),
    (lambda d: d["attempts"][1].update(answers=["020"]), "attempt 2: \"answers\" must map"),
    (lambda d: d["attempts"][0].update(record="x" * 1_000_001), "attempt 1: the record is"),
])
def test_malformed_submissions_name_the_place(tmp_path, change, words):
    document = _submission().as_json()
    change(document)
    with pytest.raises(SubmissionError) as caught:
        read_submission(_catsub(tmp_path, document))
    assert str(caught.value).startswith("x.catsub") and words in str(caught.value)


def test_not_json(tmp_path):
    with pytest.raises(SubmissionError, match="is not valid JSON"):
        read_submission(_catsub(tmp_path, "{nope"))


def test_not_a_zip(tmp_path):
    path = tmp_path / "x.catsub"
    path.write_text("hello")
    with pytest.raises(SubmissionError, match=r"x.catsub: is not a .catsub file"):
        read_submission(path)


def test_missing_member(tmp_path):
    path = tmp_path / "x.catsub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("other.json", "{}")
    with pytest.raises(SubmissionError, match="holds no submission.json"):
        read_submission(path)


def test_hostile_zip_entries_are_refused(tmp_path):
    path = tmp_path / "x.catsub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("submission.json", json.dumps(_submission().as_json()))
        archive.writestr("../../evil.txt", "owned")
    with pytest.raises(SubmissionError, match="zip slip"):
        read_submission(path)
    bomb = tmp_path / "bomb.catsub"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("submission.json", b" " * (80 * 1024 * 1024))
    with pytest.raises(SubmissionError, match="expands to 80.0 MB"):
        read_submission(bomb)


def test_a_bare_json_file_is_read_too(tmp_path):
    path = tmp_path / "submission.json"
    path.write_text(json.dumps(_submission().as_json()), encoding="utf-8")
    assert read_submission(path).learner == "Ana Ruiz"
