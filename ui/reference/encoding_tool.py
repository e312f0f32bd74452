"""The character-encoding explorer: a string in MARC-8 and UTF-8, byte by byte."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sandbox import encoding
from ui.reference.lc_tools import explained_table
from ui.reference.models import RowsModel


class EncodingExplorer(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setObjectName("encodingText")
        self.text.setAccessibleName("Text to explore")
        self.text.setPlaceholderText("Type or paste text with diacritics: Dvořák, Ørsted, Война")
        self.summary = QLabel()
        self.summary.setObjectName("encodingSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.characters = RowsModel(("Letter", "Code points", "Unicode names", "UTF-8 (NFC)",
                                     "UTF-8 (NFD)", "MARC-8"), self, monospace_columns=(1, 3, 4, 5))
        self.character_table = explained_table(self.characters, "encodingCharacters",
                                               "Each letter's code points and bytes", stretch=2)
        self.marc8 = RowsModel(("MARC-8 bytes", "What they do"), self, monospace_columns=(0,))
        self.marc8_table = explained_table(self.marc8, "encodingMarc8", "MARC-8 piece by piece")
        self.garbled = RowsModel(("Misreading", "Shown as", "Why"), self)
        self.garbled_table = explained_table(self.garbled, "encodingGarbled",
                                             "How the text gets garbled")

        form = QFormLayout()
        form.addRow("&Text:", self.text)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for title, table in (("Letters", self.character_table), ("MARC-8, piece by piece", self.marc8_table),
                             ("How it gets garbled", self.garbled_table)):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(4, 4, 4, 4)
            box_layout.addWidget(table)
            splitter.addWidget(box)
        splitter.setSizes([220, 220, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.text.textChanged.connect(self.explore)
        self.explore("")

    def explore(self, text: str | None = None) -> None:
        text = self.text.text() if text is None else text
        if not text:
            for model in (self.characters, self.marc8, self.garbled):
                model.set_rows([])
            self.summary.setText("Type text to see how MARC-8 and UTF-8 store it. In MARC-8 a "
                                 "diacritic comes BEFORE its letter; in Unicode, after it.")
            return
        report = encoding.explore(text)
        self.characters.set_rows([
            (row.text, " ".join(c.code_point for c in row.nfd),
             "; ".join(c.name.lower() for c in row.nfd), encoding.hex_bytes(row.utf8_nfc),
             encoding.hex_bytes(row.utf8_nfd), encoding.hex_bytes(row.marc8))
            for row in report.clusters])
        self.marc8.set_rows([(encoding.hex_bytes(unit.data), unit.meaning)
                             for unit in report.marc8_units])
        self.garbled.set_rows([(g.title, g.shown, g.explanation) for g in report.garblings])
        summary = (f"UTF-8 (NFC): {len(report.utf8_nfc)} bytes · UTF-8 (NFD): "
                   f"{len(report.utf8_nfd)} bytes · MARC-8: {len(report.marc8)} bytes.")
        if report.not_in_marc8:
            summary += (" Not in MARC-8, written as &#x…; references: "
                        + " ".join(report.not_in_marc8) + ".")
        if report.is_ascii:
            summary += " Plain ASCII: the same bytes in every encoding, nothing to garble."
        self.summary.setText(summary)
