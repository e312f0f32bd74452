"""ISBD punctuation in records that say they carry it (Leader/18 'i' ISBD or 'a' AACR 2).

Sources: LC, MARC 21 Bibliographic, the "Input conventions" of each field cited; "MARC 21
Bibliographic, Appendix: ISBD punctuation" as LC applies it; LC-PCC PS 1.7.1 for RDA records.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from sandbox.rules.examples import marc_example
from sandbox.rules.fixed_fields import leader_text
from sandbox.rules.model import INFO, WARNING, Hit, rule
from sandbox.rules.walk import (
    data_fields,
    data_fields_as,
    effective_tag,
    locate,
    plain_data_fields,
    quoted,
    tags_present,
)

BD = "https://www.loc.gov/marc/bibliographic/"
_END_MARKS = (".", "?", "!", "\uff0e", "\u3002", "\uff1f", "\uff01")  # and fullwidth forms
#: ISBD marks as CJK records type them (fullwidth), accepted wherever the ASCII mark is.
_FULLWIDTH = {":": "\uff1a", ";": "\uff1b", "/": "\uff0f", ",": "\uff0c", "=": "\uff1d"}
_CONTROL_SUBFIELDS = set("0123456789u")


def carries_isbd(record) -> bool:
    return leader_text(record)[18:19] in ("i", "a")


def _visible_end(value: str) -> str:
    """The text without trailing blanks and invisible format marks (RTL/LTR marks end many
    Arabic and Hebrew fields)."""
    if value.isprintable():
        return value.rstrip()  # format marks (category Cf) are never printable: there are none
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cf").rstrip()


@cache
def _fullwidth(wanted: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_FULLWIDTH[m.strip()] for m in wanted if m.strip() in _FULLWIDTH)


def _before(field, position: int, wanted: tuple[str, ...], follower: str, tag: str, item):
    """A hit when the subfield before ``position`` does not end with one of ``wanted``."""
    code, value = field.subfields[position - 1]
    end = _visible_end(value)
    if end.endswith(wanted) or end.endswith(_fullwidth(wanted)):
        return None
    marks = " or ".join(f"'{mark}'" for mark in wanted)
    return Hit(item.subfield_address(position - 1),
               f"{tag} ${code} should end with {marks} before ${follower} "
               f"(it ends {quoted(value[-12:])})")


def _order(rules: dict[str, tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``rules`` for ``_check_order``, worked out once: each code with the marks wanted before
    it, and those marks with their fullwidth forms (every ending that is right)."""
    return {code: (wanted, wanted + _fullwidth(wanted)) for code, wanted in rules.items()}


# The rules and their helpers here are plain functions returning their hits rather than
# generators: most records leave them at a first test, and a generator costs more to start and
# stop than the test itself.

def _check_order(record, tag: str, rules):
    """For each subfield code in ``rules`` (made by ``_order``): the subfield before it ends
    with one of the marks."""
    return _order_checked(record, tag, rules) if carries_isbd(record) else ()


def _order_checked(record, tag: str, rules):
    """``_check_order`` once the record is known to carry ISBD punctuation."""
    if "880" in tags_present(record):
        return _order_hits(data_fields_as(record, tag), tag, rules)
    # Fast path, without 880s: the fields themselves, each looked at closely (and given its
    # address) only when a mark is not plainly there.
    hits = []
    for field in plain_data_fields(record, (tag,)):
        if not _in_order(field, rules):
            hits.extend(_order_hits((locate(record, field),), tag, rules))
    return hits


def _in_order(field, rules) -> bool:
    """True when ``_order_hits`` has nothing to say of ``field``: each subfield of ``rules``
    follows one that plainly ends with a mark it accepts (False: look closer)."""
    # Before the first subfield, as if after a control subfield: nothing is asked of it.
    before_code, before = "0", ""
    for code, value in field.subfields:
        if (code in rules and before_code not in _CONTROL_SUBFIELDS
                and not before.rstrip().endswith(rules[code][1])):
            return False
        before_code, before = code, value
    return True


def _order_hits(items, tag: str, rules):
    """``_check_order`` on fields already found: PUN-001 looks its 245s up once for its three
    checks."""
    for item in items:
        field = item.field
        before_code = before = None  # the subfield before the one looked at
        for position, (code, value) in enumerate(field.subfields):
            if position and code in rules and before_code not in _CONTROL_SUBFIELDS:
                wanted, accepted = rules[code]
                # Fast path: the mark is there. ``_before`` also sees past format marks.
                if not before.rstrip().endswith(accepted):
                    hit = _before(field, position, wanted, code, tag, item)
                    if hit:
                        yield hit
            before_code, before = code, value


