from __future__ import annotations

import pytest
from pymarc import Field, Indicators, Leader, Record, Subfield

from sandbox.records import (
    Address,
    AddressError,
    DublinCoreRecord,
    parse_address,
    resolve,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("LDR", Address("LDR")),
        ("LDR/06", Address("LDR", start=6)),
        ("ldr/6", Address("LDR", start=6)),
        ("008/35-37", Address("008", start=35, end=37)),
        ("245", Address("245")),
        ("245$a", Address("245", subfield="a")),
        ("650[2]$x", Address("650", occurrence=2, subfield="x")),
        ("650[2]$x[3]", Address("650", occurrence=2, subfield="x", subfield_occurrence=3)),
        ("245/ind2", Address("245", indicator=2)),
        ("100[1]/ind1", Address("100", occurrence=1, indicator=1)),
        ("title", Address("title")),
        ("creator[2]", Address("creator", occurrence=2)),
        ("dcterms:alternative", Address("alternative")),
    ],
)
def test_parse(text, expected):
    assert parse_address(text) == expected


@pytest.mark.parametrize(
    "text", ["LDR/06", "008/35-37", "245", "245$a", "650[2]$x", "650[2]$x[3]", "245/ind2",
             "title", "creator[2]", "006/00", "LDR/12-16"],
)
def test_format_is_the_inverse_of_parse(text):
    assert str(parse_address(text)) == text


@pytest.mark.parametrize(
    "text, words",
    [
        ("24$a", "not a record address"),
        ("245/06", "character positions belong to the leader"),
        ("008$a", "no indicators or subfields"),
        ("LDR/ind1", "no indicators or subfields"),
        ("008/37-35", "ends before it starts"),
        ("245[0]", "count from 1"),
        ("LDR[2]", "one leader"),
        ("titles", "not a Dublin Core element"),
        ("245/ind3", "not a record address"),
        ("LDR/24", "positions 00-23"),
        ("008/35-40", "positions 00-39"),
    ],
)
def test_parse_errors_say_what_is_wrong(text, words):
    with pytest.raises(AddressError, match=words):
        parse_address(text)


@pytest.fixture
def record():
    rec = Record()
    rec.leader = Leader("00000nam a2200000 i 4500")
    rec.fields = [
        Field(tag="008", data="110809s2011    nyu           001 0 eng d"),
        Field(tag="245", indicators=Indicators("1", "0"),
              subfields=[Subfield("a", "Thinking, fast and slow /"), Subfield("c", "Daniel Kahneman.")]),
        Field(tag="650", indicators=Indicators(" ", "0"),
              subfields=[Subfield("a", "Thought and thinking.")]),
        Field(tag="650", indicators=Indicators(" ", "0"),
              subfields=[Subfield("a", "Decision making"), Subfield("x", "Psychology"),
                         Subfield("x", "History.")]),
    ]
    return rec


def test_resolve_positions_indicators_and_subfields(record):
    assert [t.value for t in resolve(record, "LDR/06")] == ["a"]
    assert [t.value for t in resolve(record, "LDR/05-07")] == ["nam"]
    assert [t.value for t in resolve(record, "008/35-37")] == ["eng"]
    assert [t.value for t in resolve(record, "245/ind2")] == ["0"]
    assert [t.value for t in resolve(record, "245$c")] == ["Daniel Kahneman."]
    assert [t.value for t in resolve(record, "650$a")] == ["Thought and thinking.", "Decision making"]
    assert [t.value for t in resolve(record, "650[2]$x[2]")] == ["History."]
    assert resolve(record, "600$a") == []


def test_resolved_targets_carry_full_addresses_and_indexes(record):
    targets = resolve(record, "650$x")
    assert [str(t.address) for t in targets] == ["650[2]$x[1]", "650[2]$x[2]"]
    assert [(t.field_index, t.subfield_index) for t in targets] == [(3, 1), (3, 2)]
    assert resolve(record, "245")[0].value == "Thinking, fast and slow / Daniel Kahneman."


def test_resolve_dublin_core():
    dc = DublinCoreRecord()
    dc.add("title", "Migrant mother")
    dc.add("title", "Destitute pea pickers", refinement="alternative")
    dc.add("creator", "Lange, Dorothea")
    dc.add("creator", "Farm Security Administration")
    assert [t.value for t in resolve(dc, "creator[2]")] == ["Farm Security Administration"]
    assert [t.value for t in resolve(dc, "title")] == ["Migrant mother"]
    assert [str(t.address) for t in resolve(dc, "dcterms:alternative")] == ["alternative[1]"]


def test_resolving_across_kinds_is_refused(record):
    with pytest.raises(AddressError):
        resolve(record, "title")
    with pytest.raises(AddressError):
        resolve(DublinCoreRecord(), "245$a")
