"""Attacks on the secretariat's records, played by a colleague with write access to the share,
against real processes (the secretariat's and the steller's CLI) on a real folder.

Each attack fails safely (skipped, reported in 'meeting problemen', never published or signed
over) and the honest cycle still works. Issue 12, items 2, 5 and 10.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.secretariat.conftest import SiteKeys, a4tje, person_env, run_main

DAY = "2030-06-04"
YY = date.today().year % 100


def ok(result: Any) -> str:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return str(result.stdout)


def problems(env: dict[str, str]) -> list[dict[str, str]]:
    r = run_main(env, "meeting", "problemen", "--json")
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
    return list(json.loads(r.stdout))


class World:
    """A share with a secretary (anna) and a steller (piet), two stukken accepted."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.queue = tmp_path / "share"
        (tmp_path / "site").mkdir()
        self.site = SiteKeys(tmp_path / "site")  # IT's list of secretariat keys: the trust anchor
        self.anna = self.site.secretary(tmp_path, "anna", self.queue)
        self.piet = {**person_env(tmp_path, "piet", self.queue), "STUKKEN_SITE_DIR": str(self.site.folder)}
        ok(run_main(self.anna, "meeting", "init"))
        for attachment in ("Koepelplan Stadsbeheer 2012.pdf", "Financieel overzicht.xlsx"):
            (tmp_path / attachment).write_bytes(b"bijlage " + attachment.encode())
        self.ids = [self.submit(onderwerp) for onderwerp in ("Koepelplan Stadsbeheer 2012", "Parkeren Zuiderdiep")]
        ok(run_main(self.anna, "meeting", "inbox"))

    def submit(self, onderwerp: str) -> str:
        path = self.tmp / f"{abs(hash(onderwerp))}.json"
        path.write_text(json.dumps(a4tje(onderwerp).to_json()), encoding="utf-8")
        return ok(run_main(self.piet, "submit", str(path), "--no-layout")).split()[0]

    def meeting_folder(self) -> Path:
        return self.queue / "secretariaat" / "vergaderingen" / DAY

    def decided(self) -> None:
        for sid in self.ids:
            ok(run_main(self.anna, "meeting", "accept", sid))
        ok(run_main(self.anna, "meeting", "create", DAY, "--sluiting", "2030-05-30 12:00"))
        for sid in self.ids:
            ok(run_main(self.anna, "meeting", "place", DAY, sid))
        ok(run_main(self.anna, "meeting", "freeze", DAY))
        for sid in self.ids:
            ok(run_main(self.anna, "meeting", "decide", DAY, sid, "conform"))

    def status_of(self, sid: str) -> dict[str, Any]:
        rows = {r["id"]: r for r in json.loads(ok(run_main(self.piet, "status", "--json")))}
        return dict(rows[sid])


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def _forge(path: Path, **changes: Any) -> None:
    """A colleague's hand edit: the JSON changed, the signature left as it was (or dropped)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


def _mallory_signs(path: Path, data: dict[str, Any]) -> None:
    """Signed properly, but with a key of Mallory's own (published in the share, not trusted by IT)."""
    from desktop.queue.signed import record_bytes
    from tests.shareinit import throwaway_key

    path.write_bytes(record_bytes(data, throwaway_key("mallory")))


# -- forged decision -------------------------------------------------------------------------

def test_forged_decision_as_a_new_version_is_never_published(world: World) -> None:
    world.decided()
    folder = world.meeting_folder()
    newest = max(folder.glob("v*.json"))
    data = json.loads(newest.read_text(encoding="utf-8"))
    data["agenda"][0]["beslissing"]["tekst"] = "Het college besluit: I. € 9.000.000 te betalen aan Mallory BV."
    data["_versie"] = data["_versie"] + 1
    data["_door"] = "Anna (anna)"
    forged = folder / f"v{data['_versie']:06d}.json"
    unsigned = {k: v for k, v in data.items() if k not in ("signature", "public_key", "key_id")}
    forged.write_text(json.dumps(unsigned), encoding="utf-8")
    _mallory_signs(folder / f"v{data['_versie'] + 1:06d}.json", {**data, "_versie": data["_versie"] + 1})
    ok(run_main(world.anna, "meeting", "publish", DAY))
    assert all("Mallory" not in (world.status_of(sid)["toelichting"]) for sid in world.ids)
    assert world.status_of(world.ids[0])["status"] == "teruggekoppeld"
    pub = json.loads((world.queue / "publicaties" / f"{DAY}.json").read_text(encoding="utf-8"))
    assert "Mallory" not in json.dumps(pub)
    lijsten = json.loads(ok(run_main(world.piet, "besluitenlijsten", "--json")))  # the steller reads it once
    assert [b["vergadering"] for b in lijsten] == [DAY] and "Mallory" not in json.dumps(lijsten)
    assert json.loads(ok(run_main(world.piet, "besluitenlijsten", "--json"))) == []  # read: nothing new
    found = {p["waar"].rsplit("/", 1)[-1]: p["melding"] for p in problems(world.anna)}
    assert "niet ondertekend" in found[forged.name]
    assert "niet wordt vertrouwd" in found[f"v{data['_versie'] + 1:06d}.json"]


