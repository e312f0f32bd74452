"""The fixed-field editor: one control per position, changes asked for (never made), forms that
follow the material type, findings that go to the right control, wrong values shown as they are."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from ui.fixed_fields import FixedFieldEditor

BOOK_LEADER = "00000nam a2200000 i 4500"
MAP_LEADER = "00000nem a2200000 i 4500"
BOOK_008 = "261123s2011    nyua   e b    001 0 eng d"
VIDEO_007 = "vd cvaizs"


@pytest.fixture
def editor(qtbot):
    widget = FixedFieldEditor()
    widget.resize(900, 700)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def has_focus(control) -> bool:
    """Focus is on the control (or, for a drop-down one can type in, on its text box)."""
    return QApplication.focusWidget() in (control, getattr(control, "lineEdit", lambda: None)())


def requests(editor):
    asked: list[tuple[str, int, str]] = []
    editor.changeRequested.connect(lambda tag, start, text: asked.append((tag, start, text)))
    return asked


def test_each_008_position_has_one_labelled_control(editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    language = editor.control_for(35)
    assert language.accessibleName() == "008/35-37 Language"
    assert "https://www.loc.gov/marc/languages/" in language.toolTip()
    assert editor.control_for(36) is language  # one control for the three characters
    assert editor.control_for(22).accessibleName() == "008/22 Target audience"
    # a coded position lists LC's codes with their meanings
    audience = editor.control_for(22)
    texts = [audience.itemText(i) for i in range(audience.count())]
    assert "e — Adult" in texts and audience.currentText() == "e — Adult"


def test_choosing_a_code_asks_for_the_change_and_keeps_the_field(qtbot, editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    asked = requests(editor)
    audience = editor.control_for(22)
    audience.setFocus()
    qtbot.keyClick(audience, Qt.Key.Key_Down)
    assert asked == [("008", 22, audience.itemData(audience.currentIndex()))]
    assert asked[0][2] != "e"
    assert editor.value() == BOOK_008  # the editor applies it, not the widget


def test_typing_a_date_asks_for_the_whole_position(qtbot, editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    asked = requests(editor)
    date_1 = editor.control_for(7)
    assert isinstance(date_1, QLineEdit) and date_1.text() == "2011"
    date_1.setFocus()
    date_1.selectAll()
    qtbot.keyClicks(date_1, "19u9")
    qtbot.keyClick(date_1, Qt.Key.Key_Return)
    assert asked == [("008", 7, "19u9")]


def test_a_date_refuses_letters_that_are_not_codes(qtbot, editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    asked = requests(editor)
    date_1 = editor.control_for(7)
    date_1.setFocus()
    date_1.setCursorPosition(0)
    qtbot.keyClicks(date_1, "1x9")  # x is no date code: refused, the 9 goes where it would
    qtbot.keyClick(date_1, Qt.Key.Key_Return)
    assert asked == [("008", 7, "1911")]


def test_typing_a_language_code_or_name_asks_for_its_code(qtbot, editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    asked = requests(editor)
    language = editor.control_for(35)
    line = language.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "fre")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert asked == [("008", 35, "fre")]


def test_one_of_several_illustration_codes_changes_only_its_character(qtbot, editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    asked = requests(editor)
    codes = editor.controls_for(18)
    assert len(codes) == 4 and all(isinstance(c, QComboBox) for c in codes)
    assert codes[1].accessibleName() == "008/18-21 Illustrations, code 2 of 4"
    assert editor.note_for(18) == "a Illustrations"
    codes[1].setFocus()
    qtbot.keyClick(codes[1], Qt.Key.Key_B)
    assert asked == [("008", 18, "ab  ")]
    assert editor.ruler.current() == (19, 19)


def test_set_field_after_a_change_updates_in_place_without_asking_again(qtbot, editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    language = editor.control_for(35)
    language.lineEdit().setFocus()
    asked = requests(editor)
    changed = BOOK_008[:22] + "j" + BOOK_008[23:]
    editor.set_field("008", changed, BOOK_LEADER)
    assert asked == []
    assert editor.control_for(35) is language  # same controls: focus stays where it was
    assert has_focus(language)
    assert editor.control_for(22).currentText().startswith("j — ")


def test_008_form_follows_leader_06_from_books_to_maps(editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    assert editor.layout_key() == ("008", "BK")
    assert editor.control_for(18).accessibleName().endswith("Illustrations, code 1 of 4")
    editor.set_field("008", BOOK_008, MAP_LEADER)
    assert editor.layout_key() == ("008", "MP")
    assert "Relief" in editor.control_for(18).accessibleName()
    assert "Maps" in editor.subtitle.text() and "Leader/06 'e'" in editor.subtitle.text()


def test_006_form_follows_its_own_byte_0_and_007_its_category(editor):
    editor.set_field("006", "m     o  d        ", BOOK_LEADER)
    assert editor.layout_key() == ("006", "CF")
    editor.set_field("007", VIDEO_007, BOOK_LEADER)
    assert editor.layout_key() == ("007", "v")
    assert editor.control_for(4).accessibleName() == "007/04 Videorecording format"
    editor.set_field("007", "sd fsngnnmmned", BOOK_LEADER)
    assert editor.layout_key() == ("007", "s")


def test_changing_007_category_offers_every_category(qtbot, editor):
    editor.set_field("007", VIDEO_007, BOOK_LEADER)
    category = editor.control_for(0)
    codes = {category.itemData(i) for i in range(category.count())}
    assert {"a", "c", "s", "v"} <= codes


def test_leader_06_change_is_asked_with_the_ldr_tag(qtbot, editor):
    editor.set_field("LDR", BOOK_LEADER, BOOK_LEADER)
    asked = requests(editor)
    kind = editor.control_for(6)
    index = kind.findData("e")
    kind.setFocus()
    kind.setCurrentIndex(index - 1)
    qtbot.keyClick(kind, Qt.Key.Key_Down)
    assert asked == [("LDR", 6, "e")]
    # record length and base address are the system's to compute
    assert editor.control_for(0).isReadOnly() and editor.control_for(12).isReadOnly()


def test_highlight_goes_to_the_control_and_marks_the_ruler(qtbot, editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    editor.highlight(35, 37)
    assert editor.current_span() == (35, 37)
    assert editor.ruler.marked() == (35, 37)
    assert has_focus(editor.control_for(35))
    editor.highlight(23, 23)
    assert editor.current_span() == (23, 23)
    assert has_focus(editor.control_for(23))


def test_invalid_values_are_shown_as_they_are_and_marked(editor):
    wrong = BOOK_008[:23] + "x" + BOOK_008[24:35] + "en " + BOOK_008[38:]
    editor.set_field("008", wrong, BOOK_LEADER)
    form_of_item = editor.control_for(23)
    assert form_of_item.currentData() == "x"
    assert "not a defined code" in form_of_item.currentText()
    assert editor.control_for(35).currentText() == "en#"  # as it is: blank shown as #
    assert "not a MARC language code" in editor.note_for(35)
    assert editor.note_for(22) == ""
    assert (23, 23) in editor.invalid_spans() and (35, 37) in editor.invalid_spans()
    assert "Problem" in editor.control_for(23).accessibleDescription()
    assert editor.value() == wrong  # nothing replaced


def test_a_short_008_says_so_and_shows_the_missing_positions(editor):
    editor.set_field("008", BOOK_008[:30], BOOK_LEADER)
    assert editor.notice.isVisible() and "30 characters" in editor.notice.text()
    assert (35, 37) in editor.invalid_spans()
    assert (7, 10) not in editor.invalid_spans()


def test_a_leader_that_selects_no_material_still_shows_the_008(editor):
    editor.set_field("008", BOOK_008, "00000nzm a2200000 i 4500")
    assert editor.layout_key() == ("008", "?")
    assert "Leader/06 'z'" in editor.notice.text()
    assert editor.control_for(20) is not None and editor.control_for(35) is not None


def test_clicking_the_ruler_moves_to_that_position(qtbot, editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    editor.ruler.positionClicked.emit(36)
    assert editor.current_span() == (35, 37)
    assert editor.ruler.current() == (35, 37)


def test_an_unknown_tag_gives_a_message_not_a_crash(editor):
    editor.set_field("245", "x", BOOK_LEADER)
    assert "not a fixed field" in editor.notice.text()


def test_focus_stays_on_the_same_position_when_the_form_switches(qtbot, editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    editor.control_for(35).setFocus()
    editor.set_field("008", BOOK_008, MAP_LEADER)
    assert editor.layout_key() == ("008", "MP")
    assert has_focus(editor.control_for(35))
    assert editor.current_span() == (35, 37)


def test_tooltips_give_the_definition_source(editor):
    editor.set_field("007", VIDEO_007, BOOK_LEADER)
    tip = editor.control_for(4).toolTip()
    assert "007/04 — Videorecording format" in tip
    assert "https://www.loc.gov/marc/bibliographic/bd007v.html" in tip


def test_a_two_letter_country_is_listed_and_asked_for_blank_padded(qtbot, editor):
    france = BOOK_008[:15] + "fr " + BOOK_008[18:]
    editor.set_field("008", france, BOOK_LEADER)
    place = editor.control_for(15)
    assert place.currentText() == "fr — France" and editor.note_for(15) == ""
    asked = requests(editor)
    line = place.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "xx")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert asked == [("008", 15, "xx ")]


def test_highlight_of_one_code_in_a_row_of_codes_focuses_that_code(editor):
    editor.set_field("008", BOOK_008, BOOK_LEADER)
    editor.highlight(25, 25)
    assert has_focus(editor.controls_for(24)[1])
    assert editor.current_span() == (24, 27)
