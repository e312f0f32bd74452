"""Fixed fields: Leader codes, 008 (by the material type Leader/06-07 selects), 006 and 007.

Messages name the byte: "008/35-37 'en ' is not a MARC language code". Sources: LC, MARC 21
Bibliographic — Leader (bdleader.html), 006 (bd006.html), 007 (bd007.html), 008 (bd008.html); the
code lists of ``sandbox/reference``.
"""

from __future__ import annotations

import re
from functools import cache

from pymarc import Leader

from sandbox.reference import codes, marc21
from sandbox.rules.examples import field_008, marc_example
from sandbox.rules.model import ERROR, Hit, rule
from sandbox.rules.walk import describe_character, fields_tagged, quoted

BD = "https://www.loc.gov/marc/bibliographic/"
#: 006/00 form of material → the 008 material configuration its positions follow (LC, bd006).
FORM_OF_MATERIAL = {"a": "BK", "t": "BK", "c": "MU", "d": "MU", "i": "MU", "j": "MU",
                    "e": "MP", "f": "MP", "g": "VM", "k": "VM", "o": "VM", "r": "VM",
                    "m": "CF", "p": "MX", "s": "CR"}
MATERIAL_NAMES = {"BK": "Books", "CR": "Continuing resources", "MU": "Music", "MP": "Maps",
                  "VM": "Visual materials", "CF": "Computer files", "MX": "Mixed materials"}
_YEAR = re.compile(r"[0-9u]{4}\Z")
_MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]|  )")
#: 008/06 codes whose Date 2 has one fixed value: (that value, how messages name it).
_DATE_2 = {
    "s": ("    ", "blanks (one date only)"),
    "c": ("9999", "'9999' (still being published)"),
    "u": ("uuuu", "'uuuu' (status unknown)"),
}
#: OCLC's own Leader/17 encoding levels (OCLC Bibliographic Formats and Standards, "ELvl"),
#: which LC does not define, with the MARC 21 value that corresponds.
_OCLC_LEVELS = {"I": ("full level input by OCLC members", "blank (full level)"),
                "K": ("less-than-full input by OCLC members", "7 (minimal level)"),
                "M": ("batch-loaded records", "blank or 7, as the record's fullness warrants")}


def leader_text(record) -> str:
    """The record's leader as a string. pymarc's ``Leader`` holds it in ``.leader``; its
    ``str()`` is a call to a Python method, and the rules read the leader a dozen times for
    every record (a leader given as a plain string, as tests do, is taken as it is)."""
    leader = record.leader
    return leader.leader if type(leader) is Leader else str(leader)


def _span(start: int, end: int) -> str:
    return f"{start:02d}" if start == end else f"{start:02d}-{end:02d}"


class _Coded:
    """A position that holds LC codes, with what its messages say worked out once."""

    __slots__ = ("position", "where", "choices", "ranges")

    def __init__(self, position):
        self.position = position
        self.where = _span(position.start, position.end)
        self.choices = "; ".join(f"{'blank' if c == ' ' else c} {m}"
                                 for c, m in list(position.codes.items())[:10])
        # Only a key like '001-999' accepts more than itself (PositionDef.accepts): positions
        # without one need not ask.
        self.ranges = not position.repeat_codes and any("-" in code for code in position.codes)


_CHECKS: dict[tuple[int, int], tuple] = {}


def _checks(positions: tuple, offset: int) -> tuple:
    """The positions that hold LC codes, as (start, stop, codes, repeat, _Coded) slices of the
    data — worked out once for each (cached, so never rebuilt) tuple of positions. ``repeat``
    is None for a position holding one code, else its one-character codes as a string."""
    key = (id(positions), offset)
    checks = _CHECKS.get(key)
    if checks is None:
        checks = _CHECKS[key] = tuple(
            (p.start - offset, p.end - offset + 1, p.codes,
             "".join(code for code in p.codes if len(code) == 1) if p.repeat_codes else None,
             _Coded(p))
            for p in positions if p.start - offset >= 0 and p.codes and not p.code_list)
    return checks


_MATCHERS: dict[tuple[int, int, int], object] = {}


def holds_codes(data: str, positions: tuple, offset: int = 0) -> bool:
    """True when every coded position of ``data`` holds one of LC's codes, so that
    ``check_positions`` has nothing to report: one regular expression match instead of a test
    per position. False only means "look closer" (a range such as '001-999' is left to
    ``check_positions``)."""
    key = (id(positions), offset, len(data))
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = _MATCHERS[key] = _matcher(_checks(positions, offset), len(data))
    return matcher(data) is not None


