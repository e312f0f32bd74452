"""Hostile packs are refused with a clear message naming the pack and the entry, and nothing is
written outside the folder an install or extract was given."""

from __future__ import annotations

import hashlib
import os
import struct
import tomllib
import zipfile
from pathlib import Path

import pytest
import tomli_w

from sandbox.packs import Limits, PackError, load_pack
from sandbox.packs.build import build
from sandbox.packs.check import check_pack
from sandbox.packs.install import extract, install
from tests.packs.factory import make_pack

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&lol9;</dc:title></oai_dc:dc>
"""
KEY = "exercises/describe-book/key.mrk"
CROSSWALK_KEY = "exercises/crosswalk-book/key.xml"


@pytest.fixture(scope="module")
def good_pack(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("good")
    return build(make_pack(base / "test-pack"), base / "good.catpack")


def _entries(catpack: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(catpack) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def rezip(good: Path, target: Path, *, replace: dict[str, bytes] | None = None,
          add: list[tuple[zipfile.ZipInfo | str, bytes]] = (), rehash: bool = False) -> Path:
    """A copy of ``good`` with members replaced or added; ``rehash``: the manifest is updated
    to match (so that only the content is hostile, not the hashes)."""
    replace = replace or {}
    entries = [(info, replace.get(info.filename, data)) for info, data in _entries(good)]
    entries += [(info if isinstance(info, zipfile.ZipInfo) else zipfile.ZipInfo(info), data)
                for info, data in add]
    if rehash:
        manifest = tomllib.loads(entries[0][1].decode())
        for info, data in entries[1:]:
            manifest["files"][info.filename] = hashlib.sha256(data).hexdigest()
        entries[0] = (entries[0][0], tomli_w.dumps(manifest).encode())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return target


def snapshot(root: Path) -> set[Path]:
    return {path for path in root.rglob("*")}


def assert_refused_everywhere(pack: Path, tmp_path: Path, *words: str) -> PackError:
    """Opening, checking, installing and extracting all refuse it; nothing new appears."""
    before = snapshot(tmp_path)
    with pytest.raises(PackError) as caught:
        pack_ = load_pack(pack)
        try:
            for exercise_id in pack_.exercise_ids:
                pack_.exercise(exercise_id)
        finally:
            pack_.close()
    message = str(caught.value)
    assert message.startswith(f"{pack.name}: "), message
    for word in words:
        assert word in message, message
    with pytest.raises(PackError):
        install(pack, tmp_path / "store")
    with pytest.raises(PackError):
        extract(pack, tmp_path / "out")
    report = check_pack(pack)
    assert not report.ok and any(word in report.text() for word in words)
    assert snapshot(tmp_path) == before, "something was written"
    return caught.value


@pytest.mark.parametrize("name, words", [
    ("../evil.txt", ("'../evil.txt'", "zip slip")),
    ("exercises/../../evil.txt", ("zip slip",)),
    ("/tmp/evil.txt", ("'/tmp/evil.txt'", "absolute path")),
    ("C:/evil.txt", ("drive letter",)),
    ("..\\..\\evil.txt", ("backslashes",)),
    ("exercises/con.md", ("device name",)),
])
def test_paths_that_escape_are_refused(good_pack, tmp_path, name, words):
    hostile = rezip(good_pack, tmp_path / "slip.catpack", add=[(name, b"owned")])
    error = assert_refused_everywhere(hostile, tmp_path, "unsafe path refused", *words)
    assert error.entry == repr(name)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_symlink_entry_is_refused(good_pack, tmp_path):
    link = zipfile.ZipInfo("exercises/describe-book/surrogate/passwd.md")
    link.create_system = 3
    link.external_attr = 0o120777 << 16
    hostile = rezip(good_pack, tmp_path / "link.catpack", add=[(link, b"/etc/passwd")])
    error = assert_refused_everywhere(hostile, tmp_path, "symbolic link")
    assert error.entry == "exercises/describe-book/surrogate/passwd.md"


def test_a_symlink_in_a_pack_folder_is_refused(tmp_path):
    folder = make_pack(tmp_path / "p")
    os.symlink("/etc/passwd", folder / "exercises" / "describe-book" / "surrogate" / "x.md")
    with pytest.raises(PackError, match="symbolic link") as caught:
        load_pack(folder)
    assert caught.value.entry == "exercises/describe-book/surrogate/x.md"


@pytest.fixture(scope="module")
def gigabyte_pack(good_pack, tmp_path_factory) -> Path:
    """A pack with one entry that expands to 1 GiB of zeros (about 1 MB on disk)."""
    target = tmp_path_factory.mktemp("bomb") / "bomb.catpack"
    rezip(good_pack, target)
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(target, "a") as archive:
        info = zipfile.ZipInfo("exercises/describe-book/surrogate/scan.md")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            for _ in range(1024):
                stream.write(chunk)
    assert target.stat().st_size < 4 * 1024 * 1024
    return target


def test_a_gigabyte_entry_is_refused_without_expanding_it(gigabyte_pack, tmp_path):
    error = assert_refused_everywhere(gigabyte_pack, tmp_path, "1,024.0 MB", "refused")
    assert error.entry == "exercises/describe-book/surrogate/scan.md"


def _zeros_pack(good_pack: Path, target: Path, size: int) -> Path:
    """A pack with a file of zeros, listed in the manifest with its true SHA-256."""
    return rezip(good_pack, target, add=[("exercises/describe-book/surrogate/zeros.md",
                                          bytes(size))], rehash=True)


def test_a_high_compression_ratio_is_refused(good_pack, tmp_path):
    hostile = _zeros_pack(good_pack, tmp_path / "ratio.catpack", 20 * 1024 * 1024)
    assert_refused_everywhere(hostile, tmp_path, "times its compressed size", "zip bombs")


def _patch_uncompressed_size(path: Path, name: str, size: int) -> None:
    """Make the zip headers lie: claim ``name`` expands to ``size`` bytes."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46: central + 46 + name_length] == encoded:
            struct.pack_into("<I", data, central + 24, size)
            local = struct.unpack_from("<I", data, central + 42)[0]
            struct.pack_into("<I", data, local + 22, size)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    else:
        raise AssertionError(f"{name} not found")
    path.write_bytes(bytes(data))


