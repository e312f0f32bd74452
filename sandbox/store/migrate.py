"""Schema migrations with Alembic, run from code: no alembic.ini, the scripts ship in the package.

A database carries the revision that made it (Alembic's ``alembic_version`` table). An older one is
upgraded to the head; one stamped with a revision this version does not know was made by a newer
Catalog Sandbox and is refused before anything is written to it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, inspect, text

from sandbox.store import schema
from sandbox.store.errors import StoreError, StoreTooNew

MIGRATIONS = Path(__file__).with_name("migrations")
# Any constant works; every copy of the app takes this lock before it migrates a shared server.
_POSTGRES_MIGRATION_LOCK = 0x_CA7_5A0D


#: The revisions this version ships, oldest first; the last is the head. Opening a database that is
#: already at the head needs no Alembic at all (importing it costs a quarter of a second at
#: start-up); tests/store/test_migrations.py checks these against the scripts.
REVISIONS = ("0001", "0002")
HEAD = REVISIONS[-1]


def _config(connection: Connection | None = None):
    from alembic.config import Config

    config = Config()
    # Config values go through ConfigParser interpolation, where % is special.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return HEAD


def known_revisions() -> set[str]:
    return set(REVISIONS)


def script_revisions() -> tuple[set[str], str | None]:
    """What the migration scripts themselves say: every revision, and the head (for the test
    that keeps ``REVISIONS`` true)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_config())
    return {script.revision for script in scripts.walk_revisions()}, scripts.get_current_head()


def current_revisions(connection: Connection) -> set[str]:
    """The revisions the database is stamped with (empty for a new database). Reads only."""
    if not inspect(connection).has_table("alembic_version"):
        return set()
    return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}


def refuse_unknown(revisions: set[str], location: str) -> None:
    unknown = sorted(revisions - known_revisions())
    if unknown:
        raise StoreTooNew(
            f"The progress database {location} was made by a newer Catalog Sandbox (schema "
            f"revision {', '.join(unknown)}; this version knows up to {head_revision()}). It has "
            "not been changed. Use the newer Catalog Sandbox, open a backup, or start fresh: the "
            "file is kept as it is.", location=location)


def refuse_foreign(connection: Connection, location: str) -> None:
    """A database with our table names but no revision stamp is not ours to change."""
    ours = set(schema.metadata.tables)
    present = ours & set(inspect(connection).get_table_names())
    if present:
        raise StoreError(
            f"{location} already has tables named {', '.join(sorted(present))} but was not made "
            "by Catalog Sandbox (it carries no schema revision). Choose another database.",
            location=location, remedies=())


def upgrade(connection: Connection, location: str) -> None:
    """Bring the database to the head revision inside the caller's transaction."""
    if connection.dialect.name == "postgresql":
        # Several copies of the app may start together against one classroom server.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_POSTGRES_MIGRATION_LOCK})")
    revisions = current_revisions(connection)  # again, now that we hold the lock
    refuse_unknown(revisions, location)
    if not revisions:
        refuse_foreign(connection, location)
    from alembic import command
    from alembic.util.exc import CommandError

    try:
        command.upgrade(_config(connection), "head")
    except CommandError as error:
        raise StoreError(f"The progress database {location} could not be upgraded: {error}",
                         location=location, remedies=()) from error
