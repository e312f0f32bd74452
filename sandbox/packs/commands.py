"""``catsandbox pack new|build|check|list`` and ``catsandbox grade``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sandbox.packs.errors import PackError
from sandbox.packs.manifest import MANIFEST
from sandbox.packs.pack import PACK_SUFFIX, load_pack

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("pack", "grade")


def add_pack_parsers(commands) -> None:
    pack = commands.add_parser(
        "pack", help="make, build, check and list exercise packs",
        description="Exercise packs: 'new' starts a pack folder, 'build' zips it into a "
        ".catpack, 'check' tests it (exit 1 on problems), 'list' shows packs or exercises.")
    actions = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="start a pack folder with one example exercise",
                             description="Create DIR with pack.toml and one example exercise "
                             "to copy from.")
    new.add_argument("folder", metavar="DIR")
    build = actions.add_parser("build", help="build a pack folder into a .catpack file",
                               description="Zip DIR into a .catpack (the same bytes every time), "
                               "with the SHA-256 of every file written into its pack.toml.")
    build.add_argument("folder", metavar="DIR")
    build.add_argument("-o", "--output", metavar="FILE.catpack",
                       help="file to write (default: <id>-<version>.catpack beside DIR)")
    check = actions.add_parser(
        "check", help="check a pack before it goes to learners",
        description="Check a pack folder or .catpack: manifest and exercise files, hashes, "
        "every key lints clean under its exercise's profile, every key scores 100%% on its own "
        "exercise. Exit status: 0 passes, 1 problems, 2 usage error.")
    check.add_argument("pack", metavar="FILE|DIR")
    listing = actions.add_parser("list", help="list the packs in a folder, or one pack's "
                                 "exercises", description="With a folder of packs, list them; "
                                 "with one pack (folder or .catpack), list its exercises.")
    listing.add_argument("where", metavar="DIR", nargs="?", default=".")
    grade = commands.add_parser(
        "grade", help="score learners' submissions to a pack into a gradebook",
        description="Score every attempt in the submissions again (stored scores are never "
        "trusted) and keep each learner's best per exercise. SUBMISSION is a .catsub file, a "
        "folder of .catsub files, or a learner's folder of answer files named after the "
        "exercises (describe-walden.mrk, crosswalk-x.xml, drill-tags.json). Exit status: 0 all "
        "graded, 1 some attempts or files could not be graded, 2 usage error.")
    grade.add_argument("pack", metavar="PACK", help=".catpack file or pack folder")
    grade.add_argument("submissions", metavar="SUBMISSION", nargs="+")
    grade.add_argument("--csv", metavar="FILE", help="write the gradebook as CSV (one row per "
                       "learner)")
    grade.add_argument("--details", action="store_true",
                       help="print the feedback of each learner's best attempt per exercise")


def run(args: argparse.Namespace) -> int:
    if args.command == "grade":
        return grade(args)
    action = {"new": pack_new, "build": pack_build, "check": pack_check,
              "list": pack_list}[args.pack_command]
    return action(args)


def _fail(message: str, status: int = EXIT_USAGE) -> int:
    print(f"catsandbox: {message}", file=sys.stderr)
    return status


def pack_new(args: argparse.Namespace) -> int:
    from sandbox.packs.authoring import new

    try:
        folder = new(args.folder)
    except PackError as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"cannot create {args.folder}: {error.strerror or error}")
    print(f"{folder}: new pack with one example exercise (exercises/describe-example). Edit "
          f"pack.toml and the exercise, then 'catsandbox pack check {folder}' and "
          f"'catsandbox pack build {folder}'.")
    return EXIT_OK


def pack_build(args: argparse.Namespace) -> int:
    from sandbox.packs.build import build

    if args.output and Path(args.output).is_dir():
        return _fail(f"{args.output} is a folder; give the name of the .catpack to write")
    try:
        target = build(args.folder, args.output)
    except PackError as error:
        return _fail(str(error), EXIT_PROBLEMS)
    except OSError as error:
        return _fail(f"cannot build {args.folder}: {error.strerror or error}")
    with load_pack(target) as pack:
        count = len(pack.exercise_ids)
        files = len(pack.manifest.files)
    print(f"{args.folder} -> {target}: {count} exercise(s), {files} file(s) with SHA-256; run "
          f"'catsandbox pack check {target}' before handing it out")
    return EXIT_OK


def pack_check(args: argparse.Namespace) -> int:
    from sandbox.packs.check import check_pack

    if not Path(args.pack).exists():
        return _fail(f"{args.pack}: no such file or folder")
    report = check_pack(args.pack)
    print(report.text())
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _is_pack(path: Path) -> bool:
    return (path.is_dir() and (path / MANIFEST).is_file()) or \
        (path.is_file() and path.suffix.lower() == PACK_SUFFIX)


def pack_list(args: argparse.Namespace) -> int:
    where = Path(args.where)
    if not where.exists():
        return _fail(f"{args.where}: no such file or folder")
    if _is_pack(where):
        try:
            with load_pack(where) as pack:
                print(f"{pack.id} {pack.version}: {pack.title}")
                status = EXIT_OK
                width = max((len(i) for i in pack.exercise_ids), default=0)
                for exercise_id in pack.exercise_ids:
                    try:
                        exercise = pack.exercise(exercise_id)
                    except PackError as error:
                        print(f"  {exercise_id:<{width}}  (cannot be loaded: {error.message})")
                        status = EXIT_PROBLEMS
                        continue
                    print(f"  {exercise_id:<{width}}  {exercise.kind:<12}  {exercise.title}")
                return status
        except PackError as error:
            return _fail(str(error), EXIT_PROBLEMS)
    if not where.is_dir():
        return _fail(f"{args.where} is neither a pack (.catpack or a folder with pack.toml) nor "
                     "a folder of packs")
    candidates = sorted(p for p in where.iterdir() if _is_pack(p))
    if not candidates:
        print(f"{where}: no packs here (.catpack files or folders with a pack.toml)")
        return EXIT_OK
    status = EXIT_OK
    for path in candidates:
        try:
            with load_pack(path) as pack:
                print(f"{pack.id:<24} {pack.version:<9} {len(pack.exercise_ids):>3} exercises  "
                      f"{pack.title}  ({path.name})")
        except PackError as error:
            print(f"{path.name}: cannot be opened: {error.message}")
            status = EXIT_PROBLEMS
    return status


def _collect(arguments: list[str], pack, notes: list[str]):
    """Submissions from the command line's files and folders."""
    from sandbox.exercises.gradebook import RECORD_SUFFIXES, submission_from_files
    from sandbox.exercises.submission import SubmissionError, read_submission

    def catsub(path: Path):
        try:
            return read_submission(path)
        except SubmissionError as error:
            notes.append(f"not graded: {error}")
            return None

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            children = sorted(p for p in path.iterdir() if p.is_file())
            for child in children:
                if child.suffix.lower() == ".catsub":
                    found = catsub(child)
                    if found is not None:
                        yield found
            plain = [p for p in children if p.suffix.lower() in RECORD_SUFFIXES]
            if plain:
                submission, skipped = submission_from_files(path.resolve().name, plain, pack)
                notes.extend(skipped)
                if submission.attempts:
                    yield submission
        elif path.is_file():
            if path.suffix.lower() in (".catsub",) or path.name == "submission.json":
                found = catsub(path)
                if found is not None:
                    yield found
            else:
                submission, skipped = submission_from_files(path.resolve().parent.name, [path],
                                                            pack)
                notes.extend(skipped)
                if submission.attempts:
                    yield submission
        else:
            notes.append(f"not graded: {argument}: no such file or folder")


