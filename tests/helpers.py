"""Helpers shared by the tests."""

from __future__ import annotations

from pymarc import Field, Record


def shape(field: Field) -> tuple:
    """A comparable view of a pymarc field (pymarc 5 fields do not compare by value)."""
    if field.is_control_field():
        return (field.tag, field.data)
    return (field.tag, tuple(field.indicators), tuple((s.code, s.value) for s in field.subfields))


def shapes(record: Record) -> list[tuple]:
    return [shape(f) for f in record.fields]


def written(writer_class, records) -> bytes:
    """What a writer class produces for ``records``, as bytes."""
    import io

    buffer = io.BytesIO()
    writer = writer_class(buffer)
    for record in records:
        writer.write(record)
    writer.close()
    return buffer.getvalue()