#: Subfields holding a term from a controlled list, not note text: they take no final period.
_TERM_SUBFIELDS = {"506": "f", "540": "f"}
#: What a final period is not looked for in, by tag.
_SKIPPED = {tag: _CONTROL_SUBFIELDS | set(codes) for tag, codes in _TERM_SUBFIELDS.items()}


def _final_period(record, tags: tuple[str, ...], name: str, lookup=None):
    """Hits for fields with ``tags`` that do not end with a period (``lookup``: ``tags`` as a
    frozenset, for many tags; see ``plain_data_fields``)."""
    if not carries_isbd(record):
        return ()
    if "880" in tags_present(record):
        return _final_period_hits(data_fields_as(record, *tags), name)
    # Fast path, without 880s: the fields themselves, each looked at closely (and given its
    # address) only when it does not plainly end with a period.
    hits = []
    for field in plain_data_fields(record, lookup or tags):
        if not _ends_plainly(field):
            hits.extend(_final_period_hits((locate(record, field),), name))
    return hits


def _ends_plainly(field) -> bool:
    """True when ``_final_period_hits`` has nothing to say of ``field`` because its last
    subfield (past control subfields) plainly ends with a final mark (False: look closer)."""
    skip = _SKIPPED.get(field.tag, _CONTROL_SUBFIELDS)
    subfields = field.subfields
    position = len(subfields) - 1
    while position >= 0 and subfields[position].code in skip:
        position -= 1
    return position < 0 or subfields[position].value.rstrip().endswith(_END_MARKS)


def _final_period_hits(items, name: str):
    """``_final_period`` on fields already found."""
    for item in items:
        field = item.field
        skip = _SKIPPED.get(field.tag, _CONTROL_SUBFIELDS)
        subfields = field.subfields
        position = len(subfields) - 1
        while position >= 0 and subfields[position].code in skip:
            position -= 1
        if position < 0:
            continue
        value = subfields[position].value
        if value.rstrip().endswith(_END_MARKS):
            continue  # fast path: the period is there; ``_visible_end`` also sees past format marks
        end = _visible_end(value)
        if field.tag == "505" and field.indicator1 in ("1", "2"):
            continue  # incomplete or partial contents: more is expected, no final period
        if end.endswith(("-", "->", "--")):
            continue  # an open date or numbering ("Vol. 1-"): more is expected
        if end and not end.endswith(_END_MARKS) and not end.endswith((".)", '."', ".]")):
            yield Hit(item.subfield_address(position), f"{name} {effective_tag(field)} should "
                      f"end with a period (it ends {quoted(end[-12:])})")


_TITLE_ORDER = _order({"b": (" :", " ;", " ="), "c": (" /",)})
_PUBLICATION_ORDER = _order({"b": (" :",), "c": (",",), "a": (" ;",)})
_PHYSICAL_ORDER = _order({"b": (" :",), "c": (" ;",), "e": (" +",)})
_SERIES_ORDER = _order({"v": (" ;",)})


@rule("PUN-001", "title-statement-punctuation", "245 punctuation", WARNING,
      BD + "bd245.html",
      "ISBD punctuation tells a reader (and a program) where the title proper ends and other "
      "title information and the statement of responsibility begin.",
      tags=("245", "880"),
      good=(marc_example(),),
      bad=(marc_example("=245  10$aExample title$ba subtitle /$cAnn Writer."),
           marc_example("=245  10$aExample title :$ba subtitle$cAnn Writer."),
           marc_example("=245  10$aExample title :$ba subtitle /$cAnn Writer")))
def title_punctuation(record, context):
    if not carries_isbd(record):
        return ()
    titles = data_fields_as(record, "245")
    for item in titles:
        if not _title_plainly_right(item.field):
            return _title_hits(titles)
    return ()  # fast path: every 245 plainly right; _title_hits words what is not


def _title_hits(titles):
    """PUN-001's three checks, for 245s that are not plainly right."""
    yield from _order_hits(titles, "245", _TITLE_ORDER)
    yield from _final_period_hits(titles, "field")
    for item in titles:
        for position, (code, value) in enumerate(item.field.subfields):
            if code == "h" and (not value.lstrip().startswith("[") or "]" not in value):
                yield Hit(item.subfield_address(position), f"245 $h (medium, the old GMD) "
                          f"{quoted(value)} should be in square brackets, e.g. '[electronic "
                          "resource]'")


