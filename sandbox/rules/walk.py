"""Walking a MARC record with addresses: each field with its occurrence, ready for messages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pymarc import Field, Record


@dataclass(frozen=True)
class Located:
    field: Field
    index: int  # in record.fields
    occurrence: int  # among fields with the same tag, from 1
    total: int  # how many fields carry this tag

    @property
    def address(self) -> str:
        """``245`` when the tag occurs once, ``650[2]`` when it repeats."""
        tag = self.field.tag
        return tag if self.total == 1 else f"{tag}[{self.occurrence}]"

    def subfield_address(self, position: int) -> str:
        """Address of the subfield at ``position`` (``650[2]$x[1]``, ``245$a``)."""
        code = self.field.subfields[position].code
        same = [i for i, sub in enumerate(self.field.subfields) if sub.code == code]
        suffix = f"[{same.index(position) + 1}]" if len(same) > 1 else ""
        return f"{self.address}${code}{suffix}"


_memo = threading.local()


@dataclass(frozen=True)
class _Walk:
    located: list[Located]
    by_tag: dict[str, list[Located]]


@contextmanager
def remembered(record: Record) -> Iterator[None]:
    """While validating one record, every rule shares one walk of its fields."""
    _memo.entry = (record, _walk(record))
    try:
        yield
    finally:
        _memo.entry = None


def _walked(record: Record) -> _Walk:
    entry = getattr(_memo, "entry", None)
    if entry is not None and entry[0] is record:
        return entry[1]
    return _walk(record)


def located_fields(record: Record) -> list[Located]:
    return _walked(record).located


def _walk(record: Record) -> _Walk:
    by_tag: dict[str, list[Field]] = {}
    for field in record.fields:
        by_tag.setdefault(field.tag, []).append(field)
    located = []
    seen: dict[str, int] = {}
    for index, field in enumerate(record.fields):
        seen[field.tag] = seen.get(field.tag, 0) + 1
        located.append(Located(field, index, seen[field.tag], len(by_tag[field.tag])))
    located_by_tag: dict[str, list[Located]] = {}
    for item in located:
        located_by_tag.setdefault(item.field.tag, []).append(item)
    return _Walk(located, located_by_tag)


def data_fields(record: Record, *tags: str) -> Iterator[Located]:
    walk = _walked(record)
    if not tags:
        candidates = walk.located
    elif len(tags) == 1:
        candidates = walk.by_tag.get(tags[0], [])
    else:
        candidates = sorted((item for tag in tags for item in walk.by_tag.get(tag, ())),
                            key=lambda item: item.index)
    for item in candidates:
        if not item.field.control_field:
            yield item


def control_field(record: Record, tag: str) -> Field | None:
    for field in record.fields:
        if field.tag == tag and field.is_control_field():
            return field
    return None


def data_008(record: Record) -> str:
    """The 008's data, or '' when the record has none."""
    field = control_field(record, "008")
    return (field.data or "") if field is not None else ""


def quoted(text: str, limit: int = 40) -> str:
    """Text as a message shows it: in quotes, blanks made visible, cut if long."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return "'" + shown + "'"


def describe_character(char: str) -> str:
    return "a blank" if char == " " else f"'{char}'"


def data_fields_as(record: Record, *tags: str) -> Iterator[Located]:
    """Fields with these tags, and the 880s that parallel them (880 $6 '245-01' counts as 245)."""
    for item in data_fields(record, *tags, "880"):
        field = item.field
        if field.tag != "880":
            yield item
            continue
        linked = field.get_subfields("6")
        if linked and linked[0][:3] in tags:
            yield item


def effective_tag(field: Field) -> str:
    """The tag a field stands for: its own, or for an 880 the tag its $6 names."""
    if field.tag == "880":
        linked = field.get_subfields("6")
        if linked and len(linked[0]) >= 3:
            return linked[0][:3]
    return field.tag
