"""The twelve table-driven checks as they were written before they shared one pass over the
fields (``sandbox.rules.field_table``): one plain loop per rule. Kept as the reference the fast
pass must agree with, finding for finding and in the same order."""

from __future__ import annotations

import re

from sandbox.reference import marc21
from sandbox.rules.model import Hit
from sandbox.rules.walk import describe_character, located_fields, quoted

_TAG = re.compile(r"[0-9A-Za-z]{3}\Z")
_CODE = re.compile(r"[a-z0-9]\Z")
_INDICATOR = re.compile(r"[ a-z0-9]\Z")
_SUBFIELD_LIKE = re.compile(r"[\x1f$][a-z0-9]")

#: Added since: where an obsolete subfield's data goes now.
_INSTEAD = {("022", "l"): "record the ISSN-L in 023 $a with first indicator 0 (Cluster ISSN)",
            ("022", "m"): "record a canceled ISSN-L in 023 $z with first indicator 0"}
OCLC_FIELDS = {"019", "029", "049", "090", "092", "096", "098", "099"}


def _local_tag(tag: str) -> bool:
    """09X, 59X, 69X and 9XX are reserved for local use (MARC 21, "Local field" conventions)."""
    return tag.isdigit() and (tag[0] == "9" or (tag[0] in "056" and tag[1] == "9"))


def _definition(tag: str):
    return marc21.field(tag)


def _listing(values: dict[str, str], limit: int = 8) -> str:
    shown = [f"{'blank' if code == ' ' else code} {meaning}".strip()
             for code, meaning in list(values.items())[:limit]]
    more = "…" if len(values) > limit else ""
    return "; ".join(shown) + more


_SUSPECT = re.compile("[\x00-\x1e\x7f-\x9f\ufffd]")


def _bad_characters(text: str) -> list[str]:
    if not _SUSPECT.search(text):
        return []
    found = []
    for char in _SUSPECT.findall(text):
        if char == "\ufffd":
            found.append("U+FFFD (a character lost in a bad conversion)")
        else:
            found.append(f"control character U+{ord(char):04X}")
    return found


def tag_syntax(record, context):
    for item in located_fields(record):
        if not _TAG.match(item.field.tag):
            yield Hit(item.address, f"tag {quoted(item.field.tag)} is not three letters or digits")


def control_field_form(record, context):
    for item in located_fields(record):
        field = item.field
        control_tag = field.tag.isdigit() and field.tag < "010"
        if field.is_control_field() and not control_tag:
            yield Hit(item.address, f"field {field.tag} is written as a control field, but only "
                                    "001-009 are control fields; it needs indicators and subfields")
        elif field.is_control_field() and _SUBFIELD_LIKE.search(field.data or ""):
            yield Hit(item.address, f"control field {field.tag} looks like it holds subfields "
                                    f"({quoted(_SUBFIELD_LIKE.search(field.data).group(0))}); "
                                    "control fields are plain data, position by position")


def empty_content(record, context):
    for item in located_fields(record):
        field = item.field
        if field.is_control_field():
            if not (field.data or "").strip():
                yield Hit(item.address, f"control field {field.tag} is empty")
            continue
        if not field.subfields:
            yield Hit(item.address, f"field {field.tag} has no subfields")
        for position, (code, value) in enumerate(field.subfields):
            if not value.strip():
                yield Hit(item.subfield_address(position),
                          f"subfield ${code} of field {field.tag} is empty")


def subfield_code_syntax(record, context):
    for item in located_fields(record):
        if item.field.is_control_field():
            continue
        for position, (code, _) in enumerate(item.field.subfields):
            if not _CODE.match(code):
                yield Hit(item.subfield_address(position),
                          f"field {item.field.tag} has subfield code {quoted(code)}; codes are a "
                          "lowercase letter or a digit")


def indicator_syntax(record, context):
    for item in located_fields(record):
        field = item.field
        if field.is_control_field():
            continue
        for position, value in enumerate(field.indicators or (), start=1):
            if not _INDICATOR.match(value):
                yield Hit(f"{item.address}/ind{position}",
                          f"field {field.tag} indicator {position} is {quoted(value)}; indicators "
                          "are a blank, a digit or a lowercase letter")


def control_characters(record, context):
    for item in located_fields(record):
        field = item.field
        if field.is_control_field():
            for problem in dict.fromkeys(_bad_characters(field.data or "")):
                yield Hit(item.address, f"field {field.tag} contains {problem}")
            continue
        for position, (code, value) in enumerate(field.subfields):
            for problem in dict.fromkeys(_bad_characters(value)):
                yield Hit(item.subfield_address(position),
                          f"subfield ${code} of field {field.tag} contains {problem}")



