"""The structure of a Dewey Decimal Classification number, as it appears in MARC 082 $a.

Structure only. Dewey's schedules and captions are OCLC's, so nothing here says what a number means:
a class is named by its digits ("main class 5 (500-599)"). What is checked is what MARC 21 and the
notation itself require:

* at least three digits, and a decimal point only after the third (``005.133``);
* no zero at the end of the decimal part (``005.10`` is written ``005.1``) and no point without
  digits after it;
* segmentation marks - LC writes a slash in 082 $a (``975.5/4252/00222``), print editions a prime
  mark (′ or ') - between digits, showing where a library may shorten the number;
* an optional prefix before the number (``C`` in LC's example ``C848/.5407/05``, or a local ``j``,
  ``E``, ``REF``) and an optional suffix after a space (a book number ``M3812``).

MARC 21 Bibliographic, 082 (https://www.loc.gov/marc/bibliographic/bd082.html): first indicator 0 =
full edition, 1 = abridged edition, 7 = other edition named in $2; $2 holds the edition number
(``22``, ``13``) or, for other editions, number and language code (``5/nor``). The latest editions
are 23 (full, 2011) and 15 (abridged, 2012).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sandbox.classify.parts import Explained, Problem

#: Why a text is not a well-formed Dewey number, and where.
DeweyProblem = Problem

#: Marks that may divide a Dewey number into segments.
SEGMENT_MARKS = ("/", "'", "′")
LATEST_FULL_EDITION = 23
LATEST_ABRIDGED_EDITION = 15

_PREFIX = re.compile(r"(?P<prefix>[A-Za-z][A-Za-z.]{0,5})\s*(?=\d)")
_MARKS = "".join(re.escape(mark) for mark in SEGMENT_MARKS)
_MARK = re.compile(f"[{_MARKS}]")


@dataclass(frozen=True)
class DeweyNumber:
    """A Dewey number read from text such as ``C848/.5407/05`` or ``823.914 D548o``.

    ``number`` is the number without prefix, marks or suffix (``848.540705``); ``mark_positions``
    counts the digits before each segmentation mark (``975.5/4252/00222`` -> ``(4, 8)``);
    ``segments`` are the pieces between the marks (``("975.5", "4252", "00222")``).
    """

    text: str
    number: str
    prefix: str = ""
    suffix: str = ""
    marks: tuple[str, ...] = ()
    mark_positions: tuple[int, ...] = ()
    segments: tuple[str, ...] = ()

    @property
    def digits(self) -> str:
        return self.number.replace(".", "")

    @property
    def main_class(self) -> str:
        return self.digits[0]

    @property
    def division(self) -> str:
        return self.digits[:2]

    @property
    def section(self) -> str:
        return self.digits[:3]

    @property
    def decimal_digits(self) -> str:
        return self.digits[3:]

    def explain(self) -> list[Explained]:
        """The number's parts by position, numbers only (Dewey's captions are OCLC's)."""
        main, division, section = self.main_class, self.division, self.section
        parts = []
        if self.prefix:
            parts.append(Explained("prefix", self.prefix, "A prefix before the number (a local "
                                   "collection mark or LC's letter for a literature); not part of the "
                                   "Dewey number."))
        parts.append(Explained("main class", main,
                               f"The first digit: main class {main} ({main}00-{main}99)."))
        parts.append(Explained("division", division,
                               f"The first two digits: division {division} ({division}0-{division}9)."))
        parts.append(Explained("section", section, f"The first three digits: section {section}. Every "
                               "Dewey number has at least these three digits."))
        if self.decimal_digits:
            count = len(self.decimal_digits)
            parts.append(Explained("decimal extension", "." + self.decimal_digits,
                                   f"{count} digit{'s' if count != 1 else ''} after the point, each "
                                   "making the subject narrower. The point always follows the third "
                                   "digit, and the number never ends in 0 after it."))
        if self.marks:
            where = ", ".join(str(p) for p in self.mark_positions)
            parts.append(Explained("segmentation", " | ".join(self.segments),
                                   f"Segmentation marks ({' '.join(self.marks)}) after digit "
                                   f"{where}: a library may end the number at any mark to keep it "
                                   "shorter. The marks are not part of the number when it is shelved."))
        if self.suffix:
            parts.append(Explained("suffix", self.suffix, "What follows the number, such as a book "
                                   "number; not part of the Dewey number."))
        return parts

    def __str__(self) -> str:
        return self.number


