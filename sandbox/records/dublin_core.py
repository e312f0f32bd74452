"""A small Dublin Core record: the 15 DCMES elements, repeatable, with dcterms refinements.

Source of the element set and the refinement relations: DCMI Metadata Terms
(https://www.dublincore.org/specifications/dublin-core/dcmi-terms/), sections 2 (properties in
/terms/) and 3 (properties in /elements/1.1/); each refinement listed below is a
"Subproperty Of" the element it maps to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
DCTERMS_NAMESPACE = "http://purl.org/dc/terms/"

#: The fifteen elements of the Dublin Core Metadata Element Set, version 1.1, in DCMI's order.
ELEMENTS: tuple[str, ...] = (
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
)

#: dcterms properties that refine (are sub-properties of) one DCMES element.
REFINEMENTS: dict[str, str] = {
    "alternative": "title",
    "tableOfContents": "description",
    "abstract": "description",
    "created": "date",
    "valid": "date",
    "available": "date",
    "issued": "date",
    "modified": "date",
    "dateAccepted": "date",
    "dateCopyrighted": "date",
    "dateSubmitted": "date",
    "extent": "format",
    "medium": "format",
    "bibliographicCitation": "identifier",
    "isVersionOf": "relation",
    "hasVersion": "relation",
    "isReplacedBy": "relation",
    "replaces": "relation",
    "isRequiredBy": "relation",
    "requires": "relation",
    "isPartOf": "relation",
    "hasPart": "relation",
    "isReferencedBy": "relation",
    "references": "relation",
    "isFormatOf": "relation",
    "hasFormat": "relation",
    "conformsTo": "relation",
    "spatial": "coverage",
    "temporal": "coverage",
    "accessRights": "rights",
    "license": "rights",
}


@dataclass(frozen=True)
class DCValue:
    """One statement: an element (or a dcterms refinement of it) with its value.

    ``refinement`` is a dcterms property name such as ``"alternative"`` or ``None`` for the plain
    element; ``scheme`` is an encoding scheme such as ``"dcterms:W3CDTF"`` (from ``xsi:type``).
    """

    element: str
    value: str
    refinement: str | None = None
    lang: str | None = None
    scheme: str | None = None

    @property
    def term(self) -> str:
        """The property as written in dcterms: the refinement if there is one, else the element."""
        return self.refinement or self.element


@dataclass
class DublinCoreRecord:
    """A Dublin Core description: an ordered list of statements, any element repeatable."""

    values: list[DCValue] = field(default_factory=list)

    def add(
        self,
        element: str,
        value: str,
        *,
        refinement: str | None = None,
        lang: str | None = None,
        scheme: str | None = None,
    ) -> DCValue:
        if element not in ELEMENTS:
            raise ValueError(f"'{element}' is not one of the 15 Dublin Core elements")
        if refinement is not None and REFINEMENTS.get(refinement) != element:
            raise ValueError(f"dcterms:{refinement} does not refine dc:{element}")
        statement = DCValue(element, value, refinement, lang, scheme)
        self.values.append(statement)
        return statement

    def get(self, element: str, *, include_refinements: bool = True) -> list[DCValue]:
        """Statements for one element, in record order (refinements too unless told otherwise)."""
        return [
            v
            for v in self.values
            if v.element == element and (include_refinements or v.refinement is None)
        ]

    def texts(self, element: str) -> list[str]:
        return [v.value for v in self.get(element)]

    def __iter__(self) -> Iterator[DCValue]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DublinCoreRecord):
            return NotImplemented
        return self.values == other.values

    @property
    def title(self) -> str | None:
        titles = [v.value for v in self.values if v.element == "title" and v.refinement is None]
        return titles[0] if titles else None


#: The DCMI encoding schemes (xsi:type) each element commonly takes, from DCMI Metadata Terms
#: (https://www.dublincore.org/specifications/dublin-core/dcmi-terms/, "Vocabulary Encoding
#: Schemes" and "Syntax Encoding Schemes").
ENCODING_SCHEMES: dict[str, tuple[str, ...]] = {
    "date": ("dcterms:W3CDTF", "dcterms:Period"),
    "language": ("dcterms:ISO639-2", "dcterms:ISO639-3", "dcterms:RFC1766", "dcterms:RFC3066",
                 "dcterms:RFC4646", "dcterms:RFC5646"),
    "type": ("dcterms:DCMIType",),
    "subject": ("dcterms:LCSH", "dcterms:MESH", "dcterms:DDC", "dcterms:LCC", "dcterms:UDC",
                "dcterms:NLM"),
    "coverage": ("dcterms:TGN", "dcterms:ISO3166", "dcterms:Point", "dcterms:Box",
                 "dcterms:Period"),
    "format": ("dcterms:IMT",),
    "identifier": ("dcterms:URI",),
    "relation": ("dcterms:URI",),
    "source": ("dcterms:URI",),
}
