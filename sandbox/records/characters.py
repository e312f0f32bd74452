"""Diacritics and special characters catalogers type, grouped as a character picker shows them.

Every character here is in a MARC-8 character set (so it survives a MARC-8 export) unless its
note says otherwise. The names are cataloger's names ("caron (háček)", "ayn"); the Unicode name,
code point and the MarcEdit ``{...}`` mnemonics come from Unicode and from our mnemonic table
(``sandbox/formats/data/mrk_mnemonics.tsv``, looked up, not repeated here).

Sources (facts, written in our own words):
  - LC, MARC 21 Specifications, Code Tables, https://www.loc.gov/marc/specifications/specchartables.html:
    "Extended Latin (ANSEL)" (codetables/ExtendedLatin.html: the combining marks, special letters
    and symbols and their Unicode equivalents), "Superscripts" (codetables/Superscripts.html),
    "Subscripts" (codetables/Subscripts.html), "Greek Symbols" (codetables/GreekSymbols.html).
  - LC, MARC 21 Specifications, Character Sets: MARC-8 Encoding Environment,
    https://www.loc.gov/marc/specifications/speccharmarc8.html (combining marks precede their
    base letter in MARC-8 and follow it in Unicode).
  - Ayn is U+02BB and alif U+02BC, as LC's code table has mapped them since its 2005 revision
    (alif was U+02BE before); the ligature and double-tilde *halves* (U+FE20-FE23) are LC's
    alternates, the whole marks U+0361 and U+0360 its preferred mapping.

Pure Python: nothing here imports Qt.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from pymarc.marc8_mapping import CODESETS

from sandbox.formats.mrk import mnemonics as mrk_mnemonics

__all__ = [
    "DOTTED_CIRCLE",
    "GROUPS",
    "SOURCES",
    "SpecialCharacter",
    "characters",
    "find",
    "search",
]

SOURCES = (
    "https://www.loc.gov/marc/specifications/specchartables.html",
    "https://www.loc.gov/marc/specifications/codetables/ExtendedLatin.html",
    "https://www.loc.gov/marc/specifications/speccharmarc8.html",
)
#: U+25CC, the base Unicode recommends for showing a combining mark on its own.
DOTTED_CIRCLE = "\u25cc"

DIACRITICS = "Diacritics"
LETTERS = "Special letters"
ROMANIZATION = "Romanization marks"
SYMBOLS = "Symbols"
SUPERSCRIPTS = "Superscripts and subscripts"
GREEK = "Greek symbols"
GROUPS = (DIACRITICS, LETTERS, ROMANIZATION, SYMBOLS, SUPERSCRIPTS, GREEK)


@dataclass(frozen=True)
class SpecialCharacter:
    """One character of the picker: the text inserted, a cataloger's name, its group."""

    char: str
    name: str
    group: str
    example: str = ""  # a word or letter showing it in use ("é", "Łódź")
    note: str = ""

    @property
    def is_combining(self) -> bool:
        """A combining mark (a diacritic), which sits on the letter *before* it in Unicode."""
        return all(unicodedata.combining(c) for c in self.char)

    @property
    def shown(self) -> str:
        """How to show it alone: a combining mark on a dotted circle (◌́), so it is visible."""
        return DOTTED_CIRCLE + self.char if self.is_combining else self.char

    @property
    def code_point(self) -> str:
        return " ".join(f"U+{ord(c):04X}" for c in self.char)

    @property
    def unicode_name(self) -> str:
        return " + ".join(unicodedata.name(c, "UNNAMED CHARACTER") for c in self.char)

    @property
    def mnemonics(self) -> tuple[str, ...]:
        """Its MarcEdit mnemonics, without braces (``("uml", "diaer")``); empty if it has none."""
        return _mnemonics_by_text().get(self.char, ())

    @property
    def mnemonic(self) -> str | None:
        """The first mnemonic as written in ``.mrk`` text (``{acute}``), or None."""
        return f"{{{self.mnemonics[0]}}}" if self.mnemonics else None

    @property
    def in_marc8(self) -> bool:
        """True when every character is in a MARC-8 character set (LC's code tables)."""
        return all(ord(c) in _marc8_repertoire() for c in self.char)


def _c(char: str, name: str, group: str, example: str = "", note: str = "") -> SpecialCharacter:
    return SpecialCharacter(char, name, group, example, note)