def test_a_header_that_understates_the_size_is_caught(good_pack, tmp_path):
    hostile = _zeros_pack(good_pack, tmp_path / "liar.catpack", 20 * 1024 * 1024)
    _patch_uncompressed_size(hostile, "exercises/describe-book/surrogate/zeros.md", 1000)
    error = assert_refused_everywhere(hostile, tmp_path, "is damaged")
    assert error.entry == "exercises/describe-book/surrogate/zeros.md"


def test_reading_stops_at_the_entry_limit_whatever_the_header_says(good_pack, tmp_path):
    pack = _zeros_pack(good_pack, tmp_path / "big.catpack", 3 * 1024 * 1024)
    limits = Limits(max_entry_bytes=2 * 1024 * 1024, max_ratio=10_000)
    with pytest.raises(PackError, match="2.0 MB"):
        load_pack(pack, limits)


def test_too_many_entries_are_refused(good_pack, tmp_path):
    with pytest.raises(PackError, match=r"entries \(at most 5\)"):
        load_pack(good_pack, Limits(max_entries=5))


def test_a_large_total_is_refused(good_pack, tmp_path):
    with pytest.raises(PackError, match="in all"):
        load_pack(good_pack, Limits(max_total_bytes=2000))


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_duplicate_names_are_refused(good_pack, tmp_path):
    hostile = rezip(good_pack, tmp_path / "dup.catpack",
                    add=[(KEY, b"=LDR  00000nam a2200000 i 4500\n=245  00$aOther\n")])
    assert_refused_everywhere(hostile, tmp_path, "holds this file twice")
    twin = rezip(good_pack, tmp_path / "twin.catpack",
                 add=[("exercises/describe-book/KEY.mrk", b"x")])
    assert_refused_everywhere(twin, tmp_path, "differing only in case")


def test_billion_laughs_xml_is_refused(good_pack, tmp_path):
    hostile = rezip(good_pack, tmp_path / "laughs.catpack",
                    replace={CROSSWALK_KEY: BILLION_LAUGHS}, rehash=True)
    error = assert_refused_everywhere(hostile, tmp_path, "XML entities")
    assert error.entry == CROSSWALK_KEY


def test_a_hash_mismatch_is_refused(good_pack, tmp_path):
    changed = _entries(good_pack)
    original = dict((info.filename, data) for info, data in changed)[KEY]
    hostile = rezip(good_pack, tmp_path / "tampered.catpack",
                    replace={KEY: original.replace(b"Kahneman", b"Kahnemann")})
    error = assert_refused_everywhere(hostile, tmp_path, "SHA-256 does not match")
    assert error.entry == KEY


def test_an_unlisted_file_is_refused(good_pack, tmp_path):
    hostile = rezip(good_pack, tmp_path / "extra.catpack",
                    add=[("exercises/describe-book/surrogate/extra.md", b"# Extra\n")])
    assert_refused_everywhere(hostile, tmp_path, "not listed in the manifest")


def test_a_pack_without_hashes_is_refused(good_pack, tmp_path):
    manifest = tomllib.loads(dict((i.filename, d) for i, d in _entries(good_pack))["pack.toml"]
                             .decode())
    del manifest["files"]
    hostile = rezip(good_pack, tmp_path / "nohash.catpack",
                    replace={"pack.toml": tomli_w.dumps(manifest).encode()})
    assert_refused_everywhere(hostile, tmp_path, "lists no files")


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    bogus = tmp_path / "bogus.catpack"
    bogus.write_bytes(b"MZ\x90\x00 not a zip")
    with pytest.raises(PackError, match="is not a .catpack file"):
        load_pack(bogus)


def test_a_damaged_zip_is_refused(good_pack, tmp_path):
    data = bytearray(good_pack.read_bytes())
    data[200:260] = b"\x00" * 60  # inside the first entry's compressed bytes
    damaged = tmp_path / "damaged.catpack"
    damaged.write_bytes(bytes(data))
    with pytest.raises(PackError, match="damaged|not a .catpack|SHA-256|not valid"):
        load_pack(damaged)
