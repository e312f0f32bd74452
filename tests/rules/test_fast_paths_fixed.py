"""The shortcuts of the fixed-field, required and consistency rules give what the general code
they stand in for gives: the one-pattern check of a whole Leader, 006, 007 or 008, the code sets
of 008/15-17 and 35-37, the article patterns and the digit test before the dates search."""

from __future__ import annotations

import random
import unicodedata

import pytest
from pymarc import Field, Indicators, Record, Subfield

from sandbox.reference import codes, marc21
from sandbox.rules import consistency, fixed_fields

_JUNK = "#^-|0123456789abcuxz \n\u00e9"


def _position_sets() -> list[tuple[str, tuple, int]]:
    """(name, positions, length of the data they read) for every layout the rules check."""
    sets = [("LDR", fixed_fields._coded_leader_positions(), 24)]
    for material in marc21.MATERIALS:
        sets.append((f"008 {material}", fixed_fields._coded_008_positions(material), 40))
        sets.append((f"006 {material}", fixed_fields._coded_006_positions(material), 18))
    for category in fixed_fields._categories_007():
        positions = fixed_fields._coded_007_positions(category)
        sets.append((f"007 {category}", positions, max(p.end for p in positions) + 1))
    return sets


def _value(position, chooser: random.Random) -> str:
    """Mostly a code the position allows (a range key read as a number), sometimes junk."""
    width = position.end - position.start + 1
    if not position.codes or chooser.random() < 0.1:
        return "".join(chooser.choice(_JUNK) for _ in range(width))
    if position.repeat_codes:
        singles = [code for code in position.codes if len(code) == 1]
        return "".join(chooser.choice(singles) for _ in range(width))
    code = chooser.choice(list(position.codes))
    if len(code) != width:  # '001-999'
        return str(chooser.randint(1, 10 ** width - 1)).zfill(width)
    return code


def _data(positions: tuple, length: int, chooser: random.Random) -> str:
    chars = [chooser.choice(_JUNK) for _ in range(length)]
    for position in positions:
        if position.end < length:
            chars[position.start:position.end + 1] = _value(position, chooser)
    data = "".join(chars)
    cut = chooser.random()
    if cut < 0.1:
        return data[:chooser.randint(0, length)]  # too short: trailing positions are skipped
    if cut < 0.15:
        return data + "x" * chooser.randint(1, 3)
    return data


@pytest.mark.parametrize("name, positions, length", _position_sets(),
                         ids=[s[0] for s in _position_sets()])
def test_holds_codes_agrees_with_the_position_by_position_check(name, positions, length):
    chooser = random.Random(f"20261124 {name}")
    held = 0
    for _ in range(1500):
        data = _data(positions, length, chooser)
        hits = list(fixed_fields.check_positions(data, positions, name))
        if fixed_fields.holds_codes(data, positions):
            held += 1
            assert hits == [], (name, data)
        elif not any("-" in code for p in positions for code in p.codes):
            # Without range keys ('001-999') a miss of the pattern is always a finding.
            assert hits, (name, data)
    assert held > 50  # the common, well-formed case is decided by the pattern


def _record(leader: str, *fields: Field) -> Record:
    record = Record(leader=leader)
    for field in fields:
        record.add_field(field)
    return record


def test_the_rules_give_the_same_findings_with_and_without_the_pattern(monkeypatch):
    chooser = random.Random(20261124)
    records = []
    for material_leader in ("00000nam a2200000 i 4500", "00000cas a2200000 a 4500",
                            "00000njm a2200000 i 4500", "00000nem a2200000 i 4500",
                            "00000ngm a2200000 i 4500", "00000nmm a2200000 i 4500",
                            "00000npc a2200000 i 4500"):
        material = fixed_fields.material_of(material_leader[6:8])
        for _ in range(150):
            leader = _data(fixed_fields._coded_leader_positions(), 24, chooser)
            leader = leader[:6] + material_leader[6:8] + leader[8:]
            category = chooser.choice(list(fixed_fields._categories_007()))
            field_007 = _data(fixed_fields._coded_007_positions(category), 23, chooser)
            records.append(_record(
                leader.ljust(24)[:24],
                Field("006", data=chooser.choice("amet") + _data(
                    fixed_fields._coded_006_positions("BK"), 18, chooser)[1:]),
                Field("007", data=category + field_007[1:]),
                Field("008", data=_data(fixed_fields._coded_008_positions(material), 40,
                                        chooser))))
    rules = (fixed_fields.leader_codes, fixed_fields.field_008_codes, fixed_fields.field_006,
             fixed_fields.field_007)

    def findings():
        return [[(hit.location, hit.message) for rule in rules for hit in rule(record, None)]
                for record in records]

    fast = findings()
    monkeypatch.setattr(fixed_fields, "holds_codes", lambda *args: False)
    assert findings() == fast
    assert sum(map(bool, fast)) > 100 and sum(not found for found in fast) > 20


def _candidates(keys, chooser: random.Random) -> set[str]:
    """Three-character values near the code list's keys, and random ones."""
    values = set()
    for key in keys:
        values |= {key[:3], key.ljust(3)[:3], (" " + key)[:3], key.upper().ljust(3)[:3],
                   key.replace("-", "").ljust(3)[:3], (key + "  ")[1:4]}
    alphabet = "abcnxyz |-"
    values |= {"".join(chooser.choice(alphabet) for _ in range(3)) for _ in range(3000)}
    return {value for value in values if len(value) == 3}  # 008/15-17 and 35-37 are three


