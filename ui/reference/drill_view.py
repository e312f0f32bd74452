"""Drills: timed sessions of questions from the reference data, with spaced review of missed ones.

The view keeps no history of its own: each answer goes to ``store.record_drill_answer(learner_id,
item_key, topic, correct, answered_at)`` and review reads ``store.drill_answers(learner_id)``
(objects with ``item_key``, ``topic``, ``correct`` and ``answered_at``). Without a store, answers
are kept in memory for as long as the view lives.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sandbox import drills
from sandbox.drills import review
from sandbox.drills.session import DrillSession, Outcome, format_duration, now_utc
from ui.reference.models import RowsModel


class MemoryHistory:
    """Answer history kept in memory, for a view given no store."""

    def __init__(self) -> None:
        self.answers: list[tuple[str, str, str, bool, datetime]] = []

    def record_drill_answer(self, learner_id, item_key, topic, correct, answered_at) -> None:
        self.answers.append((learner_id, item_key, topic, correct, answered_at))

    def drill_answers(self, learner_id) -> list[tuple[str, bool, datetime]]:
        return [(key, correct, at) for who, key, _, correct, at in self.answers if who == learner_id]


def _big(label: QLabel, scale: float = 1.35, bold: bool = True) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


class DrillView(QWidget):
    """Choose topics and length, answer one question at a time against the clock, see why, and
    review what was missed."""

    sessionFinished = Signal(int, int)  # right, asked
    answered = Signal(object)  # the Outcome

    def __init__(self, store: Any = None, learner_id: Any = None, parent=None,
                 clock: Callable[[], datetime] = now_utc, seed: int | None = None):
        super().__init__(parent)
        self.setObjectName("drillView")
        self.store = store if store is not None else MemoryHistory()
        self.learner_id = learner_id
        self.clock = clock
        self._random = random.Random(seed)
        self.session: DrillSession | None = None
        self._answered = False
        self._choice_buttons: list[QRadioButton] = []
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_setup())
        self.pages.addWidget(self._build_question())
        self.pages.addWidget(self._build_results())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.refresh_history()

    # -- pages --------------------------------------------------------------------------------
    def _build_setup(self) -> QWidget:
        page = QWidget()
        title = _big(QLabel("Drills"), 1.6)
        intro = QLabel("Quick practice for interviews and exams: questions from the MARC 21, "
                       "Cutter table and LC filing data, each with its explanation. Questions you "
                       "miss come back for review, sooner than the ones you know.")
        intro.setWordWrap(True)
        topics = QGroupBox("Topics")
        grid = QGridLayout(topics)
        self.topic_boxes: dict[str, QCheckBox] = {}
        for number, topic in enumerate(drills.TOPICS):
            box = QCheckBox(drills.TOPIC_LABELS[topic])
            box.setObjectName(f"topic-{topic}")
            box.setAccessibleName(f"Topic: {drills.TOPIC_LABELS[topic]}")
            box.setChecked(True)
            box.toggled.connect(lambda _: self._update_start())
            self.topic_boxes[topic] = box
            grid.addWidget(box, number // 2, number % 2)
        self.count = QSpinBox()
        self.count.setObjectName("drillCount")
        self.count.setAccessibleName("Number of questions")
        self.count.setRange(1, 200)
        self.count.setValue(10)
        self.count.setMaximumWidth(120)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("drillMinutes")
        self.minutes.setAccessibleName("Time limit in minutes")
        self.minutes.setRange(0, 120)
        self.minutes.setValue(5)
        self.minutes.setSpecialValueText("no limit")
        self.minutes.setSuffix(" min")
        self.minutes.setMaximumWidth(120)
        self.multiple_choice = QCheckBox("Multiple choice (otherwise type the answer)")
        self.multiple_choice.setObjectName("drillMultipleChoice")
        self.multiple_choice.setChecked(True)
        form = QFormLayout()
        form.addRow("&Questions:", self.count)
        form.addRow("&Time limit:", self.minutes)
        form.addRow("", self.multiple_choice)
        self.start_button = QPushButton("&Start drill")
        self.start_button.setObjectName("drillStart")
        self.start_button.setDefault(True)
        self.review_button = QPushButton("&Review missed")
        self.review_button.setObjectName("drillReview")
        self.history_label = QLabel()
        self.history_label.setObjectName("drillHistory")
        self.history_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(topics)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.history_label)
        layout.addStretch(1)
        self.start_button.clicked.connect(self.start_new)
        self.review_button.clicked.connect(self.start_review)
        return page

    def _build_question(self) -> QWidget:
        page = QWidget()
        self.progress = QLabel()
        self.progress.setObjectName("drillProgress")
        self.score_label = QLabel()
        self.score_label.setObjectName("drillScore")
        self.clock_label = _big(QLabel(), 1.2)
        self.clock_label.setObjectName("drillClock")
        self.clock_label.setAccessibleName("Time")
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.score_label)
        top.addSpacing(16)
        top.addWidget(self.clock_label)
        self.prompt = _big(QLabel(), 1.3)
        self.prompt.setObjectName("drillPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choices_box = QWidget()
        self.choices_layout = QVBoxLayout(self.choices_box)
        self.choices_layout.setContentsMargins(12, 0, 0, 0)
        self.choice_group = QButtonGroup(self)
        self.answer_edit = QLineEdit()
        self.answer_edit.setObjectName("drillAnswer")
        self.answer_edit.setAccessibleName("Your answer")
        self.answer_edit.setPlaceholderText("Type your answer and press Enter")
        self.answer_button = QPushButton("&Answer")
        self.answer_button.setObjectName("drillSubmit")
        self.next_button = QPushButton("&Next")
        self.next_button.setObjectName("drillNext")
        self.stop_button = QPushButton("E&nd session")
        self.stop_button.setObjectName("drillStop")
        buttons = QHBoxLayout()
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        self.feedback = QLabel()
        self.feedback.setObjectName("drillFeedback")
        self.feedback.setAccessibleName("Explanation")
        self.feedback.setWordWrap(True)
        self.feedback.setOpenExternalLinks(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.feedback_frame = QFrame()
        self.feedback_frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame_layout = QVBoxLayout(self.feedback_frame)
        frame_layout.addWidget(self.feedback)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.prompt)
        inner_layout.addWidget(self.choices_box)
        inner_layout.addWidget(self.answer_edit)
        inner_layout.addLayout(buttons)
        inner_layout.addWidget(self.feedback_frame)
        inner_layout.addStretch(1)
        scroll.setWidget(inner)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        self.answer_button.clicked.connect(lambda: self.submit())
        # Enter in the answer box; when the page's Enter shortcut takes the key first, the box
        # never sees it, so an answer is never given twice.
        self.answer_edit.returnPressed.connect(self._enter)
        self.next_button.clicked.connect(self.next_question)
        self.stop_button.clicked.connect(self.finish)
        # Keyboard first: Enter answers, then moves on; 1-9 pick a choice. Only while the focus is
        # in this page, so the rest of the window keeps its keys (a line edit keeps its digits).
        for keys in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(keys), page, activated=self._enter)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for digit in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(digit)), page, activated=lambda d=digit: self._pick(d))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return page

    def _build_results(self) -> QWidget:
        page = QWidget()
        self.result_title = _big(QLabel(), 1.6)
        self.result_title.setObjectName("drillResult")
        self.result_note = QLabel()
        self.result_note.setWordWrap(True)
        self.by_topic = QLabel()
        self.by_topic.setObjectName("drillByTopic")
        self.by_topic.setWordWrap(True)
        self.missed_model = RowsModel(("Question", "Your answer", "Answer"), self)
        self.missed_table = QTableView()
        self.missed_table.setObjectName("drillMissed")
        self.missed_table.setAccessibleName("Questions missed")
        self.missed_table.setModel(self.missed_model)
        self.missed_table.verticalHeader().hide()
        self.missed_table.setWordWrap(True)
        self.missed_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.missed_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 220)
        self.missed_model.modelReset.connect(self.missed_table.resizeRowsToContents)
        self.again_review = QPushButton("&Review missed now")
        self.again_review.setObjectName("drillReviewNow")
        self.again_new = QPushButton("New &session")
        self.again_new.setObjectName("drillNewSession")
        buttons = QHBoxLayout()
        buttons.addWidget(self.again_review)
        buttons.addWidget(self.again_new)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_title)
        layout.addWidget(self.result_note)
        layout.addWidget(self.by_topic)
        layout.addWidget(self.missed_table, 1)
        layout.addLayout(buttons)
        self.again_review.clicked.connect(self.start_review)
        self.again_new.clicked.connect(self.show_setup)
        return page

    # -- history ------------------------------------------------------------------------------
    def history(self) -> list:
        return list(self.store.drill_answers(self.learner_id))

    def _today(self):
        return self.clock().date()

    def due_questions(self) -> list[drills.Question]:
        return drills.due_questions(self.history(), self._today())

    def refresh_history(self) -> None:
        history = self.history()
        due = drills.due_questions(history, self._today())
        answered = len(review.states(history))
        self.review_button.setText(f"&Review missed ({len(due)} due)")
        self.review_button.setEnabled(bool(due))
        if not history:
            self.history_label.setText("No answers yet: your history starts with the first drill.")
        else:
            upcoming = review.next_review(history, self._today())
            text = (f"{answered} question{'s' if answered != 1 else ''} answered so far; "
                    f"{len(due)} due for review today.")
            if upcoming:
                text += f" Next review: {upcoming.isoformat()}."
            self.history_label.setText(text)
        self._update_start()

    def _update_start(self) -> None:
        self.start_button.setEnabled(bool(self.chosen_topics()))

    def chosen_topics(self) -> list[str]:
        return [topic for topic, box in self.topic_boxes.items() if box.isChecked()]

    # -- running a session ----------------------------------------------------------------------
    def show_setup(self) -> None:
        self.timer.stop()
        self.refresh_history()
        self.pages.setCurrentIndex(0)
        self.start_button.setFocus()

    def start_new(self) -> None:
        topics = self.chosen_topics()
        if not topics:
            return
        batch = drills.questions(topics, self.count.value(), self._random.randrange(1_000_000))
        self.start(batch)

    def start_review(self) -> None:
        due = drills.due_questions(self.history(), self._today(), limit=self.count.value())
        if not due:
            self.show_setup()
            self.history_label.setText("Nothing is due for review today.")
            return
        self.start(due)

    def start(self, questions: list[drills.Question]) -> None:
        """Run a session of these questions with the chosen time limit."""
        minutes = self.minutes.value()
        limit = timedelta(minutes=minutes) if minutes else None
        self.session = DrillSession(list(questions), time_limit=limit, clock=self.clock)
        self.pages.setCurrentIndex(1)
        self.timer.start()
        self._show_question()

    def _show_question(self) -> None:
        session = self.session
        question = session.current
        if question is None:
            self.finish()
            return
        self._answered = False
        self.progress.setText(f"Question {session.position + 1} of {session.total} · "
                              f"{drills.TOPIC_LABELS.get(question.topic, question.topic)}")
        self.score_label.setText(f"{session.right} right")
        self.prompt.setText(question.prompt)
        for button in self._choice_buttons:
            self.choice_group.removeButton(button)
            button.deleteLater()
        self._choice_buttons = []
        as_choices = bool(question.choices) and (self.multiple_choice.isChecked() or not question.free_text)
        if as_choices:
            for number, choice in enumerate(question.choices, start=1):
                button = QRadioButton(f"[{number}]   {choice}")
                button.setObjectName(f"drillChoice{number}")
                button.setAccessibleName(f"Choice {number}: {choice}")
                button.setProperty("choice", choice)
                self.choice_group.addButton(button, number)
                self.choices_layout.addWidget(button)
                button.show()  # now, not when the layout gets round to it: it takes the focus
                self._choice_buttons.append(button)
        self.choices_box.setVisible(as_choices)
        self.answer_edit.setVisible(not as_choices)
        self.answer_edit.clear()
        self.answer_edit.setEnabled(True)
        self.answer_button.setEnabled(True)
        self.next_button.setEnabled(False)
        self.feedback_frame.hide()
        self._tick()
        if as_choices:
            self._choice_buttons[0].setFocus()
        else:
            self.answer_edit.setFocus()

    def _given(self) -> str:
        if self.answer_edit.isVisible() or not self._choice_buttons:
            return self.answer_edit.text()
        checked = self.choice_group.checkedButton()
        return checked.property("choice") if checked else ""

    def _pick(self, number: int) -> None:
        if self._answered or not (1 <= number <= len(self._choice_buttons)):
            return
        if self.pages.currentIndex() == 1 and not self.answer_edit.isVisible():
            self._choice_buttons[number - 1].setChecked(True)

    def _enter(self) -> None:
        if self.pages.currentIndex() != 1:
            return
        if self._answered:
            self.next_question()
        else:
            self.submit()

    def submit(self, given: str | None = None) -> Outcome | None:
        """Answer the current question (with ``given``, or what is typed or chosen)."""
        if self.session is None or self._answered or self.session.current is None:
            return None
        given = self._given() if given is None else given
        if not given.strip():
            self.feedback.setText("Choose or type an answer first.")
            self.feedback_frame.show()
            return None
        outcome = self.session.answer(given)
        self._answered = True
        question = outcome.question
        self.store.record_drill_answer(self.learner_id, question.key, question.topic,
                                       outcome.correct, outcome.answered_at)
        verdict = ("<b style='color:#1a7f37'>Right.</b>" if outcome.correct else
                   f"<b style='color:#b42318'>Not quite.</b> The answer is "
                   f"<b>{escape(question.answer)}</b>; you answered “{escape(given)}”.")
        self.feedback.setText(f"<p>{verdict}</p><p>{escape(question.explanation)}</p>"
                              f"<p><a href='{escape(question.citation)}'>{escape(question.citation)}</a></p>")
        self.feedback_frame.show()
        self.answer_edit.setEnabled(False)
        for button in self._choice_buttons:
            button.setEnabled(False)
            choice = button.property("choice")
            if choice == question.answer:
                button.setText(f"{button.text()}   ✓")
                button.setStyleSheet("QRadioButton:disabled { color: #1a7f37; font-weight: bold; }")
            elif button.isChecked():
                button.setText(f"{button.text()}   ✗")
                button.setStyleSheet("QRadioButton:disabled { color: #b42318; }")
        self.answer_button.setEnabled(False)
        self.next_button.setEnabled(True)
        self.next_button.setFocus()
        self.score_label.setText(f"{self.session.right} right")
        self.answered.emit(outcome)
        return outcome

    def next_question(self) -> None:
        if self.session is None:
            return
        if self.session.finished:
            self.finish()
        else:
            self._show_question()

    def _tick(self) -> None:
        session = self.session
        if session is None:
            return
        remaining = session.remaining()
        if remaining is None:
            self.clock_label.setText(f"{format_duration(session.elapsed())} elapsed")
        else:
            self.clock_label.setText(f"{format_duration(remaining)} left")
            if session.time_up and self.pages.currentIndex() == 1 and not self._answered:
                self.finish()

    def finish(self) -> None:
        """End the session and show the score and what was missed."""
        self.timer.stop()
        session = self.session
        if session is None:
            self.show_setup()
            return
        self.result_title.setText(session.score_text())
        missed = [o for o in session.outcomes if not o.correct]
        self.missed_model.set_rows([(o.question.prompt, o.given, o.question.answer) for o in missed],
                                   payloads=[o.question.key for o in missed])
        self.missed_table.setVisible(bool(missed))
        due = len(self.due_questions())
        note = ("Every answer right." if session.outcomes and not missed else
                "Missed questions come back first in review, and again until you know them.")
        self.result_note.setText(f"{note} {due} question{'s' if due != 1 else ''} due for review.")
        tally: dict[str, list[int]] = {}
        for outcome in session.outcomes:
            right_asked = tally.setdefault(outcome.question.topic, [0, 0])
            right_asked[0] += outcome.correct
            right_asked[1] += 1
        self.by_topic.setText("By topic: " + ", ".join(
            f"{drills.TOPIC_LABELS.get(topic, topic)} {right}/{asked}"
            for topic, (right, asked) in tally.items()) if tally else "")
        self.again_review.setEnabled(bool(due))
        self.pages.setCurrentIndex(2)
        (self.again_review if due else self.again_new).setFocus()
        self.sessionFinished.emit(session.right, session.position)
