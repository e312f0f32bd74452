"""The editor through its widgets: grid edits, text typing, undo/redo, findings that jump."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox

QStandardPaths.setTestModeEnabled(True)

from sandbox.formats import read_file  # noqa: E402
from sandbox.formats.mrk import format_record  # noqa: E402
from tests.conftest import SAMPLES  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.record_model import IND2, TAG, VALUE  # noqa: E402

RECORD = """=LDR  00000nam a2200000 i 4500
=001  cs-0001
=008  240101s2011\\\\\\\\nyu\\\\\\\\\\\\\\\\\\\\\\000\\0\\eng\\d
=020  \\\\$a9780374275631
=040  \\\\$aDLC$beng$erda$cDLC
=100  1\\$aKahneman, Daniel,$eauthor.
=245  10$aThinking, fast and slow /$cDaniel Kahneman.
=264  \\1$aNew York :$bFarrar, Straus and Giroux,$c2011.
=300  \\\\$a499 pages ;$c24 cm
=336  \\\\$atext$btxt$2rdacontent
=337  \\\\$aunmediated$bn$2rdamedia
=338  \\\\$avolume$bnc$2rdacarrier
=650  \\0$aReasoning.
"""


@pytest.fixture(autouse=True)
def never_ask(monkeypatch):
    """Closing a window with changes asks (a modal box); tests that do not test that discard."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(MainWindow, "ask_about_unsaved",
                        lambda self, count: QMessageBox.StandardButton.Discard)


def opened(qtbot, path, context=None, row=0):
    """A shown window on ``path``, read, with record ``row`` selected."""
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.model.rowsInserted, timeout=10_000):
        win.open_files([path])
    qtbot.waitUntil(lambda: not win.is_loading(), timeout=10_000)
    win.table.selectRow(row)
    return win


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "book.mrk"
    path.write_text(RECORD, encoding="utf-8")
    win = opened(qtbot, path)
    qtbot.waitUntil(lambda: win.editor.document is not None)
    win.path = path
    return win


def record(window):
    return window.editor.document.record


def field_index(window, tag):
    return next(i for i, f in enumerate(record(window).fields) if f.tag == tag)


def type_into_cell(qtbot, window, index, text):
    """Edit a grid cell as a learner does: F2, select all, type, Enter."""
    grid = window.editor.grid
    grid.setFocus()
    grid.setCurrentIndex(index)
    grid.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), f"no cell editor opened for {index.data()}"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on a queued call after Return.
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState, timeout=2000)


def test_models_pass_the_qt_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.editor.model)
    qtmodeltester.check(window.editor.findings)


def test_editing_a_subfield_in_the_grid_changes_the_record_and_the_text(qtbot, window):
    model = window.editor.model
    title = model.index_for(field_index(window, "245"), 0, VALUE)
    type_into_cell(qtbot, window, title, "Thinking, slow and fast /")
    assert record(window)["245"]["a"] == "Thinking, slow and fast /"
    assert "=245  10$aThinking, slow and fast /$c" in window.editor.text.toPlainText()
    assert window.isWindowModified()
    assert window.undo_action.text() == "&Undo change 245 $a"


def test_editing_an_indicator_and_undo_redo(qtbot, window):
    model = window.editor.model
    index = model.index_for(field_index(window, "245"), None, IND2)
    type_into_cell(qtbot, window, index, "4")
    assert record(window)["245"].indicators[1] == "4"
    assert window.undo_action.text() == "&Undo change 245 ind2"
    window.undo_action.trigger()
    assert record(window)["245"].indicators[1] == "0"
    assert not window.isWindowModified()  # back to the saved state
    window.redo_action.trigger()
    assert record(window)["245"].indicators[1] == "4"


def test_editing_a_fixed_field_position_through_the_grid(qtbot, window):
    model = window.editor.model
    index = model.index_for(field_index(window, "008"), None, VALUE)
    value = record(window)["008"].data
    type_into_cell(qtbot, window, index, value[:35] + "fre" + value[38:])
    assert record(window)["008"].data[35:38] == "fre"
    assert "=008  " in window.editor.text.toPlainText()


