"""The editor's "Parafen en adviezen" panel: the live gate on Indienen, the remarks one by one,
a new round after a change, and late steps.

Only when the site has routes on (``[route] aan = true``); otherwise the panel stays hidden and
Indienen is untouched. Reading the store, hashing the content and reading the share all run on a
worker thread (``run_task`` with ``desktop.queue.route_service.status``): a keystroke only
restarts a timer. The hard gate stays where it was, in the submission itself (``route_service.gate``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.config.settings import Settings
from desktop.domain import route as R
from desktop.domain import workflow as wf
from desktop.domain.findings import Finding
from desktop.queue.keys import KeyUnavailable, os_account
from desktop.queue.route_local import RouteStore
from desktop.queue.route_rules import closed_reason, form_route
from desktop.queue.route_service import RouteStatus, deliver_all, status
from desktop.queue.route_share import RouteError
from desktop.queue.route_watch import draft_id_of
from desktop.share import ShareError
from desktop.ui import route_actions
from desktop.ui.editor.fields import tr
from desktop.ui.queue_actions import attachments_of, submit_blocker
from desktop.ui.tasks import run_task
from desktop.ui.textpos import utf16_to_py

if TYPE_CHECKING:
    from desktop.ui.editor.window import EditorWindow

log = logging.getLogger(__name__)
GATE_MS = 800  # after the last keystroke: the route is checked again for the new content
CHECKING = "De parafen en adviezen worden gecontroleerd…"
SUBMIT_TIP = "Het stuk naar de wachtrij van het secretariaat sturen"
REMARK_ID = Qt.ItemDataRole.UserRole


def join_nl(items: list[str]) -> str:
    """"a", "a en b", "a, b en c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + tr(" en ") + items[-1]


def submit_reason(st: RouteStatus) -> str:
    """Why Indienen waits for the route (Dutch), empty when the route is complete."""
    refused = [s for s in st.steps if s.state == R.REFUSED]
    if refused:
        parts = [tr("{s} is niet akkoord").format(s=s.step.label)
                 + (f" ({s.decision.tekst})" if s.decision and s.decision.tekst else "") for s in refused]
        return tr("Indienen kan niet: {w}.").format(w="; ".join(parts))
    missing = [s.step.label for s in st.steps if s.state != R.DONE]
    # Else the gate's own reason: the route rules are not known here, or off for a form that needs them.
    return tr("Indienen kan pas na {w}.").format(w=join_nl(missing)) if missing else st.reason


def remark_line(remark: dict[str, Any]) -> str:
    return tr("{naam} ({stap}) bij \u201c{citaat}\u201d: {tekst}").format(
        naam=remark.get("naam", ""), stap=remark.get("stap", ""), citaat=remark.get("citaat", ""),
        tekst=remark.get("tekst", ""))


