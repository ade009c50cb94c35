"""The drafts service: create, save, list, search, trash, revisions, status.

A ``DraftStore`` owns one SQLAlchemy engine on one SQLite file and hands out plain
frozen values (``records``), never sessions or rows. Writes from the GUI go through
the single ``StoreWorker``; reads may use a separate store on the caller's thread
(WAL lets readers run beside the writer). See docs/storage.md.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import re
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain import workflow as wf
from desktop.domain.draft import Draft, DraftError
from desktop.storage import db, migrate
from desktop.storage.errors import StorageError, UnknownDraftError
from desktop.storage.models import REVISION_KINDS, STATUSES
from desktop.storage.records import DraftSummary, RevisionInfo, StoredDraft
from desktop.storage.retention import autosaves_to_prune
from desktop.storage.searchtext import clean, search_text, summary_onderwerp, summary_soort
from desktop.storage.submissions import SubmissionTable, import_legacy
from desktop.storage.worker import StoreWorker

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

__all__ = [
    "DraftStore", "DraftSummary", "RevisionInfo", "StorageError", "StoreWorker", "StoredDraft",
    "UnknownDraftError", "STATUSES", "load_draft_by_id",
]

_SUMMARY_COLUMNS = "id, form, onderwerp, soort, status, updated_at, created_at, deleted_at"
_TOKEN = re.compile(r"\w+")
_HEX = re.compile(r"^[0-9a-f]+$")


def now() -> datetime:
    return datetime.now(UTC)


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _dt(text: str) -> datetime:
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


def fts_query(text: str) -> str:
    """Every word of the user's text, as a quoted prefix term (no FTS syntax leaks through)."""
    return " ".join(f'"{t}"*' for t in _TOKEN.findall(text))


