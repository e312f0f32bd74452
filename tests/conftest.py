"""Shared test set-up: Qt runs offscreen, and the shared corpus is found beside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CATSANDBOX_CORPUS", PROJECT.parent / "shared" / "corpus"))
SAMPLES = PROJECT / "sample_records"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "INVENTORY.tsv").is_file():
        pytest.fail(f"the shared corpus is missing: expected it at {CORPUS} "
                    "(set CATSANDBOX_CORPUS to its folder)")
    return CORPUS


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes a real user's settings or data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
