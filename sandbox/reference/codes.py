"""MARC code lists and related vocabularies, read from the project's own data files.

Every table lives in ``sandbox/reference/data/*.tsv`` (UTF-8, ``#`` comment lines naming the
Library of Congress source and its date, then a header row). Each file is read once, on first
use, and cached.

Discontinued codes: LC prints a discontinued language, country, geographic-area or relator code
with a leading hyphen (``-esk``, ``-us``, ``-a-hk``, ``-grt``). The tables keep that hyphen in the
code, so ``languages()["-esk"].obsolete`` is true and ``"esk"`` is simply not a key; use
:func:`find_code` to look a bare code up in either form. The ``is_valid_*`` helpers accept only
current codes.

Pure Python: nothing here imports Qt.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "RDA_FIELDS",
    "SOURCE_CATEGORIES",
    "CodeEntry",
    "RdaTerm",
    "SourceCode",
    "countries",
    "find_code",
    "geographic_areas",
    "initial_articles",
    "is_valid_country",
    "is_valid_geographic_area",
    "is_valid_language",
    "is_valid_relator",
    "languages",
    "rda_terms",
    "relators",
    "source_code_categories",
    "source_codes",
]

SOURCE_CATEGORIES = ("subject", "classification", "genre", "name", "other")
RDA_FIELDS = {"336": "rdacontent", "337": "rdamedia", "338": "rdacarrier"}


@dataclass(frozen=True)
class CodeEntry:
    """One code of a MARC code list. ``code`` is as LC lists it (leading hyphen if discontinued)."""

    code: str
    name: str
    obsolete: bool
    use_instead: str = ""  # relators only: the code LC says to use for a discontinued one

    @property
    def bare_code(self) -> str:
        """The code without LC's discontinued-code hyphen (``-esk`` → ``esk``)."""
        return self.code[1:] if self.obsolete and self.code.startswith("-") else self.code


@dataclass(frozen=True)
class RdaTerm:
    """An RDA content (336), media (337) or carrier (338) type: $a term, $b code, $2 source."""

    term: str
    code: str
    source: str
    group: str = ""  # carrier types only: the group LC lists it under (audio, computer, ...)


@dataclass(frozen=True)
class SourceCode:
    """A code from LC's Source Codes for Vocabularies, Rules, and Schemes (used in $2, 040 $e)."""

    code: str
    name: str
    category: str
    deprecated: bool
    note: str = ""


def _rows(filename: str) -> Iterator[dict[str, str]]:
    table = resources.files("sandbox.reference").joinpath("data", filename)
    with table.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _code_list(filename: str, name_column: str = "name") -> dict[str, CodeEntry]:
    return {
        row["code"]: CodeEntry(
            code=row["code"],
            name=row[name_column],
            obsolete=row["obsolete"] == "yes",
            use_instead=row.get("use_instead") or "",
        )
        for row in _rows(filename)
    }


@cache
def languages() -> dict[str, CodeEntry]:
    """MARC Code List for Languages: code → entry (discontinued codes keyed with their hyphen)."""
    return _code_list("languages.tsv")


@cache
def countries() -> dict[str, CodeEntry]:
    """MARC Code List for Countries: code (2-3 letters, unpadded) → entry."""
    return _code_list("countries.tsv")


@cache
def geographic_areas() -> dict[str, CodeEntry]:
    """MARC Code List for Geographic Areas: seven-character 043 $a code (``n-us---``) → entry."""
    return _code_list("geographic_areas.tsv")


@cache
def relators() -> dict[str, CodeEntry]:
    """MARC Code List for Relators: code → entry; ``name`` is the relator term (lowercase)."""
    return _code_list("relators.tsv", name_column="term")


@cache
def _source_rows() -> tuple[SourceCode, ...]:
    return tuple(
        SourceCode(
            code=row["code"],
            name=row["name"],
            category=row["category"],
            deprecated=row["deprecated"] == "yes",
            note=row["note"],
        )
        for row in _rows("source_codes.tsv")
    )


