"""Exercises and their scoring: kinds, rubrics, comparisons, feedback that explains itself."""

from sandbox.exercises.model import (
    COMPARISONS,
    COMPETENCIES,
    HINT_TIERS,
    KINDS,
    Check,
    Exercise,
    Hint,
    Penalties,
    Question,
    Surrogate,
)
from sandbox.exercises.results import CheckResult, PenaltyLine, ScoreResult, Subtotal
from sandbox.exercises.scoring import parse_answer, score, score_key, score_text

__all__ = ["COMPARISONS", "COMPETENCIES", "HINT_TIERS", "KINDS", "Check", "CheckResult",
           "Exercise", "Hint", "PenaltyLine", "Penalties", "Question", "ScoreResult",
           "Subtotal", "Surrogate", "parse_answer", "score", "score_key", "score_text"]
