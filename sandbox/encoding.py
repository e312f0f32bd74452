"""The character-encoding explorer: how a string is stored in MARC-8 and in UTF-8, byte by byte.

Garbled diacritics ("CafÃ©", "Ca\u0301fe") are the most common damage in real catalog files. They
come from reading bytes in one encoding as if they were another, or from combining marks in the
wrong place. :func:`explore` shows a string the way each encoding stores it and what the usual
misreadings make of it; it returns rows of data for the reference desk and ``catsandbox
encoding`` to show.

MARC-8 writing (:func:`encode_marc8`) follows LC's "MARC 21 Specifications: Character Sets, Part
2: MARC-8 Encoding Environment" (https://www.loc.gov/marc/specifications/speccharmarc8.html):

* a combining mark is written BEFORE the letter it sits on (Unicode writes it after);
* Basic Latin (ASCII) is the default G0 set and Extended Latin (ANSEL) the default G1 set; other
  scripts are reached by escape sequences: ``ESC ( F`` makes set F the G0 set, ``ESC ) F`` the G1
  set, ``ESC $ 1`` the East Asian set (three bytes a character); ``ESC g``, ``ESC b`` and ``ESC
  p`` reach the Greek symbols, subscripts and superscripts, and ``ESC s`` returns to ASCII;
* the sets go back to the defaults at the end of the text;
* a character MARC-8 lacks is written as a numeric character reference ``&#xHHHH;``, LC's
  lossless way (the decoder turns it back).

The code tables are pymarc's ``marc8_mapping`` (LC's published mappings), the same ones
:mod:`sandbox.formats.marc8` decodes with; tests check that decoding what this writes gives the
text back. Several combining marks on one letter are written in Unicode's canonical order; records
made by hand may hold them in another order, which decodes to the same letter once normalized.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from pymarc.marc8_mapping import CODESETS

from sandbox.formats.marc8 import decode_marc8

ASCII, ANSEL, EACC = 0x42, 0x45, 0x31
SET_NAMES = {
    0x42: "Basic Latin (ASCII)", 0x45: "Extended Latin (ANSEL)", 0x67: "Greek symbols",
    0x62: "Subscripts", 0x70: "Superscripts", 0x4E: "Basic Cyrillic", 0x51: "Extended Cyrillic",
    0x53: "Basic Greek", 0x32: "Basic Hebrew", 0x33: "Basic Arabic", 0x34: "Extended Arabic",
    0x31: "East Asian (EACC)",
}
#: The order sets are tried in when a character is in several.
_PREFERENCE = (0x42, 0x45, 0x4E, 0x51, 0x53, 0x32, 0x33, 0x34, 0x31, 0x70, 0x62, 0x67)
#: MARC's own sets reached by ESC and one letter (LC's "technique 1"), left with ESC s.
_SHORT_ESCAPES = {0x67: b"\x1bg", 0x62: b"\x1bb", 0x70: b"\x1bp"}
_BACK_TO_ASCII_SHORT = b"\x1bs"
#: ANSEL's final character is preceded by "!" (ESC ) ! E).
_G1_FINALS = {0x45: b"!E"}
#: Double diacritics: Unicode writes one mark after the first letter; MARC-8 writes a first half
#: before the first letter and a second half before the second (LC, Extended Latin note 1).
_DOUBLE = {"\u0361": (0xEB, 0xEC), "\u0360": (0xFA, 0xFB)}
SPECIFICATION = "https://www.loc.gov/marc/specifications/speccharmarc8.html"


@dataclass(frozen=True)
class Marc8Unit:
    """A piece of the MARC-8 byte stream: an escape sequence, a combining mark, a character or a
    character reference, with what it does. ``cluster`` is the index of the letter it belongs to
    (-1 for the escapes that restore the default sets at the end)."""

    data: bytes
    kind: str  # "escape" | "combining" | "character" | "reference"
    meaning: str
    cluster: int


@dataclass(frozen=True)
class CharacterRow:
    char: str
    code_point: str  # "U+00E9"
    name: str
    combining: bool
    utf8: bytes


@dataclass(frozen=True)
class ClusterRow:
    """One letter as a reader sees it (a base character and the marks on it), stored four ways."""

    text: str
    nfc: tuple[CharacterRow, ...]
    nfd: tuple[CharacterRow, ...]
    utf8_nfc: bytes
    utf8_nfd: bytes
    marc8: bytes


@dataclass(frozen=True)
class Garbling:
    """What a text turns into when its bytes are read the wrong way, and why."""

    title: str
    shown: str
    explanation: str


@dataclass(frozen=True)
class EncodingReport:
    text: str
    nfc: str
    nfd: str
    clusters: tuple[ClusterRow, ...]
    marc8: bytes
    marc8_units: tuple[Marc8Unit, ...]
    not_in_marc8: tuple[str, ...]  # characters written as &#x...; references
    utf8_nfc: bytes
    utf8_nfd: bytes
    garblings: tuple[Garbling, ...]

    @property
    def is_ascii(self) -> bool:
        return self.text.isascii()


def hex_bytes(data: bytes) -> str:
    """``C3 A9`` for b"\\xc3\\xa9"; escape bytes show as ESC."""
    return " ".join("ESC" if byte == 0x1B else f"{byte:02X}" for byte in data)


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def char_name(char: str) -> str:
    return unicodedata.name(char, f"<unnamed {code_point(char)}>")


def character_row(char: str) -> CharacterRow:
    return CharacterRow(char, code_point(char), char_name(char), unicodedata.combining(char) > 0,
                        char.encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# MARC-8 writing


@cache
def _reverse() -> dict[int, list[tuple[int, int, bool]]]:
    """Unicode code point -> [(set, code, combining)] in the order sets are preferred."""
    table: dict[int, list[tuple[int, int, bool]]] = {}
    for charset in _PREFERENCE:
        for code, (unicode_point, combining) in sorted(CODESETS[charset].items()):
            if charset == ASCII and code < 0x20:
                continue  # ESC and the record structure's separators are not text
            table.setdefault(unicode_point, []).append((charset, code, bool(combining)))
    return table


def _is_g1(charset: int) -> bool:
    return charset != EACC and min(CODESETS[charset]) >= 0x80 or charset == ANSEL


def clusters(text: str) -> list[str]:
    """The text cut into letters: each base character with the combining marks after it."""
    out: list[str] = []
    for char in text:
        if out and unicodedata.combining(char):
            out[-1] += char
        else:
            out.append(char)
    return out


class _Writer:
    def __init__(self) -> None:
        self.g0, self.g1 = ASCII, ANSEL
        self.units: list[Marc8Unit] = []
        self.missing: list[str] = []
        self.pending_second_half: int | None = None

    def designate(self, charset: int, cluster: int) -> None:
        if charset in _SHORT_ESCAPES:
            if self.g0 != charset:
                self.units.append(Marc8Unit(_SHORT_ESCAPES[charset], "escape",
                                            f"switch to the {SET_NAMES[charset]} set (MARC's "
                                            "short escape)", cluster))
                self.g0 = charset
        elif _is_g1(charset):
            if self.g1 != charset:
                final = _G1_FINALS.get(charset, bytes([charset]))
                self.units.append(Marc8Unit(b"\x1b)" + final, "escape",
                                            f"make {SET_NAMES[charset]} the G1 set (bytes A1-FE)",
                                            cluster))
                self.g1 = charset
        elif self.g0 != charset:
            if self.g0 in _SHORT_ESCAPES and charset == ASCII:
                data, how = _BACK_TO_ASCII_SHORT, "back to Basic Latin (ASCII) (ESC s)"
            elif charset == EACC:
                data, how = b"\x1b$1", "make East Asian (EACC) the G0 set, three bytes a character"
            else:
                data, how = b"\x1b(" + bytes([charset]), f"make {SET_NAMES[charset]} the G0 set (bytes 21-7E)"
            self.units.append(Marc8Unit(data, "escape", how, cluster))
            self.g0 = charset

    def choose(self, char: str) -> tuple[int, int, bool] | None:
        options = _reverse().get(ord(char))
        if not options:
            return None
        for option in options:  # a set already in use needs no escape
            if option[0] in (self.g0, self.g1):
                return option
        return options[0]

    def write_char(self, char: str, cluster: int, kind: str | None = None) -> bool:
        """Write one character; False if MARC-8 has no code for it."""
        if char == " ":
            self.units.append(Marc8Unit(b" ", "character", "space (the same in every set)", cluster))
            return True
        option = self.choose(char)
        if option is None:
            return False
        charset, code, combining = option
        self.designate(charset, cluster)
        data = code.to_bytes(3, "big") if charset == EACC else bytes([code])
        what = kind or ("combining" if combining else "character")
        where = SET_NAMES[charset]
        if what == "combining":
            meaning = f"{char_name(char).lower()} ({where}), written BEFORE its letter"
        else:
            meaning = f"{char_name(char).lower()} ({where})"
        self.units.append(Marc8Unit(data, what, meaning, cluster))
        return True

    def reference(self, char: str, cluster: int) -> None:
        self.designate(ASCII, cluster)
        data = f"&#x{ord(char):04X};".encode("ascii")
        self.units.append(Marc8Unit(data, "reference", f"{char_name(char).lower()} is not in "
                                    "MARC-8: written as a numeric character reference", cluster))
        self.missing.append(char)

    def write_cluster(self, letters: str, index: int) -> None:
        base, marks = letters[0], letters[1:]
        if not unicodedata.combining(base) and self.choose(base) is None and len(letters) == 1:
            decomposed = unicodedata.normalize("NFD", base)
            if decomposed != base:  # é -> e + combining acute, which MARC-8 has
                letters, base, marks = decomposed, decomposed[0], decomposed[1:]
        if self.pending_second_half is not None:
            self.designate(ANSEL, index)
            self.units.append(Marc8Unit(bytes([self.pending_second_half]), "combining",
                                        "second half of a double diacritic, written before the "
                                        "second letter", index))
            self.pending_second_half = None
        unwritten = []
        for mark in marks:
            if mark in _DOUBLE:
                first_half, second_half = _DOUBLE[mark]
                self.designate(ANSEL, index)
                self.units.append(Marc8Unit(bytes([first_half]), "combining",
                                            f"first half of {char_name(mark).lower()}, written "
                                            "before the first letter", index))
                self.pending_second_half = second_half
            elif not self.write_char(mark, index, "combining"):
                unwritten.append(mark)
        if not self.write_char(base, index):
            self.reference(base, index)
        for mark in unwritten:  # a reference is a character of its own: it follows its letter
            self.reference(mark, index)

    def finish(self) -> None:
        if self.g0 != ASCII:
            self.designate(ASCII, -1)
        if self.g1 != ANSEL:
            self.designate(ANSEL, -1)


def _write(text: str) -> _Writer:
    writer = _Writer()
    for index, letters in enumerate(clusters(unicodedata.normalize("NFC", text))):
        writer.write_cluster(letters, index)
    writer.finish()
    return writer


def encode_marc8(text: str) -> bytes:
    """``text`` in MARC-8 (see the module notes); characters MARC-8 lacks become ``&#x...;``."""
    return b"".join(unit.data for unit in _write(text).units)


