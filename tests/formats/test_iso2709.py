"""ISO 2709 reader and writer: records built with the module's own encoder, then damaged on purpose.

Every damaged file is built here, byte by byte, from a known-good encoding, so each test knows
exactly which byte was broken and where the reader must say it was.
"""

from __future__ import annotations

import io

import pytest
from pymarc import Field, Indicators, Leader, Record, Subfield

from sandbox.formats import iso2709
from sandbox.formats.iso2709 import (
    Iso2709Reader,
    Iso2709Writer,
    encode_record,
    write_all,
)
from sandbox.formats.problems import (
    ERROR,
    MAX_WARNINGS,
    WARNING,
    ReadItem,
    ReadProblem,
    WriteError,
)
from tests.helpers import shapes

PATH = "damaged.mrc"


# --- helpers ------------------------------------------------------------------------------------


def make_record(title: str = "Title", control: str = "123", leader: str = "00000nam a2200000 i 4500") -> Record:
    record = Record()
    record.leader = Leader(leader)
    record.add_field(Field(tag="001", data=control))
    record.add_field(
        Field(
            tag="245",
            indicators=Indicators("1", "0"),
            subfields=[Subfield("a", title), Subfield("c", "me")],
        )
    )
    return record


def read(data: bytes) -> list[ReadItem]:
    return list(Iso2709Reader(io.BytesIO(data), PATH))




GOOD = encode_record(make_record())
GOOD_SHAPES = [("001", "123"), ("245", ("1", "0"), (("a", "Title"), ("c", "me")))]


def test_good_record_bytes_are_exactly_as_specified() -> None:
    # leader(24) + 2 directory entries(24) + FT = base 49; "123"+FT = 4; "10$aTitle$cme"+FT = 14.
    assert GOOD == (
        b"00068nam a2200049 i 4500"
        b"001000400000"
        b"245001400004"
        b"\x1e123\x1e10\x1faTitle\x1fcme\x1e\x1d"
    )


def test_good_record_reads_without_problems() -> None:
    (item,) = read(GOOD)
    assert item.ok
    assert item.problems == []
    assert item.suppressed == 0
    assert shapes(item.record) == GOOD_SHAPES
    assert str(item.record.leader) == "00068nam a2200049 i 4500"
    assert (item.number, item.offset, item.length) == (1, 0, 68)


# --- leader record length ------------------------------------------------------------------------


@pytest.mark.parametrize("written", [b"99999", b"00100", b"00030", b"00025"])
def test_wrong_record_length_loads_with_warning_on_ldr_00_04(written: bytes) -> None:
    damaged = written + GOOD[5:]
    items = read(damaged + GOOD)
    assert [i.ok for i in items] == [True, True]
    first, second = items
    assert shapes(first.record) == GOOD_SHAPES
    assert first.length == 68
    (problem,) = first.problems
    assert problem.severity == WARNING
    assert problem.place == "LDR/00-04"
    assert problem.offset == 0
    assert f"says the record is {int(written)} bytes long but it is 68" in problem.message
    assert second.problems == []
    assert (second.offset, second.length) == (68, 68)


def test_record_length_pointing_at_the_next_records_terminator_does_not_swallow_it() -> None:
    # 136 = both records: the byte at 135 *is* a record terminator (record 2's), so the length
    # alone looks consistent. Record 2 must still load as a record of its own.
    damaged = b"00136" + GOOD[5:]
    other = encode_record(make_record(title="Second", control="456"))
    items = read(damaged + other)
    assert len(items) == 2
    assert [i.offset for i in items] == [0, 68]
    assert [i.length for i in items] == [68, len(other)]
    assert shapes(items[0].record) == GOOD_SHAPES
    assert items[1].record["245"]["a"] == "Second"
    assert items[1].record["001"].data == "456"
    (problem,) = items[0].problems
    assert problem.severity == WARNING
    assert problem.place == "LDR/00-04"
    assert "136 bytes long but it is 68" in problem.message
    assert items[1].problems == []


