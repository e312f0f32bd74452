"""One way to name a place in a record, shared by validation rules, scoring and the editor.

MARC addresses::

    LDR            the leader            LDR/06        one leader position
    008/35-37      positions 35 to 37    245           every 245 field
    650[2]         the second 650        245$a         every $a of every 245
    650[2]$x[1]    the first $x of the second 650
    245/ind2       the second indicator of every 245

Dublin Core addresses name an element or a dcterms refinement: ``title``, ``creator[2]``,
``dcterms:alternative``. Occurrences count from 1, positions from 0 (as LC numbers them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pymarc import Record

from sandbox.records.dublin_core import ELEMENTS, REFINEMENTS, DublinCoreRecord

LEADER = "LDR"
_EXAMPLES = "e.g. LDR/06, 008/35-37, 245$a, 650[2]$x, 245/ind2, title[2]"
_MARC = re.compile(
    r"""(?P<tag>LDR|[0-9A-Za-z]{3})
        (?:\[(?P<occurrence>\d+)\])?
        (?: \$(?P<subfield>[^\[\]/$])(?:\[(?P<subfield_occurrence>\d+)\])?
          | /ind(?P<indicator>[12])
          | /(?P<start>\d{1,2})(?:-(?P<end>\d{1,2}))? )?
        \Z""",
    re.VERBOSE,
)
_DUBLIN_CORE = re.compile(r"(?:(?P<prefix>dc|dcterms):)?(?P<term>[A-Za-z]{4,})(?:\[(?P<occurrence>\d+)\])?\Z")


#: The last character position of the fixed-length fields (007 varies with its category).
_LAST_POSITION = {LEADER: 23, "006": 17, "008": 39}


class AddressError(ValueError):
    """Text that is not a record address, with a message that says what a good one looks like."""


def is_control_tag(tag: str) -> bool:
    return tag == LEADER or (tag.isdigit() and tag < "010")


@dataclass(frozen=True)
class Address:
    tag: str
    occurrence: int | None = None
    subfield: str | None = None
    subfield_occurrence: int | None = None
    indicator: int | None = None
    start: int | None = None
    end: int | None = None  # inclusive, as in "008/35-37"

    @property
    def is_dublin_core(self) -> bool:
        return len(self.tag) > 3

    @property
    def field(self) -> Address:
        """The address of the whole field (or DC statement) this address points into."""
        return Address(self.tag, self.occurrence)

    def with_occurrence(self, occurrence: int, subfield_occurrence: int | None = None) -> Address:
        return replace(self, occurrence=occurrence,
                       subfield_occurrence=subfield_occurrence or self.subfield_occurrence)

    def __str__(self) -> str:
        text = self.tag
        if self.occurrence is not None:
            text += f"[{self.occurrence}]"
        if self.subfield is not None:
            text += f"${self.subfield}"
            if self.subfield_occurrence is not None:
                text += f"[{self.subfield_occurrence}]"
        elif self.indicator is not None:
            text += f"/ind{self.indicator}"
        elif self.start is not None:
            text += f"/{self.start:02d}"
            if self.end is not None and self.end != self.start:
                text += f"-{self.end:02d}"
        return text


def parse_address(text: str) -> Address:
    """Parse an address; raises ``AddressError`` naming what is wrong."""
    text = text.strip()
    match = _MARC.match(text)
    if match:
        return _marc_address(text, match)
    match = _DUBLIN_CORE.match(text)
    if match:
        term = match["term"]
        if term not in ELEMENTS and term not in REFINEMENTS:
            raise AddressError(f"'{term}' is not a Dublin Core element or dcterms refinement")
        return Address(term, _occurrence(text, match["occurrence"]))
    raise AddressError(f"'{text}' is not a record address ({_EXAMPLES})")


def _occurrence(text: str, digits: str | None) -> int | None:
    if digits is None:
        return None
    if int(digits) < 1:
        raise AddressError(f"'{text}': occurrences count from 1")
    return int(digits)


def _marc_address(text: str, match: re.Match[str]) -> Address:
    tag = match["tag"].upper() if match["tag"].upper() == LEADER else match["tag"]
    control = is_control_tag(tag)
    if match["start"] is not None:
        if not control:
            raise AddressError(f"'{text}': character positions belong to the leader and control "
                               f"fields (00X); {tag} has indicators and subfields")
        start = int(match["start"])
        end = int(match["end"]) if match["end"] is not None else None
        if end is not None and end < start:
            raise AddressError(f"'{text}': the range ends before it starts")
        last = _LAST_POSITION.get(tag)
        if last is not None and max(start, end or start) > last:
            raise AddressError(f"'{text}': {'the leader' if tag == LEADER else tag} has "
                               f"positions 00-{last:02d}")
        return Address(tag, _occurrence(text, match["occurrence"]), start=start, end=end)
    if (match["subfield"] or match["indicator"]) and control:
        raise AddressError(f"'{text}': {'the leader' if tag == LEADER else tag} has no "
                           "indicators or subfields; address its positions, e.g. 008/35-37")
    if tag == LEADER and match["occurrence"]:
        raise AddressError(f"'{text}': a record has one leader")
    return Address(
        tag,
        _occurrence(text, match["occurrence"]),
        subfield=match["subfield"],
        subfield_occurrence=_occurrence(text, match["subfield_occurrence"]),
        indicator=int(match["indicator"]) if match["indicator"] else None,
    )


def format_address(address: Address) -> str:
    return str(address)


@dataclass(frozen=True)
class Target:
    """One place an address resolved to: its fully specified address and the text found there.

    ``field_index`` is the index in ``record.fields`` (or in a DC record's values), ``None`` for
    the leader; ``subfield_index`` the index in that field's subfields.
    """

    address: Address
    value: str
    field_index: int | None = None
    subfield_index: int | None = None


def resolve(record: Record | DublinCoreRecord, address: Address | str) -> list[Target]:
    """Every place in ``record`` that ``address`` names, in record order (empty if none)."""
    if isinstance(address, str):
        address = parse_address(address)
    if isinstance(record, DublinCoreRecord):
        return _resolve_dublin_core(record, address)
    if address.is_dublin_core:
        raise AddressError(f"'{address}' names a Dublin Core element, but this is a MARC record")
    if address.tag == LEADER:
        return [Target(address, _positions(str(record.leader), address))]
    targets = []
    occurrence = 0
    for index, field in enumerate(record.fields):
        if field.tag != address.tag:
            continue
        occurrence += 1
        if address.occurrence is not None and occurrence != address.occurrence:
            continue
        here = address.with_occurrence(occurrence)
        if field.is_control_field():
            targets.append(Target(here, _positions(field.data or "", address), index))
        elif address.indicator is not None:
            indicators = field.indicators or (" ", " ")
            targets.append(Target(here, indicators[address.indicator - 1], index))
        elif address.subfield is not None:
            targets.extend(_subfields(field.subfields, here, index))
        else:
            targets.append(Target(here, " ".join(value for _, value in field.subfields), index))
    return targets


def _positions(text: str, address: Address) -> str:
    if address.start is None:
        return text
    end = address.end if address.end is not None else address.start
    return text[address.start : end + 1]


def _subfields(subfields, address: Address, field_index: int) -> list[Target]:
    found = []
    count = 0
    for position, (code, value) in enumerate(subfields):
        if code != address.subfield:
            continue
        count += 1
        if address.subfield_occurrence is None or address.subfield_occurrence == count:
            found.append(Target(replace(address, subfield_occurrence=count), value, field_index,
                                position))
    return found


def _resolve_dublin_core(record: DublinCoreRecord, address: Address) -> list[Target]:
    if not address.is_dublin_core:
        raise AddressError(f"'{address}' names a MARC place, but this is a Dublin Core record")
    targets = []
    occurrence = 0
    for index, statement in enumerate(record.values):
        if statement.term != address.tag:
            continue
        occurrence += 1
        if address.occurrence is None or address.occurrence == occurrence:
            targets.append(Target(address.with_occurrence(occurrence), statement.value, index))
    return targets


@dataclass(frozen=True)
class Spot:
    """Where an address points, in the terms an editor shows a record in.

    ``part`` is ``leader``, ``field`` (the whole field), ``tag``, ``ind1``, ``ind2``, ``subfield``
    or ``positions`` (``start``-``end`` of the leader or a control field). ``field_index`` is None
    for the leader.
    """

    part: str
    field_index: int | None = None
    subfield_index: int | None = None
    start: int | None = None
    end: int | None = None


def locate(record: Record | DublinCoreRecord, location: str) -> list[Spot]:
    """The spots a finding's location names (empty when it names nothing that exists, such as a
    missing field, or is not an address at all)."""
    try:
        address = parse_address(location)
        targets = resolve(record, address)
    except (AddressError, ValueError):
        return []
    spots = []
    for target in targets:
        if address.is_dublin_core:
            spots.append(Spot("field", target.field_index))
        elif address.start is not None:
            end = address.end if address.end is not None else address.start
            spots.append(Spot("positions", target.field_index, None, address.start, end))
        elif address.tag == LEADER:
            spots.append(Spot("leader"))
        elif address.indicator is not None:
            spots.append(Spot(f"ind{address.indicator}", target.field_index))
        elif target.subfield_index is not None:
            spots.append(Spot("subfield", target.field_index, target.subfield_index))
        else:
            spots.append(Spot("field", target.field_index))
    return spots
