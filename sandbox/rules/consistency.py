"""Coded data that must agree with the text or with other fields: language codes (041 vs 008),
geographic area codes (043), and the nonfiling indicator of 245 against the title's article.

Sources: LC, MARC 21 Bibliographic bd041.html, bd043.html, bd245.html; "Initial Definite and
Indefinite Articles" (https://www.loc.gov/marc/bibliographic/bdapndxf.html); MARC code lists.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache, lru_cache

from sandbox.reference import codes
from sandbox.rules.examples import field_008, marc_example
from sandbox.rules.fixed_fields import leader_text, material_of
from sandbox.rules.model import ERROR, INFO, WARNING, Hit, rule
from sandbox.rules.required import is_rda
from sandbox.rules.walk import data_008, data_fields, locate, plain_data_fields, quoted

BD = "https://www.loc.gov/marc/bibliographic/"
_LANGUAGE_SUBFIELDS = "abdefghijkmnpqrt"


def record_language(record) -> str | None:
    data = data_008(record)
    return data[35:38] if len(data) >= 38 else None


@rule("REQ-009", "language-codes-041", "041 codes are MARC language codes and agree with 008",
      ERROR, BD + "bd041.html",
      "041 lists every language of the item (and of the original, for translations); its first "
      "$a is the main language, which 008/35-37 also gives.",
      tags=("041",),
      good=(marc_example("=041  1\\$aeng$hfre"),),
      bad=(marc_example("=041  1\\$aen$hfre"), marc_example("=041  0\\$afre")))
def language_codes(record, context):
    main = record_language(record)
    for item in data_fields(record, "041"):
        if item.field.indicator2 == "7":
            continue  # codes from another list, named in $2
        first_a = None
        for position, (code, value) in enumerate(item.field.subfields):
            if code not in _LANGUAGE_SUBFIELDS:
                continue
            text = value.strip()
            # Before 2001, several codes could be run together in one subfield ("engfre").
            for chunk in [text[i:i + 3] for i in range(0, len(text), 3)] or [text]:
                if len(chunk) != 3 or not codes.is_valid_language(chunk):
                    yield Hit(item.subfield_address(position), f"041 ${code} {quoted(value)} is "
                              "not a MARC language code (three letters, e.g. 'eng', 'ger')")
                    break
            if code == "a" and first_a is None:
                first_a = text[:3]
        if main and first_a and codes.is_valid_language(first_a) and first_a != main \
                and main not in _NO_LANGUAGE:
            yield Hit(f"{item.address}$a", f"041 $a begins with '{first_a}' but 008/35-37 gives "
                      f"the language as '{main}'; they should agree")


@rule("REQ-010", "geographic-area-codes", "043 $a codes are MARC geographic area codes", ERROR,
      BD + "bd043.html",
      "Geographic area codes (e.g. 'n-us---') let catalogs limit subjects by place; other "
      "strings are ignored.",
      tags=("043",),
      good=(marc_example("=043  \\\\$an-us---"),),
      bad=(marc_example("=043  \\\\$an-us"), marc_example("=043  \\\\$ausa----")))
def geographic_area_codes(record, context):
    for item in data_fields(record, "043"):
        for position, (code, value) in enumerate(item.field.subfields):
            if code == "a" and not codes.is_valid_geographic_area(value.strip()):
                yield Hit(item.subfield_address(position), f"043 $a {quoted(value)} is not a "
                          "code from the MARC Code List for Geographic Areas (seven characters, "
                          "e.g. 'n-us---', 'e-fr---')")


_NO_LANGUAGE = {"und", "mul", "zxx", "|||", "   "}
#: "A is for apple", "A to Z", "A-Z", "A & P": the letter A, not the article.
_LETTER_A = re.compile(r"A(\s+(is|to|and|&)\b|-|\.)", re.IGNORECASE)


@lru_cache(maxsize=512)
def _articles_longest_first(language: str) -> tuple[str, ...]:
    """The language's initial articles, lowercase and NFC, longest first."""
    return tuple(unicodedata.normalize("NFC", article.lower()) for article in
                 sorted(codes.initial_articles(language), key=len, reverse=True))


@lru_cache(maxsize=512)
def _article_at_start(language: str):
    """The ``match`` of a pattern for the language's articles at the start of a lowercase title:
    each form in ``_articles_longest_first`` order, followed by a blank unless it ends in an
    apostrophe or hyphen — the first form that fits wins, as it would trying them one by one.
    None when the language has no articles."""
    forms = [re.escape(form) if form.endswith(("'", "-")) else re.escape(form + " ")
             for form in _articles_longest_first(language)]
    return re.compile("|".join(forms)).match if forms else None


