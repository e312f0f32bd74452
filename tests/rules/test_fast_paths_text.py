"""The fast paths of the punctuation (PUN-*) and subject (SUB-*) rules report exactly what the
plain code they stand in for reports.

Each rule first asks a cheap question (does the text already end with the mark? does the heading
have a $2 at all?) and only then does the full work. Two kinds of test keep that honest: the cheap
tests are checked against the full ones on awkward text (format marks, fullwidth marks, odd
blanks), and every rule is run beside the code it had before its fast path, on many generated
records, with the same hits expected from both.
"""

from __future__ import annotations

import random
import unicodedata

import pytest
from pymarc import Field, Indicators, Leader, Record, Subfield

from sandbox.rules import punctuation as pun
from sandbox.rules import subjects as sub
from sandbox.rules.model import REGISTRY, Context, Hit
from sandbox.rules.walk import (
    data_fields,
    data_fields_as,
    effective_tag,
    locate,
    quoted,
    remembered,
)

#: Subfield values that sit on the edges of the fast paths.
AWKWARD = [
    "", " ", "  ", ".", "..", "-", "--", "_", "...", "Cats", "Cats.", "Cats. ", "Cats.\u200e",
    "Cats\u200e.", "Cats..", "U.S.", "U.S. ", "etc.", "Calif.", "St.", "Lincoln, Abraham,",
    "Lincoln, Abraham", "1809-1865", "1809-1865.", "1950-", "1950- ", "1950-\u200f", "1993-",
    "Vol. 1->", "(D.C.)", "Example title :", "Example title:", "Example title : ",
    "Example title :\u200e", "Example title\u200e :", "Example title \u200e:", "Title\uff1a",
    "Title \uff1b", "Title /", "Title /\u00a0", "Title\u00a0/", "Title ;", "Title =", "pages +",
    "New York,", "New York\uff0c", "Name\u3001", "Name\u060c", "Name\u055d", "Name ,\u200f",
    "\u200f\u0639\u0631\u0628\u064a.\u200f", "\u200e\u200f", "\u200e", "\ufeff", "x\u00a0",
    "Cats--Behavior", "Cats--Behavior--Periodicals.", "Cats\u2014Behavior", "Cats\u2013\u2013Dogs",
    "Cats\u2013Dogs", "Cats -- ", "-\u2014", "\u2013\u2014", "1789-1799", "19th century",
    "Dictionaries", "Dictionaries.", "Periodicals", " Periodicals. ", "Fiction", "French",
    "History and criticism", "Translations into French", "Polyglot", "fast", "FAST", "fast.",
    "lcsh", "lcgft", "ddc", "yso/fin", "gsafd.", "allars", "fst", "mesh", "rvm", "ericd", "rda",
    "aacr", "RDA ", "pol", "J. R. R. Tolkien", "J.R.R. Tolkien.", "by A. B. Writer",
    "[electronic resource]", "electronic resource", " [sound recording", "(OCoLC)fst00849478",
    "880-01", "245-01", "650-01", "600-02", "260-01", "264-01", "100-01", "700-03", "500-01",
    "505-01", "65", "author.", "editor,", "\u00bfQu\u00e9?", "Why?", "Stop!", 'Quoted."',
    "(Parenthesis)", "[Bracket.]", "\u3002", "\uff0e", "\uff01", "\uff1f", "\u2026", "\t.",
]
CODES = list("abcdehpqvxyzfu0123456") + ["", "xy", "a2"]
OTHER_TAGS = ["040", "040", "245", "505", "506", "540", "650", "700", "880", "6"]
INDICATORS = [" ", "0", "1", "2", "3", "4", "6", "7", "9"]


#: Subfield codes a rule reads, chosen more often for it so that its records trip it often.
FAVOURED = {"PUN-005": "v", "PUN-007": "cccc", "PUN-008": "de", "SUB-005": "vvxx",
            "SUB-006": "xxxv"}
