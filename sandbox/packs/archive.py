"""The files of a pack, from a folder or from a ``.catpack`` zip, read through capped streams.

Nothing is extracted to disk: a member is read straight from the zip into memory, a chunk at a
time, and reading stops as soon as it passes the limits (so a zip bomb costs a few megabytes, not
a gigabyte, whatever its header claims). Every name, type, size and compression ratio is checked
when the source is opened, before anything is read.
"""

from __future__ import annotations

import os
import stat
import unicodedata
import zipfile
import zlib
from pathlib import Path

from sandbox.packs.errors import PackError
from sandbox.packs.limits import DEFAULT_LIMITS, MB, Limits
from sandbox.packs.names import UnsafeName, checked_name

_CHUNK = 64 * 1024
_READABLE_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
#: Files an editor or operating system leaves in a folder; never part of a pack.
_JUNK_NAMES = {"thumbs.db", "desktop.ini", "__pycache__"}


def is_ignored(name: str) -> bool:
    """Files in a pack folder that are not part of the pack (hidden files, editor backups,
    built packs lying in the folder)."""
    parts = name.split("/")
    return (any(part.startswith(".") or part.lower() in _JUNK_NAMES for part in parts)
            or name.endswith("~") or name.lower().endswith(".catpack"))


def _megabytes(size: int) -> str:
    return f"{size / MB:,.1f} MB" if size >= MB else f"{size:,} bytes"



def utf8_text(data: bytes, fail) -> str:
    """A pack member's text (a leading byte-order mark dropped); ``fail(message)`` makes the
    error for a member that is not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise fail(f"is not UTF-8 text (byte 0x{data[error.start]:02X} at offset "
                   f"{error.start})") from None

class PackSource:
    """The files of one pack: ``names`` (sorted, directories left out) and ``read(name)``."""

    label: str
    limits: Limits
    names: list[str]

    def __init__(self, label: str, limits: Limits):
        self.label = label
        self.limits = limits
        self._expanded: dict[str, int] = {}

    def error(self, message: str, entry: str | None = None) -> PackError:
        return PackError(self.label, message, entry)

    def __contains__(self, name: str) -> bool:
        return name in self._name_set

    def read(self, name: str) -> bytes:
        raise NotImplementedError

    def read_text(self, name: str) -> str:
        return utf8_text(self.read(name), lambda message: self.error(message, name))

    def _index(self, names: list[str]) -> None:
        """Keep the names, refusing two that would land on the same file on some system."""
        seen: dict[str, str] = {}
        for name in names:
            folded = unicodedata.normalize("NFC", name).casefold()
            if folded in seen:
                same = "twice" if seen[folded] == name else f"as well as '{seen[folded]}'"
                raise self.error(f"the pack holds this file {same} (names differing only in "
                                 "case or accents would overwrite each other)", name)
            seen[folded] = name
        folders = {name.rsplit("/", 1)[0].casefold() for name in names if "/" in name}
        for name in names:
            if name.casefold() in folders:
                raise self.error("this name is both a file and a folder", name)
        if len(names) > self.limits.max_entries:
            raise self.error(f"the pack holds {len(names):,} files (at most "
                             f"{self.limits.max_entries:,})")
        self.names = sorted(names)
        self._name_set = set(names)

    def _check_known(self, name: str) -> None:
        if name not in self._name_set:
            raise self.error("no such file in the pack", name)

    def _account(self, name: str, size: int) -> None:
        """Count what was really expanded: the pack's total may not pass its limit."""
        self._expanded[name] = max(size, self._expanded.get(name, 0))
        total = sum(self._expanded.values())
        if total > self.limits.max_total_bytes:
            raise self.error(f"the pack expands past {_megabytes(self.limits.max_total_bytes)} "
                             "in all; refused", name)

    def _capped(self, name: str, stream, compressed: int | None) -> bytes:
        limit = self.limits.max_entry_bytes
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise self.error(f"expands past {_megabytes(limit)}, the limit for one file "
                                 "(a 'zip bomb'?); refused, nothing was kept", name)
            if (compressed is not None and size > self.limits.ratio_floor_bytes
                    and size > self.limits.max_ratio * max(compressed, 1)):
                raise self.error(f"expands more than {self.limits.max_ratio} times its "
                                 f"compressed size ({_megabytes(compressed)}), as zip bombs do; "
                                 "refused", name)
            chunks.append(chunk)
        self._account(name, size)
        return b"".join(chunks)


