"""How text is made comparable: Unicode form always; case, spacing, ISBD punctuation and
(optionally) diacritics for normalized comparisons.

ISBD punctuation belongs to the element that follows it (RDA appendix D; ISBD consolidated
edition, A.3.2): "Walden ;" in 245 $a ends with the mark that introduces $b. A normalized
comparison therefore ignores the marks at the ends of a value and the spaced marks between
elements (`` / ``, `` : ``, `` ; ``, `` = ``), and a full stop or comma before a space, so
that "Thoreau, Henry David," matches "Thoreau, Henry David" and "Walden ; or, Life" matches
"Walden or, Life" — while "1.5" and "C++" keep their points and signs.
"""

from __future__ import annotations

import re
import unicodedata

_ENDS = " \t.,:;/="
_SPACED_MARK = re.compile(r"\s+[/:;=+]\s+")
_MARK_BEFORE_SPACE = re.compile(r"[.,:;/=]+(?=\s)")


def exact_form(text: str) -> str:
    """The same characters in one Unicode form (composed é and e + combining acute are equal)."""
    return unicodedata.normalize("NFC", text)


def without_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed
                                                if not unicodedata.combining(ch)))


def normalized_form(text: str, ignore_diacritics: bool = False) -> str:
    """Case, spacing and ISBD punctuation do not count (and diacritics, if asked)."""
    text = unicodedata.normalize("NFKC", text)
    if ignore_diacritics:
        text = without_diacritics(text)
    text = text.casefold()
    text = _SPACED_MARK.sub(" ", f" {text} ")
    text = _MARK_BEFORE_SPACE.sub("", text)
    text = " ".join(text.split())
    return text.strip(_ENDS)


def answer_form(text: str) -> str:
    """A drill answer: case and spacing do not count."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
