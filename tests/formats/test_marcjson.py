"""MARC-in-JSON: array, single object and JSON Lines files, damage, and the writer."""

from __future__ import annotations

import io
import json

import pymarc
import pytest
from pymarc import Field, Indicators, Leader, Record, Subfield

from sandbox.formats import marcjson
from sandbox.formats.marcjson import MarcJsonReader, MarcJsonWriter, record_to_dict
from sandbox.formats.problems import ERROR, WARNING, ReadItem
from tests.helpers import shapes, written

PATH = "records.json"
LEADER = "00000nam a2200000 i 4500"


def read(data: str | bytes) -> list[ReadItem]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(MarcJsonReader(io.BytesIO(raw), PATH))


def record_json(n: int, title: str = "Title") -> dict:
    return {
        "leader": LEADER,
        "fields": [
            {"001": f"id{n}"},
            {"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": f"{title} {n}"}, {"c": "me"}]}},
        ],
    }




def expected_shapes(n: int, title: str = "Title") -> list[tuple]:
    return [("001", f"id{n}"), ("245", ("1", "0"), (("a", f"{title} {n}"), ("c", "me")))]


# --- layouts -------------------------------------------------------------------------------------


def test_single_object() -> None:
    (item,) = read(json.dumps(record_json(1), indent=2))
    assert item.problems == []
    assert (item.number, item.line) == (1, 1)
    assert str(item.record.leader) == LEADER
    assert shapes(item.record) == expected_shapes(1)


def test_array_with_one_record_per_line() -> None:
    text = "[\n" + ",\n".join(json.dumps(record_json(n)) for n in range(3)) + "\n]\n"
    items = read(text)
    assert [i.number for i in items] == [1, 2, 3]
    assert [i.line for i in items] == [2, 3, 4]
    assert [shapes(i.record) for i in items] == [expected_shapes(n) for n in range(3)]
    assert all(i.problems == [] for i in items)


def test_pretty_printed_array_line_numbers() -> None:
    text = json.dumps([record_json(0), record_json(1)], indent=1)
    items = read(text)
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line == " {"]
    assert starts[0] == 2 and len(starts) == 2
    assert [i.line for i in items] == starts
    assert [i.record["001"].data for i in items] == ["id0", "id1"]


def test_json_lines() -> None:
    text = "".join(json.dumps(record_json(n)) + "\n" for n in range(3))
    items = read(text)
    assert [i.line for i in items] == [1, 2, 3]
    assert [i.record["001"].data for i in items] == ["id0", "id1", "id2"]


def test_json_lines_with_crlf_blank_lines_and_bom() -> None:
    text = "\ufeff" + json.dumps(record_json(0)) + "\r\n\r\n" + json.dumps(record_json(1)) + "\r\n"
    items = read(text)
    assert [i.record["001"].data for i in items] == ["id0", "id1"]
    assert [i.line for i in items] == [1, 3]


@pytest.mark.parametrize("text", ["[]", " [ ] \n", "", "\n\n", "\ufeff[]"])
def test_empty_files_and_empty_arrays_yield_nothing(text: str) -> None:
    assert read(text) == []


def test_large_array_across_chunk_boundaries() -> None:
    count = 1500
    records = [record_json(n, title="Long title " + "x" * 100) for n in range(count)]
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n"
    data = text.encode("utf-8")
    assert len(data) > 200_000
    assert len(data) > 3 * marcjson._CHUNK
    items = read(data)
    assert len(items) == count
    assert [i.line for i in items] == list(range(2, count + 2))
    assert all(i.problems == [] for i in items)
    assert [i.record["001"].data for i in items] == [f"id{n}" for n in range(count)]
    assert shapes(items[-1].record) == expected_shapes(count - 1, "Long title " + "x" * 100)


def test_multibyte_characters_split_across_chunk_boundaries() -> None:
    # Every value is made of 3-byte characters, so some fall across the 64 KiB chunk edges.
    records = [record_json(n, title="東京" * 50) for n in range(600)]
    data = json.dumps(records, ensure_ascii=False).encode("utf-8")
    assert len(data) > 3 * marcjson._CHUNK
    items = read(data)
    assert len(items) == 600
    assert all(i.record["245"]["a"] == "東京" * 50 + f" {n}" for n, i in enumerate(items))
    assert "\ufffd" not in "".join(i.record["245"]["a"] for i in items)


