"""Classroom mode: on a shared database, the instructor sees every learner's latest attempts, live."""

from __future__ import annotations

from PySide6.QtCore import (
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sandbox.store import StoreError
from ui.colours import score_colour
from ui.table_model import ModelIndex, RowsTableModel

#: How often the instructor's view asks the database for new attempts.
REFRESH_SECONDS = 5


class ClassroomModel(RowsTableModel):
    COLUMNS = ("Learner", "Exercise", "Score", "Submitted", "Hints")

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: (r.learner.name.lower(), r.attempt.exercise_id))
        self.endResetModel()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self._row_at(index)
        if row is None:
            return None
        attempt = row.attempt
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.learner.name, attempt.exercise_id, f"{attempt.percent:.0f}%",
                    f"{attempt.submitted_at.astimezone():%d %b %H:%M}", str(attempt.hints_used))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QBrush(score_colour(attempt.percent))
        return None


class ClassroomView(QWidget):
    """Every learner's latest attempt at each exercise of a pack, re-read every few seconds."""

    def __init__(self, store, pack_ids: list[str], parent=None):
        super().__init__(parent)
        self.store = store
        self.pack = QComboBox()
        self.pack.addItems(pack_ids)
        self.pack.setAccessibleName("Pack")
        self.pack.currentTextChanged.connect(self.refresh)
        self.status = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Pack:"))
        top.addWidget(self.pack)
        top.addStretch(1)
        top.addWidget(self.status)
        self.model = ClassroomModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Latest attempts of every learner")
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_SECONDS * 1000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        pack_id = self.pack.currentText()
        if not pack_id:
            return
        try:
            rows = self.store.latest_attempts_all_learners(pack_id)
        except StoreError as error:
            self.status.setText(f"Could not read the class's attempts: {error}")
            return
        self.model.set_rows(rows)
        learners = len({row.learner.id for row in rows})
        where = "shared database" if getattr(self.store, "is_shared", False) else "this computer's database"
        self.status.setText(f"{learners} learner{'s' if learners != 1 else ''} · {where} · "
                            f"updated every {REFRESH_SECONDS} s")
