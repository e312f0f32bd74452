from __future__ import annotations

import pytest

from sandbox.packs import load_pack
from tests.packs.factory import make_pack


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    folder = make_pack(tmp_path_factory.mktemp("packs") / "test-pack")
    with load_pack(folder) as opened:
        yield opened
