"""Earlier versions of a draft: list them, look at one, and make it the current text again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.text import plain_text
from desktop.ui.drafts_model import format_when
from desktop.ui.editor.fields import tr

if TYPE_CHECKING:
    from desktop.ui.editor.window import EditorWindow

KIND_NAMES = {"save": "opgeslagen", "autosave": "automatisch", "restore": "teruggezet", "import": "geïmporteerd"}


def draft_text(draft: Any, form: Any) -> str:
    parts = []
    for fdef in form.fields:
        text = plain_text(fdef.kind, draft.values.get(fdef.id)).strip()
        if text:
            parts.append(f"{fdef.label}:\n{text}\n")
    return "\n".join(parts)


class RevisionsDialog(QDialog):
    def __init__(self, editor: EditorWindow, revisions: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent or editor)
        self.editor = editor
        self.setWindowTitle(tr("Eerdere versies"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Versies"))
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(tr("Inhoud van de versie"))
        for rev in sorted(revisions, key=lambda r: r.number, reverse=True):
            kind = tr(KIND_NAMES.get(rev.kind, rev.kind))
            item = QListWidgetItem(f"{rev.number}. {format_when(rev.created_at)} — {kind}")
            item.setData(Qt.ItemDataRole.UserRole, rev.number)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._show)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = buttons.addButton(tr("Deze versie terugzetten"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.preview, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(900, 500)
        if self.list.count():
            self.list.setCurrentRow(0)

    def selected(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _show(self, *_args: Any) -> None:
        number = self.selected()
        if number is None:
            return
        draft_id = self.editor.session.draft_id

        def shown(draft: Any, error: BaseException | None) -> None:
            if error is not None:
                self.preview.setPlainText(tr("Deze versie kon niet worden gelezen: {e}").format(e=error))
            elif number == self.selected():
                self.preview.setPlainText(draft_text(draft, self.editor.form))

        self.editor.session.service.submit(lambda s: s.get_revision(draft_id, number), shown)

    def _restore(self) -> None:
        number = self.selected()
        if number is not None:
            restore(self.editor, number)
            self.accept()


def open_dialog(editor: EditorWindow) -> None:
    """Save what is typed, then list the versions."""
    if editor.session.draft_id is None:
        editor.statusBar().showMessage(tr("Er zijn nog geen eerdere versies: het stuk is nog niet opgeslagen."), 8000)
        return
    if editor.dirty:
        editor.save(autosave=False)
    draft_id = editor.session.draft_id

    def listed(revisions: Any, error: BaseException | None) -> None:
        if error is not None:
            editor.statusBar().showMessage(tr("De versies konden niet worden gelezen: {e}").format(e=error), 15000)
            return
        editor.revisions_dialog = RevisionsDialog(editor, list(revisions))
        editor.revisions_dialog.open()

    editor.session.service.submit(lambda s: s.revisions(draft_id), listed)


def restore(editor: EditorWindow, number: int) -> None:
    """Make revision ``number`` the newest one and show it in the editor."""
    draft_id = editor.session.draft_id

    def job(store: Any) -> Any:
        store.restore_revision(draft_id, number)
        return store.get(draft_id).draft

    def done(draft: Any, error: BaseException | None) -> None:
        if error is not None:
            editor.statusBar().showMessage(tr("Terugzetten mislukt: {e}").format(e=error), 15000)
            return
        editor.replace_draft(draft)
        editor.statusBar().showMessage(tr("Versie {n} is teruggezet.").format(n=number), 8000)
        for callback in editor.session.on_saved:
            callback(draft_id)

    editor.session.service.submit(job, done)
