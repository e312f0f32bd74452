"""``pack build``: a pack folder becomes one ``.catpack`` file, the same bytes every time.

Deterministic so that an instructor (or a test) can tell whether two builds differ in content:
``pack.toml`` first, then every other file in sorted order, one fixed timestamp (1980-01-01, the
earliest a zip can record), fixed permissions, deflate at level 9, no folder entries. The
manifest in the zip gets ``[files]``: the SHA-256 of every other file.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from sandbox.fileio import atomic_write
from sandbox.packs.archive import FolderSource
from sandbox.packs.errors import PackError
from sandbox.packs.limits import DEFAULT_LIMITS, Limits
from sandbox.packs.manifest import MANIFEST, parse_manifest
from sandbox.packs.pack import PACK_SUFFIX, Pack, load_pack, sha256

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o100644  # a regular file, rw-r--r--
_UNIX = 3


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = _FILE_MODE << 16
    info.create_system = _UNIX
    return info


def default_output(folder: Path, pack_id: str, version: str) -> Path:
    return folder.resolve().parent / f"{pack_id}-{version}{PACK_SUFFIX}"


def open_source(folder: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Pack:
    """A pack folder as its author has it: the manifest's own [files], if any, are ignored
    (build writes fresh ones)."""
    source = FolderSource(folder, limits)
    if MANIFEST not in source:
        raise PackError(source.label, "has no pack.toml: 'catsandbox pack new' makes a pack "
                        "folder to start from")
    manifest = parse_manifest(source.read_text(MANIFEST), source.label)
    manifest.files = {}
    return Pack(source, manifest, Path(folder))


def build(folder: str | os.PathLike[str], output: str | os.PathLike[str] | None = None,
          limits: Limits = DEFAULT_LIMITS) -> Path:
    """Build the pack in ``folder`` into ``output`` (default: ``<id>-<version>.catpack`` beside
    the folder). Every exercise is loaded first, so a broken pack is never built. Returns the
    path written."""
    pack = open_source(folder, limits)
    for exercise_id in pack.exercise_ids:
        pack.exercise(exercise_id)
    names = [name for name in pack.source.names if name != MANIFEST]
    contents = {name: pack.source.read(name) for name in names}
    pack.manifest.files = {name: sha256(data) for name, data in contents.items()}
    target = Path(output) if output else default_output(Path(folder), pack.id, pack.version)
    if target.suffix.lower() != PACK_SUFFIX:
        raise PackError(pack.label, f"the built pack must be named *{PACK_SUFFIX} (got "
                        f"{target.name})")
    if not target.absolute().parent.is_dir():
        raise PackError(pack.label, f"cannot write {target}: the folder "
                        f"{target.absolute().parent} does not exist")
    with atomic_write(target) as stream:
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_entry(MANIFEST), pack.manifest.as_toml().encode("utf-8"),
                             compresslevel=9)
            for name in sorted(contents):
                archive.writestr(_entry(name), contents[name], compresslevel=9)
    try:
        load_pack(target, limits).close()  # what we wrote must open as any learner's copy will
    except PackError:
        target.unlink(missing_ok=True)
        raise
    return target
