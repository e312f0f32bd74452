"""The Qt binding must not drop references to None (PySide6 6.12.0 does, and Python 3.11 then
aborts: at exit after every test has passed, or mid-session in the app). pyproject pins it out."""

from __future__ import annotations

import sys

from PySide6.QtGui import QStandardItemModel, QUndoGroup
from PySide6.QtWidgets import QTreeView


def test_reading_an_empty_cell_keeps_none_alive(qapp):
    model = QStandardItemModel(2, 2)
    before = sys.getrefcount(None)
    for _ in range(500):
        assert model.index(0, 0).data() is None
    assert sys.getrefcount(None) > before - 50


def test_clearing_a_view_model_and_an_undo_stack_keeps_none_alive(qapp):
    view, group = QTreeView(), QUndoGroup()
    before = sys.getrefcount(None)
    for _ in range(500):
        view.setModel(None)
        group.setActiveStack(None)
    assert sys.getrefcount(None) > before - 50
