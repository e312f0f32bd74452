"""pack.toml: read, checked, written."""

from __future__ import annotations

import pytest

from sandbox.packs import PackError, load_pack
from sandbox.packs.manifest import ExerciseEntry, Manifest, parse_manifest
from sandbox.packs.versions import parse_version, satisfies
from tests.packs.factory import make_pack

GOOD = """\
[pack]
id = "starter"
title = "Starter"
version = "1.0.0"
authors = ["A. Cataloger"]
licence = "CC-BY-4.0"
description = "Practice."
requires_app = ">=0.1"

[[exercise]]
id = "describe-walden"
path = "exercises/describe-walden"

[[exercise]]
id = "fix-one"
"""


def test_a_good_manifest():
    manifest = parse_manifest(GOOD, "starter.catpack")
    assert (manifest.id, manifest.title, manifest.version) == ("starter", "Starter", "1.0.0")
    assert manifest.authors == ("A. Cataloger",) and manifest.licence == "CC-BY-4.0"
    assert manifest.exercises == [ExerciseEntry("describe-walden", "exercises/describe-walden"),
                                  ExerciseEntry("fix-one", "exercises/fix-one")]
    assert manifest.files == {}


@pytest.mark.parametrize("old, new, key, words", [
    ('id = "starter"', 'id = "Starter Pack"', "pack.id", "is not a valid id"),
    ('version = "1.0.0"', 'version = "one"', "pack.version", "is not a version number"),
    ('version = "1.0.0"\n', "", "pack.version", "is missing"),
    ('requires_app = ">=0.1"', 'requires_app = "at least 0.1"', "pack.requires_app",
     "is not a version condition"),
    ('title = "Starter"', 'titel = "Starter"', "pack.titel", "did you mean 'title'"),
    ('id = "fix-one"', 'id = "describe-walden"', "exercise[2].id", "is used twice"),
    ('path = "exercises/describe-walden"', 'path = "../outside"', "exercise[1].path",
     "climbs out"),
    ('path = "exercises/describe-walden"', 'path = "/etc"', "exercise[1].path", "absolute"),
])
def test_mistakes_name_the_key(old, new, key, words):
    assert old in GOOD
    with pytest.raises(PackError) as caught:
        parse_manifest(GOOD.replace(old, new), "starter.catpack")
    error = caught.value
    assert (error.pack, error.entry, error.key) == ("starter.catpack", "pack.toml", key)
    assert words in str(error)


def test_files_must_be_sha256_hex():
    with pytest.raises(PackError, match="64 hexadecimal digits"):
        parse_manifest(GOOD + '\n[files]\n"exercises/a.md" = "abc"\n', "p")


def test_manifest_round_trips_through_toml():
    manifest = parse_manifest(GOOD, "p")
    manifest.files = {"exercises/fix-one/key.mrk": "0" * 64}
    again = parse_manifest(manifest.as_toml(), "p")
    assert again == manifest
    assert "[[exercise]]" in manifest.as_toml()


def test_the_license_spelling_is_accepted_too():
    assert parse_manifest(GOOD.replace("licence =", "license ="), "p").licence == "CC-BY-4.0"


@pytest.mark.parametrize("version, specifier, ok", [
    ("0.1.0", ">=0.1", True), ("0.1.0", ">=0.2", False), ("0.1.0", ">=0.1, <1", True),
    ("1.2.0", "~=1.0", True), ("2.0", "~=1.0", False), ("1.4.5", "~=1.4.0", True),
    ("1.5", "~=1.4.0", False), ("0.1", "==0.1.0", True), ("0.1", "!=0.1", False),
])
def test_version_specifiers(version, specifier, ok):
    assert satisfies(version, specifier) == ok


def test_versions_compare_as_numbers():
    assert parse_version("1.10") > parse_version("1.9")
    with pytest.raises(ValueError):
        parse_version("1.x")


def test_a_pack_needing_a_newer_app_is_refused(tmp_path):
    folder = make_pack(tmp_path / "p")
    manifest = folder / "pack.toml"
    manifest.write_text(manifest.read_text().replace('">=0.1"', '">=99"'), encoding="utf-8")
    with pytest.raises(PackError, match=r"needs Catalog Sandbox >=99; this is version"):
        load_pack(folder)


def test_a_folder_without_pack_toml_is_not_a_pack(tmp_path):
    (tmp_path / "x").mkdir()
    with pytest.raises(PackError, match="has no pack.toml"):
        load_pack(tmp_path / "x")


def test_a_listed_exercise_without_its_folder_is_refused(tmp_path):
    folder = make_pack(tmp_path / "p")
    manifest = folder / "pack.toml"
    manifest.write_text(manifest.read_text() + '\n[[exercise]]\nid = "ghost"\n',
                        encoding="utf-8")
    with pytest.raises(PackError, match="exercise 'ghost' has no exercise.toml"):
        load_pack(folder)


def test_manifest_model_defaults():
    manifest = Manifest("a", "A", "1")
    assert manifest.entry("x") is None and "[pack]" in manifest.as_toml()
