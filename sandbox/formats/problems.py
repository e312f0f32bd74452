"""What a reader hands back: each record, or what was wrong with it and exactly where."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pymarc import Record

from sandbox.records.dublin_core import DublinCoreRecord

AnyRecord = Record | DublinCoreRecord

#: A problem that kept the record from loading: the record is skipped.
ERROR = "error"
#: A problem the reader repaired or worked around: the record loads, the learner is told.
WARNING = "warning"
MAX_WARNINGS = 50


@dataclass(frozen=True)
class ReadProblem:
    """One thing wrong in an input file, located as precisely as the format allows.

    ``offset`` is a byte offset from the start of the file (binary and text formats); ``line``
    is a line number (XML and mnemonic text); ``place`` is a record address such as ``"245"``
    or ``"LDR/09"`` when the problem sits in one field or position.
    """

    path: str
    record_number: int
    message: str
    severity: str = ERROR
    offset: int | None = None
    line: int | None = None
    place: str | None = None

    def location(self) -> str:
        parts = [Path(self.path).name or self.path]
        if self.record_number:
            parts.append(f"record {self.record_number}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.offset is not None:
            parts.append(f"byte {self.offset}")
        if self.place:
            parts.append(self.place)
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity}: {self.message}"


@dataclass
class ReadItem:
    """One record slot of an input file: a record (maybe repaired), or the reason it is missing."""

    number: int
    record: AnyRecord | None
    problems: list[ReadProblem] = field(default_factory=list)
    offset: int | None = None
    length: int | None = None
    line: int | None = None
    #: Warnings past ``MAX_WARNINGS`` are counted, not kept: one ruined field can raise thousands.
    suppressed: int = 0

    def add(self, problem: ReadProblem) -> None:
        if problem.severity == WARNING and len(self.warnings) >= MAX_WARNINGS:
            self.suppressed += 1
        else:
            self.problems.append(problem)

    @property
    def ok(self) -> bool:
        return self.record is not None

    @property
    def errors(self) -> list[ReadProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[ReadProblem]:
        return [p for p in self.problems if p.severity == WARNING]

    def summary(self) -> str:
        """The first error if the record was skipped, else the first warning, else ''."""
        worst = self.errors or self.warnings
        return worst[0].message if worst else ""


class WriteError(Exception):
    """A record that cannot be written in the chosen format (it is skipped, the file goes on)."""


def shown_bytes(data: bytes) -> str:
    """Bytes as a message shows them to a person: printable ASCII as is, the rest as <XX>."""
    return "'" + "".join(chr(b) if 0x20 <= b < 0x7F else f"<{b:02X}>" for b in data) + "'"


def count(number: int, noun: str) -> str:
    """'1 byte', '3 bytes'."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
