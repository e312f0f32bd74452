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


@pytest.fixture(scope="session", autouse=True)
def _qt_objects_gone_before_exit():
    """Delete every Qt window while Python is still whole.

    Undo commands and models written in Python are owned by C++ objects; destroyed during
    interpreter shutdown they can abort the process after every test has passed.
    """
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()
