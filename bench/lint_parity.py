"""Parity with MARC::Lint: does our linter flag every (record, tag) MARC::Lint flags?

Runs ../shared/peers/marclint.pl (MARC::Lint 1.53; Debian: libmarc-lint-perl) and
``sandbox.rules.validate`` (profile "full") on the clean files of ../shared/corpus (files listed in
BROKEN.tsv are left out: the two readers number damaged records differently). For every record
and tag that MARC::Lint flags with a content warning (source "lint"), we look for a finding of ours
at the same tag. Prints recall, the misses grouped by MARC::Lint's message, and how many findings
we make that MARC::Lint cannot (leader, 006/007/008, required fields, classification…).

Run: .venv/bin/python bench/lint_parity.py [--show-misses N]
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
import subprocess
from pathlib import Path

from sandbox.formats import read_file
from sandbox.rules import validate
from sandbox.rules.walk import effective_tag

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "corpus"
MARCLINT = SHARED / "peers" / "marclint.pl"
#: Tags MARC::Lint never looks at, so every finding of ours there is one it cannot make.
_LINT_BLIND = re.compile(r"^(LDR|00[1-9])")


def corpus_files() -> list[Path]:
    with open(CORPUS / "BROKEN.tsv", encoding="utf-8") as handle:
        broken = {row["local_file"] for row in csv.DictReader(handle, delimiter="\t")}
    with open(CORPUS / "INVENTORY.tsv", encoding="utf-8") as handle:
        return [CORPUS / row["local_file"] for row in csv.DictReader(handle, delimiter="\t")
                if row["kind"] in ("iso2709", "marcxml") and row["local_file"] not in broken]


def marclint(path: Path) -> list[tuple[int, str, str]]:
    output = subprocess.run(["perl", str(MARCLINT), str(path)], capture_output=True,
                            text=True, errors="replace").stdout
    hits = []
    for line in output.splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3 and parts[1] == "lint":
            tag = parts[2][:3]
            hits.append((int(parts[0]), tag, parts[2]))
    return hits


def ours(path: Path) -> tuple[dict[int, list], dict[int, set[str]]]:
    """Our findings per record, and per record the tags its 880 fields stand for.

    MARC::Lint checks an 880 as the field its $6 names and reports it under that tag.
    """
    findings, parallel = {}, {}
    for item in read_file(path):
        if item.ok:
            findings[item.number] = validate(item.record, "full", item.problems)
            parallel[item.number] = {effective_tag(f) for f in item.record.fields
                                     if f.tag == "880" and not f.is_control_field()}
            NON_ISBD[(path, item.number)] = str(item.record.leader)[18] not in "ia"
    return findings, parallel


#: (file, record) → True when Leader/18 says the record does not carry ISBD punctuation.
NON_ISBD: dict[tuple[Path, int], bool] = {}
_PUNCTUATION = re.compile(r"preceded by|Must end with|square brackets|initials should")


def _generic(message: str) -> str:
    return re.sub(r"\d{3}: ", "TAG: ", re.sub(r"_\w", "_x", message))[:60]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", type=int, default=15)
    args = parser.parse_args()
    flagged = matched = extra_blind = total_ours = disagreed = 0
    misses: collections.Counter[str] = collections.Counter()
    examples: dict[str, str] = {}
    for path in corpus_files():
        theirs = marclint(path)
        mine, parallel = ours(path)
        for record, tag, message in theirs:
            flagged += 1
            tags = {f.location[:3] for f in mine.get(record, [])}
            tags |= {"1XX"} if any(t.startswith("1") for t in tags) else set()
            tags |= parallel.get(record, set()) if "880" in tags else set()
            if tag in tags:
                matched += 1
            elif _PUNCTUATION.search(message) and NON_ISBD.get((path, record)):
                disagreed += 1
            else:
                key = _generic(message)
                misses[key] += 1
                examples.setdefault(key, f"{path.name} record {record}: {message}")
        for findings in mine.values():
            total_ours += len(findings)
            extra_blind += sum(1 for f in findings if _LINT_BLIND.match(f.location)
                               or f.rule.startswith(("REQ", "NUM-003", "PUN", "LCC", "DDC")))
    print(f"MARC::Lint content warnings (record, tag): {flagged}")
    print(f"  also flagged by Catalog Sandbox at the same tag: {matched} "
          f"({100 * matched / max(flagged, 1):.1f}% recall)")
    print(f"  documented disagreement — ISBD punctuation demanded of records whose Leader/18 "
          f"says they do not carry it (' ' non-ISBD, 'u' unknown): {disagreed}")
    print(f"  recall on the rest: {100 * matched / max(flagged - disagreed, 1):.1f}%")
    print(f"Catalog Sandbox findings: {total_ours}; of them in places or kinds MARC::Lint never "
          f"checks (leader, 00X, required elements, punctuation, LCC, DDC): {extra_blind}")
    if misses:
        print("\nMissed, by MARC::Lint message (count, example):")
        for key, count in misses.most_common(args.show_misses):
            print(f"  {count:5d}  {examples[key]}")


if __name__ == "__main__":
    main()