#: The usual shape of 082 $a, read in one step: three digits, and after them a point, a decimal
#: part ending in 1-9 and LC's "/" marks each between two digits (``005.133``, ``975.5/4252``,
#: ``973/.0496073``). A prefix, prime marks and every problem are left to the full reading.
_WELL_FORMED = re.compile(r"[0-9]{3}(?:(?:/?\.|\./)(?:[0-9]/?)*[1-9])?")


def parse_dewey(text: str) -> DeweyNumber | list[DeweyProblem]:
    """Read a Dewey number, or list everything wrong with it."""
    body, _, suffix = text.strip().partition(" ")
    if _WELL_FORMED.fullmatch(body):
        return _read_well_formed(text, body, suffix.strip())
    # Everything else: prefixes, prime marks, and listing what is wrong.
    return _parse_in_full(text)


def dewey_problems(text: str) -> list[DeweyProblem]:
    """What is wrong with a Dewey number, as :func:`parse_dewey` lists it ([] for a number it
    reads). DDC-001 reads every 082 $a and needs no :class:`DeweyNumber` for the usual shape."""
    if _WELL_FORMED.fullmatch(text.strip().partition(" ")[0]):
        return []
    parsed = _parse_in_full(text)  # the rest: prefixes, prime marks, problems
    return parsed if isinstance(parsed, list) else []


_new_object = object.__new__
_set_attribute = object.__setattr__


def _read_well_formed(text: str, body: str, suffix: str) -> DeweyNumber:
    """The number :data:`_WELL_FORMED` matched (``body``, before any suffix), as the full reading
    gives it."""
    segments = body.split("/")
    positions = []
    digits = 0
    for segment in segments[:-1]:
        digits += len(segment) - segment.count(".")
        positions.append(digits)
    # DeweyNumber(...) without the frozen dataclass's per-field __init__ (the same object, equal
    # and hashed alike): DDC-001 reads every 082 $a, and setting seven frozen fields one by one
    # cost as much as reading the number.
    parsed = _new_object(DeweyNumber)
    _set_attribute(parsed, "__dict__", {
        "text": text, "number": body.replace("/", ""), "prefix": "", "suffix": suffix,
        "marks": ("/",) * len(positions), "mark_positions": tuple(positions),
        "segments": tuple(segments)})
    return parsed


