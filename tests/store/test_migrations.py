"""Schema migrations: an older database is upgraded keeping its data; a newer one is left alone."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from sandbox.store import StoreError, StoreTooNew, backups, migrate, open_store, schema
from sandbox.store.connect import _resolve

T0 = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


def raw_engine(store_url: str):
    """An engine on the store's database that does nothing on its own (no migrations, no
    pragmas)."""
    sa_url, _ = _resolve(store_url)
    return create_engine(sa_url)


def make_revision_one_database(store_url: str) -> None:
    """What the first release of Catalog Sandbox left behind, with some of a learner's work."""
    engine = raw_engine(store_url)
    with engine.begin() as connection:
        command.upgrade(migrate._config(connection), "0001")
        # No explicit ids: PostgreSQL's sequences must move on as they did for the real rows.
        connection.execute(text("INSERT INTO learners (name, created_at) VALUES "
                                "('Ana Ruiz', :t), ('Ben Okafor', :t)"), {"t": T0})
        ana, ben = (connection.execute(text("SELECT id FROM learners WHERE name = :n"), {"n": n})
                    .scalar_one() for n in ("Ana Ruiz", "Ben Okafor"))
        connection.execute(text(
            "INSERT INTO installed_packs (pack_id, version, sha256, title, path, installed_at) "
            "VALUES ('starter', '1.0.0', :sha, 'Starter', '/p/starter.catpack', :t)"),
            {"sha": "ab" * 32, "t": T0})
        connection.execute(text(
            "INSERT INTO pack_exercises (pack_id, version, exercise_id, position, content_hash) "
            "VALUES ('starter', '1.0.0', 'describe-walden', 0, 'h1')"))
        connection.execute(text(
            "INSERT INTO drafts (learner_id, context_key, text, format, updated_at) VALUES "
            "(:ana, 'exercise:starter/describe-walden', '=245  10$aWalden', 'mrk', :t)"),
            {"ana": ana, "t": T0})
        connection.execute(text(
            "INSERT INTO attempts (learner_id, pack_id, pack_version, exercise_id, "
            "exercise_hash, format, record, score, max_score, percent, checks, submitted_at) "
            "VALUES "
            "(:ana, 'starter', '1.0.0', 'describe-walden', 'h1', 'mrk', '=245  10$aWalden', 8, 10, "
            "80, :checks, :t)"),
            {"ana": ana, "t": T0,
             "checks": '[{"competency": "description", "earned": 2, "possible": 2}]'})
        attempt = connection.execute(text("SELECT id FROM attempts")).scalar_one()
        connection.execute(text("INSERT INTO attempt_rules (attempt_id, rule_id, occurrences) "
                                "VALUES (:attempt, 'PUN-003', 2)"), {"attempt": attempt})
        connection.execute(text("INSERT INTO drill_answers (learner_id, item_key, topic, correct, "
                                "answered_at) VALUES (:ben, 'tag:020', 'tag', :yes, :t)"),
                           {"ben": ben, "yes": True, "t": T0})
    engine.dispose()


def version_of(store_url: str) -> set[str]:
    engine = raw_engine(store_url)
    with engine.connect() as connection:
        found = migrate.current_revisions(connection)
    engine.dispose()
    return found


def test_there_are_two_revisions_and_the_head_is_the_second():
    assert migrate.known_revisions() == {"0001", "0002"}
    assert migrate.head_revision() == "0002"


def test_the_revisions_the_code_knows_are_the_scripts_revisions():
    """Opening a store at the head skips Alembic, trusting REVISIONS: it must match the scripts."""
    revisions, head = migrate.script_revisions()
    assert revisions == migrate.known_revisions()
    assert head == migrate.head_revision()


def test_a_new_store_is_stamped_with_the_head(store_url):
    open_store(store_url).close()
    assert version_of(store_url) == {migrate.head_revision()}


