"""Status back to the steller, withdrawal, and the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.queue.conftest import listing, load


def test_status_files_update_the_record_and_report_changes(go: Any, share: Path, record: Any, a4tje: Any, sec_key: Any) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.secretariat_keys import write_status
    from desktop.queue.status import own_status, refresh_status
    from desktop.share import LocalShare

    result = go(a4tje)
    assert refresh_status(record=record) == []
    fs = LocalShare(share)
    steps = [
        (P.SCHEDULED, {"meeting_date": "2012-03-06"}, "vergadering van 2012-03-06"),
        (P.DECIDED, {"outcome": "conform"}, "conform"),
        (P.REPORTED, {}, ""),
    ]
    for state, fields, detail in steps:
        write_status(fs, sec_key, result.submission_id, state, **fields)
        changes = refresh_status(record=record)
        assert [(c.old != c.new, c.new, c.detail) for c in changes] == [(True, state, detail)]
        assert "is nu" in changes[0].message
        assert refresh_status(record=record) == []  # once only
    assert own_status(record)[0]["status"] == P.REPORTED


def test_forged_or_damaged_status_is_ignored(go: Any, share: Path, record: Any, a4tje: Any, sec_key: Any) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.secretariat_keys import write_status
    from desktop.queue.status import refresh_status
    from desktop.share import LocalShare
    from tests.shareinit import throwaway_key

    result = go(a4tje)
    impostor = throwaway_key("Niet gepubliceerd")  # another machine's key, never published
    write_status(LocalShare(share), impostor, result.submission_id, P.DECIDED, outcome="afgewezen")
    assert refresh_status(record=record) == []
    path = share / "status" / f"{result.submission_id}.json"
    write_status(LocalShare(share), sec_key, result.submission_id, P.RETURNED, reason="Te lang.")
    doc = json.loads(path.read_bytes())
    doc["reason"] = "Iets anders."
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert refresh_status(record=record) == []
    path.write_bytes(b"{kapot")
    assert refresh_status(record=record) == []
    assert record.get(result.submission_id).state == P.SUBMITTED_STATE


def test_status_mirrors_into_the_draft_store(share: Path, record: Any, a4tje: Any, sec_key: Any) -> None:
    pytest.importorskip("desktop.storage.service")
    from desktop.queue import protocol as P
    from desktop.queue.secretariat_keys import write_status
    from desktop.queue.status import refresh_status
    from desktop.queue.submit import submit
    from desktop.share import LocalShare
    from desktop.storage.service import DraftStore

    with DraftStore() as store:
        draft_id = store.create(a4tje)
    result = submit(a4tje, queue_dir=share, record=record, draft_id=draft_id)
    write_status(LocalShare(share), sec_key, result.submission_id, P.RETURNED, reason="Besluitpunt II ontbreekt.")
    refresh_status(record=record)
    with DraftStore() as store:
        history = [(s, d) for _, s, d, _ in store.status_history(draft_id)]
    assert ("ingediend", f"inzending {result.submission_id}") in history
    assert history[-1] == ("teruggestuurd", "Besluitpunt II ontbreekt.")


def test_withdraw_writes_a_signed_marker_the_reader_honours(go: Any, share: Path, record: Any, a4tje: Any) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.status import withdraw

    result = go(a4tje)
    assert withdraw(result.submission_id, reason="Niet meer nodig.", record=record) == "De inzending is ingetrokken."
    marker = json.loads((share / "ingetrokken" / f"{result.submission_id}.json").read_bytes())
    assert marker["format"] == "stukken-intrekking" and marker["reason"] == "Niet meer nodig."
    assert listing(share).entries[0]["ingetrokken"] is True
    assert record.get(result.submission_id).state == P.WITHDRAWN_STATE
    assert withdraw(result.submission_id, record=record) == "Deze inzending was al ingetrokken."


def test_a_marker_signed_by_someone_else_is_not_honoured(go: Any, share: Path, a4tje: Any) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.queue import protocol as P

    result = go(a4tje)
    other = Ed25519PrivateKey.generate()
    doc = {"format": P.WITHDRAWAL_FORMAT, "version": 1, "submission_id": result.submission_id}
    signed = P.sign_document(doc, other.sign, other.public_key().public_bytes_raw())
    (share / "ingetrokken").mkdir()
    (share / "ingetrokken" / f"{result.submission_id}.json").write_text(json.dumps(signed), encoding="utf-8")
    assert listing(share).entries[0]["ingetrokken"] is False


def test_withdraw_is_refused_once_on_an_agenda(go: Any, share: Path, record: Any, a4tje: Any, sec_key: Any) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.secretariat_keys import write_status
    from desktop.queue.status import WithdrawRefused, withdraw
    from desktop.share import LocalShare

    result = go(a4tje)
    # Not yet read back by the steller: withdraw still checks the share first.
    write_status(LocalShare(share), sec_key, result.submission_id, P.SCHEDULED, meeting_date="2012-03-06")
    with pytest.raises(WithdrawRefused, match="al op de agenda"):
        withdraw(result.submission_id, record=record)
    assert not (share / "ingetrokken").exists()


def test_withdraw_offline_waits_then_is_delivered(go: Any, share: Path, record: Any, a4tje: Any) -> None:
    from desktop.queue.delivery import deliver_outbox, outbox_entries
    from desktop.queue.status import withdraw
    from desktop.share.faults import Faults, FaultyShare

    result = go(a4tje)
    faults = Faults(missing=True)
    message = withdraw(result.submission_id, record=record, fs_for=lambda d: FaultyShare(Path(d), faults), timeout=2)
    assert "wacht op verbinding" in message
    assert [e["status"] for e in outbox_entries(record)] == ["intrekking wacht op verbinding"]
    faults.missing = False
    report = deliver_outbox(record=record, fs_for=lambda d: FaultyShare(Path(d), faults))
    assert report.withdrawn == [result.submission_id]
    assert listing(share).entries[0]["ingetrokken"] is True
    assert outbox_entries(record) == []


def test_withdraw_unknown_id(record: Any) -> None:
    from desktop.queue.status import WithdrawRefused, withdraw

    with pytest.raises(WithdrawRefused, match="Geen"):
        withdraw("00000000-dead", record=record)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from desktop.cli.main import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_command_line_round_trip(tmp_path: Path, share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "stuk.json"
    src.write_text(json.dumps(load("a4tje_full.json").to_json()), encoding="utf-8")
    att = tmp_path / "att"
    att.mkdir()
    (att / "Koepelplan Stadsbeheer 2012.pdf").write_bytes(b"%PDF plan")
    code, out, err = cli(capsys, "submit", str(src), "--queue", str(share), "--no-layout")
    assert code == 2 and "Bijlage(n) niet gevonden" in err
    (att / "Financieel overzicht.xlsx").write_bytes(b"PK fin")
    code, out, _ = cli(capsys, "submit", str(src), "--queue", str(share), "--no-layout", "--bijlagen-map", str(att))
    assert code == 0
    sid = out.splitlines()[0]
    code, out, _ = cli(capsys, "queue", "list", "--queue", str(share), "--json")
    (entry,) = json.loads(out)
    assert entry["id"] == sid and entry["onderwerp"] == "Koepelplan Stadsbeheer 2012"
    assert {"id", "onderwerp", "steller", "verificatie", "aangekomen"} <= set(entry)
    code, out, _ = cli(capsys, "status", "--json")
    assert [(r["id"], r["status"]) for r in json.loads(out)] == [(sid, "ingediend")]
    code, out, _ = cli(capsys, "withdraw", sid[:8])
    assert code == 0 and "ingetrokken" in out
    code, out, _ = cli(capsys, "queue", "list", "--queue", str(share))
    assert "[ingetrokken]" in out


def test_command_line_refuses_a_draft_with_errors(tmp_path: Path, share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "stuk.json"
    src.write_text(json.dumps(load("a4tje_full.json", onderwerp="", bijlagen=[]).to_json()), encoding="utf-8")
    code, out, err = cli(capsys, "submit", str(src), "--queue", str(share), "--no-layout")
    assert code == 1
    assert "FOUT" in out and "onderwerp" in out and "kan nog niet worden ingediend" in err
    assert not (share / "ingediend").exists()


def test_service_states_per_draft_and_poll(share: Path, record: Any, a4tje: Any, sec_key: Any) -> None:
    from desktop.domain.forms import default_formset
    from desktop.queue import protocol as P
    from desktop.queue.secretariat_keys import write_status
    from desktop.queue.service import QueueService, submit_blocker
    from desktop.share import LocalShare

    service = QueueService(share, record)
    assert submit_blocker(a4tje, default_formset()) is None
    assert "fout" in (submit_blocker(load("a4tje_full.json", onderwerp=""), default_formset()) or "")
    result = service.submit(a4tje, draft_id="d1")
    assert service.states()["d1"].state == P.SUBMITTED_STATE and service.states()["d1"].can_withdraw
    write_status(LocalShare(share), sec_key, result.submission_id, P.SCHEDULED, meeting_date="2012-03-06")
    report, changes = service.poll()
    assert report.delivered == [] and [c.new for c in changes] == [P.SCHEDULED]
    state = service.states()["d1"]
    assert state.detail == "vergadering van 2012-03-06" and not state.can_withdraw


def test_command_line_submits_a_stored_draft_by_id(share: Path, a4tje: Any, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("desktop.storage.service")
    from desktop.storage.service import DraftStore

    with DraftStore() as store:
        draft_id = store.create(a4tje)
    code, out, err = cli(capsys, "submit", draft_id[:8], "--queue", str(share), "--no-layout")
    assert code == 0, err
    sid = out.splitlines()[0]
    with DraftStore() as store:
        assert store.status_history(draft_id)[-1][1] == "ingediend"
    code, out, _ = cli(capsys, "status")
    assert sid in out and "ingediend" in out


def test_command_line_list_of_a_missing_queue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "queue", "list", "--queue", str(tmp_path / "nergens"))
    assert code == 2 and "niet bereikbaar" in err and "Traceback" not in err


@pytest.mark.parametrize("bad", [["--max-bijlage-mb", "0"], ["--timeout", "-1"]])
def test_command_line_rejects_bad_limits(bad: list[str], tmp_path: Path, share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "stuk.json"
    src.write_text(json.dumps(load("a4tje_full.json", bijlagen=[]).to_json()), encoding="utf-8")
    code, _, err = cli(capsys, "submit", str(src), "--queue", str(share), "--no-layout", *bad)
    assert code == 2 and "moet minstens 1" in err


def test_command_line_unreadable_draft_file(tmp_path: Path, share: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "stuk.json"
    src.write_text("{kapot", encoding="utf-8")
    code, _, err = cli(capsys, "submit", str(src), "--queue", str(share))
    assert code == 2 and "geen geldige JSON" in err


def test_withdrawing_what_still_waits_in_the_outbox(go: Any, share: Path, record: Any, a4tje: Any) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.delivery import deliver_outbox
    from desktop.queue.status import withdraw

    result = go(a4tje, deliver=False)
    assert withdraw(result.submission_id, record=record) == "De inzending is ingetrokken."
    assert not record.staged_dir(result.submission_id).exists()
    assert deliver_outbox(record=record).delivered == []
    assert record.get(result.submission_id).state == P.WITHDRAWN_STATE
    assert not (share / "ingediend").exists() or not any((share / "ingediend").iterdir())
    # A delivery that raced the withdrawal does not turn the state back.
    assert record.update_if(result.submission_id, P.WAITING, state=P.SUBMITTED_STATE) is False