def test_country_and_language_sets_agree_with_the_code_lists():
    chooser = random.Random(20261124)
    accepted = fixed_fields._countries_008()
    for value in _candidates(codes.countries(), chooser):
        assert (value in accepted) == (value in ("|||", "xx ")
                                       or codes.is_valid_country(value)), value
    accepted = fixed_fields._languages_008()
    for value in _candidates(codes.languages(), chooser):
        assert (value in accepted) == (value in ("|||", "   ")
                                       or codes.is_valid_language(value)), value


def _leading_article_one_by_one(title: str, language: str | None) -> str | None:
    """``leading_article`` as it was written first: each article tried in turn."""
    if not language or language in consistency._NO_LANGUAGE:
        return None
    title = unicodedata.normalize("NFC", title).replace("\u2019", "'")
    skipped = len(title) - len(title.lstrip("\"'[("))
    lowered = title[skipped:].lower()
    if language == "eng" and consistency._LETTER_A.match(title[skipped:]):
        return None
    for form in consistency._articles_longest_first(language):
        if form.endswith(("'", "-")) and lowered.startswith(form):
            return title[: skipped + len(form)]
        if lowered.startswith(form + " "):
            return title[: skipped + len(form) + 1]
    return None


def test_leading_article_agrees_with_trying_each_article():
    chooser = random.Random(20261124)
    languages = sorted(codes._articles()) + ["ENG", "xxx", "und", "   ", "", None]
    starts = ["", "\"", "'", "[", "(", "[\""]
    words = ["Example", "A is for apple", "A to Z", "A-Z", "A. Smith", "ΈΝΑΣ κόσμος",
             "\u0130stanbul", "l\u2019homme", "Die", "", " ", "Σ"]
    for language in languages:
        forms = list(consistency._articles_longest_first(language)) if language else []
        for _ in range(60):
            form = chooser.choice(forms) if forms and chooser.random() < 0.7 else ""
            if form and chooser.random() < 0.5:
                form = form.upper() if chooser.random() < 0.5 else form.capitalize()
            follow = chooser.choice(["", " ", "  ", "x", "'", "-"])
            title = chooser.choice(starts) + form + follow + chooser.choice(words)
            title = unicodedata.normalize(chooser.choice(["NFC", "NFD"]), title)
            assert consistency.leading_article(title, language) == \
                _leading_article_one_by_one(title, language), (title, language)


def test_names_without_a_comma_or_digit_never_end_with_dates():
    chooser = random.Random(20261124)
    alphabet = "Ab ,.-?0123456789bd\u0663\t"
    for _ in range(20000):
        name = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 14)))
        dates = consistency._TRAILING_DATES.search(name)
        if dates and "," in name[: dates.start()]:
            assert "," in name and consistency._DIGIT.search(name), name


@pytest.mark.parametrize("subfields, expected", [
    ([("a", "Title.")], []),
    ([("6", "880-01"), ("a", "Title.")], []),
    ([("8", "1\\c"), ("b", "sub"), ("a", "Title.")], ["245$b"]),
    ([("k", "Papers.")], ["245"]),
    ([("b", "sub")], ["245"]),
    ([("", "odd"), ("a", "Title.")], []),
])
def test_title_proper_first_with_and_without_the_quick_look(subfields, expected):
    from sandbox.rules.required import title_proper_first
    record = _record("00000nam a2200000 i 4500", Field(
        "245", Indicators("1", "0"), [Subfield(code, value) for code, value in subfields]))
    assert [hit.location for hit in title_proper_first(record, None)] == expected



def test_relator_findings_name_the_field_they_are_in():
    from sandbox.rules.consistency import relator_terms
    record = _record(
        "00000nam a2200000 i 4500",
        Field("100", Indicators("1", " "), [Subfield("a", "Writer, Ann,"),
                                            Subfield("e", "author.")]),
        Field("700", Indicators("1", " "), [Subfield("a", "Ward, M.,"), Subfield("4", "trl")]),
        Field("711", Indicators("2", " "), [Subfield("a", "Meeting"), Subfield("j", "authr.")]),
        Field("700", Indicators("1", " "), [Subfield("a", "Bell, C."), Subfield("e", "auther"),
                                            Subfield("4", "xyz")]))
    assert [hit.location for hit in relator_terms(record, None)] == [
        "711$j", "700[2]$e", "700[2]$4"]


@pytest.mark.parametrize("subfields, expected", [
    ([("a", "texts"), ("b", "tx"), ("2", "rdacontent")], ["336$a", "336$b"]),
    ([("a", "texts"), ("2", "other"), ("2", "rdacontent")], []),  # the first $2 decides
    ([("a", "texts"), ("2", "rdacontent "), ("2", "other")], ["336$a"]),
    ([("b", "sti"), ("a", " Text ")], ["336$b"]),  # the code of another term
    ([("a", "text"), ("a", "still image"), ("b", "sti"), ("b", "txt")], []),
])
def test_rda_type_terms_read_in_one_pass(subfields, expected):
    from sandbox.rules.consistency import rda_type_terms
    record = _record("00000nam a2200000 i 4500", Field(
        "336", Indicators(" ", " "), [Subfield(code, value) for code, value in subfields]))
    assert [hit.location for hit in rda_type_terms(record, None)] == expected
