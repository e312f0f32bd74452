"""The list of records from the open files, filled from a background thread as files are read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QApplication, QStyle

from sandbox.formats import ReadItem, detect_format, read_file
from sandbox.formats.iso2709 import Iso2709Reader, index_records, read_record_at
from sandbox.records import display
from ui.colours import POOR

BATCH_SIZE = 500
#: ISO 2709 files larger than this are indexed (offsets only) and each record is decoded when
#: it is first shown; smaller ones are read through at once so every row's status is known.
INDEX_ONLY_BYTES = 4_000_000
UNCHECKED = "unchecked"


@dataclass(slots=True)
class RecordRow:
    """One list row: where the record came from, what was read there, and its summary.

    For ISO 2709 files the row keeps the record's offset, not the record: a 100,000-record file
    would otherwise sit in memory whole. ``load()`` decodes it again when it is shown. Rows of a
    large file start ``unchecked`` (only their place is known) and are summarised on first view.
    """

    path: Path
    item: ReadItem
    title: str
    material: str
    control: str
    status: str
    iso2709: bool = False
    complete: bool = True

    @classmethod
    def indexed(cls, path: Path, number: int, offset: int, length: int, complete: bool) -> RecordRow:
        item = ReadItem(number=number, record=None, offset=offset, length=length)
        return cls(path, item, "", "", "", UNCHECKED, iso2709=True, complete=complete)

    def check(self) -> bool:
        """Decode an unchecked row to learn its summary and status; True if it was unchecked."""
        if self.status != UNCHECKED:
            return False
        item = self._read()
        self.item = item
        checked = RecordRow.from_item(self.path, item, iso2709=self.complete)
        self.title, self.material, self.control = checked.title, checked.material, checked.control
        self.status, self.iso2709 = checked.status, checked.iso2709
        return True

    def _read(self) -> ReadItem:
        if self.complete:
            return read_record_at(str(self.path), self.item.number, self.item.offset, self.item.length)
        # A damaged slot: let the reader say what is wrong with it, as it would have in full.
        with open(self.path, "rb") as stream:
            wanted = self.item.number
            return next(iter(Iso2709Reader(stream, str(self.path), select=lambda n: n == wanted)))

    @classmethod
    def from_item(cls, path: Path, item: ReadItem, iso2709: bool = False) -> RecordRow:
        record = item.record
        status = "unreadable" if record is None else ("repaired" if item.warnings else "ok")
        row = cls(
            path, item,
            title=display.title(record) if record is not None else "",
            material=display.material(record) if record is not None else "",
            control=display.control_number(record) if record is not None else "",
            status=status,
            iso2709=iso2709 and item.offset is not None and item.length is not None,
        )
        if row.iso2709:
            item.record = None  # decoded again by load()
        return row

    def relocate(self, offset: int, length: int) -> None:
        """Where the record now is, after its file was saved again."""
        self.item.offset, self.item.length = offset, length

    def load(self):
        """The record (None for an unreadable one)."""
        self.check()
        if self.status == "unreadable":
            return None
        if self.iso2709:
            return read_record_at(str(self.path), self.item.number, self.item.offset,
                                  self.item.length).record
        return self.item.record


class RecordListModel(QAbstractTableModel):
    COLUMNS = ("#", "Title", "Material", "Control no.", "File")
    STATUS_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[RecordRow] = []
        self._counts: Counter[str] = Counter()
        self._modified: set[int] = set()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def row(self, index: int) -> RecordRow:
        return self._rows[index]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column not in (0, 4) or role == self.STATUS_ROLE:
            self._check(row)
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._text(row, column)
            return f"{text} *" if column == 0 and index.row() in self._modified else text
        if role == Qt.ItemDataRole.FontRole and index.row() in self._modified:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text, which the column may elide
            return row.item.summary() or self._text(row, column) or None
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            style = QApplication.style()
            icon = {
                "unreadable": QStyle.StandardPixmap.SP_MessageBoxCritical,
                "repaired": QStyle.StandardPixmap.SP_MessageBoxWarning,
            }.get(row.status)
            return style.standardIcon(icon) if icon is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "unreadable":
            return QBrush(POOR)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._text(row, column)} ({row.status})"
        if role == self.STATUS_ROLE:
            return row.status
        return None

    def _check(self, row: RecordRow) -> None:
        """Summarise a row of a large file the first time it is shown (a fraction of a ms)."""
        if row.status == UNCHECKED and row.check():
            self._counts[UNCHECKED] -= 1
            self._counts[row.status] += 1

    @staticmethod
    def _text(row: RecordRow, column: int) -> str:
        if column == 0:
            return str(row.item.number)
        if column == 4:
            return row.path.name
        if row.status == "unreadable":
            return {1: f"Unreadable record: {row.item.summary()}", 2: "", 3: ""}[column]
        return (row.title, row.material, row.control)[column - 1]

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._counts.clear()
        self._modified.clear()
        self.endResetModel()

    @Slot(list)
    def append_rows(self, rows: list[RecordRow]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._counts.update(row.status for row in rows)
        self.endInsertRows()

    def remove_rows(self, rows: list[int]) -> None:
        """Take rows out (records a save left out of their file); later rows move up."""
        for row in sorted(set(rows), reverse=True):
            if not 0 <= row < len(self._rows):
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            gone = self._rows.pop(row)
            self._counts[gone.status] -= 1
            self._modified = {r - 1 if r > row else r for r in self._modified if r != row}
            self.endRemoveRows()

    def refresh(self) -> None:
        """Repaint every row (numbers and file names changed after a save)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))

    def set_modified(self, row: int, modified: bool) -> None:
        """Mark a row whose record has unsaved changes (shown with '*', in italics)."""
        if modified == (row in self._modified) or not 0 <= row < len(self._rows):
            return
        (self._modified.add if modified else self._modified.discard)(row)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def counts(self) -> dict[str, int]:
        """Rows by status; ``unchecked`` rows (of a large, indexed file) are not decoded yet."""
        return {status: self._counts[status] for status in ("ok", "repaired", "unreadable", UNCHECKED)}


