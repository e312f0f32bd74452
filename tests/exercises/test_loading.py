"""exercise.toml mistakes are refused with the pack, the file and the key named."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.packs import PackError, load_pack
from tests.packs.factory import make_pack

EXERCISE = "exercises/describe-book/exercise.toml"


@pytest.fixture
def folder(tmp_path) -> Path:
    return make_pack(tmp_path / "test-pack")


def _edit(folder: Path, old: str, new: str, name: str = EXERCISE) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(folder: Path, text: str, name: str = EXERCISE) -> None:
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def _error(folder: Path, exercise_id: str = "describe-book") -> PackError:
    with load_pack(folder) as pack, pytest.raises(PackError) as caught:
        pack.exercise(exercise_id)
    return caught.value


@pytest.mark.parametrize("edit, key, words", [
    (('kind = "describe"', 'kind = "describ"'), "kind", "is not an exercise kind"),
    (('title = "Describe a book"', 'titel = "Describe a book"'), "titel", "did you mean 'title'"),
    (('profile = "rda"', 'profile = "strict"'), "profile", "no rule profile named 'strict'"),
    (('"description",\n', '"cataloguing",\n'), "competencies[1]", "is not one of the competencies"),
    (('keys = [\n    "key.mrk",\n]', 'keys = ["nope.mrk"]'), "keys[1]", "not in the pack"),
    (('keys = [\n    "key.mrk",\n]', 'keys = ["../../pack.toml"]'), "keys[1]", "climbs out"),
])
def test_mistakes_name_the_file_and_key(folder, edit, key, words):
    _edit(folder, *edit)
    error = _error(folder)
    assert error.pack == "test-pack" and error.entry == EXERCISE and error.key == key
    assert words in str(error)
    assert str(error).startswith(f"test-pack: {EXERCISE}: {key}: ")


@pytest.mark.parametrize("check, key, words", [
    ('select = "245$a"\ncompare = "similar"', "check[1].compare", "is not a comparison"),
    ('select = "245$$a"', "check[1].select", "is not a record address"),
    ('select = "title"', "check[1].select", "Dublin Core place"),
    ('select = "245"\nweight = "two"', "check[1].weight", "must be a number"),
    ('select = "245"\ncompare = "fuzzy"\nthreshold = 2', "check[1].threshold", "between 0 and 1"),
    ('select = "050"\ncompare = "lcc"\ndepth = "shelf"', "check[1].depth", "class, number"),
    ('select = "082"\ncompare = "ddc"\ndepth = 0', "check[1].depth", "number of digits"),
    ('compare = "rule"\nrule = "XYZ-999"', "check[1].rule", "there is no rule XYZ-999"),
    ('compare = "rule"', "check[1].rule", "names the rule"),
    ('compare = "rule"\nrule = "DC-001"', "check[1].rule", "Dublin Core records"),
    ('select = "650"\ncompare = "authority"', "check[1].compare", "needs the exercise's authority"),
    ('select = "245"\ncompetency = "spelling"', "check[1].competency", "not one of the"),
])
def test_check_mistakes_name_the_check(folder, check, key, words):
    _append(folder, "[[check]]\n" + check + "\n")
    error = _error(folder)
    assert error.key == key and words in str(error), str(error)


def test_a_dc_rule_exists_for_the_rule_check_test():
    from sandbox.rules import REGISTRY, all_rules

    all_rules()
    assert REGISTRY["DC-001"].kind == "dc"


def test_hint_tiers_and_penalties_are_checked(folder):
    _append(folder, '[[hint]]\ntier = "spoiler"\ntext = "x"\n')
    assert _error(folder).key == "hint[4].tier"


def test_a_negative_penalty_is_refused(folder):
    _append(folder, "[penalties]\nerror = -1\n")
    assert _error(folder).key == "penalties.error"


def test_bad_toml_says_where(folder):
    _append(folder, "kind = \n")
    error = _error(folder)
    assert error.entry == EXERCISE and "is not valid TOML" in str(error) and "line" in str(error)


def test_a_key_that_cannot_be_read_is_refused(folder):
    (folder / "exercises/describe-book/key.mrk").write_text("not a record\n", encoding="utf-8")
    error = _error(folder)
    assert error.entry == "exercises/describe-book/key.mrk"


def test_a_crosswalk_key_must_be_dublin_core(folder):
    _edit(folder, '"key.xml"', '"start.mrk"', "exercises/crosswalk-book/exercise.toml")
    error = _error(folder, "crosswalk-book")
    assert "must be a Dublin Core record" in str(error)


def test_a_fix_needs_a_start(folder):
    _edit(folder, 'start = "start.mrk"\n', "", "exercises/fix-book/exercise.toml")
    (folder / "exercises/fix-book/start.mrk").unlink()
    assert _error(folder, "fix-book").key == "start"


def test_a_drill_needs_questions(folder):
    path = folder / "exercises/drill-tags/exercise.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("[[question]]")], encoding="utf-8")
    assert "a drill needs questions" in str(_error(folder, "drill-tags"))


def test_inline_profile_builds_a_profile_with_the_authority_file(folder):
    name = "exercises/every-compare/exercise.toml"
    _edit(folder, 'profile = "rda"\n', "", name)
    _append(folder, '[profile]\nbase = "rda"\nexclude = ["REQ-001"]\n'
            'severities = { "REQ-011" = "info" }\n', name)
    with load_pack(folder) as pack:
        profile = pack.exercise("every-compare").profile
    assert "REQ-001" in profile.exclude and profile.severities["REQ-011"] == "info"
    assert profile.severities["REQ-007"] == "error"  # from the rda base
    assert len(profile.options["authorities"]) == 3


def test_an_inline_profile_naming_an_unknown_rule_is_refused(folder):
    _edit(folder, 'profile = "rda"\n', "")
    _append(folder, '[profile]\nexclude = ["NOPE-1"]\n')
    assert _error(folder).key == "profile.exclude[1]"