def _parse_in_full(text: str) -> DeweyNumber | list[DeweyProblem]:
    """:func:`parse_dewey` for any text, character by character."""
    original = text
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    if not stripped:
        return [DeweyProblem(original, "The Dewey number is empty.", 0)]
    prefix = ""
    match = _PREFIX.match(stripped)
    if match:
        prefix = match.group("prefix")
        offset += match.end()
        stripped = stripped[match.end():]
    body, _, suffix = stripped.partition(" ")
    suffix = suffix.strip()
    problems: list[DeweyProblem] = []

    digits = ""
    marks: list[str] = []
    positions: list[int] = []
    point_at: int | None = None
    for index, ch in enumerate(body):
        where = offset + index
        if ch.isdigit() and ch.isascii():
            digits += ch
        elif ch == ".":
            if point_at is not None:
                problems.append(DeweyProblem(original, "A Dewey number has one decimal point.", where))
            elif len(digits) != 3:
                problems.append(DeweyProblem(
                    original, f"The decimal point comes after the third digit; here it follows "
                    f"{len(digits)} digit{'s' if len(digits) != 1 else ''}.", where))
            point_at = len(digits)
        elif ch in SEGMENT_MARKS:
            if not digits or index + 1 == len(body):
                problems.append(DeweyProblem(original, "A segmentation mark stands between digits, "
                                             "not at the start or end of the number.", where))
            elif positions and positions[-1] == len(digits):
                problems.append(DeweyProblem(original, "Two segmentation marks in a row.", where))
            marks.append(ch)
            positions.append(len(digits))
        else:
            problems.append(DeweyProblem(original, f"{ch!r} is not a digit, a decimal point or a "
                                         "segmentation mark (/ or ').", where))
    if len(digits) < 3:
        problems.append(DeweyProblem(original, "A Dewey number has at least three digits, with zeros "
                                     "holding the empty places (500, 050 and 005 are three different "
                                     "numbers).", offset))
    elif len(digits) > 3 and point_at is None:
        problems.append(DeweyProblem(original, "More than three digits need a decimal point after the "
                                     f"third: {digits[:3]}.{digits[3:]}.", offset + len(body)))
    if point_at == len(digits) and point_at is not None and len(digits) >= 3:
        problems.append(DeweyProblem(original, "A decimal point must be followed by digits.",
                                     offset + body.index(".")))
    elif point_at is not None and digits.endswith("0") and len(digits) > 3:
        problems.append(DeweyProblem(original, f"A Dewey number does not end in 0 after the decimal "
                                     f"point: write {_without_trailing_zeros(digits)}.",
                                     offset + len(body) - 1))
    if problems:
        return problems

    number = digits[:3] + ("." + digits[3:] if len(digits) > 3 else "")
    segments = _MARK.split(body)
    return DeweyNumber(text=original, number=number, prefix=prefix, suffix=suffix, marks=tuple(marks),
                       mark_positions=tuple(positions), segments=tuple(segments))


def _without_trailing_zeros(digits: str) -> str:
    decimals = digits[3:].rstrip("0")
    return digits[:3] + ("." + decimals if decimals else "")


#: 082 $2: an edition number (``23``), or number and language code for other editions (``5/nor``).
_EDITION = re.compile(r"\d{1,2}")
_OTHER_EDITION = re.compile(r"(\d{1,2})/([a-z]{3})")


def edition_source_problems(value: str, first_indicator: str | None = None) -> list[str]:
    """What is wrong with the edition in 082 $2 (empty if nothing).

    With ``first_indicator`` "0" (full), "1" (abridged) or "7" (other edition), the value is also
    checked against the kind of edition the indicator names.
    """
    value = value.strip()
    if not value:
        return ["082 $2 is empty: it holds the number of the Dewey edition used (e.g. 23)."]
    if not _EDITION.fullmatch(value):  # the usual "23" first
        if _OTHER_EDITION.fullmatch(value):
            if first_indicator not in (None, "7"):
                return [(f"{value!r} names an edition with a language code, which goes with first "
                         f"indicator 7 (other edition), not {first_indicator!r}.")]
            return []
        return [(f"{value!r} is not an edition number: 082 $2 holds digits, such as 23 (full) or 15 "
                 "(abridged), or an edition and language code for other editions, such as 5/nor.")]
    edition = int(value)
    problem = None
    if edition == 0:
        problem = "There is no edition 0 of Dewey."
    elif first_indicator == "7":
        problem = (f"First indicator 7 means another edition, named with its language code (e.g. "
                   f"{value}/nor); {value!r} alone goes with indicator 0 or 1.")
    elif first_indicator == "1" and edition > LATEST_ABRIDGED_EDITION:
        problem = (f"The abridged edition goes up to {LATEST_ABRIDGED_EDITION}; {value} is a full "
                   "edition (first indicator 0).")
    elif edition > LATEST_FULL_EDITION:
        problem = (f"There is no edition {value}: the latest full edition is {LATEST_FULL_EDITION} "
                   f"and the latest abridged edition {LATEST_ABRIDGED_EDITION}.")
    return [problem] if problem else []


