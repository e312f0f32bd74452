#!/usr/bin/env python3
"""Build Catalog Sandbox's own MARC 21 Bibliographic reference file.

    python tools/build_marc21_reference.py [--avram PATH] [--updates PATH] [--output PATH]

Inputs (facts only; neither file is copied into the output):

* the Avram schema of MARC 21 Bibliographic from pkiraly/metadata-qa-marc (GPL-3.0 *as a file*,
  the facts are the Library of Congress's public standard), kept outside the project in
  ``shared/reference/marc21-bibliographic.avram.json`` beside the repository (override with
  ``--avram`` or the ``CATSANDBOX_AVRAM`` environment variable). It stops in July 2021.
* ``sandbox/reference/data/marc21_updates.json``: hand-written facts from LC's MARC 21
  documentation that the Avram file lacks or gets wrong (new fields, subfields, indicator
  values, codes, obsolete elements, corrections), every entry naming its LC source.

Output: ``sandbox/reference/data/marc21_bibliographic.json``, read at run time by
``sandbox.reference.marc21``. The output is deterministic: keys are sorted, lists keep a fixed
order, and the generation date is the ``facts_checked`` date of the updates file, so running the
script again on the same inputs reproduces the file byte for byte (a test does exactly that).

Output format ("catalog-sandbox/marc21-bibliographic", version 1), one JSON object:

``_about``
    Title, format name and version, generation date, generator, the LC URLs of the standard,
    the sources the data were built from, these conventions, and counts.
``fields``
    ``{tag: field}`` for every data and control field, including obsolete ones. A field is
    ``{"label", "repeatable", "obsolete", "citation", "indicators", "subfields"}``:
    ``citation`` is the LC page (``https://www.loc.gov/marc/bibliographic/bdXXX.html``);
    ``indicators`` is ``null`` for control fields (001-009), otherwise a two-item list
    ``[first, second]`` of ``{"label", "undefined", "values", "obsolete_values"}``, where
    ``values``/``obsolete_values`` map the indicator character (``" "`` for blank) to its
    meaning and an undefined indicator has ``undefined: true`` and ``values == {" ":
    "Undefined"}``; ``subfields`` is a list of ``[code, label, repeatable, obsolete]`` in LC
    order (letters, then digits). A code listed as current has been redefined if LC also lists
    an older obsolete meaning; only the current meaning is kept.
``leader``
    ``{"citation", "length": 24, "positions": [position, ...]}``.
``field_008``
    ``{"citation", "length": 40, "materials": {BK|CF|CR|MP|MU|MX|VM: {"label", "citation",
    "positions"}}}``; each material's positions cover 00-39 (the common 00-17 and 35-39 plus
    its own 18-34), undefined positions included.
``field_006``
    ``{"citation", "length": 18, "materials": {code: {"label", "positions"}}}``: 006/00 (form of
    material, with the Leader/06-like codes that select this material) then 006/01-17, which LC
    defines as the material's 008/18-34.
``field_007``
    ``{"citation", "categories": {007/00 code: {"label", "citation", "positions"}}}``.
``material_types``
    ``{"citation", "labels": {code: label}, "rules": [...]}``: ordered rules mapping Leader/06
    (``leader_06``, a string of codes) and Leader/07 (``leader_07``, codes, or null for any) to
    the 008 material configuration; ``lc`` is false for the fallback rules LC does not state.

A position is ``{"start", "end", "label", "codes", "obsolete_codes", "repeat_codes",
"code_list", "citation"}``; ``end`` is inclusive. ``repeat_codes`` is true when each character of
a multi-character position is a code of its own (008/18-21 Books illustrations); otherwise a
code fills the whole span (008/35-37 language) and its length equals the span's, except keys of
the form ``"001-999"``, which stand for a range of numbers. ``code_list`` names an external
MARC code list ("languages", "countries") when the values come from there (``codes`` is then
empty). Undefined positions have label "Undefined" and codes blank and fill ("|"), as LC's 008
documentation states for undefined character positions. Codes LC has made obsolete are in
``obsolete_codes``.

Python standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_AVRAM = Path(os.environ.get(
    "CATSANDBOX_AVRAM",
    PROJECT.parent / "shared" / "reference" / "marc21-bibliographic.avram.json"))
DEFAULT_UPDATES = PROJECT / "sandbox" / "reference" / "data" / "marc21_updates.json"
DEFAULT_OUTPUT = PROJECT / "sandbox" / "reference" / "data" / "marc21_bibliographic.json"

FORMAT = "catalog-sandbox/marc21-bibliographic"
FORMAT_VERSION = 1
LC = "https://www.loc.gov/marc/bibliographic/"
UNDEFINED_IND = {"label": "Undefined", "undefined": True, "values": {" ": "Undefined"},
                 "obsolete_values": {}}
UNDEFINED_CODES = {" ": "Undefined", "|": "No attempt to code"}

MATERIALS = {  # 008 configuration code -> (Avram type name, label, 008 page)
    "BK": ("Books", "Books", "bd008b.html"),
    "CF": ("Computer Files", "Computer Files", "bd008c.html"),
    "CR": ("Continuing Resources", "Continuing Resources", "bd008s.html"),
    "MP": ("Maps", "Maps", "bd008p.html"),
    "MU": ("Music", "Music", "bd008m.html"),
    "MX": ("Mixed Materials", "Mixed Materials", "bd008x.html"),
    "VM": ("Visual Materials", "Visual Materials", "bd008v.html"),
}
# Leader/06 codes, and so 006/00 codes, that select each material (LC, bd006.html / bd008.html).
FORM_OF_MATERIAL = {"BK": "at", "CF": "m", "CR": "s", "MP": "ef", "MU": "cdij", "MX": "p",
                    "VM": "gkor"}
# LC, bd008.html: "Books (BK) - Leader/06 = a or t and Leader/07 = a, c, d, or m";
# "Continuing resources (CR) - Leader/06 = a and Leader/07 = b, i, or s"; the others by Leader/06.
MATERIAL_RULES = [
    {"leader_06": "at", "leader_07": "acdm", "material": "BK", "lc": True},
    {"leader_06": "a", "leader_07": "bis", "material": "CR", "lc": True},
    {"leader_06": "m", "leader_07": None, "material": "CF", "lc": True},
    {"leader_06": "ef", "leader_07": None, "material": "MP", "lc": True},
    {"leader_06": "cdij", "leader_07": None, "material": "MU", "lc": True},
    {"leader_06": "p", "leader_07": None, "material": "MX", "lc": True},
    {"leader_06": "gkor", "leader_07": None, "material": "VM", "lc": True},
    {"leader_06": "at", "leader_07": None, "material": "BK", "lc": False,
     "note": "LC states BK only for Leader/07 a, c, d, m; language material with any other "
             "Leader/07 (e.g. t with s, or a blank) falls back to BK"},
]


class BuildError(Exception):
    """The inputs contradict each other (an update names a field or code that is not there)."""


# ---------------------------------------------------------------------------------------------
# small helpers

def _expand(codes: dict[str, str]) -> dict[str, str]:
    """Expand single-digit ranges ("0-9", "1-9") into one key per digit; keep "001-999"."""
    out: dict[str, str] = {}
    for key, label in codes.items():
        m = re.fullmatch(r"(\d)-(\d)", key)
        if m:
            for d in range(int(m[1]), int(m[2]) + 1):
                out[str(d)] = label
        else:
            out[key] = label
    return out


def _labels(avram_codes: dict | None) -> dict[str, str]:
    return _expand({k: v["label"] for k, v in (avram_codes or {}).items()})


def _subfield_order(code: str) -> tuple[bool, str]:
    return (code.isdigit(), code)


def _citation(tag: str) -> str:
    return f"{LC}bd{tag}.html"


def _span(key: str) -> tuple[int, int]:
    a, _, b = key.partition("-")
    return int(a), int(b or a)


# ---------------------------------------------------------------------------------------------
# variable and control fields

def _indicator(avram_ind: dict | None) -> dict:
    if avram_ind is None:
        return json.loads(json.dumps(UNDEFINED_IND))
    return {"label": avram_ind["label"].strip(), "undefined": False,
            "values": _labels(avram_ind.get("codes")),
            "obsolete_values": _labels(avram_ind.get("historical-codes"))}


def fields_from_avram(avram: dict) -> dict[str, dict]:
    fields = {}
    for tag, f in avram["fields"].items():
        if tag == "LDR":
            continue
        control = tag < "010"
        subfields = {}
        for code, s in f.get("historical-subfields", {}).items():
            subfields[code] = [s["label"], False, True]
        for code, s in f.get("subfields", {}).items():   # a current meaning wins
            subfields[code] = [s["label"], bool(s["repeatable"]), False]
        fields[tag] = {
            "label": f.get("label", "").strip(),
            "repeatable": bool(f["repeatable"]),
            "obsolete": False,
            "citation": f.get("url") or _citation(tag),
            "indicators": None if control else [_indicator(f.get("indicator1")),
                                                _indicator(f.get("indicator2"))],
            "subfields": subfields,
        }
    return fields


def _new_indicator(spec) -> dict | None:
    if spec is None:
        return None
    if spec == "undefined":
        return json.loads(json.dumps(UNDEFINED_IND))
    if "label" in spec:       # {"label", "values"[, "obsolete_values"]}
        values = _expand(spec["values"])
        return {"label": spec["label"], "undefined": values == {" ": "Undefined"},
                "values": values, "obsolete_values": _expand(spec.get("obsolete_values", {}))}
    return {"label": "", "undefined": False, "values": _expand(spec), "obsolete_values": {}}


def apply_field_updates(fields: dict[str, dict], upd: dict) -> None:
    for nf in upd["new_fields"]:
        tag = nf["tag"]
        if tag in fields:
            raise BuildError(f"new field {tag} is already in the Avram file")
        fields[tag] = {
            "label": nf["label"], "repeatable": nf["repeatable"],
            "obsolete": nf.get("obsolete", False), "citation": _citation(tag),
            "indicators": [_new_indicator(nf["ind1"]), _new_indicator(nf["ind2"])],
            "subfields": {c: [label, rep, False] for c, label, rep in nf["subfields"]},
        }

    for tag, (label, rep, ind1, ind2, subs) in upd["obsolete_fields"]["fields"].items():
        if tag in fields:
            raise BuildError(f"obsolete field {tag} is already in the Avram file")
        control = tag < "010"
        inds = None
        if not control:
            inds = []
            for spec, name in ((ind1, "First"), (ind2, "Second")):
                ind = _new_indicator(spec)
                if not ind["undefined"] and not ind["label"]:
                    ind["label"] = f"{name} indicator"
                inds.append(ind)
        fields[tag] = {"label": label, "repeatable": rep, "obsolete": True,
                       "citation": _citation(tag), "indicators": inds,
                       "subfields": {c: [lab, r, False] for c, lab, r in subs}}

    for ch in upd["field_changes"]:
        f = _field(fields, ch["tag"])
        for key in ("label", "repeatable", "obsolete"):
            if key in ch:
                f[key] = ch[key]

    for add in upd["subfield_additions"]:
        codes = add.get("codes") or add["code"]
        for tag in add["tags"]:
            f = _field(fields, tag)
            for code in codes:
                if code in f["subfields"] and not f["subfields"][code][2]:
                    raise BuildError(f"{tag} ${code} is already defined: {f['subfields'][code]}")
                f["subfields"][code] = [add["label"], add["repeatable"], False]

    for ch in upd["subfield_changes"]:
        for tag in ch["tags"]:
            f = _field(fields, tag)
            sub = f["subfields"].get(ch["code"])
            if sub is None:
                if not ch.get("obsolete") or "label" not in ch:
                    raise BuildError(f"{tag} ${ch['code']} to change is not defined")
                sub = f["subfields"][ch["code"]] = [ch["label"], False, True]
            if "label" in ch:
                sub[0] = ch["label"]
            if "repeatable" in ch:
                sub[1] = ch["repeatable"]
            if "obsolete" in ch:
                sub[2] = ch["obsolete"]

    for ch in upd["indicator_changes"]:
        for tag in ch.get("tags") or [ch["tag"]]:
            f = _field(fields, tag)
            ind = f["indicators"][ch["position"] - 1]
            if ch.get("undefined"):
                ind.update(json.loads(json.dumps(UNDEFINED_IND)))
            if "values" in ch:
                ind["values"] = _expand(ch["values"])
                ind["undefined"] = False
            if "add_values" in ch:
                if ind["undefined"]:
                    ind["values"], ind["undefined"] = {}, False
                ind["values"].update(_expand(ch["add_values"]))
            if "add_obsolete_values" in ch:
                ind["obsolete_values"].update(_expand(ch["add_obsolete_values"]))
            if "label" in ch:
                ind["label"] = ch["label"]


def _field(fields: dict[str, dict], tag: str) -> dict:
    if tag not in fields:
        raise BuildError(f"update names field {tag}, which is not defined")
    return fields[tag]


def finish_fields(fields: dict[str, dict]) -> dict[str, dict]:
    out = {}
    for tag in sorted(fields):
        f = fields[tag]
        subs = [[c, *f["subfields"][c]] for c in sorted(f["subfields"], key=_subfield_order)]
        out[tag] = {**f, "subfields": subs}
    return out


# ---------------------------------------------------------------------------------------------
# character positions (Leader, 006, 007, 008)

def _position(key: str, avram_pos: dict, citation: str) -> dict:
    start, end = _span(key)
    return {"start": start, "end": end, "label": avram_pos.get("label", "").strip(),
            "codes": _labels(avram_pos.get("codes")),
            "obsolete_codes": _labels(avram_pos.get("historical-codes")),
            "repeat_codes": None, "code_list": None,
            "citation": avram_pos.get("url") or citation}


def _undefined_position(start: int, end: int, citation: str) -> dict:
    return {"start": start, "end": end, "label": "Undefined", "codes": dict(UNDEFINED_CODES),
            "obsolete_codes": {}, "repeat_codes": end > start, "code_list": None,
            "citation": citation}


def _normalize(pos: dict) -> dict:
    """Decide repeat_codes and write fill characters to match."""
    width = pos["end"] - pos["start"] + 1
    if pos["repeat_codes"] is None:
        plain = [k for k in pos["codes"] if set(k) != {"|"}]
        pos["repeat_codes"] = (width > 1 and pos["code_list"] is None and bool(plain)
                               and all(len(k) == 1 for k in plain))
    for key in ("codes", "obsolete_codes"):
        codes = {}
        for k, v in pos[key].items():
            if set(k) == {"|"}:
                k = "|" if (pos["repeat_codes"] or width == 1) else "|" * width
            elif set(k) == {" "} and pos["repeat_codes"]:
                k = " "
            codes[k] = v
        pos[key] = dict(sorted(codes.items()))
    return pos


def _fill_gaps(positions: list[dict], first: int, last: int, citation: str) -> list[dict]:
    positions = sorted(positions, key=lambda p: p["start"])
    out, expect = [], first
    for p in positions:
        if p["start"] < expect:
            raise BuildError(f"overlapping positions at {p['start']:02d}: {p['label']}")
        if p["start"] > expect:
            out.append(_undefined_position(expect, p["start"] - 1, citation))
        out.append(p)
        expect = p["end"] + 1
    if expect <= last:
        out.append(_undefined_position(expect, last, citation))
    return [_normalize(p) for p in out]


def _apply_position_change(positions: list[dict], ch: dict, citation: str) -> None:
    start = ch["start"]
    matches = [p for p in positions if p["start"] == start]
    if matches:
        pos = matches[0]
        if "end" in ch and ch["end"] != pos["end"]:
            raise BuildError(f"position {start:02d} ends at {pos['end']:02d}, not {ch['end']:02d}")
    else:
        if "label" not in ch:
            raise BuildError(f"position {start:02d} is not defined and the update gives no label")
        pos = {"start": start, "end": ch.get("end", start), "label": ch["label"], "codes": {},
               "obsolete_codes": {}, "repeat_codes": None, "code_list": None,
               "citation": citation}
        positions.append(pos)
    if "label" in ch:
        pos["label"] = ch["label"]
    if "codes" in ch:
        pos["codes"] = _expand(ch["codes"])
    if "add_codes" in ch:
        clash = set(ch["add_codes"]) & set(pos["codes"])
        if clash:
            raise BuildError(f"codes {sorted(clash)} at {start:02d} are already defined")
        pos["codes"].update(ch["add_codes"])
    if "repeat_codes" in ch:
        pos["repeat_codes"] = ch["repeat_codes"]
    if "code_list" in ch:
        pos["code_list"] = ch["code_list"]
        pos["codes"] = {}


def build_positions(avram: dict, upd: dict) -> dict:
    changes = upd["position_changes"]
    af = avram["fields"]

    # Leader
    leader_cite = LC + "bdleader.html"
    leader = [_position(k, p, leader_cite) for k, p in af["LDR"]["positions"].items()]
    for ch in (c for c in changes if c["field"] == "leader"):
        _apply_position_change(leader, ch, leader_cite)
    leader = _fill_gaps(leader, 0, 23, leader_cite)

    # 008
    types8 = af["008"]["types"]
    common_cite = LC + "bd008a.html"
    common = [_position(k, p, common_cite) for k, p in types8["All Materials"]["positions"].items()]
    for ch in (c for c in changes if c["field"] == "008" and c["material"] == "all"):
        _apply_position_change(common, ch, common_cite)
    materials8 = {}
    for code, (avram_name, label, page) in MATERIALS.items():
        cite = LC + page
        own = [_position(k, p, cite) for k, p in types8[avram_name]["positions"].items()]
        for ch in (c for c in changes if c["field"] == "008" and c.get("material") == code):
            _apply_position_change(own, ch, cite)
        own = [p for p in own if 18 <= p["start"] <= 34]
        positions = _fill_gaps(json.loads(json.dumps(common)) + own, 0, 39, cite)
        materials8[code] = {"label": label, "citation": cite, "positions": positions}

    # 006: 006/00 plus the material's 008/18-34 shifted to 006/01-17 (LC, bd006.html)
    cite6 = LC + "bd006.html"
    form_codes = _labels(af["006"]["types"]["All Materials"]["positions"]["00"]["codes"])
    materials6 = {}
    for code, m8 in materials8.items():
        first = {"start": 0, "end": 0, "label": "Form of material",
                 "codes": {c: form_codes[c] for c in FORM_OF_MATERIAL[code]},
                 "obsolete_codes": {}, "repeat_codes": False, "code_list": None,
                 "citation": cite6}
        rest = []
        for p in m8["positions"]:
            if 18 <= p["start"] <= 34:
                q = json.loads(json.dumps(p))
                q["start"] -= 17
                q["end"] -= 17
                q["citation"] = cite6
                rest.append(q)
        materials6[code] = {"label": m8["label"], "positions": [_normalize(first)] + rest}

    # 007
    categories = {}
    for name, t in af["007"]["types"].items():
        if name == "Common":
            continue
        pos00 = t["positions"]["00"]
        cat = next(iter(pos00["codes"]))
        cite = pos00.get("url") or f"{LC}bd007{cat}.html"
        positions = [_position(k, p, cite) for k, p in t["positions"].items()]
        for ch in (c for c in changes if c["field"] == "007" and c["category"] == cat):
            _apply_position_change(positions, ch, cite)
        last = max(p["end"] for p in positions)
        categories[cat] = {"label": pos00["codes"][cat]["label"], "citation": cite,
                           "positions": _fill_gaps(positions, 0, last, cite)}

    unknown = {c["field"] for c in changes} - {"leader", "008", "007"}
    if unknown:
        raise BuildError(f"position changes for unknown fields: {sorted(unknown)}")

    return {
        "leader": {"citation": leader_cite, "length": 24, "positions": leader},
        "field_006": {"citation": cite6, "length": 18, "materials": materials6},
        "field_007": {"citation": LC + "bd007.html",
                      "categories": dict(sorted(categories.items()))},
        "field_008": {"citation": LC + "bd008.html", "length": 40, "materials": materials8},
        "material_types": {"citation": LC + "bd008.html",
                           "labels": {c: m[1] for c, m in MATERIALS.items()},
                           "rules": MATERIAL_RULES},
    }


# ---------------------------------------------------------------------------------------------

def check_sources(upd: dict) -> None:
    """Every hand-written entry must name a source: an LC page or a documented source id."""
    known = set(upd["sources"])

    def check(entry: dict, where: str) -> None:
        srcs = entry.get("source")
        if not srcs:
            raise BuildError(f"{where}: no source")
        for s in srcs:
            if not (s in known or s.startswith("https://www.loc.gov/")):
                raise BuildError(f"{where}: unknown source {s!r}")

    for key in ("new_fields", "field_changes", "subfield_additions", "subfield_changes",
                "indicator_changes", "position_changes"):
        for i, entry in enumerate(upd[key]):
            check(entry, f"{key}[{i}]")
    check(upd["obsolete_fields"], "obsolete_fields")


def build(avram: dict, upd: dict) -> dict:
    check_sources(upd)
    fields = fields_from_avram(avram)
    apply_field_updates(fields, upd)
    fields = finish_fields(fields)
    data = build_positions(avram, upd)
    data["fields"] = fields
    data["_about"] = {
        "title": "MARC 21 Format for Bibliographic Data: fields, indicators, subfields and "
                 "character positions, as data for Catalog Sandbox",
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated": upd["facts_checked"],
        "generator": "tools/build_marc21_reference.py (see its docstring for this layout)",
        "standard": {
            "name": "MARC 21 Format for Bibliographic Data",
            "maintainer": "Library of Congress, Network Development and MARC Standards Office",
            "url": LC,
            "field_list": LC + "ecbdlist.html",
            "current_through": upd["current_through"],
        },
        "sources": [
            {"name": "MARC 21 Format for Bibliographic Data (Avram schema, 2021-07-01)",
             "from": "pkiraly/metadata-qa-marc, src/main/resources/marc-schema.json, commit "
                     "b251259faeab350ae2f37472c1a6ccb46340108b",
             "use": "facts read by the generator (labels, repeatability, indicator values, "
                    "subfield codes, character positions and codes); the file itself is not "
                    "part of Catalog Sandbox"},
            {"name": "sandbox/reference/data/marc21_updates.json",
             "use": "hand-written LC facts since 2021 and corrections, each with its LC source"},
        ],
        "lc_sources": [{"id": k, **v} for k, v in sorted(upd["sources"].items())],
        "not_described": [
            ("841-845, 853-855, 863-868, 876-878: holdings fields that may be embedded in "
             "bibliographic records; LC defines them in the MARC 21 Format for Holdings Data "
             "(https://www.loc.gov/marc/holdings/)"),
            ("09X, 59X, 69X (688 apart), 9XX and the other X9X local fields: defined locally, "
             "not by LC"),
        ],
        "conventions": [
            "indicator and code keys are the characters themselves; ' ' is blank (LC's #)",
            "an undefined indicator has undefined=true and values {' ': 'Undefined'}",
            "subfields: [code, label, repeatable, obsolete], letters before digits",
            "positions: end is inclusive; repeat_codes=true means every character is a code",
            "a code key like '001-999' is a numeric range filling the whole span",
            "code_list names an external MARC code list (languages, countries)",
            "undefined character positions accept blank or fill ('|')",
            "880 and 886 carry the associated field's indicators and subfields",
        ],
        "counts": {
            "fields": len(fields),
            "obsolete_fields": sum(f["obsolete"] for f in fields.values()),
            "subfields": sum(len(f["subfields"]) for f in fields.values()),
            "007_categories": len(data["field_007"]["categories"]),
        },
    }
    return data


def dumps(data: dict) -> str:
    """Sorted, compact JSON with one top-level section, and one field, per line."""
    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    parts = []
    for key in sorted(data):
        if key == "fields":
            body = ",\n".join(f"{one(tag)}:{one(f)}" for tag, f in sorted(data[key].items()))
            parts.append(f'"fields":{{\n{body}\n}}')
        else:
            parts.append(f"{one(key)}:{one(data[key])}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--avram", type=Path, default=DEFAULT_AVRAM)
    ap.add_argument("--updates", type=Path, default=DEFAULT_UPDATES)
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args(argv)
    if not args.avram.is_file():
        print(f"the Avram file is missing: {args.avram} (use --avram or CATSANDBOX_AVRAM)",
              file=sys.stderr)
        return 2
    avram = json.loads(args.avram.read_text("utf-8"))
    upd = json.loads(args.updates.read_text("utf-8"))
    try:
        text = dumps(build(avram, upd))
    except BuildError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    args.output.write_text(text, "utf-8")
    print(f"wrote {args.output} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
