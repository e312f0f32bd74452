"""Records from bytes held in memory (a pack member, a submitted attempt), in any format we read."""

from __future__ import annotations

import io

from sandbox.formats.problems import ReadItem
from sandbox.formats.registry import FORMATS, format_for_extension, sniff

#: What a submitted attempt's ``format`` names, and the reader it needs.
ATTEMPT_FORMATS = {"mrk": "mrk", "dcxml": "dcterms"}


def read_records(data: bytes, label: str, format_name: str | None = None,
                 limit: int = 1000) -> list[ReadItem]:
    """Every record slot in ``data`` (at most ``limit``); the format from ``format_name``, else
    from the content, else from the name in ``label``. Problems are in the items, never raised."""
    fmt = FORMATS.get(format_name) if format_name else None
    if fmt is None:
        fmt = sniff(data[:8192]) or format_for_extension(label)
    if fmt is None or fmt.reader is None:
        return []
    if data.startswith(b"\xef\xbb\xbf") and fmt.name == "mrk":
        data = data[3:]
    items = []
    for item in fmt.reader(io.BytesIO(data), label):
        items.append(item)
        if len(items) >= limit:
            break
    return items
