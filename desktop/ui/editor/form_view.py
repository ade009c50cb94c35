"""The form itself: one group per section, a row per field with label, counter and help."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.domain.forms import FieldDef, FormDef
from desktop.domain.readability import readability
from desktop.ui.editor.body_fields import WIDGETS as BODY_WIDGETS
from desktop.ui.editor.fields import ChoiceField, DateField, FieldWidget, LineField, TextField, tr
from desktop.ui.editor.list_fields import AttachmentsField, PointsField

log = logging.getLogger(__name__)

WIDGETS: dict[str, type[FieldWidget]] = {
    "line": LineField,
    "text": TextField,
    "choice": ChoiceField,
    "date": DateField,
    "points": PointsField,
    "attachments": AttachmentsField,
    **BODY_WIDGETS,
}


MIN_READABILITY_WORDS = 15


def readability_of(text: str) -> tuple[float, str] | None:
    """Flesch-Douma score and band from the domain, or None while it is not available."""
    if len(text.split()) < MIN_READABILITY_WORDS:
        return None  # a score of a single short sentence says nothing
    try:
        result: Any = readability(text)
    except Exception as exc:  # advice only: a rule bug must not break the editor
        log.warning("readability failed: %s", exc)
        return None
    if result is None:
        return None
    if isinstance(result, tuple):
        score, band = result[0], result[1]
    else:
        score = getattr(result, "score", None)
        band = getattr(result, "band_label", None) or getattr(result, "band", "")
    if score is None:
        return None
    return float(score), str(band)


class FieldRow:
    """A field widget with its label, counter and help text (not a widget itself)."""

    def __init__(self, fdef: FieldDef, widget: FieldWidget, label: QLabel, counter: QLabel) -> None:
        self.fdef = fdef
        self.widget = widget
        self.label = label
        self.counter = counter

    def refresh_counter(self) -> None:
        parts = []
        count = self.widget.counter()
        over = False
        if count is not None:
            parts.append(count[0])
            over = count[1]
        text = self.widget.readability_text()
        if text is not None:
            found = readability_of(text)
            if found is not None:
                parts.append(tr("leesbaarheid {score:.0f} ({band})").format(score=found[0], band=found[1]))
        self.counter.setText(" · ".join(parts))
        color = "#c00000" if over else "palette(mid)"
        self.counter.setStyleSheet(f"color: {color};")


class FormView(QWidget):
    """All sections of a form; ``rows`` by field id, ``groups`` by section id."""

    def __init__(self, form: FormDef, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, FieldRow] = {}
        self.groups: dict[str, QGroupBox] = {}
        layout = QVBoxLayout(self)
        for section in form.sections:
            group = QGroupBox(section.title, self)
            group.setObjectName(section.id)
            grid = QGridLayout(group)
            grid.setColumnStretch(1, 3)
            grid.setColumnStretch(2, 2)
            for r, fdef in enumerate(section.fields):
                self._add_row(grid, r * 2, fdef, ctx, group)
            self.groups[section.id] = group
            layout.addWidget(group)
        layout.addStretch(1)
        self.setStyleSheet(
            "*[finding=\"error\"] { border: 2px solid #c00000; }"
            "*[finding=\"warning\"] { border: 2px solid #dc8200; }"
        )

    def _add_row(self, grid: QGridLayout, r: int, fdef: FieldDef, ctx: Any, parent: QWidget) -> None:
        widget = WIDGETS[fdef.kind](fdef, ctx, parent)
        mark = " *" if fdef.required and not fdef.secretariat else ""
        label = QLabel(fdef.label + mark, parent)
        label.setBuddy(widget.focus_target())
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        counter = QLabel(parent)
        counter.setAccessibleName(tr("{label}: teller").format(label=fdef.label))
        help_label = QLabel(fdef.help, parent)
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: palette(dark);")
        help_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        grid.addWidget(label, r, 0)
        grid.addWidget(widget, r, 1)
        grid.addWidget(help_label, r, 2, 2, 1)
        grid.addWidget(counter, r + 1, 1)
        row = FieldRow(fdef, widget, label, counter)
        self.rows[fdef.id] = row
        row.refresh_counter()
