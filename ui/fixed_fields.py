"""Fixed-field editors for the Leader, 006, 007 and 008: one labelled control per position.

``FixedFieldEditor`` shows the form for one fixed field: the 008 (and 006) layout the material type
selects (Leader/06-07 for the 008, 006/00 for the 006, 007/00 for the 007), each position with a
drop-down of LC's codes and their meanings, dates as masked text, languages and countries with
completion, and a byte ruler showing the raw string with the current position highlighted.

The widget never changes a record: when the learner changes a position it emits
``changeRequested(tag, start, text)`` (``text`` fills the whole position, e.g. 3 characters for
008/35-37); the editor applies it through its undo stack and calls ``set_field`` again, which
updates the controls in place so focus and cursor stay where the learner is.

Every definition shown comes from ``sandbox.reference.marc21`` and ``sandbox.reference.codes``;
this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import (
    QEvent,
    QObject,
    QRect,
    QRectF,
    QRegularExpression,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from sandbox.reference import codes
from sandbox.reference.fixed_layout import (
    FixedForm,
    form_for,
    position_status,
)
from sandbox.reference.marc21 import PositionDef

BLANK_SHOWN = "#"  # LC's documentation writes a blank as '#'
LEADER = "LDR"
_TAG_ALIASES = {"LDR": LEADER, "LEADER": LEADER, "000": LEADER}
_TAG_NAMES = {LEADER: "Leader", "006": "006", "007": "007", "008": "008"}
_TITLES = {
    LEADER: "Leader",
    "006": "006 — Fixed-length data elements, additional material characteristics",
    "007": "007 — Physical description fixed field",
    "008": "008 — Fixed-length data elements",
}
#: Positions the system computes when it writes the record: shown, not edited.
_COMPUTED = {(LEADER, 0), (LEADER, 12)}
_CODE_LIST_NAMES = {"languages": "MARC Code List for Languages",
                    "countries": "MARC Code List for Countries"}
_CODE_LIST_URLS = {"languages": "https://www.loc.gov/marc/languages/",
                   "countries": "https://www.loc.gov/marc/countries/"}
#: An editable drop-down with completion once a list is longer than this.
_LONG_LIST = 20
INVALID_COLOR = QColor("#c62828")
FINDING_COLOR = QColor("#ef8f00")


# ---------------------------------------------------------------------------------------------
# what a form is made of


# ---------------------------------------------------------------------------------------------
# cataloger's words for a position


def span_text(tag: str, start: int, end: int) -> str:
    """``008/35-37``, ``Leader/06``: how a position is named to people."""
    name = _TAG_NAMES.get(tag, tag)
    return f"{name}/{start:02d}" if start == end else f"{name}/{start:02d}-{end:02d}"


def shown(code: str) -> str:
    """A code as LC's documentation writes it: blanks as '#'."""
    return code.replace(" ", BLANK_SHOWN)


def _from_shown(text: str) -> str:
    return text.replace(BLANK_SHOWN, " ")


def _is_range(key: str) -> bool:
    return "-" in key and key.replace("-", "").isdigit() and len(key) > 3


def _is_numeric(position: PositionDef) -> bool:
    """Dates, counts and the like: every code a digit, 'u', '|', '-' or a blank."""
    keys = [k for k in position.codes if not _is_range(k)]
    return bool(keys) and position.repeat_codes and all(k in "0123456789u|- " for k in keys)