def test_missing_record_terminator_uses_leader_length_when_next_record_follows() -> None:
    # Drop the terminator and correct the length so that it points at the next leader.
    damaged = b"00067" + GOOD[5:-1]
    items = read(damaged + GOOD)
    assert [i.ok for i in items] == [True, True]
    assert [(i.offset, i.length) for i in items] == [(0, 67), (67, 68)]
    assert shapes(items[0].record) == GOOD_SHAPES
    (problem,) = items[0].problems
    assert problem.severity == WARNING
    assert problem.place == "LDR/00-04"
    assert "no record terminator" in problem.message
    assert "used the length in the leader, 67" in problem.message
    assert items[1].problems == []


# --- base address and directory ------------------------------------------------------------------


def test_wrong_base_address_is_repaired_with_warning_on_ldr_12_16() -> None:
    damaged = GOOD[:12] + b"00099" + GOOD[17:]
    (item,) = read(GOOD + damaged)[1:]
    assert item.ok
    assert shapes(item.record) == GOOD_SHAPES
    (problem,) = item.problems
    assert problem.severity == WARNING
    assert problem.place == "LDR/12-16"
    assert problem.offset == 68 + 12  # record 2 starts at byte 68
    assert "'00099'" in problem.message
    assert "used base address 49" in problem.message


def test_non_numeric_base_address_is_repaired() -> None:
    damaged = GOOD[:12] + b"0004x" + GOOD[17:]
    (item,) = read(damaged)
    assert shapes(item.record) == GOOD_SHAPES
    assert [p.place for p in item.problems] == ["LDR/12-16"]


@pytest.mark.parametrize(
    "entry",
    [
        b"245001400009",  # starting position wrong
        b"245002000004",  # length wrong (runs past the data)
        b"245000900004",  # length wrong (ends inside the field)
        b"2450014000x4",  # starting position not digits
    ],
)
def test_wrong_directory_offsets_recovered_by_field_terminators(entry: bytes) -> None:
    damaged = GOOD.replace(b"245001400004", entry)
    assert len(damaged) == len(GOOD)
    items = read(damaged + GOOD)
    assert [i.ok for i in items] == [True, True]
    assert shapes(items[0].record) == GOOD_SHAPES
    (problem,) = items[0].problems
    assert problem.severity == WARNING
    assert "fields were read by their field terminators" in problem.message
    assert problem.offset == 24  # the directory
    assert items[1].problems == []


def _with_extra_directory_entry(record_bytes: bytes, entry: bytes) -> bytes:
    """The record with one more 12-byte directory entry, lengths and base address kept right."""
    directory_end = record_bytes.index(b"\x1e")
    directory = record_bytes[24:directory_end] + entry
    body = record_bytes[directory_end + 1 :]
    base = 24 + len(directory) + 1
    total = base + len(body)
    leader = f"{total:05d}".encode() + record_bytes[5:12] + f"{base:05d}".encode() + record_bytes[17:24]
    return leader + directory + b"\x1e" + body


def test_directory_count_mismatch_is_an_error_and_the_next_record_still_loads() -> None:
    damaged = _with_extra_directory_entry(GOOD, b"500000500018")
    assert len(damaged) == 80
    items = read(damaged + GOOD)
    assert len(items) == 2
    first, second = items
    assert first.record is None
    assert not first.ok
    (problem,) = first.errors
    assert problem.severity == ERROR
    assert "the directory lists 3 fields but the data holds 2" in problem.message
    assert problem.offset == 24
    assert first.summary() == problem.message
    assert second.ok
    assert second.offset == 80
    assert shapes(second.record) == GOOD_SHAPES


def test_directory_entry_with_a_tag_that_is_not_a_tag_is_an_error() -> None:
    damaged = GOOD.replace(b"245001400004", b"2\x0054001400004"[:12])
    items = read(damaged + GOOD)
    assert items[0].record is None
    (problem,) = items[0].errors
    assert "directory entry 2" in problem.message
    assert problem.offset == 24 + 12
    assert items[1].ok


