"""The ``catsandbox`` command: the desktop app, and headless tools that share its core."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sandbox import __version__
from sandbox.formats import (
    DUBLIN_CORE,
    FORMATS,
    MARC,
    WriteError,
    detect_format,
    format_for_extension,
    open_writer,
    read_file,
)

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2
SUBCOMMANDS = ("convert", "lint", "rules", "cutter", "callnumber", "explain", "dewey", "encoding",
               "drill", "pack", "grade")


class UsageError(Exception):
    """A mistake in how the command was called (exit status 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="catsandbox",
        usage="catsandbox [--db URL] [FILE] | catsandbox COMMAND ...",
        description="Catalog Sandbox: practise cataloging offline. With no command, opens the "
        "desktop app (on FILE if one is given).",
        epilog="Formats: " + ", ".join(f"{f.name} ({f.label})" for f in FORMATS.values()),
    )
    parser.add_argument("--version", action="version", version=f"catsandbox {__version__}")
    parser.add_argument("--db", metavar="URL",
                        help="the desktop app's progress database: a file, or a SQLAlchemy URL "
                        "such as postgresql://teacher@school/catalog for a classroom (default: "
                        "a SQLite file in your user data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    convert = commands.add_parser(
        "convert",
        help="convert records between formats",
        description="Convert records from one format to another. Bad records are reported on "
        "stderr and skipped; the rest are converted. Exit status: 0 all converted, 1 some "
        "skipped, 2 usage error.",
    )
    convert.add_argument("input", metavar="IN", help="file to read")
    convert.add_argument("output", metavar="OUT", help="file to write (replaced atomically)")
    convert.add_argument("--from", dest="source", choices=sorted(FORMATS),
                         help="input format (default: recognised from the content)")
    convert.add_argument("--to", dest="target", choices=sorted(f for f in FORMATS if FORMATS[f].writer),
                         help="output format (default: from OUT's extension)")
    convert.add_argument("-q", "--quiet", action="store_true",
                         help="do not list repaired records, only skipped ones")
    from sandbox.desk import add_desk_parsers
    from sandbox.lint import add_lint_parser
    from sandbox.packs.commands import add_pack_parsers

    add_lint_parser(commands)
    add_desk_parsers(commands)
    add_pack_parsers(commands)
    return parser


def _formats(args: argparse.Namespace):
    source_path, target_path = Path(args.input), Path(args.output)
    if source_path.is_dir():
        raise UsageError(f"{args.input} is a folder; give a record file")
    if not source_path.is_file():
        raise UsageError(f"cannot read {args.input}: no such file")
    if source_path.stat().st_size == 0:
        raise UsageError(f"{args.input} is empty: there are no records to convert")
    if target_path.is_dir():
        raise UsageError(f"{args.output} is a folder; give the name of the file to write")
    if not target_path.absolute().parent.is_dir():
        raise UsageError(f"cannot write {args.output}: the folder "
                         f"{target_path.absolute().parent} does not exist")
    source = FORMATS[args.source] if args.source else detect_format(args.input)
    if source is None:
        raise UsageError(f"cannot tell the format of {args.input}; name it with --from")
    if args.target:
        target = FORMATS[args.target]
    else:
        target = format_for_extension(args.output, writing=True)
        if target is not None and source.kind == DUBLIN_CORE and target.kind == MARC:
            target = FORMATS["oai_dc"] if target.name == "marcxml" else target
    if target is None:
        raise UsageError(f"cannot tell which format to write from the name {args.output}; "
                         "name it with --to")
    if source.kind == DUBLIN_CORE and target.kind == MARC:
        raise UsageError(f"{args.input} holds Dublin Core records, which cannot be written as "
                         f"{target.label}")
    return source, target


class _NothingConverted(Exception):
    """Raised inside the writer's block so that the atomic write leaves OUT untouched."""


