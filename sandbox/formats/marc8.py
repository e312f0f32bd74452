"""MARC-8 to Unicode, reporting every byte it could not convert instead of hiding it.

Follows LC's "MARC 21 Specifications: Character Sets — MARC-8 encoding environment"
(https://www.loc.gov/marc/specifications/speccharmarc8.html): G0 starts as Basic Latin, G1 as
Extended Latin (ANSEL); escape sequences designate other sets; combining marks precede their base
letter in MARC-8 and follow it in Unicode. The code tables themselves come from pymarc's
``marc8_mapping`` (LC's published MARC-8 ↔ UCS mappings). Output is not normalized, so it matches
the character-by-character conversion LC specifies (and yaz-marcdump produces); numeric character
references (``&#x2113;``), which LC's lossless conversion uses for characters outside MARC-8, are
turned back into the characters they stand for.
"""

from __future__ import annotations

import re

from pymarc.marc8_mapping import CODESETS, ODD_MAP

BASIC_LATIN = 0x42
ANSEL = 0x45
EACC = 0x31
_TECHNIQUE_2 = {0x67: 0x67, 0x62: 0x62, 0x70: 0x70, 0x73: BASIC_LATIN}  # ESC g/b/p/s
_G0_INTERMEDIATES = {0x28, 0x2C}  # '(' ','
_G1_INTERMEDIATES = {0x29, 0x2D}  # ')' '-'
_MULTIBYTE = 0x24  # '$'
_C1_CONTROLS = {0x88, 0x89, 0x8D, 0x8E}  # nonsort begin/end, joiner, non-joiner (ANSEL table)
_NCR = re.compile(rb"&#x([0-9A-Fa-f]{1,6});")
_SUBFIELD_DELIMITER = 0x1F
# Double diacritics: LC's code table (Extended Latin, note 1) maps the MARC-8 pair "first half …
# second half" to one Unicode mark placed after the first letter (U+0361 ligature, U+0360 double
# tilde); the second half maps to nothing.
_DOUBLE_FIRST_HALF = {0xEB: 0x0361, 0xFA: 0x0360}
_DOUBLE_SECOND_HALF = frozenset({0xEC, 0xFB})

Problem = tuple[int, str]  # (byte offset in the input, message)


def _lookup(charset: int, code: int) -> tuple[int, int] | None:
    table = CODESETS.get(charset)
    if table is None:
        return None
    # A 94-character set may be designated as G0 or G1: its table is keyed by one half.
    return table.get(code) or table.get(code ^ 0x80)


def _escape(data: bytes, pos: int, g0: int, g1: int) -> tuple[int, int, int, str | None]:
    """Read the escape sequence at ``pos``: (bytes consumed, new G0, new G1, problem)."""
    end = len(data)
    if pos + 1 >= end:
        return 1, g0, g1, "an escape (ESC) at the end of the data selects no character set"
    intermediate = data[pos + 1]
    if intermediate in _TECHNIQUE_2:
        return 2, _TECHNIQUE_2[intermediate], g1, None
    cursor = pos + 1
    multibyte = intermediate == _MULTIBYTE
    if multibyte:
        cursor += 1
        if cursor < end and data[cursor] in _G0_INTERMEDIATES | _G1_INTERMEDIATES:
            intermediate = data[cursor]
            cursor += 1
        else:
            intermediate = 0x28  # ESC $ F designates a multibyte G0 set
    elif intermediate in _G0_INTERMEDIATES | _G1_INTERMEDIATES:
        cursor += 1
    else:
        return 1, g0, g1, f"escape sequence ESC 0x{intermediate:02X} is not a MARC-8 designation"
    if cursor < end and data[cursor] == 0x21:  # '!' second intermediate, as in ESC ) ! E
        cursor += 1
    if cursor >= end:
        return end - pos, g0, g1, "escape sequence is cut off before naming a character set"
    final = data[cursor]
    consumed = cursor - pos + 1
    if final not in CODESETS:
        return consumed, g0, g1, f"escape sequence names an unknown MARC-8 character set 0x{final:02X}"
    if intermediate in _G0_INTERMEDIATES:
        return consumed, final, g1, None
    return consumed, g0, final, None


