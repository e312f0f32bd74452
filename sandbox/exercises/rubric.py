"""The rubric an exercise gets when its author wrote none: derived from the key, per kind.

Whatever the kind, the derived rubric scores the key itself at 100%: every check compares a
place the key fills with the same place in the answer.
"""

from __future__ import annotations

from pymarc import Record

from sandbox.exercises.model import Check, Exercise
from sandbox.records.dublin_core import ELEMENTS, DublinCoreRecord
from sandbox.reference import marc21

#: Fields that differ from one catalog to the next for the same book, never scored by default:
#: control number and its source, the date of the latest transaction, the cataloging source.
UNSCORED_TAGS = {"001", "003", "005", "040"}
LEADER_POSITIONS = (6, 7, 17, 18)
_CODED_WHY = ("Coded data lets a catalog filter, limit and display without reading the text: a "
              "wrong code hides the record from searches that rely on it.")
_WHY = {
    "description": "The description is how a user recognises the item and tells it apart from "
                   "others.",
    "access points": "Access points are how users find the work, its creators and its "
                     "contributors, and how the catalog gathers them together.",
    "subject analysis": "Subject headings tell users what the item is about and gather works on "
                        "the same subject.",
    "classification": "The call number places the item beside related works on the shelf and "
                      "in the catalog's browse order.",
    "encoding": _CODED_WHY,
    "metadata schemas": "Each element of the schema carries one kind of statement; repository "
                        "and harvester software rely on that.",
    "authority control": "Authorized headings collocate every record on one subject; a variant "
                         "or an unestablished heading scatters them.",
}
_LCC_WHY = {
    "class": "The class letters put the book in its discipline.",
    "number": "The class number places the book among its topic within the discipline.",
    "cutter": "The Cutter number (usually from the main entry) orders books on one topic.",
    "full": "The whole call number gives the book its one place on the shelf.",
}


def competency_for(tag: str) -> str:
    """The competency a MARC field mostly exercises (ALA Core's areas)."""
    if tag == "LDR" or tag < "010" or tag in {"040", "041", "042", "043", "044", "046", "066"}:
        return "encoding"
    if "050" <= tag <= "099":
        return "classification"
    if tag.startswith("1") or tag in {"240", "243"} or "700" <= tag <= "759" or \
            "800" <= tag <= "830":
        return "access points"
    if tag.startswith("6"):
        return "subject analysis"
    if tag.startswith("9"):
        return "encoding"
    return "description"


def _field_label(tag: str) -> str:
    definition = marc21.field(tag)
    return f"{tag} {definition.label}" if definition else tag


def _citation(tag: str) -> str:
    definition = marc21.field(tag)
    return definition.citation if definition else "MARC 21 Format for Bibliographic Data"


def _field_weight(tag: str) -> float:
    if tag == "245":
        return 3.0
    if tag.startswith("1") or tag in {"250", "260", "264", "300"} or tag.startswith("6"):
        return 2.0
    return 1.0


def _tags_in_order(record: Record) -> list[str]:
    seen: list[str] = []
    for field in record.fields:
        if field.tag not in seen:
            seen.append(field.tag)
    return seen


def _position_checks(record: Record, weight: float, only: set[str] | None = None) -> list[Check]:
    """Leader/06, 07, 17, 18 and each defined 008 position group (not 00-05, the date the
    record was entered), each a check of its own. ``only``: the selectors to keep."""
    checks = []
    leader = {p.start: p for p in marc21.leader_positions()}
    for start in LEADER_POSITIONS:
        position = leader[start]
        select = f"LDR/{start:02d}"
        checks.append(Check(select, "exact", weight, "encoding", _CODED_WHY, position.citation,
                            label=f"Leader/{start:02d} {position.label}"))
    field_008 = next((f for f in record.fields if f.tag == "008"), None)
    if field_008 is not None:
        try:
            material = marc21.material_type(str(record.leader))
        except ValueError:
            material = "BK"
        for position in marc21.field_008_positions(material):
            if position.start == 0 or position.label.lower() == "undefined":
                continue
            span = f"{position.start:02d}" + (f"-{position.end:02d}" if position.end != position.start else "")
            checks.append(Check(f"008/{span}", "exact", weight, "encoding", _CODED_WHY,
                                position.citation, label=f"008/{span} {position.label}"))
    for tag in ("006", "007"):
        if any(f.tag == tag for f in record.fields):
            checks.append(Check(tag, "set", weight, "encoding", _CODED_WHY, _citation(tag),
                                match="exact", label=_field_label(tag)))
    if only is not None:
        checks = [c for c in checks if c.select in only]
    return checks


def _field_check(tag: str, *, compare: str = "set", match: str = "normalized",
                 weight: float | None = None, partial: bool = True) -> Check:
    competency = competency_for(tag)
    return Check(tag, compare, _field_weight(tag) if weight is None else weight, competency,
                 _WHY[competency], _citation(tag), match=match, partial=partial,
                 label=_field_label(tag))


