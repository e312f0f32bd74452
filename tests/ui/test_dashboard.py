"""The progress dashboard, offscreen, over a seeded store.

``python -m tests.ui.test_dashboard docs/images/dashboard.png`` seeds a store with a few weeks of
demo work and saves the screenshot shown in the README.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
)
from PySide6.QtCore import QStandardPaths, Qt

from sandbox.store import Store, StoreLocked, open_store

QStandardPaths.setTestModeEnabled(True)

from ui.dashboard import BrokenRulesModel, ProgressDashboard, rule_title  # noqa: E402

STARTER = {"describe-walden": "h1", "fix-damaged-record": "h2", "fixed-fields-novel": "h3",
           "classify-cutter": "h4", "crosswalk-dc": "h5"}
SUBJECTS = {"subjects-lcsh": "s1", "authority-headings": "s2", "subjects-geographic": "s3"}
COMPETENCY_OF = {"describe-walden": ["description", "access points", "encoding"],
                 "fix-damaged-record": ["encoding", "description"],
                 "fixed-fields-novel": ["encoding"],
                 "classify-cutter": ["classification"],
                 "crosswalk-dc": ["metadata schemas", "description"],
                 "subjects-lcsh": ["subject analysis"],
                 "authority-headings": ["authority control", "access points"],
                 "subjects-geographic": ["subject analysis", "authority control"]}
RULES_OF = {"describe-walden": ["PUN-001", "REQ-019", "PUN-004"],
            "fix-damaged-record": ["FIX-004", "REQ-011", "PUN-001"],
            "fixed-fields-novel": ["FIX-004", "FIX-010", "FIX-006"],
            "classify-cutter": ["LCC-002"],
            "crosswalk-dc": ["DC-002"],
            "subjects-lcsh": ["SUB-009", "SUB-008"],
            "authority-headings": ["REQ-015", "SUB-010"],
            "subjects-geographic": ["SUB-006", "SUB-009"]}


def seed_demo(store: Store, now: datetime, seed: int = 7) -> int:
    """Three weeks of a learner getting better at two packs; return the learner's id."""
    rng = random.Random(seed)
    ana = store.add_learner("Ana Ruiz")
    store.add_learner("Ben Okafor")
    start = now.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=20)
    store.install_pack("starter", "1.0.0", sha256="a" * 64, title="Starter pack",
                       path="/packs/starter.catpack", exercises=STARTER, installed_at=start)
    store.install_pack("subjects", "1.2.0", sha256="b" * 64, title="Subject analysis workshop",
                       path="/packs/subjects.catpack", exercises=SUBJECTS, installed_at=start)
    plan = [(day, "starter", exercise) for day, exercise in
            [(0, "describe-walden"), (0, "fix-damaged-record"), (1, "describe-walden"),
             (2, "fixed-fields-novel"), (4, "fix-damaged-record"), (5, "classify-cutter"),
             (7, "crosswalk-dc"), (8, "fixed-fields-novel"), (10, "describe-walden"),
             (12, "classify-cutter"), (15, "crosswalk-dc"), (18, "fixed-fields-novel"),
             (20, "describe-walden")]]
    plan += [(day, "subjects", exercise) for day, exercise in
             [(3, "subjects-lcsh"), (6, "authority-headings"), (9, "subjects-lcsh"),
              (11, "subjects-geographic"), (14, "authority-headings"), (16, "subjects-geographic"),
              (19, "subjects-lcsh")]]
    for day, pack, exercise in sorted(plan):
        skill = 0.45 + 0.5 * day / 20 + rng.uniform(-0.08, 0.08)
        checks = []
        for competency in COMPETENCY_OF[exercise]:
            for _ in range(3):
                possible = rng.choice([1.0, 2.0])
                earned = possible if rng.random() < skill else rng.choice([0.0, possible / 2])
                checks.append({"competency": competency, "earned": earned, "possible": possible,
                               "select": "245$a"})
        earned = sum(c["earned"] for c in checks)
        possible = sum(c["possible"] for c in checks)
        broken = [rule for rule in RULES_OF[exercise] if rng.random() > skill * 0.8]
        broken += ["PUN-006"] * (rng.random() > skill)
        store.record_attempt(ana.id, pack, store.installed_pack(pack).version, exercise,
                             record="=245  10$aWalden", fmt="mrk", score=earned,
                             max_score=possible, checks=checks, rule_ids=broken,
                             submitted_at=start + timedelta(days=day, hours=rng.uniform(9, 20)))
    for day in (0, 1, 2, 9, 10, 16, 17, 18, 19, 20):
        for item in range(4):
            store.record_drill_answer(ana.id, f"tag:{item}", "tag", rng.random() < 0.8,
                                      start + timedelta(days=day, hours=8, minutes=item))
    return ana.id


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "progress.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def now():
    # Noon local time today, so "today" in the streak is today wherever the tests run.
    return datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)


