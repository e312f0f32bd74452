"""The structured grid's model: the leader and fields as rows, each data field's subfields as children.

Columns: Tag, Ind 1, Ind 2, Subfield, Value. Editing a cell builds a core edit and hands it to the
document (``setData`` never changes the record itself); the document's ``changed`` signal tells the
model exactly which rows to refresh. The model keeps the shape it last reported (how many children
each row has), so it can announce a change after the record already holds it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from sandbox.editing import (
    Change,
    ReplaceField,
    SetIndicator,
    SetSubfield,
    SetTag,
    SetValue,
)
from sandbox.formats.mrk import parse_subfields, subfields_text
from sandbox.records.address import Spot
from sandbox.records.marc import FIXED_LENGTH_TAGS
from sandbox.reference import marc21
from ui.colours import (
    SEVERITY_TINTS,
)
from ui.document import RecordDocument

ModelIndex = QModelIndex | QPersistentModelIndex
TAG, IND1, IND2, CODE, VALUE = range(5)
COLUMNS = ("Tag", "Ind 1", "Ind 2", "Subfield", "Value")
_ROOT = 0  # internalId of top-level rows; a subfield row's internalId is its field row's key
_SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1}


def _shown(value: str) -> str:
    """Blanks in indicators and fixed fields are shown as '#' (as LC's documentation does)."""
    return value.replace(" ", "#")


def _typed(text: str) -> str:
    return text.replace("#", " ").replace("\\", " ")


class RecordTreeModel(QAbstractItemModel):
    def __init__(self, document: RecordDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._shape = self._current_shape()
        # Each top-level row has a key that moves with it: Qt keeps child indexes (the cursor, an
        # open cell editor) across row moves without asking the model, so a child must name its
        # parent by something that does not change when rows shift.
        self._next_key = 1
        self._keys = self._new_keys(len(self._shape))
        self._row_of = self._index_keys()
        self._marks: dict[tuple[int, int | None, int], list] = {}
        document.about_to_change.connect(self._about_to_change)
        document.changed.connect(self._document_changed)

    # -- the record ----------------------------------------------------------------------------
    @property
    def record(self):
        return self.document.record

    def _new_keys(self, count: int) -> list[int]:
        keys = list(range(self._next_key, self._next_key + count))
        self._next_key += count
        return keys

    def _index_keys(self) -> dict[int, int]:
        return {key: row for row, key in enumerate(self._keys)}

    def _parent_row(self, index: ModelIndex) -> int | None:
        return self._row_of.get(index.internalId())

    def _current_shape(self) -> list[int]:
        return [0] + [0 if f.is_control_field() else len(f.subfields) for f in self.record.fields]

    def field_index(self, index: ModelIndex) -> int | None:
        """The record field a grid index belongs to (None for the leader row, or an index of a
        row that is gone)."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == _ROOT else self._parent_row(index)
        return row - 1 if row else None

    @staticmethod
    def subfield_index(index: ModelIndex) -> int | None:
        if not index.isValid() or index.internalId() == _ROOT:
            return None
        return index.row()

    def index_for(self, field_index: int | None, subfield_index: int | None = None,
                  column: int = TAG) -> QModelIndex:
        row = 0 if field_index is None else field_index + 1
        if not 0 <= row < len(self._shape):
            return QModelIndex()
        parent = self.index(row, TAG)
        if subfield_index is None:
            return self.index(row, column)
        return self.index(subfield_index, column, parent)

    # -- structure -----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _ROOT)
        return self.createIndex(row, column, self._keys[parent.row()])

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _ROOT:
            return QModelIndex()
        row = self._parent_row(child)
        return QModelIndex() if row is None else self.createIndex(row, TAG, _ROOT)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._shape)
        if parent.internalId() != _ROOT or parent.column() != TAG:
            return 0
        return self._shape[parent.row()] if parent.row() < len(self._shape) else 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    # -- data ----------------------------------------------------------------------------------
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() != _ROOT and self._parent_row(index) is None:
            return None
        field_index = self.field_index(index)
        sub = self.subfield_index(index)
        try:
            target = None if field_index is None else self.record.fields[field_index]
            if sub is not None and (target is None or sub >= len(target.subfields)):
                return None
        except IndexError:
            return None  # asked about a row that is going away
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(target, sub, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.BackgroundRole:
            findings = self._marks_at(field_index, sub, column)
            if findings:
                worst = max(findings, key=lambda f: _SEVERITY_ORDER[f.severity])
                return QBrush(SEVERITY_TINTS[worst.severity])
        if role == Qt.ItemDataRole.ToolTipRole:
            findings = self._marks_at(field_index, sub, column)
            if findings:
                return "\n".join(f"{f.severity.title()}: {f.message} [{f.rule}]" for f in findings)
            if column == TAG and sub is None:
                return self._field_label(target)
        if role == Qt.ItemDataRole.FontRole and column in (TAG, IND1, IND2, CODE):
            font = QFont()
            font.setFamily("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            font.setBold(column == TAG and sub is None)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{COLUMNS[column]}: {self._text(target, sub, column, False)}"
        return None

    @staticmethod
    def _field_label(target) -> str:
        if target is None:
            return "Leader"
        definition = marc21.field(target.tag)
        return f"{target.tag} {definition.label}" if definition else f"{target.tag} (not defined in MARC 21)"

    def _text(self, target, sub: int | None, column: int, editing: bool) -> str:
        if target is None:  # the leader row
            return {TAG: "LDR", VALUE: str(self.record.leader) if editing else _shown(str(self.record.leader))}.get(column, "")
        if sub is not None:
            code, value = target.subfields[sub]
            return {CODE: code, VALUE: value}.get(column, "")
        if column == TAG:
            return target.tag
        if target.is_control_field():
            data = target.data or ""
            return {VALUE: data if editing else _shown(data)}.get(column, "")
        indicators = target.indicators or (" ", " ")
        if column in (IND1, IND2):
            value = indicators[column - IND1]
            return value if editing else _shown(value)
        if column == VALUE:
            return subfields_text(target.subfields)
        return ""

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        field_index = self.field_index(index)
        sub = self.subfield_index(index)
        column = index.column()
        if field_index is None:
            editable = column == VALUE
        elif sub is not None:
            editable = column in (CODE, VALUE)
        else:
            control = self.record.fields[field_index].is_control_field()
            editable = column in (TAG, VALUE) or (column in (IND1, IND2) and not control)
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def setData(self, index: ModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.internalId() != _ROOT and self._parent_row(index) is None:
            return False  # a cell of a row that is gone (an editor left open across an undo)
        field_index = self.field_index(index)
        sub = self.subfield_index(index)
        fields = self.record.fields
        if field_index is not None and (field_index >= len(fields) or (
                sub is not None and (fields[field_index].is_control_field()
                                     or sub >= len(fields[field_index].subfields)))):
            return False
        edit = self._edit_for(index, str(value))
        if edit is None:
            return False
        return self.document.apply(edit)

    def _edit_for(self, index: ModelIndex, text: str):
        """The core edit a cell change means (None when nothing changes)."""
        field_index = self.field_index(index)
        sub = self.subfield_index(index)
        column = index.column()
        if field_index is None:
            value = _typed(text)
            return SetValue(None, value) if value != str(self.record.leader) else None
        target = self.record.fields[field_index]
        if sub is not None:
            code, old = target.subfields[sub]
            if column == CODE:
                text = text.strip()[:1]
                return SetSubfield(field_index, sub, text, old) if text and text != code else None
            return SetSubfield(field_index, sub, code, text) if text != old else None
        if column == TAG:
            text = text.strip()
            return SetTag(field_index, text) if len(text) == 3 and text != target.tag else None
        if column in (IND1, IND2):
            value = _typed(text)[:1] or " "
            current = (target.indicators or (" ", " "))[column - IND1]
            return SetIndicator(field_index, column - IND1 + 1, value) if value != current else None
        if target.is_control_field():
            value = _typed(text) if target.tag in FIXED_LENGTH_TAGS else text
            return SetValue(field_index, value) if value != (target.data or "") else None
        return self._subfields_typed(field_index, target, text)

    @staticmethod
    def _subfields_typed(field_index: int, target, text: str):
        """A data field's row value typed as '$aTitle$bSubtitle': its subfields, replaced."""
        from pymarc import Field

        subfields = parse_subfields(text)
        if not subfields:
            return None
        new = Field(tag=target.tag, indicators=target.indicators, subfields=subfields)
        if [tuple(s) for s in new.subfields] == [tuple(s) for s in target.subfields]:
            return None
        return ReplaceField(field_index, new)

    # -- refreshing around an edit -------------------------------------------------------------
    # Rows are announced before the record changes (about_to_change) and finished after
    # (changed), as Qt's views expect.
    def _about_to_change(self, change: Change) -> None:
        root = QModelIndex()
        if change.kind == "record":
            self.beginResetModel()
        elif change.kind == "inserted":
            self.beginInsertRows(root, change.index + 1, change.index + 1)
        elif change.kind == "removed":
            self.beginRemoveRows(root, change.index + 1, change.index + 1)
        elif change.kind == "moved":
            source, destination = change.index + 1, change.to + 1
            # Qt's destination is the row the moved row goes *before*, counted before the move.
            self.beginMoveRows(root, source, source, root,
                               destination + 1 if destination > source else destination)
        elif change.kind == "field-replaced":
            row = change.index + 1
            if self._shape[row]:
                self.beginRemoveRows(self.index(row, TAG), 0, self._shape[row] - 1)
                self._shape[row] = 0
                self.endRemoveRows()
        elif change.kind == "subfield-inserted":
            self.beginInsertRows(self.index(change.index + 1, TAG), change.sub, change.sub)
        elif change.kind == "subfield-removed":
            self.beginRemoveRows(self.index(change.index + 1, TAG), change.sub, change.sub)
        elif change.kind == "subfield-moved":
            parent = self.index(change.index + 1, TAG)
            self.beginMoveRows(parent, change.sub, change.sub, parent,
                               change.to + 1 if change.to > change.sub else change.to)

    def _document_changed(self, change: Change) -> None:
        if change.kind == "record":
            self._shape = self._current_shape()
            self._keys = self._new_keys(len(self._shape))
            self._row_of = self._index_keys()
            self._marks.clear()
            self.endResetModel()
        elif change.kind == "leader":
            self._refresh_row(0)
        elif change.kind == "field":
            self._refresh_row(change.index + 1)
        elif change.kind == "inserted":
            target = self.record.fields[change.index]
            self._shape.insert(change.index + 1,
                               0 if target.is_control_field() else len(target.subfields))
            self._keys.insert(change.index + 1, self._new_keys(1)[0])
            self._row_of = self._index_keys()
            self.endInsertRows()
        elif change.kind == "removed":
            self._shape.pop(change.index + 1)
            self._keys.pop(change.index + 1)
            self._row_of = self._index_keys()
            self.endRemoveRows()
        elif change.kind == "moved":
            self._shape.insert(change.to + 1, self._shape.pop(change.index + 1))
            self._keys.insert(change.to + 1, self._keys.pop(change.index + 1))
            self._row_of = self._index_keys()
            self.endMoveRows()
        elif change.kind == "field-replaced":
            row = change.index + 1
            target = self.record.fields[change.index]
            count = 0 if target.is_control_field() else len(target.subfields)
            if count:
                self.beginInsertRows(self.index(row, TAG), 0, count - 1)
                self._shape[row] = count
                self.endInsertRows()
            self._refresh_row(row)
        elif change.kind == "subfield-inserted":
            self._shape[change.index + 1] += 1
            self.endInsertRows()
            self._refresh_row(change.index + 1)
        elif change.kind == "subfield-removed":
            self._shape[change.index + 1] -= 1
            self.endRemoveRows()
            self._refresh_row(change.index + 1)
        elif change.kind == "subfield-moved":
            self.endMoveRows()
            self._refresh_row(change.index + 1)

    def _refresh_row(self, row: int) -> None:
        last = len(COLUMNS) - 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        count = self._shape[row]
        if count:
            parent = self.index(row, TAG)
            self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, last, parent))

    # -- validation marks ------------------------------------------------------------------------
    def set_marks(self, marked: list[tuple[Spot, object]]) -> None:
        """Mark the cells findings point at (``(spot, finding)`` pairs); the grid colours them."""
        self._marks = {}
        for spot, finding in marked:
            field_index = -1 if spot.field_index is None else spot.field_index
            column = {"ind1": IND1, "ind2": IND2, "subfield": VALUE, "positions": VALUE,
                      "leader": VALUE}.get(spot.part, TAG)
            self._marks.setdefault((field_index, spot.subfield_index, column), []).append(finding)
        if self._shape:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shape) - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])
            for row, count in enumerate(self._shape):
                if count:
                    parent = self.index(row, TAG)
                    self.dataChanged.emit(self.index(0, 0, parent),
                                          self.index(count - 1, len(COLUMNS) - 1, parent),
                                          [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

    def _marks_at(self, field_index: int | None, sub: int | None, column: int) -> list:
        return self._marks.get((-1 if field_index is None else field_index, sub, column), [])
