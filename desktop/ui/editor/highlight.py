"""Wavy underlines: the findings' spans and the misspelled words of one text document."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from desktop.domain.spelling import OCR_FRAGMENT, WORD, words_to_check
from desktop.ui.textpos import py_to_utf16

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Beyond this a block is not spell checked: a pasted 5 MB blob must not stall typing.
MAX_SPELL_BLOCK = 20_000

ERROR_COLOR = QColor(200, 0, 0)
WARNING_COLOR = QColor(220, 130, 0)
SPELL_COLOR = QColor(220, 0, 0)


def _format(color: QColor, background: QColor | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(color)
    if background is not None:
        fmt.setBackground(background)
    return fmt


class MarkHighlighter(QSyntaxHighlighter):
    """Marks are ``(start, end, severity)`` in the document's UTF-16 positions."""

    def __init__(self, document: QTextDocument, spell: object | None = None) -> None:
        super().__init__(document)
        self.marks: list[tuple[int, int, str]] = []
        self.spell = spell
        self._formats = {
            "error": _format(ERROR_COLOR, QColor(255, 235, 235)),
            "warning": _format(WARNING_COLOR),
        }
        self._spell_format = _format(SPELL_COLOR)
        self.check_spelling = True
        # Repainting formats makes the document report a change; editors ignore it while busy.
        self.busy = False

    def rehighlight(self) -> None:
        self.busy = True
        try:
            super().rehighlight()
        finally:
            self.busy = False

    def set_marks(self, marks: list[tuple[int, int, str]]) -> None:
        if marks == self.marks:
            return
        self.marks = marks
        self.rehighlight()

    def misspelled_spans(self, text: str) -> list[tuple[int, int, str]]:
        """Python-index spans of the misspelled words of ``text``."""
        spell = self.spell
        if spell is None or not self.check_spelling or len(text) > MAX_SPELL_BLOCK:
            return []
        if not getattr(spell, "ready", False):
            return []
        # OCR fragments ("v^j") are always marked; the words the domain picks are asked
        # (abbreviations skipped, inner capitals checked: "coUegeprogramma").
        out = [(m.start(), m.end(), m.group()) for m in OCR_FRAGMENT.finditer(text)]
        for start, end, word in words_to_check(text):
            if any(s <= start < e for s, e, _ in out):
                continue
            if spell.is_misspelled(word):  # type: ignore[attr-defined]
                out.append((start, end, word))
        out.sort()
        return out

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        block = self.currentBlock()
        start = block.position()
        length = max(0, block.length() - 1)
        astral = _ASTRAL.search(text) is not None
        for s, e, _word in self.misspelled_spans(text):
            if astral:
                s, e = py_to_utf16(text, s), py_to_utf16(text, e)
            self.setFormat(s, e - s, self._spell_format)
        end = start + length
        for s, e, severity in self.marks:
            if e <= start or s > end:
                continue
            a = max(s, start) - start
            b = min(max(e, s + 1), end) - start
            if b <= a:
                b = a + 1 if length else a
            if b > a:
                fmt = self._formats.get(severity, self._formats["warning"])
                self.setFormat(a, b - a, fmt)


def word_at(text: str, index: int) -> tuple[int, int, str] | None:
    """The word around Python index ``index`` of ``text``."""
    for m in WORD.finditer(text):
        if m.start() <= index <= m.end():
            return m.start(), m.end(), m.group()
        if m.start() > index:
            break
    return None

