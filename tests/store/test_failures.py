"""A locked, read-only, full or corrupt database gives a clear StoreError with ways on, never a
traceback; starting fresh keeps the old file; backups can be listed and restored."""

from __future__ import annotations

import ctypes
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from sandbox.store import (
    Remedy,
    StoreCorrupt,
    StoreError,
    StoreFull,
    StoreLocked,
    StoreUnreachable,
    backups,
    default_path,
    open_store,
    restore_backup,
    start_fresh,
)
from tests.conftest import PROJECT

QUICK = 0.2  # seconds a write waits for a lock in these tests
BIG_DRAFT = "=500  \\\\$a" + "x" * 200_000


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "progress.sqlite3"


def seeded(path: Path, drafts: int = 1) -> int:
    """Make a store with one learner and some drafts; return the learner's id."""
    with open_store(path) as store:
        learner_id = store.add_learner("Ana Ruiz").id
        for number in range(drafts):
            store.save_draft(learner_id, f"file:/r.mrk#record-{number}", f"=245  10$aDraft {number}"
                             + " filler" * 300, "mrk")
    return learner_id


def draft_texts(path: Path, learner_id: int) -> dict[str, str]:
    with open_store(path, daily_backup=False) as store:
        return {draft.key: draft.text for draft in store.drafts(learner_id)}


def assert_explained(error: StoreError, path: Path) -> None:
    assert str(path) in str(error) and error.location == str(path)
    assert "Traceback" not in str(error) and "sqlite3." not in str(error)


# -- locked ------------------------------------------------------------------------------------

def test_a_write_while_another_program_holds_the_lock_says_so_and_can_be_retried(path):
    learner_id = seeded(path)
    store = open_store(path, busy_timeout=QUICK)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreLocked) as locked:
            store.save_draft(learner_id, "file:/r.mrk#record-0", "=245  10$aNew", "mrk")
        assert_explained(locked.value, path)
        assert "in use by another program" in str(locked.value)
        assert locked.value.remedies == (Remedy.RETRY,)
        assert store.draft(learner_id, "file:/r.mrk#record-0").text.startswith("=245  10$aDraft 0")
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.save_draft(learner_id, "file:/r.mrk#record-0", "=245  10$aNew", "mrk")  # the retry
    assert store.draft(learner_id, "file:/r.mrk#record-0").text == "=245  10$aNew"
    store.close()


