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
from typing import Any

from desktop.domain.draft import current_draft
from desktop.domain.text import count_label
from desktop.queue import protocol as P
from desktop.queue.bundle import Attachment, BundleError, is_confidential, plain_files, seal
from desktop.queue.delivery import deliver_one, share_fs
from desktop.queue.keys import load_identity
from desktop.queue.record import Record
from desktop.share import Share, ShareError


class SubmitRefused(Exception):
    """The stuk cannot be submitted; ``str()`` is Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str = "", findings: list[Any] | None = None) -> None:
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


def content_hash(draft: Any, attachments: Sequence[Attachment]) -> str:
    h = hashlib.sha256(P.canonical(draft.to_json()))
    for att in attachments:
        h.update(att.name.encode("utf-8"))
        try:
            h.update(hashlib.sha256(att.path.read_bytes()).digest())
        except OSError:
            h.update(b"?")
    return h.hexdigest()


def export_document(draft: Any, formset: Any = None) -> bytes:
    """The .docx of the bundle, made by the export layer (imported only when needed)."""
    try:
        from desktop.export.docx_export import export_bytes
    except ModuleNotFoundError as exc:
        raise SubmitRefused(
            "De exportmodule ontbreekt; het stuk kan niet als .docx worden meegestuurd.", repr(exc)
        ) from exc
    return export_bytes(draft, formset=formset)


def check_findings(draft: Any, formset: Any, layout: Any) -> None:
    from desktop.domain.findings import has_errors
    from desktop.domain.validation import UnknownFormError, validate

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


def _previous(record: Record, draft_key: str, digest: str) -> tuple[Any, str | None]:
    """``(identical pending row or None, id to supersede or None)``; refuses once placed."""
    rows = record.for_draft(draft_key)
    if not rows:
        return None, None
    latest = rows[-1]
    if latest.state in P.PLACED_STATES:
        raise SubmitRefused(
            f"Dit stuk staat al op de agenda ({latest.state}); een nieuwe versie indienen kan niet meer.",
            f"latest submission {latest.id} is {latest.state}",
        )
    if latest.state in (P.WAITING, P.SUBMITTED_STATE) and latest.content_hash == digest:
        return latest, None
    if latest.state in (P.WAITING, P.SUBMITTED_STATE, P.RETURNED):
        return None, latest.id
    return None, None


def _recipients(fs: Share, timeout: float) -> list[Any] | None:
    """The secretariat's keys from the share (or the cache when it is out of reach)."""
    from desktop.queue.crypto import Recipient
    from desktop.queue.secretariat_keys import cached_keys, published_keys

    try:
        keys = fs.run(lambda: published_keys(fs), timeout, "sleutels lezen")
    except OSError:
        keys = cached_keys()
        if not keys:
            return None  # sealed at delivery, when the keys can be read
    if not keys:
        from desktop.queue.secretariat_keys import no_usable_key_reason

        reason, detail = no_usable_key_reason(fs)
        raise SubmitRefused(
            f"{reason} Een vertrouwelijk of geheim stuk kan pas worden ingediend met een sleutel van "
            "het secretariaat.",
            detail,
        )
    return [Recipient(k.key_id, k.x25519_public) for k in keys]


def submit(
    draft: Any,
    *,
    queue_dir: str | Path | None = None,
    draft_id: str | None = None,
    draft_key: str | None = None,
    attachments: Sequence[Attachment] = (),
    docx: bytes | None = None,
    formset: Any = None,
    layout: Any = None,
    validate: bool = True,
    max_attachment_bytes: int = P.DEFAULT_MAX_ATTACHMENT_MB * 2**20,
    deliver: bool = True,
    fs: Share | None = None,
    timeout: float = 20.0,
    record: Record | None = None,
) -> SubmitResult:
    """Submit ``draft``; raises ``SubmitRefused``, ``KeyUnavailable`` or ``BundleError``."""
    if formset is None:
        from desktop.domain.forms import default_formset

        formset = default_formset()
    draft = names_not_paths(current_draft(draft, formset), formset)
    if validate:
        check_findings(draft, formset, layout)
    queue = Path(queue_dir) if queue_dir is not None else _default_queue()
    fs = fs or share_fs(queue)
    record = record or Record()
    identity = load_identity()  # before anything is staged: no key, no submission
    digest = content_hash(draft, attachments)
    key = draft_key or (f"concept:{draft_id}" if draft_id else f"inhoud:{digest}")
    same, supersedes = _previous(record, key, digest)
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
    from desktop.queue.record import order_to_row

    record.stage(submission_id, order, files, sealed)
    record.insert({**order_to_row(order), "state": P.WAITING})
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


def names_not_paths(draft: Any, formset: Any) -> Any:
    """The draft as submitted: attachment fields hold file names, never local paths.

    The window may keep full paths there; the document and the bundle show names only
    (a path would print on the A4tje and tell the share about the steller's disk).
    """
    from pathlib import PureWindowsPath

    form = formset.forms.get(draft.form) if hasattr(formset, "forms") else None
    if form is None:
        return draft
    fields = [f.id for f in form.fields if f.kind == "attachments"]
    if not any(
        isinstance(v, str) and ("/" in v or "\\" in v)
        for fid in fields
        for v in (draft.values.get(fid) or [])
        if isinstance(draft.values.get(fid), list)
    ):
        return draft
    copy = draft.copy()
    for fid in fields:
        value = copy.values.get(fid)
        if isinstance(value, list):
            copy.values[fid] = [PureWindowsPath(v).name if isinstance(v, str) else v for v in value]
    return copy


def _default_queue() -> Path:
    try:
        from desktop.config.settings import Settings

        return Settings().queue_dir()
    except ImportError:
        from desktop.config.paths import default_queue_dir

        return default_queue_dir()


__all__ = ["Attachment", "BundleError", "SubmitRefused", "SubmitResult", "submit"]
