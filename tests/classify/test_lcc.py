"""LC call numbers: the outline, reading call numbers, and shelf order."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from sandbox.classify.lcc import (
    LCCallNumber,
    ParseProblem,
    in_range,
    main_class,
    parse_call_number,
    shelf_order,
    sort_key,
    subclass,
    subclasses,
)

# ------------------------------------------------------------------------------------------------
# The outline


def test_outline_covers_every_class_and_its_subclasses():
    rows = subclasses()
    outline_subclasses = [row for row in rows if row.listed_under is None and "letter of the span" not in row.note]
    assert len(outline_subclasses) >= 220
    assert {row.class_letter for row in rows} == set("ABCDEFGHJKLMNPQRSTUVZ")
    for letters in ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "Q", "R", "S",
                    "T", "U", "V", "Z"]:
        assert main_class(letters) is not None
    for letters in ["AC", "AE", "AZ", "B", "BC", "BX", "CT", "DAW", "DJK", "DX", "GV", "HX", "JZ", "KBM",
                    "KDZ", "KF", "KZ", "LT", "ML", "MT", "NX", "PZ", "QR", "RZ", "SK", "TX", "UH", "VM",
                    "Z", "ZA"]:
        assert subclass(letters) is not None, letters


@pytest.mark.parametrize("letters, caption, first_range", [
    ("QA", "Mathematics", (Decimal(1), Decimal(939))),
    ("KF", "Law of the United States", (Decimal(1), Decimal(9827))),
    ("PZ", "Fiction and juvenile belles lettres", (Decimal(1), Decimal(90))),
    ("Z", "Books. Writing. Paleography. Book industries and trade. Libraries. Bibliography",
     (Decimal(4), Decimal("115.5"))),
    ("BF", "Psychology. Parapsychology. Occult sciences", (Decimal(1), Decimal(990))),
])
def test_subclasses_have_captions_and_ranges(letters, caption, first_range):
    found = subclass(letters)
    assert found.caption == caption
    assert found.ranges[0] == first_range


def test_several_spans_are_kept():
    assert [str(high) for _, high in subclass("BF").ranges] == ["990", "1389", "2055"]
    assert len(subclass("PT").ranges) == 11


def test_lookup_is_case_insensitive_and_knows_main_classes():
    assert subclass("qa") == subclass("QA")
    assert main_class("Q").caption == "Science"
    assert subclass("QA").class_caption == "Science"
    assert main_class("I") is None and main_class("O") is None


def test_letters_not_in_the_outline():
    assert subclass("QZ") is None
    assert subclass("QAA") is None
    assert subclass("IA") is None


def test_jurisdiction_letters_inside_a_subclass():
    kfn = subclass("KFN")
    assert kfn.listed_under == "KF"
    assert "New York" in kfn.caption
    assert kfn.contains(Decimal(5995))
    assert subclass("KDC").listed_under == "KD"


def test_parentheses_and_missing_numbers_are_noted():
    assert "90" in subclass("AE").note
    assert subclass("AN").ranges == ()


@pytest.mark.parametrize("call, expected", [
    ("QA76.73.P98 L88 2013", True),
    ("QA 76.73", True),
    ("QA1", True),
    ("QA939", True),
    ("QA939.5", True),
    ("QA1000", False),
    ("QA940", False),
    ("BF1000", False),  # between BF1-990 and BF1001-1389
    ("BF1001", True),
    ("KF4558 15th .A2", True),
    ("KFN5995 .A3", True),
    ("QZ12", None),
    ("AN1", None),
])
def test_in_range(call, expected):
    assert in_range(call) is expected


def test_in_range_takes_a_parsed_call_number():
    assert in_range(parse_call_number("PZ7.J684 Wj 1982")) is True


# ------------------------------------------------------------------------------------------------
# Reading call numbers


def test_parse_the_parts():
    call = parse_call_number("QA76.73.P98 L88 2013 v.2")
    assert isinstance(call, LCCallNumber)
    assert call.class_letters == "QA"
    assert call.class_number == "76.73"
    assert call.whole_number == 76 and call.decimal == "73"
    assert call.cutters == ("P98", "L88")
    assert call.date == "2013"
    assert call.volume == "2"
    assert str(call) == "QA76.73.P98 L88 2013 v.2"


@pytest.mark.parametrize("text, written", [
    ("QA 76.73 .P98 L88 2013", "QA76.73.P98 L88 2013"),
    ("QA76.73.P98 $b L88 2013", "QA76.73.P98 L88 2013"),
    ("qa76.9.d3 c.2", "QA76.9.D3 c.2"),
    ("QA76.73.P98L88 2013", "QA76.73.P98 L88 2013"),
    ("HD9710.U52 F67 1991 copy 2", "HD9710.U52 F67 1991 c.2"),
    ("E185.96 .W4 1990 v. 3", "E185.96.W4 1990 v.3"),
    ("KF4558 15th .A2", "KF4558 15th .A2"),
    ("G4364.C6 2000 .R3", "G4364.C6 2000 .R3"),
    ("PZ7.J684 Wj 1982", "PZ7.J684 Wj 1982"),
    ("Z695.Z8 L5 2004 suppl.", "Z695.Z8 L5 2004 suppl."),
    ("PS3545.I345 A6 1962b", "PS3545.I345 A6 1962b"),
    ("QA1 .A1 pt.2 no.3", "QA1.A1 pt.2 no.3"),
])
def test_written_forms(text, written):
    call = parse_call_number(text)
    assert isinstance(call, LCCallNumber), call
    assert str(call) == written


def test_date_after_the_class_number():
    call = parse_call_number("KF4558 15th .A2")
    assert call.class_date == "15th" and call.cutters == ("A2",)
    maps = parse_call_number("G4364.C6 2000 .R3")
    assert maps.cutters == ("C6", "R3") and maps.date == "2000"
    assert [kind for kind, _ in maps.elements] == ["cutter", "date", "cutter"]


@pytest.mark.parametrize("text, says, position", [
    ("", "empty", 0),
    ("005.133", "Dewey", 0),
    ("QA", "class number", 2),
    ("QABC12", "one to three letters", 0),
    ("IA12", "not an LC main class", 0),
    ("QA76.A4.5", "no decimal point inside", 4),
    ("QA76 .A4 v.2 v.3", "Two volume", 13),
    ("QA76 .A4 B5 C6 D7", "More than three Cutters", 15),
    ("QA76 .A4 ?", "Cannot read '?'", 9),
])
def test_problems(text, says, position):
    problem = parse_call_number(text)
    assert isinstance(problem, ParseProblem)
    assert says in problem.message
    assert problem.position == position
    assert "at character" in str(problem)


def test_explain_names_each_part_for_a_learner():
    parts = parse_call_number("QA76.73.P98 L88 2013 v.2").explain()
    assert [p.part for p in parts] == ["class letters", "class number", "first Cutter", "second Cutter",
                                       "date", "volume"]
    assert "Mathematics" in parts[0].explanation and "Science" in parts[0].explanation
    assert "decimal" in parts[1].explanation and "QA1-939" in parts[1].explanation
    assert parts[2].value == ".P98" and "0.98" in parts[2].explanation
    assert parts[5].value == "v.2"


def test_explain_out_of_range_and_unknown_letters():
    assert "outside" in parse_call_number("QA1000").explain()[1].explanation
    assert "not a subclass" in parse_call_number("QZ12").explain()[0].explanation
    assert "listed under KF" in parse_call_number("KFN5995 .A3").explain()[0].explanation


# ------------------------------------------------------------------------------------------------
# Shelf order

# In LC shelf order. Class letters alphabetically (Q before QA); class numbers as numbers, whole
# part then decimal (QA76.73 before QA76.9, BF698.9 before BF699); Cutters as decimals (.A45 before
# .A5); dates in order; volume numbers as numbers; nothing before something.
SHELF = [
    "AC1 .G7",
    "AE5 .E363 2010",
    "AP2 .N6",
    "B72 .R8 1945",
    "BF21 .A5",
    "BF698 .A1",
    "BF698.2 .C3",
    "BF698.35 .B5",
    "BF698.4 .M3",
    "BF698.9 .C6",
    "BF699 .A1",
    "E185.96 .W4 1990 v.3",
    "G4364 .C6 2000 .R3",
    "G4364 .C6 2000 .S5",
    "G4364 .C6 2005 .A2",
    "HF5549 .A45",
    "HF5549 .A5",
    "HF5549 .A52",
    "HF5549.12 .D5",
    "HF5549.5 .T7 1995",
    "HF5549.5 .T7 1995 c.2",
    "HF5549.5 .T7 1999",
    "KF26 .L354 1987",
    "KF4558 15th .A2",
    "KFN5995 .A3",
    "PS3545 .I345 A6 1940",
    "PS3545 .I345 A6 1962",
    "PS3545 .I345 A6 1962b",
    "PS3545 .I345 Z46",
    "PS3563 .O8749 B4 1997",
    "PZ7 .J684 Wj 1982",
    "Q1 .N2",
    "Q175 .K86 1996",
    "QA1 .A647",
    "QA9 .R8",
    "QA9.58 .W45",
    "QA76 .A1",
    "QA76 .A1 1990",
    "QA76 .A12",
    "QA76.5 .G3",
    "QA76.58 .B6",
    "QA76.73 .C15 K47 1988",
    "QA76.73 .J38 2005",
    "QA76.73 .J38 S65 2010",
    "QA76.73 .P98 L88 2013",
    "QA76.73 .P98 L88 2013 v.2",
    "QA76.73 .P98 L88 2013 v.10",
    "QA76.73 .P98 L88 2019",
    "QA76.73 .P98 L9 2010",
    "QA76.76 .C672 S6",
    "QA76.9 .D3 D3 2004",
    "QA76.9 .D3 D33",
    "QA76.95 .A2",
    "QA77 .B4",
    "QA303 .S7",
    "QA303.2 .C3",
    "QA939 .M3",
    "QB43.2 .S24 1995",
    "QC21.2 .H35",
    "QD1 .A1",
    "Z5814 .P8",
    "ZA4150 .B4",
]


def test_the_list_is_long_and_unique():
    assert len(SHELF) >= 50
    assert len(set(SHELF)) == len(SHELF)


def test_shelf_order():
    shuffled = SHELF[:]
    random.Random(20240229).shuffle(shuffled)
    assert shelf_order(shuffled) == SHELF
    backwards = list(reversed(SHELF))
    assert sorted(backwards, key=sort_key) == SHELF


@pytest.mark.parametrize("earlier, later", [
    ("QA76.73", "QA76.9"),          # decimals compare as decimals, not as whole numbers
    ("QA76.9", "QA77"),
    ("QA76", "QA76.5"),             # nothing before something
    ("QA76.5 .A45", "QA76.5 .A5"),  # Cutters as decimals
    ("QA76.5 .A5", "QA76.5 .A52"),
    ("QA76.5 .A5", "QA76.5 .A5 B6"),
    ("QA76.5 .A5 1999", "QA76.5 .A5 2001"),
    ("QA76.5 .A5 v.9", "QA76.5 .A5 v.10"),
    ("Q350", "QA1"),
    ("QA939", "QB1"),
    ("KF9827", "KFA1"),
])
def test_pairs(earlier, later):
    assert sort_key(earlier) < sort_key(later)


def test_sort_key_rejects_what_is_not_a_call_number():
    with pytest.raises(ValueError, match="class letters"):
        sort_key("005.133")
