"""List fields: the besluit points (add, remove, reorder) and the attachments (file picker)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.besluit import intro_line, roman
from desktop.domain.findings import Finding
from desktop.domain.forms import FieldDef
from desktop.domain.text import count_words
from desktop.ui.editor.fields import FieldWidget, frame, marks_for, tr
from desktop.ui.editor.textedit import SpellTextEdit
from desktop.ui.textpos import py_to_utf16


class _PointEdit(SpellTextEdit):
    """A point's editor: as high as its text (no scroll bar); Ctrl+Z also undoes adding or removing a point."""

    def __init__(self, field: PointsField, parent: QWidget) -> None:
        super().__init__(field.ctx.spell, parent)
        self.field = field
        self.stamp = 0  # when this point's text last changed, on the field's clock
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(SpellTextEdit.LineWrapMode.WidgetWidth)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self.fit())
        self.fit()

    def fit(self) -> None:
        # A plain text document measures its height in lines.
        lines = max(1, int(self.document().documentLayout().documentSize().height()))
        margins = self.contentsMargins()
        height = (lines * QFontMetrics(self.font()).lineSpacing() + 2 * int(self.document().documentMargin())
                  + margins.top() + margins.bottom() + 2)
        if self.height() != height:
            self.setFixedHeight(height)

    def undo(self) -> None:
        if not self.field.undo_structure(self):
            super().undo()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Undo) and self.field.undo_structure(self):
            event.accept()
            return
        super().keyPressEvent(event)


class _PointRow(QWidget):
    def __init__(self, field: PointsField) -> None:
        super().__init__(field)
        self.number = QLabel(self)
        self.number.setMinimumWidth(QFontMetrics(self.number.font()).horizontalAdvance("VIII.") + 4)
        self.edit = _PointEdit(field, self)
        self.up = QToolButton(self)
        self.up.setText("↑")
        self.down = QToolButton(self)
        self.down.setText("↓")
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.edit, 1)
        for b in (self.up, self.down, self.remove):
            layout.addWidget(b)

    def set_index(self, i: int, label: str) -> None:
        numeral = roman(i + 1)
        self.number.setText(numeral + ".")
        self.edit.setAccessibleName(tr("{label}, punt {n}").format(label=label, n=numeral))
        self.up.setAccessibleName(tr("Punt {n} omhoog").format(n=numeral))
        self.up.setToolTip(self.up.accessibleName())
        self.down.setAccessibleName(tr("Punt {n} omlaag").format(n=numeral))
        self.down.setToolTip(self.down.accessibleName())
        self.remove.setAccessibleName(tr("Punt {n} verwijderen").format(n=numeral))
        self.remove.setToolTip(self.remove.accessibleName())


