"""The exercise browser: installed packs, their exercises, and how far the learner has got."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.colours import score_colour

ModelIndex = QModelIndex | QPersistentModelIndex
KIND_LABELS = {"describe": "Describe", "fix": "Fix", "fixed-fields": "Fixed fields",
               "classify": "Classify", "subjects": "Subjects", "crosswalk": "Crosswalk",
               "drill": "Drill"}
_PACK = 0  # internalId of a pack row; an exercise row's internalId is its pack row + 1


class ExerciseTreeModel(QAbstractItemModel):
    """Packs as top rows, their exercises as children. Columns: Exercise, Kind, Best."""

    COLUMNS = ("Exercise", "Kind", "Best")
    PACK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    EXERCISE_ID_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self._packs: list = []
        self._titles: dict[tuple[str, str], tuple[str, str]] = {}  # (pack, exercise) -> title, kind
        self._best: dict[tuple[str, str], float] = {}

    def set_packs(self, packs: list, best: dict[tuple[str, str], float]) -> None:
        self.beginResetModel()
        self._packs = list(packs)
        self._titles = {}
        for pack in self._packs:
            for exercise_id in pack.exercise_ids:
                # Listing reads each exercise.toml only; an exercise is loaded when opened.
                self._titles[(pack.id, exercise_id)] = pack.exercise_summary(exercise_id)
        self._best = dict(best)
        self.endResetModel()

    def set_best(self, pack_id: str, exercise_id: str, percent: float) -> None:
        self._best[(pack_id, exercise_id)] = max(percent, self._best.get((pack_id, exercise_id), 0.0))
        for row, pack in enumerate(self._packs):
            if pack.id == pack_id and exercise_id in pack.exercise_ids:
                child = pack.exercise_ids.index(exercise_id)
                parent = self.index(row, 0)
                self.dataChanged.emit(self.index(child, 0, parent), self.index(child, 2, parent))

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, _PACK if not parent.isValid() else parent.row() + 1)

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _PACK:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _PACK)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._packs)
        if parent.internalId() != _PACK or parent.column() != 0:
            return 0
        return len(self._packs[parent.row()].exercise_ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def ids(self, index: ModelIndex) -> tuple[str, str | None]:
        """(pack id, exercise id or None for a pack row)."""
        if index.internalId() == _PACK:
            return self._packs[index.row()].id, None
        pack = self._packs[index.internalId() - 1]
        return pack.id, pack.exercise_ids[index.row()]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        pack_id, exercise_id = self.ids(index)
        column = index.column()
        if role == self.PACK_ID_ROLE:
            return pack_id
        if role == self.EXERCISE_ID_ROLE:
            return exercise_id
        if exercise_id is None:
            pack = self._packs[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                done = sum(1 for e in pack.exercise_ids if (pack.id, e) in self._best)
                return {0: pack.title, 1: f"v{pack.version}",
                        2: f"{done}/{len(pack.exercise_ids)} tried"}[column]
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{pack.title} ({pack.id} {pack.version})"
            return None
        title, kind = self._titles[(pack_id, exercise_id)]
        best = self._best.get((pack_id, exercise_id))
        if role == Qt.ItemDataRole.DisplayRole:
            return {0: title, 1: KIND_LABELS.get(kind, kind),
                    2: "—" if best is None else f"{best:.0f}%"}[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            status = "not tried yet" if best is None else f"best score {best:.0f}%"
            return f"{title}\n{KIND_LABELS.get(kind, kind)} · {status}"
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and best is not None:
            return QBrush(score_colour(best))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{title}, {KIND_LABELS.get(kind, kind)}, " + ("not tried" if best is None else f"best {best:.0f} percent")
        return None


class ExerciseBrowser(QWidget):
    """Pick an exercise: double-click or Enter opens it (``exerciseOpened(pack_id, exercise_id)``)."""

    exerciseOpened = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = ExerciseTreeModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("exerciseTree")
        self.tree.setAccessibleName("Exercise packs and their exercises")
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.activated.connect(self._activated)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.notice)

    def set_packs(self, packs: list, best: dict[tuple[str, str], float], problems: list[str] = ()) -> None:
        self.model.set_packs(packs, best)
        self.tree.expandAll()
        self.notice.setVisible(bool(problems))
        self.notice.setText("\n".join(problems))

    def _activated(self, index: QModelIndex) -> None:
        pack_id, exercise_id = self.model.ids(index)
        if exercise_id is not None:
            self.exerciseOpened.emit(pack_id, exercise_id)
