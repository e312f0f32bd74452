"""A picker for diacritics and special characters: grouped buttons, search, recently used.

The characters, their names and their MarcEdit mnemonics come from
``sandbox.records.characters``. A click (or Enter in the search box, for the first match) emits
``insertRequested`` with the text to insert at the cursor; the editor inserts it. Combining marks
are drawn on a dotted circle (◌́) so that they can be seen, but the mark alone is inserted: in
Unicode it goes *after* the letter it belongs to.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sandbox.records.characters import (
    GROUPS,
    SpecialCharacter,
    characters,
    find,
    search,
)

RECENT_KEY = "characterPicker/recent"
RECENT_LIMIT = 12
COLUMNS = 8


def tooltip(entry: SpecialCharacter) -> str:
    """Name, code point, Unicode name, mnemonic(s), an example and any note, as rich text."""
    lines = [f"<b>{entry.name}</b>", f"{entry.code_point} · {entry.unicode_name}"]
    if entry.mnemonics:
        names = " or ".join(f"<tt>{{{name}}}</tt>" for name in entry.mnemonics)
        lines.append(f"Mnemonic in .mrk text: {names}")
    else:
        lines.append("No .mrk mnemonic: type it, or write <tt>&amp;#x"
                     f"{ord(entry.char[0]):04X};</tt>")
    if entry.is_combining:
        lines.append("A combining mark: it is inserted after the letter it belongs to.")
    if entry.example:
        lines.append(f"Example: {entry.example}")
    if entry.note:
        lines.append(f"<i>{entry.note}</i>")
    if not entry.in_marc8:
        lines.append("<i>Not in MARC-8: records with it must be saved as UTF-8.</i>")
    return "<br>".join(lines)


class _CharButton(QToolButton):
    def __init__(self, entry: SpecialCharacter, font: QFont, parent: QWidget | None = None):
        super().__init__(parent)
        self.entry = entry
        self.setText(entry.shown)
        self.setFont(font)
        self.setToolTip(tooltip(entry))
        self.setAccessibleName(entry.name)
        self.setAccessibleDescription(f"{entry.code_point}"
                                      + (f", mnemonic {entry.mnemonic}" if entry.mnemonic else ""))
        # Reached with Tab, but a click leaves focus (and the cursor) in the editor typing.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setFixedSize(QSize(40, 40))


class CharacterPicker(QWidget):
    """Grouped buttons for special characters; ``insertRequested(text)`` asks to insert one."""

    insertRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, remember: bool = True):
        super().__init__(parent)
        self.setObjectName("characterPicker")
        self.setAccessibleName("Special characters")
        self._remember = remember
        self._recent: list[str] = self._load_recent()
        self._glyph_font = QFont(self.font())
        self._glyph_font.setPointSizeF(self.font().pointSizeF() * 1.6)

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Search: acute, hacek, stroke, {uml}, U+0301…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search special characters")
        self.search_box.textChanged.connect(self._filter)
        self.search_box.returnPressed.connect(self._insert_first_match)

        self.recent_label = QLabel("Recently used", self)
        self.recent_label.setObjectName("groupHeading")
        self._recent_row = QWidget(self)
        self._recent_layout = QHBoxLayout(self._recent_row)
        self._recent_layout.setContentsMargins(0, 0, 0, 0)
        self._recent_layout.setSpacing(2)
        self.recent_buttons: list[_CharButton] = []

        self.buttons: list[_CharButton] = []
        self._headings: dict[str, QLabel] = {}
        body = QWidget()
        grid_box = QVBoxLayout(body)
        grid_box.setContentsMargins(0, 0, 0, 0)
        grid_box.setSpacing(4)
        for group in GROUPS:
            heading = QLabel(group, body)
            heading.setObjectName("groupHeading")
            bold = heading.font()
            bold.setBold(True)
            heading.setFont(bold)
            self._headings[group] = heading
            grid_box.addWidget(heading)
            holder = QWidget(body)
            grid = QGridLayout(holder)
            grid.setContentsMargins(0, 0, 0, 6)
            grid.setSpacing(2)
            for number, entry in enumerate(characters(group)):
                button = _CharButton(entry, self._glyph_font, holder)
                button.clicked.connect(partial(self._chosen, entry.char))
                grid.addWidget(button, number // COLUMNS, number % COLUMNS)
                self.buttons.append(button)
            grid.setColumnStretch(COLUMNS, 1)
            heading.setProperty("holder", holder)
            grid_box.addWidget(holder)
        grid_box.addStretch(1)
        self.no_match = QLabel("No character matches.", body)
        self.no_match.hide()
        grid_box.insertWidget(0, self.no_match)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.setMinimumWidth(COLUMNS * 42)
        scroll.setMinimumWidth(COLUMNS * 42 + scroll.verticalScrollBar().sizeHint().width() + 4)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search_box)
        layout.addWidget(self.recent_label)
        layout.addWidget(self._recent_row)
        layout.addWidget(scroll, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search_box.setFocus)
        self._show_recent()

    # -- public
    def recent(self) -> list[str]:
        return list(self._recent)

    def visible_characters(self) -> list[str]:
        return [b.entry.char for b in self.buttons if not b.isHidden()]

    def button_for(self, char: str) -> QToolButton | None:
        return next((b for b in self.buttons if b.entry.char == char), None)

    # -- behaviour
    def _chosen(self, char: str) -> None:
        self.insertRequested.emit(char)
        self._recent = [char] + [c for c in self._recent if c != char]
        del self._recent[RECENT_LIMIT:]
        self._save_recent()
        self._show_recent()

    def _filter(self, text: str) -> None:
        matches = {entry.char for entry in search(text)}
        for button in self.buttons:
            button.setHidden(button.entry.char not in matches)
        for group, heading in self._headings.items():
            shown = any(b.entry.group == group and not b.isHidden() for b in self.buttons)
            heading.setHidden(not shown)
            heading.property("holder").setHidden(not shown)
        self.no_match.setVisible(not matches)

    def _insert_first_match(self) -> None:
        visible = self.visible_characters()
        if self.search_box.text().strip() and visible:
            self._chosen(visible[0])

    def _show_recent(self) -> None:
        for button in self.recent_buttons:
            self._recent_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.recent_buttons = []
        while self._recent_layout.count():
            self._recent_layout.takeAt(0)
        for char in self._recent:
            entry = find(char)
            if entry is None:
                continue
            button = _CharButton(entry, self._glyph_font, self._recent_row)
            button.setAccessibleName(f"{entry.name} (recently used)")
            button.clicked.connect(partial(self._chosen, char))
            self._recent_layout.addWidget(button)
            self.recent_buttons.append(button)
        self._recent_layout.addStretch(1)
        has_recent = bool(self.recent_buttons)
        self.recent_label.setVisible(has_recent)
        self._recent_row.setVisible(has_recent)

    def _load_recent(self) -> list[str]:
        if not self._remember:
            return []
        stored = QSettings().value(RECENT_KEY, [])
        if isinstance(stored, str):
            stored = [stored]
        return [c for c in (stored or []) if isinstance(c, str) and find(c)][:RECENT_LIMIT]

    def _save_recent(self) -> None:
        if self._remember:
            QSettings().setValue(RECENT_KEY, self._recent)
