"""The core must import and run with no Qt loaded (the layering rule of the design brief)."""

import pkgutil
import subprocess
import sys

import sandbox


def test_importing_every_core_module_loads_no_qt():
    modules = [m.name for m in pkgutil.walk_packages(sandbox.__path__, "sandbox.")]
    assert "sandbox.formats.iso2709" in modules  # the walk really found the core
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
