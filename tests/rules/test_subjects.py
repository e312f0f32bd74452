"""The subject-heading rules (SUB-*): each bad heading trips its rule at the right address, each
good one passes, and clean records — the base example and a realistic LCSH/FAST/LCGFT record —
raise no SUB finding at all."""

from __future__ import annotations

import pytest

import sandbox.rules.subjects  # noqa: F401 - registers the SUB rules
from sandbox.rules import Profile, rules_for, validate
from sandbox.rules.examples import example_record, marc_example
from sandbox.rules.model import REGISTRY

SUB_IDS = [f"SUB-{n:03d}" for n in range(1, 10)]
ALL_SUB = Profile("subjects", "every SUB rule", families=frozenset({"SUB"}))
NO_PUNCTUATION = "00000nam a2200000 c 4500"  # Leader/18 'c': ISBD punctuation omitted


def _only(rule_id: str) -> Profile:
    return Profile(rule_id, "one rule", rules=frozenset({rule_id}), families=frozenset({"-"}))


def fired(rule_id: str, *lines: str, leader: str | None = None):
    text = marc_example(*lines) if leader is None else marc_example(*lines, leader=leader)
    record = example_record("marc", text)
    return [f for f in validate(record, _only(rule_id)) if f.rule == rule_id]


def where(rule_id: str, *lines: str, leader: str | None = None) -> list[str]:
    return sorted(f.location for f in fired(rule_id, *lines, leader=leader))


# (rule, example lines, expected locations)
BAD = [
    ("SUB-001", ("=650  \\7$aCats.",), ["650/ind2"]),
    ("SUB-001", ("=650  \\0$aCats.", "=650  \\7$aDogs."), ["650[2]/ind2"]),
    ("SUB-001", ("=650  \\0$aCats.$2fast",), ["650$2"]),
    ("SUB-001", ("=655  \\4$aNovels.$2lcgft",), ["655$2"]),
    ("SUB-001", ("=600  17$aLincoln, Abraham,$d1809-1865",), ["600/ind2"]),
    ("SUB-001", ("=648  \\2$a1900-1999$2fast",), ["648$2"]),
    ("SUB-001", ("=650  \\7$6880-01$aCats$2fast", "=880  \\7$6650-01$aKatzen"), ["880/ind2"]),
    ("SUB-002", ("=650  \\7$aCats.$2FAST",), ["650$2"]),
    ("SUB-002", ("=650  \\7$aCats.$2fst",), ["650$2"]),
    ("SUB-002", ("=650  \\7$aCats.$2ddc",), ["650$2"]),
    ("SUB-002", ("=655  \\7$aNovels.$2lcgft", "=655  \\7$aLove stories.$2gsafd."),
     ["655[2]$2"]),
    ("SUB-002", ("=650  \\7$aKatter$2allars",), ["650$2"]),
    ("SUB-003", ("=650  \\7$2fast$0(OCoLC)fst00849478",), ["650"]),
    ("SUB-003", ("=650  \\0$xHistory.",), ["650"]),
    ("SUB-003", ("=651  \\0$aFrance.", "=651  \\7$0(OCoLC)fst01204289$2fast"), ["651[2]"]),
    ("SUB-004", ("=650  \\0$xBehavior$aCats.",), ["650$x"]),
    ("SUB-004", ("=651  \\0$zParis$aFrance.",), ["651$z"]),
    ("SUB-004", ("=650  \\0$aCats$x--$vJuvenile literature.",), ["650$x"]),
    ("SUB-004", ("=650  \\0$aCats$xBehavior$x.$vJuvenile literature.",), ["650$x[2]"]),
    ("SUB-005", ("=650  \\0$aCats$vPeriodicals$xHistory.",), ["650$x"]),
    ("SUB-005", ("=650  \\0$aCats$vDictionaries$xBehavior.",), ["650$x"]),
    ("SUB-005", ("=650  \\0$aDogs.", "=650  \\0$aCats$xHistory$vPeriodicals$xIndexes."),
     ["650[2]$x[2]"]),
    ("SUB-006", ("=650  \\0$aCats$xDictionaries.",), ["650$x"]),
    ("SUB-006", ("=650  \\0$aDetectives$xFiction.",), ["650$x"]),
    ("SUB-006", ("=650  \\0$aCats$xHandbooks, manuals, etc.",), ["650$x"]),
    ("SUB-006", ("=651  \\0$aEngland$xSocial life and customs$y19th century$xFiction.",),
     ["651$x[2]"]),
    ("SUB-007", ("=650  \\0$aCats--Behavior.",), ["650$a"]),
    ("SUB-007", ("=651  \\0$aFrance$xHistory--1789-1799.",), ["651$x"]),
    ("SUB-007", ("=650  \\0$aCats.", "=650  \\0$aDogs$xTraining--Juvenile literature."),
     ["650[2]$x"]),
    ("SUB-008", ("=650  \\0$aCats$xBehavior",), ["650$x"]),
    ("SUB-008", ("=600  10$aLincoln, Abraham,$d1809-1865$vPortraits",), ["600$v"]),
    ("SUB-008", ("=650  12$aNeoplasms$xtherapy",), ["650$x"]),
    ("SUB-008", ("=650  \\0$aCats$0http://id.loc.gov/authorities/subjects/sh85021262",),
     ["650$a"]),
    ("SUB-008", ("=600  10$aEliot, George,$d1819-1880.$tMiddlemarch",), ["600$t"]),
    ("SUB-009", ("=650  \\0$aCats.$xBehavior.",), ["650$a"]),
    ("SUB-009", ("=600  10$aLincoln, Abraham,$d1809-1865.$vPortraits.",), ["600$d"]),
    ("SUB-009", ("=610  20$aCatholic Church.$xHistory.",), ["610$a"]),
    ("SUB-009", ("=650  \\7$aCats.$xBehavior$2fast",), ["650$a"]),
]

