"""The raadsbrief body: paragraphs, headings, bullet and numbered lists in a QTextEdit.

The value is a list of blocks (``docs/architecture.md``): ``{"type": "paragraph" |
"heading", "text"}`` or ``{"type": "bullets" | "numbered", "items": [...]}``. A paste
from Word arrives as HTML; it is read into a scratch document, reduced to these
blocks (fonts and colours dropped) and inserted, so paragraphs and lists survive.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.ui.editor.highlight import MarkHighlighter
from desktop.ui.editor.textedit import MAX_PASTE_CHARS, spell_menu
from desktop.ui.textpos import py_to_utf16

# Word's HTML is about ten times its text; beyond this the paste goes in as (cut) plain text.
MAX_PASTE_HTML = 10 * MAX_PASTE_CHARS
_BULLET = re.compile(r"^\s*[•·▪◦o\-–*]\s+")
_NUMBER = re.compile(r"^\s*(\d+)[.)]\s+")
_NUMBERED_STYLES = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}


def document_blocks(doc: QTextDocument) -> tuple[list[dict[str, Any]], list[list[tuple[int, str]]]]:
    """The value of a document, and per value block the ``(position, text)`` of its Qt blocks."""
    blocks: list[dict[str, Any]] = []
    where: list[list[tuple[int, str]]] = []
    current_list: Any = None
    block = doc.begin()
    while block.isValid():
        text = block.text()
        text_list = block.textList()
        if text_list is not None:
            if text_list is not current_list or not blocks or "items" not in blocks[-1]:
                numbered = text_list.format().style() in _NUMBERED_STYLES
                blocks.append({"type": "numbered" if numbered else "bullets", "items": []})
                where.append([])
                current_list = text_list
            blocks[-1]["items"].append(text)
            where[-1].append((block.position(), text))
        else:
            current_list = None
            if text.strip():
                level = block.blockFormat().headingLevel()
                kind = "heading" if level > 0 else "paragraph"
                blocks.append({"type": kind, "text": text, **({"level": 2} if level >= SUBHEADING else {})})
                where.append([(block.position(), text)])
        block = block.next()
    return blocks, where


# Qt heading level of a second-level heading ({"type": "heading", "level": 2}); a
# first-level heading is Qt level 2. Kept so that opening and saving a draft keeps the level.
SUBHEADING = 3


def _heading_char_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


def insert_blocks(cursor: QTextCursor, blocks: list[dict[str, Any]], first: bool) -> None:
    """Insert value blocks at ``cursor`` in the editor's clean formatting."""
    plain = QTextCharFormat()
    text_list: Any = None
    for block in blocks:
        kind = block.get("type")
        lines = block.get("items", []) if kind in ("bullets", "numbered") else [block.get("text", "")]
        lines = [t for t in lines if isinstance(t, str)]
        if not lines:
            continue
        fmt = QTextBlockFormat()
        sub = kind == "heading" and block.get("level") == 2
        fmt.setHeadingLevel((SUBHEADING if sub else 2) if kind == "heading" else 0)
        char = _heading_char_format() if kind == "heading" else plain
        if sub:
            char = QTextCharFormat(char)
            char.setFontItalic(True)
        for i, line in enumerate(lines):
            if first:
                cursor.setBlockFormat(fmt)
                cursor.setBlockCharFormat(char)
                first = False
            else:
                cursor.insertBlock(fmt, char)
            if kind in ("bullets", "numbered"):
                if i == 0:
                    style = QTextListFormat.Style.ListDecimal if kind == "numbered" else QTextListFormat.Style.ListDisc
                    text_list = cursor.createList(style)
                else:
                    text_list.add(cursor.block())
            cursor.insertText(line, char)


