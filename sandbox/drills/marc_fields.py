"""Questions about MARC 21 fields: which tag, what an indicator value means, which subfield.

Everything is generated from :mod:`sandbox.reference.marc21` (LC's MARC 21 Bibliographic), so a
field LC adds appears in the drills as soon as it is in the data file. Obsolete fields are asked
only in the ``tag`` topic ("which tag was ...?"), because learners meet them in old records;
obsolete indicator values and subfields are not asked at all. 880 and 886 carry another field's
indicators and subfields, so only their tags are asked.
"""

from __future__ import annotations

from functools import cache

from sandbox.drills.question import (
    Question,
    blank_forms,
    make_choices,
    normalize,
    shown,
)
from sandbox.reference import marc21
from sandbox.rules.consistency import leading_article

#: The blocks of MARC 21 Bibliographic by the first digit of the tag (LC, "MARC 21 Format for
#: Bibliographic Data", Introduction: "Groups of fields").
BLOCKS = {
    "0": "0XX (control information, numbers and codes)",
    "1": "1XX (main entry)",
    "2": "2XX (titles, edition, imprint)",
    "3": "3XX (physical description, etc.)",
    "4": "4XX (series statement)",
    "5": "5XX (notes)",
    "6": "6XX (subject access)",
    "7": "7XX (added entries, linking entries)",
    "8": "8XX (series added entries, holdings, location)",
}
_CARRIERS = {"880", "886"}  # their indicators and subfields are another field's
_ORDINAL = {1: "first", 2: "second"}
APPENDIX_F = "https://www.loc.gov/marc/bibliographic/bdapndxf.html"


def block(tag: str) -> str:
    return BLOCKS.get(tag[0], f"{tag[0]}XX")


def _name(definition: marc21.FieldDef) -> str:
    return f"{definition.tag} ({definition.label})"


def field_summary(definition: marc21.FieldDef) -> str:
    """What a cataloger should remember about a field: label, repeatability, block, indicators,
    main subfields."""
    repeat = "repeatable" if definition.repeatable else "not repeatable"
    text = f"{definition.tag} is {definition.label} ({repeat}"
    text += ", obsolete)" if definition.obsolete else ")"
    text += f", a field of block {block(definition.tag)}."
    if definition.is_control_field:
        return text + " It is a control field: no indicators and no subfields."
    defined = [ind for ind in definition.indicators
               if not ind.undefined and ind.label not in ("First indicator", "Second indicator")]
    if not defined:
        text += " Both indicators are undefined (blank)."
    else:
        text += " " + " ".join(f"{_ORDINAL[ind.position].capitalize()} indicator: {ind.label}."
                               for ind in defined)
    main = [sub for code, sub in definition.subfields.items() if code.isalpha() and not sub.obsolete]
    if main:
        listed = ", ".join(f"${sub.code} {sub.label}" + (" (R)" if sub.repeatable else "")
                           for sub in main[:4])
        text += f" Main subfields: {listed}" + (", ..." if len(main) > 4 else "") + "."
    return text


# ---------------------------------------------------------------------------------------------
# tag


def tag_questions() -> list[Question]:
    """One question per defined field, obsolete ones included; every prompt is different."""
    definitions = list(marc21.fields().values())
    prompts = {d.tag: _tag_prompt(d) for d in definitions}
    _disambiguate(definitions, prompts)
    current = [d.tag for d in definitions if not d.obsolete]
    out = []
    for definition in definitions:
        tag = definition.tag
        same_block = [t for t in current if t[0] == tag[0] and t != tag]
        near = sorted(same_block, key=lambda other: abs(int(other) - int(tag)))[:8]
        out.append(Question(
            key=f"tag:{tag}", topic="tag", prompt=prompts[tag],
            choices=make_choices(f"tag:{tag}", tag, near), answer=tag, accept=(f"={tag}",),
            explanation=field_summary(definition), citation=definition.citation))
    return out


