"""The rolvastheid questionnaire as a dialog: the group, and per question five choices.

The answers go to the share encrypted for the secretariat (``desktop.secretariat.metingen``),
on a worker thread; a new answer in the same meetmoment replaces the old one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import paths
from desktop.domain import questionnaire as Q
from desktop.domain.forms import default_formset
from desktop.domain.meetmoment import containing, periods_from_config
from desktop.secretariat import metingen
from desktop.ui import tasks


class MetingDialog(QDialog):
    done_signal = Signal()  # after a submission attempt: the tests wait for it

    def __init__(self, queue_dir: Path, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.queue_dir = Path(queue_dir)
        self.form = Q.load()
        self.meetmoment = containing(today or date.today(), periods_from_config(default_formset().config.lists))
        self.setWindowTitle(self.form.title)
        root = QVBoxLayout(self)
        key = self.meetmoment.label if self.meetmoment else "(geen meetmoment vandaag)"
        intro = QLabel(f"Meetmoment {key}. Uw antwoorden gaan versleuteld naar het secretariaat en worden "
                       "alleen per groep van ten minste vijf mensen samengeteld; uw naam wordt nooit getoond. "
                       "Vult u opnieuw in, dan telt alleen uw nieuwste antwoord.", self)
        intro.setWordWrap(True)
        root.addWidget(intro)
        form = QFormLayout()
        self.group = QComboBox(self)
        self.group.setAccessibleName("Groep")
        self.group.addItems(list(self.form.field(Q.GROUP_FIELD).choices))  # type: ignore[union-attr]
        group_label = QLabel(self.form.field(Q.GROUP_FIELD).label, self)  # type: ignore[union-attr]
        group_label.setBuddy(self.group)
        form.addRow(group_label, self.group)
        root.addLayout(form)
        self.choices: dict[str, QButtonGroup] = {}
        for q in Q.questions(self.form):
            box = QGroupBox(q.label, self)
            box.setAccessibleName(q.label)
            row = QHBoxLayout(box)
            buttons = QButtonGroup(box)
            for value, label in enumerate(q.labels, 1):
                radio = QRadioButton(f"{value} {label}", box)
                radio.setAccessibleName(f"{q.id} {value}: {label}")
                buttons.addButton(radio, value)
                row.addWidget(radio)
            self.choices[q.id] = buttons
            root.addWidget(box)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Melding")
        root.addWidget(self.message)
        row = QHBoxLayout()
        self.send = QPushButton("&Versturen", self)
        self.send.setDefault(True)
        self.send.clicked.connect(self.submit)
        close = QPushButton("&Sluiten", self)
        close.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(self.send)
        row.addWidget(close)
        root.addLayout(row)
        self.send.setEnabled(self.meetmoment is not None)

    def answers(self) -> dict[str, Any]:
        return {qid: (group.checkedId() if group.checkedId() > 0 else None) for qid, group in self.choices.items()}

    def submit(self) -> None:
        if self.meetmoment is None:
            return
        key, group, answers = self.meetmoment.key, self.group.currentText(), self.answers()
        self.send.setEnabled(False)

        def work() -> Path:
            return metingen.submit(self.queue_dir, self.form, key, group, answers, paths.data_dir())

        def finished(_result: Any, error: BaseException | None) -> None:
            self.send.setEnabled(True)
            if error is not None:
                self.message.setStyleSheet("color: #a00000;")
                self.message.setText(str(error))
            else:
                self.message.setStyleSheet("")
                self.message.setText(f"Dank u wel. Uw antwoorden voor meetmoment {key} zijn verstuurd.")
            self.done_signal.emit()

        tasks.run_task(work, finished)
