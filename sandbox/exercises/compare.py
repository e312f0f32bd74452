"""The comparisons a check can make, each giving a fraction of its points and the reason.

Partial credit is given where the answer is partly right: a field with the right subfields but
a wrong indicator earns the share of its parts that match; a set of headings earns matched
headings over the larger of the two sets (so extra headings cost as much as missing ones).
Call numbers, headings, rules and presence are right or wrong.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sandbox.classify import dewey, lcc
from sandbox.exercises.model import Check
from sandbox.exercises.normalize import exact_form, normalized_form
from sandbox.exercises.select import Selected, call_number_text, first_a

MAX_DETAIL_ITEMS = 6


@dataclass(frozen=True)
class Outcome:
    fraction: float  # 0 to 1: the share of the check's points earned
    detail: str = ""  # what differs (empty when everything matched)


FULL = Outcome(1.0)


def _quoted(text: str, limit: int = 70) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"'{text}'"


def _indicator(value: str) -> str:
    return "blank" if value in (" ", "\\", "") else f"'{value}'"


# ---------------------------------------------------------------------------------------------
# Items: a selected value made comparable


@dataclass(frozen=True)
class Item:
    """A selected value in the form a comparison needs (expected items are worked out once
    per exercise and reused for every answer)."""

    source: Selected
    tag: str | None  # set for whole data fields
    indicators: tuple[str, str] = (" ", " ")
    parts: tuple[tuple[str, str, str], ...] = ()  # (subfield code, compared form, as written)
    value: str = ""  # compared form of a plain value
    bag: Counter | None = None  # the (code, compared form) parts, counted

    @property
    def is_field(self) -> bool:
        return self.tag is not None


def make_item(selected: Selected, form: Callable[[str], str]) -> Item:
    field = selected.field
    if field is None:
        return Item(selected, None, value=form(selected.text))
    indicators = tuple((field.indicators or (" ", " "))[:2])
    parts = tuple((code, form(value), value) for code, value in field.subfields)
    return Item(selected, field.tag, (indicators[0].strip(), indicators[1].strip()), parts,
                bag=Counter((code, compared) for code, compared, _ in parts))


def _pair_score(expected: Item, given: Item) -> float:
    if expected.tag != given.tag:
        return 0.0
    if expected.tag is None:
        return 1.0 if expected.value == given.value else 0.0
    if expected.parts == given.parts and expected.indicators == given.indicators:
        return 1.0
    matched = sum((expected.bag & given.bag).values())
    matched += (expected.indicators[0] == given.indicators[0]) + \
        (expected.indicators[1] == given.indicators[1])
    total = 2 + max(len(expected.parts), len(given.parts))
    return matched / total


def _pair_detail(expected: Item, given: Item) -> str:
    where = given.source.address
    if not expected.is_field:
        return f"{where}: expected {_quoted(expected.source.text)}, given {_quoted(given.source.text)}"
    notes = []
    for position, (a, b) in enumerate(zip(expected.indicators, given.indicators), start=1):
        if a != b:
            notes.append(f"{'first' if position == 1 else 'second'} indicator: expected "
                         f"{_indicator(a)}, given {_indicator(b)}")
    found = Counter((code, form) for code, form, _ in given.parts)
    wanted = Counter((code, form) for code, form, _ in expected.parts)
    missing = [(code, shown) for code, form, shown in expected.parts
               if _take(found, (code, form)) is False]
    extra = [(code, shown) for code, form, shown in given.parts
             if _take(wanted, (code, form)) is False]
    for code, shown in missing:
        other = next((pair for pair in extra if pair[0] == code), None)
        if other is not None:
            extra.remove(other)
            notes.append(f"${code}: expected {_quoted(shown)}, given {_quoted(other[1])}")
        else:
            notes.append(f"${code} {_quoted(shown)} is missing")
    notes += [f"${code} {_quoted(shown)} is not in the key" for code, shown in extra]
    return f"{where}: " + "; ".join(notes)


def _take(counter: Counter, key) -> bool:
    """Use up one ``key`` from ``counter``: False when there was none left."""
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


def _assemble(score: float, count: int, notes: list[str]) -> Outcome:
    if count == 0:
        return FULL
    fraction = score / count
    if fraction >= 1.0 - 1e-9:
        return FULL
    if len(notes) > MAX_DETAIL_ITEMS:
        notes = notes[:MAX_DETAIL_ITEMS] + [f"… and {len(notes) - MAX_DETAIL_ITEMS} more"]
    return Outcome(fraction, "; ".join(notes))


def in_order(expected: list[Item], given: list[Item]) -> Outcome:
    """Pair the first expected value with the first given one, and so on."""
    notes: list[str] = []
    score = 0.0
    for a, b in zip(expected, given):
        pair = _pair_score(a, b)
        score += pair
        if pair < 1.0:
            notes.append(_pair_detail(a, b))
    notes += [f"missing: {_quoted(a.source.text)}" for a in expected[len(given):]]
    notes += [f"not in the key: {given_item.source.address} {_quoted(given_item.source.text)}"
              for given_item in given[len(expected):]]
    if not expected and not given:
        return FULL
    if not given:
        return Outcome(0.0, "nothing was given here" if expected else "")
    return _assemble(score, max(len(expected), len(given)), notes)


def as_set(expected: list[Item], given: list[Item]) -> Outcome:
    """Pair each expected value with its best match among the given ones, in any order."""
    if not expected and not given:
        return FULL
    if not given:
        return Outcome(0.0, "nothing was given here; expected " +
                       ", ".join(_quoted(a.source.text) for a in expected[:MAX_DETAIL_ITEMS]))
    scored = sorted(((_pair_score(a, b), i, j) for i, a in enumerate(expected)
                     for j, b in enumerate(given)), key=lambda t: (-t[0], t[1], t[2]))
    used_expected: set[int] = set()
    used_given: set[int] = set()
    pairs: list[tuple[float, int, int]] = []
    for pair, i, j in scored:
        if pair <= 0.0 or i in used_expected or j in used_given:
            continue
        used_expected.add(i)
        used_given.add(j)
        pairs.append((pair, i, j))
    notes = [_pair_detail(expected[i], given[j]) for pair, i, j in sorted(pairs, key=lambda p: p[1])
             if pair < 1.0]
    notes += [f"missing: {_quoted(a.source.text)}" for i, a in enumerate(expected)
              if i not in used_expected]
    notes += [f"not in the key: {b.source.address} {_quoted(b.source.text)}"
              for j, b in enumerate(given) if j not in used_given]
    return _assemble(sum(pair for pair, _, _ in pairs), max(len(expected), len(given)), notes)


# ---------------------------------------------------------------------------------------------
# The comparisons


def _form(check: Check, mode: str) -> Callable[[str], str]:
    if mode == "exact":
        return exact_form
    return lambda text: normalized_form(text, check.ignore_diacritics)


def items_for(check: Check, selected: list[Selected]) -> list[Item]:
    """Values made comparable the way ``check`` compares them."""
    mode = check.match if check.compare == "set" else check.compare
    form = _form(check, mode)
    return [make_item(s, form) for s in selected]


def compare_values(check: Check, expected: list[Selected], given: list[Selected],
                   expected_items: list[Item] | None = None) -> Outcome:
    """exact, normalized, set and fuzzy: text against text."""
    if check.compare == "fuzzy":
        return fuzzy(check, expected, given)
    wanted = expected_items if expected_items is not None else items_for(check, expected)
    found = items_for(check, given)
    outcome = as_set(wanted, found) if check.compare == "set" else in_order(wanted, found)
    if not check.partial and outcome.fraction < 1.0:
        return Outcome(0.0, outcome.detail)
    return outcome


def _plain(selected: Selected) -> str:
    if selected.field is None:
        return selected.text
    return " ".join(value for _, value in selected.field.subfields)


def fuzzy(check: Check, expected: list[Selected], given: list[Selected]) -> Outcome:
    form = _form(check, "normalized")
    a = " | ".join(form(_plain(s)) for s in expected)
    b = " | ".join(form(_plain(s)) for s in given)
    if a == b:
        return FULL
    if not given:
        return Outcome(0.0, "nothing was given here")
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    if ratio >= check.threshold:
        return FULL
    shown = " | ".join(_plain(s) for s in given)
    return Outcome(0.0, f"{_quoted(shown)} is {ratio:.0%} like the key "
                   f"{_quoted(' | '.join(_plain(s) for s in expected))}; "
                   f"{check.threshold:.0%} is needed")


def _lcc_parts(call: lcc.LCCallNumber, depth: str) -> tuple:
    if depth == "class":
        return (call.class_letters,)
    if depth == "number":
        return (call.class_letters, call.class_value)
    if depth == "cutter":
        return (call.class_letters, call.class_value, call.cutters[0].upper() if call.cutters else "")
    return (call.class_letters, call.class_value,
            tuple((kind, value.upper()) for kind, value in call.elements))


_LCC_WHAT = {"class": "the class letters", "number": "the class letters and number",
             "cutter": "the class number and first Cutter", "full": "the whole call number"}


def _one_side_missing(what: str, wanted: list[str], found: list[str]) -> Outcome | None:
    """The outcome when the answer or the key has no ``what`` at all (None when both have one)."""
    if not found:
        return Outcome(0.0, f"no {what} was given; expected {_quoted(wanted[0])}" if wanted else "")
    if not wanted:
        return Outcome(0.0, f"the key has no {what} here, but {_quoted(found[0])} was given")
    return None


def compare_lcc(check: Check, expected: list[Selected], given: list[Selected]) -> Outcome:
    depth = str(check.depth or "full")
    wanted = [call_number_text(s) for s in expected]
    found = [call_number_text(s) for s in given]
    missing = _one_side_missing("call number", wanted, found)
    if missing is not None:
        return missing
    problems = []
    for text in found:
        call = lcc.parse_call_number(text)
        if isinstance(call, lcc.ParseProblem):
            problems.append(f"{_quoted(text)} cannot be read as an LC call number: {call.message}")
            continue
        for key_text in wanted:
            key = lcc.parse_call_number(key_text)
            if isinstance(key, lcc.ParseProblem):
                if normalized_form(key_text) == normalized_form(text):
                    return FULL
                continue
            if _lcc_parts(key, depth) == _lcc_parts(call, depth):
                return FULL
    if problems:
        return Outcome(0.0, "; ".join(problems))
    return Outcome(0.0, f"{_quoted(found[0])} differs from the key {_quoted(wanted[0])} in "
                   f"{_LCC_WHAT.get(depth, 'the call number')}")


def compare_ddc(check: Check, expected: list[Selected], given: list[Selected]) -> Outcome:
    wanted = [first_a(s) for s in expected]
    found = [first_a(s) for s in given]
    missing = _one_side_missing("Dewey number", wanted, found)
    if missing is not None:
        return missing
    problems = []
    for text in found:
        number = dewey.parse_dewey(text)
        if isinstance(number, list):
            problems.append(f"{_quoted(text)} cannot be read as a Dewey number: "
                            f"{number[0].message}")
            continue
        for key_text in wanted:
            key = dewey.parse_dewey(key_text)
            if isinstance(key, list):
                if normalized_form(key_text) == normalized_form(text):
                    return FULL
                continue
            depth = len(key.digits) if check.depth in (None, "full") else int(check.depth)
            depth = min(depth, len(key.digits))
            if number.digits[:depth] == key.digits[:depth] and len(number.digits) >= depth:
                return FULL
    if problems:
        return Outcome(0.0, "; ".join(problems))
    digits = "every digit" if check.depth in (None, "full") else f"the first {check.depth} digits"
    return Outcome(0.0, f"{_quoted(found[0])} does not agree with the key {_quoted(wanted[0])} "
                   f"in {digits}")


def compare_authority(authorities, expected: list[Selected], given: list[Selected]) -> Outcome:
    """Every given heading of a tag the authority file serves must be authorized there."""
    from sandbox.rules.authorities import heading_text, normalize

    served = {tag for tag, _ in authorities.authorized}

    def checkable(items: list[Selected]) -> list[Selected]:
        return [s for s in items if s.field is not None and s.field.tag in served]

    wanted, found = checkable(expected), checkable(given)
    if not found:
        if not wanted:
            return FULL
        return Outcome(0.0, "no heading of the kinds the authority file holds was given")
    notes = []
    good = 0
    for item in found:
        tag = item.field.tag
        full = heading_text(item.field)
        main = heading_text(item.field, with_subdivisions=False)
        if (tag, normalize(full)) in authorities.authorized or \
                (tag, normalize(main)) in authorities.authorized:
            good += 1
            continue
        target = (authorities.variants.get((tag, normalize(full)))
                  or authorities.variants.get((tag, normalize(main))))
        if target:
            notes.append(f"{item.address} {_quoted(full)} is a see reference; the authorized "
                         f"heading is {_quoted(target)}")
        else:
            notes.append(f"{item.address} {_quoted(full)} is not in the authority file")
    return _assemble(good, len(found), notes)


def presence(check: Check, given: list[Selected]) -> Outcome:
    there = [s for s in given if s.text.strip()]
    if check.compare == "present":
        return FULL if there else Outcome(0.0, f"{check.select} is missing")
    if not there:
        return FULL
    return Outcome(0.0, f"{check.select} should not be there: " +
                   ", ".join(f"{s.address} {_quoted(s.text)}" for s in there[:MAX_DETAIL_ITEMS]))


def rule_outcome(check: Check, findings: list) -> Outcome:
    if not findings:
        return FULL
    return Outcome(0.0, "; ".join(f"{f.location}: {f.message}" for f in findings[:MAX_DETAIL_ITEMS]))
