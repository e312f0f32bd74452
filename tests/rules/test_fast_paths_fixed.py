"""The shortcuts of the fixed-field, required and consistency rules give what the general code
they stand in for gives: the one-pattern check of a whole Leader, 006, 007 or 008, the code sets
of 008/15-17 and 35-37, the article patterns and the digit test before the dates search, fields
found without the walk's ``Located`` and rules that return before any work."""

from __future__ import annotations

import random
import unicodedata

import pytest
from pymarc import Field, Indicators, Leader, Record, Subfield

from sandbox.reference import codes, marc21
from sandbox.rules import consistency, fixed_fields, structure  # noqa: F401 - STR-* rules
from sandbox.rules.model import REGISTRY, Context, Hit
from sandbox.rules.required import is_rda
from sandbox.rules.walk import data_008, data_fields, quoted

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


# --- Fields found without the walk's Located, and rules that return before any work ----------

_SOME_TAGS = ["001", "008", "008", "040", "100", "110", "130", "245", "260", "264", "300", "504", "600",
              "700", "800", "880"]
_SOME_VALUES = ["Writer, Ann, 1950-", "Writer, Ann,", "Homer", "New York :", "c2024.", "2023",
                "[1999?]", "1999", "2024", "200 p. :", "ill., maps ;", "illustrations", "rda",
                "rda", "aacr", "Title."]


def _random_fields_record(chooser: random.Random) -> Record:
    """A record of a few fields with repeated tags, control fields and out-of-order tags."""
    leader = chooser.choice(["00000nam a2200000 i 4500", "00000cam a2200000 a 4500",
                             "00000ngm a2200000 i 4500", "00000nam a2300000 i 4501",
                             "0000 nam a22000x0 i 4500", "short"])
    record = Record()
    record.leader = leader if chooser.random() < 0.5 or len(leader) != 24 else Leader(leader)
    for _ in range(chooser.randint(0, 8)):
        tag = chooser.choice(_SOME_TAGS)
        if tag < "010":
            data = ("240101" + chooser.choice("stemb|") + chooser.choice(["2024", "2023", "19uu"])
                    + "    nyu" + chooser.choice(["    ", "a   ", "|   "]) + "  "
                    + chooser.choice(["    ", "b   ", " |  "]) + "0000 0 eng d")
            record.add_field(Field(tag, data=data[:chooser.choice([40, 40, 40, 39])]))
            continue
        subfields = [Subfield(chooser.choice("abbccdee46"), chooser.choice(_SOME_VALUES))
                     for _ in range(chooser.randint(0, 4))]
        record.add_field(Field(tag, Indicators(chooser.choice("01 "), chooser.choice("01 ")),
                               subfields))
    return record


def test_plain_data_fields_are_the_data_fields_in_record_order():
    from sandbox.rules.walk import data_fields, locate, plain_data_fields, remembered
    chooser = random.Random(20261124)
    for _ in range(2000):
        record = _random_fields_record(chooser)
        with remembered(record):
            for tags in (("245",), ("100", "110", "111", "130"), ("264", "260"), ("008",),
                         ("880", "100"), ()):
                wanted = [item.field for item in data_fields(record, *tags)] if tags else []
                assert plain_data_fields(record, tags) == wanted
                assert plain_data_fields(record, frozenset(tags)) == wanted
                for item in data_fields(record, *tags) if tags else ():
                    assert locate(record, item.field) is item


def _old_one_main_entry(record, context):
    main = data_fields(record, "100", "110", "111", "130")
    for item in main[1:]:
        yield Hit(item.address, f"a second main entry ({item.field.tag}, after "
                                f"{main[0].field.tag}); move it to a 7XX added entry")


def _old_title_added_entry(record, context):
    has_main = bool(data_fields(record, "100", "110", "111", "130"))
    for item in data_fields(record, "245"):
        ind1 = item.field.indicator1
        if not has_main and ind1 == "1":
            yield Hit(f"{item.address}/ind1", "245 first indicator is '1' (title added entry) "
                      "but the record has no 1XX: the title is the main entry, so use '0'")
        elif has_main and ind1 == "0":
            yield Hit(f"{item.address}/ind1", "245 first indicator is '0' (no title added "
                      "entry) although the record has a 1XX main entry; it is normally '1'")


