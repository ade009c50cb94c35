"""The outbox: a share that is missing, read-only, hanging or busy; delivery when it is back."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.queue.conftest import listing


def faulty(share: Path, faults: Any) -> Any:
    from desktop.share.faults import FaultyShare

    return FaultyShare(share, faults)


@pytest.mark.parametrize("fault", ["missing", "read_only"])
def test_unavailable_share_keeps_the_stuk_in_the_outbox_until_it_is_back(
    fault: str, go: Any, share: Path, record: Any, a4tje: Any
) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.delivery import deliver_outbox, outbox_entries
    from desktop.share.faults import Faults

    faults = Faults(**{fault: True})
    result = go(a4tje, fs=faulty(share, faults))
    assert result.state == P.WAITING
    assert "uitbak" in result.message
    assert [e["status"] for e in outbox_entries(record)] == [P.WAITING]
    assert not (share / "ingediend").exists() or not any((share / "ingediend").iterdir())

    # Still down: nothing changes, nothing is lost.
    report = deliver_outbox(record=record, fs_for=lambda d: faulty(Path(d), faults))
    assert report.waiting == [result.submission_id] and not report.delivered
    assert record.staged_dir(result.submission_id).is_dir()

    setattr(faults, fault, False)
    report = deliver_outbox(record=record, fs_for=lambda d: faulty(Path(d), faults))
    assert report.delivered == [result.submission_id]
    assert record.get(result.submission_id).state == P.SUBMITTED_STATE
    assert [e["id"] for e in listing(share).entries] == [result.submission_id]
    assert outbox_entries(record) == []


def test_hanging_share_does_not_block_and_a_late_finish_is_not_a_duplicate(
    go: Any, share: Path, record: Any, a4tje: Any
) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.delivery import deliver_outbox
    from desktop.share.faults import Faults

    hang = threading.Event()
    faults = Faults(hang=hang)
    start = time.monotonic()
    result = go(a4tje, fs=faulty(share, faults), timeout=0.5)
    assert time.monotonic() - start < 5
    assert result.state == P.WAITING and "hangt" in result.message

    start = time.monotonic()
    report = deliver_outbox(record=record, fs_for=lambda d: faulty(Path(d), faults), timeout=0.3)
    assert time.monotonic() - start < 3 and report.waiting == [result.submission_id]

    # The share wakes up: the abandoned attempt finishes (until then every call fails fast) ...
    hang.set()
    fs = faulty(share, faults)
    deadline = time.monotonic() + 10
    while fs.stuck() and time.monotonic() < deadline:
        time.sleep(0.05)
    # ... and a new one runs.
    report = deliver_outbox(record=record, fs_for=lambda d: faulty(Path(d), faults))
    assert report.delivered == [result.submission_id]
    time.sleep(0.5)  # let the abandoned threads finish whatever they were doing
    assert [p.name for p in (share / "ingediend").iterdir()] == [result.submission_id]
    entries = listing(share).entries
    assert len(entries) == 1 and entries[0]["verificatie"] != "mislukt"


def test_sharing_violations_are_retried_with_back_off(go: Any, share: Path, a4tje: Any) -> None:
    from desktop.queue import protocol as P
    from desktop.share.faults import Faults

    faults = Faults(sharing_violations=3)
    result = go(a4tje, fs=faulty(share, faults))
    assert result.state == P.SUBMITTED_STATE
    assert faults.sharing_violations == 0


def test_persistent_sharing_violation_waits_in_the_outbox(go: Any, share: Path, a4tje: Any) -> None:
    from desktop.queue import protocol as P
    from desktop.share.faults import Faults

    result = go(a4tje, fs=faulty(share, Faults(sharing_violations=10_000)))
    assert result.state == P.WAITING


def test_outbox_is_delivered_at_the_next_start(share: Path, tmp_path: Path, a4tje: Any) -> None:
    """A new process (a new Record on the same data folder) delivers what the last one left."""
    from desktop.queue import protocol as P
    from desktop.queue.delivery import deliver_outbox
    from desktop.queue.submit import submit
    from desktop.share.faults import Faults
    from tests.steller import steller_record

    data = tmp_path / "laptop"
    result = submit(a4tje, queue_dir=share, record=steller_record(data), fs=faulty(share, Faults(missing=True)))
    assert result.state == P.WAITING
    later = steller_record(data)
    assert deliver_outbox(record=later).delivered == [result.submission_id]
    assert later.get(result.submission_id).state == P.SUBMITTED_STATE


def test_a_lost_row_is_rebuilt_from_the_staged_bundle(go: Any, share: Path, record: Any, a4tje: Any) -> None:
    """A crash between staging and writing the row must not lose the stuk."""
    import sqlite3

    from desktop.queue.delivery import deliver_outbox

    result = go(a4tje, deliver=False)
    with sqlite3.connect(record.db_path) as conn:
        conn.execute("DELETE FROM submissions")
    assert deliver_outbox(record=record).delivered == [result.submission_id]
    assert [e["id"] for e in listing(share).entries] == [result.submission_id]


def test_a_missing_queue_folder_on_the_command_line_waits_in_the_outbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from desktop.cli.main import main
    from tests.queue.conftest import load
    from tests.shareinit import init_share

    src = tmp_path / "stuk.json"
    src.write_text(json.dumps(load("a4tje_full.json", bijlagen=[]).to_json()), encoding="utf-8")
    gone = tmp_path / "geen-server" / "wachtrij"
    assert main(["submit", str(src), "--queue", str(gone), "--no-layout", "--timeout", "2"]) == 0
    out = capsys.readouterr().out
    assert "uitbak" in out
    assert main(["outbox", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["status"] for e in entries] == ["wacht op verbinding"]
    gone.parent.mkdir()  # the parent is back but the share is not: nothing is created there
    assert main(["outbox", "--bezorg"]) == 0
    assert "Verstuurd: 0" in capsys.readouterr().out and not gone.exists()
    init_share(gone)  # the secretariat's 'meeting init'
    assert main(["outbox", "--bezorg"]) == 0
    assert "Verstuurd: 1" in capsys.readouterr().out
    assert len(list((gone / "ingediend").iterdir())) == 1


def test_the_fs_layer_refuses_paths_that_leave_the_root(share: Path) -> None:
    from desktop.share import LocalShare, ShareError

    fs = LocalShare(share)
    for rel in ("../buiten", "ingediend/../../buiten", "a/../../b"):
        with pytest.raises(ShareError, match="Ongeldig pad"):
            fs.path(rel)
        with pytest.raises(ShareError, match="Ongeldig pad"):
            fs.read_bytes(rel)
    assert fs.path("ingediend/x/meta.json") == share / "ingediend" / "x" / "meta.json"


def test_a_new_version_made_offline_replaces_the_waiting_one(go: Any, share: Path, record: Any, a4tje: Any) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.delivery import deliver_outbox
    from desktop.share.faults import Faults

    faults = Faults(missing=True)
    first = go(a4tje, draft_id="d1", fs=faulty(share, faults))
    a4tje.values["vervolg"] = "Een betere planning."
    second = go(a4tje, draft_id="d1", fs=faulty(share, faults))
    assert second.supersedes == first.submission_id
    assert record.get(first.submission_id).state == P.REPLACED
    assert not record.staged_dir(first.submission_id).exists()
    faults.missing = False
    assert deliver_outbox(record=record, fs_for=lambda d: faulty(Path(d), faults)).delivered == [second.submission_id]
    assert [e["id"] for e in listing(share).entries] == [second.submission_id]


def test_a_crash_after_recording_the_delivery_leaves_no_staged_copy(record: Any) -> None:
    """Killed between marking a bundle delivered and clearing the outbox: the next delivery
    round removes the leftover copy (the multi-process kill test found this window)."""
    from desktop.queue import protocol as P
    from desktop.queue.delivery import deliver_outbox
    from desktop.queue.record import order_to_row

    order = {"submission_id": "11111111-2222-3333-4444-555555555555", "draft_key": "k",
             "queue_dir": "/nergens", "content_hash": "x", "created": P.now_iso()}
    staged = record.stage(order["submission_id"], order, {"meta.json": b"{}"}, True)
    record.insert({**order_to_row(order), "state": P.SUBMITTED_STATE})
    assert staged.is_dir()
    report = deliver_outbox(record=record)
    assert not staged.exists()
    assert report.waiting == [] and record.get(order["submission_id"]).state == P.SUBMITTED_STATE
