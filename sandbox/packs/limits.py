"""How much a pack may hold: the caps that keep a hostile archive from filling memory or disk.

A pack is text and a few images; these limits are far above what a real pack needs and far below
what would hurt the machine. Sizes are checked while bytes are read (a zip header's sizes are
never trusted) as well as up front.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    #: The .catpack file itself.
    max_archive_bytes: int = 200 * MB
    #: Files (zip entries) in one pack.
    max_entries: int = 5000
    #: One file, expanded.
    max_entry_bytes: int = 50 * MB
    #: Every file together, expanded.
    max_total_bytes: int = 250 * MB
    #: Expanded size over compressed size; text compresses about 3-10 times, zeros 1000 times.
    max_ratio: int = 100
    #: Entries smaller than this are never refused for their ratio (a tiny file of blanks).
    ratio_floor_bytes: int = 1 * MB
    #: A path inside the pack.
    max_name_length: int = 255
    #: Folder depth inside the pack.
    max_depth: int = 12


DEFAULT_LIMITS = Limits()