def _old_personal_name_parts(record, context):
    for item in data_fields(record, "100", "600", "700", "800"):
        field = item.field
        for position, (code, name) in enumerate(field.subfields):
            if code == "a":
                break
        else:
            continue
        dates = consistency._TRAILING_DATES.search(name)
        if dates and "," in name[: dates.start()]:
            yield Hit(item.subfield_address(position), f"{field.tag} $a {quoted(name)} "
                      f"ends with dates ({quoted(dates.group(1))}); dates go in $d")
        if field.indicator1 == "0" and consistency._INVERTED.match(name) \
                and not name.rstrip(",. ").endswith(("Saint", "Sir", "King", "Queen")):
            yield Hit(f"{item.address}/ind1", f"{field.tag} first indicator is 0 (forename) "
                      f"but $a {quoted(name)} is inverted, surname first: use 1 (surname)")


def _old_date_008_vs_264(record, context):
    data = data_008(record)
    if len(data) != 40 or data[6] not in "st" or not data[7:11].isdigit():
        return
    date1 = data[7:11]
    for item in data_fields(record, "264", "260"):
        field = item.field
        if field.tag == "264" and field.indicator2 != "1":
            continue
        for position, (code, value) in enumerate(field.subfields):
            if code != "c":
                continue
            years = consistency._YEARS.findall(value)
            if years and date1 not in years:
                yield Hit("008/07-10", f"008/07-10 (Date 1) is '{date1}' but "
                          f"{item.subfield_address(position)} gives {quoted(value)}")
                return


def _old_illustrations(record, context):
    data = consistency._books_008(record)
    if data is None or data[18:22].strip(" |"):
        return
    for item in data_fields(record, "300"):
        details = " ".join(item.field.get_subfields("b")).lower()
        if consistency._ILLUSTRATED.search(details):
            yield Hit("008/18-21", f"300 $b says {quoted(details.strip(' ;:'))} but 008/18-21 "
                      "(illustrations) is blank; code them (a illustrations, b maps, c portraits…)")
            return


def _old_bibliography(record, context):
    data = consistency._books_008(record)
    if data is None or "b" in data[24:28] or "|" in data[24:28]:
        return
    for item in data_fields(record, "504"):
        yield Hit("008/24-27", "a 504 notes a bibliography but 008/24-27 (nature of contents) "
                  "has no 'b'")
        return


def _old_rda_publication_statement(record, context):
    if not is_rda(record):
        return
    if not data_fields(record, "264", "260"):
        yield Hit("264", "this record follows RDA (040 $e rda) but has no 264 (publication, "
                  "production, distribution or manufacture statement)")


def _old_leader_fixed_values(record, context):
    leader = str(record.leader)
    for start, end, expected, name in ((10, 11, "22", "indicator count and subfield code length"),
                                       (20, 23, "4500", "entry map")):
        found = leader[start : end + 1]
        if found != expected:
            yield Hit(f"LDR/{start:02d}-{end:02d}",
                      f"Leader/{start:02d}-{end:02d} ({name}) must be '{expected}' in MARC 21; "
                      f"it is {quoted(found)}")


def _old_leader_numbers(record, context):
    leader = str(record.leader)
    for start, end, name in ((0, 4, "record length"), (12, 16, "base address of data")):
        found = leader[start : end + 1]
        if not found.isdigit():
            yield Hit(f"LDR/{start:02d}-{end:02d}",
                      f"Leader/{start:02d}-{end:02d} ({name}) must be five digits; it is "
                      f"{quoted(found)} (use 00000 when typing a record: it is computed on save)")


_OLD_RULES = {"REQ-002": _old_one_main_entry, "REQ-003": _old_title_added_entry,
              "REQ-015": _old_personal_name_parts, "FIX-009": _old_date_008_vs_264,
              "FIX-010": _old_illustrations, "FIX-011": _old_bibliography,
              "REQ-014": _old_rda_publication_statement, "STR-001": _old_leader_fixed_values,
              "STR-002": _old_leader_numbers}


@pytest.mark.parametrize("rule_id", sorted(_OLD_RULES))
def test_each_rule_reports_what_it_did_before_its_shortcuts(rule_id):
    from sandbox.rules.walk import remembered
    chooser = random.Random(f"shortcuts-{rule_id}")
    check = REGISTRY[rule_id].check
    reported = 0
    for _ in range(6000):
        record = _random_fields_record(chooser)
        with remembered(record):
            before = [*_OLD_RULES[rule_id](record, Context())]
            assert [*check(record, Context())] == before, record
        reported += bool(before)
    assert reported > 8  # the generated records do trip the rule


def test_a_position_of_repeated_codes_reads_its_characters_as_the_code_set_does():
    chooser = random.Random(20261124)
    for name, positions, length in _position_sets():
        for start, stop, allowed, singles, _ in fixed_fields._checks(positions, 0):
            if singles is None:
                continue
            for _ in range(50):
                value = "".join(chooser.choice(_JUNK + singles) for _ in range(stop - start))
                assert (not value.strip(singles)) == (allowed.keys() >= set(value)), (name, value)
