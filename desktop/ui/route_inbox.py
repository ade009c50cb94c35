"""The "Te paraferen / Te adviseren" list: what waits for this person's paraaf or advice.

The rows come from ``desktop.queue.route_inbox.inbox`` on a worker thread; a decision
is signed by ``desktop.queue.route_decide.decide`` (CLI: ``route inbox``, ``route sign``,
``route advise``). Nothing here touches the share or the keyring itself.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

from desktop.config.settings import Settings
from desktop.domain import route as R
from desktop.domain import workflow as wf
from desktop.domain.dates import format_date, parse_date
from desktop.domain.forms import default_formset
from desktop.queue.route_decide import decide
from desktop.queue.route_inbox import inbox
from desktop.ui.editor.printing import print_document
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
        self.document = QTextBrowser(self)
        self.document.setAccessibleName(tr("Het stuk zoals het wordt afgedrukt"))
        # A new round carries the remarks the steller has not handled yet (``route_share.carried_remarks``).
        self.carried = QLabel(self)
        self.carried.setWordWrap(True)
        self.carried.setAccessibleName(tr("Open opmerkingen uit de vorige ronde"))
        self.carried.hide()
        self.remarks: list[str] = []  # "veld:begin-eind:tekst" for the next decision
        self.remark = QLineEdit(self)
        self.remark.setAccessibleName(tr("Opmerking bij de geselecteerde tekst"))
        self.remark.setPlaceholderText(tr("Opmerking bij de tekst die u in het stuk selecteert"))
        remark_button = QPushButton(tr("Opmerking &toevoegen"), self)
        remark_button.clicked.connect(self.add_remark)
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
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.document)
        split.setSizes([140, 420])
        layout.addWidget(split, 1)
        layout.addWidget(self.carried)
        remark_row = QHBoxLayout()
        remark_row.addWidget(self.remark, 1)
        remark_row.addWidget(remark_button)
        layout.addLayout(remark_row)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.table.itemSelectionChanged.connect(self._enable)
        self.resize(860, 760)
        self._enable()
        self.reload()

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        row = self.selected()
        self._show(row)
        advice = row is not None and row["soort"] == wf.TER_ADVISERING
        for key, button in self.buttons.items():
            button.setEnabled(row is not None and key.startswith(R.ADVIES if advice else R.PARAAF))

    def reload(self) -> None:
        self.status.setText(tr("Laden…"))
        run_task(lambda: inbox(self.formset, self.queue_dir, with_draft=True), self._loaded)

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

    def _show(self, row: dict[str, Any] | None) -> None:
        """The selected request's stuk, rendered as it will print (verified against its hash)."""
        shown = row.get("id") if row else None
        if shown == getattr(self, "_shown", None):
            return
        self._shown = shown
        self.remarks = []
        carried = row.get("opmerkingen", []) if row else []
        self.carried.setText(tr("Open opmerkingen uit de vorige ronde:") + "".join(f"\n\u2022 {c}" for c in carried))
        self.carried.setVisible(bool(carried))
        draft = row.get("draft") if row else None
        form = self.formset.forms.get(draft.form) if draft is not None else None
        if draft is None or form is None:
            self.document.setHtml("")
            return
        self.printed = print_document(draft, form, self.formset)
        self.document.setDocument(self.printed)

    def add_remark(self) -> bool:
        """Anchor the typed remark to the text selected in the stuk (its field and span)."""
        row = self.selected()
        selected = self.document.textCursor().selectedText().replace("\u2029", "\n").strip()
        anchor = find_anchor(row["draft"].values, selected) if row and row.get("draft") else None
        if anchor is None or not self.remark.text().strip():
            self.status.setText(tr("Selecteer eerst een stuk tekst van één veld in het stuk en typ de opmerking."))
            return False
        field_id, begin, end = anchor
        self.remarks.append(f"{field_id}:{begin}-{end}:{self.remark.text().strip()}")
        self.remark.clear()
        self.status.setText(tr("{n} opmerking(en) bij de volgende beslissing.").format(n=len(self.remarks)))
        return True

    def decide(self, soort: str, word: str) -> None:
        row = self.selected()
        if row is None:
            return
        text = self.text.toPlainText()
        remarks = list(self.remarks)
        self.status.setText(tr("Ondertekenen…"))
        run_task(lambda: decide(row["id"], soort, word, text, formset=self.formset, queue_dir=self.queue_dir,
                                remarks=remarks), self._decided)

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


def find_anchor(values: dict[str, Any], selected: str) -> tuple[str, int, int] | None:
    """The field and Python span of a selection made in the printed stuk (first text field holding it)."""
    if not selected:
        return None
    for field_id, value in values.items():
        if isinstance(value, str) and (at := value.find(selected)) >= 0:
            return field_id, at, at + len(selected)
    return None


def open_inbox(parent: Any) -> RouteInboxDialog:
    dialog = RouteInboxDialog(default_formset(), Settings().queue_dir(), parent)
    dialog.open()
    return dialog
