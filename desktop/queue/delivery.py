"""Delivering staged bundles from the outbox into the share, atomically and idempotently.

A bundle is copied into ``tmp/<id>.<pid>.<random>.tmp/`` inside the share, every
file flushed, then the folder is renamed to ``ingediend/<id>``. A rename is atomic
on one volume (NTFS over SMB included): readers see the whole bundle or nothing.
If ``ingediend/<id>`` already exists an earlier try got there: done, never twice.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.queue import protocol as P
from desktop.queue.bundle import seal
from desktop.queue.crypto import Recipient
from desktop.queue.identity import check_share
from desktop.queue.keys import load_identity
from desktop.queue.record import PLAIN_DIR, SEALED_DIR, Record
from desktop.queue.secretariat_keys import no_usable_key_reason, trusted_key_records
from desktop.share import Share, ShareError, connect, reason_of

BASE_TIMEOUT_S = 20.0
SLOW_LINK_BYTES_PER_S = 512 * 1024

_deliver_lock = threading.Lock()
log = logging.getLogger(__name__)

# Queue folder -> Share; the default connects to it (tests pass a faulty one).
FsFactory = Callable[[str], Share]


def share_fs(queue: str | Path) -> Share:
    return connect(queue)


@dataclass
class DeliveryReport:
    delivered: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)  # queue folder or id -> Dutch reason
    skipped: bool = False  # another delivery was running in this process


def ensure_root(fs: Share) -> None:
    """The queue folder is the share this steller knows (its marker); ``ShareError`` otherwise.

    Nothing is ever created on a share without a valid marker (``desktop.queue.identity``).
    """
    check_share(fs)


def _copy_bundle(fs: Share, submission_id: str, source: Path) -> bool:
    """Copy ``source`` into the share as ``ingediend/<id>``; False if it was already there."""
    ensure_root(fs)
    fs.makedirs(P.SUBMITTED)
    fs.makedirs(P.TEMP)
    final = f"{P.SUBMITTED}/{submission_id}"
    if fs.exists(final):
        return False
    tmp = f"{P.TEMP}/{submission_id}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    fs.mkdir(tmp, exist_ok=False)
    try:
        subdirs: set[str] = set()
        for path in sorted(source.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(source).as_posix()
            if "/" in rel:
                sub = rel.rsplit("/", 1)[0]
                if sub not in subdirs:
                    fs.mkdir(f"{tmp}/{sub}")
                    subdirs.add(sub)
            fs.copy_in_durable(path, f"{tmp}/{rel}")
        for sub in subdirs:
            fs.fsync_dir(f"{tmp}/{sub}")
        fs.fsync_dir(tmp)
        fs.rename(tmp, final)
    except FileExistsError:
        _discard(fs, tmp)  # another process delivered the same id first
        return False
    except BaseException:
        _discard(fs, tmp)  # the next try starts afresh; a reader cleans what stays behind
        raise
    fs.fsync_dir(P.SUBMITTED)
    return True


def _discard(fs: Share, rel: str) -> None:
    with contextlib.suppress(OSError):
        fs.rmtree(rel)


def _seal_late(record: Record, submission_id: str, fs: Share, timeout: float) -> None:
    """Encrypt and sign a confidential bundle that was staged before the keys were known."""
    keys = fs.run(lambda: trusted_key_records(fs), timeout, "sleutels lezen")
    if not keys:
        reason, detail = no_usable_key_reason(fs)
        raise ShareError(
            f"{reason} Het vertrouwelijke stuk wacht.",
            detail,
            "geen sleutel van het secretariaat",
        )
    plain_dir = record.staged_dir(submission_id) / PLAIN_DIR
    plain = {p.relative_to(plain_dir).as_posix(): p.read_bytes() for p in plain_dir.rglob("*") if p.is_file()}
    recipients = [Recipient(k.key_id, k.x25519_public) for k in keys]
    record.replace_plain_with_sealed(submission_id, seal(plain, submission_id, load_identity(), recipients))


def _exists(fs: Share, submission_id: str, timeout: float | None) -> bool:
    try:
        return bool(fs.run(lambda: fs.exists(f"{P.SUBMITTED}/{submission_id}"), timeout or BASE_TIMEOUT_S))
    except ShareError as exc:
        raise ShareError(f"De gedeelde map is niet bereikbaar: {fs.root}", exc.detail, exc.reason) from exc


def _timeout_for(source: Path, base: float = BASE_TIMEOUT_S) -> float:
    """How long a copy of ``source`` may take: ``base`` for a share that does not answer,
    plus the time a slow link needs for the bytes (a large bundle is not a hung share)."""
    size = sum(p.stat().st_size for p in source.rglob("*") if p.is_file())
    return base + size / SLOW_LINK_BYTES_PER_S


def deliver_one(record: Record, submission_id: str, fs: Share, timeout: float | None = None) -> bool:
    """Deliver one staged bundle; True when it is (now or already) in the share.

    Raises ``ShareError`` (the bundle stays in the outbox).
    """
    staged = record.staged_dir(submission_id)
    row = record.get(submission_id)
    if row is not None and row.state != P.WAITING:
        return True
    if not (staged / SEALED_DIR).is_dir():
        if not (staged / PLAIN_DIR).is_dir():
            # Nothing staged: only possible when another process delivered it just now.
            return _exists(fs, submission_id, timeout)
        _seal_late(record, submission_id, fs, timeout or BASE_TIMEOUT_S)
    source = staged / SEALED_DIR
    limit = _timeout_for(source, timeout if timeout is not None else BASE_TIMEOUT_S)
    record.update(submission_id, attempts=(row.attempts + 1) if row else 1)
    try:
        fs.run(lambda: _copy_bundle(fs, submission_id, source), limit, "het stuk afleveren")
    except FileNotFoundError as exc:
        if not source.exists() and _exists(fs, submission_id, timeout):
            pass  # a concurrent delivery finished and cleaned the outbox
        else:
            message = str(exc) if isinstance(exc, ShareError) else f"De gedeelde map is niet bereikbaar: {fs.root}"
            record.update(submission_id, last_error=message)
            raise ShareError(message, f"{type(exc).__name__}: {exc}", reason_of(exc)) from exc
    except ShareError as exc:
        record.update(submission_id, last_error=str(exc))  # Dutch: the user sees it
        raise
    except OSError as exc:
        reason = reason_of(exc)
        message = f"De gedeelde map is niet beschikbaar ({reason}): {fs.root}"
        record.update(submission_id, last_error=message)
        raise ShareError(message, f"{type(exc).__name__}: {exc}", reason) from exc
    delivered = record.update_if(
        submission_id, P.WAITING, state=P.SUBMITTED_STATE, delivered=P.now_iso(), last_error="", detail=""
    )
    record.unstage(submission_id)
    if delivered and row is not None:
        record.note_draft(row.draft_id, P.SUBMITTED_STATE, f"inzending {submission_id}")
    return True


def deliver_outbox(record: Record, *, fs_for: FsFactory | None = None, timeout: float | None = None) -> DeliveryReport:
    """Deliver everything waiting in the outbox; safe to call often, from any thread.

    The UI calls this at start and periodically from a background thread. A queue
    folder that fails is not tried again in the same round, so one hanging share
    costs one time-out, not one per bundle.
    """
    report = DeliveryReport()
    if not _deliver_lock.acquire(blocking=False):
        report.skipped = True
        return report
    try:
        record.recover_orphans()
        record.remove_stale_temporaries()
        make = fs_for or share_fs
        failed: dict[str, str] = {}
        for row in record.waiting():
            if row.queue_dir in failed:
                report.waiting.append(row.id)
                continue
            fs = make(row.queue_dir)
            try:
                if row.state == P.WAITING:
                    deliver_one(record, row.id, fs, timeout)
                    report.delivered.append(row.id)
                if row.pending_withdrawal:
                    from desktop.queue.status import (
                        deliver_withdrawal,  # status imports this module
                    )

                    deliver_withdrawal(record, row.id, fs, timeout or BASE_TIMEOUT_S)
                    report.withdrawn.append(row.id)
            except ShareError as exc:
                failed[row.queue_dir] = str(exc)
                report.waiting.append(row.id)
            except Exception as exc:  # one bundle's trouble (no keyring, local disk) must not stop the rest
                log.warning("delivering %s failed: %r", row.id, exc)
                report.problems[row.id] = str(exc) or type(exc).__name__
                report.waiting.append(row.id)
        report.problems.update(failed)
        return report
    finally:
        _deliver_lock.release()


def outbox_entries(record: Record) -> list[dict[str, Any]]:
    """What waits in the outbox, for ``main.py outbox`` and the UI."""
    record.recover_orphans()
    return [
        {
            "id": r.id,
            "onderwerp": r.onderwerp,
            "status": r.state if not r.pending_withdrawal else "intrekking wacht op verbinding",
            "wachtrij": r.queue_dir,
            "aangemaakt": r.created,
            "pogingen": r.attempts,
            "laatste_fout": r.last_error,
        }
        for r in record.waiting()
    ]