def _title_plainly_right(field) -> bool:
    """True when PUN-001 has nothing to say of this 245, found in one pass over its subfields:
    the marks before $b and $c, the final period and the brackets of $h (False: look closer)."""
    # Before the first subfield, as if after a control subfield: nothing is asked of it.
    before_code, before = "0", ""
    last = None  # the last subfield that is not a control subfield
    for code, value in field.subfields:
        if code in _TITLE_ORDER:
            if (before_code not in _CONTROL_SUBFIELDS
                    and not before.rstrip().endswith(_TITLE_ORDER[code][1])):
                return False
        elif code == "h" and (not value.lstrip().startswith("[") or "]" not in value):
            return False
        if code not in _CONTROL_SUBFIELDS:
            last = value
        before_code, before = code, value
    return last is None or last.rstrip().endswith(_END_MARKS)


@rule("PUN-002", "edition-punctuation", "250 ends with a period", WARNING, BD + "bd250.html",
      "The edition statement is an ISBD area and closes with a period.",
      tags=("250", "880"),
      good=(marc_example("=250  \\\\$aSecond edition."),),
      bad=(marc_example("=250  \\\\$aSecond edition"),))
def edition_punctuation(record, context):
    return _final_period(record, ("250",), "edition statement")


@rule("PUN-003", "publication-punctuation", "260/264 punctuation", WARNING, BD + "bd264.html",
      "Place ' :' publisher ',' date: the marks separate the elements of the publication area "
      "(a second place follows ' ;').",
      tags=("260", "264", "880"),
      good=(marc_example(),),
      bad=(marc_example("=264  \\1$aNew York$bExample Press,$c2024."),
           marc_example("=264  \\1$aNew York :$bExample Press$c2024.")))
def publication_punctuation(record, context):
    if not carries_isbd(record):
        return ()
    return [*_order_checked(record, "260", _PUBLICATION_ORDER),
            *_order_checked(record, "264", _PUBLICATION_ORDER)]



@rule("PUN-004", "physical-description-punctuation", "300 punctuation", WARNING,
      BD + "bd300.html",
      "Extent ' :' other details ' ;' dimensions ' +' accompanying material.",
      tags=("300", "880"),
      good=(marc_example(),),
      bad=(marc_example("=300  \\\\$a200 pages$billustrations ;$c24 cm"),
           marc_example("=300  \\\\$a200 pages :$billustrations$c24 cm")))
def physical_punctuation(record, context):
    return _check_order(record, "300", _PHYSICAL_ORDER)



@rule("PUN-005", "series-punctuation", "490 punctuation before the numbering", WARNING,
      BD + "bd490.html",
      "The series numbering ($v) follows ' ;' after the series title.",
      tags=("490", "880"),
      good=(marc_example("=490  0\\$aExample series ;$v3"),),
      bad=(marc_example("=490  0\\$aExample series$v3"),))
def series_punctuation(record, context):
    return _check_order(record, "490", _SERIES_ORDER)



NOTE_TAGS = ("500", "501", "502", "504", "505", "506", "508", "511", "518", "520", "521", "525",
             "530", "533", "534", "538", "545", "546", "550", "586", "588")
_NOTE_TAG_SET = frozenset(NOTE_TAGS)


@rule("PUN-006", "note-final-period", "Notes end with a period", WARNING, BD + "bd5xx.html",
      "Notes are sentences in the ISBD note area and close with a period (or another final mark).",
      tags=(*NOTE_TAGS, "880"),
      good=(marc_example("=500  \\\\$aIncludes index."),),
      bad=(marc_example("=500  \\\\$aIncludes index"),))
def note_period(record, context):
    return _final_period(record, NOTE_TAGS, "note", _NOTE_TAG_SET)


_SPACED_INITIALS = re.compile(r"\b([A-Z])\. ([A-Z])\.")


@rule("PUN-007", "spaced-initials", "No space between initials in a statement of responsibility",
      INFO, "https://www.loc.gov/aba/rda/",
      "LC practice transcribes initials without a space between them ('J.R.R. Tolkien'), so that "
      "the same name looks the same in every record.",
      tags=("245", "880"),
      good=(marc_example("=245  10$aThe hobbit /$cJ.R.R. Tolkien."),),
      bad=(marc_example("=245  10$aThe hobbit /$cJ. R. R. Tolkien."),))
def spaced_initials(record, context):
    return _spaced_initials_hits(record) if carries_isbd(record) else ()


def _spaced_initials_hits(record):
    for item in data_fields_as(record, "245"):
        for position, (code, value) in enumerate(item.field.subfields):
            # '. ' first: the pattern needs it, and few statements have it.
            match = _SPACED_INITIALS.search(value) if code == "c" and ". " in value else None
            if match:
                yield Hit(item.subfield_address(position), f"245 $c has a space between the "
                          f"initials {quoted(match.group(0))}; write them without it "
                          f"('{match.group(1)}.{match.group(2)}.')")


