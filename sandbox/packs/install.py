"""Putting a verified pack where the app keeps packs, and (rarely needed) unpacking one.

Installing copies the ``.catpack`` file itself: the app reads exercises straight from it, so
nothing from inside a pack is ever written to disk. ``extract`` exists for an instructor who wants
the source folder back; it writes only below the folder it is given.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sandbox.fileio import atomic_write
from sandbox.packs.errors import PackError
from sandbox.packs.limits import DEFAULT_LIMITS, Limits
from sandbox.packs.pack import PACK_SUFFIX, load_pack


def installed_name(pack_id: str, version: str) -> str:
    """The file name of an installed pack (ids and versions are checked to be plain)."""
    return f"{pack_id}-{version}{PACK_SUFFIX}"


def install(catpack: str | os.PathLike[str], folder: str | os.PathLike[str],
            limits: Limits = DEFAULT_LIMITS) -> Path:
    """Verify ``catpack`` and copy it into ``folder`` as ``<id>-<version>.catpack``; returns the
    installed file. The caller (the app's store) decides the folder."""
    source = Path(catpack)
    with load_pack(source, limits) as pack:
        if not pack.is_built:
            raise PackError(pack.label, "is a pack folder; build it into a .catpack first "
                            "('catsandbox pack build')")
        for exercise_id in pack.exercise_ids:
            pack.exercise(exercise_id)
        name = installed_name(pack.id, pack.version)
    destination = Path(folder)
    destination.mkdir(parents=True, exist_ok=True)
    target = destination / name
    with open(source, "rb") as reader, atomic_write(target) as writer:
        shutil.copyfileobj(reader, writer)
    return target


def extract(catpack: str | os.PathLike[str], folder: str | os.PathLike[str],
            limits: Limits = DEFAULT_LIMITS) -> list[Path]:
    """Write a verified pack's files below ``folder`` (created if needed); returns them.
    Nothing is written unless the whole pack verifies, and nothing lands outside ``folder``."""
    destination = Path(folder).resolve()
    with load_pack(catpack, limits) as pack:
        for exercise_id in pack.exercise_ids:
            pack.exercise(exercise_id)  # a pack whose exercises cannot load is not unpacked
        contents = {name: pack.read(name) for name in pack.names}
        label = pack.label
    written = []
    for name, data in sorted(contents.items()):
        target = destination.joinpath(*name.split("/")).resolve()
        if not target.is_relative_to(destination):  # names were checked; this is a last guard
            raise PackError(label, "would be written outside the folder; refused", name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target) as stream:
            stream.write(data)
        written.append(target)
    return written
