"""The problems panel's model: validation findings and text-view reading problems, one row each."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle

from ui.table_model import ModelIndex, RowsTableModel

_ICONS = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


@dataclass(frozen=True)
class ProblemRow:
    """One line of the panel: a finding (``rule`` set) or a problem reading typed text."""

    severity: str
    location: str
    message: str
    rule: str = ""
    slug: str = ""
    why: str = ""
    citation: str = ""
    line: int | None = None  # the text-view line a reading problem is on

    @classmethod
    def from_finding(cls, finding) -> ProblemRow:
        return cls(finding.severity, finding.location, finding.message, finding.rule,
                   finding.slug, finding.why, finding.citation)

    @classmethod
    def from_read_problem(cls, problem, typed: bool = False) -> ProblemRow:
        """A reading problem: of a file (named with record and byte), or of the typed text."""
        if typed:
            location = f"line {problem.line}" if problem.line else (problem.place or "text")
            return cls(problem.severity, location, problem.message, line=problem.line)
        return cls(problem.severity, problem.location(), problem.message)

    def text(self) -> str:
        return f"{self.location}: {self.message}" + (f"  [{self.rule}]" if self.rule else "")


class FindingsModel(RowsTableModel):
    COLUMNS = ("Severity", "Where", "Problem", "Rule")

    def set_rows(self, rows: list[ProblemRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> ProblemRow:
        return self._rows[number]

    def rows(self) -> list[ProblemRow]:
        return list(self._rows)

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for row in self._rows:
            counts[row.severity] = counts.get(row.severity, 0) + 1
        return counts

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self._row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.severity.title(), row.location, row.message, row.rule)[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QApplication.style().standardIcon(_ICONS.get(row.severity, _ICONS["info"]))
        if role == Qt.ItemDataRole.ToolTipRole:
            if not row.rule:
                return f"Reading the typed text: {row.message}"
            return (f"{row.rule} {row.slug} ({row.severity})\n{row.message}\n\n"
                    f"Why it matters: {row.why}\nSource: {row.citation}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.severity}: {row.location}: {row.message}"
        return None
