"""What an exercise is, as plain data: its kind, material, keys, rubric, hints and questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from pymarc import Record

from sandbox.records.dublin_core import DublinCoreRecord
from sandbox.rules.engine import Profile

KINDS = ("describe", "fix", "fixed-fields", "classify", "subjects", "crosswalk", "drill")
#: Areas of ALA Core's "Core Competencies for Cataloging and Metadata Professional Librarians".
COMPETENCIES = ("description", "access points", "subject analysis", "classification",
                "encoding", "metadata schemas", "authority control")
#: The competencies an exercise trains when its exercise.toml does not say.
DEFAULT_COMPETENCIES = {
    "describe": ("description", "access points", "encoding"),
    "fix": ("description", "encoding"),
    "fixed-fields": ("encoding",),
    "classify": ("classification",),
    "subjects": ("subject analysis", "authority control"),
    "crosswalk": ("metadata schemas",),
    "drill": ("encoding",),
}
HINT_TIERS = ("nudge", "rule", "answer")
COMPARISONS = ("exact", "normalized", "set", "fuzzy", "lcc", "ddc", "authority", "rule",
               "present", "absent")
LCC_DEPTHS = ("class", "number", "cutter", "full")

#: How the learner's answer is written, per kind: MARC as mnemonic text, Dublin Core XML, or
#: answers to questions.
ANSWER_FORMATS = {"crosswalk": "dcxml", "drill": "answers"}


@dataclass(frozen=True)
class Check:
    """One line of a rubric: compare what ``select`` finds in the answer with the key."""

    select: str | None
    compare: str
    weight: float = 1.0
    competency: str = "description"
    why: str = ""
    citation: str = ""
    threshold: float = 0.85  # fuzzy
    depth: str | int | None = None  # lcc: a name from LCC_DEPTHS; ddc: digits, or "full"
    rule: str | None = None  # rule: the rule id the answer must not trigger
    expected: tuple[str, ...] | None = None  # compare against these instead of the key
    ignore_diacritics: bool = False  # normalized, set, fuzzy
    match: str = "normalized"  # set: how the members compare ("normalized" or "exact")
    partial: bool = True  # exact, normalized, set: credit for a partly right answer
    label: str = ""  # how the feedback names the check; made up from select/compare if empty

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        what = self.select or (f"rule {self.rule}" if self.rule else "record")
        how = self.compare
        if self.compare in ("lcc", "ddc") and self.depth is not None:
            how += f" to {self.depth}" + (" digits" if isinstance(self.depth, int) else "")
        elif self.compare == "rule" and self.select:
            how += f" {self.rule}"
        return f"{what} ({how})"


@dataclass(frozen=True)
class Hint:
    tier: str  # one of HINT_TIERS: revealed in that order
    text: str


@dataclass(frozen=True)
class Penalties:
    """Points taken off per validation finding of the answer, by severity, at most ``max``."""

    error: float = 2.0
    warning: float = 0.5
    info: float = 0.0
    max: float = 10.0

    def per(self, severity: str) -> float:
        return {"error": self.error, "warning": self.warning, "info": self.info}.get(severity, 0.0)


_MEDIA_TYPES = {".md": "text/markdown", ".markdown": "text/markdown", ".txt": "text/plain",
                ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                ".gif": "image/gif", ".webp": "image/webp", ".svg": "image/svg+xml",
                ".pdf": "application/pdf"}


def media_type(path: str) -> str:
    return _MEDIA_TYPES.get(PurePosixPath(path).suffix.lower(), "application/octet-stream")


@dataclass(frozen=True)
class Surrogate:
    """A piece of the item being catalogued: a title-page transcription, a scan, a PDF."""

    path: str  # inside the pack
    data: bytes = field(repr=False)

    @property
    def name(self) -> str:
        """'title-page.md' → 'Title page'."""
        stem = PurePosixPath(self.path).stem.replace("-", " ").replace("_", " ")
        return stem[:1].upper() + stem[1:]

    @property
    def media_type(self) -> str:
        return media_type(self.path)

    @property
    def is_text(self) -> bool:
        return self.media_type.startswith("text/")

    @property
    def text(self) -> str | None:
        return self.data.decode("utf-8") if self.is_text else None


@dataclass(frozen=True)
class Question:
    """A drill question, written in the exercise or made by ``sandbox.drills``."""

    key: str
    prompt: str
    answer: str
    accept: tuple[str, ...] = ()
    choices: tuple[str, ...] | None = None
    explanation: str = ""
    citation: str = ""
    topic: str = ""
    #: The ``sandbox.drills`` question it came from (checked by its own ``check``), if generated.
    generated: Any = field(default=None, repr=False, compare=False)


AnyRecord = Record | DublinCoreRecord


@dataclass
class Exercise:
    """One exercise of a pack, loaded and checked; everything the UI shows and the scorer needs."""

    id: str
    kind: str
    title: str
    pack_id: str = ""
    folder: str = ""  # inside the pack
    competencies: tuple[str, ...] = ()
    brief: str = ""  # Markdown
    surrogates: list[Surrogate] = field(default_factory=list)
    start_text: str | None = None  # the starting record as .mrk text
    start_record: Record | None = None
    keys: list[AnyRecord] = field(default_factory=list)
    key_files: tuple[str, ...] = ()
    authorities: Any = None  # sandbox.rules.authorities.AuthorityFile, or None
    profile: Profile | None = None
    penalties: Penalties = field(default_factory=Penalties)
    hints: list[Hint] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)  # empty: derived from each key
    questions: list[Question] = field(default_factory=list)
    #: Things a careful author should fix that do not stop the exercise from working.
    warnings: list[str] = field(default_factory=list)
    #: Worked out once, on first use, by the scorer.
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def answer_format(self) -> str:
        """'mrk', 'dcxml' or 'answers': what a submitted attempt holds."""
        return ANSWER_FORMATS.get(self.kind, "mrk")

    def hints_up_to(self, revealed: int) -> list[Hint]:
        """The first ``revealed`` hints, nudge before rule before answer."""
        return self.hints[:max(0, revealed)]

    def validate(self, record: AnyRecord, read_problems: list | None = None) -> list:
        """The findings the exercise's profile gives for ``record`` (the UI's Check button)."""
        from sandbox.rules.engine import validate

        return validate(record, self.profile or "full", read_problems)
