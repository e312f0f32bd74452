"""A fast path for reading ISO 2709 files to validate them (``catsandbox lint`` on big files).

``sandbox.formats.iso2709`` reads any file, however damaged, and says what it repaired. Most
files are not damaged: every record's length in Leader/00-04 lands on its record terminator, its
base address and directory agree with its field terminators. For such files this module finds
the records from their leader lengths alone (so a file can be split into byte ranges, one per
process) and builds each clean record directly. The moment a record is anything but plain —
a directory that disagrees with the data, a blank in a tag, bytes that are not valid UTF-8, a
MARC-8 problem, an undeclared encoding — it is handed to the full reader's decoder instead, so
the records and the reader problems are exactly those ``read_file`` gives (a test compares them
on every corpus file).
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Iterator
from functools import partial
from itertools import accumulate

from pymarc import Field, Indicators, Record, Subfield

from sandbox.formats.iso2709 import read_record_at
from sandbox.formats.marc8 import decode_marc8
from sandbox.formats.problems import ReadItem
from sandbox.records.marc import new_record

_LEADER = 24
_BOM = b"\xef\xbb\xbf"
#: Bytes the full reader skips between records (line ends, padding, end-of-file marks).
_FILLER = frozenset(b" \r\n\t\x00\x1a\x1d")
_new_field = Field.__new__
_new_tuple = tuple.__new__
_subfield = partial(tuple.__new__, Subfield)
#: A subfield: the delimiter, a one-character code, the value up to the next delimiter.
_SUBFIELD = re.compile("\x1f(.)([^\x1f]*)", re.DOTALL)
_HIGH_BYTES = re.compile(rb"[\x80-\xff]+")
#: A subfield with nothing in it: a delimiter followed by another or by the field's end.
_EMPTY_SUBFIELD = re.compile("\x1f[\x1f\x1e]")
#: A directory entry the reader takes as it is: a tag of printable ASCII without blanks, then
#: the field's length (4 digits) and start (5 digits).
_ENTRY = re.compile(r"([!-~]{3})([0-9]{4})([0-9]{5})")
_BASE, _COMBINING, _SKIPPED = 0, 1, 2


def _ansel_table() -> list[tuple[int, str] | None]:
    """What each byte 0x80-0xFF becomes in the default MARC-8 sets (Basic Latin and ANSEL),
    learnt from ``decode_marc8`` itself so that the two cannot disagree: a letter, a combining
    mark (written after the letter that follows it), nothing (the second half of a double
    diacritic), or None when the byte is no character there."""
    table: list[tuple[int, str] | None] = [None] * 256
    for byte in range(0x80, 0x100):
        text, problems = decode_marc8(bytes([byte]) + b"a")
        if problems:
            continue
        if text == "a":
            table[byte] = (_SKIPPED, "")
        elif len(text) == 2 and text[0] == "a":
            table[byte] = (_COMBINING, text[1])
        elif len(text) == 2 and text[1] == "a":
            table[byte] = (_BASE, text[0])
    return table


_ANSEL = _ansel_table()


def _marc8_text(raw: bytes) -> str | None:
    """MARC-8 text in the default sets (ASCII letters, ANSEL diacritics and special letters) as
    Unicode, as ``decode_marc8`` gives it; None for anything else (escape sequences to other
    scripts, character references, unmappable bytes, a diacritic with no letter after it)."""
    if b"\x1b" in raw or b"&#x" in raw:
        return None
    out: list[str] = []
    pending = ""  # combining marks waiting for their letter
    pos = 0
    for match in _HIGH_BYTES.finditer(raw):
        start, end = match.span()
        if start > pos:
            run = raw[pos:start]
            if pending:
                first = run[0]
                if first < 0x20 or first == 0x7F:
                    return None
                out += (chr(first), pending, run[1:].decode("ascii"))
                pending = ""
            else:
                out.append(run.decode("ascii"))
            if run[-1] == 0x1F:
                return None  # a subfield code that is not ASCII
        for byte in raw[start:end]:
            entry = _ANSEL[byte]
            if entry is None:
                return None
            kind, char = entry
            if kind == _COMBINING:
                pending += char
            elif kind == _BASE:
                out.append(char)
                if pending:
                    out.append(pending)
                    pending = ""
        pos = end
    tail = raw[pos:]
    if pending:
        if not tail or tail[0] < 0x20 or tail[0] == 0x7F:
            return None
        out += (chr(tail[0]), pending, tail[1:].decode("ascii"))
    else:
        out.append(tail.decode("ascii"))
    return "".join(out)


def plain_record_offsets(data: bytes | mmap.mmap) -> list[int] | None:
    """Start offsets of the records when every record's declared length ends on its record
    terminator with no other terminator inside, and only filler lies between records; else None.

    For such a file the full reader's scanner finds exactly these records (it checks more only
    when the lengths and terminators disagree).
    """
    offsets = []
    size = len(data)
    pos = 3 if data[:3] == _BOM else 0
    while pos < size:
        if data[pos] in _FILLER:
            pos += 1  # line ends and padding between records, skipped as the scanner does
            continue
        head = data[pos : pos + 5]
        if not head.isdigit():
            return None
        declared = int(head)
        end = pos + declared
        if declared <= _LEADER or end > size or data[end - 1] != 0x1D:
            return None
        if data.find(b"\x1d", pos, end - 1) >= 0:
            return None
        offsets.append(pos)
        pos = end
    return offsets


#: Tags pymarc (and the full reader) treat as control fields: digits below 010.
_CONTROL_TAGS = frozenset(f"{number:03d}" for number in range(10))


def _fields(tags: list[str], texts: list[str]) -> list[Field] | None:
    """The fields, when every data field has two indicators and no empty subfield (the whole
    record was checked for empty subfields by the caller); else None."""
    fields = []
    append = fields.append
    control_tags = _CONTROL_TAGS
    findall = _SUBFIELD.findall
    for tag, text in zip(tags, texts):
        field = _new_field(Field)
        field.tag = tag
        if tag in control_tags:
            field.control_field = True
            field.data = text
            field._indicators = None
            field.subfields = []
        else:
            first = text.find("\x1f")
            if first != 2 and (first != -1 or len(text) != 2):
                return None  # not two indicators: the reader pads or cuts them, and says so
            field.control_field = False
            field.data = None
            field._indicators = _new_tuple(Indicators, text[:2])
            field.subfields = list(map(_subfield, findall(text, 2)))
        append(field)
    return fields


def _text(raw: bytes, marc8: bool) -> str | None:
    if not marc8:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if raw.isascii() and b"\x1b" not in raw:
        return raw.decode("ascii")
    text = _marc8_text(raw)
    if text is None:
        text, problems = decode_marc8(raw)
        if problems:
            return None
    return text


def _laid_out_in_order(body: bytes, lengths: tuple[str, ...], starts: tuple[str, ...]
                       ) -> list[bytes] | None:
    """The fields' bytes when they follow one another in directory order (as nearly every
    record's do), checked against the directory's lengths and starts; else None."""
    pieces = body.split(b"\x1e")
    if len(pieces) != len(lengths) + 1 or pieces[-1] != b"\x1d":
        return None
    del pieces[-1]
    sizes = [len(piece) + 1 for piece in pieces]
    if list(map(int, lengths)) != sizes or list(map(int, starts)) != [0, *accumulate(sizes)][:-1]:
        return None
    return pieces


def _pieces_by_directory(data: bytes, base: int, lengths, starts) -> list[bytes] | None:
    """The fields' bytes found entry by entry (fields stored out of directory order)."""
    pieces = []
    size = len(data)
    for length, start in zip(lengths, starts):
        begin = base + int(start)
        stop = begin + int(length)
        if stop <= begin or stop > size or data[stop - 1] != 0x1E:
            return None
        pieces.append(data[begin : stop - 1])
    return pieces


