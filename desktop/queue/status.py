"""The steller's side of status: reading the secretariat's status files, and withdrawing.

The secretariat writes ``status/<id>.json`` (signed with a published secretariat
key); the steller's application reads those of its own submissions, checks the
signature and updates its record (and the draft store). A steller withdraws a
submission by writing ``ingetrokken/<id>.json`` signed with the key that signed
the bundle; the secretariat honours it while the stuk is not on an agenda.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.domain import workflow as wf
from desktop.queue import protocol as P
from desktop.queue.delivery import BASE_TIMEOUT_S, FsFactory, ensure_root, share_fs
from desktop.queue.keys import load_identity
from desktop.queue.publications import verified_publication
from desktop.queue.record import Record, SubmissionRow
from desktop.queue.secretariat_key_files import write_json_atomic
from desktop.queue.secretariat_keys import trusted_secretariat_keys
from desktop.queue.signed import Unverified, content_hash, verify_doc, version_of
from desktop.share import NotFound, Share, ShareError, TooLarge, reason_of

FINAL_STATES = wf.FINAL


class WithdrawRefused(Exception):
    """Withdrawing is not possible; ``str()`` Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


@dataclass(frozen=True, slots=True)
class StatusChange:
    submission_id: str
    draft_id: str | None
    onderwerp: str
    old: str
    new: str
    detail: str

    @property
    def message(self) -> str:
        text = f"'{self.onderwerp or self.submission_id}' is nu {self.new}"
        return f"{text}: {self.detail}" if self.detail else f"{text}."


def describe(doc: dict[str, Any]) -> str:
    """The Dutch detail of a status: the reason, the meeting date or the outcome."""
    state = doc.get("state")
    if state == P.RETURNED:
        return str(doc.get("reason") or "")
    if state == P.SCHEDULED:
        return f"vergadering van {doc.get('meeting_date', '?')}"
    if state == P.DECIDED:
        outcome = str(doc.get("outcome") or "")
        text = str(doc.get("decision_text") or "")
        return f"{outcome}: {text}" if text else outcome
    return str(doc.get("detail") or "")


def read_status(fs: Share, submission_id: str, trusted: dict[str, bytes]) -> dict[str, Any] | None:
    """The verified status document of one submission, or None (absent or not trustworthy).

    ``trusted``: ``secretariat_keys.trusted_secretariat_keys``. A file written before signed
    records carried a version (no ``_record``) counts as version 0.
    """
    rel = f"{P.STATUS}/{submission_id}.json"
    try:
        doc = P.parse_json(fs.read_bytes(rel, 1024 * 1024))
    except NotFound:
        return None
    except (ValueError, TooLarge):
        return None  # a damaged file is ignored; the last known state stands
    try:
        doc = verify_doc(doc, trusted)
    except Unverified:
        return None
    if not (
        doc.get("_record") in (None, f"status:{submission_id}")
        and doc.get("format") == P.STATUS_FORMAT
        and doc.get("version") == P.FORMAT_VERSION
        and doc.get("submission_id") == submission_id
        and doc.get("state") in P.STATUS_STATES
    ):
        return None
    return doc


def refresh_status(
    record: Record, *, fs_for: FsFactory | None = None, timeout: float = BASE_TIMEOUT_S,
    problems: dict[str, str] | None = None, warnings: list[str] | None = None,
) -> list[StatusChange]:
    """Read the status of own submissions from the share; returns the changes (to notify).

    A queue folder that cannot be read is skipped (its states stay); ``problems`` gets its
    Dutch reason. A status file older than the one read before (a version put back) changes
    nothing and goes into ``warnings``: a steller's status never goes backwards.
    """
    make = fs_for or share_fs
    by_queue: dict[str, list[SubmissionRow]] = {}
    for row in record.all():
        if row.state != P.WAITING and row.state not in FINAL_STATES:
            by_queue.setdefault(row.queue_dir, []).append(row)
    changes: list[StatusChange] = []
    for queue_dir, rows in by_queue.items():
        fs = make(queue_dir)

        def read_all(fs: Share = fs, rows: list[SubmissionRow] = rows) -> list[tuple[SubmissionRow, dict[str, Any]]]:
            trusted = trusted_secretariat_keys(fs)
            found = []
            for row in rows:
                doc = read_status(fs, row.id, trusted)
                if doc is not None:
                    found.append((row, doc))
            return found

        try:
            found = fs.run(read_all, timeout, "status lezen")
        except OSError as exc:
            if problems is not None:
                problems[queue_dir] = reason_of(exc)
            continue  # the share comes back later; states stay as they are
        for row, doc in found:
            new, detail = wf.from_protocol_v1(doc["state"], doc), describe(doc)
            if new is None:
                continue  # read_status lets only protocol-1 words through
            before = _stored(row)
            if before is not None and version_of(doc) < version_of(before):
                if warnings is not None:
                    warnings.append(
                        f"Het statusbestand van '{row.onderwerp or row.id}' is vervangen door een oudere versie "
                        f"({version_of(doc)}, eerder {version_of(before)}); de status blijft {row.state}.")
                continue
            if before is not None and content_hash(doc) == content_hash(before):
                continue
            if before is not None and version_of(doc) == version_of(before) and version_of(doc) > 0:
                if warnings is not None:
                    warnings.append(f"Er zijn twee verschillende statusbestanden (versie {version_of(doc)}) van "
                                    f"'{row.onderwerp or row.id}'; de status blijft {row.state}.")
                continue
            record.update(row.id, state=new, detail=detail, status_json=json.dumps(doc, ensure_ascii=False))
            if new != row.state:
                changes.append(StatusChange(row.id, row.draft_id, row.onderwerp, row.state, new, detail))
                record.note_draft(row.draft_id, new, detail)
    return changes