def leading_article(title: str, language: str | None) -> str | None:
    """The initial article of ``title`` in ``language`` (with its blank, apostrophe or hyphen)."""
    if not language or language in _NO_LANGUAGE:
        return None
    article_at_start = _article_at_start(language)
    if article_at_start is None:
        return None  # no articles in this language: nothing to look for
    if not title.isascii():  # an ASCII title is its own NFC form, without a curly apostrophe
        title = unicodedata.normalize("NFC", title).replace("\u2019", "'")
    skipped = len(title) - len(title.lstrip("\"'[("))
    article = article_at_start(title[skipped:].lower())
    if article is None:
        return None
    if language == "eng" and _LETTER_A.match(title[skipped:]):
        return None  # "A is for apple": the letter, not the article (asked once one is found)
    return title[: skipped + article.end()]


@rule("REQ-011", "nonfiling-article", "245 second indicator counts the initial article", WARNING,
      BD + "bd245.html",
      "245 ind2 tells the catalog how many characters to skip when filing: 'The Hobbit' files "
      "under H only if ind2 is 4. A wrong count files the title under the article.",
      tags=("245",),
      good=(marc_example("=245  14$aThe example /$cAnn Writer."),
            marc_example("=245  03$aAn example /$cAnn Writer.", drop=("100",)),
            marc_example("=245  14$aThe 400 blows /$cFrançois Truffaut.", field_008(35, "fre"))),
      bad=(marc_example("=245  10$aThe example /$cAnn Writer."),
           marc_example("=245  13$aThe example /$cAnn Writer.")))
def nonfiling_article(record, context):
    language = record_language(record)
    for item in data_fields(record, "245"):
        field = item.field
        indicator = field.indicator2
        title = None
        for code, value in field.subfields:
            if code == "a":
                title = value
                break
        if title is None or not (indicator.isascii() and indicator.isdigit()):
            continue
        article = leading_article(title, language)
        expected = len(article) if article else 0
        count = int(indicator)
        if article and count != expected:
            yield Hit(f"{item.address}/ind2", f"245 second indicator says {count} nonfiling "
                      f"character{'s' if count != 1 else ''}, but the title starts with "
                      f"{quoted(article)} ({expected})")
        elif not article and count and language and language not in _NO_LANGUAGE:
            # A title may be in another language than the item (an English title on a French
            # film): an article of a language the record names in 041, or of English, also counts.
            others = [code for f in data_fields(record, "041")
                      for code in f.field.get_subfields("a", "h")]
            if any(len(other or "") == count for other in
                   (leading_article(title, code) for code in (*others, "eng") if code != language)):
                continue
            start = title[:count]
            yield Hit(f"{item.address}/ind2", f"245 second indicator says {count} nonfiling "
                      f"characters ({quoted(start)}), but the title does not start with an "
                      f"article in the record's language ('{language}'), unless the article is "
                      "part of a name")


_RDA_SOURCES = {"336": "rdacontent", "337": "rdamedia", "338": "rdacarrier"}


@cache
def _rda_vocabulary(tag: str) -> tuple[dict, dict]:
    """The RDA terms of 336, 337 or 338 by code, and by lowercase term."""
    vocabulary = codes.rda_terms(tag)
    return vocabulary, {entry.term.lower(): entry for entry in vocabulary.values()}


@rule("REQ-013", "rda-type-terms", "336/337/338 terms and codes come from the RDA vocabularies",
      ERROR, BD + "bd336.html",
      "Content, media and carrier types are controlled terms: 'text'/txt, 'unmediated'/n, "
      "'volume'/nc. A misspelt term or a code that does not match its term breaks the facets "
      "discovery systems build from them.",
      tags=("336", "337", "338"),
      good=(marc_example(),),
      bad=(marc_example("=336  \\\\$atext$btx$2rdacontent"),
           marc_example("=337  \\\\$acomputer$bn$2rdamedia"),
           marc_example("=338  \\\\$avolumes$bnc$2rdacarrier")))
