"""One record as text and back: how drafts, attempts and submissions keep a record.

MARC records are kept as mnemonic text (readable, diff-able, and exactly what a learner typed);
Dublin Core records as dcterms XML (it keeps refinements, language tags and schemes).
"""

from __future__ import annotations

import io

from pymarc import Record

from sandbox.formats.dcxml import DctermsWriter, DublinCoreReader
from sandbox.formats.mrk import format_record, read_text
from sandbox.records.dublin_core import DublinCoreRecord

MRK, DCXML = "mrk", "dcxml"


def record_to_text(record: Record | DublinCoreRecord) -> tuple[str, str]:
    """``(text, fmt)`` for one record; ``fmt`` is ``mrk`` or ``dcxml``."""
    if isinstance(record, DublinCoreRecord):
        stream = io.BytesIO()
        writer = DctermsWriter(stream)
        writer.write(record)
        writer.close()
        return stream.getvalue().decode("utf-8"), DCXML
    return format_record(record, strict=False), MRK


def record_from_text(text: str, fmt: str, name: str = "(saved text)") -> Record | DublinCoreRecord | None:
    """The first record ``text`` holds (None when it holds none)."""
    if fmt == DCXML:
        items = DublinCoreReader(io.BytesIO(text.encode("utf-8")), name)
    elif fmt == MRK:
        items = read_text(text, name)
    else:
        raise ValueError(f"'{fmt}' is not a record text format (mrk or dcxml)")
    return next((item.record for item in items if item.record is not None), None)