GOOD = [
    ("SUB-001", ("=650  \\7$aCats.$2fast",)),
    ("SUB-001", ("=655  \\7$aDetective and mystery fiction.$2lcgft",)),
    ("SUB-001", ("=651  \\0$aFrance.",)),
    ("SUB-001", ("=647  \\7$aBoston Tea Party (Boston, Mass. : 1773)$2fast",)),
    ("SUB-001", ("=648  \\7$a1900-1999$2fast",)),
    ("SUB-001", ("=653  \\0$aCats",)),
    ("SUB-002", ("=650  \\7$aCats.$2fast",)),
    ("SUB-002", ("=655  \\7$aPicture books.$2lcgft",)),
    ("SUB-002", ("=655  \\7$aWoodcuts.$2aat",)),
    ("SUB-002", ("=655  \\7$aIncunabula.$2rbgenr",)),
    ("SUB-002", ("=650  \\7$akissat$2yso/fin",)),
    ("SUB-002", ("=650  \\7$aKatze$2gnd",)),
    ("SUB-003", ("=650  \\7$aCats$2fast$0(OCoLC)fst00849478",)),
    ("SUB-003", ("=655  07$bLaminated$2aat",)),
    ("SUB-004", ("=650  \\0$aCats$xBehavior$vJuvenile literature.",)),
    ("SUB-004", ("=650  \\0$6880-01$aCats$xBehavior.",)),
    ("SUB-005", ("=650  \\0$aCats$xHistory$vPeriodicals.",)),
    ("SUB-005", ("=650  \\0$aEnglish language$vDictionaries$xFrench.",)),
    ("SUB-005", ("=650  \\0$aBotany$vDictionaries$xPolyglot.",)),
    ("SUB-005", ("=650  \\0$aFairy tales$vJuvenile literature$xHistory and criticism.",)),
    ("SUB-006", ("=650  \\0$aCats$vDictionaries.",)),
    ("SUB-006", ("=650  \\0$aArchitecture$xPeriodicals$vIndexes.",)),
    ("SUB-006", ("=650  \\0$aCats$xBehavior.",)),
    ("SUB-007", ("=650  \\0$aCats$xBehavior.",)),
    ("SUB-007", ("=600  10$aLincoln, Abraham,$d1809-1865.",)),
    ("SUB-008", ()),
    ("SUB-008", ("=651  \\0$aWashington (D.C.)",)),
    ("SUB-008", ("=651  \\0$aUnited States$xEconomic policy$y1993-",)),
    ("SUB-008", ("=600  10$aCapote, Truman,$d1924-",)),
    ("SUB-008", ("=650  \\7$aCats$2fast",)),
    ("SUB-008", ("=650  \\0$aCats$xBehavior",), NO_PUNCTUATION),
    ("SUB-009", ("=650  \\0$aCats$xBehavior.",)),
    ("SUB-009", ("=630  00$aBible.$pN.T.$xCriticism, interpretation, etc.$vPeriodicals.",)),
    ("SUB-009", ("=600  10$aLewis, C. S.$xCriticism and interpretation.",)),
    ("SUB-009", ("=610  20$aUnited Methodist Church (U.S.)$zPennsylvania$xHistory.",)),
    ("SUB-009", ("=610  10$aUnited States.$bArmy$xHistory.",)),
    ("SUB-009", ("=600  00$aMadhva,$d13th cent.$vPoetry.",)),
]