def test_every_edit_kind_undoes_and_redoes(qtbot, window):
    editor = window.editor
    original = format_record(record(window))
    steps = []
    assert editor.add_field("500")
    steps.append(format_record(record(window)))
    editor.reveal_spot(field_index(window, "245"), 0, VALUE)
    assert editor.add_subfield("b")
    steps.append(format_record(record(window)))
    editor.reveal_spot(field_index(window, "245"), 1, VALUE)
    assert editor.move_current(-1)
    steps.append(format_record(record(window)))
    editor.reveal_spot(field_index(window, "650"), None, TAG)
    assert editor.move_current(-1)
    steps.append(format_record(record(window)))
    editor.reveal_spot(field_index(window, "020"), None, TAG)
    assert editor.delete_current()
    steps.append(format_record(record(window)))
    assert len(set(steps)) == len(steps)
    stack = editor.document.undo_stack
    assert stack.count() == 5
    for expected in reversed([original] + steps[:-1]):
        window.undo_action.trigger()
        assert format_record(record(window)) == expected
    for expected in steps:
        window.redo_action.trigger()
        assert format_record(record(window)) == expected
    assert window.editor.model.rowCount() == len(record(window).fields) + 1


def test_typing_in_the_text_view_updates_the_grid_and_is_one_undo_step(qtbot, window):
    editor = window.editor
    editor.views.setCurrentWidget(editor.text)
    text = editor.text
    cursor = text.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    text.setTextCursor(cursor)
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Return)
    qtbot.keyClicks(text, "=500  \\\\$aIncludes index.")
    qtbot.waitUntil(lambda: any(f.tag == "500" for f in record(window).fields), timeout=2000)
    model = editor.model
    tags = [model.index(r, TAG).data() for r in range(model.rowCount())]
    assert tags[-1] == "500"
    assert model.index(0, 0, model.index(len(tags) - 1, TAG)).siblingAtColumn(VALUE).data() == "Includes index."
    assert editor.document.undo_stack.count() == 1  # the burst of typing merged
    window.undo_action.trigger()
    assert not any(f.tag == "500" for f in record(window).fields)
    assert "=500" not in text.toPlainText()


def test_text_that_holds_no_record_changes_nothing_and_says_why(qtbot, window):
    editor = window.editor
    before = format_record(record(window))
    editor.text.setPlainText("just some words")
    editor.read_text_view()
    assert format_record(record(window)) == before
    rows = editor.findings.rows()
    assert rows[0].severity == "error" and "nothing was changed" in rows[0].message


