"""Questions about the Leader and 008: which position holds an element, the code for a value, what
a code means.

Generated from :mod:`sandbox.reference.marc21`. 008/00-17 and 35-39 are the same for every kind
of material, so they are asked once ("008, all materials"); 008/18-34 are asked per material
("008/23 for Books"). Positions LC leaves undefined, digit-only positions (record length, dates)
and the fill character are not asked: there is nothing to learn from them.
"""

from __future__ import annotations

from sandbox.drills.question import Question, blank_forms, make_choices, shown
from sandbox.reference import marc21

BD = "https://www.loc.gov/marc/bibliographic/"
_NOT_CODES = {"|"}  # the fill character means "no attempt to code" everywhere


def _span(position: marc21.PositionDef) -> str:
    return f"{position.start:02d}" + (f"-{position.end:02d}" if position.end != position.start else "")


def _places() -> list[tuple[str, str, str, marc21.PositionDef, list[marc21.PositionDef]]]:
    """(field, material, key part, position, its siblings) for each position worth asking about."""
    out = []
    leader = marc21.leader_positions()
    for position in leader:
        out.append(("Leader", "", "LDR", position, leader))
    labels = marc21.material_labels()
    first = marc21.field_008_positions(marc21.MATERIALS[0])
    for position in first:
        if position.start <= 17 or position.start >= 35:
            out.append(("008", "all materials", "008", position, first))
    for material in marc21.MATERIALS:
        positions = marc21.field_008_positions(material)
        for position in positions:
            if 18 <= position.start <= 34:
                out.append(("008", labels[material], f"008/{material}", position, positions))
    return [place for place in out if _worth_asking(place[3])]


def _worth_asking(position: marc21.PositionDef) -> bool:
    if position.label.lower().startswith("undefined"):
        return False
    codes = _codes(position)
    if position.code_list:
        return True
    return bool(codes) and not all(meaning.lower().endswith("digit") for meaning in codes.values())


def _codes(position: marc21.PositionDef) -> dict[str, str]:
    """Codes with a meaning of their own (fill character and numeric ranges left out)."""
    counts: dict[str, int] = {}
    for meaning in position.codes.values():
        counts[meaning] = counts.get(meaning, 0) + 1
    return {code: meaning for code, meaning in position.codes.items()
            if code not in _NOT_CODES and "-" not in code.strip("-") and counts[meaning] == 1}


def _citation(key_part: str, position: marc21.PositionDef) -> str:
    return position.citation or (BD + ("bdleader.html" if key_part == "LDR" else "bd008.html"))


def fixed_field_questions() -> list[Question]:
    out = []
    for tag, material, key_part, position, siblings in _places():
        span = _span(position)
        codes = _codes(position)
        place = f"{tag}/{span}" + (f" ({material})" if material else "")
        where = tag + (f" ({material})" if material else "")
        listing = "; ".join(f"{shown(code)} = {meaning}" for code, meaning in codes.items())
        teach = f"{place} is {position.label}."
        if position.code_list:
            teach += f" It holds a code from the MARC Code List for {position.code_list.capitalize()}."
        elif listing:
            teach += f" Codes: {listing}."
        if position.repeat_codes and position.length > 1:
            teach += (f" Each of its {position.length} characters holds one code, left-justified, "
                      "unused positions blank.")
        citation = _citation(key_part, position)

        key = f"ff-pos:{key_part}:{span}"
        other_spans = [_span(p) for p in siblings if p is not position]
        out.append(Question(
            key=key, topic="fixed-field",
            prompt=f"Which character position of the {where} holds “{position.label}”?",
            choices=make_choices(key, span, other_spans), answer=span,
            accept=(f"{tag}/{span}", f"LDR/{span}" if tag == "Leader" else f"008/{span}",
                    span.replace("-", " to "), span.lstrip("0") or "0"),
            explanation=teach, citation=citation))

        if len(codes) < 2:
            continue  # a position with one code (Leader/10 is always 2) makes no question
        for code, meaning in codes.items():
            key = f"ff-code:{key_part}:{span}:{shown(code)}"
            out.append(Question(
                key=key, topic="fixed-field",
                prompt=f"{place}, {position.label}: which code means “{meaning}”?",
                choices=make_choices(key, shown(code), [shown(c) for c in codes]),
                answer=shown(code), accept=blank_forms(code, position.codes), explanation=teach,
                citation=citation))
            key = f"ff-meaning:{key_part}:{span}:{shown(code)}"
            out.append(Question(
                key=key, topic="fixed-field",
                prompt=f"{place}, {position.label}: what does code {shown(code)} mean?",
                choices=make_choices(key, meaning, list(codes.values())), answer=meaning,
                explanation=teach, citation=citation, free_text=False))
    return out
