"""The table-driven checks of every field in one pass: tag syntax, control vs data fields, empty
content, subfield codes, indicators, control characters (STR-004…009) and the MARC 21 table —
defined, obsolete and repeatable tags, indicator values, defined, obsolete and repeatable
subfield codes (TAG-001…006).

Each of those rules reads every field of a record; walking the fields twelve times made them
most of the cost of validating. Here one loop over the fields gathers the hits of all twelve,
keyed by rule id, once per record (``walk.shared``); each rule then returns its own list, in the
order it always had. What a field is allowed is worked out once per tag (``_Spec``), and an
address or a message is only built for a field that has something to report.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from sandbox.reference import marc21
from sandbox.rules.model import Hit
from sandbox.rules.walk import Located, describe_character, quoted, walked

RULE_IDS = ("STR-004", "STR-005", "STR-006", "STR-007", "STR-008", "STR-009",
            "TAG-001", "TAG-002", "TAG-003", "TAG-004", "TAG-005", "TAG-006")
#: Fields OCLC defines for WorldCat records (OCLC, "Bibliographic Formats and Standards"): found in
#: nearly every copy record, accepted unless a profile turns ``allow_oclc_fields`` off.
OCLC_FIELDS = {"019", "029", "049", "090", "092", "096", "098", "099"}
_CODES = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_INDICATOR_VALUES = frozenset(" abcdefghijklmnopqrstuvwxyz0123456789")
_SUBFIELD_LIKE = re.compile(r"[\x1f$][a-z0-9]")
_SUSPECT = re.compile("[\x00-\x1e\x7f-\x9f\ufffd]")


def local_tag(tag: str) -> bool:
    """09X, 59X, 69X and 9XX are reserved for local use (MARC 21, "Local field" conventions)."""
    return tag.isdigit() and (tag[0] == "9" or (tag[0] in "056" and tag[1] == "9"))


def bad_characters(text: str) -> list[str]:
    if not _SUSPECT.search(text):
        return []
    found = []
    for char in _SUSPECT.findall(text):
        if char == "\ufffd":
            found.append("U+FFFD (a character lost in a bad conversion)")
        else:
            found.append(f"control character U+{ord(char):04X}")
    return found


def _accepted_indicator_values(indicator) -> frozenset[str]:
    """The values of one indicator TAG-004 lets pass without a word (see ``_indicator_hit``)."""
    accepted = set() if indicator.undefined else set(indicator.values)
    if (indicator.undefined or not indicator.values) and " " not in indicator.obsolete_values:
        accepted.add(" ")
    return frozenset(accepted)


class _Spec:
    """What MARC 21 allows in one tag, in the shape the loop asks for it."""

    __slots__ = ("definition", "obsolete", "repeatable", "indicators", "accepted_indicators",
                 "current_codes", "non_repeatable_codes")

    def __init__(self, definition):
        self.definition = definition
        self.obsolete = definition.obsolete
        self.repeatable = definition.repeatable
        self.indicators = definition.indicators
        self.accepted_indicators = (None if definition.indicators is None else
                                    tuple(_accepted_indicator_values(i)
                                          for i in definition.indicators))
        self.current_codes = frozenset(code for code, sub in definition.subfields.items()
                                       if not sub.obsolete)
        self.non_repeatable_codes = frozenset(code for code, sub in definition.subfields.items()
                                              if not sub.repeatable)


@lru_cache(maxsize=4096)
def _spec(tag: str) -> _Spec | None:
    definition = marc21.field(tag)
    return None if definition is None else _Spec(definition)


def _listing(values: dict[str, str], limit: int = 8) -> str:
    shown = [f"{'blank' if code == ' ' else code} {meaning}".strip()
             for code, meaning in list(values.items())[:limit]]
    more = "…" if len(values) > limit else ""
    return "; ".join(shown) + more


def _indicator_hit(item: Located, indicator, value: str) -> Hit | None:
    tag = item.field.tag
    where = f"{item.address}/ind{indicator.position}"
    name = "first" if indicator.position == 1 else "second"
    if value in indicator.values and not indicator.undefined:
        return None
    if value in indicator.obsolete_values:
        return Hit(where, f"{tag} {name} indicator is {describe_character(value)}, "
                   f"an obsolete value ({indicator.obsolete_values[value]})")
    if indicator.undefined or not indicator.values:
        if value != " ":
            return Hit(where, f"{tag} {name} indicator is undefined and must be "
                       f"blank; it is {describe_character(value)}")
        return None
    return Hit(where, f"{tag} {name} indicator ({indicator.label}) is "
               f"{describe_character(value)}, which is not defined; use one of: "
               f"{_listing(indicator.values)}")


def table_hits(record, context) -> dict[str, list[Hit]]:
    """The hits of STR-004…009 and TAG-001…006 for this record, keyed by rule id (worked out
    by the first of the twelve rules to ask, for the others under the same context)."""
    derived = walked(record).derived
    done = derived.get("field-table")
    if done is not None and done[0] is context:
        return done[1]
    allow_local = bool(context.option("allow_local_fields", True))
    allow_oclc = bool(context.option("allow_oclc_fields", True))
    hits = _table_pass(record, allow_local, allow_oclc)
    derived["field-table"] = (context, hits)
    return hits


_TAG_FACTS: dict[str, tuple] = {}


def _tag_facts(tag: str) -> tuple[bool, _Spec | None, bool, bool, bool]:
    """(three ASCII letters or digits, the MARC 21 definition, a control tag 001-009, a local
    tag, an OCLC tag) — the same for every field with this tag."""
    facts = (len(tag) == 3 and tag.isascii() and tag.isalnum(), _spec(tag),
             tag.isdigit() and tag < "010", local_tag(tag), tag in OCLC_FIELDS)
    if len(_TAG_FACTS) < 4096:
        _TAG_FACTS[tag] = facts
    return facts


#: Data field shapes (tag, subfield codes, indicators) whose designators were found sound: a tag
#: of three letters or digits, valid indicators, defined and current subfield codes, each
#: non-repeatable one once (STR-004, STR-007, STR-008, TAG-004…006 depend on nothing else). A
#: file repeats a few hundred shapes ('650 _0 $a$x$v') over and over. The value says whether the
#: tag's own checks (TAG-001…003, which depend on the occurrence and the profile) can be skipped:
#: a current, repeatable tag; other shapes are checked in full every time, so that their findings
#: name the field they are in.
_SOUND_SHAPES: dict[tuple, object] = {}
_CURRENT_REPEATABLE, _CURRENT_ONCE, _CHECK_TAG = object(), object(), object()
#: Where the data of an obsolete subfield goes now (LC, bd023: the ISSN-L became a Cluster ISSN).
_INSTEAD = {("022", "l"): "record the ISSN-L in 023 $a with first indicator 0 (Cluster ISSN)",
            ("022", "m"): "record a canceled ISSN-L in 023 $z with first indicator 0"}
_MAX_SHAPES = 50_000


def _plain_control_tags() -> dict[str, bool]:
    """Control tags MARC 21 defines and has not made obsolete, with whether each repeats: for
    such a field, only a second occurrence (TAG-003) and its data (STR-005/006/009) need a look."""
    found = {}
    for number in range(1, 10):
        tag = f"{number:03d}"
        spec = _spec(tag)
        if spec is not None and not spec.obsolete:
            found[tag] = bool(spec.repeatable)
    return found


_PLAIN_CONTROL_TAGS = _plain_control_tags()
_code_of = itemgetter(0)
_value_of = itemgetter(1)


def _tag_hits(walk, tag: str, occurrence: int, allow_local: bool, allow_oclc: bool,
              hits: dict[str, list[Hit]]) -> None:
    """TAG-001…003 for one field (undefined, obsolete, or repeated though not repeatable)."""
    _, spec, _, local, oclc = _TAG_FACTS.get(tag) or _tag_facts(tag)
    if spec is None:
        if not (allow_local and local) and not (oclc and allow_oclc) \
                and len(tag) == 3 and tag.isalnum() and occurrence == 1:
            item = walk.tagged(tag)[0]
            hint = " (local fields are 09X, 59X, 69X and 9XX)" if tag.isdigit() else ""
            count = f" ({item.total} fields)" if item.total > 1 else ""
            hits["TAG-001"].append(Hit(item.address, f"tag {tag}{count} is not defined in MARC "
                                       f"21 Bibliographic{hint}"))
    elif (occurrence == 1 and spec.obsolete) or (occurrence == 2 and not spec.repeatable):
        definition = spec.definition
        item = walk.tagged(tag)[occurrence - 1]
        if definition.obsolete and occurrence == 1:
            hits["TAG-002"].append(Hit(item.address, f"field {tag} ({definition.label}) is "
                                       "obsolete in MARC 21"))
        if not definition.repeatable and occurrence == 2:
            hits["TAG-003"].append(Hit(item.address, f"field {tag} ({definition.label}) is not "
                                       f"repeatable, but the record has {item.total}"))


#: Bytes other than the ASCII characters ``_SUSPECT`` matches (C0 controls but the subfield
#: delimiter, and DEL): deleting them from ASCII text leaves exactly its suspect characters.
_NOT_SUSPECT_ASCII = bytes(b for b in range(256) if not (b < 0x1F or b == 0x7F))


def _values_are_plain(values: list[str]) -> bool:
    """No value is empty or blank and none holds a suspect character (most records): decided
    for the whole record at once instead of with two checks per subfield."""
    if "" in values or any(map(str.isspace, values)):
        return False
    text = "".join(values)
    if text.isascii():  # most records: one pass over the bytes, no Unicode look-ups
        return not text.encode("ascii").translate(None, _NOT_SUSPECT_ASCII)
    if "\ufffd" in text:
        return False
    return text.isprintable() or not _SUSPECT.search(text)  # the other suspects are unprintable


def _occurrence(positions: dict[str, list[int]], tag: str, index: int) -> int:
    """Which occurrence of its tag the field at ``index`` of ``record.fields`` is (from 1)."""
    indices = positions[tag]
    return 1 if indices[0] == index else indices.index(index) + 1


def _table_pass(record, allow_local: bool, allow_oclc: bool) -> dict[str, list[Hit]]:
    hits: dict[str, list[Hit]] = {rule_id: [] for rule_id in RULE_IDS}
    str_004, str_005, str_006, _, _, str_009 = (hits[r] for r in RULE_IDS[:6])
    walk = walked(record)
    positions = walk.positions
    values: list[str] = []
    sound = _SOUND_SHAPES
    for index, field in enumerate(walk.fields):
        if not field.control_field:
            subfields = field.subfields
            # field._indicators: what pymarc's ``indicators`` property returns, without the call
            shape = (field.tag, tuple(map(_code_of, subfields)), field._indicators)
            verdict = sound.get(shape)
            if verdict is _CURRENT_REPEATABLE:  # sound designators in a current, repeatable
                values += map(_value_of, subfields)  # tag: TAG-001…003 have nothing to say
                continue
            if verdict is not None:  # designators known to be sound: only the tag's own checks
                tag = field.tag
                occurrence = _occurrence(positions, tag, index)
                if verdict is _CURRENT_ONCE:
                    if occurrence == 2:  # a current tag that may occur once: only TAG-003
                        _tag_hits(walk, tag, occurrence, allow_local, allow_oclc, hits)
                elif occurrence <= 2:
                    _tag_hits(walk, tag, occurrence, allow_local, allow_oclc, hits)
                values += map(_value_of, subfields)
                continue
        else:
            tag = field.tag
            if tag in _PLAIN_CONTROL_TAGS:  # 001-009 defined and current (nearly every one)
                data = field.data or ""
                if "$" not in data and "\x1f" not in data and data.isprintable() \
                        and "\ufffd" not in data and data.strip():
                    if not _PLAIN_CONTROL_TAGS[tag] and _occurrence(positions, tag, index) == 2:
                        _tag_hits(walk, tag, 2, allow_local, allow_oclc, hits)
                    continue  # STR-004/005/006/009 and TAG-001/002 have nothing to say
            # anything else: the full checks below, as for any field
        tag = field.tag
        occurrence = _occurrence(positions, tag, index)
        facts = _TAG_FACTS.get(tag) or _tag_facts(tag)
        syntax_ok, spec, control_tag, _, _ = facts
        if not syntax_ok:
            item = walk.tagged(tag)[occurrence - 1]
            str_004.append(Hit(item.address, f"tag {quoted(tag)} is not three letters or digits"))
        _tag_hits(walk, tag, occurrence, allow_local, allow_oclc, hits)
        if field.control_field:
            data = field.data or ""
            if not control_tag or "$" in data or "\x1f" in data:
                item = walk.tagged(tag)[occurrence - 1]
                if not control_tag:
                    str_005.append(Hit(item.address, f"field {tag} is written as a control "
                                       "field, but only 001-009 are control fields; it needs "
                                       "indicators and subfields"))
                elif _SUBFIELD_LIKE.search(data):
                    str_005.append(Hit(item.address, f"control field {tag} looks like it holds "
                                       f"subfields ({quoted(_SUBFIELD_LIKE.search(data)[0])}); "
                                       "control fields are plain data, position by position"))
            if not data.strip() or not data.isprintable() or "\ufffd" in data:
                item = walk.tagged(tag)[occurrence - 1]
                if not data.strip():
                    str_006.append(Hit(item.address, f"control field {tag} is empty"))
                for problem in dict.fromkeys(bad_characters(data)):
                    str_009.append(Hit(item.address, f"field {tag} contains {problem}"))
            continue
        subfields = field.subfields
        if not subfields:
            str_006.append(Hit(walk.tagged(tag)[occurrence - 1].address,
                               f"field {tag} has no subfields"))
        values += map(_value_of, subfields)
        item = walk.tagged(tag)[occurrence - 1]
        if not _designator_hits(item, spec, field.indicators or (), hits) and subfields \
                and syntax_ok and len(sound) < _MAX_SHAPES:
            sound[shape] = (_CHECK_TAG if spec is None or spec.obsolete else
                            _CURRENT_REPEATABLE if spec.repeatable else _CURRENT_ONCE)
    if not _values_are_plain(values):
        _value_hits(walk, str_006, str_009)
    return hits


def _value_hits(walk, str_006: list[Hit], str_009: list[Hit]) -> None:
    """STR-006 and STR-009 again from the start, subfield by subfield, in field order (the
    fast pass found an empty value or a suspect character somewhere)."""
    str_006.clear()
    str_009.clear()
    for item in walk.located:
        field, tag = item.field, item.field.tag
        if field.control_field:
            data = field.data or ""
            if not data.strip():
                str_006.append(Hit(item.address, f"control field {tag} is empty"))
            for problem in dict.fromkeys(bad_characters(data)):
                str_009.append(Hit(item.address, f"field {tag} contains {problem}"))
            continue
        if not field.subfields:
            str_006.append(Hit(item.address, f"field {tag} has no subfields"))
        for position, (code, value) in enumerate(field.subfields):
            if not value.strip():
                str_006.append(Hit(item.subfield_address(position),
                                   f"subfield ${code} of field {tag} is empty"))
            if _SUSPECT.search(value):
                for problem in dict.fromkeys(bad_characters(value)):
                    str_009.append(Hit(item.subfield_address(position),
                                       f"subfield ${code} of field {tag} contains {problem}"))


def _designator_hits(item: Located, spec: _Spec | None, indicators, hits) -> bool:
    """STR-007, STR-008 and TAG-004…006 for one data field; True when it found something."""
    field = item.field
    tag = field.tag
    found = False
    for position, value in enumerate(indicators, start=1):
        if value not in _INDICATOR_VALUES:
            hits["STR-008"].append(Hit(f"{item.address}/ind{position}", f"field {tag} indicator "
                                       f"{position} is {quoted(value)}; indicators are a blank, "
                                       "a digit or a lowercase letter"))
            found = True
    if spec is not None and spec.indicators is not None:
        for indicator, accepted, value in zip(spec.indicators, spec.accepted_indicators,
                                              indicators):
            if value not in accepted:
                hit = _indicator_hit(item, indicator, value)
                if hit is not None:
                    hits["TAG-004"].append(hit)
                    found = True
    current = spec.current_codes if spec is not None else None
    once = spec.non_repeatable_codes if spec is not None else None
    seen: set[str] = set()
    for position, (code, _) in enumerate(field.subfields):
        if code not in _CODES:
            hits["STR-007"].append(Hit(item.subfield_address(position), f"field {tag} has "
                                       f"subfield code {quoted(code)}; codes are a lowercase "
                                       "letter or a digit"))
            found = True
        if spec is None:
            continue
        if code not in current:
            subfield = spec.definition.subfields.get(code)
            if subfield is None:
                if code.isalnum() and code == code.lower():
                    hits["TAG-005"].append(Hit(item.subfield_address(position), f"${code} is "
                                               f"not defined for field {tag} "
                                               f"({spec.definition.label})"))
                    found = True
            else:
                instead = _INSTEAD.get((tag, code))
                hits["TAG-005"].append(Hit(item.subfield_address(position),
                                           f"{tag} ${code} ({subfield.label}) is obsolete"
                                           + (f"; {instead}" if instead else "")))
                found = True
        if code in once:
            if code in seen:
                label = spec.definition.subfields[code].label
                hits["TAG-006"].append(Hit(item.subfield_address(position), f"{tag} ${code} "
                                           f"({label}) is not repeatable, but occurs again"))
                found = True
            seen.add(code)
    return found
