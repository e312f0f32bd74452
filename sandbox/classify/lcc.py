"""LC call numbers: reading them, explaining them, checking them against the outline, filing them.

A call number such as ``QA76.73.P98 L88 2013 v.2`` is read into its parts::

    QA        class letters (a subclass of the LC Classification Outline)
    76.73     class number: a whole number and an optional decimal
    .P98      first Cutter (here a topic: the language Python)
    L88       second Cutter (here the author)
    2013      date of publication
    v.2       volume (also pt., no., c./copy for part, number and copy)

A date or ordinal may also follow the class number directly (``KF4558 15th``, ``G1201.P5 1990``
keeps its date after the Cutter). :func:`sort_key` files call numbers as LC shelves them: class
letters alphabetically, the class number as a number (whole part, then decimal), Cutters as
decimals (.A45 before .A5), dates in order, volume and copy numbers as numbers, and "nothing before
something" at every step (QA76 before QA76.5, .A4 before .A4 B6).

:func:`subclass` looks letters up in ``data/lcc_outline.tsv`` (LC's outline); :func:`in_range` says
whether a class number falls within the spans the outline gives for its letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from sandbox.classify.parts import Explained, Problem, data_rows

#: Why a text is not a well-formed LC call number, and where.
ParseProblem = Problem

# ---------------------------------------------------------------------------------------------
# The outline


@dataclass(frozen=True)
class Subclass:
    """A row of the LC Classification Outline.

    ``ranges`` are ``(from, to)`` pairs of :class:`~decimal.Decimal`; a span's end includes the
    decimal extensions of a whole-number end (QA939.5 falls within 1-939). ``note`` says how the row
    was derived when it was (see the data file's header).
    """

    class_letter: str
    letters: str
    caption: str
    ranges: tuple[tuple[Decimal, Decimal], ...]
    note: str
    class_caption: str

    @property
    def listed_under(self) -> str | None:
        """For letters the outline lists inside another subclass (KFN inside KF), that subclass."""
        match = re.search(r"under subclass ([A-Z]+)", self.note)
        return match.group(1) if match else None

    def contains(self, number: Decimal | str) -> bool:
        """Whether a class number falls within one of this subclass's spans."""
        # A Decimal is used as it is (LCC-001 asks for every call number); anything else is read.
        value = number if isinstance(number, Decimal) else Decimal(str(number))
        for low, high in self.ranges:
            if low <= value <= high:
                return True
            if high == int(high) and int(value) == high:
                return True
        return False

    def ranges_text(self) -> str:
        return ", ".join(f"{self.letters}{low.normalize():f}" + (f"-{high.normalize():f}" if high != low else "")
                         for low, high in self.ranges)


@dataclass(frozen=True)
class MainClass:
    letter: str
    caption: str


@lru_cache(maxsize=1)
def _outline() -> tuple[dict[str, MainClass], dict[str, Subclass]]:
    classes: dict[str, MainClass] = {}
    rows: list[list[str]] = []
    for cells in data_rows("lcc_outline.tsv"):
        if cells[1] == "*":
            classes[cells[0]] = MainClass(cells[0], cells[2])
        else:
            rows.append(cells)
    subclasses = {}
    for class_letter, letters, caption, ranges, note in rows:
        spans = []
        for span in filter(None, ranges.split(",")):
            low, _, high = span.partition("-")
            spans.append((Decimal(low), Decimal(high or low)))
        subclasses[letters] = Subclass(class_letter, letters, caption, tuple(spans), note,
                                       classes[class_letter].caption)
    return classes, subclasses


def main_class(letter: str) -> MainClass | None:
    """The main class for a letter (``"Q"`` -> Science), or None: I, O, W, X and Y are not classes."""
    return _outline()[0].get(letter.strip().upper()[:1])


def subclass(letters: str) -> Subclass | None:
    """The outline's row for these class letters (``"QA"``, ``"KFN"``), or None if it has none."""
    return _outline()[1].get(letters.strip().upper())


def subclasses() -> tuple[Subclass, ...]:
    """Every row of the outline, in the outline's order."""
    return tuple(_outline()[1].values())


# ---------------------------------------------------------------------------------------------
# Reading a call number


@dataclass(frozen=True)
class LCCallNumber:
    text: str
    class_letters: str
    class_number: str  # "76.73"
    class_date: str | None = None  # a date or ordinal right after the class number: "1990", "15th"
    cutters: tuple[str, ...] = ()  # without full stops: ("P98", "L88")
    date: str | None = None  # "2013", "1990b", "1990-1991"
    volume: str | None = None
    part: str | None = None
    number: str | None = None
    copy: str | None = None
    other: tuple[str, ...] = ()  # "suppl.", "index" and other words after the date
    #: Everything after the class number, in order, as (kind, value) pairs; kind is one of
    #: "class date", "cutter", "date", "volume", "part", "number", "copy", "other". Map call numbers
    #: (class G) put a date between two Cutters: G4364.C6 2000 .R3.
    elements: tuple[tuple[str, str], ...] = ()

    @property
    def whole_number(self) -> int:
        return int(self.class_number.split(".")[0])

    @property
    def decimal(self) -> str:
        """The digits after the class number's decimal point ("" if none)."""
        return self.class_number.partition(".")[2]

    @property
    def class_value(self) -> Decimal:
        return Decimal(self.class_number)

    def __str__(self) -> str:
        """The call number written as LC writes it: ``QA76.73.P98 L88 2013 v.2``."""
        out = f"{self.class_letters}{self.class_number}"
        previous = "class number"
        for kind, value in self.elements:
            if kind == "cutter":
                # A Cutter after the class number or a date takes a full stop; after a Cutter, a space.
                out += {"class number": f".{value}", "cutter": f" {value}"}.get(previous, f" .{value}")
            elif kind in _PREFIXES:
                out += f" {_PREFIXES[kind]}{value}"
            else:
                out += f" {value}"
            previous = kind
        return out

    def explain(self) -> list[Explained]:
        """Each part of the call number with what it does, for a learner."""
        parts = []
        found = subclass(self.class_letters)
        if found:
            where = (f" (listed under {found.listed_under})" if found.listed_under else "")
            parts.append(Explained("class letters", self.class_letters,
                                   f"Subclass {self.class_letters}: {found.caption}{where}, in class "
                                   f"{found.class_letter} ({found.class_caption})."))
        else:
            parts.append(Explained("class letters", self.class_letters,
                                   f"{self.class_letters} is not a subclass in the LC Classification "
                                   "Outline."))
        meaning = (f"The class number, filed as a number: the whole number {self.whole_number}"
                   + (f", then the decimal .{self.decimal} (read as a decimal fraction, so .{self.decimal} "
                      f"files as 0.{self.decimal})" if self.decimal else "") + ".")
        if found and found.ranges:
            inside = found.contains(self.class_value)
            meaning += (f" It falls within the outline's numbers for {self.class_letters} "
                        f"({found.ranges_text()})." if inside else
                        f" It is outside the outline's numbers for {self.class_letters} "
                        f"({found.ranges_text()}).")
        parts.append(Explained("class number", self.class_number, meaning))
        if self.class_date:
            parts.append(Explained("date or ordinal after the class number", self.class_date,
                                   "Part of the class number's place on the shelf: some classes add a "
                                   "date or an ordinal (15th) right after the number."))
        names = ("first Cutter", "second Cutter", "third Cutter")
        for index, value in enumerate(self.cutters):
            role = ("Usually the main entry (author or title) or a topic or place the schedule "
                    "asks to be Cuttered" if index == 0 else
                    "Usually the main entry, when the first Cutter stands for a topic or place")
            parts.append(Explained(names[min(index, 2)], f".{value}" if index == 0 else value,
                                   f"{role}. A Cutter files as a decimal: .{value} is "
                                   f"{value[0]} followed by 0.{_cutter_digits(value)}."))
        if self.date:
            parts.append(Explained("date", self.date, "The date of publication; dates file in "
                                   "chronological order, and a call number without one files first."))
        for label, value, what in (("volume", self.volume, "v."), ("part", self.part, "pt."),
                                   ("number", self.number, "no."), ("copy", self.copy, "c.")):
            if value:
                parts.append(Explained(label, f"{what}{value}",
                                       f"The {label} designation; files by number ({what}2 before "
                                       f"{what}10)."))
        for word in self.other:
            parts.append(Explained("other", word, "A further designation, filed as written."))
        return parts


_CLASS = re.compile(r"\s*(?P<letters>[A-Za-z]{1,3})\s*(?P<number>\d{1,4}(?:\.\d+)?)")
_CUTTER = re.compile(r"\s*\.?\s*(?P<cutter>[A-Za-z]\d+[a-z]*)(?![\d.])")
#: Work letters in place of a second Cutter, as in older PZ numbers: PZ7.J684 Wj 1982.
_WORK_LETTERS = re.compile(r"\s+(?P<cutter>[A-Z][a-z]{1,2})(?=\s|$)")
_CLASS_DATE = re.compile(r"\s+(?P<date>\d{4}(?:-\d{2,4})?[a-z]?|\d+(?:st|nd|rd|th))(?=\s|\.[A-Z]|$)")
_DATE = re.compile(r"\s*(?P<date>\d{4}(?:-\d{2,4})?[a-z]?)(?=\s|$)")
_DESIGNATION = re.compile(
    r"\s*(?P<label>v\.|vol\.|pt\.|no\.|c\.|copy)\s*(?P<value>\d+[A-Za-z]?)(?=\s|$)", re.IGNORECASE)
_WORD = re.compile(r"\s*(?P<word>suppl\.|index|atlas|guide|ser\.\s*\d+)(?=\s|$)", re.IGNORECASE)
#: The usual shape of a call number, read in one step: capital class letters (not starting with
#: I, O, W, X or Y, which are no classes), a class number, up to three Cutters and a plain date at
#: the end: "QA76.73.P98 L88 2001", "PR 4034 .P7 1980b", "PS3545 1990".
_WELL_FORMED = re.compile(
    r"(?P<letters>[A-HJ-NP-VZ][A-Z]{0,2}) ?(?P<number>[0-9]{1,4}(?:\.[0-9]+)?)"
    r"(?P<cutters>(?:\.| \.?)[A-Z][0-9]+(?: \.?[A-Z][0-9]+){0,2})?"
    r"(?: (?P<date>[0-9]{4}[a-z]?))?")
_MARKERS = re.compile(r"\$[ab]\s*")
_LABELS = {"v.": "volume", "vol.": "volume", "pt.": "part", "no.": "number", "c.": "copy",
           "copy": "copy"}
_NOT_CLASSES = set("IOWXY")
_PREFIXES = {"volume": "v.", "part": "pt.", "number": "no.", "copy": "c."}


def parse_call_number(text: str) -> LCCallNumber | ParseProblem:
    """Read an LC call number, or say what is wrong with it.

    Accepts the usual ways of writing one: ``QA76.73.P98 L88 2013``, ``QA 76.73 .P98 L88 2013``,
    MARC 050's ``QA76.73.P98 $b L88 2013`` (``$a``/``$b`` markers are ignored), lower-case class
    letters, ``v. 2``/``v.2``, ``c.2``/``copy 2``.
    """
    well_formed = _WELL_FORMED.fullmatch(text.strip())
    if well_formed:
        return _read_well_formed(text, well_formed)
    # Everything else: $a/$b markers, lower case, class dates, work letters, volumes and copies,
    # other blanks, and saying what is wrong.
    return _parse_in_full(text)


def read_class(text: str) -> tuple[str, str, tuple[str, ...]] | ParseProblem:
    """``(class_letters, class_number, cutters)`` of ``parse_call_number(text)``, or the
    problem it gives.

    LCC-001 and LCC-002 read only these three parts of the call number of most records: the
    usual shape gives them without making the whole :class:`LCCallNumber` (its elements and
    eleven fields cost more than reading the text); anything else is read in full.
    """
    well_formed = _WELL_FORMED.fullmatch(text.strip())
    if well_formed:
        letters, number, run, _ = well_formed.groups()
        return letters, number, _split_cutters(run)
    parsed = _parse_in_full(text)
    if isinstance(parsed, ParseProblem):
        return parsed
    return parsed.class_letters, parsed.class_number, parsed.cutters


def _parse_in_full(text: str) -> LCCallNumber | ParseProblem:
    """:func:`parse_call_number` for any text, part by part."""
    original = text
    cleaned = _MARKERS.sub(" ", text).strip()
    if not cleaned:
        return ParseProblem(original, "The call number is empty.", 0)
    match = _CLASS.match(cleaned)
    if not match:
        return _no_class(original, cleaned)
    letters = match.group("letters").upper()
    if letters[0] in _NOT_CLASSES:
        return ParseProblem(original, f"{letters[0]} is not an LC main class (the classes skip I, O, W, "
                            "X and Y).", 0)
    number = match.group("number")
    pos = match.end()
    found: dict[str, str | None] = {"class_date": None, "date": None, "volume": None, "part": None,
                                    "number": None, "copy": None}
    class_date = _CLASS_DATE.match(cleaned, pos)
    if class_date and (_CUTTER.match(cleaned, class_date.end())
                       or (_is_ordinal(class_date.group("date")) and not cleaned[class_date.end():].strip())):
        found["class_date"] = class_date.group("date")
        pos = class_date.end()
    cutters: list[str] = []
    other: list[str] = []
    elements: list[tuple[str, str]] = []
    if found["class_date"]:
        elements.append(("class date", found["class_date"]))
    while pos < len(cleaned):  # ``cleaned`` ends in no blank: whatever is left is a part to read
        designated = (found["volume"] or found["part"] or found["number"] or found["copy"]
                      or other)
        cutter = None if designated else _CUTTER.match(cleaned, pos)
        if cutter is None and cutters and not designated:
            cutter = _WORK_LETTERS.match(cleaned, pos)
        if cutter:
            if len(cutters) == 3:
                return ParseProblem(original, "More than three Cutters.", cutter.start("cutter"))
            value = cutter.group("cutter")
            value = value[0].upper() + value[1:]
            cutters.append(value)
            elements.append(("cutter", value))
            pos = cutter.end()
            continue
        date = None if found["date"] or designated else _DATE.match(cleaned, pos)
        if date:
            found["date"] = date.group("date")
            elements.append(("date", found["date"]))
            pos = date.end()
            continue
        designation = _DESIGNATION.match(cleaned, pos)
        if designation:
            key = _LABELS[designation.group("label").lower()]
            if found[key] is not None:
                return ParseProblem(original, f"Two {key} designations.", designation.start("label"))
            found[key] = designation.group("value")
            elements.append((key, found[key]))
            pos = designation.end()
            continue
        word = _WORD.match(cleaned, pos)
        if word:
            other.append(word.group("word"))
            elements.append(("other", word.group("word")))
            pos = word.end()
            continue
        return _unreadable(original, cleaned, pos)
    return _new_call_number({
        "text": original, "class_letters": letters, "class_number": number,
        "class_date": found["class_date"], "cutters": tuple(cutters), "date": found["date"],
        "volume": found["volume"], "part": found["part"], "number": found["number"],
        "copy": found["copy"], "other": tuple(other), "elements": tuple(elements)})


_new_object = object.__new__
_set_attribute = object.__setattr__


def _read_well_formed(original: str, match: re.Match) -> LCCallNumber:
    """The call number :data:`_WELL_FORMED` matched, as the full reading gives it."""
    letters, number, run, date = match.groups()
    cutters = _split_cutters(run)
    elements = [("cutter", value) for value in cutters]
    if date:
        elements.append(("date", date))
    return _new_call_number({
        "text": original, "class_letters": letters, "class_number": number, "class_date": None,
        "cutters": cutters, "date": date, "volume": None, "part": None, "number": None,
        "copy": None, "other": (), "elements": tuple(elements)})


def _split_cutters(run: str | None) -> tuple[str, ...]:
    """The Cutters of the run :data:`_WELL_FORMED` matched after the class number."""
    # Cutters hold no full stops or blanks, so the run ".P98 L88" splits into ("P98", "L88").
    return tuple(run.replace(".", " ").split()) if run else ()


def _new_call_number(values: dict) -> LCCallNumber:
    """``LCCallNumber(**values)`` (``values`` names every field, in order), made without the
    frozen dataclass's per-field ``__init__``: the same object, equal and hashed alike. LCC-001
    reads the call number of most records, and setting eleven frozen fields one by one cost
    more than reading the text."""
    call = _new_object(LCCallNumber)
    _set_attribute(call, "__dict__", values)
    return call


def _no_class(original: str, cleaned: str) -> ParseProblem:
    if cleaned[0].isdigit():
        return ParseProblem(original, "An LC call number begins with class letters (one to three "
                            "letters, e.g. QA); this begins with a numeral. Is it a Dewey number?", 0)
    if not cleaned[0].isalpha():
        return ParseProblem(original, "An LC call number begins with class letters (e.g. QA).", 0)
    letters = re.match(r"[A-Za-z]+", cleaned).group(0)
    if len(letters) > 3:
        return ParseProblem(original, f"Class letters are one to three letters; {letters!r} has "
                            f"{len(letters)}.", 0)
    return ParseProblem(original, f"After the class letters {letters.upper()} comes the class number "
                        "(digits, e.g. QA76.73).", len(letters))


def _unreadable(original: str, cleaned: str, pos: int) -> ParseProblem:
    rest = cleaned[pos:]
    start = pos + len(rest) - len(rest.lstrip())
    bad = rest.split()[0]
    hint = ""
    if _DECIMAL_CUTTER.fullmatch(bad):
        hint = " A Cutter has no decimal point inside it: .A45, not .A4.5."
    elif _BARE_LETTER.fullmatch(bad):
        hint = " A Cutter is a letter followed by digits (.A45)."
    return ParseProblem(original, f"Cannot read {bad!r} as a Cutter, date, volume or copy." + hint, start)


_DECIMAL_CUTTER = re.compile(r"\.?[A-Za-z]\d*\.\d+")
_BARE_LETTER = re.compile(r"\.?[A-Za-z]\.?")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _is_ordinal(value: str) -> bool:
    return bool(_ORDINAL.fullmatch(value))


def _cutter_digits(cutter: str) -> str:
    return re.match(r"[A-Za-z](\d*)", cutter).group(1)


def _parsed(call: LCCallNumber | str) -> LCCallNumber:
    if isinstance(call, LCCallNumber):
        return call
    parsed = parse_call_number(call)
    if isinstance(parsed, ParseProblem):
        raise ValueError(str(parsed))  # noqa: TRY004 - the text is not a call number
    return parsed


def in_range(call: LCCallNumber | str) -> bool | None:
    """Whether the class number falls within the outline's spans for its class letters.

    None when the outline has no row for the letters (QZ) or gives them no numbers (AN).
    """
    parsed = _parsed(call)
    found = subclass(parsed.class_letters)
    if found is None or not found.ranges:
        return None
    return found.contains(parsed.class_value)


# ---------------------------------------------------------------------------------------------
# Shelf order

#: How element kinds rank when two call numbers differ in kind at the same place: numerals file
#: before letters (a date or a volume before a Cutter), volumes before copies.
_RANK = {"class date": 1, "date": 1, "volume": 2, "part": 3, "number": 4, "copy": 5, "other": 6,
         "cutter": 7}


def _element_key(kind: str, value: str) -> tuple:
    if kind == "cutter":
        letter, digits, rest = re.match(r"([A-Z])(\d*)(.*)", value).groups()
        return (_RANK[kind], letter, digits, rest)
    if kind == "other":
        return (_RANK[kind], 0, value.lower())
    number, rest = re.match(r"(\d*)(.*)", value).groups()
    return (_RANK[kind], int(number or 0), rest)


def sort_key(call: LCCallNumber | str) -> tuple:
    """A key that files call numbers in LC shelf order (see the module notes).

    After the class letters and number, the parts compare one by one in the order written: Cutter
    digits as decimal fractions (digit strings compare that way: "45" < "5"), dates and volume
    numbers as numbers. A call number that runs out of parts files first ("nothing before
    something"); where two differ in kind, numerals file before letters.
    """
    parsed = _parsed(call)
    return (
        parsed.class_letters,
        parsed.whole_number,
        parsed.decimal,
        tuple(_element_key(kind, value) for kind, value in parsed.elements),
    )


def shelf_order(calls) -> list:
    """The call numbers (strings or :class:`LCCallNumber`) in shelf order."""
    return sorted(calls, key=sort_key)


__all__ = [
    "Explained", "LCCallNumber", "MainClass", "ParseProblem", "Subclass", "in_range", "main_class",
    "parse_call_number", "read_class", "shelf_order", "sort_key", "subclass", "subclasses",
]
