"""LC call number tools: the Cutter calculator, the call-number reader, the shelf-order sorter and
the LCC outline browser."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sandbox.classify import cutter, lcc
from sandbox.drills import why_first
from ui.reference.models import OutlineModel, RowsModel, compact_rows

G63 = "https://www.loc.gov/aba/publications/FreeCSM/G063.pdf"


def explained_table(model: RowsModel, name: str, accessible: str,
                    stretch: int | None = None) -> QTableView:
    """A table for (part, value, explanation) rows, wrapping the long column (``stretch``, by
    default the last) and fitting the others to their contents."""
    table = QTableView()
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    compact_rows(table)
    header = table.horizontalHeader()
    stretch = model.columnCount() - 1 if stretch is None else stretch
    for column in range(model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    model.modelReset.connect(table.resizeRowsToContents)
    return table


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CutterTool(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setObjectName("cutterName")
        self.name.setAccessibleName("Name to cutter")
        self.name.setPlaceholderText("A surname or title word, e.g. Kahneman")
        self.digits = QSpinBox()
        self.digits.setObjectName("cutterDigits")
        self.digits.setAccessibleName("Digits after the letter")
        self.digits.setRange(1, 4)
        self.digits.setValue(2)
        self.result = heading()
        self.result.setObjectName("cutterResult")
        self.result.setAccessibleName("Cutter number")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.steps = QTextBrowser()
        self.steps.setObjectName("cutterSteps")
        self.steps.setAccessibleName("How the Cutter was worked out")
        self.steps.setOpenExternalLinks(True)

        row = QHBoxLayout()
        name_label = QLabel("&Name:")
        name_label.setBuddy(self.name)
        digits_label = QLabel("&Digits:")
        digits_label.setBuddy(self.digits)
        row.addWidget(name_label)
        row.addWidget(self.name, 1)
        row.addWidget(digits_label)
        row.addWidget(self.digits)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addWidget(self.note)
        layout.addWidget(self.steps, 1)
        self.name.textChanged.connect(self.calculate)
        self.digits.valueChanged.connect(self.calculate)
        self.calculate()

    def calculate(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.result.setText("")
            self.note.setText("Type a name: the Cutter appears as you type, with each step of the "
                              "LC Cutter table (CSM G 63).")
            self.steps.clear()
            return
        try:
            found = cutter.cutter(name, self.digits.value())
        except ValueError as error:
            self.result.setText("—")
            self.note.setText(str(error))
            self.steps.clear()
            return
        self.result.setText(found.dotted)
        self.note.setText("The table decides every digit." if found.exact else
                          "The table leaves part of this Cutter to LC's shelflist: see the steps.")
        items = "".join(f"<li>{escape(step)}</li>" for step in found.steps)
        self.steps.setHtml(f"<ol>{items}</ol><p>Source: <a href='{G63}'>Classification and "
                           "Shelflisting Manual, G 63 (Cutter numbers)</a></p>")


class CallNumberTool(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setObjectName("callNumber")
        self.text.setAccessibleName("LC call number to explain")
        self.text.setPlaceholderText("e.g. QA76.73.P98 L88 2013 v.2")
        self.status = QLabel()
        self.status.setObjectName("callNumberStatus")
        self.status.setWordWrap(True)
        self.model = RowsModel(("Part", "Value", "What it is"), self, monospace_columns=(1,))
        self.table = explained_table(self.model, "callNumberParts", "Parts of the call number")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow("&Call number:", self.text)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.text.textChanged.connect(self.explain)
        self.explain()

    def explain(self) -> None:
        text = self.text.text().strip()
        if not text:
            self.model.set_rows([])
            self.status.setText("Type an LC call number to see each part explained.")
            return
        parsed = lcc.parse_call_number(text)
        if isinstance(parsed, lcc.ParseProblem):
            self.model.set_rows([])
            self.status.setText(f"Not a call number yet: {parsed}")
            return
        self.status.setText(f"Read as {parsed}")
        self.model.set_rows([(p.part, p.value, p.explanation) for p in parsed.explain()])


class ShelfSorter(QWidget):
    """Paste call numbers, one a line; see them in shelf order with why each files where it does."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.input = QPlainTextEdit()
        self.input.setObjectName("shelfInput")
        self.input.setAccessibleName("Call numbers to sort, one a line")
        self.input.setPlaceholderText("One LC call number a line:\nQA76.9 .D3\nQA76.73 .J38\nQA76 .A1")
        self.sort_button = QPushButton("&Sort into shelf order")
        self.sort_button.setObjectName("shelfSort")
        self.sort_button.setToolTip("Ctrl+Enter")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = RowsModel(("#", "Call number", "Why it files here"), self, monospace_columns=(1,))
        self.table = explained_table(self.model, "shelfOrder", "Call numbers in shelf order")
        left = QVBoxLayout()
        left.addWidget(self.input, 1)
        left.addWidget(self.sort_button)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self.status)
        right.addWidget(self.table, 1)
        layout.addLayout(right, 2)
        self.sort_button.clicked.connect(self.sort)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.input, activated=self.sort)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def sort(self) -> None:
        lines = [line.strip() for line in self.input.toPlainText().splitlines() if line.strip()]
        good, bad = [], []
        for line in lines:
            parsed = lcc.parse_call_number(line)
            (bad if isinstance(parsed, lcc.ParseProblem) else good).append((line, parsed))
        good.sort(key=lambda pair: lcc.sort_key(pair[1]))
        rows, dimmed = [], []
        for number, (line, parsed) in enumerate(good, start=1):
            why = "First on the shelf." if number == 1 else why_first(good[number - 2][1], parsed)
            rows.append((str(number), line, why))
            dimmed.append(False)
        for line, problem in bad:
            rows.append(("—", line, f"Not sorted: {problem.message}"))
            dimmed.append(True)
        self.model.set_rows(rows, payloads=[row[1] for row in rows], dimmed=dimmed)
        if not lines:
            self.status.setText("Paste or type call numbers, one a line, then Sort.")
        else:
            self.status.setText(f"{len(good)} in shelf order"
                                + (f"; {len(bad)} could not be read (listed last)" if bad else "")
                                + ". Each line says why it files after the one above.")

    @property
    def sorted_lines(self) -> list[str]:
        return [self.model.payload(row) for row in range(self.model.rowCount())
                if self.model.data(self.model.index(row, 0)) != "—"]


