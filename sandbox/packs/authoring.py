"""Writing a pack folder: ``pack new``'s scaffold, and adding an exercise (the instructor mode
of the app uses the same calls to turn the record on screen into an exercise)."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from sandbox.exercises.model import (
    COMPETENCIES,
    DEFAULT_COMPETENCIES,
    HINT_TIERS,
    KINDS,
    Check,
    Hint,
)
from sandbox.fileio import atomic_write
from sandbox.packs.errors import PackError
from sandbox.packs.manifest import (
    ID_PATTERN,
    ID_RULE,
    MANIFEST,
    ExerciseEntry,
    Manifest,
    exercise_table,
)
from sandbox.packs.names import UnsafeName, checked_name


def slug(text: str) -> str:
    """'My Spring Class' → 'my-spring-class' (a valid pack or exercise id)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "pack"


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as stream:
        stream.write(content.encode("utf-8") if isinstance(content, str) else content)


def new_pack(folder: str | os.PathLike[str], pack_id: str | None = None,
             title: str | None = None, authors: Iterable[str] = ("",),
             licence: str = "CC-BY-4.0") -> Path:
    """Start an empty pack in ``folder`` (which must not exist, or be empty)."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise PackError(folder.name, "already exists and is not an empty folder; choose a new "
                        "folder for the pack")
    pack_id = pack_id or slug(folder.resolve().name)
    if not ID_PATTERN.match(pack_id):
        raise PackError(folder.name, f"'{pack_id}' is not a valid pack id: use {ID_RULE}")
    manifest = Manifest(id=pack_id, title=title or folder.resolve().name, version="1.0.0",
                        authors=tuple(a for a in authors if a) or ("Your name",),
                        licence=licence, description="What this pack teaches, and to whom.",
                        requires_app=">=0.1")
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / MANIFEST, manifest.as_toml())
    return folder


@dataclass
class ExerciseDraft:
    """Everything an exercise folder holds, before it is written."""

    id: str
    kind: str
    title: str
    brief: str
    keys: Mapping[str, str] = field(default_factory=dict)  # file name → .mrk (or DC XML) text
    competencies: tuple[str, ...] = ()
    start: str | None = None  # .mrk text
    surrogates: Mapping[str, str | bytes] = field(default_factory=dict)  # name → content
    authorities: str | None = None  # .mrk text of MARC authority records
    profile: str | Mapping | None = None
    hints: tuple[Hint, ...] = ()
    checks: tuple[Check, ...] = ()
    penalties: Mapping[str, float] | None = None
    questions: tuple[Mapping, ...] = ()  # drills: prompt, answer, accept, explanation, citation
    generate: Mapping | None = None  # drills: topics, count, seed


def _check_table(check: Check) -> dict:
    table: dict = {"select": check.select, "compare": check.compare, "weight": check.weight,
                   "competency": check.competency}
    for name, default in (("why", ""), ("citation", ""), ("label", ""), ("match", "normalized"),
                          ("ignore_diacritics", False), ("partial", True)):
        value = getattr(check, name)
        if value != default:
            table[name] = value
    if check.compare == "fuzzy":
        table["threshold"] = check.threshold
    if check.depth is not None:
        table["depth"] = check.depth
    if check.rule:
        table["rule"] = check.rule
    if check.expected is not None:
        table["expected"] = list(check.expected)
    return {k: v for k, v in table.items() if v is not None}


def exercise_toml(draft: ExerciseDraft) -> str:
    """exercise.toml for ``draft``, laid out as people write it: keys, then tables, then the
    [[hint]], [[check]] and [[question]] tables one by one."""
    data: dict = {"kind": draft.kind, "title": draft.title,
                  "competencies": list(draft.competencies or DEFAULT_COMPETENCIES[draft.kind]),
                  "brief": "brief.md"}
    if draft.surrogates:
        data["surrogates"] = [f"surrogate/{name}" for name in draft.surrogates]
    if draft.start is not None:
        data["start"] = "start.mrk"
    if draft.kind != "drill":
        data["keys"] = list(draft.keys)
    if draft.authorities is not None:
        data["authorities"] = "authorities.mrk"
    if draft.profile is not None:
        data["profile"] = draft.profile if isinstance(draft.profile, str) else dict(draft.profile)
    if draft.penalties is not None:
        data["penalties"] = dict(draft.penalties)
    if draft.generate is not None:
        data["drill"] = {"generate": dict(draft.generate)}
    arrays = {"hint": [{"tier": h.tier, "text": h.text} for h in draft.hints],
              "check": [_check_table(c) for c in draft.checks],
              "question": [dict(q) for q in draft.questions]}
    # tomli_w writes short arrays of tables inline; one [[name]] per entry reads better.
    parts = [tomli_w.dumps(data)]
    for name, tables in arrays.items():
        parts += [f"[[{name}]]\n" + tomli_w.dumps(table) for table in tables]
    return "\n".join(parts)


def add_exercise(folder: str | os.PathLike[str], draft: ExerciseDraft) -> Path:
    """Write ``draft`` into ``exercises/<id>/`` of the pack in ``folder`` and list it last in
    pack.toml. Returns the exercise folder."""
    folder = Path(folder)
    label = folder.resolve().name
    if not ID_PATTERN.match(draft.id):
        raise PackError(label, f"'{draft.id}' is not a valid exercise id: use {ID_RULE}")
    if draft.kind not in KINDS:
        raise PackError(label, f"'{draft.kind}' is not an exercise kind ({', '.join(KINDS)})")
    for name in draft.competencies:
        if name not in COMPETENCIES:
            raise PackError(label, f"'{name}' is not a competency ({', '.join(COMPETENCIES)})")
    for hint in draft.hints:
        if hint.tier not in HINT_TIERS:
            raise PackError(label, f"'{hint.tier}' is not a hint tier")
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise PackError(label, "has no pack.toml; start the pack with 'catsandbox pack new'")
    relative = f"exercises/{draft.id}"
    exercise_folder = folder / "exercises" / draft.id
    if exercise_folder.exists():
        raise PackError(label, f"already has an exercise folder {relative}")
    files: dict[str, str | bytes] = {"exercise.toml": exercise_toml(draft),
                                     "brief.md": draft.brief}
    files.update(draft.keys)
    if draft.start is not None:
        files["start.mrk"] = draft.start
    if draft.authorities is not None:
        files["authorities.mrk"] = draft.authorities
    for name, content in draft.surrogates.items():
        files[f"surrogate/{name}"] = content
    for name in files:
        try:
            checked_name(f"{relative}/{name}")
        except UnsafeName as why:
            raise PackError(label, f"'{name}' cannot be used: {why}") from None
    for name, content in files.items():
        _write(exercise_folder.joinpath(*name.split("/")), content)
    entry = exercise_table(ExerciseEntry(draft.id, relative))
    text = manifest_path.read_text(encoding="utf-8")
    _write(manifest_path, text.rstrip("\n") + "\n\n" + entry)
    return exercise_folder


_EXAMPLE_KEY = """\
=LDR  00000nam\\a2200000\\i\\4500
=001  example0001
=008  260101s2011\\\\\\\\nyua\\\\\\\\\\b\\\\\\\\001\\0\\eng\\d
=020  \\\\$a9780374275631$qhardcover
=040  \\\\$aXxXxX$beng$erda$cXxXxX
=050  00$aBF441$b.K238 2011
=082  04$a153.4/2$223
=100  1\\$aKahneman, Daniel,$d1934-2024,$eauthor.
=245  10$aThinking, fast and slow /$cDaniel Kahneman.
=250  \\\\$aFirst edition.
=264  \\1$aNew York :$bFarrar, Straus and Giroux,$c2011.
=300  \\\\$a499 pages :$billustrations ;$c24 cm
=336  \\\\$atext$btxt$2rdacontent
=337  \\\\$aunmediated$bn$2rdamedia
=338  \\\\$avolume$bnc$2rdacarrier
=504  \\\\$aIncludes bibliographical references and index.
=650  \\0$aThought and thinking.
=650  \\0$aDecision making.
"""

_EXAMPLE_START = """\
=LDR  00000nam\\a2200000\\i\\4500
=008  260101s2011\\\\\\\\nyua\\\\\\\\\\b\\\\\\\\001\\0\\eng\\d
=245  10$a
"""

_TITLE_PAGE = """\
# Title page

