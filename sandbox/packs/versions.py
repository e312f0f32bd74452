"""Version numbers and the ``requires_app`` specifier of a pack (``>=0.1``, ``>=0.2, <2``).

A deliberately small subset of Python's version specifiers: dotted whole numbers and the
operators ``>=``, ``>``, ``<=``, ``<``, ``==``, ``!=`` and ``~=`` (compatible release), joined by
commas. Enough for a pack to say which app it needs, with nothing to install.
"""

from __future__ import annotations

import re

_VERSION = re.compile(r"\d+(?:\.\d+)*")
_CLAUSE = re.compile(r"\s*(>=|<=|==|!=|~=|>|<)\s*(\d+(?:\.\d+)*)\s*\Z")


def parse_version(text: str) -> tuple[int, ...]:
    """``"1.2.0"`` → ``(1, 2)`` (trailing zeros do not count); ValueError if not dotted numbers."""
    if not _VERSION.fullmatch(text.strip()):
        raise ValueError(f"'{text}' is not a version number such as 1.0 or 2.3.1")
    parts = [int(part) for part in text.strip().split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def check_specifier(specifier: str) -> None:
    """ValueError naming the clause that is not ``OPERATOR VERSION``."""
    for clause in specifier.split(","):
        if not _CLAUSE.match(clause):
            raise ValueError(f"'{clause.strip()}' is not a version condition such as '>=0.1' "
                             "(operators: >=, >, <=, <, ==, !=, ~=)")


def satisfies(version: str, specifier: str) -> bool:
    check_specifier(specifier)
    have = parse_version(version.split("+")[0].split("-")[0].rstrip("abcdefghijklmnopqrstuvwxyz"))
    for clause in specifier.split(","):
        match = _CLAUSE.match(clause)
        assert match is not None
        operator, wanted_text = match.groups()
        wanted = parse_version(wanted_text)
        if operator == "~=":  # ~=1.4.0 means >=1.4.0 and 1.4.*: every written part but the last
            written = tuple(int(part) for part in wanted_text.split("."))
            prefix = written[:-1] if len(written) > 1 else written
            padded = have + (0,) * max(0, len(prefix) - len(have))
            ok = have >= wanted and padded[:len(prefix)] == prefix
        else:
            ok = {">=": have >= wanted, ">": have > wanted, "<=": have <= wanted,
                  "<": have < wanted, "==": have == wanted, "!=": have != wanted}[operator]
        if not ok:
            return False
    return True
