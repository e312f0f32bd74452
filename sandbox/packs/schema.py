"""Reading TOML tables with messages that name the file and the key: ``exercise.toml: check[2].weight:
must be a number (got "two")``. Used for ``pack.toml`` and every ``exercise.toml``."""

from __future__ import annotations

import difflib
import tomllib
from typing import Any

from sandbox.packs.errors import PackError

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a table"}


def parse_toml(text: str, pack: str, entry: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PackError(pack, f"is not valid TOML: {error}", entry) from None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Table:
    """One TOML table and where it sits (``pack``, ``entry`` file, ``path`` of keys)."""

    def __init__(self, data: Any, pack: str, entry: str, path: str = ""):
        self.pack, self.entry, self.path = pack, entry, path
        if not isinstance(data, dict):
            raise self.error(None, f"must be a table (got {_shown(data)})")
        self.data = data

    def key_path(self, key: str | None) -> str | None:
        if key is None:
            return self.path or None
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str | None, message: str) -> PackError:
        return PackError(self.pack, message, self.entry, self.key_path(key))

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def allow_only(self, allowed: set[str] | frozenset[str]) -> None:
        """Refuse keys nobody reads: a misspelt key would otherwise be ignored in silence."""
        for key in self.data:
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else \
                    f" (known keys: {', '.join(sorted(allowed))})"
                raise self.error(key, f"unknown key{hint}")

    def _typed(self, key: str, kinds: tuple[type, ...], required: bool, default: Any) -> Any:
        if key not in self.data:
            if required:
                raise self.error(key, "is missing (it is required)")
            return default
        value = self.data[key]
        if isinstance(value, bool) and bool not in kinds:
            ok = False
        else:
            ok = isinstance(value, kinds)
        if not ok:
            wanted = "a number" if set(kinds) == {int, float} else \
                " or ".join(_TYPE_NAMES.get(kind, kind.__name__) for kind in kinds)
            raise self.error(key, f"must be {wanted} (got {_shown(value)})")
        return value

    def text(self, key: str, *, required: bool = False, default: str | None = None,
             nonempty: bool = True) -> str | None:
        value = self._typed(key, (str,), required, default)
        if value is not None and nonempty and key in self.data and not value.strip():
            raise self.error(key, "is empty")
        return value

    def number(self, key: str, *, required: bool = False, default: float | None = None,
               minimum: float | None = None, maximum: float | None = None) -> float | None:
        value = self._typed(key, (int, float), required, default)
        if value is None:
            return None
        if minimum is not None and value < minimum or maximum is not None and value > maximum:
            bounds = (f"between {minimum:g} and {maximum:g}" if maximum is not None and
                      minimum is not None else f"at least {minimum:g}" if minimum is not None
                      else f"at most {maximum:g}")
            raise self.error(key, f"must be {bounds} (got {value:g})")
        return float(value)

    def boolean(self, key: str, default: bool = False) -> bool:
        return self._typed(key, (bool,), False, default)

    def texts(self, key: str, *, required: bool = False, single_ok: bool = False) -> list[str]:
        """A list of strings (``single_ok``: one string is taken as a list of one)."""
        kinds: tuple[type, ...] = (list, str) if single_ok else (list,)
        value = self._typed(key, kinds, required, [])
        if isinstance(value, str):
            value = [value]
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"{key}[{index + 1}]", f"must be non-empty text (got "
                                 f"{_shown(item)})")
        return list(value)

    def table(self, key: str) -> Table | None:
        if key not in self.data:
            return None
        return Table(self.data[key], self.pack, self.entry, self.key_path(key) or key)

    def tables(self, key: str) -> list[Table]:
        """An array of tables (``[[check]]``), each named ``key[n]`` in messages."""
        value = self._typed(key, (list,), False, [])
        return [Table(item, self.pack, self.entry, f"{self.key_path(key)}[{index}]")
                for index, item in enumerate(value, start=1)]
