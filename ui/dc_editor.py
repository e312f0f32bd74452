"""A form for a Dublin Core description: the 15 DCMES elements, each repeatable, validated live.

Each statement is a row: the term (the element or one of its dcterms refinements), the value, a
language tag and an encoding scheme. Rows are added and removed per element. The form never keeps
a change: when the learner finishes editing a row (Enter, Tab away, a choice in a drop-down) or
adds or removes one, it emits ``changeRequested(label, new_record)``; the editor pushes that to its
undo stack and calls ``set_record`` again, which updates the rows in place so focus stays put.

While the learner types, the description as typed is validated (``sandbox.rules.engine``, profile
``full``) 150 ms after the last key; findings are listed under the form and the rows they point at
are marked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sandbox.records.address import AddressError, parse_address, resolve
from sandbox.records.dublin_core import (
    ELEMENTS,
    ENCODING_SCHEMES,
    REFINEMENTS,
    DCValue,
    DublinCoreRecord,
)
from sandbox.reference import codes
from sandbox.rules.dublin_core import DCMI_TYPES
from sandbox.rules.engine import validate
from sandbox.rules.model import SEVERITY_RANK, Finding
from ui.colours import SEVERITY_TINTS
from ui.findings_model import FindingsModel, ProblemRow

DEBOUNCE_MS = 150
ELEMENT_PAGE = "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/elements11/{}/"
#: Encoding schemes DCMI Metadata Terms defines (section 4, "Vocabulary Encoding Schemes", and
#: section 5, "Syntax Encoding Schemes"), offered for the elements they describe values of.
#: Facts from https://www.dublincore.org/specifications/dublin-core/dcmi-terms/ — this table
#: belongs with the element set in ``sandbox.records.dublin_core``; it is here until it moves.
NO_SCHEME = "(no scheme)"
_PROBLEM_TINT = SEVERITY_TINTS
_ICONS = {"error": QStyle.StandardPixmap.SP_MessageBoxCritical,
          "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
          "info": QStyle.StandardPixmap.SP_MessageBoxInformation}
_LANGUAGE_TAG = r"[A-Za-z]{0,8}(-[A-Za-z0-9]{0,8})*"


def term_label(element: str, refinement: str | None) -> str:
    return f"dcterms:{refinement}" if refinement else f"dc:{element}"


def change_name(statement: DCValue) -> str:
    """How an undo label names a statement: "title", "date (created)"."""
    return f"{statement.element} ({statement.refinement})" if statement.refinement \
        else statement.element


@dataclass
class _Problem:
    severity: str = ""
    messages: list[str] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        if not self.severity or SEVERITY_RANK[finding.severity] > SEVERITY_RANK[self.severity]:
            self.severity = finding.severity
        self.messages.append(f"{finding.severity}: {finding.message} [{finding.rule}]")


class _ValueRow:
    """The widgets of one statement. A plain object: its widgets belong to the form."""

    def __init__(self, editor: DublinCoreEditor, index: int, statement: DCValue,
                 parent: QWidget):
        self.index = index
        self.element = statement.element
        element = statement.element
        self.term = QComboBox(parent)
        self.term.addItem(f"dc:{element}", None)
        for refinement, refined in REFINEMENTS.items():
            if refined == element:
                self.term.addItem(f"dcterms:{refinement}", refinement)
        if self.term.count() == 1:  # nothing to choose: keep it out of the Tab order
            self.term.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.term.setToolTip(f"dc:{element} has no dcterms refinements")
        else:
            self.term.setToolTip("The element, or a dcterms refinement that narrows its meaning")

        self.value = QLineEdit(parent)
        self.value.setClearButtonEnabled(True)
        completions = (list(DCMI_TYPES) if element == "type" else
                       [c for c, e in codes.languages().items() if not e.obsolete]
                       if element == "language" else None)
        if completions:
            completer = QCompleter(QStringListModel(completions, self.value), self.value)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
            self.value.setCompleter(completer)
        self.value.setPlaceholderText({"type": "a DCMI type, e.g. Text, StillImage",
                                       "language": "e.g. eng, fre, en-GB",
                                       "date": "e.g. 1936, 1936-03, 1936-03-07"}.get(
                                           element, f"the {element}"))

        self.lang = QLineEdit(parent)
        self.lang.setPlaceholderText("lang")
        self.lang.setToolTip("Language of this value (xml:lang), e.g. en, fr, de")
        self.lang.setValidator(QRegularExpressionValidator(_LANGUAGE_TAG, self.lang))
        self.lang.setFixedWidth(self.lang.fontMetrics().horizontalAdvance("en-GB") + 28)

        self.scheme = QComboBox(parent)
        self.scheme.setEditable(True)
        self.scheme.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.scheme.addItem(NO_SCHEME, None)
        for scheme in ENCODING_SCHEMES.get(element, ()):
            self.scheme.addItem(scheme, scheme)
        self.scheme.setToolTip("Encoding scheme (xsi:type): the vocabulary or syntax the value "
                               "follows")
        self.scheme.setMinimumContentsLength(14)
        self.scheme.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.remove = QToolButton(parent)
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.problem = QLabel(parent)
        self.problem.setFixedWidth(18)

        self.set_statement(statement, force=True)
        self.term.activated.connect(partial(editor._row_committed, self, "refinement"))
        self.value.textEdited.connect(editor._typed)
        self.value.editingFinished.connect(partial(editor._row_committed, self, "value"))
        self.lang.textEdited.connect(editor._typed)
        self.lang.editingFinished.connect(partial(editor._row_committed, self, "language"))
        self.scheme.activated.connect(partial(editor._row_committed, self, "scheme"))
        self.scheme.lineEdit().editingFinished.connect(
            partial(editor._row_committed, self, "scheme"))
        self.remove.clicked.connect(partial(editor._remove_row, self))

    def widgets(self) -> list[QWidget]:
        return [self.term, self.value, self.lang, self.scheme, self.remove, self.problem]

    def name(self, statement: DCValue | None = None) -> str:
        statement = statement or self.statement()
        return term_label(statement.element, statement.refinement)

    def set_statement(self, statement: DCValue, force: bool = False) -> None:
        """Show ``statement``; a box the learner is typing in keeps its text and cursor."""
        for widget in (self.term, self.scheme):
            widget.blockSignals(True)
        try:
            self.term.setCurrentIndex(max(self.term.findData(statement.refinement), 0))
            _set_text(self.value, statement.value, force)
            _set_text(self.lang, statement.lang or "", force)
            scheme_index = self.scheme.findData(statement.scheme) if statement.scheme else 0
            if scheme_index < 0:
                self.scheme.addItem(statement.scheme, statement.scheme)
                scheme_index = self.scheme.count() - 1
            self.scheme.setCurrentIndex(scheme_index)
            _set_text(self.scheme.lineEdit(), self.scheme.itemText(scheme_index), force)
        finally:
            for widget in (self.term, self.scheme):
                widget.blockSignals(False)
        name = self.name(statement)
        self.value.setAccessibleName(f"{name} value")
        self.lang.setAccessibleName(f"{name} language")
        self.scheme.setAccessibleName(f"{name} encoding scheme")
        self.term.setAccessibleName(f"{name} term")
        self.remove.setAccessibleName(f"Remove this {name}")
        self.remove.setToolTip(f"Remove this {name}")

    def statement(self) -> DCValue:
        """The statement as the row shows it now (with what is being typed)."""
        scheme_text = self.scheme.currentText().strip()
        scheme = None if scheme_text in ("", NO_SCHEME) else scheme_text
        return DCValue(self.element, self.value.text(), self.term.currentData(),
                       self.lang.text().strip() or None, scheme)

    def set_problem(self, problem: _Problem | None) -> None:
        palette = self.value.palette()
        base = QApplication.palette().color(QPalette.ColorRole.Base)
        palette.setColor(QPalette.ColorRole.Base,
                         _PROBLEM_TINT[problem.severity] if problem else base)
        self.value.setPalette(palette)
        if problem:
            icon = QApplication.style().standardIcon(_ICONS[problem.severity])
            self.problem.setPixmap(icon.pixmap(16, 16))
            self.problem.setToolTip("\n".join(problem.messages))
            self.value.setAccessibleDescription("; ".join(problem.messages))
        else:
            self.problem.clear()
            self.problem.setToolTip("")
            self.value.setAccessibleDescription("")
        self.value.setProperty("problem", problem.severity if problem else "")


def _set_text(edit: QLineEdit, text: str, force: bool) -> None:
    if edit.text() == text:
        return
    if edit.hasFocus() and not force:
        cursor = edit.cursorPosition()
        edit.setText(text)
        edit.setCursorPosition(min(cursor, len(text)))
    else:
        edit.setText(text)
        edit.setCursorPosition(0)


class _Section:
    """The heading of one element: its name, how many values, an Add button, a marker."""

    def __init__(self, editor: DublinCoreEditor, element: str, parent: QWidget):
        self.element = element
        self.heading = QLabel(element.capitalize(), parent)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setToolTip(f"dc:{element} — {ELEMENT_PAGE.format(element)}")
        self.caption = QLabel(parent)
        caption_palette = self.caption.palette()
        caption_palette.setColor(QPalette.ColorRole.WindowText,
                                 parent.palette().color(QPalette.ColorRole.PlaceholderText))
        self.caption.setPalette(caption_palette)
        self.add = QToolButton(parent)
        self.add.setText(f"+ Add {element}")
        self.add.setAutoRaise(True)
        self.add.setAccessibleName(f"Add a {element}")
        self.add.clicked.connect(partial(editor._add_row, element))
        self.problem = QLabel(parent)
        self.problem.setFixedWidth(18)
        self.holder = QWidget(parent)
        box = QHBoxLayout(self.holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        box.addWidget(self.heading)
        box.addWidget(self.caption)
        box.addStretch(1)
        box.addWidget(self.add)

    def set_count(self, count: int) -> None:
        self.caption.setText(f"dc:{self.element} · " + (
            "no value" if count == 0 else f"{count} value{'s' if count > 1 else ''}"))

    def set_problem(self, problem: _Problem | None) -> None:
        if problem:
            icon = QApplication.style().standardIcon(_ICONS[problem.severity])
            self.problem.setPixmap(icon.pixmap(16, 16))
            self.problem.setToolTip("\n".join(problem.messages))
        else:
            self.problem.clear()
            self.problem.setToolTip("")


class DublinCoreEditor(QWidget):
    """Form for a ``DublinCoreRecord``; see the module docstring for the editing contract."""

    changeRequested = Signal(str, object)  # label ("change title"), the new DublinCoreRecord
    findingsUpdated = Signal()

    def __init__(self, parent: QWidget | None = None, profile: str = "full"):
        super().__init__(parent)
        self.setObjectName("dublinCoreEditor")
        self.setAccessibleName("Dublin Core editor")
        self._profile = profile
        self._record = DublinCoreRecord()
        self._rows: list[_ValueRow] = []
        self._sections: dict[str, _Section] = {}
        self._findings: list[Finding] = []
        self._focus_after: tuple[int, str] | None = None  # (row index, which box) to focus

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.validate_now)

        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._form = QWidget()
        self._scroll.setWidget(self._form)

        self.findings_model = FindingsModel(self)
        self.findings_view = QTableView(self)
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings_view.verticalHeader().hide()
        self.findings_view.setShowGrid(False)
        self.findings_view.setWordWrap(False)
        self.findings_view.setAlternatingRowColors(True)
        header = self.findings_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.findings_view.setAccessibleName("Dublin Core problems")
        self.findings_view.activated.connect(self._finding_activated)
        self.findings_view.clicked.connect(self._finding_activated)
        self.summary = QLabel(self)
        self.summary.setObjectName("findingsSummary")

        problems = QWidget(self)
        problems_box = QVBoxLayout(problems)
        problems_box.setContentsMargins(0, 4, 0, 0)
        problems_box.setSpacing(4)
        problems_box.addWidget(self.summary)
        problems_box.addWidget(self.findings_view, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._scroll)
        splitter.addWidget(problems)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addWidget(splitter)
        self._rebuild()
        self.validate_now()

    # -- public API
    def set_record(self, record: DublinCoreRecord) -> None:
        """Show ``record`` (a copy is kept). Rows are updated in place when the shape is the
        same; after an add or a remove the form is rebuilt and focus goes to the right row."""
        self._record = DublinCoreRecord(list(record.values))
        shape = [(i, v.element) for i, v in enumerate(self._record.values) if v.element in ELEMENTS]
        if shape == [(row.index, row.element) for row in self._rows]:
            for row in self._rows:
                row.set_statement(self._record.values[row.index])
        else:
            focus = self._focus_after or self._focused_place()
            self._rebuild()
            if focus is not None:
                self._focus_row(*focus)
        self._focus_after = None
        for section in self._sections.values():
            section.set_count(len(self._record.get(section.element)))
        self.validate_now()

    def record(self) -> DublinCoreRecord:
        """A copy of the record shown (what the editor last gave, not what is being typed)."""
        return DublinCoreRecord(list(self._record.values))

    def typed_record(self) -> DublinCoreRecord:
        """The record as the form shows it now, with what is being typed."""
        values = list(self._record.values)
        for row in self._rows:
            values[row.index] = row.statement()
        return DublinCoreRecord(values)

    def commit_pending(self) -> None:
        """Ask for any change still being typed (call before saving)."""
        for row in self._rows:
            self._row_committed(row, "value")

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def highlight(self, address: str) -> bool:
        """Go to the place a finding names (``title[2]``, ``dcterms:alternative``, ``creator``)."""
        indexes = self._indexes_for(address)
        if indexes:
            self._focus_row(indexes[0], "value")
            return True
        element = self._element_of(address)
        if element in self._sections:
            section = self._sections[element]
            self._scroll.ensureWidgetVisible(section.holder, 0, 40)
            section.add.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def row_widgets(self, index: int) -> _ValueRow:
        """The row of statement ``index`` (for tests and the editor's own use)."""
        return next(row for row in self._rows if row.index == index)

    def section(self, element: str) -> _Section:
        return self._sections[element]

    # -- building
    def _rebuild(self) -> None:
        self._rows = []
        self._sections = {}
        self._form = QWidget()
        grid = QGridLayout(self._form)
        grid.setContentsMargins(2, 2, 10, 10)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        dim = self._form.palette().color(QPalette.ColorRole.PlaceholderText)
        for column, text in enumerate(("Term", "Value", "Language", "Encoding scheme")):
            label = QLabel(text, self._form)
            label_palette = label.palette()
            label_palette.setColor(QPalette.ColorRole.WindowText, dim)
            label.setPalette(label_palette)
            grid.addWidget(label, 0, column)
        grid.setRowMinimumHeight(1, 4)
        line = 2
        for element in ELEMENTS:
            section = _Section(self, element, self._form)
            self._sections[element] = section
            if line > 2:
                grid.setRowMinimumHeight(line, 6)
                line += 1
            grid.addWidget(section.holder, line, 0, 1, 5)
            grid.addWidget(section.problem, line, 5)
            line += 1
            rule = QFrame(self._form)
            rule.setFrameShape(QFrame.Shape.HLine)
            rule.setFrameShadow(QFrame.Shadow.Sunken)
            grid.addWidget(rule, line, 0, 1, 6)
            line += 1
            for index, statement in enumerate(self._record.values):
                if statement.element != element:
                    continue
                row = _ValueRow(self, index, statement, self._form)
                self._rows.append(row)
                for column, widget in enumerate(row.widgets()):
                    grid.addWidget(widget, line, column)
                line += 1
            section.set_count(len(self._record.get(element)))
        grid.setRowStretch(line, 1)
        self._rows.sort(key=lambda row: row.index)
        # Filled before it is shown: children added to a visible widget show only later, and
        # could not take focus yet. The scroll area deletes the old form.
        self._scroll.setWidget(self._form)

    # -- editing
    def _typed(self, *_args) -> None:
        self._timer.start()

    def _row_committed(self, row: _ValueRow, what: str, *_args) -> None:
        if row not in self._rows or row.index >= len(self._record.values):
            return
        old = self._record.values[row.index]
        new = row.statement()
        if new == old:
            return
        values = list(self._record.values)
        values[row.index] = new
        label = f"change {change_name(new)}" if what == "value" else \
            f"change {change_name(new)} {what}"
        self.changeRequested.emit(label, DublinCoreRecord(values))

    def _add_row(self, element: str, *_args) -> None:
        values = list(self._record.values)
        same = [i for i, v in enumerate(values) if v.element == element]
        if same:
            at = same[-1] + 1
        else:
            order = ELEMENTS.index(element)
            later = [i for i, v in enumerate(values) if ELEMENTS.index(v.element) > order]
            at = later[0] if later else len(values)
        values.insert(at, DCValue(element, ""))
        self._focus_after = (at, "value")
        self.changeRequested.emit(f"add {element}", DublinCoreRecord(values))

    def _remove_row(self, row: _ValueRow, *_args) -> None:
        values = list(self._record.values)
        if row.index >= len(values):
            return
        removed = values.pop(row.index)
        following = [i for i, v in enumerate(values) if v.element == removed.element
                     and i >= row.index]
        self._focus_after = (following[0], "value") if following else (-1, removed.element)
        self.changeRequested.emit(f"remove {change_name(removed)}", DublinCoreRecord(values))

    # -- focus
    def _focused_place(self) -> tuple[int, str] | None:
        focus = QApplication.focusWidget()
        for row in self._rows:
            for name in ("value", "lang", "term", "scheme"):
                widget = getattr(row, name)
                if focus is widget or (isinstance(widget, QComboBox) and
                                       focus is widget.lineEdit()):
                    return row.index, name
        return None

    def _focus_row(self, index: int, which: str) -> None:
        if index < 0:  # the element has no row left: its Add button
            section = self._sections.get(which)
            if section is not None:
                section.add.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        row = next((r for r in self._rows if r.index == index), None)
        if row is None:
            return
        widget = getattr(row, which if which in ("value", "lang", "term", "scheme") else "value")
        self._scroll.ensureWidgetVisible(widget, 0, 40)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    # -- validation
    def validate_now(self) -> None:
        self._timer.stop()
        record = self.typed_record()
        self._findings = validate(record, self._profile)
        self.findings_model.set_rows([ProblemRow.from_finding(f) for f in self._findings])
        counts = {s: sum(1 for f in self._findings if f.severity == s)
                  for s in ("error", "warning", "info")}
        parts = [f"{n} {s}{'s' if n > 1 else ''}" for s, n in counts.items() if n]
        self.summary.setText("Problems: none found" if not parts else
                             "Problems: " + ", ".join(parts))
        self._mark(record)
        self.findingsUpdated.emit()

    def _mark(self, record: DublinCoreRecord) -> None:
        by_row: dict[int, _Problem] = {}
        by_element: dict[str, _Problem] = {}
        for finding in self._findings:
            indexes = self._indexes_for(finding.location, record)
            if indexes:
                for index in indexes:
                    by_row.setdefault(index, _Problem()).add(finding)
            else:
                element = self._element_of(finding.location)
                if element:
                    by_element.setdefault(element, _Problem()).add(finding)
        for row in self._rows:
            row.set_problem(by_row.get(row.index))
        for element, section in self._sections.items():
            section.set_problem(by_element.get(element))

    def _indexes_for(self, address: str, record: DublinCoreRecord | None = None) -> list[int]:
        record = record if record is not None else self._record
        try:
            targets = resolve(record, address)
            parsed = parse_address(address)
        except AddressError:
            return []
        indexes = [t.field_index for t in targets if t.field_index is not None]
        if indexes or parsed.occurrence is None:
            return indexes
        # The DC rules count an element's occurrences over its refined statements too
        # (title[3] for the second plain title after a dcterms:alternative); find it that way.
        element = self._element_of(address)
        same = [i for i, v in enumerate(record.values) if v.element == element]
        return [same[parsed.occurrence - 1]] if parsed.occurrence <= len(same) else []

    @staticmethod
    def _element_of(address: str) -> str | None:
        try:
            tag = parse_address(address).tag
        except AddressError:
            return None
        return tag if tag in ELEMENTS else REFINEMENTS.get(tag)

    def _finding_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.highlight(self.findings_model.row(index.row()).location)

    def set_profile(self, profile: str) -> None:
        self._profile = profile
        self.validate_now()
