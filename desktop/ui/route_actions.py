"""The editor's side of the paraaf route: send the stuk ter parafering or advisering, and see
who still has to act, with the remarks at their fields (CLI: ``route request``, ``route status``).

Everything that touches the share runs on a worker thread (``run_task``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox
from shiboken6 import isValid

from desktop.config.settings import Settings
from desktop.domain import route as R
from desktop.domain import workflow as wf
from desktop.domain.dates import format_date
from desktop.queue.route_local import RouteStore
from desktop.queue.route_service import request, status
from desktop.queue.route_share import AlreadyWaiting
from desktop.ui.queue_actions import attachments_of
from desktop.ui.tasks import run_task

if TYPE_CHECKING:
    from desktop.ui.editor.window import EditorWindow

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("Route", text)


def addressees(config: R.RouteConfig) -> list[str]:
    """Who a stuk can be sent to: the configured parafeerders, then the advising departments."""
    people = [s.naam for s in config.signers if s.rol in R.PARAAF_ROLES]
    return [*dict.fromkeys(people), *config.adviseurs]


def step_line(step: Any) -> str:
    """One step of the route in Dutch: who decided what, or its state and due date (``StepStatus``)."""
    d = step.decision
    if d is not None:
        return f"{step.step.label}: {d.oordeel} ({R.signed_by(step)})" + (f" \u2014 {d.tekst}" if d.tekst else "")
    line = f"{step.step.label}: {step.state}"
    if step.due is not None:
        line += tr(", termijn {d}").format(d=format_date(step.due)) + (tr(" (te laat)") if step.late else "")
    return str(line)


def status_text(st: Any) -> str:
    """The route status as Dutch lines, remarks under their step (``RouteStatus``)."""
    if not st.steps:
        return tr("Voor dit stuk zijn geen parafen of adviezen nodig.")
    lines = []
    for step in st.steps:
        d = step.decision
        lines.append(step_line(step))
        for rem in d.opmerkingen if d is not None else ():
            lines.append(tr("    opmerking bij {f} \u201c{q}\u201d: {t}").format(
                f=rem.get("veld"), q=rem.get("citaat"), t=rem.get("tekst")))
        lines.extend(tr("    telt niet: {w}").format(w=why) for why in step.rejected)
    lines.extend(st.problems)
    lines.append(tr("De route is compleet.") if not st.reason else st.reason)
    return "\n".join(lines)


def show_status(window: EditorWindow, done: Any = None) -> None:
    draft, form, formset = window.snapshot(), window.form, window.ctx.formset
    key = f"concept:{window.session.draft_id}"

    def job() -> Any:
        return status(draft, formset=formset, queue_dir=Settings().queue_dir(), draft_key=key,
                      attachments=attachments_of(draft, form))

    def shown(result: Any, error: BaseException | None) -> None:
        text = str(error) if error is not None else status_text(result)
        if error is None:
            window.checker.remarks = list(result.remarks)  # shown at their text in the editor
            window.checker.run_now()
        _tell(window, tr("Parafen en adviezen"), text, done)

    run_task(job, shown)


def remarks_handled(window: EditorWindow) -> int:
    """Mark the remarks shown in the editor as handled (they no longer show); returns how many."""
    ids = [str(r["id"]) for r in window.checker.remarks if r.get("id")]
    RouteStore().add_handled(ids)
    window.checker.remarks = []
    window.checker.run_now()
    window.route.evaluate(online=False)  # the panel's list shows them checked
    window.statusBar().showMessage(tr("{n} opmerking(en) afgehandeld.").format(n=len(ids)), 8000)
    return len(ids)


def send(window: EditorWindow, done: Any = None, choice: str | None = None) -> None:
    """Ask to whom (or take ``choice``), save, then send the request on a worker thread."""
    config = window.ctx.formset.config.route
    if not config.aan:
        _tell(window, tr("Parafen en adviezen"), tr("Parafen en adviezen staan op deze locatie niet aan."), done)
        return
    if choice is None:
        choice, ok = QInputDialog.getItem(window, tr("Ter parafering of advisering"), tr("Sturen aan:"),
                                          addressees(config), 0, False)
        if not ok:
            return
    send_to(window, [choice], done)


def send_to(window: EditorWindow, names: list[str], done: Any = None, remarks: list[dict[str, Any]] | None = None,
            after: Any = None) -> None:
    """Save, then send the stuk to each of ``names`` on a worker thread (a new round carries the
    open ``remarks`` along); ``after()`` on the GUI thread once sent."""
    formset = window.ctx.formset
    draft, form = window.snapshot(), window.form

    def one(name: str) -> Any:
        try:
            return request(draft, aan=name, formset=formset, queue_dir=Settings().queue_dir(),
                           draft_key=f"concept:{window.session.draft_id}", attachments=attachments_of(draft, form),
                           remarks=remarks or ())
        except AlreadyWaiting as exc:  # this content already waits for them: nothing sent, said
            return exc

    def job() -> Any:
        return [one(name) for name in names]

    def sent(result: Any, error: BaseException | None) -> None:
        if after is not None:
            after()
        elif isValid(window) and not window.closing:
            window.route.evaluate(online=False)  # the panel shows the steps asked, with their due dates
        if error is not None:
            log.warning("route request failed: %r", error)
            _tell(window, tr("Versturen mislukt"), str(error) or repr(error), done)
            return
        lines = []
        state = ""
        for sent_one in result:
            if isinstance(sent_one, AlreadyWaiting):
                lines.append(str(sent_one))
                continue
            _rid, name, delivered = sent_one
            where = tr("verstuurd") if delivered else tr("wacht in de uitbak tot de gedeelde map bereikbaar is")
            lines.append(tr("Verzoek aan {n}: {w}.").format(n=name, w=where))
            state = wf.TER_ADVISERING if name in formset.config.route.adviseurs else wf.TER_PARAFERING
        if state:  # the stuk's history: "Ter parafering" / "Ter advisering"
            window.route.note(state, "; ".join(lines))
        _tell(window, tr("Verstuurd"), "\n".join(lines), done)

    def saved(_result: Any, error: BaseException | None) -> None:
        if error is not None:
            _tell(window, tr("Versturen mislukt"), tr("Het concept kon niet worden opgeslagen: {e}").format(e=error),
                  done)
            return
        run_task(job, sent)

    window.dirty = False
    window.autosave_timer.stop()
    window.session.save(draft, autosave=False, next_func=saved)


def _tell(parent: Any, title: str, text: str, done: Any) -> None:
    if done is not None:
        done(title, text)
    QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent).open()
