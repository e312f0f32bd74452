"""MARC-8 → Unicode: character sets, escapes, diacritic order, and located problems."""

from __future__ import annotations

import pytest
from pymarc.marc8_mapping import CODESETS

from sandbox.formats.marc8 import decode_marc8, marc8_character

ESC = b"\x1b"


def test_plain_ascii_is_unchanged() -> None:
    assert decode_marc8(b"Plain ASCII: 1-2-3 (ok)!") == ("Plain ASCII: 1-2-3 (ok)!", [])


def test_empty_input() -> None:
    assert decode_marc8(b"") == ("", [])


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"Caf\xe2e", "Cafe\u0301"),  # acute
        (b"\xe1a la", "a\u0300 la"),  # grave
        (b"Mu\xe8nchen", "Mun\u0308chen"),  # umlaut lands after the n (it preceded it)
        (b"\xe2\xe3o", "o\u0301\u0302"),  # two marks, kept in their MARC-8 order
        (b"\xf0c", "c\u0327"),  # cedilla
    ],
)
def test_combining_mark_moves_after_its_base_letter(data: bytes, text: str) -> None:
    assert decode_marc8(data) == (text, [])


def test_spacing_special_characters_of_ansel() -> None:
    # A1 Ł, B1 ł, A3 Đ, B2 ø: not combining, so nothing moves.
    assert decode_marc8(b"\xa1\xb1\xa3\xb2") == ("\u0141\u0142\u0110\u00f8", [])


def test_escape_to_greek_and_back_to_ascii_with_esc_paren_b() -> None:
    data = ESC + b"(S" + b"AB" + ESC + b"(B" + b"AB"
    assert CODESETS[0x53][0x41][0] == 0x0391
    assert decode_marc8(data) == ("\u0391\u0392AB", [])


def test_escape_to_cyrillic_and_back_with_esc_s() -> None:
    data = ESC + b"(N" + b"Aa" + ESC + b"s" + b"Aa"
    # LC's Basic Cyrillic puts lower case at 0x40-0x5F and upper case at 0x60-0x7F.
    assert decode_marc8(data) == ("\u0430\u0410Aa", [])


def test_technique_2_escapes_for_subscript_superscript_greek_symbols() -> None:
    assert decode_marc8(ESC + b"b2" + ESC + b"s2") == ("\u20822", [])  # subscript two
    assert decode_marc8(ESC + b"p2" + ESC + b"s2") == ("\u00b22", [])  # superscript two
    assert decode_marc8(ESC + b"ga" + ESC + b"sa") == ("\u03b1a", [])  # Greek symbol alpha


def test_g1_designation_keeps_g0_ascii() -> None:
    # ESC ) Q: Extended Cyrillic as G1; bytes 0xC0.. come from it, ASCII stays ASCII.
    data = ESC + b")Q" + b"\xc0a"
    assert decode_marc8(data) == (chr(CODESETS[0x51][0xC0][0]) + "a", [])


def test_eacc_multibyte_character() -> None:
    code = 0x213021
    assert CODESETS[0x31][code] == (0x4E00, 0)
    data = b"x" + ESC + b"$1" + code.to_bytes(3, "big") + (0x213022).to_bytes(3, "big") + ESC + b"(B" + b"y"
    assert decode_marc8(data) == ("x\u4e00" + chr(CODESETS[0x31][0x213022][0]) + "y", [])


def test_eacc_cut_off_is_a_problem_at_the_character_start() -> None:
    data = b"ab" + ESC + b"$1" + b"\x21\x30"  # only two of three bytes
    text, problems = decode_marc8(data)
    assert text == "ab"
    assert problems == [(5, "an East Asian (EACC) character is cut short")]


def test_subfield_delimiter_and_code_are_not_translated_and_reset_sets() -> None:
    # In Cyrillic 'a' would be 'А'; the code byte after 0x1F stays 'a', and the subfield's text
    # starts again in ASCII.
    data = ESC + b"(N" + b"A" + b"\x1fa" + b"A"
    assert decode_marc8(data) == ("\u0430\x1faA", [])


def test_subfield_delimiter_resets_g1_too() -> None:
    data = ESC + b")Q" + b"\xc0" + b"\x1fb" + b"\xe2e"  # after the delimiter, 0xE2 is ANSEL acute again
    assert decode_marc8(data) == (chr(CODESETS[0x51][0xC0][0]) + "\x1fbe\u0301", [])


def test_non_ascii_subfield_code_is_a_problem() -> None:
    text, problems = decode_marc8(b"x\x1f\xe2y")
    assert text == "x\x1f\xe2y"
    assert problems == [(2, "subfield code byte 0xE2 is not an ASCII character")]


