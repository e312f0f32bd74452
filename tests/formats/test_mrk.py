"""MARC mnemonic text (.mrk): reading MarcEdit lines, warnings by line number, writing, round trip."""

from __future__ import annotations

import io

import pytest
from pymarc import Field, Indicators, Leader, Record, Subfield

from sandbox.formats.mrk import (
    DEFAULT_LEADER,
    MrkReader,
    MrkWriter,
    decode_mnemonics,
    encode_text,
    format_field,
    format_record,
)
from sandbox.formats.problems import WARNING, ReadItem
from tests.helpers import shapes

PATH = "records.mrk"
LDR = "=LDR  00000nam\\a2200000\\i\\4500"


def read_bytes(data: bytes) -> list[ReadItem]:
    return list(MrkReader(io.BytesIO(data), PATH))


def read(text: str) -> list[ReadItem]:
    return read_bytes(text.encode("utf-8"))




def problems(item: ReadItem) -> list[tuple[int | None, str | None, str]]:
    return [(p.line, p.place, p.message) for p in item.problems]


# --- reading -------------------------------------------------------------------------------------


def test_reads_leader_control_fields_and_data_fields() -> None:
    (item,) = read(
        LDR + "\n"
        "=001  ocm\\12345\n"
        "=008  850101s1985\\\\\\\\nyu\n"
        "=100  1\\$aSmith, J.\n"
        "=245  10$aTitle :$bsub /$cby me.\n"
    )
    assert item.problems == []
    assert str(item.record.leader) == "00000nam a2200000 i 4500"
    assert shapes(item.record) == [
        ("001", "ocm 12345"),
        ("008", "850101s1985    nyu"),
        ("100", ("1", " "), (("a", "Smith, J."),)),
        ("245", ("1", "0"), (("a", "Title :"), ("b", "sub /"), ("c", "by me."))),
    ]
    assert (item.number, item.line) == (1, 1)


def test_ldr_with_one_space_and_000_as_leader_tag() -> None:
    (item,) = read("=000 00000cam\\a2200000\\a\\4500\n=245 00$aX\n")
    assert item.problems == []
    assert str(item.record.leader) == "00000cam a2200000 a 4500"
    assert shapes(item.record) == [("245", ("0", "0"), (("a", "X"),))]


def test_ascii_escapes() -> None:
    (item,) = read(LDR + "\n=245  10$aUS{dollar}5 {bsol} {lcub}x{rcub}\n")
    assert item.record["245"]["a"] == "US$5 \\ {x}"
    assert item.problems == []


def test_backslash_is_literal_in_data_but_blank_in_control_fields() -> None:
    (item,) = read(LDR + "\n=007  ta\\\n=500  \\\\$aa\\b\n")
    assert item.record["007"].data == "ta "
    assert item.record["500"]["a"] == "a\\b"
    assert tuple(item.record["500"].indicators) == (" ", " ")


def test_bsol_in_a_control_field_is_a_backslash_not_a_blank() -> None:
    (item,) = read(LDR + "\n=001  a{bsol}b\\c\n")
    assert item.record["001"].data == "a\\b c"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("Caf{acute}e", "Cafe\u0301"),  # the mark comes before its letter, Unicode puts it after
        ("Caf{eacute}", "Cafe\u0301"),  # a decomposed letter
        ("{acute}{circ}o", "o\u0301\u0302"),
        ("x{1B}y", "x\x1by"),  # {XX}: one MARC-8 byte
        ("{E2}e", "e\u0301"),  # {XX} for an ANSEL diacritic combines too
        ("{A1}od{B1}", "\u0141od\u0142"),
        ("Caf&#x00E9;", "Caf\u00e9"),
        ("&#x1F600;!", "\U0001f600!"),
        ("a {zilch} b", "a {zilch} b"),  # unknown mnemonic stays as typed
        ("{FF}", "{FF}"),  # a byte that is no MARC-8 character stays as typed
        ("&#xD800;", "&#xD800;"),  # a surrogate is no character
        ("{acute}", "\u0301"),  # a mark with nothing after it stays at the end
        ("{esc}", "\x1b"),
    ],
)
def test_mnemonics_in_subfield_data(typed: str, value: str) -> None:
    (item,) = read(LDR + "\n=245  10$a" + typed + "\n")
    assert item.record["245"]["a"] == value
    assert item.problems == []
    assert decode_mnemonics(typed) == value


