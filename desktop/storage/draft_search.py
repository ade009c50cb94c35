"""Listing and searching the drafts: summaries for the main window's list and the CLI.

Both read only the ``drafts`` table (search through ``drafts_fts``), on a connection the
caller holds inside a transaction; ``summaries`` turns the rows into ``DraftSummary``
values after the transaction has ended.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.storage.records import DraftSummary

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

SUMMARY_COLUMNS = "id, form, onderwerp, soort, status, updated_at, created_at, deleted_at"
_TOKEN = re.compile(r"\w+")


def fts_query(text: str) -> str:
    """Every word of the user's text, as a quoted prefix term (no FTS syntax leaks through)."""
    return " ".join(f'"{t}"*' for t in _TOKEN.findall(text))


def summaries(rows: Sequence[Any]) -> list[DraftSummary]:
    return [_summary(r) for r in rows]


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


def list_rows(conn: Connection, *, include_deleted: bool = False, deleted_only: bool = False) -> Sequence[Any]:
    """Summary rows, newest change first; the trash is left out unless asked for."""
    where = ""
    if deleted_only:
        where = "WHERE deleted_at IS NOT NULL "
    elif not include_deleted:
        where = "WHERE deleted_at IS NULL "
    return conn.exec_driver_sql(
        f"SELECT {SUMMARY_COLUMNS} FROM drafts {where}ORDER BY updated_at DESC, id DESC"
    ).all()


def search_rows(conn: Connection, query: str, *, limit: int, include_deleted: bool) -> Sequence[Any]:
    """Summary rows of the drafts matching an ``fts_query``, best match first."""
    deleted = "" if include_deleted else "AND d.deleted_at IS NULL "
    cols = ", ".join(f"d.{c.strip()}" for c in SUMMARY_COLUMNS.split(","))
    return conn.exec_driver_sql(
        f"SELECT {cols} FROM drafts_fts JOIN drafts d ON d.doc_id = drafts_fts.rowid "
        f"WHERE drafts_fts MATCH ? {deleted}ORDER BY drafts_fts.rank LIMIT ?",
        (query, int(limit)),
    ).all()