def undefined_tag(record, context):
    allow_local = context.option("allow_local_fields", True)
    for item in located_fields(record):
        tag = item.field.tag
        if _definition(tag) is not None or (allow_local and _local_tag(tag)):
            continue
        if tag in OCLC_FIELDS and context.option("allow_oclc_fields", True):
            continue
        if not (len(tag) == 3 and tag.isalnum()) or item.occurrence > 1:
            continue  # STR-004 reports a malformed tag; a repeated tag is one cause
        hint = " (local fields are 09X, 59X, 69X and 9XX)" if tag.isdigit() else ""
        count = f" ({item.total} fields)" if item.total > 1 else ""
        yield Hit(item.address, f"tag {tag}{count} is not defined in MARC 21 Bibliographic{hint}")


def obsolete_tag(record, context):
    for item in located_fields(record):
        definition = _definition(item.field.tag)
        if definition is not None and definition.obsolete and item.occurrence == 1:
            yield Hit(item.address, f"field {item.field.tag} ({definition.label}) is obsolete in "
                      "MARC 21")


def non_repeatable_field(record, context):
    for item in located_fields(record):
        definition = _definition(item.field.tag)
        if definition is not None and not definition.repeatable and item.occurrence == 2:
            yield Hit(item.address, f"field {item.field.tag} ({definition.label}) is not "
                      f"repeatable, but the record has {item.total}")


def indicator_value(record, context):
    for item in located_fields(record):
        field = item.field
        definition = _definition(field.tag)
        if definition is None or definition.indicators is None or field.is_control_field():
            continue
        for indicator, value in zip(definition.indicators, field.indicators or ()):
            where = f"{item.address}/ind{indicator.position}"
            name = "first" if indicator.position == 1 else "second"
            if value in indicator.values and not indicator.undefined:
                continue
            if value in indicator.obsolete_values:
                yield Hit(where, f"{field.tag} {name} indicator is {describe_character(value)}, "
                          f"an obsolete value ({indicator.obsolete_values[value]})")
            elif indicator.undefined or not indicator.values:
                if value != " ":
                    yield Hit(where, f"{field.tag} {name} indicator is undefined and must be "
                              f"blank; it is {describe_character(value)}")
            elif value not in indicator.values:
                yield Hit(where, f"{field.tag} {name} indicator ({indicator.label}) is "
                          f"{describe_character(value)}, which is not defined; use one of: "
                          f"{_listing(indicator.values)}")


def subfield_defined(record, context):
    for item in located_fields(record):
        field = item.field
        definition = _definition(field.tag)
        if definition is None or field.is_control_field():
            continue
        for position, (code, _) in enumerate(field.subfields):
            subfield = definition.subfields.get(code)
            if subfield is None:
                if code.isalnum() and code == code.lower():
                    yield Hit(item.subfield_address(position),
                              f"${code} is not defined for field {field.tag} ({definition.label})")
            elif subfield.obsolete:
                instead = _INSTEAD.get((field.tag, code))
                yield Hit(item.subfield_address(position),
                          f"{field.tag} ${code} ({subfield.label}) is obsolete"
                          + (f"; {instead}" if instead else ""))


def non_repeatable_subfield(record, context):
    for item in located_fields(record):
        field = item.field
        definition = _definition(field.tag)
        if definition is None or field.is_control_field():
            continue
        seen: set[str] = set()
        for position, (code, _) in enumerate(field.subfields):
            subfield = definition.subfields.get(code)
            if subfield is not None and not subfield.repeatable and code in seen:
                yield Hit(item.subfield_address(position), f"{field.tag} ${code} "
                          f"({subfield.label}) is not repeatable, but occurs again")
            seen.add(code)



CHECKS = {rule_id: globals()[name] for rule_id, name in (
    ("STR-004", "tag_syntax"),
    ("STR-005", "control_field_form"),
    ("STR-006", "empty_content"),
    ("STR-007", "subfield_code_syntax"),
    ("STR-008", "indicator_syntax"),
    ("STR-009", "control_characters"),
    ("TAG-001", "undefined_tag"),
    ("TAG-002", "obsolete_tag"),
    ("TAG-003", "non_repeatable_field"),
    ("TAG-004", "indicator_value"),
    ("TAG-005", "subfield_defined"),
    ("TAG-006", "non_repeatable_subfield"),

)}


def reference_hits(record, context) -> dict[str, list[Hit]]:
    return {rule_id: list(check(record, context)) for rule_id, check in CHECKS.items()}
