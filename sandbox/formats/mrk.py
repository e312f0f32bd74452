"""MARC mnemonic text (``.mrk``), the line format of MarcEdit and LC's MARCMaker/MARCBreaker.

One field per line: ``=LDR  00000nam a2200000 i 4500``, ``=008  …``, ``=245  10$aTitle /$cAuthor.``
A backslash stands for a blank in the leader, control fields and indicators. Characters can be
written as ``{name}`` mnemonics (``{dollar}`` for a literal ``$``, ``{acute}`` for a combining
acute accent…, see ``data/mrk_mnemonics.tsv``), as ``{XX}`` (two hex digits: one MARC-8 byte), or
as ``&#xXXXX;`` character references. As in MARC-8, a combining-mark mnemonic comes *before*
the letter it sits on: ``Caf{acute}e`` reads as "Café". Records are separated by a blank line.
Source: LC, "MARCMaker and MARCBreaker User's Manual" (https://www.loc.gov/marc/makrbrkr.html).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import BinaryIO

from pymarc import Field, Indicators, Record, Subfield

from sandbox.formats.marc8 import marc8_character
from sandbox.formats.problems import ERROR, WARNING, ReadItem, ReadProblem, WriteError
from sandbox.records.marc import new_record

BLANK = "\\"
DEFAULT_LEADER = "00000nam a2200000 i 4500"
_LINE = re.compile(r"=(.{3})(?: {1,2}|\t)(.*)\Z", re.DOTALL)
_ESCAPE = re.compile(r"\{([A-Za-z0-9]+)\}|&#x([0-9A-Fa-f]{1,6});")


@cache
def mnemonics() -> dict[str, str]:
    """Mnemonic name → the text it stands for (from our data file)."""
    table = resources.files("sandbox.formats").joinpath("data/mrk_mnemonics.tsv")
    with table.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {
            row["mnemonic"]: "".join(chr(int(cp[2:], 16)) for cp in row["codepoints"].split())
            for row in rows
        }


def _resolve(match: re.Match[str]) -> tuple[str, bool] | None:
    """(text, is a lone combining mark) for one escape, or None if it is not a known escape."""
    name, reference = match.group(1), match.group(2)
    if reference is not None:
        code = int(reference, 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        text = chr(code)
    elif name in mnemonics():
        text = mnemonics()[name]
    elif len(name) == 2 and all(c in "0123456789ABCDEFabcdef" for c in name):
        found = marc8_character(int(name, 16))
        if found is None:
            return None
        return found
    else:
        return None
    return text, len(text) == 1 and unicodedata.combining(text) != 0


def decode_mnemonics(text: str) -> str:
    """Replace ``{name}``, ``{XX}`` and ``&#x…;`` escapes; unknown ``{…}`` stay as typed."""
    if "{" not in text and "&#x" not in text:
        return text
    out: list[str] = []
    waiting: list[str] = []  # combining marks, which precede their letter in mnemonic text

    def emit(chunk: str) -> None:
        if waiting and chunk:
            out.append(chunk[0])
            out.extend(waiting)
            waiting.clear()
            chunk = chunk[1:]
        out.append(chunk)

    position = 0
    for match in _ESCAPE.finditer(text):
        emit(text[position : match.start()])
        resolved = _resolve(match)
        if resolved is None:
            emit(match.group(0))
        elif resolved[1]:
            waiting.append(resolved[0])
        else:
            emit(resolved[0])
        position = match.end()
    emit(text[position:])
    out.extend(waiting)
    return "".join(out)


_DATA_ESCAPES = {
    ord("$"): "{dollar}",
    ord("{"): "{lcub}",
    ord("}"): "{rcub}",
    ord("\\"): "{bsol}",
    **{code: f"{{{code:02X}}}" for code in [*range(0x20), 0x7F]},
}
_FIXED_ESCAPES = {**_DATA_ESCAPES, ord(" "): BLANK}


def encode_text(text: str, fixed: bool = False) -> str:
    """Text as it must be written in a ``.mrk`` line (``fixed``: leader/control field, blanks as ``\\``)."""
    encoded = text.translate(_FIXED_ESCAPES if fixed else _DATA_ESCAPES)
    return encoded.replace("&#x", "{amp}#x") if "&#x" in encoded else encoded


