"""MARCXML: namespaces, envelopes, damage with line numbers, hostile XML, writer and round trip."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree
from pymarc import Field, Indicators, Leader, Record, Subfield

from sandbox.formats.marcxml import (
    MARC_NAMESPACE,
    MarcXmlReader,
    MarcXmlWriter,
    record_element,
)
from sandbox.formats.problems import ERROR, WARNING, ReadItem, WriteError
from tests.helpers import shapes, written

PATH = "records.xml"
LEADER = "00000nam a2200000 i 4500"


def read(data: str | bytes) -> list[ReadItem]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(MarcXmlReader(io.BytesIO(raw), PATH))




def record_xml(n: int, prefix: str = "") -> str:
    p = prefix
    return (
        f"<{p}record>\n"
        f"  <{p}leader>{LEADER}</{p}leader>\n"
        f'  <{p}controlfield tag="001">id{n}</{p}controlfield>\n'
        f'  <{p}datafield tag="245" ind1="1" ind2="0">\n'
        f'    <{p}subfield code="a">Title {n}</{p}subfield>\n'
        f'    <{p}subfield code="c">me</{p}subfield>\n'
        f"  </{p}datafield>\n"
        f"</{p}record>\n"
    )


def expected(n: int) -> list[tuple]:
    return [("001", f"id{n}"), ("245", ("1", "0"), (("a", f"Title {n}"), ("c", "me")))]


# --- layouts -------------------------------------------------------------------------------------


def test_collection_with_default_namespace() -> None:
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="{MARC_NAMESPACE}">\n'
    text += record_xml(1) + record_xml(2) + "</collection>\n"
    items = read(text)
    assert [i.number for i in items] == [1, 2]
    assert [i.line for i in items] == [3, 11]
    assert [shapes(i.record) for i in items] == [expected(1), expected(2)]
    assert [str(i.record.leader) for i in items] == [LEADER, LEADER]
    assert all(i.problems == [] for i in items)


def test_collection_with_marc_prefix() -> None:
    text = f'<marc:collection xmlns:marc="{MARC_NAMESPACE}">\n' + record_xml(1, "marc:") + "</marc:collection>"
    (item,) = read(text)
    assert item.problems == []
    assert shapes(item.record) == expected(1)


def test_collection_without_namespace() -> None:
    (item,) = read("<collection>\n" + record_xml(7) + "</collection>")
    assert item.problems == []
    assert shapes(item.record) == expected(7)


def test_single_record_root() -> None:
    text = record_xml(3).replace("<record>", f'<record xmlns="{MARC_NAMESPACE}">', 1)
    (item,) = read(text)
    assert item.line == 1
    assert shapes(item.record) == expected(3)


def test_record_in_another_namespace_is_not_read() -> None:
    text = '<collection xmlns="http://example.org/not-marc">' + record_xml(1) + "</collection>"
    assert read(text) == []


def _oai(namespaced: bool) -> str:
    oai_ns = ' xmlns="http://www.openarchives.org/OAI/2.0/"' if namespaced else ""
    marc_ns = f' xmlns="{MARC_NAMESPACE}"' if namespaced else ""
    records = ""
    for n in (1, 2):
        records += (
            "<record>\n<header><identifier>oai:x:%d</identifier><datestamp>2024-01-01</datestamp></header>\n"
            "<metadata>\n" % n
            + record_xml(n).replace("<record>", f"<record{marc_ns}>", 1)
            + "</metadata>\n</record>\n"
        )
    return (
        f'<?xml version="1.0"?>\n<OAI-PMH{oai_ns}>\n<responseDate>2024-01-01</responseDate>\n'
        f"<ListRecords>\n{records}</ListRecords>\n</OAI-PMH>\n"
    )


@pytest.mark.parametrize("namespaced", [True, False])
def test_marcxml_inside_an_oai_pmh_envelope(namespaced: bool) -> None:
    items = read(_oai(namespaced))
    # Only the MARC records: the OAI <record> wrappers (header + metadata) are not records.
    assert len(items) == 2
    assert [shapes(i.record) for i in items] == [expected(1), expected(2)]
    assert all(i.problems == [] for i in items)


def test_empty_record_element_is_a_record_with_a_warning() -> None:
    (item,) = read(f'<collection xmlns="{MARC_NAMESPACE}">\n<record/>\n</collection>')
    assert item.ok
    assert item.record.fields == []
    assert [(p.line, p.place) for p in item.problems] == [(2, "LDR")]


# --- damage --------------------------------------------------------------------------------------


def test_missing_and_short_leader_warnings_with_line_numbers() -> None:
    text = (
        "<collection>\n"
        '<record>\n<controlfield tag="001">a</controlfield>\n</record>\n'
        "<record>\n<leader>00000nam</leader>\n</record>\n"
        f"<record>\n<leader>{LEADER}XYZ</leader>\n</record>\n"
        "</collection>"
    )
    missing, short, long_ = read(text)
    assert str(missing.record.leader) == "          22        4500"
    assert [(p.severity, p.line, p.place, p.message) for p in missing.problems] == [
        (WARNING, 2, "LDR", "the record has no <leader>; used a blank leader"),
    ]
    assert str(short.record.leader) == "00000nam" + " " * 16
    assert [(p.line, p.place, p.message) for p in short.problems] == [
        (6, "LDR", "the leader is 8 characters long, not 24; padded with blanks"),
    ]
    assert str(long_.record.leader) == LEADER
    assert [(p.line, p.message) for p in long_.problems] == [
        (9, "the leader is 27 characters long, not 24; cut to 24"),
    ]


def test_two_digit_tag_is_padded_with_warning() -> None:
    text = (
        "<record>\n<leader>" + LEADER + "</leader>\n"
        '<datafield tag="42" ind1=" " ind2=" ">\n<subfield code="a">dc</subfield>\n</datafield>\n'
        '<controlfield tag="1">c</controlfield>\n'
        "</record>"
    )
    (item,) = read(text)
    assert shapes(item.record) == [("042", (" ", " "), (("a", "dc"),)), ("001", "c")]
    assert [(p.line, p.place, p.message) for p in item.problems] == [
        (3, "42", "tag '42' is not three characters; read as '042'"),
        (6, "1", "tag '1' is not three characters; read as '001'"),
    ]


def test_field_level_damage_is_warned_and_the_record_loads() -> None:
    text = (
        "<record>\n<leader>" + LEADER + "</leader>\n"
        '<datafield tag="245" ind1="10" ind2="">\n'
        '  <subfield code="a">A</subfield>\n'
        '  <subfield code="ab">dropped</subfield>\n'
        "  <note>x</note>\n"
        "</datafield>\n"
        '<datafield tag="008" ind1=" " ind2=" "><subfield code="a">8500</subfield></datafield>\n'
        "<unknown/>\n"
        '<controlfield tag="ABCD">long tag</controlfield>\n'
        "</record>"
    )
    (item,) = read(text)
    assert item.ok
    assert shapes(item.record) == [("245", (" ", " "), (("a", "A"),)), ("008", "8500"), ("ABCD", "long tag")]
    assert [(p.line, p.place, p.message) for p in item.problems] == [
        (3, "245/ind1", "field 245 ind1='10' is not one character; used a blank"),
        (3, "245/ind2", "field 245 ind2='' is not one character; used a blank"),
        (5, "245", "field 245 has a subfield with code 'ab', not one character; ignored"),
        (6, "245", "field 245: <note> is not a subfield; ignored"),
        (8, "008", "control field 008 is written as a datafield; kept as text"),
        (9, None, "<unknown> is not a MARCXML element; ignored"),
        (10, "ABCD", "tag 'ABCD' is not three characters"),
    ]
    assert all(p.severity == WARNING for p in item.problems)


def test_malformed_xml_yields_earlier_records_then_an_error_with_its_line() -> None:
    text = "<collection>\n" + record_xml(1) + record_xml(2) + "<record>\n<leader>x</leadr>\n</record>\n</collection>"
    items = read(text)
    assert [i.ok for i in items] == [True, True, False]
    assert [shapes(i.record) for i in items[:2]] == [expected(1), expected(2)]
    error = items[2]
    assert (error.number, error.line) == (3, 19)
    (problem,) = error.problems
    assert problem.severity == ERROR
    assert problem.line == 19
    assert problem.path == PATH
    assert problem.message.startswith("the XML is not well-formed: ")
    assert problem.message.endswith("; the rest of the file was not read")


def test_not_xml_at_all_is_one_error() -> None:
    (item,) = read("this is not XML")
    assert item.record is None
    assert item.errors[0].line == 1


# --- hostile XML ---------------------------------------------------------------------------------


def _laughs(levels: int) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, levels + 1)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE collection [\n' + "\n".join(entities) + "\n]>\n"
        f'<collection xmlns="{MARC_NAMESPACE}"><record><leader>{LEADER}</leader>'
        f'<controlfield tag="001">&lol{levels};</controlfield>'
        f'<datafield tag="245" ind1="1" ind2="0"><subfield code="a">A &lol{levels}; B</subfield></datafield>'
        "</record></collection>"
    )


def test_billion_laughs_is_refused_without_expanding() -> None:
    items = read(_laughs(9))
    # libxml2 stops at its entity amplification limit even though entities are not substituted:
    # the file is reported, nothing is expanded into memory.
    assert len(items) == 1
    assert items[0].record is None
    (problem,) = items[0].problems
    assert problem.severity == ERROR
    assert "never expands entities" in problem.message
    assert "lollol" not in problem.message


def test_small_internal_entities_are_kept_as_references_not_expanded() -> None:
    items = read(_laughs(2))
    (item,) = items
    assert item.record["001"].data == "&lol2;"
    assert item.record["245"]["a"] == "A &lol2; B"  # the text after the reference is kept too
    assert "lol" * 3 not in item.record["245"]["a"]
    assert [p.message for p in item.problems] == [
        "the entity reference &lol2; was not expanded (entities are never expanded, for safety)",
    ] * 2
    assert all(p.severity == WARNING for p in item.problems)


def test_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE record [ <!ENTITY x SYSTEM "{secret.as_uri()}"> ]>\n'
        f'<record xmlns="{MARC_NAMESPACE}"><leader>{LEADER}</leader>'
        '<controlfield tag="001">&x;</controlfield>'
        '<datafield tag="245" ind1="1" ind2="0"><subfield code="a">Before&x;After</subfield></datafield>'
        "</record>"
    )
    (item,) = read(text)
    assert item.record["001"].data == "&x;"
    assert item.record["245"]["a"] == "Before&x;After"
    values = [item.record["001"].data, item.record["245"]["a"], *(p.message for p in item.problems)]
    assert not any("TOP-SECRET" in v for v in values)


def test_external_entity_pointing_at_etc_hostname_is_not_read() -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE record [ <!ENTITY x SYSTEM "file:///etc/hostname"> ]>\n'
        f'<record><leader>{LEADER}</leader><controlfield tag="001">[&x;]</controlfield></record>'
    )
    (item,) = read(text)
    # Exactly the reference as typed: nothing of the file's content between the brackets.
    assert item.record["001"].data == "[&x;]"
    assert [p.place for p in item.problems] == [None]


def test_predefined_and_character_references_are_still_decoded() -> None:
    text = (
        f'<record><leader>{LEADER}</leader><datafield tag="245" ind1="0" ind2="0">'
        '<subfield code="a">Fish &amp; chips &lt;&gt; &#233;&#x2113;</subfield></datafield></record>'
    )
    (item,) = read(text)
    assert item.record["245"]["a"] == "Fish & chips <> \u00e9\u2113"
    assert item.problems == []


# --- writer --------------------------------------------------------------------------------------


def sample_records() -> list[Record]:
    first = Record()
    first.leader = Leader("00000cam a2200000 i 4500")
    first.add_field(Field(tag="001", data="ocm 1"))
    first.add_field(Field(tag="008", data="850101s1985    nyu"))
    first.add_field(
        Field(
            tag="245",
            indicators=Indicators("1", " "),
            subfields=[
                Subfield("a", "Fish & chips <tasty> \"quoted\" 'x'"),
                Subfield("b", "  Café 東京 e\u0301  "),
                Subfield("c", ""),
            ],
        )
    )
    first.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[]))
    second = Record()
    second.leader = Leader(LEADER)
    second.add_field(Field(tag="001", data="2"))
    return [first, second]


def write(records: list) -> bytes:
    return written(MarcXmlWriter, records)


def test_writer_escapes_markup_characters() -> None:
    data = write(sample_records()).decode("utf-8")
    assert "Fish &amp; chips &lt;tasty&gt;" in data
    assert "<tasty>" not in data
    assert data.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n')
    assert data.endswith("</collection>\n")
    assert data.count(f'xmlns="{MARC_NAMESPACE}"') == 1


def test_writer_output_is_valid_marcxml() -> None:
    root = etree.fromstring(write(sample_records()))
    assert root.tag == f"{{{MARC_NAMESPACE}}}collection"
    records = root.findall(f"{{{MARC_NAMESPACE}}}record")
    assert len(records) == 2
    leader = records[0].find(f"{{{MARC_NAMESPACE}}}leader")
    assert leader.text == "00000cam a2200000 i 4500"
    datafield = records[0].find(f"{{{MARC_NAMESPACE}}}datafield[@tag='245']")
    assert (datafield.get("ind1"), datafield.get("ind2")) == ("1", " ")


def test_write_then_read_round_trip() -> None:
    records = sample_records()
    items = read(write(records))
    assert [i.problems for i in items] == [[], []]
    for original, item in zip(records, items):
        assert str(item.record.leader) == str(original.leader)
        assert shapes(item.record) == shapes(original)


def test_writer_with_no_records_writes_an_empty_collection() -> None:
    data = write([])
    assert etree.fromstring(data).tag == f"{{{MARC_NAMESPACE}}}collection"
    assert read(data) == []


@pytest.mark.parametrize(
    ("field", "place"),
    [
        (Field(tag="001", data="a\x01b"), "field 001"),
        (Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", "esc\x1b")]), "field 245"),
        (Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "x\x1fy")]), "field 500"),
    ],
)
def test_writer_refuses_control_characters(field: Field, place: str) -> None:
    record = Record()
    record.leader = Leader(LEADER)
    record.add_field(field)
    with pytest.raises(WriteError, match=f"^{place} holds a control character"):
        record_element(record)
    buffer = io.BytesIO()
    writer = MarcXmlWriter(buffer)
    with pytest.raises(WriteError):
        writer.write(record)


def test_writer_refuses_a_control_character_in_the_leader() -> None:
    record = Record()
    record.leader = Leader("00000nam a2200000 i 450\x00")
    with pytest.raises(WriteError, match="^the leader holds a control character"):
        record_element(record)


def test_writer_keeps_tab_newline_which_xml_can_carry() -> None:
    record = Record()
    record.leader = Leader(LEADER)
    record.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "a\tb")]))
    (item,) = read(write([record]))
    assert item.record["500"]["a"] == "a\tb"