_CHARACTERS: tuple[SpecialCharacter, ...] = (
    # Combining marks of the Extended Latin (ANSEL) set, in LC's code-table order. The
    # example shows each on a letter it is commonly used with.
    _c("\u0301", "acute", DIACRITICS, "é"),
    _c("\u0300", "grave", DIACRITICS, "è"),
    _c("\u0302", "circumflex", DIACRITICS, "ê"),
    _c("\u0303", "tilde", DIACRITICS, "ñ"),
    _c("\u0304", "macron", DIACRITICS, "ā"),
    _c("\u0306", "breve", DIACRITICS, "ă"),
    _c("\u0307", "dot above (superior dot)", DIACRITICS, "ż"),
    _c("\u0308", "umlaut / diaeresis", DIACRITICS, "ü"),
    _c("\u030C", "caron (háček)", DIACRITICS, "č"),
    _c("\u030A", "ring above (angstrom)", DIACRITICS, "å"),
    _c("\u0327", "cedilla", DIACRITICS, "ç"),
    _c("\u0328", "ogonek (right hook)", DIACRITICS, "ą"),
    _c("\u030B", "double acute", DIACRITICS, "ő"),
    _c("\u0323", "dot below", DIACRITICS, "ṣ"),
    _c("\u0324", "double dot below", DIACRITICS, "ṳ"),
    _c("\u0325", "ring below (circle below)", DIACRITICS, "ḁ"),
    _c("\u0332", "underscore", DIACRITICS, "a̲"),
    _c("\u0333", "double underscore", DIACRITICS, "a̳"),
    _c("\u0326", "comma below (left hook)", DIACRITICS, "ș"),
    _c("\u031C", "right cedilla", DIACRITICS, "o̜"),
    _c("\u032E", "breve below (upadhmaniya)", DIACRITICS, "ḫ"),
    _c("\u0309", "hook above (pseudo question mark)", DIACRITICS, "ả"),
    _c("\u0310", "candrabindu", DIACRITICS, "m̐"),
    _c("\u0313", "high comma, centered", DIACRITICS, "k̓"),
    _c("\u0315", "high comma, off center", DIACRITICS, "k̕"),
    _c("\u0361", "ligature (whole, over two letters)", DIACRITICS, "t͡s",
       "LC's preferred Unicode form of the ligature: type it after the first of the two letters"),
    _c("\uFE20", "ligature, first half", DIACRITICS, "t︠s︡",
       "LC's alternate form: the first half after the first letter, the second after the second"),
    _c("\uFE21", "ligature, second half", DIACRITICS, "t︠s︡"),
    _c("\u0360", "double tilde (whole, over two letters)", DIACRITICS, "n͠g",
       "LC's preferred Unicode form of the double tilde: type it after the first letter"),
    _c("\uFE22", "double tilde, first half", DIACRITICS, "n︢g︣"),
    _c("\uFE23", "double tilde, second half", DIACRITICS, "n︢g︣"),
    # Special letters of the Extended Latin set.
    _c("\u0142", "Polish l (l with stroke)", LETTERS, "Łódź"),
    _c("\u0141", "Polish L (L with stroke)", LETTERS, "Łódź"),
    _c("\u00F8", "Scandinavian o (o with stroke)", LETTERS, "København"),
    _c("\u00D8", "Scandinavian O (O with stroke)", LETTERS, "Ørsted"),
    _c("\u0111", "d with crossbar", LETTERS, "đường"),
    _c("\u0110", "D with crossbar", LETTERS, "Đà Nẵng",
       "MARC-8 has no uppercase eth: LC maps it to this letter"),
    _c("\u00FE", "Icelandic thorn", LETTERS, "þing"),
    _c("\u00DE", "Icelandic Thorn", LETTERS, "Þingvellir"),
    _c("\u00F0", "eth", LETTERS, "Guðrún"),
    _c("\u00D0", "Eth (uppercase)", LETTERS, "Ð",
       "not in MARC-8: a MARC-8 export writes it as Đ (D with crossbar) or a character "
       "reference"),
    _c("\u00E6", "digraph ae", LETTERS, "Æsir"),
    _c("\u00C6", "digraph AE", LETTERS, "Ælfric"),
    _c("\u0153", "digraph oe", LETTERS, "œuvre"),
    _c("\u0152", "digraph OE", LETTERS, "Œuvres"),
    _c("\u0131", "Turkish dotless i", LETTERS, "Işık"),
    _c("\u00DF", "German sharp s (Eszett)", LETTERS, "Straße"),
    _c("\u01A1", "o-hook (o with horn)", LETTERS, "phơ"),
    _c("\u01A0", "O-hook (O with horn)", LETTERS, "Ơ"),
    _c("\u01B0", "u-hook (u with horn)", LETTERS, "Nguyễn Thị Thư"),
    _c("\u01AF", "U-hook (U with horn)", LETTERS, "Ư"),
    # Spacing modifier letters used in ALA-LC romanization.
    _c("\u02BB", "ayn", ROMANIZATION, "Shīʻah", "Arabic ʻayn and Hebrew ʻayin in romanization"),
    _c("\u02BC", "alif", ROMANIZATION, "Qurʼān", "Arabic hamzah and Hebrew alef in romanization"),
    _c("\u02B9", "soft sign (prime)", ROMANIZATION, "Kazanʹ"),
    _c("\u02BA", "hard sign (double prime)", ROMANIZATION, "obʺiasnenie"),
    # Symbols of the Extended Latin set.
    _c("\u2117", "sound recording copyright (phonogram)", SYMBOLS, "℗1997"),
    _c("\u00A9", "copyright", SYMBOLS, "©2011"),
    _c("\u00AE", "registered (patent mark)", SYMBOLS),
    _c("\u266D", "music flat", SYMBOLS, "B♭ major"),
    _c("\u266F", "music sharp", SYMBOLS, "F♯ minor"),
    _c("\u00B0", "degree", SYMBOLS, "W 78°00ʹ"),
    _c("\u00B1", "plus or minus", SYMBOLS),
    _c("\u00B7", "middle dot", SYMBOLS, "Col·lecció"),
    _c("\u2113", "script small l", SYMBOLS),
    _c("\u00A3", "British pound", SYMBOLS, "£12.99"),
    _c("\u20AC", "euro", SYMBOLS, "€20"),
    _c("\u00BF", "inverted question mark", SYMBOLS, "¿Quién?"),
    _c("\u00A1", "inverted exclamation mark", SYMBOLS, "¡Viva!"),
    # The MARC-8 Superscripts and Subscripts sets (digits, plus, minus, parentheses).
    *(_c(ch, f"superscript {label}", SUPERSCRIPTS) for ch, label in zip(
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾", [*"0123456789", "plus", "minus", "opening parenthesis",
                               "closing parenthesis"])),
    *(_c(ch, f"subscript {label}", SUPERSCRIPTS) for ch, label in zip(
        "₀₁₂₃₄₅₆₇₈₉₊₋₍₎", [*"0123456789", "plus", "minus", "opening parenthesis",
                               "closing parenthesis"])),
    # The MARC-8 Greek Symbols set.
    _c("\u03B1", "Greek alpha", GREEK, "α-amylase"),
    _c("\u03B2", "Greek beta", GREEK, "β-blockers"),
    _c("\u03B3", "Greek gamma", GREEK, "γ-rays"),
)