def marc8_units(text: str) -> list[Marc8Unit]:
    """The MARC-8 bytes of ``text`` piece by piece, each with what it does."""
    return list(_write(text).units)


# ---------------------------------------------------------------------------------------------
# The explorer


def explore(text: str) -> EncodingReport:
    """How ``text`` is stored in MARC-8 and in UTF-8 (NFC and NFD), and how it gets garbled."""
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    writer = _write(text)
    marc8 = b"".join(unit.data for unit in writer.units)
    rows = []
    for index, letters in enumerate(clusters(nfc)):
        decomposed = unicodedata.normalize("NFD", letters)
        rows.append(ClusterRow(
            text=letters, nfc=tuple(character_row(c) for c in letters),
            nfd=tuple(character_row(c) for c in decomposed), utf8_nfc=letters.encode("utf-8"),
            utf8_nfd=decomposed.encode("utf-8"),
            marc8=b"".join(unit.data for unit in writer.units if unit.cluster == index)))
    return EncodingReport(
        text=text, nfc=nfc, nfd=nfd, clusters=tuple(rows), marc8=marc8,
        marc8_units=tuple(writer.units), not_in_marc8=tuple(dict.fromkeys(writer.missing)),
        utf8_nfc=nfc.encode("utf-8"), utf8_nfd=nfd.encode("utf-8"),
        garblings=tuple(garblings(nfc, marc8)))


