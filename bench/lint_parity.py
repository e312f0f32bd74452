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


def ours(path: Path) -> dict[int, list]:
    findings = {}
    for item in read_file(path):
        if item.ok:
            findings[item.number] = validate(item.record, "full", item.problems)
    return findings


def _generic(message: str) -> str:
    return re.sub(r"\d{3}: ", "TAG: ", re.sub(r"_\w", "_x", message))[:60]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", type=int, default=15)
    args = parser.parse_args()
    flagged = matched = extra_blind = total_ours = 0
    misses: collections.Counter[str] = collections.Counter()
    examples: dict[str, str] = {}
    for path in corpus_files():
        theirs = marclint(path)
        mine = ours(path)
        for record, tag, message in theirs:
            flagged += 1
            tags = {f.location[:3] for f in mine.get(record, [])}
            if tag in tags:
                matched += 1
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
    print(f"Catalog Sandbox findings: {total_ours}; of them in places or kinds MARC::Lint never "
          f"checks (leader, 00X, required elements, punctuation, LCC, DDC): {extra_blind}")
    if misses:
        print("\nMissed, by MARC::Lint message (count, example):")
        for key, count in misses.most_common(args.show_misses):
            print(f"  {count:5d}  {examples[key]}")


if __name__ == "__main__":
    main()