def test_findings_update_live_and_clicking_one_selects_its_cell(qtbot, window):
    editor = window.editor
    assert not any(r.rule == "REQ-010" for r in editor.findings.rows())
    index = editor.model.index_for(field_index(window, "245"), None, IND2)
    type_into_cell(qtbot, window, index, "7")  # "Thinking" has no 7 nonfiling characters
    rows = editor.findings.rows()
    wrong = [n for n, r in enumerate(rows) if r.location == "245/ind2"]
    assert wrong, [r.text() for r in rows]
    assert editor.model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    editor.reveal_spot(0, None, TAG)
    problems = window.problems
    rect = problems.visualRect(editor.findings.index(wrong[0], 2))
    qtbot.mouseClick(problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    current = editor.grid.currentIndex()
    assert editor.model.field_index(current) == field_index(window, "245")
    assert current.column() == IND2
    selected = editor.text.textCursor().selectedText()
    assert selected == "7"


def test_a_finding_in_a_subfield_selects_the_subfield(qtbot, window):
    editor = window.editor
    index = editor.model.index_for(field_index(window, "020"), 0, VALUE)
    type_into_cell(qtbot, window, index, "9780374275632")  # wrong check digit
    row = next(n for n, r in enumerate(editor.findings.rows()) if r.rule == "NUM-001")
    window._problem_activated(editor.findings.index(row, 0))
    current = editor.grid.currentIndex()
    assert editor.model.subfield_index(current) == 0
    assert editor.model.field_index(current) == field_index(window, "020")


def test_saving_writes_the_file_atomically_and_clears_the_modified_mark(qtbot, window):
    index = window.editor.model.index_for(field_index(window, "245"), 0, VALUE)
    type_into_cell(qtbot, window, index, "Thinking, fast and slower /")
    assert window.isWindowModified()
    assert window.save()
    assert not window.isWindowModified()
    saved = next(iter(read_file(window.path))).record
    assert saved["245"]["a"] == "Thinking, fast and slower /"
    assert not list(Path(window.path).parent.glob("*.tmp*"))


def test_field_help_follows_the_current_field(qtbot, window):
    editor = window.editor
    editor.reveal_spot(field_index(window, "245"), None, TAG)
    assert window.field_help.tag == "245"
    assert "Title Statement" in window.field_help.toPlainText()
    assert "Nonfiling characters" in window.field_help.toPlainText()


def test_opening_a_damaged_corpus_file_lets_the_good_records_be_edited(qtbot, corpus):
    win = opened(qtbot, corpus / "perl4lib+marc-perl/marc-record/t/badldr.usmarc", row=6)
    assert not win.editor.isEnabled() and win.editor.findings.rowCount() >= 1
    win.table.selectRow(0)
    assert win.editor.isEnabled()
    assert win.editor.add_field("500")
    assert win.isWindowModified()


def test_a_crash_loses_nothing_autosaved_and_the_draft_is_offered_back(qtbot, tmp_path, monkeypatch):
    from sandbox.store import open_store
    from ui.context import AppContext, ensure_learner

    path = tmp_path / "book.mrk"
    path.write_text(RECORD, encoding="utf-8")
    store = open_store(tmp_path / "progress.sqlite3")
    context = AppContext(store, ensure_learner(store, "Ana"))

    first = opened(qtbot, path, context)
    index = first.editor.model.index_for(field_index(first, "245"), 0, VALUE)
    type_into_cell(qtbot, first, index, "Thinking, fast and slow : a draft /")
    assert first._autosave_timer.isActive()  # kept a few seconds after the change
    assert first.autosave_now() == 1
    # A crash: the window goes without saving the file or being asked anything.
    first.documents.clear()
    assert "a draft" not in path.read_text(encoding="utf-8")

    asked = []
    monkeypatch.setattr(MainWindow, "ask_restore_drafts",
                        lambda self, count, when: asked.append(count) or True)
    second = opened(qtbot, path, context)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked == [1]
    assert record(second)["245"]["a"] == "Thinking, fast and slow : a draft /"
    assert second.isWindowModified()
    assert second.save()
    assert not store.drafts(context.learner_id)  # saved: the draft is gone
    store.close()


def test_a_code_from_the_reference_desk_is_inserted_where_the_learner_types(qtbot, window):
    editor = window.editor
    index = editor.model.index_for(field_index(window, "650"), 0, VALUE)
    editor.grid.setFocus()
    editor.grid.setCurrentIndex(index)
    window.reference.insertRequested.emit(" --Fiction")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.grid.state() != QAbstractItemView.State.EditingState)
    assert record(window)["650"]["a"] == "Reasoning. --Fiction"

    editor.views.setCurrentWidget(editor.text)
    cursor = editor.text.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.text.setTextCursor(cursor)
    window.reference.insertRequested.emit("$2lcsh")
    qtbot.waitUntil(lambda: record(window)["650"].get("2") == "lcsh", timeout=2000)


def test_field_help_opens_the_field_in_the_reference_desk(qtbot, window):
    shown = []
    window.reference.show_field = lambda tag: shown.append(tag) or True
    window.editor.reveal_spot(field_index(window, "245"), None, TAG)
    from PySide6.QtCore import QUrl

    window.field_help.anchorClicked.emit(QUrl("reference:245"))
    assert shown == ["245"] and window.reference_dock.isVisible()


def test_the_008_form_edits_a_position_and_a_finding_opens_it_at_the_byte(qtbot, window):
    editor = window.editor
    editor.views.setCurrentWidget(editor.fixed_page)
    assert editor.fixed_choice.currentText() == "008"
    assert editor.fixed.layout_key() == ("008", "BK")
    editor.fixed.changeRequested.emit("008", 35, "fre")  # what the form asks when a code is picked
    assert record(window)["008"].data[35:38] == "fre"
    assert window.undo_action.text() == "&Undo change 008/35-37"
    window.undo_action.trigger()
    assert record(window)["008"].data[35:38] == "eng"

    editor.fixed.changeRequested.emit("LDR", 6, "e")  # now a map: the 008 form follows
    editor.fixed_choice.setCurrentIndex(editor.fixed_choice.findText("008"))
    assert editor.fixed.layout_key() == ("008", "MP")
    window.undo_action.trigger()

    editor.views.setCurrentWidget(editor.grid)
    index = editor.model.index_for(field_index(window, "008"), None, VALUE)
    value = record(window)["008"].data
    type_into_cell(qtbot, window, index, value[:35] + "zzz" + value[38:])
    row = next(n for n, r in enumerate(editor.findings.rows()) if r.location == "008/35-37")
    window._problem_activated(editor.findings.index(row, 0))
    assert editor.views.currentWidget() is editor.fixed_page
    assert editor.fixed.current_span() == (35, 37)


DC_RECORD = """<?xml version="1.0" encoding="UTF-8"?>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>Migrant Mother</dc:title>
  <dc:creator>Lange, Dorothea</dc:creator>
  <dc:date>March 1936</dc:date>
  <dc:type>StillImage</dc:type>
</oai_dc:dc>
"""


