"""Opening the store: where it lives, how SQLite is set up, and the ways on when it cannot open.

By default the store is a SQLite file in the user's data directory, made on first run. A classroom
passes a SQLAlchemy URL (``postgresql+psycopg://user@server/catalog``) so every copy shares one
server. Opening checks the file is sound, refuses a database from a newer version untouched,
upgrades an older one (after a backup), and makes sure it can be written.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, make_url, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.pool import StaticPool

from sandbox.fileio import user_data_folder
from sandbox.store import backup as backups_module
from sandbox.store import migrate
from sandbox.store.errors import StoreCorrupt, StoreError, StoreReadOnly, translate
from sandbox.store.store import Store

FILE_NAME = "progress.sqlite3"
DEFAULT_BUSY_TIMEOUT = 3.0  # seconds a write waits for another program's lock before giving up


def default_path() -> Path:
    """``progress.sqlite3`` in the user data directory (e.g. ~/.local/share/catalog-sandbox)."""
    return user_data_folder() / FILE_NAME


def open_store(url: str | os.PathLike[str] | None = None, *,
               busy_timeout: float = DEFAULT_BUSY_TIMEOUT, daily_backup: bool = True) -> Store:
    """Open (creating or upgrading as needed) the store at ``url``.

    ``url`` is None for the default file, a file path, or any SQLAlchemy URL. Raises a
    ``StoreError`` subclass, never anything else, when the store cannot be used.
    """
    sa_url, path = _resolve(url)
    location = str(path) if path else sa_url.render_as_string(hide_password=True)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            failure = StoreReadOnly if isinstance(error, PermissionError) else StoreError
            raise failure(f"Catalog Sandbox cannot make the folder {path.parent} for your progress "
                          f"database ({error.strerror or error}). Your work cannot be saved there "
                          "until it can.", location=location) from error
    try:
        engine = _make_engine(sa_url, path, busy_timeout)
    except (sa_exc.SQLAlchemyError, OSError, ImportError) as error:
        raise _cannot_open(error, location) from error
    try:
        _prepare(engine, path, location, daily_backup)
    except BaseException as error:
        engine.dispose()
        if not isinstance(error, (StoreError, sa_exc.SQLAlchemyError, OSError)):
            raise
        failure = translate(error, location)
        failure.remedies = backups_module.offered(failure.remedies, path)
        if failure is error:
            raise
        raise failure from error
    return Store(engine, location, path)


def start_fresh(path: str | os.PathLike[str] | None = None, **options) -> Store:
    """Rename the store file aside (``progress.set-aside-<time>.sqlite3``) and open a new one."""
    target = Path(path) if path is not None else default_path()
    try:
        backups_module.set_aside(target)
    except OSError as error:
        raise translate(error, str(target)) from error
    return open_store(target, **options)


def restore_backup(backup: str | os.PathLike[str], path: str | os.PathLike[str] | None = None,
                   **options) -> Store:
    """Put ``backup`` in the store's place (the current file is set aside, not deleted) and open it.

    The backup is checked first: when it is damaged too, nothing is moved.
    """
    source = Path(backup)
    target = Path(path) if path is not None else default_path()
    backups_module.check_sound(source)
    try:
        staged = target.with_name(target.name + ".restoring")
        staged.write_bytes(source.read_bytes())
        backups_module.set_aside(target)
        os.replace(staged, target)
    except OSError as error:
        raise translate(error, str(target)) from error
    return open_store(target, **options)


def _resolve(url: str | os.PathLike[str] | None) -> tuple[URL, Path | None]:
    if url is None:
        path = default_path()
    elif isinstance(url, os.PathLike) or "://" not in url:
        path = Path(url).expanduser()
    else:
        try:
            sa_url = make_url(url)
        except sa_exc.ArgumentError as error:
            raise StoreError(f"'{url}' is not a database address (expected a file or a URL "
                             "such as postgresql://user@server/catalog).", location=url,
                             remedies=()) from error
        if sa_url.drivername in ("postgresql", "postgres"):
            sa_url = sa_url.set(drivername="postgresql+psycopg")  # the driver we depend on
        if sa_url.get_backend_name() == "sqlite" and sa_url.database not in (None, "", ":memory:"):
            return sa_url, Path(sa_url.database).expanduser().absolute()
        return sa_url, None
    path = path.absolute()
    return URL.create("sqlite+pysqlite", database=str(path)), path


def _make_engine(sa_url: URL, path: Path | None, busy_timeout: float) -> Engine:
    if sa_url.get_backend_name() != "sqlite":
        connect_args = {} if "connect_timeout" in sa_url.query else {"connect_timeout": 10}
        return create_engine(sa_url, pool_pre_ping=True, connect_args=connect_args)
    if path is None:  # in memory: one connection, or every connection would see a new database
        engine = create_engine(sa_url, poolclass=StaticPool,
                               connect_args={"check_same_thread": False})
    else:
        engine = create_engine(sa_url, connect_args={"timeout": busy_timeout})
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # We emit BEGIN ourselves (below), so that DDL and every write really run in a
        # transaction; Python's sqlite3 would otherwise begin late and commit DDL on its own.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # FULL: a commit is on disk before it returns, so an autosave survives a power cut too.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # A write takes the write lock at once, so it waits (busy timeout) instead of failing
        # half-way when another program writes at the same moment.
        write = connection.get_execution_options().get("catsandbox_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _prepare(engine: Engine, path: Path | None, location: str, daily_backup: bool) -> None:
    sqlite = engine.dialect.name == "sqlite"
    existed = path is not None and path.exists() and path.stat().st_size > 0
    with engine.connect() as connection:
        if sqlite:
            verdict = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check")]
            if verdict != ["ok"]:
                raise StoreCorrupt(
                    f"Your progress database {location} is damaged ({verdict[0]}) and cannot be "
                    "used as it is. Catalog Sandbox has not changed it; starting fresh keeps it "
                    "beside the new one.", location=location)
        revisions = migrate.current_revisions(connection)
    migrate.refuse_unknown(revisions, location)  # before anything is written
    if sqlite and path is not None:
        _use_wal(engine)
    if revisions != {migrate.head_revision()}:
        if sqlite and path is not None and revisions:
            backups_module.make_backup(engine, path, reason="before-upgrade")
        with engine.connect() as connection:
            connection.execution_options(catsandbox_write=True)
            with connection.begin():
                migrate.upgrade(connection, location)
    _probe_write(engine)
    if sqlite and path is not None and existed and daily_backup and backups_module.backup_due(path):
        try:
            backups_module.make_backup(engine, path)
        except (sa_exc.SQLAlchemyError, OSError):
            pass  # a missed daily backup must not keep the learner from working


def _use_wal(engine: Engine) -> None:
    # journal_mode cannot change inside a transaction; this connection runs in autocommit.
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA journal_mode = WAL").fetchall()
    finally:
        raw.close()


def _probe_write(engine: Engine) -> None:
    """Fail now, with a clear message, when the store can be read but not written."""
    with engine.connect() as connection:
        connection.execution_options(catsandbox_write=True)
        with connection.begin() as transaction:
            connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
            transaction.rollback()


def _cannot_open(error: BaseException, location: str) -> StoreError:
    if isinstance(error, (sa_exc.NoSuchModuleError, ImportError)):
        return StoreError(f"Catalog Sandbox cannot talk to the database at {location}: its "
                          f"driver is not installed ({error}). PostgreSQL needs the 'postgresql' "
                          "extra.",
                          location=location, remedies=())
    return translate(error, location)
