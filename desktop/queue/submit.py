"""Submitting a stuk: validate, build and seal the bundle into the outbox, then deliver.

The bundle is always staged in the local outbox first, so a share that is gone,
read-only or hanging never loses a submission: it waits there ("wacht op
verbinding") and ``deliver_outbox()`` takes it later. The submission id is fixed
when the bundle is staged; a retry reuses it, so the share decides once.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.config.settings import Settings
from desktop.domain import workflow as wf
from desktop.domain.draft import Draft, current_draft
from desktop.domain.findings import Finding, has_errors
from desktop.domain.forms import FormSet, default_formset
from desktop.domain.submission import SubmissionRow
from desktop.domain.text import count_label
from desktop.domain.validation import LayoutCheck, UnknownFormError, validate
from desktop.export.docx_export import export_bytes
from desktop.queue import protocol as P
from desktop.queue.bundle import (
    Attachment,
    BundleError,
    is_confidential,
    names_not_paths,
    plain_files,
    seal,
)
from desktop.queue.crypto import Recipient
from desktop.queue.delivery import deliver_one, share_fs
from desktop.queue.keys import load_identity
from desktop.queue.record import Record, order_to_row
from desktop.queue.route_service import RouteRefused, request_times
from desktop.queue.route_service import gate as route_gate
from desktop.queue.secretariat_keys import cached_keys, no_usable_key_reason, trusted_key_records
from desktop.share import Share, ShareError

# Sent and not (yet) decided on: a new version replaces it.
_PENDING = (wf.IN_DE_UITBAK, wf.INGEDIEND, wf.AANVAARD)


class SubmitRefused(Exception):
    """The stuk cannot be submitted; ``str()`` is Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str = "", findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.detail = detail or message
        self.findings = findings or []


@dataclass(slots=True)
class SubmitResult:
    submission_id: str
    state: str  # P.SUBMITTED_STATE or P.WAITING
    message: str  # Dutch, for the user
    supersedes: str | None = None
    already: bool = False
    warnings: list[str] = field(default_factory=list)


def content_hash(draft: Draft, attachments: Sequence[Attachment], formset: FormSet | None = None) -> str:
    """What the steller wrote, with the attachments: the same hash means "already submitted".

    Fields the secretariat fills (the registratienummer the window fills in once assigned)
    are not the steller's content and do not count."""
    data = draft.to_json()
    form = formset.get(draft.form) if formset is not None else None
    if form is not None:
        # Blanked, not left out: a draft hashed before this rule keeps its hash.
        own = {f.id: f.empty_value() for f in form.fields if f.secretariat}
        data = {**data, "values": {k: own.get(k, v) for k, v in draft.values.items()}}
    h = hashlib.sha256(P.canonical(data))
    for att in attachments:
        h.update(att.name.encode("utf-8"))
        try:
            h.update(hashlib.sha256(att.path.read_bytes()).digest())
        except OSError:
            h.update(b"?")
    return h.hexdigest()


def export_document(draft: Draft, formset: FormSet | None = None) -> bytes:
    """The .docx of the bundle, made by the export layer."""
    return export_bytes(draft, formset=formset)


def check_findings(draft: Draft, formset: FormSet, layout: LayoutCheck | None) -> None:
    try:
        findings = validate(draft, formset, layout=layout)
    except UnknownFormError as exc:
        raise SubmitRefused(str(exc), f"unknown form {exc.form_id!r}") from exc
    if has_errors(findings):
        errors = [f for f in findings if f.is_error]
        raise SubmitRefused(
            f"Het stuk heeft {count_label(len(errors), 'fout', 'fouten')} en kan nog niet worden ingediend.",
            "; ".join(f"{f.field}: {f.message}" for f in errors[:5]),
            findings=findings,
        )


def _previous(record: Record, draft_key: str, digest: str, queue_dir: str) -> tuple[SubmissionRow | None, str | None]:
    """``(identical pending row or None, id to supersede or None)``; refuses once placed.

    Only this queue's submissions of the same draft count: the same stuk may go to another
    queue. After ingetrokken or vervangen a submission starts afresh."""
    rows = [r for r in record.for_draft(draft_key) if r.queue_dir == queue_dir]
    if not rows:
        return None, None
    latest = rows[-1]
    if latest.state in P.PLACED_STATES:
        raise SubmitRefused(
            f"Dit stuk staat al op de agenda ({latest.state}); een nieuwe versie indienen kan niet meer.",
            f"latest submission {latest.id} is {latest.state}",
        )
    if latest.state in _PENDING and latest.content_hash == digest:
        return latest, None
    if latest.state in _PENDING or latest.state == wf.TERUGGESTUURD:
        return None, latest.id
    return None, None


