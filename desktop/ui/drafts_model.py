"""The table model of the draft list: onderwerp, soort, status, last change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.domain import workflow as wf

COLUMNS = ("Onderwerp", "Soort", "Status", "Laatst gewijzigd")
FORM_NAMES = {"a4tje": "A4tje", "raadsbrief": "Raadsbrief"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("DraftsModel", text)


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value)
    return None


def format_when(value: Any, now: datetime | None = None) -> str:
    when = _as_datetime(value)
    if when is None:
        return str(value or "")
    if when.tzinfo is not None:
        when = when.astimezone().replace(tzinfo=None)
    now = now or datetime.now()
    if when.date() == now.date():
        return _tr("vandaag {t}").format(t=when.strftime("%H:%M"))
    return when.strftime("%d-%m-%Y %H:%M")


def soort_text(summary: Any) -> str:
    form = FORM_NAMES.get(getattr(summary, "form", ""), getattr(summary, "form", ""))
    soort = getattr(summary, "soort", "") or ""
    return f"{form} · {soort}" if soort and soort.casefold() != form.casefold() else form


class DraftsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.queue_states: dict[str, Any] = {}

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def set_queue_states(self, states: dict[str, Any]) -> None:
        """What the queue knows of each submitted draft (reason sent back, meeting date)."""
        self.queue_states = dict(states)
        if self.rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.rows) - 1, 2))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return s.id
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            state = self.queue_states.get(s.id)
            status = getattr(s, "status", "") or wf.CONCEPT
            if state is not None and state.detail:
                return f"{state.state}: {state.detail}"
            return status
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return s.onderwerp or _tr("(zonder onderwerp)")
            if col == 1:
                return soort_text(s)
            if col == 2:
                return getattr(s, "status", "") or wf.CONCEPT
            return format_when(s.updated_at)
        if role == SORT_ROLE:
            if col == 3:
                when = _as_datetime(s.updated_at)
                return when.timestamp() if when is not None else 0.0
            return str(self.data(index)).casefold()
        return None