# --- damage --------------------------------------------------------------------------------------


def test_a_malformed_record_mid_file_is_reported_and_reading_goes_on() -> None:
    text = "[\n" + json.dumps(record_json(0)) + ",\n" + json.dumps(record_json(1)) + ",\n"
    text += '{"leader": oops, "fields": []},\n' + json.dumps(record_json(3)) + "\n]"
    items = read(text)
    assert len(items) == 4
    assert [i.ok for i in items] == [True, True, False, True]
    error = items[2]
    assert error.number == 3
    assert error.line == 4
    (problem,) = error.problems
    assert problem.severity == ERROR
    assert problem.line == 4
    assert problem.path == PATH
    assert problem.record_number == 3
    assert "not well-formed JSON: Expecting value" in problem.message
    assert "the records after it are read on" in problem.message


def test_malformed_json_inside_a_pretty_printed_record_reports_its_own_line() -> None:
    text = "[\n" + json.dumps(record_json(0)) + ",\n{\n  \"leader\": \"" + LEADER + "\",\n\n  \"fields\": [,]\n}\n]"
    items = read(text)
    assert [i.ok for i in items] == [True, False]
    assert items[1].line == 6  # the line with "fields": [,]
    assert items[1].problems[0].line == 6


def test_malformed_json_lines_reports_line() -> None:
    text = json.dumps(record_json(0)) + "\n" + json.dumps(record_json(1)) + "\n{not json}\n"
    items = read(text)
    assert [i.ok for i in items] == [True, True, False]
    assert items[2].line == 3


def test_malformed_json_after_many_chunks_reports_the_right_line() -> None:
    good = [json.dumps(record_json(n, "y" * 200)) for n in range(800)]
    text = "[\n" + ",\n".join(good) + ",\n" + '{"leader": "' + LEADER + '", "fields": [}\n]'
    assert len(text) > 3 * marcjson._CHUNK
    items = read(text)
    assert len(items) == 801
    assert items[-1].record is None
    assert items[-1].line == 802
    assert items[-2].line == 801


def test_truncated_file_is_an_error_after_the_complete_records() -> None:
    text = "[\n" + json.dumps(record_json(0)) + ",\n" + json.dumps(record_json(1))[:40]
    items = read(text)
    assert [i.ok for i in items] == [True, False]
    assert items[1].errors[0].line == 3


def test_non_record_values_are_errors_and_reading_goes_on() -> None:
    items = read("[1, \"text\", {\"leader\": \"x\"}, null, " + json.dumps(record_json(5)) + "]")
    assert [i.ok for i in items] == [False, False, False, False, True]
    for item in items[:4]:
        (problem,) = item.problems
        assert problem.severity == ERROR
        assert problem.message == (
            "this JSON value is not a MARC-in-JSON record (an object with a 'fields' list)"
        )
    assert items[4].record["001"].data == "id5"


def test_field_level_damage_gives_warnings_and_the_record_loads() -> None:
    value = {
        "leader": LEADER,
        "fields": [
            {"001": "1", "003": "2"},  # two keys in one field
            "not an object",
            {"245": "plain text for a data field"},
            {"246": {"ind1": "12", "ind2": 3, "subfields": [{"a": "Alt"}, {"b": 7}, {"c": "x", "d": "y"}]}},
            {"008": {"ind1": " ", "ind2": " ", "subfields": [{"a": "850101"}, {"b": "s1985"}]}},
            {"500": {"ind1": " ", "ind2": " "}},  # no subfields: an empty field
            {"600": {"ind1": "1", "ind2": "0", "subfields": "not a list"}},
            {"650": {"ind1": " ", "ind2": "0", "subfields": [{"a": "Kept"}]}},
        ],
    }
    (item,) = read(json.dumps(value))
    assert item.ok
    assert shapes(item.record) == [
        ("246", (" ", " "), (("a", "Alt"),)),
        ("008", "850101s1985"),
        ("500", (" ", " "), ()),
        ("650", (" ", "0"), (("a", "Kept"),)),
    ]
    assert [(p.severity, p.place, p.message) for p in item.problems] == [
        (WARNING, None, "field 1 is not an object with exactly one tag; skipped"),
        (WARNING, None, "field 2 is not an object with exactly one tag; skipped"),
        (WARNING, "245", "field 245 is a data field but is written as plain text; skipped"),
        (WARNING, "246/ind1", "field 246 ind1 is '12', not one character; used a blank"),
        (WARNING, "246/ind2", "field 246 ind2 is 3, not one character; used a blank"),
        (WARNING, "246", "field 246 has a subfield that is not {code: text}: {'b': 7}; skipped"),
        (WARNING, "246", "field 246 has a subfield that is not {code: text}: {'c': 'x', 'd': 'y'}; skipped"),
        (WARNING, "008", "control field 008 is written with indicators and subfields; kept as text"),
        (WARNING, "600", "field 600 has no 'subfields' list; skipped"),
    ]
    assert all(p.line == 1 for p in item.problems)


