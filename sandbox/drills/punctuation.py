"""Questions about ISBD punctuation in MARC fields: the mark that goes before a subfield.

In records that carry ISBD punctuation (Leader/18 i or a), the cataloger types the mark that
introduces each element at the end of the subfield before it: ``=245  10$aWalden :$bor, Life in
the woods /$cHenry David Thoreau.`` These are the marks interviewers ask about. The facts are
from the input conventions on LC's MARC 21 field pages (cited per question) and the ISBD
punctuation LC applies (LC-PCC PS 1.7.1); the validator's punctuation rules check the same marks.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.drills.question import Question, make_choices

BD = "https://www.loc.gov/marc/bibliographic/"


@dataclass(frozen=True)
class Mark:
    name: str    # "space-colon"
    text: str    # " :"
    typed: tuple[str, ...]  # other ways to write it


MARKS = {
    "space-colon": Mark("space-colon", " :", (":", "colon", "space colon")),
    "space-semicolon": Mark("space-semicolon", " ;", (";", "semicolon", "space semicolon")),
    "space-slash": Mark("space-slash", " /", ("/", "slash", "space slash")),
    "space-equals": Mark("space-equals", " =", ("=", "equals", "equal sign", "space equals")),
    "space-plus": Mark("space-plus", " +", ("+", "plus", "space plus")),
    "comma": Mark("comma", ",", ("comma",)),
    "full stop": Mark("full stop", ".", ("period", "full stop", "dot")),
    "none": Mark("none", "none", ("nothing", "no punctuation", "no mark")),
}


@dataclass(frozen=True)
class PunctuationFact:
    key: str
    prompt: str
    mark: str  # a key of MARKS
    why: str
    example: str
    page: str


FACTS = (
    PunctuationFact(
        "245$b", "In 245, which mark ends $a before $b when $b is other title information (a "
        "subtitle)?", "space-colon",
        "Other title information is introduced by space-colon-space.",
        "=245  10$aWalden :$bor, Life in the woods /$cHenry David Thoreau.", "bd245.html"),
    PunctuationFact(
        "245$b-parallel", "In 245, which mark ends $a before $b when $b holds a parallel title?",
        "space-equals", "A parallel title (the title in another language) is introduced by "
        "space-equals-space.", "=245  00$aMusic for piano =$bMusique pour piano.", "bd245.html"),
    PunctuationFact(
        "245$c", "In 245, which mark ends the subfield before $c (statement of responsibility)?",
        "space-slash", "The first statement of responsibility is introduced by space-slash-space.",
        "=245  14$aThe hobbit /$cJ.R.R. Tolkien.", "bd245.html"),
    PunctuationFact(
        "245$n", "In 245, which mark ends $a before $n (number of part)?", "full stop",
        "A part number or name after the title proper is introduced by a full stop.",
        "=245  00$aAnnual report.$nPart 2,$pStatistics.", "bd245.html"),
    PunctuationFact(
        "245$p-after-$n", "In 245, which mark ends $n before $p (name of part)?", "comma",
        "A part name after a part number is introduced by a comma.",
        "=245  00$aAnnual report.$nPart 2,$pStatistics.", "bd245.html"),
    PunctuationFact(
        "245-end", "Which mark ends field 245?", "full stop",
        "245 ends with a full stop. A last word abbreviated with its own full stop takes no "
        "second one, and a title ending in ? or ! keeps its own mark.",
        "=245  14$aThe hobbit /$cJ.R.R. Tolkien.", "bd245.html"),
    PunctuationFact(
        "250$b", "In 250, which mark ends $a before $b (statement of responsibility for the "
        "edition)?", "space-slash", "A statement of responsibility for the edition is introduced "
        "by space-slash-space.", "=250  \\\\$aSecond edition /$brevised by Ann Writer.", "bd250.html"),
    PunctuationFact(
        "264$b", "In 264, which mark ends $a (place) before $b (name of publisher)?", "space-colon",
        "The publisher's name is introduced by space-colon-space.",
        "=264  \\1$aNew York :$bPenguin Books,$c2019.", "bd264.html"),
    PunctuationFact(
        "264$c", "In 264, which mark ends $b (name of publisher) before $c (date)?", "comma",
        "The date of publication is introduced by a comma.",
        "=264  \\1$aNew York :$bPenguin Books,$c2019.", "bd264.html"),
    PunctuationFact(
        "264$a-second", "In 264, which mark ends the first $a before a second place of "
        "publication ($a)?", "space-semicolon", "A second place is introduced by "
        "space-semicolon-space.", "=264  \\1$aToronto ;$aNew York :$bPenguin Books,$c2019.",
        "bd264.html"),
    PunctuationFact(
        "300$b", "In 300, which mark ends $a (extent) before $b (other physical details)?",
        "space-colon", "Other physical details are introduced by space-colon-space.",
        "=300  \\\\$a310 pages :$billustrations ;$c24 cm", "bd300.html"),
    PunctuationFact(
        "300$c", "In 300, which mark ends the subfield before $c (dimensions)?", "space-semicolon",
        "Dimensions are introduced by space-semicolon-space.",
        "=300  \\\\$a310 pages :$billustrations ;$c24 cm", "bd300.html"),
    PunctuationFact(
        "300$e", "In 300, which mark ends the subfield before $e (accompanying material)?",
        "space-plus", "Accompanying material is introduced by space-plus-space.",
        "=300  \\\\$a310 pages ;$c24 cm +$e1 CD-ROM", "bd300.html"),
    PunctuationFact(
        "490$v", "In 490, which mark ends $a (series statement) before $v (volume number)?",
        "space-semicolon", "The numbering within a series is introduced by space-semicolon-space.",
        "=490  1\\$aPenguin classics ;$v123", "bd490.html"),
    PunctuationFact(
        "490$x", "In 490, which mark ends $a before $x (ISSN of the series)?", "comma",
        "The ISSN of a series is introduced by a comma.",
        "=490  1\\$aLecture notes in computer science,$x0302-9743 ;$v1234", "bd490.html"),
    PunctuationFact(
        "650$x", "In 650, which mark goes before a subdivision in $x?", "none",
        "Subject subdivisions are separated by their subfield codes alone; the dashes you see in a "
        "catalog are added by the display. Type no mark (and no full stop before $x).",
        "=650  \\0$aCataloging$xData processing.", "bd650.html"),
)


def shown(mark: Mark) -> str:
    """A mark as a choice: the mark itself and its name, so a lone comma is easy to see."""
    if mark.name == "none":
        return "no mark"
    return f"{mark.text.strip()}   ({mark.name})"


def punctuation_questions() -> list[Question]:
    out = []
    for fact in FACTS:
        mark = MARKS[fact.mark]
        key = f"punct:{fact.key}"
        answer = shown(mark)
        others = [shown(other) for other in MARKS.values() if other is not mark]
        out.append(Question(
            key=key, topic="punctuation", prompt=fact.prompt,
            choices=make_choices(key, answer, others), answer=answer,
            accept=tuple(dict.fromkeys((mark.text, mark.name, *mark.typed))),
            explanation=f"{fact.why} Example: {fact.example}", citation=BD + fact.page))
    return out
