"""A small pack with one exercise of every kind, written into a temporary folder for tests."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from sandbox.exercises.model import Check, Hint
from sandbox.packs.authoring import _EXAMPLE_KEY, ExerciseDraft, add_exercise, new_pack

KEY = _EXAMPLE_KEY.replace("example0001", "tp0001")  # the example pack's own book

#: The same book as the other acceptable key of the "every-compare" exercise: a paperback
#: record a cataloger might equally have made.
SECOND_KEY = KEY.replace("$a9780374275631$qhardcover", "$a9780374533557$qpaperback")

AUTHORITIES = """\
=LDR  00000nz\\\\a2200000n\\\\4500
=001  sh0000001
=150  \\\\$aThought and thinking
=450  \\\\$aThinking

=LDR  00000nz\\\\a2200000n\\\\4500
=001  sh0000002
=150  \\\\$aDecision making
=450  \\\\$aDeciding

=LDR  00000nz\\\\a2200000n\\\\4500
=001  sh0000003
=150  \\\\$aReasoning
"""

STUB = """\
=LDR  00000nam\\a2200000\\i\\4500
=001  tp0001
=008  260101s2011\\\\\\\\nyua\\\\\\\\\\b\\\\\\\\001\\0\\eng\\d
=040  \\\\$aXxXxX$beng$erda$cXxXxX
=245  10$aThinking, fast and slow /$cDaniel Kahneman.
"""

#: The key with three mistakes to correct: a wrong ISBN check digit, a nonfiling indicator for
#: an article that is not there, and 260 where an RDA record has 264.
DAMAGED = (KEY.replace("9780374275631", "9780374275632")
           .replace("=245  10$aThinking", "=245  14$aThinking")
           .replace("=264  \\1$aNew York", "=260  \\\\$aNew York"))

DC_KEY = """\
<?xml version="1.0" encoding="UTF-8"?>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
           xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>Thinking, fast and slow</dc:title>
  <dc:creator>Kahneman, Daniel, 1934-2024</dc:creator>
  <dc:type>Text</dc:type>
  <dc:publisher>Farrar, Straus and Giroux</dc:publisher>
  <dc:date>2011</dc:date>
  <dc:language>eng</dc:language>
  <dc:subject>Thought and thinking</dc:subject>
  <dc:subject>Decision making</dc:subject>
  <dc:identifier>9780374275631</dc:identifier>
</oai_dc:dc>
"""

SURROGATES = {"title-page.md": "# Title page\n\nTHINKING,\nFAST AND SLOW\n\nDANIEL KAHNEMAN\n",
              "verso.md": "# Verso\n\nCopyright © 2011 by Daniel Kahneman\nFirst edition, 2011\n"}
HINTS = (Hint("answer", "=245  10$aThinking, fast and slow /$cDaniel Kahneman."),
         Hint("nudge", "Read the verso too."),
         Hint("rule", "RDA 2.3.2: the title proper goes in 245 $a."))

EVERY_COMPARE = (
    Check("245$a", "exact", 1, "description", "The title proper as it appears.", "RDA 2.3.2"),
    Check("020$a", "exact", 1, "description", "The ISBN of the copy in hand.", "RDA 2.15"),
    Check("245$c", "normalized", 1, "description", "Statement of responsibility.", "RDA 2.4.2"),
    Check("650", "set", 2, "subject analysis", "What the book is about.", "LCSH"),
    Check("245", "fuzzy", 1, "description", "The whole title statement.", "RDA 2.3",
          threshold=0.9),
    Check("050", "lcc", 1, "classification", "Class letters.", "LCC", depth="class"),
    Check("050", "lcc", 1, "classification", "Whole call number.", "LCC", depth="full"),
    Check("082", "ddc", 1, "classification", "Dewey to three digits.", "DDC", depth=3),
    Check("6XX", "authority", 1, "authority control", "Authorized headings.", "NACO"),
    Check(None, "rule", 1, "encoding", "A valid ISBN.", "MARC 021", rule="NUM-001"),
    Check("300", "present", 1, "description", "Extent is required.", "RDA 3.4"),
    Check("260", "absent", 1, "encoding", "RDA records use 264.", "LC-PCC PS 2.8"),
    Check("250$a", "normalized", 1, "description", "Edition.", "RDA 2.5",
          expected=("First edition",)),
)

QUESTIONS = (
    {"key": "isbn", "prompt": "Which field holds the ISBN?", "answer": "020",
     "accept": ["=020"], "explanation": "020 International Standard Book Number.",
     "citation": "https://www.loc.gov/marc/bibliographic/bd020.html"},
    {"key": "title", "prompt": "Which field holds the title statement?", "answer": "245",
     "explanation": "245 Title Statement.",
     "citation": "https://www.loc.gov/marc/bibliographic/bd245.html"},
    {"prompt": "What does Leader/06 'a' mean?", "answer": "Language material",
     "accept": ["language material", "text"], "explanation": "Leader/06 a: language material."},
)


def drafts() -> list[ExerciseDraft]:
    common = {"brief": "# Task\n\nCatalogue the book.\n", "surrogates": SURROGATES,
              "hints": HINTS}
    return [
        ExerciseDraft("describe-book", "describe", "Describe a book", keys={"key.mrk": KEY},
                      start=STUB, profile="rda", **common),
        ExerciseDraft("fix-book", "fix", "Fix a record", keys={"key.mrk": KEY}, start=DAMAGED,
                      profile="rda", **common),
        ExerciseDraft("fixed-fields-book", "fixed-fields", "Code the fixed fields",
                      keys={"key.mrk": KEY}, profile="rda", **common),
        ExerciseDraft("classify-book", "classify", "Classify a book", keys={"key.mrk": KEY},
                      **common),
        ExerciseDraft("subjects-book", "subjects", "Assign subject headings",
                      keys={"key.mrk": KEY}, authorities=AUTHORITIES, **common),
        ExerciseDraft("crosswalk-book", "crosswalk", "Crosswalk to Dublin Core",
                      keys={"key.xml": DC_KEY}, start=KEY, **common),
        ExerciseDraft("drill-tags", "drill", "Which tag?", questions=QUESTIONS,
                      competencies=("encoding",), brief="# Drill\n\nAnswer each question.\n"),
        ExerciseDraft("every-compare", "describe", "Every comparison",
                      keys={"key.mrk": KEY, "key-paperback.mrk": SECOND_KEY},
                      authorities=AUTHORITIES, checks=EVERY_COMPARE, profile="rda",
                      penalties={"error": 1.0, "warning": 0.5, "info": 0.0, "max": 3.0},
                      **common),
    ]


KINDS_BY_ID = {d.id: d.kind for d in drafts()}


_TEMPLATES: dict[str, Path] = {}


def make_pack(folder: Path, pack_id: str = "test-pack") -> Path:
    """The test pack in ``folder``: written once per test run, then copied (copying is quicker,
    and keeps the number of atomic writes in one test process small)."""
    if pack_id not in _TEMPLATES:
        parent = tempfile.mkdtemp(prefix="catsandbox-test-pack-")
        atexit.register(shutil.rmtree, parent, True)
        template = Path(parent) / pack_id
        new_pack(template, pack_id=pack_id, title="Test pack", authors=["Tester"])
        for draft in drafts():
            add_exercise(template, draft)
        _TEMPLATES[pack_id] = template
    shutil.copytree(_TEMPLATES[pack_id], folder)
    return folder
