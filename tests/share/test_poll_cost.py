"""A poll costs what the open work costs: seen bundles are not opened, finished ones are archived."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from tests.secretariat.conftest import a4tje
from tests.share.conftest import watch

DAY = date(2030, 5, 7)


def _submit(queue: Path, tmp_path: Path, n: int) -> list[str]:
    from desktop.queue.submit import submit
    from tests.steller import steller_record

    record = steller_record(tmp_path / "steller")
    return [submit(a4tje(f"Stuk {i}"), queue_dir=queue, record=record, docx=b"PK-test").submission_id
            for i in range(n)]


def _touched(prefix: str) -> list[tuple[str, str]]:
    root = watch["root"]
    return [(e, p) for e, p in watch["events"] if p.startswith(f"{root}/{prefix}")]


def test_a_later_poll_opens_no_bundle_it_has_seen(watched: Path, tmp_path: Path) -> None:
    from desktop.queue.reader import QueueReader
    from desktop.share import LocalShare

    ids = _submit(watched, tmp_path, 3)
    reader = QueueReader(LocalShare(watched), grace_s=0)
    assert {e["id"] for e in reader.list().entries} == set(ids)
    assert _touched(f"ingediend/{ids[0]}/")  # the first poll verified the bundles
    watch["events"].clear()
    assert {e["id"] for e in reader.list().entries} == set(ids)
    assert _touched("ingediend") == [("os.listdir", f"{watch['root']}/ingediend")]  # one flat listing
    # The next start of the program (a new reader, the index from the data folder) agrees.
    watch["events"].clear()
    assert len(QueueReader(LocalShare(watched), grace_s=0).list().entries) == 3
    assert not [p for _, p in _touched("ingediend/") if p.count("/") > watch["root"].count("/") + 1]


def test_finished_stukken_are_archived_and_polls_do_not_read_them(watched: Path, tmp_path: Path) -> None:
    from desktop.secretariat import publishing
    from desktop.secretariat.overview import inbox_rows
    from desktop.secretariat.queue_source import ensure_key
    from desktop.secretariat.service import Secretariaat

    ensure_key(watched, create=True)
    done, open_one = _submit(watched, tmp_path, 2)
    sec = Secretariaat(watched, actor="Anna (anna)", data_dir=tmp_path / "anna")
    for sid in (done, open_one):
        sec.accept(sid)
    sec.create_meeting(DAY, datetime(2030, 5, 2, 12))
    sec.place(DAY, done)
    sec.freeze(DAY)
    sec.decide(DAY, done, "conform")
    publishing.publish(sec, DAY)
    year = date.today().year
    archived = watched / "archief" / str(year)
    assert [p.name for p in (watched / "ingediend").iterdir()] == [open_one]
    assert (archived / "ingediend" / done / "manifest.json").is_file()
    assert (archived / "secretariaat" / "zaken" / done).is_dir()
    assert (archived / "secretariaat" / "plaatsingen" / done).is_dir()
    assert (watched / "status" / f"{done}.json").is_file()  # never moves
    assert sec.meetings.load(DAY).status == "gepubliceerd"  # the latest published meeting stays in view

    watch["events"].clear()
    rows = inbox_rows(sec)
    assert [r["id"] for r in rows] == [open_one]
    assert _touched("archief") == []  # nothing finished is read on a poll
    # The published meeting is final: verified once, a later poll does not list its versions again
    # (on SMB a meeting folder of a hundred versions cost more than the open bundles together).
    watch["events"].clear()
    assert [r["id"] for r in inbox_rows(sec)] == [open_one]
    assert _touched(f"secretariaat/vergaderingen/{DAY.isoformat()}") == []
    everything = {r["id"]: r["status"] for r in inbox_rows(sec, include_done=True)}
    assert everything[done].startswith("teruggekoppeld") and everything[open_one] == "aanvaard"

    # The next meeting's publication archives the finished meeting as well.
    sec.create_meeting(date(2030, 5, 14), datetime(2030, 5, 9, 12))
    sec.place(date(2030, 5, 14), open_one)
    sec.freeze(date(2030, 5, 14))
    sec.decide(date(2030, 5, 14), open_one, "afgewezen")
    publishing.publish(sec, date(2030, 5, 14))
    assert (archived / "secretariaat" / "vergaderingen" / DAY.isoformat()).is_dir()
    assert sec.meetings.keys() == ["2030-05-14"] and sec.meetings.load(DAY).status == "gepubliceerd"
    assert list((watched / "ingediend").iterdir()) == []
    assert sorted(sec.zaken.all()) == [] and len(sec.zaken.all(archive=True)) == 2
    assert watch["hits"] == []


def test_a_withdrawn_stuk_is_archived_once_confirmed(watched: Path, tmp_path: Path) -> None:
    from desktop.queue.status import withdraw
    from desktop.secretariat.overview import inbox_rows
    from desktop.secretariat.queue_source import ensure_key
    from desktop.secretariat.service import Secretariaat
    from tests.steller import steller_record

    ensure_key(watched, create=True)
    (sid,) = _submit(watched, tmp_path, 1)
    assert "ingetrokken" in withdraw(sid, record=steller_record(tmp_path / "steller"))
    sec = Secretariaat(watched, actor="Anna (anna)", data_dir=tmp_path / "anna")
    assert inbox_rows(sec) == []
    year = date.today().year
    assert (watched / "archief" / str(year) / "ingediend" / sid).is_dir()
    assert (watched / "archief" / str(year) / "ingetrokken" / f"{sid}.json").is_file()
    assert [r["status"] for r in inbox_rows(sec, include_done=True)] == ["ingetrokken"]
    assert (watched / "status" / f"{sid}.json").is_file()


