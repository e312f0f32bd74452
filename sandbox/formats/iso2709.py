"""ISO 2709 (MARC 21 transmission format, ``.mrc``): a streaming, damage-tolerant reader and a writer.

The reader never trusts one number alone. The record length in the leader is checked against the
record terminator, the base address against the directory terminator, each directory entry
against the field terminator it points at; where they disagree the reader uses the evidence that
is consistent, says what it repaired, and only gives a record up when its fields cannot be told
apart. Source: LC, "MARC 21 Specifications for Record Structure, Character Sets, and Exchange
Media — Record Structure" (https://www.loc.gov/marc/specifications/specrecstruc.html).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from pymarc import Field, Indicators, Record, Subfield

from sandbox.formats.marc8 import decode_marc8
from sandbox.formats.problems import (
    ERROR,
    WARNING,
    ReadItem,
    ReadProblem,
    WriteError,
    count,
    shown_bytes,
)
from sandbox.records.marc import new_record

RECORD_TERMINATOR = 0x1D
FIELD_TERMINATOR = 0x1E
SUBFIELD_DELIMITER = "\x1f"
LEADER_LENGTH = 24
ENTRY_LENGTH = 12
MAX_RECORD_LENGTH = 99_999
MAX_FIELD_LENGTH = 9_999
#: How far past a record's start the reader looks for its terminator before giving the file up.
SCAN_LIMIT = 8 << 20
_CHUNK = 1 << 20
#: Bytes that real files carry between records (line ends, padding, DOS end-of-file marks).
_FILLER = frozenset(b" \r\n\t\x00\x1a\x1d")
_BYTE_ORDER_MARK = b"\xef\xbb\xbf"
_LEADER_START = re.compile(rb"\d{5}[a-z ][a-z]")


def _looks_like_leader(data: bytes) -> bool:
    """A strict test for "a record starts here": lengths in digits and a first directory entry."""
    return (
        len(data) >= 36
        and data[:5].isdigit()
        and (data[5:6].isalpha() or data[5] == 0x20)
        and data[6:7].isalpha()
        and data[12:17].isdigit()
        and data[20:22].isdigit()
        and data[27:36].isdigit()
    )


class _Scanner:
    """Finds record boundaries in a byte stream without holding the whole file."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self._buffer = b""
        self._start = 0  # file offset of _buffer[0]
        self._eof = False

    def _fill(self, until: int) -> bool:
        """Make sure the buffer reaches file offset ``until``; False if the file is shorter."""
        while self._start + len(self._buffer) < until and not self._eof:
            chunk = self._stream.read(max(_CHUNK, until - self._start - len(self._buffer)))
            if not chunk:
                self._eof = True
                break
            self._buffer += chunk
        return self._start + len(self._buffer) >= until

    def _byte(self, offset: int) -> int | None:
        return self._buffer[offset - self._start] if self._fill(offset + 1) else None

    def _slice(self, begin: int, end: int) -> bytes:
        self._fill(end)
        return self._buffer[begin - self._start : end - self._start]

    def _find_terminator(self, begin: int, limit: int) -> int:
        """File offset of the next record terminator at or after ``begin``, or -1."""
        searched = begin
        while True:
            found = self._buffer.find(b"\x1d", searched - self._start)
            if found >= 0 and found + self._start < limit:
                return found + self._start
            searched = self._start + len(self._buffer)
            if searched >= limit or not self._fill(searched + 1):
                return -1

    def _drop_before(self, offset: int) -> None:
        cut = offset - self._start
        if cut > _CHUNK:
            self._buffer = self._buffer[cut:]
            self._start = offset

    def _embedded_record_start(self, begin: int, end: int) -> int | None:
        span = self._slice(begin, end)
        for match in _LEADER_START.finditer(span, 1):
            start = match.start()
            if start + int(span[start : start + 5]) == len(span) and _looks_like_leader(
                span[start : start + 36]
            ):
                return begin + start
        return None

    def chunks(self) -> Iterator[tuple[int, bytes, str | None, bool]]:
        """(offset, bytes, note, complete): each record's bytes, with a note on how it was cut."""
        pos = len(_BYTE_ORDER_MARK) if self._slice(0, 3) == _BYTE_ORDER_MARK else 0
        while True:
            self._drop_before(pos)
            byte = self._byte(pos)
            while byte is not None and byte in _FILLER:
                pos += 1
                byte = self._byte(pos)
            if byte is None:
                return
            head = self._slice(pos, pos + LEADER_LENGTH)
            declared = int(head[:5]) if head[:5].isdigit() else 0
            note = None
            if declared > LEADER_LENGTH and self._byte(pos + declared - 1) == RECORD_TERMINATOR:
                end = pos + declared
                # A length too long may still land on a terminator: the next record's. If a
                # record terminator inside the declared length is followed by a leader, the
                # record ends there (otherwise the next record would be swallowed silently).
                early = self._find_terminator(pos, end - 1)
                if early >= 0 and _looks_like_leader(self._slice(early + 1, early + 37)):
                    end = early + 1
                    note = (
                        f"Leader/00-04 says the record is {declared} bytes long but it is "
                        f"{end - pos}; read up to its record terminator"
                    )
            else:
                terminator = self._find_terminator(pos, pos + SCAN_LIMIT)
                if terminator < 0:
                    rest = self._slice(pos, pos + SCAN_LIMIT)
                    yield pos, rest, None, False
                    if len(rest) >= SCAN_LIMIT:
                        return  # nothing MARC-like for megabytes: stop reading this file
                    pos += len(rest)
                    continue
                end = terminator + 1
                if declared and end > pos + declared:
                    if _looks_like_leader(self._slice(pos + declared, pos + declared + 36)):
                        end = pos + declared  # the terminator is missing, the next record starts
                        note = (
                            "the record has no record terminator (0x1D) at its end; "
                            f"used the length in the leader, {declared}"
                        )
                if note is None and declared != end - pos:
                    # A record cut short mid-file runs on into the next one: if a leader inside
                    # the span declares a length that ends exactly at this terminator, the next
                    # record starts there and the cut record ends before it.
                    inner = self._embedded_record_start(pos, end)
                    if inner is not None and inner == pos + declared - 1:
                        # Only the record terminator is missing: the next leader starts where
                        # the terminator should have been.
                        note = ("the record has no record terminator (0x1D) at its end; used "
                                f"the length in the leader, {declared}")
                        yield pos, self._slice(pos, inner), note, True
                        pos = inner
                        continue
                    if inner is not None:
                        cut = (f"the record is cut short: another record starts {inner - pos} "
                               "bytes in, before this one reached its record terminator (0x1D)")
                        yield pos, self._slice(pos, inner), cut, False
                        pos = inner
                        continue
                if note is None and declared != end - pos and head[:5].isdigit():
                    note = (
                        f"Leader/00-04 says the record is {declared} bytes long but it is "
                        f"{end - pos}; read up to its record terminator"
                    )
            yield pos, self._slice(pos, end), note, True
            pos = end


