"""MARC-in-JSON (Ross Singer's proposal, also pymarc's ``as_json``), read as a stream.

A record is ``{"leader": "…", "fields": [{"001": "…"}, {"245": {"ind1": "1", "ind2": "0",
"subfields": [{"a": "…"}]}}]}``. A file holds one record, an array of records, or one record per
line (JSON Lines); all three are read without loading the whole file.
Source: https://web.archive.org/web/2010/http://dilettantes.code4lib.org/blog/2010/09/a-proposal-to-serialize-marc-in-json/
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from pymarc import Field, Indicators, Record, Subfield

from sandbox.formats.problems import ERROR, WARNING, ReadItem, ReadProblem
from sandbox.records.marc import new_record

_CHUNK = 1 << 16
_WHITESPACE = " \t\r\n"


def record_to_dict(record: Record) -> dict[str, Any]:
    fields: list[dict[str, Any]] = []
    for field in record.fields:
        if field.is_control_field():
            fields.append({field.tag: field.data})
        else:
            ind1, ind2 = field.indicators or (" ", " ")
            fields.append(
                {
                    field.tag: {
                        "ind1": ind1,
                        "ind2": ind2,
                        "subfields": [{code: value} for code, value in field.subfields],
                    }
                }
            )
    return {"leader": str(record.leader), "fields": fields}


class MarcJsonWriter:
    """Writes a JSON array with one record per line (so a diff shows one record per line)."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self._count = 0

    def write(self, record: Record) -> None:
        prefix = b"[\n" if self._count == 0 else b",\n"
        self._stream.write(prefix + json.dumps(record_to_dict(record), ensure_ascii=False).encode())
        self._count += 1

    def close(self) -> None:
        self._stream.write(b"\n]\n" if self._count else b"[]\n")