def test_opening_a_database_another_program_holds_exclusively_says_it_is_locked(path):
    seeded(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("DELETE FROM drafts")
    try:
        with pytest.raises(StoreLocked) as locked:
            open_store(path, busy_timeout=QUICK)
        assert_explained(locked.value, path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    open_store(path).close()


# -- read-only ---------------------------------------------------------------------------------

READ_ONLY_CHILD = r"""
import json, sys
from sandbox.store import StoreError, open_store
try:
    store = open_store(sys.argv[1])
    store.save_draft(store.learners()[0].id, "file:/r.mrk#record-9", "=245  10$aNew", "mrk")
    outcome = {"error": None}
except StoreError as error:
    outcome = {"error": type(error).__name__, "message": str(error),
               "remedies": [str(r) for r in error.remedies]}
print(json.dumps(outcome))
"""


def _without_root_file_powers() -> None:
    # Root writes anywhere; dropping these capabilities before exec makes file modes bind it too.
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def open_as_an_ordinary_user(target: Path) -> dict:
    """Open the store and save a draft in a child process that file permissions apply to."""
    result = subprocess.run(
        [sys.executable, "-c", READ_ONLY_CHILD, str(target)], capture_output=True, text=True,
        cwd=PROJECT, timeout=60,
        preexec_fn=_without_root_file_powers if os.geteuid() == 0 else None)
    assert result.returncode == 0, result.stderr  # a StoreError, not a traceback
    return json.loads(result.stdout)


def test_a_read_only_file_is_reported_and_left_as_it_was(path):
    learner_id = seeded(path)
    before = draft_texts(path, learner_id)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        outcome = open_as_an_ordinary_user(path)
    finally:
        path.chmod(0o644)
    assert outcome["error"] == "StoreReadOnly", outcome
    assert str(path) in outcome["message"] and "read-only" in outcome["message"]
    assert outcome["remedies"] == ["retry"]
    assert draft_texts(path, learner_id) == before


def test_a_read_only_folder_is_reported(path):
    learner_id = seeded(path)
    before = draft_texts(path, learner_id)
    path.parent.chmod(0o555)
    try:
        outcome = open_as_an_ordinary_user(path)
    finally:
        path.parent.chmod(0o755)
    assert outcome["error"] == "StoreReadOnly", outcome
    assert str(path) in outcome["message"]
    assert draft_texts(path, learner_id) == before


def test_a_store_that_cannot_be_created_is_reported(tmp_path):
    locked_away = tmp_path / "read-only"
    locked_away.mkdir()
    locked_away.chmod(0o555)
    try:
        outcome = open_as_an_ordinary_user(locked_away / "catalog-sandbox" / "progress.sqlite3")
    finally:
        locked_away.chmod(0o755)
    assert outcome["error"] == "StoreReadOnly", outcome
    assert f"cannot make the folder {locked_away / 'catalog-sandbox'}" in outcome["message"]


# -- full --------------------------------------------------------------------------------------

def test_a_full_disk_is_reported_and_what_was_saved_stays(path):
    learner_id = seeded(path, drafts=3)
    before = draft_texts(path, learner_id)
    store = open_store(path)
    with store.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()

    # The database may not grow past its present size: what a full disk does to SQLite.
    @event.listens_for(store.engine, "connect")
    def _cap_size(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 1}")

    store.engine.dispose()  # new connections, each capped
    with pytest.raises(StoreFull) as full:
        store.save_draft(learner_id, "file:/big.mrk#record-1", BIG_DRAFT, "mrk")
    assert_explained(full.value, path)
    assert "full" in str(full.value) and "what was saved before is safe" in str(full.value)
    assert full.value.remedies == (Remedy.RETRY,)
    assert {d.key: d.text for d in store.drafts(learner_id)} == before
    store.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with open_store(path) as roomier:  # space freed: the retry works
        roomier.save_draft(learner_id, "file:/big.mrk#record-1", BIG_DRAFT, "mrk")
        assert len(roomier.drafts(learner_id)) == 4


# -- corrupt -----------------------------------------------------------------------------------

def test_random_bytes_are_not_a_database_and_are_not_touched(path):
    noise = os.urandom(16_384)
    path.write_bytes(noise)
    with pytest.raises(StoreCorrupt) as corrupt:
        open_store(path)
    assert_explained(corrupt.value, path)
    assert "damaged" in str(corrupt.value) and "has not changed it" in str(corrupt.value)
    assert corrupt.value.remedies == (Remedy.START_FRESH,)  # no backup to offer
    assert path.read_bytes() == noise


def test_a_truncated_database_is_reported_as_damaged(path):
    seeded(path, drafts=200)
    whole = path.read_bytes()
    assert len(whole) > 100_000
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(StoreCorrupt) as corrupt:
        open_store(path)
    assert_explained(corrupt.value, path)


def test_damage_found_after_opening_is_reported_too(path):
    learner_id = seeded(path, drafts=200)
    store = open_store(path, daily_backup=False)
    store.engine.dispose()  # forget cached pages, as after a while
    page_size = 4096  # SQLite's default
    with path.open("r+b") as damaged:
        # An impossible page type at the head of every page of the second half of the file.
        for page_start in range(path.stat().st_size // 2 // page_size * page_size,
                                path.stat().st_size, page_size):
            damaged.seek(page_start)
            damaged.write(b"\xff" * 8)
    with pytest.raises(StoreCorrupt) as corrupt:
        for number in range(200):
            store.draft(learner_id, f"file:/r.mrk#record-{number}")
        store.drafts(learner_id)
    assert_explained(corrupt.value, path)
    store.close()


def test_start_fresh_sets_the_old_file_aside_and_opens_a_new_store(path):
    path.write_bytes(b"not a database at all" * 100)
    with start_fresh(path) as store:
        assert store.learners() == []
        store.add_learner("Ana")
    [aside] = list(path.parent.glob("progress.set-aside-*.sqlite3"))
    assert aside.read_bytes() == b"not a database at all" * 100
    with open_store(path) as reopened:
        assert [learner.name for learner in reopened.learners()] == ["Ana"]


def test_start_fresh_moves_the_write_ahead_log_with_its_database(path):
    seeded(path)
    Path(f"{path}-wal").write_bytes(b"log of the old file")
    start_fresh(path).close()
    [aside] = list(path.parent.glob("progress.set-aside-*.sqlite3"))
    assert Path(f"{aside}-wal").read_bytes() == b"log of the old file"


def test_a_damaged_store_with_a_backup_offers_it_and_restores_it(path):
    learner_id = seeded(path, drafts=3)
    with open_store(path, daily_backup=False) as store:
        made = store.backup()
        assert store.backups() == [made]
    before = draft_texts(path, learner_id)
    path.write_bytes(os.urandom(8192))
    with pytest.raises(StoreCorrupt) as corrupt:
        open_store(path)
    assert corrupt.value.remedies == (Remedy.OPEN_BACKUP, Remedy.START_FRESH)
    assert backups(path) == [made]
    with restore_backup(made, path) as restored:
        assert {d.key: d.text for d in restored.drafts(learner_id)} == before
    assert len(list(path.parent.glob("progress.set-aside-*.sqlite3"))) == 1
    assert made.exists()  # the backup itself stays a backup


def test_a_damaged_backup_is_refused_before_anything_is_moved(path, tmp_path):
    learner_id = seeded(path)
    bad_backup = tmp_path / "bad.sqlite3"
    bad_backup.write_bytes(b"\0garbage" * 1000)
    with pytest.raises(StoreCorrupt, match="The backup .* cannot be used"):
        restore_backup(bad_backup, path)
    assert draft_texts(path, learner_id)  # the store is where it was
    assert not list(path.parent.glob("progress.set-aside-*"))


def test_backups_are_made_daily_and_pruned(path):
    seeded(path)
    open_store(path).close()  # an existing store with no backup yet: one is made on opening
    [daily] = backups(path)
    assert daily.name.endswith("-daily.sqlite3")
    open_store(path).close()
    assert backups(path) == [daily]  # not again the same day
    with open_store(path) as store:
        for _ in range(12):
            store.backup()
    assert len(backups(path)) == 10


# -- servers and addresses ---------------------------------------------------------------------

def test_an_unreachable_server_says_so():
    with pytest.raises(StoreUnreachable) as unreachable:
        open_store("postgresql://learner:secret@127.0.0.1:1/catalog")
    message = str(unreachable.value)
    assert "could not be reached" in message and "127.0.0.1:1" in message
    assert "secret" not in message  # the password is never shown
    assert unreachable.value.remedies == (Remedy.RETRY,)


@pytest.mark.parametrize("address", ["nosuchdb://x/y", "postgresql+nosuchdriver://h/d", "://"])
def test_an_unusable_address_is_a_store_error(address):
    with pytest.raises(StoreError):
        open_store(address)


def test_the_default_store_lives_in_the_user_data_directory():
    # conftest points XDG_DATA_HOME at a temporary folder.
    expected = Path(os.environ["XDG_DATA_HOME"]) / "catalog-sandbox" / "progress.sqlite3"
    assert default_path() == expected
    assert not expected.exists()
    with open_store() as store:
        assert store.path == expected
        store.add_learner("Ana")
    assert expected.is_file()
    with sqlite3.connect(expected) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
