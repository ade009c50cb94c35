"""The editor window of one draft: form, navigator, findings, page meter, autosave."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.domain.draft import Draft, current_draft
from desktop.domain.findings import Finding
from desktop.domain.forms import FormDef, FormSet
from desktop.ui import route_actions
from desktop.ui.editor.checking import Checker
from desktop.ui.editor.fields import tr
from desktop.ui.editor.form_view import FormView
from desktop.ui.editor.panels import FindingsPanel, PageMeter, SectionNavigator
from desktop.ui.editor.route_panel import RoutePanel
from desktop.ui.editor.status import StatusSide
from desktop.ui.services import DraftService, DraftSession, PageMeasure

LONGEST_UNSAVED_MS = 20_000
COUNTER_MS = 100


@dataclass
class EditorContext:
    formset: FormSet
    spell: Any = None
    settings: Any = None
    measure: PageMeasure | None = None


class EditorWindow(QMainWindow):
    saved = Signal(object)  # the draft id after a save (never None: see checking.page_fit)
    closed = Signal()

    def __init__(
        self,
        draft: Draft,
        draft_id: Any,
        service: DraftService,
        ctx: EditorContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form = ctx.formset.get(draft.form)
        if form is None:
            known = ", ".join(sorted(ctx.formset.forms))
            raise ValueError(f"het soort stuk '{draft.form}' is onbekend (bekend: {known}).")
        self.form: FormDef = form
        self.ctx = ctx
        self.draft = self._adopt(draft)
        self.session = DraftSession(service, draft_id)
        self.dirty = False
        self.closing = False
        self.last_export: Any = None
        self.revisions_dialog: Any = None
        self.last_saved: float | None = None
        self._build()
        self._load_values()
        measure = overflow = None
        if ctx.measure is not None:
            page = ctx.measure
            measure = lambda d: page.measure(d, self.form, ctx.formset)  # noqa: E731
            overflow = lambda d: page.overflow_findings(d, self.form, ctx.formset)  # noqa: E731
        self.checker = Checker(form, ctx.formset, self.snapshot, measure, overflow, self)
        self.checker.findings_changed.connect(self.show_findings)
        self.checker.page_fit.connect(self._show_fit)
        self.route = RoutePanel(self)  # parafen en adviezen: the live gate on Indienen (hidden when off)
        self.side_layout.insertWidget(1, self.route)
        self.autosave_timer = QTimer(self, singleShot=True)
        delay = ctx.settings["autosave_ms"] if ctx.settings is not None else 3000
        self.autosave_timer.setInterval(int(delay))
        self.autosave_timer.timeout.connect(lambda: self.save(autosave=True))
        self._counters: set[str] = set()
        self.counter_timer = QTimer(self, singleShot=True, interval=COUNTER_MS)
        self.counter_timer.timeout.connect(self._refresh_counters)
        # Someone who never pauses still gets a save: at most this long after the first change.
        self.longest_unsaved = QTimer(self, singleShot=True)
        self.longest_unsaved.setInterval(max(LONGEST_UNSAVED_MS, int(delay)))
        self.longest_unsaved.timeout.connect(lambda: self.save(autosave=True))
        for row in self.view.rows.values():
            row.widget.changed.connect(self._field_changed)
            row.widget.message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        if ctx.spell is not None:
            ctx.spell.updated.connect(self._rehighlight)
        self._update_title()
        self.checker.run_now()
        self.refresh_status()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.navigator = SectionNavigator(self.form, self)
        self.navigator.section_chosen.connect(self.go_to_section)
        self.view = FormView(self.form, self.ctx, self)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.view)
        # The side: the stuk's status above, page meter and findings below (a movable split).
        self.status_side = StatusSide(self)
        self.status_panel = self.status_side.panel
        side_split = QSplitter(Qt.Orientation.Vertical, self)
        side_split.addWidget(self.status_side.scroller)
        side = QWidget(self)
        side_split.addWidget(side)
        side_split.setChildrenCollapsible(False)
        side_split.setSizes([300, 500])
        self.side_layout = side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 4, 4, 4)
        self.meter = PageMeter(side)
        self.meter.setVisible(self.form.one_page)
        side_layout.addWidget(self.meter)
        title = QLabel(tr("Bevindingen"), side)
        side_layout.addWidget(title)
        self.findings_panel = FindingsPanel(side)
        title.setBuddy(self.findings_panel)
        self.findings_panel.finding_chosen.connect(self.jump_to)
        side_layout.addWidget(self.findings_panel, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.scroller)
        splitter.addWidget(side_split)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([220, 760, 300])
        self.setCentralWidget(splitter)
        self.save_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.save_label)
        self._build_menus()
        self.resize(1280, 860)

    def _action(self, text: str, keys: Any, slot: Any) -> QAction:
        action = QAction(tr(text), self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        from desktop.ui.editor import actions

        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&Bestand"))
        self.save_action = self._action("&Opslaan", QKeySequence.StandardKey.Save, lambda: self.save(False))
        file_menu.addAction(self.save_action)
        file_menu.addAction(self._action("&Exporteren naar Word…", "Ctrl+E", lambda: actions.export(self)))
        file_menu.addAction(self._action("Eerdere &versies…", "Ctrl+H", self._revisions))
        self.submit_action = self._action("&Indienen bij het secretariaat…", "Ctrl+Shift+I", self._submit)
        file_menu.addAction(self.submit_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Afdrukken (voorbeeld)…", QKeySequence.StandardKey.Print, lambda: actions.preview(self)))
        file_menu.addAction(self._action("Direct af&drukken…", "Ctrl+Shift+P", lambda: actions.print_now(self)))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Sluiten", QKeySequence.StandardKey.Close, self.close))
        edit_menu = bar.addMenu(tr("Be&werken"))
        edit_menu.addAction(self._action("&Ongedaan maken", QKeySequence.StandardKey.Undo, lambda: self._edit("undo")))
        edit_menu.addAction(self._action("O&pnieuw", QKeySequence.StandardKey.Redo, lambda: self._edit("redo")))
        self.route_menu = route_menu = bar.addMenu(tr("&Route"))
        route_menu.addAction(self._action("Ter parafering of &advisering sturen…", "Ctrl+Shift+A", self._send_route))
        route_menu.addAction(self._action("Parafen en ad&viezen…", "Ctrl+Shift+U", self._route_status))
        route_menu.addAction(self._action("Opmerkingen a&fgehandeld", "Ctrl+Shift+H",
                                          lambda: route_actions.remarks_handled(self)))
        go_menu = bar.addMenu(tr("&Ga naar"))
        go_menu.addAction(self._action("&Volgende bevinding", "F8", self.next_finding))
        go_menu.addAction(self._action("&Bevindingen", "Ctrl+Shift+B", self.findings_panel.setFocus))
        go_menu.addAction(self._action("&Secties", "Ctrl+Shift+S", self.navigator.setFocus))
        go_menu.addAction(self._action("S&tatus van het stuk", "Ctrl+Shift+T", self._focus_status))

    # -- status ----------------------------------------------------------------------------
    def refresh_status(self) -> None:
        """Read this stuk's state (local database, writer thread), then show it."""
        self.status_side.refresh()
        self.route.refresh()

    def _focus_status(self) -> None:
        self.status_panel.state_label.setFocus()

    def _revisions(self) -> None:
        from desktop.ui.editor import revisions

        revisions.open_dialog(self)

    def _adopt(self, draft: Draft) -> Draft:
        """A copy moved to the form's current version (renamed fields follow), with defaults."""
        adopted = current_draft(draft, self.ctx.formset)
        for fdef in self.form.fields:
            adopted.values.setdefault(fdef.id, fdef.empty_value())
        return adopted

    def replace_draft(self, draft: Draft) -> None:
        """Show another version of this draft (a restored revision) without saving it again."""
        self.draft = self._adopt(draft)
        self._load_values()
        self.dirty = False
        self.autosave_timer.stop()
        self.longest_unsaved.stop()
        self._update_title()
        self.checker.run_now()
        self.route.changed()

    def _submit(self) -> None:
        from desktop.ui import queue_actions

        queue_actions.submit(self)

    def _send_route(self) -> None:
        route_actions.send(self)

    def _route_status(self) -> None:
        route_actions.show_status(self)

    def _edit(self, what: str) -> None:
        """Undo and redo act on the field that has the focus: each field has its own history."""
        widget = QApplication.focusWidget()
        while widget is not None:  # a button of a list field: the field's own undo (points)
            method = getattr(widget, what, None)
            if callable(method):
                method()
                return
            widget = widget.parentWidget()
            if widget is self:
                return

    # -- values ----------------------------------------------------------------------------
    def _load_values(self) -> None:
        for fid, row in self.view.rows.items():
            widget = row.widget
            widget.blockSignals(True)
            try:
                widget.set_value(self.draft.values.get(fid))
            finally:
                widget.blockSignals(False)
            row.refresh_counter()
        self._update_intro()

    def snapshot(self, fields: list[str] | None = None) -> Draft:
        """The draft as shown (only ``fields`` re-read from their widgets when given)."""
        for fid in fields if fields is not None else list(self.view.rows):
            row = self.view.rows.get(fid)
            if row is not None:
                self.draft.values[fid] = row.widget.value()
        return self.draft.copy()

    def _field_changed(self, field_id: str) -> None:
        self.dirty = True
        self.checker.field_changed(field_id)
        self.route.changed()
        self.autosave_timer.start()
        if not self.longest_unsaved.isActive():
            self.longest_unsaved.start()
        row = self.view.rows[field_id]
        # Counters and readability at most every COUNTER_MS while typing: on a long text they
        # cost milliseconds each, which a keystroke should not pay.
        self._counters.add(field_id)
        if not self.counter_timer.isActive():
            self.counter_timer.start()
        if field_id == "soort":
            self._update_intro()
        if field_id == "onderwerp":
            self._update_title(row.widget.value())
        self.save_label.setText(tr("Niet opgeslagen wijzigingen"))

    def _refresh_counters(self) -> None:
        pending, self._counters = self._counters, set()
        for field_id in pending:
            self.view.rows[field_id].refresh_counter()

    def _update_intro(self) -> None:
        besluit = self.view.rows.get("besluit")
        soort = self.view.rows.get("soort")
        if besluit is not None and hasattr(besluit.widget, "set_intro"):
            besluit.widget.set_intro(soort.widget.value() if soort else "")

    def _update_title(self, onderwerp: str | None = None) -> None:
        if onderwerp is None:
            onderwerp = self.draft.get_text("onderwerp")
        name = onderwerp.strip() or tr("(zonder onderwerp)")
        self.setWindowTitle(f"{name} — {self.form.title}")

    # -- findings --------------------------------------------------------------------------
    def show_findings(self, findings: list[Finding]) -> None:
        by_field: dict[str, list[Finding]] = {}
        for f in findings:
            by_field.setdefault(f.field, []).append(f)
        for fid, row in self.view.rows.items():
            row.widget.show_findings(by_field.get(fid, []))
        labels = {f.id: f.label for f in self.form.fields}
        self.findings_panel.set_findings(findings, labels)
        self.route.show_submit()  # enabled unless the route must come first; the reason as tooltip
        for section in self.form.sections:
            self.navigator.set_state(section.id, self.checker.section_state(section.id, self.draft.values))

    def _show_fit(self, packed: tuple[Any]) -> None:
        fit = packed[0]
        if fit is None:
            self.meter.set_fit(None, True)
        else:
            self.meter.set_fit(float(fit.used_fraction), bool(fit.fits))

    def jump_to(self, finding: Finding) -> None:
        row = self.view.rows.get(finding.field)
        if row is None:
            return
        self.scroller.ensureWidgetVisible(row.widget, 50, 80)
        row.widget.select_finding(finding)

    def next_finding(self) -> None:
        panel = self.findings_panel
        if not panel.findings:
            return
        i = (panel.currentRow() + 1) % panel.count()
        panel.setCurrentRow(i)
        self.jump_to(panel.findings[i])

    def go_to_section(self, section_id: str) -> None:
        group = self.view.groups.get(section_id)
        if group is None:
            return
        # The section's top at the top of the view, not merely somewhere visible.
        top = group.mapTo(self.view, group.rect().topLeft()).y()
        self.scroller.verticalScrollBar().setValue(max(0, top - 4))
        section = next(s for s in self.form.sections if s.id == section_id)
        for fdef in section.fields:
            row = self.view.rows[fdef.id]
            if not fdef.secretariat:
                row.widget.focus_target().setFocus()
                break

    def _rehighlight(self) -> None:
        for row in self.view.rows.values():
            for edit in row.widget.text_editors():
                if edit.document().characterCount() < 200_000:
                    edit.highlighter.rehighlight()

    # -- saving ----------------------------------------------------------------------------
    def save(self, autosave: bool = True) -> None:
        self.autosave_timer.stop()
        self.longest_unsaved.stop()
        if autosave and not self.dirty and self.session.draft_id is not None:
            return
        draft = self.snapshot()
        self.dirty = False
        self.save_label.setText(tr("Opslaan…"))

        def done(_result: Any, error: BaseException | None) -> None:
            if not isValid(self.save_label):
                return  # saved after the window closed: nothing left to show it in
            if error is not None:
                self.dirty = True
                self.save_label.setText(tr("Niet opgeslagen"))
                self.statusBar().showMessage(tr("Opslaan mislukt: {e}").format(e=error), 15000)
                return
            self.last_saved = time.time()
            if not self.dirty:
                stamp = time.strftime("%H:%M:%S")
                self.save_label.setText(tr("Opgeslagen om {t}").format(t=stamp))
            if self.session.draft_id is not None:
                self.saved.emit(self.session.draft_id)

        self.session.save(draft, autosave=autosave, next_func=done)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # No "save?" question: what is typed is kept, the writer finishes it after we close.
        if self.dirty:
            self.save(autosave=True)
        if self.ctx.spell is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.ctx.spell.updated.disconnect(self._rehighlight)
        self.closed.emit()
        super().closeEvent(event)