def decode_plain(data: bytes) -> Record | None:
    """The record in ``data`` when nothing in it needs repair or comment; else None."""
    if len(data) < _LEADER + 2 or not data[:5].isdigit():
        return None
    directory_end = data.find(b"\x1e", _LEADER)
    written = data[12:17]
    if directory_end < 0 or not written.isdigit() or int(written) != directory_end + 1:
        return None
    base = directory_end + 1
    directory = data[_LEADER:directory_end]
    if not directory.isascii():
        return None
    entries = _ENTRY.findall(directory.decode("ascii"))
    if len(entries) * 12 != len(directory) or not entries:
        return None
    tags, lengths, starts = zip(*entries)
    leader = data[:_LEADER].decode("latin-1")
    body = data[base:]
    scheme = leader[9]
    marc8 = scheme != "a"
    if marc8:
        if not body.isascii():
            if b"\x1b" not in body:
                try:
                    body.decode("utf-8")
                except UnicodeDecodeError:
                    pass
                else:
                    return None  # undeclared UTF-8: the reader warns and reads it as UTF-8
            if scheme != " ":
                return None  # the reader warns about an unknown Leader/09
        leader = leader[:9] + "a" + leader[10:]
    pieces = _laid_out_in_order(body, lengths, starts)
    texts: list[str] | None = None
    if pieces is not None and (not marc8 or (body.isascii() and b"\x1b" not in body)):
        try:
            whole = body[:-2].decode("utf-8")  # the fields without the last two terminators
        except UnicodeDecodeError:
            return None
        if _EMPTY_SUBFIELD.search(whole) or whole.endswith("\x1f"):
            return None  # an empty subfield the reader drops, and says so
        texts = whole.split("\x1e")
    else:
        pieces = pieces or _pieces_by_directory(data, base, lengths, starts)
        if pieces is None:
            return None
        texts = []
        for raw in pieces:
            text = _text(raw, marc8)
            if text is None or "\x1f\x1f" in text or text.endswith("\x1f"):
                return None  # undecodable, or an empty subfield the reader drops
            texts.append(text)
    fields = _fields(tags, texts)
    return None if fields is None else new_record(leader, fields)


def read_range(path: str, start: int, end: int, first_number: int) -> Iterator[ReadItem]:
    """The records of a plain file (see ``plain_record_offsets``) between two record offsets,
    numbered from ``first_number``; a record that is not plain is read by the full reader."""
    with open(path, "rb") as stream:
        stream.seek(start)
        chunk = stream.read(end - start)
    pos, number, size = 0, first_number, len(chunk)
    while pos < size:
        if chunk[pos] in _FILLER:
            pos += 1
            continue
        declared = int(chunk[pos : pos + 5])
        data = chunk[pos : pos + declared]
        record = decode_plain(data)
        if record is None:
            yield read_record_at(path, number, start + pos, declared)
        else:
            yield ReadItem(number=number, record=record, offset=start + pos, length=declared)
        pos += declared
        number += 1
