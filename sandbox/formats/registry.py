"""The formats Catalog Sandbox reads and writes, how a file's format is recognised, and one way in.

``read_file(path)`` yields a ``ReadItem`` per record whatever the format; ``open_writer(path)``
writes atomically, turning MARC records into Dublin Core through LC's crosswalk when the target
is a Dublin Core format.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from pymarc import Record

from sandbox.fileio import atomic_write
from sandbox.formats.dcxml import DctermsWriter, DublinCoreReader, OaiDcWriter
from sandbox.formats.iso2709 import Iso2709Reader, Iso2709Writer
from sandbox.formats.marcjson import MarcJsonReader, MarcJsonWriter
from sandbox.formats.marcxml import MARC_NAMESPACE, MarcXmlReader, MarcXmlWriter
from sandbox.formats.mrk import MrkReader, MrkWriter
from sandbox.formats.problems import (
    AnyRecord,
    ReadItem,
    ReadProblem,
    WriteError,
    shown_bytes,
)
from sandbox.records.dublin_core import DublinCoreRecord

MARC, DUBLIN_CORE = "marc", "dc"


class Writer(Protocol):
    def write(self, record: AnyRecord) -> None: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    extensions: tuple[str, ...]
    kind: str  # MARC or DUBLIN_CORE: the records it holds
    reader: Callable[[BinaryIO, str], Iterator[ReadItem]] | None
    writer: Callable[[BinaryIO], Writer] | None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("marc", "MARC 21 (ISO 2709)", (".mrc", ".marc", ".dat", ".iso", ".usmarc", ".mrc8"),
               MARC, Iso2709Reader, Iso2709Writer),
        Format("marcxml", "MARCXML", (".xml", ".marcxml"), MARC, MarcXmlReader, MarcXmlWriter),
        Format("mrk", "MARC mnemonic text (MarcEdit .mrk)", (".mrk", ".txt"), MARC, MrkReader,
               MrkWriter),
        Format("json", "MARC-in-JSON", (".json", ".jsonl"), MARC, MarcJsonReader, MarcJsonWriter),
        Format("oai_dc", "Dublin Core (oai_dc XML)", (".xml",), DUBLIN_CORE, DublinCoreReader,
               OaiDcWriter),
        Format("dcterms", "Dublin Core (dcterms XML)", (".xml",), DUBLIN_CORE, DublinCoreReader,
               DctermsWriter),
        Format("dc", "Dublin Core (simple DC XML)", (".xml",), DUBLIN_CORE, DublinCoreReader, None),
    )
}

_XML_ROOT = re.compile(rb"<(?![?!])([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def sniff(head: bytes) -> Format | None:
    """Recognise a format from the first bytes of a file (a few kilobytes are plenty)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n\x00\x1a")
    if not text:
        return None
    if text[:1] == b"<":
        if MARC_NAMESPACE.encode() in head or b"info:lc/xmlns/marcxchange" in head:
            return FORMATS["marcxml"]
        if b"purl.org/dc/terms" in head:
            return FORMATS["dcterms"]
        if b"purl.org/dc/elements" in head or b"openarchives.org/OAI/2.0/oai_dc" in head:
            return FORMATS["oai_dc"]
        if re.search(rb"<(\w+:)?(leader|controlfield|datafield)[\s>]", head):
            return FORMATS["marcxml"]  # MARCXML written without its namespace
        return None
    if text[:1] in (b"{", b"["):
        return FORMATS["json"]
    if re.match(rb"=(LDR|000|\w{3}) ", text):
        return FORMATS["mrk"]
    if text[:5].isdigit():
        return FORMATS["marc"]
    return None


