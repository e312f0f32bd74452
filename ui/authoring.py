"""Instructor mode: turn the record in the editor into an exercise and save it in a pack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sandbox.exercises.from_record import (
    KEEP,
    TREATMENTS,
    FieldChoice,
    exercise_from_record,
)
from sandbox.exercises.model import KINDS
from sandbox.formats.mrk import format_field
from sandbox.packs import PackError
from sandbox.packs.authoring import add_exercise, new_pack, slug
from sandbox.packs.build import build
from sandbox.records.marc import is_control_tag

RECORD_KINDS = [k for k in KINDS if k not in ("drill", "crosswalk")]


class AuthoringDialog(QDialog):
    def __init__(self, record, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Make an exercise from this record")
        self.record = record
        self.built: Path | None = None
        self.kind = QComboBox()
        self.kind.addItems(RECORD_KINDS)
        self.kind.setCurrentText("fix")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Fix the record for Thinking, fast and slow")
        self.brief = QPlainTextEdit()
        self.brief.setPlaceholderText("What the learner must do (Markdown)")
        self.brief.setMaximumHeight(90)
        self.fields = QTableWidget(len(record.fields), 3)
        self.fields.setHorizontalHeaderLabels(["Field in the key", "In the start record", "Points"])
        self.fields.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.fields.verticalHeader().hide()
        for row, field in enumerate(record.fields):
            self.fields.setItem(row, 0, QTableWidgetItem(format_field(field, strict=False)))
            treatment = QComboBox()
            treatment.addItems(TREATMENTS)
            treatment.setAccessibleName(f"What happens to {field.tag} in the start record")
            self.fields.setCellWidget(row, 1, treatment)
            weight = QDoubleSpinBox()
            weight.setRange(0, 20)
            weight.setDecimals(1)
            weight.setValue(0 if is_control_tag(field.tag) else 1)
            weight.setAccessibleName(f"Points for {field.tag}")
            self.fields.setCellWidget(row, 2, weight)
        self.hints = [QLineEdit() for _ in range(3)]
        for edit, tier in zip(self.hints, ("a nudge", "the rule", "the model answer")):
            edit.setPlaceholderText(f"Hint: {tier}")
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("a pack folder (a new, empty one is set up as a pack)")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("Kind:", self.kind)
        form.addRow("Title:", self.title_edit)
        form.addRow("Brief:", self.brief)
        for edit in self.hints:
            form.addRow("", edit)
        form.addRow("Pack folder:", folder_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fields, 1)
        layout.addWidget(buttons)
        self.resize(860, 680)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Pack folder")
        if chosen:
            self.folder.setText(chosen)

    def set_treatment(self, row: int, treatment: str, weight: float | None = None) -> None:
        self.fields.cellWidget(row, 1).setCurrentText(treatment)
        if weight is not None:
            self.fields.cellWidget(row, 2).setValue(weight)

    def choices(self) -> list[FieldChoice]:
        return [FieldChoice(row, self.fields.cellWidget(row, 1).currentText(),
                            self.fields.cellWidget(row, 2).value())
                for row in range(self.fields.rowCount())]

    def save(self) -> bool:
        title = self.title_edit.text().strip()
        folder = Path(self.folder.text().strip()) if self.folder.text().strip() else None
        if not title or folder is None:
            QMessageBox.information(self, "Make an exercise", "Give the exercise a title and choose a pack folder.")
            return False
        choices = self.choices()
        if self.kind.currentText() == "fix" and all(c.treatment == KEEP for c in choices):
            QMessageBox.information(self, "Make an exercise", "A fix exercise needs at least one "
                                    "field blanked or damaged in the start record.")
            return False
        draft, notes = exercise_from_record(
            self.record, kind=self.kind.currentText(), title=title,
            brief=self.brief.toPlainText(), choices=choices,
            hints=tuple(edit.text() for edit in self.hints))
        try:
            if not (folder / "pack.toml").is_file():
                new_pack(folder, pack_id=slug(folder.name), title=folder.name)
            add_exercise(folder, draft)
            self.built = build(folder)
        except (PackError, OSError) as error:
            QMessageBox.warning(self, "Make an exercise", f"The exercise was not saved: {error}")
            return False
        self.notes = notes
        self.accept()
        return True
