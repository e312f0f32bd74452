"""The main window: open record files, browse them, edit a record, see and fix what is wrong.

Layout: the record list on the left; the editor (grid and text views) in the middle; docks for
problems, field help and the other tools around it. Each edited record gets its own document and
undo stack, gathered in one ``QUndoGroup`` so Edit › Undo follows the record on screen. A file is
saved whole, atomically, in its own format or another.
"""

from __future__ import annotations

from datetime import date
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
from sandbox.formats import (
    FORMATS,
    ReadItem,
    WriteError,
    detect_format,
    open_writer,
)
from sandbox.formats.registry import MARC, format_for_saving
from sandbox.formats.text import record_from_text, record_to_text
from sandbox.packs import PackError, load_pack
from sandbox.records.dublin_core import DublinCoreRecord
from sandbox.samples import learner_copies, samples_folder, starter_files
from sandbox.store import StoreError
from sandbox.templates import TEMPLATES
from sandbox.templates import new_record as template_record
from ui.charpicker import CharacterPicker
from ui.context import AppContext
from ui.dashboard import ProgressDashboard
from ui.dc_editor import DublinCoreEditor
from ui.document import RecordDocument
from ui.editor import RecordEditor, monospace
from ui.exercises import ExerciseBrowser, ExercisePanel, FeedbackView
from ui.field_help import FieldHelp
from ui.findings_model import ProblemRow
from ui.record_list import FileLoader, RecordListModel, RecordRow
from ui.reference import DrillView, ReferenceDesk

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


def save_dialog_filters() -> tuple[str, dict[str, str]]:
    """Filters for Save As, and which format each filter means."""
    filters, meaning = [], {}
    for fmt in FORMATS.values():
        if fmt.writer is None or not fmt.extensions:
            continue
        text = f"{fmt.label} (" + " ".join(f"*{ext}" for ext in fmt.extensions) + ")"
        filters.append(text)
        meaning[text] = fmt.name
    return ";;".join(filters), meaning


#: Seconds after the last change before the record's draft is saved to the store.
AUTOSAVE_SECONDS = 3


