"""The lint fast path for ISO 2709 reads exactly what the full reader reads."""

from __future__ import annotations

import csv
import random

import pytest

from sandbox.formats import read_file
from sandbox.formats.iso2709 import encode_record
from sandbox.formats.marc8 import decode_marc8
from sandbox.rules import fastread
from sandbox.rules.examples import example_record, marc_example


def _iso2709_files(corpus):
    with open(corpus / "INVENTORY.tsv", encoding="utf-8") as handle:
        return [corpus / row["local_file"] for row in csv.DictReader(handle, delimiter="\t")
                if row["kind"] == "iso2709"]


def _slot(item) -> tuple:
    """Everything a reader says about one record slot, comparable."""
    record = item.record
    fields = None
    if record is not None:
        fields = (str(record.leader), [
            (f.tag, f.control_field, f.data, tuple(f.indicators) if f.indicators else None,
             [tuple(s) for s in f.subfields]) for f in record.fields])
    problems = [(p.message, p.severity, p.offset, p.place) for p in item.problems]
    return item.number, item.offset, item.length, fields, problems


def test_every_plain_corpus_file_reads_the_same_as_with_the_full_reader(corpus):
    plain = 0
    for path in _iso2709_files(corpus):
        data = path.read_bytes()
        offsets = fastread.plain_record_offsets(data)
        if offsets is None:
            continue
        plain += 1
        full = [_slot(item) for item in read_file(path)]
        fast = [_slot(item) for item in fastread.read_range(str(path), 0, len(data), 1)]
        assert fast == full, path.name
        assert offsets == [item[1] for item in full], path.name
    assert plain > 100  # the fast path really is the common case


def test_files_whose_record_boundaries_are_damaged_are_left_to_the_full_reader(corpus):
    for name in ("perl4lib+marc-perl/marc-record/t/badldr.usmarc",
                 "marc4j+marc4j/test/resources/bad_too_long_plus_2.mrc"):
        assert fastread.plain_record_offsets((corpus / name).read_bytes()) is None, name
    record = _record_bytes()
    assert fastread.plain_record_offsets(record + b"junk") is None
    assert fastread.plain_record_offsets(record[:-1]) is None  # no record terminator


def _record_bytes(*lines: str) -> bytes:
    return encode_record(example_record("marc", marc_example(*lines)))


def test_a_record_that_needs_a_repair_gets_the_full_readers_words(tmp_path):
    good = _record_bytes()
    bad = bytearray(_record_bytes("=500  \\\\$aA note."))
    bad[12:17] = b"99999"  # a wrong base address: the reader repairs it and says so
    path = tmp_path / "two.mrc"
    path.write_bytes(good + bytes(bad))
    assert fastread.decode_plain(bytes(bad)) is None
    full = [_slot(item) for item in read_file(path)]
    fast = [_slot(item) for item in fastread.read_range(str(path), 0, path.stat().st_size, 1)]
    assert fast == full
    assert full[1][4] and "base address" in full[1][4][0][0]


def test_filler_between_records_is_skipped_as_the_scanner_skips_it(tmp_path):
    one, two = _record_bytes(), _record_bytes("=500  \\\\$aSecond.")
    path = tmp_path / "filler.mrc"
    path.write_bytes(one + b"\r\n" + two + b"\n")
    data = path.read_bytes()
    assert fastread.plain_record_offsets(data) == [0, len(one) + 2]
    fast = [_slot(item) for item in fastread.read_range(str(path), 0, len(data), 1)]
    assert fast == [_slot(item) for item in read_file(path)]


def _non_ascii_fields(corpus) -> list[bytes]:
    found = []
    for path in _iso2709_files(corpus):
        found += [piece for piece in path.read_bytes().split(b"\x1e") if not piece.isascii()]
    return found


def test_fast_marc8_agrees_with_the_full_decoder_on_the_corpus(corpus):
    answered = 0
    for raw in _non_ascii_fields(corpus):
        text = fastread._marc8_text(raw)
        if text is None:
            continue
        answered += 1
        assert decode_marc8(raw) == (text, []), raw[:60]
    assert answered > 300


@pytest.mark.parametrize("seed", range(4))
def test_fast_marc8_agrees_with_the_full_decoder_on_made_up_bytes(seed):
    rng = random.Random(seed)
    alphabet = [*range(0x80, 0x100), 0x1F, 0x20, 0x41, 0x61, 0x0A, 0x7F, 0x2D]
    answered = 0
    for _ in range(20_000):
        raw = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        text = fastread._marc8_text(raw)
        if text is None:
            continue
        answered += 1
        assert decode_marc8(raw) == (text, []), raw
    assert answered > 1000


def _raw_record(*fields: tuple[str, str]) -> bytes:
    """An ISO 2709 record built from (tag, field text) pairs exactly as given (no clean-up)."""
    body = b"".join(text.encode("utf-8") + b"\x1e" for _, text in fields) + b"\x1d"
    directory, start = b"", 0
    for tag, text in fields:
        length = len(text.encode("utf-8")) + 1
        directory += f"{tag}{length:04d}{start:05d}".encode("ascii")
        start += length
    base = 24 + len(directory) + 1
    leader = f"{base + len(body):05d}nam a22{base:05d} i 4500".encode("ascii")
    return leader + directory + b"\x1e" + body


@pytest.mark.parametrize("odd", [
    ("245", "10\x1fa\x1f\x1fbTitle"),  # a delimiter with no code, mid-field
    ("245", "10\x1faTitle\x1f"),  # a delimiter ending the last field
    ("500", "  \x1f"),  # nothing but a delimiter
    ("007", "ta\x1f\x1f"),  # delimiters in a control field
    ("245", "1\x1f\x1faTitle"),  # a delimiter where the second indicator belongs
    ("245", "10"),  # indicators and nothing else
])
def test_empty_subfields_and_odd_delimiters_read_as_the_full_reader_reads_them(odd, tmp_path):
    fields = [("001", "odd1"), ("008", "240101s2024    xxu           000 0 eng d"), odd,
              ("650", " 0\x1faCataloging.")]
    if odd[0] != "245":
        fields.insert(2, ("245", "10\x1faTitle."))
    path = tmp_path / "odd.mrc"
    path.write_bytes(_raw_record(*fields) + _raw_record(*fields[:2], ("245", "00\x1faPlain.")))
    size = path.stat().st_size
    fast = [_slot(item) for item in fastread.read_range(str(path), 0, size, 1)]
    assert fast == [_slot(item) for item in read_file(path)]
    assert fast[1][3] is not None  # the plain record after the odd one is read too