def test_directory_length_not_a_multiple_of_twelve_warns() -> None:
    # Insert 5 stray bytes at the end of the directory (base address adjusted to match).
    body = GOOD[49:]
    directory = GOOD[24:48] + b"99999"
    base = 24 + len(directory) + 1
    damaged = f"{base + len(body):05d}".encode() + GOOD[5:12] + f"{base:05d}".encode() + GOOD[17:24]
    damaged += directory + b"\x1e" + body
    (item,) = read(damaged)
    assert item.ok
    assert shapes(item.record) == GOOD_SHAPES
    (problem,) = item.warnings
    assert "29 bytes, not a multiple of 12" in problem.message
    assert "last 5 bytes were ignored" in problem.message


def test_record_without_a_directory_terminator_is_an_error() -> None:
    damaged = GOOD.replace(b"\x1e", b"|")
    (item,) = read(damaged)
    assert item.record is None
    (problem,) = item.errors
    assert "no field terminator (0x1E) after the directory" in problem.message
    assert problem.offset == 24


def test_last_field_without_field_terminator_warns() -> None:
    damaged = b"00067" + GOOD[5:-2] + b"\x1d"  # the record is one byte shorter, FT gone
    # The directory still says 14 for 245, which now ends on the record terminator.
    (item,) = read(damaged)
    assert item.ok
    assert shapes(item.record) == GOOD_SHAPES
    (problem,) = item.problems
    assert problem.severity == WARNING
    assert problem.place == "245"
    assert "no field terminator" in problem.message
    assert problem.offset == 66


# --- filler, truncation, junk --------------------------------------------------------------------


def test_filler_between_and_around_records_is_skipped_silently() -> None:
    data = b"\r\n\x00" + GOOD + b"\r\n" + GOOD + b"\x00\x00\x1a" + GOOD + b"\n\x1a"
    items = read(data)
    assert [i.ok for i in items] == [True, True, True]
    assert [i.problems for i in items] == [[], [], []]
    assert [i.number for i in items] == [1, 2, 3]
    assert [i.offset for i in items] == [3, 73, 144]
    assert [i.length for i in items] == [68, 68, 68]
    assert all(shapes(i.record) == GOOD_SHAPES for i in items)


def test_empty_and_filler_only_files_yield_nothing() -> None:
    assert read(b"") == []
    assert read(b"\r\n\x1a\x00  \n") == []


def test_trailing_partial_record_is_an_error_after_good_records() -> None:
    items = read(GOOD + GOOD + GOOD[:30])
    assert [i.ok for i in items] == [True, True, False]
    last = items[2]
    assert (last.number, last.offset, last.length) == (3, 136, 30)
    (problem,) = last.problems
    assert problem.severity == ERROR
    assert "ends with 30 bytes" in problem.message
    assert problem.offset == 136
    assert problem.record_number == 3


def test_file_truncated_mid_record() -> None:
    # Cut inside the 245 field of the second record: the first loads, the second is reported.
    cut = GOOD[:60]
    items = read(GOOD + cut)
    assert len(items) == 2
    assert shapes(items[0].record) == GOOD_SHAPES
    assert items[1].record is None
    assert items[1].length == 60
    assert "ends with 60 bytes that are not a complete record" in items[1].errors[0].message


def test_file_truncated_by_one_byte() -> None:
    items = read(GOOD[:-1])
    assert len(items) == 1
    assert items[0].record is None
    assert "ends with 67 bytes" in items[0].errors[0].message


def test_too_short_record_is_an_error() -> None:
    (item,) = read(b"00010nam\x1e\x1d")
    assert item.record is None
    assert "only 10 bytes" in item.errors[0].message


def test_data_that_does_not_start_with_a_leader_is_an_error_and_reading_goes_on() -> None:
    items = read(b"hello, this is not a leader at all\x1e\x1d" + GOOD)
    assert len(items) == 2
    assert items[0].record is None
    assert items[0].errors[0].place == "LDR/00-04"
    assert "does not start with a leader" in items[0].errors[0].message
    assert items[1].ok and items[1].offset == 36


