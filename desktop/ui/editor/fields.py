"""The field widgets of the simple kinds (line, text, choice, date) and their common base.

Every field widget offers the same small interface to the editor: ``value()``,
``set_value()``, ``changed``, ``show_findings()`` (underlines), ``select_finding()``
(jump to a span), ``counter()`` (words or characters against the budget) and
``focus_target()`` (the widget whose accessible name is the field's label).
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.dates import DateError, format_date, parse_date
from desktop.domain.findings import Finding
from desktop.domain.forms import FieldDef
from desktop.domain.text import count_words
from desktop.ui.editor.textedit import SpellTextEdit
from desktop.ui.textpos import py_to_utf16

# A line field holds one line; far beyond its budget is a paste gone wrong.
LINE_HARD_LIMIT = 2000


def tr(text: str) -> str:
    return QCoreApplication.translate("Editor", text)


def marks_for(text: str, findings: list[Finding], item: int | None = None) -> list[tuple[int, int, str]]:
    """UTF-16 underline marks for the findings with a span into ``text``."""
    out = []
    for f in findings:
        if f.span is None or f.item != item:
            continue
        start, end = py_to_utf16(text, f.span[0]), py_to_utf16(text, f.span[1])
        out.append((start, max(end, start + 1), str(f.severity)))
    return out


def frame(target: QWidget, findings: list[Finding]) -> None:
    """The red (error) or orange (warning) frame and the tooltip of a field's editor."""
    errors = [f for f in findings if f.is_error]
    state = "error" if errors else ("warning" if findings else "")
    if target.property("finding") != state:
        target.setProperty("finding", state)
        target.style().unpolish(target)
        target.style().polish(target)
    target.setToolTip("\n".join(f.message for f in findings))


class FieldWidget(QWidget):
    changed = Signal(str)
    message = Signal(str)

    def __init__(self, fdef: FieldDef, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fdef = fdef
        self.ctx = ctx
        self.setAccessibleName(fdef.label)

    def _emit(self, *_args: Any) -> None:
        self.changed.emit(self.fdef.id)

    def watch(self, edit: Any) -> None:
        """Report text changes of ``edit``, but not the ones its highlighter causes."""
        edit.textChanged.connect(lambda: None if edit.highlighter.busy else self._emit())

    # -- the interface the editor uses --------------------------------------------------
    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self

    def show_findings(self, findings: list[Finding]) -> None:
        frame(self.focus_target(), findings)

    def select_finding(self, finding: Finding) -> None:
        self.focus_target().setFocus()

    def counter(self) -> tuple[str, bool] | None:
        return None

    def readability_text(self) -> str | None:
        return None

    def text_editors(self) -> list[SpellTextEdit]:
        return []


class LineField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(fdef, ctx, parent)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(max(LINE_HARD_LIMIT, (fdef.max_chars or 0) * 4))
        self.edit.setAccessibleName(fdef.label)
        self.edit.setAccessibleDescription(fdef.help)
        if fdef.placeholder:
            self.edit.setPlaceholderText(fdef.placeholder)
        if fdef.secretariat:
            self.edit.setReadOnly(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._emit)

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText(value if isinstance(value, str) else "")

    def focus_target(self) -> QWidget:
        return self.edit

    def select_finding(self, finding: Finding) -> None:
        self.edit.setFocus()
        if finding.span is not None:
            text = self.edit.text()
            start, end = py_to_utf16(text, finding.span[0]), py_to_utf16(text, finding.span[1])
            self.edit.setSelection(start, max(0, end - start))

    def counter(self) -> tuple[str, bool] | None:
        if self.fdef.max_chars is None:
            return None
        n = len(self.edit.text())
        return tr("{n} / {max} tekens").format(n=n, max=self.fdef.max_chars), n > self.fdef.max_chars


class TextField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(fdef, ctx, parent)
        self.edit = SpellTextEdit(ctx.spell, self)
        self.edit.setAccessibleName(fdef.label)
        self.edit.setAccessibleDescription(fdef.help)
        lines = 3 if not fdef.max_words else min(8, max(3, fdef.max_words // 12 + 1))
        height = QFontMetrics(self.edit.font()).lineSpacing() * lines + 14
        self.edit.setFixedHeight(height)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self.watch(self.edit)
        self.edit.paste_cut.connect(self._paste_cut)

    def _paste_cut(self, left_out: int) -> None:
        self.message.emit(
            tr("De geplakte tekst was te lang; {n} tekens zijn weggelaten (ze staan nog op het klembord).").format(
                n=left_out
            )
        )

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText(value if isinstance(value, str) else "")

    def focus_target(self) -> QWidget:
        return self.edit

    def text_editors(self) -> list[SpellTextEdit]:
        return [self.edit]

    def show_findings(self, findings: list[Finding]) -> None:
        super().show_findings(findings)
        self.edit.highlighter.set_marks(marks_for(self.value(), findings))

    def select_finding(self, finding: Finding) -> None:
        self.edit.setFocus()
        if finding.span is not None:
            text = self.value()
            self.edit.select_range(py_to_utf16(text, finding.span[0]), py_to_utf16(text, finding.span[1]))

    def counter(self) -> tuple[str, bool] | None:
        n = count_words(self.value())
        if self.fdef.max_words is None:
            return tr("{n} woorden").format(n=n), False
        return tr("{n} / {max} woorden").format(n=n, max=self.fdef.max_words), n > self.fdef.max_words

    def readability_text(self) -> str | None:
        return self.value() if "readability" in self.fdef.rules else None


class ChoiceField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(fdef, ctx, parent)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(fdef.label)
        self.combo.setAccessibleDescription(fdef.help)
        self.choices = list(ctx.formset.choices_for(fdef))
        if fdef.default is None:
            self.combo.addItem(tr("(kies)"), "")
        for choice in self.choices:
            self.combo.addItem(choice, choice)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._emit)

    def value(self) -> str:
        data = self.combo.currentData()
        return data if isinstance(data, str) else ""

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, str) else ""
        index = self.combo.findData(value)
        if index < 0 and value:
            # A value no longer in the list is kept visible rather than silently dropped.
            self.combo.addItem(value, value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(0, index))

    def focus_target(self) -> QWidget:
        return self.combo


class DateField(LineField):
    def __init__(self, fdef: FieldDef, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(fdef, ctx, parent)
        self.edit.setMaxLength(10)
        self.edit.setPlaceholderText(fdef.placeholder or tr("d-m-jjjj"))
        self.edit.setMaximumWidth(QFontMetrics(self.edit.font()).horizontalAdvance("00-00-0000") + 40)
        self.layout().addStretch(1)  # type: ignore[union-attr]

    def value(self) -> str:
        """The draft keeps ISO dates (docs/forms.md); the user types and reads d-m-jjjj."""
        text = self.edit.text()
        try:
            return parse_date(text).isoformat()
        except DateError:
            return text  # kept as typed: validation names it, nothing is lost

    def set_value(self, value: Any) -> None:
        text = value if isinstance(value, str) else ""
        with contextlib.suppress(DateError):
            text = format_date(parse_date(text))
        self.edit.setText(text)

    def counter(self) -> tuple[str, bool] | None:
        return None
