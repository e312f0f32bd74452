"""Structure: the leader's fixed values, what the reader had to repair, tags, indicators,
subfield codes, empty fields and control characters.

Source: LC, "MARC 21 Specifications for Record Structure, Character Sets, and Exchange Media"
(https://www.loc.gov/marc/specifications/specrecstruc.html) and MARC 21 Bibliographic, Leader
(https://www.loc.gov/marc/bibliographic/bdleader.html).
"""

from __future__ import annotations

from sandbox.rules.examples import marc_example
from sandbox.rules.field_table import table_hits
from sandbox.rules.fixed_fields import leader_text
from sandbox.rules.model import ERROR, WARNING, Hit, rule
from sandbox.rules.walk import quoted

STRUCTURE = "https://www.loc.gov/marc/specifications/specrecstruc.html"
LEADER = "https://www.loc.gov/marc/bibliographic/bdleader.html"


@rule("STR-001", "leader-fixed-values", "Leader positions with fixed values", ERROR, LEADER,
      "Software reads the record's layout from these positions; a wrong value makes the record "
      "unreadable to other systems.",
      good=(marc_example(),),
      bad=(marc_example(leader="00000nam a2300000 i 4500"),
           marc_example(leader="00000nam a2200000 i 4501")))
def leader_fixed_values(record, context):
    # Like the other rules most records leave at their first test, a plain function returning
    # its hits: a generator costs more to start and stop than the test itself.
    leader = leader_text(record)
    if leader[10:12] == "22" and leader[20:24] == "4500":
        return ()  # both right, as in nearly every record; the loop below words what is not
    return _fixed_value_hits(leader)


def _fixed_value_hits(leader: str):
    for start, end, expected, name in ((10, 11, "22", "indicator count and subfield code length"),
                                       (20, 23, "4500", "entry map")):
        found = leader[start : end + 1]
        if found != expected:
            yield Hit(f"LDR/{start:02d}-{end:02d}",
                      f"Leader/{start:02d}-{end:02d} ({name}) must be '{expected}' in MARC 21; "
                      f"it is {quoted(found)}")


@rule("STR-002", "leader-numbers", "Leader lengths and addresses are digits", ERROR, LEADER,
      "Record length (00-04) and base address (12-16) are numbers that programs compute; "
      "letters or blanks there mean the leader was damaged or typed by hand.",
      good=(marc_example(),),
      bad=(marc_example(leader="0000 nam a2200000 i 4500"),
           marc_example(leader="00000nam a22000x0 i 4500")))
def leader_numbers(record, context):
    leader = leader_text(record)
    if leader[0:5].isdigit() and leader[12:17].isdigit():
        return ()  # both numbers, as in nearly every record; the loop below words what is not
    return _number_hits(leader)


def _number_hits(leader: str):
    for start, end, name in ((0, 4, "record length"), (12, 16, "base address of data")):
        found = leader[start : end + 1]
        if not found.isdigit():
            yield Hit(f"LDR/{start:02d}-{end:02d}",
                      f"Leader/{start:02d}-{end:02d} ({name}) must be five digits; it is "
                      f"{quoted(found)} (use 00000 when typing a record: it is computed on save)")


@rule("STR-000", "unreadable-record", "A record the reader could not read", ERROR, STRUCTURE,
      "The file is damaged here beyond repair; the record is missing from every conversion and "
      "every count until the file is fixed.")
def unreadable(record, context):
    for problem in context.read_problems:
        if getattr(problem, "severity", "") == "error":
            yield Hit(problem.place or "LDR", problem.message)


@rule("STR-003", "read-repair", "Damage the reader repaired", WARNING, STRUCTURE,
      "The file this record came from was damaged here; the record was repaired on reading, "
      "and saving it writes the repaired form.")
def read_repairs(record, context):
    for problem in context.read_problems:
        if getattr(problem, "severity", "") == "warning":
            yield Hit(problem.place or "LDR", problem.message)


@rule("STR-004", "tag-syntax", "Tags are three letters or digits", ERROR, STRUCTURE,
      "A tag identifies the field; anything but three ASCII letters or digits cannot be "
      "exchanged in MARC 21.",
      good=(marc_example(),), bad=(marc_example("=5 0  \\\\$aA note."),))
def tag_syntax(record, context):
    return iter(table_hits(record, context)["STR-004"])


@rule("STR-005", "control-field-form", "Control fields hold data; data fields hold subfields",
      ERROR, STRUCTURE,
      "Fields 001-009 carry plain data with no indicators or subfields; all others carry "
      "indicators and subfields. Mixing the two breaks every program that reads the record.",
      good=(marc_example(),),
      bad=(marc_example("=007  ta$bcover"),))
def control_field_form(record, context):
    return iter(table_hits(record, context)["STR-005"])


@rule("STR-006", "empty-field", "Fields and subfields have content", ERROR, STRUCTURE,
      "An empty field or subfield says nothing and is refused by many systems; delete it or "
      "fill it in.",
      good=(marc_example(),),
      bad=(marc_example("=500  \\\\$a"), marc_example("=001  ")))
def empty_content(record, context):
    return iter(table_hits(record, context)["STR-006"])


@rule("STR-007", "subfield-code-syntax", "Subfield codes are a lowercase letter or a digit",
      ERROR, STRUCTURE,
      "MARC 21 defines subfield codes only as lowercase letters and digits; any other "
      "character is a typing or conversion error.",
      good=(marc_example(),), bad=(marc_example("=500  \\\\$ANote."),))
def subfield_code_syntax(record, context):
    return iter(table_hits(record, context)["STR-007"])


@rule("STR-008", "indicator-syntax", "Indicators are a blank, a digit or a lowercase letter",
      ERROR, STRUCTURE,
      "Indicator positions hold one blank, digit or lowercase letter; anything else comes from "
      "damage or a typing slip.",
      good=(marc_example(),), bad=(marc_example("=245  1-$aTitle."),))
def indicator_syntax(record, context):
    return iter(table_hits(record, context)["STR-008"])


@rule("STR-009", "control-characters", "No control characters in data", ERROR, STRUCTURE,
      "Control characters are invisible, break XML output and searches; U+FFFD marks a "
      "character destroyed by a wrong conversion.",
      good=(marc_example(),), bad=(marc_example("=500  \\\\$aA note{1B} here."),))
def control_characters(record, context):
    return iter(table_hits(record, context)["STR-009"])