"""The reference desk: look-ups shared by the desktop app and the command line, and the commands
``catsandbox cutter``, ``callnumber``, ``explain``, ``dewey``, ``encoding`` and ``drill``.

:func:`search_fields` finds MARC 21 fields by tag or by words ("nonfiling", "ISBN");
:func:`search_codes` finds codes in the MARC code lists by code or name. The reference desk
window shows their results; the commands print them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from sandbox.classify import cutter, dewey, lcc
from sandbox.records.address import AddressError, parse_address
from sandbox.reference import codes, marc21

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
#: The commands this module adds, each with the function that runs it (see :data:`RUNNERS`).
SUBCOMMANDS = ("cutter", "callnumber", "explain", "dewey", "encoding", "drill")
MATERIAL_NAMES = {"books": "BK", "continuing": "CR", "serials": "CR", "music": "MU",
                  "maps": "MP", "visual": "VM", "computer": "CF", "mixed": "MX"}


# ---------------------------------------------------------------------------------------------
# Look-ups

#: Abbreviations catalogers search by, and the words LC's labels use for them.
SYNONYMS = {
    "isbn": "international standard book number", "issn": "international standard serial number",
    "ismn": "international standard music number", "lccn": "library of congress control number",
    "isrc": "international standard recording code", "url": "uniform resource identifier",
    "uri": "uniform resource identifier", "gmd": "medium", "doi": "standard identifier",
    "oclc": "system control number", "lcsh": "library of congress subject headings",
    "mesh": "medical subject headings", "ddc": "dewey decimal",
    "lcc": "library of congress classification",
}
_TAG_QUERY = re.compile(r"=?(\d{1,3}|\d{1,2}[xX]{1,2})")


@dataclass(frozen=True)
class FieldMatch:
    """A field found by :func:`search_fields`, and where the words were found in it."""

    tag: str
    label: str
    where: str  # "tag", "label", "first indicator: ...", "$a ..."
    obsolete: bool


def _words(query: str) -> list[str]:
    return [word for word in re.split(r"[\s,;]+", query.casefold()) if word]


def _matches(word: str, text: str) -> bool:
    text = text.casefold()
    return word in text or (word in SYNONYMS and SYNONYMS[word] in text)


def _field_places(definition: marc21.FieldDef) -> list[tuple[str, str]]:
    """(where, text) for every piece of a field a search may hit."""
    places = [("label", definition.label)]
    for indicator in definition.indicators or ():
        if indicator.undefined:
            continue
        name = "first" if indicator.position == 1 else "second"
        meanings = "; ".join(dict.fromkeys(indicator.values.values()))
        generic = indicator.label.lower() == f"{name} indicator"  # obsolete fields say no more
        place = f"{name} indicator" + ("" if generic else f": {indicator.label}")
        places.append((place, f"{indicator.label} {meanings}"))
    for code, sub in definition.subfields.items():
        if not sub.obsolete:
            places.append((f"${code} {sub.label}", sub.label))
    return places


def search_fields(query: str) -> list[FieldMatch]:
    """Fields whose tag starts with ``query`` ("24", "=245", "6XX") or whose label, indicators or
    subfields hold every word of it ("nonfiling", "ISBN", "statement of responsibility").

    Current fields come before obsolete ones; fields whose label matches before fields matched
    in an indicator or subfield. An empty query gives every field.
    """
    query = query.strip()
    definitions = list(marc21.fields().values())
    if not query:
        return [FieldMatch(d.tag, d.label, "", d.obsolete) for d in definitions]
    if _TAG_QUERY.fullmatch(query):
        prefix = query.lstrip("=").upper().split("X")[0]
        return [FieldMatch(d.tag, d.label, "tag", d.obsolete) for d in definitions
                if d.tag.startswith(prefix)]
    words = _words(query)
    found = []
    for definition in definitions:
        # Every word in one place: "statement of responsibility" is 245 $c, not 245 at large.
        hits = [place for place, text in _field_places(definition)
                if all(_matches(word, text) for word in words)]
        if not hits:
            continue
        label_hit = hits[0] == "label"
        where = hits[0]
        found.append((definition.obsolete, not label_hit,
                      FieldMatch(definition.tag, definition.label, where, definition.obsolete)))
    found.sort(key=lambda item: (item[0], item[1], item[2].tag))
    return [match for _, _, match in found]


@dataclass(frozen=True)
class CodeList:
    """A code list the reference desk can search, and the field and subfield its codes go in."""

    name: str
    label: str
    used_in: str
    entries: Callable[[], list[tuple[str, str, bool]]]  # (code, name, obsolete)


def _from_code_list(entries: Callable[[], dict[str, codes.CodeEntry]]):
    return lambda: [(e.code, e.name + (f" (use {e.use_instead})" if e.use_instead else ""),
                     e.obsolete) for e in entries().values()]


def _from_rda(tag: str):
    return lambda: [(t.code, t.term, False) for t in codes.rda_terms(tag).values()]


CODE_LISTS = {
    "languages": CodeList("languages", "Languages", "008/35-37, 041", _from_code_list(codes.languages)),
    "countries": CodeList("countries", "Countries", "008/15-17, 044", _from_code_list(codes.countries)),
    "geographic-areas": CodeList("geographic-areas", "Geographic areas", "043 $a",
                                 _from_code_list(codes.geographic_areas)),
    "relators": CodeList("relators", "Relators", "$4 (terms in $e)", _from_code_list(codes.relators)),
    "content": CodeList("content", "Content types (336)", "336 $b (terms in $a)", _from_rda("336")),
    "media": CodeList("media", "Media types (337)", "337 $b (terms in $a)", _from_rda("337")),
    "carrier": CodeList("carrier", "Carrier types (338)", "338 $b (terms in $a)", _from_rda("338")),
}


@dataclass(frozen=True)
class CodeMatch:
    code: str
    name: str
    obsolete: bool


def search_codes(list_name: str, query: str) -> list[CodeMatch]:
    """Codes of a list (a key of :data:`CODE_LISTS`) matching ``query`` by code or by name.

    An exact code comes first, then codes starting with the query, then names holding every word
    of it; discontinued codes (LC writes them with a hyphen: ``-esk``) come after current ones.
    An empty query gives the whole list.
    """
    if list_name not in CODE_LISTS:
        raise ValueError(f"unknown code list {list_name!r}; the lists are {', '.join(CODE_LISTS)}")
    entries = CODE_LISTS[list_name].entries()
    query = query.strip().casefold()
    if not query:
        return [CodeMatch(code, name, obsolete) for code, name, obsolete in entries]
    words = _words(query)
    ranked = []
    for code, name, obsolete in entries:
        bare = code.lstrip("-").casefold()
        if bare == query or bare.rstrip("-") == query:
            rank = 0
        elif bare.startswith(query):
            rank = 1
        elif all(word in name.casefold() for word in words):
            rank = 2 if name.casefold().startswith(words[0]) else 3
        else:
            continue
        ranked.append(((obsolete, rank, name.casefold()), CodeMatch(code, name, obsolete)))
    ranked.sort(key=lambda pair: pair[0])
    return [match for _, match in ranked]


# ---------------------------------------------------------------------------------------------
# Commands


def add_desk_parsers(commands) -> None:
    cut = commands.add_parser("cutter", help="work out an LC Cutter number, step by step",
                              description="The LC Cutter number for a name (CSM G 63), with each "
                              "step of the table explained.")
    cut.add_argument("name", nargs="+")
    cut.add_argument("--digits", type=int, default=2, help="digits after the letter (default 2)")
    call = commands.add_parser("callnumber", help="explain or sort LC call numbers",
                               description="'callnumber explain QA76.73.P98 K34 2011' names each "
                               "part; 'callnumber sort FILE' prints the call numbers of FILE (one "
                               "per line, - for standard input) in shelf order.")
    call.add_argument("action", choices=("explain", "sort"))
    call.add_argument("text", nargs="+", metavar="CALL-NUMBER|FILE")
    explain = commands.add_parser("explain", help="explain a MARC 21 field or position",
                                  description="Explain a field ('245'), an indicator "
                                  "('245/ind2') or a fixed-field position ('008/23', 'LDR/06').")
    explain.add_argument("place", metavar="PLACE")
    explain.add_argument("--type", default="books", choices=sorted(MATERIAL_NAMES),
                         help="material type for 008/006 positions (default: books)")
    ddc = commands.add_parser("dewey", help="explain the structure of a Dewey number",
                              description="'dewey explain 975.5/4252/00222 --edition 23' names "
                              "the main class, division, section, decimal extension, possible "
                              "standard subdivisions and segmentation marks. Structure only: "
                              "Dewey's captions are OCLC's.")
    ddc.add_argument("action", choices=("explain",))
    ddc.add_argument("number", metavar="NUMBER")
    ddc.add_argument("--edition", help="082 $2: the edition the number comes from (23, 15, 5/nor)")
    ddc.add_argument("--indicator", choices=("0", "1", "7"), help="082 first indicator")
    enc = commands.add_parser("encoding", help="show how text is stored in MARC-8 and UTF-8",
                              description="Each character of TEXT with its code points and names, "
                              "its bytes in UTF-8 (NFC and NFD) and in MARC-8 (diacritics before "
                              "the letter, escape sequences for other scripts), and what the "
                              "usual misreadings make of it.")
    enc.add_argument("text", nargs="+", metavar="TEXT")
    drill = commands.add_parser("drill", help="a quick drill in the terminal",
                                description="Questions from the MARC 21 and classification "
                                "reference data, one at a time: type the answer (or the number "
                                "of a choice) and read why. Topics: " + ", ".join(_drill_topics()))
    drill.add_argument("--topics", default="", help="comma-separated topics (default: all)")
    drill.add_argument("-n", "--count", type=int, default=10, help="questions (default 10)")
    drill.add_argument("--seed", type=int, help="the same seed asks the same questions")


def _drill_topics() -> tuple[str, ...]:
    from sandbox import drills

    return drills.TOPICS


def run_cutter(args: argparse.Namespace) -> int:
    name = " ".join(args.name)
    try:
        result = cutter.cutter(name, digits=args.digits)
    except ValueError as error:
        print(f"catsandbox: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f".{result.cutter}")
    for number, step in enumerate(result.steps, start=1):
        print(f"  {number}. {step}")
    return EXIT_OK


def run_callnumber(args: argparse.Namespace) -> int:
    if args.action == "explain":
        parsed = lcc.parse_call_number(" ".join(args.text))
        if isinstance(parsed, lcc.ParseProblem):
            print(f"catsandbox: {parsed}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(parsed)
        for part in parsed.explain():
            print(f"  {part.value:<10} {part.part}: {part.explanation}")
        return EXIT_OK
    lines = []
    for name in args.text:
        try:
            stream = sys.stdin if name == "-" else open(name, encoding="utf-8")
        except OSError as error:
            print(f"catsandbox: cannot read {name}: {error.strerror}", file=sys.stderr)
            return EXIT_USAGE
        with stream:
            lines += [line.strip() for line in stream if line.strip()]
    good, bad = [], []
    for line in lines:
        parsed = lcc.parse_call_number(line)
        (bad if isinstance(parsed, lcc.ParseProblem) else good).append((line, parsed))
    for line, _ in sorted(good, key=lambda pair: lcc.sort_key(pair[1])):
        print(line)
    for line, problem in bad:
        print(f"catsandbox: not sorted: {line!r}: {problem.message}", file=sys.stderr)
    return EXIT_PROBLEMS if bad else EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    try:
        address = parse_address(args.place)
    except AddressError as error:
        if re.search(r"[A-Za-z]{2}", args.place):
            return _explain_words(args.place)
        print(f"catsandbox: {error}", file=sys.stderr)
        return EXIT_USAGE
    if address.start is not None:
        return _explain_position(address, MATERIAL_NAMES[args.type])
    definition = marc21.field(address.tag)
    if definition is None:
        print(f"catsandbox: {address.tag} is not defined in MARC 21 Bibliographic",
              file=sys.stderr)
        return EXIT_PROBLEMS
    repeat = "repeatable" if definition.repeatable else "not repeatable"
    print(f"{definition.tag}  {definition.label} ({repeat}"
          f"{', obsolete' if definition.obsolete else ''})")
    print(f"  {definition.citation}")
    for indicator in definition.indicators or ():
        if address.indicator not in (None, indicator.position):
            continue
        print(f"  Indicator {indicator.position}: {indicator.label}")
        for code, meaning in indicator.values.items():
            print(f"    {'#' if code == ' ' else code}  {meaning}")
    if address.indicator is None:
        for code, subfield in definition.subfields.items():
            if address.subfield not in (None, code):
                continue
            flags = ("R" if subfield.repeatable else "NR") + (", obsolete" if subfield.obsolete else "")
            print(f"  ${code}  {subfield.label} ({flags})")
    return EXIT_OK


def _explain_position(address, material: str) -> int:
    tables = {"LDR": marc21.leader_positions, "008": lambda: marc21.field_008_positions(material),
              "006": lambda: marc21.field_006_positions(material)}
    if address.tag not in tables:
        print(f"catsandbox: positions are explained for LDR, 006 and 008; {address.tag} "
              "has no position table here", file=sys.stderr)
        return EXIT_USAGE
    end = address.end if address.end is not None else address.start
    found = [p for p in tables[address.tag]() if p.start <= end and p.end >= address.start]
    for position in found:
        span = f"{position.start:02d}" + (f"-{position.end:02d}" if position.end != position.start
                                          else "")
        print(f"{address.tag}/{span}  {position.label}")
        if position.code_list:
            print(f"  codes from the MARC code list for {position.code_list}")
        for code, meaning in position.codes.items():
            print(f"    {'#' if code == ' ' else code}  {meaning}")
        print(f"  {position.citation}")
    return EXIT_OK


def _explain_words(query: str) -> int:
    """``explain nonfiling``: the fields that hold the words, and where."""
    found = search_fields(query)
    if not found:
        print(f"catsandbox: no MARC 21 field mentions {query!r}", file=sys.stderr)
        return EXIT_PROBLEMS
    for match in found:
        where = "" if match.where == "label" else f"  ({match.where})"
        print(f"{match.tag}  {match.label}{' [obsolete]' if match.obsolete else ''}{where}")
    return EXIT_OK


def run_dewey(args: argparse.Namespace) -> int:
    anatomy = dewey.explain_dewey(args.number, args.edition, args.indicator)
    if anatomy.number is None:
        for problem in anatomy.problems:
            print(f"catsandbox: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(anatomy.number)
    for part in anatomy.parts:
        print(f"  {part.part}: {part.value}")
        print(f"      {part.explanation}")
    for problem in anatomy.problems:
        print(f"catsandbox: {problem}", file=sys.stderr)
    print("  (Structure only: what a Dewey number means is in OCLC's schedules.)")
    return EXIT_PROBLEMS if anatomy.problems else EXIT_OK


def run_encoding(args: argparse.Namespace) -> int:
    from sandbox import encoding

    report = encoding.explore(" ".join(args.text))
    print(f"Text: {report.text}")
    print(f"UTF-8 (NFC): {encoding.hex_bytes(report.utf8_nfc)}")
    print(f"UTF-8 (NFD): {encoding.hex_bytes(report.utf8_nfd)}")
    print(f"MARC-8:      {encoding.hex_bytes(report.marc8)}")
    print()
    print(f"{'char':<6}{'code points':<22}{'UTF-8 NFC':<14}{'UTF-8 NFD':<16}{'MARC-8':<16}names")
    for row in report.clusters:
        points = " ".join(c.code_point for c in row.nfd)
        names = "; ".join(c.name.lower() for c in row.nfd)
        print(f"{row.text:<6}{points:<22}{encoding.hex_bytes(row.utf8_nfc):<14}"
              f"{encoding.hex_bytes(row.utf8_nfd):<16}{encoding.hex_bytes(row.marc8):<16}{names}")
    print()
    print("MARC-8, piece by piece:")
    for unit in report.marc8_units:
        print(f"  {encoding.hex_bytes(unit.data):<16}{unit.meaning}")
    if report.not_in_marc8:
        print("Not in MARC-8 (written as &#x...; references): " + " ".join(report.not_in_marc8))
    if report.garblings:
        print()
        print("How it gets garbled:")
        for garbling in report.garblings:
            print(f"  {garbling.title}: {garbling.shown}")
            print(f"      {garbling.explanation}")
    return EXIT_OK


def run_drill(args: argparse.Namespace, ask: Callable[[str], str] = input) -> int:
    """A terminal drill. ``ask`` reads one answer (tests pass their own)."""
    import random

    from sandbox import drills
    from sandbox.drills.session import DrillSession

    topics = [t.strip() for t in args.topics.split(",") if t.strip()] or None
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    try:
        batch = drills.questions(topics, args.count, seed)
    except ValueError as error:
        print(f"catsandbox: {error}", file=sys.stderr)
        return EXIT_USAGE
    session = DrillSession(batch)
    print(f"{len(batch)} questions (seed {seed}). Type the answer, or the number of a choice; "
          "an empty line ends the drill.")
    while session.current is not None:
        question = session.current
        print()
        print(f"{session.position + 1}. {question.prompt}")
        for number, choice in enumerate(question.choices or (), start=1):
            print(f"   {number}) {choice}")
        try:
            given = ask("> ").strip()
        except EOFError:
            break
        if not given:
            break
        if given.isdigit() and question.choices and 1 <= int(given) <= len(question.choices) \
                and not drills.check(question, given):
            given = question.choices[int(given) - 1]
        outcome = session.answer(given)
        print("Right." if outcome.correct else f"Not quite: the answer is {question.answer}.")
        print(f"   {question.explanation}")
        print(f"   {question.citation}")
    print()
    print(session.score_text())
    return EXIT_OK


#: The function that runs each command of :data:`SUBCOMMANDS`.
RUNNERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "cutter": run_cutter, "callnumber": run_callnumber, "explain": run_explain,
    "dewey": run_dewey, "encoding": run_encoding, "drill": run_drill,
}
