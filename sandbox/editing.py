"""Invertible edits: the only way the editor changes a record.

Each edit is plain data. ``apply(record)`` changes the record and returns the edit that undoes it
and a ``Change`` saying exactly what moved, so a view can refresh the rows that changed and no
more (the UI wraps each edit in a ``QUndoCommand``; it never changes a record itself).

Fields are addressed by their index in ``record.fields`` (0-based); the leader is not a field.
Edits copy the values they keep, so a record edited later cannot change an undo step.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Protocol

from pymarc import Field, Indicators, Leader, Record, Subfield

from sandbox.records.dublin_core import DublinCoreRecord
from sandbox.records.marc import is_control_tag

LEADER = "LDR"


class EditError(ValueError):
    """An edit that cannot apply to this record (an index out of range, a wrong field kind)."""


@dataclass(frozen=True)
class Change:
    """What an edit changed: a view refreshes exactly this.

    ``kind``: ``leader``; ``field`` (field ``index`` changed in place, same subfield count);
    ``field-replaced`` (its subfields may all differ); ``subfield-inserted`` / ``subfield-removed``
    (subfield ``sub`` of field ``index``); ``subfield-moved`` (``sub`` to ``to``); ``inserted`` /
    ``removed`` (field ``index``); ``moved`` (field ``index`` to ``to``); ``record`` (anything).
    An edit says its change before it applies (``Edit.change``), so a view can announce it.
    """

    kind: str
    index: int | None = None
    to: int | None = None
    sub: int | None = None


class Edit(Protocol):
    def label(self, record) -> str:
        """Words for the undo menu: 'change 245 ind2'."""

    def change(self, record) -> Change:
        """What ``apply`` will change (asked before it is applied)."""

    def apply(self, record) -> tuple[Edit, Change]:
        """Change ``record``; return the inverse edit and what changed."""


def _field(record: Record, index: int) -> Field:
    if not 0 <= index < len(record.fields):
        raise EditError(f"the record has no field number {index + 1} (it has {len(record.fields)})")
    return record.fields[index]


def _data_field(record: Record, index: int) -> Field:
    target = _field(record, index)
    if target.is_control_field():
        raise EditError(f"{target.tag} is a control field: it has no indicators or subfields")
    return target


def _subfield_index(target: Field, sub_index: int, inserting: bool = False) -> int:
    limit = len(target.subfields) + (1 if inserting else 0)
    if not 0 <= sub_index < limit:
        raise EditError(f"{target.tag} has no subfield number {sub_index + 1}")
    return sub_index


def _place(tag_or_ldr: str, start: int, length: int) -> str:
    end = start + max(length, 1) - 1
    return f"{tag_or_ldr}/{start:02d}" + (f"-{end:02d}" if end != start else "")


@dataclass(frozen=True)
class SetPositions:
    """Overwrite characters of the leader (``index`` None) or a fixed-length control field."""

    index: int | None
    start: int
    text: str

    def _current(self, record: Record) -> str:
        if self.index is None:
            return str(record.leader)
        target = _field(record, self.index)
        if not target.is_control_field():
            raise EditError(f"{target.tag} is not a control field: it has no character positions")
        return target.data or ""

    def label(self, record: Record) -> str:
        tag = LEADER if self.index is None else _field(record, self.index).tag
        return f"change {_place(tag, self.start, len(self.text))}"

    def change(self, record: Record) -> Change:
        self._current(record)
        if self.start < 0:
            raise EditError("a character position cannot be negative")
        if self.index is None and self.start + len(self.text) > LEADER_LENGTH:
            raise EditError(f"the leader has positions 00-23; {self.start + len(self.text) - 1:02d} is past its end")
        return Change("leader") if self.index is None else Change("field", self.index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        current = self._current(record)
        padded = current.ljust(self.start)
        end = self.start + len(self.text)
        old = padded[self.start:end]
        new_value = padded[: self.start] + self.text + padded[end:]
        # Padding added to reach the position is taken off again on undo: keep the old length.
        inverse: Edit = (SetPositions(self.index, self.start, old)
                         if len(padded) == len(current) and end <= len(current)
                         else SetValue(self.index, current))
        _set_value(record, self.index, new_value)
        return inverse, change


LEADER_LENGTH = 24


def _check_leader(value: str) -> None:
    if len(value) != LEADER_LENGTH:
        raise EditError(f"the leader is {LEADER_LENGTH} characters; this one would be {len(value)} "
                        "(change positions in place rather than adding or removing characters)")


def _set_value(record: Record, index: int | None, value: str) -> None:
    if index is None:
        _check_leader(value)
        record.leader = Leader(value)
    else:
        _field(record, index).data = value


@dataclass(frozen=True)
class SetValue:
    """Replace the whole leader (``index`` None) or a control field's data."""

    index: int | None
    value: str

    def label(self, record: Record) -> str:
        return "change " + (LEADER if self.index is None else _field(record, self.index).tag)

    def change(self, record: Record) -> Change:
        if self.index is None:
            _check_leader(self.value)
            return Change("leader")
        target = _field(record, self.index)
        if not target.is_control_field():
            raise EditError(f"{target.tag} is a data field: change its subfields instead")
        return Change("field", self.index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        old = str(record.leader) if self.index is None else (record.fields[self.index].data or "")
        _set_value(record, self.index, self.value)
        return SetValue(self.index, old), change


@dataclass(frozen=True)
class SetTag:
    """Retag a field. A change between control (00X) and data fields converts the field."""

    index: int
    tag: str

    def label(self, record: Record) -> str:
        return f"change tag {_field(record, self.index).tag} to {self.tag}"

    def change(self, record: Record) -> Change:
        if len(self.tag) != 3:
            raise EditError(f"a tag is three characters, not '{self.tag}'")
        same_kind = _is_control_tag(self.tag) == _field(record, self.index).is_control_field()
        return Change("field" if same_kind else "field-replaced", self.index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        target = record.fields[self.index]
        old = copy.deepcopy(target)
        if change.kind == "field":
            target.tag = self.tag
        else:
            record.fields[self.index] = convert_field(target, self.tag)
        return ReplaceField(self.index, old), change


_is_control_tag = is_control_tag


def convert_field(source: Field, tag: str) -> Field:
    """``source`` under a tag of the other kind: data kept as one subfield, or subfields joined."""
    if _is_control_tag(tag):
        return Field(tag=tag, data=" ".join(s.value for s in source.subfields))
    return Field(tag=tag, indicators=Indicators(" ", " "),
                 subfields=[Subfield("a", source.data or "")] if source.data else [])


@dataclass(frozen=True)
class SetIndicator:
    index: int
    which: int  # 1 or 2
    value: str

    def label(self, record: Record) -> str:
        return f"change {_field(record, self.index).tag} ind{self.which}"

    def change(self, record: Record) -> Change:
        if self.which not in (1, 2):
            raise EditError("a field has indicators 1 and 2 only")
        if len(self.value) != 1:
            raise EditError("an indicator is one character (a blank is ' ')")
        _data_field(record, self.index)
        return Change("field", self.index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        target = record.fields[self.index]
        first, second = (target.indicators or Indicators(" ", " "))
        old = first if self.which == 1 else second
        target.indicators = (Indicators(self.value, second) if self.which == 1
                             else Indicators(first, self.value))
        return SetIndicator(self.index, self.which, old), change


def _subfield_code(record: Record, index: int, sub_index: int) -> str:
    target = _field(record, index)
    subfields = [] if target.is_control_field() else target.subfields
    return subfields[sub_index].code if 0 <= sub_index < len(subfields) else "?"


@dataclass(frozen=True)
class SetSubfield:
    """Change one subfield's code and value (its position stays)."""

    index: int
    sub_index: int
    code: str
    value: str

    def label(self, record: Record) -> str:
        return f"change {_field(record, self.index).tag} ${_subfield_code(record, self.index, self.sub_index)}"

    def change(self, record: Record) -> Change:
        if len(self.code) != 1:
            raise EditError("a subfield code is one character")
        _subfield_index(_data_field(record, self.index), self.sub_index)
        return Change("field", self.index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        target = record.fields[self.index]
        old = target.subfields[self.sub_index]
        target.subfields[self.sub_index] = Subfield(self.code, self.value)
        return SetSubfield(self.index, self.sub_index, old.code, old.value), change


@dataclass(frozen=True)
class InsertSubfield:
    index: int
    sub_index: int
    code: str
    value: str = ""

    def label(self, record: Record) -> str:
        return f"add ${self.code} to {_field(record, self.index).tag}"

    def change(self, record: Record) -> Change:
        if len(self.code) != 1:
            raise EditError("a subfield code is one character")
        _subfield_index(_data_field(record, self.index), self.sub_index, inserting=True)
        return Change("subfield-inserted", self.index, sub=self.sub_index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        record.fields[self.index].subfields.insert(self.sub_index, Subfield(self.code, self.value))
        return RemoveSubfield(self.index, self.sub_index), change


@dataclass(frozen=True)
class RemoveSubfield:
    index: int
    sub_index: int

    def label(self, record: Record) -> str:
        return f"delete ${_subfield_code(record, self.index, self.sub_index)} from {_field(record, self.index).tag}"

    def change(self, record: Record) -> Change:
        _subfield_index(_data_field(record, self.index), self.sub_index)
        return Change("subfield-removed", self.index, sub=self.sub_index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        old = record.fields[self.index].subfields.pop(self.sub_index)
        return InsertSubfield(self.index, self.sub_index, old.code, old.value), change


@dataclass(frozen=True)
class MoveSubfield:
    index: int
    sub_index: int
    to: int

    def label(self, record: Record) -> str:
        return f"move ${_subfield_code(record, self.index, self.sub_index)} in {_field(record, self.index).tag}"

    def change(self, record: Record) -> Change:
        target = _data_field(record, self.index)
        _subfield_index(target, self.sub_index)
        _subfield_index(target, self.to)
        return Change("subfield-moved", self.index, self.to, self.sub_index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        subfields = record.fields[self.index].subfields
        subfields.insert(self.to, subfields.pop(self.sub_index))
        return MoveSubfield(self.index, self.to, self.sub_index), change


@dataclass(frozen=True)
class InsertField:
    index: int
    new: Field = field(compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "new", copy.deepcopy(self.new))

    def label(self, record: Record) -> str:
        return f"add {self.new.tag}"

    def change(self, record: Record) -> Change:
        if not 0 <= self.index <= len(record.fields):
            raise EditError(f"cannot insert a field at number {self.index + 1}")
        return Change("inserted", self.index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        record.fields.insert(self.index, copy.deepcopy(self.new))  # redo must not share it
        return RemoveField(self.index), change


@dataclass(frozen=True)
class RemoveField:
    index: int

    def label(self, record: Record) -> str:
        return f"delete {_field(record, self.index).tag}"

    def change(self, record: Record) -> Change:
        _field(record, self.index)
        return Change("removed", self.index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        old = record.fields.pop(self.index)
        return InsertField(self.index, old), change


@dataclass(frozen=True)
class MoveField:
    index: int
    to: int

    def label(self, record: Record) -> str:
        return f"move {_field(record, self.index).tag}"

    def change(self, record: Record) -> Change:
        _field(record, self.index)
        _field(record, self.to)
        return Change("moved", self.index, self.to)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        record.fields.insert(self.to, record.fields.pop(self.index))
        return MoveField(self.to, self.index), change


@dataclass(frozen=True)
class ReplaceField:
    index: int
    new: Field = field(compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "new", copy.deepcopy(self.new))

    def label(self, record: Record) -> str:
        return f"change {_field(record, self.index).tag}"

    def change(self, record: Record) -> Change:
        _field(record, self.index)
        return Change("field-replaced", self.index)

    def apply(self, record: Record) -> tuple[Edit, Change]:
        change = self.change(record)
        old = record.fields[self.index]
        record.fields[self.index] = copy.deepcopy(self.new)
        return ReplaceField(self.index, old), change


@dataclass(frozen=True)
class ReplaceRecord:
    """Replace everything (the record typed as text, or a Dublin Core form's new record)."""

    new: Record | DublinCoreRecord = field(compare=False)
    what: str = "edit as text"

    def __post_init__(self) -> None:
        object.__setattr__(self, "new", copy.deepcopy(self.new))

    def label(self, record) -> str:
        return self.what

    def change(self, record) -> Change:
        if isinstance(record, DublinCoreRecord) != isinstance(self.new, DublinCoreRecord):
            raise EditError("a MARC record and a Dublin Core record cannot replace each other")
        return Change("record")

    def apply(self, record) -> tuple[Edit, Change]:
        change = self.change(record)
        old = copy.deepcopy(record)
        replacement = copy.deepcopy(self.new)
        if isinstance(record, DublinCoreRecord):
            record.values[:] = replacement.values
        else:
            record.leader = replacement.leader
            record.fields = replacement.fields
        return ReplaceRecord(old, self.what), change


def insertion_index(record: Record, tag: str) -> int:
    """Where a new field with ``tag`` goes: after the last field whose tag sorts before or equal."""
    position = 0
    for number, existing in enumerate(record.fields):
        if existing.tag <= tag:
            position = number + 1
    return position


def blank_field(tag: str) -> Field:
    """A new, empty field for ``tag`` (a data field starts with an empty $a)."""
    if _is_control_tag(tag):
        return Field(tag=tag, data="")
    return Field(tag=tag, indicators=Indicators(" ", " "), subfields=[Subfield("a", "")])
