"""The drafts service: create, save, list, search, trash, revisions, status.

A ``DraftStore`` owns one SQLAlchemy engine on one SQLite file and hands out plain
frozen values (``records``), never sessions or rows. Writes from the GUI go through
the single ``StoreWorker``; reads may use a separate store on the caller's thread
(WAL lets readers run beside the writer). See docs/storage.md.
"""

from __future__ import annotations

import builtins
import contextlib
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain import workflow as wf
from desktop.domain.draft import Draft
from desktop.storage import db, migrate
from desktop.storage.draft_rows import (
    append_revision,
    check_kind,
    dt,
    head,
    insert_draft,
    load_content,
    now,
    revision_content,
    ts,
    unknown,
)
from desktop.storage.draft_search import fts_query, list_rows, search_rows, summaries
from desktop.storage.errors import StorageError, UnknownDraftError
from desktop.storage.models import STATUSES
from desktop.storage.records import DraftSummary, RevisionInfo, StoredDraft
from desktop.storage.searchtext import clean
from desktop.storage.submissions import SubmissionTable, import_legacy
from desktop.storage.worker import StoreWorker

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

__all__ = [
    "DraftStore", "DraftSummary", "RevisionInfo", "StorageError", "StoreWorker", "StoredDraft",
    "UnknownDraftError", "STATUSES", "load_draft_by_id",
]

_HEX = re.compile(r"^[0-9a-f]+$")