def test_forged_decision_in_place_of_the_newest_version_stops_publication(world: World) -> None:
    world.decided()
    newest = max(world.meeting_folder().glob("v*.json"))
    data = json.loads(newest.read_text(encoding="utf-8"))
    data["agenda"][0]["beslissing"]["tekst"] = "Het college besluit: I. € 9.000.000 te betalen aan Mallory BV."
    newest.write_text(json.dumps(data), encoding="utf-8")  # the signature no longer holds
    r = run_main(world.anna, "meeting", "publish", DAY)
    assert r.returncode == 1 and "ontbreekt of is vervangen" in r.stderr, r.stderr
    assert not (world.queue / "publicaties").exists() or not list((world.queue / "publicaties").iterdir())
    assert world.status_of(world.ids[0])["status"] == "geagendeerd"  # nothing was told to the steller


# -- forged acceptance -------------------------------------------------------------------------

def test_forged_acceptance_cannot_be_placed_and_the_honest_accept_goes_on(world: World) -> None:
    a, b = world.ids
    ok(run_main(world.anna, "meeting", "accept", a))
    taken = f"SB {YY:02d}.0000001"
    zaak = world.queue / "secretariaat" / "zaken" / b / "v000001.json"
    zaak.parent.mkdir(parents=True)
    zaak.write_text(json.dumps({"inzending": b, "status": "aanvaard", "registratienummer": taken, "_versie": 1,
                                "_door": "Anna (anna)", "stuk": {"onderwerp": "Parkeren Zuiderdiep"}}),
                    encoding="utf-8")
    ok(run_main(world.anna, "meeting", "create", DAY, "--sluiting", "2030-05-30 12:00"))
    r = run_main(world.anna, "meeting", "place", DAY, b)
    assert r.returncode == 1 and "Aanvaard haar eerst" in r.stderr, r.stderr
    assert any(p["waar"].endswith(f"{b}/v000001.json") for p in problems(world.anna))
    # The honest path: accepting gives the next free number, past the forged file's name.
    assert f"SB {YY:02d}.0000002" in ok(run_main(world.anna, "meeting", "accept", b))
    ok(run_main(world.anna, "meeting", "place", DAY, b))


# -- one file stops the secretariat --------------------------------------------------------------

def test_odd_version_name_does_not_stop_list_inbox_or_show(world: World) -> None:
    ok(run_main(world.anna, "meeting", "accept", world.ids[0]))
    ok(run_main(world.anna, "meeting", "create", DAY, "--sluiting", "2030-05-30 12:00"))
    (world.meeting_folder() / "v²²²²²².json").write_text("{}", encoding="utf-8")
    assert DAY in ok(run_main(world.anna, "meeting", "list"))
    ok(run_main(world.anna, "meeting", "inbox"))
    ok(run_main(world.anna, "meeting", "show", DAY))
    ok(run_main(world.anna, "meeting", "place", DAY, world.ids[0]))


def test_hand_made_number_claim_does_not_block_the_directie(world: World) -> None:
    claims = world.queue / "secretariaat" / "nummers" / "SB" / f"{YY:02d}"
    claims.mkdir(parents=True)
    (claims / "9999999.json").write_text(json.dumps({"nummer": f"SB {YY:02d}.9999999"}), encoding="utf-8")
    (claims / "0000001.json").write_text("{}", encoding="utf-8")  # and squatting the next name
    assert f"SB {YY:02d}.0000002" in ok(run_main(world.anna, "meeting", "accept", world.ids[0]))
    assert f"SB {YY:02d}.0000003" in ok(run_main(world.anna, "meeting", "accept", world.ids[1]))
    names = {p["waar"].rsplit("/", 1)[-1] for p in problems(world.anna)}
    assert {"9999999.json", "0000001.json"} <= names


def test_corrupt_newest_version_does_not_hide_the_meeting(world: World) -> None:
    ok(run_main(world.anna, "meeting", "create", DAY, "--sluiting", "2030-05-30 12:00"))
    (world.meeting_folder() / "v000002.json").write_bytes(b"\x00kapot")
    bert = world.site.secretary(world.tmp, "bert", world.queue)
    assert DAY in ok(run_main(bert, "meeting", "list"))
    ok(run_main(world.anna, "meeting", "accept", world.ids[0]))
    ok(run_main(bert, "meeting", "place", DAY, world.ids[0]))  # the next version passes the broken name
    assert [i["inzending"] for i in json.loads(ok(run_main(world.anna, "meeting", "show", DAY, "--json")))["agenda"]] \
        == [world.ids[0]]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_in_the_inbox_and_meeting_folders_never_hang(world: World) -> None:
    ok(run_main(world.anna, "meeting", "create", DAY, "--sluiting", "2030-05-30 12:00"))
    os.mkfifo(world.meeting_folder() / "v000002.json")
    os.mkfifo(world.queue / "ingediend" / "fifo")
    zaken = world.queue / "secretariaat" / "zaken" / world.ids[0]
    zaken.mkdir(parents=True)
    os.mkfifo(zaken / "v000001.json")
    for args in (("list",), ("inbox",), ("show", DAY), ("problemen",)):
        r = run_main(world.anna, "meeting", *args, timeout=60)
        assert r.returncode in (0, 1) and "Traceback" not in r.stderr, (args, r.stderr)
    assert "SB" in ok(run_main(world.anna, "meeting", "accept", world.ids[0], timeout=60))


