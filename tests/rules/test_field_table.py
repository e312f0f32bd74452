"""The one pass over the fields (STR-004…009, TAG-001…006) finds exactly what the twelve
separate loops found, in the same order — on the whole corpus and on made-up edge cases."""

from __future__ import annotations

import csv

import pytest
from pymarc import Field, Indicators, Subfield

from sandbox.formats import read_file
from sandbox.rules import field_table
from sandbox.rules.examples import example_record, marc_example
from sandbox.rules.model import Context
from sandbox.rules.walk import remembered
from tests.rules.field_checks_reference import reference_hits

OPTIONS = [{"allow_local_fields": True}, {"allow_local_fields": False},
           {"allow_local_fields": True, "allow_oclc_fields": False}]


def _as_pairs(hits: dict) -> dict:
    return {rule: [(h.location, h.message) for h in found] for rule, found in hits.items()}


def _agree(record, options) -> None:
    context = Context(options=dict(options))
    expected = _as_pairs(reference_hits(record, context))
    for _ in range(2):  # the second time the field shapes are already known to be sound
        with remembered(record):
            assert _as_pairs(field_table.table_hits(record, context)) == expected


def _corpus_records(corpus):
    with open(corpus / "INVENTORY.tsv", encoding="utf-8") as handle:
        names = [row["local_file"] for row in csv.DictReader(handle, delimiter="\t")
                 if row["kind"] in ("iso2709", "marcxml")]
    for name in names:
        for item in read_file(corpus / name):
            if item.ok:
                yield item.record


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()))
def test_the_one_pass_agrees_with_the_separate_checks_on_the_corpus(corpus, options):
    count = 0
    for record in _corpus_records(corpus):
        _agree(record, options)
        count += 1
    assert count > 1000


def _record(*lines: str):
    return example_record("marc", marc_example(*lines))


EDGE_CASES = {
    "replacement character in a control field": _record("=001  cs\ufffd1"),
    "control character in a subfield": _record("=500  \\\\$aA note\x1b here."),
    "blank subfield": _record("=500  \\\\$a   "),
    "non-repeatable field twice, sound shape": _record("=245  10$aOne.", "=245  10$aTwo."),
    "obsolete field twice": _record("=440  \\0$aSeries.", "=440  \\0$aSeries two."),
    "undefined field twice": _record("=269  \\\\$aOne.", "=269  \\\\$aTwo."),
    "local and OCLC fields": _record("=949  \\\\$aLocal.", "=049  \\\\$aCSBX"),
    "obsolete subfield": _record("=022  0\\$a0028-0836$l0028-0836"),
    "repeated non-repeatable subfield": _record("=245  10$aOne$aTwo."),
    "undefined indicator value": _record("=650  \\9$aCats."),
}


@pytest.mark.parametrize("case", EDGE_CASES, ids=str)
def test_the_one_pass_agrees_on_edge_cases(case):
    for options in OPTIONS:
        _agree(EDGE_CASES[case], options)


def _built(fields):
    record = _record()
    record.fields = fields
    return record


def test_fields_no_reader_makes_are_checked_alike():
    """Fields a program could build by hand: a data field without subfields, a bad tag,
    a multi-character subfield code, a control field written with a data field's tag."""
    odd = Field.__new__(Field)
    odd.tag, odd.control_field, odd.data, odd.subfields = "500", True, "x", []
    odd._indicators = None
    fields = [
        Field(tag="001", data="cs1"),
        Field(tag="500", indicators=Indicators(" ", " "), subfields=[]),
        Field(tag="5x0", indicators=Indicators(" ", " "), subfields=[Subfield("a", "x")]),
        Field(tag="500", indicators=Indicators(" ", "%"), subfields=[Subfield("ab", "x")]),
        odd,
    ]
    for options in OPTIONS:
        _agree(_built(fields), options)


def test_a_sound_shape_does_not_hide_problems_in_values():
    clean = _record("=500  \\\\$aA note.")
    dirty = _record("=500  \\\\$aA note\x07.")
    context = Context(options={"allow_local_fields": True})
    for record in (clean, dirty):
        with remembered(record):
            hits = field_table.table_hits(record, context)
    assert [h.location for h in hits["STR-009"]] == ["500$a"]


def test_the_whole_record_value_check_agrees_with_checking_each_value():
    """``_values_are_plain`` (one test for a record's values, with an ASCII shortcut) says yes
    exactly when no value is blank and none holds a suspect character."""
    import random

    from sandbox.rules.field_table import _SUSPECT, _values_are_plain

    def each_value(values):
        return all(value.strip() and not _SUSPECT.search(value) for value in values)

    rng = random.Random(7)
    odd = [chr(code) for code in range(0x80)] + ["\u00a0", "\u3000", "\ufffd", "\u200e", "é",
                                                 "\x85", "\x9f", "\u2028"]
    verdicts = set()
    for _ in range(20_000):
        values = ["".join(rng.choice(odd) if rng.random() < 0.05 else rng.choice("ab .")
                          for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 4))]
        verdict = _values_are_plain(values)
        assert verdict == each_value(values), values
        verdicts.add(verdict)
    assert verdicts == {True, False}
