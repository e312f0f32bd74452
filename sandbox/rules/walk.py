"""Walking a MARC record with addresses: each field with its occurrence, ready for messages.

While ``validate`` runs, every rule shares one walk of the record (``remembered``): the fields
indexed by tag, and the facts rules work out once for all (``shared``). The lists handed out are
shared too: rules read them and never change them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from operator import attrgetter

from pymarc import Field, Record

from sandbox.records.marc import is_control_tag


class Located:
    """A field with its place: index in ``record.fields``, occurrence among fields with its tag
    (from 1) and how many fields carry that tag. Plain slots: a record's walk makes one per field
    on every validation, so it must be cheap to build."""

    __slots__ = ("field", "index", "occurrence", "total")

    def __init__(self, field: Field, index: int, occurrence: int, total: int):
        self.field = field
        self.index = index  # in record.fields
        self.occurrence = occurrence  # among fields with the same tag, from 1
        self.total = total  # how many fields carry this tag

    def __repr__(self) -> str:
        return (f"Located(field={self.field!r}, index={self.index}, "
                f"occurrence={self.occurrence}, total={self.total})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Located):
            return NotImplemented
        return (self.field, self.index, self.occurrence, self.total) == (
            other.field, other.index, other.occurrence, other.total)

    def __hash__(self) -> int:
        return hash((id(self.field), self.index, self.occurrence, self.total))

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


_new_located = object.__new__


class _Walk:
    """The fields of one record with their places, and what rules worked out from them.

    Only the tags are indexed up front; the ``Located`` fields of a tag are made the first time
    a rule asks for that tag, so a record's fields are not all wrapped for rules that read two
    of them.
    """

    __slots__ = ("fields", "positions", "_located", "_by_tag", "_data_by_tag", "_data_by_tags",
                 "_as_by_tags", "derived")

    def __init__(self, record: Record):
        self.fields = fields = record.fields
        positions: dict[str, list[int]] = {}
        for index, field in enumerate(fields):
            indices = positions.get(field.tag)
            if indices is None:
                positions[field.tag] = [index]
            else:
                indices.append(index)
        self.positions = positions  # tag -> indices in record.fields
        self._located: list[Located] | None = None
        self._by_tag: dict[str, list[Located]] = {}
        self._data_by_tag: dict[str, list[Located]] = {}
        # data_fields / data_fields_as answers by their tuple of tags: rules ask the same
        # questions ('100', '110', '111', '130') many times over one record.
        self._data_by_tags: dict[tuple[str, ...], list[Located]] = {}
        self._as_by_tags: dict[tuple[str, ...], list[Located]] = {}
        self.derived: dict = {}  # per-record results rules share (see ``shared``)

    def tagged(self, tag: str) -> list[Located]:
        """Every field with this tag, control or data."""
        found = self._by_tag.get(tag)
        if found is None:
            indices = self.positions.get(tag)
            if indices is None:
                return _NONE
            fields, total = self.fields, len(indices)
            found = self._by_tag[tag] = []
            for occurrence, index in enumerate(indices, start=1):
                # Located(...) without the call through type() to __init__: a walk makes one
                # for most fields of every record validated.
                item = _new_located(Located)
                item.field = fields[index]
                item.index = index
                item.occurrence = occurrence
                item.total = total
                found.append(item)
        return found

    def data(self, tag: str) -> list[Located]:
        """The data fields (not 001-009) with this tag: the ``tagged`` list itself for a tag
        pymarc only ever makes data fields of (010 and up), a filtered copy for 00X."""
        if not is_control_tag(tag):
            return self.tagged(tag)
        found = self._data_by_tag.get(tag)
        if found is None:
            found = self._data_by_tag[tag] = [item for item in self.tagged(tag)
                                              if not item.field.control_field]
        return found

    @property
    def located(self) -> list[Located]:
        if self._located is None:
            everything = [item for tag in self.positions for item in self.tagged(tag)]
            everything.sort(key=_index)
            self._located = everything
        return self._located


@contextmanager
def remembered(record: Record) -> Iterator[_Walk]:
    """While validating one record, every rule shares one walk of its fields."""
    walk = enter_walk(record)
    try:
        yield walk
    finally:
        leave_walk()


def enter_walk(record: Record) -> _Walk:
    """``remembered`` without the context manager, for ``validate`` (call ``leave_walk`` in a
    ``finally``)."""
    global _entry
    walk = _Walk(record)
    _entry = (record, walk)
    return walk


def leave_walk() -> None:
    global _entry
    _entry = _NO_WALK


#: The record being validated and its walk. A plain module global, read by every rule several
#: times per record (a thread-local cost more than a third of what looking a walk up does).
#: It is safe from other threads: a walk is only handed out for the very record object it was
#: made from, and everything it holds is worked out from that record alone (``table_hits``
#: also checks its context); a thread that finds another record here makes its own walk.
_NO_WALK: tuple[None, None] = (None, None)
_entry: tuple = _NO_WALK


def _walked(record: Record) -> _Walk:
    entry = _entry
    if entry[0] is record:
        return entry[1]
    return _Walk(record)


def walked(record: Record) -> _Walk:
    """The walk of the record being validated (or a fresh one)."""
    return _walked(record)


def located_fields(record: Record) -> list[Located]:
    return _walked(record).located


def locate(record: Record, field: Field) -> Located:
    """The walk's ``Located`` for one of the record's fields (its address, for a message): for
    rules that read fields plainly and need an address only when they report something."""
    for item in fields_tagged(record, field.tag):
        if item.field is field:
            return item
    raise ValueError(f"field {field.tag} is not in the record")


def plain_data_fields(record, tags: tuple[str, ...] | frozenset[str]) -> list[Field]:
    """``data_fields(record, *tags)`` as the fields themselves, in record order, found from the
    walk's index of tags. No ``Located`` is made (``locate`` makes one for a finding's address):
    for tags only one or two rules read, wrapping every field cost more than the check. ``tags``:
    a tuple, or a frozenset when there are many (matched with the record's tags in one go).
    A new list on every call: use it for tags no other rule asks ``data_fields`` for."""
    walk = _walked(record)
    positions = walk.positions
    if type(tags) is frozenset:
        tags = tags.intersection(positions)
    groups = []
    for tag in tags:
        indices = positions.get(tag)
        if indices is not None:
            groups.append(indices)
    if not groups:
        return []
    order = groups[0] if len(groups) == 1 else sorted(chain.from_iterable(groups))
    fields = walk.fields
    found = []
    for index in order:
        field = fields[index]
        if not field.control_field:
            found.append(field)
    return found


def fields_tagged(record: Record, tag: str) -> list[Located]:
    """Every field with this tag (control or data), in record order."""
    entry = _entry  # _walked(record), spelt out (see data_fields)
    return (entry[1] if entry[0] is record else _Walk(record)).tagged(tag)


def tags_present(record: Record):
    """The tags the record's fields carry (a set-like view)."""
    return _walked(record).positions.keys()


def shared(record: Record, key, compute):
    """``compute()``, worked out once per record while it is being validated: several rules
    read the same derived facts (the parsed call number, the table checks of every field)."""
    entry = _entry  # _walked(record), spelt out (see data_fields)
    derived = (entry[1] if entry[0] is record else _Walk(record)).derived
    value = derived.get(key, _MISSING)
    if value is _MISSING:  # the first rule to ask, once per record (no exception raised for it)
        value = derived[key] = compute()
    return value


_MISSING = object()


_NONE: list[Located] = []  # shared empty answer: callers only read what they are given


def data_fields(record: Record, *tags: str) -> list[Located]:
    """The data fields with these tags (all data fields when no tag is given), in record order.
    The list is shared by every rule: read it, do not change it."""
    entry = _entry  # _walked(record), spelt out: rules call this some twenty times a record
    walk = entry[1] if entry[0] is record else _Walk(record)
    found = walk._data_by_tags.get(tags)
    if found is None:
        found = walk._data_by_tags[tags] = _data_fields(walk, tags)
    return found


def _data_fields(walk: _Walk, tags: tuple[str, ...]) -> list[Located]:
    if len(tags) == 1:
        return walk.data(tags[0])
    if not tags:
        return [item for item in walk.located if not item.field.control_field]
    positions = walk.positions
    groups = [walk.data(tag) for tag in tags if tag in positions]
    if not groups:
        return _NONE
    if len(groups) == 1:
        return groups[0]
    merged = list(chain.from_iterable(groups))
    merged.sort(key=_index)
    return merged


_index = attrgetter("index")  # a Located's place in record.fields


def control_field(record: Record, tag: str) -> Field | None:
    for item in _walked(record).tagged(tag):
        if item.field.control_field:
            return item.field
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


def data_fields_as(record: Record, *tags: str) -> list[Located]:
    """Fields with these tags, and the 880s that parallel them (880 $6 '245-01' counts as 245).
    The list is shared by every rule: read it, do not change it."""
    walk = _walked(record)
    if "880" not in walk.positions:
        return data_fields(record, *tags)
    found = walk._as_by_tags.get(tags)
    if found is None:
        found = walk._as_by_tags[tags] = [
            item for item in data_fields(record, *tags, "880")
            if item.field.tag != "880" or _links_to(item.field, tags)]
    return found


def _links_to(field: Field, tags: tuple[str, ...]) -> bool:
    linked = field.get_subfields("6")
    return bool(linked) and linked[0][:3] in tags


def effective_tag(field: Field) -> str:
    """The tag a field stands for: its own, or for an 880 the tag its $6 names."""
    if field.tag == "880":
        linked = field.get_subfields("6")
        if linked and len(linked[0]) >= 3:
            return linked[0][:3]
    return field.tag
