"""A score as plain data: every check with its points and reasons, penalties, subtotals."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sandbox.exercises.model import COMPETENCIES


def _round(points: float) -> float:
    return round(points + 0.0, 2)


@dataclass(frozen=True)
class CheckResult:
    """One line of the feedback: what was compared, how it went, why it matters."""

    label: str
    select: str | None
    compare: str
    competency: str
    earned: float
    possible: float
    expected: tuple[str, ...]
    given: tuple[str, ...]
    locations: tuple[str, ...]  # addresses in the answer, for the editor to jump to
    detail: str  # what differs, in words (empty when full marks)
    why: str
    citation: str

    @property
    def passed(self) -> bool:
        return self.earned >= self.possible - 1e-9


@dataclass(frozen=True)
class PenaltyLine:
    """A validation finding in the answer that the key does not share, and what it cost."""

    rule: str
    slug: str
    severity: str
    location: str
    message: str
    citation: str
    points: float


@dataclass(frozen=True)
class Subtotal:
    competency: str
    earned: float
    possible: float

    @property
    def percent(self) -> float:
        return round(100.0 * self.earned / self.possible, 1) if self.possible else 100.0


@dataclass
class ScoreResult:
    exercise: str
    kind: str
    checks: list[CheckResult] = field(default_factory=list)
    penalties: list[PenaltyLine] = field(default_factory=list)
    penalty: float = 0.0  # after the exercise's cap
    key_number: int = 1  # which key matched best, from 1
    problems: list[str] = field(default_factory=list)  # reading the answer

    @property
    def earned(self) -> float:
        return _round(sum(c.earned for c in self.checks))

    @property
    def possible(self) -> float:
        return _round(sum(c.possible for c in self.checks))

    @property
    def total(self) -> float:
        return _round(max(0.0, self.earned - self.penalty))

    @property
    def percent(self) -> float:
        if not self.possible:
            return 0.0
        return round(100.0 * self.total / self.possible, 1)

    @property
    def failed(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.passed]

    @property
    def subtotals(self) -> list[Subtotal]:
        """Earned and possible points per competency (checks only; penalties are separate),
        in the order of ALA Core's list."""
        sums: dict[str, list[float]] = {}
        for check in self.checks:
            pair = sums.setdefault(check.competency, [0.0, 0.0])
            pair[0] += check.earned
            pair[1] += check.possible
        order = {name: index for index, name in enumerate(COMPETENCIES)}
        return [Subtotal(name, _round(e), _round(p))
                for name, (e, p) in sorted(sums.items(), key=lambda kv: order.get(kv[0], 99))]

    def as_dict(self) -> dict:
        return {"exercise": self.exercise, "kind": self.kind, "key_number": self.key_number,
                "earned": self.earned, "possible": self.possible, "penalty": self.penalty,
                "total": self.total, "percent": self.percent,
                "checks": [{**asdict(c), "passed": c.passed} for c in self.checks],
                "penalties": [asdict(p) for p in self.penalties],
                "subtotals": [{**asdict(s), "percent": s.percent} for s in self.subtotals],
                "problems": list(self.problems)}

    def report(self) -> str:
        """The result as text, for the command line."""
        lines = [f"{self.exercise}: {self.total:g} of {self.possible:g} points "
                 f"({self.percent:g}%)"]
        for problem in self.problems:
            lines.append(f"  ! {problem}")
        for check in self.checks:
            mark = "ok" if check.passed else "--"
            lines.append(f"  {mark} {check.earned:g}/{check.possible:g}  {check.label}")
            if check.detail:
                lines.append(f"       {check.detail}")
        for line in self.penalties:
            lines.append(f"  -{line.points:g}  {line.rule} {line.severity} at {line.location}: "
                         f"{line.message}")
        if self.penalties and self.penalty < sum(p.points for p in self.penalties):
            lines.append(f"  (penalties capped at {self.penalty:g})")
        for subtotal in self.subtotals:
            lines.append(f"  {subtotal.competency}: {subtotal.earned:g}/{subtotal.possible:g}")
        return "\n".join(lines)
