"""The steller's view of one stuk: state, number, meeting, outcome, decision, reason, history.

One widget, used twice: the editor's status panel ("Status van het stuk") and the main
window's detail pane ("Details van het stuk"). It shows a ``StukStatus``
(``desktop.domain.stuk_status``) in plain labels, so nothing needs a tooltip.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QWidget

NOT_YET = "wordt toegekend"
MAX_HISTORY = 12


def tr(text: str) -> str:
    return QCoreApplication.translate("StukStatus", text)


def when_text(at: datetime) -> str:
    """d-m-jjjj uu:mm in local time."""
    local = at.astimezone() if at.tzinfo is not None else at
    return f"{local.day}-{local.month}-{local.year} {local:%H:%M}"


class StukStatusView(QFrame):
    """Labels for each part of a ``StukStatus``; rows that do not apply are hidden."""

    def __init__(self, name: str, parent: QWidget | None = None, *, title: str = "",
                 max_history: int = MAX_HISTORY) -> None:
        super().__init__(parent)
        self.max_history = max_history
        self.setAccessibleName(tr(name))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.status: Any = None
        self.form = QFormLayout(self)
        self.form.setContentsMargins(8, 6, 8, 6)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        if title:
            heading = QLabel(f"<b>{tr(title)}</b>", self)
            self.form.addRow(heading)
        self.subject_label = self._row("Onderwerp")
        self.state_label = self._row("Status")
        self.explanation_label = self._row("Betekenis")
        self.next_label = self._row("Wat nu")
        self.registratienummer_label = self._row("Registratienummer")
        self.meeting_label = self._row("Vergadering")
        self.outcome_label = self._row("Uitkomst")
        self.decision_label = self._row("Besluittekst")
        self.reason_label = self._row("Reden")
        self.waiting_label = self._row("Wacht op")
        self.history_label = self._row("Geschiedenis")
        self.clear()

    def _row(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab, read by a screen reader
        label.setAccessibleName(tr(name))
        self.form.addRow(tr(name) + ":", label)
        return label

    def _set(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setAccessibleDescription(text)
        self.form.setRowVisible(label, bool(text))

    def clear(self, text: str = "") -> None:
        """Nothing selected (or still reading): only ``text`` in the state row."""
        self.status = None
        for label in self._labels():
            self._set(label, "")
        self._set(self.state_label, text)

    def _labels(self) -> list[QLabel]:
        return [self.subject_label, self.state_label, self.explanation_label, self.next_label,
                self.registratienummer_label, self.meeting_label, self.outcome_label, self.decision_label,
                self.reason_label, self.waiting_label, self.history_label]

    def show_status(self, status: Any, onderwerp: str = "") -> None:
        """Show a ``StukStatus`` (``onderwerp`` only in the detail pane, where a list is beside it)."""
        self.status = status
        self._set(self.subject_label, onderwerp)
        self._set(self.state_label, status.label)
        self._set(self.explanation_label, status.explanation)
        self._set(self.next_label, status.next_step)
        self._set(self.registratienummer_label, status.registratienummer or (tr(NOT_YET) if status.submitted else ""))
        meeting = status.meeting
        if meeting and status.hamerstuk is not None:
            meeting += tr(" (hamerstuk)") if status.hamerstuk else tr(" (bespreekstuk)")
        self._set(self.meeting_label, meeting)
        self._set(self.outcome_label, status.outcome_label)
        self._set(self.decision_label, status.decision_text)
        self._set(self.reason_label, status.reason)
        self._set(self.waiting_label, status.waiting_reason)
        entries = list(status.history)[-self.max_history:]
        lines = [f"{when_text(e.at)}  {e.label}" + (f" — {_short(e.detail)}" if e.detail else "") for e in entries]
        self._set(self.history_label, "\n".join(lines))


_UUID = re.compile(r"\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def _short(text: str, limit: int = 80) -> str:
    """One line, submission ids shortened to their first 8 characters (as the CLI shows them)."""
    line = _UUID.sub(r"\1", " ".join(text.split()))
    return line if len(line) <= limit else line[: limit - 1] + "…"
