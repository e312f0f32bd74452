"""Code list look-up: languages, countries, geographic areas, relators, RDA 336/337/338 types."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sandbox import desk
from ui.reference.models import RowsModel, compact_rows


class CodeLookup(QWidget):
    """Search a MARC code list by code or name; Insert (or Enter in the list) emits the code."""

    insertRequested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lists = QComboBox()
        self.lists.setObjectName("codeList")
        self.lists.setAccessibleName("Code list")
        for name, code_list in desk.CODE_LISTS.items():
            self.lists.addItem(code_list.label, name)
        self.search = QLineEdit()
        self.search.setObjectName("codeSearch")
        self.search.setAccessibleName("Search codes by code or name")
        self.search.setPlaceholderText("Code or name (fre, French)…")
        self.search.setClearButtonEnabled(True)
        self.used_in = QLabel()
        self.used_in.setObjectName("codeUsedIn")
        self.model = RowsModel(("Code", "Name", "Status"), self, monospace_columns=(0,))
        self.table = QTableView()
        self.table.setObjectName("codeTable")
        self.table.setAccessibleName("Codes")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.insert_button = QPushButton("&Insert code")
        self.insert_button.setObjectName("insertCode")
        self.insert_button.setToolTip("Put the selected code into the record at the cursor (Enter)")
        self.count = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.lists)
        top.addWidget(self.search, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.insert_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.used_in)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.lists.currentIndexChanged.connect(lambda _: self.refresh())
        self.search.textChanged.connect(lambda _: self.refresh())
        self.search.returnPressed.connect(self._to_results)
        self.insert_button.clicked.connect(self.insert_current)
        # Enter on a row (and a double click) activates it.
        self.table.activated.connect(lambda _: self.insert_current())
        self.refresh()

    @property
    def list_name(self) -> str:
        return self.lists.currentData()

    def set_list(self, name: str) -> None:
        index = self.lists.findData(name)
        if index < 0:
            raise ValueError(f"unknown code list {name!r}")
        self.lists.setCurrentIndex(index)

    def refresh(self) -> None:
        code_list = desk.CODE_LISTS[self.list_name]
        found = desk.search_codes(self.list_name, self.search.text())
        self.model.set_rows([(m.code, m.name, "discontinued" if m.obsolete else "")
                             for m in found],
                            payloads=[m.code for m in found], dimmed=[m.obsolete for m in found])
        self.used_in.setText(f"Used in {code_list.used_in}. Discontinued codes (LC writes them "
                             "with a hyphen) are listed last, greyed.")
        self.count.setText(f"{len(found)} code{'s' if len(found) != 1 else ''}")
        if found:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.insert_button.setEnabled(bool(found))

    def _to_results(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()

    @property
    def current_code(self) -> str | None:
        code = self.model.payload(self.table.currentIndex().row())
        return code.lstrip("-") if isinstance(code, str) else None

    def insert_current(self) -> None:
        """Emit ``insertRequested`` with the selected code (a discontinued code without its hyphen)."""
        code = self.current_code
        if code:
            self.insertRequested.emit(code)
