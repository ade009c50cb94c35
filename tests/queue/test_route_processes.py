"""The paraaf route end to end with real processes, one file keyring per person, one share.

Steller, teamleider, directeur, Financiën, a secretary and Mallory (a colleague whose key
is not listed) each run ``python main.py`` with their own home, data folder and keyring.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
PEOPLE = ("steller", "teamleider", "directeur", "financien", "secretaris", "mallory")


class Person:
    def __init__(self, tmp: Path, name: str, share: Path, site: Path) -> None:
        home = tmp / "homes" / name
        home.mkdir(parents=True)
        self.name = name
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("STUKKEN_")}
        self.env.update(
            HOME=str(home), XDG_DATA_HOME=str(home / "xdg"), STUKKEN_DATA_DIR=str(home / "data"),
            STUKKEN_CONFIG_DIR=str(home / "config"), STUKKEN_QUEUE_DIR=str(share), STUKKEN_SITE_DIR=str(site),
            PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring", USER=name, LOGNAME=name,
            QT_QPA_PLATFORM="offscreen",
        )
        self.env.pop("USERDOMAIN", None)

    def run(self, *args: str, code: int | None = 0) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([sys.executable, str(REPO / "main.py"), *args], env=self.env, capture_output=True,
                              text=True, timeout=180)
        if code is not None:
            assert proc.returncode == code, f"{self.name} {args}: {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        return proc

    def json(self, *args: str, code: int | None = 0) -> Any:
        return json.loads(self.run(*args, "--json", code=code).stdout)

    def key_id(self) -> str:
        out = self.run("route", "sleutel", "--naam", self.name).stdout
        return out.split("Uw sleutel-id: ", 1)[1].split()[0]


SITE_CONFIG = """
[route]
aan = true

[[routes]]
naam = "StadBeheer"
parafen = ["teamleider", "directeur"]

[[adviseurs]]
naam = "Financiën"
termijn = 5

[[routesleutels]]
naam = "T. Leider"
rol = "teamleider"
directie = "StadBeheer"
sleutel = "{teamleider}"

[[routesleutels]]
naam = "D. Recteur"
rol = "directeur"
directie = "StadBeheer"
sleutel = "{directeur}"