def test_mnemonics_are_case_sensitive() -> None:
    assert decode_mnemonics("{lstrok}{Lstrok}") == "\u0142\u0141"
    assert decode_mnemonics("{DOLLAR}") == "{DOLLAR}"


def test_records_separated_by_blank_lines_and_by_a_new_ldr() -> None:
    items = read(
        "\n"
        + LDR + "\n=245  00$aFirst\n"
        "\n\n"
        + LDR + "\n=245  00$aSecond\n"
        + LDR + "\n=245  00$aThird\n"
        "   \n"
        "=245  00$aFourth, no leader\n"
    )
    assert [i.record["245"]["a"] for i in items] == ["First", "Second", "Third", "Fourth, no leader"]
    assert [i.number for i in items] == [1, 2, 3, 4]
    assert [i.line for i in items] == [2, 6, 8, 11]
    assert [i.problems for i in items[:3]] == [[], [], []]
    assert problems(items[3]) == [
        (11, "LDR", f"the record has no =LDR line; used the leader '{DEFAULT_LEADER}'"),
    ]
    assert str(items[3].record.leader) == DEFAULT_LEADER


def test_crlf_line_ends_and_utf8_bom() -> None:
    data = b"\xef\xbb\xbf" + (LDR + "\r\n=245  10$aCaf\u00e9 \r\n\r\n" + LDR + "\r\n=245  10$aB\r\n").encode()
    items = read_bytes(data)
    assert [i.problems for i in items] == [[], []]
    assert str(items[0].record.leader) == "00000nam a2200000 i 4500"
    assert items[0].record["245"]["a"] == "Caf\u00e9 "  # the trailing blank is data, \r is not
    assert items[1].record["245"]["a"] == "B"
    assert [i.line for i in items] == [1, 4]


def test_cp1252_fallback_warns_with_line_number() -> None:
    data = (LDR + "\n=001  1\n").encode() + b"=245  10$aCaf\xe9 \x93q\x94\n"
    (item,) = read_bytes(data)
    assert item.record["245"]["a"] == "Caf\u00e9 \u201cq\u201d"
    assert problems(item) == [
        (3, None, "line 3 is not valid UTF-8 (byte 0xE9 at column 14); read as Windows-1252"),
    ]
    assert item.problems[0].severity == WARNING


def test_line_without_equals_is_joined_to_the_line_before() -> None:
    (item,) = read(LDR + "\n=520  \\\\$aA long summary\n   that goes on.\n=650  \\0$aX\n")
    assert item.record["520"]["a"] == "A long summary that goes on."
    assert item.record["650"]["a"] == "X"
    assert problems(item) == [
        (3, None, "this line does not start with '=' and a tag; joined to the line before"),
    ]


def test_text_before_the_first_field_is_ignored_with_warning() -> None:
    (item,) = read("some heading\n" + LDR + "\n=245  10$aX\n")
    assert problems(item) == [(1, None, "text before the first field was ignored: 'some heading'")]
    assert shapes(item.record) == [("245", ("1", "0"), (("a", "X"),))]


def test_text_and_a_blank_line_before_the_first_record_make_no_record_of_their_own() -> None:
    items = read("Exported by some tool\nOn a Tuesday\n\n" + LDR + "\n=245  10$aX\n")
    assert len(items) == 1
    (item,) = items
    assert shapes(item.record) == [("245", ("1", "0"), (("a", "X"),))]
    assert str(item.record.leader) == "00000nam a2200000 i 4500"
    assert problems(item) == [
        (1, None, "text before the first field was ignored: 'Exported by some tool'"),
        (2, None, "text before the first field was ignored: 'On a Tuesday'"),
    ]


