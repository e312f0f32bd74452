"""Questions about LC classification: the Cutter for a name, which of two call numbers files first.

The answers are computed, not written down: Cutters by :func:`sandbox.classify.cutter.cutter`
(only names the table decides exactly are asked), filing order by
:func:`sandbox.classify.lcc.sort_key`. :func:`why_first` says in words why one call number files
before another; the shelf-order sorter of the reference desk uses it too.
"""

from __future__ import annotations

from itertools import zip_longest

from sandbox.classify import cutter as cutters
from sandbox.classify import lcc
from sandbox.drills.question import Question, make_choices, stable_random

G63 = "https://www.loc.gov/aba/publications/FreeCSM/G063.pdf"
G100 = "https://www.loc.gov/aba/publications/FreeCSM/G100.pdf"

#: Surnames to cutter, chosen to cover each part of the table: initial vowels, S, Qu, other
#: consonants, and accented or punctuated names that file without their marks.
CUTTER_NAMES = (
    "Adler", "Eliot", "Ibsen", "Orwell", "Updike", "Ackroyd", "Ellison", "Oates",
    "Sayers", "Sebald", "Shelley", "Simenon", "Stendhal", "Swift", "Schiller", "Sontag",
    "Queneau", "Quevedo", "Quine", "Quiroga",
    "Baldwin", "Brontë", "Camus", "Dickinson", "Fitzgerald", "Gaskell", "Hardy", "Huxley",
    "James", "Keats", "Lessing", "Mann", "Nabokov", "Pasternak", "Rilke", "Tolstoy", "Verne",
    "Wharton", "Yeats", "Zweig", "García Lorca", "O'Connor", "Ørsted", "Čapek",
)

#: LC call numbers to compare, with the traps learners fall into: decimals against whole numbers,
#: Cutters as decimals, nothing before something, dates, volumes, dates before Cutters.
CALL_NUMBERS = (
    "QA76 .A1", "QA76.5 .G3", "QA76.58 .B6", "QA76.73 .J38 2005", "QA76.73 .J38 S65 2010",
    "QA76.73 .P98 L88 2013", "QA76.73 .P98 L88 2013 v.2", "QA76.73 .P98 L88 2013 v.10",
    "QA76.73 .P98 L9 2010", "QA76.9 .D3 D3 2004", "QA76.9 .D3 D33", "QA77 .B4", "QA303 .S7",
    "QA303.2 .C3", "Q175 .K86 1996", "Q350 .S5",
    "HF5549 .A45", "HF5549 .A5", "HF5549 .A52", "HF5549.12 .D5", "HF5549.5 .T7 1995",
    "HF5549.5 .T7 1995 c.2", "HF5549.5 .T7 1999",
    "PS3545 .I345 A6 1940", "PS3545 .I345 A6 1962", "PS3545 .I345 A6 1962b", "PS3545 .I345 Z46",
    "PS3545.5 .A2", "PS3563 .O8749 B4 1997",
    "BF698 .A1", "BF698.2 .C3", "BF698.35 .B5", "BF698.4 .M3", "BF698.9 .C6", "BF699 .A1",
    "Z665 .B43", "Z665.2 .U6", "Z695 .Z8 L5 2004", "Z695.1 .E5", "Z695.12 .C3",
    "G4364 .C6 2000 .R3", "G4364 .C6 2005 .A2", "G4364 .C6 .A2",
    "KF26 .L354 1987", "KF4558 15th .A2", "KF4558 .A2",
)
_KINDS = {"cutter": "a Cutter", "date": "a date", "class date": "a date", "volume": "a volume number",
          "part": "a part number", "number": "a number", "copy": "a copy number",
          "other": "a further word"}
_MARKS = {"volume": "v.", "part": "pt.", "number": "no.", "copy": "c."}


def cutter_questions() -> list[Question]:
    out = []
    for name in CUTTER_NAMES:
        result = cutters.cutter(name)
        if not result.exact:
            continue  # the table leaves this one to the shelflist: no single right answer
        answer = result.dotted
        key = f"cutter:{name}"
        out.append(Question(
            key=key, topic="cutter",
            prompt=f"What is the LC Cutter number (two digits) for the name “{name}”, from the LC "
                   "Cutter table?",
            choices=make_choices(key, answer, _near_cutters(result.cutter)), answer=answer,
            accept=(result.cutter,), explanation=" ".join(result.steps), citation=G63))
    return out


def _near_cutters(cutter: str) -> list[str]:
    """Cutters one step away from the right one: the mistakes of reading the wrong row."""
    letter, digits = cutter[0], cutter[1:]
    near = []
    for index in range(len(digits)):
        for step in (-1, 1):
            digit = int(digits[index]) + step
            if 2 <= digit <= 9:
                near.append("." + letter + digits[:index] + str(digit) + digits[index + 1:])
    return near


# ---------------------------------------------------------------------------------------------
# shelf order


