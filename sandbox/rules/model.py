"""What a rule is, what it reports, and the registry every rule set adds itself to.

A rule is a small function over one record that gives an iterable of ``Hit``s (where, and what
is wrong there): a generator, or a plain list or tuple when the usual answer is "nothing"; the
engine turns hits into ``Finding``s carrying the rule's id, severity, citation and reason. A rule
never changes the record. Each rule carries good and bad example records, run as tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_RANK = {INFO: 1, WARNING: 2, ERROR: 3}


class Hit:
    """One place a rule found a problem: an address (``245/ind2``) and a message in plain words.

    A plain class with slots rather than a frozen dataclass: rules make several for every record
    validated, and a frozen dataclass's ``__init__`` costs three times as much. Treat it as
    read-only all the same; it compares and hashes by value."""

    __slots__ = ("location", "message")

    def __init__(self, location: str, message: str):
        self.location = location
        self.message = message

    def __repr__(self) -> str:
        return f"Hit(location={self.location!r}, message={self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Hit):
            return NotImplemented
        return self.location == other.location and self.message == other.message

    def __hash__(self) -> int:
        return hash((self.location, self.message))


@dataclass(frozen=True)
class Finding:
    """A rule result as plain data (what scoring, the UI and ``catsandbox lint`` consume)."""

    rule: str
    slug: str
    severity: str
    location: str
    message: str
    citation: str
    why: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "slug": self.slug,
            "severity": self.severity,
            "location": self.location,
            "message": self.message,
            "citation": self.citation,
            "why": self.why,
        }


Check = Callable[[Any, "Context"], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    slug: str
    title: str
    severity: str
    citation: str
    why: str
    check: Check = field(repr=False, compare=False)
    kind: str = "marc"  # "marc" or "dc": the records it applies to
    good: tuple[str, ...] = ()  # example records (.mrk text, or DC as "element: value" lines)
    bad: tuple[str, ...] = ()
    #: When given, the rule can only fire on a record that has a field with one of these tags,
    #: so the engine does not call it for other records (tests check the promise on the corpus).
    tags: frozenset[str] = frozenset()

    @property
    def family(self) -> str:
        return self.id.split("-")[0]


@dataclass
class Context:
    """What a check may consult besides the record: the profile's options and reader problems."""

    options: dict[str, Any] = field(default_factory=dict)
    read_problems: list = field(default_factory=list)

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)


REGISTRY: dict[str, Rule] = {}
#: Ids of rules that were removed: never reused, because stored attempts refer to them.
RETIRED: dict[str, str] = {}


def rule(
    id: str,
    slug: str,
    title: str,
    severity: str,
    citation: str,
    why: str,
    *,
    kind: str = "marc",
    good: tuple[str, ...] = (),
    bad: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
) -> Callable[[Check], Check]:
    """Register a check function as a rule; ``tags``: see ``Rule.tags``."""
    if severity not in SEVERITIES:
        raise ValueError(f"{id}: unknown severity {severity}")

    def register(check: Check) -> Check:
        if id in REGISTRY or id in RETIRED:
            raise ValueError(f"rule id {id} is already taken")
        REGISTRY[id] = Rule(id, slug, title, severity, citation, why, check, kind, good, bad,
                            frozenset(tags))
        return check

    return register
