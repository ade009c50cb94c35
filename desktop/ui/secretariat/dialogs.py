"""The secretariat's dialogs: new meeting (date pickers), besluit, and confirmations that say what happens."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import format_date
from desktop.secretariat import meeting as m
from desktop.secretariat.documents import OUTCOME_LABEL

DATE_FORMAT = "d-M-yyyy"  # typed and shown the Dutch way: 8-12-2026


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
    """The meeting date and the cut-off, with calendar pop-ups; typed as d-m-jjjj."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nieuwe vergadering")
        day = today or date.today()
        layout = QFormLayout(self)
        self.datum = QDateEdit(self)
        self.datum.setCalendarPopup(True)
        self.datum.setDisplayFormat(DATE_FORMAT)
        self.datum.setAccessibleName("Datum van de vergadering")
        self.datum.setDate(QDate(day.year, day.month, day.day).addDays(7))
        self.sluiting = QDateTimeEdit(self)
        self.sluiting.setCalendarPopup(True)
        self.sluiting.setDisplayFormat(DATE_FORMAT + " HH:mm")
        self.sluiting.setAccessibleName("Sluitingstijd voor inzendingen")
        self.datum.dateChanged.connect(self._follow)
        self._follow(self.datum.date())
        layout.addRow("&Datum (d-m-jjjj):", self.datum)
        layout.addRow("&Sluitingstijd:", self.sluiting)
        note = QLabel("Inzendingen die na de sluitingstijd binnenkomen zijn te laat.", self)
        note.setWordWrap(True)
        layout.addRow(note)
        buttons = QDialogButtonBox(self)
        buttons.addButton("Aanmaken", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def _follow(self, qdate: QDate) -> None:
        """The default cut-off: 12:00, five days before the meeting."""
        self.sluiting.setDateTime(QDateTime(qdate.addDays(-5), QTime(12, 0)))

    def values(self) -> tuple[date, datetime]:
        d = self.datum.date()
        c = self.sluiting.dateTime()
        return (date(d.year(), d.month(), d.day()),
                datetime(c.date().year(), c.date().month(), c.date().day(), c.time().hour(), c.time().minute()))


def default_cutoff(datum: date) -> datetime:
    return datetime.combine(datum - timedelta(days=5), datetime.min.time()).replace(hour=12)


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
        proposed = QPlainTextEdit(m.default_decision_text(item, "conform"), self)
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
        self.changed = QPlainTextEdit(m.default_decision_text(item, "conform"), self)
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
        return outcome, (self.changed.toPlainText().strip() if outcome == "gewijzigd" else "")

    def _update(self) -> None:
        outcome, changed = self.values()
        editing = outcome == "gewijzigd"
        self.changed.setVisible(editing)
        self.changed_label.setVisible(editing)
        self.ok.setEnabled(not editing or bool(changed))
        self.preview.setText(m.default_decision_text(self.item, outcome, changed) if not editing or changed
                             else "Schrijf de gewijzigde besluittekst.")
