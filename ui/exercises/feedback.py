"""Feedback on a submission: the score, every check with what was expected and what was given,
subtotals per competency, and the points validation findings took off. A row jumps to its field."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.colours import (
    FAILED_TINT,
    PARTLY_TINT,
    PASSED_TINT,
)
from ui.table_model import ModelIndex, RowsTableModel

_GOOD, _PART, _BAD = PASSED_TINT, PARTLY_TINT, FAILED_TINT


def _points(value: float) -> str:
    return f"{value:g}"


class CheckResultsModel(RowsTableModel):
    """One row per check of a ScoreResult, then one per penalty."""

    COLUMNS = ("", "Check", "Points", "Expected (key)", "Yours")
    LOCATION_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self._checks: list = []

    def set_result(self, result) -> None:
        self.beginResetModel()
        self._checks = list(result.checks) if result else []
        self._rows = self._checks + (list(result.penalties) if result else [])
        self.endResetModel()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self._row_at(index)
        if row is None:
            return None
        if index.row() < len(self._checks):
            return self._check_data(row, index.column(), role)
        return self._penalty_data(row, index.column(), role)

    def _check_data(self, check, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "✓" if check.passed else ("½" if check.earned > 0 else "✗")
            return (mark, check.label, f"{_points(check.earned)} / {_points(check.possible)}",
                    " | ".join(check.expected) or "(nothing)", " | ".join(check.given) or "(nothing)")[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_GOOD if check.passed else _PART if check.earned > 0 else _BAD)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [check.detail] if check.detail else []
            parts += [f"Why it matters: {check.why}"] if check.why else []
            parts += [f"Source: {check.citation}"] if check.citation else []
            parts += [f"Competency: {check.competency}"]
            return "\n".join(parts)
        if role == self.LOCATION_ROLE:
            return (check.locations[0] if check.locations else check.select) or ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{check.label}: {check.earned:g} of {check.possible:g} points. {check.detail}"
        return None

    def _penalty_data(self, penalty, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return ("−", f"{penalty.location}: {penalty.message}", f"−{_points(penalty.points)}",
                    f"{penalty.rule} ({penalty.severity})", "")[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_BAD)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{penalty.rule} {penalty.slug}: taken off for a {penalty.severity} the key does not have.\nSource: {penalty.citation}"
        if role == self.LOCATION_ROLE:
            return penalty.location
        return None


class FeedbackView(QWidget):
    """Shows a ScoreResult; ``locationActivated(address)`` when a row is opened."""

    locationActivated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result = None
        self.summary = QLabel("Submit an exercise to see how it scores.")
        self.summary.setObjectName("feedbackSummary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        self.summary.setFont(font)
        self.subtotals = QLabel("")
        self.subtotals.setObjectName("feedbackSubtotals")
        self.subtotals.setWordWrap(True)
        self.model = CheckResultsModel(self)
        self.table = QTableView()
        self.table.setObjectName("feedbackChecks")
        self.table.setAccessibleName("Every check of your answer, with the points it earned")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 28), (1, 220), (2, 70), (3, 320)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.subtotals)
        layout.addWidget(self.table, 1)

    def set_result(self, result) -> None:
        self.result = result
        self.model.set_result(result)
        if result is None:
            self.summary.setText("Submit an exercise to see how it scores.")
            self.subtotals.clear()
            return
        key = f" · closest to key {result.key_number}" if result.key_number > 1 else ""
        if result.penalty:
            self.summary.setText(
                f"{result.percent:g}% — {_points(result.earned)} of {_points(result.possible)} "
                f"points earned, {_points(result.penalty)} taken off for findings the key does "
                f"not have: {_points(result.total)}{key}")
        else:
            self.summary.setText(f"{result.percent:g}% — {_points(result.total)} of "
                                 f"{_points(result.possible)} points{key}")
        self.subtotals.setText("  ·  ".join(f"{s.competency}: {s.percent:g}%" for s in result.subtotals))
        if result.problems:
            self.subtotals.setText(self.subtotals.text() + "\n" + "\n".join(result.problems))

    def _activated(self, index: QModelIndex) -> None:
        location = self.model.data(index, CheckResultsModel.LOCATION_ROLE)
        if location:
            self.locationActivated.emit(location)


__all__ = ["CheckResultsModel", "FeedbackView"]
