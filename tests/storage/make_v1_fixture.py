"""Make ``fixtures/v1.sqlite``: a database at schema v1 (migration 0001), with drafts.

Run once with ``python -m tests.storage.make_v1_fixture``; the file is committed so that
the upgrade test always starts from what the first released version wrote, not from
what today's code would write.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "fixtures" / "v1.sqlite"

# (id, created, [(number, kind, created, draft json)], deleted)
A4 = json.loads((HERE.parent / "fixtures" / "a4tje_full.json").read_text(encoding="utf-8"))
RB = json.loads((HERE.parent / "fixtures" / "raadsbrief_full.json").read_text(encoding="utf-8"))


def _variant(base: dict, onderwerp: str, financien: str | None = None) -> dict:
    data = json.loads(json.dumps(base))
    data["values"]["onderwerp"] = onderwerp
    if financien is not None:
        data["values"]["financien"] = financien
    return data


DRAFTS = [
    (
        "0a1b2c3d4e5f40718293a4b5c6d7e8f9",
        "2012-01-10T09:00:00.000000+00:00",
        [
            (1, "save", "2012-01-10T09:00:00.000000+00:00", _variant(A4, "Koepelplan (eerste opzet)")),
            (2, "autosave", "2012-01-10T09:05:00.000000+00:00", _variant(A4, "Koepelplan Stadsbeheer")),
            (3, "save", "2012-01-10T09:30:00.000000+00:00",
             _variant(A4, "Koepelplan Stadsbeheer 2012", "De financiële gevolgen zijn gedekt.")),
        ],
        False,
    ),
    (
        "1b2c3d4e5f60718293a4b5c6d7e8f90a",
        "2012-02-01T13:15:00.000000+00:00",
        [(1, "import", "2012-02-01T13:15:00.000000+00:00", RB)],
        False,
    ),
    (
        "2c3d4e5f60718293a4b5c6d7e8f90a1b",
        "2012-02-03T08:00:00.000000+00:00",
        [(1, "save", "2012-02-03T08:00:00.000000+00:00", _variant(A4, "Weggegooid voorstel"))],
        True,
    ),
]


def main() -> int:
    from desktop.storage import migrate
    from desktop.storage.db import make_engine

    if TARGET.exists():
        TARGET.unlink()
    engine = make_engine(TARGET)
    migrate.upgrade(engine, target="0001")
    with engine.connect() as conn, conn.begin():
        for draft_id, created, revs, deleted in DRAFTS:
            last = revs[-1]
            conn.exec_driver_sql(
                "INSERT INTO drafts (id, form, onderwerp, soort, created_at, updated_at, deleted, head) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (draft_id, last[3]["form"], last[3]["values"]["onderwerp"],
                 last[3]["values"].get("soort", "raadsbrief"), created, last[2], deleted, last[0]),
            )
            for number, kind, at, data in revs:
                conn.exec_driver_sql(
                    "INSERT INTO revisions (draft_id, number, kind, created_at, onderwerp, content) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (draft_id, number, kind, at, data["values"]["onderwerp"],
                     json.dumps(data, ensure_ascii=True, separators=(",", ":"))),
                )
    engine.dispose()
    import sqlite3

    raw = sqlite3.connect(TARGET, isolation_level=None)
    raw.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to commit
    raw.close()
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
