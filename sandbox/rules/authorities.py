"""Headings checked against an authority file, when one is supplied (an exercise pack may ship
MARC authority records; ``catsandbox lint --authority FILE`` loads one).

An authority record's 1XX is the authorized heading and its 4XX fields are variants that lead to
it. Headings are compared in a normalized form after LC's NACO normalization rules
(https://www.loc.gov/aba/pcc/naco/normrule-2.html): case, diacritics, spacing and final
punctuation do not count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from pymarc import Field, Record

from sandbox.rules.model import ERROR, Hit, rule
from sandbox.rules.walk import data_fields, quoted

_SUBDIVISIONS = "vxyz"
_HEADING_SUBFIELDS = "abcdfghjklmnopqrstvxyz"
#: Authority 1XX/4XX tags and the bibliographic 6XX tags their headings serve.
_AUTHORITY_TO_SUBJECT = {"100": "600", "110": "610", "111": "611", "130": "630", "148": "648",
                         "150": "650", "151": "651", "155": "655"}
_SUBJECT_TAGS = tuple(sorted(set(_AUTHORITY_TO_SUBJECT.values())))


def normalize(text: str) -> str:
    """NACO-style comparison form: no diacritics, no case, single spaces, no end punctuation."""
    decomposed = unicodedata.normalize("NFKD", text.replace("--", " -- "))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"[\"'.,:;/()\[\]]", " ", plain)
    return " ".join(plain.upper().split())


def heading_text(field: Field, with_subdivisions: bool = True) -> str:
    """A heading as catalogs show it: 'Cats--Behavior' (subdivisions after '--')."""
    parts: list[str] = []
    for code, value in field.subfields:
        if code not in _HEADING_SUBFIELDS or (code in _SUBDIVISIONS and not with_subdivisions):
            continue
        if code in _SUBDIVISIONS and parts:
            parts.append("--" + value.strip())
        else:
            parts.append((" " if parts else "") + value.strip())
    return "".join(parts).strip()


def _key(subject_tag: str, text: str) -> tuple[str, str]:
    return subject_tag, normalize(text)


@dataclass
class AuthorityFile:
    """Authorized headings and the variants that point to them, keyed by the 6XX they serve."""

    authorized: dict[tuple[str, str], str] = field(default_factory=dict)
    variants: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> AuthorityFile:
        authority = cls()
        for record in records:
            main = [f for f in record.fields if f.tag in _AUTHORITY_TO_SUBJECT]
            if not main:
                continue
            subject_tag = _AUTHORITY_TO_SUBJECT[main[0].tag]
            authorized = heading_text(main[0])
            authority.authorized[_key(subject_tag, authorized)] = authorized
            for variant in record.fields:
                tag = variant.tag
                if tag.startswith("4") and "1" + tag[1:] in _AUTHORITY_TO_SUBJECT:
                    target = _AUTHORITY_TO_SUBJECT["1" + tag[1:]]
                    authority.variants[_key(target, heading_text(variant))] = authorized
        return authority

    def __len__(self) -> int:
        return len(self.authorized)


@rule("SUB-010", "heading-in-authority-file", "Subject headings match the authority file",
      ERROR, "https://www.loc.gov/aba/pcc/naco/normrule-2.html",
      "An exercise's authority file holds the headings it accepts; a heading not in it will not "
      "collocate with the records that use the authorized form, and a variant (a 4XX 'see' "
      "reference) must be replaced by the heading it points to.", tags=_SUBJECT_TAGS)
def heading_in_authority_file(record, context):
    authority: AuthorityFile | None = context.option("authorities")
    if not authority:
        return
    for item in data_fields(record, *_SUBJECT_TAGS):
        if item.field.indicator2 not in ("0", "7") and item.field.indicator2 != " ":
            continue
        full = heading_text(item.field)
        main = heading_text(item.field, with_subdivisions=False)
        tag = item.field.tag
        if _key(tag, full) in authority.authorized or _key(tag, main) in authority.authorized:
            continue  # established, or established with free-floating subdivisions added
        target = authority.variants.get(_key(tag, full)) or authority.variants.get(_key(tag, main))
        if target:
            yield Hit(item.address, f"{tag} {quoted(full, 60)} is a variant (see reference) in "
                      f"the authority file; use the authorized heading {quoted(target, 60)}")
        else:
            yield Hit(item.address, f"{tag} {quoted(full, 60)} is not in the authority file "
                      "(neither as an authorized heading nor as a variant)")
