"""Reading ``exercise.toml`` and the files it names into an ``Exercise``, or a ``PackError``
naming the pack, the file and the key that is wrong."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from pymarc import Record

from sandbox.exercises.model import (
    COMPARISONS,
    COMPETENCIES,
    DEFAULT_COMPETENCIES,
    HINT_TIERS,
    KINDS,
    LCC_DEPTHS,
    Check,
    Exercise,
    Hint,
    Penalties,
    Question,
    Surrogate,
)
from sandbox.exercises.records import read_records
from sandbox.exercises.rubric import competency_for
from sandbox.exercises.select import AddressError, parse_selector
from sandbox.packs.errors import PackError
from sandbox.packs.names import UnsafeName, checked_name
from sandbox.packs.schema import Table, parse_toml
from sandbox.records.dublin_core import ELEMENTS, DublinCoreRecord
from sandbox.rules.engine import PROFILES, Profile

EXERCISE_FILE = "exercise.toml"
_KEYS = frozenset({"kind", "title", "competencies", "brief", "surrogates", "start", "keys",
                   "authorities", "profile", "penalties", "hint", "check", "drill", "question"})
_CHECK_KEYS = frozenset({"select", "compare", "weight", "competency", "why", "citation",
                         "threshold", "depth", "rule", "expected", "ignore_diacritics", "match",
                         "partial", "label"})
_QUESTION_KEYS = frozenset({"key", "prompt", "answer", "accept", "choices", "explanation",
                            "citation", "topic"})
_PROFILE_KEYS = frozenset({"base", "rules", "exclude", "severities", "options", "description"})
MAX_QUESTIONS = 200


class PackFiles(Protocol):
    """What loading needs from a pack: its label, id and files."""

    label: str

    @property
    def id(self) -> str: ...
    def __contains__(self, name: str) -> bool: ...
    def read(self, name: str) -> bytes: ...
    def read_text(self, name: str) -> str: ...
    def names_under(self, folder: str) -> list[str]: ...


class _Loader:
    def __init__(self, pack: PackFiles, exercise_id: str, folder: str):
        self.pack, self.id, self.folder = pack, exercise_id, folder
        self.entry = f"{folder}/{EXERCISE_FILE}"
        self.warnings: list[str] = []

    def error(self, message: str, entry: str | None = None, key: str | None = None) -> PackError:
        return PackError(self.pack.label, message, entry or self.entry, key)

    def member(self, table: Table, key: str, relative: str) -> str:
        """The pack path of a file the exercise names, which must be in the pack."""
        try:
            name = checked_name(f"{self.folder}/{relative}")
        except UnsafeName as why:
            raise table.error(key, f"'{relative}' cannot be used: {why}") from None
        if name not in self.pack:
            raise table.error(key, f"names '{relative}', which is not in the pack (looked for "
                              f"{name})")
        return name

    # -----------------------------------------------------------------------------------------

    def load(self) -> Exercise:
        root = Table(parse_toml(self.pack.read_text(self.entry), self.pack.label, self.entry),
                     self.pack.label, self.entry)
        root.allow_only(_KEYS)
        kind = root.text("kind", required=True)
        if kind not in KINDS:
            raise root.error("kind", f"'{kind}' is not an exercise kind ({', '.join(KINDS)})")
        competencies = tuple(root.texts("competencies", single_ok=True)) or \
            DEFAULT_COMPETENCIES[kind]
        for index, name in enumerate(competencies, start=1):
            if name not in COMPETENCIES:
                raise root.error(f"competencies[{index}]", f"'{name}' is not one of the "
                                 f"competencies ({', '.join(COMPETENCIES)})")
        exercise = Exercise(id=self.id, kind=kind, title=root.text("title", required=True),
                            pack_id=self.pack.id, folder=self.folder, competencies=competencies)
        exercise.brief = self.pack.read_text(self.member(root, "brief",
                                                         root.text("brief", default="brief.md")))
        exercise.surrogates = self.surrogates(root)
        exercise.hints = self.hints(root)
        exercise.penalties = self.penalties(root)
        if kind == "drill":
            for key in ("start", "keys", "check", "authorities"):
                if key in root:
                    raise root.error(key, "a drill has questions, not records: remove this key")
            exercise.questions = self.questions(root)
            exercise.profile = PROFILES["full"]
            exercise.warnings = self.warnings
            return exercise
        for key in ("drill", "question"):
            if key in root:
                raise root.error(key, f"only drill exercises have questions (this one is a "
                                 f"{kind} exercise)")
        exercise.start_text, exercise.start_record = self.start(root, kind)
        exercise.key_files, exercise.keys = self.keys(root, kind)
        exercise.authorities = self.authorities(root)
        exercise.profile = self.profile(root, exercise.authorities)
        exercise.checks = self.checks(root, exercise)
        exercise.warnings = self.warnings
        return exercise

    def surrogates(self, root: Table) -> list[Surrogate]:
        if "surrogates" in root:
            names = [self.member(root, f"surrogates[{n}]", relative)
                     for n, relative in enumerate(root.texts("surrogates", single_ok=True), 1)]
        else:
            names = self.pack.names_under(f"{self.folder}/surrogate")
        surrogates = []
        for name in names:
            surrogate = Surrogate(name, self.pack.read(name))
            if surrogate.is_text:
                try:
                    surrogate.data.decode("utf-8")
                except UnicodeDecodeError:
                    raise self.error("is not UTF-8 text", name) from None
            surrogates.append(surrogate)
        return surrogates

    def hints(self, root: Table) -> list[Hint]:
        hints = []
        for table in root.tables("hint"):
            table.allow_only({"tier", "text"})
            tier = table.text("tier", default="nudge")
            if tier not in HINT_TIERS:
                raise table.error("tier", f"'{tier}' is not a hint tier ({', '.join(HINT_TIERS)})")
            hints.append(Hint(tier, table.text("text", required=True)))
        return sorted(hints, key=lambda hint: HINT_TIERS.index(hint.tier))

    def penalties(self, root: Table) -> Penalties:
        table = root.table("penalties")
        if table is None:
            return Penalties()
        table.allow_only({"error", "warning", "info", "max"})
        default = Penalties()
        return Penalties(*(table.number(name, default=getattr(default, name), minimum=0)
                           for name in ("error", "warning", "info", "max")))

    def _records(self, name: str) -> list:
        data = self.pack.read(name)
        if data.lstrip()[:1] == b"<" and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
            raise self.error("declares a DTD or XML entities; pack files never need them, and "
                             "they are how 'billion laughs' and external-entity attacks work; "
                             "refused", name)
        items = read_records(data, name)
        if not items:
            raise self.error("holds no record Catalog Sandbox can read (MARC .mrk, MARCXML, "
                             "ISO 2709, MARC-in-JSON or Dublin Core XML)", name)
        records = []
        for item in items:
            if not item.ok:
                raise self.error(f"record {item.number} cannot be read: {item.summary()}", name)
            for problem in item.warnings:
                self.warnings.append(f"{name}: record {item.number}: {problem.message}")
            records.append(item.record)
        return records

    def start(self, root: Table, kind: str) -> tuple[str | None, Record | None]:
        relative = root.text("start")
        if relative is None and f"{self.folder}/start.mrk" in self.pack:
            relative = "start.mrk"
        if relative is None:
            if kind in ("fix", "crosswalk"):
                raise root.error("start", f"a {kind} exercise needs a starting record "
                                 "(start = \"start.mrk\")")
            return None, None
        name = self.member(root, "start", relative)
        records = self._records(name)
        if len(records) != 1 or not isinstance(records[0], Record):
            raise self.error("must hold exactly one MARC record (the learner's starting record)",
                             name)
        from sandbox.formats.mrk import format_record

        return format_record(records[0], strict=False) + "\n", records[0]

    def keys(self, root: Table, kind: str) -> tuple[tuple[str, ...], list]:
        default = "key.xml" if kind == "crosswalk" else "key.mrk"
        relatives = root.texts("keys", single_ok=True) or [default]
        names, keys = [], []
        for index, relative in enumerate(relatives, start=1):
            name = self.member(root, f"keys[{index}]" if "keys" in root else "keys", relative)
            records = self._records(name)
            for record in records:
                is_dc = isinstance(record, DublinCoreRecord)
                if is_dc != (kind == "crosswalk"):
                    wanted = "Dublin Core" if kind == "crosswalk" else "MARC"
                    raise self.error(f"a {kind} exercise's key must be a {wanted} record", name)
            names.append(name)
            keys.extend(records)
        return tuple(names), keys

    def authorities(self, root: Table):
        relative = root.text("authorities")
        if relative is None and f"{self.folder}/authorities.mrk" in self.pack:
            relative = "authorities.mrk"
        if relative is None:
            return None
        name = self.member(root, "authorities", relative)
        records = self._records(name)
        if any(not isinstance(r, Record) for r in records):
            raise self.error("must hold MARC authority records", name)
        from sandbox.rules.authorities import AuthorityFile

        authority = AuthorityFile.from_records(records)
        if not len(authority):
            raise self.error("holds no authority record with a 1XX heading", name)
        return authority

    def profile(self, root: Table, authorities) -> Profile:
        spec = root.data.get("profile", "full")
        if isinstance(spec, str):
            base, table = spec, None
        else:
            table = root.table("profile")
            table.allow_only(_PROFILE_KEYS)
            base = table.text("base", default="full")
        if base not in PROFILES:
            raise root.error("profile" if table is None else "profile.base",
                             f"no rule profile named '{base}' ({', '.join(sorted(PROFILES))})")
        selected = PROFILES[base]
        if table is not None:
            selected = self._custom_profile(table, selected)
        if authorities is not None:
            selected = replace(selected, options={**selected.options, "authorities": authorities})
        if selected is not PROFILES[base]:
            selected = replace(selected, name=f"{self.pack.id}/{self.id}")
        return selected

    def _custom_profile(self, table: Table, base: Profile) -> Profile:
        from sandbox.rules import REGISTRY, SEVERITIES, all_rules

        all_rules()

        def rule_ids(key: str) -> frozenset[str]:
            ids = table.texts(key, single_ok=True)
            for index, rule_id in enumerate(ids, start=1):
                if rule_id not in REGISTRY:
                    raise table.error(f"{key}[{index}]", f"there is no rule {rule_id} "
                                      "('catsandbox rules' lists them)")
            return frozenset(ids)

        severities = dict(base.severities)
        levels = table.table("severities")
        if levels is not None:
            for rule_id, severity in levels.data.items():
                if rule_id not in REGISTRY:
                    raise levels.error(rule_id, f"there is no rule {rule_id}")
                if severity not in SEVERITIES:
                    raise levels.error(rule_id, f"'{severity}' is not a severity "
                                       f"({', '.join(SEVERITIES)})")
                severities[rule_id] = severity
        options = dict(base.options)
        extra = table.table("options")
        if extra is not None:
            if "authorities" in extra:
                raise extra.error("authorities", "name the authority file with the exercise's "
                                  "'authorities' key instead")
            if "dc_required" in extra:
                for index, element in enumerate(extra.texts("dc_required"), start=1):
                    if element not in ELEMENTS:
                        raise extra.error(f"dc_required[{index}]", f"'{element}' is not a Dublin "
                                          "Core element")
            options.update(extra.data)
        return replace(base, description=table.text("description", default=base.description),
                       rules=base.rules | rule_ids("rules"),
                       exclude=base.exclude | rule_ids("exclude"),
                       severities=severities, options=options)

    def checks(self, root: Table, exercise: Exercise) -> list[Check]:
        checks = []
        for table in root.tables("check"):
            checks.append(self.check(table, exercise))
        return checks

    def check(self, table: Table, exercise: Exercise) -> Check:
        table.allow_only(_CHECK_KEYS)
        compare = table.text("compare", default="normalized")
        if compare not in COMPARISONS:
            raise table.error("compare", f"'{compare}' is not a comparison "
                              f"({', '.join(COMPARISONS)})")
        select = table.text("select", required=compare != "rule")
        selector = None
        if select is not None:
            try:
                selector = parse_selector(select)
            except AddressError as error:
                raise table.error("select", str(error)) from None
            dublin_core = exercise.kind == "crosswalk"
            if selector.is_dublin_core != dublin_core:
                raise table.error("select", f"'{select}' is a "
                                  f"{'Dublin Core' if selector.is_dublin_core else 'MARC'} "
                                  f"place, but this exercise's answer is a "
                                  f"{'Dublin Core' if dublin_core else 'MARC'} record")
        tag = selector.address.tag if selector and not selector.is_dublin_core else None
        default_competency = ("metadata schemas" if exercise.kind == "crosswalk" else
                              competency_for(tag) if tag else exercise.competencies[0])
        competency = table.text("competency", default=default_competency)
        if competency not in COMPETENCIES:
            raise table.error("competency", f"'{competency}' is not one of the competencies "
                              f"({', '.join(COMPETENCIES)})")
        expected = None
        if "expected" in table:
            expected = tuple(table.texts("expected", single_ok=True))
        depth = table.data.get("depth")
        if compare == "lcc":
            depth = depth if depth is not None else "full"
            if depth not in LCC_DEPTHS:
                raise table.error("depth", f"an LC call number is compared to one of "
                                  f"{', '.join(LCC_DEPTHS)} (got {depth!r})")
        elif compare == "ddc":
            depth = depth if depth is not None else "full"
            if depth != "full" and (not isinstance(depth, int) or isinstance(depth, bool)
                                    or not 1 <= depth <= 30):
                raise table.error("depth", f"a Dewey number is compared to a number of digits "
                                  f"(1 or more) or \"full\" (got {depth!r})")
        elif depth is not None:
            raise table.error("depth", "only lcc and ddc comparisons take a depth")
        rule_id = table.text("rule")
        if compare == "rule":
            self._check_rule(table, rule_id, exercise)
        elif rule_id is not None:
            raise table.error("rule", "only 'rule' comparisons name a rule")
        if compare == "authority":
            if exercise.authorities is None:
                raise table.error("compare", "an authority comparison needs the exercise's "
                                  "authority file (authorities = \"authorities.mrk\")")
            if not selector.whole_field:
                raise table.error("select", "an authority comparison looks at whole heading "
                                  "fields: select '650', '6XX' and the like")
        match = table.text("match", default="normalized")
        if match not in ("normalized", "exact"):
            raise table.error("match", "is 'normalized' or 'exact'")
        return Check(
            select=select, compare=compare,
            weight=table.number("weight", default=1.0, minimum=0),
            competency=competency,
            why=table.text("why", default="") or "",
            citation=table.text("citation", default="") or "",
            threshold=table.number("threshold", default=0.85, minimum=0, maximum=1),
            depth=depth, rule=rule_id, expected=expected,
            ignore_diacritics=table.boolean("ignore_diacritics"),
            match=match, partial=table.boolean("partial", default=True),
            label=table.text("label", default="") or "",
        )

    def _check_rule(self, table: Table, rule_id: str | None, exercise: Exercise) -> None:
        from sandbox.rules import REGISTRY, all_rules

        all_rules()
        if rule_id is None:
            raise table.error("rule", "a 'rule' comparison names the rule the answer must pass "
                              "(rule = \"REQ-001\")")
        found = REGISTRY.get(rule_id)
        if found is None:
            raise table.error("rule", f"there is no rule {rule_id} ('catsandbox rules' lists "
                              "them)")
        wanted = "dc" if exercise.kind == "crosswalk" else "marc"
        if found.kind != wanted:
            raise table.error("rule", f"{rule_id} checks "
                              f"{'Dublin Core' if found.kind == 'dc' else 'MARC'} records, "
                              "not the kind of record this exercise asks for")

    def questions(self, root: Table) -> list[Question]:
        questions: list[Question] = []
        for index, table in enumerate(root.tables("question"), start=1):
            table.allow_only(_QUESTION_KEYS)
            answer = table.text("answer", required=True)
            choices = table.texts("choices") or None
            questions.append(Question(
                key=table.text("key", default=f"q{index}"),
                prompt=table.text("prompt", required=True), answer=answer,
                accept=tuple(table.texts("accept", single_ok=True)),
                choices=tuple(choices) if choices else None,
                explanation=table.text("explanation", default="") or "",
                citation=table.text("citation", default="") or "",
                topic=table.text("topic", default="") or ""))
        drill = root.table("drill")
        if drill is not None:
            drill.allow_only({"generate"})
            generate = drill.table("generate")
            if generate is not None:
                questions += self.generated(generate)
        if not questions:
            raise root.error("question", "a drill needs questions: [[question]] tables, or "
                             "[drill] generate = { topics = [...], count = 10, seed = 1 }")
        keys = [q.key for q in questions]
        duplicate = next((k for k in keys if keys.count(k) > 1), None)
        if duplicate is not None:
            raise root.error("question", f"two questions have the key '{duplicate}'")
        return questions

    def generated(self, table: Table) -> list[Question]:
        table.allow_only({"topics", "count", "seed"})
        topics = table.texts("topics", single_ok=True) or None
        count = int(table.number("count", default=10, minimum=1, maximum=MAX_QUESTIONS))
        seed = int(table.number("seed", default=1))
        try:
            from sandbox import drills
        except ImportError:
            raise table.error(None, "needs the drill generator (sandbox.drills), which this "
                              "copy of Catalog Sandbox does not have") from None
        try:
            made = drills.questions(topics, count, seed)
        except (ValueError, KeyError) as error:
            raise table.error("topics", f"the drill generator refused: {error}") from None
        return [Question(key=str(q.key), prompt=q.prompt, answer=q.answer,
                         accept=tuple(q.accept or ()),
                         choices=tuple(q.choices) if q.choices else None,
                         explanation=q.explanation or "", citation=q.citation or "",
                         topic=q.topic or "", generated=q) for q in made]


def load_exercise(pack: PackFiles, exercise_id: str, folder: str) -> Exercise:
    """The exercise in ``folder`` of ``pack``, checked; PackError if anything is wrong."""
    name = f"{folder}/{EXERCISE_FILE}"
    if name not in pack:
        raise PackError(pack.label, f"exercise '{exercise_id}' has no {EXERCISE_FILE}", name)
    return _Loader(pack, exercise_id, folder).load()
