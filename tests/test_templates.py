"""New-record templates: each is a clean RDA starting point with the right codes for its kind."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.reference import marc21
from sandbox.rules.engine import validate
from sandbox.templates import TEMPLATES, TemplateError, new_record, template_text

#: template id → (Leader/06-07, 008 material, 336 $b, 337 $b, 338 $b, 007/00-01 or None)
EXPECTED = {
    "printed-book": ("am", "BK", "txt", "n", "nc", None),
    "e-book": ("am", "BK", "txt", "c", "cr", "cr"),
    "serial": ("as", "CR", "txt", "n", "nc", None),
    "video-recording": ("gm", "VM", "tdi", "v", "vd", "vd"),
    "sound-recording": ("jm", "MU", "prm", "s", "sd", "sd"),
    "map": ("em", "MP", "cri", "n", "nb", "aj"),
}


def subfield(record, tag, code):
    return [value for field in record.get_fields(tag) for c, value in field.subfields if c == code]


def test_the_six_templates_of_the_editor_issue_exist():
    assert set(TEMPLATES) == set(EXPECTED)
    for template in TEMPLATES.values():
        assert template.label and template.description
        assert template_text(template.id).startswith("=LDR")


@pytest.mark.parametrize("template_id", sorted(EXPECTED))
def test_template_has_the_codes_of_its_kind(template_id):
    leader_06_07, material, content, media, carrier, category = EXPECTED[template_id]
    record = new_record(template_id, today=date(2026, 3, 9))
    leader = str(record.leader)
    assert leader[6:8] == leader_06_07
    assert leader[18] == "i"  # ISBD punctuation, as RDA records in the US are made
    assert marc21.material_type(leader) == material
    assert subfield(record, "336", "b") == [content]
    assert subfield(record, "337", "b") == [media]
    assert subfield(record, "338", "b") == [carrier]
    assert subfield(record, "040", "b") == ["eng"] and subfield(record, "040", "e") == ["rda"]
    fields_007 = record.get_fields("007")
    assert (fields_007[0].data[:2] if fields_007 else None) == category
    (field_008,) = record.get_fields("008")
    assert len(field_008.data) == 40
    assert field_008.data[:6] == "260309"


@pytest.mark.parametrize("template_id", sorted(EXPECTED))
def test_template_lints_without_errors_under_the_rda_profile(template_id):
    findings = validate(new_record(template_id), "rda")
    assert [f for f in findings if f.severity == "error"] == []


def test_e_book_codes_its_electronic_aspect_in_006_and_008():
    record = new_record("e-book")
    (field_006,) = record.get_fields("006")
    assert field_006.data[0] == "m" and len(field_006.data) == 18
    assert record.get_fields("008")[0].data[23] == "o"  # form of item: online


def test_map_carries_scale_in_034_and_255():
    record = new_record("map")
    assert subfield(record, "034", "a") == ["a"]
    assert subfield(record, "255", "a")[0].startswith("Scale 1:")


def test_each_new_record_is_a_fresh_object():
    first, second = new_record("printed-book"), new_record("printed-book")
    first.get_fields("245")[0].subfields[0] = first.get_fields("245")[0].subfields[0]._replace(
        value="Changed")
    assert subfield(second, "245", "a")[0] == "Title proper :"


def test_unknown_template_names_the_choices():
    with pytest.raises(TemplateError, match="printed-book"):
        new_record("globe")
