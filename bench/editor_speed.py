"""Editor speed: launch, opening a 100,000-record file, and keystroke-to-findings latency.

Each figure is measured beside a peer in the same run, so the machine's speed cancels out:

1. Launch to a usable window (the samples listed, the first record in the editor), against a bare
   PySide6 window with one QPlainTextEdit (the least any Qt editor can do).
2. Opening a 100,000-record ISO 2709 file (built from ../shared/corpus) until the first record is
   shown, and the peak memory of that process, against pymarc reading the same file through
   (what an editor that loads a file up front must do first) and a bare Qt window's memory.
3. Typing one character in the text view until the findings are updated, on a typical record,
   against the validation alone (``sandbox.rules.validate``) and a bare QPlainTextEdit keystroke.

Run under a display or offscreen: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/editor_speed.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

BARE_WINDOW = """
import resource, sys, time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication, QPlainTextEdit
app = QApplication(sys.argv[:1])
edit = QPlainTextEdit(); edit.setPlainText("=245  10$aTitle"); edit.show(); app.processEvents()
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

OUR_WINDOW = """
import resource, sys, time
start = time.perf_counter()
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.app import create_application
from ui.context import open_context
from ui.main_window import MainWindow
app = create_application()
window = MainWindow(open_context(None)); window.show()  # as the app starts: store, learner, packs
paths = [Path(p) for p in sys.argv[1:]]
app.processEvents()
opened = time.perf_counter()
window.open_files(paths) if paths else window.open_samples()
def ready():
    if window.editor.document is None and window.model.rowCount() == 0:
        QTimer.singleShot(1, ready); return
    if window.editor.document is None:
        QTimer.singleShot(1, ready); return
    app.processEvents()
    now = time.perf_counter()
    print(now - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, now - opened, flush=True)
    window._stop_loading(); app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

PYMARC_READ = """
import sys, time, pymarc
start = time.perf_counter()
with open(sys.argv[1], "rb") as stream:
    count = sum(1 for record in pymarc.MARCReader(stream, permissive=True) if record is not None)
print(time.perf_counter() - start, count)
"""


#: One user's home for every launch: the first launch is a first run (progress database created,
#: starter pack installed); the medians are of the launches after it, as a learner meets them.
HOME = tempfile.mkdtemp(prefix="catsandbox-bench-home-")


def run(code: str, *args: str) -> list[float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=str(ROOT), HOME=HOME, XDG_CONFIG_HOME=HOME + "/config",
               XDG_DATA_HOME=HOME + "/data")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True).stdout.split()
    return [float(v) for v in out[:3]]


def median_of(rounds: int, code: str, *args: str) -> list[float]:
    results = [run(code, *args) for _ in range(rounds)]
    return [statistics.median(r[column] for r in results) for column in range(len(results[0]))]


def big_file(records: int) -> Path:
    from read_speed import clean_records

    chunks = clean_records()
    path = Path(tempfile.gettempdir()) / f"catsandbox-bench-{records}.mrc"
    if not path.exists():
        with open(path, "wb") as out:
            for number in range(records):
                out.write(chunks[number % len(chunks)])
    return path


def keystroke_latency(rounds: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit

    from sandbox.formats import read_file
    from sandbox.rules import validate
    from ui.app import create_application
    from ui.main_window import MainWindow

    app = create_application()
    window = MainWindow()
    window.show()
    sample = ROOT / "sample_records" / "starter-records.mrk"
    window.open_files([sample])
    while window.is_loading() or window.editor.document is None:
        app.processEvents()
    editor = window.editor
    editor.views.setCurrentWidget(editor.text)
    editor.text.setFocus()
    cursor = editor.text.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.text.setTextCursor(cursor)
    updated = []
    editor.findingsUpdated.connect(lambda: updated.append(time.perf_counter()))
    latencies = []
    for number in range(rounds):
        updated.clear()
        start = time.perf_counter()
        QTest.keyClick(editor.text, Qt.Key.Key_A if number % 2 == 0 else Qt.Key.Key_Backspace)
        while not updated:
            app.processEvents()
        latencies.append((updated[0] - start) * 1000)

    record = next(iter(read_file(sample))).record
    validations = []
    for _ in range(rounds):
        start = time.perf_counter()
        validate(record, "full")
        validations.append((time.perf_counter() - start) * 1000)

    bare = QPlainTextEdit()
    bare.setPlainText(editor.text.toPlainText())
    bare.show()
    bare_latencies = []
    for number in range(rounds):
        start = time.perf_counter()
        QTest.keyClick(bare, Qt.Key.Key_A if number % 2 == 0 else Qt.Key.Key_Backspace)
        app.processEvents()
        bare_latencies.append((time.perf_counter() - start) * 1000)
    window._stop_loading()
    return {"keystroke_ms": statistics.median(latencies), "keystroke_p95_ms": sorted(latencies)[int(rounds * 0.95) - 1],
            "validation_ms": statistics.median(validations),
            "bare_keystroke_ms": statistics.median(bare_latencies)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, float] = {}

    bare_launch, bare_memory = median_of(args.rounds, BARE_WINDOW)[:2]
    first_launch = run(OUR_WINDOW)[0]
    our_launch = median_of(args.rounds, OUR_WINDOW)[0]
    results.update(bare_launch_s=bare_launch, first_launch_s=first_launch, launch_s=our_launch,
                   launch_ratio=our_launch / bare_launch)

    path = big_file(args.records)
    launch_and_open_s, open_memory, open_s = median_of(args.rounds, OUR_WINDOW, str(path))
    pymarc_s = median_of(1, PYMARC_READ, str(path))[0]
    results.update(open_100k_first_record_s=open_s, launch_and_open_100k_s=launch_and_open_s,
                   pymarc_read_through_s=pymarc_s,
                   open_ratio_to_pymarc=open_s / pymarc_s, open_peak_mb=open_memory / 1024,
                   bare_window_peak_mb=bare_memory / 1024, file_mb=path.stat().st_size / 1e6)
    results.update(keystroke_latency(200))
    results["keystroke_ratio_to_bare"] = results["keystroke_ms"] / results["bare_keystroke_ms"]
    print(json.dumps({k: round(v, 4) for k, v in results.items()}, indent=2), flush=True)
    os._exit(0)  # skip interpreter teardown with live Qt objects (PySide6 can abort there)


if __name__ == "__main__":
    sys.exit(main())
