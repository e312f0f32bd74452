"""XML parsing that never reaches the network, loads no DTD and expands no entity.

Every XML reader goes through here, so that a hostile file (billion laughs, external entities
pointing at local files or URLs) is read as inert text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from lxml import etree

from sandbox.formats.problems import ERROR, ReadItem, ReadProblem

#: Marks a record element already handed out and cleared (a private attribute name).
_HANDED_OUT = "{urn:x-catalog-sandbox}handed-out"
#: (line, message) for a file that stops being well-formed XML.
SyntaxProblem = tuple[int | None, str]


def iterparse_safely(
    stream: BinaryIO, is_record: Callable[[etree._Element], bool]
) -> Iterator[tuple[etree._Element | None, SyntaxProblem | None]]:
    """Yield each element ``is_record`` accepts, as soon as it is complete, then free it.

    A syntax error ends the stream with ``(None, (line, message))``: XML cannot be read past it.
    """
    events = etree.iterparse(
        stream,
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for _, element in events:
            if not isinstance(element.tag, str) or not is_record(element):
                continue
            parent = element.getparent()
            yield element, None
            element.clear(keep_tail=True)
            element.set(_HANDED_OUT, "")
            # Drop the records handed out before this one; anything else (a statement of an
            # enclosing Dublin Core description) is still waiting for its own record.
            previous = element.getprevious()
            while previous is not None:
                earlier = previous.getprevious()
                if previous.get(_HANDED_OUT) is not None:
                    parent.remove(previous)
                previous = earlier
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else error.lineno
        first = error.error_log.filter_from_errors()[0] if error.error_log else None
        if first is not None and first.message and "no element found" in error.msg:
            line, error.msg = first.line, first.message.strip()  # the cause, not the aftermath
        if "amplification" in error.msg or "entity" in error.msg.lower() and "loop" in error.msg:
            message = ("the file declares XML entities that would expand out of all proportion "
                       "(a 'billion laughs' file); Catalog Sandbox never expands entities, so it "
                       "stopped reading here")
        else:
            message = f"the XML is not well-formed: {error.msg}; the rest of the file was not read"
        yield None, (line, message)


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def namespace_of(element: etree._Element) -> str:
    return etree.QName(element).namespace or ""


class XmlRecordReader:
    """A streaming reader of the records inside an XML file; subclasses say what a record is."""

    def __init__(self, stream: BinaryIO, path: str):
        self._stream = stream
        self._path = path

    def _is_record(self, element: etree._Element) -> bool:
        raise NotImplementedError

    def _record(self, number: int, element: etree._Element) -> ReadItem:
        raise NotImplementedError

    def __iter__(self) -> Iterator[ReadItem]:
        number = 0
        for element, problem in iterparse_safely(self._stream, self._is_record):
            number += 1
            if problem is not None:
                item = ReadItem(number=number, record=None, line=problem[0])
                item.add(ReadProblem(self._path, number, problem[1], ERROR, line=problem[0]))
                yield item
                return
            yield self._record(number, element)
