"""The reference desk, offscreen: MARC 21 browser, code look-up, LC and Dewey tools, encoding."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QTreeView,
)

from sandbox.classify import lcc
from ui.reference import ReferenceDesk
from ui.reference.models import PAYLOAD_ROLE


@pytest.fixture
def desk(qtbot):
    widget = ReferenceDesk()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    return widget


def payloads(model):
    return [model.data(model.index(row, 0), PAYLOAD_ROLE) for row in range(model.rowCount())]


def column(model, number):
    return [model.data(model.index(row, number)) for row in range(model.rowCount())]


def test_every_model_passes_the_model_tester(desk, qtmodeltester):
    desk.marc.search.setText("title")
    desk.codes.search.setText("fre")
    desk.lc.call_number.text.setText("QA76.73.P98 L88 2013")
    desk.lc.shelf.input.setPlainText("QA76.9 .D3\nQA76 .A1\nnonsense")
    desk.lc.shelf.sort()
    desk.dewey.number.setText("975.5/4252/00222")
    desk.encoding.text.setText("Dvořák")
    for model in (desk.marc.model, desk.codes.model, desk.lc.call_number.model, desk.lc.shelf.model,
                  desk.lc.outline.model, desk.dewey.model, desk.encoding.characters,
                  desk.encoding.marc8, desk.encoding.garbled):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_every_input_and_view_has_an_accessible_name(desk):
    for kind in (QLineEdit, QPlainTextEdit, QSpinBox, QComboBox, QTableView, QTreeView):
        for widget in desk.findChildren(kind):
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QSpinBox, QComboBox)):
                continue  # the editor inside a spin box or combo box is named by its owner
            assert widget.accessibleName(), f"{kind.__name__} {widget.objectName()!r} has no name"


# -- MARC 21 browser ------------------------------------------------------------------------------

def test_browser_lists_every_field_and_the_leader(desk):
    tags = payloads(desk.marc.model)
    assert tags[0] == "LDR" and "245" in tags and "880" in tags
    assert len(tags) > 250


def test_search_by_tag(desk, qtbot):
    qtbot.keyClicks(desk.marc.search, "245")
    assert payloads(desk.marc.model) == ["245"]
    assert desk.marc.current_tag == "245"
    assert "Title Statement" in desk.marc.detail.toPlainText()
    desk.marc.search.setText("6XX")
    assert payloads(desk.marc.model) and all(t.startswith("6") for t in payloads(desk.marc.model))


def test_search_by_words(desk, qtbot):
    qtbot.keyClicks(desk.marc.search, "nonfiling")
    found = payloads(desk.marc.model)
    assert {"130", "240", "245", "730", "830"} <= set(found)
    assert "ind. 2" in column(desk.marc.model, 2)
    desk.marc.search.setText("ISBN")
    assert payloads(desk.marc.model)[0] == "020"
    desk.marc.search.setText("no field says this")
    assert desk.marc.model.rowCount() == 0


def test_detail_shows_indicators_subfields_repeatability_and_citation(desk):
    assert desk.show_field("245")
    text = desk.marc.detail.toPlainText()
    assert "Not repeatable (NR)" in text
    assert "Nonfiling characters" in text and "1-9" in text
    assert "$c" in text and "Statement of responsibility" in text
    assert "https://www.loc.gov/marc/bibliographic/bd245.html" in text


def test_show_field_clears_a_search_that_hides_the_field(desk):
    desk.marc.search.setText("nonfiling")
    assert desk.show_field("020")
    assert desk.marc.search.text() == "" and desk.marc.current_tag == "020"
    assert desk.tabs.currentWidget() is desk.marc
    assert desk.show_field("LDR") and "Leader" in desk.marc.detail.toPlainText()
    assert not desk.show_field("999")
    assert "does not define" in desk.marc.detail.toPlainText()


def test_008_detail_lists_positions_for_each_material(desk):
    desk.show_field("008")
    text = desk.marc.detail.toPlainText()
    assert "Form of item" in text and "18-34 for Music" in text


# -- code look-up -------------------------------------------------------------------------------------

def test_code_lookup_by_code_and_by_name(desk, qtbot):
    desk.show_codes("languages")
    qtbot.keyClicks(desk.codes.search, "fre")
    assert payloads(desk.codes.model)[0] == "fre"
    desk.codes.search.setText("French")
    assert payloads(desk.codes.model)[0] == "fre"
    desk.show_codes("relators", "illustrator")
    assert payloads(desk.codes.model) == ["ill"]
    desk.show_codes("content", "txt")
    assert column(desk.codes.model, 1)[0] == "text"


def test_insert_emits_the_code(desk, qtbot):
    desk.show_codes("countries", "nyu")
    with qtbot.waitSignal(desk.insertRequested, timeout=1000) as signal:
        qtbot.mouseClick(desk.codes.insert_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["nyu"]
    desk.codes.table.setFocus()
    with qtbot.waitSignal(desk.codes.insertRequested, timeout=1000) as signal:
        qtbot.keyClick(desk.codes.table, Qt.Key.Key_Return)
    assert signal.args == ["nyu"]


def test_discontinued_codes_are_marked_and_inserted_without_the_hyphen(desk, qtbot):
    desk.show_codes("languages", "esk")
    assert column(desk.codes.model, 2) == ["discontinued"]
    with qtbot.waitSignal(desk.insertRequested, timeout=1000) as signal:
        desk.codes.insert_current()
    assert signal.args == ["esk"]


def test_no_codes_found_disables_insert(desk):
    desk.show_codes("languages", "zzzzzz")
    assert desk.codes.model.rowCount() == 0 and not desk.codes.insert_button.isEnabled()


# -- LC tools ---------------------------------------------------------------------------------------------

def test_cutter_calculator_shows_the_number_and_steps(desk, qtbot):
    qtbot.keyClicks(desk.lc.cutter.name, "Kahneman")
    assert desk.lc.cutter.result.text() == ".K34"
    assert "Second letter A" in desk.lc.cutter.steps.toPlainText()
    desk.lc.cutter.digits.setValue(3)
    assert desk.lc.cutter.result.text() == ".K346"
    desk.lc.cutter.name.setText("Scanlon")
    assert "shelflist" in desk.lc.cutter.note.text()
    desk.lc.cutter.name.setText("Κάφκα")
    assert "romanized" in desk.lc.cutter.note.text()


def test_call_number_parts_are_explained(desk, qtbot):
    qtbot.keyClicks(desk.lc.call_number.text, "QA76.73.P98 L88 2013 v.2")
    parts = column(desk.lc.call_number.model, 0)
    assert parts == ["class letters", "class number", "first Cutter", "second Cutter", "date", "volume"]
    assert "Mathematics" in column(desk.lc.call_number.model, 2)[0]
    desk.lc.call_number.text.setText("005.133")
    assert desk.lc.call_number.model.rowCount() == 0
    assert "Dewey" in desk.lc.call_number.status.text()


def test_shelf_sorter_orders_and_explains(desk, qtbot):
    lines = ["QA76.9 .D3", "QA76.73 .P98 L88 2013 v.10", "QA76 .A1", "QA76.73 .P98 L88 2013 v.2",
             "Q350 .S5", "not a call number"]
    desk.lc.shelf.input.setPlainText("\n".join(lines))
    qtbot.mouseClick(desk.lc.shelf.sort_button, Qt.MouseButton.LeftButton)
    assert desk.lc.shelf.sorted_lines == lcc.shelf_order(lines[:5])
    assert desk.lc.shelf.sorted_lines == ["Q350 .S5", "QA76 .A1", "QA76.73 .P98 L88 2013 v.2",
                                          "QA76.73 .P98 L88 2013 v.10", "QA76.9 .D3"]
    why = column(desk.lc.shelf.model, 2)
    assert why[0] == "First on the shelf."
    assert "v.2 before v.10" in why[3] and "decimal fractions" in why[4]
    assert column(desk.lc.shelf.model, 1)[-1] == "not a call number" and why[-1].startswith("Not sorted")
    assert "1 could not be read" in desk.lc.shelf.status.text()


def test_outline_browser_goes_to_class_letters(desk):
    outline = desk.lc.outline
    assert outline.model.rowCount() == 21  # A-Z without I, O, W, X, Y
    assert outline.go_to("QA")
    assert "Mathematics" in outline.detail.text() and "QA1-939" in outline.detail.text()
    assert outline.go_to("q") and "Science" in outline.detail.text()
    assert not outline.go_to("QZ")


# -- Dewey and encoding -------------------------------------------------------------------------------------

def test_dewey_anatomy(desk, qtbot):
    qtbot.keyClicks(desk.dewey.number, "975.5/4252/00222")
    parts = column(desk.dewey.model, 0)
    assert parts[:4] == ["main class", "division", "section", "decimal extension"]
    assert "standard subdivision?" in parts and "segmentation" in parts
    desk.dewey.edition.setText("23")
    assert "latest full edition" in column(desk.dewey.model, 2)[-1]
    desk.dewey.number.setText("5003")
    assert desk.dewey.model.rowCount() == 0 and "500.3" in desk.dewey.status.text()


def test_encoding_explorer_rows(desk, qtbot):
    desk.encoding.text.setText("Café")  # QTest cannot type é: it aborts on non-ASCII keys
    characters = desk.encoding.characters
    last = [characters.data(characters.index(3, c)) for c in range(characters.columnCount())]
    assert last[0] == "é" and last[1] == "U+0065 U+0301"
    assert last[3:] == ["C3 A9", "65 CC 81", "E2 65"]
    assert "BEFORE its letter" in " ".join(column(desk.encoding.marc8, 1))
    assert "CafÃ©" in column(desk.encoding.garbled, 1)
    desk.encoding.text.setText("Walden")
    assert desk.encoding.garbled.rowCount() == 0 and "Plain ASCII" in desk.encoding.summary.text()


def test_tabs_put_the_cursor_in_the_search_box(desk, qtbot):
    desk.show()
    qtbot.waitExposed(desk)
    desk.activateWindow()
    desk.tabs.setCurrentWidget(desk.codes)
    qtbot.waitUntil(lambda: desk.codes.search.hasFocus(), timeout=2000)
    desk.tabs.setCurrentWidget(desk.marc)
    qtbot.waitUntil(lambda: desk.marc.search.hasFocus(), timeout=2000)
