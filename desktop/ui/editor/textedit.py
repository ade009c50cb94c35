"""Text editors with wavy underlines, spelling suggestions and a bounded paste."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from desktop.ui.editor.highlight import MarkHighlighter, word_at
from desktop.ui.textpos import py_to_utf16, utf16_to_py

# One paste larger than this is cut: a field budgeted in tens of words has no use for
# megabytes, and laying those out would stall every following keystroke.
MAX_PASTE_CHARS = 50_000


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("TextEdit", text)


def spell_menu(edit: QPlainTextEdit | QTextEdit, highlighter: MarkHighlighter, event: QContextMenuEvent) -> QMenu:
    """The standard menu, with suggestions and 'add to my word list' on top for a wrong word, and
    below "Opmerking afgehandeld" on a parafeerder's remark (the editor's route panel)."""
    menu = _spell_menu(edit, highlighter, event)
    route = getattr(edit.window(), "route", None)
    if route is not None:
        extra = route.context_actions(edit, edit.cursorForPosition(event.pos()).position(), menu)
        if extra:
            menu.addSeparator()
            menu.addActions(extra)
    return menu


def _spell_menu(edit: QPlainTextEdit | QTextEdit, highlighter: MarkHighlighter, event: QContextMenuEvent) -> QMenu:
    menu = edit.createStandardContextMenu(event.pos())
    spell = highlighter.spell
    cursor = edit.cursorForPosition(event.pos())
    block = cursor.block()
    text = block.text()
    index = utf16_to_py(text, cursor.position() - block.position())
    found = word_at(text, index)
    if spell is None or found is None or not getattr(spell, "ready", False):
        return menu
    start, end, word = found
    if not spell.is_misspelled(word):  # type: ignore[attr-defined]
        return menu
    first = menu.actions()[0] if menu.actions() else None
    suggestions = spell.suggestions(word)  # type: ignore[attr-defined]
    actions: list[QAction] = []
    for suggestion in suggestions:
        action = QAction(suggestion, menu)
        action.triggered.connect(
            lambda _=False, s=suggestion: _replace(edit, block.position(), text, start, end, s)
        )
        actions.append(action)
    if not suggestions:
        none = QAction(_tr("(geen suggesties)"), menu)
        none.setEnabled(False)
        actions.append(none)
    add = QAction(_tr("Toevoegen aan mijn woordenlijst"), menu)
    add.triggered.connect(lambda: spell.add_word(word))  # type: ignore[attr-defined]
    actions.append(add)
    menu.insertActions(first, actions)  # type: ignore[arg-type]
    menu.insertSeparator(first)  # type: ignore[arg-type]
    return menu


def _replace(edit: QPlainTextEdit | QTextEdit, block_pos: int, text: str, start: int, end: int, new: str) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(block_pos + py_to_utf16(text, start))
    cursor.setPosition(block_pos + py_to_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new)


class SpellTextEdit(QPlainTextEdit):
    """A plain text field: underlines, spelling menu, bounded paste."""

    paste_cut = Signal(int)  # how many characters were left out

    def __init__(self, spell: object | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.highlighter = MarkHighlighter(self.document(), spell)
        self.setTabChangesFocus(True)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = spell_menu(self, self.highlighter, event)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        text = source.text()
        if len(text) > MAX_PASTE_CHARS:
            self.insertPlainText(text[:MAX_PASTE_CHARS])
            self.paste_cut.emit(len(text) - MAX_PASTE_CHARS)
            return
        super().insertFromMimeData(source)

    def select_range(self, start: int, end: int) -> None:
        """Select UTF-16 positions ``start``..``end`` and show them."""
        cursor = self.textCursor()
        n = self.document().characterCount() - 1
        cursor.setPosition(max(0, min(start, n)))
        cursor.setPosition(max(0, min(end, n)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
