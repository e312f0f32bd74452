"""How a record is summarised for people: list rows, titles, material names, its text form.

The UI shows these; it does not work them out (it holds no cataloging knowledge).
"""

from __future__ import annotations

from pymarc import Record

from sandbox.records.dublin_core import DublinCoreRecord

#: Leader/06 type of record, in LC's words (MARC 21 Bibliographic, Leader).
RECORD_TYPES = {
    "a": "Language material",
    "c": "Notated music",
    "d": "Manuscript notated music",
    "e": "Cartographic material",
    "f": "Manuscript cartographic material",
    "g": "Projected medium",
    "i": "Nonmusical sound recording",
    "j": "Musical sound recording",
    "k": "Two-dimensional nonprojectable graphic",
    "m": "Computer file",
    "o": "Kit",
    "p": "Mixed materials",
    "r": "Three-dimensional artifact or naturally occurring object",
    "t": "Manuscript language material",
}
#: Leader/07 bibliographic level for language material that is not a monograph.
_CONTINUING = {"b": "Serial component part", "i": "Integrating resource", "s": "Serial"}


def material(record: Record | DublinCoreRecord) -> str:
    """A short name for what the record describes, from Leader/06-07 (or dc:type)."""
    if isinstance(record, DublinCoreRecord):
        types = record.texts("type")
        return f"Dublin Core: {types[0]}" if types else "Dublin Core"
    leader = str(record.leader)
    kind, level = leader[6:7], leader[7:8]
    if kind in ("a", "t") and level in _CONTINUING:
        return _CONTINUING[level]
    if kind == "a" and level in ("a", "c", "d", "m"):
        return "Book" if level == "m" else "Language material"
    return RECORD_TYPES.get(kind, f"Unknown type '{kind}'")


def title(record: Record | DublinCoreRecord) -> str:
    """The title proper for a list row: 245 $a (with $b and $n/$p), or the first dc:title."""
    if isinstance(record, DublinCoreRecord):
        return record.title or "(no title)"
    for field in record.fields:
        if field.tag == "245" and not field.is_control_field():
            parts = [value for code, value in field.subfields if code in "abnp"]
            text = " ".join(part.strip() for part in parts).rstrip(" /:;=,")
            return text or "(245 has no title subfields)"
    return "(no 245 title)"


def control_number(record: Record | DublinCoreRecord) -> str:
    if isinstance(record, DublinCoreRecord):
        identifiers = record.texts("identifier")
        return identifiers[0] if identifiers else ""
    for field in record.fields:
        if field.tag == "001" and field.is_control_field():
            return (field.data or "").strip()
    return ""


def as_text(record: Record | DublinCoreRecord) -> str:
    """The record as a person reads it: MARC mnemonic text, or Dublin Core one statement a line."""
    if isinstance(record, Record):
        from sandbox.formats.mrk import format_record

        return format_record(record, strict=False)
    labels = [f"dcterms:{s.refinement}" if s.refinement else f"dc:{s.element}" for s in record]
    width = max((len(label) for label in labels), default=0) + 2
    lines = []
    for label, statement in zip(labels, record):
        extras = [f"xml:lang={statement.lang}"] if statement.lang else []
        extras += [f"type={statement.scheme}"] if statement.scheme else []
        suffix = f"  ({', '.join(extras)})" if extras else ""
        lines.append(f"{label:<{width}}{statement.value}{suffix}")
    return "\n".join(lines)