def convert(args: argparse.Namespace) -> int:
    source, target = _formats(args)
    converted = skipped = repaired = 0
    try:
        with open_writer(args.output, target) as writer:
            for item in read_file(args.input, source):
                if not item.ok:
                    skipped += 1
                    for problem in item.errors:
                        print(problem, file=sys.stderr)
                    continue
                if item.warnings:
                    repaired += 1
                    if not args.quiet:
                        for problem in item.warnings:
                            print(problem, file=sys.stderr)
                        if item.suppressed:
                            print(f"{args.input}: record {item.number}: ... and "
                                  f"{item.suppressed} more warnings", file=sys.stderr)
                try:
                    writer.write(item.record)
                except WriteError as error:
                    skipped += 1
                    print(f"{Path(args.input).name}, record {item.number}: error: cannot be "
                          f"written as {target.label}: {error}", file=sys.stderr)
                    continue
                converted += 1
            if converted == 0:
                raise _NothingConverted
    except _NothingConverted:
        what = (f"none of its {skipped} records could be converted" if skipped else
                f"no records were found in it (is it {source.label}?)")
        print(f"{args.input}: {what}; {args.output} was not written", file=sys.stderr)
        return EXIT_SKIPPED
    total = converted + skipped
    summary = f"{args.input} -> {args.output}: converted {converted} of {total} records " \
              f"({source.label} to {target.label})"
    if repaired:
        summary += f"; {repaired} repaired on reading"
    if skipped:
        summary += f"; {skipped} skipped"
    print(summary)
    return EXIT_SKIPPED if skipped else EXIT_OK


GuiLauncher = Callable[[list[str], str | None], int]  # files, the store's URL


def main(argv: Sequence[str] | None = None, launch_gui: GuiLauncher | None = None) -> int:
    """Run a command. With none, ``launch_gui`` opens the desktop app: ui/ passes it in, so the
    core never imports the front end (``python -m sandbox`` alone is headless)."""
    try:
        return _main(argv, launch_gui)
    except BrokenPipeError:  # output piped into head or less, which stopped reading
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _database_option(argv: list[str], parser: argparse.ArgumentParser) -> tuple[str | None, list[str]]:
    """``--db URL`` before a FILE (or alone): the learner's store for the desktop app."""
    if argv and argv[0] in SUBCOMMANDS:
        return None, argv
    rest, url = [], None
    words = iter(argv)
    for word in words:
        if word == "--db":
            url = next(words, None)
            if url is None:
                parser.error("--db needs a database: a file path or a URL such as "
                             "postgresql://teacher@school/catalog")
        elif word.startswith("--db="):
            url = word.removeprefix("--db=")
        else:
            rest.append(word)
    return url, rest


def _main(argv: Sequence[str] | None, launch_gui: GuiLauncher | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    db_url, argv = _database_option(argv, parser)
    if not argv or (argv[0] not in SUBCOMMANDS and not argv[0].startswith("-")):
        if len(argv) > 1:
            parser.error("give at most one FILE to open, or a command")
        if argv and not Path(argv[0]).exists():
            parser.error(f"'{argv[0]}' is neither a command ({', '.join(SUBCOMMANDS)}) nor a "
                         "file to open")
        if launch_gui is None:
            parser.print_help(sys.stderr)
            print("\ncatsandbox: this is the headless core; the desktop app starts with the "
                  "'catsandbox' command (or python -m ui)", file=sys.stderr)
            return EXIT_USAGE
        return launch_gui(list(argv), db_url)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        if args.command == "convert":
            return convert(args)
        from sandbox import desk

        if args.command in desk.SUBCOMMANDS:
            return desk.RUNNERS[args.command](args)
        if args.command in ("lint", "rules"):
            from sandbox import lint

            return lint.lint(args) if args.command == "lint" else lint.rules(args)
        if args.command in ("pack", "grade"):
            from sandbox.packs import commands

            return commands.run(args)
    except UsageError as error:
        print(f"catsandbox: {error}", file=sys.stderr)
        return EXIT_USAGE
    parser.print_help()
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
