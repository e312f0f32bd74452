"""MARC 21 Bibliographic reference data: facts checked against LC's documentation.

Each expectation below is a fact from LC's MARC 21 Format for Bibliographic Data
(https://www.loc.gov/marc/bibliographic/, field list ecbdlist.html through Update No. 42), so a
wrong or stale data file fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from sandbox.reference import marc21
from sandbox.reference.marc21 import (
    field,
    field_006_positions,
    field_007_categories,
    field_007_positions,
    field_008_length,
    field_008_positions,
    fields,
    leader_positions,
    material_type,
)

PROJECT = Path(__file__).resolve().parents[2]
GENERATOR = PROJECT / "tools" / "build_marc21_reference.py"
DATA = PROJECT / "sandbox" / "reference" / "data"
AVRAM = Path(os.environ.get(
    "CATSANDBOX_AVRAM",
    PROJECT.parent / "shared" / "reference" / "marc21-bibliographic.avram.json"))
DIGITS = set("0123456789")


def sub(tag: str, code: str) -> marc21.SubfieldDef:
    f = field(tag)
    assert f is not None, tag
    assert code in f.subfields, f"{tag} ${code} missing"
    return f.subfields[code]


def pos(positions: list[marc21.PositionDef], start: int) -> marc21.PositionDef:
    matches = [p for p in positions if p.start == start]
    assert len(matches) == 1, start
    return matches[0]


# --- variable fields ------------------------------------------------------------------------

def test_245_title_statement():
    f = field("245")
    assert f.label == "Title Statement"
    assert not f.repeatable and not f.obsolete
    assert f.citation == "https://www.loc.gov/marc/bibliographic/bd245.html"
    ind1, ind2 = f.indicators
    assert (ind1.position, ind2.position) == (1, 2)
    assert set(ind1.values) == {"0", "1"} and not ind1.undefined
    assert set(ind2.values) == DIGITS
    assert ind2.label == "Nonfiling characters"
    assert not sub("245", "a").repeatable
    assert sub("245", "n").repeatable and sub("245", "p").repeatable and sub("245", "k").repeatable
    # $d and $e (SE designation/name of part) are obsolete; $z is new (Proposal 2025-06)
    assert sub("245", "d").obsolete and sub("245", "e").obsolete
    assert sub("245", "z").label == "Title statement context note"
    assert not sub("245", "z").repeatable and not sub("245", "z").obsolete


def test_650_topical_subject():
    f = field("650")
    assert f.repeatable
    assert set(f.indicators[0].values) == {" ", "0", "1", "2"}
    assert set(f.indicators[1].values) == set("01234567")
    assert f.indicators[1].values["7"] == "Source specified in subfield $2"
    assert sub("650", "x").repeatable and sub("650", "v").repeatable
    assert not sub("650", "a").repeatable
    assert not sub("650", "e").repeatable        # LC: Relator term (NR) in 650
    assert sub("650", "4").repeatable


def test_020_isbn():
    f = field("020")
    assert f.repeatable
    assert all(i.undefined and i.values == {" ": "Undefined"} for i in f.indicators)
    assert sub("020", "z").label == "Canceled/invalid ISBN" and sub("020", "z").repeatable
    assert not sub("020", "a").repeatable
    assert sub("020", "q").repeatable
    assert sub("020", "b").obsolete              # Binding information [OBSOLETE]
    assert "7" not in f.subfields                # LC defines no data provenance in 020


@pytest.mark.parametrize("tag,label", [("336", "Content type"), ("337", "Media type"),
                                       ("338", "Carrier type")])
def test_rda_content_media_carrier(tag, label):
    f = field(tag)
    assert f.repeatable and all(i.undefined for i in f.indicators)
    assert sub(tag, "a").label == f"{label} term" and sub(tag, "a").repeatable
    assert sub(tag, "b").label == f"{label} code" and sub(tag, "b").repeatable
    assert sub(tag, "2").label == "Source" and not sub(tag, "2").repeatable
    assert sub(tag, "0").repeatable and sub(tag, "1").label == "Real World Object URI"
    # $7 was added to the 3XX fields shared with the Authority format: 336, not 337/338
    assert ("7" in f.subfields) == (tag == "336")


@pytest.mark.parametrize("tag,label,codes", [
    ("334", "Mode of Issuance", "ab0126 8"),
    ("335", "Extension Plan", "ab0123678"),
    ("353", "Supplementary Content Characteristics", "ab012368"),
    ("361", "Structured Ownership and Custodial History", "afkl osuxyz0135678"),
    ("387", "Representative Expression Characteristics", "abcdefghijklm0123678"),
    ("788", "Parallel Description in Another Language of Cataloging", "abdeilnstwx4568"),
    ("857", "Electronic Archive Location and Access", "bcdefghlmnqrstuxyz235678"),
    ("881", "Manifestation Statements", "abcdefghijklmn368"),
])
def test_fields_defined_since_2021(tag, label, codes):
    f = field(tag)
    assert f is not None, tag
    assert f.label == label
    assert f.repeatable and not f.obsolete
    assert f.citation == f"https://www.loc.gov/marc/bibliographic/bd{tag}.html"
    assert set(f.subfields) == set(codes.replace(" ", ""))
    assert not any(s.obsolete for s in f.subfields.values())


def test_new_field_details():
    assert sub("334", "a").label == "Mode of issuance term" and not sub("334", "a").repeatable
    assert sub("335", "a").label == "Extension plan term"
    assert sub("353", "a").label == "Supplementary content term" and sub("353", "a").repeatable
    f361 = field("361")
    assert f361.indicators[0].label == "Privacy"
    assert f361.indicators[0].values == {" ": "No information provided", "0": "Private",
                                         "1": "Not private"}
    assert f361.indicators[1].undefined
    assert sub("361", "k").label == "Formatted date"
    assert sub("387", "h").label == "Language of representative expression"
    f788 = field("788")
    assert set(f788.indicators[0].values) == {"0", "1"}
    assert set(f788.indicators[1].values) == {" ", "8"}
    assert sub("788", "e").label == "Language of cataloging"
    f857 = field("857")
    assert set(f857.indicators[0].values) == {" ", "1", "4", "7"}
    assert set(f857.indicators[1].values) == {" ", "0", "1", "2", "3", "4", "8"}
    assert sub("857", "b").label == "Name of archiving agency"
    assert sub("857", "7").label == "Access status"
    assert all(sub("881", c).repeatable for c in "abcdefghijklmn")
    assert sub("881", "c").label == "Manifestation title and responsibility statement"


# --- $7 data provenance and the other post-2021 subfields ---------------------------------------

@pytest.mark.parametrize("tag", ["041", "082", "100", "110", "111", "130", "240", "245", "246",
                                 "250", "264", "300", "336", "490", "500", "505", "520", "546",
                                 "600", "610", "650", "651", "655", "700", "710", "711", "720"])
def test_data_provenance_is_7(tag):
    s = sub(tag, "7")
    assert s.label == "Data provenance" and s.repeatable and not s.obsolete


def test_data_provenance_where_7_was_taken():
    # 533 $7 is the fixed-length data of the reproduction; provenance went to $y
    assert sub("533", "7").label == "Fixed-length data elements of reproduction"
    assert sub("533", "y").label == "Data provenance"
    for tag in ("760", "773", "776", "780", "785", "787"):      # $7 is the control subfield
        assert sub(tag, "7").label == "Control subfield"
        assert sub(tag, "l").label == "Data provenance" and sub(tag, "l").repeatable
    for tag in ("800", "810", "811", "830"):
        assert sub(tag, "7").label == "Control subfield"
        assert sub(tag, "y").label == "Data provenance"
    assert sub("856", "e").label == "Data provenance"
    assert sub("856", "7").label == "Access status" and not sub("856", "7").repeatable


def test_uri_and_source_subfields():
    for tag in ("100", "110", "130", "650", "700", "830"):
        assert sub(tag, "1").label == "Real World Object URI" and sub(tag, "1").repeatable
    assert sub("100", "2").label == "Source of heading or term"
    assert sub("050", "0").label == "Authority record control number or standard number"
    assert sub("022", "0").repeatable is False
    assert sub("653", "0").repeatable and sub("720", "1").repeatable
    assert sub("381", "4").label == "Relationship"               # Proposal 2025-03


def test_856_redefinitions():
    for code in "bijk":
        assert sub("856", code).obsolete, code
    assert sub("856", "g").label == "Persistent identifier"
    assert sub("856", "h").label == "Non-functioning Uniform Resource Identifier"
    assert not sub("856", "h").obsolete and sub("856", "h").repeatable
    assert set(field("856").indicators[1].values) == {" ", "0", "1", "2", "3", "4", "8"}


def test_obsolete_content_is_marked():
    assert field("440").obsolete and not field("490").obsolete
    assert field("011").obsolete and field("009").obsolete and field("009").indicators is None
    assert sub("022", "l").obsolete and sub("022", "m").obsolete      # ISSN-L moved to 023
    assert field("023").label == "Cluster ISSN" and not field("023").obsolete
    assert "2" in field("100").indicators[0].obsolete_values          # Multiple surname
    assert "2" not in field("100").indicators[0].values
    assert sub("111", "b").obsolete


def test_corrections_to_the_2021_source():
    assert field("030").subfields["a"].label == "CODEN"
    assert field("365").indicators[0].undefined and field("365").indicators[1].undefined
    assert set(field("411").indicators[1].values) == {"0", "1"}
    assert field("043").repeatable and field("046").repeatable and not field("066").repeatable
    assert sub("600", "s").repeatable and sub("700", "s").repeatable


def test_every_field_is_well_formed():
    all_fields = fields()
    assert len(all_fields) > 250
    for tag, f in all_fields.items():
        assert tag == f.tag and len(tag) == 3 and tag.isdigit()
        assert f.citation.startswith("https://www.loc.gov/marc/")
        if tag < "010":
            assert f.indicators is None and f.subfields == {}, tag
            continue
        assert len(f.indicators) == 2, tag
        for n, ind in enumerate(f.indicators, 1):
            assert ind.position == n
            assert ind.values, tag
            assert all(len(v) == 1 for v in [*ind.values, *ind.obsolete_values]), tag
            if ind.undefined:
                assert ind.values == {" ": "Undefined"}, tag
        for code, s in f.subfields.items():
            assert code == s.code and len(code) == 1 and (code.isdigit() or code.islower()), tag
            assert s.label, (tag, code)
    assert field("999") is None and field("LDR") is None


def test_fields_returns_a_copy():
    d = fields()
    d.pop("245")
    assert "245" in fields()


# --- Leader / 006 / 007 / 008 ---------------------------------------------------------------

def covers(positions, first, last):
    expect = first
    for p in positions:
        assert p.start == expect, (p.start, expect, p.label)
        assert p.end >= p.start
        expect = p.end + 1
    assert expect == last + 1


def test_leader_positions():
    ldr = leader_positions()
    covers(ldr, 0, 23)
    assert set(pos(ldr, 5).codes) == set("acdnp")
    assert set(pos(ldr, 6).codes) == set("acdefgijkmoprt")
    assert {"b", "h", "n"} <= set(pos(ldr, 6).obsolete_codes)
    assert set(pos(ldr, 7).codes) == set("abcdims")
    assert pos(ldr, 8).codes == {" ": "No specified type", "a": "Archival"}
    assert set(pos(ldr, 17).codes) == set(" 1234578uz")
    l18 = pos(ldr, 18).codes
    assert l18["i"] == "ISBD punctuation included"
    assert l18["c"] == "ISBD punctuation omitted"
    assert l18["n"] == "Non-ISBD punctuation omitted"
    assert l18["a"] == "AACR 2" and l18[" "] == "Non-ISBD" and "u" in l18
    assert set(pos(ldr, 19).codes) == set(" abc")
    length = pos(ldr, 0)
    assert length.end == 4 and length.accepts("01234") and not length.accepts("0123x")
    assert pos(ldr, 20).codes.keys() == {"4"} and pos(ldr, 23).codes.keys() == {"0"}


@pytest.mark.parametrize("leader06,leader07,expected", [
    ("a", "m", "BK"), ("a", "a", "BK"), ("a", "c", "BK"), ("a", "d", "BK"),
    ("t", "m", "BK"), ("t", "a", "BK"), ("t", "c", "BK"), ("t", "d", "BK"), ("t", "s", "BK"),
    ("a", "s", "CR"), ("a", "b", "CR"), ("a", "i", "CR"),
    ("c", "m", "MU"), ("d", "m", "MU"), ("i", "m", "MU"), ("j", "s", "MU"),
    ("e", "m", "MP"), ("f", "m", "MP"),
    ("g", "m", "VM"), ("k", "m", "VM"), ("o", "m", "VM"), ("r", "c", "VM"),
    ("m", "m", "CF"), ("m", "s", "CF"),
    ("p", "c", "MX"),
])
def test_material_type(leader06, leader07, expected):
    leader = f"00000n{leader06}{leader07} a2200000 a 4500"
    assert material_type(leader) == expected


def test_material_type_rejects_what_lc_does_not_define():
    with pytest.raises(ValueError):
        material_type("00000nb")
    with pytest.raises(ValueError):
        material_type("00000nbm a2200000 a 4500")      # Leader/06 b is obsolete


@pytest.mark.parametrize("material", marc21.MATERIALS)
def test_008_covers_00_to_39(material):
    positions = field_008_positions(material)
    covers(positions, 0, 39)
    assert field_008_length() == 40
    books = field_008_positions("BK")
    for start in (0, 6, 7, 11, 15, 35, 38, 39):          # the common positions
        assert pos(positions, start) == pos(books, start)
    for p in positions:
        assert p.citation.startswith("https://www.loc.gov/marc/bibliographic/bd008")
        if p.code_list is None and p.codes and not p.repeat_codes:
            widths = {len(k) for k in p.codes if "-" not in k or k == "---"}
            assert widths == {p.length}, (material, p.start, p.label)


def test_008_books_18_34():
    bk = field_008_positions("bk")
    ill = pos(bk, 18)
    assert (ill.end, ill.label, ill.repeat_codes) == (21, "Illustrations", True)
    assert ill.codes[" "] == "No illustrations" and ill.codes["a"] == "Illustrations"
    assert ill.accepts("ab  ") and ill.accepts("||||") and not ill.accepts("ax  ")
    assert pos(bk, 22).label == "Target audience" and "j" in pos(bk, 22).codes
    form = pos(bk, 23)
    assert form.label == "Form of item"
    assert form.codes["o"] == "Online" and form.codes["s"] == "Electronic"
    assert form.codes["r"] == "Regular print reproduction"
    assert form.codes["q"] == "Direct electronic"
    assert {"g", "h", "i", "z"} <= set(form.obsolete_codes)
    nature = pos(bk, 24)
    assert (nature.end, nature.repeat_codes) == (27, True)
    assert nature.codes["6"] == "Comics/graphic novels" and nature.codes["2"] == "Offprints"
    assert [pos(bk, n).label for n in (28, 29, 30, 31, 32, 33, 34)] == [
        "Government publication", "Conference publication", "Festschrift", "Index",
        "Undefined", "Literary form", "Biography"]
    assert set(pos(bk, 32).codes) == {" ", "|"}
    lang = pos(bk, 35)
    assert (lang.end, lang.code_list, lang.codes, lang.repeat_codes) == (37, "languages", {}, False)
    assert lang.accepts("eng") is None
    assert pos(bk, 15).code_list == "countries"
    date1 = pos(bk, 7)
    assert date1.accepts("19uu") and date1.accepts("    ") and not date1.accepts("19x5")


def test_008_other_materials():
    cr = field_008_positions("CR")
    kinds = pos(cr, 21).codes
    assert kinds["p"] == "Periodical" and kinds["n"] == "Newspaper"
    assert kinds["h"] == "Blog" and kinds["q"] == "Serial podcast" and kinds["j"] == "Journal"
    mu = field_008_positions("MU")
    form = pos(mu, 18)
    assert (form.end, form.repeat_codes) == (19, False)
    assert form.codes["sy"] == "Symphonies" and form.accepts("||") and not form.accepts("s|")
    vm = field_008_positions("VM")
    run = pos(vm, 18)
    assert run.end == 20 and not run.repeat_codes
    assert run.accepts("095") and run.accepts("---") and run.accepts("nnn") and run.accepts("000")
    assert not run.accepts("9 5") and not run.accepts("95")
    mp = field_008_positions("MP")
    assert pos(mp, 33).repeat_codes and pos(mp, 33).accepts("e|")
    assert pos(mp, 22).accepts("bd") and not pos(mp, 22).repeat_codes


@pytest.mark.parametrize("material,forms", [("BK", "at"), ("CF", "m"), ("CR", "s"),
                                            ("MP", "ef"), ("MU", "cdij"), ("MX", "p"),
                                            ("VM", "gkor")])
def test_006_is_008_18_34(material, forms):
    six = field_006_positions(material)
    covers(six, 0, 17)
    assert six[0].label == "Form of material" and set(six[0].codes) == set(forms)
    if material == "CR":    # 006 has its own code for serial aspects (LC, bd006.html)
        assert six[0].codes == {"s": "Serial/Integrating resource"}
    else:                   # otherwise 006/00 takes the Leader/06 codes that select the material
        for code in forms:
            assert material_type(f"00000n{code}m a2200000 a 4500") == material
    eight = {p.start: p for p in field_008_positions(material)}
    for p in six[1:]:
        q = eight[p.start + 17]
        assert (q.end - 17, q.label, q.codes, q.repeat_codes) == (p.end, p.label, p.codes,
                                                                   p.repeat_codes)


def test_007_categories_and_positions():
    cats = field_007_categories()
    assert set(cats) == set("acdfghkmoqrstvz")
    assert cats["c"] == "Electronic resource" and cats["v"] == "Videorecording"
    for cat in cats:
        positions = field_007_positions(cat)
        covers(positions, 0, positions[-1].end)
        assert set(positions[0].codes) == {cat}
    c01 = pos(field_007_positions("c"), 1)
    assert c01.label == "Specific material designation" and c01.codes["r"] == "Remote"
    assert c01.codes["o"] == "Optical disc"
    assert pos(field_007_positions("c"), 6).accepts("024")
    v04 = pos(field_007_positions("v"), 4)
    assert v04.codes["s"] == "Blu-ray disc" and v04.codes["v"] == "DVD"
    assert v04.codes["t"] == "4K Ultra HD Blu-ray"
    s01 = pos(field_007_positions("s"), 1)
    assert s01.codes["d"] == "Sound disc" and s01.codes["b"] == "Belt"
    assert len(field_007_positions("m")) and field_007_positions("m")[-1].end == 22
    assert pos(field_007_positions("a"), 4).codes["x"] == "Not applicable"
    with pytest.raises(ValueError):
        field_007_positions("x")


# --- the data file and its sources --------------------------------------------------------------

def test_loader_reads_the_packaged_file():
    res = resources.files("sandbox.reference").joinpath("data", "marc21_bibliographic.json")
    assert res.is_file()
    data = json.loads(res.read_text("utf-8"))
    assert data["_about"]["format"] == "catalog-sandbox/marc21-bibliographic"
    assert data["_about"]["standard"]["url"] == "https://www.loc.gov/marc/bibliographic/"
    assert marc21.about()["generated"] == data["_about"]["generated"]
    assert len(res.read_bytes()) < 2_000_000


def test_reference_module_does_not_import_qt():
    code = ("import sys, sandbox.reference.marc21 as m; m.fields(); m.field_008_positions('BK'); "
            "sys.exit(any(k.startswith(('PySide6', 'shiboken6')) for k in sys.modules))")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PROJECT)


def test_every_hand_written_fact_names_its_source():
    upd = json.loads((DATA / "marc21_updates.json").read_text("utf-8"))
    known = set(upd["sources"])
    entries = [("obsolete_fields", upd["obsolete_fields"])]
    for key in ("new_fields", "field_changes", "subfield_additions", "subfield_changes",
                "indicator_changes", "position_changes"):
        entries += [(key, e) for e in upd[key]]
    for key, e in entries:
        assert e["source"], (key, e)
        for s in e["source"]:
            assert s in known or s.startswith("https://www.loc.gov/"), (key, s)
        assert e["kind"] in {"lc-update", "avram-omission", "avram-error"}, (key, e)
    assert all(src["url"].startswith("https://") for src in upd["sources"].values())


def test_shipped_file_is_what_the_generator_makes(tmp_path):
    if not AVRAM.is_file():
        if os.environ.get("CI"):  # CI always has ../shared beside the clone
            pytest.fail(f"the Avram source file is missing in CI ({AVRAM})")
        pytest.skip(f"the Avram source file is not here ({AVRAM}); set CATSANDBOX_AVRAM")
    out = tmp_path / "marc21_bibliographic.json"
    subprocess.run([sys.executable, str(GENERATOR), "--avram", str(AVRAM), "--output", str(out)],
                   check=True, capture_output=True, cwd=PROJECT)
    shipped = DATA / "marc21_bibliographic.json"
    assert out.read_bytes() == shipped.read_bytes(), (
        "sandbox/reference/data/marc21_bibliographic.json is stale: "
        "run tools/build_marc21_reference.py")
