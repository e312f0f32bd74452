"""Classification: LC call numbers (050, 090) and Dewey numbers (082, 092).

Sources: LC, MARC 21 Bibliographic bd050.html and bd082.html; LC Classification Outline
(https://www.loc.gov/catdir/cpso/lcco/); LC Cataloging and Shelflisting Manual G 63 (Cutter table).
Dewey is checked for structure only (OCLC owns the schedules).
"""

from __future__ import annotations

import re
from decimal import Decimal

from sandbox.classify import cutter, dewey, lcc
from sandbox.classify.lcc import ParseProblem
from sandbox.rules.examples import marc_example
from sandbox.rules.model import ERROR, INFO, WARNING, Hit, rule
from sandbox.rules.walk import data_fields, quoted, shared

BD = "https://www.loc.gov/marc/bibliographic/"
OUTLINE = "https://www.loc.gov/catdir/cpso/lcco/"
#: Symbols LC records in 082 instead of a number: B (biography), Fic (fiction), E (easy books).
_LC_DEWEY_SYMBOLS = {"B", "FIC", "E"}
#: LC's Music and other shelving numbers ("MLCM 2004/01234") are not classification numbers.
_SHELVING_NUMBER = re.compile(r"MLC[A-Z]*\b|MLCM|MLCS")
_LOCATION_NOTE = re.compile(r"\s*<[^>]*>\s*$")


def _call_number(field) -> tuple[str, str]:
    """(text of $a, text of $b) of the first classification number in the field."""
    # One pass over the subfields: get_subfields would build a list for each code.
    class_part = item_part = None
    for code, value in field.subfields:
        if code == "a":
            if class_part is None:
                class_part = value
        elif code == "b" and item_part is None:
            item_part = value
    return (class_part.strip() if class_part is not None else "",
            item_part.strip() if item_part is not None else "")


def _parsed(record):
    """(field, $a, $b, reading) of each 050/090, read once for both LCC rules: the reading is
    ``lcc.read_class``'s (class letters, class number, Cutters) or the problem it found."""
    return shared(record, "lc-call-numbers", lambda: _parse_call_numbers(record))


def _parse_call_numbers(record) -> list:
    found = []
    for item in data_fields(record, "050", "090"):
        class_part, item_part = _call_number(item.field)
        # Every shelving number begins with MLC: the pattern is only tried on those.
        if not class_part or class_part.startswith("MLC") and _SHELVING_NUMBER.match(class_part):
            continue
        if "<" in item_part:
            item_part = _LOCATION_NOTE.sub("", item_part)  # LC's location note "<Orien Korea>"
        text = f"{class_part} {item_part}".strip()
        found.append((item, class_part, item_part, lcc.read_class(text)))
    return found


@rule("LCC-001", "lc-call-number", "050/090 hold a well-formed LC call number in a real subclass",
      ERROR, BD + "bd050.html",
      "The call number decides where the book stands and how it is browsed; letters that are "
      "no LCC subclass, or a number outside the subclass, put it nowhere.",
      tags=("050", "090"),
      good=(marc_example("=050  00$aQA76.73.P98$bK34 2011"),),
      bad=(marc_example("=050  00$aQZ76.73$bK34 2011"), marc_example("=050  00$aQA1000$bK34 2011"),
           marc_example("=050  00$aQ A76$bK34 2011")))
def lc_call_number(record, context):
    for item, class_part, _, reading in _parsed(record):
        if isinstance(reading, ParseProblem):
            yield Hit(f"{item.address}$a",
                      f"{item.field.tag} {quoted(class_part)}: {reading.message}")
            continue
        letters, number, _ = reading
        subclass = lcc.subclass(letters)
        if subclass is None:
            yield Hit(f"{item.address}$a", f"{item.field.tag} class letters "
                      f"'{letters}' are not an LC Classification subclass (see the "
                      "LCC outline)")
        elif subclass.ranges and not subclass.contains(Decimal(number)):
            # lcc.in_range(parsed) is False, with the outline's row already at hand
            spans = ", ".join(f"{low}-{high}" for low, high in subclass.ranges)
            yield Hit(f"{item.address}$a", f"{item.field.tag} class number "
                      f"{number} is outside the numbers of subclass "
                      f"{subclass.letters} ({subclass.caption}: {spans})")


def _main_entry_name(record) -> str | None:
    """The filing word of the main entry: a surname, a body's first word, or the title."""
    for item in data_fields(record, "100", "110", "111", "130"):
        names = item.field.get_subfields("a")
        if names:
            name = names[0].split(",")[0] if item.field.tag == "100" else names[0]
            return name.split("(")[0].strip(" .")
    for item in data_fields(record, "245"):
        titles = item.field.get_subfields("a")
        skip = item.field.indicator2
        if titles:
            return titles[0][int(skip) if skip.isascii() and skip.isdigit() else 0:].strip()
    return None


