"""Validation that follows typing without stalling it.

A keystroke re-checks only the changed field after a short pause (on the GUI thread
while the text is small, on a worker thread when it is large); after a longer idle
the whole draft is validated on a worker thread and the A4tje page fit is measured
(Qt's text layout, on the GUI thread). Results of an older generation are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.draft import Draft
from desktop.domain.findings import Finding
from desktop.domain.forms import FormDef, FormSet
from desktop.domain.route import REMARK_RULE, remark_findings
from desktop.domain.text import plain_text
from desktop.domain.validation import validate
from desktop.ui.tasks import run_task

log = logging.getLogger(__name__)
FAST_MS = 120
FULL_MS = 600
# Above this many characters in the changed field its check moves off the GUI thread.
SMALL_FIELD = 5_000


class Checker(QObject):
    """Owns the findings of one draft; ``findings_changed`` after every update."""

    findings_changed = Signal(object)
    # A 1-tuple (PageFit or None): PySide6 6.12 corrupts None's refcount when None itself is emitted.
    page_fit = Signal(object)

    def __init__(
        self,
        form: FormDef,
        formset: FormSet,
        snapshot: Callable[[list[str] | None], Draft],
        measure: Callable[[Draft], Any] | None,
        overflow: Callable[[Draft], list[Finding]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.form = form
        self.formset = formset
        self.snapshot = snapshot
        self.measure = measure
        self.overflow = overflow
        self.findings: list[Finding] = []
        # Remarks of parafeerders and advisers (``route.remark_findings``), shown with the findings.
        self.remarks: list[dict[str, Any]] = []
        self.generation = 0
        self._changed: set[str] = set()
        self._fast = QTimer(self, singleShot=True, interval=FAST_MS)
        self._fast.timeout.connect(self.run_fast)
        self._full = QTimer(self, singleShot=True, interval=FULL_MS)
        self._full.timeout.connect(self.run_full)

    def field_changed(self, field_id: str) -> None:
        self.generation += 1
        self._changed.add(field_id)
        self._fast.start()
        self._full.start()

    def run_fast(self) -> None:
        changed, self._changed = sorted(self._changed), set()
        if not changed:
            return
        draft = self.snapshot(changed)
        generation = self.generation
        size = sum(len(plain_text(f.kind, draft.values.get(f.id))) for f in self.form.fields if f.id in changed)

        def merge(found: list[Finding] | None, error: BaseException | None = None) -> None:
            if error is not None:
                log.warning("field check failed: %s", error)
                return
            if generation != self.generation:
                return
            keep = [f for f in self.findings if f.field not in changed]
            self._publish(keep + list(found or []))

        job = lambda: validate(draft, self.formset, fields=changed)  # noqa: E731
        if size <= SMALL_FIELD:
            merge(job())
        else:
            run_task(job, merge)

    def run_full(self) -> None:
        draft = self.snapshot(None)
        generation = self.generation

        def done(found: list[Finding] | None, error: BaseException | None) -> None:
            if error is not None:
                log.warning("validation failed: %s", error)
                return
            if generation != self.generation:
                return
            found = list(found or [])
            fit = None
            if self.measure is not None and self.form.one_page:
                try:
                    fit = self.measure(draft)
                except Exception as exc:  # the meter is advice; a layout bug must not stop typing
                    log.warning("page fit failed: %s", exc)
                if fit is not None and not fit.fits and self.overflow is not None:
                    found.extend(self.overflow(draft))
            self.page_fit.emit((fit,))
            self._publish(found)

        run_task(lambda: validate(draft, self.formset), done)

    def run_now(self) -> None:
        """Validate everything at once (opening a draft, tests)."""
        self._fast.stop()
        self._full.stop()
        self._changed.clear()
        self.run_full()

    def _publish(self, findings: list[Finding]) -> None:
        findings = [f for f in findings if f.rule != REMARK_RULE]
        if self.remarks:
            fields = sorted({str(r.get("veld", "")) for r in self.remarks})
            findings += remark_findings(self.remarks, self.snapshot(fields).values)
        order = {fid: i for i, fid in enumerate(self.form.field_ids())}
        findings.sort(key=lambda f: (order.get(f.field, -1), f.item or 0, f.span or (0, 0)))
        self.findings = findings
        self.findings_changed.emit(findings)

    def section_state(self, section_id: str, values: dict[str, Any]) -> str:
        from desktop.domain.text import is_empty

        section = next(s for s in self.form.sections if s.id == section_id)
        fields = [f for f in section.fields if not f.secretariat]
        ids = {f.id for f in fields}
        mine = [f for f in self.findings if f.field in ids and f.is_error]
        texty = [f for f in fields if f.kind != "choice"] or fields
        if all(is_empty(values.get(f.id)) for f in texty):
            return "leeg"
        if any(f.rule != "required" for f in mine):
            return "fouten"
        if mine:
            return "onvolledig"
        return "klaar"
