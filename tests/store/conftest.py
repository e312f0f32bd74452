"""The store's tests run against SQLite always and against PostgreSQL when a server is given.

``CATSANDBOX_TEST_POSTGRES_URL`` names an empty database on a server the tests may write to
(``scripts/start-test-postgres.sh`` starts a throwaway one; ``scripts/run-tests`` does so itself).
Each test gets its own PostgreSQL schema, dropped afterwards. In CI (``CI`` set) a missing server
fails the PostgreSQL half instead of skipping it, so the classroom backend is never untested.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, make_url

from sandbox.store import Store, open_store

POSTGRES_VARIABLE = "CATSANDBOX_TEST_POSTGRES_URL"


def postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_VARIABLE)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {POSTGRES_VARIABLE} is not: the store must be tested against "
                    "PostgreSQL in CI (scripts/run-tests starts a server with "
                    "scripts/start-test-postgres.sh)")
    pytest.skip(f"no PostgreSQL server: set {POSTGRES_VARIABLE} "
                "(see scripts/start-test-postgres.sh)")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections see only a new, empty schema of the test server."""
    base = make_url(postgres_base_url())
    if base.drivername in ("postgresql", "postgres"):
        base = base.set(drivername="postgresql+psycopg")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """Where a store under test lives: a SQLite file, or a fresh schema on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "progress.sqlite3")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url) -> Iterator[Store]:
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()