def why_first(first: lcc.LCCallNumber | str, second: lcc.LCCallNumber | str) -> str:
    """Why ``first`` files before ``second`` on an LC shelf, in a learner's words.

    Names the first part where the two differ and the filing rule that decides. Raises ValueError
    if either is not a call number; if ``second`` actually files first, says so.
    """
    a, b = _parsed(first), _parsed(second)
    if lcc.sort_key(b) < lcc.sort_key(a):
        return f"{b} files before {a}, not after it. " + why_first(b, a)
    if lcc.sort_key(a) == lcc.sort_key(b):
        return f"{a} and {b} file in the same place: they are the same call number."
    if a.class_letters != b.class_letters:
        if b.class_letters.startswith(a.class_letters):
            return (f"Class letters file alphabetically, letter by letter: {a.class_letters} before "
                    f"{b.class_letters} (nothing before something), whatever the numbers after them.")
        return (f"Class letters file alphabetically: {a.class_letters} before {b.class_letters}, "
                "whatever the numbers after them.")
    letters = a.class_letters
    if a.whole_number != b.whole_number:
        text = (f"Both are in {letters}; the class numbers file as whole numbers: {a.whole_number} "
                f"before {b.whole_number}")
        if str(a.whole_number) > str(b.whole_number):
            text += " (as numbers, not digit by digit)"
        return text + "."
    base = f"{letters}{a.whole_number}"
    if a.decimal != b.decimal:
        if not a.decimal:
            return (f"{base} with no decimal files before {base}.{b.decimal}: nothing before "
                    "something.")
        text = (f"Both are {base}; the decimals file as decimal fractions: .{a.decimal} (0.{a.decimal}) "
                f"before .{b.decimal} (0.{b.decimal})")
        if int(a.decimal) > int(b.decimal):
            text += f", even though {a.decimal} is the larger whole number"
        return text + "."
    for index, (mine, theirs) in enumerate(zip_longest(a.elements, b.elements)):
        if mine == theirs:
            continue
        if mine is None:
            return (f"{a} stops where {b} goes on with {_KINDS[theirs[0]]} ({theirs[1]}): nothing "
                    "files before something.")
        return _element_reason(mine, theirs, a.class_number)
    return f"{a} files before {b}."  # pragma: no cover - the keys differ, so some part does


def _element_reason(mine: tuple[str, str], theirs: tuple[str, str], number: str) -> str:
    (kind, value), (other_kind, other_value) = mine, theirs
    if kind != other_kind:
        return (f"After the same class number, one has {_KINDS[kind]} ({value}) where the other has "
                f"{_KINDS[other_kind]} ({other_value}): numerals file before letters, so "
                f"{_KINDS[kind]} comes first.")
    if kind == "cutter":
        if value[0] != other_value[0]:
            return f"The Cutters differ in their letter: .{value} before .{other_value} (alphabetical)."
        digits, other_digits = value[1:], other_value[1:]
        text = (f"Cutters file as decimals: .{value} is {value[0]} 0.{digits} and .{other_value} is "
                f"{other_value[0]} 0.{other_digits}, so .{value} comes first")
        if digits.isdigit() and other_digits.isdigit() and int(digits) > int(other_digits):
            text += f" although {digits} is the larger whole number"
        return text + "."
    if kind in ("date", "class date"):
        if value[:4] == other_value[:4]:
            return (f"The same year: {value} before {other_value} (a date alone files before the "
                    "same date with a letter, and the letters in order).")
        return f"Dates file in chronological order: {value} before {other_value}."
    if kind in ("volume", "part", "number", "copy"):
        mark = _MARKS[kind]
        return (f"{_KINDS[kind][2:].capitalize()}s file as numbers, not digit by digit: "
                f"{mark}{value} before {mark}{other_value}.")
    return f"{value} before {other_value}, filed as written."


def _parsed(call: lcc.LCCallNumber | str) -> lcc.LCCallNumber:
    if isinstance(call, lcc.LCCallNumber):
        return call
    parsed = lcc.parse_call_number(call)
    if isinstance(parsed, lcc.ParseProblem):
        raise ValueError(str(parsed))
    return parsed


def shelf_pairs() -> list[tuple[str, str]]:
    """Pairs of the call numbers above that share class letters and sit near each other on the
    shelf, each as (files first, files second)."""
    ordered = lcc.shelf_order(CALL_NUMBERS)
    pairs = []
    for index, first in enumerate(ordered):
        for second in ordered[index + 1:index + 3]:
            if _parsed(first).class_letters[:1] == _parsed(second).class_letters[:1]:
                pairs.append((first, second))
    return pairs


def shelf_order_questions() -> list[Question]:
    out = []
    for first, second in shelf_pairs():
        key = f"shelf:{first}|{second}"
        shown = [first, second]
        stable_random(key).shuffle(shown)
        out.append(Question(
            key=key, topic="shelf-order",
            prompt=f"Which of these LC call numbers files first on the shelf: {shown[0]}  or  "
                   f"{shown[1]}?",
            choices=tuple(shown), answer=first, explanation=why_first(first, second),
            citation=G100, free_text=False))
    return out
