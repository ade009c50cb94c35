"""A steller's record for tests: the outbox under ``root``, the rows in a local database.

Before issue 13 ``Record(root)`` kept its own ``indieningen.sqlite`` under ``root``; now
the rows live in the one local database (``stukken.sqlite``), by default under ``root``
too, so two stellers in one test stay apart as before.
"""

from __future__ import annotations

from pathlib import Path

from desktop.queue.record import Record
from desktop.storage.service import DraftStore


def steller_record(root: Path, db_path: Path | None = None) -> Record:
    root.mkdir(parents=True, exist_ok=True)
    store = DraftStore(db_path or root / "stukken.sqlite")
    return Record(root, store.submissions)
