"""``.catsub`` files: a learner's attempts at a pack's exercises, handed to an instructor.

A ``.catsub`` is a zip holding ``submission.json`` (format ``catsub/1``)::

    {"format": "catsub/1", "learner": "Ana Ruiz", "pack": {"id": "starter", "version": "1.0.0"},
     "created": "2026-11-24T10:00:00+00:00",
     "attempts": [{"exercise": "describe-walden", "submitted_at": "...", "format": "mrk",
                   "record": "=LDR  ...", "answers": null}]}

A stored score, if a file carries one, is never read: graders score every attempt again.
The zip is read with the same caps as a pack (no links, no climbing paths, no zip bombs).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sandbox.fileio import atomic_write
from sandbox.packs.archive import ZipSource
from sandbox.packs.errors import PackError
from sandbox.packs.limits import MB, Limits

FORMAT = "catsub/1"
MEMBER = "submission.json"
SUFFIX = ".catsub"
ATTEMPT_FORMATS = ("mrk", "dcxml", "answers")
MAX_ATTEMPTS = 10_000
MAX_RECORD_CHARS = 1_000_000
SUBMISSION_LIMITS = Limits(max_archive_bytes=64 * MB, max_entries=16, max_entry_bytes=64 * MB,
                           max_total_bytes=64 * MB)


class SubmissionError(Exception):
    """A submission file that cannot be read; the message names the file and what is wrong."""


@dataclass
class Attempt:
    exercise: str
    format: str  # one of ATTEMPT_FORMATS
    record: str | None = None  # mrk text or Dublin Core XML
    answers: dict[str, str] | None = None  # drills: question key → answer
    submitted_at: str = ""

    def as_json(self) -> dict:
        return {"exercise": self.exercise, "submitted_at": self.submitted_at,
                "format": self.format, "record": self.record, "answers": self.answers}


@dataclass
class Submission:
    learner: str
    pack_id: str
    pack_version: str = ""
    created: str = ""
    attempts: list[Attempt] = field(default_factory=list)
    source: str = ""  # the file it was read from, for messages

    def as_json(self) -> dict:
        return {"format": FORMAT, "learner": self.learner,
                "pack": {"id": self.pack_id, "version": self.pack_version},
                "created": self.created, "attempts": [a.as_json() for a in self.attempts]}


def _text(data: dict, key: str, where: str, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise SubmissionError(f"{where}: \"{key}\" must be text (got {value!r:.40})")
    return value


def parse_submission(data: bytes, label: str) -> Submission:
    """A submission from ``submission.json`` bytes; SubmissionError naming the place if wrong."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SubmissionError(f"{label}: {MEMBER} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise SubmissionError(f"{label}: {MEMBER} is not valid JSON (line {error.lineno}, "
                              f"column {error.colno}: {error.msg})") from None
    if not isinstance(document, dict):
        raise SubmissionError(f"{label}: {MEMBER} must hold a JSON object")
    if document.get("format") != FORMAT:
        raise SubmissionError(f"{label}: \"format\" is {document.get('format')!r:.40}; this "
                              f"version of Catalog Sandbox reads {FORMAT}")
    pack = document.get("pack")
    if not isinstance(pack, dict):
        raise SubmissionError(f"{label}: \"pack\" must be an object with the pack's id and "
                              "version")
    attempts_data = document.get("attempts")
    if not isinstance(attempts_data, list):
        raise SubmissionError(f"{label}: \"attempts\" must be a list")
    if len(attempts_data) > MAX_ATTEMPTS:
        raise SubmissionError(f"{label}: {len(attempts_data):,} attempts (at most "
                              f"{MAX_ATTEMPTS:,})")
    submission = Submission(learner=_text(document, "learner", label).strip(),
                            pack_id=_text(pack, "id", f"{label}: pack"),
                            pack_version=_text(pack, "version", f"{label}: pack", False),
                            created=_text(document, "created", label, False), source=label)
    for number, item in enumerate(attempts_data, start=1):
        where = f"{label}: attempt {number}"
        if not isinstance(item, dict):
            raise SubmissionError(f"{where}: must be an object")
        fmt = _text(item, "format", where)
        if fmt not in ATTEMPT_FORMATS:
            raise SubmissionError(f"{where}: format {fmt!r} is not one of "
                                  f"{', '.join(ATTEMPT_FORMATS)}")
        attempt = Attempt(exercise=_text(item, "exercise", where), format=fmt,
                          submitted_at=_text(item, "submitted_at", where, False))
        if fmt == "answers":
            answers = item.get("answers")
            if not isinstance(answers, dict) or not all(
                    isinstance(k, str) and isinstance(v, (str, int, float)) for k, v in answers.items()):
                raise SubmissionError(f"{where}: \"answers\" must map question keys to answers")
            attempt.answers = {k: str(v) for k, v in answers.items()}
        else:
            record = _text(item, "record", where, False)
            if len(record) > MAX_RECORD_CHARS:
                raise SubmissionError(f"{where}: the record is {len(record):,} characters (at "
                                      f"most {MAX_RECORD_CHARS:,})")
            attempt.record = record
        submission.attempts.append(attempt)
    return submission


def read_submission(path: str | os.PathLike[str]) -> Submission:
    """Read a ``.catsub`` (or a bare ``submission.json``)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        try:
            size = path.stat().st_size
            if size > SUBMISSION_LIMITS.max_entry_bytes:
                raise SubmissionError(f"{path.name}: {size:,} bytes is too large for a "
                                      "submission")
            return parse_submission(path.read_bytes(), path.name)
        except OSError as error:
            raise SubmissionError(f"{path.name}: cannot be read: {error.strerror}") from None
    try:
        source = ZipSource(path, SUBMISSION_LIMITS)
    except PackError as error:
        # The zip reader speaks of packs; this file is a submission.
        raise SubmissionError(str(error).replace(".catpack", ".catsub")
                              .replace("the pack", "the submission")) from None
    try:
        if MEMBER not in source:
            raise SubmissionError(f"{path.name}: holds no {MEMBER}, so it is not a Catalog "
                                  "Sandbox submission")
        data = source.read(MEMBER)
    except PackError as error:
        raise SubmissionError(str(error)) from None
    finally:
        source.close()
    submission = parse_submission(data, path.name)
    submission.source = str(path)
    return submission


def submission_bytes(submission: Submission) -> bytes:
    """The .catsub file's bytes (deterministic: fixed time stamp)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(MEMBER, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o100644 << 16
        archive.writestr(info, json.dumps(submission.as_json(), ensure_ascii=False, indent=1))
    return buffer.getvalue()


def write_submission(path: str | os.PathLike[str], submission: Submission) -> Path:
    """Write ``submission`` as a .catsub file, atomically."""
    path = Path(path)
    with atomic_write(path) as stream:
        stream.write(submission_bytes(submission))
    return path