@cache
def source_codes(category: str | None = None) -> dict[str, SourceCode]:
    """Source codes for $2, keyed by code.

    ``category`` is one of :data:`SOURCE_CATEGORIES` (``subject``, ``classification``, ``genre``,
    ``name``, ``other`` — the last holds description conventions for 040 $e). With ``None``, all
    lists together; a code that is in several lists (``gnd``, ``naf``, ``udc`` …) appears once, with
    the first list it is in (see :func:`source_code_categories` for all of them).
    """
    if category is not None and category not in SOURCE_CATEGORIES:
        raise ValueError(f"unknown source-code category {category!r}; expected one of {SOURCE_CATEGORIES}")
    found: dict[str, SourceCode] = {}
    for entry in _source_rows():
        if category is None or entry.category == category:
            found.setdefault(entry.code, entry)
    return found


def source_code_categories(code: str) -> tuple[str, ...]:
    """Every list (category) a source code belongs to, e.g. ``gnd`` → subject, genre, name."""
    return tuple(entry.category for entry in _source_rows() if entry.code == code)


@cache
def _rda_rows() -> tuple[tuple[str, RdaTerm], ...]:
    return tuple(
        (row["field"], RdaTerm(term=row["term"], code=row["code"], source=row["source"], group=row["group"]))
        for row in _rows("rda_carrier_content_media.tsv")
    )


@cache
def rda_terms(field: str) -> dict[str, RdaTerm]:
    """RDA types for field ``"336"``, ``"337"`` or ``"338"`` (or their $2 source name), keyed by code."""
    by_source = {source: tag for tag, source in RDA_FIELDS.items()}
    tag = by_source.get(field, field)
    if tag not in RDA_FIELDS:
        raise ValueError(f"unknown RDA field {field!r}; expected 336, 337 or 338")
    return {term.code: term for row_tag, term in _rda_rows() if row_tag == tag}


@cache
def _articles() -> dict[str, tuple[str, ...]]:
    by_language: dict[str, list[str]] = {}
    for row in _rows("initial_articles.tsv"):
        for language in row["languages"].split():
            by_language.setdefault(language, []).append(row["article"])
    return {
        language: tuple(sorted(words, key=lambda word: (-len(word), word)))
        for language, words in by_language.items()
    }


def initial_articles(language: str) -> list[str]:
    """Initial articles of a language (MARC code, e.g. ``fre``), longest first, lowercase.

    Forms ending in an apostrophe or hyphen (``l'``, ``al-``, ``ha-``) attach directly to the next
    word; the others are followed by a space. An unknown language gives an empty list.
    """
    return list(_articles().get(language.strip().lower(), ()))


def find_code(entries: dict[str, CodeEntry], code: str) -> CodeEntry | None:
    """The entry for ``code`` in a code list, current or discontinued (``esk`` finds ``-esk``)."""
    return entries.get(code) or entries.get("-" + code)


def is_valid_language(code: str) -> bool:
    """True for a current MARC language code (three lowercase letters, e.g. ``eng``)."""
    entry = languages().get(code)
    return entry is not None and not entry.obsolete


def is_valid_country(code: str) -> bool:
    """True for a current MARC country code.

    008/15-17 holds the code left-justified and blank-padded, so ``"fr "`` is as valid as ``"fr"``;
    leading blanks or anything longer than three characters are not.
    """
    if len(code) > 3 or code[:1] == " ":
        return False
    entry = countries().get(code.rstrip(" "))
    return entry is not None and not entry.obsolete


def is_valid_geographic_area(code: str) -> bool:
    """True for a current seven-character geographic area code as used in 043 $a (``n-us---``)."""
    if len(code) != 7:
        return False
    entry = geographic_areas().get(code)
    return entry is not None and not entry.obsolete


def is_valid_relator(code: str) -> bool:
    """True for a current MARC relator code (``aut``, ``trl``, …)."""
    entry = relators().get(code)
    return entry is not None and not entry.obsolete