@pytest.mark.parametrize(("rule_id", "lines", "expected"), BAD,
                         ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(BAD)])
def test_bad_heading_trips_the_rule_at_its_address(rule_id, lines, expected):
    assert where(rule_id, *lines) == expected


@pytest.mark.parametrize("case", GOOD, ids=[f"{c[0]}-{i}" for i, c in enumerate(GOOD)])
def test_good_heading_passes_the_rule(case):
    rule_id, lines, *leader = case
    assert fired(rule_id, *lines, leader=leader[0] if leader else None) == []


def test_every_sub_rule_is_covered_by_the_tables():
    assert {r for r, _, _ in BAD} == set(SUB_IDS)
    assert {c[0] for c in GOOD} == set(SUB_IDS)


# Messages speak a cataloger's language and say what to do.

def _message(rule_id: str, *lines: str) -> str:
    (finding,) = fired(rule_id, *lines)
    return finding.message


def test_missing_source_message():
    assert _message("SUB-001", "=650  \\7$aCats.").startswith(
        "650 second indicator is 7 (source in $2) but there is no $2")


def test_parallel_880_is_described_by_the_field_it_stands_for():
    message = _message("SUB-001", "=650  \\7$6880-01$aCats$2fast", "=880  \\7$6650-01$aKatzen")
    assert message.startswith("650 second indicator is 7")


def test_source_named_twice_message_names_the_thesaurus():
    message = _message("SUB-001", "=650  \\0$aCats.$2fast")
    assert "second indicator is 0 (Library of Congress Subject Headings)" in message
    assert "'fast'" in message
    assert "set the indicator to 7 if the heading comes from 'fast'" in message


def test_source_repeating_the_indicator_is_simply_deleted():
    message = _message("SUB-001", "=650  \\0$aCats.$2lcsh")
    assert message.endswith("$2 is used only with second indicator 7: delete $2")


@pytest.mark.parametrize(("code", "words"), [
    ("FAST", "should be written 'fast'"), ("gsafd.", "should be written 'gsafd'"),
    ("ddc", "classification source code"), ("fst", "not in LC's subject or genre/form"),
    ("allars", "deprecated")])
def test_source_code_message(code, words):
    assert words in _message("SUB-002", f"=650  \\7$aCats.$2{code}")


def test_missing_term_message_mentions_what_the_field_holds():
    message = _message("SUB-003", "=650  \\7$2fast$0(OCoLC)fst00849478")
    assert "no $a, only $2, $0" in message


