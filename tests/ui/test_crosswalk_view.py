"""The crosswalk view: MARC beside Dublin Core, unmapped rows shown, rows that jump the editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from sandbox.formats import read_file
from sandbox.records.dublin_core import DublinCoreRecord
from tests.conftest import SAMPLES
from ui.crosswalk_view import ADDRESS_ROLE, NOT_MAPPED, CrosswalkModel, CrosswalkView


@pytest.fixture
def record():
    return next(iter(read_file(SAMPLES / "starter-records.mrk"))).record


@pytest.fixture
def view(qtbot, record):
    widget = CrosswalkView()
    widget.resize(1000, 600)
    qtbot.addWidget(widget)
    widget.set_record(record)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rows(model):
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_marc_sources_sit_beside_their_dublin_core_statements(view):
    table = rows(view.model)
    title = next(row for row in table if row[CrosswalkModel.DC_TERM] == "dc:title")
    assert title[CrosswalkModel.MARC_PLACE] == "245$a"
    assert title[CrosswalkModel.DC_VALUE] == "Thinking, fast and slow"
    assert title[CrosswalkModel.LC_LINE] == "Q62"
    language = next(row for row in table if row[CrosswalkModel.MARC_PLACE] == "008/35-37")
    assert language[CrosswalkModel.DC_VALUE] == "eng  (dcterms:ISO639-2)"


def test_what_is_not_mapped_is_shown_as_such(view):
    table = rows(view.model)
    responsibility = next(row for row in table if row[CrosswalkModel.MARC_PLACE] == "245$c")
    assert responsibility[CrosswalkModel.DC_TERM] == NOT_MAPPED
    index = view.model.index(table.index(responsibility), CrosswalkModel.DC_TERM)
    assert view.model.data(index, Qt.ItemDataRole.ForegroundRole) is not None
    assert "not mapped" in view.summary.text()


def test_hiding_unmapped_rows(view):
    before = view.proxy.rowCount()
    view.hide_unmapped.setChecked(True)
    shown = [view.proxy.data(view.proxy.index(r, CrosswalkModel.DC_TERM))
             for r in range(view.proxy.rowCount())]
    assert NOT_MAPPED not in shown and 0 < len(shown) < before
    view.hide_unmapped.setChecked(False)
    assert view.proxy.rowCount() == before


def test_unqualified_crosswalk_has_plain_elements_only(view):
    view.qualified.setChecked(False)
    terms = {row[CrosswalkModel.DC_TERM] for row in rows(view.model)}
    assert all(t == NOT_MAPPED or t.startswith("dc:") for t in terms)


def test_selecting_a_row_asks_to_go_to_its_field(qtbot, view):
    target = next(r for r in range(view.proxy.rowCount()) if view.address_at(r) == "245$a")
    with qtbot.waitSignal(view.fieldActivated) as signal:
        view.table.selectRow(target)
    assert signal.args == ["245$a"]
    with qtbot.waitSignal(view.fieldActivated) as signal:
        view.table.activated.emit(view.proxy.index(0, 3))
    assert signal.args == [view.proxy.data(view.proxy.index(0, 0), ADDRESS_ROLE)]


def test_a_dublin_core_record_empties_the_view_and_says_why(view):
    view.set_record(DublinCoreRecord())
    assert view.model.rowCount() == 0
    assert "Dublin Core record" in view.summary.text()


def test_models_pass_the_model_tester(qtmodeltester, view):
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    view.hide_unmapped.setChecked(True)
    qtmodeltester.check(view.proxy)
