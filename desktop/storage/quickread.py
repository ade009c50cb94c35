"""A fast read of the draft list without SQLAlchemy, for the window's first paint.

The store itself (SQLAlchemy, migrations) starts on the writer thread; meanwhile the list
comes from one read-only stdlib query of the same summary columns ``DraftStore.list``
reads. When the file is new, locked or of another schema it returns None and the caller
waits for the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_SUMMARY_SQL = (
    "SELECT id, form, onderwerp, soort, status, updated_at, created_at, deleted_at "
    "FROM drafts WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC"
)


def read_summaries(db_path: Path | None = None) -> list[Any] | None:
    """Draft summaries by a read-only stdlib query; None when that is not possible."""
    import sqlite3
    from datetime import datetime

    from desktop.storage.db import default_db_path
    from desktop.storage.records import DraftSummary

    path = Path(db_path) if db_path is not None else default_db_path()
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            rows = conn.execute(_SUMMARY_SQL).fetchall()
        finally:
            conn.close()
        return [
            DraftSummary(r[0], r[1], r[2], r[3], r[4], datetime.fromisoformat(r[5]),
                         datetime.fromisoformat(r[6]), r[7] is not None)
            for r in rows
        ]
    except (sqlite3.Error, ValueError, TypeError, IndexError):
        return None
