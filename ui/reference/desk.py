"""The reference desk: the MARC 21 browser, code lists, LC and Dewey tools and the encoding
explorer, as tabs of one panel (a window of its own or a dock)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.reference.code_lookup import CodeLookup
from ui.reference.dewey_tool import DeweyTool
from ui.reference.encoding_tool import EncodingExplorer
from ui.reference.lc_tools import LCTools
from ui.reference.marc_browser import MarcBrowser


class ReferenceDesk(QWidget):
    """The references a cataloger keeps open all day, offline.

    ``show_field(tag)`` opens a field's definition (the editor's field help calls it);
    ``insertRequested(code)`` is emitted when the learner inserts a code from a code list.
    """

    insertRequested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("referenceDesk")
        self.setWindowTitle("Reference desk")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("referenceTabs")
        self.tabs.setAccessibleName("Reference desk tools")
        self.marc = MarcBrowser()
        self.codes = CodeLookup()
        self.lc = LCTools()
        self.dewey = DeweyTool()
        self.encoding = EncodingExplorer()
        self.tabs.addTab(self.marc, "&MARC 21")
        self.tabs.addTab(self.codes, "C&odes")
        self.tabs.addTab(self.lc, "&LC call numbers")
        self.tabs.addTab(self.dewey, "&Dewey")
        self.tabs.addTab(self.encoding, "&Encoding")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.codes.insertRequested.connect(self.insertRequested)
        self.tabs.currentChanged.connect(lambda _: self.focus_search())

    def show_field(self, tag: str) -> bool:
        """Open the MARC 21 tab on ``tag`` ("245", "LDR"); False if MARC 21 does not define it."""
        self.tabs.setCurrentWidget(self.marc)
        return self.marc.show_field(tag)

    def show_codes(self, list_name: str, query: str = "") -> None:
        """Open a code list ("languages", "relators", ...; see sandbox.desk.CODE_LISTS)."""
        self.tabs.setCurrentWidget(self.codes)
        self.codes.set_list(list_name)
        self.codes.search.setText(query)

    def focus_search(self) -> None:
        """Put the cursor in the current tool's search or input box (keyboard first)."""
        current = self.tabs.currentWidget()
        targets = {self.marc: self.marc.search, self.codes: self.codes.search,
                   self.dewey: self.dewey.number, self.encoding: self.encoding.text}
        target = targets.get(current)
        if current is self.lc:
            tool = self.lc.currentWidget()
            target = {self.lc.cutter: self.lc.cutter.name, self.lc.call_number: self.lc.call_number.text,
                      self.lc.shelf: self.lc.shelf.input, self.lc.outline: self.lc.outline.go}[tool]
        if target is not None:
            target.setFocus()
