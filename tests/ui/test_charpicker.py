"""The character picker: buttons that ask to insert, search, recently used, visible marks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from sandbox.records.characters import characters
from ui.charpicker import RECENT_KEY, CharacterPicker


@pytest.fixture
def picker(qtbot):
    widget = CharacterPicker(remember=False)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def inserted(picker):
    asked: list[str] = []
    picker.insertRequested.connect(asked.append)
    return asked


def test_there_is_a_button_for_every_character(picker):
    assert [b.entry.char for b in picker.buttons] == [c.char for c in characters()]


def test_clicking_a_button_asks_to_insert_its_character(qtbot, picker):
    asked = inserted(picker)
    qtbot.mouseClick(picker.button_for("\u0142"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(picker.button_for("\u0301"), Qt.MouseButton.LeftButton)
    assert asked == ["\u0142", "\u0301"]  # the mark alone, not the dotted circle


def test_combining_marks_are_drawn_on_a_dotted_circle(picker):
    assert picker.button_for("\u0301").text() == "\u25cc\u0301"


def test_tooltip_names_the_character_its_code_point_and_mnemonic(picker):
    tip = picker.button_for("\u030c").toolTip()
    assert "caron" in tip and "U+030C" in tip and "{caron}" in tip
    assert picker.button_for("\u02bb").accessibleName() == "ayn"


def test_search_shows_only_matching_characters_and_enter_inserts_the_first(qtbot, picker):
    asked = inserted(picker)
    qtbot.keyClicks(picker.search_box, "hacek")
    assert picker.visible_characters() == ["\u030c"]
    qtbot.keyClick(picker.search_box, Qt.Key.Key_Return)
    assert asked == ["\u030c"]
    picker.search_box.clear()
    assert len(picker.visible_characters()) == len(characters())


def test_a_search_with_no_match_says_so(qtbot, picker):
    qtbot.keyClicks(picker.search_box, "no such thing at all")
    assert picker.visible_characters() == [] and picker.no_match.isVisible()


def test_recently_used_puts_the_last_choice_first_once(qtbot, picker):
    assert not picker.recent_label.isVisible()
    for char in ("\u00fe", "\u0142", "\u00fe"):
        picker.button_for(char).click()
    assert picker.recent() == ["\u00fe", "\u0142"]
    assert [b.entry.char for b in picker.recent_buttons] == ["\u00fe", "\u0142"]
    asked = inserted(picker)
    picker.recent_buttons[1].click()
    assert asked == ["\u0142"]


def test_recently_used_is_remembered_between_sessions(qtbot):
    QSettings().remove(RECENT_KEY)
    first = CharacterPicker()
    qtbot.addWidget(first)
    first.button_for("\u2117").click()
    second = CharacterPicker()
    qtbot.addWidget(second)
    assert second.recent() == ["\u2117"]
    QSettings().remove(RECENT_KEY)


def test_clicking_a_button_leaves_focus_in_the_editor(qtbot, picker):
    from PySide6.QtWidgets import QApplication, QLineEdit

    typing = QLineEdit()
    qtbot.addWidget(typing)
    typing.show()
    typing.activateWindow()
    typing.setFocus()
    qtbot.mouseClick(picker.button_for("\u00e6"), Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is not picker.button_for("\u00e6")
