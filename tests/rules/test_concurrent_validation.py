"""The editor validates large records on a worker thread while the window may validate another:
validation in several threads at once gives each record exactly its own findings."""

from __future__ import annotations

import threading

from sandbox.formats import read_file
from sandbox.rules import validate
from tests.conftest import SAMPLES


def findings(record):
    return [(f.rule, f.location, f.message) for f in validate(record)]


def test_threads_validating_at_once_each_get_their_own_records_findings():
    records = [item.record for item in read_file(SAMPLES / "starter-records.mrk")]
    damaged = read_file(SAMPLES / "starter-records.mrk")
    records += [item.record for item in damaged]
    for record in records[len(records) // 2:]:  # the second copies get problems of their own
        record.fields = [f for f in record.fields if f.tag != "040"]
    expected = [findings(record) for record in records]
    mismatches = []

    def work(offset: int) -> None:
        for round_number in range(20):
            for number in range(len(records)):
                index = (number + offset + round_number) % len(records)
                if findings(records[index]) != expected[index]:
                    mismatches.append(index)

    threads = [threading.Thread(target=work, args=(offset,)) for offset in (0, 3, 11)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert any(expected) and not mismatches