#: Values that trip a rule only now and then, likewise chosen more often for it.
FAVOURED_VALUES = {"PUN-007": ["J. R. R. Tolkien", "by A. B. Writer", "A.B. C. D."],
                   "SUB-005": ["Periodicals", "Dictionaries", "French", "History"],
                   "SUB-006": ["Dictionaries", "Periodicals.", " Fiction"]}


def _random_record(chooser: random.Random, tags: list[str], codes: list[str],
                   values: list[str]) -> Record:
    """A record of fields with ``tags`` (mostly) and 880s linked to them, with awkward values."""
    record = Record()
    record.leader = "00000nam a22000007" + chooser.choice("aaaiic n") + " 4500"
    for _ in range(chooser.randint(1, 6)):
        tag = chooser.choice(tags + OTHER_TAGS if chooser.random() < 0.3 else tags)
        subfields = []
        if tag == "880" or chooser.random() < 0.1:
            linked = chooser.choice(tags + OTHER_TAGS)
            subfields.append(Subfield("6", f"{linked}-0{chooser.randint(1, 3)}"))
        for _ in range(chooser.randint(0, 6)):
            subfields.append(Subfield(chooser.choice(codes), chooser.choice(values)))
        if tag == "040" and chooser.random() < 0.5:
            subfields.append(Subfield("e", chooser.choice(("rda", "aacr", "pol", "RDA ", "pn"))))
        record.add_field(Field(tag, Indicators(chooser.choice(INDICATORS),
                                               chooser.choice(INDICATORS)), subfields))
    return record


# --- The cheap tests against the full ones ----------------------------------------------------

#: Every set of marks a punctuation rule accepts from ``value.rstrip()`` without the full look.
FAST_MARKS = [pun._END_MARKS, pun._COMMA_OR_HYPHEN] + [
    right for rules in (pun._TITLE_ORDER, pun._PUBLICATION_ORDER, pun._PHYSICAL_ORDER,
                        pun._SERIES_ORDER) for _, right in rules.values()]


@pytest.mark.parametrize("marks", FAST_MARKS)
def test_a_mark_seen_at_the_end_is_there_past_format_marks_too(marks):
    for value in AWKWARD + [a + b for a in AWKWARD for b in ("", " ", "\u200e", "\u200f ")]:
        if value.rstrip().endswith(marks):
            assert pun._visible_end(value).endswith(marks), (value, marks)


def test_the_marks_themselves_hold_no_format_mark_and_end_in_no_blank():
    """What makes the fast test above sound: removing format marks cannot touch the mark."""
    for marks in FAST_MARKS:
        for mark in marks:
            assert not mark[-1].isspace()
            assert all(unicodedata.category(char) != "Cf" for char in mark)


def test_a_term_starting_with_a_letter_or_digit_is_a_term():
    for point in range(0x110000):
        char = chr(point)
        if char.isalnum():
            assert sub._has_term(char), hex(point)


@pytest.mark.parametrize("value", AWKWARD)
def test_dashes_are_found_in_the_joined_heading_as_in_each_subfield(value):
    dashed = value.replace("\u2014", "--").replace("\u2013\u2013", "--")
    cheap = "--" in value or "\u2014" in value or "\u2013\u2013" in value
    assert cheap == ("--" in dashed)


# --- Every rule beside the code it had before its fast path ------------------------------------

def _old_subject_fields(record):
    return [(item, effective_tag(item.field)) for item in data_fields_as(record, *sub.SUBJECT_TAGS)]