def test_a_revision_one_database_is_upgraded_and_keeps_its_data(store_url):
    make_revision_one_database(store_url)
    assert version_of(store_url) == {"0001"}
    with open_store(store_url) as store:
        assert version_of(store_url) == {"0002"}
        ana, ben = store.learners()
        assert (ana.name, ben.name) == ("Ana Ruiz", "Ben Okafor")
        assert ana.created_at == T0
        assert store.draft(ana.id, "exercise:starter/describe-walden").text == "=245  10$aWalden"
        [attempt] = store.attempts(ana.id)
        assert (attempt.record, attempt.percent, attempt.rules) == ("=245  10$aWalden", 80.0,
                                                                    {"PUN-003": 2})
        assert attempt.hints_used == 0  # the column revision 0002 added, filled for old rows
        assert attempt.checks == [{"competency": "description", "earned": 2, "possible": 2}]
        assert store.installed_pack("starter").exercises == {"describe-walden": "h1"}
        assert [(a.item_key, a.correct) for a in store.drill_answers(ben.id)] == [("tag:020", True)]
        # And the upgraded database takes new work, ids continuing after the old ones.
        newer = store.record_attempt(ana.id, "starter", "1.0.0", "describe-walden",
                                     record="again", fmt="mrk", score=10, max_score=10)
        assert newer.id > attempt.id
        assert store.best_scores(ana.id, "starter") == {"describe-walden": 100.0}
        assert store.add_learner("Cai").id > ben.id


def test_the_upgrade_adds_revision_twos_indexes(store_url):
    make_revision_one_database(store_url)
    open_store(store_url).close()
    engine = raw_engine(store_url)
    with engine.connect() as connection:
        indexes = {index["name"] for index in inspect(connection).get_indexes("attempts")}
    engine.dispose()
    assert {"ix_attempts_learner_pack", "ix_attempts_pack"} <= indexes


def test_a_sqlite_file_is_backed_up_before_it_is_upgraded(tmp_path):
    path = tmp_path / "progress.sqlite3"
    make_revision_one_database(str(path))
    open_store(path).close()
    [made] = backups(path)
    assert "before-upgrade" in made.name
    assert version_of(str(made)) == {"0001"}  # the backup is the database as it was


def test_the_migrated_database_has_every_column_the_code_uses(store_url):
    make_revision_one_database(store_url)
    open_store(store_url).close()
    engine = raw_engine(store_url)
    with engine.connect() as connection:
        inspector = inspect(connection)
        for table in schema.metadata.sorted_tables:
            present = {column["name"] for column in inspector.get_columns(table.name)}
            assert set(table.columns.keys()) == present, table.name
    engine.dispose()


def stamp_newer(store_url: str) -> None:
    open_store(store_url).close()
    engine = raw_engine(store_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999_future'"))
        connection.execute(text("CREATE TABLE future_feature (x INTEGER)"))
    engine.dispose()


def snapshot(store_url: str) -> object:
    """What a database holds, to show it was not touched: the file's bytes, or the server's rows."""
    _, path = _resolve(store_url)
    if path is not None:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(Path(path).parent.iterdir()) if p.is_file()}
    engine = raw_engine(store_url)
    with engine.connect() as connection:
        tables = sorted(inspect(connection).get_table_names())
        version = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    engine.dispose()
    return tables, version


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(store_url):
    stamp_newer(store_url)
    before = snapshot(store_url)
    with pytest.raises(StoreTooNew) as refused:
        open_store(store_url)
    assert "made by a newer Catalog Sandbox" in str(refused.value)
    assert "0999_future" in str(refused.value) and "not been changed" in str(refused.value)
    assert snapshot(store_url) == before
    assert version_of(store_url) == {"0999_future"}


def test_tables_of_ours_without_a_revision_stamp_are_not_taken_over(store_url):
    engine = raw_engine(store_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE learners (who TEXT)"))
        connection.execute(text("INSERT INTO learners VALUES ('someone else')"))
    engine.dispose()
    with pytest.raises(StoreError, match="was not made by Catalog Sandbox"):
        open_store(store_url)
    engine = raw_engine(store_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT who FROM learners")).scalar() == "someone else"
    engine.dispose()


def test_migration_scripts_ship_inside_the_package():
    versions = sorted(p.name for p in (migrate.MIGRATIONS / "versions").glob("*.py"))
    assert versions == ["0001_first_schema.py", "0002_hints_and_lookup_indexes.py"]
    assert (migrate.MIGRATIONS / "env.py").is_file()
    assert not (Path(migrate.__file__).parent / "alembic.ini").exists()


def test_copies_opening_a_new_database_at_once_create_the_schema_once(store_url):
    # A classroom: every copy of the app starts at nine o'clock against the same empty database.
    def open_and_add(number):
        with open_store(store_url, busy_timeout=30) as store:
            return store.add_learner(f"Learner {number}").id

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(open_and_add, range(4)))
    assert len(set(ids)) == 4
    assert version_of(store_url) == {migrate.head_revision()}
    with open_store(store_url) as store:
        assert len(store.learners()) == 4
