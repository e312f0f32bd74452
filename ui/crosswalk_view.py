"""A MARC record beside its Dublin Core counterpart, line by line, after LC's crosswalk.

Each row pairs a MARC source (a field, some of its subfields, or fixed-field positions) with the
Dublin Core statement it becomes and the line of LC's MARC to Dublin Core Crosswalk that maps it
(``sandbox.formats.crosswalk_trace``). What the crosswalk leaves out is listed too, greyed, so a
learner sees that 245 $c or 300 $c never reach Dublin Core. Choosing a row emits
``fieldActivated(address)`` ("245", "650[2]", "245$c", "008/35-37") so the editor can go there.
"""

from __future__ import annotations

from pymarc import Record
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sandbox.formats.crosswalk_trace import TraceLine, trace

ModelIndex = QModelIndex | QPersistentModelIndex
ADDRESS_ROLE = Qt.ItemDataRole.UserRole + 1
MAPPED_ROLE = Qt.ItemDataRole.UserRole + 2
NOT_MAPPED = "not mapped"
LC_CROSSWALK = "https://www.loc.gov/marc/marc2dc.html"


class CrosswalkModel(QAbstractTableModel):
    """The trace of one record as rows: MARC place, MARC content, DC term, DC value, LC line."""

    COLUMNS = ("MARC", "MARC content", "Dublin Core", "Value", "LC line")
    MARC_PLACE, MARC_CONTENT, DC_TERM, DC_VALUE, LC_LINE = range(5)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list[TraceLine] = []

    def set_lines(self, lines: list[TraceLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> TraceLine:
        return self._lines[row]

    def lines(self) -> list[TraceLine]:
        return list(self._lines)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == self.LC_LINE:
                return f"The line of LC's MARC to Dublin Core Crosswalk ({LC_CROSSWALK})"
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == ADDRESS_ROLE:
            return line.address
        if role == MAPPED_ROLE:
            return line.mapped
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line)
        if role == Qt.ItemDataRole.FontRole:
            if column == self.MARC_PLACE or column == self.MARC_CONTENT:
                font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
                font.setItalic(False)
                return font
            if not line.mapped or not line.kept:
                font = QFont()
                font.setItalic(True)
                return font
        if role == Qt.ItemDataRole.ForegroundRole and (not line.mapped or not line.kept):
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(line)
        return None

    def _text(self, line: TraceLine, column: int) -> str:
        if column == self.MARC_PLACE:
            return line.address
        if column == self.MARC_CONTENT:
            return line.marc.replace(" ", "#") if line.tag in ("LDR", "008") else line.marc
        if column == self.DC_TERM:
            return line.dc_term if line.mapped else NOT_MAPPED
        if column == self.DC_VALUE:
            if not line.mapped:
                return ""
            value = line.statement.value  # type: ignore[union-attr]
            scheme = line.statement.scheme  # type: ignore[union-attr]
            text = f"{value}  ({scheme})" if scheme else value
            return text if line.kept else f"{text}  — a repeat, left out"
        if column == self.LC_LINE:
            return line.row.id if line.row else ""
        return ""

    @staticmethod
    def _tooltip(line: TraceLine) -> str:
        if not line.mapped:
            return (f"{line.address}: no line of LC's crosswalk maps this to Dublin Core "
                    f"({line.marc})")
        row = line.row
        assert row is not None and line.statement is not None
        text = (f"{line.address} → {line.dc_term}: {line.statement.value}\n"
                f"LC's line {row.id}: {row.lc} → {line.dc_term}")
        if row.origin != "LC":
            text += f"\n({row.origin})"
        if not line.kept:
            text += "\nThe same statement came from an earlier field, so it is given once."
        return text


class _MappedFilter(QSortFilterProxyModel):
    """Hides the "not mapped" rows when asked to."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._hide_unmapped = False

    def set_hide_unmapped(self, hide: bool) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._hide_unmapped = hide
            self.endFilterChange()
        else:
            self._hide_unmapped = hide
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        if not self._hide_unmapped:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(self.sourceModel().data(index, MAPPED_ROLE))


class CrosswalkView(QWidget):
    """MARC on the left, Dublin Core on the right, one row per mapping (or non-mapping)."""

    fieldActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crosswalkView")
        self.setAccessibleName("MARC to Dublin Core crosswalk")
        self._record: Record | None = None
        self.model = CrosswalkModel(self)
        self.proxy = _MappedFilter(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel("MARC 21 → Dublin Core", self)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        title.setFont(font)
        source = QLabel(f'after <a href="{LC_CROSSWALK}">LC\'s MARC to Dublin Core Crosswalk</a>',
                        self)
        source.setOpenExternalLinks(True)
        self.qualified = QCheckBox("Qualified (dcterms refinements and schemes)", self)
        self.qualified.setChecked(True)
        self.qualified.toggled.connect(self._refresh)
        self.hide_unmapped = QCheckBox("Hide what is not mapped", self)
        self.hide_unmapped.toggled.connect(self.proxy.set_hide_unmapped)
        self.summary = QLabel(self)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName("Crosswalk rows")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CrosswalkModel.MARC_PLACE,
                                    QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CrosswalkModel.MARC_CONTENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CrosswalkModel.DC_TERM,
                                    QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CrosswalkModel.DC_VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CrosswalkModel.LC_LINE,
                                    QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(title)
        top.addWidget(source)
        top.addStretch(1)
        options = QHBoxLayout()
        options.setSpacing(16)
        options.addWidget(self.qualified)
        options.addWidget(self.hide_unmapped)
        options.addStretch(1)
        options.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.table, 1)

    def set_record(self, record: Record | None) -> None:
        """Show the crosswalk of a MARC record (anything else empties the view and says why)."""
        self._record = record if isinstance(record, Record) else None
        self._refresh()
        if record is not None and self._record is None:
            self.summary.setText("A Dublin Core record: the crosswalk runs from MARC records.")

    def address_at(self, row: int) -> str:
        """The MARC address of a row as the table shows it (after hiding unmapped rows)."""
        return self.proxy.data(self.proxy.index(row, 0), ADDRESS_ROLE)

    def _refresh(self, *_args) -> None:
        if self._record is None:
            self.model.set_lines([])
            self.summary.setText("")
            return
        lines = trace(self._record, qualified=self.qualified.isChecked())
        self.model.set_lines(lines)
        statements = sum(1 for line in lines if line.mapped and line.kept)
        fields = len({line.field_index for line in lines if line.mapped})
        unmapped = sum(1 for line in lines if not line.mapped)
        self.summary.setText(f"{statements} statement{'s' if statements != 1 else ''} from "
                             f"{fields} source{'s' if fields != 1 else ''} · "
                             f"{unmapped} not mapped")

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._activated(indexes[0])

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.fieldActivated.emit(self.proxy.data(index.siblingAtColumn(0), ADDRESS_ROLE))
