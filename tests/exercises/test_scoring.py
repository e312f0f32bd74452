"""Scoring: every key scores 100% on its own exercise; wrong answers score lower, and the feedback
names what failed and why."""

from __future__ import annotations

import pytest

from sandbox.exercises import score, score_key, score_text
from tests.packs.factory import DAMAGED, KEY, KINDS_BY_ID, SECOND_KEY, STUB


@pytest.mark.parametrize("exercise_id", sorted(KINDS_BY_ID))
def test_every_key_scores_100_on_its_own_exercise(pack, exercise_id):
    exercise = pack.exercise(exercise_id)
    for index in range(max(1, len(exercise.keys))):
        result = score_key(exercise, index)
        assert result.percent == 100.0, result.report()
        assert result.failed == [] and result.penalty == 0
        assert result.earned == result.possible > 0


WRONG_ANSWERS = {
    # exercise id: (the answer, labels of checks that must fail)
    "describe-book": (KEY.replace("$aThinking, fast and slow /", "$aThinking fast /")
                      .replace("=300  \\\\$a499 pages", "=300  \\\\$a500 pages"),
                      {"245 Title Statement", "300 Physical Description"}),
    "fix-book": (DAMAGED.replace("9780374275632", "9780374275631"),
                 {"245 Title Statement",
                  "264 Production, Publication, Distribution, Manufacture, and Copyright Notice",
                  "260 Publication, Distribution, etc. (Imprint) (remove it)"}),
    "fixed-fields-book": (KEY.replace("=008  260101s2011", "=008  260101s2012")
                          .replace("00000nam", "00000ncm"),
                          {"008/07-10 Date 1", "Leader/06 Type of record"}),
    "classify-book": (KEY.replace("$aBF441$b.K238 2011", "$aBF441$b.K35 2011")
                      .replace("$a153.4/2$223", "$a158.1$223"),
                      {"050 LC call number: cutter", "050 LC call number: full",
                       "082 Dewey number: first three digits", "082 Dewey number: every digit"}),
    "subjects-book": (KEY.replace("=650  \\0$aDecision making.", "=650  \\0$aDeciding."),
                      {"6XX subject headings", "6XX headings in the authority file"}),
    "every-compare": (KEY.replace("$aThinking, fast and slow /", "$aTHINKING, FAST AND SLOW /")
                      .replace("9780374275631", "9780374275630"),
                      {"245$a (exact)", "rule NUM-001 (rule)"}),
}


@pytest.mark.parametrize("exercise_id", sorted(WRONG_ANSWERS))
def test_a_wrong_record_scores_lower_and_names_the_failing_checks(pack, exercise_id):
    exercise = pack.exercise(exercise_id)
    answer, must_fail = WRONG_ANSWERS[exercise_id]
    result = score_text(exercise, answer)
    assert result.percent < 100.0
    failed = {check.label for check in result.failed}
    assert must_fail <= failed, result.report()
    for check in result.failed:
        assert check.detail, f"{check.label} failed without saying why"
        assert check.earned < check.possible


def test_a_wrong_crosswalk_names_the_elements(pack):
    from tests.packs.factory import DC_KEY

    exercise = pack.exercise("crosswalk-book")
    answer = DC_KEY.replace("<dc:date>2011</dc:date>", "<dc:date>2012</dc:date>").replace(
        "<dc:subject>Decision making</dc:subject>", "")
    result = score_text(exercise, answer)
    assert {c.label for c in result.failed} == {"dc:date", "dc:subject"}
    subject = next(c for c in result.failed if c.label == "dc:subject")
    assert subject.earned == pytest.approx(0.5) and "Decision making" in subject.detail


def test_a_wrong_drill_answer_names_the_question(pack):
    exercise = pack.exercise("drill-tags")
    result = score(exercise, {"isbn": "=020", "title": "246", "q3": " LANGUAGE  material "})
    assert [c.label for c in result.failed] == ["Which field holds the title statement?"]
    assert result.failed[0].detail == "expected '245', given '246'"
    assert result.earned == 2 and result.possible == 3
    unanswered = score(exercise, {})
    assert unanswered.earned == 0 and unanswered.failed[0].detail == "no answer was given"


