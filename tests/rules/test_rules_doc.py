import importlib.util

from tests.conftest import PROJECT


def test_docs_rules_md_is_current():
    spec = importlib.util.spec_from_file_location("build_rules_doc",
                                                  PROJECT / "tools" / "build_rules_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.render()
    assert "| STR-001 |" in text and "| DC-001 |" in text
    assert (PROJECT / "docs" / "rules.md").read_text(encoding="utf-8") == text, (
        "docs/rules.md is stale: run python tools/build_rules_doc.py")
