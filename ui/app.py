"""Start the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from sandbox import __version__
from ui.context import open_context
from ui.main_window import MainWindow


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Catalog Sandbox")
    app.setOrganizationName("Catalog Sandbox")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("catalog-sandbox")
    return app


def run(files: list[str], db_url: str | None = None) -> int:
    app = create_application()
    # --db wins; otherwise a classroom's URL kept in the settings; otherwise the default file.
    db_url = db_url or QSettings().value("store/url") or None
    context = open_context(db_url)
    window = MainWindow(context)
    app.aboutToQuit.connect(window.autosave_now)
    app.aboutToQuit.connect(context.close)
    window.show()
    for note in context.notes:
        window.statusBar().showMessage(note, 15_000)
    if files:
        window.open_files([Path(f) for f in files])
    else:
        window.open_samples()
    return app.exec()