@pytest.mark.parametrize(
    ("leader", "kept", "how"),
    [
        ("00000nam", "00000nam" + " " * 16, "padded with blanks"),
        (LEADER + "XX", LEADER, "cut to 24"),
        (None, " " * 24, "used a blank leader"),
        (12345, " " * 24, "used a blank leader"),
    ],
)
def test_bad_leader_is_repaired_with_a_warning(leader, kept: str, how: str) -> None:
    value = record_json(0)
    value["leader"] = leader
    (item,) = read(json.dumps(value))
    assert str(item.record.leader) == kept
    (problem,) = item.problems
    assert problem.place == "LDR"
    assert problem.message == f"the leader {leader!r} is not a 24-character string; {how}"


def test_missing_leader_key() -> None:
    value = record_json(0)
    del value["leader"]
    (item,) = read(json.dumps(value))
    assert item.ok
    assert str(item.record.leader) == " " * 24
    assert [p.place for p in item.problems] == ["LDR"]


# --- writer --------------------------------------------------------------------------------------


def sample_records() -> list[Record]:
    first = Record()
    first.leader = Leader("00000cam a2200000 i 4500")
    first.add_field(Field(tag="001", data="ocm 1"))
    first.add_field(
        Field(
            tag="245",
            indicators=Indicators("1", "4"),
            subfields=[Subfield("a", 'The "quoted" \\ title'), Subfield("b", "Café 東京 \u0301"), Subfield("c", "")],
        )
    )
    first.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[]))
    second = Record()
    second.leader = Leader(LEADER)
    second.add_field(Field(tag="008", data="850101s1985    nyu"))
    return [first, second]


def write(records: list) -> bytes:
    return written(MarcJsonWriter, records)


def test_writer_output_is_a_json_array_with_one_record_per_line() -> None:
    data = write(sample_records())
    parsed = json.loads(data)
    assert isinstance(parsed, list)
    assert parsed == [record_to_dict(r) for r in sample_records()]
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == "["
    assert lines[-1] == "]"
    assert len(lines) == 4
    assert "Café 東京" in data.decode("utf-8")  # not \\u-escaped


def test_writer_with_no_records_writes_an_empty_array() -> None:
    data = write([])
    assert data == b"[]\n"
    assert json.loads(data) == []


def test_writer_output_reads_back_with_pymarcs_own_json_reader() -> None:
    records = sample_records()
    parsed = list(pymarc.JSONReader(write(records).decode("utf-8")))
    assert len(parsed) == 2
    for original, back in zip(records, parsed):
        assert str(back.leader) == str(original.leader)
        assert shapes(back) == shapes(original)


def test_writer_output_reads_back_with_our_reader() -> None:
    records = sample_records()
    items = read(write(records))
    assert [i.problems for i in items] == [[], []]
    for original, item in zip(records, items):
        assert str(item.record.leader) == str(original.leader)
        assert shapes(item.record) == shapes(original)


def test_reader_reads_pymarcs_own_as_json() -> None:
    record = sample_records()[0]
    (item,) = read(record.as_json())
    assert item.problems == []
    assert shapes(item.record) == shapes(record)


def test_hostile_json_is_reported_not_raised() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert [i.ok for i in read(deep)] == [False]
    huge_number = '[{"leader": "' + LEADER + '", "fields": [{"001": ' + "9" * 5000 + "}]}]"
    (item,) = read(huge_number)
    assert not item.ok and item.errors


def test_an_unclosed_record_is_reported_with_its_own_line() -> None:
    text = "[\n" + json.dumps(record_json(0)) + ",\n" + '{"leader": "x", "fields": [\n'
    items = read(text)
    assert [i.ok for i in items] == [True, False]
    assert items[1].line == 3 and "not closed" in items[1].errors[0].message
