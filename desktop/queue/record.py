"""The steller's record of submissions, and the outbox, in the user's data folder.

The rows (which draft, which queue folder, the state as far as we know) live in the one
local database; the queue does not open it itself. A ``Record`` gets a ``SubmissionRows``
from the layer above (``desktop.storage.submissions.SubmissionTable``, in the window
through the store's single writer) and reports every change through it.
``uitbak/<id>/`` holds the sealed bundle until it is delivered; each staged folder
describes itself (``opdracht.json``), so a row lost in a crash is rebuilt from it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any, Protocol

from desktop.config.paths import data_dir
from desktop.domain.submission import COLUMNS, SubmissionRow
from desktop.domain.workflow import IN_DE_UITBAK
from desktop.queue import protocol as P
from desktop.queue.keys import os_account

OUTBOX_DIR = "uitbak"
ORDER_FILE = "opdracht.json"
SEALED_DIR = "bundel"
PLAIN_DIR = "inhoud"

__all__ = ["COLUMNS", "Record", "SubmissionRow", "SubmissionRows", "order_to_row"]


class SubmissionRows(Protocol):
    """Where a ``Record`` keeps its rows (implemented by the storage layer)."""

    @property
    def db_path(self) -> Path: ...
    def insert(self, row: dict[str, Any]) -> None: ...
    def update(self, submission_id: str, **fields: Any) -> None: ...
    def update_if(self, submission_id: str, expected: str | None, **fields: Any) -> bool: ...
    def note_draft(self, draft_id: str, state: str, detail: str, actor: str) -> None: ...
    def get(self, submission_id: str) -> SubmissionRow | None: ...
    def find(self, prefix: str) -> list[SubmissionRow]: ...
    def all(self) -> list[SubmissionRow]: ...
    def for_draft(self, draft_key: str) -> list[SubmissionRow]: ...
    def waiting(self) -> list[SubmissionRow]: ...


class Record:
    """The outbox folder under ``root`` (default: the data folder) and the rows in ``rows``."""

    def __init__(self, root: Path | None = None, rows: SubmissionRows | None = None) -> None:
        if rows is None:
            raise TypeError("Record needs its rows (desktop.storage.submissions.SubmissionTable)")
        self.root = Path(root) if root is not None else data_dir()
        self.root.mkdir(parents=True, exist_ok=True)
        self.rows = rows
        self.outbox = self.root / OUTBOX_DIR

    @property
    def db_path(self) -> Path:
        return self.rows.db_path

    # -- rows ----------------------------------------------------------------
    def insert(self, row: dict[str, Any]) -> None:
        self.rows.insert(row)

    def update(self, submission_id: str, **fields: Any) -> None:
        self.rows.update(submission_id, **fields)

    def update_if(self, submission_id: str, expected: str, **fields: Any) -> bool:
        """Update only while the row is still in state ``expected`` (a withdrawal may come first)."""
        return self.rows.update_if(submission_id, expected, **fields)

    def note_draft(self, draft_id: str | None, state: str, detail: str) -> None:
        """Report a submission's new state for its stored draft (the rows' owner mirrors it)."""
        if draft_id:
            self.rows.note_draft(draft_id, state, detail, os_account())

    def get(self, submission_id: str) -> SubmissionRow | None:
        return self.rows.get(submission_id)

    def find(self, prefix: str) -> list[SubmissionRow]:
        return self.rows.find(prefix)

    def all(self) -> list[SubmissionRow]:
        return self.rows.all()

    def for_draft(self, draft_key: str) -> list[SubmissionRow]:
        return self.rows.for_draft(draft_key)

    def waiting(self) -> list[SubmissionRow]:
        return self.rows.waiting()

    # -- staged bundles --------------------------------------------------------
    def staged_dir(self, submission_id: str) -> Path:
        return self.outbox / submission_id

    def stage(self, submission_id: str, order: dict[str, Any], files: dict[str, bytes], sealed: bool) -> Path:
        """Write the bundle into the outbox atomically (temp folder, fsync, rename)."""
        self.outbox.mkdir(parents=True, exist_ok=True)
        tmp = self.outbox / f".{submission_id}.{uuid.uuid4().hex[:8]}.tmp"
        part = tmp / (SEALED_DIR if sealed else PLAIN_DIR)
        try:
            for rel, data in files.items():
                target = part / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                _write_synced(target, data)
            _write_synced(tmp / ORDER_FILE, json.dumps(order, ensure_ascii=False, indent=2).encode("utf-8"))
            final = self.staged_dir(submission_id)
            os.rename(tmp, final)
            _fsync_dir(self.outbox)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return final

    def replace_plain_with_sealed(self, submission_id: str, files: dict[str, bytes]) -> None:
        """Seal a bundle that waited for the secretariat's keys (confidential, made offline)."""
        staged = self.staged_dir(submission_id)
        tmp = staged / f".{SEALED_DIR}.{uuid.uuid4().hex[:8]}.tmp"
        for rel, data in files.items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_synced(target, data)
        os.rename(tmp, staged / SEALED_DIR)
        shutil.rmtree(staged / PLAIN_DIR, ignore_errors=True)

    def unstage(self, submission_id: str) -> None:
        shutil.rmtree(self.staged_dir(submission_id), ignore_errors=True)

    def recover_orphans(self) -> int:
        """Rows for staged bundles whose row was lost (a crash between stage and insert); staged
        copies of bundles already delivered are removed."""
        if not self.outbox.is_dir():
            return 0
        recovered = 0
        for entry in os.scandir(self.outbox):
            if entry.name.startswith("."):
                continue
            try:
                order = json.loads(Path(entry.path, ORDER_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if not isinstance(order, dict) or order.get("submission_id") != entry.name:
                continue
            row = self.get(entry.name)
            if row is None:
                self.insert({**order_to_row(order), "state": IN_DE_UITBAK})
                recovered += 1
            elif row.state != IN_DE_UITBAK:
                # Delivered (a crash between recording the delivery and clearing the outbox):
                # the share has the bundle, so the staged copy is only a leftover.
                self.unstage(entry.name)
        return recovered

    def remove_stale_temporaries(self, max_age_s: float = 3600.0) -> None:
        """Half-staged folders of a crashed process (old enough not to be in progress)."""
        if not self.outbox.is_dir():
            return
        limit = time.time() - max_age_s
        for entry in os.scandir(self.outbox):
            if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < limit:
                        shutil.rmtree(entry.path, ignore_errors=True)


def order_to_row(order: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": order["submission_id"],
        "draft_key": order.get("draft_key", ""),
        "draft_id": order.get("draft_id"),
        "onderwerp": order.get("onderwerp", ""),
        "queue_dir": order.get("queue_dir", ""),
        "supersedes": order.get("supersedes"),
        "content_hash": order.get("content_hash", ""),
        "confidential": int(bool(order.get("confidential"))),
        "created": order.get("created") or P.now_iso(),
    }


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
