"""``catsandbox``: --help, --version and ``convert`` with its exit statuses and messages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sandbox import __version__
from sandbox.cli import main
from sandbox.formats import read_file
from sandbox.formats.iso2709 import encode_record
from tests.conftest import SAMPLES


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sandbox", *args], capture_output=True, text=True)


def test_version_and_help():
    assert run("--version").stdout.strip() == f"catsandbox {__version__}"
    help_text = run("--help")
    assert help_text.returncode == 0
    assert "convert" in help_text.stdout and "marcxml" in help_text.stdout
    convert_help = run("convert", "--help").stdout
    assert "--from" in convert_help and "--to" in convert_help


def test_convert_all_good_exits_0_with_a_summary(tmp_path):
    out = tmp_path / "out.xml"
    result = run("convert", str(SAMPLES / "starter-records.mrk"), str(out))
    assert result.returncode == 0, result.stderr
    assert "converted 14 of 14 records" in result.stdout
    assert result.stderr == ""
    records = [item.record for item in read_file(out)]
    assert len(records) == 14 and records[0]["245"]["a"].startswith("Thinking, fast and slow")


def _damaged_file(tmp_path):
    good = [item.record for item in read_file(SAMPLES / "starter-records.mrk")][:2]
    first, second = encode_record(good[0]), encode_record(good[1])
    broken = bytearray(second)
    broken[24:36] = b"\x1f  " + broken[27:36]  # ruin the first directory entry's tag
    path = tmp_path / "damaged.mrc"
    path.write_bytes(first + bytes(broken) + first)
    return path


def test_convert_with_a_bad_record_exits_1_and_names_it_on_stderr(tmp_path):
    source = _damaged_file(tmp_path)
    out = tmp_path / "out.mrk"
    result = run("convert", str(source), str(out))
    assert result.returncode == 1
    assert "damaged.mrc, record 2, byte " in result.stderr
    assert "not a MARC tag" in result.stderr
    assert "converted 2 of 3 records" in result.stdout and "1 skipped" in result.stdout
    assert [item.number for item in read_file(out)] == [1, 2]


def test_convert_to_dublin_core_crosswalks(tmp_path):
    out = tmp_path / "dc.xml"
    assert main(["convert", str(SAMPLES / "starter-records.mrc"), str(out), "--to", "dcterms"]) == 0
    records = [item.record for item in read_file(out)]
    assert records[0].title == "Thinking, fast and slow"


@pytest.mark.parametrize(
    "args, message",
    [
        (["convert", "missing.mrc", "out.xml"], "no such file"),
        (["convert", str(SAMPLES / "starter-records.mrk"), "out.unknown"], "--to"),
        (["convert", str(SAMPLES / "dublin-core-oai_dc.xml"), "out.mrc"], "cannot be written"),
        (["convert", str(SAMPLES / "starter-records.mrk")], "required"),
        (["convert", "a", "b", "--to", "nonsense"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args, message):
    result = subprocess.run([sys.executable, "-m", "sandbox", *args], capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert not list(tmp_path.iterdir())  # nothing written


def test_dublin_core_to_xml_defaults_to_oai_dc(tmp_path):
    out = tmp_path / "copy.xml"
    assert main(["convert", str(SAMPLES / "dublin-core-dcterms.xml"), str(out)]) == 0
    assert b"oai_dc:dc" in out.read_bytes()


def test_nothing_converted_leaves_the_output_untouched(tmp_path):
    garbage = tmp_path / "garbage.mrc"
    garbage.write_bytes(b"\x00\x01 this is not a MARC file \xff" * 10)
    out = tmp_path / "keep.mrc"
    out.write_bytes(b"precious")
    result = run("convert", str(garbage), str(out))
    assert result.returncode == 1
    assert out.read_bytes() == b"precious"
    assert "was not written" in result.stderr


def test_output_folder_problems_are_usage_errors(tmp_path):
    source = str(SAMPLES / "starter-records.mrk")
    missing = run("convert", source, str(tmp_path / "nope" / "x.xml"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    (tmp_path / "d.xml").mkdir()
    folder = run("convert", source, str(tmp_path / "d.xml"))
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    empty = tmp_path / "empty.mrc"
    empty.write_bytes(b"")
    assert "is empty" in run("convert", str(empty), str(tmp_path / "o.xml")).stderr


def test_a_mistyped_command_is_a_usage_error_not_a_window(tmp_path):
    result = run("convrt", "a.mrc", "b.xml")
    assert result.returncode == 2
    lone = subprocess.run([sys.executable, "-m", "sandbox", "convrt"], capture_output=True,
                          text=True, cwd=tmp_path)
    assert lone.returncode == 2 and "neither a command" in lone.stderr
