"""An instructor's exercise made from a record: the record is the key; chosen fields are blanked
or damaged in the start record; each chosen field becomes a weighted check.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from pymarc import Indicators, Record

from sandbox.exercises.model import Check, Hint
from sandbox.formats.mrk import format_record
from sandbox.packs.authoring import ExerciseDraft, slug

KEEP, BLANK, DAMAGE = "keep", "blank", "damage"
TREATMENTS = (KEEP, BLANK, DAMAGE)


@dataclass(frozen=True)
class FieldChoice:
    """What happens to one field of the key: kept as given, left out, or damaged; and how many
    points getting it right is worth (0: not checked)."""

    field_index: int
    treatment: str = KEEP
    weight: float = 0.0


def competency_for(tag: str) -> str:
    """The ALA core competency a field mostly trains."""
    if tag in ("050", "055", "060", "082", "083", "084", "090", "092"):
        return "classification"
    if tag.startswith("6"):
        return "subject analysis"
    if tag[0] in ("1", "7") or tag in ("240", "490") or tag.startswith("8"):
        return "access points"
    if tag < "010" or tag in ("020", "022", "024", "040", "041", "043"):
        return "encoding"
    return "description"


def damage(record: Record, index: int) -> str:
    """Put a realistic, findable mistake into field ``index``; returns what was done, in words."""
    field = record.fields[index]
    if field.is_control_field():
        data = field.data or ""
        if field.tag == "008" and len(data) >= 38:
            field.data = data[:35] + "   " + data[38:]
            return "008/35-37 language left blank"
        field.data = data[:-1] if data else data
        return f"{field.tag}: last character dropped"
    first, second = field.indicators or Indicators(" ", " ")
    if second.isdigit() and second != "0":
        field.indicators = Indicators(first, "0")
        return f"{field.tag} second indicator set to 0"
    if len(field.subfields) > 1:
        dropped = field.subfields.pop()
        return f"{field.tag} ${dropped.code} dropped"
    if field.subfields and field.subfields[-1].value.rstrip()[-1:] in ".,;:/":
        last = field.subfields[-1]
        field.subfields[-1] = type(last)(last.code, last.value.rstrip()[:-1].rstrip())
        return f"{field.tag}: closing punctuation dropped"
    field.indicators = Indicators("9", second)
    return f"{field.tag} first indicator set to an undefined 9"


def start_record(key: Record, choices: list[FieldChoice]) -> tuple[Record, list[str]]:
    """The record the learner starts from, and what was done to it (for the instructor)."""
    start = copy.deepcopy(key)
    notes = []
    for choice in choices:
        if choice.treatment == DAMAGE:
            notes.append(damage(start, choice.field_index))
    blanked = sorted((c.field_index for c in choices if c.treatment == BLANK), reverse=True)
    for index in blanked:
        notes.append(f"{start.fields[index].tag} left out")
        del start.fields[index]
    return start, notes


def checks_for(key: Record, choices: list[FieldChoice]) -> tuple[Check, ...]:
    """One check per weighted field: the field (its n-th occurrence) compared normalized."""
    checks = []
    for choice in choices:
        if choice.weight <= 0:
            continue
        field = key.fields[choice.field_index]
        occurrence = sum(1 for f in key.fields[: choice.field_index + 1] if f.tag == field.tag)
        select = f"{field.tag}[{occurrence}]" if sum(f.tag == field.tag for f in key.fields) > 1 else field.tag
        checks.append(Check(select=select, compare="exact" if field.is_control_field() else "normalized",
                            weight=choice.weight, competency=competency_for(field.tag)))
    return tuple(checks)


def exercise_from_record(key: Record, *, kind: str, title: str, brief: str,
                         choices: list[FieldChoice], hints: tuple[str, str, str] = ("", "", ""),
                         exercise_id: str | None = None) -> tuple[ExerciseDraft, list[str]]:
    """The exercise draft (ready for ``sandbox.packs.authoring.add_exercise``) and the notes on
    what was blanked or damaged."""
    start, notes = start_record(key, choices)
    tiers = [Hint(tier, text) for tier, text in zip(("nudge", "rule", "answer"), hints) if text.strip()]
    draft = ExerciseDraft(
        id=exercise_id or slug(f"{kind} {title}")[:60].strip("-"),
        kind=kind, title=title, brief=brief or f"# {title}\n",
        keys={"key.mrk": format_record(key) + "\n"},
        start=format_record(start) + "\n",
        hints=tuple(tiers), checks=checks_for(key, choices),
    )
    return draft, notes