class DraftStore:
    """The local draft store in ``data_dir()/stukken.sqlite`` (or ``db_path``).

    ``notices`` holds Dutch messages the user should see once (a corrupt database moved aside).
    """

    def __init__(
        self, db_path: Path | None = None, *, busy_timeout: float = db.DEFAULT_BUSY_TIMEOUT
    ) -> None:
        self.path = Path(db_path) if db_path is not None else db.default_db_path()
        self.notices: list[str] = []
        self.moved_aside: Path | None = None
        db.prepare_folder(self.path)
        with db.guard(self.path):
            moved = db.check_file(self.path, busy_timeout)
            if moved is not None:
                self.moved_aside = moved
                self.notices.append(db.corrupt_notice(moved))
            self._engine = db.make_engine(self.path, busy_timeout)
            try:
                migrate.upgrade(self._engine)
            except BaseException:
                self._engine.dispose()
                raise
        self.submissions = SubmissionTable(self)
        self._import_legacy_submissions()

    def _import_legacy_submissions(self) -> None:
        """The old ``indieningen.sqlite`` beside this database, imported once (then renamed)."""
        try:
            moved = import_legacy(self.submissions, self.path.parent)
        except BaseException:
            self._engine.dispose()
            raise
        if moved is not None:
            self.notices.append(
                f"De lijst met inzendingen is overgezet naar de database; het oude bestand staat als {moved.name}."
            )

    # -- plumbing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with db.guard(self.path), self._engine.connect() as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        with db.guard(self.path), self._engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> DraftStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the service API ------------------------------------------------------------------

    def create(self, draft: Draft, *, kind: str = "save") -> str:
        """Store a new draft; returns its id (a uuid4 hex string)."""
        check_kind(kind)
        with self._write() as conn:
            return insert_draft(conn, draft, kind, now())

    def create_many(self, drafts: Iterable[Draft], *, kind: str = "import") -> builtins.list[str]:
        """Store many new drafts in one transaction (an import): all or none."""
        check_kind(kind)
        with self._write() as conn:
            return [insert_draft(conn, d, kind, now()) for d in drafts]

    def save(self, draft_id: str, draft: Draft, *, autosave: bool = False) -> int:
        """A new revision with this content; returns its number.

        An autosave identical to the newest revision adds nothing and returns that number.
        """
        with self._write() as conn:
            return append_revision(conn, draft_id, draft, "autosave" if autosave else "save")

    def get(self, draft_id: str) -> StoredDraft:
        with self._read() as conn:
            row = conn.exec_driver_sql(
                "SELECT d.id, r.content, d.status, d.created_at, d.updated_at, d.deleted_at "
                "FROM drafts d JOIN revisions r ON r.draft_id = d.id AND r.number = d.head "
                "WHERE d.id = ?",
                (draft_id,),
            ).first()
        if row is None:
            raise unknown(draft_id)
        return StoredDraft(
            id=row[0],
            draft=load_content(row[1], f"draft {draft_id}"),
            status=row[2],
            created_at=dt(row[3]),
            updated_at=dt(row[4]),
            deleted=row[5] is not None,
        )

    def resolve_id(self, text: str) -> str:
        """A full id from what a user typed: the id, with or without dashes, or a unique prefix."""
        key = text.strip().lower().replace("-", "")
        if not key or not _HEX.match(key):
            raise unknown(text)
        with self._read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id FROM drafts WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                (key, key + "g"),
            ).all()
        if len(rows) == 1 and (rows[0][0] == key or len(key) >= 4):
            return str(rows[0][0])
        if any(r[0] == key for r in rows):
            return key
        if len(rows) > 1:
            raise UnknownDraftError(
                f"Meer dan één concept begint met '{text}'; geef meer tekens van het id.",
                f"ambiguous id prefix {text!r}",
            )
        raise unknown(text)

    def list(
        self, *, include_deleted: bool = False, deleted_only: bool = False
    ) -> builtins.list[DraftSummary]:
        """Draft summaries, newest change first; the trash is left out unless asked for."""
        with self._read() as conn:
            rows = list_rows(conn, include_deleted=include_deleted, deleted_only=deleted_only)
        return summaries(rows)

    def search(
        self, text: str, *, limit: int = 200, include_deleted: bool = False
    ) -> builtins.list[DraftSummary]:
        """Drafts whose current text has every word (as a prefix), best match first.

        Diacritics do not matter ("financiele" finds "financiële"); the trash is left out.
        """
        query = fts_query(text)
        if not query or limit <= 0:
            return []
        with self._read() as conn:
            rows = search_rows(conn, query, limit=limit, include_deleted=include_deleted)
        return summaries(rows)

    def delete(self, draft_id: str) -> None:
        """Move a draft to the trash (it keeps its revisions; ``undelete`` brings it back)."""
        with self._write() as conn:
            head(conn, draft_id)
            conn.exec_driver_sql(
                "UPDATE drafts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (ts(now()), draft_id),
            )

    def undelete(self, draft_id: str) -> None:
        with self._write() as conn:
            head(conn, draft_id)
            conn.exec_driver_sql("UPDATE drafts SET deleted_at = NULL WHERE id = ?", (draft_id,))

    def purge(self, draft_id: str) -> None:
        """Remove a draft in the trash for good, with its revisions and status history."""
        with self._write() as conn:
            row = conn.exec_driver_sql(
                "SELECT doc_id, deleted_at FROM drafts WHERE id = ?", (draft_id,)
            ).first()
            if row is None:
                raise unknown(draft_id)
            if row[1] is None:
                raise StorageError(
                    "Alleen een concept in de prullenbak kan definitief worden verwijderd.",
                    f"purge of {draft_id} which is not deleted",
                )
            conn.exec_driver_sql("DELETE FROM drafts_fts WHERE rowid = ?", (row[0],))
            conn.exec_driver_sql("DELETE FROM drafts WHERE id = ?", (draft_id,))

    def duplicate(self, draft_id: str) -> str:
        """A new draft (status concept) with the current content of this one."""
        with self._write() as conn:
            newest, _ = head(conn, draft_id)
            content = conn.exec_driver_sql(
                "SELECT content FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, newest)
            ).scalar_one()
            return insert_draft(conn, load_content(content, draft_id), "save", now())

    def revisions(self, draft_id: str) -> builtins.list[RevisionInfo]:
        """The kept revisions of a draft, newest first."""
        with self._read() as conn:
            head(conn, draft_id)
            rows = conn.exec_driver_sql(
                "SELECT number, kind, created_at, onderwerp FROM revisions "
                "WHERE draft_id = ? ORDER BY number DESC",
                (draft_id,),
            ).all()
        return [RevisionInfo(int(n), k, dt(c), o) for n, k, c, o in rows]

    def get_revision(self, draft_id: str, number: int) -> Draft:
        with self._read() as conn:
            content = revision_content(conn, draft_id, number)
        return load_content(content, f"draft {draft_id} revision {number}")

    def restore_revision(self, draft_id: str, number: int) -> int:
        """Make the content of an earlier revision the newest (a new revision, kind 'restore')."""
        with self._write() as conn:
            content = revision_content(conn, draft_id, number)
            draft = load_content(content, f"draft {draft_id} revision {number}")
            return append_revision(conn, draft_id, draft, "restore", content)

    def set_status(self, draft_id: str, status: str, *, detail: str = "", actor: str = "") -> None:
        """Change the workflow status; every change is kept with its time and actor."""
        if status not in STATUSES:
            raise StorageError(
                f"Onbekende status '{status}'; bekend zijn: {', '.join(STATUSES)}.",
                f"unknown status {status!r}",
            )
        with self._write() as conn:
            head(conn, draft_id)
            conn.exec_driver_sql("UPDATE drafts SET status = ? WHERE id = ?", (status, draft_id))
            conn.exec_driver_sql(
                "INSERT INTO status_events (draft_id, at, status, detail, actor) VALUES (?, ?, ?, ?, ?)",
                (draft_id, ts(now()), status, clean(detail), clean(actor)),
            )

    def steller_step(self, draft_id: str, state: str, *, detail: str, actor: str,
                     only_from: Iterable[str] = ()) -> bool:
        """Record a state the steller's own action brings (the paraaf route's "ter parafering",
        "gereed voor indiening" ...) when the workflow model allows the steller that step, and the
        draft is in one of ``only_from`` when given. False (nothing written) otherwise or for an
        unknown draft."""
        try:
            current = self.get(draft_id).status
        except UnknownDraftError:
            return False
        allowed_from = tuple(only_from)
        if current == state or not wf.allowed(current, state, wf.STELLER) or (allowed_from and current not in allowed_from):
            return False
        self.set_status(draft_id, state, detail=detail, actor=actor)
        return True

    def status_history(self, draft_id: str) -> builtins.list[tuple[datetime, str, str, str]]:
        """``(at, status, detail, actor)`` of every status change, oldest first."""
        with self._read() as conn:
            head(conn, draft_id)
            rows = conn.exec_driver_sql(
                "SELECT at, status, detail, actor FROM status_events WHERE draft_id = ? ORDER BY id",
                (draft_id,),
            ).all()
        return [(dt(a), s, d, who) for a, s, d, who in rows]

    def integrity_check(self) -> str:
        with self._read() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())


def load_draft_by_id(draft_id: str) -> Draft:
    """The current content of a stored draft, by id or unique id prefix (for the CLI)."""
    with DraftStore() as store:
        return store.get(store.resolve_id(draft_id)).draft
