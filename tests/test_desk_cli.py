"""The reference desk on the command line (cutter, callnumber, explain, dewey, encoding, drill)
and the look-ups it shares with the desktop app."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sandbox import desk
from sandbox.cli import build_parser


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


# -- the commands added with the reference desk window: run through the parser and desk.RUNNERS,
# -- so they are tested whether or not sandbox.cli dispatches them yet.


def run_desk(capsys, *argv: str, answers=None) -> tuple[int, str, str]:
    args = build_parser().parse_args(list(argv))
    if args.command == "drill":
        feed = iter(answers or [])
        status = desk.run_drill(args, ask=lambda prompt: next(feed))
    else:
        status = desk.RUNNERS[args.command](args)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_every_desk_command_has_a_runner():
    assert set(desk.SUBCOMMANDS) == set(desk.RUNNERS)
    commands = build_parser()._subparsers._group_actions[0].choices
    assert set(desk.SUBCOMMANDS) <= set(commands)


def test_dewey_explain(capsys):
    status, out, _ = run_desk(capsys, "dewey", "explain", "975.5/4252/00222", "--edition", "23")
    assert status == 0
    assert "main class: 9" in out and "standard subdivision?: 00222" in out
    assert "segmentation" in out and "latest full edition" in out
    status, _, err = run_desk(capsys, "dewey", "explain", "5003")
    assert status == 1 and "500.3" in err


def test_encoding_shows_bytes_and_garbling(capsys):
    status, out, _ = run_desk(capsys, "encoding", "Café")
    assert status == 0
    assert "UTF-8 (NFC): 43 61 66 C3 A9" in out
    assert "MARC-8:      43 61 66 E2 65" in out
    assert "written BEFORE its letter" in out and "CafÃ©" in out


def test_explain_searches_by_words_when_given_words(capsys):
    status, out, _ = run_desk(capsys, "explain", "nonfiling")
    assert status == 0
    assert "245  Title Statement  (second indicator: Nonfiling characters)" in out
    status, _, err = run_desk(capsys, "explain", "no such words here")
    assert status == 1 and "no MARC 21 field" in err


def test_drill_in_the_terminal(capsys):
    status, out, _ = run_desk(capsys, "drill", "--topics", "tag", "-n", "2", "--seed", "5",
                              answers=["nonsense", ""])
    assert status == 0
    assert "2 questions (seed 5)" in out and "Not quite: the answer is" in out
    assert "0 of 1 right (0%)" in out


def test_drill_accepts_the_number_of_a_choice(capsys):
    from sandbox import drills

    (question,) = drills.questions(["shelf-order"], 1, seed=8)
    number = str(question.choices.index(question.answer) + 1)
    status, out, _ = run_desk(capsys, "drill", "--topics", "shelf-order", "-n", "1", "--seed", "8",
                              answers=[number])
    assert status == 0 and "Right." in out and "1 of 1 right" in out


def test_drill_rejects_unknown_topics(capsys):
    status, _, err = run_desk(capsys, "drill", "--topics", "tags")
    assert status == 2 and "unknown drill topic 'tags'" in err


# -- look-ups --------------------------------------------------------------------------------------

def tags(matches):
    return [m.tag for m in matches]


def test_search_fields_by_tag():
    assert tags(desk.search_fields("245")) == ["245"]
    assert tags(desk.search_fields("=020")) == ["020"]
    assert "245" in tags(desk.search_fields("24")) and "250" not in tags(desk.search_fields("24"))
    assert all(tag.startswith("6") for tag in tags(desk.search_fields("6XX")))
    assert len(desk.search_fields("")) == len(desk.search_fields("")) > 250


def test_search_fields_by_words():
    nonfiling = desk.search_fields("nonfiling")
    assert {"130", "222", "240", "245", "630", "730", "830"} <= set(tags(nonfiling))
    assert [m.obsolete for m in nonfiling] == sorted(m.obsolete for m in nonfiling)
    isbn = desk.search_fields("ISBN")
    assert isbn[0].tag == "020" and isbn[0].where == "label"
    responsibility = {m.tag: m.where for m in desk.search_fields("statement of responsibility")}
    assert responsibility["245"] == "$c Statement of responsibility, etc."
    assert desk.search_fields("xyzzy") == []


@pytest.mark.parametrize("code_list, query, first", [
    ("languages", "fre", "fre"),
    ("languages", "French", "fre"),
    ("countries", "nyu", "nyu"),
    ("geographic-areas", "n-us", "n-us---"),
    ("relators", "illustrator", "ill"),
    ("content", "txt", "txt"),
    ("carrier", "volume", "nc"),
])
def test_search_codes(code_list, query, first):
    assert desk.search_codes(code_list, query)[0].code == first


def test_discontinued_codes_come_last_and_unknown_lists_are_refused():
    (eskimo,) = desk.search_codes("languages", "esk")
    assert eskimo.code == "-esk" and eskimo.obsolete
    found = desk.search_codes("languages", "sami")
    assert [m.obsolete for m in found] == sorted(m.obsolete for m in found)
    with pytest.raises(ValueError, match="unknown code list"):
        desk.search_codes("colours", "red")