@pytest.fixture
def demo(store, now):
    return seed_demo(store, now)


@pytest.fixture
def dashboard(qtbot, store, demo):
    widget = ProgressDashboard(store, demo, drills_due=lambda: 12)
    qtbot.addWidget(widget)
    widget.resize(1100, 820)
    return widget


def series_of(view, kind):
    return [s for s in view.chart().series() if isinstance(s, kind)]


def test_heading_streak_drills_and_attempt_cards(dashboard, store, demo):
    assert dashboard.heading.text() == "Progress — Ana Ruiz"
    streak = store.streak(demo)
    assert streak.active_today and streak.current > 1
    assert dashboard.streak_card.figure.text() == f"{streak.current} days"
    assert dashboard.streak_card.detail.text() == (
        f"You practised today. Longest: {streak.longest} days.")
    assert dashboard.drills_card.figure.text() == "12"
    assert dashboard.review_button.isEnabled()
    assert dashboard.attempts_card.figure.text() == "8"  # distinct exercises attempted
    assert "20 submissions across 2 packs" in dashboard.attempts_card.detail.text()


def test_score_history_has_a_line_per_pack_and_a_point_per_attempt(dashboard, store, demo):
    lines = series_of(dashboard.history_view, QLineSeries)
    lines = [s for s in lines if not isinstance(s, QScatterSeries)]
    assert sorted(s.name() for s in lines) == ["Starter pack", "Subject analysis workshop"]
    history = store.score_history(demo)
    by_name = {s.name(): s for s in lines}
    starter_line = by_name["Starter pack"]
    assert starter_line.count() == len(history["starter"]) == 13
    assert [round(p.y(), 6) for p in starter_line.points()] == [
        round(p.pack_average, 6) for p in history["starter"]]
    scatters = series_of(dashboard.history_view, QScatterSeries)
    assert sum(s.count() for s in scatters) == 20
    assert dashboard.history_stack.currentWidget() is dashboard.history_view


def test_mastery_chart_shows_each_competency_in_ala_order(dashboard, store, demo):
    [series] = series_of(dashboard.mastery_view, QHorizontalBarSeries)
    [bars] = series.barSets()
    [categories] = [a for a in dashboard.mastery_view.chart().axes()
                    if isinstance(a, QBarCategoryAxis)]
    shown = dict(zip(categories.categories(), (bars.at(i) for i in range(bars.count()))))
    expected = {m.competency.capitalize(): round(m.percent, 1) for m in store.mastery(demo)}
    assert shown == expected
    assert list(reversed(categories.categories()))[:3] == ["Description", "Access points",
                                                            "Subject analysis"]


