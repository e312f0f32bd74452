"""Take the README's screenshots: run under a real X server (Xvfb), open records, edit, grab.

Run: xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshot.py docs/images

Each shot is a step: it sets the window up as a learner would (open a file, pick a record, make an
edit, open a form) and, once the window is idle, saves a picture of it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from sandbox.samples import samples_directory
from sandbox.store import open_store
from ui.app import create_application
from ui.context import AppContext, ensure_learner
from ui.main_window import MainWindow

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def field_index(window: MainWindow, tag: str) -> int:
    return next(i for i, f in enumerate(window.editor.document.record.fields) if f.tag == tag)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    # A first run's window: no remembered layout from earlier runs.
    scratch = Path(tempfile.mkdtemp())
    os.environ.update(XDG_CONFIG_HOME=str(scratch / "config"), XDG_DATA_HOME=str(scratch / "data"))
    app = create_application()
    store = open_store(Path(tempfile.mkdtemp()) / "progress.sqlite3")
    window = MainWindow(AppContext(store, ensure_learner(store, "Ana Ruiz")))
    window.ask_about_unsaved = lambda count: __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Discard
    window.resize(1360, 820)
    window.show()
    samples = samples_directory()

    def edited_record() -> QWidget:
        editor = window.editor
        editor.reveal_spot(field_index(window, "245"), None, 2)
        window.editor.model.setData(editor.model.index_for(field_index(window, "245"), None, 2), "4")
        editor.reveal("245/ind2")
        return window

    def fixed_008() -> QWidget:
        editor = window.editor
        editor.show_fixed(field_index(window, "008"), 35, 37)
        return window

    def problems() -> QWidget:
        window.problems_dock.raise_()
        window.problems.selectRow(0)
        window._problem_activated(window.editor.findings.index(0, 0))
        return window

    def exercise() -> QWidget:
        window.exercises_dock.show()
        window.open_exercise("starter", "fix-brief-history-of-time")
        window.exercise_panel.tabs.setCurrentIndex(1)
        window.exercise_panel.show_next_hint()
        return window

    def feedback() -> QWidget:
        window.open_exercise("starter", "fix-brief-history-of-time")
        editor = window.editor
        index = field_index(window, "245")
        editor.model.setData(editor.model.index_for(index, None, 2), "2")
        window.submit_exercise()
        window.feedback.table.selectRow(0)
        return window

    shots: list[tuple[str, list[Path], int | None, Callable[[], QWidget] | None]] = [
        ("main-window.png", [samples / "starter-records.mrk", samples / "dublin-core-dcterms.xml"], 2, edited_record),
        ("fixed-field-editor.png", [samples / "starter-records.mrk"], 0, fixed_008),
        ("validation.png", [CORPUS / "edsu+pymarc/test/marc8.dat"], 0, problems),
        ("damaged-file.png", [CORPUS / "marc4j+marc4j/test/resources/pride-and-prejudice-with-many-errors.mrc"], None, None),
        ("exercise.png", [samples / "starter-records.mrk"], 0, exercise),
        ("feedback.png", [samples / "starter-records.mrk"], 0, feedback),
    ]

    def step(index: int = 0) -> None:
        if index >= len(shots):
            store.close()
            app.quit()
            return
        name, paths, row, arrange = shots[index]
        window.open_files(paths)

        def grab() -> None:
            if window.is_loading():
                QTimer.singleShot(100, grab)
                return
            target = row
            if target is None:  # the first unreadable record
                target = next(r for r in range(window.model.rowCount())
                              if window.model.row(r).status == "unreadable")
            window.table.selectRow(target)
            window.table.scrollTo(window.model.index(target, 0))
            widget = arrange() if arrange is not None else window
            QTimer.singleShot(400, lambda: (widget.grab().save(str(out / name)), step(index + 1)))

        QTimer.singleShot(200, grab)

    QTimer.singleShot(300, step)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")))
