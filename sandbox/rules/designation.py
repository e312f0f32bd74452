"""Content designation, table-driven for every tag: defined tags, repeatability, indicator values,
subfield codes, and obsolete designators flagged as such.

Source: LC, MARC 21 Format for Bibliographic Data (each field's page is the rule's citation in
the message's field; the table is ``sandbox/reference``). Local fields — 09X, 59X, 69X and 9XX —
are allowed by the profiles that set ``allow_local_fields``.
"""

from __future__ import annotations

from sandbox.reference import marc21
from sandbox.rules.examples import marc_example
from sandbox.rules.model import ERROR, WARNING, Hit, rule
from sandbox.rules.walk import describe_character, located_fields

BD = "https://www.loc.gov/marc/bibliographic/"
#: Fields OCLC defines for WorldCat records (OCLC, "Bibliographic Formats and Standards"): found in
#: nearly every copy record, accepted unless a profile turns ``allow_oclc_fields`` off.
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


@rule("TAG-001", "undefined-tag", "Tags are defined in MARC 21 (or local)", ERROR,
      BD + "ecbdlist.html",
      "A tag MARC 21 does not define means nothing to other systems; local data belongs in the "
      "local ranges 09X, 59X, 69X and 9XX.",
      good=(marc_example(), marc_example("=949  \\\\$aLocal note.")),
      bad=(marc_example("=269  \\\\$aNew York."), marc_example("=101  \\\\$aeng")))
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


@rule("TAG-002", "obsolete-tag", "Obsolete fields are not used in new records", WARNING,
      BD + "ecbdlist.html",
      "LC made the field obsolete; new records use the field that replaced it.",
      good=(marc_example(),), bad=(marc_example("=440  \\0$aExample series ;$v3."),))
def obsolete_tag(record, context):
    for item in located_fields(record):
        definition = _definition(item.field.tag)
        if definition is not None and definition.obsolete and item.occurrence == 1:
            yield Hit(item.address, f"field {item.field.tag} ({definition.label}) is obsolete in "
                      "MARC 21")


@rule("TAG-003", "non-repeatable-field", "Non-repeatable fields occur once", ERROR,
      BD + "ecbdlist.html",
      "MARC 21 allows some fields once per record (one title statement, one main entry); a "
      "second one is either misplaced data or a duplicate.",
      good=(marc_example(),),
      bad=(marc_example("=245  10$aExample title /$cAnn Writer.",
                        "=245  10$aAnother title /$cAnn Writer."),))
def non_repeatable_field(record, context):
    for item in located_fields(record):
        definition = _definition(item.field.tag)
        if definition is not None and not definition.repeatable and item.occurrence == 2:
            yield Hit(item.address, f"field {item.field.tag} ({definition.label}) is not "
                      f"repeatable, but the record has {item.total}")


@rule("TAG-004", "indicator-value", "Indicator values are defined for the field", ERROR,
      BD + "ecbdlist.html",
      "Indicators change how a field is indexed or displayed (nonfiling characters, added "
      "entries, thesaurus); an undefined value is ignored or misread.",
      good=(marc_example(),),
      bad=(marc_example("=245  30$aExample title /$cAnn Writer."),
           marc_example("=650  \\9$aCataloging.")))
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


@rule("TAG-005", "subfield-defined", "Subfield codes are defined for the field", ERROR,
      BD + "ecbdlist.html",
      "Each field defines its own subfields; an undefined code is usually a typing slip (or "
      "data in the wrong field) and is dropped by systems that validate.",
      good=(marc_example(),),
      bad=(marc_example("=245  10$aExample title /$cAnn Writer.$j1"),
           marc_example("=020  \\\\$a9780262033848$b(pbk.)")))
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
                yield Hit(item.subfield_address(position),
                          f"{field.tag} ${code} ({subfield.label}) is obsolete")


@rule("TAG-006", "non-repeatable-subfield", "Non-repeatable subfields occur once per field",
      ERROR, BD + "ecbdlist.html",
      "Some subfields may appear once in a field (245 $a, 100 $a); a second one usually means "
      "two fields were run together or a code was mistyped.",
      good=(marc_example(),),
      bad=(marc_example("=245  10$aExample title /$aAgain$cAnn Writer."),))
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