class PointsField(FieldWidget):
    """Numbered points I., II., ...; each its own editor with its own undo history."""

    def __init__(self, fdef: FieldDef, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(fdef, ctx, parent)
        self.rows: list[_PointRow] = []
        # Adding, removing and moving points, newest last: (clock, kind, index, text or target).
        self.structure: list[tuple[int, str, int, Any]] = []
        self.clock = 0
        self.intro = QLabel(self)
        self.list_layout = QVBoxLayout()
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(tr("Beslispunt toevoegen"), self)
        self.add_button.clicked.connect(lambda: self.add_point(focus=True, record=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addLayout(self.list_layout)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.set_intro("")

    def set_intro(self, soort: str) -> None:
        self.intro.setText(intro_line(soort))

    def _record(self, kind: str, index: int, extra: Any = None) -> None:
        self.clock += 1
        self.structure.append((self.clock, kind, index, extra))
        del self.structure[:-50]

    def _text_changed(self, edit: _PointEdit) -> None:
        if edit.highlighter.busy:
            return  # underlining a finding is no typing
        self.clock += 1
        edit.stamp = self.clock

    def add_point(self, text: str = "", focus: bool = False, emit: bool = True, record: bool = False,
                  index: int | None = None) -> None:
        if self.fdef.max_items is not None and len(self.rows) >= self.fdef.max_items:
            self.message.emit(tr("Maximaal {n} beslispunten.").format(n=self.fdef.max_items))
            return
        row = _PointRow(self)
        row.edit.setPlainText(text)
        self.watch(row.edit)
        row.edit.textChanged.connect(lambda: self._text_changed(row.edit))
        row.up.clicked.connect(lambda: self.move_point(row, -1))
        row.down.clicked.connect(lambda: self.move_point(row, 1))
        row.remove.clicked.connect(lambda: self.remove_point(row))
        index = len(self.rows) if index is None else index
        self.rows.insert(index, row)
        self.list_layout.insertWidget(index, row)
        self._renumber()
        if record:
            self._record("add", index)
        if focus:
            row.edit.setFocus()
        if emit:
            self._emit()

    def undo_structure(self, edit: Any = None) -> bool:
        """Undo the last add, remove or move when it is newer than the typing in ``edit``."""
        if not self.structure:
            return False
        clock, kind, index, extra = self.structure[-1]
        if edit is not None and edit.stamp > clock and edit.document().isUndoAvailable():
            return False  # the typing in this point came later: the text's own undo goes first
        self.structure.pop()
        if kind == "add" and index < len(self.rows):
            self.remove_point(self.rows[index], record=False)
        elif kind == "remove":
            self.add_point(extra, focus=True, index=min(index, len(self.rows)))
        elif kind == "move" and extra < len(self.rows):
            self.move_point(self.rows[extra], index - extra, record=False)
        self.message.emit(tr("Ongedaan gemaakt: beslispunt {what}.").format(
            what={"add": tr("toevoegen"), "remove": tr("verwijderen"), "move": tr("verplaatsen")}[kind]))
        return True

    def undo(self) -> None:
        """Edit > Ongedaan maken while the focus is on a button of this field."""
        self.undo_structure()

    def remove_point(self, row: _PointRow, record: bool = True) -> None:
        index = self.rows.index(row)
        if record:
            self._record("remove", index, row.edit.toPlainText())
        self.rows.remove(row)
        self.list_layout.removeWidget(row)
        row.deleteLater()
        self._renumber()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].edit.setFocus()
        else:
            self.add_button.setFocus()
        self._emit()

    def move_point(self, row: _PointRow, step: int, record: bool = True) -> None:
        i = self.rows.index(row)
        j = i + step
        if not 0 <= j < len(self.rows):
            return
        if record:
            self._record("move", i, j)
        self.rows[i], self.rows[j] = self.rows[j], self.rows[i]
        self.list_layout.removeWidget(row)
        self.list_layout.insertWidget(j, row)
        self._renumber()
        row.edit.setFocus()
        self._emit()

    def _renumber(self) -> None:
        for i, row in enumerate(self.rows):
            row.set_index(i, self.fdef.label)
        full = self.fdef.max_items is not None and len(self.rows) >= self.fdef.max_items
        self.add_button.setEnabled(not full)

    def value(self) -> list[str]:
        return [row.edit.toPlainText() for row in self.rows]

    def set_value(self, value: Any) -> None:
        for row in list(self.rows):
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self.structure.clear()  # another draft or version: its history is not ours
        points = [p for p in value if isinstance(p, str)] if isinstance(value, list) else []
        for point in points or [""]:
            self.add_point(point, emit=False)

    def focus_target(self) -> QWidget:
        return self

    def text_editors(self) -> list[SpellTextEdit]:
        return [row.edit for row in self.rows]

    def show_findings(self, findings: list[Finding]) -> None:
        self.setToolTip("\n".join(f.message for f in findings))
        whole = [f for f in findings if f.item is None or f.item >= len(self.rows)]  # "required", "max 5"
        for i, row in enumerate(self.rows):
            own = [f for f in findings if f.item == i]
            row.edit.highlighter.set_marks(marks_for(row.edit.toPlainText(), own, item=i))
            frame(row.edit, own + (whole if i == 0 else []))

    def select_finding(self, finding: Finding) -> None:
        if not self.rows:
            self.add_button.setFocus()
            return
        index = finding.item if finding.item is not None and finding.item < len(self.rows) else 0
        edit = self.rows[index].edit
        edit.setFocus()
        if finding.span is not None:
            text = edit.toPlainText()
            edit.select_range(py_to_utf16(text, finding.span[0]), py_to_utf16(text, finding.span[1]))

    def counter(self) -> tuple[str, bool] | None:
        n = len(self.rows)
        longest = max((count_words(p) for p in self.value()), default=0)
        over = (self.fdef.max_items is not None and n > self.fdef.max_items) or (
            self.fdef.max_words is not None and longest > self.fdef.max_words
        )
        text = tr("1 punt") if n == 1 else tr("{n} punten").format(n=n)
        if self.fdef.max_words:
            text += tr(", langste {w} / {max} woorden").format(w=longest, max=self.fdef.max_words)
        return text, over


class AttachmentsField(FieldWidget):
    """The attached files; the value is the list of their paths."""

    def __init__(self, fdef: FieldDef, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(fdef, ctx, parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(fdef.label)
        self.list.setAccessibleDescription(fdef.help)
        self.list.setMaximumHeight(QFontMetrics(self.list.font()).lineSpacing() * 4 + 10)
        self.add_button = QPushButton(tr("Bestand toevoegen…"), self)
        self.remove_button = QPushButton(tr("Verwijderen"), self)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("Bijlagen kiezen"))
        self.add_files(files)

    def add_files(self, files: list[str]) -> None:
        known = set(self.value())
        for path in files:
            if path and path not in known:
                self._add_item(path)
        self._emit()

    def _add_item(self, path: str) -> None:
        item = QListWidgetItem(PurePath(path).name or path)
        item.setToolTip(path)
        item.setData(256, path)
        self.list.addItem(item)

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._emit()

    def value(self) -> list[str]:
        return [str(self.list.item(i).data(256)) for i in range(self.list.count())]

    def set_value(self, value: Any) -> None:
        self.list.clear()
        for path in value if isinstance(value, list) else []:
            if isinstance(path, str):
                self._add_item(path)

    def focus_target(self) -> QWidget:
        return self.list

    def counter(self) -> tuple[str, bool] | None:
        n = self.list.count()
        if self.fdef.max_items is None:
            return tr("{n} bestanden").format(n=n), False
        return tr("{n} / {max} bestanden").format(n=n, max=self.fdef.max_items), n > self.fdef.max_items