def _tag_prompt(definition: marc21.FieldDef) -> str:
    if definition.obsolete:
        return f"Which MARC 21 tag was “{definition.label}” (an obsolete field)?"
    return f"Which MARC 21 tag is “{definition.label}”?"


def _disambiguate(definitions: list[marc21.FieldDef], prompts: dict[str, str]) -> None:
    """Add what tells fields apart where two would get the same prompt: the block, then whether
    the field repeats, then its first subfields."""
    details = (
        lambda d: f"in block {block(d.tag)}",
        lambda d: "repeatable" if d.repeatable else "not repeatable",
        lambda d: "subfields " + ", ".join(f"${c} {s.label}" for c, s in list(d.subfields.items())[:2]),
    )
    for detail in details:
        groups: dict[str, list[marc21.FieldDef]] = {}
        for d in definitions:
            groups.setdefault(normalize(prompts[d.tag]), []).append(d)
        clashes = [group for group in groups.values() if len(group) > 1]
        if not clashes:
            return
        for group in clashes:
            for d in group:
                prompts[d.tag] = prompts[d.tag][:-1] + f" ({detail(d)})?"


# ---------------------------------------------------------------------------------------------
# indicators


def meaning_groups(indicator: marc21.IndicatorDef) -> list[tuple[list[str], str]]:
    """The indicator's values grouped by meaning, in value order: 245/2 gives 0 and 1-9."""
    groups: dict[str, list[str]] = {}
    for value, meaning in indicator.values.items():
        groups.setdefault(meaning, []).append(value)
    return [(values, meaning) for meaning, values in groups.items()]


def values_text(values: list[str]) -> str:
    if len(values) > 2 and all(v.isdigit() for v in values) and \
            [int(v) for v in values] == list(range(int(values[0]), int(values[-1]) + 1)):
        return f"{values[0]}-{values[-1]}"
    return ", ".join(shown(v) for v in values)


def indicator_questions() -> list[Question]:
    """What a value means (multiple choice), and which value has a meaning, for every defined
    indicator of every current field; plus nonfiling counts for real titles."""
    out: list[Question] = []
    for definition in marc21.fields().values():
        if definition.obsolete or definition.is_control_field or definition.tag in _CARRIERS:
            continue
        for indicator in definition.indicators:
            if indicator.undefined:
                continue
            out += _indicator_questions(definition, indicator)
    out += nonfiling_questions()
    return out


def _indicator_questions(definition: marc21.FieldDef, indicator: marc21.IndicatorDef) -> list[Question]:
    tag, position, ordinal = definition.tag, indicator.position, _ORDINAL[indicator.position]
    groups = meaning_groups(indicator)
    meanings = [meaning for _, meaning in groups]
    other = definition.indicators[2 - position]
    fallback = ([] if other.undefined else list(other.values.values())) + _all_meanings()
    listing = "; ".join(f"{values_text(values)} = {meaning}" for values, meaning in groups)
    repeat = "repeatable" if definition.repeatable else "not repeatable"
    teach = (f"{tag} {ordinal} indicator ({indicator.label}): {listing}. {tag} is "
             f"{definition.label} ({repeat}).")
    out = []
    for values, meaning in groups:
        shown_values = values_text(values)
        key = f"ind:{tag}/{position}:{shown_values.replace(', ', ',')}"
        verb, noun = ("do", "values") if len(values) > 1 else ("does", "value")
        out.append(Question(
            key=key, topic="indicator",
            prompt=f"In {_name(definition)}, what {verb} {ordinal} indicator {noun} {shown_values} "
                   "mean?",
            choices=make_choices(key, meaning, meanings, fallback=fallback), answer=meaning,
            explanation=teach, citation=definition.citation, free_text=False))
        if len(values) == 1 and len(indicator.values) > 1:
            value = values[0]
            key = f"ind-value:{tag}/{position}:{shown(value)}"
            out.append(Question(
                key=key, topic="indicator",
                prompt=f"In {_name(definition)}, which {ordinal} indicator value means “{meaning}”?",
                choices=make_choices(key, shown(value), [shown(v) for v in indicator.values]),
                answer=shown(value), accept=blank_forms(value, indicator.values), explanation=teach,
                citation=definition.citation))
    return out