def test_scan_limit_stops_reading_non_marc_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(iso2709, "SCAN_LIMIT", 1000)
    items = read(b"x" * 5000)
    assert len(items) == 1
    assert items[0].length == 1000
    assert "the rest of the file was not read" in items[0].errors[0].message


# --- character encodings -------------------------------------------------------------------------


def test_invalid_utf8_in_a_unicode_record_loads_with_replacement_and_exact_offset() -> None:
    good = encode_record(make_record(title="Café"))
    damaged = good.replace("é".encode(), b"\xe9x")  # same length: lengths stay right
    data = GOOD + damaged
    bad_byte = data.index(b"\xe9")
    assert bad_byte == 68 + 60  # record 2, base 49, 245 at 4, "10" "\x1fa" "Caf" = 7 bytes in
    items = read(data)
    item = items[1]
    assert item.ok
    assert item.record["245"]["a"] == "Caf\ufffdx"
    (problem,) = item.problems
    assert problem.severity == WARNING
    assert problem.offset == bad_byte
    assert problem.place == "245"
    assert "0xE9" in problem.message
    assert "7 bytes into the field" in problem.message
    assert str(item.record.leader)[9] == "a"


def test_utf8_data_with_blank_leader_09_read_as_utf8_and_leader_set_to_a() -> None:
    good = encode_record(make_record(title="Café"))
    declared_marc8 = good[:9] + b" " + good[10:]
    (item,) = read(declared_marc8)
    assert item.record["245"]["a"] == "Café"
    assert str(item.record.leader)[9] == "a"
    (problem,) = item.problems
    assert problem.severity == WARNING
    assert problem.place == "LDR/09"
    assert problem.offset == 9
    assert "read it as UTF-8" in problem.message


def test_marc8_record_is_converted_to_unicode_and_leader_09_set_to_a() -> None:
    placeholder = encode_record(make_record(title="Cafxx"))
    marc8 = placeholder[:9] + b" " + placeholder[10:]
    marc8 = marc8.replace(b"xx", b"\xe2e")  # ANSEL acute (E2) precedes its letter
    items = read(GOOD + marc8)
    item = items[1]
    assert item.problems == []
    assert item.record["245"]["a"] == "Cafe\u0301"
    assert str(item.record.leader)[9] == "a"
    assert str(item.record.leader) == "00068nam a2200049 i 4500"


def test_marc8_record_with_undecodable_byte_warns_at_that_byte() -> None:
    placeholder = encode_record(make_record(title="Cafxx"))
    marc8 = (placeholder[:9] + b" " + placeholder[10:]).replace(b"xx", b"\xe2\xff")
    # 0xFF is not in ANSEL; 0xE2 followed by 0xFF is not UTF-8 either, so MARC-8 it is.
    (item,) = read(marc8)
    assert item.ok
    assert item.record["245"]["a"] == "Caf\ufffd\u0301"
    (problem,) = item.problems
    assert problem.severity == WARNING
    assert problem.offset == marc8.index(b"\xff")
    assert problem.place == "245"
    assert "MARC-8" in problem.message and "0xFF" in problem.message


def test_unknown_leader_09_with_non_ascii_data_warns_and_reads_marc8() -> None:
    placeholder = encode_record(make_record(title="Cafxx"))
    data = (placeholder[:9] + b"z" + placeholder[10:]).replace(b"xx", b"\xe2e")
    (item,) = read(data)
    assert item.record["245"]["a"] == "Cafe\u0301"
    assert [p.place for p in item.problems] == ["LDR/09"]
    assert "'z'" in item.problems[0].message


# --- fields --------------------------------------------------------------------------------------