class OutlineBrowser(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.go = QLineEdit()
        self.go.setObjectName("outlineGo")
        self.go.setAccessibleName("Go to class letters")
        self.go.setPlaceholderText("Class letters, e.g. QA or KF")
        self.model = OutlineModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("outlineTree")
        self.tree.setAccessibleName("LC Classification Outline")
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(2, 220)
        self.detail = QLabel()
        self.detail.setObjectName("outlineDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("&Go to:", self.go)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        self.go.textChanged.connect(self.go_to)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

    def go_to(self, letters: str) -> bool:
        index = self.model.find(letters)
        if not index.isValid():
            return False
        if index.parent().isValid():
            self.tree.expand(index.parent())
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)
        return True

    def _current_changed(self, current, _previous) -> None:
        sub = self.model.subclass_at(current)
        if sub is None:
            main = lcc.main_class(self.model.data(current.siblingAtColumn(0)) or "")
            self.detail.setText(f"Class {main.letter}: {main.caption}" if main else "")
            return
        numbers = sub.ranges_text() or "no numbers in the outline"
        text = f"{sub.letters}: {sub.caption} — in class {sub.class_letter} ({sub.class_caption}); {numbers}."
        if sub.note:
            text += f" Note: {sub.note}"
        self.detail.setText(text)


class LCTools(QTabWidget):
    """The four LC tools as tabs."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lcTools")
        self.cutter = CutterTool()
        self.call_number = CallNumberTool()
        self.shelf = ShelfSorter()
        self.outline = OutlineBrowser()
        self.addTab(self.cutter, "Cutter")
        self.addTab(self.call_number, "Call number")
        self.addTab(self.shelf, "Shelf order")
        self.addTab(self.outline, "LCC outline")