def _never(data: str) -> None:
    return None


def _matcher(checks: tuple, size: int):
    """The ``match`` of a pattern accepting exactly the data of ``size`` characters in which no
    position ``check_positions`` reads (those within ``size``) holds anything but its literal
    codes; ``_never`` when the positions overlap or a position has no code of its length."""
    parts, at = [], 0
    for start, stop, allowed, singles, _ in sorted(checks, key=lambda check: check[0]):
        if stop > size:
            continue  # check_positions skips a position the data is too short for
        if start < at:
            return _never
        if start > at:
            parts.append(f".{{{start - at}}}")
        width = stop - start
        if singles is not None:
            if not singles:
                return _never
            parts.append(f"[{''.join(map(re.escape, singles))}]{{{width}}}")
        else:
            literals = [code for code in allowed if len(code) == width]
            if not literals:
                return _never
            parts.append(f"(?:{'|'.join(map(re.escape, literals))})")
        at = stop
    return re.compile("".join(parts), re.DOTALL).match


def check_positions(data: str, positions: tuple, prefix: str, offset: int = 0):
    """Hits for every coded position of ``data`` whose value is not among LC's codes.

    ``positions`` is one of the cached tuples below (``_checks`` remembers it by identity)."""
    size = len(data)
    for start, stop, allowed, singles, coded in _checks(positions, offset):
        if stop > size:
            continue
        value = data[start:stop]
        if singles is not None:
            if not value.strip(singles):
                continue  # every character a code: the common case, decided at once
        elif value in allowed:
            continue
        hit = _position_hit(value, coded, prefix)
        if hit is not None:
            yield hit


def _position_hit(value: str, coded: _Coded, prefix: str) -> Hit | None:
    """The finding for the first character (or the whole value) LC does not define here."""
    position = coded.position
    pieces = value if position.repeat_codes else (value,)
    for piece in pieces:
        if piece in position.codes or (coded.ranges and position.accepts(piece)):
            continue
        where = f"{prefix}/{coded.where}"
        if piece in position.obsolete_codes:
            return Hit(where, f"{where} ({position.label}) {describe_character(piece)} is an "
                       f"obsolete code ({position.obsolete_codes[piece]})")
        return Hit(where, f"{where} ({position.label}) is {describe_character(piece)}, "
                   f"which is not a defined code; codes are: {coded.choices}")
    return None


@cache
def _coded_leader_positions() -> tuple:
    """Leader positions with codes to check (lengths, addresses and fixed values are STR's)."""
    structural = {0, 9, 10, 11, 12, 20, 21, 22, 23}
    return tuple(p for p in marc21.leader_positions() if p.start not in structural)


@cache
def _coded_006_positions(material: str) -> tuple:
    return tuple(p for p in marc21.field_006_positions(material) if p.start > 0)


@cache
def _coded_007_positions(category: str) -> tuple:
    return tuple(p for p in marc21.field_007_positions(category) if p.start > 0)


@cache
def _categories_007() -> dict[str, str]:
    return marc21.field_007_categories()


@cache
def material_of(type_and_level: str) -> str | None:
    """The 008 configuration Leader/06-07 select (None: none; FIX-001 reports the code)."""
    try:
        return marc21.material_type("      " + type_and_level)
    except ValueError:
        return None


@cache
def _length_008() -> int:
    """The 008's length by LC's definition (40), read from the reference data once."""
    return marc21.field_008_length()


@cache
def _countries_008() -> frozenset[str]:
    """Every 008/15-17 value FIX-005 accepts: '|||', 'xx ' and the current country codes as the
    008 holds them, blank-padded to three (``codes.is_valid_country``'s reading)."""
    padded = {code.ljust(3) for code, entry in codes.countries().items()
              if not entry.obsolete and 1 <= len(code) <= 3
              and not code.startswith(" ") and not code.endswith(" ")}
    return frozenset(padded | {"|||", "xx "})


@cache
def _languages_008() -> frozenset[str]:
    """Every 008/35-37 value FIX-006 accepts: '|||', blanks and the current language codes."""
    current = {code for code, entry in codes.languages().items() if not entry.obsolete}
    return frozenset(current | {"|||", "   "})


@cache
def _coded_008_positions(material: str) -> tuple:
    """008 positions checked by FIX-003: all but 06, whose agreement with the dates is FIX-004's."""
    return tuple(p for p in marc21.field_008_positions(material) if p.start not in (6,))