def rda_type_terms(record, context):
    for item in data_fields(record, "336", "337", "338"):
        tag = item.field.tag
        source = None
        terms, codes_given = [], []  # (position, value) of each $a and each $b
        for position, (code, value) in enumerate(item.field.subfields):
            if code == "a":
                terms.append((position, value))
            elif code == "b":
                codes_given.append((position, value))
            elif code == "2" and source is None:
                source = value
        if source is not None and source.strip() != _RDA_SOURCES[tag]:
            continue  # terms from another vocabulary, named in $2
        vocabulary, by_term = _rda_vocabulary(tag)
        for position, value in terms:
            if value.strip().lower() not in by_term:
                yield Hit(item.subfield_address(position), f"{tag} $a {quoted(value)} is not an "
                          f"RDA {_RDA_SOURCES[tag][3:]} type term")
        for position, value in codes_given:
            if value.strip() not in vocabulary:
                yield Hit(item.subfield_address(position), f"{tag} $b {quoted(value)} is not an "
                          f"RDA {_RDA_SOURCES[tag][3:]} type code")
        if len(terms) == 1 and len(codes_given) == 1:
            term, code = terms[0][1].strip().lower(), codes_given[0][1].strip()
            if term in by_term and code in vocabulary and by_term[term].code != code:
                yield Hit(item.subfield_address(codes_given[0][0]), f"{tag} $b '{code}' is the "
                          f"code for '{vocabulary[code].term}', but $a says '{term}' (code "
                          f"'{by_term[term].code}')")


@rule("REQ-014", "rda-publication-statement", "RDA records have a 264 publication statement",
      WARNING, BD + "bd264.html",
      "RDA records the publication (or, for unpublished items, production) statement in 264; "
      "without one the record says nothing of where, by whom and when the item was issued.",
      tags=("040",),
      good=(marc_example(),), bad=(marc_example(drop=("264",)),))
def rda_publication_statement(record, context):
    # Like the other rules most records leave at their first test, a plain function returning
    # its hits: a generator costs more to start and stop than the test itself.
    if is_rda(record) and not plain_data_fields(record, ("264", "260")):
        return (Hit("264", "this record follows RDA (040 $e rda) but has no 264 (publication, "
                    "production, distribution or manufacture statement)"),)
    return ()


def _books_008(record) -> str | None:
    """The 008 of a record in the Books configuration, when it is whole (else None)."""
    data = data_008(record)
    books = material_of(leader_text(record)[6:8]) == "BK"
    return data if books and len(data) == 40 else None


_NAME_TAGS = ("100", "600", "700", "800")
_INVERTED = re.compile(r"[^,]+, [^,]+")
_YEARS = re.compile(r"\d{4}")
_ILLUSTRATED = re.compile(r"illustration|ill\.|map|portrait|chart|plan|photograph|facsim")
_RESPONSIBILITY = re.compile(r"\s*(by|edited by|translated by|par|von|por)\s", re.IGNORECASE)
_TRAILING_DATES = re.compile(r",?\s*(\d{3,4}\??-(\d{3,4}\??)?|b\. \d{4}|d\. \d{4})[.,]?\s*$")
#: Every form of _TRAILING_DATES has a digit: a name without one is not searched (ten times dearer).
_DIGIT = re.compile(r"\d")


@rule("REQ-015", "personal-name-parts", "Personal names: dates in $d, indicator 1 for surnames",
      WARNING, BD + "bd100.html",
      "A personal name heading splits its parts into subfields ($a name, $d dates) and its first "
      "indicator says how the name is entered (0 forename, 1 surname); authority matching and "
      "filing rely on both.",
      tags=_NAME_TAGS,
      good=(marc_example(), marc_example("=100  0\\$aHomer,$eauthor.")),
      bad=(marc_example("=100  1\\$aWriter, Ann, 1950-$eauthor."),
           marc_example("=100  0\\$aWriter, Ann,$eauthor.")))
def personal_name_parts(record, context):
    # The fields themselves: their address is looked up only for a finding.
    for field in plain_data_fields(record, _NAME_TAGS):
        for position, (code, name) in enumerate(field.subfields):
            if code == "a":
                break
        else:
            continue  # no $a
        # Dates found are reported only after a comma, and always have a digit.
        dates = _TRAILING_DATES.search(name) if "," in name and _DIGIT.search(name) else None
        if dates and "," in name[: dates.start()]:
            yield Hit(locate(record, field).subfield_address(position), f"{field.tag} $a "
                      f"{quoted(name)} ends with dates ({quoted(dates.group(1))}); dates go in $d")
        if field.indicator1 == "0" and _INVERTED.match(name) \
                and not name.rstrip(",. ").endswith(("Saint", "Sir", "King", "Queen")):
            yield Hit(f"{locate(record, field).address}/ind1", f"{field.tag} first indicator is "
                      f"0 (forename) but $a {quoted(name)} is inverted, surname first: use 1 "
                      "(surname)")


