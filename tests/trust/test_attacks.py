"""Issue 12, the attacks on trust (part A): each by a real colleague in a process of her own, on a
real share folder. Each attack fails safely, and the honest path next to it still works.

rogue secretary (site list, and pinning without one), stolen stuk via supersedes, stale
verification, withdrawal undone, steller as secretary, who submitted it, Geheim cached in clear.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.secretariat.conftest import run_main
from tests.trust.helpers import (
    CLAIM_SUPERSEDES,
    FORGE_STATUS,
    PUBLISH_OWN_KEY,
    all_bytes,
    draft_file,
    inbox,
    new_key,
    ok,
    person,
    python,
    refused,
    status,
    submit,
)

DAY = "2030-06-04"
SECRET = "Grondaankoop Reitdiephaven"


def _recipients(queue: Path, sid: str) -> list[str]:
    header = json.loads((queue / "ingediend" / sid / "sleutels.json").read_bytes())
    return [r["key_id"] for r in header["recipients"]]


def _number(accepted: str) -> str:
    return accepted.split("registratienummer", 1)[1].strip().rstrip(".")


def _delete_marker(queue: Path, sid: str) -> None:
    markers = [p for p in queue.rglob(f"{sid}.json") if "ingetrokken" in p.parts]
    assert markers
    for p in markers:
        p.unlink()


def _share_with_site(tmp_path: Path) -> tuple[Path, Path, dict[str, str], str]:
    """IT's site folder lists Anna's key; Anna made the share."""
    queue, site = tmp_path / "share", tmp_path / "site"
    site.mkdir()
    anna = person(tmp_path, "anna", queue, site)
    anna_id = new_key(anna)
    (site / "secretariaat-sleutels.txt").write_text(f"# secretariaat\n{anna_id}  # Anna\n", encoding="utf-8")
    ok(run_main(anna, "meeting", "init"))
    return queue, site, anna, anna_id


def test_rogue_secretary_with_the_site_list(tmp_path: Path) -> None:
    queue, site, anna, anna_id = _share_with_site(tmp_path)
    piet = person(tmp_path, "piet", queue, site)
    mallory = person(tmp_path, "mallory", queue, site)
    new_key(mallory)
    mallory_id = python(mallory, PUBLISH_OWN_KEY, str(queue)).strip()
    assert (queue / "sleutels" / "secretariaat" / f"{mallory_id}.json").exists()

    # Her key is never used to encrypt ...
    geheim = submit(piet, draft_file(tmp_path, "piet", onderwerp=SECRET, classificatie="Geheim"))
    assert _recipients(queue, geheim) == [anna_id]
    # ... nothing she signs is believed ...
    plain = submit(piet, draft_file(tmp_path, "piet"))
    python(mallory, FORGE_STATUS, str(queue), plain)
    assert status(piet)[plain]["status"] == "ingediend"
    # ... and she cannot act as the secretariat.
    refused(run_main(mallory, "meeting", "accept", plain), "niet in de lijst van IT")

    # The honest path: Anna accepts; Piet believes her status.
    ok(run_main(anna, "meeting", "accept", plain))
    assert "registratienummer" in status(piet)[plain]["toelichting"]
    assert SECRET in json.dumps(inbox(anna)[geheim])  # Anna (listed) can open the Geheim stuk


def test_rogue_secretary_without_a_site_folder_needs_confirmation(tmp_path: Path) -> None:
    queue = tmp_path / "share"
    anna, piet, mallory = (person(tmp_path, n, queue) for n in ("anna", "piet", "mallory"))
    anna_id = new_key(anna)
    ok(run_main(anna, "meeting", "init"))
    first = submit(piet, draft_file(tmp_path, "piet", onderwerp="Eerste stuk"))
    ok(run_main(anna, "meeting", "accept", first))
    assert "registratienummer" in status(piet)[first]["toelichting"]  # Piet pinned Anna's key on first sight

    new_key(mallory)
    mallory_id = python(mallory, PUBLISH_OWN_KEY, str(queue)).strip()
    geheim = submit(piet, draft_file(tmp_path, "piet", onderwerp=SECRET, classificatie="Geheim"))
    assert _recipients(queue, geheim) == [anna_id]
    second = submit(piet, draft_file(tmp_path, "piet", onderwerp="Tweede stuk"))
    python(mallory, FORGE_STATUS, str(queue), second)
    seen = run_main(piet, "status", "--json")
    assert {r["id"]: r for r in json.loads(ok(seen))}[second]["status"] == "ingediend"
    assert "Nieuwe sleutel(s) van het secretariaat" in seen.stderr  # Piet is told, not fooled

    # Piet checks the fingerprint with the secretariat and confirms the new key: then it counts.
    keys = json.loads(ok(run_main(piet, "sleutels", "--json")))["secretariaat"]
    pending = {k["key_id"]: k for k in keys}[mallory_id]
    assert pending["vertrouwen"] == "wacht op bevestiging"
    ok(run_main(piet, "sleutels", "--vertrouw", pending["vingerafdruk"]))
    assert status(piet)[second]["status"] == "besloten"


def test_stolen_stuk_via_supersedes(tmp_path: Path) -> None:
    queue = tmp_path / "share"
    anna, piet, mallory = (person(tmp_path, n, queue) for n in ("anna", "piet", "mallory"))
    new_key(anna)
    ok(run_main(anna, "meeting", "init"))
    victim = submit(piet, draft_file(tmp_path, "piet", onderwerp="Koepelplan Stadsbeheer 2012"))
    number = _number(ok(run_main(anna, "meeting", "accept", victim)))
    thief = submit(mallory, draft_file(tmp_path, "mallory", onderwerp="Koepelplan Mallory BV", steller="M. Allory"))
    python(mallory, CLAIM_SUPERSEDES, str(queue / "ingediend" / thief), victim)

    refused(run_main(anna, "meeting", "accept", thief), "andere sleutel dan het origineel")
    ok(run_main(anna, "meeting", "create", DAY))
    ok(run_main(anna, "meeting", "place", DAY, victim))  # the original keeps its number and its place
    shown = json.loads(ok(run_main(anna, "meeting", "show", DAY, "--json")))
    assert [(i["inzending"], i["registratienummer"]) for i in shown["agenda"]] == [(victim, number)]

    # The honest path: Piet's own new version of a returned stuk (the same stored draft) keeps the number.
    path = draft_file(tmp_path, "piet", onderwerp="Subsidieregeling Oosterpoort")
    draft_id = ok(run_main(piet, "drafts", "import", str(path))).split()[0]
    own = submit(piet, draft_id)
    own_number = _number(ok(run_main(anna, "meeting", "accept", own)))
    ok(run_main(anna, "meeting", "return", own, "--reden", "Graag korter."))
    status(piet)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["values"]["samenvatting"] += " Korter."
    path.write_text(json.dumps(data), encoding="utf-8")
    ok(run_main(piet, "drafts", "save", draft_id, str(path)))
    again = submit(piet, draft_id)
    assert inbox(anna)[again]["vervangt"] == own
    assert _number(ok(run_main(anna, "meeting", "accept", again))) == own_number


def test_stale_verification_edit_in_place_keeping_size_and_mtime(tmp_path: Path) -> None:
    queue = tmp_path / "share"
    anna, piet = (person(tmp_path, n, queue) for n in ("anna", "piet"))
    new_key(anna)
    ok(run_main(anna, "meeting", "init"))
    forged = submit(piet, draft_file(tmp_path, "piet", onderwerp="Koepelplan Stadsbeheer 2012"))
    honest = submit(piet, draft_file(tmp_path, "piet", onderwerp="Subsidieregeling Oosterpoort"))
    assert inbox(anna)[forged]["verificatie"] == "nieuwe sleutel"  # verified once, now in the index

    meta = queue / "ingediend" / forged / "meta.json"
    before = meta.stat()
    raw = meta.read_bytes()
    assert "€ 400.000".encode() in raw
    with meta.open("r+b") as fh:  # in place: same inode, size and mtime
        fh.write(raw.replace("€ 400.000".encode(), "€ 900.000".encode()))
    os.utime(meta, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert meta.stat().st_size == before.st_size and meta.stat().st_mtime_ns == before.st_mtime_ns

    refused(run_main(anna, "meeting", "accept", forged), "niet echt of beschadigd")
    ok(run_main(anna, "meeting", "accept", honest))
    zaken = "".join(p.read_text(encoding="utf-8") for p in queue.rglob("*.json") if "zaken" in p.parts)
    assert "900.000" not in zaken


def test_withdrawal_undone_by_deleting_the_marker(tmp_path: Path) -> None:
    queue = tmp_path / "share"
    anna, piet = (person(tmp_path, n, queue) for n in ("anna", "piet"))
    new_key(anna)
    ok(run_main(anna, "meeting", "init"))
    sid = submit(piet, draft_file(tmp_path, "piet", onderwerp="Koepelplan Stadsbeheer 2012"))
    keep = submit(piet, draft_file(tmp_path, "piet", onderwerp="Subsidieregeling Oosterpoort"))
    ok(run_main(anna, "meeting", "accept", sid))
    ok(run_main(piet, "withdraw", sid))
    assert inbox(anna) and True  # Anna's application sees the withdrawal and records it
    _delete_marker(queue, sid)  # a colleague deletes the marker (wherever it is now)

    ok(run_main(anna, "meeting", "create", DAY))
    refused(run_main(anna, "meeting", "place", DAY, sid))
    refused(run_main(anna, "meeting", "accept", sid))
    assert status(piet)[sid]["status"] == "ingetrokken"
    # The honest path: the other stuk is accepted and placed.
    ok(run_main(anna, "meeting", "accept", keep))
    ok(run_main(anna, "meeting", "place", DAY, keep))


def test_withdrawal_seen_at_accept_is_recorded(tmp_path: Path) -> None:
    queue = tmp_path / "share"
    anna, piet = (person(tmp_path, n, queue) for n in ("anna", "piet"))
    new_key(anna)
    ok(run_main(anna, "meeting", "init"))
    sid = submit(piet, draft_file(tmp_path, "piet"))
    ok(run_main(piet, "withdraw", sid))
    refused(run_main(anna, "meeting", "accept", sid), "ingetrokken")  # seen here: recorded
    _delete_marker(queue, sid)
    refused(run_main(anna, "meeting", "accept", sid))


def test_steller_as_secretary(tmp_path: Path) -> None:
    queue, site, anna, _ = _share_with_site(tmp_path)
    piet = person(tmp_path, "piet", queue, site)
    sid = submit(piet, draft_file(tmp_path, "piet"))
    for command in (["meeting", "accept", sid], ["meeting", "inbox"], ["meeting", "create", DAY],
                    ["meeting", "window"]):
        refused(run_main(piet, *command), "geen sleutel van het secretariaat")
    new_key(piet)  # a key of his own does nothing until IT lists it
    refused(run_main(piet, "meeting", "accept", sid), "niet in de lijst van IT")
    # Without a site folder a steller without a key is refused too.
    local = person(tmp_path, "kees", queue)
    refused(run_main(local, "meeting", "accept", sid), "geen sleutel van het secretariaat")
    # The honest path: the listed secretary accepts; the log names her.
    ok(run_main(anna, "meeting", "accept", sid))


def test_who_submitted_it(tmp_path: Path) -> None:
    queue = tmp_path / "share"
    anna, piet, mallory = (person(tmp_path, n, queue) for n in ("anna", "piet", "mallory"))
    new_key(anna)
    ok(run_main(anna, "meeting", "init"))
    real = submit(piet, draft_file(tmp_path, "piet", steller="P. Jansen"))
    ok(run_main(anna, "meeting", "accept", real))  # binds Piet's key to his account and name
    fake = submit(mallory, draft_file(tmp_path, "mallory", onderwerp="Nog een plan", steller="P. Jansen"))

    rows = inbox(anna)
    assert rows[real]["account"].startswith("piet") and rows[fake]["account"].startswith("mallory")
    assert rows[real]["vingerafdruk"] and rows[real]["vingerafdruk"] != rows[fake]["vingerafdruk"]
    assert rows[fake]["verificatie"] == "gewijzigde sleutel"  # same name, another key
    text = ok(run_main(anna, "meeting", "inbox"))
    assert rows[fake]["vingerafdruk"] in text and "mallory" in text
    refused(run_main(anna, "meeting", "accept", fake), "ANDERE sleutel")
    # The honest path: after checking with the steller, --vertrouw accepts it.
    ok(run_main(anna, "meeting", "accept", fake, "--vertrouw"))


def test_geheim_is_never_cached_in_clear(tmp_path: Path) -> None:
    queue = tmp_path / "share"
    anna, piet = (person(tmp_path, n, queue) for n in ("anna", "piet"))
    new_key(anna)
    ok(run_main(anna, "meeting", "init"))
    sid = submit(piet, draft_file(tmp_path, "piet", onderwerp=SECRET, classificatie="Geheim"))
    assert inbox(anna)[sid]["onderwerp"] == SECRET  # Anna reads it ...
    ok(run_main(anna, "meeting", "accept", sid))
    assert inbox(anna)[sid]["onderwerp"] == SECRET
    # ... but nothing on her disk or in the share holds it in clear.
    assert SECRET.encode() not in all_bytes(tmp_path / "anna")
    assert SECRET.encode() not in all_bytes(queue)
