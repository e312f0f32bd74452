"""The learner's progress dashboard: scores over time, mastery per competency, the rules most often
broken (with a way to practise each), the streak, and the drills due today.

Everything shown comes from the store (``sandbox.store``); the dashboard computes nothing a
cataloger would know, and ``refresh()`` simply reads again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sandbox.exercises.model import COMPETENCIES
from sandbox.rules import REGISTRY, all_rules
from sandbox.rules.model import RETIRED
from sandbox.store import RuleCount, Store, StoreError

# Colours for packs' lines, chosen to stay apart for people with the common colour-vision
# differences (Okabe and Ito's palette).
PACK_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MASTERY_COLOUR = "#0072B2"
INDEX = QModelIndex | QPersistentModelIndex


def rule_title(rule_id: str) -> str:
    """What a rule checks, in words; retired rules (still named by old attempts) say so."""
    # The rule sets register themselves when first loaded; one may be loaded already (imported
    # on its own), so an id not in the registry yet loads them all.
    if rule_id not in REGISTRY:
        all_rules()
    rule = REGISTRY.get(rule_id)
    if rule is not None:
        return rule.title
    if rule_id in RETIRED:
        return f"(retired rule) {RETIRED[rule_id]}"
    return "(a rule this version does not know)"


@dataclass(frozen=True)
class BrokenRuleRow:
    rule_id: str
    title: str
    attempts: int
    occurrences: int


class BrokenRulesModel(QAbstractTableModel):
    """The rules a learner breaks most often: the rule, what it checks, in how many attempts,
    and how many findings."""

    RULE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    HEADERS = ("Rule", "What it checks", "Attempts", "Findings")
    TOOLTIPS = ("The validation rule's id", "What the rule checks in a record",
                "How many of your submitted records broke it", "How many findings it gave in all")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[BrokenRuleRow] = []

    def set_counts(self, counts: list[RuleCount]) -> None:
        self.beginResetModel()
        self._rows = [BrokenRuleRow(c.rule_id, rule_title(c.rule_id), c.attempts, c.occurrences)
                      for c in counts]
        self.endResetModel()

    def rule_id(self, row: int) -> str:
        return self._rows[row].rule_id

    def rowCount(self, parent: INDEX = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: INDEX = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: INDEX, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (row.rule_id, row.title, row.attempts, row.occurrences)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{row.rule_id}: {row.title}. Broken in {row.attempts} submitted "
                    f"record{'s' if row.attempts != 1 else ''}, {row.occurrences} finding"
                    f"{'s' if row.occurrences != 1 else ''} in all.")
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.RULE_ID_ROLE:
            return row.rule_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TOOLTIPS[section]
        return None


class StatCard(QFrame):
    """A figure with a caption and a line of detail (streak, drills due, attempts)."""

    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.setObjectName("statCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption)
        self.figure = QLabel("–")
        self.detail = QLabel("")
        figure_font = QFont(self.figure.font())
        figure_font.setPointSizeF(figure_font.pointSizeF() * 2.0)
        figure_font.setBold(True)
        self.figure.setFont(figure_font)
        self.caption.setStyleSheet("color: palette(dark); font-weight: 600;")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        for label in (self.caption, self.figure, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)
        # Preferred height: the row of cards takes the tallest one's height, so all line up.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def show_figure(self, figure: str, detail: str) -> None:
        self.figure.setText(figure)
        self.detail.setText(detail)
        self.setAccessibleDescription(f"{self.caption.text()}: {figure}. {detail}")


def _chart_view(name: str) -> QChartView:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(6)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    title_font = QFont(chart.titleFont())
    title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(name)
    view.setMinimumHeight(260)
    return view


def _placeholder(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(mid); padding: 24px;")
    return label


def _to_qt(moment) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))


class ProgressDashboard(QWidget):
    """A learner's progress, read from ``store``. ``drills_due`` returns how many drill questions
    are due today (None hides that card)."""

    practiseRule = Signal(str)  # a rule id: open exercises that train it
    reviewDrills = Signal()  # the learner asked to review the drills due today

    def __init__(self, store: Store, learner_id: int,
                 drills_due: Callable[[], int] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.learner_id = learner_id
        self.drills_due = drills_due
        self.rules_model = BrokenRulesModel(self)
        self.setAccessibleName("Progress dashboard")
        self._build()
        self.refresh()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.4)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.problem = QLabel()  # a store error, said plainly, instead of a crash
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("background: #fdecea; color: #611a15; padding: 8px;"
                                   " border-radius: 4px;")
        self.problem.setAccessibleName("Problem reading your progress")
        self.problem.hide()

        self.streak_card = StatCard("Streak")
        self.streak_card.setAccessibleName("Streak")
        self.drills_card = StatCard("Drills due today")
        self.drills_card.setAccessibleName("Drills due today")
        self.review_button = QPushButton("Review now")
        self.review_button.setAccessibleName("Review the drills due today")
        self.review_button.clicked.connect(self.reviewDrills)
        self.drills_card.layout().addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.drills_card.setVisible(self.drills_due is not None)
        self.attempts_card = StatCard("Exercises")
        self.attempts_card.setAccessibleName("Exercises attempted")
        cards = QHBoxLayout()
        cards.setSpacing(12)
        for card in (self.streak_card, self.drills_card, self.attempts_card):
            cards.addWidget(card)

        self.history_view = _chart_view("Score history per pack")
        self.history_stack = QStackedWidget()
        self.history_stack.addWidget(_placeholder(
            "No attempts yet. Your scores appear here, pack by pack, after your first exercise."))
        self.history_stack.addWidget(self.history_view)
        self.mastery_view = _chart_view("Mastery per competency")
        self.mastery_stack = QStackedWidget()
        self.mastery_stack.addWidget(_placeholder(
            "Mastery per competency (description, access points, encoding…) appears once an "
            "exercise has been scored."))
        self.mastery_stack.addWidget(self.mastery_view)

        self.rules_table = QTableView()
        self.rules_table.setModel(self.rules_model)
        self.rules_table.setAccessibleName("Rules you break most often")
        self.rules_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_table.setAlternatingRowColors(True)
        self.rules_table.verticalHeader().hide()
        header = self.rules_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.rules_table.doubleClicked.connect(lambda index: self._practise(index.row()))
        self.rules_table.selectionModel().selectionChanged.connect(self._update_practise_button)
        self.practise_button = QPushButton("Practise this rule")
        self.practise_button.setAccessibleName("Practise the selected rule")
        self.practise_button.setToolTip("Open exercises that train the selected rule")
        self.practise_button.clicked.connect(self._practise_selected)
        self.rules_empty = _placeholder("No rule broken yet: your submitted records passed "
                                        "validation.")
        self.rules_stack = QStackedWidget()
        self.rules_stack.addWidget(self.rules_empty)
        self.rules_stack.addWidget(self.rules_table)

        rules_title = QLabel("Rules you break most often")
        rules_title.setStyleSheet("font-weight: 600;")
        rules_bar = QHBoxLayout()
        rules_bar.addWidget(rules_title)
        rules_bar.addStretch(1)
        rules_bar.addWidget(self.practise_button)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.addWidget(self.history_stack, 0, 0)
        grid.addWidget(self.mastery_stack, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.problem)
        layout.addLayout(cards)
        layout.addLayout(grid, 3)
        layout.addLayout(rules_bar)
        layout.addWidget(self.rules_stack, 2)

    # -- reading -------------------------------------------------------------------------

    def set_learner(self, learner_id: int) -> None:
        self.learner_id = learner_id
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read the learner's progress from the store again and redraw everything."""
        try:
            names = {learner.id: learner.name for learner in self.store.learners()}
            titles = {pack.pack_id: pack.title for pack in self.store.installed_packs()}
            history = self.store.score_history(self.learner_id)
            mastery = self.store.mastery(self.learner_id)
            broken = self.store.broken_rules(self.learner_id, limit=10)
            streak = self.store.streak(self.learner_id)
        except StoreError as error:
            self.problem.setText(f"Your progress could not be read: {error}")
            self.problem.show()
            return
        self.problem.hide()
        self.heading.setText(f"Progress — {names.get(self.learner_id, 'unknown learner')}")
        self._show_streak(streak)
        self._show_drills()
        self._show_attempts(history)
        self._draw_history(history, titles)
        self._draw_mastery(mastery)
        self.rules_model.set_counts(broken)
        self.rules_stack.setCurrentWidget(self.rules_table if broken else self.rules_empty)
        self._update_practise_button()

    def _show_streak(self, streak) -> None:
        days = f"{streak.current} day{'s' if streak.current != 1 else ''}"
        if streak.current and not streak.active_today:
            detail = "Practise today to keep it going."
        elif streak.current:
            detail = "You practised today."
        else:
            detail = "Submit an exercise or answer a drill to start one."
        if streak.longest:
            detail += f" Longest: {streak.longest} day{'s' if streak.longest != 1 else ''}."
        self.streak_card.show_figure(days, detail)

    def _show_drills(self) -> None:
        if self.drills_due is None:
            return
        due = self.drills_due()
        self.drills_card.show_figure(str(due), "questions to review" if due != 1 else
                                     "question to review")
        self.review_button.setEnabled(due > 0)

    def _show_attempts(self, history) -> None:
        attempts = sum(len(points) for points in history.values())
        exercises = len({(pack, p.exercise_id) for pack, points in history.items() for p in points})
        self.attempts_card.show_figure(
            str(exercises), f"attempted, in {attempts} submission{'s' if attempts != 1 else ''}"
            f" across {len(history)} pack{'s' if len(history) != 1 else ''}.")

    def _draw_history(self, history, titles: dict[str, str]) -> None:
        chart = self.history_view.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle("Score history per pack")
        if not history:
            self.history_stack.setCurrentIndex(0)
            return
        self.history_stack.setCurrentIndex(1)
        x_axis = QDateTimeAxis()
        x_axis.setFormat("d MMM")
        x_axis.setTitleText("Line: the pack's average   ·   dots: single attempts")
        y_axis = QValueAxis()
        # A little headroom above 100%, so full marks are not cut by the plot's edge.
        y_axis.setRange(0, 104)
        y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        y_axis.setTickAnchor(0)
        y_axis.setTickInterval(20)
        y_axis.setLabelFormat("%d%%")
        y_axis.setTitleText("Score")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        moments = []
        for number, pack_id in enumerate(sorted(history, key=lambda p: titles.get(p, p))):
            colour = QColor(PACK_COLOURS[number % len(PACK_COLOURS)])
            standing = QLineSeries()
            standing.setName(titles.get(pack_id, pack_id))
            standing.setPen(QPen(colour, 2.5))
            attempts = QScatterSeries()
            attempts.setName(f"{titles.get(pack_id, pack_id)}: single attempts")
            attempts.setMarkerSize(7)
            faint = QColor(colour)
            faint.setAlpha(110)
            attempts.setColor(faint)
            attempts.setBorderColor(faint)
            for point in history[pack_id]:
                when = _to_qt(point.submitted_at).toMSecsSinceEpoch()
                standing.append(when, point.pack_average)
                attempts.append(when, point.percent)
                moments.append(point.submitted_at)
            for series in (attempts, standing):
                chart.addSeries(series)
                series.attachAxis(x_axis)
                series.attachAxis(y_axis)
            chart.legend().markers(attempts)[0].setVisible(False)
        # Half a day either side, so the first and last points are not cut by the plot's edge.
        start, end = _to_qt(min(moments)).addSecs(-43_200), _to_qt(max(moments)).addSecs(43_200)
        x_axis.setRange(start, end)
        x_axis.setTickCount(min(7, max(2, start.daysTo(end) + 1)))

    def _draw_mastery(self, mastery) -> None:
        chart = self.mastery_view.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle("Mastery per competency")
        if not mastery:
            self.mastery_stack.setCurrentIndex(0)
            return
        self.mastery_stack.setCurrentIndex(1)
        order = {name: index for index, name in enumerate(COMPETENCIES)}
        # A horizontal bar chart draws its first category at the bottom: reverse for reading order.
        ranked = sorted(mastery, key=lambda m: (order.get(m.competency, len(order)), m.competency),
                        reverse=True)
        bars = QBarSet("Share of check points earned by your latest attempts")
        bars.setColor(QColor(MASTERY_COLOUR))
        bars.setBorderColor(QColor(MASTERY_COLOUR))
        for item in ranked:
            bars.append(round(item.percent, 1))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(0.6)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        bars.setLabelColor(QColor("white"))
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([item.competency.capitalize() for item in ranked])
        values = QValueAxis()
        values.setRange(0, 100)
        values.setTickCount(6)
        values.setLabelFormat("%d%%")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.legend().setVisible(False)

    # -- acting --------------------------------------------------------------------------

    def _selected_row(self) -> int | None:
        rows = self.rules_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    @Slot()
    def _update_practise_button(self, *_args) -> None:
        self.practise_button.setEnabled(self._selected_row() is not None)

    @Slot()
    def _practise_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            self._practise(row)

    def _practise(self, row: int) -> None:
        if 0 <= row < self.rules_model.rowCount():
            self.practiseRule.emit(self.rules_model.rule_id(row))
