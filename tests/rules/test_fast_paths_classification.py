"""The classification and standard-number shortcuts give what the general code gives.

``lcc.parse_call_number`` and ``dewey.parse_dewey`` read the usual shape in one step and leave
everything else to ``_parse_in_full``; here both run over the corpus's 050/090/082/092 values,
hand-written traps and generated near-misses, and must agree exactly. So must the parts the
rules read without the whole reading (``lcc.read_class``, ``dewey.dewey_problems``,
``cutter.first_digit``) and the fields they find without ``data_fields``.
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata

import pytest
from pymarc import Field, Indicators, Record, Subfield

from sandbox.classify import cutter, dewey, lcc
from sandbox.formats import read_file
from sandbox.rules.classification import _call_number, _main_entry_name
from sandbox.rules.examples import example_record, marc_example
from sandbox.rules.numbers import leading_number
from sandbox.rules.walk import data_fields, fields_tagged, located_fields, remembered

#: Call numbers around the edges of the one-step shape (and well past them).
TRICKY_CALL_NUMBERS = [
    "QA76.73.P98 L88 2001", "QA76.73.P98 L88 2001 ", "  QA76.73.P98", "PR 4034 .P7 1980b",
    "PR4034 P7 1956", "PS3545 1990", "PS3545 123", "PS3545 12345", "KF4558 15th", "KF4558 15th .A5",
    "G4364.C6 2000 .R3", "G1201.P5 1990", "N6493 1920 .H5", "QA76 .A1 B2 C3", "QA76 .A1 B2 C3 D4",
    "QA76.A1B2", "QA76.73.P98L88", "QA76.73 .P98", "QA76.73. P98", "QA76. P98", "QA76.",
    "QA76.73.5", "QA12345", "QA1234.5.A1", "QA 76", "QA  76", "QA\t76", "Qa76", "qa76.73.p98 l88",
    "QAB76", "ABCD1", "I76", "O1", "WA100", "X1", "Y1", "Z1", "ZA4450", "QA76.73.P98a L88",
    "QA76.73.P98 L88a 2001", "QA76.73.P98 L88 2001a", "QA76.73.P98 L88 2001ab", "QA76 1990-1991",
    "QA76.73.P98 L88 1990-91", "PZ7.J684 Wj 1982", "PZ7.C3315 Su 2002", "PZ3.A93 Se60",
    "PS3569.H44 W3 pt. 1", "PL728 .S54 vol.28", "PR 4031 C42 v.4", "PR 4031 C42 v. 4 c.2",
    "QA76 .A1 copy 2", "QA76 .A1 suppl.", "QA76 .A1 index", "QA76 .A1 ser. 3",
    "PR 4034 .S45 1990 ERIN", "PR4034.S/", "PR4030 .1932", ".A4.5", "QA76 .A4.5", "QA76 .A",
    "QA76.73.P98 $b L88 2001", "$aQA76.73.P98 $bL88", "Internet", "(nbi)b61612686", "9604 BOOK",
    "", "   ", "Q", "QA", "QA76\u00a0.P98", "QA\u0667\u0666", "QA76.\u0667", "QA76 .P\u0669",
    "QA76 <Orien Korea>", "MLCM 2004/01234", "F Aust AFFC", "QA76.73.P98 L88 2001 2002",
]

#: Dewey numbers around the edges of the one-step shape.
TRICKY_DEWEY_NUMBERS = [
    "005.133", "005.1/33", "975.5/4252/00222", "973/.0496073", "973./05", "973/./05", "973//5",
    "973/", "/973", "973.", "973./", "005.10", "005.1/0", "005.10/1", "005.1/30", "624", " 624 ",
    "62", "6245", "62.4", "62/4.5", "624 M3812", "624  M3812", "823.914 D548o", "C848/.5407/05",
    "j 624", "REF624.1", "D0502162042", "B", "[Fic]", "FIC Austen, J.", "005'133", "005.1\u203233",
    "005.1'3", "\u0660\u0660\u0665.1", "005.\u0661", "005.1x", "005..1", "005.1.2", "", " ",
    "624\t1", "624\u00a0M", "005.133 ",
]


def _corpus_records(corpus):
    with open(corpus / "INVENTORY.tsv", encoding="utf-8") as handle:
        paths = [corpus / row["local_file"] for row in csv.DictReader(handle, delimiter="\t")
                 if row["kind"] != "other"]
    for path in paths:
        try:
            items = list(read_file(path))
        except Exception:  # noqa: BLE001 - files the readers refuse hold no call numbers to test
            continue
        for item in items:
            if item.record is not None and hasattr(item.record, "fields"):
                yield item.record


@pytest.fixture(scope="module")
def corpus_values(corpus):
    """The 050/090 texts LCC-001 parses, their fields, 082/092 $a and the main entries
    LCC-002 cutters, from the whole corpus."""
    calls, fields, deweys, names = set(), [], set(), set()
    for record in _corpus_records(corpus):
        with remembered(record):
            names.add(_main_entry_name(record))
        for field in record.fields:
            if field.control_field:
                continue
            if field.tag in ("050", "090"):
                fields.append(field)
                class_part, item_part = _call_number(field)
                calls.update((class_part, item_part, f"{class_part} {item_part}".strip()))
            elif field.tag in ("082", "092"):
                deweys.update(value for code, value in field.subfields if code == "a")
    assert len(calls) > 300 and len(deweys) > 100  # the corpus really was read
    return calls, fields, deweys, names


def _near_call_numbers(count: int) -> list[str]:
    """Call numbers mostly of the one-step shape, with a slip now and then."""
    chooser = random.Random(20261124)

    def pick(good, bad):
        return chooser.choice(good) if chooser.random() < 0.8 else chooser.choice(bad)

    made = []
    for _ in range(count):
        text = (pick(["Q", "QA", "KFN", "QA ", "Z"], ["I", "X", "ABCD", "qa", "QA  ", "QA\t"])
                + pick(["76", "76.73", "1", "1234", "0"], ["12345", "76.", "76.7.3", "\u0667"]))
        for index in range(chooser.choice([0, 1, 1, 2, 2, 3, 4])):
            separator = (pick([".", " .", " "], ["", ". ", "..", "\u00a0"]) if index == 0
                         else pick([" ", " ."], [".", "  ", ""]))
            text += separator + pick(["P98", "A1", "Z9", "B12345"],
                                     ["p98", "P", "P9a", "PP98", "P9.8", "Su"])
        text += pick(["", " 2001", " 2001b"], [" 1990-91", " 15th", " 200", " 2001 ", " v.2",
                                              " ERIN", " c.2", " 2001bc"])
        made.append(text)
    return made


def _near_dewey_numbers(count: int) -> list[str]:
    chooser = random.Random(20261125)

    def pick(good, bad):
        return chooser.choice(good) if chooser.random() < 0.85 else chooser.choice(bad)

    made = []
    for _ in range(count):
        text = "".join(pick("0123456789", "/ .'x") for _ in range(3))
        for _ in range(chooser.randint(0, 8)):
            text += pick(["0", "1", "5", "9", "/", "."], ["//", " ", "'", "..", "x", "\u0663"])
        made.append(pick(["", " ", "  "], ["C", "j ", "\t"]) + text
                     + pick(["", " M3812", " "], [" s", "  x"]))
    return made


def _same_call_number(text: str) -> bool:
    fast, full = lcc.parse_call_number(text), lcc._parse_in_full(text)
    reading = lcc.read_class(text)
    if isinstance(full, lcc.LCCallNumber):
        assert isinstance(fast, lcc.LCCallNumber), text
        assert vars(fast) == vars(full) and hash(fast) == hash(full), text
        assert repr(fast) == repr(full) and str(fast) == str(full), text
        assert reading == (full.class_letters, full.class_number, full.cutters), text
    else:
        assert reading == full and repr(reading) == repr(full), text
    assert fast == full, text
    return lcc._WELL_FORMED.fullmatch(text.strip()) is not None


def test_call_numbers_read_in_one_step_as_in_full_on_the_corpus(corpus_values):
    calls, _, _, _ = corpus_values
    shortcuts = sum(_same_call_number(text) for text in calls)
    assert shortcuts > 200  # the one-step reading really is the common case


def test_call_numbers_read_in_one_step_as_in_full_on_traps():
    shortcuts = sum(_same_call_number(text) for text in TRICKY_CALL_NUMBERS)
    assert shortcuts > 10


def test_call_numbers_read_in_one_step_as_in_full_on_near_misses():
    shortcuts = sum(_same_call_number(text) for text in _near_call_numbers(20000))
    assert 2000 < shortcuts < 18000  # both readings are tried


def test_call_numbers_read_in_one_step_file_and_explain_alike():
    texts = [t for t in TRICKY_CALL_NUMBERS if isinstance(lcc._parse_in_full(t), lcc.LCCallNumber)]
    for text in texts:
        fast, full = lcc.parse_call_number(text), lcc._parse_in_full(text)
        assert lcc.sort_key(fast) == lcc.sort_key(full), text
        assert lcc.in_range(fast) == lcc.in_range(full) == lcc.in_range(text), text
        assert fast.explain() == full.explain(), text


def test_an_outline_span_answers_alike_for_a_decimal_and_its_text():
    qa = lcc.subclass("QA")
    for number in ("1", "76.73", "939", "939.5", "940", "0.5", "1000"):
        assert qa.contains(number) == qa.contains(lcc.Decimal(number)), number


def _same_dewey(text: str) -> bool:
    fast, full = dewey.parse_dewey(text), dewey._parse_in_full(text)
    assert fast == full and repr(fast) == repr(full), text
    assert dewey.dewey_problems(text) == (full if isinstance(full, list) else []), text
    if isinstance(full, dewey.DeweyNumber):
        assert vars(fast) == vars(full) and hash(fast) == hash(full), text
    return dewey._WELL_FORMED.fullmatch(text.strip().partition(" ")[0]) is not None


def test_dewey_numbers_read_in_one_step_as_in_full_on_the_corpus(corpus_values):
    _, _, deweys, _ = corpus_values
    assert sum(_same_dewey(text) for text in deweys) > 50


def test_dewey_numbers_read_in_one_step_as_in_full_on_traps_and_near_misses():
    assert sum(_same_dewey(text) for text in TRICKY_DEWEY_NUMBERS) > 10
    shortcuts = sum(_same_dewey(text) for text in _near_dewey_numbers(30000))
    assert 1000 < shortcuts < 29000


@pytest.mark.parametrize("value", ["", " ", "23", "15", "16", "24", "0", "00", "5/nor", "5/NOR",
                                   "123", "2/ab", " 22 ", "\u0662\u0663", "x", "23x", "1/abc/d"])
def test_edition_problems_as_before(value):
    """The edition number is tried before the edition with a language code: they never overlap."""
    other = re.fullmatch(r"(\d{1,2})/([a-z]{3})", value.strip())
    for indicator in (None, "0", "1", "7", " "):
        problems = dewey.edition_source_problems(value, indicator)
        if other:
            assert (problems == []) == (indicator in (None, "7")), (value, indicator)
        elif not value.strip() or not re.fullmatch(r"\d{1,2}", value.strip()):
            assert len(problems) == 1, (value, indicator)


def test_first_a_and_b_are_read_in_one_pass_as_get_subfields_reads_them(corpus_values):
    _, fields, _, _ = corpus_values
    record = example_record("marc", marc_example("=050  00$bL88$a$aQA76$b 2001 ", "=090  \\\\$x1"))
    fields = fields + [f for f in record.fields if f.tag in ("050", "090")]
    for field in fields:
        classes, items = field.get_subfields("a"), field.get_subfields("b")
        assert _call_number(field) == (classes[0].strip() if classes else "",
                                       items[0].strip() if items else ""), field


def test_ascii_names_need_no_folding_for_the_cutter():
    """filing_form skips folding and NFKD for ASCII names: neither changes an ASCII character."""
    for code in range(128):
        char = chr(code)
        assert char not in cutter._FOLDED
        assert unicodedata.normalize("NFKD", char) == char and not unicodedata.combining(char)


@pytest.mark.parametrize("value", ["0-262-01153-0 (pbk.)", "0 262 01153 0", "9780262033848",
                                   "  026201153x :", "(pbk.)", "", " ", "X-", "978-0-262-03384-8"])
def test_leading_number_drops_separators_only_when_there_are_some(value):
    match = re.match(r"\s*([0-9Xx][0-9Xx -]*[0-9Xx])", value)
    expected = re.sub(r"[ -]", "", match.group(1)) if match else value.strip()
    assert leading_number(value) == expected


def _names(count: int) -> list[str]:
    """Names around the turns of the Cutter table: vowels, S and Sch, Q, Qu and Qa-Qt, one
    letter, numerals, unlisted second letters, marks and accents."""
    chooser = random.Random(20261126)
    starts = ["A", "E", "I", "O", "U", "S", "Sch", "Sc", "Q", "Qu", "Qi", "Qv", "Qt", "B", "C",
              "Ch", "Cl", "K", "Mc", "St.", "Z", "X", "Y", "1", "9", "É", "Ø", "ʻA", "O'"]
    made = []
    for _ in range(count):
        name = chooser.choice(starts)
        for _ in range(chooser.choice([0, 0, 1, 2, 3, 5])):
            name += chooser.choice("abcdefghijklmnopqrstuvwxyz áü'-.0123456789")
        made.append(name)
    return made


def test_the_first_cutter_digit_is_the_one_the_whole_cutter_gives(corpus_values):
    names = [name for name in corpus_values[3] if name and name[0].isalpha()]
    assert len(names) > 100  # the corpus's main entries were read
    compared = 0
    for name in names + _names(5000) + ["A", "S", "Q", "Qu", "Q1", "Sch", "S", "1984"]:
        try:
            form = cutter.filing_form(name)[0]
        except ValueError:
            continue  # LCC-002 never reaches the table for these
        assert cutter.first_digit(form) == cutter.cutter(name).cutter[1:2], name
        compared += 1
    assert compared > 4000


def test_call_number_and_dewey_fields_are_the_data_fields_in_record_order():
    chooser = random.Random(20261127)
    for _ in range(500):
        tags = [chooser.choice(["050", "090", "082", "092", "020", "010", "245", "008"])
                for _ in range(chooser.randint(0, 8))]
        record = Record()
        for tag in tags:  # in the order drawn, not sorted: 090 before 050 too
            record.add_field(Field(tag, data="000000s2001") if tag == "008" else
                             Field(tag, Indicators("0", "0"), [Subfield("a", "QA76")]))
        with remembered(record):
            for pair in (("050", "090"), ("082", "092"), ("090", "050")):
                in_order = [item for item in located_fields(record) if item.field.tag in pair]
                assert data_fields(record, *pair) == in_order, tags
            for tag in ("020", "010", "082"):  # tags of data fields only: the walk's own list
                assert fields_tagged(record, tag) == data_fields(record, tag), tags


def test_ascii_names_file_as_the_character_by_character_reading_files_them():
    chooser = random.Random(20261128)
    names = ["Kahneman", "St. John's", "O'Brien, Pat", "1984", "A-Z", "  ", "", "McGraw-Hill",
             "The history of the decline and fall of the Roman empire /", "x\ty\nz", "$%&"]
    names += ["".join(chooser.choice("aZ9 .,'-\t&(/") for _ in range(chooser.randint(0, 12)))
              for _ in range(3000)]
    for name in names:
        try:
            form, steps = cutter.filing_form(name)
        except ValueError as error:
            form, steps = None, str(error)
        try:
            kept, dropped = cutter._letters_and_numerals(name, name)
        except ValueError as error:
            expected = None, str(error)
        else:
            marks = ", ".join(sorted(dropped))
            expected = kept, ([f"Read the letters only, ignoring {marks}: {kept}."]
                              if dropped else [])
            if not kept:
                expected = None, f"{name!r} has no letters or numerals to cutter"
        assert (form, steps) == expected, name
