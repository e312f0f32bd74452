"""What can go wrong with the learner's store, said plainly, with the ways on.

Every failure of the database reaches the app as a ``StoreError`` subclass: a message a learner can
read (which file, what happened, whether their last change was kept) and ``remedies``, the ways on
the app may offer as buttons. Nothing from SQLAlchemy, sqlite3 or psycopg escapes the store.
"""

from __future__ import annotations

import sqlite3
from enum import StrEnum

from sqlalchemy import exc as sa_exc


class Remedy(StrEnum):
    """A way on from a store error; the app turns each into a button."""

    RETRY = "retry"
    OPEN_BACKUP = "open a backup"
    START_FRESH = "start fresh keeping the old file"


class StoreError(Exception):
    """The store could not do what was asked. ``str(error)`` is the message for the learner."""

    default_remedies: tuple[Remedy, ...] = (Remedy.RETRY,)

    def __init__(self, message: str, *, location: str = "",
                 remedies: tuple[Remedy, ...] | None = None):
        super().__init__(message)
        self.message = message
        self.location = location  # the database file, or the server's address (password hidden)
        self.remedies: tuple[Remedy, ...] = self.default_remedies if remedies is None else remedies


class StoreLocked(StoreError):
    """Another program holds the database; trying again later usually works."""


class StoreReadOnly(StoreError):
    """The database file or its folder cannot be written."""


class StoreFull(StoreError):
    """The disk (or the server's disk) is full."""


class StoreCorrupt(StoreError):
    """The file is not a sound database: damaged, truncated, or not a database at all."""

    default_remedies = (Remedy.OPEN_BACKUP, Remedy.START_FRESH)


class StoreTooNew(StoreError):
    """The database was made by a newer Catalog Sandbox; this version leaves it untouched."""

    default_remedies = (Remedy.OPEN_BACKUP, Remedy.START_FRESH)


class StoreUnreachable(StoreError):
    """A database server (classroom mode) could not be reached or refused the connection."""


class LearnerExists(StoreError, ValueError):
    """A learner profile of that name is already in this store."""

    default_remedies = ()


# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26


def translate(error: BaseException, location: str) -> StoreError:
    """Turn a database or file-system exception into the ``StoreError`` the app can explain."""
    if isinstance(error, StoreError):
        return error
    original = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if isinstance(original, sqlite3.Error):
        return _from_sqlite(original, location)
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate is not None or type(original).__module__.startswith("psycopg"):
        return _from_server(original, sqlstate, location)
    if isinstance(original, PermissionError):
        return StoreReadOnly(f"Catalog Sandbox may not write to {location}: {original.strerror}. "
                             "Your work cannot be saved there until it is writable.",
                             location=location)
    if isinstance(original, OSError):
        return StoreError(f"Catalog Sandbox could not use {location}: "
                          f"{original.strerror or original}.", location=location)
    return StoreError(f"Your progress database {location} could not be used: {original}.",
                      location=location)


def _from_sqlite(error: sqlite3.Error, location: str) -> StoreError:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    where = f"Your progress database {location}"
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return StoreLocked(f"{where} is in use by another program, perhaps another copy of "
                           "Catalog Sandbox, so nothing could be saved just now. Close the other "
                           "program and try again; what was saved before is safe.",
                           location=location)
    if primary in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly" in text or "read-only" in text:
        return StoreReadOnly(f"{where} is read-only (the file or its folder cannot be written), so "
                             "your work cannot be saved. Make it writable and try again.",
                             location=location)
    if primary == _SQLITE_FULL or "disk is full" in text:
        return StoreFull(f"The disk holding {location} is full, so your last change was not saved. "
                         "Free some space and try again; what was saved before is safe.",
                         location=location)
    # A text that no longer decodes is a damaged page read back, not a programming error.
    damaged_words = ("malformed", "not a database", "could not decode")
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or any(word in text for word in damaged_words):
        return StoreCorrupt(f"{where} is damaged ({error}) and cannot be used as it is. Catalog "
                            "Sandbox has not changed it; starting fresh keeps it beside the new "
                            "one.", location=location)
    if primary == _SQLITE_CANTOPEN:
        return StoreReadOnly(f"{where} cannot be opened or created ({error}): check that its "
                             "folder exists and is writable.", location=location)
    if primary == _SQLITE_IOERR:
        return StoreError(f"The disk reported an error while using {location} ({error}). "
                          "Your last change may not have been saved.", location=location)
    return StoreError(f"{where} could not be used: {error}.", location=location)


def _from_server(error: BaseException, sqlstate: str | None, location: str) -> StoreError:
    state = sqlstate or ""
    where = f"The classroom database {location}"
    if state.startswith("08") or not state:
        # Class 08 is "connection exception"; psycopg gives no sqlstate when the server never
        # answered at all.
        said = str(error).strip()
        first_line = said.splitlines()[0] if said else type(error).__name__
        return StoreUnreachable(f"{where} could not be reached: {first_line}. Check the server "
                                "address and that the server is running, then try again.",
                                location=location)
    if state == "28P01" or state.startswith("28"):
        return StoreUnreachable(f"{where} refused the user name or password.", location=location,
                                remedies=())
    if state in ("55P03", "40001", "40P01"):
        return StoreLocked(f"{where} was busy with another learner's change; try again.",
                           location=location)
    if state.startswith("53"):
        return StoreFull(f"{where} is out of space or resources ({error}). Ask whoever runs the "
                         "server; what was saved before is safe.", location=location)
    if state in ("25006", "42501"):
        return StoreReadOnly(f"{where} does not let this user write ({error}).", location=location,
                             remedies=())
    return StoreError(f"{where} reported an error: {error}", location=location)
