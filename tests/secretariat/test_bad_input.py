"""Faults and bad input: clear Dutch messages, nothing lost, nothing done twice."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.secretariat import publishing
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.overview import inbox_rows
from tests.secretariat.conftest import a4tje, run_main, secretary_env

DAY = date(2030, 5, 7)


def _decided(sec: Any, submit: Any) -> str:
    sid = submit(a4tje("Koepelplan"))
    sec.accept(sid)
    sec.create_meeting(DAY, datetime(2030, 5, 2, 12))
    sec.place(DAY, sid)
    sec.freeze(DAY)
    sec.decide(DAY, sid, "gewijzigd", changed="in te stemmen met het plan, zonder krediet.")
    return sid


def test_publication_folder_replaced_half_way_then_repaired(queue: Path, submit: Any, sec: Any) -> None:
    from desktop.queue import protocol as P

    sid = _decided(sec, submit)
    pubs = queue / P.PUBLICATIONS
    shutil.rmtree(pubs, ignore_errors=True)
    pubs.write_text("geen map")  # the folder is gone and something else stands in its place
    with pytest.raises(SecretariatError, match="--herstel") as info:
        publishing.publish(sec, DAY)
    assert "niets dubbel" in str(info.value)
    assert sec.meetings.load(DAY).status == "gepubliceerd"  # the decisions are kept
    with pytest.raises(SecretariatError, match="ontbreekt nog"):
        publishing.publish(sec, DAY)  # without --herstel nothing happens
    pubs.unlink()
    result = publishing.publish(sec, DAY, repair=True)
    assert result.repaired
    doc = json.loads((pubs / f"{DAY.isoformat()}.json").read_text(encoding="utf-8"))
    assert doc["items"][0]["outcome"] == "gewijzigd"
    assert doc["items"][0]["decision_text"] == "Het college besluit: in te stemmen met het plan, zonder krediet."
    with pytest.raises(SecretariatError, match="al gepubliceerd"):
        publishing.publish(sec, DAY, repair=True)
    assert json.loads((queue / P.STATUS / f"{sid}.json").read_text(encoding="utf-8"))["state"] == "teruggekoppeld"


def test_share_gone_during_publication(queue: Path, submit: Any, sec: Any) -> None:
    from desktop.share.faults import Faults

    _decided(sec, submit)
    from desktop.share import LocalShare
    from desktop.share.faults import FaultyShare

    sec.source.fs = FaultyShare(queue, Faults(missing=True))
    with pytest.raises(SecretariatError, match="kon niet in de gedeelde map"):
        publishing.publish(sec, DAY)
    sec.source.fs = LocalShare(queue)
    assert publishing.publish(sec, DAY, repair=True).repaired


def test_stale_copy_is_refused_through_the_cli(queue: Path, submit: Any, sec: Any, tmp_path: Path) -> None:
    a, b = submit(a4tje("Stuk A")), submit(a4tje("Stuk B"))
    sec.accept(a)
    sec.accept(b)
    sec.create_meeting(DAY, datetime(2030, 5, 2, 12))
    sec.place(DAY, a)  # version 2
    env = secretary_env(tmp_path, "bert", queue)
    r = run_main(env, "meeting", "place", DAY.isoformat(), b, "--basis", "1", "--door", "Bert")
    assert r.returncode == 1
    assert "intussen gewijzigd door Anna" in r.stderr and "NIET opgeslagen" in r.stderr
    assert "Traceback" not in r.stderr
    assert [it.inzending for it in sec.meetings.load(DAY).items] == [a]
    r = run_main(env, "meeting", "place", DAY.isoformat(), b, "--basis", "2", "--door", "Bert")
    assert r.returncode == 0, r.stderr


def test_bad_cli_input_gives_dutch_messages(queue: Path, tmp_path: Path) -> None:
    env = secretary_env(tmp_path, "anna", queue)
    cases = [
        (["meeting", "create", "maandag"], "geen datum"),
        (["meeting", "create", "30-02-2030"], "bestaat niet als datum"),
        (["meeting", "show", "2030-03-13"], "geen vergadering"),
        (["meeting", "accept", "bestaat-niet"], "niet (meer) in de wachtrij"),
        (["meeting", "create", "2030-03-13", "--sluiting", "morgen"], "geen moment"),
        (["meeting", "create", "2030-03-13", "--sluiting", "2030-03-14 12:00"], "ligt na de vergadering"),
    ]
    for args, expected in cases:
        r = run_main(env, *args)
        assert r.returncode in (1, 2), (args, r.stderr)
        assert expected in r.stderr, (args, r.stderr)
        assert "Traceback" not in r.stderr


def test_damaged_meeting_file_and_share_files(queue: Path, sec: Any, tmp_path: Path) -> None:
    sec.create_meeting(DAY, datetime(2030, 5, 2, 12))
    (queue / sec.meetings.folder(DAY) / "v000002.json").write_bytes(b"\xff\xfe garbage")
    # The damaged newest file is skipped and reported; it hides neither the meeting nor the list.
    env = secretary_env(tmp_path, "anna", queue)
    r = run_main(env, "meeting", "show", DAY.isoformat())
    assert r.returncode == 0 and "Probleem" in r.stderr and "beschadigd" in r.stderr, r.stderr
    r = run_main(env, "meeting", "list", "--json")
    assert r.returncode == 0 and [m["datum"] for m in json.loads(r.stdout)] == [DAY.isoformat()]


def test_te_laat_counts_first_seen_by_the_secretariat(queue: Path, submit: Any, sec: Any) -> None:
    early = submit(a4tje("Op tijd"))
    now = datetime.now().astimezone()
    sec.create_meeting(DAY, (now + timedelta(minutes=1)).replace(tzinfo=None))
    assert {r["id"]: r["te_laat"] for r in inbox_rows(sec)} == {early: False}
    later = submit(a4tje("Te laat"))
    sec.first_seen.see([later], now=now + timedelta(hours=2))  # first seen after the cut-off
    rows = {r["id"]: r["te_laat"] for r in inbox_rows(sec)}
    assert rows == {early: False, later: True}


def test_return_requires_a_reason_and_not_on_agenda(queue: Path, submit: Any, sec: Any) -> None:
    sid = submit(a4tje("Stuk"))
    with pytest.raises(SecretariatError, match="reden"):
        sec.send_back(sid, "  ")
    sec.accept(sid)
    sec.create_meeting(DAY, datetime(2030, 5, 2, 12))
    sec.place(DAY, sid)
    with pytest.raises(SecretariatError, match="haal het daar eerst af"):
        sec.send_back(sid, "toch niet")
    with pytest.raises(SecretariatError, match="staat al op de agenda"):
        sec.create_meeting(date(2030, 5, 14), datetime(2030, 5, 9, 12))
        sec.place(date(2030, 5, 14), sid)


def test_withdrawn_submission_cannot_be_placed(queue: Path, submit: Any, sec: Any, tmp_path: Path) -> None:
    from desktop.queue.status import withdraw
    from tests.steller import steller_record

    sid = submit(a4tje("Wordt ingetrokken"))
    sec.accept(sid)
    assert "ingetrokken" in withdraw(sid, record=steller_record(tmp_path / "steller"))
    sec.create_meeting(DAY, datetime(2030, 5, 2, 12))
    with pytest.raises(SecretariatError, match="ingetrokken"):
        sec.place(DAY, sid)
    assert inbox_rows(sec) == []  # done: not shown unless asked
    assert inbox_rows(sec, include_done=True)[0]["status"] == "ingetrokken"
    status = json.loads((queue / "status" / f"{sid}.json").read_text(encoding="utf-8"))
    assert status["state"] == "ingetrokken"  # confirmed to the steller, once
    kinds = [e["soort"] for e in __import__("desktop.secretariat.events", fromlist=["x"]).read_all(sec.trust, sec.layout.log)]
    assert kinds.count("ingetrokken") == 1


def test_forged_publication_is_ignored_by_stellers_and_repaired(queue: Path, submit: Any, sec: Any) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.queue import protocol as P
    from desktop.queue.status import read_publications
    from desktop.share import LocalShare

    _decided(sec, submit)
    from desktop.share.faults import Faults, FaultyShare

    sec.source.fs = FaultyShare(queue, Faults(read_only=True))
    with pytest.raises(SecretariatError, match="--herstel"):
        publishing.publish(sec, DAY)
    sec.source.fs = LocalShare(queue)
    # Meanwhile someone plants a forged decision list in the share.
    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    forged = P.sign_document({"format": P.PUBLICATION_FORMAT, "version": P.FORMAT_VERSION,
                              "meeting_id": DAY.isoformat(), "items": [{"outcome": "afgewezen"}]}, key.sign, raw)
    (queue / P.PUBLICATIONS).mkdir(exist_ok=True)
    target = queue / P.PUBLICATIONS / f"{DAY.isoformat()}.json"
    target.write_text(json.dumps(forged), encoding="utf-8")
    assert read_publications(LocalShare(queue)) == []  # the stellers' applications reject it
    target.write_text("{ kapot", encoding="utf-8")
    assert read_publications(LocalShare(queue)) == []
    assert publishing.publish(sec, DAY, repair=True).repaired  # the secretariat replaces it
    pubs = read_publications(LocalShare(queue))
    assert len(pubs) == 1 and pubs[0]["items"][0]["outcome"] == "gewijzigd"


def test_missing_share_is_reported(tmp_path: Path) -> None:
    from desktop.secretariat.service import Secretariaat

    sec = Secretariaat(tmp_path / "niet-aangekoppeld", actor="anna", data_dir=tmp_path / "anna")
    with pytest.raises(SecretariatError, match="niet bereikbaar"):
        inbox_rows(sec)


def test_publish_without_a_secretariat_key_changes_nothing(queue: Path, submit: Any, sec: Any) -> None:
    import keyring

    from tests.conftest import MemoryKeyring

    _decided(sec, submit)
    keyring.set_keyring(MemoryKeyring())  # this machine lost its keyring entries
    with pytest.raises(SecretariatError, match="geen sleutel van het secretariaat"):
        publishing.publish(sec, DAY)
    assert sec.meetings.load(DAY).status == "besloten"


def test_stuk_changed_in_the_share_after_acceptance_is_not_printed(queue: Path, submit: Any, sec: Any,
                                                                   tmp_path: Path) -> None:
    sid = submit(a4tje("Wordt vervalst"))
    sec.accept(sid)
    sec.create_meeting(DAY, datetime(2030, 5, 2, 12))
    sec.place(DAY, sid)
    meta = queue / "ingediend" / sid / "meta.json"
    meta.write_text(meta.read_text(encoding="utf-8").replace("Wordt vervalst", "Iets anders"), encoding="utf-8")
    with pytest.raises(SecretariatError, match="gewijzigd na het indienen"):
        publishing.export_set(sec, DAY, tmp_path / "set")
    assert not list((tmp_path / "set").glob("01*"))  # the agenda may be there, the stuk is not
