"""A rule that names the tags it reads (``Rule.tags``) is skipped for records without them; the
promise must hold: on a record with none of those tags the rule finds nothing."""

from __future__ import annotations

import csv

from sandbox.formats import read_file
from sandbox.rules import all_rules
from sandbox.rules.examples import example_record
from sandbox.rules.model import Context
from sandbox.rules.walk import remembered

TAGGED = [rule for rule in all_rules() if rule.tags]


def _without(record, tags):
    """The record with every field carrying one of ``tags`` taken out."""
    kept = [field for field in record.fields if field.tag not in tags]
    copy = example_record("marc", "=LDR  00000nam\\a2200000\\i\\4500")
    copy.leader = record.leader
    copy.fields = kept
    return copy


def test_most_record_specific_rules_declare_their_tags():
    assert len(TAGGED) >= 40


def test_a_rule_finds_nothing_on_a_record_without_its_tags(corpus):
    with open(corpus / "INVENTORY.tsv", encoding="utf-8") as handle:
        names = [row["local_file"] for row in csv.DictReader(handle, delimiter="\t")
                 if row["kind"] == "iso2709"]
    records = [item.record for name in names for item in read_file(corpus / name) if item.ok]
    assert len(records) > 500
    context = Context(options={"allow_local_fields": True})
    for rule in TAGGED:
        for record in records[::3]:
            stripped = _without(record, rule.tags)
            with remembered(stripped):
                assert list(rule.check(stripped, context)) == [], rule.id


def test_every_bad_example_has_one_of_its_rules_tags():
    for rule in TAGGED:
        for text in rule.bad:
            record = example_record(rule.kind, text)
            assert rule.tags & {field.tag for field in record.fields}, rule.id
