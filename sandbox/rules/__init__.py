"""The validation engine: rules with stable ids, profiles that select them, findings as data."""

from sandbox.rules.engine import PROFILES, Profile, profile, rules_for, validate
from sandbox.rules.model import (
    ERROR,
    INFO,
    REGISTRY,
    SEVERITIES,
    WARNING,
    Finding,
    Rule,
)


def all_rules() -> list[Rule]:
    """Every registered rule, in id order."""
    rules_for(PROFILES["full"], "marc")  # loads the rule sets
    return sorted(REGISTRY.values(), key=lambda rule: rule.id)


__all__ = ["ERROR", "INFO", "PROFILES", "REGISTRY", "SEVERITIES", "WARNING", "Finding", "Profile",
           "Rule", "all_rules", "profile", "rules_for", "validate"]
