"""Qt models for the reference desk: a read-only table of rows, and the LCC outline as a tree.

The rows come from the core (:mod:`sandbox.desk`, :mod:`sandbox.classify`, :mod:`sandbox.encoding`);
these models only show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from sandbox.classify import lcc

ModelIndex = QModelIndex | QPersistentModelIndex
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole
_DIMMED = QBrush(QColor(120, 120, 120))


def compact_rows(view) -> None:
    """Rows as high as one line of text and a little air, not the style's roomy default."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)


class RowsModel(QAbstractTableModel):
    """Rows of text under fixed headers; each row may carry a payload (``PAYLOAD_ROLE``) and be
    shown dimmed (an obsolete field, a discontinued code)."""

    def __init__(self, headers: Sequence[str], parent=None, monospace_columns: Sequence[int] = ()):
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []
        self._payloads: list[Any] = []
        self._dimmed: list[bool] = []
        self._tooltips: list[str | None] = []
        self._monospace = set(monospace_columns)

    def set_rows(self, rows: Sequence[Sequence[str]], payloads: Sequence[Any] | None = None,
                 dimmed: Sequence[bool] | None = None,
                 tooltips: Sequence[str | None] | None = None) -> None:
        """Replace the rows. ``tooltips`` (one a row) replace the default tooltip, the cell text."""
        self.beginResetModel()
        self._rows = [tuple(str(cell) for cell in row) for row in rows]
        self._payloads = list(payloads) if payloads is not None else [row[0] for row in self._rows]
        self._dimmed = list(dimmed) if dimmed is not None else [False] * len(self._rows)
        self._tooltips = list(tooltips) if tooltips is not None else [None] * len(self._rows)
        self.endResetModel()

    def payload(self, row: int) -> Any:
        return self._payloads[row] if 0 <= row < len(self._payloads) else None

    def row_of(self, payload: Any) -> int | None:
        try:
            return self._payloads.index(payload)
        except ValueError:
            return None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = index.row(), index.column()
        if not (0 <= column < len(self._headers)):
            return None
        text = self._rows[row][column] if column < len(self._rows[row]) else ""
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltips[row]:
            return self._tooltips[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return text
        if role == PAYLOAD_ROLE:
            return self._payloads[row]
        if role == Qt.ItemDataRole.ForegroundRole and self._dimmed[row]:
            return _DIMMED
        if role == Qt.ItemDataRole.FontRole and column in self._monospace:
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            return font
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class OutlineModel(QAbstractItemModel):
    """The LC Classification Outline: main classes, each with its subclasses.

    Columns: letters, caption, class numbers. A class row's internal id is 0; a subclass row's is
    its class's row + 1, so ``parent()`` needs no lookup.
    """

    HEADERS = ("Class", "Caption", "Numbers")

    def __init__(self, parent=None):
        super().__init__(parent)
        by_class: dict[str, list[lcc.Subclass]] = {}
        for row in lcc.subclasses():
            by_class.setdefault(row.class_letter, []).append(row)
        self._classes = [lcc.main_class(letter) for letter in by_class]
        self._children = [by_class[main.letter] for main in self._classes]

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._classes)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self._children[parent.row()])

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def subclass_at(self, index: ModelIndex) -> lcc.Subclass | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._children[index.internalId() - 1][index.row()]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleTextRole, PAYLOAD_ROLE):
            return None
        if index.internalId() == 0:
            main = self._classes[index.row()]
            cells = (main.letter, main.caption, "")
            return main.letter if role == PAYLOAD_ROLE else cells[index.column()]
        sub = self._children[index.internalId() - 1][index.row()]
        numbers = sub.ranges_text() or "(no numbers in the outline)"
        if sub.listed_under:
            numbers += f" — listed under {sub.listed_under}"
        cells = (sub.letters, sub.caption, numbers)
        return sub.letters if role == PAYLOAD_ROLE else cells[index.column()]

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def find(self, letters: str) -> QModelIndex:
        """The index of a main class or subclass by its letters (invalid if there is none)."""
        letters = letters.strip().upper()
        for row, main in enumerate(self._classes):
            if main.letter == letters:
                return self.index(row, 0)
            for child_row, sub in enumerate(self._children[row]):
                if sub.letters == letters:
                    return self.index(child_row, 0, self.index(row, 0))
        return QModelIndex()
