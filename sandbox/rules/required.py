"""Required and consistent elements: the fields every record needs, and fields that must agree.

Sources: LC, MARC 21 Bibliographic (https://www.loc.gov/marc/bibliographic/), the pages of each
tag cited; "MARC 21 Bibliographic: National Level Record Requirements"
(https://www.loc.gov/marc/bibliographic/nlr/).
"""

from __future__ import annotations

from sandbox.rules.examples import marc_example
from sandbox.rules.fixed_fields import leader_text
from sandbox.rules.model import ERROR, INFO, WARNING, Hit, rule
from sandbox.rules.walk import (
    data_fields,
    fields_tagged,
    plain_data_fields,
    shared,
    tags_present,
)

BD = "https://www.loc.gov/marc/bibliographic/"
REQUIRED = {
    "001": "control number",
    "008": "fixed-length data elements",
    "040": "cataloging source",
    "245": "title statement",
}
#: The main entry fields (1XX).
MAIN_ENTRY_TAGS = ("100", "110", "111", "130")
#: The fields REQ-007 wants in an RDA record, with what they hold.
_TYPE_FIELDS = {"336": "content type", "337": "media type", "338": "carrier type"}


def is_rda(record) -> bool:
    """Described by RDA: 040 $e says 'rda'."""
    return shared(record, "is-rda", lambda: _described_by_rda(record))


def _described_by_rda(record) -> bool:
    for item in data_fields(record, "040"):
        for code, value in item.field.subfields:
            if code == "e" and value.strip().lower() == "rda":
                return True
    return False


@rule("REQ-001", "required-fields", "Every record has 001, 008, 040 and 245", ERROR,
      BD + "nlr/",
      "These fields identify the record, code its basic facts, name who made it and give its "
      "title: without them a record cannot be found, shared or displayed.",
      good=(marc_example(),), bad=(marc_example(drop=("040",)), marc_example(drop=("001",))))
def required_fields(record, context):
    # Like the other rules most records leave at their first test, a plain function returning
    # its hits: a generator costs more to start and stop than the test itself.
    present = tags_present(record)
    if REQUIRED.keys() <= present:
        return ()  # all four there: one set comparison; the list names whichever is missing
    return [Hit(tag, f"the record has no {tag} ({name}); every record needs one")
            for tag, name in REQUIRED.items() if tag not in present]


@rule("REQ-002", "one-main-entry", "At most one 1XX main entry", ERROR, BD + "bd1xx.html",
      "A record has one main entry (100, 110, 111 or 130); other names and titles go in 7XX "
      "added entries.",
      tags=("100", "110", "111", "130"),
      good=(marc_example(),),
      bad=(marc_example("=100  1\\$aWriter, Ann.", "=110  2\\$aExample Society."),))
def one_main_entry(record, context):
    if len(plain_data_fields(record, MAIN_ENTRY_TAGS)) < 2:
        return ()  # one main entry or none, as nearly every record has
    main = data_fields(record, *MAIN_ENTRY_TAGS)
    return [Hit(item.address, f"a second main entry ({item.field.tag}, after "
                              f"{main[0].field.tag}); move it to a 7XX added entry")
            for item in main[1:]]


@rule("REQ-003", "title-added-entry-indicator", "245 first indicator agrees with the 1XX",
      WARNING, BD + "bd245.html",
      "245 ind1 says whether the title is traced as an added entry: '0' when there is no 1XX "
      "(the title is the main entry), normally '1' when there is one.",
      tags=("245",),
      good=(marc_example(), marc_example("=245  00$aAnonymous classics.", drop=("100",))),
      bad=(marc_example("=245  00$aExample title /$cAnn Writer."),
           marc_example("=245  10$aAnonymous classics.", drop=("100",))))
def title_added_entry(record, context):
    has_main = bool(plain_data_fields(record, MAIN_ENTRY_TAGS))
    for item in data_fields(record, "245"):
        ind1 = item.field.indicator1
        if not has_main and ind1 == "1":
            yield Hit(f"{item.address}/ind1", "245 first indicator is '1' (title added entry) "
                      "but the record has no 1XX: the title is the main entry, so use '0'")
        elif has_main and ind1 == "0":
            yield Hit(f"{item.address}/ind1", "245 first indicator is '0' (no title added "
                      "entry) although the record has a 1XX main entry; it is normally '1'")


@rule("REQ-004", "series-traced", "490 first indicator '1' needs an 8XX", ERROR,
      BD + "bd490.html",
      "490 ind1 '1' promises that the series is traced in an 8XX field; without one the series "
      "cannot be found by its authorized form.",
      tags=("490",),
      good=(marc_example("=490  1\\$aExample series ;$v3", "=830  \\0$aExample series ;$v3."),),
      bad=(marc_example("=490  1\\$aExample series ;$v3"),))
def series_traced(record, context):
    traced = bool(data_fields(record, "800", "810", "811", "830"))
    for item in data_fields(record, "490"):
        if item.field.indicator1 == "1" and not traced:
            yield Hit(f"{item.address}/ind1", "490 first indicator is '1' (series traced "
                      "differently) but the record has no 800, 810, 811 or 830")


@rule("REQ-005", "linkage-880", "880 and its linked field point at each other through $6",
      ERROR, BD + "bd880.html",
      "An 880 holds another script's version of a field; $6 pairs the two (e.g. 245 $6 "
      "880-01 with 880 $6 245-01). A broken pair shows the wrong script or none.",
      tags=("880",),
      good=(marc_example("=245  10$6880-01$aTitle.", "=880  10$6245-01$aТитул."),),
      bad=(marc_example("=880  10$aТитул."), marc_example("=880  10$6245-01$aТитул.")))
