"""MARC 21 bibliographic record → Dublin Core, following the Library of Congress crosswalk.

``marc_to_dc`` turns a pymarc ``Record`` into a ``DublinCoreRecord`` the way the Library of
Congress's "MARC to Dublin Core Crosswalk" (Network Development and MARC Standards Office,
https://www.loc.gov/marc/marc2dc.html, the version dated 2008/04/24, which replaced
marc2dc-2001.html) says: section II of that page (MARC to unqualified Dublin Core) when
``qualified`` is false, giving only the fifteen plain elements, and section III (MARC to
qualified Dublin Core) when it is true, giving dcterms refinements and encoding schemes where
LC's qualified table names them. Leader/06-07 becomes dc:type by LC's "Leader to Type"
appendix. LC's table is kept below as data (``UNQUALIFIED`` and ``QUALIFIED``), one ``Row``
per line of LC's table; the subfields taken, how they are joined and how ISBD punctuation is
trimmed are described in ``Row`` and ``clean_value``, and every place where LC's table leaves a
choice open is marked "Our reading" next to the row it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from pymarc import Record

from sandbox.records.dublin_core import ELEMENTS, DCValue, DublinCoreRecord

# ---------------------------------------------------------------------------------------------
# The mapping table.
#
# Source: Library of Congress, Network Development and MARC Standards Office,
#   "MARC to Dublin Core Crosswalk", https://www.loc.gov/marc/marc2dc.html
#   Date issued: 2008/04/24 (previous version: https://www.loc.gov/marc/marc2dc-2001.html).
#   Sections: II. MARC to Dublin Core (Unqualified); III. MARC to Dublin Core (Qualified);
#   Appendix: conversion rules for Leader/06 (and /07) to dc:type.
#   Read from stored copies, not the live page: the page's header and introduction from an
#   archived copy (stuff.coffeecode.net/www.loc.gov/marc/marc2dc.html); the two tables as
#   reproduced at crosswalkgenerator.github.io/tables/marc_dc.html (which links to LC's page);
#   the Leader/06-07 table as reproduced in a SimplyReports help page (ihlsrpts.illinois
#   heartland.org, "MARC to Dublin Core Crosswalk"). Check against LC's page when reachable.
#
# LC names the MARC side of each line ("260$a$b", "500-599, except 506, 530, 540, 546"), the DC
# element and, in the qualified table, the qualifier (refinement or encoding scheme). Where LC
# names no subfields its page says applications may differ in the subfields used and need not
# output control subfields ($2, $5 ...): we then take every alphabetic subfield (never the
# numeric control subfields $0-$9), less the ones listed in ``skip``.
# ---------------------------------------------------------------------------------------------

#: Marks a row of the qualified table that LC's qualified table does not address, so the
#: unqualified line applies unchanged (plain element, no scheme).
CARRIED = "carried from the unqualified table"
#: Marks a row Catalog Sandbox adds: LC's 2008 table predates RDA's 264 (defined 2011), so an RDA
#: record's publication statement is crosswalked exactly as LC crosswalks 260 (264 ind2 1 =
#: publication, 4 = copyright notice date).
RDA_EXTENSION = "our addition for RDA's 264, mirroring LC's 260 lines"


@dataclass(frozen=True)
class Row:
    """One line of LC's table, as data.

    ``kind`` is ``"subfields"`` (a data field), ``"fixed"`` (character positions
    ``positions`` of a control field, kept only if they match ``pattern``) or ``"leader"``
    (Leader/06-07 to DCMI Type, see ``LEADER_TYPES``).

    For data fields: ``codes`` lists the subfields taken (``None``: every alphabetic subfield
    except those in ``skip``). With ``each`` false the subfields taken from one field are joined,
    in field order, with single spaces into one value; with ``each`` true every subfield
    occurrence is its own value. ``when`` names a test on the field (``FIELD_TESTS``), ``values``
    a rewrite of each value (``VALUE_RULES``). ``uri`` marks values that are addresses: they
    are not punctuation-trimmed and get ``scheme`` only if they look like a URI.
    ``element`` is None for LC lines whose dcterms property is none of the fifteen elements nor
    a refinement of one (``DublinCoreRecord`` cannot hold those): such rows are listed, not
    applied.
    """

    id: str
    lc: str
    tags: tuple[str, ...]
    element: str | None
    refinement: str | None = None
    scheme: str | None = None
    kind: str = "subfields"
    codes: str | None = None
    skip: str = ""
    each: bool = False
    when: str | None = None
    values: str | None = None
    uri: bool = False
    positions: tuple[int, int] | None = None
    pattern: str | None = None
    origin: str = "LC"
    note: str = ""


def _tags(first: int, last: int, *, without: Iterable[int] = ()) -> tuple[str, ...]:
    leave_out = set(without)
    return tuple(f"{n:03d}" for n in range(first, last + 1) if n not in leave_out)


#: Leader/06 (type of record) → DCMI Type term, per LC's Leader appendix. LC writes the types
#: in lower case; we write DCMI Type Vocabulary term names. Codes m, o, p, r: "no type
#: provided". Leader/06 p with Leader/07 c or s: Collection (``COLLECTION_RULE``).
LEADER_TYPES: dict[str, str] = {
    "a": "Text",
    "c": "Text",
    "d": "Text",
    "t": "Text",
    "e": "Image",
    "f": "Image",
    "g": "Image",
    "k": "Image",
    "i": "Sound",
    "j": "Sound",
}
#: (Leader/06 values, Leader/07 values, type) for LC's collection line.
COLLECTION_RULE: tuple[str, str, str] = ("p", "cs", "Collection")

_DATE_008 = r"[0-9][0-9u]{3}"  # 008/07-10: a year, possibly with unknown digits ("19uu")
_LANG_008 = r"[a-z]{3}"  # 008/35-37: a MARC/ISO 639-2 code

_DESCRIPTION_TAGS = _tags(500, 599, without=(506, 530, 540, 546))
_LINKING_TAGS = _tags(760, 787)

# Section II: MARC to Dublin Core (Unqualified). Order as on LC's page (by DC element).
UNQUALIFIED: tuple[Row, ...] = (
    # Contributor. LC: "Creator element not used" -- 1XX main entries are contributors too.
    # Our reading: the name subfields only (no relator $e/$4, no title part of name/title).
    Row("U01a", "100, 110, 111, 700, 710, 711", ("100", "700"), "contributor", codes="abcdq"),
    Row("U01b", "100, 110, 111, 700, 710, 711", ("110", "710"), "contributor", codes="abcdgn"),
    Row("U01c", "100, 110, 111, 700, 710, 711", ("111", "711"), "contributor", codes="acdegnq"),
    Row("U02", "720", ("720",), "contributor", codes="a"),
    # Coverage
    Row("U03", "651, 662", ("651", "662"), "coverage"),
    Row("U04", "751, 752", ("751", "752"), "coverage", skip="e"),
    # Date
    Row("U05", "008/07-10", ("008",), "date", kind="fixed", positions=(7, 11), pattern=_DATE_008),
    Row("U06", "260$c$g", ("260",), "date", codes="cg"),
    # Description
    Row("U07", "500-599, except 506, 530, 540, 546", _DESCRIPTION_TAGS, "description"),
    # Format
    Row("U08", "340", ("340",), "format"),
    Row("U09", "856$q", ("856",), "format", codes="q", each=True),
    # Identifier
    Row("U10", "020$a, 022$a, 024$a", ("020", "022", "024"), "identifier", codes="a", each=True),
    Row("U11", "856$u", ("856",), "identifier", codes="u", each=True, uri=True),
    # Language
    Row("U12", "008/35-37", ("008",), "language", kind="fixed", positions=(35, 38),
        pattern=_LANG_008),
    Row("U13", "041$a$b$d$e$f$g$h$j", ("041",), "language", codes="abdefghj", each=True,
        values="language codes"),
    Row("U14", "546", ("546",), "language"),
    # Publisher
    Row("U15", "260$a$b", ("260",), "publisher", codes="ab"),
    Row("UX01", "264$a$b if ind2=1", ("264",), "publisher", codes="ab", when="ind2=1",
        origin=RDA_EXTENSION),
    Row("UX02", "264$c if ind2=1", ("264",), "date", codes="c", when="ind2=1",
        origin=RDA_EXTENSION),
    # Relation. Our reading: 786 also falls in 760-787 but LC maps 786$o$t to Source (U20);
    # we send it there only, rather than the same value to two elements.
    Row("U16", "530", ("530",), "relation"),
    Row("U17", "760-787$o$t", _tags(760, 787, without=(786,)), "relation", codes="ot"),
    # Rights
    Row("U18", "506, 540", ("506", "540"), "rights"),
    # Source
    Row("U19", "534$t", ("534",), "source", codes="t", each=True),
    Row("U20", "786$o$t", ("786",), "source", codes="ot"),
    # Subject
    Row("U21", "050, 060, 080, 082", ("050", "060", "080", "082"), "subject"),
    Row("U22", "600, 610, 611, 630, 650, 653", ("600", "610", "611", "630", "650", "653"),
        "subject"),
    # Title. LC: "Repeat dc:title for each." Our reading of the subfields: title proper and
    # the rest of the title ($a $b $f $g $k $n $p $s); not $c (responsibility) nor $h (medium).
    Row("U23a", "245, 246", ("245",), "title", codes="abfgknps"),
    Row("U23b", "245, 246", ("246",), "title", codes="abfgnp"),
    # Type
    Row("U24", "Leader/06, Leader/07", ("LDR",), "type", kind="leader"),
    Row("U25", "655", ("655",), "type"),
)

# Section III: MARC to Dublin Core (Qualified). LC's lines first (order of LC's page), then the
# unqualified lines the qualified table leaves untouched (origin=CARRIED).
QUALIFIED: tuple[Row, ...] = (
    # dcterms properties that are not DCMES elements nor refinements of one: listed, not mapped.
    Row("Q01", "541$c", ("541",), None, note="dcterms:accrualMethod"),
    Row("Q02", "310$a", ("310",), None, note="dcterms:accrualPeriodicity"),
    Row("Q03", "521", ("521",), None, note="dcterms:audience"),
    # Contributor. LC: "Value in $e. Roles may be used as refinements of Contributor" -- MARC
    # relator refinements are not dcterms terms, so the name stays plain dc:contributor.
    Row("Q04a", "100, 110, 111, 700, 710, 711$e", ("100", "700"), "contributor", codes="abcdq"),
    Row("Q04b", "100, 110, 111, 700, 710, 711$e", ("110", "710"), "contributor", codes="abcdgn"),
    Row("Q04c", "100, 110, 111, 700, 710, 711$e", ("111", "711"), "contributor",
        codes="acdegnq"),
    Row("Q05", "720$e", ("720",), "contributor", codes="a"),
    # Coverage / Spatial. Our reading for 034: the bounding coordinates $d $e $f $g.
    Row("Q06a", "255, 034", ("255",), "coverage", "spatial"),
    Row("Q06b", "255, 034", ("034",), "coverage", "spatial", codes="defg"),
    Row("Q07", "522", ("522",), "coverage", "spatial"),
    Row("Q08a", "650$z, 651, 662", ("650",), "coverage", "spatial", codes="z", each=True),
    Row("Q08b", "650$z, 651, 662", ("651",), "coverage", "spatial", when="not tgn"),
    Row("Q08c", "650$z, 651, 662", ("662",), "coverage", "spatial"),
    Row("Q09", "751, 752", ("751", "752"), "coverage", "spatial", skip="e"),
    Row("Q10", "043$c, 044$c", ("043", "044"), "coverage", "spatial", "dcterms:ISO3166",
        codes="c", each=True),
    Row("Q11", "651 if ind2=7 & $2=tgn", ("651",), "coverage", "spatial", "dcterms:TGN",
        when="tgn"),
    # Coverage / Temporal. LC's table puts 533$b here (533$b is the place of reproduction);
    # kept as LC has it.
    Row("Q12a", "033$a, 533$b", ("033",), "coverage", "temporal", codes="a", each=True),
    Row("Q12b", "033$a, 533$b", ("533",), "coverage", "temporal", codes="b", each=True),
    # Date. Our reading: LC lists 260$c under both Created and Issued. We send 260$c to
    # Issued (or to DateCopyrighted when the date is preceded by "c"/"©", split at commas),
    # and 260$g (date of manufacture) to Created.
    Row("Q13", "260$c if precedes date", ("260",), "date", "dateCopyrighted", codes="c",
        each=True, values="copyright dates"),
    Row("Q14", "542$g", ("542",), "date", "dateCopyrighted", codes="g", each=True),
    Row("Q15", "260$c$g", ("260",), "date", "created", codes="g", each=True),
    Row("Q16", "533$d", ("533",), "date", "created", codes="d", each=True),
    Row("Q17", "008/07-10", ("008",), "date", "issued", kind="fixed", positions=(7, 11),
        pattern=_DATE_008),
    Row("Q18", "260$c", ("260",), "date", "issued", codes="c", each=True,
        values="publication dates"),
    Row("Q19", "046$j", ("046",), "date", "modified", codes="j", each=True),
    Row("Q20", "046$m$n", ("046",), "date", "valid", codes="mn"),
    # Description
    Row("Q21", "520 if ind1=# or 3", ("520",), "description", "abstract", when="ind1 blank or 3"),
    Row("Q22", "505", ("505",), "description", "tableOfContents"),
    # Format
    Row("Q23a", "300$a, 533$e", ("300",), "format", "extent", codes="a", each=True),
    Row("Q23b", "300$a, 533$e", ("533",), "format", "extent", codes="e", each=True),
    Row("Q24", "856$q", ("856",), "format", None, "dcterms:IMT", codes="q", each=True),
    Row("Q25", "340$a", ("340",), "format", "medium", codes="a", each=True),
    # Identifier
    Row("Q26", "856$u", ("856",), "identifier", None, "dcterms:URI", codes="u", each=True,
        uri=True),
    # Language
    Row("Q27", "008/35-37", ("008",), "language", None, "dcterms:ISO639-2", kind="fixed",
        positions=(35, 38), pattern=_LANG_008),
    Row("Q28", "041 with no $2", ("041",), "language", None, "dcterms:ISO639-2",
        codes="abdefghj", each=True, when="no $2", values="language codes"),
    Row("Q29", "041 with $2=iso639-3", ("041",), "language", None, "dcterms:ISO639-3",
        codes="abdefghj", each=True, when="$2=iso639-3"),
    Row("Q30", "041 with $2=rfc1766", ("041",), "language", None, "dcterms:RFC1766",
        codes="abdefghj", each=True, when="$2=rfc1766"),
    Row("Q31", "041 with $2=rfc3066", ("041",), "language", None, "dcterms:RFC3066",
        codes="abdefghj", each=True, when="$2=rfc3066"),
    Row("Q32", "041 with $2=rfc4646", ("041",), "language", None, "dcterms:RFC4646",
        codes="abdefghj", each=True, when="$2=rfc4646"),
    Row("Q33", "561", ("561",), None, note="dcterms:provenance"),
    # Relation. Our reading: LC lists 530/776 under both HasFormat and IsFormatOf, and 775
    # under both HasVersion and IsVersionOf. One field can only go one way: 530/776 (another
    # available form) → hasFormat, 775 (another edition) → hasVersion, 786 (data source) →
    # isVersionOf. LC's "URI" lines give dcterms:URI to $o/$u values that look like URIs.
    Row("Q34", "530", ("530",), "relation", "hasFormat", skip="u"),
    Row("Q35", "776$n$t", ("776",), "relation", "hasFormat", codes="nt"),
    Row("Q36", "530$u", ("530",), "relation", "hasFormat", "dcterms:URI", codes="u", each=True,
        uri=True),
    Row("Q37", "776$o", ("776",), "relation", "hasFormat", "dcterms:URI", codes="o", each=True,
        uri=True),
    Row("Q38", "774$n$t", ("774",), "relation", "hasPart", codes="nt"),
    Row("Q39", "774$o", ("774",), "relation", "hasPart", "dcterms:URI", codes="o", each=True,
        uri=True),
    Row("Q40", "775$n$t", ("775",), "relation", "hasVersion", codes="nt"),
    Row("Q41", "775$o", ("775",), "relation", "hasVersion", "dcterms:URI", codes="o", each=True,
        uri=True),
    # Our reading for series: every alphabetic subfield except $w (control number) and $x (ISSN).
    Row("Q42", "440, 490, 800, 810, 811, 830", ("440", "490", "800", "810", "811", "830"),
        "relation", "isPartOf", skip="wx"),
    Row("Q43", "760, 773$n$t", ("760", "773"), "relation", "isPartOf", codes="nt"),
    Row("Q44", "760, 773$o", ("760", "773"), "relation", "isPartOf", "dcterms:URI", codes="o",
        each=True, uri=True),
    Row("Q45", "510", ("510",), "relation", "isReferencedBy"),
    Row("Q46", "785$n$t", ("785",), "relation", "isReplacedBy", codes="nt"),
    Row("Q47", "785$o", ("785",), "relation", "isReplacedBy", "dcterms:URI", codes="o",
        each=True, uri=True),
    Row("Q48", "775, 786$n$t", ("786",), "relation", "isVersionOf", codes="nt"),
    Row("Q49", "780$n$t", ("780",), "relation", "replaces", codes="nt"),
    Row("Q50", "780$o", ("780",), "relation", "replaces", "dcterms:URI", codes="o", each=True,
        uri=True),
    Row("Q51", "538", ("538",), "relation", "requires"),
    # Rights
    Row("Q52", "506$a$d, 540$a$d", ("506", "540"), "rights", "accessRights", codes="ad"),
    Row("Q53", "542$d", ("542",), None, note="dcterms:rightsHolder"),
    # Source
    Row("Q54", "786$o", ("786",), "source", None, "dcterms:URI", codes="o", each=True, uri=True),
    # Subject
    Row("Q55", "082", ("082",), "subject", None, "dcterms:DDC"),
    Row("Q56", "050", ("050",), "subject", None, "dcterms:LCC"),
    Row("Q57", "600, 610, 611, 630, 650 if ind2=0", ("600", "610", "611", "630", "650"),
        "subject", None, "dcterms:LCSH", when="ind2=0"),
    Row("Q58", "600, 610, 611, 630, 650 if ind2=2", ("600", "610", "611", "630", "650"),
        "subject", None, "dcterms:MESH", when="ind2=2"),
    Row("Q59", "060", ("060",), "subject", None, "dcterms:NLM"),
    # LC's table has 655 (not 651) on this line; kept as LC has it.
    Row("Q60", "655 if ind2=7 & $2=tgn", ("655",), "subject", None, "dcterms:TGN", when="tgn"),
    Row("Q61", "080", ("080",), "subject", None, "dcterms:UDC"),
    # Title
    Row("Q62", "245", ("245",), "title", codes="abfgknps"),
    Row("Q63a", "130, 210, 240, 242, 246, 730, 740", ("130", "240"), "title", "alternative"),
    Row("Q63b", "130, 210, 240, 242, 246, 730, 740", ("210",), "title", "alternative",
        codes="ab"),
    Row("Q63c", "130, 210, 240, 242, 246, 730, 740", ("242",), "title", "alternative",
        codes="abnp"),
    Row("Q63d", "130, 210, 240, 242, 246, 730, 740", ("246",), "title", "alternative",
        codes="abfgnp"),
    Row("Q63e", "130, 210, 240, 242, 246, 730, 740", ("730",), "title", "alternative",
        skip="iwx"),
    Row("Q63f", "130, 210, 240, 242, 246, 730, 740", ("740",), "title", "alternative",
        codes="anp"),
    # Type
    Row("Q64", "Leader/06, Leader/07", ("LDR",), "type", None, "dcterms:DCMIType",
        kind="leader"),
    Row("Q65", "655 if $2=dct", ("655",), "type", None, "dcterms:DCMIType", codes="a",
        when="dct"),
    # --- lines of the unqualified table that the qualified table does not address ---
    # 5XX notes: as unqualified, less the notes LC's qualified table sends elsewhere whole
    # (505, 510, 520 with ind1 # or 3, 522, 538). 521, 541, 542 and 561 stay descriptions:
    # their qualified properties cannot be held (Q01, Q03, Q33, Q53).
    Row("QC01", "500-599, except 506, 530, 540, 546", _tags(
        500, 599, without=(505, 506, 510, 520, 522, 530, 538, 540, 546)), "description",
        origin=CARRIED),
    Row("QC02", "500-599, except 506, 530, 540, 546", ("520",), "description",
        when="ind1 not blank or 3", origin=CARRIED),
    Row("QC03", "020$a, 022$a, 024$a", ("020", "022", "024"), "identifier", codes="a",
        each=True, origin=CARRIED),
    Row("QC04", "546", ("546",), "language", origin=CARRIED),
    Row("QC05", "260$a$b", ("260",), "publisher", codes="ab", origin=CARRIED),
    Row("QX01", "264$a$b if ind2=1", ("264",), "publisher", codes="ab", when="ind2=1",
        origin=RDA_EXTENSION),
    Row("QX02", "264$c if ind2=1", ("264",), "date", "issued", codes="c", each=True,
        when="ind2=1", origin=RDA_EXTENSION),
    Row("QX03", "264$c if ind2=4", ("264",), "date", "dateCopyrighted", codes="c", each=True,
        when="ind2=4", values="copyright dates", origin=RDA_EXTENSION),
    Row("QC06", "760-787$o$t", ("762", "765", "767", "770", "772", "777", "787"), "relation",
        codes="ot", origin=CARRIED),
    Row("QC07", "534$t", ("534",), "source", codes="t", each=True, origin=CARRIED),
    Row("QC08", "600, 610, 611, 630, 650, 653", ("600", "610", "611", "630", "650"), "subject",
        when="ind2 not 0 or 2", origin=CARRIED),
    Row("QC09", "600, 610, 611, 630, 650, 653", ("653",), "subject", origin=CARRIED),
    Row("QC10", "655", ("655",), "type", when="not dct and not tgn", origin=CARRIED),
)

# ---------------------------------------------------------------------------------------------
# Tests on a field and rewrites of a value, named in the table.
# ---------------------------------------------------------------------------------------------


def _ind(field: object, which: int) -> str:
    try:
        value = field.indicator1 if which == 1 else field.indicator2  # type: ignore[attr-defined]
    except Exception:
        return " "
    value = value if isinstance(value, str) else " "
    return " " if value in ("", "#", "\\") else value


def _source_codes(field: object) -> list[str]:
    return [value.strip().lower() for code, value in _subfields(field) if code == "2"]


def _is_tgn(field: object) -> bool:
    return _ind(field, 2) == "7" and "tgn" in _source_codes(field)


FIELD_TESTS: dict[str, Callable[[object], bool]] = {
    "ind1 blank or 3": lambda f: _ind(f, 1) in (" ", "3"),
    "ind1 not blank or 3": lambda f: _ind(f, 1) not in (" ", "3"),
    "ind2=0": lambda f: _ind(f, 2) == "0",
    "ind2=1": lambda f: _ind(f, 2) == "1",
    "ind2=2": lambda f: _ind(f, 2) == "2",
    "ind2=4": lambda f: _ind(f, 2) == "4",
    "ind2 not 0 or 2": lambda f: _ind(f, 2) not in ("0", "2"),
    "tgn": _is_tgn,
    "not tgn": lambda f: not _is_tgn(f),
    "dct": lambda f: "dct" in _source_codes(f),
    "not dct and not tgn": lambda f: "dct" not in _source_codes(f) and not _is_tgn(f),
    "no $2": lambda f: not _source_codes(f),
    "$2=iso639-3": lambda f: "iso639-3" in _source_codes(f),
    "$2=rfc1766": lambda f: "rfc1766" in _source_codes(f),
    "$2=rfc3066": lambda f: "rfc3066" in _source_codes(f),
    "$2=rfc4646": lambda f: "rfc4646" in _source_codes(f),
}

_COPYRIGHT = re.compile(r"^(?:c|©|copyright)\s*(?=\d)", re.IGNORECASE)


def _date_parts(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _copyright_dates(value: str) -> list[str]:
    """"c1998" or "©1998" (alone or after a comma in 260$c) → "1998"; other dates → nothing."""
    return [_COPYRIGHT.sub("", p) for p in _date_parts(value) if _COPYRIGHT.match(p)]


def _publication_dates(value: str) -> list[str]:
    """The parts of 260$c that are not copyright dates."""
    return [p for p in _date_parts(value) if not _COPYRIGHT.match(p)]


def _language_codes(value: str) -> list[str]:
    """One code per value; an old-style run of codes ("engfre") is cut into threes."""
    value = value.strip()
    if len(value) > 3 and len(value) % 3 == 0 and value.isalpha():
        return [value[i : i + 3] for i in range(0, len(value), 3)]
    return [value]


VALUE_RULES: dict[str, Callable[[str], list[str]]] = {
    "copyright dates": _copyright_dates,
    "publication dates": _publication_dates,
    "language codes": _language_codes,
}

# ---------------------------------------------------------------------------------------------
# Punctuation.
# ---------------------------------------------------------------------------------------------

#: Words that end in a full stop which belongs to them (so it is never trimmed).
ABBREVIATIONS: frozenset[str] = frozenset(
    """al bros ca cm co corp dept div ed eds enl etc fig figs fl ill illus inc jr ltd mm mr mrs
    ms pp pt publ rev ser sr st suppl univ vol vols""".split()
)

_TRAILING_MARK = re.compile(r"\s*[,;:/=]$")


def _ends_with_abbreviation(text: str) -> bool:
    word = text[:-1].rsplit(None, 1)[-1] if text[:-1].split() else ""
    word = word.lstrip("([")
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "Smith, J."
        return True
    if "." in word:  # "U.S.", "Ph.D.", "D.C."
        return True
    return word.lower() in ABBREVIATIONS


def clean_value(text: str) -> str:
    """Collapse white space and trim trailing ISBD punctuation.

    Repeatedly removes, from the end only: a comma, semicolon, colon, slash or equals sign
    (with the spaces before it: "Title /", "New York :", "Norton,"), and a final full stop
    unless it ends an ellipsis ("..."), an initial ("J."), a word with an inner full stop
    ("U.S.", "D.C.") or an abbreviation in ``ABBREVIATIONS`` ("p.", "ed.", "Inc.").
    Punctuation inside the value is kept ("Title : subtitle"), as are closing brackets, "?",
    "!" and the hyphen of an open date ("1950-").
    """
    text = " ".join(text.split())
    if text and _URI.match(text.split()[-1]) and "/" in text.split()[-1]:
        return text  # a value ending in an address: its last character belongs to the address
    while text:
        if _TRAILING_MARK.search(text):
            text = _TRAILING_MARK.sub("", text).rstrip()
        elif text.endswith(".") and not text.endswith("...") and not _ends_with_abbreviation(text):
            text = text[:-1].rstrip()
        else:
            break
    return text


_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")

# ---------------------------------------------------------------------------------------------
# Applying the table.
# ---------------------------------------------------------------------------------------------


def _subfields(field: object) -> list[tuple[str, str]]:
    """(code, value) pairs of a data field; never raises, never yields None."""
    pairs: list[tuple[str, str]] = []
    for sub in getattr(field, "subfields", None) or []:
        try:
            code, value = sub[0], sub[1]
        except Exception:
            continue
        if isinstance(code, str) and isinstance(value, str):
            pairs.append((code, value))
    return pairs


def _takes(row: Row, code: str) -> bool:
    if row.codes is not None:
        return code in row.codes
    return len(code) == 1 and code.isalpha() and code not in row.skip


def _joined(field: object, pairs: list[tuple[str, str]]) -> str:
    """Subfields as one value: spaces between them, and in subject fields (6XX) the
    subdivisions ($v $x $y $z) after '--' as catalogs display them ("Cats--Behavior")."""
    if not str(getattr(field, "tag", "")).startswith("6"):
        return " ".join(value for _, value in pairs)
    text = ""
    for code, value in pairs:
        if code in "vxyz" and text:
            text = f"{clean_value(text)}--{value.strip()}"
        else:
            text = f"{text} {value}".strip()
    return text


def _field_values(row: Row, field: object) -> list[str]:
    pairs = [(code, value) for code, value in _subfields(field) if _takes(row, code)]
    chosen = [value for _, value in pairs]
    raw = chosen if row.each else ([_joined(field, pairs)] if chosen else [])
    out: list[str] = []
    for value in raw:
        pieces = VALUE_RULES[row.values](value) if row.values else [value]
        for piece in pieces:
            piece = " ".join(piece.split()) if row.uri else clean_value(piece)
            if piece:
                out.append(piece)
    return out


def _leader_types(leader: str) -> list[str]:
    if len(leader) < 7:
        return []
    l6, l7 = leader[6], leader[7] if len(leader) > 7 else ""
    types = [LEADER_TYPES[l6]] if l6 in LEADER_TYPES else []
    codes06, codes07, collection = COLLECTION_RULE
    if l6 in codes06 and l7 and l7 in codes07:
        types.append(collection)
    return types


def _fixed_value(row: Row, fields: list[object]) -> list[str]:
    start, end = row.positions or (0, 0)
    for field in fields:
        if getattr(field, "tag", None) != row.tags[0]:
            continue
        data = getattr(field, "data", None)
        if not isinstance(data, str) or len(data) < end:
            return []
        value = data[start:end]
        return [value] if re.fullmatch(row.pattern or ".+", value) else []
    return []


def _row_values(row: Row, fields: list[object], leader: str) -> Iterator[str]:
    if row.kind == "leader":
        yield from _leader_types(leader)
    elif row.kind == "fixed":
        yield from _fixed_value(row, fields)
    else:
        test = FIELD_TESTS[row.when] if row.when else None
        for field in fields:
            if getattr(field, "tag", None) not in row.tags:
                continue
            if getattr(field, "control_field", False):
                continue
            if test is not None and not test(field):
                continue
            yield from _field_values(row, field)


def applied_rows(*, qualified: bool) -> tuple[Row, ...]:
    """The rows ``marc_to_dc`` applies: those of the chosen table that map to an element."""
    table = QUALIFIED if qualified else UNQUALIFIED
    return tuple(row for row in table if row.element is not None)


def marc_to_dc(record: Record, *, qualified: bool = False) -> DublinCoreRecord:
    """Crosswalk one MARC bibliographic record to Dublin Core by LC's table.

    Unqualified output holds plain elements only; qualified output adds dcterms refinements and
    encoding schemes (``DCValue.scheme``, e.g. ``"dcterms:LCSH"``) where LC's qualified table
    gives them. Statements come in DCMES element order, then table order, then field order;
    exact repeats are dropped. Odd records (no 008, short leader, empty fields) give fewer
    statements, never an error.
    """
    try:
        fields = list(getattr(record, "fields", None) or [])
    except Exception:
        fields = []
    try:
        leader = str(getattr(record, "leader", "") or "")
    except Exception:
        leader = ""

    statements: list[DCValue] = []
    seen: set[DCValue] = set()
    for row in applied_rows(qualified=qualified):
        for value in _row_values(row, fields, leader):
            if not value:
                continue
            scheme = row.scheme if (not row.uri or _URI.match(value)) else None
            statement = DCValue(row.element or "", value, row.refinement, None, scheme)
            if statement not in seen:
                seen.add(statement)
                statements.append(statement)

    statements.sort(key=lambda s: ELEMENTS.index(s.element))
    result = DublinCoreRecord()
    for s in statements:
        result.add(s.element, s.value, refinement=s.refinement, lang=s.lang, scheme=s.scheme)
    return result
