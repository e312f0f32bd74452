"""Opening the learner's store at start-up: failures are shown with their ways on, never a traceback."""

from __future__ import annotations

from sandbox.store import Remedy, StoreCorrupt
from ui.context import AppContext, default_learner_name, ensure_learner, open_context


def test_a_fresh_start_creates_the_store_and_a_learner(tmp_path):
    context = open_context(str(tmp_path / "progress.sqlite3"), ask=lambda error: None)
    try:
        assert context.store is not None and context.learner is not None
        assert context.learner.name == default_learner_name()
        assert ensure_learner(context.store).id == context.learner.id  # the same one next time
    finally:
        context.close()


def test_a_corrupt_store_offers_a_fresh_start_that_keeps_the_old_file(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    asked = []

    def choose(error):
        asked.append(error)
        return Remedy.START_FRESH

    context = open_context(str(path), ask=choose)
    try:
        assert isinstance(asked[0], StoreCorrupt)
        assert Remedy.START_FRESH in asked[0].remedies
        assert context.store is not None and context.learner is not None
        kept = [p for p in tmp_path.iterdir() if p.name != "progress.sqlite3" and "set-aside" in p.name]
        assert kept and kept[0].read_bytes().startswith(b"this is not a database")
    finally:
        context.close()


def test_going_on_without_saving_progress_says_so(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"garbage" * 100)
    context = open_context(str(path), ask=lambda error: None)
    assert context.store is None and context.learner is None
    assert context.notes and "not being saved" in context.notes[0]
    assert isinstance(context, AppContext)
