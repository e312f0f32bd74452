"""Grading speed: ``catsandbox grade`` on 1,000 submissions of a 30-exercise pack, against
``catsandbox lint`` on the same records, measured in the same run.

Builds a 30-exercise pack from the sample records (describe, fix, fixed-fields, classify,
subjects, crosswalk and a drill), then 1,000 learners' submissions, each with one attempt per
exercise made from the key with a few seeded mutations (a field dropped, a letter changed, an
indicator or a fixed-field byte changed, a field repeated). Times ``catsandbox grade … --csv`` on
all of them, and ``catsandbox lint`` on the MARC records of the same attempts in one .mrk file:
grading validates each record and then scores it, so lint is the floor it is measured against.

Run: .venv/bin/python bench/grade_speed.py [--submissions N] [--seed S]
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pymarc import Field, Record, Subfield

from sandbox.exercises.model import Hint
from sandbox.exercises.submission import Attempt, Submission, write_submission
from sandbox.formats import read_file
from sandbox.formats.crosswalk import marc_to_dc
from sandbox.formats.dcxml import OaiDcWriter
from sandbox.formats.mrk import format_record
from sandbox.packs.authoring import ExerciseDraft, add_exercise, new_pack
from sandbox.packs.build import build
from sandbox.packs.check import check_pack

PROJECT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT / "sample_records" / "starter-records.mrk"
BRIEF = "# Task\n\nCatalogue the item described in the surrogate.\n"
SURROGATE = {"title-page.md": "# Title page\n\n(transcription)\n"}


def _mrk(record: Record) -> str:
    return format_record(record) + "\n"


def _dc_xml(record: Record) -> str:
    buffer = io.BytesIO()
    writer = OaiDcWriter(buffer)
    writer.write(marc_to_dc(record))
    writer.close()
    return buffer.getvalue().decode("utf-8")


_AUTHORITY_TAG = {"600": "100", "610": "110", "611": "111", "630": "130", "648": "148",
                  "650": "150", "651": "151", "655": "155"}


def _authorities(record: Record) -> str:
    """One authority record per subject heading of ``record``, so that they are authorized."""
    out = []
    fields = [f for f in record.fields if f.tag in _AUTHORITY_TAG]
    for number, field in enumerate(fields, start=1):
        heading = Record()
        heading.leader = "00000nz  a2200000n  4500"
        heading.add_field(Field(tag="001", data=f"bench{number:04d}"))
        subfields = [Subfield(code, value.rstrip(".")) for code, value in field.subfields
                     if code not in "0124e"]
        heading.add_field(Field(tag=_AUTHORITY_TAG[field.tag], indicators=[" ", " "],
                                subfields=subfields))
        out.append(format_record(heading))
    return "\n\n".join(out) + "\n"


def mutate(text: str, rng: random.Random, count: int) -> str:
    """``count`` small slips of the kind learners make, in a .mrk record."""
    lines = text.rstrip("\n").split("\n")
    for _ in range(count):
        data = [i for i, line in enumerate(lines) if line[1:4] >= "010" and "$" in line]
        choice = rng.randrange(5)
        if choice == 0 and len(data) > 2:
            del lines[rng.choice(data)]
        elif choice == 1 and data:
            index = rng.choice(data)
            line = lines[index]
            at = rng.randrange(line.index("$") + 2, len(line)) if len(line) > line.index("$") + 2 \
                else len(line) - 1
            lines[index] = line[:at] + rng.choice("aeiourst") + line[at + 1:]
        elif choice == 2 and data:
            index = rng.choice(data)
            line = lines[index]
            lines[index] = line[:6] + rng.choice("0124\\") + line[7:]
        elif choice == 3:
            fixed = next((i for i, line in enumerate(lines) if line.startswith("=008")), None)
            if fixed is not None and len(lines[fixed]) > 20:
                at = rng.randrange(12, len(lines[fixed]))
                lines[fixed] = lines[fixed][:at] + rng.choice("\\a|0") + lines[fixed][at + 1:]
        elif data:
            lines.append(lines[rng.choice(data)])
    return "\n".join(lines) + "\n"


def drafts(records: list[Record], rng: random.Random) -> list[ExerciseDraft]:
    def has(record: Record, *tags: str) -> bool:
        return all(any(f.tag == tag for f in record.fields) for tag in tags)

    made: list[ExerciseDraft] = []
    common = {"brief": BRIEF, "surrogates": SURROGATE,
              "hints": (Hint("nudge", "Compare the record with the surrogate."),)}
    for number, record in enumerate(records[:8], start=1):
        stub = _mrk(record).split("\n")[0] + "\n=245  00$a\n"
        made.append(ExerciseDraft(f"describe-{number}", "describe", f"Describe {number}",
                                  keys={"key.mrk": _mrk(record)}, start=stub, **common))
    for number, record in enumerate(records[2:8], start=1):
        damaged = mutate(_mrk(record), rng, 2)
        made.append(ExerciseDraft(f"fix-{number}", "fix", f"Fix {number}",
                                  keys={"key.mrk": _mrk(record)}, start=damaged, **common))
    for number, record in enumerate(records[8:14], start=1):
        made.append(ExerciseDraft(f"fixed-fields-{number}", "fixed-fields",
                                  f"Fixed fields {number}", keys={"key.mrk": _mrk(record)},
                                  **common))
    classifiable = [r for r in records if has(r, "050", "082")]
    for number, record in enumerate(classifiable[:4], start=1):
        made.append(ExerciseDraft(f"classify-{number}", "classify", f"Classify {number}",
                                  keys={"key.mrk": _mrk(record)}, **common))
    with_subjects = [r for r in records if has(r, "650")]
    for number, record in enumerate(with_subjects[:3], start=1):
        made.append(ExerciseDraft(f"subjects-{number}", "subjects", f"Subjects {number}",
                                  keys={"key.mrk": _mrk(record)},
                                  authorities=_authorities(record), **common))
    for number, record in enumerate(records[:2], start=1):
        made.append(ExerciseDraft(f"crosswalk-{number}", "crosswalk", f"Crosswalk {number}",
                                  keys={"key.xml": _dc_xml(record)}, start=_mrk(record),
                                  **common))
    questions = [{"key": f"q{n}", "prompt": f"Which field holds element {n}?",
                  "answer": f"{n:03d}"} for n in range(10, 20)]
    made.append(ExerciseDraft("drill-tags", "drill", "Tags", brief=BRIEF,
                              questions=tuple(questions), hints=common["hints"]))
    return made[:30]


def attempt_for(draft: ExerciseDraft, rng: random.Random) -> Attempt:
    if draft.kind == "drill":
        return Attempt(draft.id, "answers", answers={
            q["key"]: q["answer"] if rng.random() < 0.7 else "245" for q in draft.questions})
    key = next(iter(draft.keys.values()))
    if draft.kind == "crosswalk":
        lines = key.split("\n")
        if rng.random() < 0.5:
            candidates = [i for i, line in enumerate(lines) if "<dc:" in line]
            del lines[rng.choice(candidates)]
        return Attempt(draft.id, "dcxml", record="\n".join(lines))
    return Attempt(draft.id, "mrk", record=mutate(key, rng, rng.randrange(4)))


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    records = [item.record for item in read_file(SAMPLES) if item.ok]
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        pack_folder = base / "bench-pack"
        new_pack(pack_folder, pack_id="bench", title="Grading benchmark", authors=["bench"])
        exercises = drafts(records, rng)
        for draft in exercises:
            add_exercise(pack_folder, draft)
        report = check_pack(pack_folder)
        if not report.ok:
            print(report.text())
            raise SystemExit("the benchmark pack does not pass its check")
        catpack = build(pack_folder, base / "bench.catpack")
        submissions = base / "submissions"
        submissions.mkdir()
        marc_records: list[str] = []
        attempts = 0
        for number in range(args.submissions):
            made = [attempt_for(draft, rng) for draft in exercises]
            attempts += len(made)
            marc_records += [a.record for a in made if a.format == "mrk"]
            write_submission(submissions / f"learner-{number:04d}.catsub",
                             Submission(f"Learner {number:04d}", "bench", "1.0.0", attempts=made))
        all_records = base / "attempts.mrk"
        all_records.write_text("\n".join(marc_records), encoding="utf-8")
        grade_seconds, graded = timed([sys.executable, "-m", "sandbox", "grade", str(catpack),
                                       str(submissions), "--csv", str(base / "grades.csv")])
        if graded.returncode != 0:
            print(graded.stderr[-2000:])
            raise SystemExit("catsandbox grade failed")
        lint_seconds, _ = timed([sys.executable, "-m", "sandbox", "lint", "--format", "json",
                                 str(all_records)])
        rows = (base / "grades.csv").read_text(encoding="utf-8").count("\n") - 1
    kinds = sorted({d.kind for d in exercises})
    print(f"pack: {len(exercises)} exercises ({', '.join(kinds)})")
    print(f"input: {args.submissions:,} submissions, {attempts:,} attempts "
          f"({len(marc_records):,} MARC records), gradebook rows: {rows:,}")
    print(f"catsandbox grade: {grade_seconds:.1f} s ({attempts / grade_seconds:,.0f} attempts/s, "
          f"{grade_seconds / attempts * 1000:.2f} ms per attempt)")
    print(f"catsandbox lint on the same MARC records: {lint_seconds:.1f} s "
          f"({len(marc_records) / lint_seconds:,.0f} records/s, "
          f"{lint_seconds / len(marc_records) * 1000:.2f} ms per record)")
    ratio = (grade_seconds / attempts) / (lint_seconds / len(marc_records))
    print(f"ratio (grade time per attempt / lint time per record): {ratio:.2f}")


if __name__ == "__main__":
    main()
