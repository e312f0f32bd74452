"""Building the small example records each rule carries (good ones pass it, bad ones trip it).

An example lists only what differs from a valid base record: a line for a tag replaces every base
field with that tag; ``drop`` removes base tags. The result is MARC mnemonic text (``.mrk``).
"""

from __future__ import annotations

BASE_LEADER = "00000nam a2200000 i 4500"
#: 008 for a book: entered 2024-01-01, single date 2024, New York State, illustrated… English.
BASE_008 = "240101s2024    nyua          000 0 eng d"
#: A complete, valid RDA record for a printed book, in mnemonic text.
BASE_FIELDS = (
    "=001  cs-example",
    "=008  " + BASE_008.replace(" ", "\\"),
    "=020  \\\\$a9780262033848",
    "=040  \\\\$aCaSbx$beng$erda$cCaSbx",
    "=100  1\\$aWriter, Ann,$eauthor.",
    "=245  10$aExample title :$ba subtitle /$cAnn Writer.",
    "=264  \\1$aNew York :$bExample Press,$c2024.",
    "=300  \\\\$a200 pages :$billustrations ;$c24 cm",
    "=336  \\\\$atext$btxt$2rdacontent",
    "=337  \\\\$aunmediated$bn$2rdamedia",
    "=338  \\\\$avolume$bnc$2rdacarrier",
    "=650  \\0$aCataloging.",
)


def field_008(start: int, value: str, base: str = BASE_008) -> str:
    """An 008 line like the base one, with ``value`` written from position ``start``."""
    data = base[:start] + value + base[start + len(value):]
    return "=008  " + data.replace(" ", "\\")


def marc_example(*lines: str, leader: str = BASE_LEADER, drop: tuple[str, ...] = ()) -> str:
    replaced = {line[1:4] for line in lines} | set(drop)
    kept = [line for line in BASE_FIELDS if line[1:4] not in replaced]
    fields = sorted([*kept, *lines], key=lambda line: line[1:4])
    return "\n".join([f"=LDR  {leader.replace(' ', chr(92))}", *fields])


def dc_from_text(text: str):
    """A Dublin Core example written as 'element: value' (or 'dcterms:refinement: value') lines."""
    from sandbox.records.dublin_core import REFINEMENTS, DublinCoreRecord

    record = DublinCoreRecord()
    for line in text.splitlines():
        term, _, value = line.partition(": ")
        term = term.removeprefix("dcterms:").removeprefix("dc:")
        if term in REFINEMENTS:
            record.add(REFINEMENTS[term], value, refinement=term)
        else:
            record.add(term, value)
    return record


def example_record(rule_kind: str, text: str):
    """Turn a rule's example text into the record it describes."""
    if rule_kind == "dc":
        return dc_from_text(text)
    import io

    from sandbox.formats.mrk import MrkReader

    (item,) = list(MrkReader(io.BytesIO(text.encode("utf-8")), "example.mrk"))
    return item.record