def format_for_extension(path: str | os.PathLike[str], writing: bool = False) -> Format | None:
    """The format a file name suggests (for ``.xml``: MARCXML, unless the content says otherwise)."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions and (fmt.writer is not None or not writing):
            return fmt
    return None


_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def _utf8(head: bytes) -> bytes:
    """The start of a file as UTF-8, for recognising it (UTF-16 text files are converted)."""
    if head.startswith(_UTF16_MARKS):
        return head[: len(head) // 2 * 2].decode("utf-16", "replace").encode("utf-8")
    return head


def detect_format(path: str | os.PathLike[str]) -> Format | None:
    """The format of an existing file: from its content first, from its name second."""
    with open(path, "rb") as handle:
        head = _utf8(handle.read(8192))
    return sniff(head) or (format_for_extension(path) if head.strip() else None)


def read_file(
    path: str | os.PathLike[str],
    fmt: Format | None = None,
    select: Callable[[int], bool] | None = None,
) -> Iterator[ReadItem]:
    """Every record slot of a file, good or bad. OSError for a missing or unreadable file;
    anything wrong *inside* the file comes back as a ``ReadItem`` with problems, never raised.
    ``select(number)``, if given, keeps only the records whose number it accepts."""
    label = str(path)
    fmt = fmt or detect_format(path)
    with open(path, "rb") as raw:
        stream = raw
        if raw.read(2) in _UTF16_MARKS and fmt is not None and fmt.name in ("mrk", "json"):
            # Windows editors save "Unicode" text as UTF-16; the text readers want UTF-8.
            raw.seek(0)
            stream = codecs.EncodedFile(raw, "utf-8", "utf-16")
        else:
            raw.seek(0)
        if fmt is None or fmt.reader is None:
            head = stream.read(16)
            if not head.strip():
                return
            item = ReadItem(number=1, record=None, offset=0)
            item.add(ReadProblem(label, 1, f"not a format Catalog Sandbox reads (it starts "
                                 f"with {shown_bytes(head)}); open MARC 21, MARCXML, .mrk, "
                                 "MARC-in-JSON or "
                                 "Dublin Core XML", offset=0))
            yield item
            return
        if select is None:
            yield from fmt.reader(stream, label)
        elif fmt.reader is Iso2709Reader:  # skips unselected records without decoding them
            yield from Iso2709Reader(stream, label, select)
        else:
            yield from (item for item in fmt.reader(stream, label) if select(item.number))


def convert_record(record: AnyRecord, target: Format) -> AnyRecord:
    """The record in the kind ``target`` holds: MARC → Dublin Core by LC's crosswalk."""
    if target.kind == DUBLIN_CORE and isinstance(record, Record):
        from sandbox.formats.crosswalk import marc_to_dc

        return marc_to_dc(record, qualified=target.name == "dcterms")
    if target.kind == MARC and isinstance(record, DublinCoreRecord):
        raise WriteError("a Dublin Core record cannot be written as MARC (there is no "
                         "DC → MARC crosswalk)")
    return record


class RecordWriter:
    """Writes records of either kind to one format, converting where the format needs it."""

    def __init__(self, stream: BinaryIO, fmt: Format):
        if fmt.writer is None:
            raise ValueError(f"{fmt.label} can be read but not written")
        self.format = fmt
        self._stream = stream
        self._writer = fmt.writer(stream)

    def position(self) -> int:
        """Bytes written so far (where the next record starts in the file)."""
        return self._stream.tell()

    def write(self, record: AnyRecord) -> None:
        try:
            self._writer.write(convert_record(record, self.format))
        except UnicodeEncodeError as error:  # e.g. a lone surrogate from a damaged JSON file
            raise WriteError(f"it holds a character that cannot be written in UTF-8 "
                             f"(U+{ord(error.object[error.start]):04X})") from error

    def close(self) -> None:
        self._writer.close()


@contextmanager
def open_writer(path: str | os.PathLike[str], fmt: Format) -> Iterator[RecordWriter]:
    """Write a file atomically: it appears complete when the block ends, or not at all."""
    with atomic_write(path) as stream:
        writer = RecordWriter(stream, fmt)
        yield writer
        writer.close()


def format_for_saving(path: str | os.PathLike[str], chosen: str | None = None,
                      kind: str | None = None) -> Format | None:
    """The format to write ``path`` in: the one the learner chose when it takes this extension
    (.xml is MARCXML, oai_dc or dcterms), otherwise the extension's — for records of ``kind``,
    the first writable format of that kind with this extension — otherwise the choice."""
    suffix = Path(path).suffix.lower()
    picked = FORMATS.get(chosen) if chosen else None
    if picked is not None and picked.writer is not None and (suffix in picked.extensions or not suffix):
        return picked
    if kind is not None:
        for fmt in ("dcterms", "oai_dc") if kind == DUBLIN_CORE else FORMATS:
            candidate = FORMATS[fmt]
            if candidate.kind == kind and candidate.writer is not None and suffix in candidate.extensions:
                return candidate
    return format_for_extension(path, writing=True) or picked