def test_typed_dashes_message_suggests_the_subfields():
    assert "$aCats$xBehavior." in _message("SUB-007", "=650  \\0$aCats--Behavior.")
    assert "$xHistory$y1789-1799." in _message("SUB-007", "=651  \\0$aFrance$xHistory--1789-1799.")
    assert "$aCats$vJuvenile literature." in _message("SUB-007",
                                                      "=650  \\0$aCats--Juvenile literature.")


def test_final_punctuation_message_names_the_vocabulary():
    assert _message("SUB-008", "=650  12$aNeoplasms$xtherapy").startswith("MeSH heading 650")
    assert _message("SUB-008", "=650  \\0$aCats").startswith("LCSH heading 650")


def test_form_order_message_names_both_subdivisions():
    message = _message("SUB-005", "=650  \\0$aCats$vPeriodicals$xHistory.")
    assert "$x 'History.'" in message and "$v 'Periodicals'" in message


# Clean records raise nothing.

def _sub_findings(text: str):
    selected = {r.id for r in rules_for(ALL_SUB, "marc")}
    assert set(SUB_IDS) <= selected  # the rules really run, so "no findings" means something
    return [f for f in validate(example_record("marc", text), ALL_SUB) if f.rule.startswith("SUB")]


def test_sub_rules_are_registered_with_citations_and_examples():
    for rule_id in SUB_IDS:
        rule = REGISTRY[rule_id]
        assert rule.citation.startswith("https://www.loc.gov/"), rule_id
        assert rule.good and rule.bad and rule.why, rule_id


def test_the_base_example_record_raises_no_subject_finding():
    assert _sub_findings(marc_example()) == []


REALISTIC = marc_example(
    "=600  10$aShakespeare, William,$d1564-1616$xCriticism and interpretation.",
    "=600  10$aLincoln, Abraham,$d1809-1865$vPortraits.",
    "=600  10$aKing, Martin Luther,$cJr.,$d1929-1968$xAssassination.",
    "=600  17$aShakespeare, William,$d1564-1616$2fast$0(OCoLC)fst00050000",
    "=610  20$aUnited Methodist Church (U.S.)$zPennsylvania$xHistory.",
    "=610  10$aUnited States.$bCongress$xRules and practice.",
    "=630  00$aBible.$pN.T.$xCriticism, interpretation, etc.$vPeriodicals.",
    "=647  \\7$aBoston Tea Party (Boston, Mass. : 1773)$2fast$0(OCoLC)fst01352405",
    "=648  \\7$a1900-1999$2fast",
    "=650  \\0$aCats$xBehavior$vJuvenile literature.",
    "=650  \\0$aEnglish language$vDictionaries$xFrench.",
    "=650  \\0$aArchitecture$xPeriodicals$vIndexes.",
    "=650  \\0$aFRBR (Conceptual model)",
    "=650  \\7$aCats$2fast$0(OCoLC)fst00849478",
    "=650  12$aNeoplasms$xtherapy.",
    "=651  \\0$aWashington (D.C.)$xHistory$yCivil War, 1861-1865.",
    "=651  \\0$aUnited States$xEconomic policy$y1993-",
    "=651  \\0$aHamden (Conn.)$vBiography$vAnecdotes.",
    "=655  \\7$aDetective and mystery fiction.$2lcgft",
    "=655  \\7$aPicture books.$2lcgft",
    "=655  \\7$aWoodcuts.$2aat",
)


def test_a_realistic_record_with_lcsh_fast_and_lcgft_headings_raises_no_subject_finding():
    assert _sub_findings(REALISTIC) == []


def test_the_realistic_record_turns_bad_when_a_heading_is_typed_as_one_string():
    broken = REALISTIC.replace("$aCats$xBehavior$vJuvenile literature.",
                               "$aCats--Behavior--Juvenile literature.")
    assert [(f.rule, f.location) for f in _sub_findings(broken)] == [("SUB-007", "650[1]$a")]