class MainWindow(QMainWindow):
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

    # -- saving ---------------------------------------------------------------------------------------
    def modified_rows(self) -> list[int]:
        return sorted(row for row, document in self.documents.items() if document.is_modified())

    def _update_modified(self) -> None:
        self.setWindowModified(bool(self.modified_rows()))
        self._update_title()

    def _set_title(self, base: str) -> None:
        self._title_base = base
        self._update_title()

    def _update_title(self) -> None:
        base = self._title_base
        self.setWindowTitle(f"{base}[*] — Catalog Sandbox" if base else "Catalog Sandbox[*]")

    @Slot()
    def save(self) -> bool:
        """Write every file that has changed records back in its own format."""
        self.flush_edits()
        if self.exercise is not None:
            return self._keep_exercise_work()
        if self._untitled:
            return self.save_as()
        files = sorted({self.model.row(row).path for row in self.modified_rows()})
        if not files:
            self.statusBar().showMessage("Nothing to save: no record has changed.", 4000)
            return True
        for path in files:
            fmt = detect_format(path)
            if fmt is None or fmt.writer is None:
                QMessageBox.information(self, "Save", f"{path.name} is in a format Catalog Sandbox "
                                        "reads but does not write; choose another with Save As.")
                return self.save_as()
            if not self._write_file(path, fmt, [r for r in range(self.model.rowCount())
                                                if self.model.row(r).path == path]):
                return False
        return True

    @Slot()
    def save_as(self, target: str | Path | None = None, chosen_format: str | None = None) -> bool:
        """Write every record in the list to a new file, which the list then shows (the records
        that could not be read are left out)."""
        self.flush_edits()
        if self.model.rowCount() == 0 or self.exercise is not None:
            return False
        filters, meaning = save_dialog_filters()
        if target is None:
            start = str(self._paths[0].with_suffix("")) if self._paths else self._title_base
            target, chosen = QFileDialog.getSaveFileName(self, "Save records as", start, filters)
            chosen_format = meaning.get(chosen)
        if not target:
            return False
        path = Path(target).resolve()
        fmt = format_for_saving(path, chosen_format) or FORMATS["mrk"]
        all_dublin_core = all(isinstance(self._record_of(r), DublinCoreRecord)
                              for r in range(self.model.rowCount()))
        if all_dublin_core and fmt.kind == MARC and chosen_format is None and \
                path.suffix.lower() in FORMATS["dcterms"].extensions:
            fmt = FORMATS["dcterms"]  # .xml for Dublin Core records means Dublin Core XML
        if fmt.kind == MARC and any(isinstance(self._record_of(r), DublinCoreRecord)
                                    for r in range(self.model.rowCount())):
            QMessageBox.warning(self, "Save As", "Dublin Core records cannot be saved as "
                                f"{fmt.label}; choose a Dublin Core format.")
            return False
        if not self._write_file(path, fmt, list(range(self.model.rowCount()))):
            return False
        self._untitled = None
        self._paths = [path]
        self._set_title(path.name)
        return True

    def _record_of(self, row_number: int):
        document = self.documents.get(row_number)
        return document.record if document is not None else self.model.row(row_number).load()

    def _write_file(self, path: Path, fmt, row_numbers: list[int]) -> bool:
        """Write these rows' records to ``path``; the rows then *are* that file's records: their
        place, number and saved state follow what was written. Nothing is ever left out silently."""
        records = {r: self._record_of(r) for r in row_numbers}  # decodes rows not yet shown
        unreadable = [r for r in row_numbers if records[r] is None]
        lost = [r for r in unreadable if self.model.row(r).status != "unreadable"]
        if lost:
            numbers = ", ".join(str(self.model.row(r).item.number) for r in lost[:10])
            QMessageBox.critical(self, "Save", f"Record(s) {numbers} could not be read again from "
                                 f"{self.model.row(lost[0]).path.name} (did the file change on "
                                 f"disk?). Nothing was written to {path.name}.")
            return False
        if unreadable:
            numbers = ", ".join(str(self.model.row(r).item.number) for r in unreadable[:10])
            answer = QMessageBox.question(
                self, "Save", f"{len(unreadable)} record(s) (numbers {numbers}) could not be read "
                f"and cannot be written to {path.name}. Save the others, leaving those out?")
            if answer != QMessageBox.StandardButton.Yes:
                return False
        written = [r for r in row_numbers if records[r] is not None]
        old_keys = {r: self.draft_key(r) for r in written}
        placed: dict[int, tuple[int, int]] = {}
        try:
            with open_writer(path, fmt) as writer:
                for row_number in written:
                    start = writer.position()
                    writer.write(records[row_number])
                    placed[row_number] = (start, writer.position() - start)
        except (OSError, WriteError) as error:
            QMessageBox.critical(self, "Save failed", f"{path} was not written (nothing was "
                                 f"changed on disk): {error}")
            return False
        for number, row_number in enumerate(written, start=1):
            row: RecordRow = self.model.row(row_number)
            row.path, row.item.number = path, number
            if fmt.name == "marc":
                row.relocate(*placed[row_number])
                row.iso2709 = True
                row.item.record = None
            else:  # the list keeps it: there are no offsets to read it back from
                row.iso2709, row.item.record = False, records[row_number]
            self._forget_draft(old_keys[row_number])
            document = self.documents.get(row_number)
            if document is not None:
                document.mark_saved()
        self._drop_rows(unreadable)  # no longer in the file
        self.model.refresh()
        self._remember([path])
        self.statusBar().showMessage(f"Saved {len(written)} records to {path}", 6000)
        return True

    def _forget_draft(self, key: str) -> None:
        if self.context.store is None or self.context.learner_id is None:
            return
        try:
            self.context.store.discard_draft(self.context.learner_id, key)
        except StoreError as error:
            self.statusBar().showMessage(f"Could not tidy the autosaved draft: {error}", 6000)

    def _drop_rows(self, rows: list[int]) -> None:
        """Take rows out of the list, keeping each open document with its own record."""
        if not rows:
            return
        gone = set(rows)
        for row_number in gone:
            document = self.documents.pop(row_number, None)
            if document is not None:
                self.undo_group.removeStack(document.undo_stack)
                document.deleteLater()
        shift = lambda r: r - sum(1 for g in gone if g < r)  # noqa: E731
        self.documents = {shift(r): d for r, d in self.documents.items()}
        current = self._current_row
        self._dropping_rows = True  # the selection moves while rows go: not a new choice
        try:
            self.model.remove_rows(sorted(gone))
        finally:
            self._dropping_rows = False
        self._current_row = None if current is None or current in gone else shift(current)
        if self._current_row is not None:
            self.table.selectRow(self._current_row)

    def _may_discard_changes(self) -> bool:
        """Ask before unsaved changes are lost; True when it is fine to go on."""
        self.flush_edits()
        modified = self.modified_rows()
        if not modified:
            return True
        answer = self.ask_about_unsaved(len(modified))
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            for row_number in modified:
                document = self.documents[row_number]
                stack = document.undo_stack
                if self.exercise is not None and self._exercise_kept and stack.cleanIndex() >= 0:
                    stack.setIndex(stack.cleanIndex())  # back to the kept work, which stays kept
                else:
                    self._discard_draft(row_number)
                    document.mark_saved()  # nothing of these changes is to be kept or asked about
            return True
        return False

    def ask_about_unsaved(self, count: int) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self, "Unsaved changes",
            f"{count} record{'s' if count != 1 else ''} changed since the last save. "
            "Save the changes?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def _close_documents(self) -> None:
        self._dc_document = None
        self._current_row = None
        self.editor.set_document(None)
        for document in self.documents.values():
            self.undo_group.removeStack(document.undo_stack)
            document.deleteLater()
        self.documents.clear()
        self._update_modified()

    # -- exercises ------------------------------------------------------------------------------
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
        self.editor.validate_now() if self.pages.currentWidget() is self.editor else self._dc_findings_updated()
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

    # -- autosave and recovery ----------------------------------------------------------------
    def draft_key(self, row_number: int) -> str:
        """Where a row's draft is kept: the exercise, the new record's template, or the file and
        the record's place in it (rows are renumbered when a save changes the file)."""
        if self.exercise is not None:
            return f"exercise:{self.exercise.pack_id}/{self.exercise.id}"
        if self._untitled:
            return f"new:{self._untitled}"
        row = self.model.row(row_number)
        return f"file:{row.path.absolute()}#record-{row.item.number}"

    @Slot()
    def _schedule_autosave(self, *_args) -> None:
        if self.context.store is not None:
            self._autosave_timer.start()

    @Slot()
    def autosave_now(self) -> int:
        """Keep a draft of every record with unsaved changes in the store; the number kept."""
        store, learner = self.context.store, self.context.learner_id
        if store is None or learner is None:
            return 0
        self.flush_edits()
        return self._autosave_rows(self.modified_rows())

    def _autosave_rows(self, rows: list[int]) -> int:
        store, learner = self.context.store, self.context.learner_id
        if store is None or learner is None:
            return 0
        kept = 0
        try:
            for row_number in rows:
                text, fmt = record_to_text(self.documents[row_number].record)
                store.save_draft(learner, self.draft_key(row_number), text, fmt)
                kept += 1
        except StoreError as error:
            # The edits stay in memory; the next change (or this timer) tries again.
            self.statusBar().showMessage(f"Autosave failed, your changes are still open here: {error}", 10_000)
            self._autosave_timer.start()
        return kept

    def _discard_draft(self, row_number: int) -> None:
        if self.context.store is None or self.context.learner_id is None:
            return
        try:
            self.context.store.discard_draft(self.context.learner_id, self.draft_key(row_number))
        except StoreError as error:
            self.statusBar().showMessage(f"Could not tidy the autosaved draft: {error}", 6000)

    def offer_drafts(self) -> int:
        """After a crash: offer back the autosaved drafts of the records just opened."""
        store, learner = self.context.store, self.context.learner_id
        if store is None or learner is None:
            return 0
        try:
            drafts = {draft.key: draft for draft in store.drafts(learner)}
        except StoreError as error:
            self.statusBar().showMessage(f"Could not look for autosaved drafts: {error}", 6000)
            return 0
        found = [(row_number, drafts[key]) for row_number in range(self.model.rowCount())
                 if (key := self.draft_key(row_number)) in drafts]
        if not found:
            return 0
        newest = max(draft.updated_at for _, draft in found)
        if not self.ask_restore_drafts(len(found), newest):
            for row_number, _ in found:
                self._discard_draft(row_number)
            return 0
        restored = 0
        for row_number, draft in found:
            record = record_from_text(draft.text, draft.format, "(autosaved draft)")
            document = self.document_for(row_number)
            if record is not None and document is not None and \
                    document.apply(ReplaceRecord(record, "restore unsaved changes")):
                restored += 1
        self._show_row(self._current_row)
        self.statusBar().showMessage(f"Restored unsaved changes to {restored} record(s); "
                                     "save them, or undo to go back to the file.", 10_000)
        return restored

    def ask_restore_drafts(self, count: int, when) -> bool:
        answer = QMessageBox.question(
            self, "Restore unsaved changes?",
            f"Catalog Sandbox kept unsaved changes to {count} record{'s' if count != 1 else ''} "
            f"of this file (last kept {when.astimezone():%d %b %Y, %H:%M}). Restore them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

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