def old_sub_001(record, context):
    for item, tag in _old_subject_fields(record):
        field = item.field
        indicator = field.indicator2
        sources = [position for position, (code, _) in enumerate(field.subfields) if code == "2"]
        if indicator == "7" and not sources:
            yield Hit(f"{item.address}/ind2", f"{tag} second indicator is 7 (source in $2) but "
                      "there is no $2; add $2 with the code of the vocabulary the heading comes "
                      "from (e.g. fast, lcgft, aat)")
        elif indicator and indicator in "0123456" and sources:
            name = sub._thesaurus(tag, indicator) or "a named thesaurus"
            for position in sources:
                code = field.subfields[position].value
                if code.strip().lower() == sub._INDICATOR_SOURCES.get(indicator):
                    advice = "delete $2"
                else:
                    advice = (f"delete $2, or set the indicator to 7 if the heading comes from "
                              f"{quoted(code)}")
                yield Hit(item.subfield_address(position), f"{tag} second indicator is "
                          f"{indicator} ({name}), which already names the source, yet $2 "
                          f"{quoted(code)} is present; $2 is used only with second indicator "
                          f"7: {advice}")


def old_sub_002(record, context):
    everything = sub.codes.source_codes()
    for item, tag in _old_subject_fields(record):
        for position, (code, value) in enumerate(item.field.subfields):
            if code != "2":
                continue
            text = value.strip()
            where = item.subfield_address(position)
            if sub._known_source(text):
                entry = everything.get(text)
                if entry is not None and entry.deprecated:
                    yield Hit(where, f"{tag} $2 {quoted(text)} ({entry.name}) is "
                              f"{entry.note or 'deprecated'} in LC's source code list")
                continue
            cleaned = text.rstrip(".;,: ").lower()
            if cleaned and sub._known_source(cleaned):
                yield Hit(where, f"{tag} $2 {quoted(value)} should be written {quoted(cleaned)}: "
                          "source codes are lowercase and take no punctuation")
            elif text in everything:
                kinds = ", ".join(sub.codes.source_code_categories(text))
                yield Hit(where, f"{tag} $2 {quoted(text)} is a {kinds} source code, not a "
                          "subject or genre/form vocabulary")
            else:
                yield Hit(where, f"{tag} $2 {quoted(value)} is not in LC's subject or genre/form "
                          "source codes (e.g. fast, lcgft, aat, mesh); check the spelling")


def old_sub_003(record, context):
    for item, tag in _old_subject_fields(record):
        field = item.field
        present = {code for code, _ in field.subfields}
        if "a" in present or (tag == "655" and field.indicator1 == "0" and "b" in present):
            continue
        if present & set(sub.SUBDIVISIONS):
            yield Hit(item.address, f"{tag} has subdivisions but no main term: put the term "
                      "the subdivisions qualify in $a, first")
        elif present and present <= set("0123456789"):
            shown = ", ".join(f"${code}" for code, _ in field.subfields)
            yield Hit(item.address, f"{tag} has no $a, only {shown}; a subject heading needs its "
                      "main term in $a — $2 and $0 only say where a term came from")
        else:
            shown = ", ".join(f"${code}" for code, _ in field.subfields) or "no subfields"
            yield Hit(item.address, f"{tag} has no $a (it holds {shown}); a subject heading "
                      "needs its main term in $a")


def old_sub_004(record, context):
    for item, tag in _old_subject_fields(record):
        seen_main = False
        for position, (code, value) in enumerate(item.field.subfields):
            if code == "a":
                seen_main = True
            if code not in sub.SUBDIVISIONS:
                continue
            where = item.subfield_address(position)
            if not seen_main and "a" in {c for c, _ in item.field.subfields}:
                yield Hit(where, f"{tag} ${code} ({sub._NAMES[code]}) {quoted(value)} comes "
                          "before the main term in $a; the heading starts with its main term and "
                          "the subdivisions follow it")
            if value.strip() and not sub._has_term(value):
                yield Hit(where, f"{tag} ${code} ({sub._NAMES[code]}) holds no term "
                          f"({quoted(value)}); delete the empty subdivision or type its term")