def text_to_blocks(text: str) -> list[dict[str, Any]]:
    """Plain pasted text: one paragraph per line; '•'/'-' lines and runs of '1.' lines become lists."""
    blocks: list[dict[str, Any]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            continue
        m = _BULLET.match(line)
        n = _NUMBER.match(line)
        if m:
            kind, item = "bullets", line[m.end():]
        elif n and blocks and blocks[-1]["type"] in ("numbered", "pending") and int(n.group(1)) > 1:
            kind, item = "numbered", line[n.end():]
        else:
            blocks.append({"type": "paragraph", "text": line.strip()})
            if n and n.group(1) == "1":
                blocks[-1] = {"type": "pending", "text": line.strip(), "item": line[n.end():]}
            continue
        if kind == "numbered" and blocks[-1]["type"] == "pending":
            blocks[-1] = {"type": "numbered", "items": [blocks[-1]["item"]]}
        if blocks and blocks[-1]["type"] == kind:
            blocks[-1]["items"].append(item)
        else:
            blocks.append({"type": kind, "items": [item]})
    # A lone "1. Samenvatting" stays a heading-like paragraph, not a list of one.
    return [
        {"type": "paragraph", "text": b["text"]} if b["type"] == "pending" else b for b in blocks
    ]


def html_to_blocks(html: str) -> list[dict[str, Any]]:
    """HTML (Word, a browser) reduced to value blocks; Word's fake bullets become lists."""
    scratch = QTextDocument()
    scratch.setHtml(html)
    blocks, _ = document_blocks(scratch)
    out: list[dict[str, Any]] = []
    for block in blocks:
        if block["type"] == "paragraph" and _BULLET.match(block["text"]):
            item = _BULLET.sub("", block["text"], count=1)
            if out and out[-1]["type"] == "bullets":
                out[-1]["items"].append(item)
            else:
                out.append({"type": "bullets", "items": [item]})
        else:
            out.append(block)
    return out


class BodyEdit(QTextEdit):
    """Rich text limited to the four block kinds; spelling and finding underlines."""

    paste_cut = Signal(int)

    def __init__(self, spell: object | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.highlighter = MarkHighlighter(self.document(), spell)
        self.where: list[list[tuple[int, str]]] = []

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = spell_menu(self, self.highlighter, event)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        if source.hasHtml() and len(source.html()) <= MAX_PASTE_HTML:
            blocks = html_to_blocks(source.html())
        else:
            text = source.text()
            if len(text) > MAX_PASTE_CHARS:
                self.paste_cut.emit(len(text) - MAX_PASTE_CHARS)
                text = text[:MAX_PASTE_CHARS]
            blocks = text_to_blocks(text)
        if not blocks:
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        at_empty_block = not cursor.block().text()
        insert_blocks(cursor, blocks, first=at_empty_block)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def blocks(self) -> list[dict[str, Any]]:
        blocks, self.where = document_blocks(self.document())
        return blocks

    def set_blocks(self, blocks: list[dict[str, Any]]) -> None:
        self.document().clear()
        cursor = QTextCursor(self.document())
        insert_blocks(cursor, [b for b in blocks if isinstance(b, dict)], first=True)
        self.document().clearUndoRedoStacks()
        self.blocks()

    def set_block_kind(self, kind: str) -> None:
        """Turn the current block(s) into a paragraph, heading, bullet or numbered item."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        fmt = cursor.blockFormat()
        fmt.setHeadingLevel(2 if kind == "heading" else 0)
        fmt.setIndent(0)
        current = cursor.currentList()
        if current is not None:
            current.remove(cursor.block())
        cursor.setBlockFormat(fmt)
        char = _heading_char_format() if kind == "heading" else QTextCharFormat()
        if kind != "heading":
            char.setFontWeight(QFont.Weight.Normal)
        cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        cursor.mergeCharFormat(char)
        cursor.clearSelection()
        if kind in ("bullets", "numbered"):
            style = QTextListFormat.Style.ListDecimal if kind == "numbered" else QTextListFormat.Style.ListDisc
            cursor.createList(style)
        cursor.endEditBlock()

    def locate(self, item: int | None, span: tuple[int, int] | None) -> tuple[int, int] | None:
        """Document positions (UTF-16) of a finding's span in value block ``item``."""
        if item is None or not 0 <= item < len(self.where):
            return None
        parts = self.where[item]
        if span is None:
            pos, text = parts[0]
            return pos, pos + len(text.encode("utf-16-le")) // 2

        def at(index: int) -> int:
            offset = 0
            for pos, text in parts:
                if index <= offset + len(text):
                    return pos + py_to_utf16(text, index - offset)
                offset += len(text) + 1
            pos, text = parts[-1]
            return pos + len(text.encode("utf-16-le")) // 2

        return at(span[0]), at(span[1])