def test_text_after_the_last_record_is_an_error_item_not_an_empty_record() -> None:
    items = read(LDR + "\n=245  10$aX\n\nEnd of export\n(2 lines)\n")
    assert len(items) == 2
    assert items[0].problems == []
    stray = items[1]
    assert stray.record is None
    assert stray.line == 4
    assert [(p.severity, p.line, p.message) for p in stray.problems] == [
        ("error", 4, "lines 4-5 hold no field (no line starts with '=' and a tag); not a record: "
         "'End of export'"),
    ]


def test_missing_indicators_before_first_dollar() -> None:
    (item,) = read(LDR + "\n=001  x\n=245  $aNo indicators\n")
    assert tuple(item.record["245"].indicators) == (" ", " ")
    assert item.record["245"]["a"] == "No indicators"
    assert problems(item) == [
        (3, "245/ind1", "field 245 has no indicators before its first $; used blanks"),
    ]


def test_fewer_than_two_indicators() -> None:
    (item,) = read(LDR + "\n=246  1\n")
    assert tuple(item.record["246"].indicators) == ("1", " ")
    assert problems(item) == [
        (2, "246/ind1", "field 246 has fewer than two indicators; padded with blanks"),
    ]


def test_text_before_the_first_dollar_is_ignored_with_warning() -> None:
    (item,) = read(LDR + "\n=001  x\n=002  y\n=250  10oops$a2nd ed.\n")
    assert shapes(item.record)[2] == ("250", ("1", "0"), (("a", "2nd ed."),))
    assert problems(item) == [(4, "250", "field 250: 'oops' comes before the first $ and was ignored")]


def test_dollar_without_code() -> None:
    (item,) = read(LDR + "\n=260  \\\\$aPlace :$$bPublisher\n")
    assert [(s.code, s.value) for s in item.record["260"].subfields] == [("a", "Place :"), ("b", "Publisher")]
    assert problems(item) == [(2, "260", "field 260 has a $ with no subfield code after it; ignored")]


def test_line_that_is_not_tag_and_spaces_is_ignored() -> None:
    (item,) = read(LDR + "\n=24510$aX\n=500  \\\\$aKept\n")
    assert [f.tag for f in item.record.fields] == ["500"]
    assert problems(item) == [(2, None, "'=24510$aX' is not '=TAG' followed by two spaces; the line was ignored")]


def test_short_and_long_leaders() -> None:
    short, long_ = read("=LDR  00000nam\n=245  10$aX\n\n=LDR  00000nam a2200000 i 4500EXTRA\n")
    assert str(short.record.leader) == "00000nam                "
    assert problems(short) == [(1, "LDR", "the leader is 8 characters long, not 24; padded with blanks")]
    assert str(long_.record.leader) == "00000nam a2200000 i 4500"
    assert problems(long_) == [(4, "LDR", "the leader is 29 characters long, not 24; cut to 24")]


def test_warnings_carry_path_and_record_number() -> None:
    items = read(LDR + "\n=245  10$aOK\n\n=LDR  short\n=245  $aX\n")
    assert items[0].problems == []
    assert [(p.path, p.record_number, p.line) for p in items[1].problems] == [(PATH, 2, 4), (PATH, 2, 5)]
    assert all(p.severity == WARNING for p in items[1].problems)
    assert str(items[1].problems[1]) == (
        "records.mrk, record 2, line 5, 245/ind1: warning: "
        "field 245 has no indicators before its first $; used blanks"
    )


def test_empty_file_yields_nothing() -> None:
    assert read("") == []
    assert read("\n\n  \n") == []


# --- writing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("US$5", "US{dollar}5"),
        ("{x}", "{lcub}x{rcub}"),
        ("a\\b", "a{bsol}b"),
        ("a\x1bb\x7f\x1f\n", "a{1B}b{7F}{1F}{0A}"),
        ("&#x2113;", "{amp}#x2113;"),
        ("Café {acute} ok", "Café {lcub}acute{rcub} ok"),
        ("a b", "a b"),
    ],
)
def test_encode_text_in_data(text: str, written: str) -> None:
    assert encode_text(text) == written
    assert decode_mnemonics(written) == text


