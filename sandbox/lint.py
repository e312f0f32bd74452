"""``catsandbox lint`` and ``catsandbox rules``: the validator on the command line.

A plain ISO 2709 file is cut into byte ranges of up to ``RECORDS_PER_PIECE`` records; each piece
is read by ``sandbox.rules.fastread``, validated and turned into output lines in a worker (or in
this process with one job), and the pieces come back in file order as they are done. Any other file —
another format, or ISO 2709 whose record boundaries need the full reader's repairs — is shared out
by record number and merged back into file order.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import mmap
import multiprocessing
import os
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from json.encoder import encode_basestring as _json_string
from pathlib import Path

from sandbox.formats import detect_format, read_file
from sandbox.records import display
from sandbox.rules import PROFILES, SEVERITIES, all_rules, fastread, profile, validate
from sandbox.rules.model import REGISTRY, SEVERITY_RANK, Finding

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_LOWEST_RANK = min(SEVERITY_RANK.values())  # --min-severity info: every finding is reported


def add_lint_parser(commands) -> None:
    lint = commands.add_parser(
        "lint", help="validate records against MARC 21, cataloging and Dublin Core rules",
        description="Validate every record of the files. Exit status: 0 no findings at or above "
        "--min-severity, 1 some, 2 usage or file errors.")
    lint.add_argument("files", metavar="FILE", nargs="+")
    lint.add_argument("--profile", default="full", choices=sorted(PROFILES),
                      help="rule profile (default: full)")
    lint.add_argument("--format", default="text", choices=("text", "json", "tsv"),
                      help="json: one object per finding per line")
    lint.add_argument("--min-severity", default="info", choices=SEVERITIES[::-1],
                      help="report findings at or above this severity (default: info)")
    lint.add_argument("--authority", metavar="FILE", action="append", default=[],
                      help="MARC authority records to check subject headings against "
                      "(repeatable)")
    lint.add_argument("--jobs", type=int, default=1, metavar="N",
                      help="validate with N processes (0: one per CPU core; default 1)")
    rules = commands.add_parser("rules", help="list the validation rules, or explain one",
                                description="List every rule, or explain RULE-ID in full.")
    rules.add_argument("rule", metavar="RULE-ID", nargs="?")


class _Share:
    """Records whose number falls in one of ``parts`` equal shares (for --jobs)."""

    def __init__(self, part: int, parts: int):
        self.part, self.parts = part, parts

    def __call__(self, number: int) -> bool:
        return (number - 1) % self.parts == self.part


def _with_authorities(selected, authority_files: tuple[str, ...]):
    if not authority_files:
        return selected
    from dataclasses import replace

    from sandbox.rules.authorities import AuthorityFile

    records = [item.record for name in authority_files for item in read_file(name) if item.ok]
    options = {**selected.options, "authorities": AuthorityFile.from_records(records)}
    return replace(selected, options=options)


@lru_cache(maxsize=8)
def _selected(profile_name: str, authority_files: tuple[str, ...]):
    """The profile with its authority file loaded — once per process, not once per piece."""
    return _with_authorities(profile(profile_name), authority_files)


@dataclass(frozen=True)
class _Job:
    """What every piece of work on one file shares (sent to worker processes)."""

    path: str
    profile: str
    threshold: int
    fmt: str
    authority_files: tuple[str, ...] = ()
    #: How the output is encoded (standard output's encoding and error handler): pieces of a
    #: plain ISO 2709 file come back as bytes, encoded by the worker that validated them.
    encoding: str = "utf-8"
    errors: str = "strict"
    #: A private folder where worker processes leave each piece's lines (None: hand them back).
    spool: str | None = None


class _Lines:
    """Findings as output lines in one format (json, tsv or text), counted by rule.

    Built in the process that validated the records, so that the formatting is shared out
    between processes too; the JSON is written piece by piece with the json module's own string
    encoder and is the same, byte for byte, as ``json.dumps(row, ensure_ascii=False)``.
    """

    def __init__(self, job: _Job):
        self.job = job
        self.selected = _selected(job.profile, job.authority_files)
        self.file = str(Path(job.path))
        self.name = Path(job.path).name
        self.by_rule: Counter[str] = Counter()
        self._json_file = '{"file": ' + _json_string(self.file) + ', "record": '
        self._rule_parts: dict[tuple[str, str, str], tuple[str, str]] = {}

    def record(self, item) -> str:
        """The lines for one record slot of the file ('' when nothing reaches the threshold)."""
        findings = (validate(item.record, self.selected, item.problems) if item.ok
                    else list(_unreadable(item, self.selected)))
        threshold = self.job.threshold
        kept = findings if threshold <= _LOWEST_RANK else [
            f for f in findings if SEVERITY_RANK[f.severity] >= threshold]
        if not kept:
            return ""
        control = display.control_number(item.record) if item.record is not None else ""
        by_rule = self.by_rule
        for finding in kept:
            by_rule[finding.rule] += 1
        fmt = self.job.fmt
        if fmt == "json":
            head = (f"{self._json_file}{item.number}, \"control_number\": "
                    f"{_json_string(control)}, \"location\": ")
            parts = self._rule_parts
            lines = []
            for f in kept:
                middle, tail = parts.get((f.rule, f.severity, f.citation)) or self._rule_part(f)
                lines.append(f"{head}{_json_string(f.location)}{middle}"
                             f"{_json_string(f.message)}{tail}")
            return "".join(lines)
        if fmt == "tsv":
            cells = [self.file, str(item.number), control]
            return "".join("\t".join(cell.replace("\t", " ") for cell in
                                      (*cells, f.location, f.rule, f.severity, f.message)) + "\n"
                           for f in kept)
        shown = f" ({control})" if control else ""
        return "".join(f"{self.name}: record {item.number}{shown} {f.location}: {f.severity} "
                       f"{f.rule} {f.slug}: {f.message}\n" for f in kept)

    def _rule_part(self, finding: Finding) -> tuple[str, str]:
        """The JSON a rule's findings share: between location and message, and after the
        message (its citation)."""
        key = (finding.rule, finding.severity, finding.citation)
        part = self._rule_parts.get(key)
        if part is None:
            part = self._rule_parts[key] = (
                f", \"rule\": {_json_string(finding.rule)}, \"slug\": "
                f"{_json_string(finding.slug)}, \"severity\": {_json_string(finding.severity)}, "
                "\"message\": ", f", \"citation\": {_json_string(finding.citation)}}}\n")
        return part


@dataclass
class _Result:
    """What a piece of work hands back: its records' lines, in file order and already encoded
    for the output (so that the encoding is shared out between processes too), and the counts.
    A worker process leaves the lines in a file of the spool folder and hands back its path:
    the main process copies it to the output (by the kernel, where it can) instead of receiving
    every byte through a pipe and unpickling it."""

    records: int
    output: bytes | Path
    by_rule: Counter


def _lint_range(task: tuple[_Job, int, int, int]) -> _Result:
    """Validate the records of a plain ISO 2709 file between two byte offsets."""
    job, start, end, first_number = task
    lines = _Lines(job)
    parts, records = [], 0
    encoding, errors = job.encoding, job.errors
    for item in fastread.read_range(job.path, start, end, first_number):
        records += 1
        # Encoded record by record: one character beyond Latin-1 in a message would otherwise
        # widen the whole piece's text and slow its encoding down several times over.
        parts.append(lines.record(item).encode(encoding, errors))
    data = b"".join(parts)
    if job.spool is None:
        return _Result(records, data, lines.by_rule)
    spooled = Path(job.spool) / f"{first_number:012d}.lines"
    spooled.write_bytes(data)
    return _Result(records, spooled, lines.by_rule)


def _lint_share(task: tuple[_Job, int, int]) -> tuple[int, list[tuple[int, str]], Counter]:
    """Validate every ``parts``-th record of any file (numbered lines, merged later)."""
    job, part, parts = task
    lines = _Lines(job)
    numbered, records = [], 0
    select = _Share(part, parts) if parts > 1 else None
    for item in read_file(job.path, select=select):
        records += 1
        text = lines.record(item)
        if text:
            numbered.append((item.number, text))
    return records, numbered, lines.by_rule


#: Records per piece of work when a plain ISO 2709 file is split by byte ranges: large enough
#: that handing pieces out costs little, small enough that the output streams steadily. The
#: last pieces are smaller (down to ``SMALLEST_PIECE``), so that the workers finish together
#: instead of one waiting while another validates a whole piece.
RECORDS_PER_PIECE = 1000
SMALLEST_PIECE = 100


def piece_sizes(records: int, jobs: int) -> list[int]:
    """How many records each piece holds, in file order: ``RECORDS_PER_PIECE`` while plenty
    remain, then (with more than one job) a share of what is left: half of it divided among the
    jobs. A remainder too small to be a piece joins the piece before it."""
    sizes = []
    left = records
    while left > 0:
        size = min(RECORDS_PER_PIECE, left)
        if jobs > 1:
            size = min(size, max(SMALLEST_PIECE, left // (2 * jobs)))
        if left - size < SMALLEST_PIECE:
            size = left
        sizes.append(size)
        left -= size
    return sizes


def _ranges(path: str, jobs: int = 1) -> list[tuple[int, int, int]] | None:
    """(start, end, first record number) pieces of a plain ISO 2709 file, or None if the file
    is anything else (then the full reader reads it, shared out by record number)."""
    fmt = detect_format(path)
    if fmt is None or fmt.name != "marc":
        return None
    with open(path, "rb") as handle:
        try:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped
            return []
        with data:
            offsets = fastread.plain_record_offsets(data)
            size = len(data)
    if offsets is None:
        return None
    pieces, first = [], 0
    for count in piece_sizes(len(offsets), jobs):
        after = first + count
        pieces.append((offsets[first], offsets[after] if after < len(offsets) else size,
                       first + 1))
        first = after
    return pieces


def _pool(jobs: int):
    """Worker processes, each loading the rules and reference tables once (``_settle``) while
    this process finds the record boundaries of the first file."""
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method).Pool(jobs, initializer=_settle)


def _warm_up() -> None:
    from sandbox.rules.examples import example_record, marc_example

    validate(example_record("marc", marc_example()), "full")


def _settle() -> None:
    """Load the rules and reference tables, then set them aside from the garbage collector
    until ``lint`` ends (``gc.unfreeze``): they outlive the run, and every collection of the
    older generations would walk them again (records make enough objects to set collections
    off all the time)."""
    _warm_up()
    gc.freeze()


def _results(job: _Job, pool, jobs: int):
    """(records, output, counts) for one file, piece by piece in file order; the output is
    encoded bytes (or a spool file holding them) for a plain ISO 2709 file, text for any
    other."""
    pieces = _ranges(job.path, jobs)
    if pieces is not None:
        tasks = [(job, start, end, first) for start, end, first in pieces]
        results = pool.imap(_lint_range, tasks) if pool else map(_lint_range, tasks)
        for result in results:
            yield result.records, result.output, result.by_rule
        return
    tasks = [(job, part, jobs) for part in range(jobs)]
    shares = pool.map(_lint_share, tasks) if pool else [_lint_share(tasks[0])]
    merged = heapq.merge(*(numbered for _, numbered, _ in shares))  # back in file order
    counts: Counter = Counter()
    for _, _, by_rule in shares:
        counts.update(by_rule)
    yield sum(records for records, _, _ in shares), "".join(text for _, text in merged), counts


def lint(args: argparse.Namespace) -> int:
    profile(args.profile)  # unknown names fail before any work
    all_rules()  # the summary names rules even when worker processes did the checking
    threshold = SEVERITY_RANK[args.min_severity]
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    out = sys.stdout
    write = _writer(out)
    encoding, errors = _output_encoding(out)
    if args.format == "tsv":
        out.write("file\trecord\tcontrol_number\tlocation\trule\tseverity\tmessage\n")
    by_rule: Counter[str] = Counter()
    records = 0
    status = EXIT_CLEAN
    pool = None
    spool = None
    try:
        if jobs > 1:
            pool = _pool(jobs)
            spool = tempfile.mkdtemp(prefix="catsandbox-lint-")
        else:
            _settle()
        for name in args.files:
            job = _Job(name, args.profile, threshold, args.format, tuple(args.authority),
                       encoding, errors, spool)
            try:
                with open(name, "rb"):
                    pass
                for count, output, counts in _results(job, pool, jobs):
                    records += count
                    by_rule.update(counts)
                    write(output)
            except BrokenPipeError:
                raise
            except OSError as error:
                print(f"catsandbox: cannot read {name}: {error.strerror or error}",
                      file=sys.stderr)
                status = EXIT_USAGE
                continue
    finally:
        if pool is not None:
            pool.close()
        if spool is not None:
            shutil.rmtree(spool, ignore_errors=True)
        gc.unfreeze()
    reported = sum(by_rule.values())
    summary = sys.stderr if args.format == "json" else out
    if args.format == "text":
        print(f"\n{records} record(s), {reported} finding(s)", file=summary)
        for rule_id, count in sorted(by_rule.items(), key=lambda pair: (-pair[1], pair[0])):
            rule = REGISTRY[rule_id]
            print(f"  {count:6d}  {rule_id} {rule.slug} ({rule.severity})", file=summary)
    if status == EXIT_USAGE:
        return status
    return EXIT_FINDINGS if reported else EXIT_CLEAN


def _output_encoding(out) -> tuple[str, str]:
    """The encoding and error handler the output stream would use itself."""
    return getattr(out, "encoding", None) or "utf-8", getattr(out, "errors", None) or "strict"


def _writer(out):
    """A function writing text, bytes already encoded as ``out`` would encode them, or a spool
    file of such bytes (deleted once written) to ``out``. Bytes go straight to its binary
    buffer where there is one and no line end needs translating (everywhere but Windows);
    otherwise they are decoded again."""
    buffer = getattr(out, "buffer", None)
    if os.linesep != "\n":
        buffer = None
    encoding, errors = _output_encoding(out)

    def write(output: str | bytes | Path) -> None:
        if isinstance(output, str):
            out.write(output)
            return
        out.flush()  # what was written as text (the TSV header) comes first
        if isinstance(output, Path):
            with open(output, "rb") as piece:
                if buffer is None:
                    out.write(piece.read().decode(encoding, errors))
                else:
                    buffer.flush()
                    _copy(piece, buffer)
            output.unlink()
        elif buffer is not None:
            buffer.write(output)
        else:
            out.write(output.decode(encoding, errors))

    return write


def _copy(source, target) -> None:
    """Copy an open file to a binary stream: in the kernel (``sendfile``) on Linux when the
    stream is a file descriptor that takes it, else through a buffer."""
    sent = 0
    if sys.platform.startswith("linux"):
        try:
            descriptor = target.fileno()
        except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError
            descriptor = None
        if descriptor is not None:
            size = os.fstat(source.fileno()).st_size
            try:
                while sent < size:
                    count = os.sendfile(descriptor, source.fileno(), sent, size - sent)
                    if not count:
                        break  # the file ended early: copy whatever is left below
                    sent += count
            except OSError as error:
                if sent or isinstance(error, BrokenPipeError):
                    raise
                # this descriptor does not take sendfile (nothing was sent): copy instead
    source.seek(sent)
    shutil.copyfileobj(source, target)


def _unreadable(item, selected):
    rule = REGISTRY["STR-000"]
    for problem in item.errors:
        location = problem.place or "LDR"
        yield Finding(rule.id, rule.slug, selected.severity(rule), location, problem.message,
                      rule.citation, rule.why)


def rules(args: argparse.Namespace) -> int:
    catalogue = all_rules()
    if args.rule is None:
        for rule in catalogue:
            print(f"{rule.id:9} {rule.severity:8} {rule.slug:36} {rule.citation}")
        return EXIT_CLEAN
    wanted = args.rule.upper()
    match = [r for r in catalogue if r.id == wanted or r.slug == args.rule.lower()]
    if not match:
        print(f"catsandbox: no rule {args.rule!r}; 'catsandbox rules' lists them", file=sys.stderr)
        return EXIT_USAGE
    print(explain(match[0]))
    return EXIT_CLEAN


def explain(rule) -> str:
    lines = [f"{rule.id}  {rule.slug}", rule.title, "",
             f"Severity (default): {rule.severity}", f"Applies to: "
             f"{'Dublin Core' if rule.kind == 'dc' else 'MARC 21'} records",
             f"Why it matters: {rule.why}", f"Source: {rule.citation}"]
    for label, examples in (("Passes", rule.good), ("Trips the rule", rule.bad)):
        for example in examples:
            lines += ["", f"{label}:", *("    " + line for line in example.splitlines())]
    return "\n".join(lines)
