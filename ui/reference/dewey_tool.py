"""Dewey number anatomy: the parts of a number, structure only (Dewey's captions are OCLC's)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sandbox.classify import dewey
from ui.reference.lc_tools import explained_table
from ui.reference.models import RowsModel


class DeweyTool(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.number = QLineEdit()
        self.number.setObjectName("deweyNumber")
        self.number.setAccessibleName("Dewey number to explain")
        self.number.setPlaceholderText("e.g. 975.5/4252/00222 or 813′.54")
        self.edition = QLineEdit()
        self.edition.setObjectName("deweyEdition")
        self.edition.setAccessibleName("082 subfield 2, edition")
        self.edition.setPlaceholderText("23")
        self.edition.setMaximumWidth(90)
        self.indicator = QComboBox()
        self.indicator.setObjectName("deweyIndicator")
        self.indicator.setAccessibleName("082 first indicator")
        for text, value in (("not given", None), ("0 full", "0"), ("1 abridged", "1"),
                            ("7 other", "7")):
            self.indicator.addItem(text, value)
        self.status = QLabel()
        self.status.setObjectName("deweyStatus")
        self.status.setWordWrap(True)
        self.model = RowsModel(("Part", "Digits", "What it is"), self, monospace_columns=(1,))
        self.table = explained_table(self.model, "deweyParts", "Parts of the Dewey number")
        note = QLabel("Structure only: what a Dewey number means is in OCLC's schedules, which are "
                      "not part of Catalog Sandbox.")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")

        form = QFormLayout()
        form.addRow("&Number (082 $a):", self.number)
        extra = QHBoxLayout()
        extra.addWidget(self.edition)
        indicator_label = QLabel("&First indicator:")
        indicator_label.setBuddy(self.indicator)
        extra.addWidget(indicator_label)
        extra.addWidget(self.indicator)
        extra.addStretch(1)
        edition_label = QLabel("&Edition (082 $2):")
        edition_label.setBuddy(self.edition)
        form.addRow(edition_label, extra)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.number.textChanged.connect(self.explain)
        self.edition.textChanged.connect(self.explain)
        self.indicator.currentIndexChanged.connect(lambda _: self.explain())
        self.explain()

    def explain(self) -> None:
        text = self.number.text().strip()
        if not text:
            self.model.set_rows([])
            self.status.setText("Type a Dewey number to see its parts.")
            return
        edition = self.edition.text().strip() or None
        anatomy = dewey.explain_dewey(text, edition, self.indicator.currentData())
        if anatomy.number is None:
            self.model.set_rows([])
            self.status.setText("Not a Dewey number yet: " + " ".join(anatomy.problems))
            return
        self.model.set_rows([(p.part, p.value, p.explanation) for p in anatomy.parts])
        status = f"Read as {anatomy.number}."
        if anatomy.problems:
            status += " " + " ".join(anatomy.problems)
        self.status.setText(status)
