"""``catsandbox lint`` and ``catsandbox rules``: the validator on the command line."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from collections import Counter
from pathlib import Path

from sandbox.formats import read_file
from sandbox.records import display
from sandbox.rules import PROFILES, SEVERITIES, all_rules, profile, validate
from sandbox.rules.model import REGISTRY, SEVERITY_RANK, Finding

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def add_lint_parser(commands) -> None:
    lint = commands.add_parser(
        "lint", help="validate records against MARC 21, cataloging and Dublin Core rules",
        description="Validate every record of the files. Exit status: 0 no findings at or above "
        "--min-severity, 1 some, 2 usage or file errors.")
    lint.add_argument("files", metavar="FILE", nargs="+")
    lint.add_argument("--profile", default="full", choices=sorted(PROFILES),
                      help="rule profile (default: full)")
    lint.add_argument("--format", default="text", choices=("text", "json", "tsv"),
                      help="json: one object per finding per line")
    lint.add_argument("--min-severity", default="info", choices=SEVERITIES[::-1],
                      help="report findings at or above this severity (default: info)")
    lint.add_argument("--authority", metavar="FILE", action="append", default=[],
                      help="MARC authority records to check subject headings against "
                      "(repeatable)")
    lint.add_argument("--jobs", type=int, default=1, metavar="N",
                      help="validate with N processes (0: one per CPU core; default 1)")
    rules = commands.add_parser("rules", help="list the validation rules, or explain one",
                                description="List every rule, or explain RULE-ID in full.")
    rules.add_argument("rule", metavar="RULE-ID", nargs="?")


def _row(path: Path, number: int, control: str, finding: Finding) -> dict:
    return {"file": str(path), "record": number, "control_number": control,
            "location": finding.location, "rule": finding.rule, "slug": finding.slug,
            "severity": finding.severity, "message": finding.message,
            "citation": finding.citation}


class _Share:
    """Records whose number falls in one of ``parts`` equal shares (for --jobs)."""

    def __init__(self, part: int, parts: int):
        self.part, self.parts = part, parts

    def __call__(self, number: int) -> bool:
        return (number - 1) % self.parts == self.part


def _with_authorities(selected, authority_files: tuple[str, ...]):
    if not authority_files:
        return selected
    from dataclasses import replace

    from sandbox.rules.authorities import AuthorityFile

    records = [item.record for name in authority_files for item in read_file(name) if item.ok]
    options = {**selected.options, "authorities": AuthorityFile.from_records(records)}
    return replace(selected, options=options)


def lint_rows(path: str, profile_name: str, threshold: int, part: int = 0, parts: int = 1,
              authority_files: tuple[str, ...] = ()):
    """(records seen, rows of findings at or above ``threshold``) for a share of one file."""
    selected = _with_authorities(profile(profile_name), authority_files)
    rows, records = [], 0
    select = _Share(part, parts) if parts > 1 else None
    for item in read_file(path, select=select):
        records += 1
        control = display.control_number(item.record) if item.record is not None else ""
        findings = (validate(item.record, selected, item.problems) if item.ok
                    else list(_unreadable(item, selected)))
        for finding in findings:
            if SEVERITY_RANK[finding.severity] >= threshold:
                rows.append(_row(Path(path), item.number, control, finding))
    return records, rows


def _lint_share(task):
    return lint_rows(*task)


def lint(args: argparse.Namespace) -> int:
    profile(args.profile)  # unknown names fail before any work
    all_rules()  # the summary names rules even when worker processes did the checking
    threshold = SEVERITY_RANK[args.min_severity]
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    out = sys.stdout
    if args.format == "tsv":
        out.write("file\trecord\tcontrol_number\tlocation\trule\tseverity\tmessage\n")
    by_rule: Counter[str] = Counter()
    records = reported = 0
    status = EXIT_CLEAN
    pool = multiprocessing.get_context("spawn").Pool(jobs) if jobs > 1 else None
    try:
        for name in args.files:
            try:
                with open(name, "rb"):
                    pass
                tasks = [(name, args.profile, threshold, part, jobs, tuple(args.authority))
                         for part in range(jobs)]
                shares = pool.map(_lint_share, tasks) if pool else [lint_rows(*tasks[0])]
            except BrokenPipeError:
                raise
            except OSError as error:
                print(f"catsandbox: cannot read {name}: {error.strerror or error}",
                      file=sys.stderr)
                status = EXIT_USAGE
                continue
            rows = [row for _, share in shares for row in share]
            rows.sort(key=lambda row: row["record"])  # shares interleave: restore file order
            records += sum(count for count, _ in shares)
            for row in rows:
                reported += 1
                by_rule[row["rule"]] += 1
                _print(out, args.format, row)
    finally:
        if pool is not None:
            pool.close()
    summary = sys.stderr if args.format == "json" else out
    if args.format == "text":
        print(f"\n{records} record(s), {reported} finding(s)", file=summary)
        for rule_id, count in sorted(by_rule.items(), key=lambda pair: (-pair[1], pair[0])):
            rule = REGISTRY[rule_id]
            print(f"  {count:6d}  {rule_id} {rule.slug} ({rule.severity})", file=summary)
    if status == EXIT_USAGE:
        return status
    return EXIT_FINDINGS if reported else EXIT_CLEAN


def _unreadable(item, selected):
    rule = REGISTRY["STR-000"]
    for problem in item.errors:
        location = problem.place or "LDR"
        yield Finding(rule.id, rule.slug, selected.severity(rule), location, problem.message,
                      rule.citation, rule.why)


def _print(out, fmt: str, row: dict) -> None:
    if fmt == "json":
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "tsv":
        out.write("\t".join(str(row[k]).replace("\t", " ") for k in
                            ("file", "record", "control_number", "location", "rule", "severity",
                             "message")) + "\n")
    else:
        control = f" ({row['control_number']})" if row["control_number"] else ""
        out.write(f"{Path(row['file']).name}: record {row['record']}{control} {row['location']}: "
                  f"{row['severity']} {row['rule']} {row['slug']}: {row['message']}\n")


def rules(args: argparse.Namespace) -> int:
    catalogue = all_rules()
    if args.rule is None:
        for rule in catalogue:
            print(f"{rule.id:9} {rule.severity:8} {rule.slug:36} {rule.citation}")
        return EXIT_CLEAN
    wanted = args.rule.upper()
    match = [r for r in catalogue if r.id == wanted or r.slug == args.rule.lower()]
    if not match:
        print(f"catsandbox: no rule {args.rule!r}; 'catsandbox rules' lists them", file=sys.stderr)
        return EXIT_USAGE
    print(explain(match[0]))
    return EXIT_CLEAN


def explain(rule) -> str:
    lines = [f"{rule.id}  {rule.slug}", rule.title, "",
             f"Severity (default): {rule.severity}", f"Applies to: "
             f"{'Dublin Core' if rule.kind == 'dc' else 'MARC 21'} records",
             f"Why it matters: {rule.why}", f"Source: {rule.citation}"]
    for label, examples in (("Passes", rule.good), ("Trips the rule", rule.bad)):
        for example in examples:
            lines += ["", f"{label}:", *("    " + line for line in example.splitlines())]
    return "\n".join(lines)
