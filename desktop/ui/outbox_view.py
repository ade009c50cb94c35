"""The Uitbak: what waits on this computer for the shared folder, with "Nu versturen".

The list comes from the local record (``QueueService.outbox()``, read on a worker thread);
"Nu versturen" asks the window's poller to deliver now, and the list reloads after it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.domain import workflow as wf
from desktop.ui.services import DraftService, queue_service
from desktop.ui.stuk_status_view import when_text
from desktop.ui.tasks import run_task

COLUMNS = ("Onderwerp", "Wat", "Sinds", "Pogingen", "Laatste melding")


def tr(text: str) -> str:
    return QCoreApplication.translate("Uitbak", text)


def since_text(iso: str) -> str:
    try:
        return when_text(datetime.fromisoformat(iso.replace("Z", "+00:00")))
    except ValueError:
        return iso


class OutboxDialog(QDialog):
    """Non-modal: the steller can keep working while it is open."""

    send_now = Signal()  # the window delivers (its poller) and calls ``reload`` afterwards
    loaded = Signal(int)  # rows shown

    def __init__(self, service: DraftService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.rows: list[Any] = []
        self.setWindowTitle(tr("Uitbak — Stukken"))
        self.setAccessibleName(tr("Uitbak"))
        self.intro = QLabel(tr("Deze stukken en intrekkingen wachten op verbinding met de gedeelde map. "
                               "Ze worden vanzelf verstuurd; met Nu versturen probeert u het meteen."), self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName(tr("Wachtende inzendingen"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.result_label = QLabel(tr("Uitbak lezen…"), self)
        self.result_label.setAccessibleName(tr("Toestand van de uitbak"))
        self.result_label.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.send_button = QPushButton(tr("&Nu versturen (Ctrl+Enter)"), self)
        self.send_button.setAccessibleName(tr("Nu versturen"))
        self.send_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.send_button.clicked.connect(self._send)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(tr("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self.resize(760, 360)

    def reload(self, message: str = "") -> None:
        """Read the outbox again (a worker thread: the record lives behind the writer)."""

        def job() -> list[Any]:
            return queue_service(self.service).outbox()

        def done(rows: list[Any] | None, error: BaseException | None) -> None:
            if not isValid(self):
                return
            if error is not None:
                self.result_label.setText(tr("De uitbak kon niet worden gelezen: {e}").format(e=error))
                return
            self._show(list(rows or []), message)

        run_task(job, done)

    def _show(self, rows: list[Any], message: str) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):  # the entries of ``main.py outbox``
            what = tr("Inzending") if row["status"] == wf.IN_DE_UITBAK else tr("Intrekking")
            values = (row["onderwerp"] or tr("(zonder onderwerp)"), what, since_text(row["aangemaakt"]),
                      str(row["pogingen"]), row["laatste_fout"])
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 4 and value:
                    item.setToolTip(value)
                self.table.setItem(i, col, item)
        self.send_button.setEnabled(bool(rows))
        count = (tr("De uitbak is leeg.") if not rows else tr("1 stuk wacht.") if len(rows) == 1
                 else tr("{n} stukken wachten.").format(n=len(rows)))
        self.result_label.setText(f"{message} {count}".strip())
        self.loaded.emit(len(rows))

    def _send(self) -> None:
        self.send_button.setEnabled(False)
        self.result_label.setText(tr("Versturen…"))
        self.send_now.emit()