def test_ligature_halves_become_one_double_mark_after_the_first_letter() -> None:
    # MARC-8: EB (first half) t, EC (second half) s  ->  t U+0361 s
    assert decode_marc8(b"\xebt\xecs") == ("t\u0361s", [])


def test_double_tilde_halves_become_one_mark() -> None:
    assert decode_marc8(b"\xfan\xfbg") == ("n\u0360g", [])


def test_numeric_character_reference_becomes_the_character() -> None:
    assert decode_marc8(b"a &#x2113; b") == ("a \u2113 b", [])
    assert decode_marc8(b"&#x1F600;") == ("\U0001f600", [])


def test_numeric_character_reference_takes_a_preceding_diacritic() -> None:
    assert decode_marc8(b"\xe2&#x2113;") == ("\u2113\u0301", [])


@pytest.mark.parametrize("data", [b"&#xD800;", b"&#x110000;", b"&#x;", b"&#xZZ;", b"&#x41"])
def test_invalid_character_references_stay_as_typed(data: bytes) -> None:
    assert decode_marc8(data) == (data.decode("ascii"), [])


def test_unknown_escape_is_a_problem_at_the_escape() -> None:
    text, problems = decode_marc8(b"ab" + ESC + b"Zcd")
    assert text == "abZcd"
    assert problems == [(2, "escape sequence ESC 0x5A is not a MARC-8 designation")]


def test_escape_naming_an_unknown_set_is_a_problem_and_the_set_is_kept() -> None:
    text, problems = decode_marc8(b"a" + ESC + b"(X" + b"b")
    assert text == "ab"
    assert problems == [(1, "escape sequence names an unknown MARC-8 character set 0x58")]


def test_escape_at_the_end_is_a_problem() -> None:
    assert decode_marc8(b"a" + ESC) == (
        "a",
        [(1, "an escape (ESC) at the end of the data selects no character set")],
    )


def test_escape_cut_off_before_the_final_byte() -> None:
    assert decode_marc8(b"xy" + ESC + b"(") == (
        "xy",
        [(2, "escape sequence is cut off before naming a character set")],
    )


def test_unknown_byte_becomes_replacement_character_with_its_offset() -> None:
    text, problems = decode_marc8(b"abc\xffdef\xc0")
    assert text == "abc\ufffddef" + chr(CODESETS[0x45][0xC0][0])
    assert problems == [(3, "byte 0xFF is not a character in the current MARC-8 set")]


def test_byte_not_in_the_designated_greek_set() -> None:
    text, problems = decode_marc8(ESC + b"(S" + b"AC")
    assert 0x43 not in CODESETS[0x53]
    assert text == "\u0391\ufffd"
    assert problems == [(4, "byte 0x43 is not a character in the current MARC-8 set")]


def test_c1_byte_0x80_to_0xa0_outside_the_ansel_controls_is_a_problem() -> None:
    text, problems = decode_marc8(b"a\x90b")
    assert text == "a\ufffdb"
    assert problems == [(1, "byte 0x90 is not a character in the current MARC-8 set")]


def test_nonsort_and_joiner_controls_are_mapped() -> None:
    text, problems = decode_marc8(b"\x88The \x89cat\x8d")
    assert text == "\x98The \x9ccat\u200d"
    assert problems == []


def test_diacritic_at_the_end_is_a_problem_at_the_end() -> None:
    assert decode_marc8(b"x\xe2") == (
        "x\u0301",
        [(2, "a diacritic at the end of the data has no letter after it")],
    )


def test_control_characters_are_kept_for_validation() -> None:
    assert decode_marc8(b"a\x01b\x7fc") == ("a\x01b\x7fc", [])


def test_problems_carry_offsets_in_input_order() -> None:
    data = b"\xff" + b"ok" + ESC + b"Q" + b"\x90"
    _, problems = decode_marc8(data)
    assert [offset for offset, _ in problems] == [0, 3, 5]


@pytest.mark.parametrize(
    ("byte", "expected"),
    [
        (0x41, ("A", False)),
        (0x24, ("$", False)),
        (0xE2, ("\u0301", True)),
        (0xE8, ("\u0308", True)),
        (0xA1, ("\u0141", False)),
        (0xB2, ("\u00f8", False)),
        (0xFF, None),
        (0x90, None),
    ],
)
def test_marc8_character(byte: int, expected: tuple[str, bool] | None) -> None:
    assert marc8_character(byte) == expected


def test_diacritic_before_a_subfield_delimiter_is_a_problem() -> None:
    # The mark had no letter in its own subfield: it is kept, and the learner is told where.
    assert decode_marc8(b"ab\xe2\x1fcd") == (
        "ab\u0301\x1fcd",
        [(3, "a diacritic at the end of a subfield has no letter after it")],
    )
