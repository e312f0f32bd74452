"""Standard numbers: ISBN (020), ISSN (022), LCCN (010) and typed identifiers (024).

Check digits are computed by python-stdnum. Sources: the LC pages of each field (cited per rule);
LC, "LCCN Structure" (https://www.loc.gov/marc/lccn_structure.html) and "LCCN Normalization"
(https://www.loc.gov/marc/lccn-namespace.html).
"""

from __future__ import annotations

import re
from operator import mul

from stdnum import ean, isbn, ismn, isrc, issn

from sandbox.rules.examples import marc_example
from sandbox.rules.model import ERROR, INFO, WARNING, Hit, rule
from sandbox.rules.walk import data_fields, quoted

BD = "https://www.loc.gov/marc/bibliographic/"
_LEADING_NUMBER = re.compile(r"\s*([0-9Xx][0-9Xx -]*[0-9Xx])")
_SEPARATORS = re.compile(r"[ -]")
_ISSN_FORM = re.compile(r"\d{4}-\d{3}[\dX]")


_ISBN_CHARACTERS = frozenset("0123456789Xx")
#: Check digit weights: ISBN-10 weighs its first nine digits 1 to 9, ISBN-13 its first twelve
#: 1, 3, 1, 3 ...
_ISBN10_WEIGHTS = tuple(range(1, 10))
_ISBN13_WEIGHTS = (1, 3) * 6
#: The weighted sums are taken over the digits' character codes (ord("0") is 48, ord("7") 55):
#: these are what each weighted sum is too large by.
_ISBN10_CODES_OVER = ord("0") * sum(_ISBN10_WEIGHTS)
_ISBN13_CODES_OVER = ord("0") * sum(_ISBN13_WEIGHTS)


def isbn_is_valid(number: str) -> bool:
    """``stdnum.isbn.is_valid(number)``, worked out directly for the plain 10- and 13-character
    numbers ``leading_number`` gives (digits, a final X); stdnum decides anything else. Every
    020 $a is checked, and stdnum's general path (cleaning, exceptions) cost most of the rule."""
    size = len(number)
    if (size != 10 and size != 13) or not _ISBN_CHARACTERS.issuperset(number):
        return isbn.is_valid(number)
    body, check = number[:-1], number[-1].upper()
    if not body.isdigit():
        return False  # an X before the last place
    # The weighted sums as map(mul, weights, character codes) less the codes' excess: the body
    # is ASCII digits here, and a generator and int() per digit cost four times as much.
    if size == 10:
        total = (sum(map(mul, _ISBN10_WEIGHTS, body.encode())) - _ISBN10_CODES_OVER) % 11
        return ("X" if total == 10 else str(total)) == check
    if check == "X" or body[:3] not in ("978", "979"):
        return False
    total = sum(map(mul, _ISBN13_WEIGHTS, body.encode())) - _ISBN13_CODES_OVER
    return str((10 - total) % 10) == check


def leading_number(value: str) -> str:
    """The number at the start of a subfield, without hyphens or blanks ('0-262-01153-0 (pbk.)')."""
    match = _LEADING_NUMBER.match(value)
    if match is None:
        return value.strip()
    number = match.group(1)
    return _SEPARATORS.sub("", number) if "-" in number or " " in number else number


@rule("NUM-001", "isbn-check-digit", "020 $a holds a valid ISBN", ERROR, BD + "bd020.html",
      "An ISBN with a wrong check digit matches no other record and orders the wrong book; "
      "a wrong ISBN printed on the item goes in $z (canceled/invalid), not $a.",
      tags=("020",),
      good=(marc_example(), marc_example("=020  \\\\$z9780262033849")),
      bad=(marc_example("=020  \\\\$a9780262033849"), marc_example("=020  \\\\$a026201153")))
def isbn_valid(record, context):
    for item in data_fields(record, "020"):
        for position, (code, value) in enumerate(item.field.subfields):
            if code != "a" or not value.strip():
                continue  # an empty subfield is STR-006's to report
            number = leading_number(value)
            if isbn_is_valid(number):
                continue
            where = item.subfield_address(position)
            if len(number) not in (10, 13) or not number[:-1].isdigit():
                yield Hit(where, f"020 $a {quoted(value)} is not an ISBN: an ISBN has 10 or 13 "
                          "digits (the last of an ISBN-10 may be X)")
            else:
                yield Hit(where, f"020 $a {quoted(value)} has a wrong check digit; if the item "
                          "really carries this number, record it in $z, not $a")


@rule("NUM-002", "issn-check-digit", "022 $a and 023 $a hold valid ISSNs", ERROR,
      BD + "bd022.html",
      "An ISSN identifies a serial; with a wrong check digit it identifies nothing. An "
      "incorrect ISSN printed on the item goes in $y, a canceled one in $z.",
      tags=("022", "023"),
      good=(marc_example("=022  0\\$a0028-0836", "=023  0\\$a0028-0836"),),
      bad=(marc_example("=022  0\\$a0028-0835"), marc_example("=022  0\\$a00280836X")))