def _stored(row: SubmissionRow) -> dict[str, Any] | None:
    """The status document read last time (None before the first one)."""
    try:
        doc = json.loads(row.status_json) if row.status_json else None
    except ValueError:
        return None
    return doc if isinstance(doc, dict) and "state" in doc else None


def own_status(record: Record) -> list[dict[str, Any]]:
    """The steller's submissions and their states (``main.py status``)."""
    record.recover_orphans()
    return [
        {
            "id": r.id,
            "onderwerp": r.onderwerp,
            # The protocol-1 word, as this output has always said ("ingediend" once accepted too).
            "status": wf.to_protocol_v1(r.state),
            "fase": wf.label(r.state),
            "toelichting": r.detail or (r.last_error if r.state == P.WAITING else ""),
            "concept": r.draft_id or "",
            "vervangt": r.supersedes or "",
            "aangemaakt": r.created,
            "ingediend": r.delivered or "",
            "wachtrij": r.queue_dir,
        }
        for r in record.all()
    ]


def _marker(submission_id: str, reason: str) -> dict[str, Any]:
    identity = load_identity(create=False)
    doc = {
        "format": P.WITHDRAWAL_FORMAT,
        "version": P.FORMAT_VERSION,
        "submission_id": submission_id,
        "withdrawn": P.now_iso(),
        "os_account": identity.account,
        "reason": reason,
    }
    return P.sign_document(doc, identity.sign, identity.public_raw)


def _write_marker(fs: Share, submission_id: str, doc: dict[str, Any]) -> None:
    ensure_root(fs)
    write_json_atomic(fs, f"{P.WITHDRAWN}/{submission_id}.json", doc)


def withdraw(
    submission_id: str,
    *,
    reason: str = "",
    fs_for: FsFactory | None = None,
    timeout: float = BASE_TIMEOUT_S,
    record: Record,
) -> str:
    """Withdraw an own submission not yet on an agenda; returns a Dutch message.

    Raises ``WithdrawRefused``; ``KeyUnavailable`` when the signing key is gone.
    """
    matches = record.find(submission_id) if len(submission_id) >= 6 else []
    if len(matches) != 1:
        raise WithdrawRefused(
            f"Geen (eenduidige) eigen inzending met id '{submission_id}'.", f"{len(matches)} matches"
        )
    row = matches[0]
    if row.state == P.WITHDRAWN_STATE:
        return "Deze inzending was al ingetrokken."
    if row.state == wf.VERVANGEN:
        raise WithdrawRefused(
            "Deze inzending is vervangen door een nieuwere versie; trek die nieuwere versie in.",
            f"state {row.state}",
        )
    fs = (fs_for or share_fs)(row.queue_dir)
    if row.state != P.WAITING:
        try:
            doc = fs.run(lambda: read_status(fs, row.id, trusted_secretariat_keys(fs)), timeout, "status lezen")
        except OSError:
            doc = None  # offline: decide on the last known state
        state = (wf.from_protocol_v1(doc["state"], doc) or row.state) if doc else row.state
        if state in P.PLACED_STATES:
            raise WithdrawRefused(
                f"Deze inzending staat al op de agenda ({state}) en kan niet meer worden ingetrokken. "
                "Neem contact op met het secretariaat.",
                f"state {state}",
            )
    marker = _marker(row.id, reason)
    record.update(row.id, state=P.WITHDRAWN_STATE, detail=reason, status_json=json.dumps({"marker": marker}))
    record.unstage(row.id)
    try:
        fs.run(lambda: _write_marker(fs, row.id, marker), timeout, "intrekking schrijven")
    except OSError as exc:
        record.update(row.id, pending_withdrawal=1)
        why = reason_of(exc)
        return f"De intrekking wacht op verbinding ({why}) en wordt automatisch verstuurd."
    record.note_draft(row.draft_id, P.WITHDRAWN_STATE, reason)
    return "De inzending is ingetrokken."


def deliver_withdrawal(record: Record, submission_id: str, fs: Share, timeout: float) -> None:
    """Deliver a withdrawal that waited for the share (called by ``deliver_outbox``)."""
    row = record.get(submission_id)
    if row is None or not row.pending_withdrawal:
        return
    marker = (json.loads(row.status_json) if row.status_json else {}).get("marker")
    if not isinstance(marker, dict):
        marker = _marker(submission_id, row.detail)
    try:
        fs.run(lambda: _write_marker(fs, submission_id, marker), timeout, "intrekking schrijven")
    except OSError as exc:
        reason = reason_of(exc)
        raise ShareError(f"De gedeelde map is niet beschikbaar ({reason}).", f"{type(exc).__name__}: {exc}",
                         reason) from exc
    record.update(submission_id, pending_withdrawal=0)
    record.note_draft(row.draft_id, P.WITHDRAWN_STATE, row.detail)


def read_publications(fs: Share) -> list[dict[str, Any]]:
    """Every verified besluitenlijst in ``publicaties/`` (newest meeting first); see ``publications``."""
    trusted = trusted_secretariat_keys(fs)
    try:
        entries = fs.listdir(P.PUBLICATIONS)
    except NotFound:
        return []
    found = (verified_publication(fs, e.name, trusted) for e in entries if e.is_file)
    return sorted((d for d in found if d is not None), key=lambda d: str(d.get("meeting_id", "")), reverse=True)