#: Personal name fields (X00): main entry, subject, added entry, series added entry.
NAME_TAGS = ("100", "600", "700", "800")
#: The subfields a comma precedes in a personal name, with what they hold.
_AFTER_COMMA = {"d": "dates", "e": "relator term"}
#: A comma as records in Latin, CJK (fullwidth, ideographic), Arabic and Armenian script type it.
_COMMAS = (",", "\uff0c", "\u3001", "\u060c", "\u055d")
_COMMA_OR_HYPHEN = (*_COMMAS, "-")
#: Description conventions (040 $e, LC's "Description Convention Source Codes") whose name
#: headings follow AACR 2 or RDA, and with them the comma before $d and $e: RDA, AACR 2 and the
#: US standards built on them (provider-neutral records, DCRM, APPM, DACS, Betz, AMREMM).
ANGLO_AMERICAN = frozenset({"rda", "aacr", "pn", "dcrb", "dcrmb", "dcrmc", "dcrmg", "dcrmm",
                            "dcrmmss", "dcrms", "appm", "dacs", "gihc", "amremm"})


def anglo_american_headings(record) -> bool:
    """Name headings punctuated as AACR 2 and RDA do: Leader/18 'a' (AACR 2), or 'i' (ISBD)
    with 040 $e naming RDA or a standard built on AACR 2 — and no 040 $e naming another code
    (a record made under Polish or French rules punctuates its headings its own way)."""
    form = leader_text(record)[18:19]
    if form not in ("a", "i"):
        return False
    conventions = set()  # every 040 $e (one pass over the subfields: cheaper than get_subfields)
    for item in data_fields(record, "040"):
        for code, value in item.field.subfields:
            if code == "e":
                conventions.add(value.strip().lower())
    if form == "i" and not conventions:
        return False  # ISBD punctuation, but no word on the rules behind the headings
    return conventions <= ANGLO_AMERICAN


@rule("PUN-008", "name-comma-before-dates-relator", "A comma precedes $d and $e in personal names",
      WARNING, BD + "bdx00.html",
      "In a personal name heading a comma separates the name from its dates ($d) and from the "
      "relator term ($e) ('Writer, Ann, 1950-, author'); without it the heading no longer matches "
      "its authorized form and displays run the name into the dates.",
      tags=(*NAME_TAGS, "880"),
      good=(marc_example(), marc_example("=100  1\\$aWriter, Ann,$d1950-$eauthor."),
            marc_example("=700  1\\$aTolkien, J. R. R.$q(John Ronald Reuel),$d1892-1973,"
                         "$eeditor,$etranslator."),
            marc_example("=040  \\\\$aWaN$bpol$ePNN$cWaN", "=100  1\\$aAusten, Jane$d(1775-1817)")),
      bad=(marc_example("=100  1\\$aWriter, Ann$d1950-"),
           marc_example("=100  1\\$aWriter, Ann$eauthor."),
           marc_example("=700  1\\$aTolkien, J. R. R.$q(John Ronald Reuel)$d1892-1973.")))
def name_comma(record, context):
    if not anglo_american_headings(record):
        return ()
    if "880" in tags_present(record):
        return _name_comma_hits(data_fields_as(record, *NAME_TAGS))
    # Fast path, without 880s: the fields themselves, each looked at closely (and given its
    # address) only when a comma is not plainly there.
    hits = []
    for field in plain_data_fields(record, NAME_TAGS):
        # The subfield before the one looked at; before the first, as if a control subfield.
        code, value = "0", ""
        for follower, following in field.subfields:
            if (follower in _AFTER_COMMA and code not in _CONTROL_SUBFIELDS
                    and not value.rstrip().endswith(_COMMA_OR_HYPHEN)):
                hits.extend(_name_comma_hits((locate(record, field),)))
                break
            code, value = follower, following
    return hits


def _name_comma_hits(items):
    """PUN-008 on fields already found."""
    for item in items:
        code = value = None  # the subfield before the one looked at
        for position, (follower, following) in enumerate(item.field.subfields):
            # The rstrip test is a fast path for the usual comma (or hyphen) at the end;
            # ``_visible_end`` also sees past invisible format marks.
            if (position and follower in _AFTER_COMMA and code not in _CONTROL_SUBFIELDS
                    and not value.rstrip().endswith(_COMMA_OR_HYPHEN)):
                end = _visible_end(value)
                # An open date or an already placed comma is right as it is ('1950-' then $e).
                if end and not end.endswith(_COMMAS) and not end.endswith("-"):
                    yield Hit(item.subfield_address(position - 1), f"{effective_tag(item.field)} "
                              f"${code} {quoted(end)} should end with a comma before "
                              f"${follower} ({_AFTER_COMMA[follower]})")
            code, value = follower, following