class FileLoader(QObject):
    """Reads files on a worker thread and hands rows over in batches (the window never freezes)."""

    rows_ready = Signal(list)
    file_failed = Signal(str, str)  # path, message (the file could not be opened at all)
    finished = Signal()

    def __init__(self, paths: list[Path]):
        super().__init__()
        self._paths = paths
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @Slot()
    def run(self) -> None:
        try:
            for path in self._paths:
                self._read(Path(path))
                if self._cancelled:
                    break
        finally:
            self.finished.emit()  # whatever happened, the window stops waiting

    def _index(self, path: Path) -> None:
        """List a large ISO 2709 file from its record offsets; rows are decoded when shown."""
        batch: list[RecordRow] = []
        size = 200  # the first rows go out at once, so the first record shows immediately
        with open(path, "rb") as stream:
            for number, (offset, length, complete) in enumerate(index_records(stream), start=1):
                if self._cancelled:
                    break
                batch.append(RecordRow.indexed(path, number, offset, length, complete))
                if len(batch) >= size:
                    self.rows_ready.emit(batch)
                    batch, size = [], 20_000
        if batch:
            self.rows_ready.emit(batch)

    def _read(self, path: Path) -> None:
        batch: list[RecordRow] = []
        try:
            fmt = detect_format(path)
            iso2709 = fmt is not None and fmt.name == "marc"
            if iso2709 and path.stat().st_size > INDEX_ONLY_BYTES:
                self._index(path)
                return
            for item in read_file(path, fmt):
                if self._cancelled:
                    break
                batch.append(RecordRow.from_item(path, item, iso2709))
                if len(batch) >= BATCH_SIZE:
                    self.rows_ready.emit(batch)
                    batch = []
        except OSError as error:
            self.file_failed.emit(str(path), error.strerror or str(error))
        except Exception as error:  # noqa: BLE001 - a reader fault must not hang the window
            self.file_failed.emit(str(path), f"reading stopped on an internal error "
                                  f"({type(error).__name__}: {error}); please report it")
        if batch:
            self.rows_ready.emit(batch)
