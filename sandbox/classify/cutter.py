"""LC Cutter numbers from the Cutter table of the Classification and Shelflisting Manual, G 63.

``cutter("Kahneman")`` reads the table in ``data/lc_cutter_table.tsv`` and returns the Cutter
(``K34``) together with every step in plain words, so a learner sees why each digit is what it is.

What the table decides and what it leaves to the cataloger:

* The table gives the first digit from the letter after the initial (after "Qu", the letter after
  the u) and one digit for each further letter ("expansion"). Those digits are exact.
* Where the table gives one digit for a span of letters (``l-m``) LC's own examples adjust inside
  the span (Ilardo .I4, Import .I48); where a second letter is not in the table at all (Sc, Ch, Cl)
  LC "develops" the Cutter against its shelflist (Scanlon .S29, Chertok .C48, Clark .C58). For an
  unlisted letter this module uses the number of the nearest listed letter before it, continues with
  the expansion table, marks the result ``exact=False`` and says so in the steps.
* "For initial letters Qa-Qt, use 2-29": the first digit is 2 and, as read here, the second comes
  from the expansion table applied to the letter after Q (Qadduri .Q23, Qiao .Q25). G 63's own
  examples for these were developed (Qadduri .Q28, Qiao .Q27), so such results are ``exact=False``.
* A Cutter is always adjusted to the shelflist in the end: the table gives the starting point.

Names are cuttered as they file (G 63 sends the cataloger to the filing rules of G 100): accents are
dropped, spaces, apostrophes and other marks are ignored, abbreviations stay as written ("St." is
S-T, not Saint) and "Mc" stays M-c: LC files Mc as written, not as Mac. Initial articles are the
caller's to drop.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from sandbox.classify.parts import data_rows

VOWELS = frozenset("AEIOU")

#: Letters that NFKD does not take apart, written the way they file.
_FOLDED = {
    "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "ẞ": "SS", "Ø": "O", "ø": "o",
    "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "TH", "þ": "th", "Ł": "L", "ł": "l",
    "ı": "i", "Ŋ": "N", "ŋ": "n", "Ħ": "H", "ħ": "h",
}
_RULE_NAMES = {
    "vowel": "After initial vowels",
    "s": "After initial letter S",
    "qu": "After initial letters Qu",
    "qa-qt": "For initial letters Qa-Qt",
    "consonant": "After other initial consonants",
    "expansion": "For expansion",
    "numeral": "For numerals",
}


@dataclass(frozen=True)
class CutterRow:
    """One row of the table: ``letters`` (``b``, ``ch`` or a span ``l-m``) gives ``digit``."""

    rule: str
    letters: str
    digit: str
    applies_to: str

    # Cached: a Cutter tests rows for every letter it reads, and rows are the table's, made once.
    @cached_property
    def first(self) -> str:
        return self.letters.split("-")[0]

    @cached_property
    def last(self) -> str:
        return self.letters.split("-")[-1]

    @property
    def is_span(self) -> bool:
        return "-" in self.letters

    def covers(self, letter: str) -> bool:
        """Whether a single letter falls in this row (a two-letter group like ``ch`` never does)."""
        letter = letter.lower()
        if len(self.first) > 1:
            return False
        return self.first <= letter <= self.last


@dataclass
class CutterResult:
    """A Cutter number and how it was reached.

    ``cutter`` has no leading full stop (``K34``); :attr:`dotted` adds it. ``filing_form`` is the
    string of letters the table was read against. ``exact`` is False when a digit needed judgement
    the table leaves to the cataloger (see the module notes); ``steps`` say which.
    """

    name: str
    cutter: str
    filing_form: str
    exact: bool = True
    steps: list[str] = field(default_factory=list)

    @property
    def dotted(self) -> str:
        return "." + self.cutter

    def __str__(self) -> str:
        return self.cutter


@lru_cache(maxsize=1)
def table() -> tuple[CutterRow, ...]:
    """The rows of ``data/lc_cutter_table.tsv``, in file order."""
    rows = []
    for rule, letters, digit, applies_to in data_rows("lc_cutter_table.tsv"):
        rows.append(CutterRow(rule, letters, digit, applies_to))
    return tuple(rows)


@lru_cache(maxsize=None)
def rows_for(rule: str) -> tuple[CutterRow, ...]:
    """The table's rows for one rule (``vowel``, ``expansion`` ...), in file order; picked out
    once per rule, as a Cutter looks rows up for every letter it reads."""
    return tuple(row for row in table() if row.rule == rule)


def filing_form(name: str) -> tuple[str, list[str]]:
    """The letters and numerals a name is cuttered by, and a step for each change made."""
    steps = []
    if name.isascii():
        # Nothing to fold or decompose (_FOLDED and NFKD change no ASCII character) and no
        # letter outside the Latin alphabet: every letter and numeral is kept, without a step
        # per character (LCC-002 reads whole titles); _letters_and_numerals reads the rest.
        form = "".join(filter(str.isalnum, name)).upper()
        dropped = ({"space" if ch.isspace() else repr(ch) for ch in set(name) if not ch.isalnum()}
                   if len(form) != len(name) else ())
    else:
        folded = "".join(_FOLDED.get(ch, ch) for ch in name)
        decomposed = unicodedata.normalize("NFKD", folded)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if folded != name or plain != folded:
            steps.append(f"Drop accents and other marks on letters: {name!r} files as {plain!r}.")
        form, dropped = _letters_and_numerals(name, plain)
    if dropped:
        marks = ", ".join(sorted(dropped))
        steps.append(f"Read the letters only, ignoring {marks}: {form}.")
    if not form:
        raise ValueError(f"{name!r} has no letters or numerals to cutter")
    return form, steps


def _letters_and_numerals(name: str, plain: str) -> tuple[str, set[str]]:
    """The Latin letters (upper-cased) and numerals of ``plain`` (``name`` without its accents),
    and a word for each other character dropped; a letter of another alphabet is an error."""
    kept = []
    dropped = set()
    for ch in plain:
        if ch.isascii() and ch.isalnum():
            kept.append(ch.upper())
        elif ch.isalpha() and unicodedata.category(ch) != "Lm":
            # Modifier letters (ʻ ayn, ʼ alif, ʹ soft sign) are romanization marks: ignored.
            raise ValueError(f"{name!r} has the letter {ch!r}, which is not in the Latin alphabet: "
                             "cutter the romanized form of the name")
        else:
            dropped.add("space" if ch.isspace() else repr(ch))
    return "".join(kept), dropped


def _describe(row: CutterRow) -> str:
    return row.letters if not row.is_span else f"the span {row.letters}"


def _lookup(rule: str, letters: str) -> tuple[CutterRow, bool]:
    """The row for the first of ``letters`` under ``rule``, and whether that letter is listed.

    A letter the table does not list takes the row of the nearest listed letters that file before
    it: after S, "ca" files before "ch" (row a) but "ci" after it (row ch).
    """
    letters = letters.lower()
    rows = rows_for(rule)
    for row in rows:
        if row.covers(letters[0]):
            return row, True
    before = [row for row in rows if row.first < letters[:len(row.first)]]
    return (before[-1] if before else rows[0]), False


def _expansion_digit(letter: str) -> tuple[str, CutterRow]:
    row, _ = _lookup("expansion", letter)
    return row.digit, row


def cutter(name: str, digits: int = 2) -> CutterResult:
    """The LC Cutter for ``name`` with ``digits`` digits (fewer if the name runs out of letters)."""
    if digits < 1:
        raise ValueError("a Cutter has at least one digit")
    form, steps = filing_form(name)
    steps.insert(0, f"Start from the name as it files: {name!r}.")
    if form[0].isdigit():
        return _numeral(name, form, steps)

    initial = form[0]
    steps.append(f"The Cutter begins with the first letter, {initial}.")
    exact = True
    out: list[str] = []
    used = 1  # letters of ``form`` read so far

    if initial in VOWELS:
        rule = "vowel"
        steps.append(f"{initial} is a vowel, so use the table \"{_RULE_NAMES[rule]}\" on the second letter.")
    elif initial == "S":
        rule = "s"
        steps.append(f"The name begins with S, so use the table \"{_RULE_NAMES[rule]}\" on the second letter.")
    elif initial == "Q":
        rule = "q"
    else:
        rule = "consonant"
        steps.append(f"{initial} is a consonant other than S or Q, so use the table "
                     f"\"{_RULE_NAMES[rule]}\" on the second letter.")

    if len(form) == 1:
        first_rows = rows_for({"q": "qu"}.get(rule, rule))
        digit = first_rows[0].digit.split("-")[0]
        out.append(digit)
        exact = False
        steps.append(f"The name has no second letter; the table's lowest number, {digit}, keeps it "
                     "before every longer name with the same initial.")
    elif rule == "q":
        used, exact = _first_digit_q(form, out, steps)
    elif rule == "s" and form[1:3] == "CH":
        out.append("3")
        used = 3
        steps.append("The next letters are CH, which the S table lists as a group: CH -> 3.")
    else:
        letter = form[1]
        row, listed = _lookup(rule, form[1:3])
        out.append(row.digit)
        used = 2
        if listed:
            steps.append(f"Second letter {letter}: the table gives {row.digit} for {_describe(row)}.")
            if row.is_span:
                steps.append(f"The table gives one number for the letters {row.letters}, so LC adjusts "
                             "inside it against its shelflist (G 63's examples: Ilardo .I4, Import .I48).")
        else:
            exact = False
            steps.append(f"Second letter {letter} is not in the table; use {row.digit}, the number of the "
                         f"nearest listed letter before it ({_describe(row)}). LC develops such Cutters "
                         "against its shelflist so they file after the names with that letter (G 63's "
                         "examples: Scanlon .S29, Chertok .C48, Clark .C58).")

    while len(out) < digits and used < len(form):
        letter = form[used]
        used += 1
        if letter.isdigit():
            steps.append(f"The next character is the numeral {letter}; the table has no expansion for "
                         "numerals, so the Cutter stops here.")
            break
        digit, row = _expansion_digit(letter)
        out.append(digit)
        steps.append(f"For a further digit use the expansion table on the next letter: {letter} "
                     f"({row.letters}) -> {digit}.")
    if len(out) < digits:
        steps.append(f"The name has no more letters, so the Cutter has {len(out)} digit"
                     f"{'s' if len(out) != 1 else ''}.")
    result = initial + "".join(out)
    steps.append(f"Cutter: .{result}. Check it against the shelflist and adjust it to file in the right "
                 "place, leaving room for later names; do not end a Cutter with 0 or 1.")
    return CutterResult(name=name, cutter=result, filing_form=form, exact=exact, steps=steps)


def first_digit(form: str) -> str:
    """The digit right after the initial in the Cutter of a name with this filing form
    (``cutter(name).cutter[1]`` where ``filing_form(name)[0]`` is ``form``), read as
    :func:`cutter` reads it but without writing its steps: LCC-002 compares only this digit
    and wants the whole Cutter only for a message."""
    initial = form[0]
    if initial.isdigit():
        return "1"  # .A15, as _numeral gives every name beginning with a numeral
    if len(form) == 1:
        rule = "vowel" if initial in VOWELS else "s" if initial == "S" else (
            "qu" if initial == "Q" else "consonant")
        return rows_for(rule)[0].digit[:1]
    if initial == "Q":
        out: list[str] = []
        _first_digit_q(form, out, [])  # names in Q are few: their steps are written and dropped
        return out[0][:1]
    if initial == "S" and form[1:3] == "CH":
        return "3"
    rule = "vowel" if initial in VOWELS else "s" if initial == "S" else "consonant"
    return _lookup(rule, form[1:3])[0].digit[:1]


def _first_digit_q(form: str, out: list[str], steps: list[str]) -> tuple[int, bool]:
    second = form[1]
    if second == "U":
        if len(form) == 2:
            digit = rows_for("qu")[0].digit
            out.append(digit)
            steps.append(f"The name begins with Qu and has no third letter; use the Qu table's lowest "
                         f"number, {digit}.")
            return 2, False
        letter = form[2]
        row, listed = _lookup("qu", form[2:4])
        out.append(row.digit)
        steps.append("The name begins with Qu, so use the table \"After initial letters Qu\" on the "
                     "letter after the u.")
        if listed:
            steps.append(f"That letter is {letter}: the table gives {row.digit}.")
            return 3, True
        steps.append(f"That letter is {letter}, which the Qu table does not list; use {row.digit}, the "
                     f"number of the nearest listed letter before it ({row.letters}). LC develops such "
                     "Cutters against its shelflist.")
        return 3, False
    span = rows_for("qa-qt")[0]
    if span.covers(second):
        digit, row = _expansion_digit(second)
        out.extend(["2", digit])
        steps.append(f"The name begins with Q{second.lower()}: the table says \"For initial letters "
                     f"Qa-Qt, use 2-29\", so the first digit is 2.")
        steps.append(f"G 63 gives only the span 2-29 for the rest; reading the second letter with the "
                     f"expansion table gives {second} ({row.letters}) -> {digit}. G 63's own examples here "
                     "were developed against LC's shelflist (Qadduri .Q28, Qiao .Q27).")
        return 2, False
    out.append("9")
    steps.append(f"The name begins with Q{second.lower()}, which files after every Qu name; neither the "
                 "Qu table nor the Qa-Qt span covers it, so use 9, the Qu table's last number. LC develops "
                 "such Cutters against its shelflist (G 63's example: Qvortrup .Q97).")
    return 2, False


def _numeral(name: str, form: str, steps: list[str]) -> CutterResult:
    row = rows_for("numeral")[0]
    steps.append(f"The name begins with the numeral {form[0]}. Entries beginning with numerals take "
                 f"Cutters in the span .{row.digit.replace('-', '-.')}, numbered to file before every "
                 "entry beginning with the letter A.")
    steps.append("Without a shelflist, take .A15 from the middle of the span so that numerals filing "
                 "before and after it still fit.")
    steps.append("Cutter: .A15. Check it against the shelflist and adjust it.")
    return CutterResult(name=name, cutter="A15", filing_form=form, exact=False, steps=steps)
