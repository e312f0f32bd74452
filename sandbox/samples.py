"""The sample records shipped with the app (``sample_records/``), found wherever it is installed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: Files the app opens when it starts with no file: one per kind of record, each format once.
STARTER_FILES = ("starter-records.mrk", "dublin-core-dcterms.xml")


def samples_directory() -> Path:
    return Path(str(resources.files("sample_records")))


def starter_files() -> list[Path]:
    directory = samples_directory()
    return [directory / name for name in STARTER_FILES if (directory / name).is_file()]


def sample_files() -> list[Path]:
    """Every record file in the samples folder (README and the like left out)."""
    return sorted(
        path for path in samples_directory().iterdir()
        if path.is_file() and path.suffix.lower() in {".mrk", ".mrc", ".xml", ".json"}
    )
