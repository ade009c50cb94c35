"""The secretariat's dialogs: new meeting (date pickers), besluit, and confirmations that say what happens."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import workflow as wf
from desktop.domain.dates import format_date
from desktop.secretariat import meeting as m
from desktop.secretariat.documents import OUTCOME_LABEL
from desktop.ui.date_picker import DatePicker


def confirm(parent: QWidget, title: str, text: str, yes: str, detail: str = "") -> bool:
    """A question whose buttons name the action ("Agenda vaststellen", "Annuleren")."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    if detail:
        box.setInformativeText(detail)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go


def freeze_question(meeting: m.Meeting) -> tuple[str, str]:
    hamer = sum(1 for it in meeting.items if it.behandeling == "hamerstuk")
    n = len(meeting.items)
    text = (f"De agenda van {format_date(meeting.datum)} vaststellen? Zij telt {n} "
            f"{'punt' if n == 1 else 'punten'}: {hamer} {'hamerstuk' if hamer == 1 else 'hamerstukken'} en "
            f"{n - hamer} {'bespreekstuk' if n - hamer == 1 else 'bespreekstukken'}.")
    detail = ("Daarna komt een stuk dat nog wordt geagendeerd op de na-agenda, kan een punt niet meer "
              "van de agenda worden gehaald, en kunnen de besluiten worden vastgelegd.")
    return text, detail


def publish_question(meeting: m.Meeting) -> tuple[str, str]:
    counts: dict[str, int] = {}
    for it in meeting.items:
        if it.besluit_uitkomst is not None:
            label = OUTCOME_LABEL.get(it.besluit_uitkomst.uitkomst, it.besluit_uitkomst.uitkomst).lower()
            counts[label] = counts.get(label, 0) + 1
    summary = ", ".join(f"{n} {label}" for label, n in counts.items()) or "geen besluiten"
    n = len(meeting.items)
    secret = sum(1 for it in meeting.items if it.vertrouwelijk)
    text = (f"De besluiten van {format_date(meeting.datum)} publiceren? {n} "
            f"{'besluit' if n == 1 else 'besluiten'} ({summary}).")
    detail = ("De terugkoppeling komt in de gedeelde map: elke steller ziet het besluit over het eigen stuk. "
              "De vergadering wordt 'gepubliceerd' en kan daarna niet meer worden gewijzigd."
              + (f" Van {secret} vertrouwelijke of geheime {'stuk' if secret == 1 else 'stukken'} wordt "
                 "alleen de uitkomst gedeeld, niet de inhoud." if secret else ""))
    return text, detail


