"""Each comparison a check can make, on small records."""

from __future__ import annotations

import io

import pytest

from sandbox.exercises import Check, Exercise, score
from sandbox.exercises.normalize import normalized_form
from sandbox.exercises.select import parse_selector, select
from sandbox.formats.mrk import MrkReader
from sandbox.records.address import AddressError
from sandbox.rules.authorities import AuthorityFile
from sandbox.rules.engine import PROFILES
from tests.packs.factory import AUTHORITIES, KEY


def records(text: str):
    return [item.record for item in MrkReader(io.BytesIO(text.encode()), "test")]


def record(text: str):
    return records(text)[0]


def change(old: str, new: str):
    assert old in KEY
    return record(KEY.replace(old, new))


def exercise(*checks: Check, kind: str = "describe", authorities=None) -> Exercise:
    return Exercise("test", kind, "Test", keys=[record(KEY)], checks=list(checks),
                    profile=PROFILES["full"], authorities=authorities)


def one(check: Check, answer, **kwargs):
    result = score(exercise(check, **kwargs), answer)
    return result.checks[0]


@pytest.mark.parametrize("text, same", [
    ("Thinking, fast and slow /", "thinking, fast and slow"),
    ("Walden ; or, Life in the woods /", "WALDEN  or, life in the woods"),
    ("Kahneman, Daniel,", "Kahneman, Daniel"),
    ("New York :", "New York"),
])
def test_normalized_ignores_case_spacing_and_isbd_punctuation(text, same):
    assert normalized_form(text) == normalized_form(same)


def test_normalized_keeps_what_is_not_punctuation():
    assert normalized_form("1.5 cm") != normalized_form("15 cm")
    assert normalized_form("C++") != normalized_form("C")
    assert normalized_form("Café") != normalized_form("Cafe")
    assert normalized_form("Café", ignore_diacritics=True) == normalized_form("Cafe")


def test_exact_versus_normalized():
    answer = change("$aThinking, fast and slow /", "$athinking, fast and slow")
    assert not one(Check("245$a", "exact"), answer).passed
    assert one(Check("245$a", "normalized"), answer).passed


def test_diacritics_count_unless_the_check_says_otherwise():
    answer = change("Kahneman, Daniel,", "Kahnéman, Daniel,")
    assert not one(Check("100$a", "normalized"), answer).passed
    assert one(Check("100$a", "normalized", ignore_diacritics=True), answer).passed


def test_whole_fields_earn_the_share_of_their_parts_and_name_the_difference():
    answer = change("=245  10$aThinking", "=245  14$aThinking")
    result = one(Check("245", "normalized", weight=4), answer)
    # 2 indicators + 2 subfields; one indicator wrong
    assert result.earned == pytest.approx(3.0)
    assert result.detail == "245[1]: second indicator: expected '0', given '4'"
    assert not one(Check("245", "normalized", weight=4, partial=False), answer).earned


def test_set_compares_in_any_order_and_costs_missing_and_extra_alike():
    swapped = change("=650  \\0$aThought and thinking.\n=650  \\0$aDecision making.",
                     "=650  \\0$aDecision making\n=650  \\0$aThought and thinking")
    assert one(Check("650", "set"), swapped).passed
    missing = change("=650  \\0$aDecision making.\n", "")
    result = one(Check("650", "set", weight=2), missing)
    assert result.earned == pytest.approx(1.0) and "missing" in result.detail
    extra = change("=650  \\0$aDecision making.\n",
                   "=650  \\0$aDecision making.\n=650  \\0$aIntuition.\n")
    result = one(Check("650", "set", weight=3), extra)
    assert result.earned == pytest.approx(2.0) and "not in the key" in result.detail
    assert not one(Check("650", "set", match="exact"), swapped).passed  # the final stops


def test_fuzzy_passes_above_the_threshold_only():
    close = change("$cDaniel Kahneman.", "$cDaniel Kahnemann")
    assert one(Check("245$c", "fuzzy", threshold=0.85), close).passed
    far = change("$cDaniel Kahneman.", "$cby D.K.")
    result = one(Check("245$c", "fuzzy", threshold=0.85), far)
    assert not result.passed and "85% is needed" in result.detail


@pytest.mark.parametrize("call_number, passes", [
    ("$aBF441$b.K238 2011", {"class", "number", "cutter", "full"}),
    ("$aBF 441$b.K238 2011", {"class", "number", "cutter", "full"}),
    ("$aBF441$b.K238 2012", {"class", "number", "cutter"}),
    ("$aBF441$b.K3 2011", {"class", "number"}),
    ("$aBF442$b.K238 2011", {"class"}),
    ("$aQA76$b.K238 2011", set()),
])
def test_lcc_compares_to_the_depth_asked(call_number, passes):
    answer = change("$aBF441$b.K238 2011", call_number)
    for depth in ("class", "number", "cutter", "full"):
        assert one(Check("050", "lcc", depth=depth), answer).passed == (depth in passes), depth