@rule("FIX-001", "leader-codes", "Leader positions hold defined codes", ERROR,
      BD + "bdleader.html",
      "Leader/05-08 and 17-19 say what the record describes and how complete it is; systems "
      "choose displays, indexes and 008 layouts from them.",
      good=(marc_example(),),
      bad=(marc_example(leader="00000nzm a2200000 i 4500"),
           marc_example(leader="00000nam a2200000 x 4500")))
def leader_codes(record, context):
    # Like the other rules most records leave at their first test, a plain function returning
    # its hits: a generator costs more to start and stop than the test itself.
    leader = leader_text(record)
    positions = _coded_leader_positions()
    if holds_codes(leader, positions):
        return ()  # every code defined; check_positions finds and words anything else
    return _leader_hits(leader, positions)


def _leader_hits(leader: str, positions: tuple):
    """FIX-001's hits, when a Leader code is not one of LC's."""
    for hit in check_positions(leader, positions, "LDR"):
        oclc = _OCLC_LEVELS.get(leader[17]) if hit.location == "LDR/17" else None
        if oclc:
            yield Hit(hit.location, f"Leader/17 '{leader[17]}' is OCLC's code for {oclc[0]}, not a "
                      f"MARC 21 encoding level; in MARC 21 use {oclc[1]}")
        else:
            yield hit


def _control_fields(record, tag: str):
    return [item for item in fields_tagged(record, tag) if item.field.control_field]


@rule("FIX-002", "field-008-length", "008 is 40 characters", ERROR, BD + "bd008.html",
      "Every 008 position has a fixed place; with the wrong length every code after the gap "
      "is read from the wrong byte.",
      tags=("008",),
      good=(marc_example(),), bad=(marc_example("=008  240101s2024\\\\\\\\nyu"),))
def field_008_length(record, context):
    hits = []
    for item in fields_tagged(record, "008"):
        if not item.field.control_field:
            continue
        length = len(item.field.data or "")
        if length != _length_008():
            hits.append(Hit(item.address, f"008 is {length} characters long; it must be exactly "
                            "40 (fill unused positions with blanks or |)"))
    return hits


@rule("FIX-003", "field-008-codes", "008 positions hold codes defined for the material type",
      ERROR, BD + "bd008.html",
      "Leader/06-07 selects which of the seven 008 layouts applies (Books, Music, Maps…); each "
      "position then allows only LC's codes for that layout.",
      tags=("008",),
      good=(marc_example(),),
      bad=(marc_example(field_008(23, "x")),
           marc_example(field_008(39, "q"))))
def field_008_codes(record, context):
    material = material_of(leader_text(record)[6:8])
    if material is None:
        return ()  # Leader/06 names no material type: FIX-001 reports it, 008 cannot be read
    positions = _coded_008_positions(material)
    hits = []
    for item in fields_tagged(record, "008"):
        data = item.field.data or ""
        if len(data) != 40 or not item.field.control_field:
            continue  # FIX-002 reports the length; positions would be misread
        if not holds_codes(data, positions):  # a miss: check_positions finds each bad code
            hits.extend(check_positions(data, positions, "008"))
    return hits


@rule("FIX-004", "field-008-dates", "008/06 type of date agrees with Date 1 and Date 2", ERROR,
      BD + "bd008a.html",
      "008/06 says how to read 008/07-14: one date, a range, a reprint and its original… The "
      "dates are indexed for searching and limiting by year.",
      tags=("008",),
      good=(marc_example(),
            marc_example(field_008(6, "c19999999"))),
      bad=(marc_example(field_008(6, "s20242020")),
           marc_example(field_008(7, "20x4")),
           marc_example(field_008(6, "c1999    "))))
def field_008_dates(record, context):
    for item in fields_tagged(record, "008"):
        data = item.field.data or ""
        if len(data) != 40 or not item.field.control_field:
            continue
        kind, date1, date2 = data[6], data[7:11], data[11:15]
        if kind == "b":
            continue  # B.C. dates: both dates are blank
        if kind == "|":
            continue
        if not _YEAR.match(date1):
            yield Hit("008/07-10", f"008/07-10 (Date 1) is {quoted(date1)}; it must be a year "
                      "of four digits, with u for unknown digits (e.g. 19uu)")
        if kind in _DATE_2:
            wanted, words = _DATE_2[kind]
            if date2 != wanted and not (kind == "s" and date2 == "||||"):
                yield Hit("008/11-14", f"008/06 is '{kind}', so 008/11-14 (Date 2) should be "
                          f"{words}; it is {quoted(date2)}")
        elif kind == "e":
            if not _MONTH_DAY.fullmatch(date2):
                yield Hit("008/11-14", f"008/06 is 'e' (detailed date), so 008/11-14 holds the "
                          f"month and day (MMDD); it is {quoted(date2)}")
        elif kind in "dikmpqrt" and not _YEAR.match(date2):
            yield Hit("008/11-14", f"008/06 is '{kind}', which needs a second date in "
                      f"008/11-14 (four digits, u for unknown); it is {quoted(date2)}")