def garblings(text: str, marc8: bytes | None = None) -> list[Garbling]:
    """The usual misreadings of ``text``'s bytes, each only where it changes what is shown."""
    if marc8 is None:
        marc8 = encode_marc8(text)
    utf8 = text.encode("utf-8")
    out = []
    as_latin = utf8.decode("cp1252", errors="replace")
    if as_latin != text:
        out.append(Garbling(
            "UTF-8 read as Latin-1 (Windows-1252)", as_latin,
            "Each character outside ASCII takes two to four bytes in UTF-8; a program that "
            "expects one byte a character shows each byte as a letter of its own: é (C3 A9) "
            "becomes Ã©. This happens when a UTF-8 record is opened as MARC-8 or Latin-1, or when "
            "Leader/09 says MARC-8 but the data is UTF-8."))
        twice = as_latin.encode("utf-8", errors="replace").decode("cp1252", errors="replace")
        out.append(Garbling(
            "Mis-read twice (double-encoded UTF-8)", twice,
            "The garbled text was saved as UTF-8 and read as Latin-1 again: every round makes "
            "it longer (Ã© becomes ÃƒÂ©). The cure is to undo each round, not to retype."))
    marc8_as_utf8 = marc8.decode("utf-8", errors="replace")
    if marc8_as_utf8 != text:
        out.append(Garbling(
            "MARC-8 read as UTF-8", marc8_as_utf8,
            "MARC-8's diacritics are single bytes from 80 to FF, which are never a whole "
            "character in UTF-8: a UTF-8 reader shows the replacement mark � for them. This "
            "happens when Leader/09 says 'a' (Unicode) but the record was never converted from "
            "MARC-8."))
    marc8_as_latin = marc8.decode("latin-1")
    if marc8_as_latin != text:
        out.append(Garbling(
            "MARC-8 read as Latin-1", marc8_as_latin.replace("\x1b", "␛"),
            "Latin-1 gives every byte a character of its own, so MARC-8's combining marks show as "
            "unrelated symbols standing BEFORE the letter they belong to (ANSEL E2, the acute, is "
            "â in Latin-1), and escape sequences show as ␛ and letters."))
    decoded, _ = decode_marc8(utf8)
    if decoded != text:
        out.append(Garbling(
            "UTF-8 read as MARC-8", decoded,
            "A MARC-8 reader takes each UTF-8 byte from A1 to FE for an ANSEL character or "
            "diacritic: é (C3 A9) becomes two ANSEL symbols (© and ♭), and a byte that is an "
            "ANSEL diacritic lands on the next letter."))
    nfd = unicodedata.normalize("NFD", text)
    if nfd != text:
        spread = "".join("\u25cc" + c if unicodedata.combining(c) else c for c in nfd)
        out.append(Garbling(
            "NFD shown by a program that does not combine marks", spread,
            "Decomposed text (NFD) keeps each mark as a character after its letter (shown here "
            "on a dotted circle). Programs that do not join them show the bare letter and a loose "
            "accent, and searches for the "
            "precomposed form (NFC) miss it. MARC 21 records in UTF-8 may hold either form; "
            "compare and index them normalized."))
    return out