def linkage_880(record, context):
    if not fields_tagged(record, "880"):
        return  # every finding of this rule is about an 880
    # (tag, link number) of every $6 outside the 880s, read straight from the record's fields:
    # only whether a pair is there matters, not which field has it.
    links = set()
    for field in record.fields:
        if field.control_field or field.tag == "880":
            continue
        for code, value in field.subfields:
            if code == "6":
                links.add((field.tag, value[4:6]))
    for item in data_fields(record, "880"):
        sixes = item.field.get_subfields("6")
        if not sixes:
            yield Hit(item.address, "880 has no $6 linking it to the field it parallels")
            continue
        value = sixes[0]
        tag, number = value[:3], value[4:6]
        if len(value) < 6 or value[3] != "-" or not number.isdigit():
            yield Hit(f"{item.address}$6", f"880 $6 '{value}' is not 'TAG-NN' (e.g. 245-01)")
        elif number != "00" and (tag, number) not in links:
            yield Hit(f"{item.address}$6", f"880 $6 '{value}' points to a {tag} with $6 "
                      f"880-{number}, and there is none")


@rule("REQ-006", "rda-publication-field", "RDA records use 264, not 260", WARNING,
      BD + "bd264.html",
      "RDA records the publication statement in 264 (second indicator 1 for publication); 260 "
      "belongs to records described by earlier rules.",
      tags=("260",),
      good=(marc_example(),),
      bad=(marc_example("=260  \\\\$aNew York :$bExample Press,$c2024.", drop=("264",)),))
def rda_uses_264(record, context):
    if not is_rda(record):
        return ()
    return [Hit(item.address, "this record follows RDA (040 $e rda) but gives its publication "
                "statement in 260; RDA uses 264 with second indicator 1")
            for item in data_fields(record, "260")]


@rule("REQ-007", "rda-content-media-carrier", "RDA records have 336, 337 and 338", WARNING,
      BD + "bd336.html",
      "Content, media and carrier type (336/337/338) replace the old GMD in RDA; discovery "
      "systems use them to say what the resource is.",
      tags=("040",),
      good=(marc_example(),), bad=(marc_example(drop=("337",)),))
def rda_33x(record, context):
    if not is_rda(record):
        return ()
    present = tags_present(record)
    return [Hit(tag, f"this record follows RDA (040 $e rda) but has no {tag} ({name})")
            for tag, name in _TYPE_FIELDS.items() if tag not in present]


@rule("REQ-008", "leader-description-form", "Leader/18 agrees with the description rules",
      WARNING, BD + "bdleader.html",
      "Leader/18 says which punctuation convention the record follows; an RDA record with ISBD "
      "punctuation is coded 'i'.",
      tags=("040",),
      good=(marc_example(),), bad=(marc_example(leader="00000nam a2200000 a 4500"),))
def description_form(record, context):
    if leader_text(record)[18:19] == "a" and is_rda(record):
        return (Hit("LDR/18", "Leader/18 is 'a' (AACR 2) but 040 $e says the record follows "
                    "RDA; code it 'i' (ISBD punctuation included) or 'c' (omitted)"),)
    return ()



@rule("REQ-020", "cataloging-language-040", "040 names the language of cataloging in $b", INFO,
      BD + "bd040.html",
      "040 $b gives the language the record itself is written in (its notes and the terms the "
      "cataloger supplies), not the language of the item (008/35-37). Without it, a shared "
      "catalog holding records made in several languages cannot tell them apart.",
      tags=("040",),
      good=(marc_example(), marc_example("=040  \\\\$aCaQMBN$bfre$erda$cCaQMBN")),
      bad=(marc_example("=040  \\\\$aCaSbx$erda$cCaSbx"),))
def cataloging_language(record, context):
    for item in data_fields(record, "040"):
        for code, _ in item.field.subfields:
            if code == "b":  # even an empty one: that is STR-006's to report
                break
        else:
            yield Hit(f"{item.address}$b", "040 has no $b (language of cataloging), so systems "
                      "assume English; add the MARC code of the language the record is written "
                      "in, e.g. $beng for English or $bfre for French")


@rule("REQ-012", "title-proper-first", "245 has a title proper in $a, first", ERROR,
      BD + "bd245.html",
      "The title proper ($a) is what the record is filed and displayed under; $k (form) or $b "
      "without $a leaves the record without a title proper.",
      tags=("245",),
      good=(marc_example(), marc_example("=245  10$6880-01$aExample title.")),
      bad=(marc_example("=245  10$kPapers."), marc_example("=245  10$bsubtitle$aExample.")))
def title_proper_first(record, context):
    for item in data_fields(record, "245"):
        subfields = item.field.subfields
        if subfields and subfields[0].code == "a":
            continue  # $a first: the common case; the list below sees $6 and $8 before it
        codes = [code for code, _ in subfields if code not in "68"]
        if "a" not in codes and "k" not in codes:
            yield Hit(item.address, "245 has no $a (title proper)")
        elif "a" not in codes:
            yield Hit(item.address, "245 has no $a: a title proper is needed even when $k "
                      "(form) describes the material")
        elif codes[0] != "a":
            yield Hit(f"{item.address}${codes[0]}", f"245 begins with ${codes[0]}; the title "
                      "proper ($a) comes first")
