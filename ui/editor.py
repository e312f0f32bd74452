"""The MARC editor: a structured grid and a mnemonic text view of one record, kept in step.

Both views change the record only through the document (core edits on its undo stack). The
grid's model refreshes the rows an edit names; the text view is re-rendered after edits that did
not come from it, and what is typed in it is read back (after a short, adaptive pause) into a
record that replaces the old one as one "edit as text" step — a burst of typing undoes at once.
Findings are recomputed after every change: on the GUI thread for a typical record (well under a
millisecond), on a worker thread for very large ones so the window never freezes.
"""

from __future__ import annotations

import copy
import time

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontDatabase,
    QKeySequence,
    QStandardItemModel,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sandbox.editing import (
    InsertField,
    InsertSubfield,
    MoveField,
    MoveSubfield,
    RemoveField,
    RemoveSubfield,
    ReplaceRecord,
    SetPositions,
    blank_field,
    insertion_index,
)
from sandbox.formats.mrk import format_record, read_text
from sandbox.records.address import locate
from sandbox.records.marc import FIXED_LENGTH_TAGS, is_control_tag
from sandbox.rules import validate
from ui.colours import (
    FOUND_TINT,
)
from ui.crosswalk_view import CrosswalkView
from ui.document import RecordDocument
from ui.findings_model import FindingsModel, ProblemRow
from ui.fixed_fields import FixedFieldEditor
from ui.record_model import CODE, IND1, IND2, TAG, VALUE, RecordTreeModel

#: Records with more fields than this are validated on a worker thread.
THREADED_VALIDATION_FIELDS = 400
_HEADER = 6  # "=245  " before the indicators or the control field's data


def monospace() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


class MnemonicHighlighter(QSyntaxHighlighter):
    """Colours the parts of a mnemonic line: tag, indicators, subfield codes, {mnemonics}."""

    def __init__(self, document):
        super().__init__(document)
        self._tag = self._format("#1a5fb4", bold=True)
        self._indicators = self._format("#986a44")
        self._code = self._format("#c01c28", bold=True)
        self._mnemonic = self._format("#613583")

    @staticmethod
    def _format(colour: str, bold: bool = False) -> QTextCharFormat:
        text_format = QTextCharFormat()
        text_format.setForeground(QColor(colour))
        if bold:
            text_format.setFontWeight(QFont.Weight.Bold)
        return text_format

    def highlightBlock(self, text: str) -> None:
        if not text.startswith("="):
            return
        self.setFormat(0, 4, self._tag)
        tag = text[1:4]
        if not is_control_tag(tag) and tag.isdigit() and len(text) >= 8:
            self.setFormat(_HEADER, 2, self._indicators)
        start = 0
        while (start := text.find("$", start)) != -1:
            self.setFormat(start, 2, self._code)
            start += 2
        start = 0
        while (start := text.find("{", start)) != -1:
            end = text.find("}", start)
            if end == -1:
                break
            self.setFormat(start, end - start + 1, self._mnemonic)
            start = end + 1


class _ValidationSignals(QObject):
    done = Signal(int, list, float)  # generation, findings, milliseconds


class _ValidationJob(QRunnable):
    def __init__(self, record, profile, read_problems, generation: int, signals: _ValidationSignals):
        super().__init__()
        self._record, self._profile = record, profile
        self._read_problems, self._generation, self._signals = read_problems, generation, signals

    def run(self) -> None:
        started = time.perf_counter()
        findings = validate(self._record, self._profile, self._read_problems)
        self._signals.done.emit(self._generation, findings, (time.perf_counter() - started) * 1000)


