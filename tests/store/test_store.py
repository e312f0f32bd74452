"""The store's API, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from sandbox.store import LearnerExists, exercise_hash, open_store

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def check(competency, earned, possible, **extra):
    return {"competency": competency, "earned": earned, "possible": possible, **extra}


def test_a_new_store_is_empty_and_keeps_learners_by_name(store):
    assert store.learners() == []
    zoe = store.add_learner("Zoë Park")
    ana = store.add_learner("  ana   Ruiz ")
    ben = store.add_learner("Ben Okafor")
    assert ana.name == "ana Ruiz"  # spacing tidied, as a name typed in a dialog
    assert [learner.name for learner in store.learners()] == ["ana Ruiz", "Ben Okafor", "Zoë Park"]
    assert {learner.id for learner in store.learners()} == {zoe.id, ana.id, ben.id}
    assert store.learners()[0].created_at.tzinfo is not None


def test_learner_names_are_unique_and_not_blank(store):
    store.add_learner("Ana Ruiz")
    with pytest.raises(LearnerExists, match="already a learner called 'Ana Ruiz'"):
        store.add_learner("Ana  Ruiz")
    with pytest.raises(ValueError):
        store.add_learner("   ")
    assert len(store.learners()) == 1


def test_rename_and_remove_a_learner_with_their_work(store):
    ana = store.add_learner("Ana")
    ben = store.add_learner("Ben")
    store.rename_learner(ana.id, "Ana Ruiz")
    with pytest.raises(LearnerExists):
        store.rename_learner(ben.id, "Ana Ruiz")
    store.save_draft(ben.id, "exercise:starter/x", "=245  10$aX", "mrk")
    store.record_attempt(ben.id, "starter", "1.0.0", "x", record="r", fmt="mrk", score=1,
                         max_score=1)
    store.record_drill_answer(ben.id, "tag:020", "tag", True)
    store.remove_learner(ben.id)
    assert [learner.name for learner in store.learners()] == ["Ana Ruiz"]
    assert store.drafts(ben.id) == [] and store.attempts(ben.id) == []
    assert store.drill_answers(ben.id) == []


def test_drafts_are_upserted_per_learner_and_key(store):
    ana = store.add_learner("Ana")
    ben = store.add_learner("Ben")
    key = "file:/home/ana/records.mrk#record-3"
    store.save_draft(ana.id, key, "=245  10$aFirst", "mrk")
    later = store.save_draft(ana.id, key, "=245  10$aSecond", "mrk")
    store.save_draft(ana.id, "exercise:starter/describe-walden", "<dc/>", "dcxml")
    store.save_draft(ben.id, key, "=245  10$aBen's", "mrk")
    kept = store.draft(ana.id, key)
    assert kept.text == "=245  10$aSecond" and kept.format == "mrk"
    assert kept.updated_at == later.updated_at
    assert sorted(d.key for d in store.drafts(ana.id)) == [
        "exercise:starter/describe-walden", key]
    assert store.drafts(ana.id)[0].key == "exercise:starter/describe-walden"  # newest first
    assert store.draft(ben.id, key).text == "=245  10$aBen's"
    assert store.discard_draft(ana.id, key) is True
    assert store.discard_draft(ana.id, key) is False
    assert store.draft(ana.id, key) is None
    assert store.draft(ben.id, key) is not None


def test_drafts_keep_any_text_exactly(store):
    ana = store.add_learner("Ana")
    text = ("=LDR  00000nam a2200000 i 4500\n=245  10$aL'étranger /$cAlbert Camus.\r\n"
            "\t{dollar}\u0361")
    store.save_draft(ana.id, "k", text, "mrk")
    assert store.draft(ana.id, "k").text == text


def test_attempts_keep_record_score_feedback_and_rules(store):
    ana = store.add_learner("Ana")
    checks = [check("description", 2.0, 2.0, select="245$a", why="Title proper."),
              check("encoding", 0.0, 1.0, select="008/35-37")]
    attempt = store.record_attempt(
        ana.id, "starter", "1.0.0", "describe-walden", record="=245  10$aWalden", fmt="mrk",
        score=7.5, max_score=10, checks=checks, rule_ids=["PUN-003", "REQ-001", "PUN-003"],
        hints_used=2, submitted_at=T0)
    assert attempt.percent == 75.0
    [kept] = store.attempts(ana.id)
    assert kept == attempt
    assert kept.record == "=245  10$aWalden"
    assert kept.checks[0]["select"] == "245$a" and kept.checks[1]["earned"] == 0.0
    assert kept.rules == {"PUN-003": 2, "REQ-001": 1}
    assert kept.rule_ids == ("PUN-003", "REQ-001")
    assert kept.submitted_at == T0 and kept.hints_used == 2


def test_attempt_with_no_points_possible_scores_zero_not_an_error(store):
    ana = store.add_learner("Ana")
    attempt = store.record_attempt(ana.id, "p", "1", "e", record="", fmt="mrk", score=0,
                                   max_score=0)
    assert attempt.percent == 0.0


def test_attempts_filter_by_pack_and_exercise_in_time_order(store):
    ana = store.add_learner("Ana")
    ben = store.add_learner("Ben")
    for minutes, (pack, exercise) in enumerate([("a", "x"), ("b", "x"), ("a", "y"), ("a", "x")]):
        store.record_attempt(ana.id, pack, "1", exercise, record=f"r{minutes}", fmt="mrk",
                             score=minutes, max_score=10,
                             submitted_at=T0 + timedelta(minutes=minutes))
    store.record_attempt(ben.id, "a", "1", "x", record="ben", fmt="mrk", score=1, max_score=1)
    assert [a.record for a in store.attempts(ana.id)] == ["r0", "r1", "r2", "r3"]
    assert [a.record for a in store.attempts(ana.id, "a")] == ["r0", "r2", "r3"]
    assert [a.record for a in store.attempts(ana.id, "a", "x")] == ["r0", "r3"]


def test_latest_and_best_attempts_per_exercise(store):
    ana = store.add_learner("Ana")
    for minutes, (exercise, score) in enumerate([("x", 6), ("x", 9), ("x", 7), ("y", 4)]):
        store.record_attempt(ana.id, "starter", "1.0.0", exercise, record=f"{exercise}{score}",
                             fmt="mrk", score=score, max_score=10,
                             submitted_at=T0 + timedelta(minutes=minutes))
    assert {k: a.record for k, a in store.latest_attempts(ana.id, "starter").items()} == {
        "x": "x7", "y": "y4"}
    assert {k: a.record for k, a in store.best_attempts(ana.id, "starter").items()} == {
        "x": "x9", "y": "y4"}
    assert store.best_scores(ana.id, "starter") == {"x": 90.0, "y": 40.0}


def install(store, version, exercises, when):
    return store.install_pack("starter", version, sha256=version.replace(".", "") * 8,
                              title="Starter pack", path=f"/packs/starter-{version}.catpack",
                              exercises=exercises, installed_at=when)


def test_installed_packs_list_the_current_version_with_exercise_hashes(store):
    install(store, "1.0.0", {"b-second": "h-b", "a-first": "h-a"}, T0)
    install(store, "1.1.0", {"b-second": "h-b2", "a-first": "h-a", "c-new": "h-c"},
            T0 + timedelta(days=3))
    store.install_pack("other", "2.0", sha256="f" * 64, title="Another pack", path="/o",
                       exercises={}, installed_at=T0)
    packs = store.installed_packs()
    assert [(p.pack_id, p.version) for p in packs] == [("other", "2.0"), ("starter", "1.1.0")]
    starter = store.installed_pack("starter")
    assert list(starter.exercises) == ["b-second", "a-first", "c-new"]  # the pack's own order
    assert starter.exercises["b-second"] == "h-b2"
    assert starter.installed_at == T0 + timedelta(days=3)
    assert store.installed_pack("missing") is None


def test_upgrading_a_pack_keeps_attempts_on_unchanged_exercises_only(store):
    ana = store.add_learner("Ana")
    install(store, "1.0.0", {"same": "h-same", "changed": "h-old", "dropped": "h-drop"}, T0)
    for exercise in ("same", "changed", "dropped"):
        store.record_attempt(ana.id, "starter", "1.0.0", exercise, record=exercise, fmt="mrk",
                             score=8, max_score=10, submitted_at=T0 + timedelta(hours=1))
    assert store.attempts(ana.id)[0].exercise_hash == "h-same"  # taken from the installed pack
    assert set(store.best_scores(ana.id, "starter")) == {"same", "changed", "dropped"}

    install(store, "1.1.0", {"same": "h-same", "changed": "h-new"}, T0 + timedelta(days=1))
    assert set(store.best_scores(ana.id, "starter")) == {"same"}
    assert len(store.attempts(ana.id, "starter")) == 3  # history is never deleted

    store.record_attempt(ana.id, "starter", "1.1.0", "changed", record="again", fmt="mrk",
                         score=5, max_score=10, submitted_at=T0 + timedelta(days=2))
    assert store.best_scores(ana.id, "starter") == {"same": 80.0, "changed": 50.0}


def test_attempts_without_a_hash_count_for_their_own_version(store):
    ana = store.add_learner("Ana")
    store.record_attempt(ana.id, "loose", "1", "e", record="old", fmt="mrk", score=1, max_score=1,
                         submitted_at=T0)
    assert store.attempts(ana.id)[0].exercise_hash is None  # the pack was never installed
    assert set(store.latest_attempts(ana.id, "loose")) == {"e"}  # not installed: all count
    store.install_pack("loose", "2", sha256="0" * 64, title="Loose", path="/l",
                       exercises={"e": "h"}, installed_at=T0 + timedelta(days=1))
    assert store.latest_attempts(ana.id, "loose") == {}


def test_exercise_hash_changes_with_the_files_of_that_exercise_only():
    files = {"exercises/a/key.mrk": "1" * 64, "exercises/a/brief.md": "2" * 64,
             "exercises/ab/key.mrk": "3" * 64}
    base = exercise_hash(files, "exercises/a")
    assert len(base) == 64
    assert exercise_hash({**files, "exercises/ab/key.mrk": "9" * 64}, "exercises/a") == base
    assert exercise_hash({**files, "exercises/a/key.mrk": "9" * 64}, "exercises/a") != base
    assert exercise_hash(dict(reversed(list(files.items()))), "exercises/a/") == base


def test_classroom_lists_every_learners_latest_attempts(store):
    install(store, "1.0.0", {"second": "h2", "first": "h1"}, T0)
    zoe, ana = store.add_learner("Zoë"), store.add_learner("ana")
    store.add_learner("Idle")
    for minutes, (learner, exercise, score) in enumerate(
            [(zoe, "first", 3), (ana, "first", 5), (zoe, "first", 9), (zoe, "second", 7),
             (ana, "first", 6)]):
        store.record_attempt(learner.id, "starter", "1.0.0", exercise, record=f"{score}",
                             fmt="mrk", score=score, max_score=10,
                             submitted_at=T0 + timedelta(minutes=minutes))
    rows = store.latest_attempts_all_learners("starter")
    assert [(row.learner.name, row.attempt.exercise_id, row.attempt.record) for row in rows] == [
        ("ana", "first", "6"), ("Zoë", "second", "7"), ("Zoë", "first", "9")]


def test_classroom_sees_other_copies_writes(store_url, store):
    # Two copies of the app on one database: the instructor's sees the learner's new attempt.
    instructor = store
    with open_store(store_url) as learner_copy:
        ana = learner_copy.add_learner("Ana")
        learner_copy.record_attempt(ana.id, "starter", "1", "x", record="r", fmt="mrk", score=1,
                                    max_score=2)
    rows = instructor.latest_attempts_all_learners("starter")
    assert [row.attempt.percent for row in rows] == [50.0]


def test_drill_answers_in_time_order_by_topic(store):
    ana = store.add_learner("Ana")
    store.record_drill_answer(ana.id, "tag:020", "tag", True, T0 + timedelta(minutes=2))
    store.record_drill_answer(ana.id, "ind:245/2", "indicator", False, T0 + timedelta(minutes=1))
    store.record_drill_answer(ana.id, "tag:020", "tag", False, T0 + timedelta(minutes=3))
    answers = store.drill_answers(ana.id)
    assert [(a.item_key, a.correct) for a in answers] == [
        ("ind:245/2", False), ("tag:020", True), ("tag:020", False)]
    assert [a.item_key for a in store.drill_answers(ana.id, topic="tag")] == ["tag:020", "tag:020"]
    assert answers[0].answered_at == T0 + timedelta(minutes=1)


def test_times_come_back_aware_and_equal_whatever_zone_they_went_in_with(store):
    ana = store.add_learner("Ana")
    tokyo = timezone(timedelta(hours=9))
    store.record_drill_answer(ana.id, "k", "tag", True, datetime(2026, 3, 2, 18, 0, tzinfo=tokyo))
    [answer] = store.drill_answers(ana.id)
    assert answer.answered_at == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="no time zone"):
        store.record_drill_answer(ana.id, "k", "tag", True, datetime(2026, 3, 2, 18, 0))


def test_score_history_per_pack_with_running_average(store):
    ana = store.add_learner("Ana")
    plan = [("a", "x", 40), ("a", "y", 80), ("b", "z", 50), ("a", "x", 100)]
    for minutes, (pack, exercise, percent) in enumerate(plan):
        store.record_attempt(ana.id, pack, "1", exercise, record="", fmt="mrk", score=percent,
                             max_score=100, submitted_at=T0 + timedelta(minutes=minutes))
    history = store.score_history(ana.id)
    assert set(history) == {"a", "b"}
    assert [(p.exercise_id, p.percent, p.pack_average) for p in history["a"]] == [
        ("x", 40.0, 40.0), ("y", 80.0, 60.0), ("x", 100.0, 90.0)]
    assert [p.pack_average for p in history["b"]] == [50.0]


def test_mastery_sums_check_points_of_the_latest_attempts_per_competency(store):
    ana = store.add_learner("Ana")
    store.record_attempt(ana.id, "p", "1", "x", record="", fmt="mrk", score=0, max_score=4,
                         checks=[check("description", 0, 2), check("encoding", 0, 2)],
                         submitted_at=T0)
    store.record_attempt(ana.id, "p", "1", "x", record="", fmt="mrk", score=3, max_score=4,
                         checks=[check("description", 2, 2), check("encoding", 1, 2),
                                 {"select": "245", "earned": 1, "possible": 1}],  # no competency
                         submitted_at=T0 + timedelta(minutes=1))
    store.record_attempt(ana.id, "p", "1", "y", record="", fmt="mrk", score=1, max_score=4,
                         checks=[check("description", 1, 4)], submitted_at=T0)
    mastery = {m.competency: m for m in store.mastery(ana.id)}
    assert set(mastery) == {"description", "encoding"}
    assert (mastery["description"].earned, mastery["description"].possible) == (3.0, 6.0)
    assert mastery["description"].percent == pytest.approx(50.0)
    assert mastery["encoding"].percent == pytest.approx(50.0) and mastery["encoding"].checks == 1


def test_mastery_reads_points_and_weight_as_other_names_for_earned_and_possible(store):
    ana = store.add_learner("Ana")
    store.record_attempt(ana.id, "p", "1", "x", record="", fmt="mrk", score=1, max_score=4,
                         checks=[{"competency": "classification", "points": 1, "weight": 4}])
    [only] = store.mastery(ana.id)
    assert (only.competency, only.percent) == ("classification", 25.0)


def test_mastery_ignores_attempts_that_no_longer_count(store):
    ana = store.add_learner("Ana")
    install(store, "1.0.0", {"x": "old"}, T0)
    store.record_attempt(ana.id, "starter", "1.0.0", "x", record="", fmt="mrk", score=1,
                         max_score=1, checks=[check("encoding", 1, 1)], submitted_at=T0)
    assert [m.competency for m in store.mastery(ana.id)] == ["encoding"]
    install(store, "2.0.0", {"x": "new"}, T0 + timedelta(days=1))
    assert store.mastery(ana.id) == []


def test_broken_rules_ranked_by_attempts_then_occurrences(store):
    ana = store.add_learner("Ana")
    ben = store.add_learner("Ben")
    plan = [["PUN-003", "PUN-003", "REQ-001"], ["PUN-003"], ["FIX-008", "FIX-008", "FIX-008"],
            ["REQ-001"]]
    for minutes, rules in enumerate(plan):
        store.record_attempt(ana.id, "p", "1", "x", record="", fmt="mrk", score=0, max_score=1,
                             rule_ids=rules, submitted_at=T0 + timedelta(minutes=minutes))
    store.record_attempt(ben.id, "p", "1", "x", record="", fmt="mrk", score=0, max_score=1,
                         rule_ids=["FIX-008"] * 9)
    ranked = store.broken_rules(ana.id)
    assert [(r.rule_id, r.attempts, r.occurrences) for r in ranked] == [
        ("PUN-003", 2, 3), ("REQ-001", 2, 2), ("FIX-008", 1, 3)]
    assert ranked[1].last_seen == T0 + timedelta(minutes=3)
    assert [r.rule_id for r in store.broken_rules(ana.id, limit=1)] == ["PUN-003"]
    assert [r.rule_id for r in store.broken_rules(ana.id, since=T0 + timedelta(minutes=2))] == [
        "FIX-008", "REQ-001"]


def test_streak_counts_consecutive_local_days_of_attempts_and_drills(store):
    ana = store.add_learner("Ana")
    here = timezone(timedelta(hours=-5))

    def at(day, hour):
        return datetime(2026, 3, day, hour, 0, tzinfo=here)
    # Days 1-3 (a run of 3), then 5-6 (a run of 2, counted as current until the 7th ends).
    for moment in (at(1, 9), at(2, 23), at(3, 8), at(5, 12)):
        store.record_drill_answer(ana.id, "k", "tag", True, moment)
    store.record_attempt(ana.id, "p", "1", "x", record="", fmt="mrk", score=1, max_score=1,
                         submitted_at=at(6, 22))  # 03:00 UTC on the 7th: still the 6th here
    on_sixth = store.streak(ana.id, today=date(2026, 3, 6), tz=here)
    assert (on_sixth.current, on_sixth.longest, on_sixth.active_today) == (2, 3, True)
    on_seventh = store.streak(ana.id, today=date(2026, 3, 7), tz=here)
    assert (on_seventh.current, on_seventh.active_today) == (2, False)
    assert on_seventh.last_active == date(2026, 3, 6)
    assert store.streak(ana.id, today=date(2026, 3, 8), tz=here).current == 0
    in_utc = store.streak(ana.id, today=date(2026, 3, 7), tz=UTC)
    assert (in_utc.current, in_utc.active_today) == (1, True)


def test_streak_of_a_learner_with_no_activity(store):
    ana = store.add_learner("Ana")
    assert store.streak(ana.id) == type(store.streak(ana.id))(0, 0, False, None)


def test_store_is_shared_only_on_a_server(store, store_url):
    assert store.is_shared == store_url.startswith("postgresql")
    assert (store.path is None) == store.is_shared


def test_days_after_today_from_a_wrong_clock_do_not_break_the_streak(store):
    ana = store.add_learner("Ana")
    for day in (4, 5, 9):
        store.record_drill_answer(ana.id, "k", "tag", True, datetime(2026, 3, day, 12, tzinfo=UTC))
    streak = store.streak(ana.id, today=date(2026, 3, 5), tz=UTC)
    assert (streak.current, streak.active_today, streak.last_active) == (2, True, date(2026, 3, 5))
