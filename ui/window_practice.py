"""The main window's practice side: exercises, drills, progress, learners, classroom, packs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
)

from sandbox.drills import review
from sandbox.editing import ReplaceRecord
from sandbox.exercises import score
from sandbox.exercises.practice import (
    PackShelf,
    attempt_fields,
    ensure_starter_pack,
    exercises_training,
    install_pack_file,
    packs_folder,
    starter_source,
    submission_for,
    working_record,
)
from sandbox.exercises.submission import write_submission
from sandbox.formats import ReadItem
from sandbox.formats.text import record_from_text
from sandbox.packs import PackError, load_pack
from sandbox.store import StoreError
from ui.dashboard import ProgressDashboard
from ui.record_list import RecordRow
from ui.reference import DrillView


class PracticeMixin:
    """Exercises and everything around them; mixed into ``MainWindow`` (it uses the window's widgets and context)."""

    def open_drills(self) -> None:
        if self._drills_window is None:
            self._drills_window = QMainWindow(self)
            self._drills_window.setObjectName("drillsWindow")
            self._drills_window.setWindowTitle("Drills — Catalog Sandbox")
            self._drills_window.setCentralWidget(
                DrillView(store=self.context.store, learner_id=self.context.learner_id))
            self._drills_window.resize(760, 560)
        self._drills_window.show()
        self._drills_window.raise_()

    def drills_due(self) -> int:
        store, learner = self.context.store, self.context.learner_id
        if store is None or learner is None:
            return 0
        try:
            return len(review.due(store.drill_answers(learner), date.today()))
        except StoreError:
            return 0

    def open_progress(self) -> None:
        if self.context.store is None or self.context.learner_id is None:
            return
        if self._progress_window is None:
            self.dashboard = ProgressDashboard(self.context.store, self.context.learner_id,
                                               drills_due=self.drills_due)
            self.dashboard.practiseRule.connect(self.practise_rule)
            self.dashboard.reviewDrills.connect(self.open_drills)
            self._progress_window = QMainWindow(self)
            self._progress_window.setObjectName("progressWindow")
            self._progress_window.setWindowTitle(f"Progress — {self.context.learner.name} — Catalog Sandbox")
            self._progress_window.setCentralWidget(self.dashboard)
            self._progress_window.resize(1100, 760)
        else:
            self.dashboard.refresh()
        self._progress_window.show()
        self._progress_window.raise_()

    def _fill_learner_menu(self) -> None:
        self.learner_menu.clear()
        store = self.context.store
        if store is None:
            return
        try:
            learners = store.learners()
        except StoreError as error:
            self.statusBar().showMessage(f"Could not list the learners: {error}", 8000)
            return
        for learner in learners:
            made = self.learner_menu.addAction(learner.name, lambda le=learner: self.switch_learner(le))
            made.setCheckable(True)
            made.setChecked(learner.id == self.context.learner_id)
        self.learner_menu.addSeparator()
        self.learner_menu.addAction("&New Learner…", self._ask_new_learner)

    def _ask_new_learner(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(self, "New learner", "Name:")
        if ok and name.strip():
            self.add_learner(name.strip())

    def add_learner(self, name: str):
        from sandbox.store import LearnerExists

        try:
            learner = self.context.store.add_learner(name)
        except LearnerExists:
            QMessageBox.information(self, "New learner", f"There is already a learner called {name}.")
            return None
        except StoreError as error:
            QMessageBox.warning(self, "New learner", str(error))
            return None
        self.switch_learner(learner)
        return learner

    def switch_learner(self, learner) -> None:
        """Work as another learner: their scores, drafts, drills and progress."""
        if not self._may_discard_changes():
            return
        exercise, paths = self.exercise, list(self._paths)
        self._close_documents()  # the open work was the other learner's
        self.context.learner = learner
        for window in (self._progress_window, self._drills_window):
            if window is not None:
                window.close()
                window.deleteLater()
        self._progress_window = self._drills_window = None
        self.exercise_browser.set_packs(self.shelf.packs, self._best_scores(self.shelf), self.shelf.problems)
        if exercise is not None:
            self._open_exercise_now(exercise)
        else:
            self._open_files_now(paths)
        self.statusBar().showMessage(f"Practising as {learner.name}", 6000)

    def open_classroom(self) -> None:
        if self.context.store is None:
            return
        from ui.classroom import ClassroomView

        window = QMainWindow(self)
        window.setObjectName("classroomWindow")
        window.setWindowTitle("Classroom — Catalog Sandbox")
        window.setCentralWidget(ClassroomView(self.context.store, [p.id for p in self.shelf.packs]))
        window.resize(820, 520)
        window.show()
        self.classroom_window = window

    def author_exercise(self) -> None:
        record = self.editor.document.record if self.editor.document is not None else None
        if record is None:
            QMessageBox.information(self, "Make an exercise", "Open or create a MARC record first: "
                                    "it becomes the exercise's key.")
            return
        from ui.authoring import AuthoringDialog

        dialog = AuthoringDialog(record, self)
        if dialog.exec():
            self.statusBar().showMessage(f"Saved the exercise and built {dialog.built}", 10_000)

    def install_pack(self, path: Path | None = None):
        """Verify and install a .catpack; a newer version of a pack replaces the older one, and
        attempts on exercises it did not change still count."""
        if self.context.store is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Install an exercise pack", "",
                                                    "Exercise packs (*.catpack)")
            if not chosen:
                return None
            path = Path(chosen)
        try:
            pack = install_pack_file(self.context.store, Path(path), packs_folder())
        except (PackError, StoreError, OSError) as error:
            QMessageBox.warning(self, "Install pack", f"{Path(path).name} was not installed: {error}")
            return None
        title, version = pack.title, pack.version
        pack.close()
        # The old shelf is left open: an exercise from it may be on screen (hints, Submit).
        self.shelf = PackShelf.from_store(self.context.store)
        self.exercise_browser.set_packs(self.shelf.packs, self._best_scores(self.shelf), self.shelf.problems)
        self.exercises_dock.show()
        self.statusBar().showMessage(f"Installed {title} {version}", 8000)
        return title

    def export_submission(self, path: Path | None = None, pack_id: str | None = None) -> Path | None:
        """Write the learner's attempts at a pack (the open exercise's, or the first) to a .catsub."""
        store, learner = self.context.store, self.context.learner
        if store is None or learner is None or not self.shelf.packs:
            return None
        pack_id = pack_id or (self.exercise.pack_id if self.exercise else self.shelf.packs[0].id)
        if path is None:
            suggested = f"{learner.name.replace(' ', '-').lower()}-{pack_id}.catsub"
            chosen, _ = QFileDialog.getSaveFileName(self, "Export your submission", suggested,
                                                    "Catalog Sandbox submissions (*.catsub)")
            if not chosen:
                return None
            path = Path(chosen)
        try:
            submission = submission_for(store, learner, pack_id)
            written = write_submission(path, submission)
        except (StoreError, OSError) as error:
            QMessageBox.critical(self, "Export failed", f"{path} was not written: {error}")
            return None
        self.statusBar().showMessage(f"Exported {len(submission.attempts)} attempts to {written}", 8000)
        return written

    @Slot(str)
    def practise_rule(self, rule_id: str) -> list:
        """Open the first exercise that trains ``rule_id`` (and list the others in the status bar)."""
        found = exercises_training(self.shelf, rule_id)
        if not found:
            self.statusBar().showMessage(f"No installed exercise trains {rule_id} yet.", 8000)
            return found
        pack_id, exercise_id, _title = found[0]
        self.exercises_dock.show()
        if self.open_exercise(pack_id, exercise_id):
            others = ", ".join(title for _, _, title in found[1:4])
            self.statusBar().showMessage(f"Practising {rule_id}" + (f"; also: {others}" if others else ""), 10_000)
            self.activateWindow()
            self.raise_()
        return found

    def _open_shelf(self) -> PackShelf:
        """The installed packs (the starter pack installed on first run)."""
        store = self.context.store
        if store is None:  # no progress database: the bundled starter pack, read in place
            shelf = PackShelf()
            try:
                shelf.packs.append(load_pack(starter_source()))
            except (PackError, OSError) as error:
                shelf.problems.append(f"The starter pack could not be opened: {error}")
        else:
            try:
                ensure_starter_pack(store, packs_folder())
            except (PackError, OSError, StoreError) as error:
                self.statusBar().showMessage(f"The starter pack could not be installed: {error}", 10_000)
            shelf = PackShelf.from_store(store)
        self.exercise_browser.set_packs(shelf.packs, self._best_scores(shelf), shelf.problems)
        return shelf

    def _exercises_dock_shown(self, visible: bool) -> None:
        if visible and not self.exercises_dock.isFloating() and self.exercises_dock.width() < 300:
            self.resizeDocks([self.exercises_dock], [380], Qt.Orientation.Horizontal)

    def _best_scores(self, shelf: PackShelf) -> dict[tuple[str, str], float]:
        store, learner = self.context.store, self.context.learner_id
        if store is None or learner is None:
            return {}
        best = {}
        try:
            for pack in shelf.packs:
                for exercise_id, percent in store.best_scores(learner, pack.id).items():
                    best[(pack.id, exercise_id)] = percent
        except StoreError as error:
            self.statusBar().showMessage(f"Could not read your scores: {error}", 8000)
        return best

    @Slot(str, str)
    def open_exercise(self, pack_id: str, exercise_id: str) -> bool:
        """Put an exercise's working record in the editor and its brief beside it."""
        pack = self.shelf.pack(pack_id)
        if pack is None or not self._may_discard_changes():
            return False
        self._open_exercise_now(pack.exercise(exercise_id))
        return True

    def _open_exercise_now(self, exercise) -> None:
        self._stop_loading()
        self._close_documents()
        self.model.clear()
        self._paths = []
        self._untitled = None
        self.exercise = exercise
        self._exercise_kept = False
        self.table.hide()  # one working record: the list has nothing to choose from
        self.editor.views.setCurrentWidget(self.editor.grid)
        self.editor.profile = exercise.profile or "full"
        self.dc_editor.set_profile(exercise.profile or "full")
        self.exercise_panel.set_exercise(exercise)
        self.feedback.set_result(None)
        self.exercise_dock.show()
        self.exercise_dock.raise_()
        record = working_record(exercise)
        if record is None:  # a drill: answered in the exercise panel
            self._show_row(None)
            self.heading.setText(f"Exercise: {exercise.title}")
            self.record_view.setPlainText("Answer the questions in the Exercise panel, then Submit.")
            self.pages.setCurrentWidget(self.record_view)
        else:
            item = ReadItem(number=1, record=record)
            self.model.append_rows([RecordRow.from_item(Path(exercise.id), item)])
            restored = self._restore_draft(0, "restore your work")
            if restored:
                # What was kept is the saved state of an exercise; undo goes back to the start.
                self.documents[0].mark_saved()
                self._exercise_kept = True
            self.table.selectRow(0)
            self.heading.setText(f"Exercise: {exercise.title}")
            if restored:
                self.statusBar().showMessage("Your unfinished work on this exercise was restored "
                                             "(undo, then Save, to start again from the exercise's "
                                             "record).", 8000)
        self._set_title(exercise.title)

    def _restore_draft(self, row_number: int, label: str) -> bool:
        """Put the draft kept for a row back into its record (one undoable step)."""
        store, learner = self.context.store, self.context.learner_id
        if store is None or learner is None:
            return False
        try:
            draft = store.draft(learner, self.draft_key(row_number))
        except StoreError:
            return False
        if draft is None:
            return False
        record = record_from_text(draft.text, draft.format, "(your draft)")
        document = self.document_for(row_number)
        return bool(record is not None and document is not None and
                    document.apply(ReplaceRecord(record, label)))

    def _leave_exercise(self) -> None:
        if self.exercise is None:
            return
        self.exercise = None
        self.table.show()
        self.editor.profile = "full"
        self.dc_editor.set_profile("full")
        self.exercise_panel.set_exercise(None)
        self.exercise_dock.hide()

    def _keep_exercise_work(self) -> bool:
        if self.exercise is not None and self.exercise.kind == "drill":
            self.statusBar().showMessage("Drill answers are kept when you Submit them.", 6000)
            return True
        if self.context.store is None:
            self.statusBar().showMessage("Progress is not being saved (no database); Submit to "
                                         "score your work.", 6000)
            return False
        self._autosave_rows(sorted(self.documents))
        self._exercise_kept = True
        for document in self.documents.values():
            document.mark_saved()
        self.statusBar().showMessage("Your work on this exercise is kept; Submit to score it.", 6000)
        return True

    def _answer(self):
        if self.exercise is None:
            return None
        if self.exercise.kind == "drill":
            return self.exercise_panel.answers()
        document = self.documents.get(0)
        return document.record if document is not None else None

    @Slot()
    def check_exercise(self) -> None:
        """Validate only: the exercise's rules, listed in Problems."""
        self.flush_edits()
        if self.exercise is None or self._answer() is None or self.exercise.kind == "drill":
            return
        if self.pages.currentWidget() is self.editor:
            self.editor.validate_now()
        else:
            self._dc_findings_updated()
        counts = self.editor.findings.counts()
        self.problems_dock.show()
        self.problems_dock.raise_()
        self.statusBar().showMessage(f"Check: {counts['error']} errors, {counts['warning']} warnings "
                                     "under this exercise's rules (Submit to score).", 8000)

    @Slot()
    def submit_exercise(self):
        """Score the answer against the key, show the feedback, and keep the attempt."""
        self.flush_edits()
        exercise = self.exercise
        answer = self._answer()
        if exercise is None or answer is None:
            return None
        result = score(exercise, answer)
        self.feedback.set_result(result)
        if not self.feedback_dock.isVisible():
            self.feedback_dock.show()
            self.resizeDocks([self.feedback_dock], [280], Qt.Orientation.Vertical)
        self.feedback_dock.raise_()
        store, learner = self.context.store, self.context.learner_id
        if store is not None and learner is not None:
            pack = self.shelf.pack(exercise.pack_id)
            try:
                store.record_attempt(learner, exercise.pack_id, pack.version if pack else "",
                                     exercise.id, hints_used=self.exercise_panel.hints_shown,
                                     **attempt_fields(exercise, answer, result))
            except StoreError as error:
                self.statusBar().showMessage(f"Your score could not be kept: {error}", 10_000)
        self.exercise_browser.model.set_best(exercise.pack_id, exercise.id, result.percent)
        if self._progress_window is not None:
            self.dashboard.refresh()
        self.statusBar().showMessage(f"{exercise.title}: {result.percent:g}% "
                                     f"({len(result.failed)} checks to look at)", 10_000)
        return result

    @Slot(str)
    def _reveal_location(self, location: str) -> None:
        if self.pages.currentWidget() is self.dc_editor:
            self.dc_editor.highlight(location)
        elif self.editor.reveal(location.split(",")[0].strip()):
            self.editor.views.currentWidget().setFocus()