def test_a_dublin_core_record_is_edited_in_its_form_with_undo_and_findings(qtbot, tmp_path):
    path = tmp_path / "photo.xml"
    path.write_text(DC_RECORD, encoding="utf-8")
    win = opened(qtbot, path)
    assert win.pages.currentWidget() is win.dc_editor
    qtbot.waitUntil(lambda: any(r.rule.startswith("DC-") for r in win.editor.findings.rows()), timeout=3000)
    date_row = next(n for n, r in enumerate(win.editor.findings.rows()) if r.location.startswith("date"))
    win._problem_activated(win.editor.findings.index(date_row, 0))

    new = win.dc_editor.record()
    new.values[0] = type(new.values[0])("title", "Migrant Mother, Nipomo, California")
    win.dc_editor.changeRequested.emit("change title", new)
    document = win.documents[0]
    assert document.record.texts("title") == ["Migrant Mother, Nipomo, California"]
    assert win.dc_editor.record().texts("title") == ["Migrant Mother, Nipomo, California"]
    assert win.undo_action.text() == "&Undo change title"
    assert win.isWindowModified()
    win.undo_action.trigger()
    assert document.record.texts("title") == ["Migrant Mother"]
    assert win.dc_editor.record().texts("title") == ["Migrant Mother"]


def test_a_new_record_from_a_template_is_saved_where_the_learner_says(qtbot, tmp_path):
    win = MainWindow()
    qtbot.addWidget(win)
    assert len(win.new_menu.actions()) == 6
    assert win.new_record("map")
    assert win.editor.document.record.leader[6] == "e"
    assert win.editor.findings.counts()["error"] == 0
    target = tmp_path / "my-map.mrc"
    assert win.save_as(target)
    saved = next(iter(read_file(target))).record
    assert saved.leader[6] == "e" and saved["008"].data == win.editor.document.record["008"].data
    assert win._paths == [target] and not win._untitled


def test_the_dublin_core_tab_shows_the_crosswalk_and_jumps_back(qtbot, window):
    editor = window.editor
    editor.views.setCurrentWidget(editor.crosswalk)
    model = editor.crosswalk.model
    cells = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert any("Thinking, fast and slow" in str(cell) for cell in cells)
    editor.crosswalk.fieldActivated.emit("245$a")
    assert editor.views.currentWidget() is editor.grid
    assert editor.model.field_index(editor.grid.currentIndex()) == field_index(window, "245")


def test_special_characters_go_in_at_the_cursor(qtbot, window):
    editor = window.editor
    editor.views.setCurrentWidget(editor.text)
    cursor = editor.text.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.text.setTextCursor(cursor)
    window.characters.insertRequested.emit("ł")
    qtbot.waitUntil(lambda: record(window)["650"]["a"].endswith("ł"), timeout=2000)


SAMPLES_MRK = SAMPLES / "starter-records.mrk"
DAMAGED = Path(__file__).resolve().parent.parent / "data" / "one-unreadable-of-five.mrc"