def old_sub_005(record, context):
    for item, tag in _old_subject_fields(record):
        form = None
        for position, (code, value) in enumerate(item.field.subfields):
            if code == "v":
                form = value
            elif code == "x" and form is not None:
                if sub._established_after_form(sub._text(form), sub._text(value)):
                    continue
                yield Hit(item.subfield_address(position),
                          f"{tag} $x {quoted(value)} follows the form subdivision $v "
                          f"{quoted(form)}; LC puts form subdivisions last, so move "
                          f"{quoted(value)} before $v — unless LC has established this order "
                          "(as in 'Dictionaries--French' or '--History and criticism')")


def old_sub_006(record, context):
    for item, tag in _old_subject_fields(record):
        subfields = item.field.subfields
        for position, (code, value) in enumerate(subfields):
            if code != "x" or sub._text(value) not in sub.FORM_WORDS:
                continue
            if any(later == "v" for later, _ in subfields[position + 1:]):
                continue
            yield Hit(item.subfield_address(position), f"{tag} $x {quoted(value)} is usually a "
                      f"form subdivision: if the item is itself {sub._text(value)}, code it $v; "
                      "keep $x only when the work is about them")


def old_sub_007(record, context):
    for item, tag in _old_subject_fields(record):
        for position, (code, value) in enumerate(item.field.subfields):
            dashed = value.replace("\u2014", "--").replace("\u2013\u2013", "--")
            if not sub._is_data(code) or "--" not in dashed:
                continue
            parts = [part.strip() for part in dashed.split("--") if part.strip()]
            split = f"${code}{parts[0]}" if parts else ""
            split += "".join(f"${sub._guess_code(part)}{part}" for part in parts[1:])
            hint = f" (here: {split})" if len(parts) > 1 else ""
            yield Hit(item.subfield_address(position), f"{tag} ${code} {quoted(value)} has '--' "
                      "typed into it; split it into subfields, one per subdivision "
                      f"($x topic, $z place, $y time, $v form){hint} — the catalog displays the "
                      "dashes itself")


def old_sub_008(record, context):
    if not sub._carries_punctuation(record):
        return
    for item, tag in _old_subject_fields(record):
        vocabulary = sub._LC_PUNCTUATED.get(item.field.indicator2)
        if vocabulary is None:
            continue
        texts = [(i, v) for i, (c, v) in enumerate(item.field.subfields) if sub._is_data(c)]
        if not texts:
            continue
        position, value = texts[-1]
        end = value.rstrip()
        if end and not end.endswith(sub._FINAL_MARKS):
            yield Hit(item.subfield_address(position), f"{vocabulary} heading {tag} should end "
                      f"with a period (it ends {quoted(end[-20:])}); only a closing "
                      "parenthesis, an open date's hyphen, '?', '!' or a closing quotation mark "
                      "take its place")


def old_sub_009(record, context):
    for item, tag in _old_subject_fields(record):
        subfields = item.field.subfields
        for position, (code, value) in enumerate(subfields):
            if position == 0 or code not in sub.SUBDIVISIONS:
                continue
            before_code, before = subfields[position - 1]
            end = before.rstrip()
            if not sub._is_data(before_code) or not end.endswith(".") or end.endswith(".."):
                continue
            if sub._ends_with_abbreviation(end):
                continue
            yield Hit(item.subfield_address(position - 1), f"{tag} ${before_code} "
                      f"{quoted(end[-20:])} ends with a period before the subdivision ${code}; "
                      "a term followed by a subdivision takes no period (unless it ends with an "
                      "abbreviation or initial, e.g. 'U.S.', 'etc.')")


def _old_check_order(record, tag, rules):
    if not pun.carries_isbd(record):
        return
    for item in data_fields_as(record, tag):
        field = item.field
        for position, (code, _) in enumerate(field.subfields):
            if position == 0 or code not in rules:
                continue
            if field.subfields[position - 1].code in pun._CONTROL_SUBFIELDS:
                continue
            hit = pun._before(field, position, rules[code], code, tag, item)
            if hit:
                yield hit


