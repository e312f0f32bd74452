"""The ``catsandbox`` command: the desktop app, or any headless subcommand of ``sandbox.cli``."""

from __future__ import annotations

import sys

from sandbox import cli


def launch_gui(files: list[str], db_url: str | None = None) -> int:
    try:
        from ui.app import run
    except ImportError as error:  # PySide6 missing, or the system libraries Qt needs
        print(f"catsandbox: the desktop app cannot start: {error}", file=sys.stderr)
        return cli.EXIT_SKIPPED
    return run(files, db_url)


def main(argv: list[str] | None = None) -> int:
    return cli.main(sys.argv[1:] if argv is None else argv, launch_gui=launch_gui)


if __name__ == "__main__":
    sys.exit(main())