@rule("FIX-009", "date-008-vs-264", "008 Date 1 agrees with the publication date in 264/260",
      WARNING, BD + "bd008a.html",
      "008/07-10 is the date catalogs index and limit by; it should be the year the 264 (or 260) "
      "gives for publication.",
      tags=("264", "260"),
      good=(marc_example(),),
      bad=(marc_example("=264  \\1$aNew York :$bExample Press,$c2023."),))
def date_008_vs_264(record, context):
    data = data_008(record)
    if len(data) != 40 or data[6] not in "st" or not data[7:11].isdigit():
        return ()
    return _date_hits(record, data[7:11])


def _date_hits(record, date1: str):
    """FIX-009 once the 008 gives one year."""
    # The fields themselves: their address is looked up only for a finding.
    for field in plain_data_fields(record, ("264", "260")):
        if field.tag == "264" and field.indicator2 != "1":
            continue
        for position, (code, value) in enumerate(field.subfields):
            if code != "c":
                continue
            years = _YEARS.findall(value)
            if years and date1 not in years:
                where = locate(record, field).subfield_address(position)
                yield Hit("008/07-10", f"008/07-10 (Date 1) is '{date1}' but {where} gives "
                          f"{quoted(value)}")
                return


_RELATOR_TAGS = ("100", "110", "111", "700", "710", "711", "720", "600", "610", "611", "800",
                 "810", "811")
_RELATOR_TAG_SET = frozenset(_RELATOR_TAGS)
#: Meeting names give the relator term in $j, not $e.
_MEETING_TAGS = frozenset(("111", "611", "711", "811"))


@cache
def _relator_terms() -> frozenset[str]:
    return frozenset(entry.name.lower() for entry in codes.relators().values()
                     if not entry.obsolete)


@lru_cache(maxsize=4096)
def _near_relator_term(term: str) -> str | None:
    near = difflib.get_close_matches(term, _relator_terms(), n=1, cutoff=0.8)
    return near[0] if near else None


@rule("REQ-016", "relator-terms", "Relator terms are spelt as listed; $4 codes are MARC codes",
      WARNING, "https://www.loc.gov/marc/relators/relaterm.html",
      "$e (term) and $4 (code) say what a person or body did: author, translator, illustrator. "
      "Terms from the shared list let catalogs label and filter by role; a misspelt one helps "
      "nobody.",
      tags=_RELATOR_TAGS,
      good=(marc_example(), marc_example("=700  1\\$aWard, Matthew,$etranslator.$4trl")),
      bad=(marc_example("=100  1\\$aWriter, Ann,$eauthr."),
           marc_example("=700  1\\$aWard, Matthew,$4trn")))
def relator_terms(record, context):
    terms = _relator_terms()
    # The record's fields as they come rather than data_fields: merging thirteen tags' lists
    # cost more than the check itself. A field's address is only looked up for a finding.
    for field in record.fields:
        if field.tag not in _RELATOR_TAG_SET or field.control_field:
            continue
        term_code = "j" if field.tag in _MEETING_TAGS else "e"
        for position, (code, value) in enumerate(field.subfields):
            if code == term_code:
                term = value.strip().rstrip(".,;:").strip().lower()
                # RDA's relationship designators go beyond the MARC list ("sponsoring body"),
                # so only a near miss of a listed term is taken for a slip of the keyboard.
                near = _near_relator_term(term) if term and term not in terms else None
                if near:
                    where = locate(record, field).subfield_address(position)
                    yield Hit(where, f"{field.tag} ${code} {quoted(value)} is not a relator "
                              f"term; did you mean '{near}'?")
            elif code == "4":
                relator = value.strip()
                if len(relator) == 3 and relator.isalpha() and not codes.is_valid_relator(relator):
                    where = locate(record, field).subfield_address(position)
                    yield Hit(where, f"{field.tag} $4 {quoted(value)} is not a MARC relator "
                              "code (e.g. aut, edt, trl)")


_AACR2_ABBREVIATIONS = [
    (re.compile(r"\b(\d+) p\.(?=\s|$|,|;)"), "pages"),
    (re.compile(r"\bill\.(?=\s|$|,|;|:)"), "illustrations"),
    (re.compile(r"\b(\d+) v\.(?=\s|$|,|;)"), "volumes"),
    (re.compile(r"\bcol\.(?=\s|$|,|;)"), "colour / color"),
    (re.compile(r"\bports?\.(?=\s|$|,|;)"), "portraits"),
]


