"""Reading speed: our ISO 2709 reader (with its damage checks and located errors) against pymarc.

Builds a 50,000-record file from the clean ISO 2709 records of ../shared/corpus (repeated), then
times, in the same run and on the same file, (a) pymarc's MARCReader and (b) Catalog Sandbox's
Iso2709Reader, each touching every field and subfield. Prints the ratio ours/pymarc; the target
is at most 1.3. Figures go in docs/benchmarks.md.

Run: .venv/bin/python bench/read_speed.py [--records N] [--rounds R]
"""

from __future__ import annotations

import argparse
import csv
import gc
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import pymarc

from sandbox.formats.iso2709 import Iso2709Reader

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def clean_records() -> list[bytes]:
    with open(CORPUS / "BROKEN.tsv", encoding="utf-8") as handle:
        broken = {row["local_file"] for row in csv.DictReader(handle, delimiter="\t")}
    with open(CORPUS / "INVENTORY.tsv", encoding="utf-8") as handle:
        names = [row["local_file"] for row in csv.DictReader(handle, delimiter="\t")
                 if row["kind"] == "iso2709" and row["local_file"] not in broken]
    chunks = []
    for name in names:
        data = (CORPUS / name).read_bytes()
        with open(CORPUS / name, "rb") as stream:
            for item in Iso2709Reader(stream, name):
                if item.ok and not item.warnings:
                    chunks.append(data[item.offset : item.offset + item.length])
    return chunks


def touch(record) -> int:
    """Visit every field and subfield, as any real consumer of the records does."""
    count = 0
    for field in record.fields:
        if field.is_control_field():
            count += len(field.data)
        else:
            for _code, value in field.subfields:
                count += len(value)
    return count


def read_pymarc(path: Path) -> int:
    total = 0
    with open(path, "rb") as stream:
        for record in pymarc.MARCReader(stream, permissive=True):
            if record is not None:
                total += touch(record)
    return total


def read_ours(path: Path) -> int:
    total = 0
    with open(path, "rb") as stream:
        for item in Iso2709Reader(stream, str(path)):
            if item.record is not None:
                total += touch(item.record)
    return total


def best_time(function, path: Path, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        function(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    records = clean_records()
    marc8 = sum(1 for r in records if r[9:10] != b"a")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.mrc"
        with open(path, "wb") as out:
            for index in range(args.records):
                out.write(records[index % len(records)])
        size = path.stat().st_size
        pymarc_seconds = best_time(read_pymarc, path, args.rounds)
        ours_seconds = best_time(read_ours, path, args.rounds)
    print(f"input: {args.records:,} records ({size / 1e6:.1f} MB) repeated from {len(records)} "
          f"clean corpus records, {marc8} of them MARC-8")
    print(f"pymarc {version('pymarc')} MARCReader: "
          f"{pymarc_seconds:.2f} s  ({args.records / pymarc_seconds:,.0f} records/s)")
    print(f"Catalog Sandbox Iso2709Reader: {ours_seconds:.2f} s  "
          f"({args.records / ours_seconds:,.0f} records/s)")
    print(f"ratio ours/pymarc: {ours_seconds / pymarc_seconds:.2f} (target ≤ 1.30)")


if __name__ == "__main__":
    main()