def characters(group: str | None = None) -> tuple[SpecialCharacter, ...]:
    """Every character, in picker order; or those of one group (one of ``GROUPS``)."""
    if group is None:
        return _CHARACTERS
    if group not in GROUPS:
        raise ValueError(f"unknown character group {group!r}; expected one of {GROUPS}")
    return tuple(c for c in _CHARACTERS if c.group == group)


def find(char: str) -> SpecialCharacter | None:
    """The picker entry for ``char``, or None."""
    return next((c for c in _CHARACTERS if c.char == char), None)


def search(text: str) -> tuple[SpecialCharacter, ...]:
    """Characters whose name, Unicode name, mnemonic or code point contains every word of
    ``text`` (case-insensitive), or that are ``text`` itself: "hacek", "stroke", "{uml}",
    "U+0301", "ł"."""
    words = text.casefold().replace("{", " ").replace("}", " ").split()
    if not words:
        return _CHARACTERS
    found = []
    for entry in _CHARACTERS:
        if text.strip() == entry.char:
            found.append(entry)
            continue
        haystack = " ".join((entry.name, unicodedata.normalize("NFD", entry.name),
                             entry.unicode_name, entry.code_point, *entry.mnemonics,
                             entry.group)).casefold()
        if all(word in haystack or word in _plain(haystack) for word in words):
            found.append(entry)
    return tuple(found)


def _plain(text: str) -> str:
    """Text without its diacritics, so that "hacek" finds "háček"."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@cache
def _mnemonics_by_text() -> dict[str, tuple[str, ...]]:
    by_text: dict[str, list[str]] = {}
    for name, text in mrk_mnemonics().items():
        by_text.setdefault(text, []).append(name)
    return {text: tuple(names) for text, names in by_text.items()}


@cache
def _marc8_repertoire() -> frozenset[int]:
    """Every Unicode code point some MARC-8 character set maps to (pymarc's copy of LC's
    MARC-8 ↔ UCS tables)."""
    tables = frozenset(ucs for table in CODESETS.values() for ucs, _combining in table.values())
    # The whole ligature and double tilde are written in MARC-8 as their two halves (EB…EC,
    # FA…FB), which LC's table maps to U+0361 and U+0360.
    return tables | {0x0361, 0x0360}
