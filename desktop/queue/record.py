"""The steller's own record of submissions, and the outbox, in the user's data folder.

``indieningen.sqlite`` (stdlib sqlite3; local disk only, never the share) holds one
row per submission: which draft, which queue folder, the state as far as we know.
``uitbak/<id>/`` holds the sealed bundle until it is delivered; each staged folder
describes itself (``opdracht.json``), so a row lost in a crash is rebuilt from it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.queue import protocol as P

DB_FILE = "indieningen.sqlite"
OUTBOX_DIR = "uitbak"
ORDER_FILE = "opdracht.json"
SEALED_DIR = "bundel"
PLAIN_DIR = "inhoud"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id TEXT PRIMARY KEY,
    draft_key TEXT NOT NULL,
    draft_id TEXT,
    onderwerp TEXT NOT NULL DEFAULT '',
    queue_dir TEXT NOT NULL,
    state TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    supersedes TEXT,
    content_hash TEXT NOT NULL DEFAULT '',
    confidential INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    delivered TEXT,
    updated TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    pending_withdrawal INTEGER NOT NULL DEFAULT 0,
    status_json TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS submissions_draft ON submissions (draft_key, created);
"""

COLUMNS = (
    "id", "draft_key", "draft_id", "onderwerp", "queue_dir", "state", "detail", "supersedes",
    "content_hash", "confidential", "created", "delivered", "updated", "attempts", "last_error",
    "pending_withdrawal", "status_json",
)


@dataclass(slots=True)
class SubmissionRow:
    id: str
    draft_key: str
    draft_id: str | None
    onderwerp: str
    queue_dir: str
    state: str
    detail: str
    supersedes: str | None
    content_hash: str
    confidential: bool
    created: str
    delivered: str | None
    updated: str
    attempts: int
    last_error: str
    pending_withdrawal: bool
    status_json: str

    def to_json(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in COLUMNS if k != "status_json"}
        data["status"] = json.loads(self.status_json) if self.status_json else None
        return data


def data_root() -> Path:
    from desktop.config.paths import data_dir

    return data_dir()


class Record:
    """Access to ``indieningen.sqlite`` and the outbox folder (safe across processes)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else data_root()
        self.root.mkdir(parents=True, exist_ok=True)
        self.db_path = self.root / DB_FILE
        self.outbox = self.root / OUTBOX_DIR
        conn = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
        finally:
            conn.close()

    @contextlib.contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    # -- rows ----------------------------------------------------------------
    def insert(self, row: dict[str, Any]) -> None:
        row = {**row, "updated": row.get("updated") or P.now_iso()}
        names = [c for c in COLUMNS if c in row]
        with self._conn() as conn:
            conn.execute(
                f"INSERT OR IGNORE INTO submissions ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [row[n] for n in names],
            )

    def update(self, submission_id: str, **fields: Any) -> None:
        fields["updated"] = P.now_iso()
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self._conn() as conn:
            conn.execute(f"UPDATE submissions SET {sets} WHERE id = ?", [*fields.values(), submission_id])

    def update_if(self, submission_id: str, expected: str, **fields: Any) -> bool:
        """Update only while the row is still in state ``expected`` (a withdrawal may come first)."""
        fields["updated"] = P.now_iso()
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self._conn() as conn:
            cur = conn.execute(
                f"UPDATE submissions SET {sets} WHERE id = ? AND state = ?", [*fields.values(), submission_id, expected]
            )
            return cur.rowcount == 1

    def get(self, submission_id: str) -> SubmissionRow | None:
        rows = self._select("WHERE id = ?", (submission_id,))
        return rows[0] if rows else None

    def find(self, prefix: str) -> list[SubmissionRow]:
        return self._select("WHERE id LIKE ? ORDER BY created", (f"{prefix}%",))

    def all(self) -> list[SubmissionRow]:
        return self._select("ORDER BY created", ())

    def for_draft(self, draft_key: str) -> list[SubmissionRow]:
        return self._select("WHERE draft_key = ? ORDER BY created", (draft_key,))

    def waiting(self) -> list[SubmissionRow]:
        return self._select("WHERE state = ? OR pending_withdrawal = 1 ORDER BY created", (P.WAITING,))

    def _select(self, where: str, params: tuple[Any, ...]) -> list[SubmissionRow]:
        with self._conn() as conn:
            cur = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM submissions {where}", params)
            rows = []
            for r in cur.fetchall():
                values = dict(zip(COLUMNS, r, strict=True))
                values["confidential"] = bool(values["confidential"])
                values["pending_withdrawal"] = bool(values["pending_withdrawal"])
                rows.append(SubmissionRow(**values))
            return rows

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
                self.insert({**order_to_row(order), "state": P.WAITING})
                recovered += 1
            elif row.state != P.WAITING:
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