def _old_final_period(record, tags, name):
    if not pun.carries_isbd(record):
        return
    for item in data_fields_as(record, *tags):
        field = item.field
        skip = pun._SKIPPED.get(field.tag, pun._CONTROL_SUBFIELDS)
        subfields = field.subfields
        position = len(subfields) - 1
        while position >= 0 and subfields[position].code in skip:
            position -= 1
        if position < 0:
            continue
        value = subfields[position].value
        end = pun._visible_end(value)
        if field.tag == "505" and field.indicator1 in ("1", "2"):
            continue
        if end.endswith(("-", "->", "--")):
            continue
        if end and not end.endswith(pun._END_MARKS) and not end.endswith((".)", '."', ".]")):
            yield Hit(item.subfield_address(position), f"{name} {effective_tag(field)} should "
                      f"end with a period (it ends {quoted(end[-12:])})")


def old_pun_001(record, context):
    yield from _old_check_order(record, "245", {"b": (" :", " ;", " ="), "c": (" /",)})
    yield from _old_final_period(record, ("245",), "field")
    if not pun.carries_isbd(record):
        return
    for item in data_fields_as(record, "245"):
        for position, (code, value) in enumerate(item.field.subfields):
            if code == "h" and not value.lstrip().startswith("[") or code == "h" and "]" not in value:
                yield Hit(item.subfield_address(position), f"245 $h (medium, the old GMD) "
                          f"{quoted(value)} should be in square brackets, e.g. '[electronic "
                          "resource]'")


def old_pun_002(record, context):
    yield from _old_final_period(record, ("250",), "edition statement")


def old_pun_003(record, context):
    for tag in ("260", "264"):
        yield from _old_check_order(record, tag, {"b": (" :",), "c": (",",), "a": (" ;",)})


def old_pun_004(record, context):
    yield from _old_check_order(record, "300", {"b": (" :",), "c": (" ;",), "e": (" +",)})


def old_pun_005(record, context):
    yield from _old_check_order(record, "490", {"v": (" ;",)})


def old_pun_006(record, context):
    yield from _old_final_period(record, pun.NOTE_TAGS, "note")


def old_pun_007(record, context):
    if not pun.carries_isbd(record):
        return
    for item in data_fields_as(record, "245"):
        for position, (code, value) in enumerate(item.field.subfields):
            match = pun._SPACED_INITIALS.search(value) if code == "c" else None
            if match:
                yield Hit(item.subfield_address(position), f"245 $c has a space between the "
                          f"initials {quoted(match.group(0))}; write them without it "
                          f"('{match.group(1)}.{match.group(2)}.')")


def _old_anglo_american_headings(record) -> bool:
    form = str(record.leader)[18:19]
    if form not in ("a", "i"):
        return False
    conventions = {value.strip().lower() for item in data_fields(record, "040")
                   for value in item.field.get_subfields("e")}
    if form == "i" and not conventions:
        return False
    return conventions <= pun.ANGLO_AMERICAN


def old_pun_008(record, context):
    if not _old_anglo_american_headings(record):
        return
    for item in data_fields_as(record, *pun.NAME_TAGS):
        subfields = item.field.subfields
        for position in range(1, len(subfields)):
            follower = subfields[position].code
            if follower not in pun._AFTER_COMMA:
                continue
            code, value = subfields[position - 1]
            if code in pun._CONTROL_SUBFIELDS:
                continue
            end = pun._visible_end(value)
            if not end or end.endswith(pun._COMMAS) or end.endswith("-"):  # noqa: PIE810
                continue
            yield Hit(item.subfield_address(position - 1), f"{effective_tag(item.field)} "
                      f"${code} {quoted(end)} should end with a comma before ${follower} "
                      f"({pun._AFTER_COMMA[follower]})")


