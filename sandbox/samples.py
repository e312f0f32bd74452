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


def learner_copies(folder: Path) -> list[Path]:
    """The starter files copied into ``folder`` (once; a learner's edits to them stay), so that
    saving never writes over the files that ship with the app."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for source in starter_files():
        target = folder / source.name
        if not target.exists():
            shutil.copyfile(source, target)
        copies.append(target)
    return copies


def samples_folder() -> Path:
    """Where the learner's own copies of the samples live (``samples`` in the user data folder)."""
    from sandbox.fileio import user_data_folder

    return user_data_folder() / "samples"
