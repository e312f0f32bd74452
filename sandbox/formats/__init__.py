"""Readers and writers for every record format a cataloger meets, and the crosswalk between them."""

from sandbox.formats.problems import ERROR, WARNING, ReadItem, ReadProblem, WriteError
from sandbox.formats.registry import (
    DUBLIN_CORE,
    FORMATS,
    MARC,
    Format,
    RecordWriter,
    detect_format,
    format_for_extension,
    open_writer,
    read_file,
    sniff,
)

__all__ = [
    "DUBLIN_CORE", "ERROR", "FORMATS", "MARC", "WARNING", "Format", "ReadItem", "ReadProblem",
    "RecordWriter", "WriteError", "detect_format", "format_for_extension", "open_writer",
    "read_file", "sniff",
]