class RoutePanel(QGroupBox):
    """Lives in the editor's side; owns the route actions of the editor's Route menu."""

    def __init__(self, editor: EditorWindow) -> None:
        super().__init__(tr("Parafen en adviezen"), editor)
        self.editor = editor
        formset = editor.ctx.formset
        # Closed whatever was signed (the site's rules unknown here, or off for a form that needs
        # them): shown and refused here as the submission's own gate does.
        closed = closed_reason(formset, editor.form.id)
        self.on = bool(formset.config.route.aan) or bool(closed)
        self.required = (self.on and form_route(formset, editor.form.id).vereist) or bool(closed)
        self.status: RouteStatus | None = None
        self.reason = tr(CHECKING) if self.required else ""  # why Indienen waits; "" when it may
        self.generation = 0  # content generation: a result for older content is dropped
        self.setAccessibleName(tr("Parafen en adviezen"))
        self.text = QLabel(tr("Nog niet gecontroleerd."), self)
        self.text.setWordWrap(True)
        self.text.setAccessibleName(tr("Route van het stuk"))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        title = QLabel(tr("&Opmerkingen (vinkje: afgehandeld)"), self)
        self.remarks = QListWidget(self)
        self.remarks.setAccessibleName(tr("Opmerkingen van parafeerders en adviseurs"))
        self.remarks.setAccessibleDescription(tr("Spatie zet het vinkje: de opmerking is afgehandeld. "
                                                 "Enter toont de opmerking in de tekst."))
        title.setBuddy(self.remarks)
        self.remarks.itemChanged.connect(self._checked)
        self.remarks.itemActivated.connect(self._show_remark)
        self.again = QPushButton(tr("Opnieuw ter parafering…"), self)
        self.again.setAccessibleName(tr("Opnieuw ter parafering sturen"))
        self.again.clicked.connect(self.new_round)
        self.again.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for w in (self.text, self.again, title, self.remarks):
            layout.addWidget(w)
        self.remarks.setMaximumHeight(140)
        self.timer = QTimer(self, singleShot=True, interval=GATE_MS)
        self.timer.timeout.connect(lambda: self.evaluate(online=False))
        self._actions()
        self.setVisible(self.on)  # the first check comes with the editor's refresh_status
        self.show_submit()

    def _actions(self) -> None:
        e = self.editor
        menu = e.route_menu
        menu.addSeparator()
        self.handled_action = e._action("Opmerking a&fgehandeld", "Ctrl+Shift+K", self.handle_current)
        self.handled_action.setStatusTip(tr("De opmerking onder de cursor (of gekozen in de lijst) is afgehandeld"))
        self.list_action = e._action("Op&merkingen", "Ctrl+Shift+O", self.remarks.setFocus)
        self.again_action = e._action("Opnieuw ter &parafering…", "Ctrl+Shift+R", self.new_round)
        self.again_action.setEnabled(False)
        self.refresh_action = e._action("Route &bijwerken", "F5", lambda: self.evaluate(online=True))
        for a in (self.handled_action, self.list_action, self.again_action, self.refresh_action):
            a.setVisible(self.on)  # routes off: the menu as it was
            menu.addAction(a)

    # -- evaluation ------------------------------------------------------------------------------
    def changed(self) -> None:
        """A keystroke: the gate closes until the route is checked for the new content (debounced)."""
        if not self.on:
            return
        self.generation += 1
        if self.required and not self.reason:
            self.reason = tr(CHECKING)
            self.show_submit()
        self.timer.start()

    def refresh(self) -> None:
        """After a poll (F5 or the timer in the main window): fetch new decisions from the share."""
        if self.on:
            self.evaluate(online=True)

    def evaluate(self, online: bool) -> None:
        e = self.editor
        if not self.on or not isValid(e) or e.closing:
            return
        self.timer.stop()
        draft, form, formset = e.snapshot(), e.form, e.ctx.formset
        key = f"concept:{e.session.draft_id}"
        generation = self.generation

        def job() -> RouteStatus:
            queue = Settings().queue_dir()
            if online:
                try:
                    deliver_all()  # requests that waited in the outbox go first
                except (RouteError, ShareError, KeyUnavailable) as exc:  # they wait; the status still shows
                    log.warning("route delivery failed: %r", exc)
            return status(draft, formset=formset, queue_dir=queue, draft_key=key,
                          attachments=attachments_of(draft, form), online=online)

        def done(st: RouteStatus | None, error: BaseException | None) -> None:
            if not isValid(self) or not isValid(e) or e.closing:
                return
            if generation != self.generation:
                return  # typed meanwhile: the timer checks the newer content
            if error is not None or st is None:
                log.warning("route status failed: %r", error)
                self.reason = tr("Indienen wacht: de route kon niet worden gecontroleerd ({e}).").format(e=error) \
                    if self.required else ""
                self.text.setText(str(error))
                self.show_submit()
                return
            self.show_route(st)

        run_task(job, done)

    # -- showing ---------------------------------------------------------------------------------
    def show_route(self, st: RouteStatus) -> None:
        self.status = st
        self.reason = submit_reason(st) if self.required else ""
        side = getattr(self.editor, "status_side", None)
        if side is not None and side.state not in wf.ROUTE_OPEN:
            self.show_settled(wf.label(side.state))
            return
        lines = [route_actions.step_line(s) for s in st.steps] or [
            tr("Voor dit stuk zijn geen parafen of adviezen nodig.")]
        stale = [s for s in st.steps if s.step.key in st.stale]
        for s in stale:
            lines.append(tr("{s} telt niet meer: het stuk is daarna gewijzigd.").format(s=s.step.label))
        lines += st.problems
        if st.notice:
            lines.append(st.notice)
        if st.offline:
            lines.append(tr("De gedeelde map is niet bereikbaar; getoond wat eerder is opgehaald."))
        if self.required:
            lines.append(self.reason or tr("De route is compleet: het stuk kan worden ingediend."))
        self.text.setText("\n".join(lines))
        self.again.setVisible(bool(st.stale))
        self.again_action.setEnabled(bool(st.stale))
        self._fill_remarks(st)
        self._mark(st.remarks)
        self.show_submit()
        if st.steps and not st.reason:
            self.note(wf.GEREED, tr("parafen en adviezen compleet"))
        elif st.stale:
            self.note(wf.CONCEPT, tr("gewijzigd na de parafen: een nieuwe ronde is nodig"), (wf.GEREED,))

    def show_settled(self, state_label: str) -> None:
        """Submitted (and not sent back): the route that counts is the one the secretariat verified
        at acceptance; a later fill-in of the registratienummer is no reason for a new round."""
        self.text.setText(tr("Het stuk is ingediend ({s}). De parafen en adviezen golden voor de ingediende "
                             "inhoud; het secretariaat heeft ze bij aanvaarding vastgelegd.").format(s=state_label))
        self.again.setVisible(False)
        self.again_action.setEnabled(False)
        if self.status is not None:
            self._fill_remarks(self.status)
        self.show_submit()

    def note(self, state: str, detail: str, only_from: tuple[str, ...] = ()) -> None:
        """The route's state in the stuk's history ("Status van het stuk"), when the workflow allows it."""
        e = self.editor
        key = f"concept:{e.session.draft_id}"

        def shown(changed: bool | None, error: BaseException | None) -> None:
            if error is not None:
                log.warning("noting the route state failed: %r", error)
            elif changed and isValid(e) and not e.closing:
                e.status_side.refresh()

        draft_id = draft_id_of(key)
        if e.session.draft_id is not None and draft_id is not None:
            e.session.service.submit(
                lambda store: store.steller_step(draft_id, state, detail=detail, actor=os_account(), only_from=only_from),
                shown)

    def _mark(self, remarks: list[dict[str, Any]]) -> None:
        """The open remarks at their text, with the findings (checked again only when they changed)."""
        checker = self.editor.checker
        if remarks != checker.remarks:
            checker.remarks = list(remarks)
            checker.run_now()

    def show_submit(self) -> None:
        """Indienen (menu, shortcut) enabled or not, with the reason as tooltip and status tip."""
        action = self.editor.submit_action
        blocker = submit_blocker(self.editor.checker.findings or [])
        action.setEnabled(not self.reason)
        tip = self.reason or blocker or tr(SUBMIT_TIP)
        action.setToolTip(tip)
        action.setStatusTip(tip)

    def _fill_remarks(self, st: RouteStatus) -> None:
        self.remarks.blockSignals(True)
        try:
            self.remarks.clear()
            for remark, handled in [(r, False) for r in st.remarks] + [(r, True) for r in st.handled]:
                item = QListWidgetItem(remark_line(remark), self.remarks)
                item.setData(REMARK_ID, str(remark.get("id", "")))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if handled else Qt.CheckState.Unchecked)
                item.setToolTip(tr("Afgehandeld") if handled else tr("Nog niet afgehandeld"))
        finally:
            self.remarks.blockSignals(False)

    # -- remarks ---------------------------------------------------------------------------------
    def _checked(self, item: QListWidgetItem) -> None:
        self.set_handled(str(item.data(REMARK_ID)), item.checkState() == Qt.CheckState.Checked)

    def set_handled(self, remark_id: str, handled: bool) -> None:
        """Mark one remark handled (or open again); stored at once, so it survives a restart."""
        st = self.status
        if st is None or not remark_id:
            return
        store = RouteStore()
        if handled:
            store.add_handled([remark_id])
            moved = [r for r in st.remarks if r.get("id") == remark_id]
            st.remarks = [r for r in st.remarks if r.get("id") != remark_id]
            st.handled += moved
        else:
            store.remove_handled([remark_id])
            moved = [r for r in st.handled if r.get("id") == remark_id]
            st.handled = [r for r in st.handled if r.get("id") != remark_id]
            st.remarks += moved
        self._fill_remarks(st)
        self._mark(st.remarks)
        left = len(st.remarks)
        self.editor.statusBar().showMessage(
            tr("Opmerking afgehandeld; nog {n} open.").format(n=left) if handled
            else tr("Opmerking weer open."), 8000)

    def remark_under_cursor(self, edit: QWidget | None = None, pos: int | None = None) -> dict[str, Any] | None:
        """The open remark whose text holds the cursor of ``edit`` (the focused field by default)."""
        st = self.status
        if st is None or not st.remarks:
            return None
        found = self._field_of(edit)
        if found is None:
            return None
        field_id, text_edit = found
        text = text_edit.toPlainText()
        at = utf16_to_py(text, text_edit.textCursor().position() if pos is None else pos)
        values = {field_id: text}
        for remark, finding in zip(st.remarks, R.remark_findings(st.remarks, values), strict=True):
            if finding.field == field_id and finding.span and finding.span[0] <= at <= finding.span[1]:
                return remark
        return None

    def _field_of(self, edit: QWidget | None) -> tuple[str, Any] | None:
        from PySide6.QtWidgets import QApplication

        edit = edit or QApplication.focusWidget()
        if not isinstance(edit, QPlainTextEdit | QTextEdit):
            return None
        for field_id, row in self.editor.view.rows.items():
            if edit in row.widget.text_editors() and isinstance(row.widget.value(), str):
                return field_id, edit
        return None

    def handle_current(self) -> bool:
        """"Opmerking afgehandeld": the remark under the cursor, else the one chosen in the list."""
        remark = self.remark_under_cursor()
        if remark is not None:
            self.set_handled(str(remark["id"]), True)
            return True
        item = self.remarks.currentItem()
        if item is not None and item.checkState() != Qt.CheckState.Checked:
            item.setCheckState(Qt.CheckState.Checked)  # -> _checked
            return True
        self.editor.statusBar().showMessage(tr("Hier staat geen open opmerking."), 8000)
        return False

    def context_actions(self, edit: QWidget, pos: int, menu: QMenu) -> list[QAction]:
        """For the field's context menu: "Opmerking afgehandeld" on the remark at ``pos``."""
        remark = self.remark_under_cursor(edit, pos)
        if remark is None:
            return []
        tekst = str(remark.get("tekst", ""))
        tekst = tekst if len(tekst) <= 50 else tekst[:49] + "…"
        action = QAction(tr("Opmerking afgehandeld: “{t}” ({n})").format(t=tekst, n=remark.get("naam", "")), menu)
        action.triggered.connect(lambda: self.set_handled(str(remark["id"]), True))
        return [action]

    def _show_remark(self, item: QListWidgetItem) -> None:
        st = self.status
        remark = next((r for r in (st.remarks if st else []) if r.get("id") == item.data(REMARK_ID)), None)
        if remark is None:
            return
        values = self.editor.snapshot([str(remark.get("veld", ""))]).values
        finding: Finding = R.remark_findings([remark], values)[0]
        self.editor.jump_to(finding)

    # -- a new round -----------------------------------------------------------------------------
    def new_round(self, done: Any = None) -> None:
        """"Opnieuw ter parafering": the new content to everyone whose paraaf or advice no longer
        counts, with the remarks still open carried along."""
        st = self.status
        if st is None or not st.stale:
            return
        names = list(dict.fromkeys(st.stale.values()))
        self.again.setEnabled(False)

        def after() -> None:
            if isValid(self.again):
                self.again.setEnabled(True)
                self.evaluate(online=True)

        route_actions.send_to(self.editor, names, done if callable(done) else None, list(st.remarks), after)