class ZipSource(PackSource):
    """A ``.catpack`` file. Refuses, on opening, anything an honest pack never holds."""

    def __init__(self, path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS,
                 label: str | None = None):
        path = Path(path)
        super().__init__(label or path.name, limits)
        self.path = path
        try:
            size = path.stat().st_size
        except OSError as error:
            raise self.error(f"cannot be read: {error.strerror or error}") from None
        if size > limits.max_archive_bytes:
            raise self.error(f"the file is {_megabytes(size)}; a pack may be at most "
                             f"{_megabytes(limits.max_archive_bytes)}")
        try:
            self._zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise self.error("is not a .catpack file (a .catpack is a zip archive, and this "
                             "file is not one or is damaged)") from None
        except OSError as error:
            raise self.error(f"cannot be read: {error.strerror or error}") from None
        try:
            self._infos = self._checked_entries()
        except PackError:
            self._zip.close()
            raise

    def close(self) -> None:
        self._zip.close()

    def _checked_entries(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > self.limits.max_entries:
            raise self.error(f"the pack holds {len(infos):,} entries (at most "
                             f"{self.limits.max_entries:,})")
        files: dict[str, zipfile.ZipInfo] = {}
        declared_total = 0
        names: list[str] = []
        for info in infos:
            try:
                name = checked_name(info.filename, self.limits)
            except UnsafeName as why:
                raise self.error(f"unsafe path refused: {why}", repr(info.filename)) from None
            kind = stat.S_IFMT(info.external_attr >> 16)
            if stat.S_ISLNK(info.external_attr >> 16):
                raise self.error("is a symbolic link; a pack holds plain files only (a link "
                                 "could point outside the pack)", name)
            if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise self.error("is not a plain file (a device, pipe or socket entry)", name)
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise self.error("is encrypted; a pack's files must be readable", name)
            if info.compress_type not in _READABLE_METHODS:
                raise self.error(f"uses zip compression method {info.compress_type}; packs use "
                                 "deflate or no compression", name)
            if info.file_size > self.limits.max_entry_bytes:
                raise self.error(f"says it expands to {_megabytes(info.file_size)}, past the "
                                 f"{_megabytes(self.limits.max_entry_bytes)} allowed for one "
                                 "file; refused", name)
            if (info.file_size > self.limits.ratio_floor_bytes
                    and info.file_size > self.limits.max_ratio * max(info.compress_size, 1)):
                raise self.error(f"expands {info.file_size // max(info.compress_size, 1):,} "
                                 f"times its compressed size (at most {self.limits.max_ratio}), "
                                 "as zip bombs do; refused", name)
            declared_total += info.file_size
            names.append(name)
            files[name] = info
        if declared_total > self.limits.max_total_bytes:
            raise self.error(f"its files expand to {_megabytes(declared_total)} in all, past "
                             f"the {_megabytes(self.limits.max_total_bytes)} allowed")
        self._index(names)
        return files

    def read(self, name: str) -> bytes:
        self._check_known(name)
        info = self._infos[name]
        try:
            with self._zip.open(info) as stream:
                return self._capped(name, stream, info.compress_size)
        except PackError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                NotImplementedError, RuntimeError) as error:
            raise self.error(f"is damaged and cannot be read ({error})", name) from None


class FolderSource(PackSource):
    """A pack's source folder, as an instructor edits it. Links are refused, not followed."""

    def __init__(self, path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS,
                 label: str | None = None):
        path = Path(path)
        super().__init__(label or path.name or str(path), limits)
        if not path.is_dir():
            raise self.error("is not a folder")
        self.root = path.resolve()
        self._index(self._walk())

    def _walk(self) -> list[str]:
        names: list[str] = []
        pending = [("", self.root)]
        while pending:
            prefix, folder = pending.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError as error:
                raise self.error(f"cannot be read: {error.strerror or error}",
                                 prefix or None) from None
            for entry in entries:
                name = prefix + entry.name
                if is_ignored(name):
                    continue
                if entry.is_symlink():
                    raise self.error("is a symbolic link; a pack holds plain files only (a link "
                                     "could point outside the pack)", name)
                try:
                    checked_name(name, self.limits)
                except UnsafeName as why:
                    raise self.error(f"unsafe path refused: {why}", name) from None
                if entry.is_dir(follow_symlinks=False):
                    pending.append((name + "/", Path(entry.path)))
                elif entry.is_file(follow_symlinks=False):
                    names.append(name)
                else:
                    raise self.error("is not a plain file (a device, pipe or socket)", name)
                if len(names) > self.limits.max_entries:
                    raise self.error(f"the pack folder holds more than "
                                     f"{self.limits.max_entries:,} files")
        return names

    def read(self, name: str) -> bytes:
        self._check_known(name)
        path = self.root.joinpath(*name.split("/"))
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            descriptor = os.open(path, flags)
        except OSError as error:
            raise self.error(f"cannot be read: {error.strerror or error}", name) from None
        with os.fdopen(descriptor, "rb") as stream:
            return self._capped(name, stream, None)
