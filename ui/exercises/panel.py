"""The exercise beside the editor: the brief, the item to catalogue, hints, Check and Submit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.exercises.browser import KIND_LABELS

TIER_LABELS = {"nudge": "a nudge", "rule": "the rule", "answer": "the model answer"}


def _markdown(text: str) -> QTextBrowser:
    view = QTextBrowser()
    view.setOpenExternalLinks(False)
    view.setMarkdown(text)
    return view


class ExercisePanel(QWidget):
    checkRequested = Signal()
    submitRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.exercise = None
        self.hints_shown = 0
        self._answers: dict[str, QLineEdit | QComboBox] = {}

        self.title = QLabel("No exercise open")
        self.title.setObjectName("exerciseTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel("")
        self.subtitle.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("exerciseTabs")
        self.tabs.setDocumentMode(True)

        self.hints = QLabel("")
        self.hints.setObjectName("hints")
        self.hints.setWordWrap(True)
        self.hints.setTextFormat(Qt.TextFormat.MarkdownText)
        self.hint_button = QPushButton("Show a hint")
        self.hint_button.setAccessibleName("Show the next hint")
        self.hint_button.clicked.connect(self.show_next_hint)
        self.check_button = QPushButton("Check")
        self.check_button.setToolTip("Validate your record with this exercise's rules (no score)")
        self.check_button.clicked.connect(self.checkRequested)
        self.submit_button = QPushButton("Submit")
        self.submit_button.setDefault(True)
        self.submit_button.setToolTip("Score your answer against the key, with feedback on every check")
        self.submit_button.clicked.connect(self.submitRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hints)
        layout.addLayout(buttons)
        self.set_exercise(None)

    def set_exercise(self, exercise) -> None:
        self.exercise = exercise
        self.hints_shown = 0
        self._answers = {}
        self.tabs.clear()
        self.hints.clear()
        enabled = exercise is not None
        for button in (self.hint_button, self.check_button, self.submit_button):
            button.setEnabled(enabled)
        if exercise is None:
            self.title.setText("No exercise open")
            self.subtitle.setText("Choose one in the exercise list (Practice › Exercises).")
            return
        self.title.setText(exercise.title)
        self.subtitle.setText(f"{KIND_LABELS.get(exercise.kind, exercise.kind)} · trains "
                              + ", ".join(exercise.competencies))
        self.tabs.addTab(_markdown(exercise.brief or "_No brief._"), "Brief")
        if exercise.kind == "drill":
            self.tabs.addTab(self._questions(exercise), "Questions")
            self.check_button.setEnabled(False)
        if exercise.answer_format == "dcxml" and exercise.start_text:
            source = QPlainTextEdit(exercise.start_text)
            source.setReadOnly(True)
            source.setObjectName("crosswalkSource")
            from ui.editor import monospace

            source.setFont(monospace())
            self.tabs.addTab(source, "MARC record")
        for surrogate in exercise.surrogates:
            self.tabs.addTab(self._surrogate(surrogate), surrogate.name.rsplit(".", 1)[0].replace("-", " ").title())
        self._update_hint_button()

    def _questions(self, exercise) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for number, question in enumerate(exercise.questions, start=1):
            if question.choices:
                answer = QComboBox()
                answer.addItem("")
                answer.addItems(list(question.choices))
            else:
                answer = QLineEdit()
                answer.setPlaceholderText("your answer")
            answer.setAccessibleName(f"Answer to question {number}")
            prompt = QLabel(f"{number}. {question.prompt}")
            prompt.setWordWrap(True)
            form.addRow(prompt, answer)
            self._answers[question.key] = answer
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def answers(self) -> dict[str, str]:
        """The drill answers typed so far, by question key."""
        return {key: (w.currentText() if isinstance(w, QComboBox) else w.text())
                for key, w in self._answers.items()}

    def set_answer(self, key: str, text: str) -> None:
        widget = self._answers[key]
        if isinstance(widget, QComboBox):
            widget.setCurrentText(text)
        else:
            widget.setText(text)

    @staticmethod
    def _surrogate(surrogate) -> QWidget:
        if surrogate.is_text:
            return _markdown(surrogate.text or "")
        if surrogate.media_type.startswith("image/"):
            image = QImage.fromData(surrogate.data)
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Image: {surrogate.name}")
            scroll = QScrollArea()
            scroll.setWidget(label)
            return scroll
        return QLabel(f"{surrogate.name} ({surrogate.media_type}) cannot be shown here.")

    def show_next_hint(self) -> None:
        if self.exercise is None or self.hints_shown >= len(self.exercise.hints):
            return
        self.hints_shown += 1
        shown = self.exercise.hints_up_to(self.hints_shown)
        self.hints.setText("\n\n".join(f"**Hint {n} — {TIER_LABELS.get(h.tier, h.tier)}:** {h.text}"
                                       for n, h in enumerate(shown, start=1)))
        self._update_hint_button()

    def _update_hint_button(self) -> None:
        hints = self.exercise.hints if self.exercise is not None else []
        if self.hints_shown < len(hints):
            tier = hints[self.hints_shown].tier
            self.hint_button.setText(f"Show a hint ({TIER_LABELS.get(tier, tier)})")
            self.hint_button.setEnabled(True)
        else:
            self.hint_button.setText("No more hints" if hints else "No hints")
            self.hint_button.setEnabled(False)
