"""More of the filing traps learners fall into, beyond tests/classify/test_lcc.py's shelf list."""

from __future__ import annotations

import random

import pytest

from sandbox.classify.lcc import shelf_order, sort_key

# In LC shelf order; each line's comment names the trap it sets against the line before it.
TRAPS = [
    "E99 .C5",
    "E99 .C53",                 # Cutter .C5 before .C53: nothing before something
    "E184 .A1 C6",
    "E184.5 .A1",               # E184 with no decimal before E184.5
    "HB1",
    "HB1 .A1",                  # no Cutter before a Cutter
    "KF4558 5th .A2",
    "KF4558 15th .A2",          # ordinals as numbers: 5th before 15th
    "ML410 .B4 1990",
    "ML410 .B4 A1",             # a date before a Cutter (numerals before letters)
    "N7433.35 .Z9",
    "N7433.4 .A1",              # .35 before .4 whatever the Cutters
    "PR6019 .O9 U4 1922",
    "PR6019 .O9 U4 1986",       # dates in order
    "PZ7 .S5",
    "PZ7 .S5 A1",
    "QA1",
    "QA1 .A1 pt.2",
    "QA1 .A1 pt.10",            # part numbers as numbers
    "QA1.1",
    "QA76 .A1 c.2",
    "QA76 .A1 c.10",            # copy numbers as numbers
    "QA76.5 .A1 v.3 c.2",
    "QA76.5 .A1 v.10",          # volume before copy: v.3 c.2 before v.10
    "QA76.73 .C15",
    "QA76.73 .C153",
    "QA76.73 .J38 S65 2010",
    "QA76.73 .J38 S65 2010 v.1",
]


def test_traps_file_in_order():
    shuffled = TRAPS[:]
    random.Random(7).shuffle(shuffled)
    assert shelf_order(shuffled) == TRAPS


@pytest.mark.parametrize("earlier, later", list(zip(TRAPS, TRAPS[1:])))
def test_each_neighbour_files_before_the_next(earlier, later):
    assert sort_key(earlier) < sort_key(later)
