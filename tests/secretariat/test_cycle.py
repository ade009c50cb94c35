"""The secretariat's cycle in one process, through the real queue (bundles, keys, status files)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.secretariat import publishing
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.overview import inbox_rows
from tests.secretariat.conftest import a4tje


@pytest.fixture
def queue_folder(share_folder: Path) -> Path:
    """These tests run on a local folder and on the real SMB share."""
    return share_folder


SECRET_SUBJECT = "Aankoop pand Oude Boteringestraat"


def _status(queue: Path, sid: str) -> dict[str, Any]:
    from desktop.queue import protocol as P

    doc = json.loads((queue / P.STATUS / f"{sid}.json").read_text(encoding="utf-8"))
    assert P.verify_document(doc)
    return doc


def test_full_cycle(queue: Path, submit: Any, sec: Any, tmp_path: Path) -> None:
    a = submit(a4tje("Koepelplan Stadsbeheer 2012", port="Wethouder Pastoor"))
    b = submit(a4tje(SECRET_SUBJECT, directie="Bestuursdienst", port="Wethouder Visscher",
                     classificatie="Vertrouwelijk"))
    c = submit(a4tje("Onvolledig plan", port="Wethouder Dekker"))

    rows = {r["id"]: r for r in inbox_rows(sec)}
    assert set(rows) == {a, b, c}
    assert rows[b]["onderwerp"] == SECRET_SUBJECT  # decrypted with the secretariat's key
    assert all(r["verificatie"] in ("vertrouwd", "nieuwe sleutel") for r in rows.values())

    yy = date.today().year % 100
    assert sec.accept(a) == f"SB {yy:02d}.0000001"
    assert sec.accept(b) == f"BD {yy:02d}.0000001"
    with pytest.raises(SecretariatError, match="al aanvaard"):
        sec.accept(a)
    sec.send_back(c, "Financiële paragraaf ontbreekt.")
    assert _status(queue, c)["state"] == "teruggestuurd"
    assert _status(queue, c)["reason"] == "Financiële paragraaf ontbreekt."
    assert _status(queue, a)["registratienummer"] == f"SB {yy:02d}.0000001"

    day = date(2030, 3, 12)
    sec.create_meeting(day, datetime(2030, 3, 7, 12))
    with pytest.raises(SecretariatError, match="Aanvaard haar eerst"):
        sec.place(day, c, "hamerstuk")
    sec.place(day, a, "bespreekstuk")
    mt = sec.place(day, b, "hamerstuk")
    assert [it.inzending for it in mt.items] == [b, a]  # hamerstukken first
    assert _status(queue, a)["state"] == "geagendeerd"
    assert _status(queue, a)["meeting_date"] == "2030-03-12"
    mt = sec.move(day, a, 1)
    assert [it.inzending for it in mt.items] == [a, b]
    mt = sec.order(day)
    assert [it.inzending for it in mt.items] == [b, a]
    sec.freeze(day)
    agenda = publishing.export_agenda(sec, day, tmp_path / "out" / "agenda.docx")
    assert SECRET_SUBJECT in _docx_text(agenda)  # the college members see everything

    sec.decide(day, a, "conform")
    mt, _ = sec.decide(day, b, "aangehouden")
    assert mt.status == "besloten"
    result = publishing.publish(sec, day, tmp_path / "out")
    assert result.meeting.status == "gepubliceerd"
    names = sorted(p.name for p in result.files)
    assert names[0].startswith("besluitenlijst") and any(n.startswith("definitief SB") for n in names)
    assert not any(n.startswith("definitief BD") for n in names)  # aangehouden: not decided yet

    from desktop.queue import protocol as P

    pub = json.loads((queue / P.PUBLICATIONS / "2030-03-12.json").read_text(encoding="utf-8"))
    assert P.verify_document(pub)
    items = {i["submission_id"]: i for i in pub["items"]}
    assert items[a]["outcome"] == "conform" and items[a]["decision_text"].startswith("Het college besluit: I.")
    assert items[b]["outcome"] == "aangehouden" and "onderwerp" not in items[b] and "decision_text" not in items[b]
    assert _status(queue, a)["state"] == "teruggekoppeld"
    assert _status(queue, b)["state"] == "besloten" and _status(queue, b)["outcome"] == "aangehouden"
    assert "decision_text" not in _status(queue, b)
    assert _status(queue, a)["outcome"] == "conform"

    # Nothing confidential in the clear anywhere in the share.
    for f in queue.rglob("*.json"):
        assert SECRET_SUBJECT not in f.read_text(encoding="utf-8"), f
    feedback = next(p for p in result.files if p.name.startswith("terugkoppeling"))
    assert SECRET_SUBJECT not in _docx_text(feedback)
    assert "Vertrouwelijk stuk" in _docx_text(feedback)

    with pytest.raises(SecretariatError, match="al gepubliceerd"):
        publishing.publish(sec, day, tmp_path / "out")

    nxt = sec.create_meeting(date(2030, 3, 19), datetime(2030, 3, 14, 12))
    assert [it.inzending for it in nxt.items] == [b]
    assert nxt.items[0].aangehouden_van == "2030-03-12"

    kinds = [e["soort"] for e in __import__("desktop.secretariat.events", fromlist=["x"]).read_all(sec.trust, sec.layout.log)]
    for kind in ("aanvaard", "teruggestuurd", "geagendeerd", "vastgesteld", "besloten", "gepubliceerd"):
        assert kind in kinds


def _docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_new_version_keeps_the_number(queue: Path, sec: Any, tmp_path: Path) -> None:
    from desktop.queue.submit import submit as queue_submit
    from tests.steller import steller_record

    record = steller_record(tmp_path / "steller2")
    first = a4tje("Plan, eerste versie")
    old = queue_submit(first, queue_dir=queue, record=record, draft_id="d1").submission_id
    number = sec.accept(old)
    sec.send_back(old, "Kader ontbreekt.")
    from desktop.queue.status import refresh_status

    refresh_status(record)  # the steller's application sees teruggestuurd
    second = a4tje("Plan, tweede versie")
    new = queue_submit(second, queue_dir=queue, record=record, draft_id="d1")
    assert new.supersedes == old
    rows = {r["id"]: r for r in inbox_rows(sec, include_done=True)}
    assert rows[old]["status"] == "vervangen door een nieuwe versie"
    assert new.submission_id in {r["id"] for r in inbox_rows(sec)} and old not in {r["id"] for r in inbox_rows(sec)}
    assert sec.accept(new.submission_id) == number
    sec.create_meeting(date(2030, 3, 12), datetime(2030, 3, 7, 12))
    with pytest.raises(SecretariatError, match="vervangen"):
        sec.place(date(2030, 3, 12), old)
    sec.place(date(2030, 3, 12), new.submission_id)


def test_aangehouden_placed_again_before_publication_stays_geagendeerd(queue: Path, submit: Any, sec: Any) -> None:
    sid = submit(a4tje("Wordt aangehouden"))
    sec.accept(sid)
    first, second = date(2030, 3, 12), date(2030, 3, 19)
    sec.create_meeting(first, datetime(2030, 3, 7, 12))
    sec.place(first, sid)
    sec.freeze(first)
    sec.decide(first, sid, "aangehouden")
    sec.create_meeting(second, datetime(2030, 3, 14, 12))  # takes the held stuk along
    publishing.publish(sec, first)
    status = _status(queue, sid)
    assert status["state"] == "geagendeerd" and status["meeting_date"] == "2030-03-19"


def test_process_figures_from_the_record(queue: Path, submit: Any, sec: Any) -> None:
    from desktop.domain import meetmoment as M
    from desktop.secretariat import cijfers_service

    a, b, c = (submit(a4tje(f"Stuk {i}")) for i in range(3))
    sec.accept(a)
    sec.accept(b)
    sec.send_back(c, "Te lang.")
    day = date(2030, 3, 12)
    sec.create_meeting(day, datetime(2030, 3, 7, 12))
    sec.place(day, a)
    sec.place(day, b)
    sec.freeze(day)
    sec.decide(day, a, "conform")
    sec.decide(day, b, "aangehouden")
    publishing.publish(sec, day)
    today = date.today()
    period = M.between((today - timedelta(days=1)).isoformat(), (today + timedelta(days=1)).isoformat())
    fig = cijfers_service.figures(sec, period, with_survey=False)
    p = fig["proces"]
    assert (p["ingediend"], p["aanvaard"], p["teruggestuurd"], p["aangehouden"]) == (3, 2, 1, 1)
    assert p["aandeel_teruggestuurd"] == round(1 / 3, 3)
    assert p["uitkomsten"] == {"conform": 1, "aangehouden": 1}
    lead = {r["fase"]: r["aantal"] for r in fig["doorlooptijden"]}
    assert lead["aankomst tot terugkoppeling"] == 1  # only the decided one
    assert lead["aanvaarding tot agendering"] == 2
    assert lead["agendering tot besluit"] == 1
    assert fig["kwaliteit"]["gemeten"] == 3 and fig["kwaliteit"]["zonder_fouten"] == 3
