"""End to end with real processes: two stellers, one secretary, each with their own keyring and data.

steller submits -> secretariat accepts (numbers) -> meeting -> agenda .docx -> decisions (conform,
aangehouden) -> publish -> each steller's `status` shows the decision on their own stuk -> the
aangehouden stuk comes back on the next meeting. Forged and corrupt status files are ignored by the
steller's application. Every .docx renders in LibreOffice.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.secretariat.conftest import a4tje, person_env, run_main

DAY, NEXT = "2030-06-04", "2030-06-11"


def ok(result: Any) -> str:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return str(result.stdout)


def own_status(env: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in json.loads(ok(run_main(env, "status", "--json")))}


def forge_status(queue: Path, sid: str, state: str) -> None:
    """A status file signed with a key that is not a published secretariat key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.queue import protocol as P

    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    doc = {"format": P.STATUS_FORMAT, "version": P.FORMAT_VERSION, "submission_id": sid, "state": state,
           "updated": P.now_iso(), "outcome": "afgewezen", "key_id": "vervalst"}
    (queue / P.STATUS).mkdir(exist_ok=True)
    (queue / P.STATUS / f"{sid}.json").write_text(json.dumps(P.sign_document(doc, key.sign, raw)), encoding="utf-8")


@pytest.mark.render
def test_two_stellers_one_secretariat(tmp_path: Path, soffice: str, share_folder: Path) -> None:
    queue = share_folder
    piet, marie, anna = (person_env(tmp_path, n, queue) for n in ("piet", "marie", "anna"))
    ok(run_main(anna, "meeting", "keys", "--nieuw"))
    assert not any(queue.iterdir())  # making a key never touches the share
    ok(run_main(anna, "meeting", "init"))  # the one command that makes the share

    drafts = {}
    for attachment in ("Koepelplan Stadsbeheer 2012.pdf", "Financieel overzicht.xlsx"):
        (tmp_path / attachment).write_bytes(b"bijlage " + attachment.encode())
    for name, onderwerp, port, directie in (
        ("piet", "Koepelplan Stadsbeheer 2012", "Wethouder Pastoor", "StadBeheer"),
        ("marie", "Subsidieregeling Oosterpoort", "Wethouder Visscher", "Bestuursdienst"),
    ):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(a4tje(onderwerp, directie=directie, port=port, steller=name).to_json()),
                        encoding="utf-8")
        drafts[name] = path
    id_piet = ok(run_main(piet, "submit", str(drafts["piet"]), "--no-layout")).split()[0]
    id_marie = ok(run_main(marie, "submit", str(drafts["marie"]), "--no-layout")).split()[0]

    inbox = json.loads(ok(run_main(anna, "meeting", "inbox", "--json")))
    assert {r["id"] for r in inbox} == {id_piet, id_marie}
    assert all(r["verificatie"] in ("vertrouwd", "nieuwe sleutel") for r in inbox), [(r["verificatie"], r["probleem"]) for r in inbox]

    yy = date.today().year % 100
    assert f"SB {yy:02d}.0000001" in ok(run_main(anna, "meeting", "accept", id_piet))
    assert f"BD {yy:02d}.0000001" in ok(run_main(anna, "meeting", "accept", id_marie))

    # Forged and corrupt decision files: the steller's application ignores them.
    forge_status(queue, id_piet, "besloten")
    (queue / "status" / f"{id_marie}.json").write_text("{ kapot", encoding="utf-8")
    assert own_status(piet)[id_piet]["status"] == "ingediend"
    assert own_status(marie)[id_marie]["status"] == "ingediend"

    ok(run_main(anna, "meeting", "create", DAY, "--sluiting", "2030-05-30 12:00"))
    ok(run_main(anna, "meeting", "place", DAY, id_piet, "--bespreek"))
    ok(run_main(anna, "meeting", "place", DAY, id_marie, "--hamer"))
    ok(run_main(anna, "meeting", "order", DAY))
    shown = json.loads(ok(run_main(anna, "meeting", "show", DAY, "--json")))
    assert [(i["nr"], i["inzending"]) for i in shown["agenda"]] == [(1, id_marie), (2, id_piet)]
    assert own_status(piet)[id_piet]["status"] == "geagendeerd"
    ok(run_main(anna, "meeting", "freeze", DAY))
    out = tmp_path / "uit"
    ok(run_main(anna, "meeting", "export", DAY, "--agenda", str(out / "agenda.docx")))
    ok(run_main(anna, "meeting", "export", DAY, "--set", str(out / "set")))

    ok(run_main(anna, "meeting", "decide", DAY, id_piet, "conform"))
    assert "gepubliceerd" in ok(run_main(anna, "meeting", "decide", DAY, id_marie, "aangehouden"))
    ok(run_main(anna, "meeting", "publish", DAY, "--uit", str(out / "besluiten")))

    p = own_status(piet)[id_piet]
    assert p["status"] == "teruggekoppeld" and "conform" in p["toelichting"]
    assert "Het college besluit: I. in te stemmen" in p["toelichting"]
    m = own_status(marie)[id_marie]
    assert m["status"] == "besloten" and "aangehouden" in m["toelichting"]

    # The aangehouden stuk comes back for the next meeting, and marie sees it placed again.
    assert "teruggeplaatst" in ok(run_main(anna, "meeting", "create", NEXT))
    nxt = json.loads(ok(run_main(anna, "meeting", "show", NEXT, "--json")))
    assert [i["inzending"] for i in nxt["agenda"]] == [id_marie]
    assert nxt["agenda"][0]["aangehouden_van"] == DAY
    assert own_status(marie)[id_marie]["status"] == "geagendeerd"

    log = json.loads(ok(run_main(anna, "meeting", "log", id_piet, "--json")))
    assert [e["soort"] for e in log] == [
        "nieuwe_sleutel_aanvaard", "aanvaard", "geagendeerd", "besloten", "teruggekoppeld"]
    assert all(e["door"] and e["op"] for e in log)

    from desktop.export.render import pdf_text, soffice_to_pdf

    docs = [out / "agenda.docx", *sorted((out / "set").glob("*.docx")), *sorted((out / "besluiten").glob("*.docx"))]
    assert len(docs) == 1 + 3 + 3  # agenda; set = agenda + 2 stukken; besluitenlijst, terugkoppeling, 1 definitief
    pdfs = soffice_to_pdf(docs, tmp_path / "pdf")
    texts = {pdf.stem: " ".join(pdf_text(pdf).split()) for pdf in pdfs}
    assert "Koepelplan Stadsbeheer 2012" in texts["agenda"]
    set_stukken = [t for k, t in texts.items() if k[:2] in ("01", "02")]
    assert any(f"BD {yy:02d}.0000001" in t for t in set_stukken)  # each stuk with its number
    assert any(f"SB {yy:02d}.0000001" in t for t in set_stukken)
    assert any(f"SB {yy:02d}.0000001" in t for k, t in texts.items() if k.startswith("definitief"))
    assert "Aangehouden" in texts[f"besluitenlijst {DAY}"]