class Iso2709Reader:
    """Reads ISO 2709 records one at a time; yields a ``ReadItem`` per record slot."""

    def __init__(self, stream: BinaryIO, path: str, select=None):
        """``select(number)`` false skips a record without decoding it (work split by number)."""
        self._stream = stream
        self._path = path
        self._select = select

    def __iter__(self) -> Iterator[ReadItem]:
        number = 0
        for offset, data, note, complete in _Scanner(self._stream).chunks():
            number += 1
            if self._select is not None and not self._select(number):
                continue
            item = ReadItem(number=number, record=None, offset=offset, length=len(data))
            if not complete and len(data) >= SCAN_LIMIT:
                self._problem(
                    item,
                    f"no record terminator (0x1D) in the next {len(data):,} bytes; this is "
                    "not MARC data, and the rest of the file was not read",
                )
            elif not complete and note:
                self._problem(item, note)
            elif not complete:
                self._problem(
                    item,
                    f"the file ends with {count(len(data), 'byte')} that "
                    f"{'is' if len(data) == 1 else 'are'} not a complete record "
                    "(no record terminator, 0x1D)",
                )
            else:
                if note:
                    self._problem(item, note, WARNING, place="LDR/00-04")
                _RecordDecoder(self, item, data).decode()
            yield item

    def _problem(
        self,
        item: ReadItem,
        message: str,
        severity: str = ERROR,
        at: int | None = None,
        place: str | None = None,
    ) -> None:
        item.add(
            ReadProblem(
                path=self._path,
                record_number=item.number,
                message=message,
                severity=severity,
                offset=item.offset + (at or 0),
                place=place,
            )
        )