def test_field_with_three_indicator_characters_keeps_the_first_two() -> None:
    damaged = GOOD.replace(b"10\x1faT", b"101\x1fa")  # same length
    (item,) = read(damaged)
    assert item.ok
    field = item.record["245"]
    assert tuple(field.indicators) == ("1", "0")
    assert [(s.code, s.value) for s in field.subfields] == [("a", "itle"), ("c", "me")]
    (problem,) = item.problems
    assert problem.severity == WARNING
    assert problem.place == "245/ind1"
    assert "3 indicator characters ('101')" in problem.message
    assert "kept the first two" in problem.message
    assert problem.offset == 53  # base 49 + 4: where field 245 starts


def test_field_with_one_indicator_character_is_padded() -> None:
    # Field 245 rebuilt with one indicator and still 14 bytes long, as the directory says.
    damaged = GOOD[:53] + b"1\x1faTitle!\x1fcme\x1e\x1d"
    assert len(damaged) == len(GOOD)
    (item,) = read(damaged)
    field = item.record["245"]
    assert tuple(field.indicators) == ("1", " ")
    assert [(s.code, s.value) for s in field.subfields] == [("a", "Title!"), ("c", "me")]
    assert [p.place for p in item.problems] == ["245/ind1"]
    assert "padded with blanks" in item.problems[0].message


def test_empty_subfield_is_dropped_with_warning() -> None:
    damaged = GOOD.replace(b"\x1fcme", b"\x1f\x1fme")
    (item,) = read(damaged)
    field = item.record["245"]
    assert [(s.code, s.value) for s in field.subfields] == [("a", "Title"), ("m", "e")]
    (problem,) = item.problems
    assert problem.place == "245"
    assert "empty subfield" in problem.message


# --- item bookkeeping ----------------------------------------------------------------------------


def test_read_item_numbers_offsets_and_lengths() -> None:
    records = [encode_record(make_record(title="T" * n, control=str(n))) for n in (1, 10, 100)]
    data = records[0] + b"\n" + records[1] + records[2]
    items = read(data)
    assert [i.number for i in items] == [1, 2, 3]
    assert [i.length for i in items] == [len(r) for r in records]
    assert [i.offset for i in items] == [0, len(records[0]) + 1, len(records[0]) + 1 + len(records[1])]
    assert [i.record["001"].data for i in items] == ["1", "10", "100"]
    assert all(i.line is None for i in items)


def test_every_problem_is_located() -> None:
    damaged_length = b"99999" + GOOD[5:]
    damaged_base = GOOD[:12] + b"00099" + GOOD[17:]
    bad_utf8 = encode_record(make_record(title="Café")).replace("é".encode(), b"\xe9x")
    count_mismatch = _with_extra_directory_entry(GOOD, b"500000500018")
    data = damaged_length + damaged_base + bad_utf8 + count_mismatch + GOOD + GOOD[:40]
    items = read(data)
    assert len(items) == 6
    problems = [(item, p) for item in items for p in item.problems]
    assert len(problems) == 5
    for item, problem in problems:
        assert problem.path == PATH
        assert problem.record_number == item.number
        assert problem.offset is not None
        assert item.offset <= problem.offset < item.offset + item.length
        assert PATH in str(problem)
        assert f"record {item.number}" in str(problem)
    assert [len(i.problems) for i in items] == [1, 1, 1, 1, 0, 1]


def test_warnings_are_capped_and_the_rest_counted() -> None:
    record = make_record()
    extra = MAX_WARNINGS + 10
    for _ in range(extra):
        record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "xé")]))
    data = encode_record(record).replace("é".encode(), b"\xe9\xe9")  # one bad byte pair per field
    (item,) = read(data)
    assert item.ok
    assert len(item.record.get_fields("500")) == extra
    assert len(item.warnings) == MAX_WARNINGS
    assert len(item.problems) == MAX_WARNINGS
    assert item.suppressed == 10


def test_errors_are_never_suppressed() -> None:
    item = ReadItem(number=1, record=None)
    for _ in range(MAX_WARNINGS + 3):
        item.add(ReadProblem(PATH, 1, "w", WARNING))
    item.add(ReadProblem(PATH, 1, "e", ERROR))
    assert len(item.warnings) == MAX_WARNINGS
    assert len(item.errors) == 1
    assert item.suppressed == 3


