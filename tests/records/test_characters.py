"""The special characters of the picker: right code points, mnemonics looked up, search."""

from __future__ import annotations

import unicodedata

import pytest

from sandbox.formats.mrk import decode_mnemonics, mnemonics
from sandbox.records.characters import (
    DOTTED_CIRCLE,
    GROUPS,
    characters,
    find,
    search,
)


def test_every_group_has_characters_and_no_character_is_listed_twice():
    assert all(characters(group) for group in GROUPS)
    chars = [entry.char for entry in characters()]
    assert len(chars) == len(set(chars))


def test_ayn_and_alif_are_the_code_points_lc_maps_marc_8_to():
    assert find("\u02bb").name == "ayn"
    assert find("\u02bc").name == "alif"
    assert "ayn" in find("\u02bb").mnemonics and "alif" in find("\u02bc").mnemonics


@pytest.mark.parametrize("char, mnemonic", [
    ("\u0301", "acute"), ("\u030c", "caron"), ("\u0142", "lstrok"), ("\u00fe", "thorn"),
    ("\u2117", "phono"), ("\u266d", "flat"), ("\u0328", "ogon"),
])
def test_mnemonics_come_from_the_mrk_table(char, mnemonic):
    entry = find(char)
    assert mnemonic in entry.mnemonics
    assert mnemonics()[mnemonic] == char


def test_every_mnemonic_given_reads_back_as_the_character():
    for entry in characters():
        for name in entry.mnemonics:
            text = decode_mnemonics(f"{{{name}}}" + ("e" if entry.is_combining else ""))
            assert text == ("e" + entry.char if entry.is_combining else entry.char), name


def test_combining_marks_are_shown_on_a_dotted_circle_and_inserted_alone():
    acute = find("\u0301")
    assert acute.is_combining and acute.shown == DOTTED_CIRCLE + "\u0301"
    assert acute.char == "\u0301"
    letter = find("\u0142")
    assert not letter.is_combining and letter.shown == "\u0142"
    for entry in characters("Diacritics"):
        assert all(unicodedata.combining(c) for c in entry.char), entry.name


def test_characters_outside_marc_8_say_so():
    assert find("\u00d0").in_marc8 is False  # uppercase eth: MARC-8 has none
    assert find("\u0110").in_marc8 is True
    assert find("\u0361").in_marc8 is True  # written in MARC-8 as two ligature halves
    assert find("\u00b2").in_marc8 is True  # the Superscripts set


def test_code_point_and_unicode_name():
    entry = find("\u030c")
    assert entry.code_point == "U+030C"
    assert entry.unicode_name == "COMBINING CARON"


@pytest.mark.parametrize("query, expected", [
    ("hacek", "\u030c"),        # matches "háček" without its diacritics
    ("polish", "\u0142"),
    ("{uml}", "\u0308"),
    ("U+02BB", "\u02bb"),
    ("sound recording", "\u2117"),
    ("\u00e6", "\u00e6"),
])
def test_search_finds_by_name_mnemonic_code_point_or_the_character(query, expected):
    assert expected in [entry.char for entry in search(query)]


def test_search_with_every_word_narrows_and_nonsense_finds_nothing():
    capital = [entry.char for entry in search("capital stroke")]
    assert "\u0141" in capital and "\u0142" not in capital
    assert search("zzzz-no-such-character") == ()
