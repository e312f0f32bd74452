"""Subject headings (600, 610, 611, 630, 647, 648, 650, 651, 655): the thesaurus named by the
second indicator or $2, the main term and its subdivisions, and LC's punctuation of headings.

Sources: LC, MARC 21 Bibliographic, "6XX Subject Access Fields" (bd6xx.html) and the page of each
field (bd600.html … bd655.html: indicators, $2 "used only when the second indicator contains
value 7", and the input conventions on punctuation); LC, "Subject Heading and Term Source Codes"
and "Genre/Form Code and Term Source Codes" (https://www.loc.gov/standards/sourcelist/); LC,
Subject Headings Manual H 1075 (Subdivisions) and H 1095 (Free-floating subdivisions), which
code form subdivisions in $v and place them last in a heading string.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from sandbox.reference import codes, marc21
from sandbox.rules.examples import marc_example
from sandbox.rules.model import ERROR, INFO, WARNING, Hit, rule
from sandbox.rules.walk import locate, quoted, walked

BD = "https://www.loc.gov/marc/bibliographic/"
SHM = "https://www.loc.gov/aba/publications/FreeSHM/"

#: Subject fields whose second indicator names the thesaurus (0-6) or points to $2 (7).
SUBJECT_TAGS = ("600", "610", "611", "630", "647", "648", "650", "651", "655")
SUBDIVISIONS = "vxyz"
_NAMES = {"v": "form subdivision", "x": "general subdivision", "y": "chronological subdivision",
          "z": "geographic subdivision"}
#: Thesauri whose headings LC punctuates as its input conventions describe.
_LC_PUNCTUATED = {"0": "LCSH", "1": "LC children's subject", "2": "MeSH"}
_FINAL_MARKS = (".", "?", "!", ")", "-", '"')
#: The source code of the thesaurus each second indicator value names.
_INDICATOR_SOURCES = {"0": "lcsh", "1": "lcshac", "2": "mesh", "3": "nal", "5": "cash", "6": "rvm"}

def _text(value: str) -> str:
    """A subdivision as a term to compare: blanks and a final period removed, lowercase."""
    return value.strip().rstrip(".").strip().lower()


#: Free-floating form subdivisions (SHM H 1095) that learners often code $x.
FORM_WORDS = frozenset(_text(word) for word in (
    "Abstracts", "Anecdotes", "Atlases", "Bibliography", "Biography", "Case studies",
    "Catalogs", "Charts, diagrams, etc.", "Comic books, strips, etc.", "Congresses",
    "Correspondence", "Dictionaries", "Directories", "Drama", "Early works to 1800",
    "Encyclopedias", "Exhibitions", "Fiction", "Guidebooks", "Handbooks, manuals, etc.",
    "Indexes", "Interviews", "Juvenile fiction", "Juvenile literature", "Maps", "Periodicals",
    "Pictorial works", "Poetry", "Popular works", "Quotations", "Sources", "Statistics",
    "Study guides", "Textbooks"))

#: Form subdivisions LC follows with a language in $x ("English language--Dictionaries--French").
_LANGUAGE_FORMS = frozenset(_text(form) for form in (
    "Dictionaries", "Glossaries, vocabularies, etc.", "Dictionaries, Juvenile"))

#: Words ending in a period that are abbreviations, so the period stays before a subdivision.
ABBREVIATIONS = frozenset(word.lower() for word in (
    "etc.", "Inc.", "Ltd.", "Corp.", "Dept.", "Bros.", "Assn.", "Assoc.", "Govt.", "Univ.",
    "Jr.", "Sr.", "St.", "Ste.", "Mt.", "Ft.", "Pt.", "ca.", "cent.", "approx.", "fl.", "vol.",
    "no.", "pt.", "ed.", "Calif.", "Conn.", "Mass.", "Mich.", "Minn.", "Tenn.", "Colo.", "Okla.",
    "Wis.", "Ariz.", "Nebr.", "Neb.", "Nev.", "Kan.", "Kans.", "Tex.", "Fla.", "Ala.", "Ill.",
    "Ind.", "Ore.", "Del.", "Ark.", "Wyo.", "Mont.", "Alta.", "Sask.", "Ont.", "Que.", "Eng.",
    "Scot.", "Qld.", "Tas.", "Vic."))
#: Initials and short abbreviations: "S.", "D.C.", "U.S.", "N.T.", "Ph.D.", "Co.", "Va.".
_INITIALS = re.compile(r"(?:[A-Za-z]{1,2}\.)+\Z")
_DATE_LIKE = re.compile(r"(?:ca\. )?\d{3,4}(?:-\d{0,4})?\Z|\d{1,2}(?:st|nd|rd|th) century\Z",
                        re.IGNORECASE)


def _subject_fields(record):
    """The subject fields (and the 880s that parallel them), in record order, each as
    ``(field, tag, indicator2, subfields, subfield_codes, values, joined)``: the tag it stands
    for, its second indicator, its subfields' codes and values in two tuples and the values
    joined by \\x1f. Found once per record for the nine rules that read them; with the codes at
    hand a rule sees in one test that a heading has nothing for it (no $2, no $v) instead of
    walking its subfields again. A field's address is only looked up for a finding
    (``_located``)."""
    # What ``shared`` does, without a function made for it at each of the nine asks per record.
    derived = walked(record).derived
    found = derived.get("subject-fields")
    if found is None:
        found = derived["subject-fields"] = _find_subject_fields(record)
    return found


_SUBJECT_TAG_SET = frozenset(SUBJECT_TAGS)


def _find_subject_fields(record) -> list[tuple]:
    # One pass over the record's fields rather than data_fields_as: merging nine tags' lists
    # (and the 880s) in record order cost more than the rules that read them. 6XX and 880 are
    # data fields by their tags, as pymarc decides, so no control field is met here.
    found = []
    for field in record.fields:
        tag = field.tag
        if tag not in _SUBJECT_TAG_SET:
            if tag != "880":
                continue
            tag = _linked_subject_tag(field)
            if tag is None:
                continue
        subfields = field.subfields
        subfield_codes, values = zip(*subfields) if subfields else ((), ())
        found.append((field, tag, field.indicator2, subfields, subfield_codes, values,
                      "\x1f".join(values)))
    return found


def _linked_subject_tag(field) -> str | None:
    """The subject tag an 880 parallels (its first $6 names it: '650-01'), or None; what
    ``data_fields_as`` and ``effective_tag`` decide for it."""
    for code, value in field.subfields:
        if code == "6":
            linked = value[:3]
            return linked if linked in _SUBJECT_TAG_SET else None
    return None


def _is_data(code: str) -> bool:
    """A subfield holding heading text (not $0-$8 control and source subfields)."""
    return not code.isdigit()


def _thesaurus(tag: str, value: str) -> str:
    definition = marc21.field(tag)
    if definition is None or not definition.indicators:
        return ""
    return definition.indicators[1].values.get(value, "")


def _ends_with_abbreviation(text: str) -> bool:
    last = text.split()[-1] if text.split() else ""
    return last.lower() in ABBREVIATIONS or bool(_INITIALS.match(last))


@rule("SUB-001", "subject-thesaurus-source", "6XX second indicator and $2 agree on the source",
      ERROR, BD + "bd6xx.html",
      "The second indicator says which thesaurus a heading comes from (0 is LCSH); only value 7 "
      "hands that job to $2. Without the pair agreeing, the catalog cannot tell an LCSH heading "
      "from a FAST or local one.",
      tags=(*SUBJECT_TAGS, "880"),
      good=(marc_example(), marc_example("=650  \\7$aCats.$2fast"),
            marc_example("=655  \\7$aDetective and mystery fiction.$2lcgft")),
      bad=(marc_example("=650  \\7$aCats."), marc_example("=650  \\0$aCats.$2fast"),
           marc_example("=655  \\4$aNovels.$2lcgft")))
def thesaurus_source(record, context):
    for field, tag, indicator, subfields, subfield_codes, _, _ in _subject_fields(record):
        if "2" not in subfield_codes:  # most headings: no need to look for where $2 is
            if indicator == "7":
                yield Hit(f"{locate(record, field).address}/ind2", f"{tag} second indicator "
                          "is 7 (source in $2) but there is no $2; add $2 with the code of the "
                          "vocabulary the heading comes from (e.g. fast, lcgft, aat)")
        elif indicator and indicator in "0123456":
            name = _thesaurus(tag, indicator) or "a named thesaurus"
            item = locate(record, field)
            for position, (code, source) in enumerate(subfields):
                if code != "2":
                    continue
                if source.strip().lower() == _INDICATOR_SOURCES.get(indicator):
                    advice = "delete $2"
                else:
                    advice = (f"delete $2, or set the indicator to 7 if the heading comes from "
                              f"{quoted(source)}")
                yield Hit(item.subfield_address(position), f"{tag} second indicator is "
                          f"{indicator} ({name}), which already names the source, yet $2 "
                          f"{quoted(source)} is present; $2 is used only with second indicator "
                          f"7: {advice}")


@cache
def _listed_sources() -> frozenset[str]:
    return frozenset(codes.source_codes("subject")) | frozenset(codes.source_codes("genre"))


def _known_source(code: str) -> bool:
    listed = _listed_sources()
    return code in listed or code.split("/")[0] in listed  # "yso/fin": code/language


@rule("SUB-002", "subject-source-code", "6XX $2 is a known subject or genre/form source code",
      WARNING, "https://www.loc.gov/standards/sourcelist/subject.html",
      "$2 names the vocabulary with a code from LC's source code lists (fast, lcgft, aat…); a "
      "misspelled or invented code means the heading's source is unknown to every other system.",
      tags=(*SUBJECT_TAGS, "880"),
      good=(marc_example("=650  \\7$aCats.$2fast"),
            marc_example("=655  \\7$aPicture books.$2lcgft"),
            marc_example("=650  \\7$akissat$2yso/fin")),
      bad=(marc_example("=650  \\7$aCats.$2FAST"), marc_example("=650  \\7$aCats.$2fst"),
           marc_example("=650  \\7$aCats.$2ddc")))
def source_code(record, context):
    everything = codes.source_codes()
    for field, tag, _, subfields, subfield_codes, _, _ in _subject_fields(record):
        if "2" not in subfield_codes:
            continue  # most headings (ind2 0 LCSH) have no source code to check
        for position, (code, value) in enumerate(subfields):
            if code != "2":
                continue
            text = value.strip()
            if _known_source(text):
                entry = everything.get(text)
                if entry is not None and entry.deprecated:
                    yield Hit(locate(record, field).subfield_address(position),
                              f"{tag} $2 {quoted(text)} ({entry.name}) is "
                              f"{entry.note or 'deprecated'} in LC's source code list")
                continue
            # worked out only for a code reported
            where = locate(record, field).subfield_address(position)
            cleaned = text.rstrip(".;,: ").lower()
            if cleaned and _known_source(cleaned):
                yield Hit(where, f"{tag} $2 {quoted(value)} should be written {quoted(cleaned)}: "
                          "source codes are lowercase and take no punctuation")
            elif text in everything:
                kinds = ", ".join(codes.source_code_categories(text))
                yield Hit(where, f"{tag} $2 {quoted(text)} is a {kinds} source code, not a "
                          "subject or genre/form vocabulary")
            else:
                yield Hit(where, f"{tag} $2 {quoted(value)} is not in LC's subject or genre/form "
                          "source codes (e.g. fast, lcgft, aat, mesh); check the spelling")


@rule("SUB-003", "subject-main-term-missing", "Every subject heading has its main term in $a",
      ERROR, BD + "bd6xx.html",
      "The main term is what the heading is about; a field with only $2 or $0 (or only "
      "subdivisions) names a source or an identifier but gives the catalog nothing to index.",
      tags=(*SUBJECT_TAGS, "880"),
      good=(marc_example(), marc_example("=650  \\7$aCats$2fast$0(OCoLC)fst00849478")),
      bad=(marc_example("=650  \\7$2fast$0(OCoLC)fst00849478"),
           marc_example("=650  \\0$xHistory.")))
def main_term_missing(record, context):
    for field, tag, _, _, subfield_codes, _, _ in _subject_fields(record):
        if "a" in subfield_codes:
            continue  # the usual heading: its main term is there
        present = set(subfield_codes)
        if "a" in present or (tag == "655" and field.indicator1 == "0" and "b" in present):
            continue  # a faceted 655 may carry its terms in $b
        item = locate(record, field)
        if present & set(SUBDIVISIONS):
            yield Hit(item.address, f"{tag} has subdivisions but no main term: put the term "
                      "the subdivisions qualify in $a, first")
        elif present and present <= set("0123456789"):
            shown = ", ".join(f"${code}" for code, _ in field.subfields)
            yield Hit(item.address, f"{tag} has no $a, only {shown}; a subject heading needs its "
                      "main term in $a — $2 and $0 only say where a term came from")
        else:
            shown = ", ".join(f"${code}" for code, _ in field.subfields) or "no subfields"
            yield Hit(item.address, f"{tag} has no $a (it holds {shown}); a subject heading "
                      "needs its main term in $a")


def _has_term(value: str) -> bool:
    """Anything but blanks and punctuation ('--', '.', '' hold no term)."""
    return any(unicodedata.category(char)[0] not in "PZ" for char in value)


@rule("SUB-004", "subdivision-after-main-term", "Subdivisions follow the main term and hold a term",
      ERROR, SHM + "H1075.pdf",
      "A subdivision narrows the main term before it ('Cats' then $x 'Behavior'); one placed "
      "before $a, or one with no words in it, makes a heading that matches no authority record.",
      tags=(*SUBJECT_TAGS, "880"),
      good=(marc_example("=650  \\0$aCats$xBehavior$vJuvenile literature."),),
      bad=(marc_example("=650  \\0$xBehavior$aCats."),
           marc_example("=650  \\0$aCats$x--$vJuvenile literature.")))
def subdivision_after_main_term(record, context):
    for field, tag, _, _, subfield_codes, values, _ in _subject_fields(record):
        # Where the main term is, if anywhere.
        main = subfield_codes.index("a") if "a" in subfield_codes else -1
        for position, code in enumerate(subfield_codes):
            if code not in SUBDIVISIONS:
                continue
            value = values[position]
            if position < main:
                yield Hit(locate(record, field).subfield_address(position),
                          f"{tag} ${code} ({_NAMES[code]}) "
                          f"{quoted(value)} comes before the main term in $a; the heading starts "
                          "with its main term and the subdivisions follow it")
            if value[:1].isalnum():
                continue  # fast path: a term starts here; ``_has_term`` looks at anything else
            if value.strip() and not _has_term(value):  # wholly empty: STR-006 reports it
                yield Hit(locate(record, field).subfield_address(position),
                          f"{tag} ${code} ({_NAMES[code]}) "
                          f"holds no term ({quoted(value)}); delete the empty subdivision or "
                          "type its term")


@cache
def _language_names() -> frozenset[str]:
    return frozenset(entry.name.lower() for entry in codes.languages().values())


def _established_after_form(form: str, topic: str) -> bool:
    """LC combinations where a $x follows a $v (SHM H 1095; 'Bible--Dictionaries--French')."""
    if topic == "history and criticism" or topic.startswith("translations into"):
        return True
    return form in _LANGUAGE_FORMS and (topic in _language_names() or topic == "polyglot")


@rule("SUB-005", "form-subdivision-last", "Form subdivisions ($v) come last", WARNING,
      SHM + "H1075.pdf",
      "LC builds subject strings topic, place, time, then form: $v says what the item is "
      "('Periodicals'), so it closes the heading. A $x after it usually means the parts are in "
      "the wrong order.",
      tags=(*SUBJECT_TAGS, "880"),
      good=(marc_example("=650  \\0$aCats$xHistory$vPeriodicals."),
            marc_example("=650  \\0$aEnglish language$vDictionaries$xFrench.")),
      bad=(marc_example("=650  \\0$aCats$vPeriodicals$xHistory."),))
def form_subdivision_last(record, context):
    for field, tag, _, subfields, subfield_codes, _, _ in _subject_fields(record):
        if "v" not in subfield_codes or "x" not in subfield_codes:
            continue  # no $x that could follow a $v
        form = None
        for position, (code, value) in enumerate(subfields):
            if code == "v":
                form = value
            elif code == "x" and form is not None:
                if _established_after_form(_text(form), _text(value)):
                    continue
                yield Hit(locate(record, field).subfield_address(position),
                          f"{tag} $x {quoted(value)} follows the form subdivision $v "
                          f"{quoted(form)}; LC puts form subdivisions last, so move "
                          f"{quoted(value)} before $v — unless LC has established this order "
                          "(as in 'Dictionaries--French' or '--History and criticism')")


@rule("SUB-006", "form-word-in-general-subdivision",
      "Form subdivisions such as 'Periodicals' are coded $v, not $x", INFO, SHM + "H1095.pdf",
      "$v says what the item is (a dictionary, periodicals, fiction); $x says what it is about. "
      "'Cats--Dictionaries' for a dictionary about cats is $vDictionaries; $x is right only for a "
      "work about dictionaries.",
      tags=(*SUBJECT_TAGS, "880"),
      good=(marc_example("=650  \\0$aCats$vDictionaries."),
            marc_example("=650  \\0$aArchitecture$xPeriodicals$vIndexes.")),
      bad=(marc_example("=650  \\0$aCats$xDictionaries."),
           marc_example("=650  \\0$aDetectives$xFiction.")))
def form_word_in_x(record, context):
    for field, tag, _, subfields, subfield_codes, _, _ in _subject_fields(record):
        if "x" not in subfield_codes:
            continue
        for position, (code, value) in enumerate(subfields):
            if code != "x" or _text(value) not in FORM_WORDS:
                continue
            if "v" in subfield_codes[position + 1:]:
                continue  # "$xPeriodicals$vIndexes": a work about periodicals, in a form
            yield Hit(locate(record, field).subfield_address(position), f"{tag} $x "
                      f"{quoted(value)} is usually a "
                      f"form subdivision: if the item is itself {_text(value)}, code it $v; keep "
                      "$x only when the work is about them")


def _guess_code(part: str) -> str:
    if _DATE_LIKE.match(part.rstrip(".")):
        return "y"
    return "v" if _text(part) in FORM_WORDS else "x"


@rule("SUB-007", "typed-subdivision-dashes", "No '--' typed into subject headings", ERROR,
      BD + "bd6xx.html",
      "The dashes in 'Cats--Behavior' are how catalogs display subdivisions; in the record each "
      "part has its own subfield ($aCats$xBehavior). Typed dashes make one long term that "
      "matches no authority and breaks browsing by subdivision.",
      tags=(*SUBJECT_TAGS, "880"),
      good=(marc_example("=650  \\0$aCats$xBehavior."),),
      bad=(marc_example("=650  \\0$aCats--Behavior."),
           marc_example("=651  \\0$aFrance$xHistory--1789-1799."),
           marc_example("=650  \\0$aCats\u2014Behavior.")))
def typed_dashes(record, context):
    for field, tag, _, subfields, _, _, joined in _subject_fields(record):
        # Dashes as the subfields below see them ('--', an em dash, two en dashes), looked for
        # in the whole heading at once: nearly every heading has none.
        if "--" not in joined and "\u2014" not in joined and "\u2013\u2013" not in joined:
            continue
        for position, (code, value) in enumerate(subfields):
            dashed = value.replace("\u2014", "--").replace("\u2013\u2013", "--")  # em dash too
            if not _is_data(code) or "--" not in dashed:
                continue
            parts = [part.strip() for part in dashed.split("--") if part.strip()]
            split = f"${code}{parts[0]}" if parts else ""
            split += "".join(f"${_guess_code(part)}{part}" for part in parts[1:])
            hint = f" (here: {split})" if len(parts) > 1 else ""
            yield Hit(locate(record, field).subfield_address(position), f"{tag} ${code} "
                      f"{quoted(value)} has '--' "
                      "typed into it; split it into subfields, one per subdivision "
                      f"($x topic, $z place, $y time, $v form){hint} — the catalog displays the "
                      "dashes itself")


def _carries_punctuation(record) -> bool:
    """Leader/18 'a' or 'i': punctuation is recorded (not 'c'/'n', punctuation omitted)."""
    return str(record.leader)[18:19] in ("a", "i")


@rule("SUB-008", "subject-final-punctuation", "LCSH headings end with a period", WARNING,
      BD + "bd650.html",
      "In records that carry punctuation, LC ends a subject heading with a period unless it ends "
      "with a closing parenthesis, an open date's hyphen, '?', '!' or a quotation mark; a "
      "missing period marks a heading as incomplete or carelessly copied.",
      tags=(*SUBJECT_TAGS, "880"),
      good=(marc_example(), marc_example("=651  \\0$aWashington (D.C.)"),
            marc_example("=651  \\0$aUnited States$xEconomic policy$y1993-"),
            marc_example("=650  \\7$aCats$2fast")),
      bad=(marc_example("=650  \\0$aCats$xBehavior"),
           marc_example("=600  10$aLincoln, Abraham,$d1809-1865$vPortraits")))
def final_punctuation(record, context):
    if not _carries_punctuation(record):
        return  # Leader/18 'c' or 'n': PCC minimal punctuation, no final period
    for field, tag, indicator, _, subfield_codes, values, _ in _subject_fields(record):
        vocabulary = _LC_PUNCTUATED.get(indicator)
        if vocabulary is None:
            continue  # ind2 7 (FAST, LCGFT…) and others follow their own practice
        position = len(subfield_codes) - 1  # the last subfield holding text (see _is_data)
        while position >= 0 and subfield_codes[position].isdigit():
            position -= 1
        if position < 0:
            continue
        value = values[position]
        end = value.rstrip()
        if end and not end.endswith(_FINAL_MARKS):
            yield Hit(locate(record, field).subfield_address(position), f"{vocabulary} "
                      f"heading {tag} should end "
                      f"with a period (it ends {quoted(end[-20:])}); only a closing "
                      "parenthesis, an open date's hyphen, '?', '!' or a closing quotation mark "
                      "take its place")


@rule("SUB-009", "period-before-subdivision", "No period before a subdivision", WARNING,
      BD + "bd650.html",
      "A term followed by a subdivision takes no period ('Cats$xBehavior', not 'Cats.$xBehavior'): "
      "the period closes the whole heading. It stays only when the term ends with an "
      "abbreviation or initial ('U.S.', 'etc.').",
      tags=(*SUBJECT_TAGS, "880"),
      good=(marc_example("=650  \\0$aCats$xBehavior."),
            marc_example("=630  00$aBible.$pN.T.$xCriticism, interpretation, etc.$vPeriodicals."),
            marc_example("=600  10$aLewis, C. S.$xCriticism and interpretation.")),
      bad=(marc_example("=650  \\0$aCats.$xBehavior."),
           marc_example("=600  10$aLincoln, Abraham,$d1809-1865.$vPortraits.")))
def period_before_subdivision(record, context):
    for field, tag, _, subfields, subfield_codes, values, joined in _subject_fields(record):
        # A period before the last subfield's text, looked for in the joined heading (the
        # last value is at its end): most headings have none but a final one.
        if not values or joined.find(".", 0, len(joined) - len(values[-1])) == -1:
            continue
        for position, code in enumerate(subfield_codes):
            if position == 0 or code not in SUBDIVISIONS:
                continue
            before_code, before = subfields[position - 1]
            end = before.rstrip()
            if not _is_data(before_code) or not end.endswith(".") or end.endswith(".."):
                continue
            if _ends_with_abbreviation(end):
                continue
            yield Hit(locate(record, field).subfield_address(position - 1),
                      f"{tag} ${before_code} "
                      f"{quoted(end[-20:])} ends with a period before the subdivision ${code}; "
                      "a term followed by a subdivision takes no period (unless it ends with an "
                      "abbreviation or initial, e.g. 'U.S.', 'etc.')")