[[routesleutels]]
naam = "F. Inancien"
rol = "adviseur"
afdeling = "Financiën"
sleutel = "{financien}"
"""


def make_world(tmp_path: Path, share: Path) -> dict[str, Any]:
    site = tmp_path / "site"
    (site / "forms").mkdir(parents=True)
    form = (REPO / "forms" / "a4tje.toml").read_text("utf-8").replace("vereist = false", "vereist = true", 1)
    (site / "forms" / "a4tje.toml").write_text(form, "utf-8")
    people = {n: Person(tmp_path, n, share, site) for n in PEOPLE}
    made = people["secretaris"].run("meeting", "keys", "--nieuw").stdout
    # IT lists the secretariat's key in the site folder (the trust anchor).
    (site / "secretariaat-sleutels.txt").write_text(re.findall(r"\b[0-9a-f]{16}\b", made)[0] + "\n", "utf-8")
    people["secretaris"].run("meeting", "init")
    ids = {n: people[n].key_id() for n in ("teamleider", "directeur", "financien")}
    (site / "config.toml").write_text(SITE_CONFIG.format(**ids), "utf-8")
    stukken = tmp_path / "stukken"
    stukken.mkdir()
    data = json.loads((REPO / "tests" / "fixtures" / "a4tje_full.json").read_text("utf-8"))
    data["values"]["participatie"] = ""  # no Communicatie advice in this site
    for name in data["values"]["bijlagen"]:
        (stukken / name).write_bytes(f"inhoud van {name}".encode())
    draft = stukken / "krediet.json"
    draft.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return {"people": people, "share": share, "site": site, "draft": draft, "data": data, "tmp": tmp_path}


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Any]:
    """On a local folder (the offline test renames the share; links and FIFOs stay local too)."""
    (tmp_path / "share").mkdir()
    return make_world(tmp_path, tmp_path / "share")


@pytest.fixture
def world_anywhere(tmp_path: Path, share_folder: Path) -> dict[str, Any]:
    """On a local folder and on the SMB share (``tests/smb.py``)."""
    return make_world(tmp_path, share_folder)


def request(p: Person, draft: Path, aan: str) -> str:
    out = p.run("route", "request", str(draft), "--aan", aan).stdout
    assert out.startswith("Verzoek ") and "verstuurd" in out, out
    return out.split()[1]


def steps(p: Person, draft: Path, code: int) -> dict[str, Any]:
    st = p.json("route", "status", str(draft), code=code)
    return {s["stap"]: s for s in st["stappen"]} | {"_": st}


def test_full_route_by_cli_change_invalidates_and_the_secretariat_sees_it_verified(
    world_anywhere: dict[str, Any],
) -> None:
    world = world_anywhere
    p, draft = world["people"], world["draft"]
    st = steps(p["steller"], draft, 1)
    assert [k for k in st if k != "_"] == ["paraaf teamleider", "paraaf directeur", "advies Financiën"]
    assert all(s["status"] != "gedaan" for k, s in st.items() if k != "_")
    refused = p["steller"].run("submit", str(draft), "--no-layout", code=1)
    assert "volledige route nodig" in refused.stderr and "paraaf teamleider ontbreekt" in refused.stderr

    rid = request(p["steller"], draft, "T. Leider")
    inbox = p["teamleider"].json("route", "inbox")
    assert [r["id"] for r in inbox["verzoeken"]] == [rid] and inbox["verzoeken"][0]["soort"] == "ter parafering"
    assert inbox["verzoeken"][0]["account"].startswith("steller@")
    assert p["directeur"].json("route", "inbox")["verzoeken"] == []
    # Mallory's key is not listed: she can neither list nor sign.
    assert "staat niet in de routeconfiguratie" in p["mallory"].run("route", "inbox", code=2).stderr
    assert "staat niet in de routeconfiguratie" in p["mallory"].run("route", "sign", rid[:8], "akkoord", code=2).stderr
    p["teamleider"].run("route", "sign", rid[:8], "akkoord")
    assert p["teamleider"].json("route", "inbox")["verzoeken"] == []  # done: no longer waiting

    rid2 = request(p["steller"], draft, "D. Recteur")
    assert "reden met --tekst" in p["directeur"].run("route", "sign", rid2, "niet-akkoord", code=2).stderr
    p["directeur"].run("route", "sign", rid2, "opmerkingen", "--tekst", "Graag de dekking noemen.",
                       "--opmerking", "financien:17-26:Welke reserve precies?")
    rid3 = request(p["steller"], draft, "Financiën")
    assert p["financien"].json("route", "inbox")["verzoeken"][0]["soort"] == "ter advisering"
    p["financien"].run("route", "advise", rid3, "positief", "--tekst", "Gedekt uit de reserve.")

    st = steps(p["steller"], draft, 0)
    assert st["_"]["compleet"] is True
    # Answered requests leave the addressees' folders: the inbox's cost follows the open work.
    assert not any((world["share"] / "route" / "verzoeken").glob("*/*"))
    assert (st["paraaf teamleider"]["door"], st["paraaf teamleider"]["oordeel"]) == ("T. Leider", "akkoord")
    assert st["paraaf directeur"]["oordeel"] == "akkoord met opmerkingen"
    assert st["paraaf directeur"]["opmerkingen"][0]["citaat"] == world["data"]["values"]["financien"][17:26]
    assert st["advies Financiën"]["oordeel"] == "positief" and st["advies Financiën"]["termijn"]
    [remark] = st["_"]["opmerkingen"]
    assert (remark["naam"], remark["tekst"]) == ("D. Recteur", "Welke reserve precies?")
    assert f"opmerking {remark['id']} van D. Recteur" in p["steller"].run("route", "status", str(draft)).stdout
    p["steller"].run("route", "afgehandeld", remark["id"])
    assert steps(p["steller"], draft, 0)["_"]["opmerkingen"] == []

    # A change after the parafen invalidates every one of them.
    changed = dict(world["data"])
    changed["values"] = {**changed["values"], "samenvatting": changed["values"]["samenvatting"] + " Extra zin."}
    draft.write_text(json.dumps(changed, ensure_ascii=False), "utf-8")
    st = steps(p["steller"], draft, 1)
    assert all(st[k]["status"] != "gedaan" and "andere inhoud" in st[k]["afgewezen"][0] for k in st if k != "_")
    assert "volledige route nodig" in p["steller"].run("submit", str(draft), "--no-layout", code=1).stderr
    # So does a changed attachment.
    draft.write_text(json.dumps(world["data"], ensure_ascii=False), "utf-8")
    attachment = draft.parent / world["data"]["values"]["bijlagen"][0]
    original = attachment.read_bytes()
    attachment.write_bytes(original + b" gewijzigd")
    assert steps(p["steller"], draft, 1)["_"]["compleet"] is False
    attachment.write_bytes(original)

    # The exact content read again: complete, and the submission carries the signed route.
    assert "Het stuk is ingediend." in p["steller"].run("submit", str(draft), "--no-layout").stdout
    out = p["secretaris"].run("meeting", "inbox").stdout
    assert "route volledig, geverifieerd" in out, out
    assert "geparafeerd door T. Leider (teamleider): akkoord" in out
    assert "geparafeerd door D. Recteur (directeur): akkoord met opmerkingen" in out
    assert "advies Financiën: positief (F. Inancien)" in out
    rows = p["secretaris"].json("meeting", "inbox")
    assert rows[0]["route"]["compleet"] is True and rows[0]["route"]["problemen"] == []
    assert "Aanvaard" in p["secretaris"].run("meeting", "accept", rows[0]["id"]).stdout


def _forge(share: Path, request_id: str, doc: dict[str, Any]) -> None:
    folder = share / "route" / "besluiten" / request_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc['id']}.json").write_text(json.dumps(doc), "utf-8")


def test_forged_parafen_are_rejected_and_offline_requests_go_later(world: dict[str, Any]) -> None:
    from desktop.queue import protocol as P
    from desktop.queue.keys import Identity

    p, draft, share = world["people"], world["draft"], world["share"]
    rid = request(p["steller"], draft, "T. Leider")
    p["teamleider"].run("route", "sign", rid, "akkoord")
    real_file = next((share / "route" / "besluiten" / rid).glob("*.json"))
    real = json.loads(real_file.read_text("utf-8"))

    # Wrong key: Mallory signs a directeur's paraaf under the directeur's name.
    mallory = Identity(os.urandom(32), "mallory@host")
    forged = {k: v for k, v in real.items() if k not in ("public_key", "signature")}
    forged.update(id="0" * 8 + real["id"][8:], wie="directeur", naam="D. Recteur", getekend="2099-01-01T00:00:00+00:00")
    _forge(share, rid, P.sign_document(forged, mallory.sign, mallory.public_raw))
    # Edited content: the teamleider's real paraaf with another content hash (signature kept).
    edited = dict(real, id="1" * 8 + real["id"][8:], content_hash="f" * 64)
    _forge(share, rid, edited)
    st = steps(p["steller"], draft, 1)
    assert st["paraaf teamleider"]["status"] == "gedaan"
    assert st["paraaf directeur"]["status"] != "gedaan"
    assert any("staat niet op de lijst voor paraaf directeur" in r for r in st["paraaf directeur"]["afgewezen"])
    assert any("vervalst of beschadigd" in pr for pr in st["_"]["problemen"])

    # Replayed onto another stuk: the real paraaf copied to a request for a second stuk.
    other = dict(world["data"])
    other["values"] = {**other["values"], "onderwerp": "Een ander stuk"}
    draft2 = draft.with_name("ander.json")
    draft2.write_text(json.dumps(other, ensure_ascii=False), "utf-8")
    rid_other = request(p["steller"], draft2, "T. Leider")
    _forge(share, rid_other, real)
    st2 = steps(p["steller"], draft2, 1)
    assert st2["paraaf teamleider"]["status"] != "gedaan"
    assert any("vervalst of beschadigd" in pr for pr in st2["_"]["problemen"])
    # ... and with its request id rewritten (signature broken) it is still rejected.
    _forge(share, rid_other, dict(real, id="2" * 8 + real["id"][8:], verzoek=rid_other))
    assert steps(p["steller"], draft2, 1)["paraaf teamleider"]["status"] != "gedaan"

    # Offline: the share is gone; the request waits in the outbox and goes out later.
    away = share.with_name("share-weg")
    share.rename(away)
    out = p["steller"].run("route", "request", str(draft), "--aan", "D. Recteur").stdout
    assert "wacht in de uitbak" in out
    assert "In de uitbak: " in p["steller"].run("route", "status", str(draft), code=1).stdout
    assert not (share / "route").exists()  # nothing made in place of the missing share
    offline = steps(p["steller"], draft, 1)
    assert offline["paraaf teamleider"]["status"] == "gedaan"  # from the local cache
    away.rename(share)
    steps(p["steller"], draft, 1)  # any route command delivers what waits
    inbox = p["directeur"].json("route", "inbox")["verzoeken"]
    assert len(inbox) == 1
    p["directeur"].run("route", "sign", inbox[0]["id"], "akkoord")
    shutil.rmtree(share / "route" / "besluiten" / rid_other)

    # A steller who switches the gate off on their own computer: the secretariat refuses.
    tampered = world["tmp"] / "eigen-site"
    shutil.copytree(world["site"], tampered)
    (tampered / "forms" / "a4tje.toml").unlink()
    p["mallory"].env["STUKKEN_SITE_DIR"] = str(tampered)
    assert "Het stuk is ingediend." in p["mallory"].run("submit", str(draft2), "--no-layout").stdout
    out = p["secretaris"].run("meeting", "inbox").stdout
    assert "route ONVOLLEDIG" in out, out
    sid = p["secretaris"].json("meeting", "inbox")[0]["id"]
    refused = p["secretaris"].run("meeting", "accept", sid, code=None)
    assert refused.returncode != 0 and "mist geldige parafen of adviezen" in refused.stderr


def test_confidential_request_is_readable_only_by_its_addressee(world: dict[str, Any]) -> None:
    p, draft, share = world["people"], world["draft"], world["share"]
    data = dict(world["data"])
    data["values"] = {**data["values"], "classificatie": "Vertrouwelijk"}
    draft.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    rid = request(p["steller"], draft, "Financiën")
    folder = next((share / "route" / "verzoeken").glob(f"*/{rid}"))
    assert (folder / "inhoud.enc").is_file() and not (folder / "stuk.docx").exists()
    assert b"400.000" not in b"".join(f.read_bytes() for f in folder.rglob("*") if f.is_file())
    rows = p["financien"].json("route", "inbox")["verzoeken"]
    assert rows[0]["onderwerp"] == data["values"]["onderwerp"]
    p["financien"].run("route", "advise", rid, "negatief", "--tekst", "Niet gedekt.")
    decision = next((share / "route" / "besluiten" / rid).glob("*.json")).read_text("utf-8")
    assert "Niet gedekt" not in decision and "versleuteld" in decision
    st = steps(p["steller"], draft, 1)
    assert st["advies Financiën"]["oordeel"] == "negatief" and st["advies Financiën"]["tekst"] == "Niet gedekt."
