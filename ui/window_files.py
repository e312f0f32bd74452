"""The main window's file side: saving records back to files, and autosaved drafts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from sandbox.editing import ReplaceRecord
from sandbox.formats import (
    FORMATS,
    WriteError,
    detect_format,
    open_writer,
)
from sandbox.formats.registry import DUBLIN_CORE, MARC, format_for_saving
from sandbox.formats.text import record_from_text, record_to_text
from sandbox.records.dublin_core import DublinCoreRecord
from sandbox.store import StoreError
from ui.record_list import RecordRow


def save_dialog_filters() -> tuple[str, dict[str, str]]:
    """Filters for Save As, and which format each filter means."""
    filters, meaning = [], {}
    for fmt in FORMATS.values():
        if fmt.writer is None or not fmt.extensions:
            continue
        text = f"{fmt.label} (" + " ".join(f"*{ext}" for ext in fmt.extensions) + ")"
        filters.append(text)
        meaning[text] = fmt.name
    return ";;".join(filters), meaning


class FilesMixin:
    """Saving, the unsaved-changes prompt, and drafts kept in the learner's store; mixed into ``MainWindow``."""

    def modified_rows(self) -> list[int]:
        return sorted(row for row, document in self.documents.items() if document.is_modified())

    def _update_modified(self) -> None:
        self.setWindowModified(bool(self.modified_rows()))
        self._update_title()

    def _set_title(self, base: str) -> None:
        self._title_base = base
        self._update_title()

    def _update_title(self) -> None:
        base = self._title_base
        self.setWindowTitle(f"{base}[*] — Catalog Sandbox" if base else "Catalog Sandbox[*]")

    @Slot()
    def save(self) -> bool:
        """Write every file that has changed records back in its own format."""
        self.flush_edits()
        if self.exercise is not None:
            return self._keep_exercise_work()
        if self._untitled:
            return self.save_as()
        files = sorted({self.model.row(row).path for row in self.modified_rows()})
        if not files:
            self.statusBar().showMessage("Nothing to save: no record has changed.", 4000)
            return True
        for path in files:
            fmt = detect_format(path)
            if fmt is None or fmt.writer is None:
                QMessageBox.information(self, "Save", f"{path.name} is in a format Catalog Sandbox "
                                        "reads but does not write; choose another with Save As.")
                return self.save_as()
            if not self._write_file(path, fmt, [r for r in range(self.model.rowCount())
                                                if self.model.row(r).path == path]):
                return False
        return True

    @Slot()
    def save_as(self, target: str | Path | None = None, chosen_format: str | None = None) -> bool:
        """Write every record in the list to a new file, which the list then shows (the records
        that could not be read are left out)."""
        self.flush_edits()
        if self.model.rowCount() == 0 or self.exercise is not None:
            return False
        filters, meaning = save_dialog_filters()
        if target is None:
            start = str(self._paths[0].with_suffix("")) if self._paths else self._title_base
            target, chosen = QFileDialog.getSaveFileName(self, "Save records as", start, filters)
            chosen_format = meaning.get(chosen)
        if not target:
            return False
        path = Path(target).resolve()
        all_dublin_core = all(isinstance(self._record_of(r), DublinCoreRecord)
                              for r in range(self.model.rowCount()))
        fmt = format_for_saving(path, chosen_format, DUBLIN_CORE if all_dublin_core else None) \
            or FORMATS["mrk"]
        if not self._write_file(path, fmt, list(range(self.model.rowCount()))):
            return False
        self._untitled = None
        self._paths = [path]
        self._set_title(path.name)
        return True

    def _record_of(self, row_number: int):
        document = self.documents.get(row_number)
        return document.record if document is not None else self.model.row(row_number).load()

    def _write_file(self, path: Path, fmt, row_numbers: list[int]) -> bool:
        """Write these rows' records to ``path``; the rows then *are* that file's records: their
        place, number and saved state follow what was written. Nothing is ever left out silently."""
        records = {r: self._record_of(r) for r in row_numbers}  # decodes rows not yet shown
        if fmt.kind == MARC and any(isinstance(r, DublinCoreRecord) for r in records.values()):
            QMessageBox.warning(self, "Save As", "Dublin Core records cannot be saved as "
                                f"{fmt.label}; choose a Dublin Core format.")
            return False
        unreadable = [r for r in row_numbers if records[r] is None]
        lost = [r for r in unreadable if self.model.row(r).status != "unreadable"]
        if lost:
            numbers = ", ".join(str(self.model.row(r).item.number) for r in lost[:10])
            QMessageBox.critical(self, "Save", f"Record(s) {numbers} could not be read again from "
                                 f"{self.model.row(lost[0]).path.name} (did the file change on "
                                 f"disk?). Nothing was written to {path.name}.")
            return False
        if unreadable:
            numbers = ", ".join(str(self.model.row(r).item.number) for r in unreadable[:10])
            answer = QMessageBox.question(
                self, "Save", f"{len(unreadable)} record(s) (numbers {numbers}) could not be read "
                f"and cannot be written to {path.name}. Save the others, leaving those out?")
            if answer != QMessageBox.StandardButton.Yes:
                return False
        written = [r for r in row_numbers if records[r] is not None]
        old_keys = {r: self.draft_key(r) for r in written}
        placed: dict[int, tuple[int, int]] = {}
        try:
            with open_writer(path, fmt) as writer:
                for row_number in written:
                    start = writer.position()
                    writer.write(records[row_number])
                    placed[row_number] = (start, writer.position() - start)
        except (OSError, WriteError) as error:
            QMessageBox.critical(self, "Save failed", f"{path} was not written (nothing was "
                                 f"changed on disk): {error}")
            return False
        for number, row_number in enumerate(written, start=1):
            row: RecordRow = self.model.row(row_number)
            row.path, row.item.number = path, number
            if fmt.name == "marc":
                row.relocate(*placed[row_number])
                row.iso2709 = True
                row.item.record = None
            else:  # the list keeps it: there are no offsets to read it back from
                row.iso2709, row.item.record = False, records[row_number]
            self._forget_draft(old_keys[row_number])
            document = self.documents.get(row_number)
            if document is not None:
                document.mark_saved()
        self._drop_rows(unreadable)  # no longer in the file
        self.model.refresh()
        self._remember([path])
        self.statusBar().showMessage(f"Saved {len(written)} records to {path}", 6000)
        return True

    def _forget_draft(self, key: str) -> None:
        if self.context.store is None or self.context.learner_id is None:
            return
        try:
            self.context.store.discard_draft(self.context.learner_id, key)
        except StoreError as error:
            self.statusBar().showMessage(f"Could not tidy the autosaved draft: {error}", 6000)

    def _drop_rows(self, rows: list[int]) -> None:
        """Take rows out of the list, keeping each open document with its own record."""
        if not rows:
            return
        gone = set(rows)
        for row_number in gone:
            document = self.documents.pop(row_number, None)
            if document is not None:
                self.undo_group.removeStack(document.undo_stack)
                document.deleteLater()
        shift = lambda r: r - sum(1 for g in gone if g < r)  # noqa: E731
        self.documents = {shift(r): d for r, d in self.documents.items()}
        current = self._current_row
        self._dropping_rows = True  # the selection moves while rows go: not a new choice
        try:
            self.model.remove_rows(sorted(gone))
        finally:
            self._dropping_rows = False
        self._current_row = None if current is None or current in gone else shift(current)
        if self._current_row is not None:
            self.table.selectRow(self._current_row)

    def _may_discard_changes(self) -> bool:
        """Ask before unsaved changes are lost; True when it is fine to go on."""
        self.flush_edits()
        modified = self.modified_rows()
        if not modified:
            return True
        answer = self.ask_about_unsaved(len(modified))
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            for row_number in modified:
                document = self.documents[row_number]
                stack = document.undo_stack
                if self.exercise is not None and self._exercise_kept and stack.cleanIndex() >= 0:
                    stack.setIndex(stack.cleanIndex())  # back to the kept work, which stays kept
                else:
                    self._discard_draft(row_number)
                    document.mark_saved()  # nothing of these changes is to be kept or asked about
            return True
        return False

    def ask_about_unsaved(self, count: int) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self, "Unsaved changes",
            f"{count} record{'s' if count != 1 else ''} changed since the last save. "
            "Save the changes?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def _close_documents(self) -> None:
        self._dc_document = None
        self._current_row = None
        self.editor.set_document(None)
        for document in self.documents.values():
            self.undo_group.removeStack(document.undo_stack)
            document.deleteLater()
        self.documents.clear()
        self._update_modified()

    def draft_key(self, row_number: int) -> str:
        """Where a row's draft is kept: the exercise, the new record's template, or the file and
        the record's place in it (rows are renumbered when a save changes the file)."""
        if self.exercise is not None:
            return f"exercise:{self.exercise.pack_id}/{self.exercise.id}"
        if self._untitled:
            return f"new:{self._untitled}"
        row = self.model.row(row_number)
        return f"file:{row.path.absolute()}#record-{row.item.number}"

    @Slot()
    def _schedule_autosave(self, *_args) -> None:
        if self.context.store is not None:
            self._autosave_timer.start()

    @Slot()
    def autosave_now(self) -> int:
        """Keep a draft of every record with unsaved changes in the store; the number kept."""
        store, learner = self.context.store, self.context.learner_id
        if store is None or learner is None:
            return 0
        self.flush_edits()
        return self._autosave_rows(self.modified_rows())

    def _autosave_rows(self, rows: list[int]) -> int:
        store, learner = self.context.store, self.context.learner_id
        if store is None or learner is None:
            return 0
        kept = 0
        try:
            for row_number in rows:
                text, fmt = record_to_text(self.documents[row_number].record)
                store.save_draft(learner, self.draft_key(row_number), text, fmt)
                kept += 1
        except StoreError as error:
            # The edits stay in memory; the next change (or this timer) tries again.
            self.statusBar().showMessage(f"Autosave failed, your changes are still open here: {error}", 10_000)
            self._autosave_timer.start()
        return kept

    def _discard_draft(self, row_number: int) -> None:
        self._forget_draft(self.draft_key(row_number))

    def offer_drafts(self) -> int:
        """After a crash: offer back the autosaved drafts of the records just opened."""
        store, learner = self.context.store, self.context.learner_id
        if store is None or learner is None:
            return 0
        try:
            drafts = {draft.key: draft for draft in store.drafts(learner)}
        except StoreError as error:
            self.statusBar().showMessage(f"Could not look for autosaved drafts: {error}", 6000)
            return 0
        found = [(row_number, drafts[key]) for row_number in range(self.model.rowCount())
                 if (key := self.draft_key(row_number)) in drafts]
        if not found:
            return 0
        newest = max(draft.updated_at for _, draft in found)
        if not self.ask_restore_drafts(len(found), newest):
            for row_number, _ in found:
                self._discard_draft(row_number)
            return 0
        restored = 0
        for row_number, draft in found:
            record = record_from_text(draft.text, draft.format, "(autosaved draft)")
            document = self.document_for(row_number)
            if record is not None and document is not None and \
                    document.apply(ReplaceRecord(record, "restore unsaved changes")):
                restored += 1
        self._show_row(self._current_row)
        self.statusBar().showMessage(f"Restored unsaved changes to {restored} record(s); "
                                     "save them, or undo to go back to the file.", 10_000)
        return restored

    def ask_restore_drafts(self, count: int, when) -> bool:
        answer = QMessageBox.question(
            self, "Restore unsaved changes?",
            f"Catalog Sandbox kept unsaved changes to {count} record{'s' if count != 1 else ''} "
            f"of this file (last kept {when.astimezone():%d %b %Y, %H:%M}). Restore them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes
