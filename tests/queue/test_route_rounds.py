"""Duplicate requests: one open request per content and addressee, one inbox row per draft.

Real processes and keyrings (``tests/queue/test_route_processes.py`` builds the world), plus
the inbox's choice of rows on hand-made requests (an old client without a draft id).
"""

from __future__ import annotations

import json
import shutil
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from desktop.queue.route_rounds import newest_rounds
from desktop.queue.route_share import Request
from tests.queue.test_route_processes import Person, make_world, request


def _folders(share: Path, who: str) -> list[str]:
    box = share / "route" / "verzoeken" / who
    return sorted(p.name for p in box.iterdir()) if box.is_dir() else []


def _inbox(p: Person) -> list[str]:
    return [r["id"] for r in p.json("route", "inbox")["verzoeken"]]


def test_the_same_content_is_sent_once_and_the_addressee_sees_one_row_per_draft(tmp_path: Path) -> None:
    (tmp_path / "share").mkdir()
    world = make_world(tmp_path, tmp_path / "share")
    p, draft, share, data = world["people"], world["draft"], world["share"], world["data"]
    steller, teamleider = p["steller"], p["teamleider"]
    rid = request(steller, draft, "T. Leider")

    again = steller.run("route", "request", str(draft), "--aan", "t. leider")  # exit 0: nothing to do
    today = date.today()
    assert f"wacht al sinds {today.day}-{today.month}-{today.year} op T. Leider" in again.stdout, again.stdout
    assert "niets opnieuw verstuurd" in again.stdout and rid[:8] in again.stdout
    assert _folders(share, "t-leider") == [rid]
    assert _inbox(teamleider) == [rid]

    # A change is a new round, and is sent; the addressee sees the newest content only.
    changed = dict(data, values={**data["values"], "samenvatting": data["values"]["samenvatting"] + " Nieuw."})
    draft.write_text(json.dumps(changed, ensure_ascii=False), "utf-8")
    rid2 = request(steller, draft, "T. Leider")
    assert _folders(share, "t-leider") == [rid2]  # the older, unanswered round is taken out of the share
    assert _inbox(teamleider) == [rid2]
    # The same steller on a second computer (no memory of the first) sends the same content again:
    # two folders of one round in the share, still one row.
    elsewhere = Person(tmp_path, "steller-laptop", share, world["site"])
    elsewhere.env.update(HOME=steller.env["HOME"], XDG_DATA_HOME=steller.env["XDG_DATA_HOME"],
                         USER="steller", LOGNAME="steller")  # the same keyring, another data folder
    rid3 = request(elsewhere, draft, "T. Leider")
    assert _folders(share, "t-leider") == sorted([rid2, rid3])
    assert _inbox(teamleider) == [rid2]
    teamleider.run("route", "sign", rid2[:8], "akkoord")
    # Decided: the duplicate of that content waits for nobody.
    assert (share / "route" / "verzoeken" / "t-leider" / rid3).is_dir()
    assert _inbox(teamleider) == []


def test_two_queued_identical_requests_are_delivered_once(tmp_path: Path) -> None:
    (tmp_path / "share").mkdir()
    world = make_world(tmp_path, tmp_path / "share")
    p, draft, share = world["people"], world["draft"], world["share"]
    steller = p["steller"]
    away = share.with_name("share-weg")
    share.rename(away)
    out = steller.run("route", "request", str(draft), "--aan", "D. Recteur").stdout
    assert "wacht in de uitbak" in out
    again = steller.run("route", "request", str(draft), "--aan", "D. Recteur").stdout
    assert "wacht al sinds" in again and "nog in de uitbak" in again
    # An older client (or two windows at once) queued the same request twice.
    data_dir = Path(steller.env["STUKKEN_DATA_DIR"]) / "route"
    [first] = [d for d in (data_dir / "uitbak").iterdir()]
    twin = str(uuid.uuid4())
    shutil.copytree(first, data_dir / "uitbak" / twin)
    order = json.loads((first / "opdracht.json").read_text("utf-8"))
    order.pop("content_hash", None)  # an older client's order: the round is read from meta.json
    (data_dir / "uitbak" / twin / "opdracht.json").write_text(json.dumps({**order, "id": twin}), "utf-8")
    meta_file = data_dir / "uitbak" / twin / "inhoud" / "meta.json"
    meta_file.write_text(json.dumps({**json.loads(meta_file.read_text("utf-8")), "submission_id": twin}), "utf-8")
    rows = json.loads((data_dir / "verzoeken.json").read_text("utf-8"))
    (data_dir / "verzoeken.json").write_text(json.dumps(rows + [{**rows[0], "id": twin}]), "utf-8")

    away.rename(share)
    steller.run("route", "status", str(draft), code=1)  # any route command delivers what waits
    assert len(_folders(share, "d-recteur")) == 1
    assert not any((data_dir / "uitbak").iterdir())
    assert len(json.loads((data_dir / "verzoeken.json").read_text("utf-8"))) == 1
    assert len(_inbox(p["directeur"])) == 1


def _req(rid: str, key: str, created: str, digest: str, concept: str = "") -> tuple[Request, dict[str, Any]]:
    meta = {"created": created, "content_hash": digest, "concept_id": concept}
    return Request(rid, "T. Leider", "", meta, {}, key), {"id": rid}


def test_inbox_rows_per_steller_draft_and_addressee() -> None:
    import base64

    anna, mallory = (base64.b64encode(bytes([n]) * 32).decode() for n in (1, 2))
    found = [
        _req("a1", anna, "2026-12-01T09:00:00+00:00", "h1", "c1"),
        _req("a2", anna, "2026-12-02T09:00:00+00:00", "h2", "c1"),  # a new round of the same draft
        _req("a3", anna, "2026-12-02T10:00:00+00:00", "h2", "c1"),  # a duplicate of it
        _req("a4", anna, "2026-12-02T11:00:00+00:00", "h2"),  # an old client's copy, no draft id
        _req("b1", anna, "2026-12-01T09:00:00+00:00", "h9", "c2"),  # another draft
        _req("m1", mallory, "2026-12-03T09:00:00+00:00", "h3", "c1"),  # someone else's key, same draft id
    ]
    assert sorted(r["id"] for r in newest_rounds(found, [])) == ["a2", "b1", "m1"]
    decided = [{"verzoek": "a2", "ronde": f"{_key(anna)}|t-leider|c1", "inhoud": "h2",
                "aangemaakt": "2026-12-02T09:00:00+00:00"}]
    assert sorted(r["id"] for r in newest_rounds([f for f in found if f[0].id != "a2"], decided)) == ["b1", "m1"]


def _key(public_b64: str) -> str:
    from desktop.queue.route_share import public_key_id

    return public_key_id(public_b64)


def test_a_new_round_signed_in_the_same_second_as_the_decision_is_shown() -> None:
    """Signed times are to the second: a decision on the old content and the steller's new round in
    the same second must still show the new round (not hide it as 'decided')."""
    import base64

    anna = base64.b64encode(bytes([1]) * 32).decode()
    same = "2026-12-02T09:00:00+00:00"
    found = [_req("a1", anna, "2026-12-01T09:00:00+00:00", "zz-old", "c1"), _req("a2", anna, same, "aa-new", "c1")]
    decided = [{"verzoek": "a1", "ronde": f"{_key(anna)}|t-leider|c1", "inhoud": "zz-old", "aangemaakt": same}]
    assert [r["id"] for r in newest_rounds(found, decided)] == ["a2"]
