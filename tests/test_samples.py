"""The shipped samples: enough records of every material, clean, and derived copies current."""

from __future__ import annotations

import io

from sandbox.formats import FORMATS, RecordWriter, read_file
from sandbox.records import display
from sandbox.records.dublin_core import DublinCoreRecord
from sandbox.samples import sample_files, starter_files
from tests.conftest import SAMPLES

DERIVED = {"starter-records.mrc": "marc", "starter-records.xml": "marcxml",
           "starter-records.json": "json"}


def _records(name):
    items = list(read_file(SAMPLES / name))
    assert all(item.ok and not item.problems for item in items), [
        str(p) for item in items for p in item.problems]
    return [item.record for item in items]


def test_marc_samples_cover_every_material_the_issue_names():
    records = _records("starter-records.mrk")
    assert len(records) >= 12
    materials = [display.material(record) for record in records]
    for wanted in ("Book", "Serial", "Projected medium", "Musical sound recording",
                   "Notated music", "Cartographic material"):
        assert wanted in materials, wanted
    leaders = [str(r.leader) for r in records]
    assert any(r.get("041") and r["041"].get("h") for r in records), "a translation (041 $h)"
    assert any(len(r.get_fields("700")) >= 2 and r.get("100") for r in records), "several authors"
    assert any(r.get("856") and r["008"].data[23] == "o" for r in records), "an online e-book"
    assert all(leader[9] == "a" and len(leader) == 24 for leader in leaders)
    assert all(len(r["008"].data) == 40 for r in records)
    assert len({display.control_number(r) for r in records}) == len(records)


def test_dublin_core_samples_in_two_formats():
    oai = _records("dublin-core-oai_dc.xml")
    qualified = _records("dublin-core-dcterms.xml")
    assert len(oai) >= 5 and len(qualified) >= 5
    assert all(isinstance(r, DublinCoreRecord) and r.title for r in oai + qualified)
    assert any(v.refinement for r in qualified for v in r)
    assert not any(v.refinement for r in oai for v in r)


def test_derived_sample_files_are_current_copies_of_the_mrk():
    source = _records("starter-records.mrk")
    for name, format_name in DERIVED.items():
        buffer = io.BytesIO()
        writer = RecordWriter(buffer, FORMATS[format_name])
        for record in source:
            writer.write(record)
        writer.close()
        assert (SAMPLES / name).read_bytes() == buffer.getvalue(), (
            f"{name} is stale: run python tools/build_samples.py")


def test_starter_files_are_found_through_the_installed_package():
    assert [p.name for p in starter_files()] == ["starter-records.mrk", "dublin-core-dcterms.xml"]
    assert {p.name for p in sample_files()} >= set(DERIVED)
