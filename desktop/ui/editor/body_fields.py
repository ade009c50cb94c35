"""Field widgets for the raadsbrief body and the appendices written in the letter."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontMetrics, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.besluit import roman
from desktop.domain.findings import Finding
from desktop.domain.forms import FieldDef
from desktop.domain.text import count_words, text_items
from desktop.ui.editor.body import BodyEdit
from desktop.ui.editor.fields import FieldWidget, frame, tr

_KINDS = (
    ("paragraph", "Alinea", "Ctrl+0"),
    ("heading", "Kopje", "Ctrl+2"),
    ("bullets", "Opsomming", "Ctrl+Shift+8"),
    ("numbered", "Nummering", "Ctrl+Shift+7"),
)


def _set_kind(edit: BodyEdit, kind: str) -> None:
    edit.set_block_kind(kind)
    edit.setFocus()


def _block_bar(parent: QWidget, edit: BodyEdit, shortcuts: bool = True) -> QHBoxLayout:
    bar = QHBoxLayout()
    bar.setContentsMargins(0, 0, 0, 0)
    for kind, label, keys in _KINDS:
        button = QToolButton(parent)
        button.setText(tr(label))
        button.setAccessibleName(tr(label))
        button.setToolTip(f"{tr(label)} ({keys})" if shortcuts else tr(label))
        if shortcuts:  # one set per window: the same keys twice would make both dead
            button.setShortcut(QKeySequence(keys))
        button.clicked.connect(lambda _=False, k=kind: _set_kind(edit, k))
        bar.addWidget(button)
    bar.addStretch(1)
    return bar


def _marks(edit: BodyEdit, findings: list[Finding]) -> list[tuple[int, int, str]]:
    out = []
    for f in findings:
        if f.span is None:
            continue
        where = edit.locate(f.item, f.span)
        if where is not None:
            out.append((where[0], max(where[1], where[0] + 1), str(f.severity)))
    return out


class BodyField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(fdef, ctx, parent)
        self.edit = BodyEdit(ctx.spell, self)
        self.edit.setAccessibleName(fdef.label)
        self.edit.setAccessibleDescription(fdef.help)
        self.edit.setMinimumHeight(QFontMetrics(self.edit.font()).lineSpacing() * 14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(_block_bar(self, self.edit))
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self.watch(self.edit)
        self.edit.paste_cut.connect(
            lambda n: self.message.emit(tr("De geplakte tekst was te lang; {n} tekens zijn weggelaten.").format(n=n))
        )

    def value(self) -> list[dict[str, Any]]:
        return self.edit.blocks()

    def set_value(self, value: Any) -> None:
        self.edit.set_blocks(value if isinstance(value, list) else [])

    def focus_target(self) -> QWidget:
        return self.edit

    def text_editors(self) -> list[Any]:
        return [self.edit]

    def show_findings(self, findings: list[Finding]) -> None:
        frame(self.edit, findings)  # a required body that is still empty is framed like any field
        self.edit.highlighter.set_marks(_marks(self.edit, findings))

    def select_finding(self, finding: Finding) -> None:
        self.edit.setFocus()
        where = self.edit.locate(finding.item, finding.span)
        if where is None:
            return
        cursor = self.edit.textCursor()
        cursor.setPosition(where[0])
        cursor.setPosition(where[1], QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.ensureCursorVisible()

    def counter(self) -> tuple[str, bool] | None:
        n = sum(count_words(t) for _, t in text_items("body", self.edit.blocks()))
        return tr("{n} woorden").format(n=n), False

    def readability_text(self) -> str | None:
        if "readability" not in self.fdef.rules:
            return None
        return "\n".join(t for _, t in text_items("body", self.edit.blocks()))


class _AppendixRow(QWidget):
    def __init__(self, field: AppendicesField) -> None:
        super().__init__(field)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(tr("Titel van de bijlage"))
        self.body = BodyEdit(field.ctx.spell, self)
        self.body.setMinimumHeight(QFontMetrics(self.body.font()).lineSpacing() * 6)
        self.remove = QPushButton(tr("Bijlage verwijderen"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.remove)
        layout.addLayout(head)
        layout.addLayout(_block_bar(self, self.body, shortcuts=False))
        layout.addWidget(self.body)


class AppendicesField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(fdef, ctx, parent)
        self.rows: list[_AppendixRow] = []
        self.rows_layout = QVBoxLayout()
        self.add_button = QPushButton(tr("Bijlage toevoegen"), self)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rows_layout)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def add_row(self, value: dict[str, Any] | None = None, focus: bool = False, emit: bool = True) -> None:
        row = _AppendixRow(self)
        if value:
            row.title.setText(str(value.get("title", "")))
            body = value.get("body", [])
            row.body.set_blocks(body if isinstance(body, list) else [])
        row.title.textEdited.connect(self._emit)
        self.watch(row.body)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self._renumber()
        if focus:
            row.title.setFocus()
        if emit:
            self._emit()

    def remove_row(self, row: _AppendixRow) -> None:
        self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.deleteLater()
        self._renumber()
        self.add_button.setFocus()
        self._emit()

    def _renumber(self) -> None:
        for i, row in enumerate(self.rows):
            name = tr("Bijlage {n}").format(n=roman(i + 1))
            row.title.setAccessibleName(tr("{name}, titel").format(name=name))
            row.body.setAccessibleName(tr("{name}, tekst").format(name=name))

    def value(self) -> list[dict[str, Any]]:
        return [{"title": r.title.text(), "body": r.body.blocks()} for r in self.rows]

    def set_value(self, value: Any) -> None:
        for row in list(self.rows):
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for app in value if isinstance(value, list) else []:
            if isinstance(app, dict):
                self.add_row(app, emit=False)

    def text_editors(self) -> list[Any]:
        return [r.body for r in self.rows]

    def select_finding(self, finding: Finding) -> None:
        if finding.item is not None and 0 <= finding.item < len(self.rows):
            self.rows[finding.item].body.setFocus()
        else:
            self.add_button.setFocus()

    def counter(self) -> tuple[str, bool] | None:
        n = sum(count_words(t) for _, t in text_items("appendices", self.value()))
        return tr("{n} bijlagen, {w} woorden").format(n=len(self.rows), w=n), False


WIDGETS = {
    "body": BodyField,
    "appendices": AppendicesField,
}
