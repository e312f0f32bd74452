"""Checks on sandbox/formats/data/mrk_mnemonics.tsv, the {name} -> Unicode table for .mrk text.

Every row is cross-checked three ways (code point syntax, the Unicode name written next to it,
and the MARC-8 code it cites against pymarc's LC tables), so a typo anywhere in a row fails.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

TABLE = Path(__file__).resolve().parents[2] / "sandbox" / "formats" / "data" / "mrk_mnemonics.tsv"
HEADER = ["mnemonic", "codepoints", "name"]
CODEPOINT = re.compile(r"U\+([0-9A-F]{4,6})")
MNEMONIC = re.compile(r"[A-Za-z][A-Za-z0-9]*")
MARC8 = re.compile(r"MARC-8 ((?:[0-9A-F]{2} ?)+)")

# The combining marks of LC's Extended Latin (ANSEL) set, E0-FE, under their mnemonic names.
ANSEL_DIACRITICS = {
    "hooka": "E0", "grave": "E1", "acute": "E2", "circ": "E3", "tilde": "E4", "macr": "E5",
    "breve": "E6", "dot": "E7", "uml": "E8", "diaer": "E8", "caron": "E9", "ring": "EA",
    "llig": "EB", "rlig": "EC", "rcommaa": "ED", "dblac": "EE", "candra": "EF", "cedil": "F0",
    "ogon": "F1", "hookr": "F1", "dotb": "F2", "dbldotb": "F3", "ringb": "F4", "dblunder": "F5",
    "under": "F6", "commab": "F7", "hookl": "F7", "rcedil": "F8", "breveb": "F9",
    "ldbltil": "FA", "rdbltil": "FB", "commaa": "FE",
}
ASCII_ESCAPES = {"dollar": "$", "lcub": "{", "rcub": "}", "bsol": "\\", "esc": "\x1b"}
SPECIALS = {
    "Lstrok": "\u0141", "lstrok": "\u0142", "Ostrok": "\u00d8", "ostrok": "\u00f8",
    "Dstrok": "\u0110", "dstrok": "\u0111", "THORN": "\u00de", "thorn": "\u00fe",
    "AElig": "\u00c6", "aelig": "\u00e6", "OElig": "\u0152", "oelig": "\u0153", "eth": "\u00f0",
    "inodot": "\u0131", "softsign": "\u02b9", "hardsign": "\u02ba", "mlrhring": "\u02bc",
    "mllhring": "\u02bb", "Ohorn": "\u01a0", "ohorn": "\u01a1", "Uhorn": "\u01af",
    "uhorn": "\u01b0", "pound": "\u00a3", "copy": "\u00a9", "phono": "\u2117", "reg": "\u00ae",
    "deg": "\u00b0", "plusmn": "\u00b1", "flat": "\u266d", "sharp": "\u266f",
    "scriptl": "\u2113", "iquest": "\u00bf", "iexcl": "\u00a1", "middot": "\u00b7",
    "joiner": "\u200d", "nonjoin": "\u200c",
}


def _load() -> tuple[list[str], list[list[str]]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    parsed = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return parsed[0], parsed[1:]


HEADER_ROW, ROWS = _load()


def _text(cell: str) -> str:
    return "".join(chr(int(token[2:], 16)) for token in cell.split(" "))


def _rows_by_name() -> dict[str, list[str]]:
    return {row[0]: row for row in ROWS}


def test_table_starts_with_sources_then_header():
    with TABLE.open(encoding="utf-8") as handle:
        first = handle.readline()
    assert first.startswith("#")
    assert "loc.gov" in TABLE.read_text(encoding="utf-8").split("\nmnemonic\t")[0]
    assert HEADER_ROW == HEADER
    assert len(ROWS) > 100


def test_every_row_has_three_cells_and_a_plain_name():
    for row in ROWS:
        assert len(row) == 3, row
        assert MNEMONIC.fullmatch(row[0]), row


def test_every_code_point_is_a_unicode_scalar():
    for mnemonic, cell, _ in ROWS:
        tokens = cell.split(" ")
        assert tokens, mnemonic
        for token in tokens:
            match = CODEPOINT.fullmatch(token)
            assert match, f"{mnemonic}: {token!r} is not written as U+XXXX"
            value = int(match.group(1), 16)
            assert value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF, f"{mnemonic}: {token}"


def test_no_mnemonic_is_listed_twice():
    names = [row[0] for row in ROWS]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    assert not duplicates


def test_ascii_escapes_map_to_the_right_characters():
    rows = _rows_by_name()
    for mnemonic, char in ASCII_ESCAPES.items():
        assert _text(rows[mnemonic][1]) == char, mnemonic


def test_special_characters():
    rows = _rows_by_name()
    for mnemonic, char in SPECIALS.items():
        assert _text(rows[mnemonic][1]) == char, mnemonic


def test_ansel_diacritics_are_single_combining_characters():
    rows = _rows_by_name()
    for mnemonic, marc8 in ANSEL_DIACRITICS.items():
        _, cell, name = rows[mnemonic]
        text = _text(cell)
        assert len(text) == 1, mnemonic
        assert unicodedata.combining(text) != 0, f"{mnemonic} ({cell}) is not a combining mark"
        assert f"MARC-8 {marc8};" in name, mnemonic


def test_every_combining_row_is_really_combining():
    for mnemonic, cell, name in ROWS:
        text = _text(cell)
        if len(text) == 1 and name.startswith("COMBINING"):
            assert unicodedata.combining(text) != 0, mnemonic


def test_decomposed_letters_are_base_then_combining_marks():
    decomposed = [row for row in ROWS if len(row[1].split(" ")) > 1]
    assert decomposed
    for mnemonic, cell, _ in decomposed:
        text = _text(cell)
        assert unicodedata.combining(text[0]) == 0, mnemonic
        assert all(unicodedata.combining(ch) != 0 for ch in text[1:]), mnemonic


def test_name_column_agrees_with_the_code_points():
    for mnemonic, cell, name in ROWS:
        text = _text(cell)
        stated = name.split("; ")[0]
        if len(text) == 1:
            # Control characters have no Unicode name, only aliases such as ESCAPE.
            assert unicodedata.lookup(stated) == text, f"{mnemonic}: {cell} is not {stated}"
        else:
            assert stated.endswith(" (decomposed)"), mnemonic
            composed = unicodedata.normalize("NFC", text)
            assert len(composed) == 1, mnemonic
            assert unicodedata.name(composed) == stated[: -len(" (decomposed)")], mnemonic


def test_cited_marc8_codes_match_lc_tables():
    mapping = pytest.importorskip("pymarc.marc8_mapping")
    basic, ansel = mapping.CODESETS[0x42], mapping.CODESETS[0x45]
    for mnemonic, cell, name in ROWS:
        match = MARC8.search(name)
        assert match, f"{mnemonic}: no MARC-8 code given"
        codes = [int(code, 16) for code in match.group(1).split()]
        expected = []
        for code in codes:
            if code < 0x20:
                expected.append((code, 0))  # ESC and the MARC structure characters
            elif code == 0x20:
                expected.append((0x20, 0))
            else:
                entry = (basic if code < 0x80 else ansel).get(code)
                assert entry is not None, f"{mnemonic}: MARC-8 {code:02X} is not in LC's tables"
                expected.append(entry)
        # MARC-8 writes a diacritic before its letter; Unicode after.
        marks = [chr(cp) for cp, combining in expected if combining]
        others = [chr(cp) for cp, combining in expected if not combining]
        message = f"{mnemonic}: {cell} disagrees with MARC-8 {match.group(1)}"
        assert _text(cell) == "".join(others + marks), message
