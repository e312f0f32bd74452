"""Running the rules: profiles choose and re-weight them; ``validate`` returns plain findings."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from pymarc import Record

from sandbox.records.dublin_core import DublinCoreRecord
from sandbox.rules.model import REGISTRY, SEVERITY_RANK, Context, Finding, Rule
from sandbox.rules.walk import enter_walk, leave_walk


@dataclass(frozen=True)
class Profile:
    """A selection of rules with their severities: built in, or an instructor's pack profile.

    ``families`` and ``rules`` say what is included (empty families: every family); ``exclude``
    removes rules; ``severities`` overrides a rule's default; ``options`` reach the checks.
    """

    name: str
    description: str
    families: frozenset[str] = frozenset()
    rules: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    severities: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def includes(self, rule: Rule) -> bool:
        if rule.id in self.exclude:
            return False
        if rule.id in self.rules:
            return True
        return not self.families or rule.family in self.families

    def severity(self, rule: Rule) -> str:
        return self.severities.get(rule.id, rule.severity)


PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile("full", "Every rule, local fields (9XX, X9X) allowed.",
                options={"allow_local_fields": True}),
        Profile("structure", "MARC structure only: leader, directory, tags, indicators, "
                "subfields and characters.", families=frozenset({"STR"})),
        Profile("marc21", "MARC 21 structure, content designation and fixed fields; no "
                "cataloging-rule checks.", families=frozenset({"STR", "TAG", "FIX"}),
                options={"allow_local_fields": True}),
        Profile("rda", "Every rule, for RDA records: missing 33X and a 260 in an RDA record "
                "are errors.", severities={"REQ-007": "error", "REQ-006": "error"},
                options={"allow_local_fields": True}),
    )
}


def profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise KeyError(f"no rule profile named '{name}' (there are: "
                       f"{', '.join(sorted(PROFILES))})") from None


#: The rule sets, in the order their findings are listed (within one severity).
RULE_SETS = ("authorities", "classification", "required", "consistency", "designation",
             "dublin_core", "fixed_fields", "numbers", "punctuation", "structure", "subjects")


def _load_rule_sets() -> None:
    # Importing a rule set registers its rules.
    for name in RULE_SETS:
        importlib.import_module(f"sandbox.rules.{name}")


def _listing_order(rule: Rule) -> int:
    """Rules are listed by rule set, whichever module happened to import a rule set first (the
    registry's own order follows imports); rules from elsewhere come last."""
    module = rule.check.__module__
    name = module.rsplit(".", 1)[-1] if module.startswith("sandbox.rules.") else ""
    return RULE_SETS.index(name) if name in RULE_SETS else len(RULE_SETS)


_SELECTIONS: dict[tuple[int, str], tuple[Profile, list[Rule]]] = {}
_PLANS: dict[tuple[int, str], tuple[Profile, "_Plan"]] = {}


def rules_for(selected: Profile, kind: str) -> list[Rule]:
    """The rules a profile runs on one kind of record (worked out once per profile)."""
    key = (id(selected), kind)
    cached = _SELECTIONS.get(key)
    if cached is None or cached[0] is not selected:
        _load_rule_sets()
        cached = (selected, sorted((r for r in REGISTRY.values()
                                    if r.kind == kind and selected.includes(r)),
                                   key=_listing_order))
        _SELECTIONS[key] = cached
    return cached[1]


class _Step:
    """One rule as ``validate`` runs it: its check, the tags it needs, its severity under the
    profile and the parts every finding of it shares (worked out once per profile)."""

    __slots__ = ("rule", "check", "tags", "severity", "rank", "template")

    def __init__(self, rule: Rule, severity: str):
        self.rule = rule
        self.check = rule.check
        self.tags = rule.tags
        self.severity = severity
        self.rank = SEVERITY_RANK.get(severity)
        self.template = {"rule": rule.id, "slug": rule.slug, "severity": severity,
                         "location": "", "message": "", "citation": rule.citation,
                         "why": rule.why}


class _Plan:
    """The steps of a profile, laid out for ``validate``'s loop.

    ``always`` holds the steps of rules that read any record; ``by_tag`` maps each tag to the
    mask (one bit per step) of the rules that read it, so that the steps a record needs are
    found from its tags alone: one dictionary look-up per tag the record carries, instead of a
    test per rule. ``rows`` is each step as the loop unpacks it: (bit, check, findings list
    number, template, step).
    """

    __slots__ = ("steps", "ranked", "always", "by_tag", "rows", "_chosen")

    def __init__(self, steps: list[_Step]):
        self.steps = steps
        #: Every severity is a known one: findings can be gathered by severity instead of sorted.
        self.ranked = all(step.rank is not None for step in steps)
        always = 0
        by_tag: dict[str, int] = {}
        rows = []
        for number, step in enumerate(steps):
            bit = 1 << number
            if step.tags:
                for tag in step.tags:
                    by_tag[tag] = by_tag.get(tag, 0) | bit
            else:
                always |= bit
            # Findings lists by severity: 0 errors, 1 warnings, 2 infos (3: unranked).
            kept = 3 - step.rank if self.ranked else 3
            rows.append((bit, step.check, kept, step.template, step))
        self.always = always
        self.by_tag = by_tag
        self.rows = tuple(rows)
        self._chosen: dict[int, tuple] = {}

    def chosen(self, wanted: int) -> tuple:
        """The rows of the steps in the mask ``wanted``, in order. Records of one file share a
        few hundred tag sets at most, so each set's rows are picked out once, not per record."""
        rows = self._chosen.get(wanted)
        if rows is None:
            rows = tuple(row for row in self.rows if wanted & row[0])
            if len(self._chosen) < _MAX_CHOSEN:
                self._chosen[wanted] = rows
        return rows


#: Masks whose rows a plan keeps (a file with more tag sets than this picks the rest each time).
_MAX_CHOSEN = 4096


def _plan(selected: Profile, kind: str) -> _Plan:
    """The steps of each rule the profile runs."""
    key = (id(selected), kind)
    cached = _PLANS.get(key)
    if cached is None or cached[0] is not selected:
        cached = (selected, _Plan([_Step(rule, selected.severity(rule))
                                   for rule in rules_for(selected, kind)]))
        _PLANS[key] = cached
    return cached[1]


_new_finding = object.__new__
_set_attribute = object.__setattr__


def _finding(template: dict[str, str], location: str, message: str) -> Finding:
    """``Finding(...)`` with the fields of ``template`` and this location and message, made
    without the frozen dataclass's per-field ``__init__`` (the same object, equal and hashed
    alike; a record can have dozens of findings and this is most of what making them costs)."""
    values = template.copy()
    values["location"] = location
    values["message"] = message
    finding = _new_finding(Finding)
    _set_attribute(finding, "__dict__", values)
    return finding


INTERNAL_ERROR = "this rule could not check the record, a fault in Catalog Sandbox"


def validate(
    record: Record | DublinCoreRecord,
    selected: Profile | str = "full",
    read_problems: list | None = None,
) -> list[Finding]:
    """Every finding for one record, most severe first, each cause once."""
    if isinstance(selected, str):
        selected = profile(selected)
    kind = "dc" if isinstance(record, DublinCoreRecord) else "marc"
    context = Context(options=dict(selected.options), read_problems=list(read_problems or []))
    plan = _plan(selected, kind)
    # Findings gathered by severity (errors, warnings, infos) come out in the order a stable
    # sort, most severe first, would give them; unranked ones are sorted at the end.
    gathered: tuple[list[Finding], ...] = ([], [], [], [])
    walk = enter_walk(record) if kind == "marc" else None
    try:
        if walk is None:
            rows = plan.rows  # every step: a Dublin Core record has no tags to choose them by
        else:
            # Only the steps of rules that read a tag the record has (or any record): the others
            # have nothing to say.
            wanted = plan.always
            by_tag = plan.by_tag
            for tag in walk.positions:
                if tag in by_tag:
                    wanted |= by_tag[tag]
            rows = plan.chosen(wanted)
        for _, check, kept, template, step in rows:
            try:
                hits = [*check(record, context)]
            except Exception as error:  # noqa: BLE001 - a rule's bug must not stop validation
                rule = step.rule
                failure = Finding(rule.id, rule.slug, "info", "LDR",
                                  f"{INTERNAL_ERROR} ({type(error).__name__}: {error})",
                                  rule.citation, rule.why)
                gathered[2 if plan.ranked else 3].append(failure)
                continue
            if not hits:
                continue
            if len(hits) == 1:
                hit = hits[0]
                gathered[kept].append(_finding(template, hit.location, hit.message))
                continue
            append = gathered[kept].append
            seen: set[tuple[str, str]] = set()  # a rule's id is in each key: seen per rule
            for hit in hits:
                key = (hit.location, hit.message)
                if key in seen:
                    continue
                seen.add(key)
                append(_finding(template, hit.location, hit.message))
    finally:
        if walk is not None:
            leave_walk()
    errors, warnings, infos, unranked = gathered
    if not plan.ranked:
        unranked.sort(key=lambda f: -SEVERITY_RANK[f.severity])
        return unranked
    return errors + warnings + infos
