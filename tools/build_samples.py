"""Regenerate the sample files derived from the hand-written ones.

``sample_records/starter-records.mrk`` and the two Dublin Core XML files are written by hand; the
ISO 2709, MARCXML and MARC-in-JSON copies are produced from the ``.mrk`` by ``catsandbox convert``
so they cannot drift (``tests/test_samples.py`` checks that they are current).
Run: ``python tools/build_samples.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

from sandbox.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "sample_records"
SOURCE = SAMPLES / "starter-records.mrk"
DERIVED = {"starter-records.mrc": "marc", "starter-records.xml": "marcxml",
           "starter-records.json": "json"}


def build() -> int:
    status = 0
    for name, fmt in DERIVED.items():
        status |= main(["convert", "--quiet", str(SOURCE), str(SAMPLES / name), "--to", fmt])
    return status


if __name__ == "__main__":
    sys.exit(build())
