"""The core must import and run with no Qt loaded (the layering rule of the design brief)."""

import pkgutil
import subprocess
import sys

import sandbox


def test_importing_every_core_module_loads_no_qt():
    # sandbox.__main__ runs the command (and so the GUI) when imported: it is the entry point,
    # not core, and imports nothing but sandbox.cli, which is checked here.
    modules = [m.name for m in pkgutil.walk_packages(sandbox.__path__, "sandbox.")
               if not m.name.endswith("__main__")]
    assert "sandbox.formats.iso2709" in modules  # the walk really found the core
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=120)
    assert result.stdout.strip() == ""
