"""Scoring an answer against an exercise's keys: deterministic, explained, from scratch each time.

Each key is scored with the exercise's rubric (or the rubric derived from that key); the key that
gives the answer its best total counts. Validation findings of the answer cost points by
severity, except findings the key itself has (an answer is not marked down for copying the key).
"""

from __future__ import annotations

from collections.abc import Mapping

from pymarc import Record

from sandbox.exercises.compare import (
    Outcome,
    compare_authority,
    compare_ddc,
    compare_lcc,
    compare_values,
    items_for,
    presence,
    rule_outcome,
)
from sandbox.exercises.model import AnyRecord, Check, Exercise
from sandbox.exercises.normalize import answer_form
from sandbox.exercises.records import ATTEMPT_FORMATS, read_records
from sandbox.exercises.results import CheckResult, PenaltyLine, ScoreResult
from sandbox.exercises.rubric import default_rubric
from sandbox.exercises.select import (
    RecordIndex,
    Selected,
    Selector,
    literal,
    parse_selector,
    select,
)
from sandbox.records.dublin_core import DublinCoreRecord
from sandbox.rules.engine import PROFILES, Profile, validate

#: A submitted record larger than this is not read (a real record is a few kilobytes).
MAX_ANSWER_BYTES = 1024 * 1024
_MAX_SHOWN = 20


def rubric(exercise: Exercise, key_index: int) -> list[Check]:
    """The checks used for one key: the author's, or those derived from that key."""
    if exercise.checks:
        return exercise.checks
    cache = exercise.cache.setdefault("rubrics", {})
    if key_index not in cache:
        cache[key_index] = default_rubric(exercise, exercise.keys[key_index])
    return cache[key_index]


def _selector(exercise: Exercise, text: str) -> Selector:
    cache = exercise.cache.setdefault("selectors", {})
    if text not in cache:
        cache[text] = parse_selector(text)
    return cache[text]


def _expected(exercise: Exercise, key_index: int, check: Check, selector: Selector | None
              ) -> list[Selected]:
    if selector is None:
        return []
    if check.expected is not None:
        return [literal(text, selector) for text in check.expected]
    cache = exercise.cache.setdefault("expected", {})
    marker = (key_index, check.select)
    if marker not in cache:
        cache[marker] = select(exercise.keys[key_index], selector)
    return cache[marker]


def _expected_items(exercise: Exercise, check: Check, expected: list[Selected]) -> list:
    """The key's values in compared form, worked out once per check and key."""
    cache = exercise.cache.setdefault("expected_items", {})
    marker = (id(expected), check.compare, check.match, check.ignore_diacritics)
    found = cache.get(marker)
    if found is None or found[0] is not expected:
        found = (expected, items_for(check, expected))
        cache[marker] = found
    return found[1]


def _profile(exercise: Exercise) -> Profile:
    return exercise.profile or PROFILES["full"]


def _rule_profile(exercise: Exercise, rule_id: str) -> Profile:
    """The exercise's profile narrowed to one rule (even one the profile leaves out)."""
    cache = exercise.cache.setdefault("rule_profiles", {})
    if rule_id not in cache:
        base = _profile(exercise)
        cache[rule_id] = Profile(f"{base.name} ({rule_id})", f"only {rule_id}",
                                 families=frozenset({"-"}), rules=frozenset({rule_id}),
                                 severities=base.severities, options=base.options)
    return cache[rule_id]


def _key_findings(exercise: Exercise, key_index: int) -> set[tuple[str, str]]:
    cache = exercise.cache.setdefault("key_findings", {})
    if key_index not in cache:
        cache[key_index] = {(f.rule, f.location)
                            for f in validate(exercise.keys[key_index], _profile(exercise))}
    return cache[key_index]


def _tag_of(location: str) -> str:
    return location.split("[")[0].split("$")[0].split("/")[0]


def _outcome(exercise: Exercise, check: Check, selector: Selector | None,
             expected: list[Selected], given: list[Selected], answer: AnyRecord,
             rule_cache: dict) -> Outcome:
    kind = check.compare
    if kind in ("exact", "normalized", "set"):
        return compare_values(check, expected, given, _expected_items(exercise, check, expected))
    if kind == "fuzzy":
        return compare_values(check, expected, given)
    if kind == "lcc":
        return compare_lcc(check, expected, given)
    if kind == "ddc":
        return compare_ddc(check, expected, given)
    if kind == "authority":
        return compare_authority(exercise.authorities, expected, given)
    if kind in ("present", "absent"):
        return presence(check, given)
    if kind == "rule":
        if check.rule not in rule_cache:
            rule_cache[check.rule] = validate(answer, _rule_profile(exercise, check.rule))
        findings = rule_cache[check.rule]
        if selector is not None:
            findings = [f for f in findings if selector.matches_tag(_tag_of(f.location))
                        or f.location == selector.text]
        return rule_outcome(check, findings)
    raise ValueError(f"unknown comparison {kind!r}")


def _shown(items: list[Selected]) -> tuple[str, ...]:
    return tuple(item.text for item in items[:_MAX_SHOWN])


