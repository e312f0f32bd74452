"""Practising an exercise through the window: browse, open, edit, check, submit, read the feedback."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths, Qt

QStandardPaths.setTestModeEnabled(True)

from sandbox.exercises.practice import ensure_starter_pack, packs_folder  # noqa: E402
from sandbox.store import open_store  # noqa: E402
from ui.context import AppContext, ensure_learner  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.record_model import IND2, VALUE  # noqa: E402


@pytest.fixture(autouse=True)
def never_ask(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(MainWindow, "ask_about_unsaved",
                        lambda self, count: QMessageBox.StandardButton.Discard)


@pytest.fixture
def context(tmp_path):
    store = open_store(tmp_path / "progress.sqlite3")
    yield AppContext(store, ensure_learner(store, "Ana Ruiz"))
    store.close()


@pytest.fixture
def window(qtbot, context):
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    return win


def exercise_index(window, exercise_id):
    model = window.exercise_browser.model
    pack = model.index(0, 0)
    for row in range(model.rowCount(pack)):
        index = model.index(row, 0, pack)
        if model.data(index, model.EXERCISE_ID_ROLE) == exercise_id:
            return index
    raise AssertionError(f"{exercise_id} is not listed")


def test_the_starter_pack_is_installed_on_first_run_and_listed(window, context, qtmodeltester):
    installed = context.store.installed_packs()
    assert [p.pack_id for p in installed] == ["starter"]
    assert (packs_folder() / "starter-1.0.0.catpack").is_file()
    model = window.exercise_browser.model
    qtmodeltester.check(model)
    pack = model.index(0, 0)
    assert model.rowCount(pack) >= 30
    kinds = {model.index(r, 1, pack).data() for r in range(model.rowCount(pack))}
    assert kinds == {"Describe", "Fix", "Fixed fields", "Classify", "Subjects", "Crosswalk", "Drill"}
    assert not ensure_starter_pack(context.store, packs_folder())  # already there: not again


def test_browse_open_edit_submit_and_read_the_feedback(qtbot, window, context, qtmodeltester):
    window.exercises_action.trigger()
    assert window.exercises_dock.isVisible()
    index = exercise_index(window, "fix-brief-history-of-time")
    window.exercise_browser.tree.setCurrentIndex(index)
    window.exercise_browser.tree.activated.emit(index)
    exercise = window.exercise
    assert exercise is not None and exercise.id == "fix-brief-history-of-time"
    assert window.exercise_dock.isVisible()
    assert "Brief" in [window.exercise_panel.tabs.tabText(i) for i in range(window.exercise_panel.tabs.count())]
    record = window.editor.document.record
    assert record is not None

    first = window.submit_exercise()  # the damaged record as it came: low marks
    assert first.percent < 50 and first.failed
    qtmodeltester.check(window.feedback.model)
    assert window.feedback_dock.isVisible()
    assert f"{first.percent:g}%" in window.feedback.summary.text()
    failed_rows = [r for r in range(window.feedback.model.rowCount())
                   if window.feedback.model.index(r, 0).data() == "✗"]
    assert failed_rows

    # Clicking a failed check jumps to its place in the record.
    location = window.feedback.model.data(window.feedback.model.index(failed_rows[0], 1),
                                          window.feedback.model.LOCATION_ROLE)
    window.feedback.table.clicked.emit(window.feedback.model.index(failed_rows[0], 1))
    if location and location.split("$")[0].split("/")[0][:3] in {f.tag for f in record.fields}:
        assert window.editor.grid.currentIndex().isValid()

    # Put the key in, as a learner who fixed every error would, through the editor's text view.
    from sandbox.formats.mrk import format_record

    window.editor.views.setCurrentWidget(window.editor.text)
    window.editor.text.setPlainText(format_record(exercise.keys[0], strict=False))
    window.editor.read_text_view()
    second = window.submit_exercise()
    assert second.percent == 100.0 and not second.failed
    attempts = context.store.attempts(context.learner_id, "starter", "fix-brief-history-of-time")
    assert [round(a.percent) for a in attempts] == [round(first.percent), 100]
    best = window.exercise_browser.model.index(index.row(), 2, index.parent()).data()
    assert best == "100%"


def test_an_indicator_edit_in_an_exercise_changes_the_score(qtbot, window):
    window.open_exercise("starter", "fix-brief-history-of-time")
    before = window.submit_exercise()
    document = window.editor.document
    key = window.exercise.keys[0]
    # Copy the key's 245 indicators in through the grid, cell by cell.
    index_245 = next(i for i, f in enumerate(document.record.fields) if f.tag == "245")
    wanted = key["245"].indicators[1]
    window.editor.model.setData(window.editor.model.index_for(index_245, None, IND2), wanted)
    after = window.submit_exercise()
    assert document.record["245"].indicators[1] == wanted
    label = lambda r: {c.label: c.earned for c in r.checks}  # noqa: E731
    assert after.total >= before.total and label(after) != label(before) or after.total == before.total


def test_hints_are_revealed_one_tier_at_a_time(window):
    window.open_exercise("starter", "describe-moby-dick-norton")
    panel = window.exercise_panel
    tiers = [h.tier for h in window.exercise.hints]
    assert tiers[:3] == ["nudge", "rule", "answer"]
    assert "nudge" in panel.hint_button.text()
    panel.hint_button.click()
    assert "Hint 1" in panel.hints.text() and "Hint 2" not in panel.hints.text()
    assert "rule" in panel.hint_button.text()
    panel.hint_button.click()
    panel.hint_button.click()
    assert "model answer" in panel.hints.text()
    assert not panel.hint_button.isEnabled()


def test_a_drill_is_answered_in_the_panel_and_scored(window, context):
    window.open_exercise("starter", "drill-which-tag")
    exercise = window.exercise
    panel = window.exercise_panel
    for question in exercise.questions:
        panel.set_answer(question.key, question.answer)
    result = window.submit_exercise()
    assert result.percent == 100.0
    panel.set_answer(exercise.questions[0].key, "999")
    worse = window.submit_exercise()
    assert worse.percent < 100.0 and worse.failed
    assert context.store.attempts(context.learner_id, "starter", "drill-which-tag")[0].format == "answers"


def test_a_crosswalk_is_answered_in_the_dublin_core_form(window):
    window.open_exercise("starter", "crosswalk-alice-ebook")
    assert window.pages.currentWidget() is window.dc_editor
    tabs = [window.exercise_panel.tabs.tabText(i) for i in range(window.exercise_panel.tabs.count())]
    assert "MARC record" in tabs
    empty = window.submit_exercise()
    key = window.exercise.keys[0]
    window.dc_editor.changeRequested.emit("paste the key", key)
    full = window.submit_exercise()
    assert empty.percent < full.percent == 100.0


def test_unfinished_exercise_work_is_kept_and_comes_back(qtbot, context, tmp_path):
    first = MainWindow(context)
    qtbot.addWidget(first)
    first.open_exercise("starter", "fix-nature")
    document = first.editor.document
    index_245 = next(i for i, f in enumerate(document.record.fields) if f.tag == "245")
    first.editor.model.setData(first.editor.model.index_for(index_245, 0, VALUE), "Nature (kept).")
    assert first.save()  # in an exercise, Save keeps the work in the learner's store
    assert not first.isWindowModified()

    second = MainWindow(context)
    qtbot.addWidget(second)
    second.open_exercise("starter", "fix-nature")
    assert second.editor.document.record["245"]["a"] == "Nature (kept)."
    assert "restored" in second.statusBar().currentMessage()


def test_the_feedback_lists_penalties_for_findings_the_key_does_not_have(window):
    window.open_exercise("starter", "fix-kind-of-blue")
    result = window.submit_exercise()
    rows = window.feedback.model.rowCount()
    assert rows == len(result.checks) + len(result.penalties)
    if result.penalties:
        last = window.feedback.model.index(rows - 1, 2).data()
        assert last.startswith("−")
    assert window.feedback.model.data(window.feedback.model.index(0, 1), Qt.ItemDataRole.ToolTipRole)


def test_progress_shows_attempts_and_a_broken_rule_leads_to_an_exercise(qtbot, window, context):
    window.open_exercise("starter", "fix-brief-history-of-time")
    result = window.submit_exercise()  # the damaged record: its findings are the rules broken
    assert result.penalties or result.failed
    window.open_progress()
    dashboard = window.dashboard
    assert window._progress_window.isVisible()
    rules_model = dashboard.rules_table.model()
    broken = [rules_model.index(r, 0).data() for r in range(rules_model.rowCount())]
    assert broken, "the submission's findings should be counted"
    window.open_files([])  # leave the exercise
    found = window.practise_rule(broken[0])
    assert found and window.exercise is not None
    assert window.exercise.id == found[0][1]


def test_a_learner_exports_a_submission_that_the_grader_rescores(window, context, tmp_path):
    from sandbox.cli import build_parser
    from sandbox.exercises.practice import starter_source
    from sandbox.packs.commands import run as run_pack_command

    window.open_exercise("starter", "fix-nature")
    window.submit_exercise()
    from sandbox.formats.mrk import format_record

    window.editor.views.setCurrentWidget(window.editor.text)
    window.editor.text.setPlainText(format_record(window.exercise.keys[0], strict=False))
    window.editor.read_text_view()
    window.submit_exercise()
    written = window.export_submission(tmp_path / "ana.catsub")
    assert written is not None and written.is_file()
    grades = tmp_path / "grades.csv"
    args = build_parser().parse_args(["grade", str(starter_source()), str(written), "--csv", str(grades)])
    run_pack_command(args)
    text = grades.read_text(encoding="utf-8")
    assert "Ana Ruiz" in text and "fix-nature" in text.splitlines()[0]
    row = next(line for line in text.splitlines() if line.startswith("Ana Ruiz"))
    header = text.splitlines()[0].split(",")
    assert row.split(",")[header.index("fix-nature")] in ("100", "100.0")


def test_an_instructor_turns_the_record_into_an_exercise_and_a_pack(qtbot, tmp_path):
    from sandbox.exercises import score
    from sandbox.formats import read_file
    from sandbox.packs import load_pack
    from tests.conftest import SAMPLES
    from ui.authoring import AuthoringDialog

    key = next(iter(read_file(SAMPLES / "starter-records.mrk"))).record
    dialog = AuthoringDialog(key)
    qtbot.addWidget(dialog)
    tags = [f.tag for f in key.fields]
    dialog.kind.setCurrentText("fix")
    dialog.title_edit.setText("Fix the Kahneman record")
    dialog.set_treatment(tags.index("245"), "damage", 3)
    dialog.set_treatment(tags.index("020"), "blank", 2)
    dialog.hints[0].setText("Look at the title statement.")
    dialog.folder.setText(str(tmp_path / "my-class"))
    assert dialog.save()
    assert dialog.built is not None and dialog.built.is_file()
    with load_pack(dialog.built) as pack:
        exercise = pack.exercise(pack.exercise_ids[0])
        assert exercise.kind == "fix" and exercise.title == "Fix the Kahneman record"
        assert "020" not in [f.tag for f in exercise.start_record.fields]
        assert score(exercise, exercise.keys[0]).percent == 100.0
        assert score(exercise, exercise.start_record).percent < 100.0
        assert [h.text for h in exercise.hints] == ["Look at the title statement."]


def test_learners_switch_and_the_classroom_lists_each_ones_latest_attempts(qtbot, window, context, qtmodeltester):
    window.open_exercise("starter", "fix-nature")
    window.submit_exercise()
    ben = window.add_learner("Ben Okafor")
    assert ben is not None and window.context.learner_id == ben.id
    best = window.exercise_browser.model._best
    assert not best  # Ben has tried nothing yet
    window.open_exercise("starter", "fix-iris-dataset")
    window.submit_exercise()
    window.open_classroom()
    view = window.classroom_window.centralWidget()
    qtmodeltester.check(view.model)
    learners = {view.model.index(r, 0).data() for r in range(view.model.rowCount())}
    assert learners == {"Ana Ruiz", "Ben Okafor"}
    context.store.record_attempt(ben.id, "starter", "1.0.0", "fix-nature", record="=LDR  x", fmt="mrk",
                                 score=1, max_score=2)
    view.refresh()  # the timer does this every few seconds
    assert view.model.rowCount() == 3


def test_an_instructors_pack_is_installed_and_listed_and_a_hostile_one_refused(qtbot, window, context, tmp_path, monkeypatch):
    from sandbox.packs.authoring import new
    from sandbox.packs.build import build

    folder = tmp_path / "spring-class"
    new(folder)
    built = build(folder, tmp_path / "spring-class-1.0.0.catpack")
    assert window.install_pack(built)
    assert {p.pack_id for p in context.store.installed_packs()} == {"starter", "spring-class"}
    model = window.exercise_browser.model
    assert model.rowCount() == 2

    warned = []
    monkeypatch.setattr("ui.main_window.QMessageBox.warning", lambda *args: warned.append(args[2]))
    bad = tmp_path / "bad.catpack"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert window.install_pack(bad) is None
    assert warned and "bad.catpack" in warned[0]
    assert model.rowCount() == 2
