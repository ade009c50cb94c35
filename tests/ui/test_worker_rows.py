"""The window's submissions record writes through the store's single writer thread."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desktop.domain import workflow as wf
from desktop.ui.services import DraftService, WorkerRows, queue_service


def test_every_row_call_runs_on_the_writer_thread(tmp_path: Path) -> None:
    service = DraftService(tmp_path / "stukken.sqlite")
    seen: list[str] = []
    try:
        rows = WorkerRows(service)
        row = {"id": "s1", "draft_key": "concept:d1", "draft_id": "d1", "queue_dir": str(tmp_path),
               "state": wf.IN_DE_UITBAK, "created": "2012-01-10T09:00:00+00:00"}

        def from_a_worker() -> list[str]:
            rows.insert(row)
            rows.update("s1", state=wf.INGEDIEND, attempts=1)
            seen.append(service.call(lambda _store: threading.current_thread().name))
            return [r.state for r in queue_service(service).record.all()]

        with ThreadPoolExecutor(1) as pool:
            assert pool.submit(from_a_worker).result(timeout=60) == [wf.INGEDIEND]
        assert seen == ["stukken-opslag"]
        # Waiting on the writer from the GUI thread would freeze the window: refused.
        with pytest.raises(RuntimeError, match="GUI"):
            rows.all()
    finally:
        service.stop()


def test_a_failed_poll_is_logged_and_shown(qtbot: object, tmp_path: Path) -> None:
    """Before, the poller's store errors were swallowed; now the window's status bar gets them."""
    from desktop.ui.queue_actions import QueuePoller

    service = DraftService(tmp_path / "stukken.sqlite")
    service.stop()  # every write now fails, as a store that cannot be opened would
    poller = QueuePoller(None, service)
    with qtbot.waitSignal(poller.changed, timeout=30_000) as got:  # type: ignore[attr-defined]
        poller.poll()
    assert "kon niet worden bijgewerkt" in got.args[0][0] and "gestopt" in got.args[0][0]
