"""Validation speed: ``catsandbox lint`` against MARC::Lint on the same 50,000-record file.

Builds the file as bench/read_speed.py does, then in each round runs ``perl
../shared/peers/marclint.pl`` and ``catsandbox lint --format json`` (one process, and ``--jobs``
processes) on it, each writing to /dev/null, and reports records per second and the ratio ours /
MARC::Lint per round (target: ≥ 3). The peer runs in the same round, so a machine busy with other
work slows both; the ratio of each round is what counts, and the median of the rounds is reported.
Then times ``validate`` on each sample record many times and reports the median per record
(target: under 2 ms).

Run: .venv/bin/python bench/lint_speed.py [--records N] [--jobs J] [--rounds R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from read_speed import clean_records

from sandbox.formats import read_file
from sandbox.rules import validate

PROJECT = Path(__file__).resolve().parent.parent
MARCLINT = PROJECT.parent / "shared" / "peers" / "marclint.pl"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def per_record_median(rounds: int = 200) -> float:
    records = [item.record for item in read_file(PROJECT / "sample_records" / "starter-records.mrk")]
    for record in records:
        validate(record)  # warm the caches (reference tables load once)
    times = []
    for _ in range(rounds):
        for record in records:
            start = time.perf_counter()
            validate(record)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                        help="processes for the parallel run (default: one per core)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    records = clean_records()
    lint = [sys.executable, "-m", "sandbox", "lint", "--format", "json"]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.mrc"
        with open(path, "wb") as out:
            for index in range(args.records):
                out.write(records[index % len(records)])
        for _ in range(args.rounds):
            theirs = timed(["perl", str(MARCLINT), str(path)])
            single = timed([*lint, str(path)])
            parallel = timed([*lint, "--jobs", str(args.jobs), str(path)])
            rows.append((theirs, single, parallel))
    n = args.records
    print(f"input: {n:,} records repeated from {len(records)} clean corpus records; "
          f"{os.cpu_count()} cores")
    print("round  MARC::Lint 1.53        catsandbox lint         "
          f"catsandbox lint --jobs {args.jobs}   ratios (1 process, --jobs)")
    for number, (theirs, single, parallel) in enumerate(rows, start=1):
        print(f"{number:5d}  {theirs:5.1f} s ({n / theirs:6,.0f}/s)  "
              f"{single:5.1f} s ({n / single:6,.0f}/s)  "
              f"{parallel:5.1f} s ({n / parallel:6,.0f}/s)      "
              f"{theirs / single:.2f}  {theirs / parallel:.2f}")
    print(f"median ratio (records/s ours / MARC::Lint): 1 process "
          f"{statistics.median(t / s for t, s, _ in rows):.2f}, --jobs {args.jobs} "
          f"{statistics.median(t / p for t, _, p in rows):.2f} (target ≥ 3)")
    print(f"validate() median per sample record: {per_record_median() * 1000:.3f} ms "
          "(target < 2 ms)")


if __name__ == "__main__":
    main()