def _check_results(exercise: Exercise, key_index: int, answer: AnyRecord,
                   rule_cache: dict, index: RecordIndex) -> list[CheckResult]:
    results = []
    for check in rubric(exercise, key_index):
        selector = _selector(exercise, check.select) if check.select else None
        expected = _expected(exercise, key_index, check, selector)
        given = select(answer, selector, index) if selector is not None else []
        outcome = _outcome(exercise, check, selector, expected, given, answer, rule_cache)
        results.append(CheckResult(
            label=check.name, select=check.select, compare=check.compare,
            competency=check.competency,
            earned=round(check.weight * outcome.fraction, 4), possible=check.weight,
            expected=_shown(expected), given=_shown(given),
            locations=tuple(item.address for item in given[:_MAX_SHOWN]),
            detail=outcome.detail, why=check.why, citation=check.citation))
    return results


def _penalties(exercise: Exercise, findings: list, key_index: int) -> tuple[list[PenaltyLine], float]:
    excused = _key_findings(exercise, key_index)
    lines = []
    for finding in findings:
        if (finding.rule, finding.location) in excused:
            continue
        points = exercise.penalties.per(finding.severity)
        lines.append(PenaltyLine(finding.rule, finding.slug, finding.severity, finding.location,
                                 finding.message, finding.citation, points))
    total = min(sum(line.points for line in lines), exercise.penalties.max)
    return lines, round(total, 4)


def score(exercise: Exercise, answer: AnyRecord | Mapping[str, str] | None,
          read_problems: list | None = None) -> ScoreResult:
    """Score one answer: a MARC record, a Dublin Core record, or (drills) answers by question
    key. ``read_problems`` are what the reader repaired in it (they count as findings)."""
    if exercise.kind == "drill":
        return score_answers(exercise, answer if isinstance(answer, Mapping) else {})
    empty = ScoreResult(exercise.id, exercise.kind)
    wanted = DublinCoreRecord if exercise.kind == "crosswalk" else Record
    if not isinstance(answer, wanted):
        what = "Dublin Core record" if exercise.kind == "crosswalk" else "MARC record"
        empty.problems.append(f"no {what} was given")
        answer = wanted()
    findings = validate(answer, _profile(exercise), read_problems)
    best: ScoreResult | None = None
    rule_cache: dict = {}
    answer_index = RecordIndex(answer)
    for index in range(len(exercise.keys)):
        result = ScoreResult(exercise.id, exercise.kind, key_number=index + 1,
                             problems=list(empty.problems))
        result.checks = _check_results(exercise, index, answer, rule_cache, answer_index)
        result.penalties, result.penalty = _penalties(exercise, findings, index)
        result.problems += [str(p.message) for p in (read_problems or [])]
        if best is None or _ratio(result) > _ratio(best):
            best = result
    return best or empty


def _ratio(result: ScoreResult) -> float:
    return result.total / result.possible if result.possible else 0.0


def score_key(exercise: Exercise, key_index: int = 0) -> ScoreResult:
    """A key scored as if a learner had handed it in (it must reach 100%)."""
    if exercise.kind == "drill":
        return score_answers(exercise, {q.key: q.answer for q in exercise.questions})
    return score(exercise, exercise.keys[key_index])


def is_right(question, given: str) -> bool:
    if question.generated is not None:
        from sandbox import drills

        return bool(drills.check(question.generated, given))
    accepted = {answer_form(text) for text in (question.answer, *question.accept)}
    return answer_form(given) in accepted


def score_answers(exercise: Exercise, answers: Mapping[str, str]) -> ScoreResult:
    result = ScoreResult(exercise.id, exercise.kind)
    competency = exercise.competencies[0] if exercise.competencies else "encoding"
    for question in exercise.questions:
        given = answers.get(question.key)
        given_text = "" if given is None else str(given)
        right = bool(given_text.strip()) and is_right(question, given_text)
        detail = "" if right else (
            "no answer was given" if not given_text.strip() else
            f"expected '{question.answer}', given '{given_text}'")
        result.checks.append(CheckResult(
            label=question.prompt, select=question.key, compare="answer", competency=competency,
            earned=1.0 if right else 0.0, possible=1.0, expected=(question.answer,),
            given=(given_text,) if given_text else (), locations=(question.key,),
            detail=detail, why=question.explanation, citation=question.citation))
    return result


def parse_answer(exercise: Exercise, text: str | bytes, fmt: str | None = None
                 ) -> tuple[AnyRecord | None, list, list[str]]:
    """(record, reader problems, messages) for an answer written as .mrk or Dublin Core XML
    (``fmt``: "mrk", "dcxml", or "auto" to tell from the content; default: the exercise's)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > MAX_ANSWER_BYTES:
        return None, [], [f"the answer is {len(data):,} bytes; at most {MAX_ANSWER_BYTES:,} are "
                          "read"]
    fmt = fmt or exercise.answer_format
    reader = None if fmt == "auto" else ATTEMPT_FORMATS.get(fmt, fmt)  # auto: from the content
    items = read_records(data, f"{exercise.id} answer", reader, limit=2)
    if not items:
        return None, [], ["the answer holds no record"]
    first = items[0]
    messages = []
    if len(items) > 1:
        messages.append("the answer holds more than one record; only the first was scored")
    if not first.ok:
        return None, [], messages + [f"the answer cannot be read: {first.summary()}"]
    return first.record, list(first.problems), messages


def score_text(exercise: Exercise, text: str | bytes, fmt: str | None = None) -> ScoreResult:
    """Score an answer as written: .mrk text, or Dublin Core XML for crosswalks."""
    record, problems, messages = parse_answer(exercise, text, fmt)
    result = score(exercise, record, problems)
    result.problems[:0] = [m for m in messages if m not in result.problems]
    return result
