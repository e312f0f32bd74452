"""A drill question, how a given answer is checked, and how wrong choices are picked.

A question is plain data. Its ``key`` names it for good ("tag:020", "ind:245/2:1-9"): answer
history, spaced review and pack submissions refer to questions by key, so a key never changes
meaning. Everything about a question, its wrong choices included, is worked out from its key and
the reference data alone, so the same key gives the same question on every run.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """One drill question.

    ``choices`` are the options for multiple choice (the answer among them), or None.
    ``accept`` lists other ways of writing the answer that count as right ("=020" for "020").
    ``free_text`` is False when the answer is a phrase nobody would type word for word (the meaning
    of an indicator value): such questions are always asked as multiple choice.
    """

    key: str
    topic: str
    prompt: str
    choices: tuple[str, ...] | None
    answer: str
    accept: tuple[str, ...] = ()
    explanation: str = ""
    citation: str = ""
    free_text: bool = True


_SPACES = re.compile(r"\s+")
#: Marks a learner may type before a tag, subfield code or Cutter: "=020", "$a", "‡a", ".K34".
_LEADING_MARK = re.compile(r"^[=$‡ǂ|.](?=[0-9a-z])")
_QUOTES = "\"'“”‘’«»"


def normalize(text: str) -> str:
    """A given answer as it is compared: NFC, case folded, spacing collapsed, quotes dropped."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _SPACES.sub(" ", text).strip()
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def _bare(text: str) -> str:
    return _LEADING_MARK.sub("", text)


def check(question: Question, given: str) -> bool:
    """Whether ``given`` answers ``question``: the answer or an accepted form, ignoring case and
    spacing, with or without the mark that introduces a tag, subfield code or Cutter."""
    answer = normalize(given or "")
    if not answer:
        return False
    wanted = {normalize(form) for form in (question.answer, *question.accept)}
    if answer in wanted:
        return True
    return _bare(answer) in {_bare(form) for form in wanted}


def stable_random(key: str) -> random.Random:
    """A random generator seeded by the question key, so a question comes out the same every run."""
    return random.Random(zlib.crc32(key.encode("utf-8")))


def make_choices(key: str, answer: str, candidates: Iterable[str], size: int = 4,
                 fallback: Iterable[str] = ()) -> tuple[str, ...]:
    """``answer`` and up to ``size - 1`` wrong choices from ``candidates``, in a stable order.

    When ``candidates`` has too few, the rest come from ``fallback``. Candidates equal to the
    answer (as compared) are left out, as are repeats, so a learner never sees the right answer
    twice or two identical wrong ones.
    """
    seen = {normalize(answer)}

    def fresh(options: Iterable[str]) -> list[str]:
        out = []
        for option in options:
            form = normalize(option)
            if form and form not in seen:
                seen.add(form)
                out.append(option)
        return out

    rng = stable_random(key)
    wrong = fresh(candidates)
    picked = rng.sample(wrong, min(size - 1, len(wrong)))
    if len(picked) < size - 1:
        spare = fresh(fallback)
        picked += rng.sample(spare, min(size - 1 - len(picked), len(spare)))
    options = [answer, *picked]
    rng.shuffle(options)
    return tuple(options)


def blank_forms(value: str, taken: Iterable[str] = ()) -> tuple[str, ...]:
    """How a learner may write an indicator or code value: a blank as #, \\, b or 'blank'.

    A form that is itself one of the ``taken`` values (Leader/19 has a code b) is left out.
    """
    if value == " ":
        return tuple(form for form in ("#", "\\", "b", "blank", "_") if form not in set(taken))
    return (value,)


def shown(value: str) -> str:
    """A value as LC prints it: a blank is #."""
    return "#" if value == " " else value.replace(" ", "#")