def test_the_best_of_several_keys_counts(pack):
    exercise = pack.exercise("every-compare")
    assert score_text(exercise, SECOND_KEY).key_number == 2
    assert score_text(exercise, SECOND_KEY).percent == 100.0
    assert score_text(exercise, KEY).key_number == 1
    paperback = score_text(exercise, KEY.replace("9780374275631", "9780374533557"))
    assert paperback.key_number == 2  # its ISBN matches the second key only


def test_scoring_is_deterministic(pack):
    exercise = pack.exercise("describe-book")
    answer = KEY.replace("=250  \\\\$aFirst edition.\n", "").replace("Kahneman, Daniel", "Kahneman, D.")
    first = score_text(exercise, answer).as_dict()
    assert all(score_text(exercise, answer).as_dict() == first for _ in range(3))


def test_result_lists_every_check_with_its_reason_and_source(pack):
    result = score_text(pack.exercise("every-compare"), STUB)
    assert len(result.checks) == 13
    for check in result.checks:
        assert check.why and check.citation and check.competency
        assert 0 <= check.earned <= check.possible
    title = next(c for c in result.checks if c.select == "245$a")
    assert title.expected == ("Thinking, fast and slow /",)
    assert title.given == ("Thinking, fast and slow /",) and title.locations == ("245[1]$a[1]",)


def test_subtotals_add_up_per_competency(pack):
    result = score_text(pack.exercise("describe-book"), STUB)
    assert sum(s.earned for s in result.subtotals) == pytest.approx(result.earned)
    assert sum(s.possible for s in result.subtotals) == pytest.approx(result.possible)
    names = [s.competency for s in result.subtotals]
    assert names == sorted(names, key=["description", "access points", "subject analysis",
                                       "classification", "encoding"].index)


def test_penalties_count_findings_the_key_does_not_share_and_stop_at_the_cap(pack):
    exercise = pack.exercise("every-compare")  # error 1.0, warning 0.5, max 3
    one_error = score_text(exercise, KEY.replace("9780374275631", "9780374275630"))
    assert [p.rule for p in one_error.penalties] == ["NUM-001"]
    assert one_error.penalty == 1.0 and one_error.penalties[0].points == 1.0
    assert one_error.total == one_error.earned - 1.0
    many = score_text(exercise, STUB)
    assert sum(p.points for p in many.penalties) > 3.0 and many.penalty == 3.0


def test_an_answer_that_cannot_be_read_scores_zero_and_says_so(pack):
    exercise = pack.exercise("describe-book")
    result = score_text(exercise, "this is not a record")
    assert result.total == 0 and result.problems
    assert "no MARC record was given" in result.problems
    huge = score_text(exercise, "=LDR  " + "x" * (2 * 1024 * 1024))
    assert huge.total == 0 and "at most" in huge.problems[0]


def test_two_records_in_one_answer_scores_the_first_and_says_so(pack):
    result = score_text(pack.exercise("describe-book"), KEY + "\n" + STUB)
    assert result.percent == 100.0
    assert any("more than one record" in p for p in result.problems)


def test_hints_come_nudge_then_rule_then_answer(pack):
    exercise = pack.exercise("describe-book")
    assert [h.tier for h in exercise.hints] == ["nudge", "rule", "answer"]
    assert [h.tier for h in exercise.hints_up_to(2)] == ["nudge", "rule"]
    assert exercise.hints_up_to(0) == []


def test_an_exercise_exposes_what_the_ui_shows(pack):
    exercise = pack.exercise("describe-book")
    assert exercise.brief.startswith("# Task")
    assert [s.name for s in exercise.surrogates] == ["Title page", "Verso"]
    assert exercise.surrogates[0].media_type == "text/markdown"
    assert "THINKING" in exercise.surrogates[0].text
    assert exercise.start_record["245"]["a"] == "Thinking, fast and slow /"
    assert exercise.start_text.startswith("=LDR  ")
    assert exercise.answer_format == "mrk"
    assert pack.exercise("crosswalk-book").answer_format == "dcxml"
    assert pack.exercise("drill-tags").answer_format == "answers"