# -- rollback and deletion -------------------------------------------------------------------

def test_older_meeting_version_put_back_is_refused_and_reported(world: World) -> None:
    world.decided()
    folder = world.meeting_folder()
    versions = sorted(folder.glob("v*.json"))
    newest, older = versions[-1], versions[-3]
    newest.unlink()
    shutil.copy(older, newest)  # an older, validly signed version under the newest name
    r = run_main(world.anna, "meeting", "publish", DAY)
    assert r.returncode == 1 and "ontbreekt of is vervangen" in r.stderr, r.stderr
    melding = " ".join(p["melding"] for p in problems(world.anna))
    assert "past niet bij de naam" in melding


def test_deleted_newest_meeting_version_is_reported_never_acted_on(world: World) -> None:
    world.decided()
    max(world.meeting_folder().glob("v*.json")).unlink()  # the last decision is gone
    r = run_main(world.anna, "meeting", "publish", DAY)
    assert r.returncode == 1 and "ontbreekt" in r.stderr
    assert any("nieuwste versie" in p["melding"] for p in problems(world.anna))


def test_steller_status_never_goes_back(world: World) -> None:
    sid = world.ids[0]
    status = world.queue / "status" / f"{sid}.json"
    ok(run_main(world.anna, "meeting", "accept", sid))
    older = status.read_bytes()  # "ingediend", aanvaard
    ok(run_main(world.anna, "meeting", "create", DAY, "--sluiting", "2030-05-30 12:00"))
    ok(run_main(world.anna, "meeting", "place", DAY, sid))
    assert world.status_of(sid)["status"] == "geagendeerd"
    status.write_bytes(older)  # put back
    r = run_main(world.piet, "status")
    assert r.returncode == 0 and "oudere versie" in r.stderr, r.stderr
    assert world.status_of(sid)["status"] == "geagendeerd"
    status.unlink()  # deleted: the secretariat's next word still goes forward
    ok(run_main(world.anna, "meeting", "freeze", DAY))
    ok(run_main(world.anna, "meeting", "decide", DAY, sid, "conform"))
    ok(run_main(world.anna, "meeting", "publish", DAY))
    assert world.status_of(sid)["status"] == "teruggekoppeld"
    assert json.loads(status.read_text(encoding="utf-8"))["_versie"] >= 3


def test_deleted_newest_number_claim_is_not_given_again(world: World) -> None:
    ok(run_main(world.anna, "meeting", "accept", world.ids[0]))
    claims = world.queue / "secretariaat" / "nummers" / "SB" / f"{YY:02d}"
    (claims / "0000001.json").unlink()
    assert f"SB {YY:02d}.0000002" in ok(run_main(world.anna, "meeting", "accept", world.ids[1]))


def test_gaps_and_a_missing_newest_event_in_the_log_are_reported(world: World) -> None:
    ok(run_main(world.anna, "meeting", "accept", world.ids[0]))
    ok(run_main(world.anna, "meeting", "create", DAY, "--sluiting", "2030-05-30 12:00"))
    ok(run_main(world.anna, "meeting", "place", DAY, world.ids[0]))
    ok(run_main(world.anna, "meeting", "log"))  # seen up to the newest event
    events = sorted((world.queue / "secretariaat" / "logboek").rglob("*.json"))
    assert len(events) >= 4
    events[1].unlink()
    events[-1].unlink()
    melding = " ".join(p["melding"] for p in problems(world.anna))
    assert "gat in de keten" in melding and "nieuwste gebeurtenis" in melding


def test_deleted_newest_zaak_version_is_refused_not_acted_on(world: World) -> None:
    sid = world.ids[0]
    ok(run_main(world.anna, "meeting", "accept", sid))
    ok(run_main(world.anna, "meeting", "return", sid, "--reden", "Bijlage ontbreekt"))
    (world.queue / "secretariaat" / "zaken" / sid / "v000002.json").unlink()  # "never sent back"
    ok(run_main(world.anna, "meeting", "create", DAY, "--sluiting", "2030-05-30 12:00"))
    r = run_main(world.anna, "meeting", "place", DAY, sid)
    assert r.returncode == 1 and "ontbreekt" in r.stderr, r.stderr
    assert any("nieuwste versie" in p["melding"] for p in problems(world.anna))