@rule("REQ-017", "rda-extent-spelled-out", "RDA records spell out the extent", WARNING,
      BD + "bd300.html",
      "RDA records extent and details in words ('xii, 304 pages : illustrations'), not AACR 2 "
      "abbreviations ('304 p. : ill.'), so that a reader needs no key to understand them.",
      tags=("300",),
      good=(marc_example(),),
      bad=(marc_example("=300  \\\\$a200 p. :$bill. ;$c24 cm"),))
def rda_extent_spelled_out(record, context):
    return _extent_hits(record) if is_rda(record) else ()


def _extent_hits(record):
    """REQ-017 in an RDA record."""
    for item in data_fields(record, "300"):
        for position, (code, value) in enumerate(item.field.subfields):
            if code not in "ab":
                continue
            for pattern, words in _AACR2_ABBREVIATIONS:
                match = pattern.search(value)
                if match:
                    yield Hit(item.subfield_address(position), f"300 ${code} {quoted(value)} "
                              f"abbreviates {quoted(match.group(0).split()[-1])}; RDA records "
                              f"'{words}' in full")
                    break


@rule("FIX-010", "illustrations-008-vs-300", "008/18-21 codes the illustrations 300 $b names",
      WARNING, BD + "bd008b.html",
      "Books 008/18-21 code the illustrations so that they can be searched; an illustrated book "
      "(300 $b 'illustrations', 'maps'…) coded as having none is found by nobody looking for it.",
      tags=("300",),
      good=(marc_example(),),
      bad=(marc_example(field_008(18, "    ")),))
def illustrations_008_vs_300(record, context):
    data = _books_008(record)
    if data is None or data[18:22].strip(" |"):
        return ()
    for field in plain_data_fields(record, ("300",)):
        details = " ".join(field.get_subfields("b")).lower()
        if _ILLUSTRATED.search(details):
            return (Hit("008/18-21", f"300 $b says {quoted(details.strip(' ;:'))} but 008/18-21 "
                        "(illustrations) is blank; code them (a illustrations, b maps, c "
                        "portraits…)"),)
    return ()


@rule("REQ-018", "series-trace-indicator", "490 first indicator 0 has no 8XX for the series",
      INFO, BD + "bd490.html",
      "490 ind1 '0' says the series is not traced; a record that traces it in 8XX should code "
      "the 490 '1', or the series entry is shown twice or not linked.",
      tags=("490",),
      good=(marc_example("=490  1\\$aExample series ;$v3", "=830  \\0$aExample series ;$v3."),),
      bad=(marc_example("=490  0\\$aExample series ;$v3", "=830  \\0$aExample series ;$v3."),))
def series_trace_indicator(record, context):
    traced = bool(data_fields(record, "800", "810", "811", "830"))
    for item in data_fields(record, "490"):
        if item.field.indicator1 == "0" and traced:
            yield Hit(f"{item.address}/ind1", "490 first indicator is '0' (series not traced) "
                      "but the record traces a series in 8XX; code it '1'")


@rule("REQ-019", "responsibility-in-245b", "A statement of responsibility belongs in 245 $c",
      WARNING, BD + "bd245.html",
      "'by Ann Writer' is a statement of responsibility: in $c after ' /', not in $b (other "
      "title information). Displays and indexes treat the two differently.",
      tags=("245",),
      good=(marc_example(),),
      bad=(marc_example("=245  10$aExample title /$bby Ann Writer."),))
def responsibility_in_245b(record, context):
    for item in data_fields(record, "245"):
        for position, (code, value) in enumerate(item.field.subfields):
            if code == "b" and _RESPONSIBILITY.match(value):
                yield Hit(item.subfield_address(position), f"245 $b {quoted(value)} reads like "
                          "a statement of responsibility; record it in $c, after ' /'")


@rule("FIX-011", "bibliography-008-vs-504", "008/24-27 codes the bibliography a 504 notes",
      INFO, BD + "bd008b.html",
      "Books 008/24-27 (nature of contents) code 'b' for bibliographies, so searches limited to "
      "works with bibliographies find the book; a 504 note says it has one.",
      tags=("504",),
      good=(marc_example("=504  \\\\$aIncludes bibliographical references.",
                         field_008(24, "b   ")),),
      bad=(marc_example("=504  \\\\$aIncludes bibliographical references."),))
def bibliography_008_vs_504(record, context):
    data = _books_008(record)
    if data is None or "b" in data[24:28] or "|" in data[24:28] \
            or not plain_data_fields(record, ("504",)):
        return ()
    return (Hit("008/24-27", "a 504 notes a bibliography but 008/24-27 (nature of contents) has "
                "no 'b'"),)