def _single(character: str, what: str, tag: str, strict: bool) -> str:
    """An indicator or subfield code as one character of a .mrk line, or a WriteError.

    Not ``strict`` (for display), an impossible character is shown in its escaped form."""
    if not strict:
        return encode_text(character)
    if len(character) != 1 or encode_text(character) != character:
        raise WriteError(f"field {tag} has {what} {character!r}, which a .mrk line cannot "
                         "carry (it must be one plain character)")
    return character


def format_field(field: Field, strict: bool = True) -> str:
    if field.is_control_field():
        return f"={field.tag}  {encode_text(field.data or '', fixed=True)}"
    indicators = "".join(
        BLANK if indicator in (" ", "") else _single(indicator, "an indicator", field.tag, strict)
        for indicator in (field.indicators or ("", ""))
    )
    subfields = "".join(f"${_single(code, 'a subfield code', field.tag, strict)}{encode_text(value)}"
                        for code, value in field.subfields)
    return f"={field.tag}  {indicators}{subfields}"


def format_record(record: Record, strict: bool = True) -> str:
    """A record as mnemonic text, one line per field, without the blank separator line.

    ``strict``: raise WriteError for what a .mrk file cannot carry; otherwise show it escaped."""
    lines = [f"=LDR  {encode_text(str(record.leader), fixed=True)}"]
    lines.extend(format_field(field, strict) for field in record.fields)
    return "\n".join(lines)


class MrkWriter:
    def __init__(self, stream: BinaryIO):
        self._stream = stream

    def write(self, record: Record) -> None:
        self._stream.write((format_record(record) + "\n\n").encode("utf-8"))

    def close(self) -> None:
        pass


def _has_field(block: list[tuple[int, str, str | None]]) -> bool:
    return any(text.startswith("=") for _, text, _ in block)


