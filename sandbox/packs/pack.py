"""A pack, opened and verified: its manifest, its files (hash-checked on every read), its
exercises (loaded on first use)."""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from sandbox import __version__
from sandbox.packs.archive import FolderSource, PackSource, ZipSource, utf8_text
from sandbox.packs.errors import PackError
from sandbox.packs.limits import DEFAULT_LIMITS, Limits
from sandbox.packs.manifest import MANIFEST, Manifest, parse_manifest
from sandbox.packs.versions import satisfies

if TYPE_CHECKING:
    from sandbox.exercises.model import Exercise

PACK_SUFFIX = ".catpack"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Pack:
    """An exercise pack. Open one with ``load_pack``; close it (or use ``with``) when done."""

    def __init__(self, source: PackSource, manifest: Manifest, path: Path):
        self.source = source
        self.manifest = manifest
        self.path = path
        self._exercises: dict[str, Exercise] = {}

    # --- what the UI lists ---------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def label(self) -> str:
        return self.source.label

    @property
    def title(self) -> str:
        return self.manifest.title

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def is_built(self) -> bool:
        """True for a .catpack file, False for a source folder."""
        return isinstance(self.source, ZipSource)

    @property
    def exercise_ids(self) -> list[str]:
        """In the order the manifest gives, which is the order learners see."""
        return [entry.id for entry in self.manifest.exercises]

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id, loaded (and checked) on first use; PackError if it is
        broken."""
        if exercise_id not in self._exercises:
            entry = self.manifest.entry(exercise_id)
            if entry is None:
                raise PackError(self.label, f"has no exercise '{exercise_id}' (it has: "
                                f"{', '.join(self.exercise_ids) or 'none'})")
            from sandbox.exercises.loading import load_exercise

            self._exercises[exercise_id] = load_exercise(self, entry.id, entry.path)
        return self._exercises[exercise_id]

    def exercise_summary(self, exercise_id: str) -> tuple[str, str]:
        """``(title, kind)`` read from exercise.toml alone: cheap, for listing a pack. A broken
        exercise still lists (its full load, when opened, says what is wrong)."""
        if exercise_id in self._exercises:
            loaded = self._exercises[exercise_id]
            return loaded.title, loaded.kind
        entry = self.manifest.entry(exercise_id)
        try:
            table = tomllib.loads(self.read_text(f"{entry.path}/exercise.toml"))
        except (PackError, tomllib.TOMLDecodeError, AttributeError, UnicodeDecodeError):
            return exercise_id, "?"
        return str(table.get("title", exercise_id)), str(table.get("kind", "?"))

    def exercises(self) -> list[Exercise]:
        return [self.exercise(exercise_id) for exercise_id in self.exercise_ids]

    def exercise_digest(self, exercise_id: str) -> str:
        """SHA-256 over the names and contents of one exercise's files: unchanged between two
        versions of a pack exactly when the exercise is (the store keeps attempts by it)."""
        entry = self.manifest.entry(exercise_id)
        if entry is None:
            raise PackError(self.label, f"has no exercise '{exercise_id}'")
        digest = hashlib.sha256()
        for name in self.names_under(entry.path):
            digest.update(f"{name[len(entry.path) + 1:]}\0{sha256(self.read(name))}\n".encode())
        return digest.hexdigest()

    # --- files ---------------------------------------------------------------------------

    def __contains__(self, name: str) -> bool:
        return name in self.source

    @property
    def names(self) -> list[str]:
        return list(self.source.names)

    def names_under(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/"
        return [name for name in self.source.names if name.startswith(prefix)]

    def read(self, name: str) -> bytes:
        """A file's bytes, checked against the manifest's SHA-256 when the manifest has one."""
        data = self.source.read(name)
        expected = self.manifest.files.get(name)
        if expected is not None and sha256(data) != expected:
            raise PackError(self.label, "its SHA-256 does not match the one in pack.toml: the "
                            "file was changed after the pack was built, or the manifest lies; "
                            "refused", name)
        return data

    def read_text(self, name: str) -> str:
        return utf8_text(self.read(name), lambda message: PackError(self.label, message, name))

    def verify(self) -> None:
        """Every file is listed in the manifest with the right SHA-256, and every listed file is
        there. Built packs always carry hashes; a source folder is checked only if it has them."""
        if not self.manifest.files:
            if self.is_built:
                raise PackError(self.label, "the manifest lists no files and their SHA-256 "
                                "([files] in pack.toml): this is not a pack made by 'catsandbox "
                                "pack build'", MANIFEST)
            return
        present = [name for name in self.source.names if name != MANIFEST]
        for name in present:
            if name not in self.manifest.files:
                raise PackError(self.label, "is not listed in the manifest's [files] (added "
                                "after the pack was built?); refused", name)
        for name in sorted(self.manifest.files):
            if name not in self.source:
                raise PackError(self.label, "is listed in the manifest's [files] but is not in "
                                "the pack", name)
            self.read(name)

    def close(self) -> None:
        if isinstance(self.source, ZipSource):
            self.source.close()

    def __enter__(self) -> Pack:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Pack {self.id} {self.version} from {self.label}>"


def load_pack(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Pack:
    """Open a pack folder or ``.catpack`` file: manifest read, every path and size checked,
    every hash verified, the app version it needs compared with ours. PackError otherwise."""
    path = Path(path)
    if not path.exists():
        raise PackError(path.name or str(path), "no such file or folder")
    source: PackSource = FolderSource(path, limits) if path.is_dir() else ZipSource(path, limits)
    try:
        if MANIFEST not in source:
            raise PackError(source.label, "has no pack.toml at its top level, so it is not an "
                            "exercise pack")
        manifest = parse_manifest(source.read_text(MANIFEST), source.label)
        if manifest.requires_app and not satisfies(__version__, manifest.requires_app):
            raise PackError(source.label, f"needs Catalog Sandbox {manifest.requires_app}; this "
                            f"is version {__version__}", MANIFEST, "pack.requires_app")
        pack = Pack(source, manifest, path)
        for entry in manifest.exercises:
            if f"{entry.path}/exercise.toml" not in source:
                raise PackError(source.label, f"exercise '{entry.id}' has no exercise.toml in "
                                f"{entry.path}", MANIFEST, "exercise")
        pack.verify()
    except BaseException:
        if isinstance(source, ZipSource):
            source.close()
        raise
    return pack