@cache
def _all_meanings() -> list[str]:
    """Every current indicator meaning, for wrong choices where a field has too few of its own."""
    found: dict[str, None] = {}
    for definition in marc21.fields().values():
        if definition.obsolete or definition.is_control_field or definition.tag in _CARRIERS:
            continue
        for indicator in definition.indicators:
            if not indicator.undefined:
                found.update(dict.fromkeys(indicator.values.values()))
    return sorted(found)


#: Titles (public-domain works) with the language of the item, for 245 second indicator counts.
NONFILING_TITLES = (
    ("The hobbit", "eng"), ("A tale of two cities", "eng"), ("An essay on man", "eng"),
    ("Walden", "eng"), ("L'étranger", "fre"), ("Les misérables", "fre"), ("Le père Goriot", "fre"),
    ("Der Zauberberg", "ger"), ("Die Verwandlung", "ger"), ("Das Kapital", "ger"),
    ("El Aleph", "spa"), ("Los de abajo", "spa"), ("La Celestina", "spa"),
    ("Il Gattopardo", "ita"), ("I promessi sposi", "ita"), ("Het achterhuis", "dut"),
    ("A is for apple", "eng"), ("Ein Sommernachtstraum", "ger"),
)


def nonfiling_questions() -> list[Question]:
    definition = marc21.field("245")
    out = []
    for title, language in NONFILING_TITLES:
        article = leading_article(title, language)
        count = len(article) if article else 0
        if article:
            why = (f"{article.strip()!r} is an initial article in this language (MARC 21 Appendix F), "
                   f"so the first {count} characters ({article!r}, counting the "
                   f"{'apostrophe' if article.endswith(chr(39)) else 'space'}) are skipped in filing: "
                   f"second indicator {count}.")
        else:
            why = ("The title does not begin with an initial article (here 'A' is the letter, not "
                   "the article)" if title.startswith("A ") else
                   "The title does not begin with an initial article") + ": second indicator 0."
        key = f"nonfiling:245:{title}"
        out.append(Question(
            key=key, topic="indicator",
            prompt=f"245 $a “{title}” (language: {language}). What is the second indicator "
                   "(nonfiling characters)?",
            choices=make_choices(key, str(count), [str(n) for n in range(0, 6)]), answer=str(count),
            explanation=why + f" {field_summary(definition)}", citation=APPENDIX_F))
    return out


# ---------------------------------------------------------------------------------------------
# subfields


def subfield_questions() -> list[Question]:
    """Which subfield code holds an element, for every current subfield of every current field."""
    out = []
    for definition in marc21.fields().values():
        if definition.obsolete or definition.is_control_field or definition.tag in _CARRIERS:
            continue
        current = {code: sub for code, sub in definition.subfields.items() if not sub.obsolete}
        labels: dict[str, int] = {}
        for sub in current.values():
            labels[normalize(sub.label)] = labels.get(normalize(sub.label), 0) + 1
        for code, sub in current.items():
            if labels[normalize(sub.label)] > 1:
                continue  # two codes with one label cannot be told apart by the label
            key = f"sf:{definition.tag}:{code}"
            repeat = "repeatable" if sub.repeatable else "not repeatable"
            others = [f"${c}" for c in current if c != code]
            out.append(Question(
                key=key, topic="subfield",
                prompt=f"In {_name(definition)}, which subfield holds “{sub.label}”?",
                choices=make_choices(key, f"${code}", others), answer=f"${code}",
                accept=(code, f"‡{code}", f"ǂ{code}", f"|{code}"),
                explanation=f"{definition.tag} ${code} is {sub.label} ({repeat}). "
                            + field_summary(definition),
                citation=definition.citation))
    return out
