"""XML parsing that never reaches the network, loads no DTD and expands no entity.

Every XML reader goes through here, so that a hostile file (billion laughs, external entities
pointing at local files or URLs) is read as inert text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from lxml import etree

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
            yield element, None
            element.clear(keep_tail=True)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else error.lineno
        yield None, (line, f"the XML is not well-formed: {error.msg}; the rest of the file was not read")


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def namespace_of(element: etree._Element) -> str:
    return etree.QName(element).namespace or ""
