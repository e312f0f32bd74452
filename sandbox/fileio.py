"""Every file the app writes is written atomically: a temporary file beside it, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open ``path`` for binary writing; the file appears whole on success and not at all on error."""
    target = Path(path)
    handle = tempfile.NamedTemporaryFile(
        mode="wb", dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False
    )
    try:
        with handle:
            yield handle  # type: ignore[misc]
            handle.flush()
            os.fsync(handle.fileno())
        # A temporary file is private (0600); give the result the mode a plain write would.
        os.chmod(handle.name, target.stat().st_mode & 0o7777 if target.exists() else _default_mode())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


APP_DIR_NAME = "catalog-sandbox"


def user_data_folder() -> Path:
    """The app's folder in the user data directory (e.g. ~/.local/share/catalog-sandbox): the
    progress database, installed packs and the learner's copies of the samples live there."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
