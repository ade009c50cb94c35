"""Besluitenlijsten: the college's signed decisions, newest first, new ones marked until read.

The list comes from the data folder (what was read before); a refresh on a worker thread
reads only the publications not read yet (``desktop.queue.publications``).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.queue.publications import Besluitenlijst, PublicationReader, fetch_new, route_lines
from desktop.share import reason_of
from desktop.ui import tasks


def _datum(key: str) -> str:
    parts = key.split("-")
    return f"{int(parts[2])}-{int(parts[1])}-{parts[0]}" if len(parts) == 3 and all(p.isdigit() for p in parts) else key


def render(lijst: Besluitenlijst) -> str:
    """The besluitenlijst as simple HTML (confidential items carry no content)."""
    rows = [f"<h2>Besluitenlijst van de collegevergadering van {html.escape(_datum(lijst.meeting_id))}</h2>"]
    for item in lijst.items:
        nr = html.escape(str(item.get("nr", "")))
        number = html.escape(str(item.get("registratienummer", "")))
        onderwerp = html.escape(str(item.get("onderwerp") or "(vertrouwelijk)"))
        outcome = html.escape(str(item.get("outcome", "")))
        text = html.escape(str(item.get("decision_text", "")))
        port = html.escape(str(item.get("portefeuillehouder", "")))
        route = "".join(f"<br/>{html.escape(str(line))}" for line in route_lines(item))
        rows.append(f"<p><b>{nr}. {onderwerp}</b> ({number}, {port})<br/>Uitkomst: {outcome}"
                    + (f"<br/>{text}" if text else "") + route + "</p>")
    if not lijst.items:
        rows.append("<p>Geen agendapunten.</p>")
    return "\n".join(rows)


class BesluitenlijstenView(QDialog):
    refreshed = Signal()  # after a refresh (the tests wait for it)

    def __init__(self, queue_dir: Path, parent: QWidget | None = None, reader: PublicationReader | None = None) -> None:
        super().__init__(parent)
        self.queue_dir = Path(queue_dir)
        self.reader = reader or PublicationReader()
        self.setWindowTitle("Besluitenlijsten")
        self.resize(820, 560)
        root = QVBoxLayout(self)
        self.status = QLabel("", self)
        self.status.setAccessibleName("Melding")
        self.status.setWordWrap(True)
        root.addWidget(self.status)
        body = QHBoxLayout()
        self.list = QListWidget(self)
        self.list.setAccessibleName("Vergaderingen met een besluitenlijst")
        self.list.currentItemChanged.connect(self._show)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("Besluitenlijst")
        body.addWidget(self.list, 1)
        body.addWidget(self.text, 3)
        root.addLayout(body)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton("&Vernieuwen (F5)", self)
        self.refresh_button.setAccessibleName("Vernieuwen")
        self.refresh_button.clicked.connect(self.refresh)
        close = QPushButton("&Sluiten", self)
        close.clicked.connect(self.close)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        root.addLayout(buttons)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self._fill()

    def _fill(self, select: str = "") -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for lijst in self.reader.all():
            label = _datum(lijst.meeting_id) + ("" if lijst.gelezen else "  (nieuw)")
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, lijst.meeting_id)
            if not lijst.gelezen:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
        self.list.blockSignals(False)
        if self.list.count() == 0:
            self.text.setHtml("<p>Er zijn nog geen besluitenlijsten gelezen.</p>")
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == select:
                self.list.setCurrentRow(i)

    def unread_count(self) -> int:
        return len(self.reader.unread())

    def refresh(self) -> None:
        self.status.setText("Nieuwe besluitenlijsten ophalen…")
        self.refresh_button.setEnabled(False)
        tasks.run_task(lambda: fetch_new(self.queue_dir, self.reader), self._refreshed)

    def _refreshed(self, new: Any, error: BaseException | None) -> None:
        self.refresh_button.setEnabled(True)
        if error is not None:
            why = reason_of(error) if isinstance(error, OSError) else str(error)
            self.status.setText(f"De gedeelde map is niet bereikbaar ({why}); "
                                "u ziet de besluitenlijsten die al waren opgehaald.")
        else:
            n = len(new or [])
            self.status.setText(f"{n} nieuwe besluitenlijst(en)." if n else "Geen nieuwe besluitenlijsten.")
        current = self.list.currentItem()
        self._fill(current.data(Qt.ItemDataRole.UserRole) if current else "")
        self.refreshed.emit()

    def _show(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is None:
            return
        meeting_id = str(item.data(Qt.ItemDataRole.UserRole))
        lijst = next((b for b in self.reader.all() if b.meeting_id == meeting_id), None)
        if lijst is None:
            return
        self.text.setHtml(render(lijst))
        if not lijst.gelezen:
            self.reader.mark_read(meeting_id)
            item.setText(_datum(meeting_id))
            font = QFont(item.font())
            font.setBold(False)
            item.setFont(font)