def _summary(row: Any, _new: Any = object.__new__, _iso: Any = datetime.fromisoformat) -> DraftSummary:
    # The list builds 10,000 of these: a frozen dataclass's __init__ calls
    # object.__setattr__ per field, which is most of the cost; filling __dict__ directly
    # makes the same object (no __post_init__ to skip) in half the time.
    obj = _new(DraftSummary)
    obj.__dict__.update(
        id=row[0], form=row[1], onderwerp=row[2], soort=row[3], status=row[4],
        updated_at=_iso(row[5]), created_at=_iso(row[6]), deleted=row[7] is not None,
    )
    return obj


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

    @staticmethod
    def _unknown(draft_id: str) -> UnknownDraftError:
        return UnknownDraftError(f"Er is geen concept met id '{draft_id}'.", f"unknown draft id {draft_id!r}")

    def _head(self, conn: Connection, draft_id: str) -> tuple[int, int]:
        row = conn.exec_driver_sql(
            "SELECT head, doc_id FROM drafts WHERE id = ?", (draft_id,)
        ).first()
        if row is None:
            raise self._unknown(draft_id)
        return int(row[0]), int(row[1])

    def _index(self, conn: Connection, doc_id: int, draft: Draft) -> None:
        onderwerp, body = search_text(draft)
        conn.exec_driver_sql("DELETE FROM drafts_fts WHERE rowid = ?", (doc_id,))
        conn.exec_driver_sql(
            "INSERT INTO drafts_fts (rowid, onderwerp, body) VALUES (?, ?, ?)",
            (doc_id, onderwerp, body),
        )

    def _insert_draft(
        self, conn: Connection, draft: Draft, kind: str, at: datetime, draft_id: str | None = None
    ) -> str:
        draft_id = draft_id or uuid.uuid4().hex
        doc_id = conn.exec_driver_sql("SELECT coalesce(max(doc_id), 0) + 1 FROM drafts").scalar_one()
        onderwerp = clean(summary_onderwerp(draft))
        conn.exec_driver_sql(
            "INSERT INTO drafts (id, doc_id, form, onderwerp, soort, status, created_at, "
            "updated_at, deleted_at, head) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 1)",
            (draft_id, doc_id, clean(draft.form), onderwerp, summary_soort(draft), wf.CONCEPT, _ts(at), _ts(at)),
        )
        conn.exec_driver_sql(
            "INSERT INTO revisions (draft_id, number, kind, created_at, onderwerp, content) "
            "VALUES (?, 1, ?, ?, ?, ?)",
            (draft_id, kind, _ts(at), onderwerp, dump_draft(draft)),
        )
        conn.exec_driver_sql(
            "INSERT INTO status_events (draft_id, at, status, detail, actor) "
            "VALUES (?, ?, ?, 'aangemaakt', '')",
            (draft_id, _ts(at), wf.CONCEPT),
        )
        self._index(conn, doc_id, draft)
        return draft_id

    def _append(
        self, conn: Connection, draft_id: str, draft: Draft, kind: str, content: str | None = None
    ) -> int:
        head, doc_id = self._head(conn, draft_id)
        content = content if content is not None else dump_draft(draft)
        if kind == "autosave":
            current = conn.exec_driver_sql(
                "SELECT content FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, head)
            ).scalar()
            if current == content:
                return head  # nothing typed since: no new revision
        at = now()
        number = head + 1
        onderwerp = clean(summary_onderwerp(draft))
        conn.exec_driver_sql(
            "INSERT INTO revisions (draft_id, number, kind, created_at, onderwerp, content) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (draft_id, number, kind, _ts(at), onderwerp, content),
        )
        conn.exec_driver_sql(
            "UPDATE drafts SET form = ?, onderwerp = ?, soort = ?, updated_at = ?, head = ? "
            "WHERE id = ?",
            (clean(draft.form), onderwerp, summary_soort(draft), _ts(at), number, draft_id),
        )
        self._index(conn, doc_id, draft)
        if kind == "autosave":
            self._prune_autosaves(conn, draft_id, at)
        return number

    def _prune_autosaves(self, conn: Connection, draft_id: str, at: datetime) -> None:
        rows = conn.exec_driver_sql(
            "SELECT number, created_at FROM revisions WHERE draft_id = ? AND kind = 'autosave'",
            (draft_id,),
        ).all()
        drop = autosaves_to_prune(((int(n), _dt(c)) for n, c in rows), at)
        for number in drop:
            conn.exec_driver_sql(
                "DELETE FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, number)
            )

    # -- the service API ------------------------------------------------------------------

    def create(self, draft: Draft, *, kind: str = "save") -> str:
        """Store a new draft; returns its id (a uuid4 hex string)."""
        _check_kind(kind)
        with self._write() as conn:
            return self._insert_draft(conn, draft, kind, now())

    def create_many(self, drafts: Iterable[Draft], *, kind: str = "import") -> builtins.list[str]:
        """Store many new drafts in one transaction (an import): all or none."""
        _check_kind(kind)
        with self._write() as conn:
            return [self._insert_draft(conn, d, kind, now()) for d in drafts]

    def save(self, draft_id: str, draft: Draft, *, autosave: bool = False) -> int:
        """A new revision with this content; returns its number.

        An autosave identical to the newest revision adds nothing and returns that number.
        """
        with self._write() as conn:
            return self._append(conn, draft_id, draft, "autosave" if autosave else "save")

    def get(self, draft_id: str) -> StoredDraft:
        with self._read() as conn:
            row = conn.exec_driver_sql(
                "SELECT d.id, r.content, d.status, d.created_at, d.updated_at, d.deleted_at "
                "FROM drafts d JOIN revisions r ON r.draft_id = d.id AND r.number = d.head "
                "WHERE d.id = ?",
                (draft_id,),
            ).first()
        if row is None:
            raise self._unknown(draft_id)
        return StoredDraft(
            id=row[0],
            draft=load_content(row[1], f"draft {draft_id}"),
            status=row[2],
            created_at=_dt(row[3]),
            updated_at=_dt(row[4]),
            deleted=row[5] is not None,
        )

    def resolve_id(self, text: str) -> str:
        """A full id from what a user typed: the id, with or without dashes, or a unique prefix."""
        key = text.strip().lower().replace("-", "")
        if not key or not _HEX.match(key):
            raise self._unknown(text)
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
        raise self._unknown(text)

    def list(
        self, *, include_deleted: bool = False, deleted_only: bool = False
    ) -> builtins.list[DraftSummary]:
        """Draft summaries, newest change first; the trash is left out unless asked for."""
        where = ""
        if deleted_only:
            where = "WHERE deleted_at IS NOT NULL "
        elif not include_deleted:
            where = "WHERE deleted_at IS NULL "
        with self._read() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT {_SUMMARY_COLUMNS} FROM drafts {where}ORDER BY updated_at DESC, id DESC"
            ).all()
        return [_summary(r) for r in rows]

    def search(
        self, text: str, *, limit: int = 200, include_deleted: bool = False
    ) -> builtins.list[DraftSummary]:
        """Drafts whose current text has every word (as a prefix), best match first.

        Diacritics do not matter ("financiele" finds "financiële"); the trash is left out.
        """
        query = fts_query(text)
        if not query or limit <= 0:
            return []
        deleted = "" if include_deleted else "AND d.deleted_at IS NULL "
        cols = ", ".join(f"d.{c.strip()}" for c in _SUMMARY_COLUMNS.split(","))
        with self._read() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT {cols} FROM drafts_fts JOIN drafts d ON d.doc_id = drafts_fts.rowid "
                f"WHERE drafts_fts MATCH ? {deleted}ORDER BY drafts_fts.rank LIMIT ?",
                (query, int(limit)),
            ).all()
        return [_summary(r) for r in rows]

    def delete(self, draft_id: str) -> None:
        """Move a draft to the trash (it keeps its revisions; ``undelete`` brings it back)."""
        with self._write() as conn:
            self._head(conn, draft_id)
            conn.exec_driver_sql(
                "UPDATE drafts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (_ts(now()), draft_id),
            )

    def undelete(self, draft_id: str) -> None:
        with self._write() as conn:
            self._head(conn, draft_id)
            conn.exec_driver_sql("UPDATE drafts SET deleted_at = NULL WHERE id = ?", (draft_id,))

    def purge(self, draft_id: str) -> None:
        """Remove a draft in the trash for good, with its revisions and status history."""
        with self._write() as conn:
            row = conn.exec_driver_sql(
                "SELECT doc_id, deleted_at FROM drafts WHERE id = ?", (draft_id,)
            ).first()
            if row is None:
                raise self._unknown(draft_id)
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
            head, _ = self._head(conn, draft_id)
            content = conn.exec_driver_sql(
                "SELECT content FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, head)
            ).scalar_one()
            return self._insert_draft(conn, load_content(content, draft_id), "save", now())

    def revisions(self, draft_id: str) -> builtins.list[RevisionInfo]:
        """The kept revisions of a draft, newest first."""
        with self._read() as conn:
            self._head(conn, draft_id)
            rows = conn.exec_driver_sql(
                "SELECT number, kind, created_at, onderwerp FROM revisions "
                "WHERE draft_id = ? ORDER BY number DESC",
                (draft_id,),
            ).all()
        return [RevisionInfo(int(n), k, _dt(c), o) for n, k, c, o in rows]

    def _revision_content(self, conn: Connection, draft_id: str, number: int) -> str:
        self._head(conn, draft_id)
        content = conn.exec_driver_sql(
            "SELECT content FROM revisions WHERE draft_id = ? AND number = ?", (draft_id, number)
        ).scalar()
        if content is None:
            raise UnknownDraftError(
                f"Versie {number} van dit concept bestaat niet (meer).",
                f"no revision {number} of draft {draft_id}",
            )
        return str(content)

    def get_revision(self, draft_id: str, number: int) -> Draft:
        with self._read() as conn:
            content = self._revision_content(conn, draft_id, number)
        return load_content(content, f"draft {draft_id} revision {number}")

    def restore_revision(self, draft_id: str, number: int) -> int:
        """Make the content of an earlier revision the newest (a new revision, kind 'restore')."""
        with self._write() as conn:
            content = self._revision_content(conn, draft_id, number)
            draft = load_content(content, f"draft {draft_id} revision {number}")
            return self._append(conn, draft_id, draft, "restore", content)

    def set_status(self, draft_id: str, status: str, *, detail: str = "", actor: str = "") -> None:
        """Change the workflow status; every change is kept with its time and actor."""
        if status not in STATUSES:
            raise StorageError(
                f"Onbekende status '{status}'; bekend zijn: {', '.join(STATUSES)}.",
                f"unknown status {status!r}",
            )
        with self._write() as conn:
            self._head(conn, draft_id)
            conn.exec_driver_sql("UPDATE drafts SET status = ? WHERE id = ?", (status, draft_id))
            conn.exec_driver_sql(
                "INSERT INTO status_events (draft_id, at, status, detail, actor) VALUES (?, ?, ?, ?, ?)",
                (draft_id, _ts(now()), status, clean(detail), clean(actor)),
            )

    def status_history(self, draft_id: str) -> builtins.list[tuple[datetime, str, str, str]]:
        """``(at, status, detail, actor)`` of every status change, oldest first."""
        with self._read() as conn:
            self._head(conn, draft_id)
            rows = conn.exec_driver_sql(
                "SELECT at, status, detail, actor FROM status_events WHERE draft_id = ? ORDER BY id",
                (draft_id,),
            ).all()
        return [(_dt(a), s, d, who) for a, s, d, who in rows]

    def integrity_check(self) -> str:
        with self._read() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())


def _check_kind(kind: str) -> None:
    if kind not in REVISION_KINDS:
        raise StorageError(
            f"Onbekend soort versie '{kind}'.", f"kind {kind!r} not in {REVISION_KINDS}"
        )


def load_draft_by_id(draft_id: str) -> Draft:
    """The current content of a stored draft, by id or unique id prefix (for the CLI)."""
    with DraftStore() as store:
        return store.get(store.resolve_id(draft_id)).draft