def grade(args: argparse.Namespace) -> int:
    from sandbox.exercises.gradebook import Gradebook

    if args.csv and Path(args.csv).is_dir():
        return _fail(f"{args.csv} is a folder; give the name of the CSV file to write")
    if args.csv and not Path(args.csv).absolute().parent.is_dir():
        return _fail(f"cannot write {args.csv}: the folder {Path(args.csv).absolute().parent} "
                     "does not exist")
    try:
        pack = load_pack(args.pack)
    except PackError as error:
        return _fail(str(error))
    with pack:
        book = Gradebook(pack)
        notes: list[str] = []
        for submission in _collect(args.submissions, pack, notes):
            book.add(submission)
        notes += book.notes
        for note in notes + book.warnings:
            print(note, file=sys.stderr)
        header = book.header()
        total_column = header.index("total %")
        for row in book.rows():
            tried = sum(1 for cell in row[1:1 + len(pack.exercise_ids)] if cell)
            print(f"{row[0]}: {row[total_column]}% over {len(pack.exercise_ids)} exercise(s) "
                  f"({tried} attempted, {row[-1]} attempt(s))")
            if args.details:
                for result in book.learners[row[0]].best.values():
                    print("\n".join("    " + line for line in result.report().splitlines()))
        if not book.learners:
            print("no attempts to grade", file=sys.stderr)
        if args.csv:
            book.write_csv(args.csv)
            print(f"gradebook: {args.csv} ({len(book.learners)} learner(s))")
    return EXIT_PROBLEMS if notes or not book.learners else EXIT_OK
