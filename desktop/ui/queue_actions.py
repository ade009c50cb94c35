"""Submitting a stuk to the shared-folder queue, and reading its status back.

Everything that touches the share runs on a worker thread (``run_task``); the queue
layer has its own time-outs, so a slow or absent share never freezes the window.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox
from shiboken6 import isValid

from desktop.ui.services import DraftService, queue_service
from desktop.ui.tasks import run_task

if TYPE_CHECKING:
    from desktop.ui.editor.window import EditorWindow

log = logging.getLogger(__name__)
POLL_MS = 60_000


def tr(text: str) -> str:
    return QCoreApplication.translate("Queue", text)


def submit_blocker(findings: list[Any]) -> str | None:
    """Why the stuk cannot be submitted yet (Dutch), from the editor's live findings."""
    errors = sum(1 for f in findings if f.is_error)
    if errors:
        return tr("Indienen kan pas als de {n} fout(en) zijn opgelost.").format(n=errors)
    return None


def attachments_of(draft: Any, form: Any) -> list[Any]:
    from desktop.queue.bundle import Attachment

    out = []
    for fdef in form.fields:
        if fdef.kind == "attachments":
            for path in draft.values.get(fdef.id) or []:
                if isinstance(path, str) and path:
                    out.append(Attachment(Path(path).name, Path(path)))
    return out


def submit(window: EditorWindow, done: Any = None) -> None:
    """Save the draft (so the queue knows its id), then submit it on a worker thread."""
    blocker = submit_blocker(window.checker.findings or [])
    if blocker:
        _tell(window, QMessageBox.Icon.Warning, tr("Nog niet indienen"), blocker, done)
        return
    draft = window.snapshot()
    form = window.form
    window.statusBar().showMessage(tr("Indienen…"))

    def job() -> Any:
        service = queue_service(window.session.service)
        return service.submit(draft, draft_id=window.session.draft_id, attachments=attachments_of(draft, form))

    def submitted(result: Any, error: BaseException | None) -> None:
        if error is not None:
            log.warning("submission failed: %r (%s)", error, getattr(error, "detail", ""))
            _tell(window, QMessageBox.Icon.Warning, tr("Indienen mislukt"), str(error) or repr(error), done)
            return
        text = result.message + "".join(f"\n\n{w}" for w in getattr(result, "warnings", []) or [])
        window.statusBar().showMessage(result.message, 15000)
        for callback in window.session.on_saved:
            callback(window.session.draft_id)  # the list shows the new status
        _tell(window, QMessageBox.Icon.Information, tr("Ingediend"), text, done)

    def saved(_result: Any, error: BaseException | None) -> None:
        if error is not None:
            _tell(window, QMessageBox.Icon.Warning, tr("Indienen mislukt"),
                  tr("Het concept kon niet worden opgeslagen: {e}").format(e=error), done)
            return
        run_task(job, submitted)

    window.dirty = False
    window.autosave_timer.stop()
    window.session.save(draft, autosave=False, next_func=saved)


def _tell(parent: Any, icon: QMessageBox.Icon, title: str, text: str, done: Any) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if done is not None:
        done(title, text)
    box.open()


class QueuePoller(QObject):
    """Delivers what waits in the outbox and reads status back, now and then every minute."""

    changed = Signal(list)  # Dutch messages of status changes
    states_read = Signal(dict)  # draft id -> DraftQueueState, for the list's status column

    def __init__(self, parent: QObject | None, drafts: DraftService) -> None:
        super().__init__(parent)
        self.drafts = drafts
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self.timer.start()

    def poll(self) -> None:
        if self.running:
            return
        self.running = True

        def job() -> Any:
            service = queue_service(self.drafts)
            report, changes = service.poll()
            return report, changes, service.states()

        def done(result: Any, error: BaseException | None) -> None:
            if not isValid(self):
                return
            self.running = False
            if error is not None:
                log.warning("queue poll failed: %r (%s)", error, getattr(error, "detail", ""))
                self.changed.emit([tr("De wachtrij kon niet worden bijgewerkt: {e}").format(e=str(error) or repr(error))])
                return
            report, changes, states = result
            self.states_read.emit(states)
            messages = [c.message for c in changes]
            messages += [f"{folder}: {reason}" for folder, reason in getattr(report, "problems", {}).items()]
            if changes or getattr(report, "delivered", None):
                messages = messages or [tr("Wachtende inzendingen zijn afgeleverd.")]
            if messages:
                self.changed.emit(messages)

        run_task(job, done)
