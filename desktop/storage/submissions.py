"""The steller's submissions in the local database (table ``submissions``, migration 0003).

``SubmissionTable`` is what the queue's ``Record`` keeps its rows in: the queue reports
what it learned (a delivery, a status read back) and this table records it, with the
state of the stored draft mirrored in the same database. It belongs to a ``DraftStore``;
in the window every call runs on the store's single writer thread.

``import_legacy`` moves the rows of the old separate ``indieningen.sqlite`` (hand-written
schema, before issue 13) into the table once, then renames that file aside; never deletes it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain.submission import COLUMNS, SubmissionRow
from desktop.domain.workflow import IN_DE_UITBAK, STATES, from_protocol_v1
from desktop.storage.errors import StorageError, UnknownDraftError

if TYPE_CHECKING:
    from desktop.storage.service import DraftStore

log = logging.getLogger(__name__)

LEGACY_FILE = "indieningen.sqlite"
_UPDATABLE = frozenset(COLUMNS) - {"id"}
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM submissions"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - _UPDATABLE
    if unknown:
        raise ValueError(f"unknown submission columns: {sorted(unknown)}")
    state = fields.get("state")
    if state is not None and state not in STATES:
        raise StorageError(f"Onbekende status '{state}'.", f"unknown submission state {state!r}")
    out = dict(fields)
    for flag in ("confidential", "pending_withdrawal"):
        if flag in out:
            out[flag] = int(bool(out[flag]))
    return out


class SubmissionTable:
    """Rows of ``submissions`` as ``SubmissionRow`` values (the queue's ``SubmissionRows``)."""

    def __init__(self, store: DraftStore) -> None:
        self._store = store

    @property
    def db_path(self) -> Path:
        return self._store.path

    # -- writes ---------------------------------------------------------------------------
    def insert(self, row: dict[str, Any]) -> None:
        """A new row; an existing id is left as it is (a retry, or a row rebuilt twice)."""
        values = _fields({k: v for k, v in row.items() if k != "id"})
        values["id"] = row["id"]
        values.setdefault("updated", _now())
        names = [c for c in COLUMNS if c in values]
        with self._store._write() as conn:
            conn.exec_driver_sql(
                f"INSERT OR IGNORE INTO submissions ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                tuple(values[n] for n in names),
            )

    def update(self, submission_id: str, **fields: Any) -> None:
        self.update_if(submission_id, None, **fields)

    def update_if(self, submission_id: str, expected: str | None, **fields: Any) -> bool:
        """Update only while the row is still in state ``expected`` (None: in any state)."""
        values = _fields(fields)
        values["updated"] = _now()
        sets = ", ".join(f"{k} = ?" for k in values)
        where = "id = ?" if expected is None else "id = ? AND state = ?"
        params = (*values.values(), submission_id) + (() if expected is None else (expected,))
        with self._store._write() as conn:
            cur = conn.exec_driver_sql(f"UPDATE submissions SET {sets} WHERE {where}", params)
            return cur.rowcount == 1

    def note_draft(self, draft_id: str, state: str, detail: str, actor: str) -> None:
        """Mirror a submission's state into its stored draft (status and history).

        A draft that is not in this store (submitted from a file, or purged since) has
        nothing to mirror; any other error reaches the caller.
        """
        try:
            self._store.set_status(draft_id, state, detail=detail, actor=actor)
        except UnknownDraftError:
            log.info("submission state %s for draft %s: not in this store", state, draft_id)

    # -- reads ----------------------------------------------------------------------------
    def get(self, submission_id: str) -> SubmissionRow | None:
        rows = self._select("WHERE id = ?", (submission_id,))
        return rows[0] if rows else None

    def find(self, prefix: str) -> list[SubmissionRow]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return self._select("WHERE id LIKE ? ESCAPE '\\' ORDER BY created, rowid", (f"{escaped}%",))

    def all(self) -> list[SubmissionRow]:
        return self._select("ORDER BY created, rowid", ())

    def for_draft(self, draft_key: str) -> list[SubmissionRow]:
        return self._select("WHERE draft_key = ? ORDER BY created, rowid", (draft_key,))

    def waiting(self) -> list[SubmissionRow]:
        return self._select(
            "WHERE state = ? OR pending_withdrawal = 1 ORDER BY created, rowid", (IN_DE_UITBAK,)
        )

    def _select(self, where: str, params: tuple[Any, ...]) -> list[SubmissionRow]:
        with self._store._read() as conn:
            rows = conn.exec_driver_sql(f"{_SELECT} {where}", params).all()
        return [SubmissionRow.from_values(dict(zip(COLUMNS, r, strict=True))) for r in rows]


def _legacy_state(row: dict[str, Any]) -> Any:
    """The old record kept the share's protocol-1 word; read back, it maps onto the model."""
    try:
        doc = json.loads(row.get("status_json") or "null")
    except ValueError:
        doc = None
    if isinstance(doc, dict) and doc.get("state") == row.get("state"):
        return from_protocol_v1(doc.get("state"), doc) or row.get("state")
    return row.get("state")


def import_legacy(table: SubmissionTable, folder: Path) -> Path | None:
    """Import ``folder/indieningen.sqlite`` once; returns where the old file was moved.

    Rows already present (same id) are kept as they are, so an import interrupted before
    the rename simply runs again. The old file (and its -wal/-shm) is renamed, never deleted.
    """
    legacy = folder / LEGACY_FILE
    if not legacy.is_file():
        return None
    try:
        conn = sqlite3.connect(legacy, timeout=30)
        try:
            have = {r[1] for r in conn.execute("PRAGMA table_info(submissions)")}
            names = [c for c in COLUMNS if c in have]
            rows = conn.execute(f"SELECT {', '.join(names)} FROM submissions").fetchall() if names else []
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StorageError(
            f"De oude lijst met inzendingen ({legacy}) kan niet worden gelezen; er is niets gewijzigd.",
            f"legacy import {legacy}: {exc!r}",
        ) from exc
    for values in rows:
        row = dict(zip(names, values, strict=True))
        if not row.get("id"):
            continue
        row["state"] = _legacy_state(row)
        if row["state"] not in STATES:
            log.warning("legacy submission %s has unknown state %r: not imported", row["id"], row["state"])
            continue
        table.insert(row)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = legacy.with_name(f"{LEGACY_FILE}.geimporteerd-{stamp}")
    try:
        legacy.rename(target)
    except FileNotFoundError:
        return None  # another process (the window and a command at once) imported and moved it
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            legacy.with_name(legacy.name + suffix).rename(target.with_name(target.name + suffix))
    log.info("imported %d submissions from %s, kept as %s", len(rows), legacy, target)
    return target
