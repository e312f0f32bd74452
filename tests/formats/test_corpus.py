"""The robustness suite: every real-world file in ../shared/corpus loads or reports located errors."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from sandbox.formats import FORMATS, RecordWriter, WriteError, read_file
from sandbox.formats.iso2709 import Iso2709Reader
from tests.conftest import CORPUS, PROJECT
from tests.helpers import shapes

EXPECTED = PROJECT / "tests" / "data" / "corpus_expected.tsv"


def _table(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")),
                                   delimiter="\t"))


def _record_files() -> list[str]:
    if not (CORPUS / "INVENTORY.tsv").is_file():
        return []
    return [row["local_file"] for row in _table(CORPUS / "INVENTORY.tsv")]


def _broken() -> set[str]:
    return {row["local_file"] for row in _table(CORPUS / "BROKEN.tsv")}


@pytest.mark.parametrize("name", _record_files())
def test_every_corpus_file_reads_without_raising_and_locates_every_problem(corpus, name):
    items = list(read_file(corpus / name))
    for item in items:
        assert item.ok or item.errors, "a record that did not load must say why"
        for problem in item.problems:
            assert problem.path.endswith(Path(name).name)
            assert problem.record_number == item.number
            assert problem.offset is not None or problem.line is not None
            assert problem.message.strip()


def test_the_corpus_walk_covers_the_whole_inventory(corpus):
    names = _record_files()
    assert len(names) >= 190
    assert all((corpus / name).is_file() for name in names)


@pytest.mark.parametrize("row", _table(EXPECTED) if EXPECTED.is_file() else [],
                         ids=lambda row: row["local_file"])
def test_damaged_files_load_their_good_records_and_report_the_bad(corpus, row):
    items = list(read_file(corpus / row["local_file"]))
    loaded = [item for item in items if item.ok]
    assert len(items) == int(row["records"])
    assert len(loaded) == int(row["loaded"])
    assert sum(1 for item in loaded if item.warnings) == int(row["repaired"])
    assert len(items) - len(loaded) == int(row["unreadable"])


def test_expected_counts_cover_every_file_listed_as_broken(corpus):
    assert {row["local_file"] for row in _table(EXPECTED)} == _broken()


def _clean_marc_records(corpus):
    broken = _broken()
    for name in _record_files():
        if name in broken:
            continue
        for item in read_file(corpus / name):
            if item.ok and not item.warnings and hasattr(item.record, "leader"):
                yield name, item


def _round_trip(record, format_name):
    buffer = io.BytesIO()
    writer = RecordWriter(buffer, FORMATS[format_name])
    writer.write(record)
    writer.close()
    buffer.seek(0)
    return list(FORMATS[format_name].reader(buffer, f"round-trip.{format_name}"))


def _has_xml_forbidden_character(record) -> bool:
    texts = [str(record.leader)]
    for field in record.fields:
        texts.append(field.data or "" if field.is_control_field() else
                     "".join(field.indicators) + "".join(c + v for c, v in field.subfields))
    return any(ord(ch) < 0x20 and ch not in "\t\n\r" for text in texts for ch in text)


@pytest.mark.parametrize("format_name", ["marc", "marcxml", "mrk", "json"])
def test_clean_corpus_records_round_trip_field_by_field(corpus, format_name):
    checked = refused = 0
    for name, item in _clean_marc_records(corpus):
        try:
            back = _round_trip(item.record, format_name)
        except WriteError as error:
            # Only a character XML 1.0 cannot carry may stop a clean record, and it is named.
            assert format_name == "marcxml" and _has_xml_forbidden_character(item.record), name
            assert "control character" in str(error)
            refused += 1
            continue
        assert len(back) == 1 and back[0].ok and not back[0].problems, (name, item.number)
        assert shapes(back[0].record) == shapes(item.record), (name, item.number)
        leader, again = str(item.record.leader), str(back[0].record.leader)
        if format_name == "marc":  # ISO 2709 is written in UTF-8, and Leader/09 says so
            leader = leader[:9] + "a" + leader[10:]
        assert again[5:12] + again[17:] == leader[5:12] + leader[17:]
        checked += 1
    assert checked > 700
    assert refused <= 1


def _yaz_fields(element):
    namespace = "{http://www.loc.gov/MARC21/slim}"
    fields = []
    for child in element:
        if child.tag == namespace + "controlfield":
            fields.append((child.get("tag"), child.text or ""))
        elif child.tag == namespace + "datafield":
            fields.append((child.get("tag"), (child.get("ind1"), child.get("ind2")),
                           tuple((s.get("code"), s.text or "") for s in child)))
    return fields


def test_marc8_records_decode_to_the_same_unicode_as_yaz_marcdump(corpus):
    """Our MARC-8 conversion agrees with yaz-marcdump, character for character.

    Left out: records our reader repaired (yaz and we repair differently), and records with
    numeric character references (&#x…;), which LC's lossless conversion turns back into the
    characters they stand for and yaz leaves as text.
    """
    yaz = shutil.which("yaz-marcdump")
    if yaz is None:
        if os.environ.get("CI"):
            pytest.fail("yaz-marcdump is required in CI (Debian package 'yaz')")
        pytest.skip("yaz-marcdump is not installed (apt-get install yaz)")
    marc8_files = [row["local_file"] for row in _table(corpus / "INVENTORY.tsv")
                   if "marc8" in row["encoding_flags"] and row["local_file"] not in _broken()]
    compared = 0
    for name in marc8_files:
        output = subprocess.run([yaz, "-f", "marc8", "-t", "utf8", "-o", "marcxml",
                                 str(corpus / name)], capture_output=True, check=False).stdout
        theirs = etree.fromstring(output, etree.XMLParser(recover=True)).findall("{http://www.loc.gov/MARC21/slim}record")
        with open(corpus / name, "rb") as stream:
            ours = list(Iso2709Reader(stream, name))
        assert len(theirs) == len(ours), name
        raw = (corpus / name).read_bytes()
        for element, item in zip(theirs, ours):
            if not item.ok or item.warnings or b"&#x" in raw[item.offset:item.offset + item.length]:
                continue
            expected = _yaz_fields(element)
            assert shapes(item.record) == expected, (name, item.number)
            compared += 1
    assert compared >= 40
