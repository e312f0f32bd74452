"""Where each Dublin Core statement of the crosswalk comes from, and what it leaves out.

``marc_to_dc`` (``sandbox.formats.crosswalk``) gives the Dublin Core record; ``trace`` gives the
same statements attributed to the MARC field, subfields or character positions they were made
from, with LC's crosswalk line, and lists every field and subfield that no line maps. The crosswalk
view shows the two side by side, so a learner sees why 245 $c (statement of responsibility) never
reaches dc:title and where 264 $b went.

Read-only: it runs the crosswalk's own table and value rules field by field, so the statements it
reports are exactly those ``marc_to_dc`` produces (a test checks that on the sample records).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pymarc import Record

from sandbox.formats.crosswalk import (
    _URI,
    FIELD_TESTS,
    Row,
    _field_values,
    _fixed_value,
    _leader_types,
    _subfields,
    _takes,
    applied_rows,
)
from sandbox.records.dublin_core import DCValue

__all__ = ["TraceLine", "trace"]


@dataclass(frozen=True)
class TraceLine:
    """One MARC source and what it becomes in Dublin Core (``statement`` None: not mapped).

    ``address`` names the source in the record addressing scheme (``LDR/06-07``, ``008/35-37``,
    ``245``, ``650[2]``, ``245$c``, ``700[2]$e``); ``field_index`` is its index in
    ``record.fields`` (None for the leader). ``marc`` is the source as MARC text (``$aTitle
    :$bsubtitle``, or the characters of a fixed field). ``kept`` is False when ``marc_to_dc``
    drops the statement as an exact repeat of one made earlier.
    """

    address: str
    field_index: int | None
    tag: str
    marc: str
    statement: DCValue | None = None
    row: Row | None = None
    kept: bool = True

    @property
    def mapped(self) -> bool:
        return self.statement is not None

    @property
    def dc_term(self) -> str:
        """``dc:title`` or ``dcterms:alternative``; empty when not mapped."""
        if self.statement is None:
            return ""
        if self.statement.refinement:
            return f"dcterms:{self.statement.refinement}"
        return f"dc:{self.statement.element}"


@dataclass(frozen=True)
class _Part:
    """Some subfields of a field, passed to the crosswalk's value rules as if a whole field."""

    tag: str
    subfields: list[tuple[str, str]]


def _is_control(field: object) -> bool:
    try:
        return bool(field.is_control_field())  # type: ignore[attr-defined]
    except Exception:
        return getattr(field, "data", None) is not None


def _marc_text(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f"${code}{value}" for code, value in pairs)


def _field_addresses(fields: list[object]) -> list[str]:
    counts = Counter(str(getattr(f, "tag", "")) for f in fields)
    seen: Counter[str] = Counter()
    addresses = []
    for field in fields:
        tag = str(getattr(field, "tag", ""))
        seen[tag] += 1
        addresses.append(f"{tag}[{seen[tag]}]" if counts[tag] > 1 else tag)
    return addresses


def _subfield_address(field_address: str, pairs: list[tuple[str, str]], position: int) -> str:
    code = pairs[position][0]
    same = [i for i, (c, _) in enumerate(pairs) if c == code]
    occurrence = f"[{same.index(position) + 1}]" if len(same) > 1 else ""
    return f"{field_address}${code}{occurrence}"


def _statement(row: Row, value: str) -> DCValue:
    scheme = row.scheme if (not row.uri or _URI.match(value)) else None
    return DCValue(row.element or "", value, row.refinement, None, scheme)


# A source's events: (row, list of (subfield positions used, values made)).
_Events = list[tuple[Row, list[tuple[list[int], list[str]]]]]


def _data_field_events(rows: tuple[Row, ...], field: object) -> _Events:
    tag = str(getattr(field, "tag", ""))
    pairs = _subfields(field)
    events: _Events = []
    for row in rows:
        if row.kind != "subfields" or tag not in row.tags:
            continue
        if row.when and not FIELD_TESTS[row.when](field):
            continue
        taken = [i for i, (code, _) in enumerate(pairs) if _takes(row, code)]
        groups = [[i] for i in taken] if row.each else ([taken] if taken else [])
        made = []
        for group in groups:
            values = _field_values(row, _Part(tag, [pairs[i] for i in group]))
            if values:
                made.append((group, values))
        if made:
            events.append((row, made))
    return events


