"""Exercise packs: one file an instructor can e-mail, read safely and verified file by file."""

from sandbox.packs.errors import PackError
from sandbox.packs.limits import DEFAULT_LIMITS, Limits
from sandbox.packs.manifest import ExerciseEntry, Manifest
from sandbox.packs.pack import PACK_SUFFIX, Pack, load_pack

__all__ = ["DEFAULT_LIMITS", "PACK_SUFFIX", "ExerciseEntry", "Limits", "Manifest", "Pack",
           "PackError", "load_pack"]