class _TextStream:
    """Decoded text with a sliding window, tracking the line number of the window's start."""

    def __init__(self, stream: BinaryIO):
        import codecs

        self._decoder = codecs.getincrementaldecoder("utf-8-sig")("replace")
        self._stream = stream
        self.text = ""
        self.pos = 0
        self.line = 1  # line number at self.pos
        self.eof = False

    def more(self) -> bool:
        if self.eof:
            return False
        chunk = self._stream.read(_CHUNK)
        if not chunk:
            self.eof = True
            self.text += self._decoder.decode(b"", final=True)
            return False
        self.text = self.text[self.pos :] + self._decoder.decode(chunk)
        self.pos = 0
        return True

    def skip(self, characters: str) -> str | None:
        """Skip the given characters; return the next character, or None at the end."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in characters:
                if self.text[self.pos] == "\n":
                    self.line += 1
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return None

    def advance(self, to: int) -> None:
        self.line += self.text.count("\n", self.pos, to)
        self.pos = to


_SCAN = re.compile(r'["\\{}\[\]]')
_BARE_VALUE_END = re.compile(r"[,\]\s]")
_IN_STRING = re.compile(r'["\\]')


def _value_end(text: _TextStream) -> int | None:
    """Index just past the JSON object or array starting at ``text.pos`` (None: the file ends
    first). Scans each character once, however the file is cut into chunks."""
    if text.text[text.pos] not in "{[":
        while True:  # a bare value (number, string…): not a record; find where it ends
            match = _BARE_VALUE_END.search(text.text, text.pos + 1)
            if match or not text.more():
                return match.start() if match else len(text.text)
    depth, in_string, offset = 0, False, 0  # offset: scanned so far, relative to text.pos
    while True:
        position = text.pos + offset
        while True:
            match = (_IN_STRING if in_string else _SCAN).search(text.text, position)
            if match is None:
                break
            char = match.group(0)
            if char == "\\":
                if match.end() >= len(text.text):
                    break  # the escaped character is in the next chunk
                position = match.end() + 1
                continue
            position = match.end()
            if char == '"':
                in_string = not in_string
            elif char in "{[":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return position
        offset = (match.start() if match is not None else len(text.text)) - text.pos
        if not text.more():
            return None


class MarcJsonReader:
    def __init__(self, stream: BinaryIO, path: str):
        self._stream = stream
        self._path = path

    def __iter__(self) -> Iterator[ReadItem]:
        text = _TextStream(self._stream)
        number = 0
        first = text.skip(_WHITESPACE)
        in_array = first == "["
        if in_array:
            text.advance(text.pos + 1)
        while True:
            following = text.skip(_WHITESPACE + ("," if in_array else ""))
            if following is None or (in_array and following == "]"):
                return
            number += 1
            line = text.line
            end = _value_end(text)
            if end is None:
                yield self._broken(number, line, "a record is not closed before the file ends "
                                   "(a missing '}' or ']'); the rest of the file was not read")
                return
            try:
                value = json.loads(text.text[text.pos : end])
            except (ValueError, RecursionError) as error:
                if isinstance(error, json.JSONDecodeError):
                    where = line + error.lineno - 1
                    message = f"{error.msg} (column {error.colno})"
                else:
                    where, message = line, str(error)[:200]
                text.advance(end)
                yield self._broken(number, where, "this record is not well-formed JSON: "
                                   f"{message}; the records after it are read on")
                continue
            lost = "\ufffd" in text.text[text.pos : end]
            text.advance(end)
            item = self._record(number, line, value)
            if lost:
                item.add(ReadProblem(self._path, number, "the record holds U+FFFD: bytes that "
                                     "were not valid UTF-8 were replaced", WARNING, line=line))
            yield item

    def _broken(self, number: int, line: int, message: str) -> ReadItem:
        item = ReadItem(number=number, record=None, line=line)
        item.add(ReadProblem(self._path, number, message, line=line))
        return item

    def _record(self, number: int, line: int, value: Any) -> ReadItem:
        item = ReadItem(number=number, record=None, line=line)

        def note(message: str, severity: str = WARNING, place: str | None = None) -> None:
            item.add(ReadProblem(self._path, number, message, severity, line=line, place=place))

        if not isinstance(value, dict) or not isinstance(value.get("fields"), list):
            note("this JSON value is not a MARC-in-JSON record (an object with a 'fields' list)",
                 ERROR)
            return item
        leader = value.get("leader")
        if not isinstance(leader, str) or len(leader) != 24:
            note(f"the leader {leader!r} is not a 24-character string; "
                 + ("padded with blanks" if isinstance(leader, str) and len(leader) < 24
                    else "cut to 24" if isinstance(leader, str) else "used a blank leader"),
                 place="LDR")
            leader = leader.ljust(24)[:24] if isinstance(leader, str) else " " * 24
        fields = []
        for index, entry in enumerate(value["fields"], start=1):
            field = self._field(entry, index, note)
            if field is not None:
                fields.append(field)
        item.record = new_record(leader, fields)
        return item

    @staticmethod
    def _field(entry: Any, index: int, note) -> Field | None:
        if not isinstance(entry, dict) or len(entry) != 1:
            note(f"field {index} is not an object with exactly one tag; skipped")
            return None
        ((tag, content),) = entry.items()
        if len(tag) != 3:
            note(f"field {index} has tag {tag!r}, not three characters; skipped")
            return None
        if isinstance(content, str):
            if tag < "010" and tag.isdigit():
                return Field(tag=tag, data=content)
            note(f"field {tag} is a data field but is written as plain text; skipped", place=tag)
            return None
        if not isinstance(content, dict) or not isinstance(content.get("subfields", []), list):
            note(f"field {tag} has no 'subfields' list; skipped", place=tag)
            return None
        indicators = []
        for key in ("ind1", "ind2"):
            indicator = content.get(key, " ")
            if not isinstance(indicator, str) or len(indicator) != 1:
                note(f"field {tag} {key} is {indicator!r}, not one character; used a blank",
                     place=f"{tag}/{key}")
                indicator = " "
            indicators.append(indicator)
        subfields = []
        for subfield in content.get("subfields", []):
            if isinstance(subfield, dict) and len(subfield) == 1:
                ((code, text),) = subfield.items()
                if isinstance(text, str) and len(code) == 1:
                    subfields.append(Subfield(code, text))
                    continue
            note(f"field {tag} has a subfield that is not {{code: text}}: {subfield!r}; skipped",
                 place=tag)
        if tag < "010" and tag.isdigit():
            note(f"control field {tag} is written with indicators and subfields; kept as text",
                 place=tag)
            return Field(tag=tag, data="".join(value for _, value in subfields))
        return Field(tag=tag, indicators=Indicators(*indicators), subfields=subfields)
