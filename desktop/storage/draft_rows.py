"""The SQL of one draft's rows: ``drafts``, ``revisions``, ``status_events`` and ``drafts_fts``.

Every function takes a connection the caller holds inside a transaction
(``DraftStore._write`` or ``_read``), so one service call stays one transaction. A draft
is stored as its interchange JSON; times are stored as ISO text in UTC.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.domain import workflow as wf
from desktop.domain.draft import Draft, DraftError
from desktop.storage.errors import StorageError, UnknownDraftError
from desktop.storage.models import REVISION_KINDS
from desktop.storage.retention import autosaves_to_prune
from desktop.storage.searchtext import clean, search_text, summary_onderwerp, summary_soort

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def now() -> datetime:
    return datetime.now(UTC)


def ts(value: datetime) -> str:
    """A time as stored: ISO text in UTC, to the microsecond."""
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


def dump_draft(draft: Draft) -> str:
    """The stored form of a draft: its interchange JSON (ASCII-escaped, so any text survives)."""
    try:
        return json.dumps(draft.to_json(), ensure_ascii=True, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise StorageError(
            "Het concept bevat een waarde die niet kan worden opgeslagen.",
            f"not JSON-serialisable: {exc}",
        ) from exc


def load_content(content: str, where: str) -> Draft:
    try:
        return Draft.from_json(json.loads(content))
    except (ValueError, DraftError) as exc:
        raise StorageError(
            "Een opgeslagen versie van dit concept is onleesbaar.", f"{where}: {exc}"
        ) from exc


def check_kind(kind: str) -> None:
    if kind not in REVISION_KINDS:
        raise StorageError(
            f"Onbekend soort versie '{kind}'.", f"kind {kind!r} not in {REVISION_KINDS}"
        )


def unknown(draft_id: str) -> UnknownDraftError:
    return UnknownDraftError(f"Er is geen concept met id '{draft_id}'.", f"unknown draft id {draft_id!r}")


def head(conn: Connection, draft_id: str) -> tuple[int, int]:
    """``(newest revision number, doc_id)`` of a draft; ``UnknownDraftError`` when there is none."""
    row = conn.exec_driver_sql(
        "SELECT head, doc_id FROM drafts WHERE id = ?", (draft_id,)
    ).first()
    if row is None:
        raise unknown(draft_id)
    return int(row[0]), int(row[1])


def index_text(conn: Connection, doc_id: int, draft: Draft) -> None:
    """Put the draft's current text in the full-text index (replacing what was there)."""
    onderwerp, body = search_text(draft)
    conn.exec_driver_sql("DELETE FROM drafts_fts WHERE rowid = ?", (doc_id,))
    conn.exec_driver_sql(
        "INSERT INTO drafts_fts (rowid, onderwerp, body) VALUES (?, ?, ?)",
        (doc_id, onderwerp, body),
    )


def insert_draft(conn: Connection, draft: Draft, kind: str, at: datetime, draft_id: str | None = None) -> str:
    """A new draft with its first revision and its first status (concept); returns its id."""
    draft_id = draft_id or uuid.uuid4().hex
    doc_id = conn.exec_driver_sql("SELECT coalesce(max(doc_id), 0) + 1 FROM drafts").scalar_one()
    onderwerp = clean(summary_onderwerp(draft))
    conn.exec_driver_sql(
        "INSERT INTO drafts (id, doc_id, form, onderwerp, soort, status, created_at, "
        "updated_at, deleted_at, head) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 1)",
        (draft_id, doc_id, clean(draft.form), onderwerp, summary_soort(draft), wf.CONCEPT, ts(at), ts(at)),
    )
    conn.exec_driver_sql(
        "INSERT INTO revisions (draft_id, number, kind, created_at, onderwerp, content) "
        "VALUES (?, 1, ?, ?, ?, ?)",
        (draft_id, kind, ts(at), onderwerp, dump_draft(draft)),
    )
    conn.exec_driver_sql(
        "INSERT INTO status_events (draft_id, at, status, detail, actor) "
        "VALUES (?, ?, ?, 'aangemaakt', '')",
        (draft_id, ts(at), wf.CONCEPT),
    )
    index_text(conn, doc_id, draft)
    return draft_id


def append_revision(conn: Connection, draft_id: str, draft: Draft, kind: str, content: str | None = None) -> int:
    """A new newest revision; returns its number. An autosave that changes nothing adds none."""
    newest, doc_id = head(conn, draft_id)
    content = content if content is not None else dump_draft(draft)
    if kind == "autosave":
        current = conn.exec_driver_sql(
            "SELECT content FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, newest)
        ).scalar()
        if current == content:
            return newest  # nothing typed since: no new revision
    at = now()
    number = newest + 1
    onderwerp = clean(summary_onderwerp(draft))
    conn.exec_driver_sql(
        "INSERT INTO revisions (draft_id, number, kind, created_at, onderwerp, content) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (draft_id, number, kind, ts(at), onderwerp, content),
    )
    conn.exec_driver_sql(
        "UPDATE drafts SET form = ?, onderwerp = ?, soort = ?, updated_at = ?, head = ? "
        "WHERE id = ?",
        (clean(draft.form), onderwerp, summary_soort(draft), ts(at), number, draft_id),
    )
    index_text(conn, doc_id, draft)
    if kind == "autosave":
        prune_autosaves(conn, draft_id, at)
    return number


def prune_autosaves(conn: Connection, draft_id: str, at: datetime) -> None:
    rows = conn.exec_driver_sql(
        "SELECT number, created_at FROM revisions WHERE draft_id = ? AND kind = 'autosave'",
        (draft_id,),
    ).all()
    drop = autosaves_to_prune(((int(n), dt(c)) for n, c in rows), at)
    for number in drop:
        conn.exec_driver_sql(
            "DELETE FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, number)
        )


def revision_content(conn: Connection, draft_id: str, number: int) -> str:
    """The stored JSON of one revision; ``UnknownDraftError`` when it is gone."""
    head(conn, draft_id)
    content = conn.exec_driver_sql(
        "SELECT content FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, number)
    ).scalar()
    if content is None:
        raise UnknownDraftError(
            f"Versie {number} van dit concept bestaat niet (meer).",
            f"no revision {number} of draft {draft_id}",
        )
    return str(content)
