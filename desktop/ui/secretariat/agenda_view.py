"""The agenda editor: a numbered list the secretary reorders by drag and drop.

A drop only changes the list on screen; ``reordered(submission_id, new_number)`` asks the
window to save the move (as a versioned write), after which the list is rebuilt from the
saved meeting, so the numbers on screen are always the saved ones.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def item_text(nr: int, it: Any) -> str:
    late = ", na-agenda" if it.na_agenda else ""
    decided = f"  → {it.besluit_uitkomst.uitkomst}" if it.besluit_uitkomst else ""
    return (f"{nr}. [{it.behandeling}{late}] {it.registratienummer} — "
            f"{it.onderwerp or '(vertrouwelijk)'} ({it.portefeuillehouder}){decided}")


class AgendaList(QListWidget):
    reordered = Signal(str, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Agenda")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self._shown: list[str] = []
        self._check = QTimer(self, singleShot=True, interval=0)
        self._check.timeout.connect(self._detect_move)
        model = self.model()
        model.rowsMoved.connect(lambda *_: self._check.start())
        model.rowsInserted.connect(lambda *_: self._check.start())
        model.rowsRemoved.connect(lambda *_: self._check.start())

    def show_meeting(self, meeting: Any) -> None:
        self.blockSignals(True)
        self.model().blockSignals(True)
        try:
            self.clear()
            self._shown = []
            for nr, it in meeting.numbered() if meeting is not None else []:
                item = QListWidgetItem(item_text(nr, it))
                item.setData(ID_ROLE, it.inzending)
                self.addItem(item)
                self._shown.append(it.inzending)
        finally:
            self.model().blockSignals(False)
            self.blockSignals(False)
        self.reset()  # the view missed the blocked signals: repaint from the model

    def current_ids(self) -> list[str]:
        return [self.item(i).data(ID_ROLE) for i in range(self.count()) if self.item(i) is not None]

    def selected_id(self) -> str | None:
        item = self.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def _detect_move(self) -> None:
        now = self.current_ids()
        before = self._shown
        if now == before or sorted(now) != sorted(before):
            return  # nothing moved, or a drop still in progress (insert done, remove pending)
        first = next(i for i, (a, b) in enumerate(zip(now, before, strict=True)) if a != b)
        # Either now[first] moved up to `first`, or before[first] moved down.
        moved_up = now[first]
        if [x for x in now if x != moved_up] == [x for x in before if x != moved_up]:
            self._shown = now
            self.reordered.emit(moved_up, first + 1)
            return
        moved_down = before[first]
        self._shown = now
        self.reordered.emit(moved_down, now.index(moved_down) + 1)