OLD = {f"SUB-00{n}": globals()[f"old_sub_00{n}"] for n in range(1, 10)}
OLD.update({f"PUN-00{n}": globals()[f"old_pun_00{n}"] for n in range(1, 9)})


def _outcome(check, record):
    """The hits, or the error a rule stopped with (the engine reports that too)."""
    with remembered(record):
        try:
            return [*check(record, Context())]
        except Exception as error:  # noqa: BLE001 - compared, not hidden
            return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("rule_id", sorted(OLD))
def test_each_rule_reports_what_it_did_before_its_fast_path(rule_id):
    chooser = random.Random(f"fast-paths-{rule_id}")
    check = REGISTRY[rule_id].check
    tags = sorted(REGISTRY[rule_id].tags)
    codes = CODES + list(FAVOURED.get(rule_id, ""))
    values = AWKWARD + FAVOURED_VALUES.get(rule_id, []) * 5
    reported = 0
    for _ in range(3000):
        record = _random_record(chooser, tags, codes, values)
        before = _outcome(OLD[rule_id], record)
        assert _outcome(check, record) == before, record
        reported += bool(before)
    assert reported > 100  # the generated records do trip the rule, not only pass it


@pytest.mark.parametrize("rule_id", sorted(r for r in OLD if r.startswith("PUN-")))
def test_each_pun_rule_without_880s_reports_what_it_did_before_its_fast_path(rule_id):
    """Without 880s the punctuation rules read the fields themselves and look a field's address
    up only for a finding: the same hits, in the same order (leaders as pymarc's Leader too)."""
    chooser = random.Random(f"fast-paths-no-880-{rule_id}")
    check = REGISTRY[rule_id].check
    tags = sorted(REGISTRY[rule_id].tags - {"880"})
    codes = CODES + list(FAVOURED.get(rule_id, ""))
    values = AWKWARD + FAVOURED_VALUES.get(rule_id, []) * 5
    reported = 0
    for _ in range(3000):
        record = _random_record(chooser, tags, codes, values)
        record.fields = [field for field in record.fields if field.tag != "880"]
        if chooser.random() < 0.5:
            record.leader = Leader(record.leader)
        before = _outcome(OLD[rule_id], record)
        assert _outcome(check, record) == before, record
        reported += bool(before)
    assert reported > 100


def test_the_rules_still_look_past_an_880_to_the_field_it_parallels():
    record = Record()
    record.leader = "00000nam a2200000 a 4500"
    record.add_field(Field("880", Indicators(" ", "0"), [
        Subfield("6", "650-01"), Subfield("a", "Cats."), Subfield("x", "Behavior")]))
    with remembered(record):
        hits = [*REGISTRY["SUB-009"].check(record, Context())]
    assert [hit.location for hit in hits] == ["880$a"]
    assert hits[0].message.startswith("650 $a")


def test_subject_fields_are_found_in_one_pass_as_data_fields_as_finds_them():
    """The subject rules scan the record's fields once (880s by their $6) and look an address
    up only for a finding: the same fields, tags and addresses as the walk's."""
    chooser = random.Random("subject-fields")
    tags = list(sub.SUBJECT_TAGS) + ["880", "880", "245", "008"]
    found = 0
    for _ in range(2000):
        record = _random_record(chooser, tags, CODES, AWKWARD)
        with remembered(record):
            expected = [(item.field, effective_tag(item.field), item.address)
                        for item in data_fields_as(record, *sub.SUBJECT_TAGS)]
            fields = sub._subject_fields(record)
            assert [(field, tag, locate(record, field).address)
                    for field, tag, *_ in fields] == expected, record
            for field, _, indicator, subfields, codes, values, joined in fields:
                assert indicator == field.indicator2 and subfields is field.subfields
                assert list(zip(codes, values)) == [tuple(s) for s in field.subfields]
                assert joined == "\x1f".join(value for _, value in field.subfields)
            found += len(fields)
    assert found > 3000
