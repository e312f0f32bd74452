"""The validator's shortcuts give what the general code they stand in for gives."""

from __future__ import annotations

import random

import pytest
from stdnum import isbn

from sandbox.rules import validate
from sandbox.rules.examples import example_record, marc_example
from sandbox.rules.model import Finding
from sandbox.rules.numbers import isbn_is_valid


def _isbn_10(body: str) -> str:
    total = sum(weight * int(digit) for weight, digit in enumerate(body, start=1)) % 11
    return body + ("X" if total == 10 else str(total))


def _isbn_13(body: str) -> str:
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(body))
    return body + str((10 - total) % 10)


@pytest.mark.parametrize("number", [
    "0262011530", "026201153X", "026201153x", "9780262033848", "9790262033848",
    "9770262033848", "978026203384X", "X262011530", "02620115X0", "026201153", "",
    "978-0262033848", "0 262011530", "abc", "0262011531", "9780262033849"])
def test_isbn_check_agrees_with_stdnum_on_chosen_numbers(number):
    assert isbn_is_valid(number) == isbn.is_valid(number)


def test_isbn_check_agrees_with_stdnum_on_many_numbers():
    chooser = random.Random(20261124)
    numbers = []
    for _ in range(3000):
        body = "".join(chooser.choice("0123456789") for _ in range(9))
        numbers += [_isbn_10(body), _isbn_10(body).lower(), body + chooser.choice("0123456789Xx")]
        body = chooser.choice(("978", "979", "977")) + body
        numbers += [_isbn_13(body), body + chooser.choice("0123456789X")]
    assert sum(map(isbn.is_valid, numbers)) > 3000  # both valid and invalid numbers are tried
    assert [isbn_is_valid(n) for n in numbers] == [isbn.is_valid(n) for n in numbers]


def test_findings_are_the_frozen_dataclass_they_always_were():
    record = example_record("marc", marc_example("=020  \\\\$a9780262033849",
                                                 "=020  \\\\$a9780262033849"))
    findings = validate(record, "full")
    made = [f for f in findings if f.rule == "NUM-001"]
    assert len(made) == 2  # one per field: the two addresses differ
    plain = Finding(**made[0].as_dict())
    assert made[0] == plain and hash(made[0]) == hash(plain) and repr(made[0]) == repr(plain)
    with pytest.raises(AttributeError):
        made[0].message = "changed"  # still frozen