class MrkReader:
    """Reads mnemonic text record by record (a blank line or a new ``=LDR`` starts the next)."""

    def __init__(self, stream: BinaryIO, path: str):
        self._stream = stream
        self._path = path

    def _raw_lines(self) -> Iterator[bytes]:
        """Lines ending in LF, CRLF or a lone CR (old Mac files)."""
        for raw in self._stream:
            body = raw.rstrip(b"\r\n")
            if b"\r" in body:
                yield from body.split(b"\r")
            else:
                yield raw

    def _lines(self) -> Iterator[tuple[int, str, str | None]]:
        for number, raw in enumerate(self._raw_lines(), start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield number, raw.decode("utf-8").rstrip("\r\n"), None
            except UnicodeDecodeError as error:
                note = (
                    f"line {number} is not valid UTF-8 (byte 0x{raw[error.start]:02X} at "
                    f"column {error.start + 1}); read as Windows-1252"
                )
                yield number, raw.decode("cp1252", "replace").rstrip("\r\n"), note

    def __iter__(self) -> Iterator[ReadItem]:
        block: list[tuple[int, str, str | None]] = []
        number = 0
        for line in self._lines():
            text = line[1]
            starts_record = text[:4].upper() in ("=LDR", "=000")
            # Lines with no field among them (a heading, stray text) are not a record of their
            # own: they stay with the record that follows, which warns about them.
            if (not text.strip() or starts_record) and _has_field(block):
                number += 1
                yield self._record(number, block)
                block = []
            if text.strip():
                block.append(line)
        if block:
            number += 1
            yield self._record(number, block) if _has_field(block) else self._stray(number, block)

    def _stray(self, number: int, block: list[tuple[int, str, str | None]]) -> ReadItem:
        """Text after the last record, with no field in it: reported, not made into a record."""
        first, last = block[0][0], block[-1][0]
        item = ReadItem(number=number, record=None, line=first)
        lines = f"line {first}" if first == last else f"lines {first}-{last}"
        item.add(ReadProblem(
            self._path, number,
            f"{lines} {'holds' if first == last else 'hold'} no field (no line starts with '=' "
            "and a tag); not a record: "
            f"'{block[0][1].strip()[:40]}'",
            ERROR, line=first,
        ))
        return item

    def _record(self, number: int, block: list[tuple[int, str, str | None]]) -> ReadItem:
        item = ReadItem(number=number, record=None, line=block[0][0])

        def warn(line: int, message: str, place: str | None = None) -> None:
            item.add(
                ReadProblem(self._path, number, message, WARNING, line=line, place=place)
            )

        lines: list[tuple[int, str]] = []
        for line, text, note in block:
            if note:
                warn(line, note)
            if text.startswith("="):
                lines.append((line, text))
            elif lines:
                warn(line, "this line does not start with '=' and a tag; joined to the line before")
                lines[-1] = (lines[-1][0], lines[-1][1] + " " + text.strip())
            else:
                warn(line, f"text before the first field was ignored: '{text.strip()[:40]}'")
        leader = None
        fields = []
        for line, text in lines:
            match = _LINE.match(text)
            if not match:
                warn(line, f"'{text[:12]}' is not '=TAG' followed by two spaces; the line was ignored")
                continue
            tag, rest = match.groups()
            if tag.upper() in ("LDR", "000"):
                leader = self._leader(rest, line, warn)
            elif tag < "010" and tag.isdigit():
                fields.append(Field(tag=tag, data=decode_mnemonics(rest.replace(BLANK, " "))))
            else:
                fields.append(self._data_field(tag, rest, line, warn))
        if leader is None:
            warn(item.line or 0, f"the record has no =LDR line; used the leader '{DEFAULT_LEADER}'",
                 place="LDR")
            leader = DEFAULT_LEADER
        item.record = new_record(leader, fields)
        return item

    @staticmethod
    def _leader(rest: str, line: int, warn) -> str:
        leader = decode_mnemonics(rest.replace(BLANK, " "))
        if len(leader) != 24:
            warn(
                line,
                f"the leader is {len(leader)} characters long, not 24; "
                + ("cut to 24" if len(leader) > 24 else "padded with blanks"),
                place="LDR",
            )
            leader = (leader + " " * 24)[:24]
        return leader

    @staticmethod
    def _data_field(tag: str, rest: str, line: int, warn) -> Field:
        if rest.startswith("$"):
            warn(line, f"field {tag} has no indicators before its first $; used blanks",
                 place=f"{tag}/ind1")
            indicators, body = "  ", rest
        else:
            indicators, body = rest[:2], rest[2:]
            if len(indicators) < 2:
                warn(line, f"field {tag} has fewer than two indicators; padded with blanks",
                     place=f"{tag}/ind1")
            indicators = decode_mnemonics(indicators.replace(BLANK, " ")).ljust(2)[:2]
        if body and not body.startswith("$"):
            lost = body.split("$", 1)[0]
            warn(line, f"field {tag}: '{lost[:40]}' comes before the first $ and was ignored",
                 place=tag)
        subfields = []
        for piece in body.split("$")[1:]:
            if not piece:
                warn(line, f"field {tag} has a $ with no subfield code after it; ignored", place=tag)
                continue
            subfields.append(Subfield(piece[0], decode_mnemonics(piece[1:])))
        return Field(tag=tag, indicators=Indicators(indicators[0], indicators[1]),
                     subfields=subfields)


def read_text(text: str, name: str = "(typed text)") -> list[ReadItem]:
    """The records typed as mnemonic text (the editor's text view), with what was repaired."""
    return list(MrkReader(io.BytesIO(text.encode("utf-8")), name))


def subfields_text(subfields) -> str:
    """Subfields as one line, ``$aTitle /$cAuthor.``; a ``$`` in the data is written ``{dollar}``
    so the line reads back the same."""
    return "".join(f"${code}{value.replace('$', '{dollar}')}" for code, value in subfields)


def parse_subfields(text: str) -> list[Subfield]:
    """The subfields of a line written as ``$aTitle /$cAuthor.`` (mnemonics such as
    ``{dollar}`` and ``{eacute}`` decoded); text before the first ``$`` is not a subfield."""
    return [Subfield(piece[0], decode_mnemonics(piece[1:]))
            for piece in text.split("$")[1:] if piece]
