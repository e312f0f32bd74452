"""What the windows share: the learner's store and who is learning (passed in, never global).

Opening the store can fail (locked, read-only, full, corrupt, made by a newer version, a server
out of reach). Each failure is shown with the ways on the store offers — retry, open a backup,
start fresh keeping the old file — and the app can always go on without saving progress.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from sandbox.store import (
    Learner,
    LearnerExists,
    Remedy,
    Store,
    StoreError,
    backups,
    default_path,
    open_store,
    restore_backup,
    start_fresh,
)


@dataclass
class AppContext:
    store: Store | None = None
    learner: Learner | None = None
    notes: list[str] = field(default_factory=list)  # what the learner should know (e.g. no autosave)

    @property
    def learner_id(self) -> int | None:
        return self.learner.id if self.learner is not None else None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def default_learner_name() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = ""
    return name.replace(".", " ").replace("_", " ").title() or "Learner"


def ensure_learner(store: Store, name: str | None = None) -> Learner:
    """The learner to work as: the first profile, or a new one named after the computer's user."""
    existing = store.learners()
    if name:
        for learner in existing:
            if learner.name == name:
                return learner
        try:
            return store.add_learner(name)
        except LearnerExists:
            return next(learner for learner in store.learners() if learner.name == name)
    if existing:
        return existing[0]
    return store.add_learner(default_learner_name())


def open_context(url: str | None, parent: QWidget | None = None, ask=None) -> AppContext:
    """Open the store, asking the learner what to do when it fails.

    ``ask(error) -> Remedy | None`` chooses a way on (None: go on without saving progress); by
    default a message box with one button per remedy.
    """
    ask = ask or (lambda error: _ask(parent, error))
    while True:
        try:
            store = open_store(url)
            return AppContext(store, ensure_learner(store))
        except StoreError as error:
            choice = ask(error)
            try:
                if choice is None:
                    return AppContext(notes=["Progress is not being saved: the learner's "
                                             f"database could not be opened ({error})."])
                if choice == Remedy.START_FRESH:
                    store = start_fresh(None if url is None else url)
                    return AppContext(store, ensure_learner(store))
                if choice == Remedy.OPEN_BACKUP:
                    chosen = _choose_backup(parent)
                    if chosen is not None:
                        store = restore_backup(chosen)
                        return AppContext(store, ensure_learner(store))
            except StoreError as again:
                error = again
                continue


def _ask(parent: QWidget | None, error: StoreError) -> Remedy | None:
    box = QMessageBox(QMessageBox.Icon.Warning, "Your progress database", str(error),
                      parent=parent)
    buttons = {}
    for remedy in error.remedies:
        label = {Remedy.RETRY: "Try again", Remedy.OPEN_BACKUP: "Open a backup…",
                 Remedy.START_FRESH: "Start fresh (keep the old file)"}[remedy]
        buttons[box.addButton(label, QMessageBox.ButtonRole.AcceptRole)] = remedy
    box.addButton("Go on without saving progress", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return buttons.get(box.clickedButton())


def _choose_backup(parent: QWidget | None):
    found = backups(default_path())
    start = str(found[0]) if found else str(default_path().parent)
    path, _ = QFileDialog.getOpenFileName(parent, "Open a backup of your progress", start,
                                          "Catalog Sandbox backups (*.sqlite3 *.bak);;All files (*)")
    return Path(path) if path else None
