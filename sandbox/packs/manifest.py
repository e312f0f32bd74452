"""``pack.toml``, the manifest: what the pack is, its exercises in order, a SHA-256 per file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tomli_w

from sandbox.packs.names import UnsafeName, checked_name
from sandbox.packs.schema import Table, parse_toml
from sandbox.packs.versions import check_specifier, parse_version

MANIFEST = "pack.toml"
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ID_RULE = "lowercase letters, digits and single hyphens, e.g. 'describe-walden'"
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_PACK_KEYS = frozenset({"id", "title", "version", "authors", "licence", "license",
                        "description", "requires_app"})


@dataclass(frozen=True)
class ExerciseEntry:
    """One ``[[exercise]]`` line of the manifest: the id and the folder that holds it."""

    id: str
    path: str


@dataclass
class Manifest:
    id: str
    title: str
    version: str
    authors: tuple[str, ...] = ()
    licence: str = ""
    description: str = ""
    requires_app: str | None = None
    exercises: list[ExerciseEntry] = field(default_factory=list)
    #: Path inside the pack → SHA-256 (hex) of its bytes; every file but pack.toml. Written by
    #: ``pack build``; a source folder may leave it out.
    files: dict[str, str] = field(default_factory=dict)

    def entry(self, exercise_id: str) -> ExerciseEntry | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def as_toml(self) -> str:
        """The manifest as pack.toml text, laid out as people write it ([[exercise]] tables)."""
        pack: dict = {"id": self.id, "title": self.title, "version": self.version,
                      "authors": list(self.authors), "licence": self.licence,
                      "description": self.description}
        if self.requires_app:
            pack["requires_app"] = self.requires_app
        sections = ["[pack]\n" + _values(pack)]
        sections += [exercise_table(e) for e in self.exercises]
        if self.files:
            sections.append("[files]\n" + _values(dict(sorted(self.files.items()))))
        return "\n".join(sections)


def _values(table: dict) -> str:
    return tomli_w.dumps(table, multiline_strings=False)


def exercise_table(entry: ExerciseEntry) -> str:
    """One ``[[exercise]]`` table of pack.toml."""
    return "[[exercise]]\n" + _values({"id": entry.id, "path": entry.path})


def check_id(table: Table, key: str, value: str) -> str:
    if not ID_PATTERN.match(value):
        raise table.error(key, f"'{value}' is not a valid id: use {ID_RULE}")
    return value


def parse_manifest(text: str, pack_label: str) -> Manifest:
    """The manifest, or a PackError naming the key that is wrong."""
    root = Table(parse_toml(text, pack_label, MANIFEST), pack_label, MANIFEST)
    root.allow_only({"pack", "exercise", "files"})
    about = root.table("pack")
    if about is None:
        raise root.error("pack", "is missing: pack.toml starts with a [pack] table (id, title, "
                         "version, authors, licence, description)")
    about.allow_only(_PACK_KEYS)
    pack_id = check_id(about, "id", about.text("id", required=True))
    version = about.text("version", required=True)
    try:
        parse_version(version)
    except ValueError as error:
        raise about.error("version", str(error)) from None
    requires = about.text("requires_app")
    if requires is not None:
        try:
            check_specifier(requires)
        except ValueError as error:
            raise about.error("requires_app", str(error)) from None
    licence_key = "license" if "license" in about and "licence" not in about else "licence"
    manifest = Manifest(
        id=pack_id,
        title=about.text("title", required=True),
        version=version,
        authors=tuple(about.texts("authors", single_ok=True)),
        licence=about.text(licence_key, default="") or "",
        description=about.text("description", default="", nonempty=False) or "",
        requires_app=requires,
    )
    seen_ids: set[str] = set()
    seen_paths: set[str] = set()
    for entry in root.tables("exercise"):
        entry.allow_only({"id", "path"})
        exercise_id = check_id(entry, "id", entry.text("id", required=True))
        if exercise_id in seen_ids:
            raise entry.error("id", f"the exercise id '{exercise_id}' is used twice")
        path = entry.text("path", default=f"exercises/{exercise_id}")
        try:
            path = checked_name(path)
        except UnsafeName as why:
            raise entry.error("path", f"'{path}' cannot be used: {why}") from None
        if path in seen_paths:
            raise entry.error("path", f"two exercises use the folder '{path}'")
        seen_ids.add(exercise_id)
        seen_paths.add(path)
        manifest.exercises.append(ExerciseEntry(exercise_id, path))
    files = root.table("files")
    if files is not None:
        for name, digest in files.data.items():
            try:
                checked_name(name)
            except UnsafeName as why:
                raise files.error(repr(name), f"cannot be used: {why}") from None
            if not isinstance(digest, str) or not _SHA256.match(digest.lower()):
                raise files.error(f'"{name}"', "must be a SHA-256 written as 64 hexadecimal "
                                  f"digits (got {digest!r})")
            manifest.files[name] = digest.lower()
    return manifest
