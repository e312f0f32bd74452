"""PUN-008: the comma before $d (dates) and $e (relator term) in personal names, only where the
record says its headings follow AACR 2 or RDA; REQ-020: 040 $b."""

from __future__ import annotations

import pytest

from sandbox.rules import Profile, validate
from sandbox.rules.examples import example_record, marc_example

ONLY = {rule_id: Profile(rule_id, "one rule", rules=frozenset({rule_id}),
                         families=frozenset({"-"}), options={"allow_local_fields": True})
        for rule_id in ("PUN-008", "REQ-020")}


def _found(rule_id, *lines, leader="00000nam a2200000 i 4500"):
    record = example_record("marc", marc_example(*lines, leader=leader))
    return [(f.location, f.message) for f in validate(record, ONLY[rule_id])]


@pytest.mark.parametrize("line", [
    "=100  1\\$aWriter, Ann,$d1950-$eauthor.",          # open date, then the relator term
    "=600  10$aFord, Gerald R.,$d1913- $xAssassination attempt.",
    "=700  1\\$aGresham, G. A.$q(Geoffrey Austin),$d1924-",  # $q closes with '),'
    "=700  0\\$aJohn$bXXIII,$cPope,$d1881-1963.",
    "=700  1\\$6880-01$aWriter, Ann,$d1950-",
    "=800  1\\$aWriter, Ann,$d1950-$tCollected works.",
])
def test_correctly_punctuated_names_pass(line):
    assert _found("PUN-008", line) == []


def test_the_message_names_the_subfield_and_what_follows():
    assert _found("PUN-008", "=100  1\\$aSmith, John$d1950-") == [
        ("100$a", "100 $a 'Smith, John' should end with a comma before $d (dates)")]
    assert _found("PUN-008", "=700  1\\$aWriter, Ann,$d1950-2020$eeditor.") == [
        ("700$d", "700 $d '1950-2020' should end with a comma before $e (relator term)")]


def test_repeated_relator_terms_are_separated_by_commas():
    found = _found("PUN-008", "=700  1\\$aWriter, Ann,$eeditor$etranslator.")
    assert [location for location, _ in found] == ["700$e[1]"]


def test_parallel_script_fields_accept_their_own_comma():
    lines = ("=100  1\\$6880-01$aWriter, Ann,$d1950-",)
    assert _found("PUN-008", *lines, "=880  1\\$6100-01$a作家，$d1950-") == []
    assert _found("PUN-008", *lines, "=880  1\\$6100-01$aكاتب،$d1950-") == []
    assert [m for _, m in _found("PUN-008", *lines, "=880  1\\$6100-01$aАнна$d1950-")] == [
        "100 $a 'Анна' should end with a comma before $d (dates)"]


@pytest.mark.parametrize(("leader", "conventions"), [
    ("00000nam a2200000   4500", "$erda"),   # Leader/18 blank: not ISBD
    ("00000nam a2200000 c 4500", "$erda"),   # punctuation omitted
    ("00000nam a2200000 u 4500", "$erda"),
    ("00000nam a2200000 i 4500", ""),         # ISBD, but the rules behind the headings unsaid
    ("00000nam a2200000 i 4500", "$ePNN"),    # Polish rules: dates in parentheses, no comma
    ("00000nam a2200000 a 4500", "$encafnor"),
])
def test_records_under_other_conventions_are_not_told_to_add_commas(leader, conventions):
    source = f"=040  \\\\$aXx{conventions}$cXx"
    assert _found("PUN-008", source, "=100  1\\$aAusten, Jane$d(1775-1817)", leader=leader) == []


def test_aacr2_records_without_040_e_are_checked():
    found = _found("PUN-008", "=040  \\\\$aDLC$cDLC", "=700  1\\$aFirth, Colin.$d1960-",
                   leader="00000ngm a2200000 a 4500")
    assert [location for location, _ in found] == ["700$a"]


def test_040_without_b_is_advice_and_an_empty_b_is_left_to_str_006():
    assert [loc for loc, _ in _found("REQ-020", "=040  \\\\$aDLC$cDLC")] == ["040$b"]
    assert _found("REQ-020", "=040  \\\\$aDLC$b$cDLC") == []
    record = example_record("marc", marc_example("=040  \\\\$aDLC$cDLC"))
    assert {f.severity for f in validate(record, "full") if f.rule == "REQ-020"} == {"info"}