@rule("LCC-002", "cutter-advice", "The Cutter agrees with the LC Cutter table for the main entry",
      INFO, "https://www.loc.gov/aba/publications/FreeCSM/G063.pdf",
      "The Cutter number files the book by its main entry; LC adjusts Cutters to fit its own "
      "shelflist, so a difference from the table is worth a look, not an error.",
      tags=("050", "090"),
      good=(marc_example("=050  \\4$aQA76.73.P98$bW75 2024"),
            marc_example("=050  00$aQA76.73.P98$bW25 2024")),
      bad=(marc_example("=050  \\4$aQA76.73.P98$bW25 2024"),
           marc_example("=090  \\\\$aQA76.73.P98$bA12 2024")))
def cutter_advice(record, context):
    # The main entry's name, its filing form and the table's first digit for it, worked out
    # when a call number needs them.
    name = form = digit = None
    for item, _, item_part, reading in _parsed(record):
        if isinstance(reading, ParseProblem) or not reading[2]:
            continue
        letters, _, cutters = reading
        if item.field.tag == "050" and item.field.indicator2 == "0":
            continue  # assigned by LC, which adjusts Cutters to its shelflist on purpose
        if letters.startswith("P"):
            continue  # literature: author numbers come from the P tables, not from G 63 alone
        if name is None:
            name = _main_entry_name(record)
            if not name or not name[0].isalpha():
                return
            form = cutter.filing_form(name)[0]
            initial = form[:1].upper()
        where = f"{item.address}$b" if item_part else f"{item.address}$a"
        matching = [c for c in cutters if c[:1].upper() == initial]
        if not matching:
            shown = ", ".join(f".{c}" for c in cutters)
            yield Hit(where, f"no Cutter of the call number ({shown}) starts with '{initial}', "
                      f"the initial of the main entry '{name}'; that is right only when the "
                      "book is cuttered by another element (a title, a subject)")
            continue
        given = matching[-1]
        if digit is None:
            digit = cutter.first_digit(form)
        if given[1:2] == digit:
            continue  # the table's first digit: the whole Cutter (and its steps) is not needed
        try:
            expected = cutter.cutter(name, digits=max(len(given) - 1, 1)).cutter
        except ValueError:
            continue
        if given[1:2] != expected[1:2]:
            yield Hit(where, f"the LC Cutter table gives .{expected} for '{name}'; the call "
                      f"number has .{given} (LC adjusts Cutters to its shelflist, so check, "
                      "don't just change it)")


@rule("DDC-001", "dewey-number", "082/092 $a is a well-formed Dewey number", ERROR,
      BD + "bd082.html",
      "A Dewey number has at least three digits, a point after the third and no final zero "
      "after the point; prime marks show where it may be shortened.",
      tags=("082", "092"),
      good=(marc_example("=082  04$a005.1/33$223"),),
      bad=(marc_example("=082  04$a05.133$223"), marc_example("=082  04$a005.10$223")))
def dewey_number(record, context):
    for item in data_fields(record, "082", "092"):
        for position, (code, value) in enumerate(item.field.subfields):
            if code != "a":
                continue
            problems = dewey.dewey_problems(value)
            if not problems:
                continue  # a Dewey number (LC's symbols, which have no digits, never read as one)
            if value.strip().strip("[]").upper() in _LC_DEWEY_SYMBOLS:
                continue  # LC's symbols for biography, fiction and easy books
            more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
            yield Hit(item.subfield_address(position),
                      f"{item.field.tag} $a {quoted(value)}: {problems[0].message}{more}")


@rule("DDC-002", "dewey-edition", "082 $2 names the Dewey edition", WARNING, BD + "bd082.html",
      "$2 says which edition of Dewey the number comes from (e.g. 23), so the number can be "
      "read against the right schedules.",
      tags=("082",),
      good=(marc_example("=082  04$a005.133$223"),),
      bad=(marc_example("=082  04$a005.133"), marc_example("=082  74$a005.133$223x")))
def dewey_edition(record, context):
    for item in data_fields(record, "082"):
        edition = None  # the first $2 (one pass over the subfields: no list per field)
        for code, value in item.field.subfields:
            if code == "2":
                edition = value
                break
        if edition is None:
            yield Hit(f"{item.address}$2", "082 has no $2; it names the Dewey edition the number "
                      "comes from (e.g. 23)")
            continue
        for message in dewey.edition_source_problems(edition, item.field.indicator1):
            yield Hit(f"{item.address}$2", message)