def _recipients(fs: Share, timeout: float) -> list[Recipient] | None:
    """The secretariat's keys from the share (or the cache when it is out of reach)."""
    try:
        keys = fs.run(lambda: trusted_key_records(fs), timeout, "sleutels lezen")
    except OSError:
        keys = cached_keys()
        if not keys:
            return None  # sealed at delivery, when the keys can be read
    if not keys:
        reason, detail = no_usable_key_reason(fs)
        raise SubmitRefused(
            f"{reason} Een vertrouwelijk of geheim stuk kan pas worden ingediend met een sleutel van "
            "het secretariaat.",
            detail,
        )
    return [Recipient(k.key_id, k.x25519_public) for k in keys]


def submit(
    draft: Draft,
    *,
    queue_dir: str | Path | None = None,
    draft_id: str | None = None,
    draft_key: str | None = None,
    attachments: Sequence[Attachment] = (),
    docx: bytes | None = None,
    formset: FormSet | None = None,
    layout: LayoutCheck | None = None,
    validate: bool = True,
    max_attachment_bytes: int = P.DEFAULT_MAX_ATTACHMENT_MB * 2**20,
    deliver: bool = True,
    fs: Share | None = None,
    timeout: float = 20.0,
    record: Record,
) -> SubmitResult:
    """Submit ``draft``; raises ``SubmitRefused``, ``KeyUnavailable`` or ``BundleError``."""
    if formset is None:
        formset = default_formset()
    draft = names_not_paths(current_draft(draft, formset), formset)
    if validate:
        check_findings(draft, formset, layout)
    queue = Path(queue_dir) if queue_dir is not None else _default_queue()
    fs = fs or share_fs(queue)
    identity = load_identity()  # before anything is staged: no key, no submission
    digest = content_hash(draft, attachments, formset)
    key = draft_key or (f"concept:{draft_id}" if draft_id else f"inhoud:{digest}")
    try:  # the paraaf route: refused until complete when the form requires it
        route = route_gate(draft, formset=formset, queue_dir=queue, draft_key=key, attachments=attachments,
                           timeout=timeout)
    except RouteRefused as exc:
        raise SubmitRefused(str(exc), exc.detail) from exc
    same, supersedes = _previous(record, key, digest, str(queue.absolute()))
    if same is not None:
        result = SubmitResult(same.id, same.state, "Dit stuk is al ingediend; er is niets opnieuw verstuurd.", already=True)
        if same.state == P.WAITING and deliver:
            deliver_outbox_one(record, same.id, fs, timeout, result)
        return result
    submission_id = str(uuid.uuid4())
    document = docx if docx is not None else export_document(draft, formset)
    plain = plain_files(
        draft,
        submission_id=submission_id,
        docx=document,
        attachments=attachments,
        account=identity.account,
        draft_id=draft_id,
        supersedes=supersedes,
        max_attachment_bytes=max_attachment_bytes,
        route=route,
        route_requests=request_times(route) if route else None,
    )
    confidential = is_confidential(draft)
    recipients = _recipients(fs, timeout) if confidential else None
    sealed = not confidential or recipients is not None
    files = seal(plain, submission_id, identity, recipients) if sealed else plain
    order = {
        "submission_id": submission_id,
        "draft_key": key,
        "draft_id": draft_id,
        "onderwerp": draft.get_text("onderwerp"),
        "queue_dir": str(queue.absolute()),
        "supersedes": supersedes,
        "content_hash": digest,
        "confidential": confidential,
        "created": P.now_iso(),
    }
    record.stage(submission_id, order, files, sealed)
    record.insert({**order_to_row(order), "state": P.WAITING})
    # The stored draft shows "in de uitbak" until the delivery (and its history has the moment).
    record.note_draft(draft_id, P.WAITING, f"inzending {submission_id}")
    if supersedes and record.update_if(
        supersedes, P.WAITING, state=P.REPLACED, detail=f"vervangen door {submission_id}"
    ):
        # The older version never left this computer: only the new one goes out.
        record.unstage(supersedes)
    result = SubmitResult(
        submission_id, P.WAITING, "Het stuk wacht in de uitbak tot de gedeelde map bereikbaar is.", supersedes
    )
    if deliver:
        deliver_outbox_one(record, submission_id, fs, timeout, result)
    return result


def deliver_outbox_one(record: Record, submission_id: str, fs: Share, timeout: float, result: SubmitResult) -> None:
    try:
        deliver_one(record, submission_id, fs, timeout)
    except ShareError as exc:
        result.state = P.WAITING
        result.message = f"De gedeelde map is niet beschikbaar ({exc.reason}); het stuk wacht in de uitbak en wordt automatisch verstuurd."
        return
    result.state = P.SUBMITTED_STATE
    result.message = "Het stuk is ingediend."


def _default_queue() -> Path:
    return Settings().queue_dir()


__all__ = ["Attachment", "BundleError", "SubmitRefused", "SubmitResult", "submit"]
