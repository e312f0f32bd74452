"""The crosswalk trace gives exactly marc_to_dc's statements, each with its MARC source and LC line,
and lists what the crosswalk leaves out."""

from __future__ import annotations

from collections import Counter

import pytest
from pymarc import Field, Record, Subfield

from sandbox.formats import read_file
from sandbox.formats.crosswalk import marc_to_dc
from sandbox.formats.crosswalk_trace import trace
from sandbox.records.address import resolve
from tests.conftest import SAMPLES


def sample_records():
    paths = [SAMPLES / "starter-records.mrk", *sorted((SAMPLES / "templates").glob("*.mrk"))]
    return [(path.name, item.number, item.record) for path in paths
            for item in read_file(path) if item.record is not None]


@pytest.mark.parametrize("qualified", [False, True])
def test_kept_statements_are_exactly_those_of_marc_to_dc(qualified):
    records = sample_records()
    assert len(records) >= 20
    for name, number, record in records:
        kept = [line.statement for line in trace(record, qualified=qualified)
                if line.mapped and line.kept]
        made = list(marc_to_dc(record, qualified=qualified).values)
        assert Counter(kept) == Counter(made), (name, number)


def book() -> Record:
    record = Record()
    record.leader = "00000nam a2200000 i 4500"
    record.add_field(
        Field(tag="001", data="x1"),
        Field(tag="008", data="240101s2024    nyu           000 0 eng d"),
        Field(tag="245", indicators=["1", "0"], subfields=[
            Subfield("a", "Title proper :"), Subfield("b", "subtitle /"),
            Subfield("c", "by Someone.")]),
        Field(tag="650", indicators=[" ", "0"], subfields=[Subfield("a", "Cats.")]),
        Field(tag="650", indicators=[" ", "0"], subfields=[Subfield("a", "Dogs.")]),
    )
    return record


def test_each_line_names_its_source_and_lc_line():
    lines = trace(book(), qualified=True)
    title = next(line for line in lines if line.dc_term == "dc:title")
    assert title.address == "245" and title.marc == "$aTitle proper :$bsubtitle /"
    assert title.statement.value == "Title proper : subtitle" and title.row.id == "Q62"
    language = next(line for line in lines if line.dc_term == "dc:language")
    assert language.address == "008/35-37" and language.marc == "eng"
    subjects = [line.address for line in lines if line.dc_term == "dc:subject"]
    assert subjects == ["650[1]$a", "650[2]$a"]
    assert lines[0].address == "LDR/06-07" and lines[0].dc_term == "dc:type"


def test_what_is_not_mapped_is_listed():
    lines = trace(book())
    unmapped = [line.address for line in lines if not line.mapped]
    assert "245$c" in unmapped and "001" in unmapped
    assert "245$a" not in unmapped and "245" not in unmapped


def test_every_address_resolves_in_the_record():
    for _name, _number, record in sample_records()[:14]:
        for line in trace(record, qualified=True):
            assert resolve(record, line.address), line.address


def test_a_repeated_statement_is_marked_not_kept():
    record = book()
    record.add_field(Field(tag="650", indicators=[" ", "0"], subfields=[Subfield("a", "Cats.")]))
    repeats = [line for line in trace(record) if line.mapped and not line.kept]
    assert [line.address for line in repeats] == ["650[3]$a"]


def test_an_empty_or_odd_record_gives_lines_not_errors():
    assert [line.address for line in trace(Record())] == ["LDR/06-07"]
    odd = Record()
    odd.add_field(Field(tag="245", indicators=["0", "0"], subfields=[]))
    assert [line.mapped for line in trace(odd)] == [False, False]
