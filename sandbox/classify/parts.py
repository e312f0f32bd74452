"""Pieces shared by the classification tools: located problems, explained parts, data rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Problem:
    """Why a text is not a well-formed number, and where (a 0-based offset into the text)."""

    text: str
    message: str
    position: int

    def __str__(self) -> str:
        return f"{self.message} (at character {self.position + 1} of {self.text!r})"


@dataclass(frozen=True)
class Explained:
    """One part of a number with what it is, in a learner's words."""

    part: str
    value: str
    explanation: str


def data_rows(name: str) -> Iterator[list[str]]:
    """The cells of each data row of ``data/NAME`` (comment lines and the header skipped)."""
    text = resources.files("sandbox.classify").joinpath(f"data/{name}").read_text("utf-8")
    header_seen = False
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True  # the column names
            continue
        yield line.split("\t")
