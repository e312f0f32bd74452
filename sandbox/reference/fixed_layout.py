"""How the editor lays out a fixed field: which Leader, 006, 007 or 008 form applies to a value
(the 008 by Leader/06-07, the 006 by its byte 0, the 007 by its category) and whether a position's
value is acceptable. Facts from LC's MARC 21 Bibliographic, through ``sandbox.reference.marc21``
and the code lists; the UI only draws what this says.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.reference import codes, marc21
from sandbox.reference.marc21 import PositionDef

LEADER = "LDR"


@dataclass(frozen=True)
class FormSection:
    heading: str
    positions: tuple[PositionDef, ...]


@dataclass(frozen=True)
class FixedForm:
    key: tuple[str, str]  # (tag, layout): a new key means a new set of controls
    tag: str
    subtitle: str
    sections: tuple[FormSection, ...]
    length: int | None  # the length the field must have; None for the 007 (varies)
    notice: str = ""


def _raw(start: int, end: int, label: str, citation: str) -> PositionDef:
    """A position shown as plain text when no layout can be chosen for it."""
    return PositionDef(start, end, label, {}, {}, False, citation)


def _first_position(positions: list[PositionDef], choices: dict[str, str]) -> list[PositionDef]:
    """The positions with position 0 offering every choice (006/00, 007/00 switch the layout)."""
    first = positions[0]
    return [PositionDef(first.start, first.end, first.label, dict(choices), {}, False,
                        first.citation), *positions[1:]]


def _form_of_material_choices() -> dict[str, str]:
    choices: dict[str, str] = {}
    for material in marc21.MATERIALS:
        choices.update(marc21.field_006_positions(material)[0].codes)
    return dict(sorted(choices.items()))


def _material_from_006(value: str) -> str | None:
    for material in marc21.MATERIALS:
        if value[:1] and value[:1] in marc21.field_006_positions(material)[0].codes:
            return material
    return None


def _leader_note(leader: str) -> str:
    kind, level = leader[6:7] or "?", leader[7:8] or "?"
    return f"Leader/06 '{kind}', Leader/07 '{level}'"


def form_for(tag: str, value: str, leader: str) -> FixedForm:
    labels = marc21.material_labels()
    if tag == LEADER:
        return FixedForm((LEADER, ""), LEADER, "Record structure and what the record describes",
                     (FormSection("Leader/00-23", tuple(marc21.leader_positions())),), 24)
    if tag == "008":
        try:
            material = marc21.material_type(leader)
        except ValueError:
            positions = marc21.field_008_positions("BK")
            raw = _raw(18, 34, "Material-specific positions", "https://www.loc.gov/marc/"
                       "bibliographic/bd008.html")
            return FixedForm(("008", "?"), "008", "No material type",
                         (FormSection("All materials", tuple(p for p in positions if p.end <= 17)),
                          FormSection("Material-specific (raw)", (raw,)),
                          FormSection("All materials", tuple(p for p in positions if p.start >= 35))),
                         40, notice=f"{_leader_note(leader)} selects none of the 008 layouts, "
                         "so positions 18-34 are shown as plain text. Set Leader/06 first.")
        positions = marc21.field_008_positions(material)
        name = labels[material]
        return FixedForm(("008", material), "008", f"{name} — chosen by {_leader_note(leader)}",
                     (FormSection("All materials · 00-17",
                               tuple(p for p in positions if p.end <= 17)),
                      FormSection(f"{name} · 18-34",
                               tuple(p for p in positions if 18 <= p.start <= 34)),
                      FormSection("All materials · 35-39",
                               tuple(p for p in positions if p.start >= 35))), 40)
    if tag == "006":
        material = _material_from_006(value)
        choices = _form_of_material_choices()
        if material is None:
            first = marc21.field_006_positions("BK")[0]
            positions = _first_position([first], choices) + [
                _raw(1, 17, "Material-specific positions", first.citation)]
            return FixedForm(("006", "?"), "006", "006/00 names no form of material", (
                FormSection("006", tuple(positions)),), 18,
                notice=f"006/00 '{value[:1]}' is not a form of material code, so positions "
                "01-17 are shown as plain text. Choose 006/00 first.")
        positions = _first_position(marc21.field_006_positions(material), choices)
        name = labels[material]
        return FixedForm(("006", material), "006", f"{name} — chosen by 006/00 '{value[:1]}'",
                     (FormSection("006/00", tuple(positions[:1])),
                      FormSection(f"{name} · as 008/18-34", tuple(positions[1:]))), 18)
    if tag == "007":
        categories = marc21.field_007_categories()
        category = value[:1]
        if category not in categories:
            first = marc21.field_007_positions("a")[0]
            positions = _first_position([first], categories) + [
                _raw(1, max(len(value) - 1, 1), "Category-specific positions", first.citation)]
            return FixedForm(("007", f"?{len(value)}"), "007",
                         "007/00 names no category of material",
                         (FormSection("007", tuple(positions)),), None,
                         notice=f"007/00 '{category}' is not a category of material, so the "
                         "other positions are shown as plain text. Choose 007/00 first.")
        positions = _first_position(marc21.field_007_positions(category), categories)
        return FixedForm(("007", category), "007", f"{categories[category]} — chosen by 007/00 "
                     f"'{category}'", (FormSection(categories[category], tuple(positions)),),
                     positions[-1].end + 1)
    raise ValueError(f"{tag} is not a fixed field with character positions (Leader, 006, 007, "
                     "008)")


def position_status(position: PositionDef, value: str) -> tuple[bool, str]:
    """(whether ``value`` is acceptable here, a short reason when it is not)."""
    if len(value) < position.length:
        return False, "missing: the field is too short"
    if position.code_list:
        if value == "|" * position.length:
            return True, ""
        if position.code_list == "languages":
            if value == "   " or codes.is_valid_language(value):
                return True, ""
            old = codes.languages().get("-" + value)
            return False, ("an obsolete language code" if old else
                           "not a MARC language code")
        if codes.is_valid_country(value):
            return True, ""
        old = codes.countries().get("-" + value.rstrip())
        return False, ("an obsolete country code" if old else
                       "not a MARC country code")
    verdict = position.accepts(value)
    if verdict is None or verdict:
        return True, ""
    pieces = list(value) if position.repeat_codes else [value]
    if any(piece in position.obsolete_codes for piece in pieces):
        return False, "an obsolete code"
    return False, "not a defined code here"
