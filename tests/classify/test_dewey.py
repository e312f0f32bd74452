"""Dewey number structure (no captions: Dewey's are OCLC's) and the edition in 082 $2."""

from __future__ import annotations

import pytest

from sandbox.classify.dewey import (
    DeweyNumber,
    DeweyProblem,
    edition_source_problems,
    is_valid_edition_source,
    parse_dewey,
)


@pytest.mark.parametrize("text, number", [
    ("005.133", "005.133"),
    ("823.914", "823.914"),
    ("004", "004"),
    ("500", "500"),
    ("975.5/4252/00222", "975.5425200222"),  # LC's example in MARC 082
    ("388/.0919", "388.0919"),                # a mark before the point
    ("813′.54", "813.54"),                    # a prime mark, as printed
    ("813'.54", "813.54"),
])
def test_accepts(text, number):
    parsed = parse_dewey(text)
    assert isinstance(parsed, DeweyNumber), parsed
    assert parsed.number == number == str(parsed)


@pytest.mark.parametrize("text, says", [
    ("3", "at least three digits"),
    ("34", "at least three digits"),
    ("005.10", "does not end in 0"),
    ("823.9140", "write 823.914"),
    ("005.", "followed by digits"),
    ("0051.33", "after the third digit"),
    ("5003", "500.3"),
    ("005.1.3", "one decimal point"),
    ("005.13a", "not a digit"),
    ("005.1//33", "Two segmentation marks"),
    ("005.1/", "between digits"),
    ("", "empty"),
])
def test_rejects(text, says):
    problems = parse_dewey(text)
    assert isinstance(problems, list) and problems
    assert all(isinstance(p, DeweyProblem) for p in problems)
    assert any(says in p.message for p in problems), [p.message for p in problems]


def test_trailing_zero_is_reported_where_it_is():
    (problem,) = parse_dewey("005.10")
    assert problem.position == 5
    assert "at character 6" in str(problem)


def test_segments_are_reported():
    parsed = parse_dewey("005.1/33")
    assert parsed.number == "005.133"
    assert parsed.marks == ("/",)
    assert parsed.mark_positions == (4,)
    assert parsed.segments == ("005.1", "33")
    lc = parse_dewey("975.5/4252/00222")
    assert lc.mark_positions == (4, 8)
    assert lc.segments == ("975.5", "4252", "00222")


def test_prefix_and_suffix():
    canadian = parse_dewey("C848/.5407/05")  # LC's MARC 082 example with a prefix
    assert canadian.prefix == "C" and canadian.number == "848.540705"
    assert canadian.segments == ("848", ".5407", "05")
    local = parse_dewey("j 813.54")
    assert local.prefix == "j" and local.number == "813.54"
    with_book_number = parse_dewey("823.914 D548o")
    assert with_book_number.number == "823.914" and with_book_number.suffix == "D548o"


def test_explain_is_numbers_only():
    parts = parse_dewey("975.5/4252/00222").explain()
    assert [p.part for p in parts] == ["main class", "division", "section", "decimal extension",
                                       "segmentation"]
    assert parts[0].explanation == "The first digit: main class 9 (900-999)."
    assert "division 97 (970-979)" in parts[1].explanation
    assert "section 975" in parts[2].explanation
    assert parts[3].value == ".5425200222" and "10 digits" in parts[3].explanation
    assert parts[4].value == "975.5 | 4252 | 00222"
    text = " ".join(p.explanation for p in parts)
    assert "History" not in text and "Geography" not in text


def test_explain_short_number_and_prefix():
    parts = parse_dewey("C848/.5407/05").explain()
    assert parts[0].part == "prefix"
    assert [p.part for p in parse_dewey("004").explain()] == ["main class", "division", "section"]
    assert parse_dewey("005.133").main_class == "0"
    assert parse_dewey("005.133").division == "00"
    assert parse_dewey("005.133").section == "005"
    assert parse_dewey("005.133").decimal_digits == "133"


@pytest.mark.parametrize("value, indicator, ok", [
    ("23", None, True),
    ("23", "0", True),
    ("22", "0", True),
    ("15", "1", True),
    ("13", "1", True),
    ("22", "1", False),    # past the abridged editions
    ("24", None, False),   # no such edition
    ("0", None, False),
    ("5/nor", "7", True),  # LC's example for "other edition"
    ("5/nor", None, True),
    ("5/nor", "0", False),
    ("23", "7", False),
    ("dc23", None, False),
    ("", None, False),
    ("23 ", None, True),
])
def test_edition_in_082_subfield_2(value, indicator, ok):
    assert is_valid_edition_source(value, indicator) is ok
    assert bool(edition_source_problems(value, indicator)) is not ok
