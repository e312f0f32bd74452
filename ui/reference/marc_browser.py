"""The MARC 21 browser: every field, searchable by tag or words, with its full definition."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sandbox import desk
from sandbox.drills.marc_fields import block, meaning_groups, values_text
from sandbox.reference import marc21
from ui.reference.models import RowsModel, compact_rows

LEADER_URL = "https://www.loc.gov/marc/bibliographic/bdleader.html"


def _span(position: marc21.PositionDef) -> str:
    return f"{position.start:02d}" + (f"-{position.end:02d}" if position.end != position.start else "")


def _positions_table(positions: list[marc21.PositionDef]) -> str:
    rows = []
    for position in positions:
        if position.code_list:
            codes = f"a code from the MARC Code List for {escape(position.code_list.capitalize())}"
        else:
            codes = "; ".join(f"<code>{escape(code.replace(' ', '#'))}</code> {escape(meaning)}"
                              for code, meaning in position.codes.items())
        rows.append(f"<tr><td valign='top'><code>{_span(position)}</code></td>"
                    f"<td valign='top'><b>{escape(position.label)}</b><br>"
                    f"<span style='color:#555'>{codes}</span></td></tr>")
    return f"<table cellspacing='0' cellpadding='3'>{''.join(rows)}</table>"


def field_html(tag: str) -> str:
    """The full definition of a field (or ``LDR``) as HTML, from the MARC 21 reference data."""
    if tag == "LDR":
        return ("<h2>Leader</h2><p>24 characters, not repeatable: how the record is built and what "
                "it describes. Leader/06 (type of record) and Leader/07 (bibliographic level) choose "
                "the layout of 008/18-34.</p>" + _positions_table(marc21.leader_positions())
                + f"<p>Source: <a href='{LEADER_URL}'>{LEADER_URL}</a></p>")
    definition = marc21.field(tag)
    if definition is None:
        return (f"<h2>{escape(tag)}</h2><p>MARC 21 Bibliographic does not define this tag"
                + (" (tags with a 9 are for local use)." if "9" in tag else ".") + "</p>")
    parts = [f"<h2>{escape(tag)} — {escape(definition.label)}</h2>"]
    facts = ["<b>Repeatable (R)</b>" if definition.repeatable else "<b>Not repeatable (NR)</b>",
             f"block {escape(block(tag))}"]
    if definition.obsolete:
        facts.append("<b style='color:#a00'>obsolete</b>")
    parts.append(f"<p>{' · '.join(facts)}</p>")
    if definition.is_control_field:
        parts.append("<p>A control field: no indicators and no subfields.</p>")
        if tag == "008":
            labels = marc21.material_labels()
            parts.append("<h3>Positions for all materials</h3>")
            first = marc21.field_008_positions("BK")
            parts.append(_positions_table([p for p in first if p.start <= 17 or p.start >= 35]))
            for material, label in labels.items():
                positions = [p for p in marc21.field_008_positions(material) if 18 <= p.start <= 34]
                parts.append(f"<h3>18-34 for {escape(label)}</h3>" + _positions_table(positions))
    else:
        parts.append("<h3>Indicators</h3>")
        for indicator in definition.indicators:
            name = "First" if indicator.position == 1 else "Second"
            if indicator.undefined:
                parts.append(f"<p><b>{name}</b> — undefined (blank)</p>")
                continue
            values = "".join(f"<tr><td><code>{escape(values_text(group))}</code></td>"
                             f"<td>{escape(meaning)}</td></tr>"
                             for group, meaning in meaning_groups(indicator))
            obsolete = "".join(f"<tr><td><code>{escape(value.replace(' ', '#'))}</code></td>"
                               f"<td style='color:#777'>{escape(meaning)} (obsolete)</td></tr>"
                               for value, meaning in indicator.obsolete_values.items()
                               if value not in indicator.values)
            parts.append(f"<p><b>{name}</b> — {escape(indicator.label)}</p>"
                         f"<table cellspacing='0' cellpadding='2' style='margin-left:12px'>"
                         f"{values}{obsolete}</table>")
        rows = []
        for code, sub in definition.subfields.items():
            style = " style='color:#777'" if sub.obsolete else ""
            repeat = "R" if sub.repeatable else "NR"
            rows.append(f"<tr{style}><td><code>${escape(code)}</code></td><td>{escape(sub.label)}</td>"
                        f"<td>{repeat}{' · obsolete' if sub.obsolete else ''}</td></tr>")
        parts.append("<h3>Subfields</h3><table cellspacing='0' cellpadding='2'>"
                     + "".join(rows) + "</table>")
    parts.append(f"<p>Source: Library of Congress, MARC 21 Bibliographic: "
                 f"<a href='{escape(definition.citation)}'>{escape(definition.citation)}</a></p>")
    return "".join(parts)


def _short_place(where: str) -> str:
    """"second indicator: Nonfiling characters" -> "ind. 2"; "$c Statement of ..." -> "$c"."""
    if where.startswith("first indicator"):
        return "ind. 1"
    if where.startswith("second indicator"):
        return "ind. 2"
    return where.split(" ")[0] if where.startswith("$") else where


class MarcBrowser(QWidget):
    """Search box, list of fields, and the selected field's definition."""

    fieldShown = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("marcSearch")
        self.search.setAccessibleName("Search MARC 21 fields by tag or words")
        self.search.setPlaceholderText("Tag (245, 6XX) or words (nonfiling, ISBN)…")
        self.search.setClearButtonEnabled(True)
        self.model = RowsModel(("Tag", "Field", "Found in"), self, monospace_columns=(0,))
        self.list = QTableView()
        self.list.setObjectName("marcFields")
        self.list.setAccessibleName("MARC 21 fields")
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().hide()
        self.list.setWordWrap(False)
        self.list.setAlternatingRowColors(True)
        compact_rows(self.list)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.detail = QTextBrowser()
        self.detail.setObjectName("marcFieldDetail")
        self.detail.setAccessibleName("Field definition")
        self.detail.setOpenExternalLinks(True)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._first_result)
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)
        self.filter("")

    def filter(self, query: str) -> None:
        """Show the fields matching ``query`` (see :func:`sandbox.desk.search_fields`)."""
        matches = desk.search_fields(query)
        rows, payloads, dimmed, tips = [], [], [], []
        if not query.strip() or query.strip().upper() in ("LDR", "LEADER"):
            rows.append(("LDR", "Leader", ""))
            payloads.append("LDR")
            dimmed.append(False)
            tips.append("Leader: 24 character positions")
        for match in matches:
            where = "" if match.where in ("", "label", "tag") else match.where
            label = match.label + (" [obsolete]" if match.obsolete else "")
            rows.append((match.tag, label, _short_place(where)))
            payloads.append(match.tag)
            dimmed.append(match.obsolete)
            tips.append(f"{match.tag} {label}" + (f" — found in {where}" if where else ""))
        self.model.set_rows(rows, payloads, dimmed, tips)
        self.list.setColumnHidden(2, not any(row[2] for row in rows))
        if self.model.rowCount():
            self._select(0)

    def _first_result(self) -> None:
        if self.model.rowCount():
            self._select(0)
            self.list.setFocus()

    def _select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.list.scrollTo(index)

    def _row_changed(self, current, _previous) -> None:
        tag = self.model.payload(current.row())
        if tag is not None:
            self.detail.setHtml(field_html(tag))
            self.fieldShown.emit(tag)

    @property
    def current_tag(self) -> str | None:
        return self.model.payload(self.list.currentIndex().row())

    def show_field(self, tag: str) -> bool:
        """Select ``tag`` ("245", "LDR") in the list and show its definition.

        The search is cleared first when the tag is not in the current results. False (and the
        "not defined" page) for a tag MARC 21 does not define.
        """
        tag = tag.strip().upper()
        row = self.model.row_of(tag)
        if row is None:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.filter("")
            row = self.model.row_of(tag)
        if row is None:
            self.detail.setHtml(field_html(tag))
            return False
        self._select(row)
        return True
