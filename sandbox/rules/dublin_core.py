"""Dublin Core rules: required elements, dates, languages, types and identifiers.

Sources: DCMI Metadata Terms (https://www.dublincore.org/specifications/dublin-core/dcmi-terms/),
DCMI Type Vocabulary, W3C "Date and Time Formats" (W3CDTF, https://www.w3.org/TR/NOTE-datetime).
"""

from __future__ import annotations

import re

from stdnum import isbn

from sandbox.rules.model import ERROR, INFO, WARNING, Hit, rule

TERMS = "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/"
DCMI_TYPES = ("Collection", "Dataset", "Event", "Image", "InteractiveResource", "MovingImage",
              "PhysicalObject", "Service", "Software", "Sound", "StillImage", "Text")
_W3CDTF = re.compile(
    r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])"
    r"(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?)?)?\Z")
#: EDTF (ISO 8601-2) levels 0 and 1: dates, uncertain/approximate (? ~ %), unspecified digits (X),
#: intervals with open or unknown ends (1936/.., ../1940). https://www.loc.gov/standards/datetime/
_EDTF_DATE = r"-?[0-9X]{4}(-([0-9X]{2})(-([0-9X]{2}))?)?[?~%]?"
_EDTF = re.compile(rf"({_EDTF_DATE}|\.\.)?(/({_EDTF_DATE}|\.\.)?)?\Z")
_ISO639 = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+\Z")


def _dc(*lines: str) -> str:
    return "\n".join(lines)


def _located(record, element: str):
    """Each statement of an element (refinements too) with its address: the occurrence is
    counted per term, as ``resolve`` counts it (``title[2]``, ``alternative[1]``)."""
    counts: dict[str, int] = {}
    for statement in record:
        if statement.element == element:
            counts[statement.term] = counts.get(statement.term, 0) + 1
            yield statement, f"{statement.term}[{counts[statement.term]}]"


@rule("DC-001", "required-elements", "Required Dublin Core elements are present", ERROR,
      TERMS + "elements11/title/",
      "A description needs at least a title to be recognised in a list of results; a profile "
      "(an exercise pack, a repository's rules) may require more, such as creator and date.",
      kind="dc", good=(_dc("title: Migrant mother"),), bad=(_dc("creator: Lange, Dorothea"),))
def required_elements(record, context):
    for element in context.option("dc_required", ("title",)):
        if not record.get(element):
            yield Hit(element, f"the description has no dc:{element}, which this profile "
                      "requires")


@rule("DC-002", "date-format", "Dates are W3CDTF (ISO 8601) dates", WARNING,
      "https://www.w3.org/TR/NOTE-datetime",
      "Machine-readable dates (YYYY, YYYY-MM, YYYY-MM-DD) sort and filter correctly; '2nd May "
      "1936' does not.",
      kind="dc", good=(_dc("title: T", "date: 1936-03"),), bad=(_dc("title: T", "date: March 1936"),))
def date_format(record, context):
    for statement, where in _located(record, "date"):
        value = statement.value.strip()
        if statement.scheme and "EDTF" in statement.scheme.upper():
            if not _EDTF.match(value):
                yield Hit(where, f"date '{statement.value}' is declared as EDTF but is not an "
                          "EDTF date (e.g. 1936, 1936-03, 1936?, 193X, 1936/1940)")
            continue
        if statement.scheme not in (None, "dcterms:W3CDTF"):
            continue
        if not _W3CDTF.match(value):
            yield Hit(where, f"date '{statement.value}' is not a W3CDTF date (YYYY, YYYY-MM or "
                      "YYYY-MM-DD, optionally with a time)")


@rule("DC-003", "language-code", "Languages are ISO 639 codes", WARNING,
      TERMS + "elements11/language/",
      "DCMI recommends a controlled code (ISO 639-2 'eng', or an RFC 5646 tag 'en-GB') so that "
      "records can be filtered by language.",
      kind="dc", good=(_dc("title: T", "language: eng"),), bad=(_dc("title: T", "language: English"),))
def language_code(record, context):
    for statement, where in _located(record, "language"):
        if not _ISO639.match(statement.value.strip()):
            yield Hit(where, f"language '{statement.value}' is not an ISO 639 code such as 'eng' "
                      "or 'en'")


@rule("DC-004", "dcmi-type", "Types come from the DCMI Type Vocabulary", WARNING,
      "https://www.dublincore.org/specifications/dublin-core/dcmi-type-vocabulary/",
      "A shared type vocabulary (Text, StillImage, Sound…) lets systems group resources by kind.",
      kind="dc", good=(_dc("title: T", "type: StillImage"),), bad=(_dc("title: T", "type: photo"),))
def dcmi_type(record, context):
    for statement, where in _located(record, "type"):
        if statement.scheme and statement.scheme != "dcterms:DCMIType":
            continue
        value = statement.value.strip()
        if value not in DCMI_TYPES:
            near = [t for t in DCMI_TYPES if t.lower() == value.lower().replace(" ", "")]
            hint = f" (write '{near[0]}')" if near else ""
            yield Hit(where, f"type '{value}' is not a DCMI Type term{hint}")


@rule("DC-005", "identifier-form", "Identifiers are URIs or valid ISBNs", INFO,
      TERMS + "elements11/identifier/",
      "An identifier should let a program find the resource: a URI (https:, doi:, urn:) or a "
      "standard number that passes its check.",
      kind="dc", good=(_dc("title: T", "identifier: https://doi.org/10.24432/C56C76"),),
      bad=(_dc("title: T", "identifier: ISBN 9780262033849"),))
def identifier_form(record, context):
    for statement, where in _located(record, "identifier"):
        value = statement.value.strip()
        digits = re.sub(r"^(ISBN|isbn)[:\s]*|[\s-]", "", value)
        if value.upper().startswith("ISBN") or re.fullmatch(r"97[89]\d{10}|\d{9}[\dXx]", digits):
            if not isbn.is_valid(digits):
                yield Hit(where, f"identifier '{value}' looks like an ISBN but its check digit "
                          "is wrong")
        elif not _URI.match(value):
            yield Hit(where, f"identifier '{value}' is neither a URI nor a standard number")
