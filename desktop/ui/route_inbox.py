"""The "Te paraferen / Te adviseren" list: what waits for this person's paraaf or advice.

The rows come from ``desktop.queue.route_service.inbox`` on a worker thread; a decision
is signed by ``desktop.queue.route_decide.decide`` (CLI: ``route inbox``, ``route sign``,
``route advise``). Nothing here touches the share or the keyring itself.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.config.settings import Settings
from desktop.domain import route as R
from desktop.domain import workflow as wf
from desktop.domain.dates import format_date, parse_date
from desktop.domain.forms import default_formset
from desktop.queue.route_decide import decide
from desktop.queue.route_service import inbox
from desktop.ui.tasks import run_task

log = logging.getLogger(__name__)
COLUMNS = ("Soort", "Onderwerp", "Steller", "Classificatie", "Termijn")
# Button text -> (kind, CLI word)
BUTTONS = (
    ("&Akkoord", R.PARAAF, "akkoord"),
    ("Akkoord met &opmerkingen", R.PARAAF, "opmerkingen"),
    ("&Niet akkoord", R.PARAAF, "niet-akkoord"),
    ("&Positief", R.ADVIES, "positief"),
    ("Positief met op&merkingen", R.ADVIES, "opmerkingen"),
    ("Ne&gatief", R.ADVIES, "negatief"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Route", text)


class RouteInboxDialog(QDialog):
    def __init__(self, formset: Any, queue_dir: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self.formset = formset
        self.queue_dir = Path(queue_dir)
        self.rows: list[dict[str, Any]] = []
        self.setWindowTitle(tr("Te paraferen / Te adviseren"))
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(tr("Verzoeken die op uw paraaf of advies wachten"))
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(tr("Toelichting of advies"))
        self.text.setPlaceholderText(tr("Toelichting (verplicht bij niet akkoord en bij een advies)"))
        self.status = QLabel(tr("Laden…"), self)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for label, soort, word in BUTTONS:
            button = QPushButton(tr(label), self)
            button.clicked.connect(lambda _=False, s=soort, w=word: self.decide(s, w))
            self.buttons[f"{soort}:{word}"] = button
            row.addWidget(button)
        refresh = QPushButton(tr("&Vernieuwen"), self)
        refresh.clicked.connect(self.reload)
        row.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.table.itemSelectionChanged.connect(self._enable)
        self.resize(820, 420)
        self._enable()
        self.reload()

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        row = self.selected()
        advice = row is not None and row["soort"] == wf.TER_ADVISERING
        for key, button in self.buttons.items():
            button.setEnabled(row is not None and key.startswith(R.ADVIES if advice else R.PARAAF))

    def reload(self) -> None:
        self.status.setText(tr("Laden…"))
        run_task(lambda: inbox(self.formset, self.queue_dir), self._loaded)

    def _loaded(self, result: Any, error: BaseException | None) -> None:
        if error is not None:
            self.status.setText(str(error) or repr(error))
            return
        self.rows, problems = result
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            due = format_date(parse_date(r["termijn"])) + (tr(" (te laat)") if r["te_laat"] else "")
            for j, value in enumerate((wf.label(r["soort"]), r["onderwerp"], r["steller"], r["classificatie"], due)):
                self.table.setItem(i, j, QTableWidgetItem(str(value)))
        text = tr("Er wacht niets op uw paraaf of advies.") if not self.rows else \
            tr("{n} verzoek(en).").format(n=len(self.rows))
        self.status.setText(" ".join([text, *problems]))
        if self.rows:
            self.table.selectRow(0)
        self._enable()

    def decide(self, soort: str, word: str) -> None:
        row = self.selected()
        if row is None:
            return
        text = self.text.toPlainText()
        self.status.setText(tr("Ondertekenen…"))
        run_task(lambda: decide(row["id"], soort, word, text, formset=self.formset, queue_dir=self.queue_dir),
                 self._decided)

    def _decided(self, result: Any, error: BaseException | None) -> None:
        if error is not None:
            log.warning("route decision failed: %r", error)
            self.status.setText(str(error) or repr(error))
            return
        _, summary, delivered = result
        where = tr("verstuurd") if delivered else tr("wacht in de uitbak")
        self.text.clear()
        self.reload()
        self.status.setText(tr("Getekend: {s}; {w}.").format(s=summary, w=where))


def route_inbox_action(window: Any) -> QAction:
    action = QAction(tr("Te &paraferen / Te adviseren…"), window)
    action.setShortcut(QKeySequence("Ctrl+Shift+P"))
    action.setToolTip(tr("Stukken die op uw paraaf of advies wachten"))
    action.triggered.connect(lambda: open_inbox(window))
    return action


def open_inbox(parent: Any) -> RouteInboxDialog:
    dialog = RouteInboxDialog(default_formset(), Settings().queue_dir(), parent)
    dialog.open()
    return dialog
