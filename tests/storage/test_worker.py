"""The single writer: one thread, one store, writes in order, errors on the future."""

from __future__ import annotations

import threading
from concurrent.futures import wait
from pathlib import Path

import pytest

from desktop.storage.errors import StorageError, UnknownDraftError
from desktop.storage.service import DraftStore, StoreWorker
from tests.storage.conftest import with_onderwerp


def test_writes_run_on_one_thread_in_order(tmp_path: Path, a4) -> None:
    path = tmp_path / "stukken.sqlite"
    threads: set[str] = set()
    worker = StoreWorker(lambda: DraftStore(path))
    try:
        draft_id = worker.submit(lambda s: s.create(a4)).result(10)

        def save(i: int):
            def run(s: DraftStore) -> int:
                threads.add(threading.current_thread().name)
                return s.save(draft_id, with_onderwerp(a4, f"versie {i}"), autosave=True)

            return run

        # Submitted from several threads at once, as a GUI plus timers would.
        futures = []
        lock = threading.Lock()

        def submitter(start: int) -> None:
            for i in range(start, start + 10):
                f = worker.submit(save(i))
                with lock:
                    futures.append(f)

        ts = [threading.Thread(target=submitter, args=(k * 10,)) for k in range(3)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        wait(futures, timeout=30)
        numbers = sorted(f.result() for f in futures)
        assert numbers == list(range(2, 32))  # one at a time: no number twice, none lost
        assert threads == {"stukken-opslag"}
    finally:
        worker.stop()
    reader = DraftStore(path)
    try:
        assert reader.revisions(draft_id)[0].number == 31
    finally:
        reader.close()


def test_errors_arrive_on_the_future_and_the_worker_goes_on(tmp_path: Path, a4) -> None:
    worker = StoreWorker(lambda: DraftStore(tmp_path / "stukken.sqlite"))
    try:
        bad = worker.submit(lambda s: s.get("0" * 32))
        with pytest.raises(UnknownDraftError):
            bad.result(10)
        assert worker.submit(lambda s: s.create(a4)).result(10)
    finally:
        worker.stop()


def test_stop_drains_pending_writes(tmp_path: Path, a4) -> None:
    path = tmp_path / "stukken.sqlite"
    worker = StoreWorker(lambda: DraftStore(path))
    futures = [worker.submit(lambda s: s.create(a4)) for _ in range(20)]
    worker.stop(timeout=30)
    assert not worker.alive
    assert all(f.done() and not f.exception() for f in futures)
    with pytest.raises(RuntimeError):
        worker.submit(lambda s: s.list())
    reader = DraftStore(path)
    try:
        assert len(reader.list()) == 20
    finally:
        reader.close()


def test_a_store_that_cannot_open_fails_every_future(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    worker = StoreWorker(lambda: DraftStore(blocker / "sub" / "stukken.sqlite"))
    try:
        with pytest.raises(StorageError, match="kan niet worden aangemaakt"):
            worker.submit(lambda s: s.list()).result(10)
    finally:
        worker.stop()


def test_reads_beside_the_worker(tmp_path: Path, a4) -> None:
    path = tmp_path / "stukken.sqlite"
    worker = StoreWorker(lambda: DraftStore(path))
    reader = DraftStore(path)
    try:
        ids = [worker.submit(lambda s: s.create(a4)) for _ in range(5)]
        created = {f.result(10) for f in ids}
        assert {s.id for s in reader.list()} == created
    finally:
        reader.close()
        worker.stop()
