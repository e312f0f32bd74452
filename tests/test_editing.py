"""Core edits: each changes the record as it says, reports its change, and its inverse undoes it."""

from __future__ import annotations

import copy

import pytest
from pymarc import Field, Indicators, Subfield

from sandbox.editing import (
    Change,
    EditError,
    InsertField,
    InsertSubfield,
    MoveField,
    MoveSubfield,
    RemoveField,
    RemoveSubfield,
    ReplaceField,
    ReplaceRecord,
    SetIndicator,
    SetPositions,
    SetSubfield,
    SetTag,
    SetValue,
    blank_field,
    insertion_index,
)
from sandbox.formats.mrk import format_record, read_text
from sandbox.records.dublin_core import DublinCoreRecord

RECORD = """=LDR  00000nam a2200000 i 4500
=001  cs-0001
=008  240101s2024\\\\\\\\nyu\\\\\\\\\\\\\\\\\\\\000\\0\\eng\\d
=020  \\\\$a9780374275631
=100  1\\$aKahneman, Daniel,$eauthor.
=245  10$aThinking, fast and slow /$cDaniel Kahneman.
=650  \\0$aReasoning.$xPsychology."""


@pytest.fixture
def record():
    items = read_text(RECORD)
    assert len(items) == 1 and not items[0].problems
    return items[0].record


def tags(record):
    return [f.tag for f in record.fields]


EDITS = [
    (SetPositions(None, 5, "c"), "change LDR/05", Change("leader"),
     lambda r: str(r.leader)[5] == "c"),
    (SetPositions(1, 35, "fre"), "change 008/35-37", Change("field", 1),
     lambda r: r.fields[1].data[35:38] == "fre"),
    (SetValue(0, "cs-0002"), "change 001", Change("field", 0), lambda r: r.fields[0].data == "cs-0002"),
    (SetTag(5, "651"), "change tag 650 to 651", Change("field", 5), lambda r: r.fields[5].tag == "651"),
    (SetIndicator(4, 2, "4"), "change 245 ind2", Change("field", 4),
     lambda r: r.fields[4].indicators == Indicators("1", "4")),
    (SetSubfield(4, 0, "a", "Thinking fast /"), "change 245 $a", Change("field", 4),
     lambda r: r.fields[4].subfields[0] == Subfield("a", "Thinking fast /")),
    (InsertSubfield(4, 1, "b", "a study"), "add $b to 245", Change("subfield-inserted", 4, sub=1),
     lambda r: [s.code for s in r.fields[4].subfields] == ["a", "b", "c"]),
    (RemoveSubfield(5, 1), "delete $x from 650", Change("subfield-removed", 5, sub=1),
     lambda r: [s.code for s in r.fields[5].subfields] == ["a"]),
    (MoveSubfield(4, 1, 0), "move $c in 245", Change("subfield-moved", 4, 0, 1),
     lambda r: [s.code for s in r.fields[4].subfields] == ["c", "a"]),
    (InsertField(5, blank_field("500")), "add 500", Change("inserted", 5), lambda r: r.fields[5].tag == "500"),
    (RemoveField(2), "delete 020", Change("removed", 2), lambda r: "020" not in tags(r)),
    (MoveField(0, 3), "move 001", Change("moved", 0, 3), lambda r: tags(r)[3] == "001"),
    (ReplaceField(2, Field(tag="020", indicators=Indicators(" ", " "), subfields=[Subfield("z", "123")])),
     "change 020", Change("field-replaced", 2), lambda r: r.fields[2].subfields[0].code == "z"),
]


@pytest.mark.parametrize("edit, label, change, holds", EDITS, ids=[e[1] for e in EDITS])
def test_each_edit_applies_reports_its_change_and_undoes(record, edit, label, change, holds):
    before = format_record(record)
    assert edit.label(record) == label
    assert edit.change(record) == change
    inverse, reported = edit.apply(record)
    assert reported == change
    assert holds(record)
    assert format_record(record) != before
    inverse.apply(record)
    assert format_record(record) == before


def test_an_edit_keeps_its_own_copy_of_a_field(record):
    new = blank_field("500")
    edit = InsertField(5, new)
    new.subfields[0] = Subfield("a", "changed after the edit was made")
    edit.apply(record)
    assert record.fields[5].subfields[0].value == ""


def test_retagging_between_control_and_data_fields_converts_and_undoes(record):
    before = format_record(record)
    inverse, change = SetTag(0, "500").apply(record)
    assert change.kind == "field-replaced"
    assert record.fields[0].subfields == [Subfield("a", "cs-0001")]
    inverse.apply(record)
    assert format_record(record) == before


def test_positions_past_the_end_pad_with_blanks_and_undo_restores_the_length(record):
    record.fields[0].data = "abc"
    inverse, _ = SetPositions(0, 5, "x").apply(record)
    assert record.fields[0].data == "abc  x"
    inverse.apply(record)
    assert record.fields[0].data == "abc"


@pytest.mark.parametrize("edit, words", [
    (RemoveField(40), "no field number 41"),
    (SetIndicator(0, 1, "1"), "001 is a control field"),
    (SetIndicator(4, 3, "1"), "indicators 1 and 2"),
    (SetIndicator(4, 1, "10"), "one character"),
    (SetPositions(4, 0, "x"), "245 is not a control field"),
    (SetValue(4, "x"), "245 is a data field"),
    (RemoveSubfield(4, 9), "245 has no subfield number 10"),
    (InsertField(99, blank_field("500")), "cannot insert"),
    (SetTag(4, "24"), "three characters"),
    (ReplaceRecord(DublinCoreRecord()), "cannot replace each other"),
    (SetValue(None, "00000nam"), "the leader is 24 characters"),
    (SetPositions(None, 23, "ab"), "past its end"),
])
def test_an_impossible_edit_is_refused_before_anything_changes(record, edit, words):
    before = copy.deepcopy(record)
    with pytest.raises(EditError, match=words):
        edit.change(record)
    with pytest.raises(EditError):
        edit.apply(record)
    assert format_record(record) == format_record(before)


def test_replacing_the_record_is_undone_whole(record):
    before = format_record(record)
    new = read_text("=LDR  00000cam a2200000 a 4500\n=245  00$aSomething else.")[0].record
    inverse, change = ReplaceRecord(new).apply(record)
    assert change == Change("record") and tags(record) == ["245"]
    inverse.apply(record)
    assert format_record(record) == before


def test_a_dublin_core_record_is_replaced_in_place():
    record = DublinCoreRecord()
    record.add("title", "Old")
    new = DublinCoreRecord()
    new.add("title", "New")
    new.add("creator", "Someone")
    inverse, _ = ReplaceRecord(new, "change title").apply(record)
    assert record.texts("title") == ["New"] and record.texts("creator") == ["Someone"]
    inverse.apply(record)
    assert record.texts("title") == ["Old"] and not record.texts("creator")


def test_new_fields_go_in_tag_order(record):
    assert insertion_index(record, "500") == 5
    assert insertion_index(record, "010") == 2
    assert insertion_index(record, "900") == len(record.fields)
    assert blank_field("007").is_control_field() and blank_field("500").subfields == [Subfield("a", "")]
