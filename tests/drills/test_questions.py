"""Drill questions generated from the reference data: every field, stable keys, fair checking."""

from __future__ import annotations

import pytest

from sandbox import drills
from sandbox.classify import cutter, lcc
from sandbox.drills import Question, check
from sandbox.drills.question import make_choices, normalize
from sandbox.reference import marc21


def test_a_tag_question_for_every_defined_field_without_duplicates():
    questions = drills.all_questions("tag")
    tags = [q.answer for q in questions]
    assert sorted(tags) == sorted(marc21.fields())  # every field, obsolete ones too
    prompts = [normalize(q.prompt) for q in questions]
    assert len(set(prompts)) == len(prompts)
    keys = [q.key for q in questions]
    assert len(set(keys)) == len(keys)


def test_fields_with_the_same_label_are_told_apart():
    # 851 (obsolete) and 852 are both "Location" in LC's list.
    assert marc21.field("851").label == marc21.field("852").label
    location = {q.answer: q.prompt for q in drills.all_questions("tag") if q.answer in ("851", "852")}
    assert location["851"] != location["852"]
    assert "obsolete" in location["851"]


@pytest.mark.parametrize("topic", drills.TOPICS)
def test_every_topic_has_questions_with_unique_keys_and_prompts(topic):
    questions = drills.all_questions(topic)
    assert questions
    assert len({q.key for q in questions}) == len(questions)
    assert len({normalize(q.prompt) for q in questions}) == len(questions)
    for question in questions:
        assert question.topic == topic
        assert drills.topic_of(question.key) == topic
        assert question.explanation and question.citation.startswith("https://")
        assert check(question, question.answer)
        if question.choices is not None:
            assert question.answer in question.choices
            assert len(set(map(normalize, question.choices))) == len(question.choices)
            wrong = [c for c in question.choices if c != question.answer]
            assert not any(check(question, choice) for choice in wrong), question.key
        if not question.free_text:
            assert question.choices and len(question.choices) >= 2


def test_keys_are_stable_and_find_gives_the_same_question():
    first = drills.questions(None, 40, seed=3)
    again = drills.questions(None, 40, seed=3)
    assert first == again
    for question in first:
        assert drills.find(question.key) == question
    assert drills.find("tag:999") is None
    assert drills.find("literal:1") is None


def test_questions_spread_over_the_chosen_topics():
    batch = drills.questions(["tag", "cutter", "shelf-order"], 9, seed=11)
    assert len(batch) == 9
    assert {q.topic for q in batch} == {"tag", "cutter", "shelf-order"}
    assert len({q.key for q in batch}) == 9
    assert drills.questions(["tag"], 5, seed=1) != drills.questions(["tag"], 5, seed=2)


def test_more_than_a_topic_has_gives_all_of_it():
    punctuation = drills.all_questions("punctuation")
    assert len(drills.questions(["punctuation"], 1000, seed=0)) == len(punctuation)


def test_unknown_topics_and_bad_counts_are_refused():
    with pytest.raises(ValueError, match="unknown drill topic 'tags'"):
        drills.questions(["tags"], 5, seed=1)
    with pytest.raises(ValueError, match="at least one"):
        drills.questions([], 5, seed=1)
    with pytest.raises(ValueError):
        drills.questions(None, -1, seed=1)


# -- checking answers ---------------------------------------------------------------------------

def test_check_forgives_case_spacing_and_marks():
    isbn = drills.find("tag:020")
    for given in ("020", " 020 ", "=020"):
        assert check(isbn, given), given
    assert not check(isbn, "022") and not check(isbn, "") and not check(isbn, "20")
    sub = drills.find("sf:245:c")
    for given in ("c", "$c", "‡c", " $C "):
        assert check(sub, given), given
    assert not check(sub, "$b")


def test_check_accepts_a_literal_pack_question():
    literal = Question(key="starter:1", topic="literal", prompt="Which field holds the ISBN?",
                       choices=None, answer="020", accept=("020", "=020"))
    assert check(literal, "=020") and not check(literal, "024")


def test_blank_values_may_be_typed_several_ways():
    blank = drills.find("ind-value:650/1:#")
    assert blank.answer == "#"
    for given in ("#", "\\", "blank", "b"):
        assert check(blank, given), given
    assert not check(blank, "0")


def test_punctuation_is_checked_by_the_mark_not_its_spacing():
    before_c = drills.find("punct:245$c")
    assert check(before_c, "/") and check(before_c, " / ") and check(before_c, "space-slash")
    assert not check(before_c, ":")
    none = drills.find("punct:650$x")
    assert check(none, "none") and check(none, "no punctuation") and not check(none, "--")