def trace(record: Record, *, qualified: bool = False) -> list[TraceLine]:
    """The crosswalk of ``record``, line by line in record order (leader first, then fields).

    A source that makes several statements gives several lines; a field no crosswalk line maps,
    and each subfield of a mapped field that none of its lines takes, gives one line with no
    statement. Odd records (no leader, empty fields) give fewer lines, never an error.
    """
    try:
        fields = list(getattr(record, "fields", None) or [])
    except Exception:
        fields = []
    try:
        leader = str(getattr(record, "leader", "") or "")
    except Exception:
        leader = ""
    rows = applied_rows(qualified=qualified)
    addresses = _field_addresses(fields)

    # (order key in marc_to_dc's iteration, line) — the key decides which repeat is kept.
    made: list[tuple[tuple[int, int, int], TraceLine]] = []
    unmapped: list[tuple[int, TraceLine]] = []

    leader_types = [(r, v) for r in rows if r.kind == "leader" for v in _leader_types(leader)]
    if leader_types:
        for row, value in leader_types:
            made.append(((rows.index(row), -1, 0), TraceLine(
                "LDR/06-07", None, "LDR", leader[6:8], _statement(row, value), row)))
    else:
        unmapped.append((-1, TraceLine("LDR/06-07", None, "LDR", leader[6:8])))

    first_of_tag: dict[str, int] = {}
    for index, field in enumerate(fields):
        first_of_tag.setdefault(str(getattr(field, "tag", "")), index)

    for index, field in enumerate(fields):
        tag, address = str(getattr(field, "tag", "")), addresses[index]
        if _is_control(field):
            data = str(getattr(field, "data", "") or "")
            found = False
            for row in rows:
                if row.kind != "fixed" or row.tags[0] != tag or first_of_tag[tag] != index:
                    continue
                start, end = row.positions or (0, 0)
                for value in _fixed_value(row, [field]):
                    found = True
                    where = f"{tag}/{start:02d}-{end - 1:02d}"
                    made.append(((rows.index(row), index, 0), TraceLine(
                        where, index, tag, data[start:end], _statement(row, value), row)))
            if not found:
                unmapped.append((index, TraceLine(address, index, tag, data)))
            continue

        pairs = _subfields(field)
        events = _data_field_events(rows, field)
        if not events:
            unmapped.append((index, TraceLine(address, index, tag, _marc_text(pairs))))
            continue
        used: set[int] = set()
        for row, groups in events:
            for group_number, (group, values) in enumerate(groups):
                used.update(group)
                where = (_subfield_address(address, pairs, group[0]) if len(group) == 1
                         else address)
                source = _marc_text(pairs[i] for i in group)
                for value in values:
                    made.append(((rows.index(row), index, group_number), TraceLine(
                        where, index, tag, source, _statement(row, value), row)))
        for position, pair in enumerate(pairs):
            if position not in used:
                unmapped.append((index, TraceLine(
                    _subfield_address(address, pairs, position), index, tag, _marc_text([pair]))))

    kept_keys = set()
    seen: set[DCValue] = set()
    for key, line in sorted(made, key=lambda item: item[0]):
        if line.statement not in seen:
            seen.add(line.statement)  # type: ignore[arg-type]
            kept_keys.add(id(line))
    lines = [(line.field_index if line.field_index is not None else -1, 0, line)
             for _key, line in made]
    lines = [(position, order, _with_kept(line, id(line) in kept_keys))
             for order, (position, _, line) in enumerate(lines)]
    lines += [(position, len(made) + n, line) for n, (position, line) in enumerate(unmapped)]
    return [line for _, _, line in sorted(lines, key=lambda item: (item[0], item[1]))]


def _with_kept(line: TraceLine, kept: bool) -> TraceLine:
    if kept:
        return line
    return TraceLine(line.address, line.field_index, line.tag, line.marc, line.statement,
                     line.row, kept=False)
