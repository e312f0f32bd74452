"""The character-encoding explorer: MARC-8 written from LC's tables and read back by our decoder."""

from __future__ import annotations

import unicodedata

import pytest

from sandbox.encoding import encode_marc8, explore, hex_bytes, marc8_units
from sandbox.formats.marc8 import decode_marc8


@pytest.mark.parametrize("text", [
    "Café", "Dvořák", "Łódź", "Ørsted", "Ångström", "Nguyễn Văn Thiệu", "Muḥammad ibn Mūsá",
    "Война и мир", "Ελληνικά", "Ἰλιάς", "שלום", "كتاب", "中国", "한국어", "H₂O x²", "t͡s",
    "Ring\u0301 with a loose acute", "€ 100 ©", "plain ASCII, with (punctuation)!",
])
def test_round_trip_through_our_decoder(text):
    data = encode_marc8(text)
    decoded, problems = decode_marc8(data)
    assert problems == []
    assert unicodedata.normalize("NFC", decoded) == unicodedata.normalize("NFC", text)


def test_combining_mark_comes_before_the_letter():
    assert encode_marc8("é") == b"\xe2e"  # ANSEL E2 (acute) then e
    assert encode_marc8("e\u0301") == b"\xe2e"  # NFD input gives the same bytes
    assert encode_marc8("Dvořák") == bytes.fromhex("44 76 6F E9 72 E2 61 6B")


def test_escape_sequences_for_other_scripts_and_back():
    data = encode_marc8("Мир")
    assert data.startswith(b"\x1b(N") and data.endswith(b"\x1b(B")
    assert encode_marc8("中").startswith(b"\x1b$1")
    assert encode_marc8("x²") == b"x\x1bp2\x1bs"
    assert b"\x1b" not in encode_marc8("Łódź")  # ANSEL is the default G1 set: no escape


def test_double_diacritic_halves_go_before_each_letter():
    assert encode_marc8("t\u0361s") == b"\xebt\xecs"


def test_characters_marc8_lacks_become_references():
    data = encode_marc8("Ǆ")
    assert data == b"&#x01C4;"
    assert decode_marc8(data)[0] == "Ǆ"
    report = explore("Ǆ ok")
    assert report.not_in_marc8 == ("Ǆ",)


def test_units_explain_each_piece():
    units = marc8_units("Mé")
    assert [u.kind for u in units] == ["character", "combining", "character"]
    assert "BEFORE its letter" in units[1].meaning
    escapes = [u for u in marc8_units("Мир") if u.kind == "escape"]
    assert "Basic Cyrillic" in escapes[0].meaning and escapes[-1].cluster == -1


def test_explore_gives_rows_for_each_letter():
    report = explore("Café")
    assert [row.text for row in report.clusters] == ["C", "a", "f", "é"]
    e = report.clusters[3]
    assert [c.code_point for c in e.nfc] == ["U+00E9"]
    assert [c.code_point for c in e.nfd] == ["U+0065", "U+0301"]
    assert e.nfd[1].name == "COMBINING ACUTE ACCENT" and e.nfd[1].combining
    assert hex_bytes(e.utf8_nfc) == "C3 A9" and hex_bytes(e.utf8_nfd) == "65 CC 81"
    assert hex_bytes(e.marc8) == "E2 65"
    assert report.marc8 == b"Caf\xe2e" and report.utf8_nfc == "Café".encode()


def test_garblings_show_the_classic_mistakes():
    shown = {g.title: g.shown for g in explore("Café").garblings}
    assert shown["UTF-8 read as Latin-1 (Windows-1252)"] == "CafÃ©"
    assert shown["MARC-8 read as UTF-8"] == "Caf\ufffde"
    assert shown["MARC-8 read as Latin-1"] == "Cafâe"
    assert "Ã" in shown["Mis-read twice (double-encoded UTF-8)"]
    assert shown["NFD shown by a program that does not combine marks"] == "Cafe\u25cc\u0301"


def test_plain_ascii_has_nothing_to_garble():
    report = explore("Walden")
    assert report.is_ascii and report.garblings == ()
    assert report.marc8 == report.utf8_nfc == b"Walden"