THINKING,
FAST AND SLOW

DANIEL KAHNEMAN

FARRAR, STRAUS AND GIROUX
NEW YORK
"""

_VERSO = """\
# Verso of the title page

Farrar, Straus and Giroux
18 West 18th Street, New York 10011

Copyright © 2011 by Daniel Kahneman
All rights reserved
First edition, 2011

ISBN: 978-0-374-27563-1

(An example surrogate: replace it with a transcription of your own item. The book has
499 pages, illustrations, bibliographical references and an index, and is 24 cm tall.)
"""

_BRIEF = """\
# Describe a printed book

Catalogue the book whose title page and verso are transcribed beside the editor, following RDA
with ISBD punctuation. Start from the stub record: add the fields a full-level record needs
(ISBN, main entry, title and statement of responsibility, edition, publication, extent, the
336-338 content/media/carrier triple, notes and two LCSH subject headings).
"""


def example_draft() -> ExerciseDraft:
    """The exercise ``pack new`` puts in a new pack, to copy from."""
    return ExerciseDraft(
        id="describe-example", kind="describe",
        title="Describe a printed book: Thinking, fast and slow",
        brief=_BRIEF, keys={"key.mrk": _EXAMPLE_KEY},
        competencies=("description", "access points", "encoding"),
        start=_EXAMPLE_START,
        surrogates={"title-page.md": _TITLE_PAGE, "verso.md": _VERSO},
        profile="rda",
        penalties={"error": 2.0, "warning": 0.5, "info": 0.0, "max": 10.0},
        hints=(Hint("nudge", "Read the verso as well as the title page: the edition and the "
                              "copyright date are there."),
               Hint("rule", "RDA 2.3.2 and MARC 245: the title proper goes in $a, the statement "
                             "of responsibility in $c after space-slash-space."),
               Hint("answer", "=245  10$aThinking, fast and slow /$cDaniel Kahneman.")),
        checks=(
            Check("245$a", "normalized", 2, "description", "The title proper is how users find "
                  "and identify the item.", "RDA 2.3.2; MARC 21 Bibliographic 245"),
            Check("245$c", "fuzzy", 1, "description", "The statement of responsibility names "
                  "those responsible as the item names them.", "RDA 2.4.2", threshold=0.85),
            Check("100", "set", 2, "access points", "The creator's authorized access point "
                  "gathers the works of one person.", "RDA 19.2; MARC 21 Bibliographic 100"),
            Check("264", "set", 2, "description", "Place, publisher and date identify the "
                  "manifestation.", "RDA 2.8; MARC 21 Bibliographic 264"),
            Check("300", "normalized", 1, "description", "The extent tells the user what they "
                  "will get.", "RDA 3.4; MARC 21 Bibliographic 300"),
            Check("33X", "set", 1, "encoding", "Content, media and carrier types let a catalog "
                  "filter by what the resource is.", "RDA 6.9, 3.2, 3.3"),
            Check("6XX", "set", 2, "subject analysis", "Subject headings say what the book is "
                  "about.", "LC Subject Headings Manual H 180"),
            Check("260", "absent", 1, "encoding", "An RDA record records publication in 264, "
                  "not 260.", "MARC 21 Bibliographic 264; LC-PCC PS 2.8"),
            Check(None, "rule", 1, "encoding", "Every record needs a control number, fixed "
                  "fields, a cataloging source and a title.", "MARC 21 Bibliographic",
                  rule="REQ-001"),
        ),
    )


def new(folder: str | os.PathLike[str]) -> Path:
    """``pack new``: a pack folder with one example exercise, ready to build."""
    new_pack(folder)
    add_exercise(folder, example_draft())
    return Path(folder)


__all__ = ["ExerciseDraft", "ExerciseEntry", "add_exercise", "example_draft", "exercise_toml",
           "new", "new_pack", "slug"]
