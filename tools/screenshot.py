"""Take the README's screenshots: run under a real X server (Xvfb), open records, grab the window.

Run: xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshot.py docs/images
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from sandbox.samples import samples_directory
from ui.app import create_application
from ui.main_window import MainWindow

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    window = MainWindow()
    window.resize(1280, 760)
    window.show()
    shots = [
        ("main-window.png", [samples_directory() / "starter-records.mrk",
                             samples_directory() / "dublin-core-dcterms.xml"], 2),
        ("validation.png", [CORPUS / "edsu+pymarc/test/marc8.dat"], 0),
        ("damaged-file.png", [CORPUS / "marc4j+marc4j/test/resources/pride-and-prejudice-with-many-errors.mrc"], None),
    ]

    def step(index: int = 0) -> None:
        if index >= len(shots):
            app.quit()
            return
        name, paths, row = shots[index]
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
            QTimer.singleShot(300, lambda: (window.grab().save(str(out / name)), step(index + 1)))

        QTimer.singleShot(200, grab)

    QTimer.singleShot(300, step)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")))