def is_valid_edition_source(value: str, first_indicator: str | None = None) -> bool:
    """Whether ``value`` can stand in 082 $2 (full ``23``, abridged ``15``, other ``5/nor``)."""
    return not edition_source_problems(value, first_indicator)


# ---------------------------------------------------------------------------------------------
# Anatomy: the reference desk's explanation of a number, part by part

#: LC's Dewey Program, "Segmentation" (https://www.loc.gov/aba/dewey/segmentation.html): since
#: 1 September 2005 a mark shows only where the Abridged Edition number ends (no mark when the
#: abridged and full numbers are the same); before that, LC also marked the start of each
#: standard subdivision (notation from Table 1).
SEGMENTATION_SOURCE = "https://www.loc.gov/aba/dewey/segmentation.html"
#: Standard subdivision notation begins with 0 and a digit 1-9 (Table 1, -01 to -09); some
#: schedules call for 00 or 000 because they use the single 0 for something else.
_ZERO_PATTERN = re.compile(r"0{1,3}[1-9]")


@dataclass(frozen=True)
class StandardSubdivisionHint:
    """Digits that have the shape of a standard subdivision, and how sure we can be.

    ``start`` counts digits of the number from 0 (``510.9``: the hint ``09`` starts at 2).
    ``certainty`` is "likely" when a segmentation mark stands right before the digits (LC's
    practice before 2005 marked each standard subdivision) and "possible" otherwise: without the
    schedules, which are OCLC's, no one can tell a standard subdivision from a schedule number
    that happens to contain a 0.
    """

    start: int
    notation: str
    certainty: str
    explanation: str


