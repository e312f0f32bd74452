"""Findings of one severity are listed by rule set in a fixed order, whatever module happened
to import a rule set first (other parts of the app import some rule modules early)."""

from __future__ import annotations

import subprocess
import sys

from sandbox.rules import PROFILES, rules_for
from sandbox.rules.engine import RULE_SETS

_ORDER = ("from sandbox.rules import PROFILES, rules_for; "
          "print(' '.join(r.id for r in rules_for(PROFILES['full'], 'marc')))")


def _order_after_importing(module: str) -> list[str]:
    code = f"import sandbox.rules.{module}; {_ORDER}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return result.stdout.split()


def test_rule_order_does_not_depend_on_import_order():
    here = [rule.id for rule in rules_for(PROFILES["full"], "marc")]
    assert _order_after_importing("subjects") == here
    assert _order_after_importing("consistency") == here


def test_rules_are_listed_by_rule_set():
    sets = [rule.check.__module__.rsplit(".", 1)[-1] for rule in rules_for(PROFILES["full"], "marc")]
    positions = [RULE_SETS.index(name) for name in sets]
    assert positions == sorted(positions)