@rule("FIX-005", "country-code-008", "008/15-17 is a MARC country code", ERROR,
      "https://www.loc.gov/marc/countries/",
      "The place of publication code lets catalogs limit by country; only the codes of the MARC "
      "Code List for Countries are understood.",
      tags=("008",),
      good=(marc_example(),),
      bad=(marc_example(field_008(15, "usa")),))
def country_code(record, context):
    accepted = _countries_008()
    hits = []
    for item in fields_tagged(record, "008"):
        data = item.field.data or ""
        if len(data) != 40 or not item.field.control_field:
            continue
        value = data[15:18]
        if value in accepted:
            continue
        hits.append(Hit("008/15-17", f"008/15-17 {quoted(value)} is not a code from the MARC "
                        "Code List for Countries (e.g. 'nyu' New York State, 'enk' England, "
                        "'fr ' France)"))
    return hits


@rule("FIX-006", "language-code-008", "008/35-37 is a MARC language code", ERROR,
      "https://www.loc.gov/marc/languages/",
      "The language code drives language limits and displays; 'en' or 'EN' is not a MARC code "
      "('eng' is).",
      tags=("008",),
      good=(marc_example(),),
      bad=(marc_example(field_008(35, "en ")),))
def language_code(record, context):
    accepted = _languages_008()
    hits = []
    for item in fields_tagged(record, "008"):
        data = item.field.data or ""
        if len(data) != 40 or not item.field.control_field:
            continue
        value = data[35:38]
        if value in accepted:
            continue
        obsolete = codes.languages().get(f"-{value}")
        note = " (an obsolete code)" if obsolete else ""
        hits.append(Hit("008/35-37", f"008/35-37 {quoted(value)} is not a current MARC language "
                        f"code{note} (e.g. 'eng', 'fre', 'spa')"))
    return hits


@rule("FIX-007", "field-006", "006 has 18 characters and defined codes", ERROR,
      BD + "bd006.html",
      "006 codes a second aspect of the item (an e-book is a book and an electronic resource); "
      "its layout follows 006/00.",
      tags=("006",),
      good=(marc_example("=006  m\\\\\\\\\\o\\\\d\\\\\\\\\\\\\\\\"),),
      bad=(marc_example("=006  m\\\\\\\\\\o\\\\d"), marc_example("=006  z\\\\\\\\\\o\\\\d\\\\\\\\\\\\\\\\")))
def field_006(record, context):
    for item in _control_fields(record, "006"):
        data = item.field.data or ""
        if len(data) != 18:
            yield Hit(item.address, f"006 is {len(data)} characters long; it must be exactly 18")
            continue
        material = FORM_OF_MATERIAL.get(data[0])
        if material is None:
            yield Hit(f"{item.address}/00", f"006/00 (form of material) is "
                      f"{describe_character(data[0])}, which is not a defined code")
            continue
        positions = _coded_006_positions(material)
        if not holds_codes(data, positions):  # a miss: check_positions finds each bad code
            yield from check_positions(data, positions, item.address)


@rule("FIX-008", "field-007", "007 codes are defined for its category", ERROR,
      BD + "bd007.html",
      "007 describes the physical carrier (videodisc, sound disc, online resource…) byte by "
      "byte; the category in 007/00 decides what each byte means.",
      tags=("007",),
      good=(marc_example("=007  ta"), marc_example("=007  cr\\|||||||||||")),
      bad=(marc_example("=007  xa"), marc_example("=007  cx\\|||||||||||")))
def field_007(record, context):
    categories = _categories_007()
    for item in _control_fields(record, "007"):
        data = item.field.data or ""
        if not data:
            continue
        if data[0] not in categories:
            yield Hit(f"{item.address}/00", f"007/00 (category of material) is "
                      f"{describe_character(data[0])}, which is not a defined category")
            continue
        positions = _coded_007_positions(data[0])
        if not holds_codes(data, positions):  # a miss: check_positions finds each bad code
            yield from check_positions(data, positions, item.address)