def test_make_choices_never_repeats_or_drops_the_answer():
    choices = make_choices("k", "a", ["a", "A", "b", "b", "c", "d", "e"])
    assert len(choices) == 4 and "a" in choices
    assert len({normalize(c) for c in choices}) == 4
    assert make_choices("k", "a", ["b"], fallback=["c", "d", "b"]) == make_choices(
        "k", "a", ["b"], fallback=["c", "d", "b"])
    assert len(make_choices("k", "a", ["b"], fallback=["c", "d", "b"])) == 4


# -- the topics teach what they ask --------------------------------------------------------------

def test_tag_explanations_give_label_repeatability_and_lc_page():
    question = drills.find("tag:245")
    assert question.prompt == "Which MARC 21 tag is “Title Statement”?"
    assert "not repeatable" in question.explanation and "Nonfiling characters" in question.explanation
    assert question.citation == "https://www.loc.gov/marc/bibliographic/bd245.html"


def test_indicator_values_that_share_a_meaning_are_asked_together():
    nonfiling = drills.find("ind:245/2:1-9")
    assert nonfiling.answer == "Number of nonfiling characters" and not nonfiling.free_text
    assert drills.find("ind:245/2:0").answer == "No nonfiling characters"
    # "Which value means 'Number of nonfiling characters'" has nine right answers: not asked.
    assert drills.find("ind-value:245/2:4") is None
    cover = drills.find("ind-value:246/2:4")
    assert cover.answer == "4" and "Cover title" in cover.prompt


@pytest.mark.parametrize("title, count", [
    ("The hobbit", "4"), ("A tale of two cities", "2"), ("An essay on man", "3"), ("Walden", "0"),
    ("L'étranger", "2"), ("Der Zauberberg", "4"), ("A is for apple", "0"),
])
def test_nonfiling_counts_come_from_the_initial_articles(title, count):
    question = drills.find(f"nonfiling:245:{title}")
    assert question.answer == count


def test_fixed_field_questions_for_leader_and_008():
    form = drills.find("ff-pos:008/BK:23")
    assert form.answer == "23" and "Form of item" in form.prompt
    assert check(form, "008/23") and check(form, "23")
    online = drills.find("ff-code:008/BK:23:o")
    assert online.answer == "o" and "Online" in online.prompt
    assert drills.find("ff-meaning:LDR:06:a").answer == "Language material"
    assert drills.find("ff-pos:008:35-37").answer == "35-37"  # common to all materials: asked once
    assert drills.find("ff-pos:008/BK:35-37") is None
    assert drills.find("ff-code:LDR:10:2") is None  # one possible code: nothing to ask


def test_cutter_questions_are_the_calculators_exact_answers():
    questions = drills.all_questions("cutter")
    assert len(questions) >= 30
    for question in questions:
        name = question.key.split(":", 1)[1]
        result = cutter.cutter(name)
        assert result.exact and question.answer == result.dotted
        assert check(question, result.cutter)


def test_shelf_order_questions_agree_with_the_sorter_and_say_why():
    questions = drills.all_questions("shelf-order")
    assert len(questions) >= 40
    for question in questions:
        first, second = question.key.split(":", 1)[1].split("|")
        assert question.answer == first
        assert set(question.choices) == {first, second}
        assert lcc.sort_key(first) < lcc.sort_key(second)
    shown_first = [q.choices[0] == q.answer for q in questions]
    assert any(shown_first) and not all(shown_first)  # the answer is not always on top


@pytest.mark.parametrize("first, second, says", [
    ("QA76.73 .P98", "QA76.9 .D3", "decimal fractions"),
    ("QA76 .A1", "QA76.5 .G3", "nothing before something"),
    ("QA77 .B4", "QA303 .S7", "as numbers, not digit by digit"),
    ("HF5549 .A45", "HF5549 .A5", "Cutters file as decimals"),
    ("PS3545 .I345 A6 1962", "PS3545 .I345 A6 1962b", "same year"),
    ("QA76.73 .P98 L88 2013 v.2", "QA76.73 .P98 L88 2013 v.10", "v.2 before v.10"),
    ("Q350 .S5", "QA76 .A1", "Q before QA"),
    ("QA76.73 .J38 2005", "QA76.73 .J38 S65 2010", "numerals file before letters"),
    ("HF5549.5 .T7 1995", "HF5549.5 .T7 1995 c.2", "nothing files before something"),
])
def test_why_first_names_the_deciding_rule(first, second, says):
    assert says in drills.why_first(first, second)
    assert drills.why_first(second, first).startswith(f"{lcc.parse_call_number(first)} files before")


def test_why_first_refuses_what_is_not_a_call_number():
    with pytest.raises(ValueError):
        drills.why_first("005.133", "QA76")
