"""``catsandbox lint`` and ``catsandbox rules`` on the command line."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import SAMPLES


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sandbox", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_clean_samples_exit_0():
    result = run("lint", str(SAMPLES / "starter-records.mrk"), "--min-severity", "warning")
    assert result.returncode == 0, result.stdout
    assert "14 record(s), 0 finding(s)" in result.stdout
    everything = run("lint", str(SAMPLES / "starter-records.mrk"))
    assert everything.returncode == 0 and "0 finding(s)" in everything.stdout


def _bad_file(tmp_path):
    text = (SAMPLES / "starter-records.mrk").read_text(encoding="utf-8").split("\n\n")[0]
    text = text.replace("=020  \\\\$a9780374275631", "=020  \\\\$a9780374275632")
    text = text.replace("=245  10$a", "=245  00$a")
    path = tmp_path / "bad.mrk"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_json_findings_name_record_location_and_rule(tmp_path):
    result = run("lint", str(_bad_file(tmp_path)), "--format", "json")
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    by_rule = {row["rule"]: row for row in rows}
    assert {"NUM-001", "REQ-003"} <= set(by_rule)
    isbn = by_rule["NUM-001"]
    assert isbn["record"] == 1 and isbn["control_number"] == "cs000001"
    assert isbn["location"] == "020$a" and isbn["severity"] == "error"
    assert "check digit" in isbn["message"]
    assert by_rule["REQ-003"]["location"] == "245/ind1"
    assert {"record", "control_number", "location", "rule", "severity", "message"} <= set(isbn)


def test_min_severity_filters_and_sets_the_exit_status(tmp_path):
    path = _bad_file(tmp_path)
    text = run("lint", str(path), "--min-severity", "error").stdout
    assert "NUM-001" in text and "REQ-003" not in text
    tsv = run("lint", str(path), "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:5] == ["file", "record", "control_number", "location", "rule"]
    assert len(tsv) == 3  # header, ISBN, 245 indicator (LC's own Cutter draws no advice)


def test_unreadable_records_are_findings_not_crashes(corpus):
    result = run("lint", str(corpus / "perl4lib+marc-perl/marc-record/t/badldr.usmarc"),
                 "--format", "json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(r["rule"] == "STR-000" and r["record"] == 7 for r in rows)
    assert result.returncode == 1


def test_missing_file_and_unknown_profile_are_usage_errors(tmp_path):
    assert run("lint", "missing.mrc", cwd=tmp_path).returncode == 2
    assert run("lint", str(SAMPLES / "starter-records.mrk"), "--profile", "nope").returncode == 2


def test_rules_lists_and_explains():
    listing = run("rules").stdout
    assert "NUM-001" in listing and "isbn-check-digit" in listing
    explained = run("rules", "NUM-001")
    assert explained.returncode == 0
    assert "Why it matters:" in explained.stdout and "Trips the rule:" in explained.stdout
    assert run("rules", "NOPE-999").returncode == 2


def test_lint_reads_every_corpus_file_without_crashing(corpus):
    files = sorted(str(p) for p in corpus.rglob("*") if p.is_file()
                   and p.suffix in (".mrc", ".dat", ".marc", ".usmarc", ".xml"))
    result = run("lint", *files, "--format", "json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) > 1000
    faults = [r for r in rows if "could not check the record" in r["message"]]
    assert faults == []


def test_jobs_split_the_work_and_keep_file_order(corpus):
    path = str(corpus / "marc4j+marc4j/test/resources/pride-and-prejudice-fixed.mrc")
    one = run("lint", path, "--format", "json")
    two = run("lint", path, "--format", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) > 100


def test_jobs_give_the_same_output_in_every_format_for_every_kind_of_file(corpus, tmp_path):
    """Plain ISO 2709 files are split by byte ranges (several pieces here), damaged ones and
    other formats by record number; either way the output is the one-process output."""
    pride = corpus / "marc4j+marc4j/test/resources/pride-and-prejudice-fixed.mrc"
    big = tmp_path / "big.mrc"
    big.write_bytes(pride.read_bytes() * 8)  # more records than one piece of work holds
    files = [big, corpus / "perl4lib+marc-perl/marc-record/t/badldr.usmarc",
             corpus / "edsu+pymarc/test/batch.xml"]
    for path in files:
        for fmt in ("json", "tsv", "text"):
            one = run("lint", str(path), "--format", fmt)
            two = run("lint", str(path), "--format", fmt, "--jobs", "2")
            assert one.returncode == two.returncode, (path.name, fmt)
            assert one.stdout == two.stdout and one.stdout, (path.name, fmt)
    rows = [json.loads(line) for line in run("lint", str(big), "--format", "json").stdout.split("\n")
            if line]
    numbers = sorted({row["record"] for row in rows})
    assert numbers[-1] > 2000 and numbers == sorted(numbers)


def test_json_lines_are_exactly_what_json_dumps_writes(corpus):
    for name in ("perl4lib+marc-perl/marc-charset/t/cjk3.marc",
                 "indexdata+yaz/test/marc-files/marccol5.u8.marc"):
        out = run("lint", str(corpus / name), "--format", "json").stdout
        lines = out.splitlines()
        assert lines
        for line in lines:
            assert json.dumps(json.loads(line), ensure_ascii=False) == line


def test_encoded_pieces_reach_any_stream_as_the_text_would(tmp_path):
    """Workers hand back output already encoded as standard output encodes, in memory or in a
    spool file; written through a stream with a binary buffer, one without, a real file (copied
    by the kernel) or one with another encoding, it must read the same as if the text itself
    had been written, and the spool file must be gone."""
    import io

    from sandbox.lint import _output_encoding, _writer

    text = "bad.mrc: record 1 (ocm1) 245: error ÉTÉ — ‘Žluťoučký’ kůň 中文\n"
    files = iter(range(100))

    def real_file(encoding="utf-8"):
        return open(tmp_path / f"out{next(files)}.txt", "w+", encoding=encoding)

    makers = (io.StringIO, lambda: io.TextIOWrapper(io.BytesIO(), encoding="utf-8"),
              lambda: io.TextIOWrapper(io.BytesIO(), encoding="latin-1", errors="replace"),
              real_file)
    for make in makers:
        for spooled in (False, True):
            plain, piped = make(), make()
            plain.write("file\trecord\n")
            plain.write(text * 3)
            write = _writer(piped)
            write("file\trecord\n")  # the TSV header is text, written before any piece
            encoding, errors = _output_encoding(piped)
            for _ in range(3):
                data = text.encode(encoding, errors)
                if spooled:
                    piece = tmp_path / "piece.lines"
                    piece.write_bytes(data)
                    write(piece)
                    assert not piece.exists()
                else:
                    write(data)
            read = []
            for stream in (plain, piped):
                stream.flush()
                if isinstance(stream, io.StringIO):
                    read.append(stream.getvalue())
                elif isinstance(stream.buffer, io.BytesIO):
                    read.append(stream.buffer.getvalue())
                else:
                    read.append(open(stream.name, "rb").read())
                    stream.close()
            assert read[0] == read[1], (make, spooled)


def test_pieces_cover_the_file_and_shrink_towards_its_end():
    from sandbox.lint import RECORDS_PER_PIECE, SMALLEST_PIECE, piece_sizes

    for records in (0, 1, 99, 1000, 1050, 5000, 50_000):
        for jobs in (1, 2, 4):
            sizes = piece_sizes(records, jobs)
            assert sum(sizes) == records and all(size > 0 for size in sizes)
            assert all(size < RECORDS_PER_PIECE + SMALLEST_PIECE for size in sizes)
            if records >= SMALLEST_PIECE:
                assert all(size >= SMALLEST_PIECE for size in sizes)
    assert piece_sizes(50_000, 1) == [RECORDS_PER_PIECE] * 50  # one process: no need to shrink
    shared = piece_sizes(50_000, 2)
    assert shared[0] == RECORDS_PER_PIECE and shared[-1] < RECORDS_PER_PIECE // 4
    body = shared[:-1]  # the last piece may have taken in a remainder too small to stand alone
    assert all(earlier >= later for earlier, later in zip(body, body[1:]))
