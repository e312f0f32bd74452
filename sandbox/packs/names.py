"""Which paths may name a file inside a pack: relative, forward slashes, nothing that climbs out.

A zip entry's name is only text, and an unpacker that trusts it can be made to write anywhere
("zip slip": ``../../.bashrc``, ``/etc/passwd``, ``C:\\Windows\\...``). Every name a pack uses
passes through ``checked_name`` before anything is read or written under it.
"""

from __future__ import annotations

import re

from sandbox.packs.limits import DEFAULT_LIMITS, Limits

_DRIVE = re.compile(r"^[A-Za-z]:")
#: Names Windows keeps for devices: a file called ``con.md`` cannot be created there.
_DEVICE_NAMES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                 *(f"lpt{n}" for n in range(1, 10))}


class UnsafeName(ValueError):
    """A path that must not be used inside a pack; the message says why."""


def checked_name(name: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """``name`` if it is a safe relative path inside a pack (a trailing ``/`` removed), else
    ``UnsafeName`` saying what is wrong with it."""
    if not name or name in ("/", "."):
        raise UnsafeName("the name is empty")
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in name):
        raise UnsafeName("the name holds a control character")
    if name.startswith(("/", "\\")):
        raise UnsafeName("it is an absolute path (it would be written outside the pack's folder)")
    if _DRIVE.match(name):
        raise UnsafeName("it starts with a drive letter (it would be written outside the pack's "
                         "folder)")
    if "\\" in name:
        raise UnsafeName("it uses backslashes; paths inside a pack use forward slashes")
    if ":" in name:
        raise UnsafeName("it holds a colon, which names a drive or a hidden stream on Windows")
    if len(name) > limits.max_name_length:
        raise UnsafeName(f"the name is {len(name)} characters long (at most "
                         f"{limits.max_name_length})")
    trimmed = name[:-1] if name.endswith("/") else name
    parts = trimmed.split("/")
    if ".." in parts:
        raise UnsafeName("it climbs out of the pack with '..' (a 'zip slip' path)")
    if any(part in ("", ".") for part in parts):
        raise UnsafeName("it has an empty or '.' folder name")
    if len(parts) > limits.max_depth:
        raise UnsafeName(f"it is {len(parts)} folders deep (at most {limits.max_depth})")
    for part in parts:
        if part.split(".")[0].lower() in _DEVICE_NAMES:
            raise UnsafeName(f"'{part}' is a device name on Windows")
        if part.endswith((" ", ".")):
            raise UnsafeName(f"'{part}' ends in a space or a full stop, which Windows drops")
    return trimmed


def is_safe_name(name: str, limits: Limits = DEFAULT_LIMITS) -> bool:
    try:
        checked_name(name, limits)
    except UnsafeName:
        return False
    return True