def test_encode_text_in_fixed_fields_writes_blanks_as_backslash() -> None:
    assert encode_text("850101s1985    nyu", fixed=True) == "850101s1985\\\\\\\\nyu"
    assert encode_text("a\\b c", fixed=True) == "a{bsol}b\\c"


def test_format_field() -> None:
    assert format_field(Field(tag="008", data="  x ")) == "=008  \\\\x\\"
    field = Field(tag="245", indicators=Indicators(" ", "4"), subfields=[Subfield("a", "The $ {x}")])
    assert format_field(field) == "=245  \\4$aThe {dollar} {lcub}x{rcub}"
    empty = Field(tag="500", indicators=Indicators(" ", " "), subfields=[])
    assert format_field(empty) == "=500  \\\\"


def test_writer_output() -> None:
    record = Record()
    record.leader = Leader("00000nam a2200000 i 4500")
    record.add_field(Field(tag="001", data="o 1"))
    record.add_field(Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", "T")]))
    buffer = io.BytesIO()
    writer = MrkWriter(buffer)
    writer.write(record)
    writer.write(record)
    writer.close()
    one = "=LDR  00000nam\\a2200000\\i\\4500\n=001  o\\1\n=245  10$aT\n\n"
    assert buffer.getvalue() == (one + one).encode()
    assert format_record(record) == one[:-2]


def tricky_record() -> Record:
    record = Record()
    record.leader = Leader("01234cam a2200289 i 4500")
    record.add_field(Field(tag="001", data=" ocm\\0001 "))
    record.add_field(Field(tag="008", data="850101s1985    nyu           000 0 eng d"))
    record.add_field(
        Field(
            tag="245",
            indicators=Indicators("1", "4"),
            subfields=[
                Subfield("a", "The $100 {bargain} \\ back-slash :"),
                Subfield("b", "Cafe\u0301 Ø &#x2113; &amp; {acute}e"),
                Subfield("c", "tab\there, esc\x1b, delete\x7f"),
                Subfield("6", ""),
            ],
        )
    )
    record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "  leading and trailing  ")]))
    record.add_field(Field(tag="880", indicators=Indicators("1", "0"), subfields=[Subfield("a", "東京 Москва")]))
    record.add_field(Field(tag="590", indicators=Indicators(" ", " "), subfields=[]))
    return record


def test_write_then_read_round_trip_of_tricky_values() -> None:
    original = tricky_record()
    buffer = io.BytesIO()
    writer = MrkWriter(buffer)
    writer.write(original)
    writer.write(original)
    writer.close()
    items = read_bytes(buffer.getvalue())
    assert len(items) == 2
    for item in items:
        assert item.problems == []
        assert str(item.record.leader) == str(original.leader)
        assert shapes(item.record) == shapes(original)


def test_lone_cr_line_ends_are_lines_too() -> None:
    items = read("=LDR  00000nam a2200000 i 4500\r=001  one\r\r=LDR  00000nam a2200000 i 4500\r=001  two\r")
    assert [item.record["001"].data for item in items] == ["one", "two"]
    assert all(not item.problems for item in items)


def test_the_writer_refuses_indicators_and_codes_a_line_cannot_carry() -> None:
    from sandbox.formats.mrk import format_record
    from sandbox.formats.problems import WriteError

    record = Record()
    record.add_field(Field(tag="010", indicators=Indicators("\x14", " "),
                           subfields=[Subfield("a", "x")]))
    with pytest.raises(WriteError, match="field 010 has an indicator"):
        format_record(record)
    assert "=010  {14}\\$ax" in format_record(record, strict=False)


def test_learner_slips_lowercase_ldr_and_a_tab_after_the_tag() -> None:
    (item,) = read("=ldr  00000nam a2200000 i 4500\n=245\t10$aTabbed.\n")
    assert str(item.record.leader) == "00000nam a2200000 i 4500"
    assert item.record["245"]["a"] == "Tabbed." and item.record["245"].indicator1 == "1"
    assert not item.problems
