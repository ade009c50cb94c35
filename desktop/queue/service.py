"""The queue as the window uses it: submit, poll (deliver + status), states per draft, withdraw.

Every method may touch the share, so the UI calls them on a worker thread
(``desktop.ui.tasks``); each has its own time-outs and never blocks for long.
``poll()`` is what the window runs at start and then periodically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain import workflow as wf
from desktop.domain.draft import Draft
from desktop.domain.findings import has_errors
from desktop.domain.forms import FormSet
from desktop.domain.validation import LayoutCheck, UnknownFormError, validate
from desktop.queue import protocol as P
from desktop.queue.bundle import Attachment
from desktop.queue.delivery import DeliveryReport, deliver_outbox, outbox_entries
from desktop.queue.record import Record
from desktop.queue.status import StatusChange, refresh_status, withdraw
from desktop.queue.submit import SubmitResult, submit


@dataclass(frozen=True, slots=True)
class DraftQueueState:
    submission_id: str
    state: str  # a state of desktop.domain.workflow
    detail: str  # the reason, the meeting date or the outcome
    can_withdraw: bool
    pending_withdrawal: bool = False  # withdrawn here, the marker still waits for the share


class QueueService:
    def __init__(self, queue_dir: str | Path | None, record: Record) -> None:
        """``queue_dir`` None: the one in the settings, read at each call."""
        self._queue_dir = Path(queue_dir) if queue_dir is not None else None
        self.record = record
        self.status_warnings: list[str] = []  # of the last poll

    def queue_dir(self) -> Path:
        if self._queue_dir is not None:
            return self._queue_dir
        from desktop.config.settings import Settings

        return Settings().queue_dir()

    def submit(
        self,
        draft: Draft,
        *,
        draft_id: str | None = None,
        attachments: Sequence[Attachment] = (),
        layout: LayoutCheck | None = None,
        max_attachment_bytes: int = P.DEFAULT_MAX_ATTACHMENT_MB * 2**20,
    ) -> SubmitResult:
        """Raises ``SubmitRefused`` (with ``findings``), ``KeyUnavailable`` or ``BundleError``."""
        return submit(
            draft,
            queue_dir=self.queue_dir(),
            draft_id=draft_id,
            attachments=attachments,
            layout=layout,
            max_attachment_bytes=max_attachment_bytes,
            record=self.record,
        )

    def poll(self, timeout: float = 10.0) -> tuple[DeliveryReport, list[StatusChange]]:
        """Deliver the outbox, then read status back; the changes are for a notification.

        A status file that went back (an older one put back) changes nothing; its Dutch warning
        is kept in ``status_warnings`` for the same notification.
        """
        report = deliver_outbox(self.record, timeout=None)
        self.status_warnings = []
        changes = refresh_status(self.record, timeout=timeout, warnings=self.status_warnings)
        return report, changes

    def states(self) -> dict[str, DraftQueueState]:
        """The latest submission of each stored draft, by draft id (for the status column)."""
        out: dict[str, DraftQueueState] = {}
        for row in self.record.all():  # oldest first: the latest wins
            if not row.draft_id:
                continue
            out[row.draft_id] = DraftQueueState(
                row.id,
                row.state,
                row.detail,
                row.state not in wf.PLACED and row.state not in wf.FINAL,
                row.pending_withdrawal,
            )
        return out

    def outbox(self) -> list[dict[str, Any]]:
        """What waits in the outbox (``main.py outbox``): bundles not yet delivered and
        withdrawals not yet written, oldest first. The local record only, never the share."""
        return outbox_entries(self.record)

    def withdraw(self, submission_id: str, reason: str = "") -> str:
        """Raises ``WithdrawRefused`` or ``KeyUnavailable``; returns a Dutch message."""
        return withdraw(submission_id, reason=reason, record=self.record)


def submit_blocker(draft: Draft, formset: FormSet, layout: LayoutCheck | None = None) -> str | None:
    """Why the Submit action is disabled (Dutch), or None when the stuk can be submitted."""
    try:
        findings = validate(draft, formset, layout=layout)
    except UnknownFormError as exc:
        return str(exc)
    if has_errors(findings):
        n = sum(1 for f in findings if f.is_error)
        return "Indienen kan pas als de fout is opgelost." if n == 1 else f"Indienen kan pas als de {n} fouten zijn opgelost."
    return None
