"""The inbox as a table model: one row per submission, as ``overview.inbox_rows`` gives them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.domain.text import count_label
from desktop.secretariat.meeting import CONFIDENTIAL

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (
    ("onderwerp", "Onderwerp"),
    ("steller", "Steller"),
    ("account", "Ingediend door"),
    ("directie", "Directie"),
    ("classificatie", "Classificatie"),
    ("verificatie", "Echtheid"),
    ("te_laat", "Te laat"),
    ("bevindingen", "Bevindingen"),
    ("status", "Status"),
    ("registratienummer", "Registratienr."),
)
WARN = QColor("#b00020")

Index = QModelIndex | QPersistentModelIndex


def cell_text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if key == "account":  # who really submitted it: the account and the short key fingerprint
        return f"{value or '?'} (sleutel {row.get('vingerafdruk') or '?'})"
    if key == "te_laat":
        return "te laat" if value else ""
    if key == "bevindingen":
        errors = sum(1 for f in value or [] if f.get("ernst") == "fout")
        return (f"{count_label(errors, 'fout', 'fouten')}, "
                f"{count_label(len(value) - errors, 'opmerking', 'opmerkingen')}") if value else "geen"
    if key == "status" and row.get("reden"):
        return f"{value}: {row['reden']}"
    return str(value or "")


class InboxModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, key)
        if role == ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "onderwerp":
                return row.get("onderwerp") or None
            if key == "bevindingen":
                return "\n".join(f"{f['ernst']}: {f['veld']}: {f['melding']}" for f in row["bevindingen"]) or None
            if key == "verificatie":
                return row.get("probleem") or None
        if role == Qt.ItemDataRole.ForegroundRole:
            bad = (key == "verificatie" and row["verificatie"] not in ("vertrouwd", "nieuwe sleutel")) or (
                key == "te_laat" and row["te_laat"]
            ) or (key == "classificatie" and row.get("classificatie") in CONFIDENTIAL)
            return QBrush(WARN) if bad else None
        return None

    def id_at(self, row: int) -> str:
        return str(self.rows[row]["id"])
