"""The reference desk on the command line: ``catsandbox cutter``, ``callnumber`` and ``explain``."""

from __future__ import annotations

import argparse
import sys

from sandbox.classify import cutter, lcc
from sandbox.records.address import AddressError, parse_address
from sandbox.reference import marc21

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
MATERIAL_NAMES = {"books": "BK", "continuing": "CR", "serials": "CR", "music": "MU",
                  "maps": "MP", "visual": "VM", "computer": "CF", "mixed": "MX"}


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