@dataclass(frozen=True)
class DeweyAnatomy:
    """What :func:`explain_dewey` found: the parsed number (None if it could not be read), its
    parts, the digits that may be standard subdivisions, and what is wrong (``problems``)."""

    text: str
    number: DeweyNumber | None
    parts: tuple[Explained, ...] = ()
    standard_subdivisions: tuple[StandardSubdivisionHint, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.number is not None and not self.problems


def explain_dewey(text: str, edition: str | None = None,
                  first_indicator: str | None = None) -> DeweyAnatomy:
    """A Dewey number's structure, part by part, with no captions (Dewey's are OCLC's).

    ``edition`` is 082 $2 (``23``, ``15``, ``5/nor``) and ``first_indicator`` 082's first
    indicator; given, they are explained and checked too. A number that cannot be read gives an
    anatomy with ``number`` None and the reasons in ``problems``.
    """
    parsed = parse_dewey(text)
    if isinstance(parsed, list):
        return DeweyAnatomy(text=text, number=None, problems=tuple(str(p) for p in parsed))
    parts = [part for part in parsed.explain() if part.part != "segmentation"]
    hints = _standard_subdivision_hints(parsed)
    if hints:
        shown = ", ".join(hint.notation for hint in hints)
        parts.append(Explained("standard subdivision?", shown, " ".join(h.explanation for h in hints)))
    if parsed.marks:
        parts.append(_segmentation(parsed))
    problems: list[str] = []
    if edition is not None or first_indicator is not None:
        parts.append(_edition(edition, first_indicator))
        if edition is not None:
            problems += edition_source_problems(edition, first_indicator)
    return DeweyAnatomy(text=text, number=parsed, parts=tuple(parts),
                        standard_subdivisions=tuple(hints), problems=tuple(problems))


def _standard_subdivision_hints(number: DeweyNumber) -> list[StandardSubdivisionHint]:
    digits = number.digits
    hints = []
    # In main class 0 the sections 001-009 are subjects of their own, so the search starts after
    # the second digit there; elsewhere X01-X09 may be a main class's standard subdivisions.
    first = 2 if digits[0] == "0" else 1
    for match in _ZERO_PATTERN.finditer(digits, first):
        start = match.start()
        end = _segment_end(number, start)
        notation = digits[start:end]
        zeros = len(match.group(0)) - 1
        after_mark = start in number.mark_positions
        certainty = "likely" if after_mark else "possible"
        text = (f"Digits {start + 1}-{end} ({notation}) begin with "
                + ("0 and a digit 1-9" if zeros == 1 else f"{zeros} zeros and a digit 1-9")
                + ", the shape of standard subdivision notation from Table 1 (-01 to -09)")
        if zeros > 1:
            text += ("; the extra zeros are what a schedule calls for when it uses the single 0 "
                     "for something else")
        if after_mark:
            text += ("; a segmentation mark stands right before them, as LC marked the start of "
                     "standard subdivisions before 2005, so this is likely one.")
        else:
            text += (". It is only possibly one: whether it is depends on the schedule for the "
                     "base number, which is not included here.")
        hints.append(StandardSubdivisionHint(start, notation, certainty, text))
    return hints


def _segment_end(number: DeweyNumber, start: int) -> int:
    """Where the segment holding digit ``start`` ends (the next mark, or the end)."""
    later = [position for position in number.mark_positions if position > start]
    return later[0] if later else len(number.digits)


def _segmentation(number: DeweyNumber) -> Explained:
    marks = " ".join(dict.fromkeys(number.marks))
    kind = ("a slash, as MARC 082 $a writes it" if set(number.marks) == {"/"} else
            "a prime mark, as printed Cataloging in Publication data shows it; 082 $a writes a slash"
            if "/" not in number.marks else "slashes and prime marks")
    value = " | ".join(number.segments)
    if len(number.marks) == 1:
        abridged = _digits_as_number(number.digits[:number.mark_positions[0]])
        text = (f"One segmentation mark ({kind}). Since 1 September 2005 LC marks only where the "
                f"number of the Abridged Edition ends: {abridged} is the abridged number, and a "
                "library using the abridged edition, or wanting a shorter number, may stop at the "
                "mark. (In a record made before then, a single mark may instead start a standard "
                "subdivision.) The mark is not part of the number on the spine.")
    else:
        text = (f"{len(number.marks)} segmentation marks ({kind}). Before 1 September 2005 LC put "
                "a mark at the end of the abridged number and another at the start of each "
                "standard subdivision, so a number may have several; a library may shorten the "
                "number at any mark. The marks are not part of the number on the spine.")
    return Explained("segmentation", f"{marks} -> {value}", text)


def _digits_as_number(digits: str) -> str:
    return digits[:3] + ("." + digits[3:] if len(digits) > 3 else "")


def _edition(edition: str | None, first_indicator: str | None) -> Explained:
    kinds = {"0": "full edition", "1": "abridged edition", "7": "another edition named in $2"}
    parts = []
    if first_indicator is not None:
        parts.append(f"082 first indicator {first_indicator!r}: "
                     f"{kinds.get(first_indicator, 'not a defined value (0, 1 or 7)')}.")
    if edition is not None:
        value = edition.strip()
        other = _OTHER_EDITION.fullmatch(value)
        if other:
            parts.append(f"082 $2 {value}: edition {other.group(1)} in the language coded "
                         f"{other.group(2)!r}.")
        elif value.isascii() and value.isdigit():  # not "²", which int() refuses
            which = ("the latest full edition" if int(value) == LATEST_FULL_EDITION else
                     "the latest abridged edition" if int(value) == LATEST_ABRIDGED_EDITION else
                     "an earlier edition")
            parts.append(f"082 $2 {value}: the number was assigned from edition {value} ({which}).")
        else:
            parts.append(f"082 $2 {value!r}: not an edition number.")
    return Explained("edition", edition or "", " ".join(parts)
                     + " See MARC 21 082: https://www.loc.gov/marc/bibliographic/bd082.html")
