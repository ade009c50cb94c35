"""The main window's view of submitted stukken: detail pane, message bar, tray, Uitbak.

Built after the first list (``MainWindow.build_steller``): none of it is needed to show
the list, and the tray and the Uitbak dialog are only made when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QSettings
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout
from shiboken6 import isValid

from desktop.ui.notices import MessageBar, TrayNotifier
from desktop.ui.stuk_status_view import StukStatusView

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.outbox_view import OutboxDialog
    from desktop.ui.services import DraftService

DETAILS = "Details van het stuk"
SPLIT_KEY = "main/details_split"


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class StellerParts(QObject):
    def __init__(self, window: MainWindow, layout: QVBoxLayout, splitter: QSplitter, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.bar = MessageBar(window)
        layout.insertWidget(0, self.bar)
        self.details = StukStatusView(DETAILS, window, title=DETAILS)
        self.details.clear(tr("Kies een stuk in de lijst."))
        scroller = QScrollArea(window)
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.details)
        scroller.setMinimumWidth(260)
        splitter.addWidget(scroller)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        sizes = settings.value(SPLIT_KEY)
        if isinstance(sizes, QByteArray):
            splitter.restoreState(sizes)
        else:
            splitter.setSizes([600, 400])
        self.tray = TrayNotifier(self)
        self.outbox: OutboxDialog | None = None
        self.shown_id: Any = None

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue(SPLIT_KEY, self.splitter.saveState())

    # -- news ----------------------------------------------------------------------------
    def notify(self, messages: list[str]) -> None:
        """News about submitted stukken: the message bar (until dismissed) and the tray."""
        self.bar.add(messages)
        self.tray.notify(tr("Stukken: nieuws over uw stukken"), messages, activate=self._raise)

    def _raise(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    # -- details ---------------------------------------------------------------------------
    def show_details(self, status: Any, onderwerp: str = "") -> None:
        if status is None:
            self.shown_id = None
            self.details.clear(tr("Kies een stuk in de lijst."))
        else:
            self.shown_id = status.draft_id
            self.details.show_status(status, onderwerp)

    # -- the Uitbak ------------------------------------------------------------------------
    def open_outbox(self, service: DraftService) -> OutboxDialog:
        # Imported on first use: ~25 ms that the first list need not wait for
        # (benchmark startup_drafts_listed).
        from desktop.ui.outbox_view import OutboxDialog

        if self.outbox is None or not isValid(self.outbox):
            self.outbox = OutboxDialog(service, self.window)
            self.outbox.send_now.connect(self.window.poll_requested.emit)
        self.outbox.show()
        self.outbox.raise_()
        self.outbox.activateWindow()
        self.outbox.reload()
        return self.outbox

    def polled(self, message: str = "") -> None:
        """After a poll: say so when the user asked for it; an open Uitbak shows what still waits."""
        bar = self.window.statusBar()
        if bar.currentMessage() in (tr("Wachtrij bijwerken…"), tr("Uitbak versturen…")):
            bar.showMessage(tr("Wachtrij bijgewerkt."), 5000)
        if self.outbox is not None and isValid(self.outbox) and self.outbox.isVisible():
            self.outbox.reload(message)
