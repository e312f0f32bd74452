"""The learner's store: profiles, installed packs, autosaved drafts, attempts, drill answers.

    from sandbox.store import open_store, StoreError
    store = open_store()                 # ~/.local/share/catalog-sandbox/progress.sqlite3
    store = open_store("postgresql://teacher@school/catalog")   # classroom mode

See docs/store.md for the schema, migrations, failure modes and how autosave is made durable.
"""

from sandbox.store.backup import backups
from sandbox.store.connect import default_path, open_store, restore_backup, start_fresh
from sandbox.store.errors import (
    LearnerExists,
    Remedy,
    StoreCorrupt,
    StoreError,
    StoreFull,
    StoreLocked,
    StoreReadOnly,
    StoreTooNew,
    StoreUnreachable,
)
from sandbox.store.model import (
    Attempt,
    ClassroomRow,
    Draft,
    DrillAnswer,
    InstalledPack,
    Learner,
    Mastery,
    RuleCount,
    ScorePoint,
    Streak,
)
from sandbox.store.store import Store, exercise_hash

__all__ = [
    "Attempt", "ClassroomRow", "Draft", "DrillAnswer", "InstalledPack", "Learner", "LearnerExists",
    "Mastery", "Remedy", "RuleCount", "ScorePoint", "Store", "StoreCorrupt", "StoreError",
    "StoreFull", "StoreLocked", "StoreReadOnly", "StoreTooNew", "StoreUnreachable", "Streak",
    "backups", "default_path", "exercise_hash", "open_store", "restore_backup", "start_fresh",
]