def test_large_file_across_the_internal_chunk_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    # Shrink the read chunk so that records straddle chunk edges many times over.
    monkeypatch.setattr(iso2709, "_CHUNK", 50)
    records = [encode_record(make_record(title=f"Title {n}", control=str(n))) for n in range(40)]
    items = read(b"\n".join(records))
    assert [i.record["001"].data for i in items] == [str(n) for n in range(40)]
    assert all(i.problems == [] for i in items)


# --- writer --------------------------------------------------------------------------------------


def test_writer_computes_lengths_base_address_and_leader_09() -> None:
    record = make_record(title="Ünïcode", leader="99999cam  2299999 a 4500")
    data = encode_record(record)
    leader = data[:24].decode("ascii")
    assert int(leader[:5]) == len(data)
    assert leader[9] == "a"
    assert int(leader[12:17]) == 24 + 12 * 2 + 1
    assert leader[5:9] == "cam "
    assert leader[17:] == " a 4500"
    assert data[48:49] == b"\x1e"
    assert data.endswith(b"\x1e\x1d")
    title_bytes = "10\x1faÜnïcode\x1fcme\x1e".encode()
    assert data[24:48] == f"001000400000245{len(title_bytes):04d}00004".encode()


def test_writer_round_trip_keeps_every_value() -> None:
    record = Record()
    record.leader = Leader("00000cam a2200000 i 4500")
    record.add_field(Field(tag="001", data="ocm 12345"))
    record.add_field(Field(tag="008", data="850101s1985    nyu           000 0 eng d"))
    record.add_field(Field(tag="100", indicators=Indicators("1", " "), subfields=[Subfield("a", "Ǆuro, Łukasz")]))
    record.add_field(
        Field(
            tag="245",
            indicators=Indicators("1", "4"),
            subfields=[Subfield("a", "The 東京 title :"), Subfield("b", "$ymbols {and} \\ slashes /"), Subfield("6", "880-01")],
        )
    )
    record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[]))
    buffer = io.BytesIO()
    write_all(buffer, [record, make_record()])
    items = read(buffer.getvalue())
    assert [i.problems for i in items] == [[], []]
    assert shapes(items[0].record) == shapes(record)
    assert shapes(items[1].record) == GOOD_SHAPES
    leader = str(items[0].record.leader)
    assert leader[5:12] == "cam a22"
    assert leader[17:] == " i 4500"


def test_writer_class_writes_records_back_to_back() -> None:
    buffer = io.BytesIO()
    writer = Iso2709Writer(buffer)
    writer.write(make_record())
    writer.write(make_record())
    writer.close()
    assert buffer.getvalue() == GOOD + GOOD


def test_writer_accepts_a_field_of_exactly_9999_bytes() -> None:
    record = Record()
    record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "x" * 9994)]))
    data = encode_record(record)  # 2 indicators + 2 (delimiter, code) + 9994 + FT = 9999
    assert data[24:36] == b"500999900000"


def test_writer_refuses_a_field_over_9999_bytes() -> None:
    record = Record()
    record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "x" * 9995)]))
    with pytest.raises(WriteError, match="field 500 is 10,000 bytes"):
        encode_record(record)


def test_writer_counts_field_length_in_utf8_bytes_not_characters() -> None:
    record = Record()
    # 5000 characters, 10000 bytes: too long although the character count is small.
    record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "é" * 5000)]))
    with pytest.raises(WriteError, match="field 500"):
        encode_record(record)


def test_writer_refuses_a_record_over_99999_bytes() -> None:
    record = Record()
    for _ in range(12):  # 24 + 12 * 12 + 1 + 12 * 9,005 + 1 = 108,230 bytes
        record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "x" * 9000)]))
    with pytest.raises(WriteError, match="the record is 108,230 bytes; ISO 2709 allows 99,999"):
        encode_record(record)


