"""The record model: pymarc's MARC classes, a small Dublin Core record, and record addresses."""

from sandbox.records.address import (
           Address,
           AddressError,
           Target,
           parse_address,
           resolve,
)
from sandbox.records.dublin_core import DCValue, DublinCoreRecord

__all__ = ["Address", "AddressError", "DCValue", "DublinCoreRecord", "Target", "parse_address",
           "resolve"]
