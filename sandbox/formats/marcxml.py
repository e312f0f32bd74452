"""MARCXML (LC's MARC 21 XML schema): streaming reader and writer.

Reads ``<collection>`` files and single ``<record>`` files, with or without a namespace prefix,
and MARCXML records wrapped in other XML (an OAI-PMH response, for one). XML is parsed with no
network access, no DTD loading and no entity expansion (see ``safexml``).
Source: LC, "MARC 21 XML Schema" (https://www.loc.gov/standards/marcxml/).
"""

from __future__ import annotations

from typing import BinaryIO

from lxml import etree
from pymarc import Field, Indicators, Record, Subfield

from sandbox.formats.problems import WARNING, ReadItem, ReadProblem, WriteError
from sandbox.formats.safexml import XmlRecordReader, local_name, namespace_of
from sandbox.records.marc import new_record

MARC_NAMESPACE = "http://www.loc.gov/MARC21/slim"
#: Namespaces MARC records are found under: MARCXML (also as mistyped with a final slash),
#: ISO 25577 MarcXchange (which carries MARC 21 the same way), and none at all.
_MARC_NAMESPACES = (MARC_NAMESPACE, MARC_NAMESPACE + "/", "info:lc/xmlns/marcxchange-v1",
                    "info:lc/xmlns/marcxchange-v2", "")
_BLANK_LEADER = "          22        4500"
_MARC_ELEMENTS = frozenset({"leader", "controlfield", "datafield"})


class MarcXmlReader(XmlRecordReader):
    @staticmethod
    def _is_record(element: etree._Element) -> bool:
        # An OAI-PMH <record> without a namespace also ends here, after the MARC record it
        # wraps: it is told apart by its children (header, metadata).
        if local_name(element) != "record" or namespace_of(element) not in _MARC_NAMESPACES:
            return False
        children = [local_name(child) for child in element if isinstance(child.tag, str)]
        return not children or any(name in _MARC_ELEMENTS for name in children)

    def _record(self, number: int, element: etree._Element) -> ReadItem:
        item = ReadItem(number=number, record=None, line=element.sourceline)

        def warn(message: str, line: int | None, place: str | None = None) -> None:
            item.add(ReadProblem(self._path, number, message, WARNING, line=line, place=place))

        leader = None
        fields = []
        for child in element:
            if not isinstance(child.tag, str):
                if isinstance(child, etree._Entity):
                    warn(f"the entity reference {child.text} was not expanded "
                         "(entities are never expanded, for safety)", child.sourceline)
                continue
            name = local_name(child)
            line = child.sourceline
            if name == "leader":
                leader = self._leader(_text(child, warn), line, warn)
            elif name == "controlfield":
                fields.append(control_field(self._tag(child, line, warn), _text(child, warn)))
            elif name == "datafield":
                fields.append(self._datafield(child, line, warn))
            else:
                warn(f"<{name}> is not a MARCXML element; ignored", line)
        if leader is None:
            warn("the record has no <leader>; used a blank leader", element.sourceline, "LDR")
            leader = _BLANK_LEADER
        item.record = new_record(leader, fields)
        return item

    @staticmethod
    def _leader(text: str, line: int | None, warn) -> str:
        if len(text) != 24:
            warn(
                f"the leader is {len(text)} characters long, not 24; "
                + ("cut to 24" if len(text) > 24 else "padded with blanks"),
                line,
                "LDR",
            )
        return (text + " " * 24)[:24]

    @staticmethod
    def _tag(element: etree._Element, line: int | None, warn) -> str:
        tag = element.get("tag", "")
        if len(tag) != 3:
            fixed = tag.zfill(3) if tag.isdigit() and len(tag) < 3 else tag
            warn(f"tag '{tag}' is not three characters" +
                 (f"; read as '{fixed}'" if fixed != tag else ""), line, tag or None)
            return fixed or "???"
        return tag

    def _datafield(self, element: etree._Element, line: int | None, warn) -> Field:
        tag = self._tag(element, line, warn)
        indicators = []
        for name in ("ind1", "ind2"):
            value = element.get(name, " ")
            if len(value) != 1:
                warn(f"field {tag} {name}='{value}' is not one character; used a blank", line,
                     f"{tag}/{name}")
                value = " "
            indicators.append(value)
        subfields = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if local_name(child) != "subfield":
                warn(f"field {tag}: <{local_name(child)}> is not a subfield; ignored",
                     child.sourceline, tag)
                continue
            code = child.get("code", "")
            if len(code) != 1:
                warn(f"field {tag} has a subfield with code '{code}', not one character; "
                     "ignored", child.sourceline, tag)
                continue
            subfields.append(Subfield(code, _text(child, warn)))
        if tag < "010" and tag.isdigit():
            warn(f"control field {tag} is written as a datafield; kept as text", line, tag)
            return control_field(tag, "".join(value for _, value in subfields))
        return Field(tag=tag, indicators=Indicators(*indicators), subfields=subfields)


def _text(element: etree._Element, warn) -> str:
    """The element's text; an entity reference is kept as written (``&name;``), with a warning.

    ``element.text`` alone would stop at the first entity reference or child element and lose
    the rest of the value without a word.
    """
    for entity in element.iter(etree.Entity):
        warn(f"the entity reference {entity.text} was not expanded "
             "(entities are never expanded, for safety)", entity.sourceline)
    return "".join(element.itertext())


def control_field(tag: str, data: str) -> Field:
    """A control field even when a damaged tag would make pymarc treat it as a data field."""
    field = Field(tag=tag, data=data)
    if not field.is_control_field():
        field.control_field, field.data = True, data
    return field


def record_element(record: Record) -> etree._Element:
    """One record as a MARCXML ``<record>`` element (default namespace)."""
    qualified = f"{{{MARC_NAMESPACE}}}"
    root = etree.Element(qualified + "record", nsmap={None: MARC_NAMESPACE})
    place = "the leader"
    try:
        etree.SubElement(root, qualified + "leader").text = str(record.leader)
        for field in record.fields:
            place = f"field {field.tag}"
            if field.is_control_field():
                element = etree.SubElement(root, qualified + "controlfield", tag=field.tag)
                element.text = field.data or ""
                continue
            ind1, ind2 = field.indicators or (" ", " ")
            element = etree.SubElement(
                root, qualified + "datafield", tag=field.tag, ind1=ind1, ind2=ind2
            )
            for code, value in field.subfields:
                etree.SubElement(element, qualified + "subfield", code=code).text = value
    except ValueError as error:  # lxml refuses control characters XML 1.0 cannot carry
        raise WriteError(
            f"{place} holds a control character, which XML 1.0 cannot carry"
        ) from error
    return root


class MarcXmlWriter:
    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self._stream.write(
            b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<collection xmlns="http://www.loc.gov/MARC21/slim">\n'
        )

    def write(self, record: Record) -> None:
        element = record_element(record)
        text = etree.tostring(element, encoding="unicode", pretty_print=True)
        # Each record repeats the default namespace; drop it inside the collection.
        text = text.replace(f' xmlns="{MARC_NAMESPACE}"', "", 1)
        self._stream.write(text.encode("utf-8"))

    def close(self) -> None:
        self._stream.write(b"</collection>\n")