@pytest.mark.parametrize("tag", ["24", "2450", "24é", "", "   ", "24\t", "2\x004"])
def test_writer_refuses_a_bad_tag(tag: str) -> None:
    record = Record()
    field = Field(tag="245", indicators=Indicators(" ", " "), subfields=[Subfield("a", "x")])
    field.tag = tag  # set after construction: pymarc would pad "24" to "024"
    record.add_field(field)
    # "   " and "24\t" are three ASCII characters, but the reader refuses such a directory
    # entry (and with it the whole record), so the writer must not write them.
    with pytest.raises(WriteError, match="is not three printable ASCII characters"):
        encode_record(record)



@pytest.mark.parametrize("indicators", [("10", " "), ("", "0")])
def test_writer_refuses_indicators_that_are_not_one_character_each(indicators: tuple[str, str]) -> None:
    record = Record()
    record.add_field(Field(tag="245", indicators=Indicators(*indicators), subfields=[Subfield("a", "x")]))
    with pytest.raises(WriteError, match="exactly two indicators"):
        encode_record(record)


def test_writer_refuses_a_multi_character_subfield_code() -> None:
    record = Record()
    record.add_field(Field(tag="245", indicators=Indicators(" ", " "), subfields=[Subfield("ab", "x")]))
    with pytest.raises(WriteError, match="subfield code 'ab'"):
        encode_record(record)


@pytest.mark.parametrize("value", ["a\x1db", "a\x1eb"])
def test_writer_refuses_terminators_inside_data(value: str) -> None:
    record = Record()
    record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", value)]))
    with pytest.raises(WriteError, match="terminator"):
        encode_record(record)


def test_writer_refuses_a_subfield_delimiter_inside_a_subfield_value() -> None:
    # Written as is, "a\x1fbc" would be read back as two subfields: the record would change.
    record = Record()
    record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "a\x1fbc")]))
    with pytest.raises(WriteError, match="subfield delimiter"):
        encode_record(record)


def test_writer_refuses_a_non_ascii_leader() -> None:
    record = make_record(leader="00000nam a2200000 é 4500")
    with pytest.raises(WriteError, match="leader"):
        encode_record(record)


def test_writer_accepts_a_record_of_exactly_99999_bytes_and_it_reads_back() -> None:
    record = Record()
    for _ in range(10):
        record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "x" * 9000)]))
    record.add_field(Field(tag="520", indicators=Indicators(" ", " "), subfields=[Subfield("a", "y" * 9786)]))
    data = encode_record(record)  # 24 + 11 * 12 + 1 + 10 * 9,005 + 9,791 + 1
    assert len(data) == 99_999
    assert data[:5] == b"99999"
    (item,) = read(data)
    assert item.problems == []
    assert item.record["520"]["a"] == "y" * 9786


def test_a_record_cut_short_mid_file_does_not_swallow_the_next_one() -> None:
    first, second, third = (encode_record(make_record(f"t{n}")) for n in range(3))
    data = first + second[:60] + third
    items = read(data)
    assert [item.ok for item in items] == [True, False, True]
    assert items[1].offset == len(first) and items[1].length == 60
    assert "cut short: another record starts 60 bytes in" in items[1].errors[0].message
    assert items[2].offset == len(first) + 60
    assert shapes(items[2].record) == shapes(make_record("t2"))


def test_a_byte_order_mark_before_the_first_record_is_skipped() -> None:
    first = encode_record(make_record("bom"))
    items = read(b"\xef\xbb\xbf" + first)
    assert [item.ok for item in items] == [True] and not items[0].problems
    assert items[0].offset == 3


def test_a_record_missing_only_its_terminator_is_repaired() -> None:
    first, second = encode_record(make_record("one")), encode_record(make_record("two"))
    items = read(first[:-1] + second)
    assert [item.ok for item in items] == [True, True]
    assert "no record terminator" in items[0].warnings[0].message
    assert shapes(items[0].record) == shapes(make_record("one"))