def test_a_save_that_leaves_out_an_unreadable_record_keeps_drafts_on_the_right_record(
        qtbot, tmp_path, monkeypatch):
    """Record 3 cannot be read; saving leaves it out, so record 5 becomes record 4: an autosave
    after that must come back on that record, not its neighbour."""
    import shutil

    from sandbox.store import open_store
    from ui.context import AppContext, ensure_learner

    monkeypatch.setattr("ui.main_window.QMessageBox.question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(MainWindow, "ask_restore_drafts", lambda self, count, when: True)
    path = tmp_path / "five.mrc"
    shutil.copy(DAMAGED, path)
    store = open_store(tmp_path / "progress.sqlite3")
    context = AppContext(store, ensure_learner(store, "Ana"))
    first = opened(qtbot, path, context, row=4)
    index = first.editor.model.index_for(field_index(first, "245"), 0, VALUE)
    first.editor.model.setData(index, "Functional requirements, saved :")
    assert first.save()
    assert [i.record["245"]["a"] for i in read_file(path)][-1] == "Functional requirements, saved :"
    assert first.model.rowCount() == 4 and first.model.row(3).item.number == 4
    assert first.modified_rows() == []
    first.editor.model.setData(first.editor.model.index_for(field_index(first, "245"), 0, VALUE),
                               "Functional requirements, again :")
    assert first.modified_rows() == [3] and first.autosave_now() == 1
    first.documents.clear()  # the app dies here

    second = opened(qtbot, path, context)
    qtbot.waitUntil(lambda: 3 in second.documents, timeout=5000)
    titles = [second._record_of(r)["245"]["a"] for r in range(second.model.rowCount())]
    assert titles[3] == "Functional requirements, again :"
    assert titles[2] == "The stranger /"
    store.close()


def test_save_as_adopts_the_new_file_and_dublin_core_goes_to_xml_as_dublin_core(qtbot, tmp_path):
    path = tmp_path / "photo.xml"
    path.write_text(DC_RECORD, encoding="utf-8")
    win = opened(qtbot, path)
    target = tmp_path / "copy.xml"
    assert win.save_as(target)
    back = next(iter(read_file(target))).record
    assert back.texts("title") == ["Migrant Mother"]
    assert win._paths == [target.resolve()] and "copy.xml" in win.windowTitle()


def test_undo_from_the_text_view_reaches_the_record_and_takes_in_typing_first(qtbot, window):
    editor = window.editor
    editor.views.setCurrentWidget(editor.text)
    editor.text.setFocus()
    cursor = editor.text.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.text.setTextCursor(cursor)
    editor.last_parse_ms = 500  # a large record: the typing waits to be read
    qtbot.keyClicks(editor.text, " Extra")
    assert editor._parse_timer.isActive()
    window.undo()  # takes the typing in first, then undoes it as one step
    assert record(window)["650"]["a"] == "Reasoning."
    window.redo()
    assert record(window)["650"]["a"] == "Reasoning. Extra"
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent, QKeySequence

    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert override.matches(QKeySequence.StandardKey.Undo)
    assert editor.eventFilter(editor.text, override) and not override.isAccepted()


def test_a_cell_still_being_typed_is_saved(qtbot, window):
    grid = window.editor.grid
    index = window.editor.model.index_for(field_index(window, "245"), 0, VALUE)
    grid.setFocus()
    grid.setCurrentIndex(index)
    grid.edit(index)
    cell = QApplication.focusWidget()
    cell.selectAll()
    qtbot.keyClicks(cell, "Typed but not entered /")
    assert window.save()  # Ctrl+S with the cell still open
    assert next(iter(read_file(window.path))).record["245"]["a"] == "Typed but not entered /"


def test_a_leader_of_the_wrong_length_is_refused_in_words(qtbot, window):
    failed = []
    window.editor.document.failed.connect(failed.append)
    assert not window.editor.model.setData(window.editor.model.index_for(None, None, VALUE), "00000nam")
    assert failed and "24 characters" in failed[0]
    assert len(str(record(window).leader)) == 24


def test_a_dollar_in_the_data_survives_editing_the_whole_field(qtbot, window):
    model = window.editor.model
    row = field_index(window, "020")
    assert model.setData(model.index_for(row, None, VALUE), "$a9780374275631$c{dollar}25.00")
    assert [tuple(s) for s in record(window)["020"].subfields] == [("a", "9780374275631"), ("c", "$25.00")]
    assert model.index_for(row, None, VALUE).data() == "$a9780374275631$c{dollar}25.00"


def test_the_grid_keeps_its_place_when_rows_move_under_an_open_cell(qtbot, window):
    editor = window.editor
    editor.reveal_spot(field_index(window, "650"), None, TAG)
    assert editor.move_current(-1)  # 650 now above 245
    editor.reveal_spot(field_index(window, "245"), 1, VALUE)  # 245 $c
    window.undo()  # 650 back below 245: the cursor's row moved
    field, sub = editor._current()
    assert record(window).fields[field].tag == "245" and sub == 1


def test_visiting_records_does_not_pile_up_grid_models(qtbot, tmp_path):
    from ui.record_model import RecordTreeModel

    win = opened(qtbot, SAMPLES_MRK)
    for number in range(12):
        win.table.selectRow(number % 2)
    assert len(win.editor.findChildren(RecordTreeModel)) <= 1


def test_typing_in_the_008_form_changes_the_record_through_the_undo_stack(qtbot, window):
    editor = window.editor
    editor.show_fixed(field_index(window, "008"), 35, 37)
    language = editor.fixed.control_for(35)
    line = language.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "ger")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: record(window)["008"].data[35:38] == "ger", timeout=2000)
    assert window.undo_action.text() == "&Undo change 008/35-37"
    assert "=008  " in editor.text.toPlainText() and "ger" in editor.text.toPlainText()
    window.undo()
    assert record(window)["008"].data[35:38] == "eng"
