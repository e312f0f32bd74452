"""Which fixed-field form applies, and whether a position's value is acceptable (no Qt needed)."""

from __future__ import annotations

from sandbox.reference import marc21
from sandbox.reference.fixed_layout import form_for, position_status

BOOK_LEADER = "00000nam a2200000 i 4500"
MAP_LEADER = "00000nem a2200000 i 4500"


def test_the_008_form_follows_leader_06_and_07():
    assert form_for("008", " " * 40, BOOK_LEADER).key == ("008", "BK")
    assert form_for("008", " " * 40, MAP_LEADER).key == ("008", "MP")
    unknown = form_for("008", " " * 40, "00000nzm a2200000 i 4500")
    assert unknown.key == ("008", "?") and "Set Leader/06 first" in unknown.notice


def test_006_follows_its_byte_0_and_007_its_category():
    assert form_for("006", "m" + " " * 17, BOOK_LEADER).key == ("006", "CF")
    assert form_for("007", "cr", BOOK_LEADER).key == ("007", "c")
    assert form_for("007", "9x", BOOK_LEADER).notice.startswith("007/00 '9'")


def test_a_language_position_knows_current_obsolete_and_unknown_codes():
    language = next(p for p in marc21.field_008_positions("BK") if p.start == 35)
    assert position_status(language, "fre") == (True, "")
    assert position_status(language, "zzz") == (False, "not a MARC language code")
    ok, why = position_status(language, "esk")  # Eskimo languages: discontinued
    assert not ok and "obsolete" in why


def test_a_coded_position_refuses_a_code_it_does_not_define():
    biography = next(p for p in marc21.field_008_positions("BK") if p.start == 34)
    assert position_status(biography, "a")[0]
    assert position_status(biography, "z") == (False, "not a defined code here")
    assert position_status(biography, "") == (False, "missing: the field is too short")