class RecordEditor(QWidget):
    """Edits one MARC record (``set_document``); reports its problems in ``findings``."""

    currentTagChanged = Signal(str)
    findingsUpdated = Signal()
    editFailed = Signal(str)

    def __init__(self, parent=None, profile="full"):
        super().__init__(parent)
        self.profile = profile
        self.document: RecordDocument | None = None
        self.model: RecordTreeModel | None = None
        self.findings = FindingsModel(self)
        self._read_problems: list = []
        self._text_problems: list[ProblemRow] = []
        self._updating_text = False
        self._generation = 0
        self._last_findings: list = []
        self.last_validation_ms = 0.0
        self.last_parse_ms = 0.0
        self._signals = _ValidationSignals(self)
        self._signals.done.connect(self._validation_done)
        self._build()

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.grid = QTreeView()
        self.grid.setObjectName("fieldGrid")
        self.grid.setAccessibleName("Record fields and subfields")
        self.grid.setAlternatingRowColors(True)
        self.grid.setUniformRowHeights(True)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.grid.setAllColumnsShowFocus(False)

        self.text = QPlainTextEdit()
        self.text.setObjectName("mnemonicText")
        self.text.setAccessibleName("Record as mnemonic text: type a whole record here")
        self.text.setFont(monospace())
        self.text.setUndoRedoEnabled(False)  # undo belongs to the record's stack
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setPlaceholderText("=LDR  00000nam a2200000 i 4500\n=245  10$aTitle proper /$cstatement of responsibility.")
        self._highlighter = MnemonicHighlighter(self.text.document())
        self.text.textChanged.connect(self._text_typed)
        self.text.installEventFilter(self)
        self.text.cursorPositionChanged.connect(self._text_cursor_moved)
        self._parse_timer = QTimer(self)
        self._parse_timer.setSingleShot(True)
        self._parse_timer.timeout.connect(self.read_text_view)
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(0)
        self._validate_timer.timeout.connect(self.validate_now)

        self.fixed = FixedFieldEditor()
        self.fixed.changeRequested.connect(self._fixed_position_changed)
        self.fixed_choice = QComboBox()
        self.fixed_choice.setObjectName("fixedFieldChoice")
        self.fixed_choice.setAccessibleName("Which fixed field to edit")
        self.fixed_choice.currentIndexChanged.connect(self._show_fixed_field)
        fixed_page = QWidget()
        fixed_layout = QVBoxLayout(fixed_page)
        fixed_layout.setContentsMargins(6, 6, 6, 0)
        chooser = QHBoxLayout()
        chooser_label = QLabel("&Field:")
        chooser_label.setBuddy(self.fixed_choice)
        chooser.addWidget(chooser_label)
        chooser.addWidget(self.fixed_choice)
        chooser.addStretch(1)
        fixed_layout.addLayout(chooser)
        fixed_layout.addWidget(self.fixed, 1)
        self.fixed_page = fixed_page

        self.views = QTabWidget()
        self.views.setObjectName("editorViews")
        self.views.setDocumentMode(True)
        self.views.addTab(self.grid, "&Grid")
        self.views.addTab(self.text, "&Text")
        self.views.addTab(fixed_page, "&Fixed fields")
        self.crosswalk = CrosswalkView()
        self.crosswalk.fieldActivated.connect(self._crosswalk_field_activated)
        self.views.addTab(self.crosswalk, "&Dublin Core")
        self.views.setTabToolTip(3, "This record's Dublin Core by LC's crosswalk, side by side")
        self.views.currentChanged.connect(self._view_switched)

        self.toolbar = QToolBar("Record")
        self.toolbar.setObjectName("editToolbar")
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.views)
        self.setEnabled(False)

    def _action(self, text: str, shortcut, slot, tip: str) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
                          if shortcut else tip)
        action.triggered.connect(slot)
        self.addAction(action)
        self.toolbar.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_field_action = self._action("Add field", "Ctrl+Return", self.ask_add_field,
                                             "Add a field (asks for its tag)")
        self.add_subfield_action = self._action("Add subfield", "Ctrl+Shift+Return",
                                                self.ask_add_subfield,
                                                "Add a subfield after the current one")
        self.delete_action = self._action("Delete", "Ctrl+Delete", self.delete_current,
                                          "Delete the current field or subfield")
        self.move_up_action = self._action("Move up", "Alt+Up", lambda: self.move_current(-1),
                                           "Move the current field or subfield up")
        self.move_down_action = self._action("Move down", "Alt+Down", lambda: self.move_current(1),
                                             "Move the current field or subfield down")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # The text view claims Undo/Redo for its own (disabled) history; let them through to the
        # record's undo stack instead.
        if watched is self.text and event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    # -- the record --------------------------------------------------------------------------------
    def set_document(self, document: RecordDocument | None, read_problems: list | None = None) -> None:
        self.flush()
        if self.document is not None:
            self.document.changed.disconnect(self._document_changed)
        self._release_model()
        self.document = document
        self._read_problems = list(read_problems or [])
        self._text_problems = []
        self._parse_timer.stop()
        self.setEnabled(document is not None)
        if document is None:
            # An empty model, not None: PySide6 6.12's setModel(None) drops a reference to None
            # and the interpreter aborts at exit.
            self.grid.setModel(QStandardItemModel(self.grid))
            self._set_text("")
            self.findings.set_rows([])
            self.findingsUpdated.emit()
            return
        self.model = RecordTreeModel(document, self)
        self.grid.setModel(self.model)
        header = self.grid.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((TAG, 86), (IND1, 48), (IND2, 48), (CODE, 70)):
            self.grid.setColumnWidth(column, width)
        self.grid.expandAll()
        self.grid.selectionModel().currentChanged.connect(self._grid_current_changed)
        self.model.modelReset.connect(self.grid.expandAll)
        self.model.rowsInserted.connect(self._expand_inserted)
        document.changed.connect(self._document_changed)
        self._render_text()
        self._refresh_fixed()
        self.validate_now()

    def _release_model(self) -> None:
        """Let go of the previous record's grid model: it listens to its document, and a model
        per visit would otherwise pile up and slow every edit."""
        old, self.model = self.model, None
        if old is None:
            return
        for signal, slot in ((old.document.about_to_change, old._about_to_change),
                             (old.document.changed, old._document_changed)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self.grid.setModel(QStandardItemModel(self.grid))
        old.setParent(None)
        old.deleteLater()

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self.grid.expand(self.model.index(row, TAG))

    def _document_changed(self, change) -> None:
        if not self._updating_text:
            self._render_text()
        self._refresh_fixed()
        self._refresh_crosswalk()
        self._validate_timer.start()

    # -- fixed fields ------------------------------------------------------------------------------
    def _fixed_fields(self) -> list[tuple[str, int | None]]:
        """(label, field index) of the record's Leader, 006, 007 and 008 fields."""
        found: list[tuple[str, int | None]] = [("Leader", None)]
        seen: dict[str, int] = {}
        for index, field in enumerate(self.document.record.fields):
            if field.tag in FIXED_LENGTH_TAGS:
                seen[field.tag] = seen.get(field.tag, 0) + 1
                found.append((f"{field.tag}" + (f" [{seen[field.tag]}]" if seen[field.tag] > 1 else ""), index))
        return found

    def _refresh_fixed(self) -> None:
        """Bring the fixed-field form up to date, only while it is shown (not on every keystroke
        typed elsewhere); switching to it or jumping to a byte refreshes it."""
        if self.views.currentWidget() is self.fixed_page:
            self._fill_fixed_choice()

    def _fill_fixed_choice(self) -> None:
        if self.document is None:
            return
        wanted = self._fixed_fields()
        current = self.fixed_choice.currentText()  # by name ("007 [2]"): indexes shift with edits
        if [self.fixed_choice.itemData(i) for i in range(self.fixed_choice.count())] != [i for _, i in wanted] \
                or [self.fixed_choice.itemText(i) for i in range(self.fixed_choice.count())] != [label for label, _ in wanted]:
            self.fixed_choice.blockSignals(True)
            self.fixed_choice.clear()
            for label, index in wanted:
                self.fixed_choice.addItem(label, index)
            position = self.fixed_choice.findText(current) if current else -1
            if position < 0:
                position = next((n for n, (_, i) in enumerate(wanted) if i is not None
                                 and self.document.record.fields[i].tag == "008"), 0)
            self.fixed_choice.setCurrentIndex(position)
            self.fixed_choice.blockSignals(False)
        self._show_fixed_field()

    @Slot()
    def _show_fixed_field(self, *_args) -> None:
        if self.document is None or self.fixed_choice.count() == 0:
            return
        index = self.fixed_choice.currentData()
        leader = str(self.document.record.leader)
        if index is None:
            self.fixed.set_field("LDR", leader, leader)
        elif 0 <= index < len(self.document.record.fields):
            target = self.document.record.fields[index]
            self.fixed.set_field(target.tag, target.data or "", leader)
        if self.views.currentWidget() is self.fixed_page:
            self.currentTagChanged.emit(self.fixed.tag() or "LDR")

    @Slot(str, int, str)
    def _fixed_position_changed(self, tag: str, start: int, text: str) -> None:
        if self.document is None:
            return
        index = self.fixed_choice.currentData()
        self.document.apply(SetPositions(None if tag == "LDR" else index, start, text))

    def show_fixed(self, field_index: int | None, start: int | None = None, end: int | None = None) -> None:
        """Open the fixed-field form for the leader (None) or a 006/007/008, at a position."""
        self._fill_fixed_choice()
        position = self.fixed_choice.findData(field_index)
        if position < 0:
            return
        self.views.setCurrentWidget(self.fixed_page)
        self.fixed_choice.setCurrentIndex(position)
        if start is not None:
            self.fixed.highlight(start, end)

    # -- text view ---------------------------------------------------------------------------------
    def _set_text(self, text: str) -> None:
        self._updating_text = True
        try:
            self.text.setPlainText(text)
        finally:
            self._updating_text = False

    def _render_text(self) -> None:
        if self.document is None:
            return
        cursor = self.text.textCursor()
        line, column = cursor.blockNumber(), cursor.positionInBlock()
        scroll = self.text.verticalScrollBar().value()
        self._set_text(format_record(self.document.record, strict=False))
        block = self.text.document().findBlockByNumber(min(line, self.text.blockCount() - 1))
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(column, max(block.length() - 1, 0)))
        self.text.setTextCursor(cursor)
        self.text.verticalScrollBar().setValue(scroll)
        self._text_problems = []

    @Slot()
    def _text_typed(self) -> None:
        if self._updating_text or self.document is None:
            return
        # Read typed text back at once for a typical record; wait for a pause on a large one.
        self._parse_timer.start(int(min(400, max(0, self.last_parse_ms * 4 - 2))))

    @Slot()
    def read_text_view(self) -> bool:
        """Read the text view into the record (one undoable step). False if it holds no record."""
        self._parse_timer.stop()
        if self.document is None:
            return False
        started = time.perf_counter()
        items = read_text(self.text.toPlainText())
        self.last_parse_ms = (time.perf_counter() - started) * 1000
        records = [item for item in items if item.record is not None]
        self._text_problems = [ProblemRow.from_read_problem(p, typed=True) for item in items for p in item.problems]
        if len(records) != 1:
            why = ("The text holds no field" if not records
                   else f"The text holds {len(records)} records (a blank line or a second =LDR "
                   "starts a new one); the editor keeps one record")
            self._text_problems.insert(0, ProblemRow("error", "text", why + ": nothing was changed."))
            self._publish(self._last_findings)
            return False
        new = records[0].record
        if format_record(new, strict=False) == format_record(self.document.record, strict=False):
            self._publish(self._last_findings)
            return True
        self._updating_text = True
        try:
            self.document.apply(ReplaceRecord(new, "edit as text"))
        finally:
            self._updating_text = False
        return True

    def flush(self) -> None:
        """Take in anything typed but not yet read — the text view, a grid cell still open —
        before saving, undoing, closing or switching records."""
        if self._parse_timer.isActive():
            self.read_text_view()
        if self.grid.state() == QAbstractItemView.State.EditingState:
            from PySide6.QtWidgets import QApplication

            editor = QApplication.focusWidget()
            if editor is not None and self.grid.isAncestorOf(editor):
                delegate = self.grid.itemDelegate()
                delegate.commitData.emit(editor)
                delegate.closeEditor.emit(editor, delegate.EndEditHint.NoHint)

    def _refresh_crosswalk(self) -> None:
        if self.document is not None and self.views.currentWidget() is self.crosswalk:
            self.crosswalk.set_record(self.document.record)

    @Slot(str)
    def _crosswalk_field_activated(self, address: str) -> None:
        self.views.setCurrentWidget(self.grid)
        self.reveal(address)
        self.grid.setFocus()

    @Slot(int)
    def _view_switched(self, _index: int) -> None:
        self.flush()
        self._refresh_fixed()
        self._refresh_crosswalk()
        if self.views.currentWidget() is self.fixed_page and self.document is not None:
            self.currentTagChanged.emit(self.fixed.tag() or "LDR")

    @Slot()
    def _text_cursor_moved(self) -> None:
        line = self.text.textCursor().block().text()
        if line.startswith("=") and len(line) >= 4:
            self.currentTagChanged.emit("LDR" if line[1:4].upper() in ("LDR", "000") else line[1:4])

    def insert_text(self, text: str) -> bool:
        """Insert ``text`` (a character, a code) where the learner is typing.

        In the text view: at its cursor. In the grid: into the cell being edited, or the current
        cell is opened for editing with the text added at its end.
        """
        if self.document is None or not text:
            return False
        if self.views.currentWidget() is self.text:
            self.text.insertPlainText(text)
            self.text.setFocus()
            return True
        from PySide6.QtWidgets import QApplication, QLineEdit

        editing = QApplication.focusWidget()
        if not (isinstance(editing, QLineEdit) and self.grid.isAncestorOf(editing)):
            index = self.grid.currentIndex()
            if not index.isValid() or not (index.flags() & Qt.ItemFlag.ItemIsEditable):
                self.editFailed.emit("Choose a cell (or the text view) to insert into")
                return False
            self.grid.edit(index)
            editing = QApplication.focusWidget()
            if not isinstance(editing, QLineEdit):
                return False
            editing.end(False)
        editing.insert(text)
        return True

    # -- grid actions ------------------------------------------------------------------------------
    def _current(self) -> tuple[int | None, int | None]:
        index = self.grid.currentIndex()
        if self.model is None or not index.isValid():
            return None, None
        return self.model.field_index(index), self.model.subfield_index(index)

    @Slot(QModelIndex, QModelIndex)
    def _grid_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.model is None or not current.isValid():
            return
        field_index = self.model.field_index(current)
        self.currentTagChanged.emit("LDR" if field_index is None
                                    else self.document.record.fields[field_index].tag)

    def ask_add_field(self) -> None:
        if self.document is None:
            return
        tag, ok = QInputDialog.getText(self, "Add field", "Tag of the new field (e.g. 500):")
        if ok:
            self.add_field(tag.strip())

    def add_field(self, tag: str) -> bool:
        """Add an empty ``tag`` field in tag order and put the cursor on it."""
        if self.document is None or len(tag) != 3:
            self.editFailed.emit(f"'{tag}' is not a tag: a tag is three characters, such as 500")
            return False
        position = insertion_index(self.document.record, tag)
        if not self.document.apply(InsertField(position, blank_field(tag))):
            return False
        self.reveal_spot(position, None if is_control_tag(tag) else 0, VALUE)
        return True

    def ask_add_subfield(self) -> None:
        field_index, _ = self._current()
        if field_index is None:
            self.editFailed.emit("Select a data field first")
            return
        code, ok = QInputDialog.getText(self, "Add subfield", "Subfield code (e.g. b):")
        if ok and code.strip():
            self.add_subfield(code.strip()[0])

    def add_subfield(self, code: str) -> bool:
        field_index, sub = self._current()
        if field_index is None or self.document.record.fields[field_index].is_control_field():
            self.editFailed.emit("Subfields belong to data fields (010 and up): select one first")
            return False
        position = (sub + 1) if sub is not None else len(self.document.record.fields[field_index].subfields)
        if not self.document.apply(InsertSubfield(field_index, position, code, "")):
            return False
        self.reveal_spot(field_index, position, VALUE)
        return True

    def delete_current(self) -> bool:
        field_index, sub = self._current()
        if field_index is None:
            return False
        edit = RemoveSubfield(field_index, sub) if sub is not None else RemoveField(field_index)
        if not self.document.apply(edit):
            return False
        remaining = len(self.document.record.fields)
        if sub is None and remaining:
            self.reveal_spot(min(field_index, remaining - 1), None, TAG)
        return True

    def move_current(self, step: int) -> bool:
        field_index, sub = self._current()
        if field_index is None:
            return False
        record = self.document.record
        if sub is None:
            to = field_index + step
            if not 0 <= to < len(record.fields):
                return False
            ok = self.document.apply(MoveField(field_index, to))
            if ok:
                self.reveal_spot(to, None, TAG)
            return ok
        to = sub + step
        if not 0 <= to < len(record.fields[field_index].subfields):
            return False
        ok = self.document.apply(MoveSubfield(field_index, sub, to))
        if ok:
            self.reveal_spot(field_index, to, VALUE)
        return ok

    # -- findings ----------------------------------------------------------------------------------
    @Slot()
    def validate_now(self) -> None:
        if self.document is None:
            return
        self._generation += 1
        record = self.document.record
        if len(getattr(record, "fields", ())) > THREADED_VALIDATION_FIELDS:
            job = _ValidationJob(copy.deepcopy(record), self.profile, self._read_problems,
                                 self._generation, self._signals)
            QThreadPool.globalInstance().start(job)
            return
        started = time.perf_counter()
        findings = validate(record, self.profile, self._read_problems)
        self._validation_done(self._generation, findings, (time.perf_counter() - started) * 1000)

    @Slot(int, list, float)
    def _validation_done(self, generation: int, findings: list, milliseconds: float) -> None:
        if generation != self._generation or self.document is None:
            return  # an older record's findings: a newer validation is on its way
        self.last_validation_ms = milliseconds
        self._last_findings = findings
        self._publish(findings)

    def _publish(self, findings: list) -> None:
        rows = self._text_problems + [ProblemRow.from_finding(f) for f in findings]
        self.findings.set_rows(rows)
        if self.model is not None:
            marked = [(spot, finding) for finding in findings
                      for spot in locate(self.document.record, finding.location)]
            self.model.set_marks(marked)
        self.findingsUpdated.emit()

    # -- jumping to a place ------------------------------------------------------------------------
    def reveal(self, location: str, line: int | None = None) -> bool:
        """Select the place a finding names, in the grid and in the text view."""
        if self.document is None:
            return False
        if line is not None:
            self._select_text(line - 1, 0, 0)
            self.views.setCurrentWidget(self.text)
            return True
        spots = locate(self.document.record, location)
        if not spots:
            return False
        spot = spots[0]
        column = {"ind1": IND1, "ind2": IND2, "subfield": VALUE, "positions": VALUE,
                  "leader": VALUE}.get(spot.part, TAG)
        self.reveal_spot(spot.field_index, spot.subfield_index, column)
        self._reveal_in_text(spot)
        fixed_tag = "LDR" if spot.field_index is None else self.document.record.fields[spot.field_index].tag
        if spot.part == "positions" and (fixed_tag == "LDR" or fixed_tag in FIXED_LENGTH_TAGS):
            # A fixed-field byte: the form shows what each code means.
            self.show_fixed(spot.field_index, spot.start, spot.end)
        elif self.views.currentWidget() not in (self.grid, self.text):
            self.views.setCurrentWidget(self.grid)  # the place is a cell, not a form
        return True

    def reveal_spot(self, field_index: int | None, subfield_index: int | None, column: int) -> None:
        if self.model is None:
            return
        index = self.model.index_for(field_index, subfield_index, column)
        if not index.isValid():
            return
        if subfield_index is not None:
            self.grid.expand(index.parent())
        self.grid.setCurrentIndex(index)
        self.grid.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.grid.scrollTo(index)

    def _reveal_in_text(self, spot) -> None:
        line = 0 if spot.field_index is None else spot.field_index + 1
        block = self.text.document().findBlockByNumber(line)
        text = block.text()
        start, length = 0, len(text)
        if spot.part == "positions" and spot.start is not None:
            start, length = _HEADER + spot.start, spot.end - spot.start + 1
        elif spot.part in ("ind1", "ind2"):
            start, length = _HEADER + (0 if spot.part == "ind1" else 1), 1
        elif spot.part == "subfield" and spot.subfield_index is not None:
            start = _nth(text, "$", spot.subfield_index)
            following = text.find("$", start + 1)
            length = (following if following != -1 else len(text)) - start
        self._select_text(line, start, length)

    def _select_text(self, line: int, start: int, length: int) -> None:
        block = self.text.document().findBlockByNumber(max(0, line))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(start, max(block.length() - 1, 0)))
        cursor.setPosition(block.position() + min(start + length, max(block.length() - 1, 0)),
                           QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(FOUND_TINT)
        selection.cursor = cursor
        self.text.setExtraSelections([selection])


def _nth(text: str, character: str, number: int) -> int:
    position = -1
    for _ in range(number + 1):
        position = text.find(character, position + 1)
        if position == -1:
            return 0
    return position
