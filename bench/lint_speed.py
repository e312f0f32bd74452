"""Validation speed: ``catsandbox lint`` against MARC::Lint on the same 50,000-record file.

Builds the file as bench/read_speed.py does, runs ``perl ../shared/peers/marclint.pl`` and
``catsandbox lint --format json`` on it (each writing to /dev/null) in the same run, and reports
records per second and the ratio (target: ours ≥ 3× MARC::Lint). Then times ``validate`` on each
sample record many times and reports the median per record (target: under 2 ms).

Run: .venv/bin/python bench/lint_speed.py [--records N] [--jobs J]
"""

from __future__ import annotations

import argparse
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
    parser.add_argument("--jobs", type=int, default=0, help="passed to catsandbox lint --jobs")
    args = parser.parse_args()
    records = clean_records()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.mrc"
        with open(path, "wb") as out:
            for index in range(args.records):
                out.write(records[index % len(records)])
        theirs = timed(["perl", str(MARCLINT), str(path)])
        command = [sys.executable, "-m", "sandbox", "lint", "--format", "json", str(path)]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        ours = timed(command)
    print(f"input: {args.records:,} records repeated from {len(records)} clean corpus records")
    print(f"MARC::Lint 1.53: {theirs:.1f} s ({args.records / theirs:,.0f} records/s)")
    print(f"catsandbox lint: {ours:.1f} s ({args.records / ours:,.0f} records/s)"
          + (f" with --jobs {args.jobs}" if args.jobs else ""))
    print(f"ratio (records/s ours / MARC::Lint): {theirs / ours:.2f} (target ≥ 3)")
    print(f"validate() median per sample record: {per_record_median() * 1000:.3f} ms (target < 2 ms)")


if __name__ == "__main__":
    main()
