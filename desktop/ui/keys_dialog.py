"""The secretariat keys with fingerprint and trust; a key that waits can be confirmed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.queue import anchor
from desktop.queue.keys import fingerprint
from desktop.queue.secretariat_keys import known_keys

HEADERS = ("Naam", "Sleutel-id", "Vingerafdruk", "Vertrouwen")


class KeysDialog(QDialog):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sleutels van het secretariaat")
        layout = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Sleutels van het secretariaat")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.confirm_button = QPushButton("Vingerafdruk &bevestigen", self)
        self.confirm_button.setAccessibleName("Vingerafdruk bevestigen")
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.confirm_button.clicked.connect(self.confirm_selected)
        layout.addWidget(buttons)
        self.resize(720, 320)
        self.reload()

    def reload(self) -> None:
        rows, found = known_keys(None)  # local state only: never waits on the share
        self.table.setRowCount(len(rows))
        for i, (key, trust) in enumerate(rows):
            for j, text in enumerate((key.name, key.key_id, fingerprint(key.ed25519_public), trust)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if found.site:
            text = found.message or "IT bepaalt met de lijst in de sitemap welke sleutels gelden."
        else:
            text = ("Geen sitemap: de eerste sleutels van het secretariaat zijn vastgezet. Een nieuwe sleutel "
                    "telt pas als u de vingerafdruk bij het secretariaat hebt gecontroleerd en bevestigd.")
        self.note.setText(text)
        self.confirm_button.setEnabled(not found.site and any(t == anchor.PENDING for _, t in rows))

    def confirm_selected(self) -> bool:
        row = self.table.currentRow()
        item = self.table.item(row, 2) if row >= 0 else None
        trust = self.table.item(row, 3) if row >= 0 else None
        if item is None or trust is None or trust.text() != anchor.PENDING:
            QMessageBox.information(self, "Sleutels van het secretariaat",
                                    "Kies eerst een sleutel die op bevestiging wacht.")
            return False
        fp = item.text()
        answer = QMessageBox.question(
            self, "Sleutel bevestigen",
            f"Hebt u bij het secretariaat gecontroleerd dat de vingerafdruk {fp} klopt?\n\n"
            "Daarna worden vertrouwelijke stukken ook voor deze sleutel versleuteld en gelden zijn "
            "statusberichten.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        anchor.PinStore().confirm(fp)
        self.reload()
        return True
