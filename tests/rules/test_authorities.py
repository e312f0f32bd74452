"""Subject headings against a supplied authority file (SUB-010, catsandbox lint --authority)."""

from __future__ import annotations

import subprocess
import sys

from pymarc import Field, Indicators, Leader, Record, Subfield

from sandbox.formats import FORMATS, open_writer
from sandbox.rules import Profile, validate
from sandbox.rules.authorities import AuthorityFile, normalize
from sandbox.rules.examples import example_record, marc_example


def authority(tag: str, heading: list[tuple[str, str]], *variants: list[tuple[str, str]]):
    record = Record()
    record.leader = Leader("00000nz  a2200000n  4500")
    record.add_field(Field(tag=tag, indicators=Indicators(" ", " "),
                           subfields=[Subfield(c, v) for c, v in heading]))
    for variant in variants:
        record.add_field(Field(tag="4" + tag[1:], indicators=Indicators(" ", " "),
                               subfields=[Subfield(c, v) for c, v in variant]))
    return record


AUTHORITIES = [
    authority("150", [("a", "Cats")], [("a", "Felis catus")], [("a", "House cats")]),
    authority("151", [("a", "Paris (France)")]),
    authority("100", [("a", "Camus, Albert,"), ("d", "1913-1960")]),
]
PROFILE = Profile("pack", "with authorities", rules=frozenset({"SUB-010"}),
                  families=frozenset({"-"}),
                  options={"authorities": AuthorityFile.from_records(AUTHORITIES)})


def findings(*lines):
    return validate(example_record("marc", marc_example(*lines)), PROFILE)


def test_authorized_headings_pass_with_and_without_free_floating_subdivisions():
    assert findings("=650  \\0$aCats.", "=651  \\0$aParis (France)$xHistory.",
                    "=600  10$aCamus, Albert,$d1913-1960.") == []
    assert findings("=650  \\0$acats$xBehavior.") == []  # case and subdivisions do not count


def test_variants_name_the_authorized_heading():
    (finding,) = findings("=650  \\0$aHouse cats$vJuvenile literature.")
    assert finding.location == "650"
    assert "variant" in finding.message and "'Cats'" in finding.message


def test_unknown_headings_are_reported():
    (finding,) = findings("=650  \\0$aDogs.")
    assert "'Dogs.' is not in the authority file" in finding.message


def test_without_an_authority_file_the_rule_is_silent():
    only = Profile("none", "no file", rules=frozenset({"SUB-010"}), families=frozenset({"-"}))
    assert validate(example_record("marc", marc_example("=650  \\0$aDogs.")), only) == []


def test_normalization_ignores_case_diacritics_and_punctuation():
    assert normalize("Égypte -- Histoire.") == normalize("egypte--histoire")


def test_lint_authority_option(tmp_path):
    authorities = tmp_path / "authorities.mrc"
    with open_writer(authorities, FORMATS["marc"]) as writer:
        for record in AUTHORITIES:
            writer.write(record)
    text = marc_example("=650  \\0$aDogs.")
    bibliographic = tmp_path / "record.mrk"
    bibliographic.write_text(text + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sandbox", "lint", str(bibliographic),
                             "--authority", str(authorities), "--min-severity", "error"],
                            capture_output=True, text=True)
    assert "SUB-010" in result.stdout and result.returncode == 1


def test_lint_authority_option_reaches_every_worker(tmp_path):
    authorities = tmp_path / "authorities.mrc"
    with open_writer(authorities, FORMATS["marc"]) as writer:
        for record in AUTHORITIES:
            writer.write(record)
    bibliographic = tmp_path / "records.mrc"  # plain ISO 2709: split by byte ranges
    with open_writer(bibliographic, FORMATS["marc"]) as writer:
        for _ in range(3):
            writer.write(example_record("marc", marc_example("=650  \\0$aDogs.")))
    result = subprocess.run([sys.executable, "-m", "sandbox", "lint", str(bibliographic),
                             "--authority", str(authorities), "--min-severity", "error",
                             "--format", "tsv", "--jobs", "2"],
                            capture_output=True, text=True)
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    assert [(row[1], row[4]) for row in rows if row[4] == "SUB-010"] == [
        ("1", "SUB-010"), ("2", "SUB-010"), ("3", "SUB-010")]
