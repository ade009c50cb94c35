"""Notifications a steller notices: a message bar that stays until dismissed, and the tray.

The queue's news (a stuk accepted, sent back, decided; the outbox delivered) goes to the
main window's bar "Meldingen", newest first, until the user closes it; where the platform
has a system tray (``QSystemTrayIcon.isSystemTrayAvailable()``) a tray message as well.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QWidget,
)

SHOWN = 5  # messages listed in the bar; older ones are counted


def tr(text: str) -> str:
    return QCoreApplication.translate("Meldingen", text)


class MessageBar(QFrame):
    """News that stays until dismissed (Sluiten, or Beeld > Meldingen sluiten)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Meldingen"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("MessageBar { background: #fff4c2; border: 1px solid #d9b800; }")
        self.messages: list[str] = []
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(tr("Tekst van de meldingen"))
        self.close_button = QPushButton(tr("Sluiten"), self)
        self.close_button.setAccessibleName(tr("Meldingen sluiten"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.hide()

    def add(self, messages: list[str]) -> None:
        """Add news (newest first); a message already shown is not repeated."""
        new = [m for m in messages if m and m not in self.messages]
        if not new:
            return
        self.messages = list(reversed(new)) + self.messages
        shown = self.messages[:SHOWN]
        lines = [f"• {m}" for m in shown]
        rest = len(self.messages) - len(shown)
        if rest:
            lines.append(tr("en 1 eerdere melding") if rest == 1 else tr("en {n} eerdere meldingen").format(n=rest))
        self.label.setText("\n".join(lines))
        self.setAccessibleDescription(self.label.text())
        self.show()

    def dismiss(self) -> None:
        self.messages = []
        self.label.clear()
        self.hide()


class TrayNotifier(QObject):
    """A tray message where the platform has a system tray; nothing (and no icon) elsewhere."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray: QSystemTrayIcon | None = None
        self.shown: list[tuple[str, str]] = []  # what was sent to the tray (title, text)

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def notify(self, title: str, messages: list[str], activate: Any = None) -> bool:
        if not messages or not self.available():
            return False
        if self.tray is None:
            self.tray = QSystemTrayIcon(QApplication.windowIcon(), self)
            self.tray.setToolTip(tr("Stukken"))
            if activate is not None:
                self.tray.activated.connect(lambda _reason: activate())
                self.tray.messageClicked.connect(activate)
            self.tray.show()
        text = "\n".join(messages[:SHOWN])
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)
        self.shown.append((title, text))
        return True
