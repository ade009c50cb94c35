"""The inbox panel: search, filters (status, directie, te laat) and the table of submissions.

Columns are sized once from their contents with a floor for Onderwerp (it never shrinks
to "…"), can be dragged wider or narrower, and the user's widths and order are kept in
the window settings (``venster.ini``) for the next session.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.secretariat.inbox_model import COLUMNS, InboxModel
from desktop.ui.window_state import window_settings

ALL = ""
HEADER_KEY = f"secretariaat/inbox_kolommen_{len(COLUMNS)}"  # another set of columns starts afresh
ONDERWERP_MIN_CHARS = 40  # "Onderwerp" must stay readable: about 40 characters before any eliding
SEARCHED = ("onderwerp", "steller", "registratienummer", "id", "directie", "portefeuillehouder")


def status_word(row: dict[str, Any]) -> str:
    """The state without its details: "besloten: conform (2030-09-03)" is "besloten"."""
    return str(row.get("status", "")).split(":")[0].split(" (")[0].strip()


class InboxFilter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.status = ALL
        self.directie = ALL
        self.late_only = False

    def set_filter(self, **values: Any) -> None:
        self.beginFilterChange()
        for key, value in values.items():
            setattr(self, key, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        row = self.sourceModel().rows[source_row]  # type: ignore[attr-defined]
        if self.status and status_word(row) != self.status:
            return False
        if self.directie and row.get("directie") != self.directie:
            return False
        if self.late_only and not row.get("te_laat"):
            return False
        needle = self.text.strip().casefold()
        return not needle or any(needle in str(row.get(k) or "").casefold() for k in SEARCHED)


class InboxPanel(QWidget):
    activated = Signal(str)  # a submission id: Enter or double click opens the stuk

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Inbox", self))
        filters = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Zoeken op onderwerp, steller, nummer (Ctrl+F)")
        self.search.setAccessibleName("Zoeken in de inbox")
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 2)
        self.status = self._combo("Filter op status", "Alle statussen")
        self.directie = self._combo("Filter op directie", "Alle directies")
        filters.addWidget(self.status, 1)
        filters.addWidget(self.directie, 1)
        self.late = QCheckBox("Alleen te laat", self)
        self.late.setAccessibleName("Alleen te laat")
        filters.addWidget(self.late)
        self.done = QCheckBox("Ook afgehandeld", self)
        self.done.setAccessibleName("Ook afgehandelde inzendingen tonen")
        filters.addWidget(self.done)
        layout.addLayout(filters)

        self.model = InboxModel(self)
        self.proxy = InboxFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Inbox")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # No sort until the user clicks a header: the inbox comes in order of arrival.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setMinimumSectionSize(40)
        layout.addWidget(self.table, 1)
        self.sized = False

        self.search.textChanged.connect(lambda t: self.proxy.set_filter(text=t))
        self.status.currentIndexChanged.connect(lambda _i: self.proxy.set_filter(status=self.status.currentData()))
        self.directie.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filter(directie=self.directie.currentData()))
        self.late.toggled.connect(lambda on: self.proxy.set_filter(late_only=on))

    def _combo(self, name: str, all_text: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(all_text, ALL)
        return combo

    def _activated(self, index: QModelIndex) -> None:
        self.activated.emit(self.proxy.index(index.row(), 0).data(Qt.ItemDataRole.UserRole + 1))

    # -- rows ------------------------------------------------------------------------------
    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        selected = self.selected_id()
        self.model.set_rows(rows)
        self._fill(self.status, sorted({status_word(r) for r in rows} - {""}))
        self._fill(self.directie, sorted({str(r.get("directie") or "") for r in rows} - {""}))
        if not self.sized:
            self._size_columns()
        if selected is not None:
            self.select_id(selected)

    @staticmethod
    def _fill(combo: QComboBox, values: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for v in values:
            combo.addItem(v, v)
        if current and combo.findData(current) < 0:
            combo.addItem(current, current)  # the user's choice stays, even with no rows now
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _size_columns(self) -> None:
        """First time: the saved widths, else widths from the contents with a floor for Onderwerp."""
        self.sized = True
        header = self.table.horizontalHeader()
        saved = window_settings().value(HEADER_KEY)
        if isinstance(saved, QByteArray) and header.restoreState(saved):
            return
        self.table.resizeColumnsToContents()
        metrics = self.table.fontMetrics()
        floor = metrics.horizontalAdvance("x" * ONDERWERP_MIN_CHARS)
        header.resizeSection(0, max(floor, min(header.sectionSize(0), 2 * floor)))
        for col in range(1, len(COLUMNS)):
            header.resizeSection(col, min(header.sectionSize(col), metrics.horizontalAdvance("x" * 30)))

    def save_state(self) -> None:
        settings = window_settings()
        settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        settings.sync()

    # -- selection ---------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return str(self.model.id_at(self.proxy.mapToSource(rows[0]).row()))

    def select_id(self, sid: str) -> bool:
        for r in range(self.model.rowCount()):
            if self.model.id_at(r) == sid:
                index = self.proxy.mapFromSource(self.model.index(r, 0))
                if index.isValid():
                    self.table.selectRow(index.row())
                    self.table.scrollTo(index)
                    return True
        return False

    def row_of(self, sid: str) -> dict[str, Any] | None:
        return next((r for r in self.model.rows if r["id"] == sid), None)
