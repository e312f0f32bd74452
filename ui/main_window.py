"""The main window: open record files, browse them, edit a record, see and fix what is wrong.

Layout: the record list on the left; the editor (grid and text views) in the middle; docks for
problems, field help and the other tools around it. Each edited record gets its own document and
undo stack, gathered in one ``QUndoGroup`` so Edit › Undo follows the record on screen. A file is
saved whole, atomically, in its own format or another.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QModelIndex,
    QSettings,
    Qt,
    QThread,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sandbox import __version__
from sandbox.editing import ReplaceRecord
from sandbox.formats import (
    FORMATS,
    ReadItem,
)
from sandbox.records.dublin_core import DublinCoreRecord
from sandbox.samples import learner_copies, samples_folder, starter_files
from sandbox.templates import TEMPLATES
from sandbox.templates import new_record as template_record
from ui.charpicker import CharacterPicker
from ui.context import AppContext
from ui.dc_editor import DublinCoreEditor
from ui.document import RecordDocument
from ui.editor import RecordEditor, monospace
from ui.exercises import ExerciseBrowser, ExercisePanel, FeedbackView
from ui.field_help import FieldHelp
from ui.findings_model import ProblemRow
from ui.record_list import FileLoader, RecordListModel, RecordRow
from ui.reference import ReferenceDesk
from ui.window_files import FilesMixin
from ui.window_practice import PracticeMixin

MAX_RECENT_FILES = 10


def open_dialog_filters() -> str:
    extensions = sorted({ext for fmt in FORMATS.values() for ext in fmt.extensions})
    filters = ["All record files (" + " ".join(f"*{ext}" for ext in extensions) + ")"]
    seen = set()
    for fmt in FORMATS.values():
        if fmt.extensions in seen:
            continue
        seen.add(fmt.extensions)
        label = "Dublin Core or MARCXML" if fmt.extensions == (".xml",) else fmt.label
        filters.append(f"{label} (" + " ".join(f"*{ext}" for ext in fmt.extensions) + ")")
    filters.append("All files (*)")
    return ";;".join(filters)


#: Seconds after the last change before the record's draft is saved to the store.
AUTOSAVE_SECONDS = 3


class MainWindow(FilesMixin, PracticeMixin, QMainWindow):
    def __init__(self, context: AppContext | None = None):
        super().__init__()
        self.context = context or AppContext()
        self.setWindowTitle("Catalog Sandbox")
        self.setAcceptDrops(True)
        self.model = RecordListModel(self)
        self.undo_group = QUndoGroup(self)
        # Shown when no record is open. (Never pass None to setActiveStack: PySide6 6.12 then
        # drops a reference to None and the interpreter aborts at exit.)
        self._no_record_stack = QUndoStack(self)
        self.undo_group.addStack(self._no_record_stack)
        self.documents: dict[int, RecordDocument] = {}  # list row -> its open document
        self._thread: QThread | None = None
        self._loader: FileLoader | None = None
        self._paths: list[Path] = []
        self._current_row: int | None = None
        self._drills_window: QMainWindow | None = None
        self._progress_window: QMainWindow | None = None
        self._untitled: str | None = None  # the template of a new record that has no file yet
        self._dropping_rows = False
        self._title_base = ""
        self._exercise_kept = False  # the exercise's work was kept with Save (or restored)
        self.exercise = None  # the exercise being practised, if any
        self.settings = QSettings()
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_SECONDS * 1000)
        self._autosave_timer.timeout.connect(self.autosave_now)
        self._build_views()
        self._build_docks()
        self._build_actions()
        self.shelf = self._open_shelf()
        self.resize(1280, 800)
        self._restore_window_state()

    # -- construction -------------------------------------------------------------------------
    def _build_views(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("recordList")
        self.table.setAccessibleName("Records")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Short columns are fitted to their contents as rows arrive (and can be resized by
        # hand); the title takes the rest and elides what does not fit.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.heading = QLabel("No record selected")
        self.heading.setObjectName("recordHeading")
        self.heading.setWordWrap(True)
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.2)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)

        self.editor = RecordEditor(self)
        self.editor.currentTagChanged.connect(self._current_tag_changed)
        self.editor.findingsUpdated.connect(self._findings_updated)
        self.editor.editFailed.connect(lambda message: self.statusBar().showMessage(message, 6000))

        # Records the editor cannot take (unreadable ones, Dublin Core) are shown as text here.
        self.record_view = QPlainTextEdit()
        self.record_view.setObjectName("recordText")
        self.record_view.setAccessibleName("Record as text")
        self.record_view.setReadOnly(True)
        self.record_view.setFont(monospace())

        self.dc_editor = DublinCoreEditor()
        self.dc_editor.changeRequested.connect(self._dc_change_requested)
        self.dc_editor.findingsUpdated.connect(self._dc_findings_updated)
        self._dc_document: RecordDocument | None = None

        # One of three views of the selected record: the MARC editor, the Dublin Core form, or
        # the text of what could not be read.
        self.pages = QStackedWidget()
        self.pages.setObjectName("recordPages")
        for page in (self.editor, self.dc_editor, self.record_view):
            self.pages.addWidget(page)
        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([480, 800])
        self.setCentralWidget(self.splitter)
        self.statusBar().showMessage("Open a record file (File › Open) or the samples.")

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.problems = QTableView()
        self.problems.setObjectName("problems")
        self.problems.setAccessibleName("Problems in this record: reading and validation")
        self.problems.setModel(self.editor.findings)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.problems.setAlternatingRowColors(True)
        self.problems.setWordWrap(True)
        self.problems.verticalHeader().hide()
        problems_header = self.problems.horizontalHeader()
        problems_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        problems_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.setColumnWidth(0, 90)
        self.problems.setColumnWidth(1, 110)
        self.problems.setColumnWidth(3, 80)
        self.problems.activated.connect(self._problem_activated)
        self.problems.clicked.connect(self._problem_activated)
        self.problems_dock = self._dock("Problems", "problemsDock", self.problems,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)

        self.field_help = FieldHelp()
        self.help_dock = self._dock("Field help", "fieldHelpDock", self.field_help,
                                    Qt.DockWidgetArea.RightDockWidgetArea)
        self.reference = ReferenceDesk()
        self.reference_dock = self._dock("Reference desk", "referenceDock", self.reference,
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        # The desk needs room (its tools sit side by side): it starts as its own floating
        # window, opened with F1 or from field help, and can be docked like any panel.
        self.reference_dock.setFloating(True)
        self.reference_dock.resize(980, 640)
        self.reference_dock.hide()
        self.field_help.showReference.connect(self.show_reference)
        self.reference.insertRequested.connect(self._insert)

        self.characters = CharacterPicker()
        self.characters.insertRequested.connect(self._insert)
        self.characters_dock = self._dock("Special characters", "charactersDock", self.characters,
                                          Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.help_dock, self.characters_dock)
        self.help_dock.raise_()

        self.exercise_browser = ExerciseBrowser()
        self.exercise_browser.exerciseOpened.connect(self.open_exercise)
        self.exercises_dock = self._dock("Exercises", "exercisesDock", self.exercise_browser,
                                         Qt.DockWidgetArea.LeftDockWidgetArea)
        self.exercises_dock.hide()
        self.exercise_panel = ExercisePanel()
        self.exercise_panel.checkRequested.connect(self.check_exercise)
        self.exercise_panel.submitRequested.connect(self.submit_exercise)
        self.exercise_dock = self._dock("Exercise", "exerciseDock", self.exercise_panel,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.help_dock, self.exercise_dock)
        self.exercise_dock.hide()
        self.feedback = FeedbackView()
        self.feedback.locationActivated.connect(self._reveal_location)
        self.feedback_dock = self._dock("Feedback", "feedbackDock", self.feedback,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.problems_dock, self.feedback_dock)
        self.problems_dock.raise_()
        self.feedback_dock.hide()
        self.help_dock.raise_()  # of the docks sharing the right side, field help comes first

    def _build_actions(self) -> None:
        style = self.style()

        def action(text, shortcut=None, slot=None, tip="", icon=None) -> QAction:
            made = QAction(style.standardIcon(icon), text, self) if icon else QAction(text, self)
            if shortcut is not None:
                made.setShortcut(shortcut)
            if tip:
                made.setStatusTip(tip)
            if slot is not None:
                made.triggered.connect(slot)
            return made

        self.open_action = action("&Open…", QKeySequence.StandardKey.Open, self.choose_files,
                                  "Open MARC 21, MARCXML, .mrk, MARC-in-JSON or Dublin Core files",
                                  QStyle.StandardPixmap.SP_DialogOpenButton)
        self.samples_action = action("Open &Samples", None, self.open_samples,
                                     "Open the sample records that come with Catalog Sandbox",
                                     QStyle.StandardPixmap.SP_DirHomeIcon)
        self.save_action = action("&Save", QKeySequence.StandardKey.Save, self.save,
                                  "Save the changed records back to their files",
                                  QStyle.StandardPixmap.SP_DialogSaveButton)
        self.save_as_action = action("Save &As…", QKeySequence.StandardKey.SaveAs, self.save_as,
                                     "Save the open records to a new file, in any format")
        quit_action = action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        about_action = action("&About Catalog Sandbox", None, self._about)

        # Our own actions, not QUndoGroup's: what is still being typed is taken in first.
        self.undo_action = action("&Undo", QKeySequence.StandardKey.Undo, self.undo, "",
                                  QStyle.StandardPixmap.SP_ArrowBack)
        self.redo_action = action("&Redo", QKeySequence.StandardKey.Redo, self.redo, "",
                                  QStyle.StandardPixmap.SP_ArrowForward)
        for made, prefix, can, text in (
                (self.undo_action, "&Undo", self.undo_group.canUndoChanged, self.undo_group.undoTextChanged),
                (self.redo_action, "&Redo", self.undo_group.canRedoChanged, self.undo_group.redoTextChanged)):
            made.setEnabled(False)
            can.connect(made.setEnabled)
            text.connect(lambda words, made=made, prefix=prefix: made.setText(f"{prefix} {words}".strip()))

        file_menu = self.menuBar().addMenu("&File")
        self.new_menu = file_menu.addMenu("&New Record")
        for template in TEMPLATES.values():
            made = self.new_menu.addAction(template.label, lambda t=template.id: self.new_record(t))
            made.setStatusTip(template.description)
        self.new_menu.actions()[0].setShortcut(QKeySequence.StandardKey.New)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.samples_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for editor_action in (self.editor.add_field_action, self.editor.add_subfield_action,
                              self.editor.delete_action, self.editor.move_up_action,
                              self.editor.move_down_action):
            edit_menu.addAction(editor_action)

        self.view_menu = self.menuBar().addMenu("&View")
        for dock in (self.problems_dock, self.help_dock, self.characters_dock, self.reference_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.reference_dock.toggleViewAction().setShortcut(QKeySequence("F1"))
        practice_menu = self.menuBar().addMenu("&Practice")
        self.drills_action = action("&Drills…", QKeySequence("Ctrl+D"), self.open_drills,
                                    "Timed questions on tags, indicators, codes, punctuation, "
                                    "Cutters and shelf order, with review of missed ones")
        practice_menu.addAction(self.drills_action)
        self.exercises_dock.visibilityChanged.connect(self._exercises_dock_shown)
        self.exercises_action = self.exercises_dock.toggleViewAction()
        self.exercises_action.setText("&Exercises")
        self.exercises_action.setShortcut(QKeySequence("Ctrl+E"))
        self.exercises_action.setStatusTip("The exercise packs: describe, fix, code, classify, "
                                           "assign subjects, crosswalk, drill")
        practice_menu.insertAction(self.drills_action, self.exercises_action)
        self.progress_action = action("&Progress…", QKeySequence("Ctrl+P"), self.open_progress,
                                      "Your scores, mastery per competency, the rules you break "
                                      "most, your streak")
        practice_menu.addAction(self.progress_action)
        self.progress_action.setEnabled(self.context.store is not None)
        self.install_action = action("&Install Pack…", None, self.install_pack,
                                     "Add an exercise pack (.catpack) your instructor gave you")
        self.install_action.setEnabled(self.context.store is not None)
        practice_menu.addAction(self.install_action)
        self.export_action = action("E&xport Submission…", None, self.export_submission,
                                    "Write your attempts at a pack to a .catsub file to hand in")
        self.export_action.setEnabled(self.context.store is not None)
        practice_menu.addSeparator()
        practice_menu.addAction(self.export_action)
        self.learner_menu = practice_menu.addMenu("&Learner")
        self.learner_menu.aboutToShow.connect(self._fill_learner_menu)
        self.learner_menu.setEnabled(self.context.store is not None)
        instructor_menu = self.menuBar().addMenu("&Instructor")
        self.classroom_action = action("&Classroom…", None, self.open_classroom,
                                       "Every learner's latest attempts, live (on a shared "
                                       "database, the whole class)")
        self.classroom_action.setEnabled(self.context.store is not None)
        instructor_menu.addAction(self.classroom_action)
        self.author_action = action("&Make Exercise from This Record…", None, self.author_exercise,
                                    "Turn the record in the editor into an exercise and save it in a pack")
        instructor_menu.addAction(self.author_action)
        self.practice_menu = practice_menu
        self.menuBar().addMenu("&Help").addAction(about_action)

        toolbar = self.addToolBar("File")
        toolbar.setObjectName("fileToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for toolbar_action in (self.open_action, self.samples_action, self.save_action,
                               self.undo_action, self.redo_action):
            toolbar.addAction(toolbar_action)
        self.undo_group.cleanChanged.connect(lambda _clean: self._update_modified())
        self.undo_group.indexChanged.connect(lambda _index: self._update_modified())

    # -- settings -----------------------------------------------------------------------------
    def _default_layout(self) -> None:
        """First run: the editor gets the room; docks start small (the learner can resize them)."""
        self.splitter.setSizes([340, max(600, self.width() - 340 - 360)])
        self.resizeDocks([self.help_dock], [300], Qt.Orientation.Horizontal)
        self.resizeDocks([self.problems_dock], [170], Qt.Orientation.Vertical)

    def _restore_window_state(self) -> None:
        if self.settings.value("window/state") is None:
            QTimer.singleShot(0, self._default_layout)
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def _save_window_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _remember(self, paths: list[Path]) -> None:
        recent = self.recent_files()
        for path in reversed(paths):
            text = str(Path(path).absolute())
            if text in recent:
                recent.remove(text)
            recent.insert(0, text)
        self.settings.setValue("recentFiles", recent[:MAX_RECENT_FILES])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.recent_files() if Path(p).exists()]
        for path in recent:
            self.recent_menu.addAction(Path(path).name,
                                       lambda p=path: self.open_files([Path(p)])).setStatusTip(path)
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    # -- opening files ------------------------------------------------------------------------
    @Slot()
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open record files", "", open_dialog_filters())
        if paths:
            self.open_files([Path(p) for p in paths])

    @Slot()
    def open_samples(self) -> None:
        """The samples, as the learner's own copies: saving never writes over what ships."""
        try:
            self.open_files(learner_copies(samples_folder()))
        except OSError:
            self.open_files(starter_files())

    def open_files(self, paths: list[Path]) -> bool:
        """Replace the list with the records of ``paths``, read in the background."""
        if not self._may_discard_changes():
            return False
        self._open_files_now(paths)
        return True

    def _open_files_now(self, paths: list[Path]) -> None:
        self._stop_loading()
        self._close_documents()
        self._leave_exercise()
        self._untitled = None
        self.model.clear()
        self._show_row(None)
        self._paths = [Path(p).resolve() for p in paths]
        names = ", ".join(p.name for p in self._paths)
        self._set_title(names)
        self.statusBar().showMessage(f"Reading {names}…")
        self._remember([p for p in self._paths if p.exists()])
        self._thread = QThread(self)
        self._loader = FileLoader(self._paths)
        self._loader.moveToThread(self._thread)
        self._thread.started.connect(self._loader.run)
        self._loader.rows_ready.connect(self._rows_arrived)
        self._loader.file_failed.connect(self._file_failed)
        self._loader.finished.connect(self._loading_finished)
        self._loader.finished.connect(self._thread.quit)
        self._thread.start()

    def new_record(self, template_id: str) -> bool:
        """Start a new record from a template (RDA book, e-book, serial, DVD, CD, map)."""
        if not self._may_discard_changes():
            return False
        self._stop_loading()
        self._close_documents()
        self._leave_exercise()
        self.model.clear()
        template = TEMPLATES[template_id]
        path = Path(f"New {template.label.split(' (')[0].lower()}.mrk")
        self.model.append_rows([RecordRow.from_item(path, ReadItem(number=1, record=template_record(template_id)))])
        self._paths = []
        self._untitled = template_id
        self.table.selectRow(0)
        self._set_title(path.name)
        restored = self._restore_draft(0, "restore your unsaved new record")
        self.editor.reveal("245")
        self.statusBar().showMessage(
            "Your unsaved new record was restored; save it with File › Save." if restored else
            f"{template.label}: replace the placeholders; File › Save asks where to keep it.", 8000)
        return True

    def is_loading(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def _stop_loading(self) -> None:
        if self._loader is not None:
            self._loader.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread = self._loader = None

    @Slot(list)
    def _rows_arrived(self, rows: list) -> None:
        first = self.model.rowCount() == 0
        self.table.setColumnHidden(RecordListModel.COLUMNS.index("File"), len(self._paths) < 2)
        self.model.append_rows(rows)
        if first:
            self.table.selectRow(0)
            self._fit_columns()
        self._update_status(done=False)

    @Slot(str, str)
    def _file_failed(self, path: str, message: str) -> None:
        QMessageBox.warning(self, "Cannot open file", f"{path} could not be opened: {message}")

    @Slot()
    def _loading_finished(self) -> None:
        self._fit_columns()
        self._update_status(done=True)
        self.offer_drafts()

    def _fit_columns(self) -> None:
        """Fit the short columns to their text, but never let one crowd out the title."""
        header = self.table.horizontalHeader()
        widths = {"#": 60, "Material": 150, "Control no.": 110, "File": 170}
        for name, widest in widths.items():
            column = RecordListModel.COLUMNS.index(name)
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), widest))

    def _update_status(self, done: bool = True) -> None:
        counts = self.model.counts()
        total = sum(counts.values())
        text = f"{total:,} record{'s' if total != 1 else ''}"
        if counts["repaired"]:
            text += f" · {counts['repaired']} repaired on reading"
        if counts["unreadable"]:
            text += f" · {counts['unreadable']} unreadable"
        if counts["unchecked"]:
            text += f" · {counts['unchecked']:,} not checked yet (each record is read when shown)"
        if not done:
            text += " · reading…"
        findings = self.editor.findings.counts()
        if self.editor.isEnabled() and self.editor.document is not None:
            text += (f" · this record: {findings['error']} errors, {findings['warning']} warnings"
                     f" (checked in {self.editor.last_validation_ms:.1f} ms)")
        self.statusBar().showMessage(text)

    # -- showing and editing a record -------------------------------------------------------------
    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._dropping_rows:
            return
        rows = self.table.selectionModel().selectedRows()
        self._show_row(rows[0].row() if rows else None)

    def document_for(self, row_number: int) -> RecordDocument | None:
        """The open document of a list row (made when the row is first shown)."""
        document = self.documents.get(row_number)
        if document is None:
            record = self.model.row(row_number).load()
            if record is None:
                return None
            document = RecordDocument(record, self)
            self.documents[row_number] = document
            self.undo_group.addStack(document.undo_stack)
            document.undo_stack.cleanChanged.connect(self._stack_clean_changed)
            document.changed.connect(self._schedule_autosave)
            if isinstance(record, DublinCoreRecord):
                document.changed.connect(self._dc_document_changed)
        return document

    def _row_of_stack(self, stack) -> int | None:
        return next((row for row, document in self.documents.items()
                     if document.undo_stack is stack), None)

    @Slot(bool)
    def _stack_clean_changed(self, clean: bool) -> None:
        row_number = self._row_of_stack(self.sender())
        if row_number is None:
            return
        self.model.set_modified(row_number, not clean)
        if clean:
            # Back at the saved state: no draft to offer. In an exercise the saved state is the
            # work kept with Save, which the draft holds.
            if self.exercise is not None and self._exercise_kept:
                self._autosave_rows([row_number])
            else:
                self._discard_draft(row_number)

    def _show_row(self, row_number: int | None) -> None:
        self.flush_edits()
        self._current_row = row_number
        self._dc_document = None
        if row_number is None:
            self.heading.setText("No record selected")
            self.editor.set_document(None)
            self.undo_group.setActiveStack(self._no_record_stack)
            self.pages.setCurrentWidget(self.editor)
            return
        row = self.model.row(row_number)
        where = f"{row.path.name}, record {row.item.number}"
        document = self.document_for(row_number)
        if document is None:
            self.heading.setText(f"Unreadable record — {where}")
            self.editor.set_document(None)
            self.undo_group.setActiveStack(self._no_record_stack)
            self.record_view.setPlainText(
                "This record could not be read, so there is nothing to show.\n"
                "The problems below say what is wrong and where; the other records of the file "
                "were read normally.")
            self.pages.setCurrentWidget(self.record_view)
            self.editor.findings.set_rows([ProblemRow.from_read_problem(p) for p in row.item.errors])
            self._update_status()
            return
        self.heading.setText(f"{row.title} — {where}")
        self.undo_group.setActiveStack(document.undo_stack)
        if isinstance(document.record, DublinCoreRecord):
            self.editor.set_document(None)
            self._dc_document = document
            self.dc_editor.set_record(document.record)
            self.pages.setCurrentWidget(self.dc_editor)
            self._dc_findings_updated()
        else:
            self.pages.setCurrentWidget(self.editor)
            self.editor.set_document(document, row.item.problems)
        self._update_status()

    @Slot()
    def undo(self) -> None:
        self.flush_edits()
        self.undo_group.undo()

    @Slot()
    def redo(self) -> None:
        self.flush_edits()
        self.undo_group.redo()

    def flush_edits(self) -> None:
        """Take in whatever is still being typed (the text view, a Dublin Core value)."""
        self.editor.flush()
        if self._dc_document is not None:
            self.dc_editor.commit_pending()

    @Slot(str, object)
    def _dc_change_requested(self, label: str, new_record) -> None:
        if self._dc_document is not None:
            self._dc_document.apply(ReplaceRecord(new_record, label))

    def _dc_document_changed(self, _change) -> None:
        if self._dc_document is not None and self.sender() is self._dc_document:
            self.dc_editor.set_record(self._dc_document.record)

    @Slot()
    def _dc_findings_updated(self) -> None:
        if self._dc_document is None:
            return
        read_problems = self.model.row(self._current_row).item.problems if self._current_row is not None else []
        rows = [ProblemRow.from_read_problem(p) for p in read_problems if p.severity == "error"]
        rows += [ProblemRow.from_finding(f) for f in self.dc_editor.findings()]
        self.editor.findings.set_rows(rows)
        self._findings_updated()

    @Slot(str)
    def show_reference(self, tag: str) -> None:
        if self.reference_dock.isFloating() and not self.reference_dock.isVisible():
            self.reference_dock.move(self.geometry().center() - self.reference_dock.rect().center())
        self.reference_dock.show()
        self.reference_dock.raise_()
        self.reference.show_field(tag)

    @Slot(str)
    def _insert(self, text: str) -> None:
        if not self.editor.insert_text(text):
            self.statusBar().showMessage("Open a record and choose where to insert first", 5000)

    @Slot(str)
    def _current_tag_changed(self, tag: str) -> None:
        self.field_help.show_field(tag)

    @Slot()
    def _findings_updated(self) -> None:
        self.problems.resizeRowsToContents()
        self._update_status()

    @Slot(QModelIndex)
    def _problem_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        problem = self.editor.findings.row(index.row())
        if self.pages.currentWidget() is self.dc_editor:
            self.dc_editor.highlight(problem.location)
        elif self.editor.reveal(problem.location, problem.line):
            self.editor.views.currentWidget().setFocus()

    # -- window behaviour ---------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.open_files(paths)

    def closeEvent(self, event) -> None:
        if not hasattr(self, "shelf"):  # closed while it was still being built
            super().closeEvent(event)
            return
        if not self._may_discard_changes():
            event.ignore()
            return
        self._save_window_state()
        self._stop_loading()
        self._close_documents()  # undo commands are freed now, not during interpreter shutdown
        super().closeEvent(event)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Catalog Sandbox",
            f"<h3>Catalog Sandbox {__version__}</h3><p>Practise cataloging offline: MARC 21 and "
            "Dublin Core records, validation that teaches, exercises that grade themselves.</p>",
        )
