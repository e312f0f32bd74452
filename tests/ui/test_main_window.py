"""The first window, offscreen: the record list, bad records marked, the record text shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt

from tests.conftest import SAMPLES

QStandardPaths.setTestModeEnabled(True)

from ui.main_window import MainWindow, open_dialog_filters  # noqa: E402
from ui.record_list import RecordListModel  # noqa: E402


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    return win


def open_and_wait(qtbot, window, paths):
    with qtbot.waitSignal(window.model.rowsInserted, timeout=10_000):
        window.open_files([Path(p) for p in paths])
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)


def problem_texts(window):
    return [row.text() for row in window.editor.findings.rows()]


def rows(window):
    model = window.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_damaged_corpus_file_lists_good_records_and_marks_the_bad_one(qtbot, window, corpus):
    path = corpus / "perl4lib+marc-perl/marc-record/t/badldr.usmarc"
    open_and_wait(qtbot, window, [path])
    model = window.model
    statuses = [model.data(model.index(r, 0), RecordListModel.STATUS_ROLE)
                for r in range(model.rowCount())]
    assert statuses == ["ok"] * 6 + ["unreadable"]
    listed = rows(window)
    assert listed[0][1] and not listed[0][1].startswith("Unreadable")
    assert listed[6][1].startswith("Unreadable record: the file ends with 1 byte that is")
    assert model.data(model.index(6, 1), Qt.ItemDataRole.ForegroundRole) is not None
    assert "7 records" in window.statusBar().currentMessage()
    assert "1 unreadable" in window.statusBar().currentMessage()

    window.table.selectRow(6)
    assert window.heading.text().startswith("Unreadable record — badldr.usmarc, record 7")
    texts = problem_texts(window)
    assert any("record 7" in text and "byte 1717" in text for text in texts)


def test_selecting_a_record_shows_it_as_mnemonic_text(qtbot, window):
    open_and_wait(qtbot, window, [SAMPLES / "starter-records.mrk"])
    window.table.selectRow(2)
    text = window.editor.text.toPlainText()
    assert text.startswith("=LDR  ")
    assert "=245  12$aL'étranger" in text
    texts = problem_texts(window)
    assert not any("[STR-" in t or "[TAG-" in t or "[FIX-" in t for t in texts)


def test_repaired_records_show_their_warnings(qtbot, window, corpus):
    open_and_wait(qtbot, window, [corpus / "edsu+pymarc/test/bad_records.mrc"])
    window.table.selectRow(1)
    texts = problem_texts(window)
    assert any(t.startswith("LDR/12-16: Leader/12-16 base address is '99937'")
               and t.endswith("[STR-003]") for t in texts)
    assert window.model.data(window.model.index(1, 0), RecordListModel.STATUS_ROLE) == "repaired"


def test_open_samples_loads_marc_and_dublin_core(qtbot, window):
    with qtbot.waitSignal(window.model.rowsInserted, timeout=10_000):
        window.samples_action.trigger()
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    materials = {row[2] for row in rows(window)}
    files = {row[4] for row in rows(window)}
    assert files == {"starter-records.mrk", "dublin-core-dcterms.xml"}
    assert "Book" in materials and any(m.startswith("Dublin Core") for m in materials)
    dc_row = next(r for r, row in enumerate(rows(window)) if row[4].endswith(".xml"))
    window.table.selectRow(dc_row)
    assert window.pages.currentWidget() is window.dc_editor
    assert window.dc_editor.record() == window.model.row(dc_row).load()


def test_record_list_model_passes_qt_model_tester(qtbot, qtmodeltester, window, corpus):
    open_and_wait(qtbot, window, [corpus / "perl4lib+marc-perl/marc-record/t/badldr.usmarc"])
    qtmodeltester.check(window.model, force_py=True)


def test_open_dialog_offers_every_readable_format():
    filters = open_dialog_filters()
    for pattern in ("*.mrc", "*.xml", "*.mrk", "*.json"):
        assert pattern in filters.split(";;")[0]
    assert filters.endswith("All files (*)")


def test_a_reader_fault_is_reported_and_loading_finishes(qtbot, window, monkeypatch, tmp_path):
    import ui.record_list as record_list

    def broken_reader(path, *args, **kwargs):
        raise RuntimeError("boom")
        yield  # pragma: no cover - makes this a generator

    monkeypatch.setattr(record_list, "read_file", broken_reader)
    messages = []
    monkeypatch.setattr("ui.main_window.QMessageBox.warning",
                        lambda parent, title, text: messages.append(text))
    path = tmp_path / "x.mrc"
    path.write_bytes(b"00000")
    window.open_files([path])
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "internal error (RuntimeError: boom)" in messages[0]
    assert "0 records" in window.statusBar().currentMessage()


def test_validation_findings_are_listed_with_their_rule(qtbot, window, tmp_path):
    text = (SAMPLES / "starter-records.mrk").read_text(encoding="utf-8").split("\n\n")[0]
    bad = tmp_path / "bad.mrk"
    bad.write_text(text.replace("=020  \\\\$a9780374275631", "=020  \\\\$a9780374275632"),
                   encoding="utf-8")
    open_and_wait(qtbot, window, [bad])
    window.table.selectRow(0)
    model = window.editor.findings
    isbn = [r for r in range(model.rowCount()) if model.row(r).rule == "NUM-001"]
    assert len(isbn) == 1 and model.row(isbn[0]).text().startswith("020$a: ")
    assert "Why it matters:" in model.data(model.index(isbn[0], 2), Qt.ItemDataRole.ToolTipRole)


def test_rows_of_iso2709_files_keep_offsets_not_records(qtbot, window):
    open_and_wait(qtbot, window, [SAMPLES / "starter-records.mrc"])
    row = window.model.row(2)
    assert row.item.record is None and row.item.offset > 0  # nothing held but the offset
    window.table.selectRow(2)
    assert "=245  12$aL'étranger" in window.editor.text.toPlainText()
    assert window.heading.text().startswith("L'étranger")


def test_the_catsandbox_command_opens_the_window_on_a_file(monkeypatch):
    import ui.main

    opened = []
    monkeypatch.setattr(ui.main, "launch_gui", lambda files, db: opened.append((files, db)) or 0)
    sample = str(SAMPLES / "starter-records.mrk")
    assert ui.main.main([sample]) == 0
    assert opened == [([sample], None)]
    assert ui.main.main(["--version"]) == 0 and len(opened) == 1
    assert ui.main.main(["--db", "postgresql://teacher@school/catalog", sample]) == 0
    assert opened[-1] == ([sample], "postgresql://teacher@school/catalog")
    assert ui.main.main(["--db=class.sqlite3"]) == 0 and opened[-1] == ([], "class.sqlite3")


def test_the_samples_open_as_the_learners_own_copies(qtbot, window):
    from sandbox.samples import samples_folder

    with qtbot.waitSignal(window.model.rowsInserted, timeout=10_000):
        window.samples_action.trigger()
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    assert all(path.parent == samples_folder().resolve() for path in window._paths)
    assert SAMPLES.resolve() not in [p.parent for p in window._paths]  # saving never writes over them
