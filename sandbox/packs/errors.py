"""What goes wrong with a pack, said so that an instructor can find it: which pack, which file."""

from __future__ import annotations


class PackError(Exception):
    """A pack that cannot be read, or a file in it that is wrong, unsafe or lies about itself.

    ``pack`` names the pack (its file or folder name), ``entry`` the file inside it (``None`` for
    the pack as a whole), ``key`` the manifest or exercise key when a value is wrong.
    """

    def __init__(self, pack: str, message: str, entry: str | None = None,
                 key: str | None = None):
        self.pack = pack
        self.entry = entry
        self.key = key
        self.message = message
        where = pack if entry is None else f"{pack}: {entry}"
        if key is not None:
            where += f": {key}"
        super().__init__(f"{where}: {message}")
