"""explain_dewey: a Dewey number's structure for the reference desk, with no OCLC captions."""

from __future__ import annotations

import pytest

from sandbox.classify.dewey import explain_dewey


def parts(anatomy):
    return {part.part: part for part in anatomy.parts}


def test_main_class_division_section_and_decimals():
    anatomy = explain_dewey("823.914")
    assert anatomy.ok
    found = parts(anatomy)
    assert found["main class"].value == "8"
    assert found["division"].value == "82"
    assert found["section"].value == "823"
    assert found["decimal extension"].value == ".914"
    assert anatomy.standard_subdivisions == ()


def test_a_zero_pattern_is_only_a_possible_standard_subdivision():
    anatomy = explain_dewey("510.9")
    (hint,) = anatomy.standard_subdivisions
    assert hint.notation == "09" and hint.start == 2 and hint.certainty == "possible"
    assert "only possibly" in hint.explanation
    assert parts(anatomy)["standard subdivision?"].value == "09"


def test_a_mark_before_the_zero_makes_it_likely():
    # LC's example of the segmentation practice before 2005: a mark before T1 -09 and at the end
    # of the abridged number.
    anatomy = explain_dewey("551.21/09797/84")
    (hint,) = anatomy.standard_subdivisions
    assert hint.notation == "09797" and hint.certainty == "likely"
    segmentation = parts(anatomy)["segmentation"]
    assert "Before 1 September 2005" in segmentation.explanation


def test_extra_zeros_are_explained():
    (hint,) = explain_dewey("975.5/4252/00222").standard_subdivisions
    assert hint.notation == "00222" and "2 zeros" in hint.explanation


def test_one_mark_ends_the_abridged_number():
    segmentation = parts(explain_dewey("940.3/2252"))["segmentation"]
    assert "940.3 is the abridged number" in segmentation.explanation
    prime = parts(explain_dewey("813′.54"))["segmentation"]
    assert "prime mark" in prime.explanation and "813 is the abridged number" in prime.explanation


def test_class_zero_sections_are_not_taken_for_standard_subdivisions():
    assert explain_dewey("005.133").standard_subdivisions == ()
    assert explain_dewey("501").standard_subdivisions[0].notation == "01"


@pytest.mark.parametrize("edition, indicator, says, ok", [
    ("23", "0", "latest full edition", True),
    ("15", "1", "latest abridged edition", True),
    ("22", None, "earlier edition", True),
    ("5/nor", "7", "language coded 'nor'", True),
    ("24", None, "edition 24", False),
])
def test_the_edition_in_082_subfield_2(edition, indicator, says, ok):
    anatomy = explain_dewey("500", edition, indicator)
    assert says in parts(anatomy)["edition"].explanation
    assert anatomy.ok is ok


def test_an_unreadable_number_gives_problems_not_an_exception():
    anatomy = explain_dewey("5003")
    assert anatomy.number is None and not anatomy.ok
    assert any("500.3" in problem for problem in anatomy.problems)


def test_no_captions():
    text = " ".join(p.explanation for p in explain_dewey("551.21/09797/84", "23", "0").parts)
    for caption in ("Natural sciences", "Earth sciences", "History", "Geography", "Literature"):
        assert caption not in text


def test_a_superscript_edition_is_not_an_edition_number():
    """'²' counts as a digit to str.isdigit but int() refuses it: explained, not a crash."""
    anatomy = explain_dewey("005.133", edition="²³", first_indicator="0")
    assert "not an edition number" in parts(anatomy)["edition"].explanation
