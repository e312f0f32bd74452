"""Autosave survives being killed: a process saving drafts is SIGKILLed at random moments, again and
again; each time the database opens sound and every draft whose save had returned is there, whole.

The child prints a draft's sequence number (flushed) only after ``save_draft`` returned, so every
printed number is a committed one. At most one more save can have committed unprinted (killed
between the commit and the print).
"""

from __future__ import annotations

import hashlib
import random
import signal
import sqlite3
import subprocess
import sys
import time

from sandbox.store import open_store
from sandbox.store.connect import _resolve
from tests.conftest import PROJECT

ROUNDS = 20
KEYS = 3  # drafts rotate over a few keys, so saves both insert and replace

CHILD = r"""
import hashlib, sys
from sandbox.store import open_store

def draft_text(number):
    # Sizes vary from a few hundred bytes to several pages, so saves touch different pages.
    filler = ("Thoreau, Henry David, 1817-1862. " * (1 + number * 7919 % 400))
    body = f"=001  {number}\n=245  10$aDraft {number}\n=500  \\\\$a{filler}\n"
    return body + f"=999  \\\\$a{hashlib.sha256(body.encode()).hexdigest()}\n"

store = open_store(sys.argv[1])
learner_id, number = int(sys.argv[2]), int(sys.argv[3])
while True:
    number += 1
    store.save_draft(learner_id, f"file:/home/ana/records.mrk#record-{number % 3}",
                     draft_text(number), "mrk")
    print(number, flush=True)
"""


def parse_draft(text: str) -> int:
    """The draft's sequence number, after checking the text is whole (its digest line matches)."""
    body, _, digest_line = text.rstrip("\n").rpartition("\n")
    body += "\n"
    assert digest_line == f"=999  \\\\$a{hashlib.sha256(body.encode()).hexdigest()}", \
        "a draft came back damaged"
    return int(body.split("\n", 1)[0].removeprefix("=001  "))


def key_of(number: int) -> str:
    return f"file:/home/ana/records.mrk#record-{number % KEYS}"


def run_child_and_kill(store_url: str, learner_id: int, start: int,
                       rng: random.Random) -> list[int]:
    """Start a saving child, SIGKILL it at a random moment, return the numbers it printed."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, store_url, str(learner_id), str(start)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT)
    printed: list[int] = []
    try:
        wanted = rng.choice([0, 1, 2, 5, 20, 50, 120])
        if wanted == 0:
            # Somewhere in start-up: importing, opening, migrating, or the first save.
            time.sleep(rng.uniform(0.0, 1.5))
        else:
            while len(printed) < wanted:
                line = child.stdout.readline()
                if not line:
                    break
                printed.append(int(line))
            time.sleep(rng.uniform(0.0, 0.004))  # into the middle of the next save
        child.send_signal(signal.SIGKILL)
        # Not communicate(): it reads the pipe itself and would miss lines readline() has
        # already buffered. The child is dead, so reading to the end cannot block.
        rest, errors = child.stdout.read(), child.stderr.read()
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, f"the child ended by itself:\n{errors}"
    printed += [int(line) for line in rest.split()]
    return printed


def sqlite_integrity(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def test_drafts_survive_sigkill_in_the_middle_of_autosave(store_url):
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    with open_store(store_url) as store:
        learner_id = store.add_learner("Ana Ruiz").id
    _, path = _resolve(store_url)
    committed = 0  # the highest number known to be committed
    saves_seen = 0
    for round_number in range(1, ROUNDS + 1):
        where = f"(round {round_number}, seed {seed})"
        printed = run_child_and_kill(store_url, learner_id, committed, rng)
        assert printed == list(range(committed + 1, committed + 1 + len(printed))), where
        saves_seen += len(printed)
        last_printed = printed[-1] if printed else committed

        if path is not None:
            assert sqlite_integrity(path) == ["ok"], where
        with open_store(store_url, daily_backup=False) as store:
            drafts = {draft.key: parse_draft(draft.text) for draft in store.drafts(learner_id)}
        if last_printed:
            # The last save that returned is there, exactly.
            assert drafts[key_of(last_printed)] == last_printed, where
            # Every key holds the newest draft saved to it: nothing older, nothing invented.
            for number in range(max(1, last_printed - KEYS + 1), last_printed + 1):
                assert drafts[key_of(number)] in (number, number + KEYS), where
        newest = max(drafts.values(), default=0)
        assert newest in (last_printed, last_printed + 1), where
        committed = newest
    assert saves_seen > ROUNDS, f"the children hardly saved anything (seed {seed})"
