"""The format registry: sniffing, detection, one way in (read_file) and out (open_writer)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pymarc import Field, Indicators, Leader, Record, Subfield

from sandbox.formats.crosswalk import marc_to_dc
from sandbox.formats.dcxml import OAI_DC_NAMESPACE
from sandbox.formats.iso2709 import encode_record
from sandbox.formats.marcxml import MARC_NAMESPACE
from sandbox.formats.problems import ERROR, WriteError
from sandbox.formats.registry import (
    FORMATS,
    RecordWriter,
    detect_format,
    format_for_extension,
    open_writer,
    read_file,
    sniff,
)
from sandbox.records.dublin_core import (
    DC_NAMESPACE,
    DCTERMS_NAMESPACE,
    DublinCoreRecord,
)

LEADER = "00000nam a2200000 i 4500"


def marc_record(title: str = "Moby Dick /") -> Record:
    record = Record()
    record.leader = Leader(LEADER)
    record.add_field(Field(tag="001", data="ocm1"))
    record.add_field(Field(tag="008", data="850101s1985    nyu           000 0 eng d"))
    record.add_field(Field(tag="100", indicators=Indicators("1", " "), subfields=[Subfield("a", "Melville, Herman.")]))
    record.add_field(
        Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", title), Subfield("c", "H.M.")])
    )
    record.add_field(Field(tag="300", indicators=Indicators(" ", " "), subfields=[Subfield("a", "500 p.")]))
    return record


def shapes(record: Record) -> list[tuple]:
    out = []
    for field in record.fields:
        if field.is_control_field():
            out.append((field.tag, field.data))
        else:
            out.append((field.tag, tuple(field.indicators), tuple((s.code, s.value) for s in field.subfields)))
    return out


def name(fmt) -> str | None:
    return fmt.name if fmt is not None else None


# --- sniffing ------------------------------------------------------------------------------------


ISO = encode_record(marc_record())


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (ISO, "marc"),
        (b"\r\n\x00\x1a" + ISO, "marc"),
        (b"\xef\xbb\xbf  \n" + ISO, "marc"),
        (f'<?xml version="1.0"?>\n<collection xmlns="{MARC_NAMESPACE}"><record/></collection>'.encode(), "marcxml"),
        (f'<marc:collection xmlns:marc="{MARC_NAMESPACE}"/>'.encode(), "marcxml"),
        (b"<collection>\n<record>\n<leader>00000nam a2200000 i 4500</leader>", "marcxml"),
        (b"<record><controlfield tag='001'>1</controlfield></record>", "marcxml"),
        (b'<r xmlns:marc="x"><marc:datafield tag="245">', "marcxml"),
        (f'<oai_dc:dc xmlns:oai_dc="{OAI_DC_NAMESPACE}" xmlns:dc="{DC_NAMESPACE}">'.encode(), "oai_dc"),
        (f'<metadata xmlns:dc="{DC_NAMESPACE}"><dc:title>x</dc:title>'.encode(), "oai_dc"),
        (f'<records><record xmlns:dcterms="{DCTERMS_NAMESPACE}">'.encode(), "dcterms"),
        (
            f'<OAI-PMH><metadata><record xmlns="{MARC_NAMESPACE}" xmlns:dc="{DC_NAMESPACE}">'.encode(),
            "marcxml",
        ),
        (b"=LDR  00000nam\\a2200000\\i\\4500\n=245  10$aX\n", "mrk"),
        (b"\xef\xbb\xbf=LDR  00000nam\\a2200000\\i\\4500\r\n", "mrk"),
        (b"=000  00000nam\\a2200000\\i\\4500\n", "mrk"),
        (b"=245  10$aNo leader first\n", "mrk"),
        (b'{"leader": "x", "fields": []}', "json"),
        (b'\n  [{"leader": "x", "fields": []}]', "json"),
        (b"[]", "json"),
    ],
)
def test_sniff_recognises_formats_from_content(head: bytes, expected: str) -> None:
    assert name(sniff(head)) == expected


@pytest.mark.parametrize(
    "head",
    [b"", b"   \r\n\x00", b"hello world", b"<html><body>x</body></html>", b"%PDF-1.7", b"\x89PNG\r\n"],
)
def test_sniff_refuses_what_it_does_not_know(head: bytes) -> None:
    assert sniff(head) is None


# --- detection by name ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("a.mrc", "marc"),
        ("a.MARC", "marc"),
        ("a.dat", "marc"),
        ("a.xml", "marcxml"),
        ("a.marcxml", "marcxml"),
        ("a.mrk", "mrk"),
        ("a.txt", "mrk"),
        ("a.json", "json"),
        ("a.jsonl", "json"),
        ("a.pdf", None),
        ("noextension", None),
    ],
)
def test_format_for_extension(filename: str, expected: str | None) -> None:
    assert name(format_for_extension(filename)) == expected


def test_detect_format_prefers_content_over_name(tmp_path: Path) -> None:
    path = tmp_path / "really-marc.xml"
    path.write_bytes(ISO)
    assert name(detect_format(path)) == "marc"
    path = tmp_path / "dc.xml"
    path.write_bytes(f'<oai_dc:dc xmlns:oai_dc="{OAI_DC_NAMESPACE}" xmlns:dc="{DC_NAMESPACE}"/>'.encode())
    assert name(detect_format(path)) == "oai_dc"


def test_detect_format_falls_back_to_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "odd.mrk"
    path.write_bytes(b"LDR  00000nam a2200000 i 4500\n")  # no '=': content says nothing
    assert sniff(path.read_bytes()) is None
    assert name(detect_format(path)) == "mrk"
    path = tmp_path / "odd.json"
    path.write_bytes(b"\n\nnot json\n")
    assert name(detect_format(path)) == "json"


def test_detect_format_of_empty_and_unknown_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.mrc"
    empty.write_bytes(b"")
    assert detect_format(empty) is None
    unknown = tmp_path / "unknown.bin"
    unknown.write_bytes(b"hello world")
    assert detect_format(unknown) is None


# --- read_file -----------------------------------------------------------------------------------


def test_read_file_on_an_unrecognisable_file_yields_one_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mystery.bin"
    path.write_bytes(b"hello world, this is not a catalog record")
    items = list(read_file(path))
    assert len(items) == 1
    (item,) = items
    assert item.record is None
    assert (item.number, item.offset) == (1, 0)
    (problem,) = item.problems
    assert problem.severity == ERROR
    assert problem.path == str(path)
    assert problem.offset == 0
    assert "not a format Catalog Sandbox reads" in problem.message
    assert "'hello world, thi'" in problem.message
    assert str(problem).startswith("mystery.bin, record 1, byte 0: error: ")


@pytest.mark.parametrize("filename", ["empty.mrc", "empty.xml", "empty.bin", "empty.json", "empty.mrk"])
def test_read_file_on_an_empty_file_yields_nothing(tmp_path: Path, filename: str) -> None:
    path = tmp_path / filename
    path.write_bytes(b"")
    assert list(read_file(path)) == []


def test_read_file_on_a_blank_file_with_unknown_extension_yields_nothing(tmp_path: Path) -> None:
    path = tmp_path / "blank.bin"
    path.write_bytes(b"  \r\n\n")
    assert list(read_file(path)) == []


def test_read_file_missing_file_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        list(read_file(tmp_path / "missing.mrc"))


def test_read_file_reads_each_format(tmp_path: Path) -> None:
    record = marc_record()
    for fmt_name, filename in [("marc", "r.mrc"), ("marcxml", "r.xml"), ("mrk", "r.mrk"), ("json", "r.json")]:
        path = tmp_path / filename
        with open_writer(path, FORMATS[fmt_name]) as writer:
            writer.write(record)
            writer.write(marc_record(title="Second"))
        assert name(detect_format(path)) == fmt_name
        items = list(read_file(path))
        assert [i.problems for i in items] == [[], []], fmt_name
        assert shapes(items[0].record) == shapes(record), fmt_name
        assert items[1].record["245"]["a"] == "Second", fmt_name


def test_read_file_with_an_explicit_format(tmp_path: Path) -> None:
    path = tmp_path / "records.txt"
    path.write_bytes(ISO)
    (item,) = read_file(path, FORMATS["marc"])
    assert shapes(item.record) == shapes(marc_record())


# --- writing -------------------------------------------------------------------------------------


def test_open_writer_is_atomic_on_error(tmp_path: Path) -> None:
    path = tmp_path / "out.mrc"

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with open_writer(path, FORMATS["marc"]) as writer:
            writer.write(marc_record())
            raise Boom
    assert list(tmp_path.iterdir()) == []


def test_open_writer_leaves_an_existing_file_untouched_on_error(tmp_path: Path) -> None:
    path = tmp_path / "out.xml"
    path.write_bytes(b"previous content")
    with pytest.raises(WriteError):
        with open_writer(path, FORMATS["marcxml"]) as writer:
            writer.write(marc_record())
            bad = marc_record()
            bad.add_field(Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", "\x00")]))
            writer.write(bad)
    assert path.read_bytes() == b"previous content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xml"]


def test_open_writer_replaces_an_existing_file_on_success(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_bytes(b"previous content")
    with open_writer(path, FORMATS["json"]) as writer:
        writer.write(marc_record())
    assert json.loads(path.read_bytes())[0]["leader"] == LEADER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.parametrize(("fmt_name", "qualified"), [("oai_dc", False), ("dcterms", True)])
def test_record_writer_converts_marc_to_dc_via_the_crosswalk(tmp_path: Path, fmt_name: str, qualified: bool) -> None:
    path = tmp_path / f"{fmt_name}.xml"
    record = marc_record()
    with open_writer(path, FORMATS[fmt_name]) as writer:
        writer.write(record)
    assert name(detect_format(path)) == fmt_name
    (item,) = read_file(path)
    assert item.problems == []
    expected = marc_to_dc(record, qualified=qualified)
    if not qualified:
        assert all(v.refinement is None and v.scheme is None for v in expected)
    assert item.record == expected
    assert item.record.title == "Moby Dick"


def test_dcterms_conversion_keeps_refinements(tmp_path: Path) -> None:
    path = tmp_path / "q.xml"
    with open_writer(path, FORMATS["dcterms"]) as writer:
        writer.write(marc_record())
    text = path.read_text(encoding="utf-8")
    assert "<dcterms:extent>500 p.</dcterms:extent>" in text
    path = tmp_path / "plain.xml"
    with open_writer(path, FORMATS["oai_dc"]) as writer:
        writer.write(marc_record())
    assert "extent" not in path.read_text(encoding="utf-8")


def test_record_writer_passes_dc_records_through_to_dc_formats() -> None:
    record = DublinCoreRecord()
    record.add("title", "Plain")
    buffer = io.BytesIO()
    writer = RecordWriter(buffer, FORMATS["dcterms"])
    writer.write(record)
    writer.close()
    assert b"<dcterms:title>Plain</dcterms:title>" in buffer.getvalue()


@pytest.mark.parametrize("fmt_name", ["marc", "marcxml", "mrk", "json"])
def test_record_writer_refuses_dc_to_marc(fmt_name: str) -> None:
    record = DublinCoreRecord()
    record.add("title", "T")
    writer = RecordWriter(io.BytesIO(), FORMATS[fmt_name])
    with pytest.raises(WriteError, match="no DC → MARC crosswalk"):
        writer.write(record)


def test_record_writer_refuses_a_read_only_format() -> None:
    with pytest.raises(ValueError, match="can be read but not written"):
        RecordWriter(io.BytesIO(), FORMATS["dc"])


def test_format_for_extension_when_writing_skips_read_only_formats() -> None:
    assert name(format_for_extension("x.xml", writing=True)) == "marcxml"
    assert all(fmt.writer is not None for fmt in FORMATS.values() if fmt.name != "dc")


def test_utf16_text_files_are_read(tmp_path) -> None:
    path = tmp_path / "windows.mrk"
    path.write_bytes("=LDR  00000nam a2200000 i 4500\n=245  10$aCafé.\n".encode("utf-16"))
    (item,) = read_file(path)
    assert item.ok and not item.problems
    assert item.record["245"]["a"] == "Café."