class NewMeetingDialog(QDialog):
    """The meeting date and the cut-off, typed as d-m-jjjj or picked in a calendar."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nieuwe vergadering")
        layout = QFormLayout(self)
        self.datum = DatePicker("Datum van de vergadering", self)
        self.sluiting = DatePicker("Sluitingsdatum voor inzendingen", self)
        self.tijd = QTimeEdit(QTime(12, 0), self)
        self.tijd.setDisplayFormat("HH:mm")
        self.tijd.setAccessibleName("Sluitingstijd")
        layout.addRow("&Datum (d-m-jjjj):", self.datum)
        cut = QHBoxLayout()
        cut.addWidget(self.sluiting)
        cut.addWidget(self.tijd)
        cut_label = QLabel("&Sluiting:", self)
        cut_label.setBuddy(self.sluiting)  # a row of two fields gets no buddy by itself
        layout.addRow(cut_label, cut)
        note = QLabel("Inzendingen die na de sluiting binnenkomen zijn te laat.", self)
        note.setWordWrap(True)
        layout.addRow(note)
        self.problem = QLabel("", self)
        self.problem.setStyleSheet("color: #b00020;")
        layout.addRow(self.problem)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton("Aanmaken", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.sluiting.dateChanged.connect(lambda _d: self._check())
        self.datum.dateChanged.connect(self._follow)
        self.datum.set_date((today or date.today()) + timedelta(days=7))

    def _follow(self, day: date | None) -> None:
        """The default cut-off: 12:00, five days before the meeting."""
        if day is not None:
            self.sluiting.set_date(day - timedelta(days=5))
            self.tijd.setTime(QTime(12, 0))
        self._check()

    def _check(self) -> None:
        problem = self.datum.error() or self.sluiting.error()
        self.problem.setText(problem)
        self.ok.setEnabled(not problem)

    def values(self) -> tuple[date, datetime]:
        day, cut = self.datum.value(), self.sluiting.value()
        assert day is not None and cut is not None  # "Aanmaken" is disabled otherwise
        t = self.tijd.time()
        return day, datetime(cut.year, cut.month, cut.day, t.hour(), t.minute())


class DecisionDialog(QDialog):
    """Names the stuk, shows the proposed besluit, and previews the decision text as it will be published."""

    def __init__(self, nr: int, item: m.AgendaItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        name = item.onderwerp or f"({item.classificatie.lower()} stuk)"
        self.setWindowTitle(f"Besluit over punt {nr}: {item.registratienummer}")
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>Punt {nr}: {name}</b><br/>{item.registratienummer} · {item.portefeuillehouder} · "
                       f"{item.behandeling}", self)
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(QLabel("Voorgesteld besluit:", self))
        proposed = QPlainTextEdit(m.default_decision_text(item, wf.CONFORM), self)
        proposed.setReadOnly(True)
        proposed.setAccessibleName("Voorgesteld besluit")
        proposed.setMaximumHeight(proposed.fontMetrics().lineSpacing() * 6 + 12)
        layout.addWidget(proposed)
        form = QFormLayout()
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName("Uitkomst")
        for key in m.OUTCOMES:
            self.outcome.addItem(OUTCOME_LABEL.get(key, key), key)
        form.addRow("&Uitkomst:", self.outcome)
        layout.addLayout(form)
        self.changed_label = QLabel("&Gewijzigde besluittekst:", self)
        self.changed = QPlainTextEdit(m.default_decision_text(item, wf.CONFORM), self)
        self.changed.setAccessibleName("Gewijzigde besluittekst")
        self.changed_label.setBuddy(self.changed)
        layout.addWidget(self.changed_label)
        layout.addWidget(self.changed)
        layout.addWidget(QLabel("Wordt gepubliceerd als:", self))
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Besluittekst")
        layout.addWidget(self.preview)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton("Besluit vastleggen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.outcome.currentIndexChanged.connect(lambda _i: self._update())
        self.changed.textChanged.connect(self._update)
        self._update()
        self.resize(560, 420)

    def values(self) -> tuple[str, str]:
        outcome = str(self.outcome.currentData())
        return outcome, (self.changed.toPlainText().strip() if outcome == wf.GEWIJZIGD else "")

    def _update(self) -> None:
        outcome, changed = self.values()
        editing = outcome == wf.GEWIJZIGD
        self.changed.setVisible(editing)
        self.changed_label.setVisible(editing)
        self.ok.setEnabled(not editing or bool(changed))
        self.preview.setText(m.default_decision_text(self.item, outcome, changed) if not editing or changed
                             else "Schrijf de gewijzigde besluittekst.")


class ProblemsDialog(QDialog):
    """The files in the share that the secretariat does not believe, with where and why."""

    def __init__(self, problems: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Problemen in de gedeelde map")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{len(problems)} bestand(en) worden niet vertrouwd en zijn overgeslagen: ze tellen niet mee voor "
            "agenda's, nummers en publicaties. Meld dit bij de beheerder." if problems else
            "Geen problemen: elk record van het secretariaat is ondertekend en compleet.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Problemen")
        for p in problems:
            self.list.addItem(f"{p.waar}: {p.melding}")
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Sluiten")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