def _tooltip(tag: str, position: PositionDef) -> str:
    lines = [f"<b>{span_text(tag, position.start, position.end)} — {position.label}</b>"]
    size = f"{position.length} character{'s' if position.length > 1 else ''}"
    if (tag, position.start) in _COMPUTED:
        lines.append(f"{size}, computed by the system when the record is written.")
    elif position.code_list:
        lines.append(f"{size}: a code from the {_CODE_LIST_NAMES.get(position.code_list, '')}.")
    elif position.codes and position.repeat_codes and not _is_numeric(position):
        lines.append(f"{size}, each one code (up to {position.length} codes, left-justified, "
                     "blanks after).")
    elif position.codes:
        lines.append(f"{size}.")
    else:
        lines.append(f"{size} of free text.")
    listed = [(k, v) for k, v in position.codes.items() if k.strip("0123456789") or
              len(position.codes) < 12]
    if listed and not _is_numeric(position):
        shown_codes = "<br>".join(f"<tt>{shown(k)}</tt> {v}" for k, v in listed[:12])
        more = f"<br>… and {len(listed) - 12} more" if len(listed) > 12 else ""
        lines.append(shown_codes + more)
    source = _CODE_LIST_URLS.get(position.code_list or "", position.citation)
    lines.append(f"<i>Source: Library of Congress, MARC 21 Bibliographic — {source}</i>")
    if position.code_list:
        lines.append(f"<i>Position defined at {position.citation}</i>")
    return "<br>".join(lines)


def _code_list_choices(name: str, length: int) -> list[tuple[str, str]]:
    """Current codes of a MARC code list, blank-padded to the position's length (008/15-17
    holds "fr " for France)."""
    entries = codes.languages() if name == "languages" else codes.countries()
    return [(e.code.ljust(length), e.name) for e in entries.values() if not e.obsolete]


def _code_shown(code: str) -> str:
    """A code in a list: trailing padding left out ("fr", not "fr#"), blanks as '#'."""
    return shown(code.rstrip(" ") or code)


# ---------------------------------------------------------------------------------------------
# controls


