"""Small helpers over pymarc's MARC classes (we build on them, we do not re-model them)."""

from __future__ import annotations

from pymarc import Field, Leader, Record


def new_record(leader: str, fields: list[Field]) -> Record:
    """A record with exactly this leader and these fields.

    pymarc's ``Record(leader=…)`` rewrites Leader/10-11 and 20-23; a reader must keep what the
    file says, so that validation can point at a wrong leader instead of it being hidden.
    """
    record = Record()
    record.leader = Leader(leader)
    record.fields = fields
    return record
