"""Draft store speed with 10,000 drafts: the list and a full-text search.

Each against the floor of the same query through a raw ``sqlite3`` connection on the
same file in the same run: what the store adds (SQLAlchemy, building the summaries,
parsing the times) must stay under 3x that.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.harness import Benchmark

N_DRAFTS = 10_000
QUERY = "financiele"
COLUMNS = "d.id, d.form, d.onderwerp, d.soort, d.status, d.updated_at, d.created_at, d.deleted_at"


class _Fixture:
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.store: Any = None
        self.raw: sqlite3.Connection | None = None

    def setup(self) -> None:
        if self.store is not None:
            return
        from desktop.domain.draft import load_draft_file
        from desktop.storage.service import DraftStore

        root = Path(__file__).resolve().parent.parent
        a4 = load_draft_file(root / "tests" / "fixtures" / "a4tje_full.json")
        rb = load_draft_file(root / "tests" / "fixtures" / "raadsbrief_full.json")
        self.folder = Path(tempfile.mkdtemp(prefix="stukken-bench-"))
        self.store = DraftStore(self.folder / "stukken.sqlite")
        drafts = []
        for i in range(N_DRAFTS):
            d = (a4 if i % 3 else rb).copy()
            d.values["onderwerp"] = f"Voorstel {i}: wijkvernieuwing deel {i % 97}"
            if i % 3 == 0:
                d.values["financien"] = f"De financiële gevolgen ({i}) dekken we uit de reserve."
            drafts.append(d)
        self.store.create_many(drafts)
        self.raw = sqlite3.connect(self.folder / "stukken.sqlite")

    def teardown(self) -> None:
        if self.raw is not None:
            self.raw.close()
        if self.store is not None:
            self.store.close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder, self.store, self.raw = None, None, None

    def list_run(self) -> None:
        rows = self.store.list()
        assert len(rows) == N_DRAFTS

    def list_floor(self) -> None:
        assert self.raw is not None
        rows = self.raw.execute(
            f"SELECT {COLUMNS} FROM drafts d WHERE d.deleted_at IS NULL "
            "ORDER BY d.updated_at DESC, d.id DESC"
        ).fetchall()
        assert len(rows) == N_DRAFTS

    def search_run(self) -> None:
        rows = self.store.search(QUERY)
        assert len(rows) == 200

    def search_floor(self) -> None:
        assert self.raw is not None
        rows = self.raw.execute(
            f"SELECT {COLUMNS} FROM drafts_fts JOIN drafts d ON d.doc_id = drafts_fts.rowid "
            "WHERE drafts_fts MATCH ? AND d.deleted_at IS NULL ORDER BY drafts_fts.rank LIMIT 200",
            (f'"{QUERY}"*',),
        ).fetchall()
        assert len(rows) == 200


def benchmarks() -> list[Benchmark]:
    fx = _Fixture()
    return [
        Benchmark(
            name="drafts_list_10k", run=fx.list_run, floor=fx.list_floor, goal=3.0, repeat=15,
            setup=fx.setup, teardown=fx.teardown,
        ),
        Benchmark(
            name="drafts_search_10k", run=fx.search_run, floor=fx.search_floor, goal=3.0, repeat=15,
            setup=fx.setup, teardown=fx.teardown,
        ),
    ]
