"""The Dublin Core form: rows per statement, changes asked for (never kept), live validation that
marks the rows it is about, findings that go to their row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sandbox.records.dublin_core import DublinCoreRecord
from ui.dc_editor import DEBOUNCE_MS, NO_SCHEME, DublinCoreEditor


def sample() -> DublinCoreRecord:
    record = DublinCoreRecord()
    record.add("title", "Migrant mother", lang="en")
    record.add("title", "Destitute pea pickers", refinement="alternative")
    record.add("creator", "Lange, Dorothea")
    record.add("date", "1936-03", refinement="created", scheme="dcterms:W3CDTF")
    record.add("type", "StillImage", scheme="dcterms:DCMIType")
    return record


@pytest.fixture
def editor(qtbot):
    widget = DublinCoreEditor()
    widget.resize(900, 700)
    qtbot.addWidget(widget)
    widget.set_record(sample())
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


@pytest.fixture
def asked(editor):
    """Changes asked for; like the real editor, each is applied by calling set_record."""
    seen: list[tuple[str, DublinCoreRecord]] = []

    def apply(label, record):
        seen.append((label, record))
        editor.set_record(record)

    editor.changeRequested.connect(apply)
    return seen


def test_each_statement_is_a_row_under_its_element(editor):
    assert editor.row_widgets(0).value.text() == "Migrant mother"
    assert editor.row_widgets(0).lang.text() == "en"
    assert editor.row_widgets(1).term.currentText() == "dcterms:alternative"
    assert editor.row_widgets(3).scheme.currentText() == "dcterms:W3CDTF"
    assert editor.section("title").caption.text() == "dc:title · 2 values"
    assert editor.section("rights").caption.text() == "dc:rights · no value"
    assert editor.row_widgets(0).value.accessibleName() == "dc:title value"


def test_editing_a_value_asks_for_the_change_with_a_label(qtbot, editor):
    seen = []
    editor.changeRequested.connect(lambda label, record: seen.append((label, record)))
    value = editor.row_widgets(2).value
    value.setFocus()
    value.selectAll()
    qtbot.keyClicks(value, "Lange, Dorothea, 1895-1965")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert [label for label, _ in seen] == ["change creator"]
    assert seen[0][1].texts("creator") == ["Lange, Dorothea, 1895-1965"]
    assert editor.record().texts("creator") == ["Lange, Dorothea"]  # not kept by the form


def test_refinement_language_and_scheme_are_changed_per_value(qtbot, editor, asked):
    row = editor.row_widgets(0)
    row.term.setCurrentIndex(row.term.findData("alternative"))
    row.term.activated.emit(row.term.currentIndex())
    assert asked[-1][0] == "change title (alternative) refinement"
    assert asked[-1][1].values[0].refinement == "alternative"

    lang = editor.row_widgets(2).lang
    lang.setFocus()
    qtbot.keyClicks(lang, "en")
    qtbot.keyClick(lang, Qt.Key.Key_Return)
    assert asked[-1][0] == "change creator language"
    assert asked[-1][1].values[2].lang == "en"

    scheme = editor.row_widgets(3).scheme
    scheme.setCurrentIndex(scheme.findData(None))
    scheme.activated.emit(scheme.currentIndex())
    assert asked[-1][1].values[3].scheme is None
    assert scheme.currentText() == NO_SCHEME


def test_type_offers_the_dcmi_type_vocabulary(editor):
    completer = editor.row_widgets(4).value.completer()
    terms = completer.model().stringList()
    assert "MovingImage" in terms and "StillImage" in terms


def test_adding_a_value_inserts_it_after_its_element_and_focuses_it(qtbot, editor, asked):
    qtbot.mouseClick(editor.section("creator").add, Qt.MouseButton.LeftButton)
    label, record = asked[-1]
    assert label == "add creator"
    assert [v.element for v in record.values] == ["title", "title", "creator", "creator",
                                                  "date", "type"]
    assert QApplication.focusWidget() is editor.row_widgets(3).value


def test_adding_an_element_with_no_value_yet_keeps_element_order(qtbot, editor, asked):
    editor.section("subject").add.click()
    elements = [v.element for v in asked[-1][1].values]
    assert elements.index("subject") == elements.index("creator") + 1


def test_removing_a_value(qtbot, editor, asked):
    qtbot.mouseClick(editor.row_widgets(1).remove, Qt.MouseButton.LeftButton)
    label, record = asked[-1]
    assert label == "remove title (alternative)"
    assert record.texts("title") == ["Migrant mother"]


def test_set_record_in_place_keeps_focus_and_cursor(qtbot, editor):
    value = editor.row_widgets(0).value
    value.setFocus()
    value.setCursorPosition(3)
    changed = sample()
    changed.values[2] = changed.values[2].__class__("creator", "Someone else")
    editor.set_record(changed)
    assert editor.row_widgets(0).value is value
    assert QApplication.focusWidget() is value and value.cursorPosition() == 3
    assert editor.row_widgets(2).value.text() == "Someone else"


def test_typing_is_validated_after_a_pause_and_marks_the_row(qtbot, editor):
    assert not [f for f in editor.findings() if f.rule == "DC-002"]
    date = editor.row_widgets(3).value
    date.setFocus()
    date.selectAll()
    with qtbot.waitSignal(editor.findingsUpdated, timeout=DEBOUNCE_MS * 20):
        qtbot.keyClicks(date, "March 1936")
    (where,) = [f.location for f in editor.findings() if f.rule == "DC-002"]
    assert where.startswith("created")
    assert editor.row_widgets(3).value.property("problem") == "warning"
    assert "W3CDTF" in editor.row_widgets(3).problem.toolTip()
    assert editor.row_widgets(0).value.property("problem") == ""


def test_a_missing_required_element_marks_its_section(qtbot, editor):
    record = sample()
    record.values[:] = [v for v in record.values if v.element != "title"]
    editor.set_record(record)
    assert any(f.rule == "DC-001" for f in editor.findings())
    assert editor.section("title").problem.toolTip().startswith("error:")


def test_highlight_goes_to_the_row_a_finding_names(editor):
    assert editor.highlight("title[1]")
    assert QApplication.focusWidget() is editor.row_widgets(0).value
    assert editor.highlight("dcterms:alternative")
    assert QApplication.focusWidget() is editor.row_widgets(1).value
    assert editor.highlight("rights")  # no rights yet: the Add button
    assert QApplication.focusWidget() is editor.section("rights").add
    assert not editor.highlight("245$a")


def test_clicking_a_finding_goes_to_its_row(qtbot, editor):
    record = sample()
    record.add("language", "English")
    editor.set_record(record)
    model = editor.findings_model
    row = next(r for r in range(model.rowCount()) if model.row(r).rule == "DC-003")
    editor.findings_view.clicked.emit(model.index(row, 2))
    assert QApplication.focusWidget() is editor.row_widgets(5).value


def test_record_is_a_copy(editor):
    copy = editor.record()
    copy.add("rights", "Public domain")
    assert editor.record().texts("rights") == []


def test_findings_model_passes_the_model_tester(qtbot, qtmodeltester, editor):
    record = sample()
    record.add("language", "English")
    editor.set_record(record)
    assert editor.findings_model.rowCount() > 0
    qtmodeltester.check(editor.findings_model)
