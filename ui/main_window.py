"""The main window: open record files, browse the records, see each one and what was wrong with it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QThread, Slot
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sandbox import __version__
from sandbox.formats import FORMATS
from sandbox.records import display
from sandbox.rules import validate
from sandbox.samples import starter_files
from ui.record_list import FileLoader, RecordListModel


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


class MainWindow(QMainWindow):
    def __init__(self):
        super().__init__()
        self.setWindowTitle("Catalog Sandbox")
        self.setAcceptDrops(True)
        self.model = RecordListModel(self)
        self._thread: QThread | None = None
        self._loader: FileLoader | None = None
        self._paths: list[Path] = []
        self._build_views()
        self._build_actions()
        self.resize(1180, 720)

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

        self.record_view = QPlainTextEdit()
        self.record_view.setObjectName("recordText")
        self.record_view.setAccessibleName("Record as mnemonic text")
        self.record_view.setReadOnly(True)
        self.record_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.record_view.setFont(mono)

        self.problems = QListWidget()
        self.problems.setObjectName("readProblems")
        self.problems.setAccessibleName("Problems in this record: reading and validation")
        self.problems.setWordWrap(True)
        self.problems.setAlternatingRowColors(True)

        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.heading)
        inner = QSplitter(Qt.Orientation.Vertical)
        inner.addWidget(self.record_view)
        inner.addWidget(self.problems)
        inner.setStretchFactor(0, 3)
        inner.setStretchFactor(1, 2)
        inner.setSizes([400, 240])
        layout.addWidget(inner)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([700, 580])
        self.setCentralWidget(splitter)
        self.statusBar().showMessage("Open a record file (File › Open) or the samples.")

    def _build_actions(self) -> None:
        style = self.style()
        self.open_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton),
                                   "&Open…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setStatusTip("Open MARC 21, MARCXML, .mrk, MARC-in-JSON or Dublin Core files")
        self.open_action.triggered.connect(self.choose_files)
        self.samples_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_DirHomeIcon),
                                      "Open &Samples", self)
        self.samples_action.setStatusTip("Open the sample records that come with Catalog Sandbox")
        self.samples_action.triggered.connect(self.open_samples)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        about_action = QAction("&About Catalog Sandbox", self)
        about_action.triggered.connect(self._about)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.samples_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.menuBar().addMenu("&Help").addAction(about_action)
        toolbar = self.addToolBar("File")
        toolbar.setObjectName("fileToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.samples_action)

    # -- opening files ------------------------------------------------------------------------
    @Slot()
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open record files", "", open_dialog_filters())
        if paths:
            self.open_files([Path(p) for p in paths])

    @Slot()
    def open_samples(self) -> None:
        self.open_files(starter_files())

    def open_files(self, paths: list[Path]) -> None:
        """Replace the list with the records of ``paths``, read in the background."""
        self._stop_loading()
        self.model.clear()
        self._show_item(None)
        self._paths = list(paths)
        names = ", ".join(p.name for p in self._paths)
        self.setWindowTitle(f"{names} — Catalog Sandbox" if names else "Catalog Sandbox")
        self.statusBar().showMessage(f"Reading {names}…")
        self._thread = QThread(self)
        self._loader = FileLoader(self._paths)
        self._loader.moveToThread(self._thread)
        self._thread.started.connect(self._loader.run)
        self._loader.rows_ready.connect(self._rows_arrived)
        self._loader.file_failed.connect(self._file_failed)
        self._loader.finished.connect(self._loading_finished)
        self._loader.finished.connect(self._thread.quit)
        self._thread.start()

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

    def _fit_columns(self) -> None:
        """Fit the short columns to their text, but never let one crowd out the title."""
        header = self.table.horizontalHeader()
        widths = {"#": 60, "Material": 200, "Control no.": 130, "File": 170}
        for name, widest in widths.items():
            column = RecordListModel.COLUMNS.index(name)
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), widest))

    def _update_status(self, done: bool) -> None:
        counts = self.model.counts()
        total = sum(counts.values())
        text = f"{total} record{'s' if total != 1 else ''}"
        if counts["repaired"]:
            text += f" · {counts['repaired']} repaired on reading"
        if counts["unreadable"]:
            text += f" · {counts['unreadable']} unreadable"
        if not done:
            text += " · reading…"
        self.statusBar().showMessage(text)

    # -- showing a record ---------------------------------------------------------------------
    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show_item(self.model.row(rows[0].row()) if rows else None)

    def _show_item(self, row) -> None:
        self.problems.clear()
        if row is None:
            self.heading.setText("No record selected")
            self.record_view.clear()
            return
        item = row.item
        record = row.load()
        where = f"{row.path.name}, record {item.number}"
        if record is None:
            self.heading.setText(f"Unreadable record — {where}")
            self.record_view.setPlainText(
                "This record could not be read, so there is nothing to show.\n"
                "The problems below say what is wrong and where; the other records of the file "
                "were read normally."
            )
            self._list_read_errors(item)
        else:
            self.heading.setText(f"{row.title} — {where}")
            self.record_view.setPlainText(display.as_text(record))
            self._list_findings(validate(record, "full", item.problems), item.suppressed)

    def _list_read_errors(self, item) -> None:
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        for problem in item.errors:
            self.problems.addItem(QListWidgetItem(icon, f"{problem.location()}: {problem.message}"))

    def _list_findings(self, findings, suppressed: int) -> None:
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "info": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        for finding in findings:
            entry = QListWidgetItem(icons[finding.severity],
                                    f"{finding.location}: {finding.message}  [{finding.rule}]")
            entry.setToolTip(f"{finding.rule} {finding.slug} ({finding.severity})\n"
                             f"Why it matters: {finding.why}\nSource: {finding.citation}")
            entry.setData(Qt.ItemDataRole.UserRole, finding)
            self.problems.addItem(entry)
        if suppressed:
            self.problems.addItem(f"… and {suppressed} more repairs like these")
        if not findings:
            self.problems.addItem("No problems found: the record passes every rule.")

    # -- window behaviour ---------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.open_files(paths)

    def closeEvent(self, event) -> None:
        self._stop_loading()
        super().closeEvent(event)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Catalog Sandbox",
            f"<h3>Catalog Sandbox {__version__}</h3><p>Practise cataloging offline: MARC 21 and "
            "Dublin Core records, validation that teaches, exercises that grade themselves.</p>",
        )
