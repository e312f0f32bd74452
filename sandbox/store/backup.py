"""Copies of a SQLite store, and setting a damaged file aside without losing it.

Backups are made with SQLite's online backup API (a consistent copy even while the app writes),
into ``backups/`` beside the database: before every schema upgrade, and once a day when the store
opens. Setting a file aside renames it (with its ``-wal`` and ``-shm`` companions, which belong to
it) to a name carrying the time, so nothing a learner did is ever deleted by the store.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine

from sandbox.store.errors import Remedy, StoreCorrupt

BACKUP_SUFFIX = ".sqlite3"
KEEP_BACKUPS = 10
DAILY = timedelta(days=1)
_COMPANIONS = ("-wal", "-shm", "-journal")


def backup_folder(path: Path) -> Path:
    return path.parent / "backups"


def backups(path: Path) -> list[Path]:
    """The backups of the store at ``path``, newest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{path.stem}-*{BACKUP_SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)  # names carry the time, sortably


def make_backup(engine: Engine, path: Path, reason: str = "daily") -> Path:
    """Copy the live database to ``backups/<stem>-<time>-<reason>.sqlite3`` and return that path."""
    folder = backup_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{path.stem}-{stamp}-{reason}{BACKUP_SUFFIX}"
    partial = target.with_name(target.name + ".part")
    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(partial)
        try:
            raw.driver_connection.backup(destination)
        finally:
            destination.close()
        _fsync(partial)
        os.replace(partial, target)
    finally:
        raw.close()
        partial.unlink(missing_ok=True)
    _prune(path)
    return target


def backup_due(path: Path, now: datetime | None = None) -> bool:
    """True when the newest backup is a day old or there is none."""
    existing = backups(path)
    if not existing:
        return True
    made = datetime.fromtimestamp(existing[0].stat().st_mtime, UTC)
    return (now or datetime.now(UTC)) - made >= DAILY


def check_sound(path: Path) -> None:
    """Raise ``StoreCorrupt`` unless ``path`` is a sound SQLite database (read only, no changes)."""
    try:
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            verdict = [row[0] for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise StoreCorrupt(f"The backup {path} cannot be used: {error}.", location=str(path),
                           remedies=()) from error
    if verdict != ["ok"]:
        raise StoreCorrupt(f"The backup {path} is damaged too ({verdict[0]}).", location=str(path),
                           remedies=())


def set_aside(path: Path, now: datetime | None = None) -> Path | None:
    """Rename the store (and its companions) to ``<stem>.set-aside-<time><suffix>``; return the new
    name, or None when there was no file."""
    if not path.exists():
        for suffix in _COMPANIONS:  # stray companions would be taken for the new file's
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.stem}.set-aside-{stamp}{path.suffix}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.stem}.set-aside-{stamp}-{counter}{path.suffix}")
    os.replace(path, aside)
    for suffix in _COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{suffix}"))
    return aside


def offered(remedies: tuple[Remedy, ...], path: Path | None) -> tuple[Remedy, ...]:
    """The remedies that can work here: "open a backup" only when there is one."""
    if path is not None and backups(path):
        return remedies
    return tuple(remedy for remedy in remedies if remedy is not Remedy.OPEN_BACKUP)


def _prune(path: Path) -> None:
    for old in backups(path)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
