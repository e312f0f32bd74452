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


#: The control fields whose data is a string of coded character positions (LC shows their
#: blanks as '#'; the editor has a form for each, and for the leader).
FIXED_LENGTH_TAGS = ("006", "007", "008")


def is_control_tag(tag: str) -> bool:
    """00X tags are control fields: data, no indicators or subfields."""
    return tag.isdigit() and tag < "010"
