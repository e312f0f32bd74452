"""The drill view, offscreen, with a fake clock and an in-memory store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from sandbox import drills
from ui.reference import DrillView


@dataclass
class Answer:
    item_key: str
    topic: str
    correct: bool
    answered_at: datetime


class FakeStore:
    """The two store methods the drill view uses."""

    def __init__(self, answers=()):
        self.answers: list[tuple] = list(answers)

    def record_drill_answer(self, learner_id, item_key, topic, correct, answered_at):
        self.answers.append((learner_id, Answer(item_key, topic, correct, answered_at)))

    def drill_answers(self, learner_id):
        return [answer for who, answer in self.answers if who == learner_id]


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 2, 10, tzinfo=timezone.utc)

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store():
    return FakeStore()


@pytest.fixture
def view(qtbot, store, clock):
    widget = DrillView(store=store, learner_id=7, clock=clock, seed=1)
    qtbot.addWidget(widget)
    widget.resize(900, 640)
    return widget


def only(view, *topics):
    for topic, box in view.topic_boxes.items():
        box.setChecked(topic in topics)


def recorded(store):
    return [answer for _, answer in store.answers]


def wrong_choice(view):
    question = view.session.current
    return next(button for button in view._choice_buttons
                if button.property("choice") != question.answer)


def test_a_session_of_typed_answers_records_each_one(view, store, qtbot):
    only(view, "tag")
    view.count.setValue(2)
    view.minutes.setValue(0)
    view.multiple_choice.setChecked(False)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    assert view.pages.currentIndex() == 1
    question = view.session.current
    assert question.topic == "tag"
    assert view.prompt.text() == question.prompt
    assert not view.choices_box.isVisibleTo(view) and view.answer_edit.isVisibleTo(view)
    view.answer_edit.setText("=" + question.answer)
    qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)
    assert "Right." in view.feedback.text() and question.citation in view.feedback.text()
    assert recorded(store)[-1].item_key == question.key and recorded(store)[-1].correct
    assert recorded(store)[-1].answered_at == view.clock()
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    second = view.session.current
    view.answer_edit.setText("not a tag")
    view.submit()
    assert "Not quite." in view.feedback.text() and second.answer in view.feedback.text()
    assert recorded(store)[-1].item_key == second.key and not recorded(store)[-1].correct
    view.next_question()
    assert view.pages.currentIndex() == 2
    assert view.result_title.text() == "1 of 2 right (50%)."
    assert view.missed_model.rowCount() == 1
    assert view.missed_model.data(view.missed_model.index(0, 2)) == second.answer
    assert "Tags 1/2" in view.by_topic.text()


def test_multiple_choice_marks_the_right_and_the_wrong_choice(view, store):
    only(view, "punctuation")
    view.minutes.setValue(0)
    view.start_new()
    assert view.choices_box.isVisibleTo(view) and not view.answer_edit.isVisibleTo(view)
    assert len(view._choice_buttons) == len(view.session.current.choices)
    picked = wrong_choice(view)
    picked.setChecked(True)
    outcome = view.submit()
    assert outcome is not None and not outcome.correct
    assert picked.text().endswith("✗")
    assert any(b.text().endswith("✓") for b in view._choice_buttons)
    assert not recorded(store)[-1].correct


def test_an_empty_answer_is_not_recorded(view, store):
    only(view, "tag")
    view.multiple_choice.setChecked(False)
    view.start_new()
    assert view.submit("   ") is None
    assert "Choose or type" in view.feedback.text() and store.answers == []


def test_phrases_are_always_asked_as_multiple_choice(view):
    view.multiple_choice.setChecked(False)
    view.minutes.setValue(0)
    view.start([drills.find("ind:245/2:1-9")])
    assert view.choices_box.isVisibleTo(view) and not view.answer_edit.isVisibleTo(view)


def test_number_keys_pick_a_choice_and_enter_answers(view, qtbot):
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    view.minutes.setValue(0)
    view.start([drills.find("tag:020"), drills.find("tag:245")])
    qtbot.waitUntil(lambda: view._choice_buttons[0].hasFocus(), timeout=2000)
    qtbot.keyClick(view._choice_buttons[0], Qt.Key.Key_2)
    assert view._choice_buttons[1].isChecked()
    qtbot.keyClick(view._choice_buttons[1], Qt.Key.Key_Return)
    assert view.session.position == 1 and view.feedback_frame.isVisibleTo(view)
    qtbot.keyClick(view.next_button, Qt.Key.Key_Return)
    assert view.session.current.key == "tag:245"


def test_typing_digits_in_the_answer_box_types_them(view, qtbot):
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    view.minutes.setValue(0)
    view.multiple_choice.setChecked(False)
    view.start([drills.find("tag:245"), drills.find("tag:020")])
    qtbot.waitUntil(lambda: view.answer_edit.hasFocus(), timeout=2000)
    qtbot.keyClicks(view.answer_edit, "245")
    assert view.answer_edit.text() == "245"
    qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)
    assert view.session.position == 1 and view.session.outcomes[0].correct
    qtbot.keyClick(view.next_button, Qt.Key.Key_Return)
    assert view.session.current.key == "tag:020" and view.answer_edit.text() == ""


def test_the_clock_counts_down_and_ends_the_session(view, clock):
    only(view, "tag")
    view.count.setValue(5)
    view.minutes.setValue(1)
    view.start_new()
    assert view.clock_label.text() == "1:00 left"
    clock.now += timedelta(seconds=25)
    view._tick()
    assert view.clock_label.text() == "0:35 left"
    clock.now += timedelta(minutes=1)
    view._tick()
    assert view.pages.currentIndex() == 2
    assert "Time ran out with 5 unanswered" in view.result_title.text()


def test_untimed_sessions_show_elapsed_time(view, clock):
    view.minutes.setValue(0)
    view.start([drills.find("tag:020")])
    clock.now += timedelta(seconds=75)
    view._tick()
    assert view.clock_label.text() == "1:15 elapsed"


def test_review_picks_the_missed_items(view, store, clock):
    view.minutes.setValue(0)
    view.multiple_choice.setChecked(False)
    view.start([drills.find("tag:020"), drills.find("tag:245"), drills.find("cutter:Camus")])
    view.submit("020")
    view.next_question()
    view.submit("999")  # missed
    view.next_question()
    view.submit(".C36")
    view.next_question()
    assert view.again_review.isEnabled()
    view.again_review.click()
    assert view.pages.currentIndex() == 1
    assert [q.key for q in view.session.questions] == ["tag:245"]
    # The next day, the ones answered right are due too, the missed one first.
    clock.now += timedelta(days=1)
    assert [q.key for q in view.due_questions()][0] == "tag:245"


def test_history_from_the_store_drives_review(qtbot, clock):
    earlier = clock.now - timedelta(days=3)
    store = FakeStore([(7, Answer("punct:245$c", "punctuation", False, earlier)),
                       (7, Answer("tag:020", "tag", True, clock.now)),
                       (8, Answer("tag:100", "tag", False, earlier))])  # another learner
    view = DrillView(store=store, learner_id=7, clock=clock)
    qtbot.addWidget(view)
    assert view.review_button.isEnabled() and "(1 due)" in view.review_button.text()
    assert "2 questions answered" in view.history_label.text()
    view.start_review()
    assert [q.key for q in view.session.questions] == ["punct:245$c"]


def test_nothing_due_keeps_review_off(view):
    assert not view.review_button.isEnabled()
    view.start_review()
    assert view.pages.currentIndex() == 0 and "Nothing is due" in view.history_label.text()


def test_start_needs_a_topic(view):
    only(view)
    assert not view.start_button.isEnabled()
    view.topic_boxes["cutter"].setChecked(True)
    assert view.start_button.isEnabled()


def test_without_a_store_history_is_kept_in_memory(qtbot, clock):
    view = DrillView(clock=clock)
    qtbot.addWidget(view)
    view.minutes.setValue(0)
    view.start([drills.find("tag:020")])
    view.submit("021")
    view.next_question()
    assert [q.key for q in view.due_questions()] == ["tag:020"]


def test_signals_and_the_missed_model(view, qtbot, qtmodeltester):
    view.minutes.setValue(0)
    view.start([drills.find("tag:020"), drills.find("tag:245")])
    with qtbot.waitSignal(view.answered, timeout=1000) as answered:
        view.submit("022")
    assert answered.args[0].question.key == "tag:020" and not answered.args[0].correct
    view.next_question()
    with qtbot.waitSignal(view.sessionFinished, timeout=1000) as finished:
        view.finish()
    assert finished.args == [0, 1]
    assert view.missed_model.rowCount() == 1
    qtmodeltester.check(view.missed_model)


def test_inputs_have_accessible_names(view):
    for widget in (view.count, view.minutes, view.answer_edit, view.missed_table,
                   *view.topic_boxes.values()):
        assert widget.accessibleName()
