"""What a check looks at: the places a selector names in a record, with what is written there.

A selector is a record address (``245$a``, ``650``, ``008/35-37``, ``title``; see
``sandbox.records.address``) or, for checks that look at a range of tags, an address whose tag
has ``X`` for any digit: ``6XX`` is every subject field, ``7XX$e`` every relator term in an added
entry. A selector that names whole data fields gives the fields themselves, so that a comparison
can weigh indicators and each subfield.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pymarc import Field, Record

from sandbox.formats.mrk import format_field
from sandbox.records.address import (
    LEADER,
    Address,
    AddressError,
    parse_address,
    resolve,
)
from sandbox.records.dublin_core import DublinCoreRecord

_WILDCARD = re.compile(r"(?P<tag>[0-9Xx]{3})(?P<rest>.*)\Z", re.DOTALL)


@dataclass(frozen=True)
class Selector:
    text: str
    address: Address  # for a wildcard, the address with the pattern's first tag
    pattern: re.Pattern[str] | None = None  # tags it matches, for a wildcard

    @property
    def is_dublin_core(self) -> bool:
        return self.address.is_dublin_core

    @property
    def whole_field(self) -> bool:
        """True when it names whole data fields (no subfield, indicator or position)."""
        a = self.address
        return (not a.is_dublin_core and a.tag != "LDR" and not a.tag < "010"
                and a.subfield is None and a.indicator is None and a.start is None)

    def matches_tag(self, tag: str) -> bool:
        if self.pattern is not None:
            return bool(self.pattern.fullmatch(tag))
        return tag == self.address.tag


def parse_selector(text: str) -> Selector:
    """A selector, or AddressError saying what a good one looks like."""
    text = text.strip()
    match = _WILDCARD.match(text)
    if match and "x" in match["tag"].lower():
        tag = match["tag"].upper()
        if tag == "XXX" or tag[0] == "X":
            raise AddressError(f"'{text}': give the first digit of the tag, e.g. 6XX")
        sample = tag.replace("X", "0")
        if sample < "010" and (match["rest"].startswith("$") or "/ind" in match["rest"]):
            raise AddressError(f"'{text}': control fields have no indicators or subfields")
        address = parse_address(sample + match["rest"])
        if address.occurrence is not None:
            raise AddressError(f"'{text}': a tag range such as {tag} cannot take an occurrence")
        pattern = re.compile(tag.replace("X", "[0-9]"))
        return Selector(text, address, pattern)
    return Selector(text, parse_address(text))


@dataclass(frozen=True)
class Selected:
    """One place a selector found: its address and its text (a whole field as a .mrk line)."""

    address: str
    text: str
    field: Field | None = None  # set when a whole data field was selected
    order: tuple[int, int] = (0, 0)  # (field index, subfield index): record order


def _whole_field_text(field: Field) -> str:
    return format_field(field, strict=False)


class RecordIndex:
    """A record's fields by tag, built once so that each check of a rubric does not walk the
    whole record again."""

    def __init__(self, record: Record | DublinCoreRecord):
        self.record = record
        self.by_tag: dict[str, list[tuple[int, Field]]] = {}
        if isinstance(record, Record):
            for position, field in enumerate(record.fields):
                self.by_tag.setdefault(field.tag, []).append((position, field))


def _marc_targets(index: RecordIndex, address: Address, whole_field: bool) -> list[Selected]:
    """What ``resolve`` gives for a MARC address, from the index (same addresses, same order)."""
    if address.tag == LEADER:
        return [Selected(str(address), _positions(str(index.record.leader), address), None,
                         (-1, 0))]
    found = []
    for occurrence, (position, field) in enumerate(index.by_tag.get(address.tag, ()), start=1):
        if address.occurrence is not None and occurrence != address.occurrence:
            continue
        where = f"{address.tag}[{occurrence}]"
        if field.is_control_field():
            suffix = str(address)[len(str(address.field)):]
            found.append(Selected(where + suffix, _positions(field.data or "", address), None,
                                  (position, 0)))
        elif address.indicator is not None:
            indicators = field.indicators or (" ", " ")
            found.append(Selected(f"{where}/ind{address.indicator}",
                                  indicators[address.indicator - 1], None, (position, 0)))
        elif address.subfield is not None:
            count = 0
            for sub_position, (code, value) in enumerate(field.subfields):
                if code != address.subfield:
                    continue
                count += 1
                if address.subfield_occurrence is None or address.subfield_occurrence == count:
                    found.append(Selected(f"{where}${code}[{count}]", value, None,
                                          (position, sub_position)))
        elif whole_field:
            found.append(Selected(where, _whole_field_text(field), field, (position, 0)))
        else:
            found.append(Selected(where, " ".join(value for _, value in field.subfields), None,
                                  (position, 0)))
    return found


def _positions(text: str, address: Address) -> str:
    if address.start is None:
        return text
    end = address.end if address.end is not None else address.start
    return text[address.start : end + 1]


def select(record: Record | DublinCoreRecord, selector: Selector | str,
           index: RecordIndex | None = None) -> list[Selected]:
    """Every place ``selector`` names in ``record``, in record order. ``index``: the record's
    ``RecordIndex``, when many selectors look at one record."""
    if isinstance(selector, str):
        selector = parse_selector(selector)
    if isinstance(record, DublinCoreRecord) != selector.is_dublin_core:
        return []  # a MARC selector finds nothing in Dublin Core, and the other way round
    if isinstance(record, DublinCoreRecord):
        return [Selected(str(t.address), t.value, None, (t.field_index or 0, 0))
                for t in resolve(record, selector.address)]
    if index is None or index.record is not record:
        index = RecordIndex(record)
    if selector.pattern is None:
        return _marc_targets(index, selector.address, selector.whole_field)
    found: list[Selected] = []
    for tag in sorted(tag for tag in index.by_tag if selector.matches_tag(tag)):
        found += _marc_targets(index, replace(selector.address, tag=tag), selector.whole_field)
    found.sort(key=lambda s: s.order)
    return found


def literal(text: str, selector: Selector) -> Selected:
    """An ``expected`` value written in the exercise: a .mrk line (``=650  \\0$aCats.``) when
    the selector names whole fields, else plain text."""
    if selector.whole_field and text.lstrip().startswith("="):
        import io

        from sandbox.formats.mrk import MrkReader

        source = "=LDR  00000nam a2200000 i 4500\n" + text.strip() + "\n"
        item = next(iter(MrkReader(io.BytesIO(source.encode("utf-8")), "expected")))
        if item.record is not None and item.record.fields:
            field = item.record.fields[0]
            return Selected("expected", _whole_field_text(field), field)
    return Selected("expected", text)


def call_number_text(item: Selected) -> str:
    """The text of a call-number field ($a and $b) or of the selected subfield."""
    if item.field is None:
        return item.text
    return " ".join(value for code, value in item.field.subfields if code in "ab").strip()


def first_a(item: Selected) -> str:
    """A classification field's first $a, or the selected text."""
    if item.field is None:
        return item.text
    return next((value for code, value in item.field.subfields if code == "a"), "")


__all__ = ["AddressError", "Selected", "Selector", "call_number_text", "first_a", "literal",
           "parse_selector", "select"]