def decode_marc8(data: bytes) -> tuple[str, list[Problem]]:
    """Convert MARC-8 bytes to Unicode text; problems carry byte offsets into ``data``."""
    g0, g1 = BASIC_LATIN, ANSEL
    out: list[str] = []
    combining: list[str] = []
    problems: list[Problem] = []
    pos, end = 0, len(data)
    while pos < end:
        byte = data[pos]
        if byte == _SUBFIELD_DELIMITER and pos + 1 < end:
            # The subfield code is one ASCII byte whatever set is designated, and each subfield
            # starts again in the default sets (as pymarc and yaz-marcdump read MARC-8 too).
            if combining:
                problems.append((pos, "a diacritic at the end of a subfield has no letter after it"))
            out.extend(combining)
            combining.clear()
            code = data[pos + 1]
            if code >= 0x80:
                problems.append((pos + 1, f"subfield code byte 0x{code:02X} is not an ASCII character"))
            out.append("\x1f" + chr(code))
            g0, g1 = BASIC_LATIN, ANSEL
            pos += 2
            continue
        if byte == 0x26 and g0 == BASIC_LATIN and data.startswith(b"&#x", pos):
            reference = _NCR.match(data, pos)
            if reference and _is_scalar(int(reference.group(1), 16)):
                out.append(chr(int(reference.group(1), 16)))
                out.extend(combining)
                combining.clear()
                pos = reference.end()
                continue
        if byte == 0x1B:
            consumed, g0, g1, problem = _escape(data, pos, g0, g1)
            if problem:
                problems.append((pos, problem))
            pos += consumed
            continue
        start = pos
        if g0 == EACC and 0x21 <= byte <= 0x7E:
            if pos + 3 > end:
                problems.append((pos, "an East Asian (EACC) character is cut short"))
                break
            code = (byte << 16) | (data[pos + 1] << 8) | data[pos + 2]
            pos += 3
            entry = _lookup(EACC, code)
            if entry is None and code in ODD_MAP:
                entry = (ODD_MAP[code], 0)
        else:
            pos += 1
            if byte < 0x20 or byte == 0x7F:
                out.append(chr(byte))  # kept so validation can point at the control character
                continue
            if byte == 0x20:
                entry = (0x20, 0)
            elif byte in _C1_CONTROLS:
                entry = _lookup(ANSEL, byte)
            elif byte < 0x80:
                entry = _lookup(g0, byte)
            elif byte >= 0xA1:
                entry = _lookup(g1, byte)
                if g1 == ANSEL and byte in _DOUBLE_FIRST_HALF:
                    entry = (_DOUBLE_FIRST_HALF[byte], 1)
                elif g1 == ANSEL and byte in _DOUBLE_SECOND_HALF:
                    continue
            else:
                entry = None
        if entry is None:
            problems.append(
                (start, f"byte 0x{data[start]:02X} is not a character in the current MARC-8 set")
            )
            entry = (0xFFFD, 0)
        char, is_combining = chr(entry[0]), entry[1]
        if is_combining:
            combining.append(char)
        else:
            out.append(char)
            if combining:
                out.extend(combining)
                combining.clear()
    if combining:
        problems.append((end, "a diacritic at the end of the data has no letter after it"))
        out.extend(combining)
    return "".join(out), problems


def _is_scalar(code: int) -> bool:
    return code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF


def marc8_character(byte: int) -> tuple[str, bool] | None:
    """The character one MARC-8 byte stands for in the default sets, and whether it combines."""
    if byte < 0x80:
        return chr(byte), False
    entry = _lookup(ANSEL, byte)
    return (chr(entry[0]), bool(entry[1])) if entry else None
