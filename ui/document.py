"""One record open for editing: the record, its undo stack, and the one path that changes it.

Every change is a core edit (``sandbox.editing``) wrapped in a ``QUndoCommand``; the command calls
``RecordDocument._apply``, which changes the record and emits ``changed`` with exactly what moved.
Views never change the record themselves (they build an edit and call ``apply``). The stack's
clean state is the saved state.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from sandbox.editing import Change, Edit, EditError, ReplaceRecord

#: Typing in the text view within this many seconds of the last text edit is one undo step.
TYPING_MERGE_SECONDS = 2.0
_TEXT_EDIT_ID = 1


class EditCommand(QUndoCommand):
    """An edit already applied by ``RecordDocument.apply``; the stack's first redo is skipped."""

    def __init__(self, document: RecordDocument, edit: Edit, inverse: Edit, label: str):
        super().__init__(label)
        self._document = document
        self._edit = edit
        self._inverse = inverse
        self._applied = True
        self._stamp = time.monotonic()

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._inverse = self._document._apply(self._edit)

    def undo(self) -> None:
        self._edit = self._document._apply(self._inverse)

    def id(self) -> int:
        return _TEXT_EDIT_ID if self._is_typing() else -1

    def _is_typing(self) -> bool:
        return isinstance(self._edit, ReplaceRecord) and self._edit.what == "edit as text"

    def mergeWith(self, other: QUndoCommand) -> bool:
        # A burst of typing is one undo step; the first command keeps the state before the burst.
        if not isinstance(other, EditCommand) or not other._is_typing():
            return False
        if other._stamp - self._stamp > TYPING_MERGE_SECONDS:
            return False
        self._edit = other._edit
        self._stamp = other._stamp
        self.setText(other.text())
        return True


class RecordDocument(QObject):
    """A record being edited, with its undo history. ``changed`` carries a ``Change``."""

    about_to_change = Signal(object)  # a Change, before the record holds it
    changed = Signal(object)  # the same Change, after
    failed = Signal(str)  # an edit that could not apply, in words

    def __init__(self, record, parent: QObject | None = None):
        super().__init__(parent)
        self.record = record
        self.undo_stack = QUndoStack(self)

    def apply(self, edit: Edit) -> bool:
        """Do ``edit`` as one undo step. False (and ``failed``) if it cannot apply."""
        try:
            label = edit.label(self.record)
            inverse = self._apply(edit)
        except (EditError, IndexError) as error:
            self.failed.emit(str(error))
            return False
        self.undo_stack.push(EditCommand(self, edit, inverse, label))
        return True

    def _apply(self, edit: Edit) -> Edit:
        change = edit.change(self.record)  # raises EditError before anything is announced
        self.about_to_change.emit(change)
        inverse, change = edit.apply(self.record)
        self.changed.emit(change)
        return inverse

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self) -> None:
        self.undo_stack.setClean()


__all__ = ["Change", "EditCommand", "RecordDocument"]