class _RecordDecoder:
    """Turns one record's bytes into a pymarc ``Record``, noting every repair it makes."""

    def __init__(self, reader: Iso2709Reader, item: ReadItem, data: bytes):
        self.reader, self.item, self.data = reader, item, data

    def warn(self, message: str, at: int | None = None, place: str | None = None) -> None:
        self.reader._problem(self.item, message, WARNING, at, place)

    def fail(self, message: str, at: int | None = None, place: str | None = None) -> None:
        self.reader._problem(self.item, message, ERROR, at, place)

    def decode(self) -> None:
        data = self.data
        if len(data) < LEADER_LENGTH + 2:
            self.fail(f"only {count(len(data), 'byte')}: too short to hold a leader and a field")
            return
        if not data[:5].isdigit():
            self.fail(
                f"does not start with a leader: Leader/00-04 should be the record length "
                f"in digits, found {shown_bytes(data[:5])}",
                place="LDR/00-04",
            )
            return
        leader = data[:LEADER_LENGTH].decode("latin-1")
        base = self._base_address(leader)
        if base is None:
            return
        entries = self._directory(base)
        if entries is None:
            return
        encoding = self._encoding(leader, base)
        fields = self._fields(entries, base, encoding)
        if fields is None:
            return
        if encoding != "utf-8-declared":
            leader = leader[:9] + "a" + leader[10:]  # the text is Unicode from here on
        self.item.record = new_record(leader, fields)

    def _base_address(self, leader: str) -> int | None:
        data = self.data
        directory_end = data.find(b"\x1e", LEADER_LENGTH)
        if directory_end < 0:
            self.fail("no field terminator (0x1E) after the directory", at=LEADER_LENGTH)
            return None
        written = leader[12:17]
        if written.isdigit() and int(written) == directory_end + 1:
            return directory_end + 1
        self.warn(
            f"Leader/12-16 base address is '{written}' but the directory ends "
            f"{directory_end} bytes into the record; used base address {directory_end + 1}",
            at=12,
            place="LDR/12-16",
        )
        return directory_end + 1

    def _directory(self, base: int) -> list[tuple[str, int, int]] | None:
        raw = self.data[LEADER_LENGTH : base - 1]
        if len(raw) % ENTRY_LENGTH:
            self.warn(
                f"the directory is {len(raw)} bytes, not a multiple of 12; "
                f"the last {len(raw) % ENTRY_LENGTH} bytes were ignored",
                at=LEADER_LENGTH,
            )
        entries = []
        for index in range(len(raw) // ENTRY_LENGTH):
            at = index * ENTRY_LENGTH
            entry = raw[at : at + ENTRY_LENGTH]
            try:
                tag = entry[:3].decode("ascii")
            except UnicodeDecodeError:
                tag = ""
            if len(tag) != 3 or not tag.isprintable() or not tag.strip():
                self.fail(
                    f"directory entry {index + 1} has tag {shown_bytes(entry[:3])}, which is not a "
                    "MARC tag (the directory is damaged)",
                    at=LEADER_LENGTH + at,
                )
                return None
            if " " in tag:
                self.warn(f"directory entry {index + 1} has tag '{tag}' with a blank in it; kept "
                          "as it is", at=LEADER_LENGTH + at, place=tag)
            length = int(entry[3:7]) if entry[3:7].isdigit() else -1
            start = int(entry[7:12]) if entry[7:12].isdigit() else -1
            entries.append((tag, length, start))
        return entries

    def _encoding(self, leader: str, base: int) -> str:
        """'utf-8-declared', 'utf-8' (found though not declared) or 'marc-8'."""
        scheme = leader[9]
        body = self.data[base:]
        if scheme == "a":
            return "utf-8-declared"
        if body.isascii():
            return "marc-8"
        if b"\x1b" not in body:
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                self.warn(
                    f"Leader/09 is '{scheme}' (MARC-8) but the data is UTF-8 Unicode; read it "
                    "as UTF-8 and set Leader/09 to 'a'",
                    at=9,
                    place="LDR/09",
                )
                return "utf-8"
        if scheme != " ":
            self.warn(
                f"Leader/09 is '{scheme}', which names no character coding; read as MARC-8",
                at=9,
                place="LDR/09",
            )
        return "marc-8"

    def _field_spans(
        self, entries: list[tuple[str, int, int]], base: int
    ) -> list[tuple[str, int, int]] | None:
        """(tag, start, end) of each field's data (terminator excluded), repaired if needed."""
        data = self.data
        spans = []
        consistent = True
        for tag, length, start in entries:
            begin, stop = base + start, base + start + length
            if length < 1 or start < 0 or stop > len(data):
                consistent = False
                break
            last = data[stop - 1]
            if last == FIELD_TERMINATOR:
                spans.append((tag, begin, stop - 1))
            elif last == RECORD_TERMINATOR and stop == len(data):
                self.warn(f"field {tag} has no field terminator (0x1E)", at=stop - 1, place=tag)
                spans.append((tag, begin, stop - 1))
            else:
                consistent = False
                break
        if consistent:
            return spans
        # Directory lengths or offsets are wrong: fall back to the field terminators, if they
        # divide the data into exactly as many fields as the directory lists.
        body_end = len(data) - 1 if data[-1] == RECORD_TERMINATOR else len(data)
        pieces, cursor = [], base
        while cursor < body_end:
            stop = data.find(b"\x1e", cursor, body_end)
            stop = body_end if stop < 0 else stop
            pieces.append((cursor, stop))
            cursor = stop + 1
        if len(pieces) != len(entries):
            self.fail(
                f"the directory lists {len(entries)} fields but the data holds {len(pieces)}, "
                "and the directory's lengths and offsets do not match the data; the fields "
                "cannot be told apart",
                at=LEADER_LENGTH,
            )
            return None
        # Only trust that pairing if the pieces look like the fields their tags promise: data
        # fields open with two indicators and a subfield delimiter, control fields do not.
        mismatched = sum(
            (tag < "010" and tag.isdigit()) == (data[begin + 2 : begin + 3] == b"\x1f")
            for (tag, _, _), (begin, _) in zip(entries, pieces)
        )
        if mismatched * 5 > len(pieces):
            self.fail(
                "the directory's lengths and offsets do not match the data, and its tags do not "
                "fit the fields found by their terminators; the fields cannot be told apart",
                at=LEADER_LENGTH,
            )
            return None
        self.warn(
            "the directory's field lengths or offsets are wrong; fields were read by their "
            "field terminators instead",
            at=LEADER_LENGTH,
        )
        return [(tag, begin, stop) for (tag, _, _), (begin, stop) in zip(entries, pieces)]

    def _fields(
        self, entries: list[tuple[str, int, int]], base: int, encoding: str
    ) -> list[Field] | None:
        spans = self._field_spans(entries, base)
        if spans is None:
            return None
        fields = []
        for tag, begin, end in spans:
            text = self._text(self.data[begin:end], encoding, begin, tag)
            if tag < "010" and tag.isdigit():
                fields.append(Field(tag=tag, data=text))
                continue
            parts = text.split(SUBFIELD_DELIMITER)
            indicators = parts[0]
            if len(indicators) != 2:
                self.warn(
                    f"field {tag} has {len(indicators)} indicator characters "
                    f"({indicators!r}) instead of 2; "
                    + ("kept the first two" if len(indicators) > 2 else "padded with blanks"),
                    at=begin,
                    place=f"{tag}/ind1",
                )
                indicators = (indicators + "  ")[:2]
            subfields = [Subfield(part[0], part[1:]) for part in parts[1:] if part]
            if len(subfields) != len(parts) - 1:
                self.warn(f"field {tag} has an empty subfield (no code) that was dropped",
                          at=begin, place=tag)
            fields.append(
                Field(tag=tag, indicators=Indicators(indicators[0], indicators[1]),
                      subfields=subfields)
            )
        return fields

    def _text(self, raw: bytes, encoding: str, at: int, tag: str) -> str:
        if encoding != "marc-8":
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError as error:
                self.warn(
                    f"field {tag} holds bytes that are not valid UTF-8 "
                    f"(0x{raw[error.start]:02X}, {error.start} bytes into the field); "
                    "they are shown as �",
                    at=at + error.start,
                    place=tag,
                )
                return raw.decode("utf-8", "replace")
        if raw.isascii() and b"\x1b" not in raw:
            return raw.decode("ascii")
        text, problems = decode_marc8(raw)
        for offset, message in problems:
            self.warn(f"field {tag}: MARC-8 {message}", at=at + offset, place=tag)
        return text


def encode_record(record: Record) -> bytes:
    """One record as ISO 2709 bytes in UTF-8 (Leader/09 'a'); lengths and addresses computed."""
    directory, body = [], []
    offset = 0
    for field in record.fields:
        tag = field.tag
        if len(tag) != 3 or not tag.isascii() or not tag.isprintable() or not tag.strip():
            # The reader refuses such a tag in a directory (and the whole record with it).
            raise WriteError(f"tag '{tag}' is not three printable ASCII characters")
        if field.is_control_field():
            text = field.data or ""
        else:
            indicators = "".join(field.indicators or ("", ""))
            if len(indicators) != 2:
                raise WriteError(f"field {tag} must have exactly two indicators")
            for code, value in field.subfields:
                if len(code) != 1:
                    raise WriteError(f"field {tag} has a subfield code '{code}' that is not one character")
                if SUBFIELD_DELIMITER in code + value:
                    # It would be read back as the start of another subfield.
                    raise WriteError(
                        f"field {tag} subfield ${code} contains a subfield delimiter (0x1F)"
                    )
            text = indicators + "".join(
                SUBFIELD_DELIMITER + code + value for code, value in field.subfields
            )
        if "\x1d" in text or "\x1e" in text:
            raise WriteError(f"field {tag} contains a record or field terminator (0x1D/0x1E)")
        encoded = text.encode("utf-8") + b"\x1e"
        if len(encoded) > MAX_FIELD_LENGTH:
            raise WriteError(
                f"field {tag} is {len(encoded):,} bytes; ISO 2709 allows {MAX_FIELD_LENGTH:,}"
            )
        directory.append(f"{tag}{len(encoded):04d}{offset:05d}".encode("ascii"))
        body.append(encoded)
        offset += len(encoded)
    base = LEADER_LENGTH + ENTRY_LENGTH * len(directory) + 1
    total = base + offset + 1
    if total > MAX_RECORD_LENGTH:
        raise WriteError(f"the record is {total:,} bytes; ISO 2709 allows {MAX_RECORD_LENGTH:,}")
    leader = (str(record.leader) + " " * LEADER_LENGTH)[:LEADER_LENGTH]
    leader = f"{total:05d}{leader[5:9]}a{leader[10:12]}{base:05d}{leader[17:]}"
    try:
        head = leader.encode("ascii")
    except UnicodeEncodeError as error:
        raise WriteError("the leader holds characters that are not ASCII") from error
    return head + b"".join(directory) + b"\x1e" + b"".join(body) + b"\x1d"


class Iso2709Writer:
    def __init__(self, stream: BinaryIO):
        self._stream = stream

    def write(self, record: Record) -> None:
        self._stream.write(encode_record(record))

    def close(self) -> None:
        pass


def write_all(stream: BinaryIO, records: Iterable[Record]) -> None:
    writer = Iso2709Writer(stream)
    for record in records:
        writer.write(record)


def index_records(stream: BinaryIO) -> Iterator[tuple[int, int, bool]]:
    """``(offset, length, complete)`` of every record slot, without decoding any record.

    The slots are the reader's own (same damage handling), so slot N here is record N there.
    A large file can be listed from this index and each record decoded when it is shown.
    """
    for offset, data, _note, complete in _Scanner(stream).chunks():
        yield offset, len(data), complete


def read_record_at(path: str, number: int, offset: int, length: int) -> ReadItem:
    """Decode again the record a reader found at ``offset`` (lets a list keep offsets, not records)."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        data = stream.read(length)
    item = ReadItem(number=number, record=None, offset=offset, length=length)
    _RecordDecoder(Iso2709Reader(stream, path), item, data).decode()
    return item
