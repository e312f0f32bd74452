"""Dublin Core XML: ``oai_dc``, simple DC and qualified ``dcterms`` read; ``oai_dc`` and ``dcterms`` written.

Any element whose children are DC or dcterms properties is one record: an ``oai_dc:dc``
container, an OAI-PMH ``<metadata>``, a ``<record>``. ``xml:lang`` and ``xsi:type`` (encoding
scheme) are kept. Written files hold one container per record under a ``<records>`` root.
Sources: DCMI, "Guidelines for implementing Dublin Core in XML" (2003); OAI-PMH 2.0, section 6.2
(the oai_dc schema); DCMI Metadata Terms.
"""

from __future__ import annotations

from typing import BinaryIO

from lxml import etree

from sandbox.formats.problems import WARNING, ReadItem, ReadProblem, WriteError
from sandbox.formats.safexml import XmlRecordReader, local_name, namespace_of
from sandbox.records.dublin_core import (
    DC_NAMESPACE,
    DCTERMS_NAMESPACE,
    ELEMENTS,
    REFINEMENTS,
    DCValue,
    DublinCoreRecord,
)

OAI_DC_NAMESPACE = "http://www.openarchives.org/OAI/2.0/oai_dc/"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XSI_TYPE = f"{{{XSI_NAMESPACE}}}type"
_PROPERTY_NAMESPACES = (DC_NAMESPACE, DCTERMS_NAMESPACE)


def _is_record(element: etree._Element) -> bool:
    if namespace_of(element) in _PROPERTY_NAMESPACES:
        return False
    return any(
        isinstance(child.tag, str) and namespace_of(child) in _PROPERTY_NAMESPACES
        for child in element
    )


class DublinCoreReader(XmlRecordReader):
    _is_record = staticmethod(_is_record)

    def _record(self, number: int, element: etree._Element) -> ReadItem:
        item = ReadItem(number=number, record=None, line=element.sourceline)

        def warn(message: str, line: int | None, place: str | None = None) -> None:
            item.add(ReadProblem(self._path, number, message, WARNING, line=line, place=place))

        record = DublinCoreRecord()
        for child in element:
            if not isinstance(child.tag, str) or namespace_of(child) not in _PROPERTY_NAMESPACES:
                continue
            name = local_name(child)
            prefix = "dc" if namespace_of(child) == DC_NAMESPACE else "dcterms"
            value = "".join(child.itertext()).strip()
            if name in ELEMENTS:
                element_name, refinement = name, None
            elif prefix == "dcterms" and name in REFINEMENTS:
                element_name, refinement = REFINEMENTS[name], name
            else:
                warn(f"{prefix}:{name} is not one of the 15 Dublin Core elements or a refinement "
                     "of one; skipped", child.sourceline, name)
                continue
            if not value:
                warn(f"{prefix}:{name} is empty; skipped", child.sourceline, name)
                continue
            record.values.append(
                DCValue(element_name, value, refinement, child.get(XML_LANG), child.get(XSI_TYPE))
            )
        item.record = record
        return item


class _DublinCoreWriter:
    """Writes one container per record inside a ``<records>`` root, streaming."""

    container: str
    namespaces: dict[str | None, str]

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        stream.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<records>\n')

    def write(self, record: DublinCoreRecord) -> None:
        if not isinstance(record, DublinCoreRecord):
            raise WriteError("only Dublin Core records can be written as Dublin Core XML")
        root = etree.Element(self.container, nsmap=self.namespaces)
        try:
            for statement in record:
                child = etree.SubElement(root, self._property(statement))
                child.text = statement.value
                if statement.lang:
                    child.set(XML_LANG, statement.lang)
                if statement.scheme and self.keeps_schemes:
                    child.set(XSI_TYPE, statement.scheme)
        except ValueError as error:
            raise WriteError(f"a value holds a character XML 1.0 cannot carry ({error})") from error
        self._stream.write(etree.tostring(root, encoding="utf-8", pretty_print=True))

    def close(self) -> None:
        self._stream.write(b"</records>\n")

    keeps_schemes = True

    def _property(self, statement: DCValue) -> str:
        raise NotImplementedError


class OaiDcWriter(_DublinCoreWriter):
    """oai_dc allows only the 15 plain elements: a refinement is written as its element."""

    container = f"{{{OAI_DC_NAMESPACE}}}dc"
    namespaces = {"oai_dc": OAI_DC_NAMESPACE, "dc": DC_NAMESPACE, "xsi": XSI_NAMESPACE}
    keeps_schemes = False

    def _property(self, statement: DCValue) -> str:
        return f"{{{DC_NAMESPACE}}}{statement.element}"


class DctermsWriter(_DublinCoreWriter):
    container = "record"
    namespaces = {"dcterms": DCTERMS_NAMESPACE, "xsi": XSI_NAMESPACE}

    def _property(self, statement: DCValue) -> str:
        return f"{{{DCTERMS_NAMESPACE}}}{statement.term}"
