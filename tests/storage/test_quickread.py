"""The window's fast first read of the list agrees with the store's own list."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.draft import Draft
from desktop.storage.quickread import read_summaries
from desktop.storage.service import DraftStore


def test_quick_read_matches_the_store(tmp_path: Path) -> None:
    path = tmp_path / "stukken.sqlite"
    store = DraftStore(path)
    try:
        ids = [
            store.create(Draft(form="a4tje", values={"onderwerp": f"Onderwerp {i}", "soort": "raadsvoorstel"}))
            for i in range(3)
        ]
        store.delete(ids[0])
        expected = [(s.id, s.onderwerp, s.soort, s.status) for s in store.list()]
    finally:
        store.close()
    quick = read_summaries(path)
    assert quick is not None
    assert [(s.id, s.onderwerp, s.soort, s.status) for s in quick] == expected
    assert ids[0] not in {s.id for s in quick}


def test_quick_read_gives_up_quietly(tmp_path: Path) -> None:
    assert read_summaries(tmp_path / "absent.sqlite") is None
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database" * 100)
    assert read_summaries(damaged) is None