class _CodeCombo(QComboBox):
    """A drop-down of codes ("a — Illustrations"); ``compact`` shows only the code when closed.

    A value that is not among the choices is shown as an extra, marked item (never replaced).
    Emits ``committed`` with the chosen code when the learner picks or types one.
    """

    committed = Signal(str)

    def __init__(self, choices: list[tuple[str, str]], length: int, *, editable: bool,
                 compact: bool = False, obsolete: dict[str, str] | None = None,
                 placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._length = length
        self._compact = compact
        self._obsolete = obsolete or {}
        self._value: str | None = None
        self._asked: str | None = None
        self._codes = [code for code, _ in choices]
        self.setEditable(editable)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        for code, meaning in choices:
            self.addItem(f"{_code_shown(code)} — {meaning}", code)
            self.setItemData(self.count() - 1, f"{_code_shown(code)} — {meaning}",
                             Qt.ItemDataRole.ToolTipRole)
        if compact:
            self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow)
            self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 24)
        else:
            self.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.setMinimumContentsLength(30)
        if editable:
            completer = QCompleter(self.model(), self)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.setCompleter(completer)
            if placeholder:
                self.lineEdit().setPlaceholderText(placeholder)
            self.lineEdit().editingFinished.connect(self._typed)
            completer.activated[str].connect(self._completed)
        self.activated.connect(self._picked)

    # -- what the learner does
    def _picked(self, index: int) -> None:
        code = self.itemData(index)
        if isinstance(code, str):
            self._commit(code)

    def _completed(self, _text: str) -> None:
        self._typed()

    def _typed(self) -> None:
        text = self.lineEdit().text()
        code = _from_shown(text.split(" — ", 1)[0]) if " — " in text else _from_shown(text)
        if not code.strip() and text.strip() == "":
            return  # an emptied box: leave the value as it was
        self._commit(code[: self._length].ljust(self._length))

    def _commit(self, code: str) -> None:
        # Enter in the completer both activates it and finishes editing: ask once per value.
        if code != self._value and code != self._asked:
            self._asked = code
            self.committed.emit(code)

    # -- what the editor shows
    def set_value(self, value: str, valid: bool, reason: str) -> None:
        self._value = value
        self._asked = None
        self.blockSignals(True)
        try:
            extra = self.findData("__current__", Qt.ItemDataRole.UserRole + 1)
            if extra >= 0:
                self.removeItem(extra)
            index = self.findData(value) if value in self._codes else -1
            if index < 0:
                meaning = self._obsolete.get(value)
                text = (f"{shown(value)} — obsolete: {meaning}" if meaning else
                        f"{shown(value)} — {reason or 'entered value'}" if not valid else
                        f"{shown(value)}")
                self.insertItem(0, text, value)
                self.setItemData(0, "__current__", Qt.ItemDataRole.UserRole + 1)
                if not valid:
                    self.setItemData(0, INVALID_COLOR, Qt.ItemDataRole.ForegroundRole)
                index = 0
            if self.currentIndex() != index:
                self.setCurrentIndex(index)
            if self.isEditable():
                # a listed code shows its meaning; anything else just as it is (the reason
                # is shown beside the box)
                wanted = self.itemText(index) if value in self._codes else shown(value)
                if self.lineEdit().text() != wanted and not (
                        self.hasFocus() and _from_shown(
                            self.lineEdit().text().split(" — ", 1)[0]) == value):
                    self.lineEdit().setText(wanted)
        finally:
            self.blockSignals(False)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self._compact:
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        code = self.currentData()
        option.currentText = shown(code) if isinstance(code, str) else ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def sizeHint(self) -> QSize:  # noqa: N802
        if not self._compact:
            return super().sizeHint()
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        text = QSize(self.fontMetrics().horizontalAdvance("MM"), self.fontMetrics().height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint() if self._compact else super().minimumSizeHint()


class _MaskedText(QLineEdit):
    """Fixed-width text (dates, counts, free positions): blanks shown and typed as '#'."""

    committed = Signal(str)

    def __init__(self, position: PositionDef, *, read_only: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self._length = position.length
        self._value: str | None = None
        self.setInputMask("X" * position.length + ";" + BLANK_SHOWN)
        if position.codes:
            allowed = "".join(sorted({c for k in position.codes if not _is_range(k) for c in k}))
            allowed = allowed.replace(" ", "") + BLANK_SHOWN
            escaped = "".join("\\" + c if c in "\\^-]" else c for c in allowed)
            pattern = f"[{escaped}]*"
            self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(mono)
        width = QFontMetrics(mono).horizontalAdvance("M" * max(position.length, 4)) + 24
        self.setFixedWidth(width)
        self.setMinimumHeight(_control_height())  # rows of text boxes and drop-downs line up
        self.setReadOnly(read_only)
        self.editingFinished.connect(self._finished)

    def text_value(self) -> str:
        return _from_shown(self.displayText()).ljust(self._length)[: self._length]

    def _finished(self) -> None:
        if self.isReadOnly():
            return
        value = self.text_value()
        if value != self._value:
            self.committed.emit(value)

    def set_value(self, value: str, valid: bool, reason: str) -> None:
        self._value = value
        text = shown(value)
        if self.displayText() == text:
            return
        cursor = self.cursorPosition()
        self.blockSignals(True)
        try:
            self.setText(text)
            if self.hasFocus():
                self.setCursorPosition(min(cursor, len(text)))
        finally:
            self.blockSignals(False)


# ---------------------------------------------------------------------------------------------
# one row of the form


class _PositionRow:
    """The controls of one position: its label, its drop-down(s) or text box, its status.

    ``on_change(start, text)`` is called with the whole position's new text; ``focus_filter``
    (the editor) is told when one of the controls gets focus. A plain object rather than a
    QObject: its widgets belong to the form and go with it.
    """

    def __init__(self, tag: str, position: PositionDef, parent: QWidget,
                 on_change: Callable[[int, str], None], focus_filter: QObject):
        self.tag = tag
        self._on_change = on_change
        self._focus_filter = focus_filter
        self.position = position
        self.value = ""
        name = f"{span_text(tag, position.start, position.end)} {position.label}"
        tip = _tooltip(tag, position)

        self.number = QLabel(f"{position.start:02d}" if position.length == 1
                             else f"{position.start:02d}-{position.end:02d}", parent)
        self.number.setObjectName("positionNumber")
        self.number.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.number.setToolTip(tip)
        self.label = QLabel(position.label, parent)
        self.label.setToolTip(tip)
        self.label.setWordWrap(False)
        self.valid = True
        self.controls: list[QWidget] = []
        self.container = QWidget(parent)
        box = QHBoxLayout(self.container)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        # Beside the control: the meanings of a row of codes, or what is wrong with the value.
        self.note = QLabel(self.container)
        self.note.setObjectName("positionNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        if (tag, position.start) in _COMPUTED or _is_numeric(position) or (
                not position.codes and not position.code_list):
            edit = _MaskedText(position, read_only=(tag, position.start) in _COMPUTED)
            edit.committed.connect(self._whole_changed)
            self._add(edit, name, tip, box)
        elif position.code_list:
            choices = _code_list_choices(position.code_list, position.length)
            combo = _CodeCombo(choices, position.length, editable=True,
                               placeholder="type a code or a name")
            combo.committed.connect(self._whole_changed)
            self._add(combo, name, tip, box)
        elif position.repeat_codes:
            choices = list(position.codes.items())
            for index in range(position.length):
                combo = _CodeCombo(choices, 1, editable=False, compact=True,
                                   obsolete=position.obsolete_codes)
                combo.committed.connect(partial(self._one_changed, index))
                self._add(combo, f"{name}, code {index + 1} of {position.length}", tip, box,
                          offset=index)
        else:
            choices = [(k, v) for k, v in position.codes.items() if not _is_range(k)]
            ranges = [f"{k} {v}" for k, v in position.codes.items() if _is_range(k)]
            editable = bool(ranges) or len(choices) > _LONG_LIST
            combo = _CodeCombo(choices, position.length, editable=editable,
                               obsolete=position.obsolete_codes,
                               placeholder=("or type " + "; ".join(ranges)) if ranges else
                               "type a code or a meaning")
            combo.committed.connect(self._whole_changed)
            self._add(combo, name, tip, box)
        box.addSpacing(8)
        box.addWidget(self.note, 1)
        self.label.setBuddy(self.controls[0])

    def _add(self, widget: QWidget, name: str, tip: str, box: QHBoxLayout,
             offset: int = 0) -> None:
        widget.setAccessibleName(name)
        widget.setToolTip(tip)
        widget.setProperty("positionOffset", offset)
        widget.installEventFilter(self._focus_filter)
        if isinstance(widget, QComboBox) and widget.isEditable():
            widget.lineEdit().installEventFilter(self._focus_filter)
            widget.lineEdit().setProperty("positionOffset", offset)
        self.controls.append(widget)
        box.addWidget(widget)

    def owns(self, widget: QObject) -> bool:
        return any(widget is c or (isinstance(c, QComboBox) and widget is c.lineEdit())
                   for c in self.controls)

    def span_of(self, widget: QObject) -> tuple[int, int]:
        """The span a control stands for: one character of a row of small drop-downs, or all."""
        if self.position.repeat_codes and len(self.controls) > 1:
            start = self.position.start + int(widget.property("positionOffset") or 0)
            return start, start
        return self.position.start, self.position.end

    def _whole_changed(self, text: str) -> None:
        self._on_change(self.position.start, text)

    def _one_changed(self, index: int, code: str) -> None:
        chars = list(self.value.ljust(self.position.length)[: self.position.length])
        chars[index] = code
        self._on_change(self.position.start, "".join(chars))

    def set_value(self, field_value: str) -> bool:
        """Show this position's part of ``field_value``; returns whether it is acceptable."""
        value = self.position.slice(field_value)
        self.value = value
        valid, reason = position_status(self.position, value)
        summary = ""
        if len(self.controls) > 1:
            padded = value.ljust(self.position.length)
            meanings = []
            for index, control in enumerate(self.controls):
                char = padded[index]
                ok = index < len(value) and char in self.position.codes
                bad = "missing" if index >= len(value) else (
                    "an obsolete code" if char in self.position.obsolete_codes else
                    "not a defined code here")
                control.set_value(char, ok, "" if ok else bad)
                if ok and char not in (" ", "|"):
                    meanings.append(f"{char} {self.position.codes[char]}")
            summary = "; ".join(meanings) or (
                self.position.codes.get(padded[0], "") if padded[0] in " |" else "")
        else:
            self.controls[0].set_value(value, valid, reason)
        self.valid = valid
        self.note.setText(summary if valid else f"⚠ {reason}")
        self.note.setToolTip(self.note.text())
        palette = self.note.palette()
        palette.setColor(QPalette.ColorRole.WindowText, INVALID_COLOR if not valid else
                         self.container.palette().color(QPalette.ColorRole.PlaceholderText))
        self.note.setPalette(palette)
        for control in self.controls:
            control.setAccessibleDescription("" if valid else f"Problem: {reason}")
        return valid

    def focus(self, at: int | None = None) -> None:
        """Focus the control (in a row of small drop-downs, the one for character ``at``)."""
        offset = 0 if at is None else at - self.position.start
        control = self.controls[offset] if 0 <= offset < len(self.controls) else self.controls[0]
        control.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(control, QLineEdit):
            control.selectAll()

    def set_highlighted(self, on: bool) -> None:
        font = self.label.font()
        font.setBold(on)
        self.label.setFont(font)
        self.number.setFont(_mono(bold=on))

    def widgets(self) -> list[QWidget]:
        return [self.number, self.label, self.container]


_HEIGHT: list[int] = []


def _control_height() -> int:
    """The height of a drop-down in this style (measured once)."""
    if not _HEIGHT:
        _HEIGHT.append(QComboBox().sizeHint().height())
    return _HEIGHT[0]


def _mono(bold: bool = False) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setBold(bold)
    return font


# ---------------------------------------------------------------------------------------------
# the byte ruler


class ByteRuler(QWidget):
    """The raw string in monospace under its position numbers, the current position highlighted.

    Blanks are drawn as a dim '#'; positions the field is too short to have are dashed boxes;
    characters past the field's proper length, and positions holding an invalid value, are red.
    Clicking a character emits ``positionClicked``.
    """

    positionClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value = ""
        self._length = 0
        self._spans: list[tuple[int, int]] = []
        self._current: tuple[int, int] | None = None
        self._marked: tuple[int, int] | None = None
        self._invalid: set[int] = set()
        self._mono = _mono()
        self._mono.setPointSizeF(self._mono.pointSizeF() * 1.15)
        self._small = _mono()
        self._small.setPointSizeF(max(self._small.pointSizeF() * 0.72, 6.5))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Byte ruler")

    # -- data
    def set_field(self, tag: str, value: str, length: int | None,
                  spans: list[tuple[int, int]]) -> None:
        self._value = value
        self._length = length if length is not None else len(value)
        self._spans = spans
        self.setAccessibleDescription(f"{_TAG_NAMES.get(tag, tag)}: {shown(value)}")
        self.setToolTip(f"{_TAG_NAMES.get(tag, tag)} as stored, one character per position "
                        f"({BLANK_SHOWN} is a blank). Click a character to edit it.")
        self.updateGeometry()
        self.update()

    def set_current(self, span: tuple[int, int] | None) -> None:
        self._current = span
        self.update()

    def set_marked(self, span: tuple[int, int] | None) -> None:
        self._marked = span
        self.update()

    def set_invalid(self, positions: set[int]) -> None:
        self._invalid = positions
        self.update()

    def current(self) -> tuple[int, int] | None:
        return self._current

    def marked(self) -> tuple[int, int] | None:
        return self._marked

    # -- geometry
    def _cell(self) -> int:
        return QFontMetrics(self._mono).horizontalAdvance("M") + 9

    def _cells(self) -> int:
        return max(self._length, len(self._value))

    def sizeHint(self) -> QSize:  # noqa: N802
        small, mono = QFontMetrics(self._small), QFontMetrics(self._mono)
        return QSize(16 + self._cells() * self._cell(),
                     12 + small.height() + 4 + mono.height() + 10)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(min(self.sizeHint().width(), 320), self.sizeHint().height())

    def _cell_width(self) -> float:
        cells = max(self._cells(), 1)
        return min(float(self._cell()), (self.width() - 16) / cells)

    def position_at(self, x: float) -> int | None:
        index = int((x - 8) // self._cell_width())
        return index if 0 <= index < self._cells() else None

    def mousePressEvent(self, event) -> None:  # noqa: N802
        index = self.position_at(event.position().x())
        if index is not None:
            self.positionClicked.emit(index)

    # -- painting
    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.Text)
        dim = palette.color(QPalette.ColorRole.PlaceholderText)
        base = palette.color(QPalette.ColorRole.Base)
        alternate = palette.color(QPalette.ColorRole.AlternateBase)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        highlighted_text = palette.color(QPalette.ColorRole.HighlightedText)
        small, mono = QFontMetrics(self._small), QFontMetrics(self._mono)
        width = self._cell_width()
        top = 6
        numbers_height = small.height()
        row_top = top + numbers_height + 4
        row_height = mono.height() + 8

        frame = QRectF(4, row_top - 2, width * self._cells() + 8, row_height + 4)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(base)
        painter.drawRoundedRect(frame, 5, 5)

        span_of = {}
        for number, (start, end) in enumerate(self._spans):
            for index in range(start, end + 1):
                span_of[index] = number

        def cell_rect(start: int, end: int) -> QRectF:
            return QRectF(8 + start * width, row_top, (end - start + 1) * width, row_height)

        # alternate shading by position, so multi-byte positions read as one block
        for number, (start, end) in enumerate(self._spans):
            if number % 2 and end < self._cells():
                painter.fillRect(cell_rect(start, min(end, self._cells() - 1)), alternate)
        if self._marked is not None:
            start, end = self._marked
            painter.setPen(QPen(FINDING_COLOR, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(cell_rect(start, end).adjusted(1, 1, -1, -1), 3, 3)
        if self._current is not None:
            start, end = self._current
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            painter.drawRoundedRect(cell_rect(start, end).adjusted(1, 2, -1, -2), 3, 3)

        # span separators
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Midlight), 1))
        for start, _end in self._spans[1:]:
            if start < self._cells():
                x = 8 + start * width
                painter.drawLine(int(x), int(row_top + 3), int(x), int(row_top + row_height - 3))

        for index in range(self._cells()):
            x = 8 + index * width
            is_current = self._current is not None and \
                self._current[0] <= index <= self._current[1]
            number_rect = QRect(int(x), top, int(width), numbers_height)
            painter.setFont(self._small)
            first_of_span = any(start == index for start, _ in self._spans)
            painter.setPen(text_color if is_current or first_of_span else dim)
            painter.drawText(number_rect, Qt.AlignmentFlag.AlignCenter, f"{index:02d}")
            rect = cell_rect(index, index)
            painter.setFont(self._mono)
            if index >= len(self._value):
                painter.setPen(QPen(INVALID_COLOR, 1, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(3, 4, -3, -4))
                continue
            char = self._value[index]
            past_end = index >= self._length
            bad = past_end or index in self._invalid
            if is_current:
                color = highlighted_text
            elif bad:
                color = INVALID_COLOR
            elif char == " ":
                color = dim
            else:
                color = text_color
            painter.setPen(color)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                             BLANK_SHOWN if char == " " else char)
            if bad:
                painter.setPen(QPen(INVALID_COLOR, 2))
                y = rect.bottom() - 2
                painter.drawLine(int(rect.left() + 3), int(y), int(rect.right() - 3), int(y))
        painter.end()


# ---------------------------------------------------------------------------------------------
# the editor


class FixedFieldEditor(QWidget):
    """The form for one fixed field (Leader, 006, 007 or 008) with its byte ruler.

    ``set_field(tag, value, leader)`` shows a field; ``highlight(start, end)`` goes to the
    position a finding names; ``changeRequested(tag, start, text)`` asks the editor to change a
    position (the widget keeps no change itself). ``tag`` is ``"LDR"`` for the leader.
    """

    changeRequested = Signal(str, int, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fixedFieldEditor")
        self._form: FixedForm | None = None
        self._tag = ""
        self._value = ""
        self._leader = ""
        self._rows: list[_PositionRow] = []
        self._current_row: _PositionRow | None = None
        self._highlighted: tuple[int, int] | None = None

        self.title = QLabel(self)
        self.title.setObjectName("fixedFieldTitle")
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("fixedFieldSubtitle")
        subtitle_palette = self.subtitle.palette()
        subtitle_palette.setColor(QPalette.ColorRole.WindowText,
                                  self.palette().color(QPalette.ColorRole.PlaceholderText))
        self.subtitle.setPalette(subtitle_palette)
        self.notice = QLabel(self)
        self.notice.setObjectName("fixedFieldNotice")
        self.notice.setWordWrap(True)
        notice_palette = self.notice.palette()
        notice_palette.setColor(QPalette.ColorRole.WindowText, INVALID_COLOR)
        self.notice.setPalette(notice_palette)
        self.notice.hide()

        self.ruler = ByteRuler(self)
        self.ruler.positionClicked.connect(self._go_to_position)

        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._form_widget = QWidget()
        self._scroll.setWidget(self._form_widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.notice)
        layout.addSpacing(2)
        layout.addWidget(self.ruler)
        layout.addSpacing(4)
        layout.addWidget(self._scroll, 1)
        self.setAccessibleName("Fixed-field editor")

    # -- public API
    def set_field(self, tag: str, value: str, leader: str) -> None:
        """Show ``value`` of ``tag`` ("LDR", "006", "007" or "008") for a record with ``leader``.

        Called again after each change: when the layout stays the same the controls are updated
        in place (focus and cursor stay put); when it changes (a new Leader/06 for the 008, a
        new 006/00 or 007/00) the form is rebuilt and focus returns to the same position.
        """
        tag = _TAG_ALIASES.get(tag.upper(), tag)
        value = value or ""
        if tag == LEADER:
            leader = value
        try:
            form = form_for(tag, value, leader or "")
        except ValueError as error:
            self._show_unsupported(tag, str(error))
            return
        self._tag, self._value, self._leader = tag, value, leader or ""
        if self._form is None or form.key != self._form.key:
            self._rebuild(form)
        self._form = form
        self._refresh()

    def highlight(self, start: int, end: int | None = None) -> None:
        """Go to the control for positions ``start``-``end`` and mark them on the ruler."""
        end = start if end is None else end
        self._highlighted = (start, end)
        self.ruler.set_marked((start, end))
        row = self._row_for(start, end)
        for each in self._rows:
            each.set_highlighted(each is row)
        if row is not None:
            self._scroll.ensureWidgetVisible(row.container, 0, 40)
            self._scroll.horizontalScrollBar().setValue(0)  # labels stay in view
            row.focus(at=max(start, row.position.start))
            self._set_current(row, row.position.start, row.position.end)

    def tag(self) -> str:
        return self._tag

    def value(self) -> str:
        return self._value

    def layout_key(self) -> tuple[str, str] | None:
        """("008", "BK"), ("007", "v"), ("LDR", "") …: which form is showing."""
        return self._form.key if self._form else None

    def current_span(self) -> tuple[int, int] | None:
        """The position the learner is on (by focus, a click on the ruler or ``highlight``)."""
        row = self._current_row
        return (row.position.start, row.position.end) if row else None

    def control_for(self, start: int) -> QWidget | None:
        """The (first) control of the position that holds ``start``."""
        row = self._row_for(start, start)
        return row.controls[0] if row else None

    def controls_for(self, start: int) -> list[QWidget]:
        row = self._row_for(start, start)
        return list(row.controls) if row else []

    def note_for(self, start: int) -> str:
        """What is shown beside a position: its codes' meanings, or what is wrong with it."""
        row = self._row_for(start, start)
        return row.note.text() if row else ""

    def invalid_spans(self) -> list[tuple[int, int]]:
        """The positions whose current value is not acceptable, as (start, end)."""
        return [(r.position.start, r.position.end) for r in self._rows if not r.valid]

    # -- building
    def _clear(self) -> QWidget:
        """A new, empty form (shown once filled: children added to a visible widget show only
        later and could not take focus yet)."""
        self._rows = []
        self._current_row = None
        self._form_widget = QWidget()
        return self._form_widget

    def _show_form(self) -> None:
        self._scroll.setWidget(self._form_widget)  # the scroll area deletes the old form

    def _show_unsupported(self, tag: str, message: str) -> None:
        self._clear()
        self._show_form()
        self._form = None
        self._tag, self._value = tag, ""
        self.title.setText(tag)
        self.subtitle.setText("")
        self.notice.setText(message)
        self.notice.show()
        self.ruler.set_field(tag, "", 0, [])

    def _rebuild(self, form: FixedForm) -> None:
        had_focus = self.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        previous = self.current_span()
        self._clear()
        grid = QGridLayout(self._form_widget)
        grid.setContentsMargins(2, 0, 8, 8)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(5)
        grid.setColumnStretch(2, 1)
        line = 0
        for number, section in enumerate(form.sections):
            heading = QLabel(section.heading, self._form_widget)
            heading.setObjectName("sectionHeading")
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            if number:
                grid.setRowMinimumHeight(line, 8)
                line += 1
            grid.addWidget(heading, line, 0, 1, 4)
            line += 1
            rule = QFrame(self._form_widget)
            rule.setFrameShape(QFrame.Shape.HLine)
            rule.setFrameShadow(QFrame.Shadow.Sunken)
            grid.addWidget(rule, line, 0, 1, 4)
            line += 1
            for position in section.positions:
                row = _PositionRow(form.tag, position, self._form_widget, self._row_changed,
                                   self)
                for column, widget in enumerate(row.widgets()):
                    alignment = Qt.AlignmentFlag.AlignVCenter
                    if column == 0:
                        alignment |= Qt.AlignmentFlag.AlignRight
                    grid.addWidget(widget, line, column, alignment)
                self._rows.append(row)
                line += 1
        grid.setRowStretch(line, 1)
        self._show_form()
        self._highlighted = None
        self.ruler.set_marked(None)
        if previous is not None:
            row = self._row_for(*previous)
            if row is not None:
                self._set_current(row, row.position.start, row.position.end)
                if had_focus:
                    row.focus()

    def _refresh(self) -> None:
        form = self._form
        assert form is not None
        self.title.setText(_TITLES.get(form.tag, form.tag))
        self.subtitle.setText(form.subtitle)
        notices = [form.notice] if form.notice else []
        if form.length is not None and len(self._value) != form.length:
            name = _TAG_NAMES[form.tag]
            notices.append(f"{name} is {len(self._value)} characters long; it must be "
                           f"{form.length}. "
                           + ("Missing positions are shown empty." if len(self._value) <
                              form.length else "The extra characters are shown in red."))
        self.notice.setText(" ".join(notices))
        self.notice.setVisible(bool(notices))
        invalid: set[int] = set()
        for row in self._rows:
            if not row.set_value(self._value):
                invalid.update(range(row.position.start, row.position.end + 1))
        spans = [(r.position.start, r.position.end) for r in self._rows]
        self.ruler.set_field(form.tag, self._value, form.length, spans)
        self.ruler.set_invalid(invalid)

    # -- reacting
    def _row_changed(self, start: int, text: str) -> None:
        self.changeRequested.emit(self._tag, start, text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn:
            for row in self._rows:
                if row.owns(watched):
                    self._set_current(row, *row.span_of(watched))
                    break
        return False

    def _set_current(self, row: _PositionRow, start: int, end: int) -> None:
        self._current_row = row
        self.ruler.set_current((start, end))

    def _row_for(self, start: int, end: int) -> _PositionRow | None:
        for row in self._rows:
            if row.position.start <= end and start <= row.position.end:
                return row
        return None

    def _go_to_position(self, index: int) -> None:
        row = self._row_for(index, index)
        if row is None:
            return
        offset = index - row.position.start
        control = row.controls[offset] if len(row.controls) > 1 else row.controls[0]
        span = (index, index) if len(row.controls) > 1 else (row.position.start,
                                                               row.position.end)
        self._set_current(row, *span)
        self._scroll.ensureWidgetVisible(row.container, 0, 40)
        control.setFocus(Qt.FocusReason.MouseFocusReason)