def test_lcc_says_when_a_call_number_cannot_be_read():
    result = one(Check("050", "lcc", depth="class"), change("$aBF441$b.K238 2011", "$a441BF"))
    assert not result.passed and "cannot be read as an LC call number" in result.detail


@pytest.mark.parametrize("number, depth, passes", [
    ("153.4/2", "full", True), ("153.42", "full", True), ("153.4", "full", False),
    ("153.4", 4, True), ("153.9", 4, False), ("153.9", 3, True), ("158", 3, False),
])
def test_ddc_compares_digits_to_the_depth_asked(number, depth, passes):
    answer = change("$a153.4/2$223", f"$a{number}$223")
    assert one(Check("082", "ddc", depth=depth), answer).passed == passes


def test_authority_accepts_authorized_headings_and_names_the_heading_to_use():
    authorities = AuthorityFile.from_records(records(AUTHORITIES))
    check = Check("6XX", "authority")
    assert one(check, record(KEY), authorities=authorities).passed
    with_subdivision = change("$aDecision making.", "$aDecision making$vCase studies.")
    assert one(check, with_subdivision, authorities=authorities).passed
    variant = change("$aDecision making.", "$aDeciding.")
    result = one(check, variant, authorities=authorities)
    assert result.earned == pytest.approx(0.5)
    assert "see reference" in result.detail and "'Decision making'" in result.detail
    unknown = change("$aDecision making.", "$aChoosing.")
    assert "not in the authority file" in one(check, unknown, authorities=authorities).detail


def test_rule_passes_when_the_answer_does_not_trigger_it():
    check = Check(None, "rule", rule="NUM-001")
    assert one(check, record(KEY)).passed
    result = one(check, change("9780374275631", "9780374275632"))
    assert not result.passed and "020$a" in result.detail
    only_245 = Check("245", "rule", rule="NUM-001")  # a selector narrows it to one place
    assert one(only_245, change("9780374275631", "9780374275632")).passed


def test_present_and_absent():
    without_300 = change("=300  \\\\$a499 pages :$billustrations ;$c24 cm\n", "")
    assert one(Check("300", "present"), record(KEY)).passed
    assert not one(Check("300", "present"), without_300).passed
    assert one(Check("260", "absent"), record(KEY)).passed
    with_260 = change("=264  \\1", "=260  \\\\")
    result = one(Check("260", "absent"), with_260)
    assert not result.passed and "should not be there" in result.detail


def test_expected_overrides_the_key():
    check = Check("250$a", "normalized", expected=("2nd edition",))
    assert not one(check, record(KEY)).passed
    assert one(check, change("$aFirst edition.", "$a2nd edition.")).passed
    as_field = Check("650", "set", expected=("=650  \\0$aThought and thinking.",
                                             "=650  \\0$aDecision making."))
    assert one(as_field, record(KEY)).passed


def test_selectors_with_tag_ranges():
    key = record(KEY)
    assert [s.address for s in select(key, "33X")] == ["336[1]", "337[1]", "338[1]"]
    assert [s.text for s in select(key, "6XX$a")] == ["Thought and thinking.", "Decision making."]
    assert select(key, "9XX") == []
    for bad in ("XXX", "6XX[2]", "00X$a"):
        with pytest.raises(AddressError):
            parse_selector(bad)


def test_dublin_core_selector_finds_nothing_in_marc():
    assert select(record(KEY), "title") == []


@pytest.mark.parametrize("address", [
    "LDR", "LDR/06", "LDR/17-18", "008", "008/35-37", "245", "650", "650[2]", "650$a",
    "650[2]$a", "245$a[1]", "245/ind2", "100/ind1", "020$q", "999", "264[2]$c", "700$e[2]"])
def test_selection_finds_what_the_addressing_scheme_resolves(address):
    from sandbox.formats import read_file
    from sandbox.records.address import resolve
    from tests.conftest import SAMPLES

    for item in read_file(SAMPLES / "starter-records.mrk"):
        wanted = [(str(t.address), t.value) for t in resolve(item.record, address)]
        found = [(s.address, " ".join(v for _, v in s.field.subfields) if s.field else s.text)
                 for s in select(item.record, address)]
        assert found == wanted