def issn_valid(record, context):
    for item in data_fields(record, "022", "023"):
        for position, (code, value) in enumerate(item.field.subfields):
            if code != "a" and not (code == "l" and item.field.tag == "022") or not value.strip():
                continue
            number = value.strip()
            if not _ISSN_FORM.fullmatch(number):
                yield Hit(item.subfield_address(position), f"{item.field.tag} ${code} {quoted(value)} is not "
                          "written as an ISSN: four digits, a hyphen, three digits and a check "
                          "digit (0-9 or X), e.g. 0028-0836")
            elif not issn.is_valid(number):
                yield Hit(item.subfield_address(position), f"{item.field.tag} ${code} {quoted(value)} has a "
                          "wrong check digit; an incorrect ISSN from the item belongs in $y")


_LCCN = re.compile(r"[a-z]{0,3}\d{8}\Z|[a-z]{0,2}\d{10}\Z")


def normalize_lccn(value: str) -> str:
    """LC's LCCN normalization: drop blanks and what follows a slash, pad the serial after a hyphen."""
    text = value.replace(" ", "").partition("/")[0]
    if "-" in text:
        prefix, serial = text.split("-", 1)
        if serial.isdigit():
            text = prefix + serial.rjust(6, "0")
    return text


@rule("NUM-003", "lccn-structure", "010 $a has the structure of an LCCN", ERROR,
      "https://www.loc.gov/marc/lccn_structure.html",
      "The Library of Congress Control Number links the record to LC's; a malformed one links "
      "to nothing.",
      tags=("010",),
      good=(marc_example("=010  \\\\$a  2011018479"), marc_example("=010  \\\\$a   85012345 ")),
      bad=(marc_example("=010  \\\\$a2011-18479x"), marc_example("=010  \\\\$a201101847")))
def lccn_structure(record, context):
    for item in data_fields(record, "010"):
        for position, (code, value) in enumerate(item.field.subfields):
            if code == "a" and value.strip() and not _LCCN.match(normalize_lccn(value)):
                yield Hit(item.subfield_address(position), f"010 $a {quoted(value)} is not an "
                          "LCCN: an optional prefix of letters, a 2- or 4-digit year and a "
                          "6-digit serial number (e.g. '  2011018479' or '   85012345 ')")


_TYPED = {
    "0": ("ISRC", isrc.is_valid),
    "1": ("UPC", lambda number: len(number) == 12 and ean.is_valid(number)),
    "2": ("ISMN", ismn.is_valid),
    "3": ("EAN", lambda number: len(number) == 13 and ean.is_valid(number)),
}


@rule("NUM-004", "typed-identifier", "024 numbers match the type its first indicator names",
      WARNING, BD + "bd024.html",
      "024 ind1 names the kind of number (0 ISRC, 1 UPC, 2 ISMN, 3 EAN, 7 named in $2); a "
      "number that fails its type's check is mistyped or coded with the wrong indicator.",
      tags=("024",),
      good=(marc_example("=024  1\\$a074646493526"),
            marc_example("=024  7\\$a10.24432/C56C76$2doi")),
      bad=(marc_example("=024  1\\$a074646493525"), marc_example("=024  7\\$a10.24432/C56C76")))
def typed_identifier(record, context):
    for item in data_fields(record, "024"):
        ind1 = item.field.indicator1
        if ind1 == "7" and not item.field.get_subfields("2"):
            yield Hit(f"{item.address}$2", "024 first indicator '7' says the source is named in "
                      "$2 (e.g. doi, uri, isni), but there is no $2")
        if ind1 not in _TYPED:
            continue
        name, valid = _TYPED[ind1]
        for position, (code, value) in enumerate(item.field.subfields):
            if code == "a" and value.strip() and not valid(
                    leading_number(value) if ind1 != "0" else value.strip()):
                yield Hit(item.subfield_address(position), f"024 $a {quoted(value)} is not a "
                          f"valid {name} (024 first indicator '{ind1}')")


@rule("NUM-005", "isbn-bare-number", "020 $a holds the ISBN alone, without hyphens", INFO,
      BD + "bd020.html",
      "LC's input conventions record the ISBN without hyphens, and since 2013 a qualifier such "
      "as '(paperback)' goes in $q: $a then holds exactly the number, so it matches exactly.",
      tags=("020",),
      good=(marc_example("=020  \\\\$a9780262033848$q(hardcover)"),),
      bad=(marc_example("=020  \\\\$a9780262033848 (hardcover)"),
           marc_example("=020  \\\\$a978-0-262-03384-8"),
           marc_example("=020  \\\\$a080442957x")))
def isbn_bare_number(record, context):
    for item in data_fields(record, "020"):
        for position, (code, value) in enumerate(item.field.subfields):
            if code != "a":
                continue
            match = _LEADING_NUMBER.match(value)
            if match is None:
                continue  # no number to judge, and nothing after one
            number = match.group(1)
            rest = value[match.end():].strip()
            if rest == ":" and any(c == "c" for c, _ in item.field.subfields[position + 1:]):
                rest = ""  # ISBD ' :' before $c (terms of availability)
            separated = "-" in number or " " in number  # what _SEPARATORS finds
            if not rest and not separated and not number.endswith("x"):
                continue  # nothing to report: no address to build
            where = item.subfield_address(position)
            if rest:
                yield Hit(where, f"020 $a carries {quoted(rest)} after the number; record "
                          "qualifying information in $q")
            if separated:
                yield Hit(where, f"020 $a {quoted(number)} has hyphens or spaces; "
                          "record the ISBN as digits only")
            elif number.endswith("x"):
                yield Hit(where, f"020 $a {quoted(number)} ends with a lowercase x; "
                          "the check digit ten is written as a capital X")
