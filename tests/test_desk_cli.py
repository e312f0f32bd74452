"""The reference desk on the command line: cutter, callnumber, explain."""

from __future__ import annotations

import subprocess
import sys


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sandbox", *args], capture_output=True,
                          text=True, input=stdin)


def test_cutter_prints_the_number_and_its_steps():
    result = run("cutter", "Kahneman")
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and lines[0] == ".K34"
    assert any("Second letter A" in line for line in lines)
    assert run("cutter", "Κάφκα").returncode == 2  # not in the Latin alphabet


def test_callnumber_sort_files_in_shelf_order_and_reports_the_unreadable():
    result = run("callnumber", "sort", "-",
                 stdin="QA76.9 .A1\nQA76.73 .B2\nQA76 .C3\nnot a call number\nQA76.73 .A45\n")
    assert result.stdout.splitlines() == ["QA76 .C3", "QA76.73 .A45", "QA76.73 .B2", "QA76.9 .A1"]
    assert result.returncode == 1 and "not a call number" in result.stderr


def test_callnumber_explain_names_the_parts():
    result = run("callnumber", "explain", "QA76.73.P98", "K34", "2011")
    assert result.returncode == 0
    assert "class letters" in result.stdout and "Mathematics" in result.stdout


def test_explain_fields_indicators_and_positions():
    field = run("explain", "245").stdout
    assert "Title Statement (not repeatable)" in field and "$c" in field
    indicator = run("explain", "245/ind2").stdout
    assert "Nonfiling characters" in indicator and "$a" not in indicator
    position = run("explain", "008/23", "--type", "books").stdout
    assert position.startswith("008/23  Form of item") and "o  Online" in position
    music = run("explain", "008/18-19", "--type", "music").stdout
    assert "Form of composition" in music
    assert run("explain", "24").returncode == 2
