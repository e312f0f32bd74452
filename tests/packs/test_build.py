"""pack new / build / install: deterministic .catpack files that verify."""

from __future__ import annotations

import hashlib
import tomllib
import zipfile

import pytest

from sandbox.packs import PackError, load_pack
from sandbox.packs.authoring import new
from sandbox.packs.build import FIXED_TIME, build
from sandbox.packs.check import check_pack
from sandbox.packs.install import extract, install
from tests.packs.factory import make_pack


@pytest.fixture
def folder(tmp_path):
    return make_pack(tmp_path / "test-pack")


def test_build_is_deterministic_and_hashes_every_file(folder, tmp_path):
    first = build(folder, tmp_path / "a.catpack")
    second = build(folder, tmp_path / "b.catpack")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert names[0] == "pack.toml" and names[1:] == sorted(names[1:])
        assert all(info.date_time == FIXED_TIME for info in archive.infolist())
        assert not any(name.endswith("/") for name in names)
        manifest = tomllib.loads(archive.read("pack.toml").decode())
        files = manifest["files"]
        assert set(files) == set(names[1:])
        for name in names[1:]:
            assert files[name] == hashlib.sha256(archive.read(name)).hexdigest()


def test_build_leaves_out_hidden_files_and_built_packs(folder, tmp_path):
    (folder / ".DS_Store").write_bytes(b"junk")
    (folder / "exercises" / "describe-book" / "key.mrk~").write_text("backup")
    build(folder, folder / "inside.catpack")
    target = build(folder, tmp_path / "out.catpack")
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert not any(n.startswith(".") or n.endswith(("~", ".catpack")) for n in names)


def test_a_changed_file_changes_the_build(folder, tmp_path):
    before = build(folder, tmp_path / "a.catpack").read_bytes()
    brief = folder / "exercises" / "describe-book" / "brief.md"
    brief.write_text(brief.read_text() + "More.\n")
    assert build(folder, tmp_path / "b.catpack").read_bytes() != before


def test_a_broken_pack_is_not_built(folder, tmp_path):
    (folder / "exercises" / "fix-book" / "start.mrk").unlink()
    with pytest.raises(PackError, match="start.mrk"):
        build(folder, tmp_path / "x.catpack")
    assert not (tmp_path / "x.catpack").exists()


def test_the_output_must_be_a_catpack(folder, tmp_path):
    with pytest.raises(PackError, match=r"\*.catpack"):
        build(folder, tmp_path / "x.zip")


def test_default_output_is_named_after_the_pack(folder):
    target = build(folder)
    assert target.name == "test-pack-1.0.0.catpack" and target.parent == folder.parent


def test_built_pack_opens_and_serves_its_exercises(folder, tmp_path):
    with load_pack(build(folder, tmp_path / "p.catpack")) as pack:
        assert pack.is_built and pack.id == "test-pack" and pack.version == "1.0.0"
        assert pack.exercise_ids[0] == "describe-book" and len(pack.exercise_ids) == 8
        assert pack.exercise("describe-book").title == "Describe a book"
        with pytest.raises(PackError, match="has no exercise 'nope'"):
            pack.exercise("nope")


def test_exercise_digest_changes_only_with_the_exercise(folder, tmp_path):
    with load_pack(folder) as pack:
        before = {i: pack.exercise_digest(i) for i in pack.exercise_ids}
    brief = folder / "exercises" / "fix-book" / "brief.md"
    brief.write_text("changed\n")
    with load_pack(folder) as pack:
        after = {i: pack.exercise_digest(i) for i in pack.exercise_ids}
    changed = {i for i in before if before[i] != after[i]}
    assert changed == {"fix-book"}


def test_pack_new_scaffolds_a_pack_that_passes_its_check(tmp_path):
    folder = new(tmp_path / "My Class Pack")
    report = check_pack(folder)
    assert report.ok, report.text()
    assert report.pack_id == "my-class-pack"
    assert [s.id for s in report.exercises] == ["describe-example"]
    assert report.exercises[0].key_percents == [100.0]
    assert check_pack(build(folder, tmp_path / "x.catpack")).ok


def test_pack_new_refuses_a_folder_that_has_files(tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(PackError, match="not an empty folder"):
        new(tmp_path / "busy")
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.txt"]


def test_install_copies_the_verified_pack(folder, tmp_path):
    built = build(folder, tmp_path / "download.catpack")
    installed = install(built, tmp_path / "store" / "packs")
    assert installed == tmp_path / "store" / "packs" / "test-pack-1.0.0.catpack"
    assert installed.read_bytes() == built.read_bytes()


def test_install_refuses_a_folder(folder, tmp_path):
    with pytest.raises(PackError, match="build it into a .catpack first"):
        install(folder, tmp_path / "store")
    assert not (tmp_path / "store").exists()


def test_extract_gives_the_source_back(folder, tmp_path):
    written = extract(build(folder, tmp_path / "p.catpack"), tmp_path / "out")
    assert (tmp_path / "out" / "exercises" / "describe-book" / "key.mrk").read_bytes() == \
        (folder / "exercises" / "describe-book" / "key.mrk").read_bytes()
    assert all(path.is_relative_to(tmp_path / "out") for path in written)
    with load_pack(tmp_path / "out") as pack:  # the extracted folder verifies against [files]
        assert pack.manifest.files
