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

from desktop.domain import workflow as wf
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
        return (tr("Indienen kan pas als de fout is opgelost.") if errors == 1
                else tr("Indienen kan pas als de {n} fouten zijn opgelost.").format(n=errors))
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


def submission_summary(draft: Any, form: Any, queue_dir: Path, findings: list[Any]) -> str:
    """What is sent, to whom, with which classificatie and attachments (Dutch, for the question)."""
    values = draft.values
    soort = values.get("soort") if isinstance(values.get("soort"), str) else ""
    kind = f"{form.title}, {soort}" if soort and soort.casefold() not in form.title.casefold() else form.title
    onderwerp = str(values.get("onderwerp") or "").strip() or tr("(zonder onderwerp)")
    classificatie = str(values.get("classificatie") or "Openbaar")
    files = [a.name for a in attachments_of(draft, form)]
    warnings = sum(1 for f in findings if not f.is_error)
    lines = [
        tr("Stuk: {kind}, \u201c{onderwerp}\u201d").format(kind=kind, onderwerp=onderwerp),
        tr("Aan: het secretariaat, via de wachtrij {q}").format(q=queue_dir),
        tr("Classificatie: {c}").format(c=classificatie)
        + (tr(" \u2014 versleuteld: alleen het secretariaat kan het lezen")
           if classificatie in ("Vertrouwelijk", "Geheim") else ""),
    ]
    if values.get("portefeuillehouder") or values.get("directie"):
        lines.append(tr("Portefeuillehouder: {p}; directie: {d}").format(
            p=values.get("portefeuillehouder") or "-", d=values.get("directie") or "-"))
    lines.append(tr("Bijlagen: geen") if not files else
                 tr("Bijlagen ({n}): {names}").format(n=len(files), names=", ".join(files)))
    if warnings:
        lines.append(tr("Let op: nog 1 opmerking.") if warnings == 1
                     else tr("Let op: nog {n} opmerkingen.").format(n=warnings))
    return "\n".join(lines)


def submit(window: EditorWindow, done: Any = None) -> QMessageBox | None:
    """Ask first (a summary of what goes where), then save and submit; returns the question."""
    blocker = submit_blocker(window.checker.findings or [])
    if blocker:
        _tell(window, QMessageBox.Icon.Warning, tr("Nog niet indienen"), blocker, done)
        return None
    from desktop.config.settings import Settings

    draft = window.snapshot()
    box = QMessageBox(QMessageBox.Icon.Question, tr("Indienen bij het secretariaat"),
                      tr("Dit stuk indienen?"), parent=window)
    box.setInformativeText(submission_summary(draft, window.form, Settings().queue_dir(),
                                              window.checker.findings or []))
    go = box.addButton(tr("Indienen"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    box.setEscapeButton(cancel)
    box.buttonClicked.connect(lambda button: _send(window, done) if button is go else None)
    box.open()
    return box


def _send(window: EditorWindow, done: Any = None) -> None:
    """Save the draft (so the queue knows its id), then submit it on a worker thread."""
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
        window.refresh_status()  # and the editor's status panel
        title = tr("In de uitbak") if result.state == wf.IN_DE_UITBAK else tr("Ingediend")
        _tell(window, QMessageBox.Icon.Information, title, text, done)

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


def change_message(change: Any) -> str:
    """A status change in Dutch, with the state's label: "'Koepelplan' is nu aanvaard: …"."""
    text = tr("\u201c{o}\u201d is nu {s}").format(o=change.onderwerp or change.submission_id,
                                                   s=wf.label(change.new).lower())
    return f"{text}: {change.detail}" if change.detail else f"{text}."


class QueuePoller(QObject):
    """Delivers what waits in the outbox and reads status back, now and then every minute."""

    changed = Signal(list)  # Dutch messages: status changes, deliveries and problems
    news = Signal(list)  # Dutch messages of status changes and deliveries only (to notify)
    problems = Signal(list)  # Dutch messages of what went wrong (a share out of reach)
    states_read = Signal(dict)  # draft id -> DraftQueueState, for the list's status column
    polled = Signal()  # after every poll, whatever its outcome (the memory benchmark waits for it)

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
            return report, changes, service.states(), service.status_warnings

        def done(result: Any, error: BaseException | None) -> None:
            if not isValid(self):
                return
            self.running = False
            if error is not None:
                log.warning("queue poll failed: %r (%s)", error, getattr(error, "detail", ""))
                problem = [tr("De wachtrij kon niet worden bijgewerkt: {e}").format(e=str(error) or repr(error))]
                self.problems.emit(problem)
                self.changed.emit(problem)
                self.polled.emit()
                return
            report, changes, states, warnings = result
            self.states_read.emit(states)
            # A status file put back or missing is a warning the steller must see: it stays in the bar.
            news = [change_message(c) for c in changes] + list(warnings)
            delivered = len(getattr(report, "delivered", None) or [])
            if delivered:
                news.append(tr("1 stuk uit de uitbak is ingediend.") if delivered == 1
                            else tr("{n} stukken uit de uitbak zijn ingediend.").format(n=delivered))
            problems = [f"{folder}: {reason}" for folder, reason in getattr(report, "problems", {}).items()]
            if news:
                self.news.emit(news)
            if problems:
                self.problems.emit(problems)
            if news or problems:
                self.changed.emit(news + problems)
            self.polled.emit()

        run_task(job, done)
