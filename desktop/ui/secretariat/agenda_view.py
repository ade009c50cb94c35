"""The agenda as a table (nr, onderwerp, registratienr., portefeuillehouder, hamer/bespreek, outcome).

The secretary reorders by drag and drop or with Ctrl+Up / Ctrl+Down. A move changes the
table on screen and emits ``reordered(submission_id, new_number)``; the window saves it as
a versioned write and rebuilds the table from the saved meeting, so the numbers on screen
are always the saved ones (a refused move shows the saved order again).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.secretariat.documents import OUTCOME_LABEL

ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIME = "application/x-stukken-agendapunt"
COLUMNS = ("Nr", "Onderwerp", "Registratienr.", "Portefeuillehouder", "Hamer/bespreek", "Uitkomst")
Index = QModelIndex | QPersistentModelIndex


def cells(nr: int, it: Any) -> tuple[str, ...]:
    d = it.besluit_uitkomst
    return (
        f"{nr}",
        it.onderwerp or f"({it.classificatie.lower()})",
        it.registratienummer,
        it.portefeuillehouder,
        it.behandeling + (", na-agenda" if it.na_agenda else ""),
        OUTCOME_LABEL.get(d.uitkomst, d.uitkomst) if d else "",
    )


class AgendaModel(QAbstractTableModel):
    reordered = Signal(str, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        it = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells(index.row() + 1, it)[index.column()]
        if role == ID_ROLE:
            return it.inzending
        if role == Qt.ItemDataRole.ToolTipRole:
            d = it.besluit_uitkomst
            return d.tekst if d and d.tekst else "\n".join(it.besluit) or None
        if role == Qt.ItemDataRole.FontRole and it.behandeling == "bespreekstuk" and index.column() == 4:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def row_text(self, row: int) -> str:
        return " | ".join(cells(row + 1, self.items[row]))

    # -- moving ------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        # Drop only between rows (never onto one), so a drop is always a move.
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: Any) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME, QByteArray(str(rows[0] if rows else -1).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:  # noqa: N802
        if not data.hasFormat(MIME):
            return False
        source = int(bytes(data.data(MIME).data()).decode() or -1)
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self.items))
        if 0 <= source < len(self.items):
            self.moveRows(QModelIndex(), source, 1, QModelIndex(), target)
        return False  # moved here already: the view must not remove the source row as well

    def moveRows(self, source_parent: Index, source: int, count: int, dest_parent: Index, dest: int) -> bool:  # noqa: N802
        if count != 1 or not 0 <= source < len(self.items) or not 0 <= dest <= len(self.items):
            return False
        if dest in (source, source + 1):
            return False
        if not self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), dest):
            return False
        item = self.items.pop(source)
        final = dest if dest < source else dest - 1
        self.items.insert(final, item)
        self.endMoveRows()
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, 0))  # the numbers
        self.reordered.emit(item.inzending, final + 1)
        return True


class AgendaTable(QTableView):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.agenda_model = AgendaModel(self)
        self.reordered = self.agenda_model.reordered
        self.setModel(self.agenda_model)
        self.setAccessibleName("Agenda")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(30)
        metrics = self.fontMetrics()
        # Onderwerp about 32 characters wide; every column can be dragged (the window scrolls).
        for col, sample in ((0, "Nr."), (1, "x" * 32), (2, "BD 12.0000000"), (3, "Wethouder Visscher"),
                            (4, "Hamer/bespreek  "), (5, "Teruggetrokken")):
            header.resizeSection(col, metrics.horizontalAdvance(sample) + 16)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def show_meeting(self, meeting: Any) -> None:
        selected = self.selected_id()
        self.agenda_model.set_items(meeting.items if meeting is not None else [])
        if selected is not None:
            self.select_id(selected)

    def current_ids(self) -> list[str]:
        return [it.inzending for it in self.agenda_model.items]

    def texts(self) -> list[str]:
        return [self.agenda_model.row_text(r) for r in range(self.agenda_model.rowCount())]

    def selected_id(self) -> str | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        return str(self.agenda_model.items[rows[0].row()].inzending) if rows else None

    def select_id(self, sid: str) -> None:
        if sid in self.current_ids():
            self.selectRow(self.current_ids().index(sid))