def describe_rubric(key: Record) -> list[Check]:
    checks = [_field_check(tag) for tag in _tags_in_order(key)
              if tag not in UNSCORED_TAGS and tag >= "010" and not tag.startswith("9")]
    return checks + _position_checks(key, 0.25)


def fixed_fields_rubric(key: Record) -> list[Check]:
    return _position_checks(key, 1.0)


def classify_rubric(key: Record) -> list[Check]:
    checks: list[Check] = []
    tags = _tags_in_order(key)
    if "050" in tags:
        for depth in ("class", "number", "cutter", "full"):
            checks.append(Check("050", "lcc", 1.0, "classification", _LCC_WHY[depth],
                                "LC Classification; MARC 21 Bibliographic 050", depth=depth,
                                label=f"050 LC call number: {depth}"))
    if "082" in tags:
        checks.append(Check("082", "ddc", 1.0, "classification",
                            "The first three digits put the work in its Dewey section.",
                            "MARC 21 Bibliographic 082; Dewey Decimal Classification", depth=3,
                            label="082 Dewey number: first three digits"))
        checks.append(Check("082", "ddc", 2.0, "classification",
                            "Each digit after the point narrows the subject.",
                            "MARC 21 Bibliographic 082; Dewey Decimal Classification",
                            depth="full", label="082 Dewey number: every digit"))
    for tag in tags:
        if "050" <= tag <= "099" and tag not in ("050", "082"):
            checks.append(_field_check(tag))
    return checks


def subjects_rubric(key: Record, has_authorities: bool) -> list[Check]:
    checks = [Check("6XX", "set", 3.0, "subject analysis", _WHY["subject analysis"],
                    "LC Subject Headings Manual; MARC 21 Bibliographic 6XX",
                    label="6XX subject headings")]
    if has_authorities:
        checks.append(Check("6XX", "authority", 2.0, "authority control",
                            _WHY["authority control"],
                            "https://www.loc.gov/aba/pcc/naco/normrule-2.html",
                            label="6XX headings in the authority file"))
    return checks


def fix_rubric(start: Record, key: Record) -> list[Check]:
    """Fields the learner must correct weigh more than fields they must leave alone."""
    from sandbox.exercises.select import select

    checks: list[Check] = []
    for check in _position_checks(key, 2.0):
        if check.select.startswith(("LDR", "008")) and \
                [s.text for s in select(start, check.select)] != [s.text for s in select(key, check.select)]:
            checks.append(check)
    start_tags = _tags_in_order(start)
    for tag in _tags_in_order(key) + [t for t in start_tags if t not in _tags_in_order(key)]:
        if tag in ("005", "LDR", "008"):
            continue
        before = [s.text for s in select(start, tag)]
        after = [s.text for s in select(key, tag)]
        if not after:
            checks.append(Check(tag, "absent", 2.0, competency_for(tag), _WHY[competency_for(tag)],
                                _citation(tag), label=f"{_field_label(tag)} (remove it)"))
        elif sorted(before) != sorted(after):
            # All or nothing: leaving the error in place must not earn part of the points.
            checks.append(_field_check(tag, match="exact", weight=2.0, partial=False))
        else:
            checks.append(Check(tag, "set", 0.5, competency_for(tag), "A correct field should "
                                "be left as it was.", _citation(tag), match="exact",
                                label=f"{_field_label(tag)} (keep it)"))
    return checks


def crosswalk_rubric(key: DublinCoreRecord) -> list[Check]:
    checks: list[Check] = []
    seen: list[str] = []
    for statement in key:
        if statement.term not in seen:
            seen.append(statement.term)
    for term in seen:
        refinement = term not in ELEMENTS
        checks.append(Check(f"dcterms:{term}" if refinement else term, "set",
                            2.0 if term in ("title", "creator") else 1.0,
                            "metadata schemas", _WHY["metadata schemas"],
                            "https://www.loc.gov/marc/marc2dc.html; DCMI Metadata Terms",
                            label=f"dcterms:{term}" if refinement else f"dc:{term}"))
    return checks


def default_rubric(exercise: Exercise, key) -> list[Check]:
    """The checks for one key of ``exercise`` (which wrote no ``[[check]]``)."""
    kind = exercise.kind
    if kind == "crosswalk":
        return crosswalk_rubric(key)
    if kind == "fixed-fields":
        return fixed_fields_rubric(key)
    if kind == "classify":
        return classify_rubric(key)
    if kind == "subjects":
        return subjects_rubric(key, bool(exercise.authorities))
    if kind == "fix" and exercise.start_record is not None:
        return fix_rubric(exercise.start_record, key)
    return describe_rubric(key)