def test_rules_table_lists_rule_ids_titles_and_counts(dashboard, store, demo, qtmodeltester):
    model = dashboard.rules_model
    qtmodeltester.check(model)
    expected = store.broken_rules(demo, limit=10)
    assert model.rowCount() == len(expected) > 3
    for row, count in enumerate(expected):
        values = [model.data(model.index(row, column)) for column in range(4)]
        assert values == [count.rule_id, rule_title(count.rule_id), count.attempts,
                          count.occurrences]
    assert model.data(model.index(0, 1)) != "(a rule this version does not know)"
    assert "PUN-001" in {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert model.headerData(1, Qt.Orientation.Horizontal) == "What it checks"


def test_rule_titles_come_from_the_registry():
    assert rule_title("PUN-001") == "245 punctuation"
    assert rule_title("XYZ-999") == "(a rule this version does not know)"


def test_practise_button_and_double_click_ask_for_the_selected_rule(dashboard, qtbot):
    assert not dashboard.practise_button.isEnabled()  # nothing selected yet
    dashboard.rules_table.selectRow(1)
    wanted = dashboard.rules_model.rule_id(1)
    assert dashboard.practise_button.isEnabled()
    with qtbot.waitSignal(dashboard.practiseRule, timeout=1000) as clicked:
        qtbot.mouseClick(dashboard.practise_button, Qt.MouseButton.LeftButton)
    assert clicked.args == [wanted]
    with qtbot.waitSignal(dashboard.practiseRule, timeout=1000) as doubled:
        dashboard.rules_table.doubleClicked.emit(dashboard.rules_model.index(2, 1))
    assert doubled.args == [dashboard.rules_model.rule_id(2)]


def test_review_button_asks_for_drills(dashboard, qtbot):
    with qtbot.waitSignal(dashboard.reviewDrills, timeout=1000):
        qtbot.mouseClick(dashboard.review_button, Qt.MouseButton.LeftButton)


def test_refresh_reads_the_store_again(dashboard, store, demo, now):
    store.record_attempt(demo, "starter", "1.0.0", "describe-walden", record="", fmt="mrk",
                         score=1, max_score=1, rule_ids=["TAG-001"] * 40,
                         submitted_at=now.astimezone(UTC))
    before = sum(s.count() for s in series_of(dashboard.history_view, QScatterSeries))
    dashboard.refresh()
    after = sum(s.count() for s in series_of(dashboard.history_view, QScatterSeries))
    assert after == before + 1
    assert dashboard.attempts_card.detail.text().startswith("attempted, in 21 submissions")
    rules = {dashboard.rules_model.rule_id(r) for r in range(dashboard.rules_model.rowCount())}
    assert "TAG-001" in rules


def test_a_learner_with_nothing_yet_sees_placeholders(qtbot, store):
    ben = store.add_learner("Ben")
    widget = ProgressDashboard(store, ben.id, drills_due=lambda: 0)
    qtbot.addWidget(widget)
    assert widget.history_stack.currentIndex() == 0 and widget.mastery_stack.currentIndex() == 0
    assert widget.rules_stack.currentWidget() is widget.rules_empty
    assert widget.streak_card.figure.text() == "0 days"
    assert not widget.review_button.isEnabled()
    assert widget.attempts_card.figure.text() == "0"


def test_without_a_drill_source_the_drill_card_is_hidden(qtbot, store, demo):
    widget = ProgressDashboard(store, demo)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.drills_card.isVisible() and widget.streak_card.isVisible()


class LockedStore:
    """A store whose database another program holds."""

    def __getattr__(self, name):
        def fail(*_args, **_kwargs):
            raise StoreLocked("Your progress database /x/progress.sqlite3 is in use by another "
                              "program.", location="/x/progress.sqlite3")
        return fail


def test_a_store_error_is_shown_not_raised(qtbot):
    widget = ProgressDashboard(LockedStore(), 1)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.problem.isVisible()
    assert "in use by another program" in widget.problem.text()


def test_controls_have_accessible_names(dashboard):
    for control in (dashboard, dashboard.history_view, dashboard.mastery_view,
                    dashboard.rules_table, dashboard.practise_button, dashboard.review_button,
                    dashboard.streak_card, dashboard.drills_card, dashboard.attempts_card):
        assert control.accessibleName(), control
    assert dashboard.streak_card.accessibleDescription().startswith("Streak: ")
    assert dashboard.streak_card.figure.text() in dashboard.streak_card.accessibleDescription()


def test_broken_rules_model_empty_passes_the_model_tester(qtmodeltester):
    model = BrokenRulesModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def save_screenshot(target: Path) -> None:
    import tempfile

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "demo.sqlite3")
        now = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
        learner = seed_demo(store, now)
        widget = ProgressDashboard(store, learner, drills_due=lambda: 12)
        widget.resize(1100, 820)
        widget.show()
        widget.rules_table.selectRow(0)
        app.processEvents()
        widget.grab().save(str(target))
        store.close()


if __name__ == "__main__":
    save_screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else "dashboard.png"))
